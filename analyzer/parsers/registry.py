"""The one list of output dialects: which parser reads which command's output.

Adding a dialect = a grammar, its transformer module, one entry here, its fixtures.
Dialects of one kind are tried in this order; the first is that kind's default.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from analyzer.parsers import (
    arp,
    ifconfig,
    ip_addr,
    ip_addr_json,
    ip_neigh,
    ip_neigh_json,
    ip_route,
    ip_route_json,
    ipconfig,
    mtr,
    ping,
    ping_bsd,
    ping_busybox,
    ping_iputils_ja,
    ping_windows_en,
    ping_windows_ja,
    route_print,
    route_table,
    tracepath,
    traceroute,
    traceroute_bsd,
    traceroute_busybox,
    tracert,
    tracert_ja,
)
from analyzer.parsers.base import Parsed
from analyzer.transcript import Line

KINDS = ("ping", "traceroute", "ip_route", "ip_neigh", "ip_addr")


@dataclass(frozen=True, slots=True)
class Dialect:
    """One tool's (and locale's) output format for a command kind."""

    kind: str
    name: str
    grammar: str
    shape: re.Pattern[str]
    header: re.Pattern[str] | None
    parse: Callable[[Sequence[Line], Sequence[str]], Parsed[Any]]
    programs: frozenset[str]
    # A line that only continues the line above it (its text unstripped), or None.
    continuation: re.Pattern[str] | None = None


def _from(kind: str, name: str, module: ModuleType, programs: set[str]) -> Dialect:
    """A dialect whose parser module `analyzer.parsers.X` reads with `grammars/X.lark`."""
    return Dialect(kind=kind, name=name, grammar=module.__name__.rsplit(".", 1)[1],
                   shape=module.SHAPE, header=module.HEADER, parse=module.parse,
                   programs=frozenset(programs))


DIALECTS: tuple[Dialect, ...] = (
    _from("ping", "iputils", ping, {"ping", "ping4", "ping6"}),
    _from("ping", "busybox", ping_busybox, {"ping", "ping6"}),
    _from("ping", "bsd", ping_bsd, {"ping", "ping6"}),
    _from("ping", "windows-en", ping_windows_en, {"ping", "ping.exe", "PING", "PING.EXE"}),
    _from("ping", "windows-ja", ping_windows_ja, {"ping", "ping.exe", "PING", "PING.EXE"}),
    _from("ping", "iputils-ja", ping_iputils_ja, {"ping", "ping4", "ping6"}),
    _from("traceroute", "linux-traceroute", traceroute, {"traceroute", "traceroute6"}),
    _from("traceroute", "bsd", traceroute_bsd, {"traceroute", "traceroute6"}),
    _from("traceroute", "busybox", traceroute_busybox, {"traceroute", "traceroute6"}),
    _from("traceroute", "windows-en", tracert,
          {"tracert", "tracert.exe", "TRACERT", "TRACERT.EXE"}),
    _from("traceroute", "windows-ja", tracert_ja,
          {"tracert", "tracert.exe", "TRACERT", "TRACERT.EXE"}),
    _from("traceroute", "tracepath", tracepath, {"tracepath", "tracepath6"}),
    _from("traceroute", "mtr", mtr, {"mtr"}),
    _from("ip_route", "iproute2", ip_route, {"ip"}),
    _from("ip_route", "iproute2-json", ip_route_json, {"ip"}),
    Dialect("ip_route", "net-tools", "route_table", route_table.NET_TOOLS_SHAPE,
            route_table.HEADER, route_table.parse, frozenset({"route", "netstat"})),
    Dialect("ip_route", "bsd", "route_table", route_table.BSD_SHAPE, route_table.HEADER,
            route_table.parse, frozenset({"netstat"})),
    Dialect("ip_route", "windows-en", "route_print", route_print.WINDOWS_EN_SHAPE,
            route_print.HEADER, route_print.parse,
            frozenset({"route", "ROUTE", "route.exe", "ROUTE.EXE", "netstat", "NETSTAT"}),
            route_print.CONTINUATION),
    Dialect("ip_route", "windows-ja", "route_print", route_print.WINDOWS_JA_SHAPE,
            route_print.HEADER, route_print.parse,
            frozenset({"route", "ROUTE", "route.exe", "ROUTE.EXE", "netstat", "NETSTAT"}),
            route_print.CONTINUATION),
    _from("ip_neigh", "iproute2", ip_neigh, {"ip"}),
    _from("ip_neigh", "iproute2-json", ip_neigh_json, {"ip"}),
    Dialect("ip_neigh", "net-tools", "arp", arp.NET_TOOLS_SHAPE, arp.HEADER, arp.parse,
            frozenset({"arp"})),
    Dialect("ip_neigh", "bsd", "arp", arp.BSD_SHAPE, arp.HEADER, arp.parse, frozenset({"arp"})),
    Dialect("ip_neigh", "windows-en", "arp", arp.WINDOWS_EN_SHAPE, arp.HEADER, arp.parse,
            frozenset({"arp", "ARP", "arp.exe", "ARP.EXE"})),
    Dialect("ip_neigh", "windows-ja", "arp", arp.WINDOWS_JA_SHAPE, arp.HEADER, arp.parse,
            frozenset({"arp", "ARP", "arp.exe", "ARP.EXE"})),
    _from("ip_addr", "iproute2", ip_addr, {"ip"}),
    _from("ip_addr", "iproute2-json", ip_addr_json, {"ip"}),
    Dialect("ip_addr", "net-tools", "ifconfig", ifconfig.NET_TOOLS_SHAPE, ifconfig.HEADER,
            ifconfig.parse, frozenset({"ifconfig"})),
    Dialect("ip_addr", "bsd", "ifconfig", ifconfig.BSD_SHAPE, ifconfig.HEADER, ifconfig.parse,
            frozenset({"ifconfig"})),
    Dialect("ip_addr", "windows-en", "ipconfig", ipconfig.WINDOWS_EN_SHAPE, ipconfig.HEADER,
            ipconfig.parse, frozenset({"ipconfig", "IPCONFIG", "ipconfig.exe", "IPCONFIG.EXE"}),
            ipconfig.CONTINUATION),
    Dialect("ip_addr", "windows-ja", "ipconfig", ipconfig.WINDOWS_JA_SHAPE, ipconfig.HEADER,
            ipconfig.parse, frozenset({"ipconfig", "IPCONFIG", "ipconfig.exe", "IPCONFIG.EXE"}),
            ipconfig.CONTINUATION),
)


# How many first lines of a block choose its dialect.
_SAMPLE = 8


@cache
def dialects_of(kind: str) -> tuple[Dialect, ...]:
    """The dialects of one command kind, default first."""
    return tuple(d for d in DIALECTS if d.kind == kind)


def dialect_of_line(text: str) -> Dialect | None:
    """The first dialect whose output can contain this (stripped) line, if any.

    Each shape is tried in turn: one alternation of all of them is no faster per line
    and takes ~50 ms to compile on every run.
    """
    return next((d for d in DIALECTS if d.shape.match(text)), None)


def choose_dialect(kind: str, lines: Sequence[Line], program: str | None) -> Dialect:
    """The dialect of `kind` that recognises most of the block's first lines."""
    candidates = dialects_of(kind)
    if len(candidates) == 1:
        return candidates[0]
    sample = [t for t in (line.text.strip() for line in lines[:_SAMPLE]) if t]
    best: tuple[tuple[int, bool], Dialect] | None = None
    for d in candidates:
        score = (sum(1 for t in sample if d.shape.match(t)), program in d.programs)
        if score == (len(sample), True):
            return d  # nothing can score higher, and earlier dialects win ties
        if best is None or score > best[0]:
            best = (score, d)
    return best[1] if best else candidates[0]

"""The one list of output dialects: which parser reads which command's output.

Adding a dialect = a grammar, its transformer module, its patterns in `shapes`, one entry
here, its fixtures. Dialects of one kind are tried in this order; the first is that kind's
default. A dialect compiles its patterns when first asked and imports its parser module
when it first parses: a paste costs the parsers of the dialects it holds, not all of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import import_module
from typing import Any, Protocol

from analyzer.parsers import shapes as S
from analyzer.parsers.base import Parsed
from analyzer.transcript import Line

KINDS = ("ping", "traceroute", "ip_route", "ip_neigh", "ip_addr")


class _Parse(Protocol):
    def __call__(self, lines: Sequence[Line], argv: Sequence[str]) -> Parsed[Any]: ...


@dataclass(frozen=True)
class Dialect:
    """One tool's (and locale's) output format for a command kind.

    `module` is the parser module `analyzer.parsers.<module>` (its `parse`), which reads
    with `grammars/<module>.lark`; the patterns are `shapes` texts.
    """

    kind: str
    name: str
    module: str
    shape_text: str
    header_text: str | None
    programs: frozenset[str]
    # A line that only continues the line above it (its text unstripped), or None.
    continuation_text: str | None = None

    @cached_property
    def shape(self) -> re.Pattern[str]:
        """The coarse shape of every (stripped) line this dialect prints."""
        return re.compile(self.shape_text)

    @cached_property
    def header(self) -> re.Pattern[str] | None:
        """The line that starts one run of this dialect's output, if it prints one."""
        return re.compile(self.header_text) if self.header_text is not None else None

    @cached_property
    def continuation(self) -> re.Pattern[str] | None:
        """A line that only continues the line above it, if the dialect prints such."""
        text = self.continuation_text
        return re.compile(text) if text is not None else None

    @cached_property
    def _parser(self) -> _Parse:
        parse: _Parse = import_module(f"analyzer.parsers.{self.module}").parse
        return parse

    def parse(self, lines: Sequence[Line], argv: Sequence[str]) -> Parsed[Any]:
        """Read a block's lines with this dialect's parser (`argv`: the command, if known)."""
        return self._parser(lines, argv)


_PING = frozenset({"ping", "ping4", "ping6"})
_PING_WIN = frozenset({"ping", "ping.exe", "PING", "PING.EXE"})
_TRACEROUTE = frozenset({"traceroute", "traceroute6"})
_TRACERT = frozenset({"tracert", "tracert.exe", "TRACERT", "TRACERT.EXE"})
_ROUTE_WIN = frozenset({"route", "ROUTE", "route.exe", "ROUTE.EXE", "netstat", "NETSTAT"})
_ARP_WIN = frozenset({"arp", "ARP", "arp.exe", "ARP.EXE"})
_IPCONFIG = frozenset({"ipconfig", "IPCONFIG", "ipconfig.exe", "IPCONFIG.EXE"})
_IP = frozenset({"ip"})

DIALECTS: tuple[Dialect, ...] = (
    Dialect("ping", "iputils", "ping", S.PING, S.PING_HEADER, _PING),
    Dialect("ping", "busybox", "ping_busybox", S.PING_BUSYBOX, S.PING_BUSYBOX_HEADER,
            frozenset({"ping", "ping6"})),
    Dialect("ping", "bsd", "ping_bsd", S.PING_BSD, S.PING_BSD_HEADER,
            frozenset({"ping", "ping6"})),
    Dialect("ping", "windows-en", "ping_windows_en", S.PING_WINDOWS_EN,
            S.PING_WINDOWS_EN_HEADER, _PING_WIN),
    Dialect("ping", "windows-ja", "ping_windows_ja", S.PING_WINDOWS_JA,
            S.PING_WINDOWS_JA_HEADER, _PING_WIN),
    Dialect("ping", "iputils-ja", "ping_iputils_ja", S.PING_IPUTILS_JA,
            S.PING_IPUTILS_JA_HEADER, _PING),
    Dialect("traceroute", "linux-traceroute", "traceroute", S.TRACEROUTE, S.TRACEROUTE_HEADER,
            _TRACEROUTE),
    Dialect("traceroute", "bsd", "traceroute_bsd", S.TRACEROUTE_BSD, S.TRACEROUTE_HEADER,
            _TRACEROUTE),
    Dialect("traceroute", "busybox", "traceroute_busybox", S.TRACEROUTE_BUSYBOX,
            S.TRACEROUTE_HEADER, _TRACEROUTE),
    Dialect("traceroute", "windows-en", "tracert", S.TRACERT, S.TRACERT_HEADER, _TRACERT),
    Dialect("traceroute", "windows-ja", "tracert_ja", S.TRACERT_JA, S.TRACERT_JA_HEADER,
            _TRACERT),
    Dialect("traceroute", "tracepath", "tracepath", S.TRACEPATH, S.TRACEPATH_HEADER,
            frozenset({"tracepath", "tracepath6"})),
    Dialect("traceroute", "mtr", "mtr", S.MTR, S.MTR_HEADER, frozenset({"mtr"})),
    Dialect("ip_route", "iproute2", "ip_route", S.IP_ROUTE, None, _IP),
    Dialect("ip_route", "iproute2-json", "ip_route_json", S.IP_ROUTE_JSON, S.IP_JSON_HEADER,
            _IP),
    Dialect("ip_route", "net-tools", "route_table", S.ROUTE_TABLE_NET_TOOLS,
            S.ROUTE_TABLE_HEADER, frozenset({"route", "netstat"})),
    Dialect("ip_route", "bsd", "route_table", S.ROUTE_TABLE_BSD, S.ROUTE_TABLE_HEADER,
            frozenset({"netstat"})),
    Dialect("ip_route", "windows-en", "route_print", S.ROUTE_PRINT_EN, S.ROUTE_PRINT_HEADER,
            _ROUTE_WIN, S.ROUTE_PRINT_CONTINUATION),
    Dialect("ip_route", "windows-ja", "route_print", S.ROUTE_PRINT_JA, S.ROUTE_PRINT_HEADER,
            _ROUTE_WIN, S.ROUTE_PRINT_CONTINUATION),
    Dialect("ip_neigh", "iproute2", "ip_neigh", S.IP_NEIGH, None, _IP),
    Dialect("ip_neigh", "iproute2-json", "ip_neigh_json", S.IP_NEIGH_JSON, S.IP_JSON_HEADER,
            _IP),
    Dialect("ip_neigh", "net-tools", "arp", S.ARP_NET_TOOLS, S.ARP_HEADER, frozenset({"arp"})),
    Dialect("ip_neigh", "bsd", "arp", S.ARP_BSD, S.ARP_HEADER, frozenset({"arp"})),
    Dialect("ip_neigh", "windows-en", "arp", S.ARP_WINDOWS_EN, S.ARP_HEADER, _ARP_WIN),
    Dialect("ip_neigh", "windows-ja", "arp", S.ARP_WINDOWS_JA, S.ARP_HEADER, _ARP_WIN),
    Dialect("ip_addr", "iproute2", "ip_addr", S.IP_ADDR, S.IP_ADDR_HEADER, _IP),
    Dialect("ip_addr", "iproute2-json", "ip_addr_json", S.IP_ADDR_JSON, S.IP_JSON_HEADER, _IP),
    Dialect("ip_addr", "net-tools", "ifconfig", S.IFCONFIG_NET_TOOLS, None,
            frozenset({"ifconfig"})),
    Dialect("ip_addr", "bsd", "ifconfig", S.IFCONFIG_BSD, None, frozenset({"ifconfig"})),
    Dialect("ip_addr", "windows-en", "ipconfig", S.IPCONFIG_EN, S.IPCONFIG_HEADER, _IPCONFIG,
            S.IPCONFIG_CONTINUATION),
    Dialect("ip_addr", "windows-ja", "ipconfig", S.IPCONFIG_JA, S.IPCONFIG_HEADER, _IPCONFIG,
            S.IPCONFIG_CONTINUATION),
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

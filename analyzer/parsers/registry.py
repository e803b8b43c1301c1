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

from analyzer.parsers import ip_addr, ip_neigh, ip_route, ping, traceroute
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


def _from(kind: str, name: str, module: ModuleType, programs: set[str]) -> Dialect:
    """A dialect whose parser module `analyzer.parsers.X` reads with `grammars/X.lark`."""
    return Dialect(kind=kind, name=name, grammar=module.__name__.rsplit(".", 1)[1],
                   shape=module.SHAPE, header=module.HEADER, parse=module.parse,
                   programs=frozenset(programs))


DIALECTS: tuple[Dialect, ...] = (
    _from("ping", "iputils", ping, {"ping", "ping4", "ping6"}),
    _from("traceroute", "linux-traceroute", traceroute, {"traceroute", "traceroute6"}),
    _from("ip_route", "iproute2", ip_route, {"ip"}),
    _from("ip_neigh", "iproute2", ip_neigh, {"ip"}),
    _from("ip_addr", "iproute2", ip_addr, {"ip"}),
)


def dialects_of(kind: str) -> tuple[Dialect, ...]:
    """The dialects of one command kind, default first."""
    return tuple(d for d in DIALECTS if d.kind == kind)


@cache
def _combined() -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<d{i}>{d.shape.pattern})" for i, d in enumerate(DIALECTS)))


def dialect_of_line(text: str) -> Dialect | None:
    """The first dialect whose output can contain this (stripped) line, if any."""
    m = _combined().match(text)
    if m is None or m.lastgroup is None:
        return None
    return DIALECTS[int(m.lastgroup[1:])]


def choose_dialect(kind: str, lines: Sequence[Line], program: str | None) -> Dialect:
    """The dialect of `kind` that recognises most of the block's first lines."""
    candidates = dialects_of(kind)
    sample = [line.text.strip() for line in lines[:40] if line.text.strip()]

    def score(d: Dialect) -> tuple[int, bool]:
        return sum(1 for t in sample if d.shape.match(t)), program in d.programs

    return max(candidates, key=score)

"""`ip neigh show` → `NeighborData` (iproute2)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lark import Token

from analyzer.parsers import shapes
from analyzer.parsers.base import LineParser, LineTransformer, Parsed, arg_after
from analyzer.records import Neighbor, NeighborData
from analyzer.transcript import Line

NUD_STATES = frozenset(
    {"REACHABLE", "STALE", "DELAY", "PROBE", "FAILED", "INCOMPLETE", "PERMANENT", "NOARP", "NONE"}
)
_KEYED = frozenset({"dev", "lladdr", "ref", "used", "probes", "nud", "protocol", "proto"})
_ANY = re.compile(r"(\S+)\s+(.*)")

SHAPE = re.compile(shapes.IP_NEIGH)

# `ip neigh` prints no header line.
HEADER = None


class _Transformer(LineTransformer[NeighborData]):
    def start(self, items: list[list[Neighbor] | None]) -> NeighborData:
        neighbors = [n for run in items if run for n in run]
        return NeighborData(neighbors=tuple(neighbors))

    def neighbors(self, children: list[Token]) -> list[Neighbor]:
        return [self._entry(line, m) for line, m in self.run_matches(children[0], _ANY)]

    def _entry(self, line: int, m: re.Match[str]) -> Neighbor:
        words = m.group(2).split()
        fields: dict[str, str] = {}
        states: list[str] = []
        router = proxy = False
        i = 0
        while i < len(words):
            word = words[i]
            if word in _KEYED and i + 1 < len(words):
                fields[word] = words[i + 1]
                i += 2
                continue
            if word in NUD_STATES:
                states.append(word)
            elif word == "router":
                router = True
            elif word == "proxy":
                proxy = True
            i += 1
        return Neighbor(
            line=line,
            ip=m.group(1),
            dev=fields.get("dev") or arg_after(self.argv, "dev"),
            lladdr=fields.get("lladdr"),
            state=tuple(states),
            router=router,
            proxy=proxy,
        )


_PARSER = LineParser("ip_neigh", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[NeighborData]:
    """Parse `ip neigh show` output; `dev X` in argv fills entries printed without `dev`."""
    return _PARSER.parse(lines, argv)

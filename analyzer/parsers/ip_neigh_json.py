"""`ip -j neigh` / `ip -j -p neigh` → `NeighborData`.

`dst` → `ip`, `state` is the list of NUD states, `router` and `proxy` are keys printed
with a null value when set. `dev` comes from `dev X` in the command when absent (iproute2
leaves out what the command selected on).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from lark import Token

from analyzer.parsers import shapes
from analyzer.parsers.base import LineParser, Parsed, arg_after
from analyzer.parsers.ip_json import HEADER as HEADER
from analyzer.parsers.ip_json import JsonTransformer, Objects
from analyzer.records import Neighbor, NeighborData
from analyzer.transcript import Line

SHAPE = re.compile(shapes.IP_NEIGH_JSON)


class _Transformer(JsonTransformer[NeighborData]):
    def start(self, items: list[list[Neighbor] | None]) -> NeighborData:
        return NeighborData(neighbors=tuple(n for run in items if run for n in run))

    def record(self, obj: dict[str, Any], objects: Objects, token: Token) -> Neighbor | None:
        ip, dev, lladdr, state = (obj.get(k) for k in ("dst", "dev", "lladdr", "state"))
        if not isinstance(ip, str):
            return None
        return Neighbor(
            line=self.at(token, objects, obj), ip=ip,
            dev=dev if isinstance(dev, str) else arg_after(self.argv, "dev"),
            lladdr=lladdr if isinstance(lladdr, str) else None,
            state=tuple(s for s in state if isinstance(s, str)) if isinstance(state, list) else (),
            router="router" in obj, proxy="proxy" in obj,
        )


_PARSER = LineParser("ip_neigh_json", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[NeighborData]:
    """Parse `ip -j neigh` output (compact or `-p`)."""
    return _PARSER.parse(lines, argv)

"""`ip -j route` / `ip -j -p route` (also `-6`, `route get`) → `RouteData`.

iproute2's JSON keys map onto the fields its text output fills (see `ip_json` for the
reading): `gateway` (or `via.host`) → `via`, `protocol` → `proto`, `prefsrc` → `src`,
`metrics[].mtu` → `mtu`, `nexthops` → `nexthops`. iproute2 leaves out the attribute the
command selected on, as in text: `dev` comes from `dev X` in the command when absent.
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
from analyzer.records import Nexthop, Route, RouteData
from analyzer.transcript import Line

SHAPE = re.compile(shapes.IP_ROUTE_JSON)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _flags(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _gateway(obj: dict[str, Any]) -> str | None:
    """`gateway`, or `via: {"family": "inet6", "host": ...}` (a gateway of another family)."""
    via = obj.get("via")
    return _str(obj.get("gateway")) or (_str(via.get("host")) if isinstance(via, dict) else None)


def _mtu(metrics: Any) -> int | None:
    """`"metrics": [{"mtu": 1400}]`; a locked value prints as `{"mtu": ["lock", 1400]}`."""
    for item in metrics if isinstance(metrics, list) else []:
        mtu = item.get("mtu") if isinstance(item, dict) else None
        if isinstance(mtu, list):
            mtu = next((v for v in mtu if isinstance(v, int)), None)
        if _int(mtu) is not None:
            return _int(mtu)
    return None


class _Transformer(JsonTransformer[RouteData]):
    def start(self, items: list[list[Route] | None]) -> RouteData:
        return RouteData(routes=tuple(r for run in items if run for r in run))

    def record(self, obj: dict[str, Any], objects: Objects, token: Token) -> Route | None:
        dst = _str(obj.get("dst"))
        if dst is None:
            return None
        hops = obj.get("nexthops")
        nexthops = tuple(
            Nexthop(line=self.at(token, objects, hop), via=_gateway(hop), dev=_str(hop.get("dev")),
                    weight=_int(hop.get("weight")), flags=_flags(hop.get("flags")))
            for hop in (hops if isinstance(hops, list) else []) if isinstance(hop, dict))
        return Route(
            line=self.at(token, objects, obj), dst=dst, type=_str(obj.get("type")) or "unicast",
            via=_gateway(obj), dev=_str(obj.get("dev")) or arg_after(self.argv, "dev", "oif"),
            proto=_str(obj.get("protocol")), scope=_str(obj.get("scope")),
            src=_str(obj.get("prefsrc")), metric=_int(obj.get("metric")),
            flags=_flags(obj.get("flags")), table=_str(obj.get("table")),
            pref=_str(obj.get("pref")), mtu=_mtu(obj.get("metrics")),
            expires=_int(obj.get("expires")), nexthops=nexthops,
        )


_PARSER = LineParser("ip_route_json", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[RouteData]:
    """Parse `ip -j route` output (compact or `-p`)."""
    return _PARSER.parse(lines, argv)

"""Windows `route print` / `netstat -r` (English and Japanese) → `RouteData`.

The records are those of `ip route show`, so the rules read them unchanged:
- `dst`: `Network Destination` with `Netmask` becomes `192.0.2.0/24`; `0.0.0.0/0.0.0.0`
  and `::/0` become `default`; a `/32` or `/128` destination a bare address.
- `via`: the gateway; `On-link` / `リンク上` (and Windows XP's gateway equal to the
  interface address) is on-link: no `via`.
- The IPv4 `Interface` column is the address of the interface the route leaves by, not
  an interface name: it is the route's `src` (the source address Windows uses) and `dev`
  stays None. IPv6 rows name the interface by index (`If`), no name either: `dev` None.
- `metric` is the route's metric (Windows adds the interface metric to it).
- `type`: Windows keeps local, broadcast and multicast routes in the one table Linux
  splits into `local` and `main`; they get iproute2's types so a lookup skips them:
  `local` for the interface's own address, `127.0.0.0/8` and its hosts, `::1`;
  `broadcast` for `255.255.255.255` and an on-link network's broadcast address;
  `multicast` for `224.0.0.0/4` and `ff00::/8`.
- `Persistent Routes:` / `固定ルート:` go to `persistent` (configuration, also shown under
  `Active Routes:` when in use); their `Metric` may read `Default` (None).
An output with no route line at all (a stray `====` line, the interface list alone) is
not a routing table: all its lines are reported as unknown.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from lark import Token

from analyzer.parsers import shapes
from analyzer.parsers.addrfmt import cidr_destination, destination, mask_prefixlen, no_zone
from analyzer.parsers.base import LineParser, LineTransformer, Parsed
from analyzer.records import Route, RouteData
from analyzer.transcript import Line

_ON_LINK = frozenset({"On-link", "リンク上"})
_DOTTED = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_LOOPBACK4 = ipaddress.ip_network("127.0.0.0/8")
_MULTICAST = (ipaddress.ip_network("224.0.0.0/4"), ipaddress.ip_network("ff00::/8"))
_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _within(net: _Network, outer: _Network) -> bool:
    return net.network_address in outer and net.prefixlen >= outer.prefixlen

WINDOWS_EN_SHAPE = re.compile(shapes.ROUTE_PRINT_EN)
WINDOWS_JA_SHAPE = re.compile(shapes.ROUTE_PRINT_JA)
SHAPE = re.compile(shapes.either(shapes.ROUTE_PRINT_EN, shapes.ROUTE_PRINT_JA))
HEADER = re.compile(shapes.ROUTE_PRINT_HEADER)
CONTINUATION = re.compile(shapes.ROUTE_PRINT_CONTINUATION)


@dataclass
class _Section:
    """Where the transformer is: which table, active or persistent routes."""

    persistent: bool = False
    active: list[Route] = field(default_factory=list)
    stored: list[Route] = field(default_factory=list)
    pending: tuple[int, str, str] | None = None  # (line, metric, dst): its gateway wrapped

    def add(self, route: Route) -> None:
        (self.stored if self.persistent else self.active).append(route)


def _metric(text: str) -> int | None:
    return int(text) if text.isdigit() else None  # persistent routes: `Default`


def _route4(line: int, words: list[str], persistent: bool) -> Route | None:
    """`DEST MASK GATEWAY INTERFACE METRIC`; persistent: `DEST MASK GATEWAY METRIC`."""
    if len(words) != (4 if persistent else 5) or not _DOTTED.fullmatch(words[1]):
        return None
    dst, mask, gateway = words[:3]
    interface = None if persistent else words[3]
    prefixlen = mask_prefixlen(mask)
    if prefixlen is None:
        return None
    on_link = gateway in _ON_LINK or gateway == interface
    return Route(line=line, dst=destination(dst, prefixlen), via=None if on_link else gateway,
                 src=interface, metric=_metric(words[-1]))


def _route6(line: int, metric: str, dst: str, gateway: str) -> Route:
    via = None if gateway in _ON_LINK else no_zone(gateway)
    return Route(line=line, dst=cidr_destination(dst), via=via, metric=_metric(metric))


def _typed(routes: list[Route]) -> list[Route]:
    """Local, broadcast and multicast routes typed as iproute2 types them (docstring)."""
    broadcasts = {("255.255.255.255", r.src) for r in routes}
    for r in routes:
        if r.via is None and "/" in r.dst and ":" not in r.dst:
            net = ipaddress.ip_network(r.dst, strict=False)
            broadcasts.add((str(net.broadcast_address), r.src))
    typed = []
    for r in routes:
        if r.dst == "default":
            typed.append(r)
            continue
        net = ipaddress.ip_network(r.dst, strict=False)
        host = str(net.network_address) if net.prefixlen == net.max_prefixlen else None
        if any(_within(net, m) for m in _MULTICAST):
            typed.append(replace(r, type="multicast"))
        elif (host, r.src) in broadcasts and host != r.src:
            typed.append(replace(r, type="broadcast"))
        elif (host is not None and (host in (r.src, "::1") or r.src == "127.0.0.1")) or _within(
                net, _LOOPBACK4):  # Windows XP routes its own addresses by 127.0.0.1
            typed.append(replace(r, type="local"))
        else:
            typed.append(r)
    return typed


class _Transformer(LineTransformer[RouteData]):
    """Section lines and route runs in order; `start` reads the runs in their sections."""

    def start(self, items: list[tuple[str, list[tuple[int, str]]] | None]) -> RouteData:
        at = _Section()
        quiet: list[int] = []
        for item in items:
            if item is None:
                continue
            kind, lines = item
            if kind == "quiet":
                quiet.extend(n for n, _ in lines)
            elif kind == "section":
                line, text = lines[0]
                quiet.append(line)
                at.persistent = text.startswith(("Persistent", "固定"))
            else:
                self._routes(at, lines)
        if at.pending is not None:
            self.unparsed.append(at.pending[0])
        if not at.active and not at.stored:  # not a routing table (module docstring)
            self.unparsed.extend(quiet)
        return RouteData(routes=tuple(_typed(at.active)), persistent=tuple(_typed(at.stored)))

    def _routes(self, at: _Section, lines: list[tuple[int, str]]) -> None:
        for line, text in lines:
            words = text.split()
            if at.pending is not None:
                pline, metric, dst = at.pending
                at.pending = None
                if len(words) == 1:  # the wrapped gateway of the line above
                    at.add(_route6(pline, metric, dst, words[0]))
                    continue
                self.unparsed.append(pline)
            if len(words) == 3 and "/" in words[2] and words[1].isdigit():
                at.pending = (line, words[1], words[2])
                continue
            if len(words) == 4 and "/" in words[2] and words[1].isdigit():
                at.add(_route6(line, words[1], words[2], words[3]))
                continue
            route = _route4(line, words, at.persistent) if len(words) > 1 else None
            if route is None:
                self.unparsed.append(line)
            else:
                at.add(route)

    def section(self, children: list[Token]) -> tuple[str, list[tuple[int, str]]]:
        return "section", [(self.line_of(children[0]), str(children[0]).strip())]

    def quiet(self, children: list[Token]) -> tuple[str, list[tuple[int, str]]]:
        return "quiet", [(self.line_of(children[0]), "")]

    def routes(self, children: list[Token]) -> tuple[str, list[tuple[int, str]]]:
        token = children[0]
        return "routes", [(self.line_of(token, i), text)
                          for i, text in enumerate(str(token).split("\n"))]


_PARSER = LineParser("route_print", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[RouteData]:
    """Parse Windows `route print` output (English and Japanese)."""
    return _PARSER.parse(lines, argv)

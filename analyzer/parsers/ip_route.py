"""`ip route show` / `ip route get` → `RouteData` (iproute2).

The grammar hands over runs of route lines. A line is its destination (after a route
type, if printed) and then words iproute2 prints as `NAME VALUE` attributes, `NAME [lock]
VALUE` metrics, flags, and `nexthop ...` groups (`_scan`). A table repeats the same words
after many destinations (`via 192.0.2.1 dev eth0 proto bgp metric 20`), so each distinct
tail is read once per run and the routes are built from what it gave (`_route`).

Continuation lines belong to the route above them: the `nexthop ...` lines of a multipath
route become its `nexthops`, the `cache ...` line of `ip route get` adds its `mtu` and
`expires`, the `nh_info ...` line of `ip -d route` gives `via`/`dev` to a `nhid` route
that printed none.

iproute2 leaves out of every line the attribute the command selected on (`ip route show
dev eth0` prints no `dev eth0`); those attributes are taken from the command (`_Fill`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from lark import Token

from analyzer.parsers import shapes
from analyzer.parsers.base import LineParser, LineTransformer, Parsed
from analyzer.parsers.shapes import ROUTE_TYPES
from analyzer.records import Nexthop, Route, RouteData
from analyzer.transcript import Line

# Route and next-hop flags as iproute2 prints them (`print_rt_flags`).
ROUTE_FLAGS = frozenset(
    {"dead", "onlink", "pervasive", "offload", "trap", "notify", "linkdown", "unresolved",
     "rt_offload", "rt_trap", "rt_offload_failed"}
)

# A destination as iproute2 prints it: `default`, an address, a prefix, `0/len`.
_DST = re.compile(r"(?:default|[0-9A-Fa-f]*[.:][0-9A-Fa-f.:]*|0)(?:/\d{1,3})?")

# Attributes printed as `NAME VALUE`.
_KEYED = frozenset(
    {"via", "dev", "oif", "table", "proto", "scope", "src", "metric", "from", "nhid", "tos",
     "dsfield", "mark", "realm", "realms", "uid", "expires", "error", "iif", "pref", "weight",
     "users", "used", "age", "ipid", "ttl-propagate", "id"}
)
# Route metrics (`RTA_METRICS`), printed as `NAME [lock] VALUE`.
_METRICS = frozenset(
    {"mtu", "advmss", "rtt", "rttvar", "reordering", "window", "cwnd", "initcwnd", "initrwnd",
     "ssthresh", "rto_min", "hoplimit", "features", "quickack", "congctl",
     "fastopen_no_cookie"}
)
# Words that can follow a route's destination.
_ROUTE_WORDS = _KEYED | _METRICS | ROUTE_FLAGS | {"nexthop", "encap", "as", "cache", "\\"}
# Families iproute2 names before a gateway of another family (`via inet6 fe80::1`).
_FAMILIES = frozenset({"inet", "inet6", "mpls", "link", "bridge"})
# After `encap TYPE`, the encapsulation's own words (`src`, `dst`, `id`, ...) run until one
# of these.
_ENCAP_END = frozenset({"via", "dev", "proto", "scope", "metric", "nexthop", "weight"})
_CONTINUATIONS = frozenset({"nexthop", "cache", "nh_info"})
# First words of route lines that are not the route's destination.
_NOT_DESTINATIONS = ROUTE_TYPES | _CONTINUATIONS

SHAPE = re.compile(shapes.IP_ROUTE)
HEADER = None


@dataclass(frozen=True, slots=True)
class _Fill:
    """The attributes a command selected on, which iproute2 then leaves out of its lines."""

    type: str | None = None
    dev: str | None = None
    via: str | None = None
    table: str | None = None
    proto: str | None = None
    scope: str | None = None
    src: str | None = None
    metric: int | None = None


_NO_FILL = _Fill()
# Options of `ip` that take a value (`ip -n ns1 route`).
_IP_OPTIONS_WITH_VALUE = frozenset(
    {"-n", "-netns", "--netns", "-b", "-batch", "--batch", "-rc", "-rcvbuf", "-l", "-loops",
     "-f", "-family", "--family"}
)


@lru_cache(maxsize=64)
def _fill_from(argv: tuple[str, ...]) -> _Fill:
    """What `ip route show|list ...` selected on; nothing for `ip route get` (prints all)."""
    start = max((i for i, a in enumerate(argv) if a == "ip" or a.endswith("/ip")), default=-1)
    args = list(argv[start + 1:])
    while args and args[0].startswith("-"):
        if args.pop(0) in _IP_OPTIONS_WITH_VALUE and args:
            args.pop(0)
    if not args or not "route".startswith(args[0]):
        return _NO_FILL
    selectors = args[1:]
    if selectors and "get".startswith(selectors[0]):
        return _NO_FILL
    values: dict[str, str] = {}
    for key, value in pairwise(selectors):
        values.setdefault(key, value)
    metric = values.get("metric") or values.get("priority") or values.get("preference")
    table = values.get("table")
    via = values.get("via")
    src = values.get("src")
    return _Fill(
        type=values.get("type"),
        dev=values.get("dev") or values.get("oif"),
        via=via if via and "/" not in via else None,  # a prefix selects, it is still printed
        table=table if table not in (None, "all", "cache") else None,
        proto=values.get("proto") or values.get("protocol"),
        scope=values.get("scope"),
        src=src if src and "/" not in src else None,
        metric=int(metric) if metric and metric.isdigit() else None,
    )


def _int(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


def _seconds(value: str | None) -> int | None:
    """`1790sec` → 1790."""
    if value is None:
        return None
    value = value.removesuffix("sec")
    return int(value) if value.lstrip("-").isdigit() else None


def _scan(words: Sequence[str], fields: dict[str, str], flags: list[str],
          nexthops: list[tuple[dict[str, str], list[str]]]) -> None:
    """Read `NAME VALUE` attributes, `NAME [lock] VALUE` metrics and flags.

    They go to `fields` and `flags`; from a `nexthop` word on, to a new next hop appended
    to `nexthops`. The first value of a name is kept; unknown words are skipped.
    """
    target, target_flags = fields, flags
    i, n = 0, len(words)
    while i < n:
        word = words[i]
        if word == "nexthop":
            target, target_flags = {}, []
            nexthops.append((target, target_flags))
            i += 1
        elif word in ROUTE_FLAGS:
            target_flags.append(word)
            i += 1
        elif word == "via" and i + 1 < n:
            if words[i + 1] in _FAMILIES and i + 2 < n:
                i += 1
            target.setdefault("via", words[i + 1])
            i += 2
        elif word in _KEYED and i + 1 < n:
            target.setdefault("dev" if word == "oif" else word, words[i + 1])
            i += 2
        elif word in _METRICS and i + 1 < n:
            if words[i + 1] == "lock" and i + 2 < n:
                i += 1
            target.setdefault(word, words[i + 1])
            i += 2
        elif word == "as" and i + 1 < n:  # `as to 198.51.100.1` (NAT)
            i += 3 if words[i + 1] == "to" else 2
        elif word == "encap":
            i += 1
            while i < n and words[i] not in _ENCAP_END:
                i += 1
        else:  # the `\` of `ip -o`, `cache`, `<local>`, words of newer versions
            i += 1


def _nexthop(line: int, fields: dict[str, str], flags: list[str]) -> Nexthop:
    return Nexthop(line=line, via=fields.get("via"), dev=fields.get("dev"),
                   weight=_int(fields.get("weight")), flags=tuple(flags))


# What a route line's words after its destination give: the route's attributes that
# differ from the record's defaults, and its next hops (fields, flags) to build with the
# line's number; None when the words are not a route's.
_Hops = tuple[tuple[dict[str, str], list[str]], ...]
_Tail = tuple[dict[str, object], _Hops] | None
# Marks a tail not read yet in a run (None is read: not a route's).
_UNREAD: _Tail = ({}, ())


def _tail(rtype: str | None, words: list[str], fill: _Fill) -> _Tail:
    """Read the words after a route's destination (`rtype` is the type word, if printed)."""
    if words and words[0] not in _ROUTE_WORDS:
        return None
    found: dict[str, str] = {}
    flags: list[str] = []
    hops: list[tuple[dict[str, str], list[str]]] = []
    _scan(words, found, flags, hops)
    get = found.get
    metric = _int(get("metric"))
    attrs: dict[str, object] = {
        "type": rtype or fill.type, "via": get("via") or fill.via, "dev": get("dev") or fill.dev,
        "proto": get("proto") or fill.proto, "scope": get("scope") or fill.scope,
        "src": get("src") or fill.src, "metric": metric if metric is not None else fill.metric,
        "flags": tuple(flags), "table": get("table") or fill.table, "pref": get("pref"),
        "mtu": _int(get("mtu")), "expires": _seconds(get("expires")),
    }
    return {k: v for k, v in attrs.items() if v is not None and v != ()}, tuple(hops)


_new = object.__new__


def _route(line: int, dst: str, tail: tuple[dict[str, object], _Hops]) -> Route:
    """The route of input line `line`: `Route(line=line, dst=dst, **attrs, nexthops=...)`.

    Built by filling the record's `__dict__` (what the frozen dataclass's `__init__` does
    through `object.__setattr__`, at a third of the cost): fields a line does not print keep
    their class-level defaults. A 5,000-route table is 5,000 of these.
    """
    attrs, hops = tail
    route = _new(Route)
    values = route.__dict__
    values.update(attrs)
    values["line"] = line
    values["dst"] = dst
    if hops:
        values["nexthops"] = tuple(_nexthop(line, *hop) for hop in hops)
    return route


def _line_route(line: int, text: str, fill: _Fill) -> Route | None:
    """One route line read on its own; None if it is not a route."""
    words = text.split()
    rtype = words.pop(0) if words[0] in ROUTE_TYPES else None
    if not words or not _DST.fullmatch(words[0]):
        return None
    tail = _tail(rtype, words[1:], fill)
    return _route(line, words[0], tail) if tail else None


def _continued(route: Route, line: int, text: str) -> Route:
    """`route` with its continuation line `text` (nexthop / cache / nh_info) applied."""
    words = text.split()
    kind = words.pop(0)
    fields: dict[str, str] = {}
    flags: list[str] = []
    hops: list[tuple[dict[str, str], list[str]]] = []
    if kind == "nexthop":
        hops.append((fields, flags))
        _scan(words, fields, flags, hops)
        added = tuple(_nexthop(line, hop, hop_flags) for hop, hop_flags in hops)
        return replace(route, nexthops=route.nexthops + added)
    _scan(words, fields, flags, hops)
    if kind == "nh_info":  # `ip -d route`: the nexthop object of a `nhid` route
        return replace(route, via=route.via or fields.get("via"),
                       dev=route.dev or fields.get("dev"))
    # `cache [<flags>] [expires Nsec] [mtu [lock] N] ...` of `ip route get`
    return replace(
        route,
        mtu=route.mtu if route.mtu is not None else _int(fields.get("mtu")),
        expires=route.expires if route.expires is not None
        else _seconds(fields.get("expires")),
    )


class _Transformer(LineTransformer[RouteData]):
    def start(self, items: list[list[Route] | None]) -> RouteData:
        return RouteData(routes=tuple(r for run in items if run for r in run))

    def routes(self, children: list[Token]) -> list[Route]:
        """A run of route lines and their continuation lines.

        A table repeats the same words after its destinations (`via 192.0.2.1 dev eth0
        proto bgp metric 20`): each distinct tail is read once per run.
        """
        token = children[0]
        fill = _fill_from(self.argv) if self.argv else _NO_FILL
        texts = token.split("\n")
        first = (token.line or 1) - 1  # what `line_of` computes, for the whole run at once
        tails: dict[str, _Tail] = {}
        is_dst = _DST.fullmatch
        out: list[Route] = []
        for line, text in zip(self.linemap[first:first + len(texts)], texts, strict=True):
            dst, _, rest = text.partition(" ")
            if dst in _NOT_DESTINATIONS:
                route = None if dst in _CONTINUATIONS else _line_route(line, text, fill)
            else:
                tail = tails.get(rest, _UNREAD)
                if tail is _UNREAD:
                    tail = tails[rest] = _tail(None, rest.split(), fill)
                route = _route(line, dst, tail) if tail and is_dst(dst) else None
            if route is not None:
                out.append(route)
            elif dst in _CONTINUATIONS and out:
                out[-1] = _continued(out[-1], line, text)
            else:  # not a route, or a continuation line whose route is not in this run
                self.unparsed.append(line)
        return out


_PARSER = LineParser("ip_route", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[RouteData]:
    """Parse `ip route show` / `ip -6 route` / `ip route get` output.

    Attributes the command selected on (`dev eth0`, `table 100`, `proto static`, ...) are
    filled into every route that does not print them.
    """
    return _PARSER.parse(lines, argv)

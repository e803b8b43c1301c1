"""`ip route show` / `ip route get` → `RouteData` (iproute2).

The grammar hands over runs of route lines. Each line is read by one regular expression,
`_FAST`, whose optional groups follow the order in which iproute2 prints a route (type, dst,
nhid, via, dev, table, proto, scope, src, metric, flags, pref). A line it does not read whole
(`mtu lock 1400`, `expires 1790sec hoplimit 64`, `via inet6 fe80::1`, `encap ...`, `ip -o`
lines, old versions' extra attributes) is read word by word (`_slow`); both readers give
the same record for the lines both can read.

Continuation lines belong to the route above them: the `nexthop ...` lines of a multipath
route become its `nexthops`, the `cache ...` line of `ip route get` adds its `mtu` and
`expires`, the `nh_info ...` line of `ip -d route` gives `via`/`dev` to a `nhid` route
that printed none.

iproute2 leaves out of every line the attribute the command selected on (`ip route show
dev eth0` prints no `dev eth0`); those attributes are taken from the command (`_Fill`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from itertools import pairwise
from typing import cast

from lark import Token

from analyzer.parsers.base import LineParser, LineTransformer, Parsed
from analyzer.records import Nexthop, Route, RouteData
from analyzer.transcript import Line

ROUTE_TYPES = frozenset(
    {"unicast", "local", "broadcast", "anycast", "multicast", "blackhole", "unreachable",
     "prohibit", "throw", "nat", "xresolve", "unspec"}
)
# Route and next-hop flags as iproute2 prints them (`print_rt_flags`).
ROUTE_FLAGS = frozenset(
    {"dead", "onlink", "pervasive", "offload", "trap", "notify", "linkdown", "unresolved",
     "rt_offload", "rt_trap", "rt_offload_failed"}
)
_TYPE_RE = "|".join(sorted(ROUTE_TYPES))
_FLAG_RE = "|".join(sorted(ROUTE_FLAGS, key=len, reverse=True))

# A route line, in iproute2's order; every group is optional and absent groups read "".
# The groups are atomic and the values possessive, so a line that does not fit fails
# fast; it is then taken whole by `line`. Used with `findall` on a run: one row a line.
_FAST = re.compile(
    rf"^(?:(?:(?P<type>{_TYPE_RE}) +)?"
    r"(?P<dst>(?>default|[0-9A-Fa-f]*+[.:][0-9A-Fa-f.:]*+(?:/\d++)?))"
    r"(?>"
    r"(?: ++nhid ++\d++)?"  # FRR installs its routes with nexthop objects
    r"(?: ++via ++(?P<via>\S++))?"
    r"(?: ++dev ++(?P<dev>\S++))?"
    r"(?: ++table ++(?P<table>\S++))?"
    r"(?: ++proto ++(?P<proto>\S++))?"
    r"(?: ++scope ++(?P<scope>\S++))?"
    r"(?: ++src ++(?P<src>\S++))?"
    r"(?: ++metric ++(?P<metric>\d++))?"
    rf"(?P<flags>(?: ++(?:{_FLAG_RE}))*+)"
    r"(?: ++pref ++(?P<pref>\S++))?"
    r") *+$"
    r"|(?P<line>.+))",
    re.MULTILINE,
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
_CONTINUATIONS = ("nexthop", "cache", "nh_info")

# Coarse shape of a route line or continuation line, for grouping output that has no
# command line. Neighbour lines (`192.0.2.1 dev eth0 lladdr ... REACHABLE`) are not routes.
SHAPE = re.compile(
    rf"\s*(?:(?:{_TYPE_RE})\s+)?"
    r"(?:default|[0-9A-Fa-f]*[.:][0-9A-Fa-f.:]*(?:/\d{1,3})?)"
    r"(?!.*\b(?:lladdr|REACHABLE|STALE|DELAY|PROBE|FAILED|INCOMPLETE|PERMANENT|NOARP)\b)"
    r"(?!\S*\s+dev\s+\S+\s+(?:proxy|router)\s*$)"
    r"\s+(?:from|nhid|via|dev|table|proto|scope|src|metric|onlink|linkdown|dead|encap"
    r"|expires|mtu|uid|pref|error)\b.*"
    r"|\s*(?:nexthop\s+(?:via|dev|encap)\b|cache\b|nh_info\s).*"
    rf"|\s*(?:(?:{_TYPE_RE})\s+)?[0-9A-Fa-f]*[.:][0-9A-Fa-f.:]*/\d{{1,3}}\s*$"
)
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


def _positional_factory(cls: type[Route]) -> Callable[..., Route]:
    """A positional constructor of the frozen, slotted record `cls`.

    The generated `__init__` of a frozen dataclass costs about 1.6 µs for Route's fields
    (keyword arguments, then `object.__setattr__` by name for each field): the largest
    cost of reading a big table. This constructor takes the values in field order and sets
    each slot through its descriptor; it is built from source as `dataclasses` builds
    `__init__`, and gives the object `cls(**values)` gives (the tests compare them).
    """
    names = [f.name for f in fields(cls)]
    namespace: dict[str, object] = {"new": object.__new__, "cls": cls}
    body = [f"def make({', '.join(names)}):", "    o = new(cls)"]
    for name in names:
        namespace[f"set_{name}"] = getattr(cls, name).__set__
        body.append(f"    set_{name}(o, {name})")
    body.append("    return o")
    exec("\n".join(body), namespace)  # the names are the dataclass's own field names
    return cast("Callable[..., Route]", namespace["make"])


_new_route = _positional_factory(Route)


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


def _slow(line: int, text: str, fill: _Fill) -> Route | None:
    """A route line `_FAST` does not read whole, read word by word; None if not a route."""
    words = text.split()
    rtype = words.pop(0) if words[0] in ROUTE_TYPES else fill.type or "unicast"
    if not words or not _DST.fullmatch(words[0]) or (len(words) > 1
                                                     and words[1] not in _ROUTE_WORDS):
        return None
    dst = words.pop(0)
    fields: dict[str, str] = {}
    flags: list[str] = []
    hops: list[tuple[dict[str, str], list[str]]] = []
    _scan(words, fields, flags, hops)
    get = fields.get
    metric = _int(get("metric"))
    return _new_route(
        line, dst, rtype, get("via") or fill.via, get("dev") or fill.dev,
        get("proto") or fill.proto, get("scope") or fill.scope, get("src") or fill.src,
        metric if metric is not None else fill.metric, tuple(flags),
        get("table") or fill.table, get("pref"), _int(get("mtu")), _seconds(get("expires")),
        tuple(_nexthop(line, hop, hop_flags) for hop, hop_flags in hops) if hops else (),
    )


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
        token = children[0]
        fill = _fill_from(self.argv) if self.argv else _NO_FILL
        rows = _FAST.findall(token)
        first = (token.line or 1) - 1  # what `line_of` computes, for the whole run at once
        numbers = self.linemap[first:first + len(rows)]
        f_type, f_via, f_dev, f_table = fill.type or "unicast", fill.via, fill.dev, fill.table
        f_proto, f_scope, f_src, f_metric = fill.proto, fill.scope, fill.src, fill.metric
        new = _new_route
        out: list[Route] = []
        append = out.append
        for line, (rtype, dst, via, dev, table, proto, scope, src, metric, flags, pref,
                   text) in zip(numbers, rows, strict=True):
            if not text:  # read by `_FAST`
                append(new(
                    line, dst, rtype or f_type, via or f_via, dev or f_dev,
                    proto or f_proto, scope or f_scope, src or f_src,
                    int(metric) if metric else f_metric,
                    tuple(flags.split()) if flags else (),
                    table or f_table, pref or None, None, None, (),
                ))
            elif not text.startswith(_CONTINUATIONS):
                route = _slow(line, text, fill)
                if route is None:
                    self.unparsed.append(line)
                else:
                    append(route)
            elif out:
                out[-1] = _continued(out[-1], line, text)
            else:  # a continuation line whose route line is not in this run
                self.unparsed.append(line)
        return out


_PARSER = LineParser("ip_route", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[RouteData]:
    """Parse `ip route show` / `ip -6 route` / `ip route get` output.

    Attributes the command selected on (`dev eth0`, `table 100`, `proto static`, ...) are
    filled into every route that does not print them.
    """
    return _PARSER.parse(lines, argv)

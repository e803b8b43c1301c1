"""`route -n` / `route` / `netstat -rn` tables → `RouteData`: net-tools and BusyBox on Linux
(IPv4 and IPv6), macOS and the BSDs.

The records are those of `ip route show`, so the rules read them unchanged:
- `dst`: `Destination` with `Genmask` becomes `192.0.2.0/24`, `0.0.0.0/0.0.0.0` and
  `::/0` become `default`, a host route (`/32`, `/128`) a bare address. BSD's short forms
  are expanded (`192.0.2` → `192.0.2.0/24`, `127` → `127.0.0.0/8`, `224.0.0/4` →
  `224.0.0.0/4`, `fe80::%en0/64` → `fe80::/64`). A name (`route` without `-n`) stays.
- `via` is the gateway of a route flagged `G` (zone id dropped); a route without `G` is
  on-link: `0.0.0.0`, `*`, `::`, BSD's `link#4` or a MAC are no gateway. Old net-tools
  print `::` as `[::]` (`[::]/0` is `default`).
- `dev` is `Iface`/`If`/`Netif` (`*` and `-`, no device, → None).
- `metric` is `Metric`/`Met` when printed (`netstat -rn` on Linux prints `MSS` instead:
  None); `-1` is the kernel's 4294967295. BSD's `Mtu` and `Expire` fill `mtu`, `expires`.
- `flags` are the letters as printed (`["U", "G"]`): each tool has its own alphabet
  (Linux `R` is reinstate, BSD `R` is reject). Only what changes a route's meaning
  becomes its `type`: `!` (Linux; unreachable or prohibit, the table does not tell) and
  BSD `R` → `unreachable`; BSD `B` → `blackhole`, `b` → `broadcast`, `m` → `multicast`; a
  Linux route without device and gateway that is not `!` → `blackhole` (the kernel
  prints a blackhole route so). Such a reject route has no `via`, as in iproute2 (BSD
  prints `localhost` as its gateway).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lark import Token

from analyzer.parsers import shapes
from analyzer.parsers.addrfmt import destination, mask_prefixlen, no_zone
from analyzer.parsers.base import LineParser, LineTransformer, Parsed
from analyzer.records import Route, RouteData
from analyzer.transcript import Line

# Column titles → field (None: a column nothing keeps)
_COLUMNS = {
    "Destination": "dst", "Gateway": "gw", "Next Hop": "gw", "Genmask": "mask",
    "Flags": "flags", "Flag": "flags", "Metric": "metric", "Met": "metric",
    "Iface": "dev", "If": "dev", "Netif": "dev", "Mtu": "mtu", "Expire": "expire",
}
_LINUX4 = ("dst", "gw", "mask", "flags", None, None, None, "dev")
_LINUX4_WIDE = ("dst", "gw", "mask", "flags", "metric", None, None, "dev")  # `route -nee`
_LINUX6 = ("dst", "gw", "flags", "metric", None, None, "dev")
_NO_DEVICE = frozenset({"*", "-"})
_FLAGS = re.compile(r"[A-Za-z0-9!]+")
_DOTTED = re.compile(r"\d+\.\d+\.\d+\.\d+")
_BSD_NET = re.compile(r"(\d{1,3}(?:\.\d{1,3}){0,3})(?:/(\d{1,2}))?")
# BSD flags that change what a route is (docstring)
_BSD_TYPES = (("R", "unreachable"), ("B", "blackhole"), ("b", "broadcast"), ("m", "multicast"))

NET_TOOLS_SHAPE = re.compile(shapes.ROUTE_TABLE_NET_TOOLS)
BSD_SHAPE = re.compile(shapes.ROUTE_TABLE_BSD)
SHAPE = re.compile(shapes.either(shapes.ROUTE_TABLE_NET_TOOLS, shapes.ROUTE_TABLE_BSD))
HEADER = re.compile(shapes.ROUTE_TABLE_HEADER)


@dataclass(frozen=True, slots=True)
class _Columns:
    """What the table's column titles say (None: no title line seen)."""

    names: tuple[str | None, ...] | None
    bsd: bool  # macOS / BSD layout (no Genmask, BSD flag letters)


def _columns(text: str) -> _Columns:
    words = text.replace("Next Hop", "Next\0Hop").split()
    names = tuple(_COLUMNS.get(w.replace("\0", " ")) for w in words)
    return _Columns(names=names, bsd="mask" not in names and "Next Hop" not in text)


def _guess(words: list[str]) -> tuple[tuple[str | None, ...], bool] | None:
    """Column names for a row printed without its title line, and whether it is BSD's."""
    if len(words) in (8, 11) and _DOTTED.fullmatch(words[2]):
        return (_LINUX4_WIDE if len(words) == 11 else _LINUX4), False
    if len(words) == 7 and "/" in words[0] and words[3].lstrip("-").isdigit():
        return _LINUX6, False
    if words[2].startswith("U") and len(words) <= 8:  # up to `Refs Use Mtu Netif Expire`
        return ("dst", "gw", "flags", None, None, None, None, None), True
    return None


def _bsd_dst(text: str) -> str:
    """BSD's short destinations (module docstring)."""
    address, _, length = text.partition("/")
    if ":" in address:
        return destination(no_zone(address), int(length) if length.isdigit() else None)
    m = _BSD_NET.fullmatch(text)
    if m is None:
        return text
    octets = m[1].split(".")
    implied = 8 * len(octets)
    return destination(".".join(octets + ["0"] * (4 - len(octets))),
                       int(m[2]) if m[2] else implied)


def _bsd_dev(words: list[str]) -> str | None:
    """The interface of a BSD row printed without its title line: its last named column."""
    return next((w for w in reversed(words[3:]) if w != "!" and not w.isdigit()), None)


def _unbracket(word: str | None) -> str | None:
    """Old net-tools print the unspecified IPv6 address as `[::]` (`[::]/0`, next hop `[::]`)."""
    return word.replace("[::]", "::") if word else word


def _int(value: str | None) -> int | None:
    if value is None or not value.lstrip("-").isdigit():
        return None
    return int(value) & 0xFFFFFFFF  # `-1`: the kernel's 4294967295


def _route(line: int, words: list[str], names: Sequence[str | None], bsd: bool) -> Route | None:
    # a BSD row may leave its last column (`Expire`) empty; a Linux row fills every column
    if len(words) > len(names) or (not bsd and len(words) < len(names)):
        return None
    row = {name: word for name, word in zip(names, words, strict=False) if name}
    if bsd and "dev" not in row:
        row["dev"] = _bsd_dev(words) or ""
    dst, gw, flags = _unbracket(row.get("dst")), _unbracket(row.get("gw")), row.get("flags", "")
    if dst is None or gw is None or not _FLAGS.fullmatch(flags):
        return None
    dev = row.get("dev")
    dev = None if dev in _NO_DEVICE or not dev else dev
    via = no_zone(gw) if "G" in flags else None
    kind = "unicast"
    if bsd:
        dst = "default" if dst == "default" else _bsd_dst(dst)
        kind = next((t for letter, t in _BSD_TYPES if letter in flags), kind)
    else:
        mask = row.get("mask")
        if mask is not None and not _DOTTED.fullmatch(mask):
            return None
        prefixlen = mask_prefixlen(mask) if mask is not None else None
        address, _, length = dst.partition("/")
        if length.isdigit():
            prefixlen = int(length)
        dst = "default" if address == "default" else destination(address, prefixlen)
        if "!" in flags:
            kind = "unreachable"
        elif dev is None and via is None:
            kind = "blackhole"
    if kind in ("unreachable", "blackhole"):
        via = None  # a reject route's gateway (BSD: `localhost`) is no next hop
    return Route(line=line, dst=dst, type=kind, via=via, dev=dev, metric=_int(row.get("metric")),
                 flags=tuple(flags), mtu=_int(row.get("mtu")), expires=_int(row.get("expire")))


# (line, columns) for a title or column-title line, (line, text) for a table row
_Entry = tuple[int, "_Columns | str"]


class _Transformer(LineTransformer[RouteData]):
    """Each line rule gives its entry; `start` reads the rows under their column titles."""

    def start(self, items: list[_Entry | list[_Entry] | None]) -> RouteData:
        routes: list[Route] = []
        columns = _Columns(names=None, bsd=False)
        for item in items:
            for line, value in item if isinstance(item, list) else [item] if item else []:
                if isinstance(value, _Columns):
                    columns = value
                    continue
                route = self._row(line, value.split(), columns)
                if route is None:
                    self.unparsed.append(line)
                else:
                    routes.append(route)
        return RouteData(routes=tuple(routes))

    @staticmethod
    def _row(line: int, words: list[str], columns: _Columns) -> Route | None:
        if columns.names is not None:
            return _route(line, words, columns.names, columns.bsd)
        guessed = _guess(words)
        return _route(line, words, guessed[0], guessed[1]) if guessed else None

    def title(self, children: list[Token]) -> _Entry:
        """A table starts: its column titles follow."""
        bsd = not children[0].startswith("Kernel")
        return self.line_of(children[0]), _Columns(names=None, bsd=bsd)

    def columns(self, children: list[Token]) -> _Entry:
        return self.line_of(children[0]), _columns(children[0])

    def rows(self, children: list[Token]) -> list[_Entry]:
        token = children[0]
        return [(self.line_of(token, i), text)
                for i, text in enumerate(str(token).split("\n"))]


_PARSER = LineParser("route_table", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[RouteData]:
    """Parse `route -n` / `netstat -rn` output (Linux net-tools and BusyBox, BSD)."""
    return _PARSER.parse(lines, argv)

"""`arp` → `NeighborData`: net-tools and BusyBox on Linux (`arp -n` table, `arp -a`),
macOS and the BSDs (`arp -a`), Windows (`arp -a`, English and Japanese).

The records are those of `ip neigh show`, so the rules read them unchanged. None of
these tools prints the kernel's NUD state; the mapping (documented in docs/dialects.md):
- a resolved entry (a MAC address, learnt: Linux flag `C`, BSD without `permanent`,
  Windows `dynamic`/`動的`) has `lladdr` and no state (`state` = []): it may be
  REACHABLE or STALE, the tool does not say. The rules count it as a visible neighbour,
  as they count any entry with a MAC that is not FAILED/INCOMPLETE;
- `(incomplete)`, `<incomplete>` → `INCOMPLETE`, no `lladdr`;
  Windows `invalid`/`無効` (`00-00-00-00-00-00`) → `FAILED`, no `lladdr`;
- a static entry (Linux flag `M` / `PERM`, BSD `permanent`, Windows `static`/`静的`) →
  `PERMANENT`;
- an entry for a broadcast or multicast address (its MAC has the group bit:
  `ff-ff-ff-ff-ff-ff`, `01-00-5e-…`; Windows and macOS list them) → `NOARP` without
  `lladdr`: nobody answered ARP for it, and it must not count as a neighbour;
- a published entry (`P`, `PUB`, `published`) → `proxy`; `<from_interface>` is no MAC.
`dev` is the Linux `Iface` or the BSD `on IF`; Windows names its interfaces by address
(`Interface: 192.0.2.10 --- 0xb`), which is not an interface name: `dev` is None there.
`ip` is the address as printed (a name when `arp` without `-n` printed one in the table).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from lark import Token

from analyzer.parsers import shapes
from analyzer.parsers.addrfmt import is_group_lladdr
from analyzer.parsers.base import LineParser, LineTransformer, Parsed
from analyzer.records import Neighbor, NeighborData
from analyzer.transcript import Line

_TABLE_RE = re.compile(
    r"(?P<ip>\S+)\s+(?:\S+\s+(?P<lladdr>\S+)\s+(?P<flags>[A-Z!]+)(?:\s+\S+)?\s+(?P<dev>\S+)"
    r"|(?P<incomplete>\(incomplete\))\s+(?P<dev2>\S+))\s*$"
)
_AT_RE = re.compile(r"\S+\s+\((?P<ip>[^)]+)\)\s+at\s+(?P<lladdr>\S+)(?P<rest>.*)")
_WINDOWS_RE = re.compile(r"(?P<ip>\S+)\s+(?P<lladdr>\S+)\s+(?P<type>\S+)\s*$")
_MAC = re.compile(r"[0-9A-Fa-f]{1,2}(?:[:-][0-9A-Fa-f]{1,2}){5,19}")
_INCOMPLETE = frozenset({"(incomplete)", "<incomplete>"})
# What follows the MAC: `[ether]`, `PERM`, `PUB`, `on IF`, `ifscope`, `permanent`,
# `published`, `expires in N seconds`, `expired`, `[ethernet]`.
_AT_WORDS = re.compile(
    r"(?:\s+(?:\[[\w.]+\]|PERM|PUB|PUP|on\s+\S+|ifscope|permanent|published|pub"
    r"|expires\s+in\s+\d+\s+seconds|expired))*\s*"
)
_PERMANENT_WORDS = frozenset({"PERM", "permanent"})
_PROXY_WORDS = frozenset({"PUB", "PUP", "published", "pub"})  # BusyBox prints `PUP`
# Windows' `Type` column → state (English, Japanese)
_WINDOWS_TYPES: dict[str, tuple[str, ...]] = {
    "dynamic": (), "動的": (), "static": ("PERMANENT",), "静的": ("PERMANENT",),
    "invalid": ("FAILED",), "無効": ("FAILED",),
}

NET_TOOLS_SHAPE = re.compile(shapes.ARP_NET_TOOLS)
BSD_SHAPE = re.compile(shapes.ARP_BSD)
WINDOWS_EN_SHAPE = re.compile(shapes.ARP_WINDOWS_EN)
WINDOWS_JA_SHAPE = re.compile(shapes.ARP_WINDOWS_JA)
SHAPE = re.compile(shapes.either(
    shapes.ARP_NET_TOOLS, shapes.ARP_BSD, shapes.ARP_WINDOWS_EN, shapes.ARP_WINDOWS_JA))
HEADER = re.compile(shapes.ARP_HEADER)


def _neighbor(line: int, ip: str, lladdr: str | None, state: tuple[str, ...], dev: str | None,
              proxy: bool = False) -> Neighbor:
    """One entry; a group MAC makes it NOARP (see the module docstring)."""
    if lladdr is not None and not _MAC.fullmatch(lladdr):
        lladdr = None  # `<from_interface>`, `*`
    if lladdr is not None and is_group_lladdr(lladdr):
        lladdr, state = None, ("NOARP",)
    return Neighbor(line=line, ip=ip, dev=dev, lladdr=lladdr, state=state, proxy=proxy)


class _Transformer(LineTransformer[NeighborData]):
    def start(self, items: list[list[Neighbor] | None]) -> NeighborData:
        return NeighborData(neighbors=tuple(n for run in items if run for n in run))

    def table(self, children: list[Token]) -> list[Neighbor]:
        out = []
        for line, m in self.run_matches(children[0], _TABLE_RE):
            if m["incomplete"]:
                out.append(_neighbor(line, m["ip"], None, ("INCOMPLETE",), m["dev2"]))
                continue
            flags = m["flags"]
            state = ("PERMANENT",) if "M" in flags else ()
            out.append(_neighbor(line, m["ip"], m["lladdr"], state, m["dev"], "P" in flags))
        return out

    def at_entries(self, children: list[Token]) -> list[Neighbor]:
        out = []
        for line, m in self.run_matches(children[0], _AT_RE):
            words = m["rest"].split()
            dev = next((b for a, b in pairwise(words) if a == "on"), None)
            if dev is None or not _AT_WORDS.fullmatch(m["rest"]):
                self.unparsed.append(line)
            elif m["lladdr"] in _INCOMPLETE:
                out.append(_neighbor(line, m["ip"], None, ("INCOMPLETE",), dev))
            else:
                state = ("PERMANENT",) if _PERMANENT_WORDS & set(words) else ()
                out.append(_neighbor(line, m["ip"], m["lladdr"], state, dev,
                                     bool(_PROXY_WORDS & set(words))))
        return out

    def windows_entries(self, children: list[Token]) -> list[Neighbor]:
        out = []
        for line, m in self.run_matches(children[0], _WINDOWS_RE):
            state = _WINDOWS_TYPES.get(m["type"])
            if state is None:  # a language this parser does not know
                self.unparsed.append(line)
            elif state == ("FAILED",):
                out.append(_neighbor(line, m["ip"], None, state, None))
            else:
                out.append(_neighbor(line, m["ip"], m["lladdr"], state, None))
        return out

    def windows_interface(self, children: list[Token]) -> None:
        return None

    def quiet(self, children: list[Token]) -> None:
        return None


_PARSER = LineParser("arp", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[NeighborData]:
    """Parse `arp` output (Linux table and `-a`, BSD `-a`, Windows `-a`)."""
    return _PARSER.parse(lines, argv)

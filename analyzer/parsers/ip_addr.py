"""`ip address show` / `ip link show` → `AddrData` (iproute2).

Reads the default layout (also `-4`, `-6`, `-d`, `-s`), the one-line layout of `ip -o`
(`\\` separates what would be lines) and the brief layout of `ip -br`. An interface starts
at its `N: name: <FLAGS> ...` line; the `link/TYPE`, `altname`, `inet`/`inet6` and `-d`
detail lines below belong to it, a `valid_lft` line to the address above it. The
indentation of the lines does not matter (pastes often lose it).

`vlan_id` comes only from the `vlan protocol 802.1Q id N` line of `ip -d`; a VLAN number
in an interface's name is not read here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from lark import Token

from analyzer.parsers import shapes
from analyzer.parsers.base import LineParser, LineTransformer, Parsed
from analyzer.records import AddrData, Address, Interface
from analyzer.transcript import Line

# Address flags as iproute2 prints them (`ifa_flag_names`, plus `dynamic`).
ADDRESS_FLAGS = frozenset(
    {"secondary", "temporary", "primary", "tentative", "deprecated", "dadfailed", "nodad",
     "optimistic", "home", "mngtmpaddr", "noprefixroute", "autojoin", "stable-privacy",
     "dynamic", "permanent"}
)
_HEADER_KEYS = frozenset(
    {"mtu", "qdisc", "master", "state", "mode", "group", "qlen", "link-netns",
     "link-netnsid"}
)
_LINK_KEYS = frozenset({"brd", "link-netns", "link-netnsid"})
_LIFETIME_KEYS = frozenset({"valid_lft", "preferred_lft"})
_VLAN_KEYS = frozenset({"id"})
# Address attributes printed as `NAME VALUE`, and the field each goes to (None: not kept).
_ADDRESS_KEYS = {"peer": "peer", "brd": "broadcast", "scope": "scope", "metric": "metric",
                 "any": None, "proto": None, "flags": None}
_HEADER_RE = re.compile(
    rf"(?P<index>\d+):\s+(?P<name>{shapes.IFNAME})(?:@(?P<link>[^\s:]+))?:\s*<(?P<flags>[^>]*)>"
    r"(?P<rest>.*)"
)
_ONELINE_RE = re.compile(rf"(?P<index>\d+):\s+(?P<name>{shapes.IFNAME})\s+(?P<rest>inet6?\s.*)")
# A link-layer address: Ethernet, InfiniBand, `0.0.0.0` of a tunnel, `::` of an IPv6 tunnel.
_LLADDR = re.compile(r"[0-9A-Fa-f:.\-]*[0-9A-Fa-f][0-9A-Fa-f:.\-]*|::")
_ADDRESS_WORD = re.compile(shapes.ADDRESS_WORD)

SHAPE = re.compile(shapes.IP_ADDR)
HEADER = re.compile(shapes.IP_ADDR_HEADER)

_Entry = tuple[str, int, dict[str, Any]]


def _pairs(words: Sequence[str], keys: frozenset[str]) -> dict[str, str]:
    """`KEY VALUE` pairs of `words` whose key is in `keys` (first one wins)."""
    found: dict[str, str] = {}
    i = 0
    while i < len(words) - 1:
        if words[i] in keys:
            found.setdefault(words[i], words[i + 1])
            i += 2
        else:
            i += 1
    return found


def _int(value: str | None) -> int | None:
    """The number `value` spells, or None (absent, or garbled by the paste)."""
    return int(value) if value is not None and value.isdigit() else None


def _header(m: re.Match[str]) -> dict[str, Any]:
    pairs = _pairs(m["rest"].split(), _HEADER_KEYS)
    return {
        "index": int(m["index"]),
        "name": m["name"],
        "link": m["link"],
        "flags": tuple(f for f in m["flags"].split(",") if f),
        "mtu": _int(pairs.get("mtu")),
        "qdisc": pairs.get("qdisc"),
        "master": pairs.get("master"),
        "state": pairs.get("state"),
        "group": pairs.get("group"),
        "qlen": _int(pairs.get("qlen")),
        "link_netns": pairs.get("link-netns") or pairs.get("link-netnsid"),
    }


def _link(text: str) -> dict[str, Any]:
    """`link/ether 00:53:00:00:00:0a brd ff:ff:ff:ff:ff:ff [link-netnsid 0] ...`."""
    words = text.split()
    fields: dict[str, Any] = {"link_type": words[0][len("link/"):]}
    rest = words[1:]
    if rest and _LLADDR.fullmatch(rest[0]):
        fields["lladdr"] = rest.pop(0)
    pairs = _pairs(rest, _LINK_KEYS)
    fields["link_broadcast"] = pairs.get("brd")
    netns = pairs.get("link-netns") or pairs.get("link-netnsid")
    if netns is not None:
        fields["link_netns"] = netns
    return fields


def _address(words: Sequence[str]) -> dict[str, Any] | None:
    """`inet ADDR[/LEN] [peer P/LEN] [brd B] [metric N] [scope S] [FLAGS] [LABEL]`."""
    if len(words) < 2 or not _ADDRESS_WORD.fullmatch(words[1]):
        return None
    family = words[0]
    address, _, prefixlen = words[1].partition("/")
    fields: dict[str, Any] = {
        "family": family, "address": address, "prefixlen": int(prefixlen) if prefixlen else None,
    }
    flags: list[str] = []
    i = 2
    while i < len(words):
        word = words[i]
        if word in _ADDRESS_KEYS and i + 1 < len(words):
            key = _ADDRESS_KEYS[word]
            if key is not None:
                fields[key] = _int(words[i + 1]) if key == "metric" else words[i + 1]
            i += 2
            continue
        if word in ADDRESS_FLAGS:
            flags.append(word)
        elif family == "inet":  # IPv4 addresses end with their label (`eth0`, `eth0:1`)
            fields["label"] = word
        i += 1
    fields["flags"] = tuple(flags)
    return fields


def _lifetimes(words: Sequence[str]) -> dict[str, Any]:
    pairs = _pairs(words, _LIFETIME_KEYS)
    return {"valid_lft": pairs.get("valid_lft"), "preferred_lft": pairs.get("preferred_lft")}


def _segments(line: int, segments: Sequence[str]) -> list[_Entry]:
    """The `\\`-separated parts of an `ip -o` line, each read as the line it would be."""
    entries: list[_Entry] = []
    for text in segments:
        words = text.split()
        if not words:
            continue
        if words[0].startswith("link/"):
            entries.append(("link", line, _link(text)))
        elif words[0] == "valid_lft":
            entries.append(("lifetime", line, _lifetimes(words)))
        elif words[0] == "altname" and len(words) > 1:
            entries.append(("altname", line, {"name": words[1]}))
        else:
            entries.append(("detail", line, _detail(words)))
    return entries


def _detail(words: Sequence[str]) -> dict[str, Any]:
    """An `ip -d` detail line; only `vlan ... id N` carries something kept."""
    if words and words[0] == "vlan":
        vlan_id = _int(_pairs(words, _VLAN_KEYS).get("id"))
        if vlan_id is not None:
            return {"vlan_id": vlan_id}
    return {}


def _brief(text: str) -> dict[str, Any]:
    """`NAME[@LINK] STATE [ADDR/LEN ...]` or `NAME[@LINK] STATE [LLADDR] <FLAGS>`."""
    words = text.split()
    name, _, link = words[0].partition("@")
    fields: dict[str, Any] = {"name": name, "link": link or None, "state": words[1]}
    addresses: list[dict[str, Any]] = []
    rest = words[2:]
    i = 0
    while i < len(rest):
        word = rest[i]
        if word.startswith("<") and word.endswith(">"):
            fields["flags"] = tuple(f for f in word[1:-1].split(",") if f)
        elif word in ("peer", "metric") and i + 1 < len(rest) and addresses:
            if word == "peer":
                addresses[-1]["peer"] = rest[i + 1]
            else:
                addresses[-1]["metric"] = _int(rest[i + 1])
            i += 2
            continue
        elif "/" in word or (_ADDRESS_WORD.fullmatch(word) and i + 1 < len(rest)
                             and rest[i + 1] == "peer"):
            address, _, prefixlen = word.partition("/")
            addresses.append({
                "family": "inet6" if ":" in address else "inet", "address": address,
                "prefixlen": int(prefixlen) if prefixlen.isdigit() else None,
            })
        elif _LLADDR.fullmatch(word):
            fields["lladdr"] = word
        i += 1
    fields["addresses"] = addresses
    return fields


class _Transformer(LineTransformer[AddrData]):
    """Each line rule gives the line's entries; `start` hangs them on their interfaces."""

    def start(self, groups: list[list[_Entry] | None]) -> AddrData:
        interfaces: list[dict[str, Any]] = []
        current: dict[str, Any] | None = None
        for kind, line, fields in (entry for group in groups if group for entry in group):
            if kind == "oneline" and current is not None and (
                    current["index"], current["name"]) == (fields["index"], fields["name"]):
                continue  # `ip -o`: another address of the interface above
            if kind in ("header", "brief", "oneline"):
                current = {"line": line, "addresses": [], "altnames": [], **fields}
                interfaces.append(current)
            elif current is None:  # a line of an interface whose first line is missing
                self.unparsed.append(line)
            elif kind == "link":
                current.update(fields, link_line=line)
            elif kind == "address":
                current["addresses"].append({"line": line, **fields})
            elif kind == "lifetime" and current["addresses"]:
                current["addresses"][-1].update(fields)
            elif kind == "lifetime":
                self.unparsed.append(line)
            elif kind == "altname":
                current["altnames"].append(fields["name"])
            else:  # detail (vlan_id) or counters
                current.update(fields)
        return AddrData(interfaces=tuple(_interface(i) for i in interfaces))

    def header(self, children: list[Token]) -> list[_Entry]:
        line = self.line_of(children[0])
        head, *segments = children[0].split("\\")  # `ip -o link`: `... qlen 1000\    link/...`
        m = _HEADER_RE.match(head)
        if m is None:
            self.unparsed.append(line)
            return []
        return [("header", line, _header(m)), *_segments(line, segments)]

    def oneline_address(self, children: list[Token]) -> list[_Entry]:
        line = self.line_of(children[0])
        head, *segments = children[0].split("\\")  # `ip -o addr`: `... eth0\  valid_lft ...`
        m = _ONELINE_RE.match(head)
        address = _address(m["rest"].split()) if m else None
        if m is None or address is None:
            self.unparsed.append(line)
            return []
        return [("oneline", line, {"index": int(m["index"]), "name": m["name"]}),
                ("address", line, address), *_segments(line, segments)]

    def link(self, children: list[Token]) -> list[_Entry]:
        return [("link", self.line_of(children[0]), _link(children[0]))]

    def address(self, children: list[Token]) -> list[_Entry]:
        fields = _address(children[0].split())
        if fields is None:
            self.unparsed.append(self.line_of(children[0]))
            return []
        return [("address", self.line_of(children[0]), fields)]

    def lifetime(self, children: list[Token]) -> list[_Entry]:
        return [("lifetime", self.line_of(children[0]), _lifetimes(children[0].split()))]

    def altname(self, children: list[Token]) -> list[_Entry]:
        return [("altname", self.line_of(children[0]), {"name": children[0].split()[-1]})]

    def detail(self, children: list[Token]) -> list[_Entry]:
        return [("detail", self.line_of(children[0]), _detail(children[0].split()))]

    def stats(self, children: list[Token]) -> list[_Entry]:
        return [("stats", self.line_of(children[0]), {})]

    def brief(self, children: list[Token]) -> list[_Entry]:
        line = self.line_of(children[0])
        fields = _brief(children[0])
        fields["addresses"] = [{"line": line, **a} for a in fields["addresses"]]
        return [("brief", line, {"index": None, **fields})]


def _interface(fields: dict[str, Any]) -> Interface:
    addresses = tuple(Address(**a) for a in fields.pop("addresses"))
    altnames = tuple(fields.pop("altnames"))
    return Interface(**fields, altnames=altnames, addresses=addresses)


_PARSER = LineParser("ip_addr", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[AddrData]:
    """Parse `ip address show` / `ip link show` output (default, `-o` and `-br` layouts)."""
    return _PARSER.parse(lines, argv)

"""`ifconfig` → `AddrData`: net-tools on Linux (2.x and 1.x layouts; BusyBox prints 1.x),
macOS and the BSDs.

The records are those of `ip address show`, so the rules read them unchanged:
- `name` is the name before `: flags=` (or before `Link encap:`); an alias block
  (`eth0:1`) is not an interface: its addresses join `eth0` with the label `eth0:1`, as
  iproute2 shows them. `index` is None (ifconfig prints none).
- `flags` are the flags as printed (`UP`, `BROADCAST`, `RUNNING`, `SMART`, ...), followed
  by the carrier flag iproute2 would show: `LOWER_UP` when the link has carrier,
  `NO-CARRIER` when the interface is UP without it (iproute2 prints `NO-CARRIER` for
  exactly "UP and not RUNNING"). Carrier is read from BSD's `status:` line when there is
  one (`active` → carrier; `inactive`, `no carrier` → none: a BSD driver stays RUNNING
  without a cable), else from `RUNNING`.
- `state` is derived (ifconfig prints no operstate): `UP` for UP with carrier, else `DOWN`
  (iproute2 would say UNKNOWN for a loopback or a tunnel whose driver reports no link
  state; ifconfig cannot tell those apart).
- `lladdr` from `ether`/`HWaddr`/`lladdr` (not the filler of `unspec`), `link_type` in
  iproute2's words (`ether`, `loopback`, `none`, `ppp`, `ipip`, `sit`, `infiniband`;
  a BSD interface with the LOOPBACK flag is `loopback`).
- Addresses: the netmask (`255.255.255.0`, `0xffffff00`) becomes `prefixlen`;
  `destination`/`-->`/`P-t-P:` is the `peer`; `broadcast`/`Bcast:`; zone ids
  (`fe80::1%en0`) are dropped; IPv6 `scope` is Linux's `scopeid 0x20<link>` name or
  `Scope:Link`, else (BSD) derived from the address (link-local, loopback, global);
  BSD's IPv6 words (`autoconf`, `temporary`, `deprecated`, `secured`, ...) are `flags`.
- BSD's `vlan: 100 ... parent interface: em0` line gives `vlan_id`.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from lark import Token

from analyzer.parsers import shapes
from analyzer.parsers.addrfmt import mask_prefixlen, no_zone
from analyzer.parsers.base import LineParser, LineTransformer, Parsed
from analyzer.records import AddrData, Address, Interface
from analyzer.transcript import Line

_HEADER_RE = re.compile(
    r"(?P<name>\S+):\s+flags=[0-9A-Fa-fx]+<(?P<flags>[^>]*)>"
    r"(?P<rest>(?:\s+(?:mtu|metric|index)\s+\d+)*)\s*$"
)
_OLD_HEADER_RE = re.compile(
    r"(?P<name>\S+)\s+Link encap:(?P<encap>[^\s:]+(?: [^\s:]+){0,2})"
    r"(?:\s+HWaddr\s+(?P<mac>\S+))?\s*$"
)
_OLD_FLAGS_RE = re.compile(r"(?P<flags>(?:[A-Z][A-Z0-9_-]*\s+)*)MTU:\s*(?P<mtu>\d+)")
_SCOPE_RE = re.compile(r"0x[0-9a-f]+<(\w+)>|0x[0-9a-f]+")
_NUMBER = re.compile(r"\d+")
# net-tools' hardware names (the link line's first word, or `Link encap:`) in iproute2's words
_LINK_TYPES = {
    "ether": "ether", "Ethernet": "ether", "loop": "loopback", "Local Loopback": "loopback",
    "unspec": "none", "UNSPEC": "none", "ppp": "ppp", "Point-to-Point Protocol": "ppp",
    "tunnel": "ipip", "IPIP Tunnel": "ipip", "sit": "sit", "IPv6-in-IPv4": "sit",
    "infiniband": "infiniband", "InfiniBand": "infiniband", "lladdr": "ether",
}
# BSD `inet6` words that are address flags (iproute2 spells `temporary`, `deprecated`,
# `tentative`, `dadfailed` the same way).
_INET6_FLAGS = frozenset({"autoconf", "temporary", "deprecated", "tentative", "duplicated",
                          "detached", "secured", "dynamic", "anycast", "optimistic"})
_STATUS_CARRIER = {"active": True, "inactive": False, "no carrier": False}
# The words an address line may hold (BSD: `vhid` of CARP, `pltime`/`vltime` lifetimes).
_INET_KEYS = frozenset({"netmask", "broadcast", "destination", "-->", "vhid"})
_OLD_INET_KEYS = frozenset({"addr", "Bcast", "Mask", "P-t-P"})
_INET6_KEYS = frozenset({"prefixlen", "scopeid", "pltime", "vltime", "vhid"})

NET_TOOLS_SHAPE = re.compile(shapes.IFCONFIG_NET_TOOLS)
BSD_SHAPE = re.compile(shapes.IFCONFIG_BSD)
SHAPE = re.compile(shapes.either(shapes.IFCONFIG_NET_TOOLS, shapes.IFCONFIG_BSD))
HEADER = None  # interfaces are listed without a title line

_Entry = tuple[str, int, dict[str, Any]]


def _keyed(words: Sequence[str], keys: frozenset[str],
           flags: frozenset[str] = frozenset()) -> tuple[dict[str, str], list[str]] | None:
    """`KEY VALUE` pairs and flag words; None when a word is neither (not this line's)."""
    found: dict[str, str] = {}
    seen: list[str] = []
    i = 0
    while i < len(words):
        if words[i] in keys and i + 1 < len(words):
            found.setdefault(words[i], words[i + 1])
            i += 2
        elif words[i] in flags:
            seen.append(words[i])
            i += 1
        else:
            return None
    return found, seen


def _colon_pairs(words: Sequence[str], keys: frozenset[str]) -> dict[str, str] | None:
    """net-tools 1.x `Key:value` words (`addr:A  Bcast:B  Mask:M`); None for another word."""
    pairs = dict(w.split(":", 1) for w in words if ":" in w)
    return pairs if len(pairs) == len(words) and set(pairs) <= keys else None


def _scope_of(address: str) -> str:
    """The scope iproute2 names for an IPv6 address that printed none."""
    addr = ipaddress.ip_address(address)
    if addr.is_loopback:
        return "host"
    return "link" if addr.is_link_local else "global"


def _int(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


def _header(m: re.Match[str]) -> dict[str, Any]:
    words = m["rest"].split()
    mtu = next((b for a, b in pairwise(words) if a == "mtu"), None)
    return {"name": m["name"], "flags": tuple(f for f in m["flags"].split(",") if f),
            "mtu": _int(mtu)}


def _inet(words: list[str]) -> dict[str, Any] | None:
    """`inet A netmask M [broadcast B|destination D]`, `inet A --> D netmask 0x...`,
    FreeBSD's `inet A/N broadcast B`, `inet addr:A [Bcast:B|P-t-P:D] Mask:M` (net-tools 1.x)."""
    if words[1].startswith("addr:"):
        pairs = _colon_pairs(words[1:], _OLD_INET_KEYS)
        if pairs is None:
            return None
        address, mask, length = pairs.get("addr", ""), pairs.get("Mask"), ""
        broadcast, peer = pairs.get("Bcast"), pairs.get("P-t-P")
    else:
        keyed = _keyed(words[2:], _INET_KEYS)
        if keyed is None:
            return None
        pairs = keyed[0]
        address, _, length = words[1].partition("/")
        mask = pairs.get("netmask")
        broadcast, peer = pairs.get("broadcast"), pairs.get("destination") or pairs.get("-->")
    try:
        ipaddress.IPv4Address(address)
    except ValueError:
        return None
    prefixlen = int(length) if length.isdigit() else mask_prefixlen(mask) if mask else None
    return {"family": "inet", "address": address, "prefixlen": prefixlen,
            "broadcast": broadcast, "peer": peer}


def _inet6(words: list[str]) -> dict[str, Any] | None:
    """`inet6 A prefixlen N scopeid 0x20<link>`, BSD `inet6 A%en0 prefixlen N [flags]
    [scopeid 0x4]`, net-tools 1.x `inet6 addr: A/N Scope:Link`."""
    if words[1] == "addr:" and len(words) > 2:
        address, _, length = words[2].partition("/")
        pairs = _colon_pairs(words[3:], frozenset({"Scope"}))
        if pairs is None:
            return None
        scope = pairs["Scope"].lower() if "Scope" in pairs else None
        prefixlen = _int(length)
        flags: tuple[str, ...] = ()
    else:
        keyed = _keyed(words[2:], _INET6_KEYS, _INET6_FLAGS)
        if keyed is None:
            return None
        address, prefixlen = words[1], _int(keyed[0].get("prefixlen"))
        named = _SCOPE_RE.fullmatch(keyed[0].get("scopeid", ""))
        scope, flags = (named[1] if named else None), tuple(keyed[1])
    address = no_zone(address)
    try:
        ipaddress.IPv6Address(address)
    except ValueError:
        return None
    return {"family": "inet6", "address": address, "prefixlen": prefixlen,
            "scope": scope or _scope_of(address), "flags": flags}


def _link(words: list[str]) -> dict[str, Any]:
    """`ether M  txqueuelen N  (Ethernet)`, `loop  txqueuelen N  (Local Loopback)`, BSD
    `ether M`, OpenBSD `lladdr M`."""
    kind = words[0]
    fields: dict[str, Any] = {"link_type": _LINK_TYPES.get(kind, kind)}
    if kind in ("ether", "lladdr", "infiniband") and len(words) > 1:
        fields["lladdr"] = words[1]
    return fields


def _old_header(m: re.Match[str]) -> dict[str, Any]:
    encap = m["encap"].strip()
    fields: dict[str, Any] = {"name": m["name"], "link_type": _LINK_TYPES.get(encap, encap)}
    if m["mac"] and encap != "UNSPEC":
        fields["lladdr"] = m["mac"]
    return fields


class _Transformer(LineTransformer[AddrData]):
    """Each line rule gives its entry; `start` hangs them on their interfaces."""

    def start(self, entries: list[_Entry | None]) -> AddrData:
        interfaces: list[dict[str, Any]] = []
        by_name: dict[str, dict[str, Any]] = {}
        current: dict[str, Any] | None = None
        alias: str | None = None  # inside the block of an alias (`eth0:1`) of `current`
        for entry in entries:
            if entry is None:
                continue
            kind, line, fields = entry
            if kind == "header":
                base, _, suffix = fields["name"].partition(":")
                alias = fields["name"] if suffix and base in by_name else None
                if alias is not None:
                    current = by_name[base]
                    continue
                current = {"line": line, "index": None, "addresses": [], "status": None,
                           "flags": (), **fields}
                if "lladdr" in fields:  # net-tools 1.x prints the MAC on the first line
                    current["link_line"] = line
                interfaces.append(current)
                by_name[fields["name"]] = current
            elif current is None:  # a line of an interface whose header is missing
                self.unparsed.append(line)
            elif kind == "address":
                if alias is not None and fields["family"] == "inet":
                    fields["label"] = alias
                current["addresses"].append({"line": line, **fields})
            elif alias is None:  # an alias block repeats its interface's other lines
                current.update(fields)
                if kind == "link":
                    current["link_line"] = line
        return AddrData(interfaces=tuple(_interface(i) for i in interfaces))

    def header(self, children: list[Token]) -> _Entry | None:
        m = _HEADER_RE.match(children[0])
        return self._entry("header", children[0], _header(m) if m else None)

    def old_header(self, children: list[Token]) -> _Entry | None:
        m = _OLD_HEADER_RE.match(children[0])
        if m is None:
            return self._entry("header", children[0], None)
        return self._entry("header", children[0], _old_header(m))

    def address(self, children: list[Token]) -> _Entry | None:
        words = children[0].split()
        fields = None
        if len(words) > 1:
            fields = _inet(words) if words[0] == "inet" else _inet6(words)
        return self._entry("address", children[0], fields)

    def link(self, children: list[Token]) -> _Entry | None:
        return self._entry("link", children[0], _link(children[0].split()))

    def old_flags(self, children: list[Token]) -> _Entry | None:
        m = _OLD_FLAGS_RE.match(children[0])
        fields = {"flags": tuple(m["flags"].split()), "mtu": int(m["mtu"])} if m else None
        return self._entry("flags", children[0], fields)

    def status(self, children: list[Token]) -> _Entry | None:
        value = children[0].split(":", 1)[1].strip()
        known = value in _STATUS_CARRIER
        return self._entry("status", children[0], {"status": value} if known else None)

    def vlan(self, children: list[Token]) -> _Entry | None:
        m = _NUMBER.search(children[0])
        return self._entry("vlan", children[0], {"vlan_id": int(m[0])} if m else None)

    def detail(self, children: list[Token]) -> None:
        return None

    def _entry(self, kind: str, token: Token, fields: dict[str, Any] | None) -> _Entry | None:
        if fields is None:
            self.unparsed.append(self.line_of(token))
            return None
        return kind, self.line_of(token), fields


def _interface(fields: dict[str, Any]) -> Interface:
    """Carrier and state derived as the module docstring says."""
    addresses = tuple(Address(**a) for a in fields.pop("addresses"))
    status = fields.pop("status")
    flags: tuple[str, ...] = fields.pop("flags")
    up = "UP" in flags
    carrier = _STATUS_CARRIER[status] if status is not None else "RUNNING" in flags
    if up:
        flags += ("LOWER_UP",) if carrier else ("NO-CARRIER",)
    if "LOOPBACK" in flags and fields.get("link_type") is None:
        fields["link_type"] = "loopback"
    return Interface(**fields, flags=flags, state="UP" if up and carrier else "DOWN",
                     addresses=addresses)


_PARSER = LineParser("ifconfig", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[AddrData]:
    """Parse `ifconfig` output (net-tools 2.x and 1.x layouts, BusyBox, BSD)."""
    return _PARSER.parse(lines, argv)

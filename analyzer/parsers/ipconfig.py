"""Windows `ipconfig` / `ipconfig /all` (English and Japanese) → `AddrData`.

The records are those of `ip address show`, so the rules read them unchanged:
- each `<kind> adapter <name>:` is an interface named `<name>` (`Ethernet0`); `index` and
  `mtu` are None (not printed); `link_type` is iproute2's word for the kind
  (`Ethernet`/`Wireless LAN`/`イーサネット` → `ether`, `PPP` → `ppp`, `Tunnel`/`トンネル`
  → `tunnel`, else None); `lladdr` is `Physical Address` / `物理アドレス` as printed
  (`link_line` its line).
- ipconfig lists enabled adapters only, so every interface is administratively UP:
  `Media State . . . : Media disconnected` / `メディアは接続されていません` gives the
  flags `NO-CARRIER`, `UP` and state `DOWN` (as iproute2 shows a cable pulled out); any
  other adapter has `UP`, `LOWER_UP` and state `UP`.
- `IPv4 Address` (`IP Address` before Vista, `Autoconfiguration IPv4 Address`) with the
  `Subnet Mask` after it → an `inet` address with `prefixlen` (no scope: none printed);
  `IPv6 Address`, `Temporary IPv6 Address` (flag `temporary`), `Link-local IPv6 Address`
  → `inet6` addresses of scope `global` or `link`, without prefix length (ipconfig
  prints none) and without zone
  (`%11`). A status in parentheses becomes a flag: `Deprecated`/`非推奨` → `deprecated`,
  `Tentative` → `tentative`, `Duplicate`/`重複` → `dadfailed` (`Preferred`/`優先`: none).
- `Default Gateway` / `デフォルト ゲートウェイ` and the values continued under it → the
  interface's `default_routes`: `default via GATEWAY dev NAME`, one per gateway, each
  with the line that shows it (`::` and `0.0.0.0` are no gateway). ipconfig is where
  Windows users see their gateway; the routing table itself is `route print`'s.
Other keys (DNS servers, DHCP, leases, NetBIOS) are read past. Lines without any adapter
(the global section alone, a stray address) are no interface list: they are reported as
unknown, so such a block is unrecognised rather than "no interfaces".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from lark import Token

from analyzer.parsers import shapes
from analyzer.parsers.addrfmt import is_address, mask_prefixlen, no_zone
from analyzer.parsers.base import LineParser, LineTransformer, Parsed
from analyzer.records import AddrData, Address, Interface, Route
from analyzer.transcript import Line

_ADAPTER_RE = re.compile(r"(?P<kind>.*?)\s*(?:adapter|アダプター)\s+(?P<name>.+?)\s*:\s*$")
_ENTRY_RE = re.compile(r"(?P<key>[^:]+?)(?:\s*\.)*\s*:\s*(?P<value>.*?)\s*$")
_VALUE_RE = re.compile(r"(?P<address>[^\s(]+)\s*(?:\((?P<status>[^)]*)\))?")
# Keys, English and Japanese, → what they give.
_KEYS = {
    "Physical Address": "lladdr", "物理アドレス": "lladdr",
    "IPv4 Address": "inet", "IP Address": "inet", "Autoconfiguration IPv4 Address": "inet",
    "Autoconfiguration IP Address": "inet", "IPv4 アドレス": "inet", "IP アドレス": "inet",
    "自動構成 IPv4 アドレス": "inet",
    "Subnet Mask": "mask", "サブネット マスク": "mask",
    "IPv6 Address": "inet6", "IPv6 アドレス": "inet6",
    "Temporary IPv6 Address": "temporary", "一時 IPv6 アドレス": "temporary",
    "Link-local IPv6 Address": "link-local", "リンクローカル IPv6 アドレス": "link-local",
    "Default Gateway": "gateway", "デフォルト ゲートウェイ": "gateway",
    "Media State": "media", "メディアの状態": "media",
}
_DISCONNECTED = frozenset({"Media disconnected", "メディアは接続されていません"})
_STATUS_FLAGS = {"Deprecated": "deprecated", "非推奨": "deprecated", "Tentative": "tentative",
                 "Duplicate": "dadfailed", "重複": "dadfailed"}
_LINK_TYPES = {"Ethernet": "ether", "Wireless LAN": "ether", "イーサネット": "ether",
               "PPP": "ppp", "Tunnel": "tunnel", "トンネル": "tunnel"}
_NO_GATEWAY = frozenset({"::", "0.0.0.0"})

WINDOWS_EN_SHAPE = re.compile(shapes.IPCONFIG_EN)
WINDOWS_JA_SHAPE = re.compile(shapes.IPCONFIG_JA)
SHAPE = re.compile(shapes.either(shapes.IPCONFIG_EN, shapes.IPCONFIG_JA))
HEADER = re.compile(shapes.IPCONFIG_HEADER)
CONTINUATION = re.compile(shapes.IPCONFIG_CONTINUATION)

_Entry = tuple[str, int, str, str]  # (kind, line, key or adapter kind, value or name)


def _address(line: int, kind: str, value: str) -> dict[str, Any] | None:
    m = _VALUE_RE.fullmatch(value)
    if m is None or not is_address(m["address"]):
        return None
    address = no_zone(m["address"])
    family = "inet" if kind == "inet" else "inet6"
    if (family == "inet") == (":" in address):
        return None
    flags = tuple(f for f in (_STATUS_FLAGS.get(m["status"] or ""),
                              "temporary" if kind == "temporary" else None) if f)
    scope = "link" if kind == "link-local" else "global" if family == "inet6" else None
    return {"line": line, "family": family, "address": address, "prefixlen": None,
            "scope": scope, "flags": flags}


class _Adapter:
    """An interface being read."""

    def __init__(self, line: int, kind: str, name: str) -> None:
        self.fields: dict[str, Any] = {"line": line, "index": None, "name": name,
                                       "link_type": _LINK_TYPES.get(kind)}
        self.addresses: list[dict[str, Any]] = []
        self.gateways: list[tuple[int, str]] = []
        self.disconnected = False

    def interface(self) -> Interface:
        flags = ("NO-CARRIER", "UP") if self.disconnected else ("UP", "LOWER_UP")
        name = self.fields["name"]
        routes = tuple(Route(line=line, dst="default", via=no_zone(gw), dev=name)
                       for line, gw in self.gateways if gw not in _NO_GATEWAY)
        return Interface(**self.fields, flags=flags, state="DOWN" if self.disconnected else "UP",
                         addresses=tuple(Address(**a) for a in self.addresses),
                         default_routes=routes)


class _Transformer(LineTransformer[AddrData]):
    """Line entries in order; `start` reads them adapter by adapter."""

    def start(self, entries: list[_Entry | None]) -> AddrData:
        adapters: list[_Adapter] = []
        current: _Adapter | None = None
        key: str | None = None  # what the last `key : value` line gave, for continued values
        for entry in entries:
            if entry is None:
                continue
            kind, line, first, second = entry
            if kind == "adapter":
                current = _Adapter(line, first, second)
                adapters.append(current)
                key = None
            elif kind == "entry":
                key = _KEYS.get(first)
                if current is not None and key is not None:
                    self._value(current, key, line, second)
            elif kind == "more" and current is not None and key is not None:  # a value alone
                self._value(current, key, line, first)
        if not adapters:  # no adapter: not ipconfig's interfaces (a stray line or two)
            self.unparsed.extend(entry[1] for entry in entries if entry is not None)
        return AddrData(interfaces=tuple(a.interface() for a in adapters))

    def _value(self, adapter: _Adapter, key: str, line: int, value: str) -> None:
        if not value:
            return
        if key == "lladdr":
            adapter.fields.update(lladdr=value, link_line=line)
        elif key == "media":
            adapter.disconnected = value in _DISCONNECTED
        elif key == "gateway":
            if is_address(value):
                adapter.gateways.append((line, value))
            else:
                self.unparsed.append(line)
        elif key == "mask":
            last = next((a for a in reversed(adapter.addresses) if a["family"] == "inet"), None)
            prefixlen = mask_prefixlen(value)
            if last is None or prefixlen is None:
                self.unparsed.append(line)
            else:
                last["prefixlen"] = prefixlen
        else:
            address = _address(line, key, value)
            if address is None:
                self.unparsed.append(line)
            else:
                adapter.addresses.append(address)

    def title(self, children: list[Token]) -> _Entry:
        return "title", self.line_of(children[0]), "", ""

    def adapter(self, children: list[Token]) -> _Entry | None:
        m = _ADAPTER_RE.match(children[0])
        if m is None:
            self.unparsed.append(self.line_of(children[0]))
            return None
        return "adapter", self.line_of(children[0]), m["kind"], m["name"]

    def entry(self, children: list[Token]) -> _Entry | None:
        m = _ENTRY_RE.match(children[0])
        if m is None:
            self.unparsed.append(self.line_of(children[0]))
            return None
        return "entry", self.line_of(children[0]), m["key"].strip(), m["value"]

    def more(self, children: list[Token]) -> _Entry:
        return "more", self.line_of(children[0]), str(children[0]).strip(), ""


_PARSER = LineParser("ipconfig", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[AddrData]:
    """Parse `ipconfig` / `ipconfig /all` output (English and Japanese)."""
    return _PARSER.parse(lines, argv)

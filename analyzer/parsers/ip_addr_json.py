"""`ip -j address` / `ip -j link` (also `-p`, `-br`, `-d`, `-s`) → `AddrData`.

iproute2's JSON keys map onto the fields its text output fills: `ifindex` → `index`,
`ifname` → `name`, `operstate` → `state`, `txqlen` → `qlen`, `address` → `lladdr`,
`broadcast` → `link_broadcast`, `link_netnsid` → `link_netns`; `link` (a device in the
same namespace) or `link_index` (`@if4`, as text prints it) → `link`;
`linkinfo.info_kind == "vlan"` → `vlan_id`. In `addr_info`: `local` → `address`,
`address` → `peer`, the address flags (`dynamic`, `noprefixroute`, `secondary`, ...) are
keys set to true, and the lifetimes read as text prints them (`forever`, `86398sec`).
`-br` output has no `family`: it is read from the address.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from lark import Token

from analyzer.parsers import shapes
from analyzer.parsers.base import LineParser, Parsed
from analyzer.parsers.ip_addr import ADDRESS_FLAGS
from analyzer.parsers.ip_json import HEADER as HEADER
from analyzer.parsers.ip_json import JsonTransformer, Objects
from analyzer.records import AddrData, Address, Interface
from analyzer.transcript import Line

SHAPE = re.compile(shapes.IP_ADDR_JSON)
_FOREVER = 4294967295


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _lifetime(value: Any) -> str | None:
    seconds = _int(value)
    if seconds is None:
        return None
    return "forever" if seconds == _FOREVER else f"{seconds}sec"


def _link(obj: dict[str, Any]) -> str | None:
    """The device under this one, as text prints it after `@`."""
    if isinstance(obj.get("link"), str):
        return str(obj["link"])
    index = _int(obj.get("link_index"))
    return f"if{index}" if index is not None else None


def _vlan_id(obj: dict[str, Any]) -> int | None:
    info = obj.get("linkinfo")
    if not isinstance(info, dict) or info.get("info_kind") != "vlan":
        return None
    data = info.get("info_data")
    return _int(data.get("id")) if isinstance(data, dict) else None


class _Transformer(JsonTransformer[AddrData]):
    def start(self, items: list[list[Interface] | None]) -> AddrData:
        return AddrData(interfaces=tuple(i for run in items if run for i in run))

    def record(self, obj: dict[str, Any], objects: Objects, token: Token) -> Interface | None:
        name = _str(obj.get("ifname"))
        if name is None:
            return None
        netns = obj.get("link_netnsid", obj.get("link_netns"))
        has_link = "link_type" in obj or "address" in obj
        infos = obj.get("addr_info")
        return Interface(
            line=self.at(token, objects, obj), index=_int(obj.get("ifindex")), name=name,
            link=_link(obj),
            flags=tuple(f for f in obj.get("flags", []) if isinstance(f, str)),
            mtu=_int(obj.get("mtu")), qdisc=_str(obj.get("qdisc")),
            master=_str(obj.get("master")), state=_str(obj.get("operstate")),
            group=_str(obj.get("group")), qlen=_int(obj.get("txqlen")),
            lladdr=_str(obj.get("address")), link_broadcast=_str(obj.get("broadcast")),
            link_type=_str(obj.get("link_type")),
            link_line=self.line_of(token, objects.key_line(
                obj, "link_type" if "link_type" in obj else "address")) if has_link else None,
            link_netns=str(netns) if netns is not None else None,
            altnames=tuple(a for a in obj.get("altnames", []) if isinstance(a, str)),
            vlan_id=_vlan_id(obj),
            addresses=tuple(self._address(info, objects, token)
                            for info in (infos if isinstance(infos, list) else [])
                            if isinstance(info, dict) and isinstance(info.get("local"), str)),
        )

    def _address(self, info: dict[str, Any], objects: Objects, token: Token) -> Address:
        local = str(info["local"])
        return Address(
            line=self.at(token, objects, info),
            family=_str(info.get("family")) or ("inet6" if ":" in local else "inet"),
            address=local, prefixlen=_int(info.get("prefixlen")),
            broadcast=_str(info.get("broadcast")), scope=_str(info.get("scope")),
            peer=_str(info.get("address")), label=_str(info.get("label")),
            flags=tuple(k for k, v in info.items() if k in ADDRESS_FLAGS and v is True),
            valid_lft=_lifetime(info.get("valid_life_time")),
            preferred_lft=_lifetime(info.get("preferred_life_time")),
            metric=_int(info.get("metric")),
        )


_PARSER = LineParser("ip_addr_json", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[AddrData]:
    """Parse `ip -j address` / `ip -j link` output (compact or `-p`)."""
    return _PARSER.parse(lines, argv)

"""What the paste shows about one host, each value with the line it comes from."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass

from analyzer.diagnose.facts import Facts, ip, route_network
from analyzer.escalation.commands import Entry
from analyzer.records import Interface
from analyzer.transcript import Line

_VLAN_NAME = re.compile(r"^(?:.+\.(?P<sub>\d{1,4})|vlan[._-]?(?P<vlan>\d{1,4}))$", re.I)
_HOSTNAME_PROGRAMS = frozenset({"hostname", "uname", "hostnamectl"})
_LLDP_FIELD = re.compile(r"^\s*(?P<key>Interface|SysName|PortID|PortDescr):\s*(?P<value>.*?)\s*$")
_PORT_SUBTYPE = re.compile(r"^(?:ifname|ifalias|local|mac|ip|agentcircuitid)\s+", re.I)


@dataclass(frozen=True, slots=True, kw_only=True)
class Sourced:
    """A value and the 1-based input line it was read from."""

    value: str
    line: int


def _interface(f: Facts, dev: str | None) -> Interface | None:
    """The `ip address show` record of `dev`, if shown."""
    return f.interface(dev) if dev else None


def host_name(f: Facts, entries: Sequence[Entry]) -> Sourced | None:
    """The host's name: the line `hostname` printed it on, else its first prompt."""
    name = f.state.name
    if name is None:
        return None
    for e in entries:
        if e.program in _HOSTNAME_PROGRAMS and e.host == name:
            for line in e.lines[1:]:
                if name in line.text.split():
                    return Sourced(value=name, line=line.no)
    first = next((e.line for e in entries if e.host == name and e.command is not None), None)
    return Sourced(value=name, line=first) if first is not None else None


def host_address(f: Facts, version: int) -> tuple[Sourced, int | None] | None:
    """`ADDR/LEN (ADDR NETMASK, DEV)` of the default route's interface, and the prefix.

    From `ip address show` when shown, else from the `src` of a link route (whose
    destination gives the prefix).
    """
    dev = f.gateway_dev
    for iface in f.state.interfaces:
        if dev is not None and iface.name != dev:
            continue
        for a in iface.addresses:
            addr = ip(a.address)
            if addr is not None and addr.version == version and not addr.is_loopback \
                    and not addr.is_link_local:
                return Sourced(value=_with_prefix(a.address, a.prefixlen, iface.name),
                               line=a.line), a.prefixlen
    for r in f.state.routes:
        net = route_network(r)
        src = ip(r.src)
        if r.src and src is not None and src.version == version and net is not None \
                and r.dst != "default" and r.via is None and (dev is None or r.dev == dev):
            prefix = net.prefixlen if src in net else None
            return Sourced(value=_with_prefix(r.src, prefix, r.dev), line=r.line), prefix
    return None


def _with_prefix(address: str, prefixlen: int | None, dev: str | None) -> str:
    """`ADDR/LEN (ADDR NETMASK, DEV)` (IPv6: `ADDR/LEN (DEV)`)."""
    where = f", {dev}" if dev else ""
    if prefixlen is None:
        return f"{address} ({dev})" if dev else address
    if ":" in address:
        return f"{address}/{prefixlen}" + (f" ({dev})" if dev else "")
    mask = ipaddress.IPv4Network(f"0.0.0.0/{prefixlen}").netmask
    return f"{address}/{prefixlen} ({address} {mask}{where})"


def mac_address(f: Facts) -> Sourced | None:
    """The link-layer address of the default route's interface."""
    iface = _interface(f, f.gateway_dev)
    if iface is None or not iface.lladdr:
        return None
    return Sourced(value=iface.lladdr, line=iface.link_line or iface.line)


def link_state(f: Facts) -> Sourced | None:
    """`state UP, mtu 1500` of the default route's interface."""
    iface = _interface(f, f.gateway_dev)
    if iface is None or (iface.state is None and iface.mtu is None):
        return None
    parts = [f"state {iface.state}" if iface.state else None,
             f"mtu {iface.mtu}" if iface.mtu is not None else None,
             "NO-CARRIER" if "NO-CARRIER" in iface.flags else None]
    return Sourced(value=", ".join(p for p in parts if p), line=iface.line)


def vlan_id(f: Facts) -> Sourced | None:
    """The VLAN of the default route's interface: `ip -d` detail, else its name.

    The value names where it comes from: `100 (802.1Q, ens192)` or `100 (ens192.100)`.
    """
    dev = f.gateway_dev
    iface = _interface(f, dev)
    if iface is not None and iface.vlan_id is not None:
        return Sourced(value=f"{iface.vlan_id} (802.1Q, {iface.name})", line=iface.line)
    m = _VLAN_NAME.match(dev or "")
    number = int(m.group("sub") or m.group("vlan")) if m else 0
    route = f.gateway_route
    line = iface.line if iface is not None else route.line if route is not None else None
    if not 1 <= number <= 4094 or line is None:
        return None
    return Sourced(value=f"{number} ({dev})", line=line)


@dataclass(frozen=True, slots=True, kw_only=True)
class LldpNeighbour:
    """A switch seen by LLDP: the host's link, the switch's name and port."""

    link: str | None
    name: Sourced
    port: str | None


def lldp_neighbours(entry: Entry) -> list[LldpNeighbour]:
    """The neighbours `lldpctl` or `networkctl lldp` printed (nothing for other commands)."""
    if entry.program == "lldpctl":
        return _lldpctl(entry.lines[1:])
    if entry.program == "networkctl" and "lldp" in entry.argv:
        return _networkctl(entry.lines[1:])
    return []


def switch_port(f: Facts, entries: Sequence[Entry]) -> Sourced | None:
    """Switch name and port on the default route's link, from this host's LLDP output."""
    dev = f.gateway_dev
    iface = _interface(f, dev)
    # LLDP runs on the physical link: a VLAN device's parent (`ens192.100@ens192`) counts.
    links = {None, dev, iface.link if iface else None, dev.rsplit(".", 1)[0] if dev else None}
    for e in entries:
        if e.host != f.state.name:
            continue
        for n in lldp_neighbours(e):
            if dev is None or n.link in links:
                value = f"{n.name.value} {n.port}" if n.port else n.name.value
                return Sourced(value=value, line=n.name.line)
    return None


def _lldpctl(lines: Sequence[Line]) -> list[LldpNeighbour]:
    """`Interface:`, `SysName:` and `PortID:` (or `PortDescr:`) of each neighbour."""
    found: list[dict[str, Sourced]] = []
    current: dict[str, Sourced] = {}
    for line in lines:
        m = _LLDP_FIELD.match(line.text)
        if m is None:
            continue
        key, value = m.group("key"), m.group("value")
        if key == "Interface" or not found:
            current = {}
            found.append(current)
        if key == "Interface":
            value = value.split(",")[0].strip()
        current.setdefault(key, Sourced(value=_PORT_SUBTYPE.sub("", value), line=line.no))
    result = []
    for n in found:
        if "SysName" in n:
            port = n.get("PortID") or n.get("PortDescr")
            link = n.get("Interface")
            result.append(LldpNeighbour(link=link.value if link else None, name=n["SysName"],
                                        port=port.value if port else None))
    return result


def _networkctl(lines: Sequence[Line]) -> list[LldpNeighbour]:
    """The rows under the `SYSTEM NAME` / `PORT ID` header."""
    columns: dict[str, int] = {}
    result: list[LldpNeighbour] = []
    for line in lines:
        text = line.text
        if "SYSTEM NAME" in text and "PORT ID" in text:
            columns = {name: text.index(name) for name in ("SYSTEM NAME", "CAPS", "PORT ID",
                                                           "PORT DESCRIPTION") if name in text}
            continue
        if not columns or not text.strip() or "neighbors listed" in text:
            continue
        name = _column(text, columns, "SYSTEM NAME", "CAPS")
        port = _column(text, columns, "PORT ID", "PORT DESCRIPTION")
        if name:
            result.append(LldpNeighbour(link=text.split()[0], port=port or None,
                                        name=Sourced(value=name, line=line.no)))
    return result


def _column(text: str, columns: dict[str, int], name: str, following: str) -> str:
    """The text of a table row under the header column `name`."""
    start = columns.get(name)
    if start is None:
        return ""
    end = columns.get(following)
    return text[start:end].strip() if end is not None and end > start else text[start:].strip()

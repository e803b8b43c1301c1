"""Typed records produced by the parsers: the schema of `netblame parse`.

Every record that comes from a line of the input carries `line`, the 1-based
line number in the original input, so findings can cite their evidence.
Field names follow the JSON contract in design.md; `source` is written as
`from` in JSON (see `analyzer.serialize`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --------------------------------------------------------------------- ping


@dataclass(frozen=True, kw_only=True)
class PingReply:
    """One echo reply.

    Without slots: the iputils parser builds a reply by filling its `__dict__` (a long
    ping is tens of thousands of replies); fields it leaves out read the class defaults.
    """

    line: int
    seq: int | None
    source: str | None = field(metadata={"json": "from"})
    ttl: int | None = None
    time_ms: float | None = None
    duplicate: bool = False
    bytes: int | None = None
    timestamp: float | None = None
    source_name: str | None = field(default=None, metadata={"json": "from_name"})
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class IcmpError:
    """An ICMP error reported for one probe (`From X icmp_seq=N <type>`)."""

    line: int
    seq: int | None
    source: str | None = field(metadata={"json": "from"})
    type: str
    message: str
    mtu: int | None = None
    nexthop: str | None = None
    source_name: str | None = field(default=None, metadata={"json": "from_name"})
    timestamp: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LocalError:
    """An error the ping program reported about the local host (no packet left)."""

    line: int
    type: str
    message: str
    syscall: str | None = None
    mtu: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PingData:
    """Everything one ping run printed."""

    target: str | None
    target_ip: str | None
    family: int | None = None
    payload_bytes: int | None = None
    transmitted: int | None = None
    received: int | None = None
    errors: int | None = None
    duplicates: int | None = None
    loss_percent: float | None = None
    time_total_ms: float | None = None
    pipe: int | None = None
    rtt_min_ms: float | None = None
    rtt_avg_ms: float | None = None
    rtt_max_ms: float | None = None
    rtt_mdev_ms: float | None = None
    replies: tuple[PingReply, ...] = ()
    icmp_errors: tuple[IcmpError, ...] = ()
    timeouts: tuple[int, ...] = ()
    timeout_lines: tuple[int, ...] = ()
    local_errors: tuple[LocalError, ...] = ()
    interrupted: bool = False
    header_line: int | None = None
    stats_line: int | None = None
    rtt_line: int | None = None
    packet_bytes: int | None = None
    source_ip: str | None = None
    interface: str | None = None
    corrupted: int | None = None
    ipg_ms: float | None = None
    ewma_ms: float | None = None
    warnings: tuple[LocalError, ...] = ()
    # Windows only: the `Received =` count ping.exe printed. It counts error replies
    # (`Reply from X: Destination host unreachable.`), which `received` does not.
    received_reported: int | None = None


# --------------------------------------------------------------- traceroute


@dataclass(frozen=True, slots=True, kw_only=True)
class TraceProbe:
    """One probe of a hop: who answered (None for `*`) and how fast."""

    ip: str | None
    name: str | None = None
    rtt_ms: float | None = None
    annotation: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TraceHop:
    """One TTL step of a traceroute."""

    line: int
    ttl: int
    probes: tuple[TraceProbe, ...]
    # mtr: the hop's loss and probe count (its average RTT is the probe's `rtt_ms`)
    loss_percent: float | None = None
    sent: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TracerouteData:
    """A traceroute run: header and hops."""

    target: str | None
    target_ip: str | None
    family: int | None = None
    max_hops: int | None = None
    packet_bytes: int | None = None
    hops: tuple[TraceHop, ...] = ()
    header_line: int | None = None
    local_errors: tuple[LocalError, ...] = ()
    interrupted: bool = False
    # BSD: `traceroute: Warning: x has multiple addresses; using y` (the trace went on)
    warnings: tuple[LocalError, ...] = ()
    pmtu: int | None = None  # tracepath: the path MTU it ended with (`Resume: pmtu N`)


# ----------------------------------------------------------------- ip route


@dataclass(frozen=True, slots=True, kw_only=True)
class Nexthop:
    """One `nexthop` of a multipath route."""

    line: int
    via: str | None
    dev: str | None
    weight: int | None = None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Route:
    """One route of `ip route show`.

    Without slots: the iproute2 parser builds a route by filling its `__dict__` with the
    fields its line prints, and the rest read the class-level defaults.
    """

    line: int
    dst: str
    type: str = "unicast"
    via: str | None = None
    dev: str | None = None
    proto: str | None = None
    scope: str | None = None
    src: str | None = None
    metric: int | None = None
    flags: tuple[str, ...] = ()
    table: str | None = None
    pref: str | None = None
    mtu: int | None = None
    expires: int | None = None
    nexthops: tuple[Nexthop, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class RouteData:
    """A routing table as printed."""

    routes: tuple[Route, ...] = ()
    # Routes stored to be installed at boot (Windows `route print`: `Persistent Routes:`).
    # They are configuration, not the table in use: `routes` never includes them.
    persistent: tuple[Route, ...] = ()


# ----------------------------------------------------------------- ip neigh


@dataclass(frozen=True, slots=True, kw_only=True)
class Neighbor:
    """One neighbour (ARP / NDP) entry."""

    line: int
    ip: str
    dev: str | None = None
    lladdr: str | None = None
    state: tuple[str, ...] = ()
    router: bool = False
    proxy: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class NeighborData:
    """A neighbour table as printed."""

    neighbors: tuple[Neighbor, ...] = ()


# ------------------------------------------------------------------ ip addr


@dataclass(frozen=True, slots=True, kw_only=True)
class Address:
    """One `inet`/`inet6` address of an interface."""

    line: int
    family: str
    address: str
    prefixlen: int | None
    broadcast: str | None = None
    scope: str | None = None
    peer: str | None = None
    label: str | None = None
    flags: tuple[str, ...] = ()
    valid_lft: str | None = None
    preferred_lft: str | None = None
    metric: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Interface:
    """One interface of `ip address show`."""

    line: int
    index: int | None
    name: str
    link: str | None = None
    flags: tuple[str, ...] = ()
    mtu: int | None = None
    qdisc: str | None = None
    master: str | None = None
    state: str | None = None
    group: str | None = None
    qlen: int | None = None
    lladdr: str | None = None
    link_broadcast: str | None = None
    link_type: str | None = None
    link_line: int | None = None
    link_netns: str | None = None
    altnames: tuple[str, ...] = ()
    vlan_id: int | None = None
    addresses: tuple[Address, ...] = ()
    # The default routes this interface's own configuration names (Windows `ipconfig`:
    # `Default Gateway`), each with the line of the gateway; not a routing table.
    default_routes: tuple[Route, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class AddrData:
    """Interfaces and their addresses as printed."""

    interfaces: tuple[Interface, ...] = ()


BlockData = PingData | TracerouteData | RouteData | NeighborData | AddrData

"""Facts derived once per host from its state, each with the records it rests on.

How the destination is chosen (documented in the README too): `--dest` when given;
otherwise the target of a traceroute, else the first pinged target that is neither
the default gateway, nor one of the host's own addresses, nor a neighbour on a
connected subnet; else the first pinged target that is not the gateway.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import cached_property, lru_cache

from analyzer.diagnose.state import HostState, PingRun, TraceRun
from analyzer.records import IcmpError, Interface, Neighbor, PingReply, Route, TraceHop

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_LOOKUP_TYPES = frozenset({"unicast", "unreachable", "blackhole", "prohibit", "throw"})
# Entries that prove no ARP/ND answer: failed or pending, or written by hand (PERMANENT)
# or without ARP at all (NOARP).
_NOT_SEEN = frozenset({"FAILED", "INCOMPLETE", "PERMANENT", "NOARP"})
_LINK_DOWN_FLAGS = frozenset({"NO-CARRIER"})
_DOWN_STATES = frozenset({"DOWN", "LOWERLAYERDOWN", "NOTPRESENT"})


@lru_cache(maxsize=4096)
def ip(text: str | None) -> IPAddress | None:
    """The address in `text` (zone ids dropped), or None when it is not an address."""
    if not text:
        return None
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None


def route_network(route: Route) -> IPNetwork | None:
    """The destination network of a route (`default` by the family of its gateway)."""
    if route.dst == "default":
        gw = ip(route.via or (route.nexthops[0].via if route.nexthops else None))
        return ipaddress.ip_network("::/0" if gw is not None and gw.version == 6 else "0.0.0.0/0")
    try:
        return ipaddress.ip_network(route.dst.split("%", 1)[0], strict=False)
    except ValueError:
        return None


def route_gateway(route: Route) -> str | None:
    """The next hop of a route (the first nexthop of a multipath route)."""
    if route.via:
        return route.via
    return next((n.via for n in route.nexthops if n.via), None)


def route_dev(route: Route) -> str | None:
    """The interface of a route (the first nexthop's for a multipath route)."""
    if route.dev:
        return route.dev
    return next((n.dev for n in route.nexthops if n.dev), None)


def lookup(routes: list[Route], dest: IPAddress) -> Route | None:
    """The route the kernel would pick: longest prefix, then lowest metric."""
    best: tuple[int, int, int] | None = None
    chosen: Route | None = None
    for order, route in enumerate(routes):
        if route.type not in _LOOKUP_TYPES or route.table not in (None, "main"):
            continue
        net = route_network(route)
        if net is None or net.version != dest.version or dest not in net:
            continue
        key = (-net.prefixlen, route.metric or 0, order)
        if best is None or key < best:
            best, chosen = key, route
    return chosen


@dataclass(frozen=True, slots=True, kw_only=True)
class PingOutcome:
    """What one ping run to one target showed."""

    run: PingRun
    replies: tuple[PingReply, ...]
    duplicates: tuple[PingReply, ...]
    errors: tuple[IcmpError, ...]

    @property
    def answered(self) -> bool:
        """At least one echo reply came back."""
        return bool(self.replies)

    @property
    def sent(self) -> bool:
        """Packets left the host (statistics, timeouts or errors printed)."""
        d = self.run.data
        return bool((d.transmitted or 0) > 0 or d.timeouts or self.errors or self.replies
                    or (d.interrupted and not d.local_errors))

    @property
    def silent(self) -> bool:
        """Sent, and nothing at all came back (the guide's 'timeout')."""
        return self.sent and not self.replies and not self.errors and not self.run.data.local_errors

    @property
    def evidence(self) -> tuple[int, ...]:
        """The lines that show the outcome: header, first reply/error, statistics."""
        d = self.run.data
        lines = [d.header_line, self.run.block.line_start]
        lines += [r.line for r in self.replies[:1]] + [e.line for e in self.errors[:2]]
        lines += [e.line for e in d.local_errors[:1]]
        lines += [d.stats_line]
        return tuple(sorted({n for n in lines if n}))


def outcome(run: PingRun) -> PingOutcome:
    """Replies, duplicates and ICMP errors of one ping run."""
    replies = tuple(r for r in run.data.replies if not r.duplicate)
    dups = tuple(r for r in run.data.replies if r.duplicate)
    # A redirect only points at a better next hop: it is no failure of the probe.
    errors = tuple(e for e in run.data.icmp_errors if not e.type.startswith("redirect"))
    return PingOutcome(run=run, replies=replies, duplicates=dups, errors=errors)


@dataclass(frozen=True, slots=True, kw_only=True)
class TraceOutcome:
    """Where a traceroute's replies stop and what the hops said."""

    run: TraceRun
    reached: bool
    last_answering: TraceHop | None
    loop: tuple[TraceHop, ...]

    @property
    def annotations(self) -> tuple[tuple[TraceHop, str], ...]:
        """Each hop's `!X`-style annotations."""
        return tuple((h, p.annotation) for h in self.run.data.hops for p in h.probes
                     if p.annotation)


def trace_outcome(run: TraceRun) -> TraceOutcome:
    """Whether the trace reached its target, its last answering hop, and any loop."""
    target = run.data.target_ip
    reached = any(p.ip == target for h in run.data.hops for p in h.probes if p.ip)
    answering = [h for h in run.data.hops if any(p.ip for p in h.probes)]
    seen: dict[str, TraceHop] = {}
    loop: list[TraceHop] = []
    for hop in answering:
        for addr in {p.ip for p in hop.probes if p.ip}:
            first = seen.get(addr)
            if first is not None and hop.ttl - first.ttl > 1 and addr != target:
                loop.extend(h for h in (first, hop) if h not in loop)
            seen.setdefault(addr, hop)
    return TraceOutcome(run=run, reached=reached,
                        last_answering=answering[-1] if answering else None, loop=tuple(loop))


@dataclass(frozen=True, kw_only=True)
class Facts:
    """Derived facts of one host, for one destination."""

    state: HostState
    destination: str | None
    destination_reason: str
    peers: tuple[HostState, ...] = ()

    # ------------------------------------------------------------ addresses
    @cached_property
    def own_addresses(self) -> frozenset[str]:
        """Addresses of this host: from `ip address show` and routes' `src`."""
        own = {a.address for i in self.state.interfaces for a in i.addresses}
        own |= {r.src for r in self.state.routes if r.src}
        return frozenset(own)

    def connected_networks(self, dev: str | None = None) -> list[IPNetwork]:
        """Subnets on a link (all links when `dev` is None): addresses and link routes."""
        nets: list[IPNetwork] = []
        for iface in self.state.interfaces:
            if dev is None or iface.name == dev:
                for a in iface.addresses:
                    if a.prefixlen is not None:
                        nets.append(ipaddress.ip_interface(f"{a.address.split('%')[0]}/{a.prefixlen}").network)
        for r in self.state.routes:
            if r.via is None and not r.nexthops and r.type == "unicast" and r.dst != "default" \
                    and (dev is None or r.dev == dev):
                net = route_network(r)
                if net is not None:
                    nets.append(net)
        return nets

    def on_link(self, addr: str | None, dev: str | None = None) -> bool:
        """The address lies in a connected subnet (of `dev` when given)."""
        a = ip(addr)
        return a is not None and any(a.version == n.version and a in n
                                     for n in self.connected_networks(dev))

    # --------------------------------------------------------------- routes
    @cached_property
    def dest_ip(self) -> IPAddress | None:
        """The destination as an address (a name resolved by a ping header counts)."""
        if self.destination is None:
            return None
        direct = ip(self.destination)
        if direct is not None:
            return direct
        for run in self.state.pings:
            if run.data.target == self.destination and run.data.target_ip:
                return ip(run.data.target_ip)
        for trace in self.state.traces:
            if trace.data.target == self.destination and trace.data.target_ip:
                return ip(trace.data.target_ip)
        return None

    @cached_property
    def dest_route(self) -> Route | None:
        """The route the host would use for the destination (None: none covers it)."""
        if self.dest_ip is None or not self.state.has_routes:
            return None
        return lookup(self.state.routes, self.dest_ip)

    @cached_property
    def default_route(self) -> Route | None:
        """The default route of the destination's family (IPv4 when unknown)."""
        family = self.dest_ip.version if self.dest_ip else 4
        defaults = [r for r in self.state.routes if r.dst == "default" and r.type == "unicast"
                    and (route_network(r) or ipaddress.ip_network("0.0.0.0/0")).version == family]
        return min(defaults, key=lambda r: r.metric or 0, default=None)

    @cached_property
    def gateway_route(self) -> Route | None:
        """The route whose next hop is 'the default gateway' for this diagnosis.

        Without a routing table, the default gateway an `ipconfig` shows stands in.
        """
        route = self.dest_route
        if route is not None and route_gateway(route):
            return route
        if route is not None and self.dest_ip is not None:
            return None  # the destination is on-link: no gateway involved
        if self.default_route is None and not self.state.has_routes:
            family = self.dest_ip.version if self.dest_ip else 4
            return next((r for i in self.state.interfaces for r in i.default_routes
                         if (a := ip(r.via)) is not None and a.version == family), None)
        return self.default_route

    @cached_property
    def gateway(self) -> str | None:
        """The default gateway's address, from the route table."""
        return route_gateway(self.gateway_route) if self.gateway_route else None

    @cached_property
    def gateway_dev(self) -> str | None:
        """The interface toward the gateway."""
        return route_dev(self.gateway_route) if self.gateway_route else None

    @cached_property
    def onlink_destination(self) -> bool:
        """The destination sits on a connected subnet: no gateway between the two."""
        route = self.dest_route
        return route is not None and route.type == "unicast" and route_gateway(route) is None

    @cached_property
    def next_hop(self) -> str | None:
        """Whose MAC the host must resolve: the gateway, or an on-link destination."""
        if self.gateway is not None:
            return self.gateway
        return str(self.dest_ip) if self.onlink_destination else None

    @cached_property
    def next_hop_dev(self) -> str | None:
        """The interface toward the next hop."""
        if self.gateway_dev is not None or not self.onlink_destination or self.dest_route is None:
            return self.gateway_dev
        return route_dev(self.dest_route)

    @cached_property
    def egress(self) -> Route | None:
        """The route that carries traffic to the destination (or the default route)."""
        return self.dest_route or self.default_route

    def interface(self, name: str | None) -> Interface | None:
        """The interface called `name` in `ip address show`, if shown."""
        return next((i for i in self.state.interfaces if i.name == name), None) if name else None

    @staticmethod
    def interface_down(iface: Interface) -> bool:
        """Administratively down, or no carrier."""
        return ("UP" not in iface.flags and bool(iface.flags)) or bool(
            _LINK_DOWN_FLAGS & set(iface.flags)) or (iface.state in _DOWN_STATES)

    def own_address(self, version: int | None = None) -> str | None:
        """This host's global address on the gateway's link (of `version` when given)."""
        version = version or (self.dest_ip.version if self.dest_ip else 4)
        for iface in self.state.interfaces:
            if iface.name == self.gateway_dev or self.gateway_dev is None:
                for a in iface.addresses:
                    addr = ip(a.address)
                    if addr and addr.version == version and not addr.is_link_local \
                            and not addr.is_loopback:
                        return a.address
        sources = [(r.src, ip(r.src)) for r in self.state.routes if r.src]
        return next((src for src, addr in sources if addr and addr.version == version), None)

    @cached_property
    def traced_back(self) -> bool:
        """Another host of the paste ran a traceroute to one of this host's addresses."""
        return any(t.data.target_ip in self.own_addresses for p in self.peers for t in p.traces)

    # ---------------------------------------------------------------- pings
    def same_address(self, target: str | None, wanted: str | None) -> bool:
        """Two spellings of one address (or the same name)."""
        if not target or not wanted:
            return False
        a, b = ip(target), ip(wanted)
        return target == wanted if a is None or b is None else a == b

    def pings_to(self, addr: str | None) -> list[PingOutcome]:
        """Ping runs whose target is `addr` (by address, or by the name typed)."""
        return [outcome(run) for run in self.state.pings
                if self.same_address(run.data.target_ip, addr) or run.data.target == addr]

    @cached_property
    def dest_pings(self) -> list[PingOutcome]:
        """Pings to the destination."""
        found = self.pings_to(self.destination)
        if not found and self.dest_ip is not None:
            found = self.pings_to(str(self.dest_ip))
        return found

    @cached_property
    def gateway_pings(self) -> list[PingOutcome]:
        """Pings to the default gateway."""
        return self.pings_to(self.gateway) if self.gateway else []

    @cached_property
    def dest_traces(self) -> list[TraceOutcome]:
        """Traceroutes to the destination."""
        return [trace_outcome(t) for t in self.state.traces
                if self.same_address(t.data.target_ip, str(self.dest_ip) if self.dest_ip else None)
                or (t.target is not None and t.target == self.destination)]

    def is_local_source(self, source: str | None) -> bool:
        """An ICMP error sent by this host itself (its ARP/ND for the next hop failed)."""
        if source is None:
            return False
        if self.own_addresses:
            return source in self.own_addresses
        return self.on_link(source) and not self.same_address(source, self.gateway)

    # ----------------------------------------------------------- neighbours
    @cached_property
    def segment_neighbors(self) -> list[Neighbor]:
        """Neighbours on the next hop's segment, the next hop itself excluded."""
        gw = ip(self.next_hop)
        dev = self.next_hop_dev
        nets = self.connected_networks(dev)
        result = []
        for n in self.state.neighbors:
            addr = ip(n.ip)
            if addr is None or (gw is not None and (addr.version != gw.version or addr == gw)):
                continue
            if n.ip in self.own_addresses:  # macOS lists its own address in `arp -a`
                continue
            if dev and n.dev and n.dev != dev:
                continue
            if nets and not any(addr.version == net.version and addr in net for net in nets) \
                    and not addr.is_link_local:
                continue
            result.append(n)
        return result

    @cached_property
    def visible_neighbors(self) -> list[Neighbor]:
        """Same-segment neighbours that answered ARP/ND (a MAC, and not FAILED,
        INCOMPLETE, PERMANENT or NOARP)."""
        return [n for n in self.segment_neighbors
                if n.lladdr and not (_NOT_SEEN & set(n.state))]

    @cached_property
    def gateway_neighbor(self) -> Neighbor | None:
        """The gateway's own neighbour entry, if shown."""
        return next((n for n in self.state.neighbors if self.same_address(n.ip, self.gateway)),
                    None)


def choose_destination(state: HostState, forced: str | None) -> tuple[str | None, str]:
    """The destination of this host's diagnosis and why it was chosen."""
    if forced:
        return forced, "named with --dest"
    probe = Facts(state=state, destination=None, destination_reason="")
    gateway = probe.gateway
    for trace in state.traces:
        if trace.target and not probe.same_address(trace.target, gateway):
            return trace.target, "the target of a traceroute"
    targets = [run.target for run in state.pings if run.target]
    neighbours = {n.ip for n in state.neighbors if n.lladdr}
    for t in targets:
        if not probe.same_address(t, gateway) and t not in probe.own_addresses and not (
            t in neighbours and probe.on_link(t)
        ):
            return t, "the first pinged target beyond the local segment"
    for t in targets:
        if not probe.same_address(t, gateway):
            return t, "the first pinged target that is not the gateway"
    return None, "no ping or traceroute to anything but the gateway"


def derive(state: HostState, forced_dest: str | None = None,
           peers: tuple[HostState, ...] = ()) -> Facts:
    """The facts of one host (`peers`: the other hosts of the same paste)."""
    dest, why = choose_destination(state, forced_dest)
    return Facts(state=state, destination=dest, destination_reason=why, peers=peers)

"""What each host in the paste knew: its interfaces, routes, neighbours, pings, traces.

Blocks are grouped by the host their prompt names (`None` when the paste shows no
host name). When a host shows the same table twice, the last one counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analyzer.parse import ParsedBlock, ParseResult
from analyzer.records import (
    AddrData,
    Interface,
    Neighbor,
    NeighborData,
    PingData,
    Route,
    RouteData,
    TracerouteData,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class PingRun:
    """One ping block with its data."""

    block: ParsedBlock
    data: PingData

    @property
    def target(self) -> str | None:
        """The address pinged (the name when it never resolved)."""
        return self.data.target_ip or self.data.target


@dataclass(frozen=True, slots=True, kw_only=True)
class TraceRun:
    """One traceroute block with its data."""

    block: ParsedBlock
    data: TracerouteData

    @property
    def target(self) -> str | None:
        """The address traced."""
        return self.data.target_ip or self.data.target


@dataclass(slots=True, kw_only=True)
class HostState:
    """Everything one host's session showed."""

    name: str | None
    routes: list[Route] = field(default_factory=list)
    route_blocks: list[ParsedBlock] = field(default_factory=list)
    neighbors: list[Neighbor] = field(default_factory=list)
    neigh_block: ParsedBlock | None = None
    interfaces: list[Interface] = field(default_factory=list)
    addr_block: ParsedBlock | None = None
    pings: list[PingRun] = field(default_factory=list)
    traces: list[TraceRun] = field(default_factory=list)
    blocks: list[ParsedBlock] = field(default_factory=list)

    @property
    def has_routes(self) -> bool:
        """An `ip route show` (or equivalent) was run."""
        return bool(self.route_blocks)

    @property
    def route_families(self) -> frozenset[int]:
        """IP versions whose routing table was shown (`ip route` = 4, `ip -6 route` = 6)."""
        found: set[int] = set()
        for block in self.route_blocks:
            family = _argv_family(block.argv)
            if family is not None:
                found.add(family)
            else:
                found |= {_family(r.dst, r.via) for r in block.data.routes}  # type: ignore[union-attr]
        return frozenset(found)

    @property
    def has_neighbors(self) -> bool:
        """An `ip neigh show` (or equivalent) was run, even if it printed nothing."""
        return self.neigh_block is not None

    @property
    def has_interfaces(self) -> bool:
        """An `ip address show` (or equivalent) was run."""
        return self.addr_block is not None

    def add(self, block: ParsedBlock) -> None:
        """Take one parsed block into the state."""
        self.blocks.append(block)
        data = block.data
        if isinstance(data, PingData):
            self.pings.append(PingRun(block=block, data=data))
        elif isinstance(data, TracerouteData):
            self.traces.append(TraceRun(block=block, data=data))
        elif isinstance(data, RouteData):
            if "get" not in block.argv:  # `ip route get` answers one lookup, not the table
                self._add_routes(block, data)
        elif isinstance(data, NeighborData):
            self.neighbors, self.neigh_block = list(data.neighbors), block
        elif isinstance(data, AddrData):
            self._add_interfaces(block, data)

    def _add_routes(self, block: ParsedBlock, data: RouteData) -> None:
        # `ip route` and `ip -6 route` are two halves of one table: keep the latest of each.
        families = {_family(r.dst, r.via) for r in data.routes}
        self.routes = [r for r in self.routes if _family(r.dst, r.via) not in families]
        self.routes.extend(data.routes)
        self.route_blocks.append(block)

    def _add_interfaces(self, block: ParsedBlock, data: AddrData) -> None:
        known = {i.name: i for i in self.interfaces}
        for iface in data.interfaces:
            known[iface.name] = iface
        self.interfaces = list(known.values())
        self.addr_block = block


def _argv_family(argv: tuple[str, ...]) -> int | None:
    """The family an `ip` command line asks for (4 when it names none), None without one."""
    if not argv:
        return None
    words = list(argv)
    if "-6" in words or "inet6" in words:
        return 6
    return 4


def _family(dst: str, via: str | None) -> int:
    probe = via if dst == "default" and via else dst
    return 6 if ":" in probe else 4


def build_states(result: ParseResult) -> list[HostState]:
    """One state per host, in the order the hosts first appear."""
    states: dict[str | None, HostState] = {}
    for block in result.blocks:
        state = states.get(block.host)
        if state is None:
            state = states[block.host] = HostState(name=block.host)
        state.add(block)
    return list(states.values())

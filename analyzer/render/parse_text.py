"""`netblame parse --format text`: a readable summary of each block."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from analyzer.parse import ParsedBlock, ParseResult
from analyzer.records import AddrData, NeighborData, PingData, RouteData, TracerouteData
from analyzer.render.safe import plain


def _ping(d: PingData) -> str:
    stats = (f"{d.transmitted} sent, {d.received} received, {d.loss_percent}% loss"
             if d.transmitted is not None else "no statistics")
    errors = ", ".join(sorted({e.type for e in d.icmp_errors}))
    local = ", ".join(e.type for e in d.local_errors)
    parts = [f"target {d.target_ip or d.target}", f"{len(d.replies)} replies", stats]
    if errors:
        parts.append(f"ICMP errors: {errors}")
    if local:
        parts.append(f"local errors: {local}")
    if d.interrupted:
        parts.append("interrupted")
    return "; ".join(parts)


def _traceroute(d: TracerouteData) -> str:
    answered = [h.ttl for h in d.hops if any(p.ip for p in h.probes)]
    last = f", last answer at hop {answered[-1]}" if answered else ", no hop answered"
    return f"to {d.target_ip or d.target}: {len(d.hops)} hops{last}"


def summary(block: ParsedBlock) -> str:
    """One line that says what a block holds."""
    d = block.data
    if isinstance(d, PingData):
        return _ping(d)
    if isinstance(d, TracerouteData):
        return _traceroute(d)
    if isinstance(d, RouteData):
        default = [r for r in d.routes if r.dst == "default"]
        via = f", default via {default[0].via} dev {default[0].dev}" if default else ", no default"
        return f"{len(d.routes)} routes{via}"
    if isinstance(d, NeighborData):
        states: dict[str, int] = {}
        for n in d.neighbors:
            key = "/".join(n.state) or "?"
            states[key] = states.get(key, 0) + 1
        return f"{len(d.neighbors)} neighbours " + (
            "(" + ", ".join(f"{k} {v}" for k, v in sorted(states.items())) + ")" if states else "")
    if isinstance(d, AddrData):
        names = ", ".join(
            f"{i.name} {i.state or '?'} "
            + " ".join(f"{a.address}/{a.prefixlen}" for a in i.addresses)
            for i in d.interfaces)
        return f"{len(d.interfaces)} interfaces: {names}"
    return ""


def render_parse(result: ParseResult) -> RenderableType:
    """A table of blocks, then the unrecognised ones."""
    table = Table(title="blocks", show_lines=False, expand=False)
    for col in ("lines", "host", "kind", "command", "summary"):
        table.add_column(col, overflow="fold")
    for b in result.blocks:
        table.add_row(plain(f"{b.line_start}-{b.line_end}"), plain(b.host or "-"),
                      plain(f"{b.kind} ({b.dialect})"), plain(b.command or "(no command line)"),
                      plain(summary(b)))
    parts: list[RenderableType] = [table]
    for u in result.unrecognised:
        line = Text("unrecognised ", style="yellow")
        line.append_text(plain(f"lines {u.line_start}-{u.line_end}: {u.reason}"))
        parts.append(line)
    return Group(*parts)

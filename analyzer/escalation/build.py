"""Draft the escalation request for a diagnosis (design.md, "The escalation request").

`l2`, `gateway` and `path` verdicts get the guide's request for their branch, with
every item it asks for: filled (value and input line) where the paste shows it,
missing (with where to find it) where it does not. `host`, `access` and
`undetermined` get no request, but what to fix or run instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from analyzer.diagnose.facts import Facts, ip, route_dev, route_gateway
from analyzer.diagnose.report import Report
from analyzer.escalation.commands import Entry, command_entries
from analyzer.escalation.hostinfo import (
    Sourced,
    host_address,
    host_name,
    link_state,
    mac_address,
    switch_port,
    vlan_id,
)
from analyzer.escalation.model import FOUND, MISSING, Action, Escalation, Item
from analyzer.escalation.timewindow import time_window
from analyzer.escalation.wording import HINTS, INSTEAD, LABELS, REQUESTS, WORDS, say
from analyzer.parse import ParseResult
from analyzer.records import TracerouteData

ESCALATED = frozenset({"l2", "gateway", "path"})
# Verdicts about a destination on the host's own subnet, and their request sentences.
_ONLINK_REQUESTS = {"L003": "l2_onlink", "P008": "onlink_down"}
_DENIED_RULES = frozenset({"A002", "A003", "A004"})


@dataclass
class _Items:
    """Collects items in the order the ticket lists them."""

    lang: str
    items: list[Item] = field(default_factory=list)

    def add(self, key: str, group: str, section: str, found: Sourced | None, hint: str,
            *, partial: bool = False, **label: str) -> None:
        """One item: found (unless `partial`: a value that is not yet enough), else missing."""
        self.items.append(Item(
            key=key, label=say(LABELS, key, self.lang, **label),
            value=found.value if found else None, source_line=found.line if found else None,
            status=FOUND if found is not None and not partial else MISSING,
            required=group == "required", group=group, section=section,
            hint=None if found is not None and not partial else hint))


@dataclass(frozen=True, slots=True, kw_only=True)
class _Sides:
    """The host that ran the commands, the destination, and its session if pasted."""

    source: Facts
    peer: Facts | None
    dest_ip: str | None
    lang: str

    @property
    def source_label(self) -> str:
        """The source host's name, or "the source host"."""
        return self.source.state.name or say(WORDS, "this_host", self.lang)

    @property
    def dest_label(self) -> str:
        """The destination as the diagnosis names it, or "the destination"."""
        return self.source.destination or say(WORDS, "destination", self.lang)


def _peer_of(primary: Facts, facts: Sequence[Facts]) -> Facts | None:
    """The session of the destination host, when the paste holds one."""
    dest = primary.dest_ip
    if dest is None:
        return None
    return next((f for f in facts if f is not primary
                 and any(ip(a) == dest for a in f.own_addresses)), None)


def _dest_seen(f: Facts) -> Sourced | None:
    """The first ping or traceroute line that names the destination's address."""
    if f.dest_ip is None:
        return None
    lines = [p.run.block.line_start for p in f.dest_pings] + [
        t.run.block.line_start for t in f.dest_traces]
    return Sourced(value=str(f.dest_ip), line=min(lines)) if lines else None


def _dest_name(sides: _Sides, entries: Sequence[Entry]) -> Sourced | None:
    """The destination's name: its own session's, else the name typed or resolved."""
    if sides.peer is not None:
        found = host_name(sides.peer, entries)
        if found is not None:
            return found
    f = sides.source
    for run in f.state.pings:
        d = run.data
        if d.target and ip(d.target) is None and f.same_address(d.target_ip, sides.dest_ip):
            return Sourced(value=d.target, line=run.block.line_start)
        named = next((r for r in d.replies if r.source_name and r.source_name != r.source
                      and f.same_address(r.source, sides.dest_ip)), None)
        if named is not None and named.source_name:
            return Sourced(value=named.source_name, line=named.line)
    for trace in f.state.traces:
        t = trace.data
        if t.target and ip(t.target) is None and f.same_address(t.target_ip, sides.dest_ip):
            return Sourced(value=t.target, line=trace.block.line_start)
    return None


def describe_trace(data: TracerouteData, lang: str) -> str:
    """`A → B → (no reply at hops 3–30) [not reached]`; a loop is cut at its first repeat."""
    parts: list[str] = []
    silent: list[int] = []
    seen: set[str] = set()

    def flush() -> None:
        """Close a run of silent hops as one `(no reply at hops a–b)`."""
        if silent:
            key = "no_reply" if len(silent) > 1 else "no_reply_one"
            parts.append("(" + say(WORDS, key, lang, first=str(silent[0]),
                                   last=str(silent[-1])) + ")")
            silent.clear()

    for hop in data.hops:
        addrs = list(dict.fromkeys(p.ip for p in hop.probes if p.ip))
        if not addrs:
            silent.append(hop.ttl)
            continue
        flush()
        notes = sorted({p.annotation for p in hop.probes if p.annotation})
        text = " ".join(["/".join(addrs), *notes])
        if text in seen and data.target_ip not in addrs:
            parts.append(f"{text} ({say(WORDS, 'loop', lang, last=str(data.hops[-1].ttl))})")
            break
        seen.add(text)
        parts.append(text)
    flush()
    reached = any(p.ip == data.target_ip for h in data.hops for p in h.probes if p.ip)
    text = " → ".join(parts) if parts else "-"
    return f"{text} [{say(WORDS, 'reached' if reached else 'not_reached', lang)}]"


def _address_items(items: _Items, sides: _Sides) -> Sourced | None:
    """Both ends' addresses with prefix; returns the source's (also its interface's)."""
    lang = sides.lang
    version = sides.source.dest_ip.version if sides.source.dest_ip else 4
    found = host_address(sides.source, version)
    own = found[0] if found else None
    items.add("source.address", "required", "addresses", own,
              say(HINTS, "address", lang, host=sides.source_label))
    peer = host_address(sides.peer, version) if sides.peer is not None else None
    if peer is not None and peer[1] is not None:
        items.add("destination.address", "required", "addresses", peer[0], "")
    else:
        seen = peer[0] if peer is not None else _dest_seen(sides.source)
        items.add("destination.address", "required", "addresses", seen,
                  say(HINTS, "prefix" if seen else "address", lang, host=sides.dest_label),
                  partial=True)
    return own


def _name_items(items: _Items, sides: _Sides, entries: Sequence[Entry], group: str,
                section: str, *, locations: bool) -> None:
    """Both ends' names (and locations, which no paste shows)."""
    lang = sides.lang
    items.add("source.name", group, section, host_name(sides.source, entries),
              say(HINTS, "name", lang, host=say(WORDS, "this_host", lang)))
    if locations:
        items.add("source.location", group, section, None, say(HINTS, "location", lang))
    items.add("destination.name", group, section, _dest_name(sides, entries),
              say(HINTS, "name", lang, host=sides.dest_label))
    if locations:
        items.add("destination.location", group, section, None, say(HINTS, "location", lang))


def _command_items(items: _Items, entries: Sequence[Entry]) -> None:
    """One item per command: its line and its output as pasted, secrets masked."""
    for n, e in enumerate(entries, start=1):
        label = e.command or say(WORDS, "no_command_line", items.lang)
        items.items.append(Item(key=f"command.{n}", label=label, value=e.text,
                                source_line=e.line, status=FOUND, required=True,
                                group="required", section="commands"))


def _time_item(items: _Items, result: ParseResult) -> None:
    """The time window; without a date it is not enough and stays missing."""
    lang = items.lang
    t = result.transcript
    window = time_window(t.lines, t.invocations, say(WORDS, "zone_unknown", lang))
    found = Sourced(value=window.text, line=window.first_line) if window else None
    hint = say(HINTS, "time_date" if window else "time", lang)
    items.add("time_window", "optional", "time", found, hint,
              partial=window is not None and not window.has_date)


def _segment_items(sides: _Sides, entries: Sequence[Entry], result: ParseResult) -> _Items:
    """The L2 / gateway request's items (the guide's step 4 list)."""
    lang = sides.lang
    items = _Items(lang=lang)
    src = sides.source
    default = src.gateway_route or src.default_route
    dev = src.gateway_dev or (route_dev(default) if default else None) \
        or say(WORDS, "interface", lang)
    _name_items(items, sides, entries, "required", "names", locations=True)
    items.add("source.switch", "required", "switch", switch_port(src, entries),
              say(HINTS, "switch", lang))
    own = _address_items(items, sides)
    # the configured default gateway, also when the destination needs none (on-link)
    via = route_gateway(default) if default else None
    gateway = Sourced(value=via, line=default.line) if via and default else None
    items.add("source.gateway", "required", "gateway", gateway, say(HINTS, "gateway", lang))
    items.add("source.interface_address", "required", "interface", own,
              say(HINTS, "address", lang, host=sides.source_label), dev=dev)
    items.add("source.mac", "required", "interface", mac_address(src), say(HINTS, "mac", lang),
              dev=dev)
    items.add("source.link", "required", "interface", link_state(src), say(HINTS, "link", lang),
              dev=dev)
    _command_items(items, entries)
    items.add("source.vlan", "if_used", "vlan", vlan_id(src), say(HINTS, "vlan", lang))
    peer_vlan = vlan_id(sides.peer) if sides.peer is not None else None
    items.add("destination.vlan", "if_used", "vlan", peer_vlan, say(HINTS, "vlan", lang))
    _time_item(items, result)
    return items


def _path_items(sides: _Sides, entries: Sequence[Entry], result: ParseResult) -> _Items:
    """The path request's items (the guide's step 5 list)."""
    lang = sides.lang
    items = _Items(lang=lang)
    src = sides.source
    _address_items(items, sides)
    forward = src.dest_traces[0].run if src.dest_traces else None
    items.add("path.forward", "required", "paths",
              Sourced(value=describe_trace(forward.data, lang), line=forward.block.line_start)
              if forward else None,
              say(HINTS, "forward", lang, host=sides.source_label, dest=sides.dest_label))
    back = next((t for p in src.peers for t in p.traces
                 if t.data.target_ip in src.own_addresses), None)
    items.add("path.reverse", "required", "paths",
              Sourced(value=describe_trace(back.data, lang), line=back.block.line_start)
              if back else None,
              say(HINTS, "reverse", lang, dest=sides.dest_label,
                  own=src.own_address() or say(WORDS, "own_ip", lang, host=sides.source_label)))
    _command_items(items, entries)
    _name_items(items, sides, entries, "optional", "hostnames", locations=False)
    _time_item(items, result)
    return items


def _request(report: Report, f: Facts) -> str:
    """The guide's request sentence for the verdict, when the paste proves its premises."""
    lang = report.lang
    segment = report.verdict.segment
    if report.verdict.rule == "L002":
        target = next((r.target for r in f.state.pings
                       if r.target and any(x.duplicate for x in r.data.replies)), "?")
        return say(REQUESTS, "l2_duplicate", lang, target=target)
    if report.verdict.rule in _ONLINK_REQUESTS:
        return say(REQUESTS, _ONLINK_REQUESTS[report.verdict.rule], lang)
    if segment != "path":
        return say(REQUESTS, segment, lang)
    if report.verdict.rule == "P006":
        return say(REQUESTS, "path_loss", lang)
    silent = bool(f.dest_pings) and not any(p.answered for p in f.dest_pings)
    gateway_ok = any(p.answered for p in f.gateway_pings)
    return say(REQUESTS, "path" if silent and gateway_ok else "path_other", lang)


def _instead(report: Report) -> Escalation:
    """No request: what to fix (host), where to look (access), or what to run."""
    v = report.verdict
    key = v.segment
    if key == "access":
        key = "access_denied" if v.rule in _DENIED_RULES else "access_likely"
    actions = tuple(Action(command=s.command, why=s.why, host=s.host) for s in report.next_steps)
    return Escalation(kind=v.segment, escalate=False, message=say(INSTEAD, key, report.lang),
                      detail=v.summary, actions=actions, lang=report.lang)


def build_escalation(report: Report, primary: Facts | None, facts: Sequence[Facts],
                     result: ParseResult) -> Escalation:
    """The request for the report's verdict (`primary`: the facts of the verdict's host)."""
    segment = report.verdict.segment
    if segment not in ESCALATED or primary is None:
        return _instead(report)
    entries = command_entries(result.transcript)
    sides = _Sides(source=primary, peer=_peer_of(primary, facts),
                   dest_ip=str(primary.dest_ip) if primary.dest_ip else None, lang=report.lang)
    # A destination on the host's own segment is the next hop: the L2/gateway list fits.
    routed_path = segment == "path" and report.verdict.rule not in _ONLINK_REQUESTS
    items = (_path_items if routed_path else _segment_items)(sides, entries, result)
    return Escalation(kind=segment, escalate=True, message=_request(report, primary),
                      detail=report.verdict.summary, items=tuple(items.items), lang=report.lang)

"""Run the rules over each host's facts, order the findings, pick the verdict."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from analyzer.diagnose import rules as _rules  # noqa: F401  (registers every rule)
from analyzer.diagnose.facts import Facts, derive
from analyzer.diagnose.i18n import segment_label, text
from analyzer.diagnose.platform import localise, platform_of
from analyzer.diagnose.report import (
    Evidence,
    Finding,
    HostSummary,
    NextStepOut,
    Report,
    SegmentStatus,
    Verdict,
)
from analyzer.diagnose.rulebase import RULES, Hit, Rule
from analyzer.diagnose.state import build_states
from analyzer.escalation.build import build_escalation
from analyzer.parse import ParseResult

INFORMATIONAL = frozenset({"X001"})
PATH_ORDER = ("host", "l2", "gateway", "path", "access")
LOCAL_SEGMENTS = frozenset({"host", "l2", "gateway"})


class _SafeDict(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _context(f: Facts) -> dict[str, str]:
    """Values every message and next step may use."""
    return {"dest": f.destination or "<destination IP>", "gateway": f.gateway or "<gateway IP>",
            "own": f.own_address() or "<this host's IP>", "host": f.state.name or "this host"}


def _fmt(template: str, values: Mapping[str, str]) -> str:
    return template.format_map(_SafeDict(values))


def _finding(r: Rule, hit: Hit, f: Facts, result: ParseResult, lang: str) -> Finding:
    values = _context(f) | dict(hit.params)
    transcript = result.transcript
    return Finding(
        rule=r.id, name=r.name, segment=r.segment, host=f.state.name, rank=r.rank,
        message=_fmt(text(r.message, lang), values),
        evidence=tuple(Evidence(line=n, text=transcript.text_of(n)) for n in hit.evidence),
    )


def _next_steps(fired: list[tuple[Rule, Hit, Facts]], segment: str,
                lang: str) -> list[NextStepOut]:
    """The next steps of the findings that support the verdict's segment."""
    steps: list[NextStepOut] = []
    seen: set[tuple[str | None, str]] = set()
    for r, hit, f in sorted(fired, key=lambda x: x[0].rank):
        if r.segment != segment:
            continue
        for step in r.next_steps:
            if not step.needed(f):
                continue
            command = _fmt(step.command, _context(f) | dict(hit.params))
            if not step.on_destination:  # the destination's system is not in the paste
                command = localise(command, platform_of(f.state))
            where = f.destination if step.on_destination else f.state.name
            key = (where, command)
            if key not in seen:
                seen.add(key)
                steps.append(NextStepOut(command=command, why=text(step.why, lang),
                                         host=where, rule=r.id))
    return steps


def _statuses(verdict: Verdict, facts: Facts | None) -> tuple[SegmentStatus, ...]:
    """Suspect, cleared or unknown for each segment of the path drawing."""
    cleared: set[str] = set()
    if facts is not None:
        gw_ok = any(p.answered for p in facts.gateway_pings)
        dest = facts.dest_pings
        dest_ok = any(p.answered for p in dest)
        remote_error = any(not facts.is_local_source(e.source) for p in dest for e in p.errors)
        if gw_ok or dest_ok or remote_error:
            cleared |= {"host", "l2", "gateway"}
        if facts.visible_neighbors:  # neighbours answer ARP: the host's link works
            cleared |= {"host", "l2"}
        if dest_ok:
            cleared.add("path")
    return tuple(
        SegmentStatus(segment=s, status="suspect" if s == verdict.segment
                      else "cleared" if s in cleared else "unknown")
        for s in PATH_ORDER)


def _by_locality(fired: list[tuple[Rule, Hit, Facts]]) -> list[tuple[Rule, Hit, Facts]]:
    """Decisive findings, the verdict's first.

    Within one host the lowest rank wins. Across hosts, a fault at one end (host, L2,
    gateway) wins over what the other end sees on the path: a dead gateway at the
    client looks like an unreachable network from the server.
    """
    return sorted(fired, key=lambda x: (x[0].segment not in LOCAL_SEGMENTS, x[0].rank))


def diagnose(result: ParseResult, lang: str = "en", dest: str | None = None,
             escalation: bool = True) -> Report:
    """The report for a parsed transcript (without the escalation request if not wanted)."""
    states = build_states(result)
    facts = [derive(s, dest, tuple(p for p in states if p is not s)) for s in states]
    fired: list[tuple[Rule, Hit, Facts]] = []
    for f in facts:
        for r in RULES:
            hit = r.check(f)
            if hit is not None:
                fired.append((r, hit, f))
    fired.sort(key=lambda x: (x[0].rank, x[1].evidence[:1] or (0,)))
    if any(r.segment != "undetermined" for r, _, _ in fired):
        # The flow stops at the first segment proven at fault: missing later steps are moot.
        fired = [x for x in fired if x[0].segment != "undetermined" or x[0].id in INFORMATIONAL]
    finding_of = {id(x): _finding(*x, result, lang) for x in fired}
    findings = tuple(finding_of[id(x)] for x in fired)
    decisive = _by_locality([x for x in fired if x[0].id not in INFORMATIONAL])
    conflict = [fd for fd in findings if fd.rule in INFORMATIONAL]
    if decisive:
        r, _, f = decisive[0]
        verdict = Verdict(segment=r.segment, rule=r.id, summary=finding_of[id(decisive[0])].message,
                          host=f.state.name)
        primary: Facts | None = f
    else:
        verdict = Verdict(segment="undetermined", rule="U000",
                          summary=text({"en": "Nothing in the transcript decides a segment.",
                                        "ja": "トランスクリプトからは被疑箇所を判断できません。"},
                                       lang), host=None)
        primary = facts[0] if facts else None
    if conflict:
        verdict = Verdict(segment=verdict.segment, rule=verdict.rule, host=verdict.host,
                          summary=f"{verdict.summary} {conflict[0].message}")
    hosts = tuple(
        HostSummary(name=f.state.name, destination=f.destination,
                    destination_reason=f.destination_reason, gateway=f.gateway,
                    gateway_dev=f.gateway_dev)
        for f in facts)
    report = Report(
        verdict=verdict,
        segment_label=segment_label(verdict.segment, lang),
        findings=findings,
        next_steps=tuple(_next_steps(fired, verdict.segment, lang)),
        hosts=hosts,
        path=_statuses(verdict, primary),
        unrecognised=result.unrecognised,
        lang=lang,
    )
    if not escalation:
        return report
    return replace(report, escalation=build_escalation(report, primary, facts, result))

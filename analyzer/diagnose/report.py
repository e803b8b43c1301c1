"""The report: verdict, findings with evidence, next steps. Renderers read only this."""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.escalation.model import Escalation
from analyzer.transcript import Unrecognised


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """One cited input line."""

    line: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """A rule that fired, with its message and the lines that prove it."""

    rule: str
    name: str
    segment: str
    host: str | None
    message: str
    evidence: tuple[Evidence, ...]
    rank: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    """The suspect segment and the rule that decided it."""

    segment: str
    rule: str
    summary: str
    host: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class NextStepOut:
    """A command to run next, on which host, and why."""

    command: str
    why: str
    host: str | None
    rule: str


@dataclass(frozen=True, slots=True, kw_only=True)
class HostSummary:
    """What the diagnosis took as destination and gateway for one host."""

    name: str | None
    destination: str | None
    destination_reason: str
    gateway: str | None
    gateway_dev: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SegmentStatus:
    """One segment of the path drawing: suspect, cleared or unknown."""

    segment: str
    status: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """Everything `netblame analyze` says about one transcript."""

    verdict: Verdict
    segment_label: str
    findings: tuple[Finding, ...]
    next_steps: tuple[NextStepOut, ...]
    hosts: tuple[HostSummary, ...]
    path: tuple[SegmentStatus, ...]
    unrecognised: tuple[Unrecognised, ...]
    lang: str
    escalation: Escalation | None = None

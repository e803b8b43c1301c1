"""`netblame analyze --format text`: verdict, path drawing, findings, next steps."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from analyzer.diagnose.i18n import ui
from analyzer.diagnose.report import Report
from analyzer.escalation.model import FOUND, Escalation
from analyzer.escalation.wording import WORDS, say
from analyzer.render.safe import plain

_NODES = ("client", "L2", "gateway", "path", "server")
_SEGMENT_OF_NODE = dict(zip(_NODES, ("host", "l2", "gateway", "path", "access"), strict=True))
_STYLE = {"suspect": "bold white on red", "cleared": "green", "unknown": "dim"}
_MARK = {"suspect": "✗", "cleared": "✓", "unknown": "?"}
_VERDICT_STYLE = {"host": "bold magenta", "l2": "bold red", "gateway": "bold red",
                  "path": "bold yellow", "access": "bold cyan", "undetermined": "bold"}


def path_line(report: Report) -> Text:
    """`client ── L2 ── gateway ── path ── server`, the suspect highlighted, cleared marked."""
    status = {s.segment: s.status for s in report.path}
    line = Text()
    for i, node in enumerate(_NODES):
        if i:
            line.append(" ── ")
        state = status.get(_SEGMENT_OF_NODE[node], "unknown")
        line.append(f"{node} {_MARK[state]}", style=_STYLE[state])
    return line


def _indent(renderable: RenderableType, columns: int) -> Padding:
    """`renderable` shifted right, wrapped lines included."""
    return Padding(renderable, (0, 0, 0, columns), expand=False)


def escalation_section(esc: Escalation) -> list[RenderableType]:
    """The request and its items: found ones with their line, missing ones with a hint."""
    lang = esc.lang
    parts: list[RenderableType] = [Text(say(WORDS, "section", lang), style="bold underline")]
    if not esc.escalate:
        return [*parts, _indent(plain(esc.message), 2)]
    request = Text(f"{say(WORDS, 'request', lang)}: ", style="bold")
    request.append_text(plain(esc.message))
    parts.append(_indent(request, 2))
    fields = [i for i in esc.items if i.section != "commands"]
    parts.append(_indent(Text(say(WORDS, "found", lang), style="bold"), 2))
    for i in fields:
        if i.status == FOUND:
            row = Text(f"{ui('line', lang)} {i.source_line:>4} │ ", style="dim")
            row.append_text(plain(f"{i.label}: {i.value}"))
            parts.append(_indent(row, 4))
    parts.append(_indent(Text(say(WORDS, "missing", lang), style="bold"), 2))
    for i in fields:
        if i.status != FOUND:
            known = f": {i.value} ({ui('line', lang)} {i.source_line})" if i.value else ""
            row = plain(f"- {i.label}{known} — {i.hint}")
            parts.append(_indent(row, 4))
    commands = str(sum(1 for i in esc.items if i.section == "commands"))
    parts.append(_indent(plain(say(WORDS, "commands", lang, n=commands)), 2))
    return parts


def render_report(report: Report) -> RenderableType:
    """The whole report as rich renderables (no markup from the transcript is interpreted)."""
    lang = report.lang
    v = report.verdict
    head = Text(f"{ui('verdict', lang)}: ", style="bold")
    head.append(report.segment_label, style=_VERDICT_STYLE.get(v.segment, "bold"))
    head.append(f"  [{v.rule}]", style="dim")
    parts: list[RenderableType] = [head, plain(v.summary), Text(), path_line(report), Text()]
    parts.append(Text(ui("findings", lang), style="bold underline"))
    if not report.findings:
        parts.append(Text(ui("no_findings", lang)))
    for f in report.findings:
        title = Text(f"{f.rule} {f.name} ", style="bold")
        title.append(f"({f.segment}" + (f", {f.host})" if f.host else ")"), style="dim")
        parts.append(title)
        parts.append(_indent(plain(f.message), 2))
        for e in f.evidence:
            row = Text(f"{ui('line', lang)} {e.line:>4} │ ", style="dim")
            row.append_text(plain(e.text))
            parts.append(_indent(row, 4))
    if report.next_steps:
        parts.append(Text())
        parts.append(Text(ui("next_steps", lang), style="bold underline"))
        for s in report.next_steps:
            cmd = Text("  $ ", style="dim")
            cmd.append_text(plain(s.command, style="bold"))
            if s.host:
                cmd.append_text(plain(f"   ({ui('host', lang)}: {s.host})", style="dim"))
            parts.append(cmd)
            parts.append(_indent(plain(s.why), 4))
    if report.escalation is not None:
        parts.append(Text())
        parts += escalation_section(report.escalation)
    if report.unrecognised:
        parts.append(Text())
        parts.append(Text(ui("unrecognised", lang), style="bold underline"))
        for u in report.unrecognised:
            where = f"{ui('line', lang)} {u.line_start}-{u.line_end}"
            parts.append(_indent(plain(f"{where}: {u.reason}"), 2))
    return Group(*parts)

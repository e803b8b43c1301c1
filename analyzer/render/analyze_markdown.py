"""`netblame analyze --format markdown`: the report, ready to paste into a ticket."""

from __future__ import annotations

from analyzer.diagnose.i18n import ui
from analyzer.diagnose.report import Report
from analyzer.escalation.model import FOUND, Escalation
from analyzer.escalation.wording import WORDS, say
from analyzer.reader.clean import strip_controls

_MARK = {"suspect": "**✗ {}**", "cleared": "✓ {}", "unknown": "? {}"}
_NODES = (("client", "host"), ("L2", "l2"), ("gateway", "gateway"), ("path", "path"),
          ("server", "access"))


def _code(text: str) -> str:
    """Inline code that survives backticks in the text."""
    text = strip_controls(text)
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def _escape(text: str) -> str:
    text = strip_controls(text)
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text


def _escalation(esc: Escalation) -> list[str]:
    """The request section: found items with their line, missing ones with a hint."""
    lang = esc.lang
    out = ["", f"### {say(WORDS, 'section', lang)}", ""]
    if not esc.escalate:
        return [*out, _escape(esc.message)]
    out += [f"**{say(WORDS, 'request', lang)}:** {_escape(esc.message)}", "",
            f"**{say(WORDS, 'found', lang)}**", ""]
    fields = [i for i in esc.items if i.section != "commands"]
    out += [f"- {_escape(i.label)}: {_code(i.value or '')} ({ui('line', lang)} {i.source_line})"
            for i in fields if i.status == FOUND]
    out += ["", f"**{say(WORDS, 'missing', lang)}**", ""]
    for i in fields:
        if i.status != FOUND:
            known = f": {_code(i.value)} ({ui('line', lang)} {i.source_line})" if i.value else ""
            out.append(f"- {_escape(i.label)}{known} — {_escape(i.hint or '')}")
    commands = str(sum(1 for i in esc.items if i.section == "commands"))
    return [*out, "", _escape(say(WORDS, "commands", lang, n=commands))]


def render_markdown(report: Report) -> str:
    """Markdown text of the report."""
    lang = report.lang
    v = report.verdict
    status = {s.segment: s.status for s in report.path}
    out = [f"## {ui('report_title', lang)}", "",
           f"**{ui('verdict', lang)}: {_escape(report.segment_label)}** (`{v.rule}`)", "",
           _escape(v.summary), "",
           " ── ".join(_MARK[status.get(seg, 'unknown')].format(node) for node, seg in _NODES),
           "", f"### {ui('findings', lang)}", ""]
    if not report.findings:
        out.append(ui("no_findings", lang))
    for f in report.findings:
        host = f" — {_escape(f.host)}" if f.host else ""
        out.append(f"- **{f.rule}** `{f.name}` ({f.segment}{host}): {_escape(f.message)}")
        for e in f.evidence:
            out.append(f"  - {ui('line', lang)} {e.line}: {_code(e.text)}")
    if report.next_steps:
        out += ["", f"### {ui('next_steps', lang)}", ""]
        for s in report.next_steps:
            host = f" ({ui('host', lang)}: {_escape(s.host)})" if s.host else ""
            out.append(f"- {_code(s.command)}{host} — {_escape(s.why)}")
    if report.escalation is not None:
        out += _escalation(report.escalation)
    if report.unrecognised:
        out += ["", f"### {ui('unrecognised', lang)}", ""]
        for u in report.unrecognised:
            out.append(f"- {ui('line', lang)} {u.line_start}–{u.line_end}: {_escape(u.reason)}")
    return "\n".join(out) + "\n"

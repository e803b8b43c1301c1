"""`netblame analyze --format ticket`: only the request, ready to paste into a mail or chat.

Plain text: a subject line, the request in the guide's words, the items under the
guide's headings (missing ones marked to be filled in), then every command with its
output, each line numbered as in the paste so the items' line references can be
followed. Without an escalation: what to fix or run instead.
"""

from __future__ import annotations

from itertools import groupby

from analyzer.escalation.model import MISSING, Escalation, Item
from analyzer.escalation.wording import GROUPS, SECTIONS, WORDS, say
from analyzer.reader.clean import strip_controls

_GROUP_ORDER = ("required", "if_used", "optional")
_HEAD = {"en": "[{}]", "ja": "■{}"}
_BULLET = {"en": "- ", "ja": "・"}


def _clean(text: str) -> str:
    """Untrusted text without control characters."""
    return strip_controls(text)


def _sentence(request: str, lang: str) -> str:
    """The request as the body's first sentence."""
    text = say(WORDS, "please", lang, request=request)
    return text[:1].upper() + text[1:] if lang == "en" else text


def _value(item: Item, lang: str) -> str:
    """`value (line N)`, and for a missing item the marker and where to find it."""
    parts: list[str] = []
    if item.value is not None:
        where = say(WORDS, "line", lang, n=str(item.source_line)) if item.source_line else ""
        parts.append(_clean(item.value) + (where if lang == "ja" else f" {where}".rstrip()))
    if item.status == MISSING:
        parts.append(say(WORDS, "to_fill", lang) + (" " if lang == "en" else "")
                     + _clean(item.hint or ""))
    return " ".join(parts)


def _section(items: list[Item], lang: str, commands: int) -> list[str]:
    """One guide bullet and its items (a lone item without its label)."""
    out = [_BULLET[lang] + say(SECTIONS, items[0].section, lang)]
    if items[0].section == "commands":
        return [*out, "    " + say(WORDS, "see_log", lang, n=str(commands))]
    if len(items) == 1:
        return [*out, "    " + _value(items[0], lang)]
    return out + [f"    {_clean(i.label)}: {_value(i, lang)}" for i in items]


def _log(esc: Escalation) -> list[str]:
    """Every command's lines, each after its input line number."""
    commands = [i for i in esc.items if i.section == "commands"]
    lines = [(i.source_line or 0) + n for i in commands
             for n, _ in enumerate((i.value or "").split("\n"))]
    width = len(str(max(lines, default=0)))
    out: list[str] = []
    for item in commands:
        for n, text in enumerate((item.value or "").split("\n")):
            out.append(f"{(item.source_line or 0) + n:>{width}}| {_clean(text)}".rstrip())
    return out


def _request(esc: Escalation) -> list[str]:
    """Subject, request, finding, the items by group and section, then the log."""
    lang = esc.lang
    out = [say(WORDS, "subject", lang, request=_clean(esc.message)), "",
           _sentence(_clean(esc.message), lang),
           say(WORDS, "finding", lang, summary=_clean(esc.detail))]
    commands = sum(1 for i in esc.items if i.section == "commands")
    for group in _GROUP_ORDER:
        items = [i for i in esc.items if i.group == group]
        if not items:
            continue
        out += ["", _HEAD[lang].format(say(GROUPS, group, lang))]
        for _, section in groupby(items, key=lambda i: i.section):
            out += _section(list(section), lang, commands)
    if commands:
        out += ["", _HEAD[lang].format(say(WORDS, "log", lang)), *_log(esc)]
    return out


def _instead(esc: Escalation) -> list[str]:
    """What to do instead of a request, and the commands to run."""
    lang = esc.lang
    out = [_clean(esc.message), say(WORDS, "finding", lang, summary=_clean(esc.detail))]
    if esc.actions:
        out += ["", _HEAD[lang].format(say(WORDS, "actions", lang))]
        for a in esc.actions:
            where = say(WORDS, "on_host", lang, host=_clean(a.host)) if a.host else ""
            out += [f"{_BULLET[lang]}{_clean(a.command)}{where}", f"    {_clean(a.why)}"]
    return out


def render_ticket(esc: Escalation) -> str:
    """The request (or what to do instead) as plain text in the escalation's language."""
    return "\n".join(_request(esc) if esc.escalate else _instead(esc)) + "\n"

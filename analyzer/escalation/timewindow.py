"""When the event was seen: `date` output, `ping -D` timestamps, prompt timestamps.

`date` output is read in the C/POSIX layout (`Thu Nov 26 06:18:30 UTC 2026`, also
with AM/PM), the Japanese locale's (`2026年 11月 26日 木曜日 15:17:12 JST`,
`2026年11月26日 木曜日 15時17分12秒 JST`), ISO 8601 / RFC 3339 and RFC 2822
(`date -R`). `ping -D` prints `[epoch seconds]` (UTC). A prompt timestamp
(`[2026-11-26 10:00:01]`) carries no zone: it is taken to be in the zone the first
`date` output shows. The window is shown in that zone (UTC when only `ping -D` gives
times); a zone abbreviation netblame does not know keeps its times as printed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from analyzer.transcript import Invocation, Line

# Zone abbreviations with one meaning in practice (CST, IST, … are ambiguous: left out).
_ZONES = {"UTC": 0, "GMT": 0, "Z": 0, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "CET": 1,
          "CEST": 2, "EET": 2, "EEST": 3, "EST": -5, "EDT": -4, "CDT": -5, "MST": -7,
          "MDT": -6, "PST": -8, "PDT": -7, "AEST": 10, "AEDT": 11}
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}

_C_DATE = re.compile(
    r"^(?:[A-Za-z]{3},?\s+)?(?P<mon>[A-Za-z]{3})\s+(?P<day>\d{1,2})\s+(?P<h>\d{1,2}):(?P<m>\d{2})"
    r"(?::(?P<s>\d{2}))?(?:\s+(?P<ampm>[AaPp][Mm]))?\s+(?P<zone>[A-Za-z]{1,5}|[+-]\d{4})?\s*"
    r"(?P<year>\d{4})$")
_DMY_DATE = re.compile(  # RFC 2822 (`date -R`) and the day-first layouts of other locales
    r"^(?:[A-Za-z]{3},?\s+)?(?P<day>\d{1,2})\s+(?P<mon>[A-Za-z]{3})\s+(?P<year>\d{4})\s+"
    r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?:\s+(?P<ampm>[AaPp][Mm]))?"
    r"(?:\s+(?P<zone>[A-Za-z]{1,5}|[+-]\d{4}))?$")
_JA_DATE = re.compile(
    r"^(?P<year>\d{4})年\s*(?P<mon>\d{1,2})月\s*(?P<day>\d{1,2})日\s*(?:\S+曜日\s*)?"
    r"(?P<h>\d{1,2})[:時]\s*(?P<m>\d{2})分?(?:[:]?(?P<s>\d{2})秒?)?(?:\s+(?P<zone>[A-Za-z]{1,5}|[+-]\d{4}))?$")
_ISO_DATE = re.compile(
    r"^(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})[T ](?P<h>\d{2}):(?P<m>\d{2})"
    r"(?::(?P<s>\d{2})(?:[.,]\d+)?)?\s*(?P<zone>Z|[+-]\d{2}:?\d{2}|[A-Za-z]{2,5})?$")
_EPOCH = re.compile(r"^\[(?P<epoch>\d{9,11}(?:\.\d+)?)\]")
_PROMPT_TIME = re.compile(
    r"^(?:(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})[ T])?(?P<h>\d{1,2}):(?P<m>\d{2})"
    r"(?::(?P<s>\d{2}))?$")


@dataclass(frozen=True, slots=True, kw_only=True)
class TimePoint:
    """One moment the paste shows. `when` is aware unless the zone is unknown."""

    line: int
    when: datetime
    zone: str | None
    has_date: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeWindow:
    """The earliest and latest moments, as text in one zone, and where they come from."""

    text: str
    first_line: int
    has_date: bool


def _zone(text: str | None) -> tuple[tzinfo | None, str | None]:
    """The tzinfo of a zone written as an abbreviation or an offset, and its label."""
    if not text:
        return None, None
    upper = text.upper()
    if upper in _ZONES:
        label = "UTC" if upper == "Z" else upper
        return timezone(timedelta(hours=_ZONES[upper]), label), label
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", text)
    if m:
        sign = 1 if m.group(1) == "+" else -1
        offset = timedelta(hours=int(m.group(2)), minutes=int(m.group(3))) * sign
        label = "UTC" if not offset else f"UTC{m.group(1)}{m.group(2)}:{m.group(3)}"
        return timezone(offset, label), label
    return None, text


def parse_date_output(text: str) -> tuple[datetime, str | None] | None:
    """The moment a `date` output line shows and its zone label (None if unreadable)."""
    text = " ".join(text.split())
    for pattern in (_C_DATE, _DMY_DATE, _JA_DATE, _ISO_DATE):
        m = pattern.match(text)
        if m is None:
            continue
        g = m.groupdict()
        mon = g["mon"]
        month = int(mon) if mon.isdigit() else _MONTHS.get(mon.lower())
        if month is None:
            return None
        hour = int(g["h"]) % 12 + (12 if (g.get("ampm") or "").lower() == "pm" else 0) \
            if g.get("ampm") else int(g["h"])
        tz, label = _zone(g.get("zone"))
        try:
            when = datetime(int(g["year"]), month, int(g["day"]), hour, int(g["m"]),
                            int(g["s"] or 0), tzinfo=tz)
        except ValueError:
            return None
        return when, label
    return None


def _date_points(lines: Sequence[Line], invocations: Sequence[Invocation]) -> list[TimePoint]:
    """The first output line of every `date` command that reads as a date."""
    by_no = {line.no: line for line in lines}
    points: list[TimePoint] = []
    for inv in invocations:
        if not inv.argv or inv.argv[0].rsplit("/", 1)[-1] != "date":
            continue
        for no in range(inv.line + 1, inv.line + 3):
            line = by_no.get(no)
            if line is None or not line.text.strip():
                continue
            found = parse_date_output(line.text)
            if found is not None:
                points.append(TimePoint(line=no, when=found[0], zone=found[1]))
            break
    return points


def _prompt_points(invocations: Sequence[Invocation]) -> list[TimePoint]:
    """The timestamps prompts show (zone-less; date-less when only a time is shown)."""
    points: list[TimePoint] = []
    for inv in invocations:
        m = _PROMPT_TIME.match(inv.timestamp or "")
        if m is None:
            continue
        has_date = m.group("year") is not None
        base = (int(m.group("year")), int(m.group("mon")), int(m.group("day"))) if has_date \
            else (2000, 1, 1)
        try:
            when = datetime(*base, int(m.group("h")), int(m.group("m")), int(m.group("s") or 0))
        except ValueError:
            continue
        points.append(TimePoint(line=inv.line, when=when, zone=None, has_date=has_date))
    return points


def _epoch_points(lines: Sequence[Line]) -> list[TimePoint]:
    """The `[epoch]` stamps `ping -D` prints, in UTC."""
    points: list[TimePoint] = []
    for line in lines:
        m = _EPOCH.match(line.text.lstrip())
        if m is not None:
            when = datetime.fromtimestamp(float(m.group("epoch")), UTC)
            points.append(TimePoint(line=line.no, when=when, zone="UTC"))
    return points


def _format(first: datetime, last: datetime, with_date: bool) -> str:
    """`2026-11-26 10:02–10:03`, one moment as `2026-11-26 10:02`."""
    start = first.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M")
    if last.replace(second=0, microsecond=0) == first.replace(second=0, microsecond=0):
        return start
    end = last.strftime("%H:%M" if first.date() == last.date() or not with_date
                        else "%Y-%m-%d %H:%M")
    return f"{start}–{end}" if first.date() == last.date() else f"{start} – {end}"


def time_window(lines: Sequence[Line], invocations: Sequence[Invocation],
                zone_unknown: str) -> TimeWindow | None:
    """The window the paste's times span (None when it shows no time at all)."""
    dated = _date_points(lines, invocations)
    aware = [p for p in dated + _epoch_points(lines) if p.when.tzinfo is not None]
    naive = [p for p in dated if p.when.tzinfo is None] + _prompt_points(invocations)
    known = next((p for p in dated if p.when.tzinfo is not None), None)
    label: str | None
    if aware:
        display = known.when.tzinfo if known is not None else UTC
        label = known.zone if known is not None else "UTC"
        # Zone-less times are the terminal's: in the zone its `date` output shows.
        adopted = [TimePoint(line=p.line, when=p.when.replace(tzinfo=display), zone=label,
                             has_date=p.has_date)
                   for p in naive if known is not None and p.zone is None]
        points = [TimePoint(line=p.line, when=p.when.astimezone(display), zone=label)
                  for p in aware] + adopted
    else:
        points = naive
        label = next((p.zone for p in naive if p.zone), None)
    points = [p for p in points if p.has_date] or points
    if not points:
        return None
    points.sort(key=lambda p: p.when)
    has_date = points[0].has_date
    text = _format(points[0].when, points[-1].when, has_date)
    text += f" {label}" if label else f" ({zone_unknown})"
    return TimeWindow(text=text, first_line=points[0].line, has_date=has_date)

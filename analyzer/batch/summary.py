"""The end-of-run summary: counts by status, segment and rule, the slowest tickets.

Its memory is bounded: counters keyed by segment / rule / status, and fixed-size
lists of the slowest and of the first failed tickets.
"""

from __future__ import annotations

import heapq
from collections import Counter
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Column, Table
from rich.text import Text

from analyzer.batch.tickets import STATUSES, Record

SEGMENT_ORDER = ("host", "l2", "gateway", "path", "access", "undetermined")
KEEP = 10  # slowest tickets and failed tickets listed


class Summary:
    """Accumulates records; renders a rich table or a JSON-ready dict."""

    def __init__(self) -> None:
        self.total = 0
        self.resumed = 0
        self.by_status: Counter[str] = Counter()
        self.by_segment: Counter[str] = Counter()
        self.verdicts: Counter[str] = Counter()
        self.fired: Counter[str] = Counter()
        self._slowest: list[tuple[float, str]] = []
        self.failures: list[dict[str, Any]] = []

    def add(self, record: Record, *, resumed: bool = False) -> None:
        """Count one record (`resumed`: found in the output by --resume)."""
        self.total += 1
        self.resumed += resumed
        self.by_status[record["status"]] += 1
        if record["status"] == "ok":
            self.by_segment[record["segment"] or "?"] += 1
            self.verdicts[record["rule"] or "?"] += 1
            self.fired.update(set(record["findings"]))
        elif len(self.failures) < KEEP:
            self.failures.append({k: record[k] for k in ("id", "status", "message")})
        item = (record["elapsed_ms"], record["id"])
        if len(self._slowest) < KEEP:
            heapq.heappush(self._slowest, item)
        elif item > self._slowest[0]:
            heapq.heapreplace(self._slowest, item)

    @property
    def failed(self) -> int:
        """Records that are not `ok`."""
        return self.total - self.by_status["ok"]

    def slowest(self) -> list[tuple[float, str]]:
        """(elapsed ms, id) of the slowest tickets, slowest first."""
        return sorted(self._slowest, reverse=True)

    def _segments(self) -> list[tuple[str, int]]:
        known = [(s, self.by_segment[s]) for s in SEGMENT_ORDER if self.by_segment[s]]
        return known + sorted((s, n) for s, n in self.by_segment.items()
                              if s not in SEGMENT_ORDER)

    def to_json(self, wall_s: float) -> dict[str, Any]:
        """The summary as printed by --summary-json."""
        run = self.total - self.resumed
        return {
            "total": self.total,
            "resumed": self.resumed,
            "status": {s: self.by_status[s] for s in STATUSES},
            "segments": dict(self._segments()),
            "rules": {rule: {"verdicts": self.verdicts[rule], "fired": self.fired[rule]}
                      for rule in sorted(set(self.verdicts) | set(self.fired))},
            "slowest": [{"id": i, "elapsed_ms": ms} for ms, i in self.slowest()],
            "failures": self.failures,
            "wall_s": round(wall_s, 3),
            "tickets_per_s": round(run / wall_s, 1) if wall_s > 0 else None,
        }

    def render(self, wall_s: float) -> RenderableType:
        """Rich tables: totals, segments, rules, slowest and first failed tickets."""
        run = self.total - self.resumed
        rate = f", {run / wall_s:.0f} tickets/s" if wall_s > 0 and run else ""
        resumed = f" ({self.resumed} from the previous run)" if self.resumed else ""
        head = Text(f"{self.total} tickets{resumed}: " + ", ".join(
            f"{self.by_status[s]} {s}" for s in STATUSES) + f" — {wall_s:.1f} s{rate}")
        parts: list[RenderableType] = [head]
        if self.by_segment:
            segments = Table("segment", Column("tickets", justify="right"),
                             title="Verdicts by segment")
            for segment, n in self._segments():
                segments.add_row(segment, str(n))
            rules = Table("rule", Column("verdicts", justify="right"),
                          Column("fired in", justify="right"), title="Rules")
            for rule in sorted(set(self.verdicts) | set(self.fired)):
                rules.add_row(rule, str(self.verdicts[rule]), str(self.fired[rule]))
            parts += [segments, rules]
        if self._slowest:
            slow = Table(Column("ms", justify="right"), Column("ticket", overflow="fold"),
                         title="Slowest tickets")
            for ms, ident in self.slowest():
                slow.add_row(f"{ms:.1f}", ident)
            parts.append(slow)
        if self.failures:
            failed = Table(Column("status", no_wrap=True),
                           Column("ticket", overflow="fold", ratio=1), Column("message", ratio=1),
                           title=f"Failed tickets (first {len(self.failures)} of {self.failed})")
            for f in self.failures:
                failed.add_row(f["status"], f["id"], f["message"] or "")
            parts.append(failed)
        return Group(*parts)

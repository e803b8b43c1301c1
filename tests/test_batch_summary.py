"""The end-of-run summary and the progress display."""

from __future__ import annotations

import io
import re

from rich.console import Console
from test_batch_writer import RECORDS

from analyzer.batch.progress import BatchProgress
from analyzer.batch.summary import Summary
from analyzer.batch.tickets import Record


def test_summary_counts() -> None:
    summary = Summary()
    for record in [*RECORDS, RECORDS[0]]:
        summary.add(record, resumed=record is RECORDS[1])
    doc = summary.to_json(2.0)
    assert doc["total"] == 4 and doc["resumed"] == 1 and summary.failed == 2
    assert doc["status"] == {"ok": 2, "unparseable": 1, "error": 1}
    assert doc["segments"] == {"path": 2}
    assert doc["rules"] == {"P001": {"verdicts": 2, "fired": 2},
                            "P004": {"verdicts": 0, "fired": 2}}
    assert doc["slowest"][0] == {"id": "a/1.txt", "elapsed_ms": 1.235}
    assert [f["id"] for f in doc["failures"]] == ["NET-7", "b.txt"]
    assert doc["tickets_per_s"] == 1.5


def test_summary_keeps_only_the_slowest() -> None:
    summary = Summary()
    for i in range(100):
        summary.add(Record(**{**RECORDS[0], "id": str(i), "elapsed_ms": float(i)}))
    assert [ident for _, ident in summary.slowest()] == [str(i) for i in range(99, 89, -1)]


def test_summary_table_lists_segments_rules_slowest_and_failures() -> None:
    summary = Summary()
    for record in RECORDS:
        summary.add(record)
    console = Console(file=io.StringIO(), width=120, color_system=None)
    console.print(summary.render(3.0))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert text.startswith("3 tickets: 1 ok, 1 unparseable, 1 error — 3.0 s, 1 tickets/s")
    for needle in ("Verdicts by segment", r"│ path +│ +1 │", r"│ P004 │ +0 │ +1 │",
                   "Slowest tickets", r"Failed tickets \(first 2 of 2\)", "not valid JSON"):
        assert re.search(needle, text), needle


def test_progress_counts_tickets_and_failures_on_a_terminal() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120, color_system=None)
    with BatchProgress(console, enabled=True) as progress:
        progress.advance(RECORDS)
        progress.advance(RECORDS[:1])
    assert "4/?" in out.getvalue() and "2 failed" in out.getvalue()
    quiet = io.StringIO()
    with BatchProgress(Console(file=quiet, force_terminal=True), enabled=False) as progress:
        progress.advance(RECORDS)
    assert quiet.getvalue() == ""

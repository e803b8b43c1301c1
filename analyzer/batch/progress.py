"""A progress display on stderr while a batch runs (only on a terminal)."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from analyzer.batch.tickets import Record


class BatchProgress:
    """Tickets done, rate and failures so far; a no-op when not `enabled`.

    The total is unknown (inputs are streamed, never counted first), so the bar pulses.
    """

    def __init__(self, console: Console, enabled: bool) -> None:
        self._progress = Progress(
            SpinnerColumn(), TextColumn("netblame batch"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} tickets/s · {task.fields[failed]} failed"),
            TimeElapsedColumn(), console=console, transient=True, disable=not enabled)
        self._task: TaskID | None = None
        self._failed = 0

    def __enter__(self) -> BatchProgress:
        self._progress.start()
        self._task = self._progress.add_task("batch", total=None, rate="-", failed=0)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._progress.stop()

    def advance(self, records: list[Record]) -> None:
        """Count finished records."""
        if self._task is None:
            return
        self._failed += sum(r["status"] != "ok" for r in records)
        self._progress.advance(self._task, len(records))
        speed = self._progress.tasks[0].speed
        self._progress.update(self._task, failed=self._failed,
                              rate=f"{speed:.0f}" if speed else "-")

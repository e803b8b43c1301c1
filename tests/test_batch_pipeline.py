"""The pipeline: chunks, the bounded in-flight window, output order, failing workers."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from pathlib import Path

import pytest
from golden import FIXTURES

from analyzer.batch import pipeline
from analyzer.batch.pipeline import Handle, InlineBackend, LocalBackend, chunked, run
from analyzer.batch.tickets import Record, Settings, Ticket
from analyzer.batch.worker import analyse_chunk

LAB = sorted((FIXTURES / "lab").glob("*.txt"))


def lab_tickets(n: int) -> Iterator[Ticket]:
    for i in range(n):
        path = LAB[i % len(LAB)]
        yield Ticket.new(f"{i}:{path.name}", path=str(path))


def test_chunks_by_count_and_bytes() -> None:
    small = [Ticket.new(str(i), data=b"x") for i in range(10)]
    assert [len(c) for c in chunked(small, size=4)] == [4, 4, 2]
    big = [Ticket.new(str(i), data=b"x" * 600) for i in range(5)]
    assert [len(c) for c in chunked(big, size=32, max_bytes=1000)] == [2, 2, 1]


class SlowFirstBackend:
    """Chunk 0 finishes last; records how many chunks were ever in flight at once."""

    window = 3

    def __init__(self) -> None:
        self.inline = InlineBackend(Settings())
        self.most_in_flight = 0

    def submit(self, chunk: list[Ticket]) -> Handle:
        return self.inline.submit(chunk)

    def wait(self, handles: Collection[Handle]) -> Collection[Handle]:
        self.most_in_flight = max(self.most_in_flight, len(handles))
        first = min(handles, key=lambda h: h.result()[0]["id"].split(":")[0].zfill(6))
        rest = [h for h in handles if h is not first]
        return rest or [first]

    def close(self, cancel: bool = False) -> None:
        """Nothing to release."""


def test_ordered_output_despite_completion_order() -> None:
    backend = SlowFirstBackend()
    out = [r["id"] for records in run(lab_tickets(50), backend, chunk_size=4, ordered=True)
           for r in records]
    assert out == [t.id for t in lab_tickets(50)]
    assert backend.most_in_flight <= backend.window


def test_completion_order_still_yields_every_record_once() -> None:
    out = [r["id"] for records in run(lab_tickets(50), SlowFirstBackend(), chunk_size=4)
           for r in records]
    assert out != [t.id for t in lab_tickets(50)]
    assert sorted(out) == sorted(t.id for t in lab_tickets(50))


def test_the_source_is_read_only_as_far_as_the_window() -> None:
    pulled = 0

    def endless() -> Iterator[Ticket]:
        nonlocal pulled
        for ticket in lab_tickets(10**9):
            pulled += 1
            yield ticket

    batches = run(endless(), InlineBackend(Settings()), chunk_size=8)
    for _ in range(5):
        next(batches)
    assert pulled <= 6 * 8


def crash_on_marker(chunk: list[Ticket], settings: Settings) -> list[Record]:
    """A task that kills its worker process when the chunk holds the `crash` ticket."""
    if any(t.id == "crash" for t in chunk):
        os._exit(3)
    return analyse_chunk(chunk, settings)


def test_a_dying_worker_costs_its_chunk_and_the_pool_is_replaced(tmp_path: Path) -> None:
    transcript = LAB[0].read_bytes()
    tickets = [Ticket.new(f"before-{i}", data=transcript) for i in range(4)]
    tickets.append(Ticket.new("crash", data=transcript))
    backend = LocalBackend(2, Settings(), task=crash_on_marker)
    try:
        first = [r for records in run(tickets, backend, chunk_size=1) for r in records]
        crashed = next(r for r in first if r["id"] == "crash")
        assert crashed["status"] == "error"
        assert crashed["message"] is not None and crashed["message"].startswith(
            "worker failed: BrokenProcessPool")
        assert sorted(r["id"] for r in first) == sorted(t.id for t in tickets)
        after = [Ticket.new(f"after-{i}", data=transcript) for i in range(4)]
        second = [r for records in run(after, backend, chunk_size=1) for r in records]
        assert [r["status"] for r in second] == ["ok"] * 4
    finally:
        backend.close()


def test_a_failing_inline_task_gives_error_records(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(chunk: list[Ticket], settings: Settings) -> list[Record]:
        raise MemoryError("no room")

    monkeypatch.setattr(pipeline, "analyse_chunk", broken)
    records = [r for rs in run(lab_tickets(3), InlineBackend(Settings())) for r in rs]
    assert [(r["status"], r["message"]) for r in records] == [
        ("error", "worker failed: MemoryError: no room")] * 3

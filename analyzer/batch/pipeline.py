"""Tickets → records through a backend, streaming: chunks, a bounded window, output order.

Tickets are grouped in chunks (one task each: per-task IPC costs more than analysing a
small ticket). At most `backend.window` chunks are submitted and not yet written, so
memory stays flat whatever the number of tickets: the ticket source is read only as
fast as results come back. With `ordered`, finished chunks wait (inside that window)
until every earlier chunk is written; otherwise they are yielded as they finish.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import Protocol, cast

from analyzer.batch.limits import TicketTimeout
from analyzer.batch.tickets import Record, Settings, Ticket, make_record
from analyzer.batch.worker import analyse_chunk, init_worker

CHUNK_TICKETS = 32
CHUNK_BYTES = 1024 * 1024

Task = Callable[[list[Ticket], Settings], list[Record]]


class Handle(Protocol):
    """A submitted chunk: a concurrent.futures or a Dask future."""

    def result(self) -> list[Record]: ...


class Backend(Protocol):
    """Where chunks run."""

    @property
    def window(self) -> int:
        """How many chunks may be in flight (submitted, not yet written)."""

    def submit(self, chunk: list[Ticket]) -> Handle:
        """Start analysing a chunk."""

    def wait(self, handles: Collection[Handle]) -> Collection[Handle]:
        """Block until at least one of `handles` is done; return the done ones."""

    def close(self, cancel: bool = False) -> None:
        """Release the workers (`cancel`: drop work not started)."""


class InlineBackend:
    """Runs each chunk at once in this process (`--jobs 1`)."""

    window = 1

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def submit(self, chunk: list[Ticket]) -> Handle:
        future: Future[list[Record]] = Future()
        try:
            future.set_result(analyse_chunk(chunk, self._settings))
        except (Exception, TicketTimeout) as exc:  # as a pool's future would hold it
            future.set_exception(exc)
        return future

    def wait(self, handles: Collection[Handle]) -> Collection[Handle]:
        return handles

    def close(self, cancel: bool = False) -> None:
        """Nothing to release."""


class LocalBackend:
    """A process pool of `jobs` workers (forkserver where available: no fork of a
    threaded parent). A pool broken by a dying worker is replaced on the next submit."""

    def __init__(self, jobs: int, settings: Settings, task: Task = analyse_chunk) -> None:
        self.window = 2 * jobs
        self._jobs, self._settings, self._task = jobs, settings, task
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        context: BaseContext
        if "forkserver" in multiprocessing.get_all_start_methods():
            forkserver = multiprocessing.get_context("forkserver")
            forkserver.set_forkserver_preload(["analyzer.batch.worker"])
            context = forkserver
        else:
            context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self._jobs, mp_context=context, initializer=init_worker)

    def submit(self, chunk: list[Ticket]) -> Handle:
        try:
            return self._pool.submit(self._task, chunk, self._settings)
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()
            return self._pool.submit(self._task, chunk, self._settings)

    def wait(self, handles: Collection[Handle]) -> Collection[Handle]:
        futures = cast("Collection[Future[list[Record]]]", handles)
        return wait(futures, return_when=FIRST_COMPLETED).done

    def close(self, cancel: bool = False) -> None:
        self._pool.shutdown(wait=True, cancel_futures=cancel)


def chunked(tickets: Iterable[Ticket], size: int = CHUNK_TICKETS,
            max_bytes: int = CHUNK_BYTES) -> Iterator[list[Ticket]]:
    """Lists of up to `size` tickets holding at most about `max_bytes` of data."""
    chunk: list[Ticket] = []
    held = 0
    for ticket in tickets:
        chunk.append(ticket)
        held += len(ticket.data or b"")
        if len(chunk) >= size or held >= max_bytes:
            yield chunk
            chunk, held = [], 0
    if chunk:
        yield chunk


def _collect(handle: Handle, chunk: list[Ticket]) -> list[Record]:
    """The chunk's records; error records for all its tickets when the task itself failed."""
    try:
        return handle.result()
    except (Exception, TicketTimeout) as exc:  # a dead worker; a SIGALRM that came too late
        message = f"worker failed: {type(exc).__name__}: {exc}"
        return [make_record(t, "error", message=message, size=t.size) for t in chunk]


def run(tickets: Iterable[Ticket], backend: Backend, *, chunk_size: int = CHUNK_TICKETS,
        ordered: bool = False) -> Iterator[list[Record]]:
    """The records of `tickets`, a chunk at a time, in input order when `ordered`."""
    source = enumerate(chunked(tickets, chunk_size))
    pending: dict[Handle, tuple[int, list[Ticket]]] = {}
    finished: dict[int, list[Record]] = {}
    next_out = 0
    exhausted = False
    while True:
        while not exhausted and len(pending) + len(finished) < backend.window:
            item = next(source, None)
            if item is None:
                exhausted = True
            else:
                pending[backend.submit(item[1])] = item
        if not pending:
            return
        for handle in backend.wait(list(pending)):
            index, chunk = pending.pop(handle)
            records = _collect(handle, chunk)
            if ordered:
                finished[index] = records
            else:
                yield records
        while next_out in finished:
            yield finished.pop(next_out)
            next_out += 1

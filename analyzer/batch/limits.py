"""The per-ticket time limit.

`time_limit(seconds)` raises `TicketTimeout` inside the code it guards once `seconds`
have passed. Two mechanisms, picked by the thread it runs in:

- the main thread (the process-pool workers, `--jobs 1`): `signal.setitimer` and a
  SIGALRM handler that raises. It interrupts pure-Python work (the reader and parsers)
  and blocking system calls alike, and costs one system call per ticket.
- any other thread (Dask worker threads, where signals cannot be received): one
  watchdog thread per process raises the exception in the late thread with
  `PyThreadState_SetAsyncExc`. It takes effect at the next Python bytecode, so a
  long call into C finishes first.

`TicketTimeout` is a BaseException so that analysis code catching `Exception`
cannot swallow it.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class TicketTimeout(BaseException):
    """The ticket's time limit passed."""


def _raise_timeout(signum: int, frame: FrameType | None) -> None:
    raise TicketTimeout


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    if signal.getsignal(signal.SIGALRM) is not _raise_timeout:
        signal.signal(signal.SIGALRM, _raise_timeout)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _async_raise(thread_id: int, exc: type[BaseException] | None) -> None:
    """Raise `exc` in thread `thread_id` at its next bytecode (None: cancel a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc) if exc else None)


class _Watchdog:
    """One daemon thread that raises TicketTimeout in threads past their deadline."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._deadlines: dict[int, float] = {}
        self._thread: threading.Thread | None = None

    @contextmanager
    def guard(self, seconds: float) -> Iterator[None]:
        """Raise TicketTimeout in this thread if the block is still running after `seconds`."""
        tid = threading.get_ident()
        with self._cond:
            self._deadlines[tid] = time.monotonic() + seconds
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="netblame-watchdog",
                                                daemon=True)
                self._thread.start()
            self._cond.notify()
        try:
            yield
        finally:
            with self._cond:
                if self._deadlines.pop(tid, None) is None:  # the watchdog fired
                    _async_raise(tid, None)  # the exception may still be pending: raise it here
                    raise TicketTimeout

    def _run(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                for tid, deadline in list(self._deadlines.items()):
                    if deadline <= now:
                        del self._deadlines[tid]
                        _async_raise(tid, TicketTimeout)
                nearest = min(self._deadlines.values(), default=None)
                self._cond.wait(None if nearest is None else max(0.0, nearest - now))


_WATCHDOG = _Watchdog()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TicketTimeout in the guarded block after `seconds` (None or 0: no limit)."""
    if not seconds:
        yield
    elif threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds):
            yield
    else:
        with _WATCHDOG.guard(seconds):
            yield

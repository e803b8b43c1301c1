"""One ticket → one Record. Runs in the worker processes (or Dask worker threads).

Nothing a ticket does escapes `analyse_ticket`: every failure becomes its error record.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time

from analyzer.api import analyze_bytes
from analyzer.batch.limits import TicketTimeout, time_limit
from analyzer.batch.mail import mail_text
from analyzer.batch.tickets import Record, Settings, Ticket, TicketError, make_record, ticket_bytes
from analyzer.errors import InputError

NOTHING_ANALYSABLE = "nothing analysable: no ping, traceroute or ip output recognised"


def init_worker() -> None:
    """Process-pool initializer: Ctrl-C is the parent's to handle, not the workers'; and a
    worker exits when the parent dies (a killed run must not leave its workers behind:
    they would wait on their task queue forever)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent.sentinel,),
                         name="netblame-parent-watch", daemon=True).start()


def _exit_with_parent(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


def _analyse(ticket: Ticket, data: bytes, settings: Settings, started: float) -> Record:
    size = len(data)
    if ticket.mail:
        text = mail_text(data)
        if text is None:
            return make_record(ticket, "unparseable", message="no text part in the mail",
                               elapsed_ms=_ms(started), size=size)
        data = text
    if not data.strip():
        return make_record(ticket, "unparseable", message="empty input",
                           elapsed_ms=_ms(started), size=size)
    # analyze_bytes, not analyze_record: the record needs four fields of the report, and
    # building the whole JSON document would cost a tenth of the analysis time.
    report = analyze_bytes(data, lang=settings.lang, dest=settings.dest, escalation=False)
    if report is None:
        return make_record(ticket, "unparseable", message=NOTHING_ANALYSABLE,
                           elapsed_ms=_ms(started), size=size)
    return make_record(ticket, "ok", segment=report.verdict.segment, rule=report.verdict.rule,
                       findings=[f.rule for f in report.findings],
                       next_steps=[s.command for s in report.next_steps],
                       elapsed_ms=_ms(started), size=size)


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def analyse_ticket(ticket: Ticket, settings: Settings) -> Record:
    """The record of one ticket; never raises (but for KeyboardInterrupt/SystemExit)."""
    started = time.perf_counter()
    if ticket.error is not None:
        return make_record(ticket, "error", message=ticket.error, size=ticket.size)
    size = ticket.size
    try:
        with time_limit(settings.timeout):
            data = ticket_bytes(ticket, settings.max_bytes)
            size = len(data)
            return _analyse(ticket, data, settings, started)
    except TicketTimeout:
        message = f"time limit exceeded: over {settings.timeout:g} s (--timeout)"
    except TicketError as exc:
        message, size = str(exc), exc.size
    except InputError as exc:
        message = str(exc)
    except Exception as exc:  # a bug must cost one ticket, not the run
        message = f"internal error: {type(exc).__name__}: {exc}"
    return make_record(ticket, "error", message=message, elapsed_ms=_ms(started), size=size)


def analyse_chunk(chunk: list[Ticket], settings: Settings) -> list[Record]:
    """The records of a chunk of tickets, in order (one process-pool / Dask task)."""
    return [analyse_ticket(ticket, settings) for ticket in chunk]

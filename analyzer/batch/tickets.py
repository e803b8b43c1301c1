"""A ticket (one input of a batch), its result record, and reading its bytes."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace
from typing import Literal, TypedDict

DEFAULT_MAX_BYTES = 8 * 1024 * 1024  # a paste is a few KB; a long ping run a few MB
DEFAULT_TIMEOUT_S = 10.0  # an analysis takes milliseconds

Status = Literal["ok", "unparseable", "error"]
STATUSES: tuple[Status, ...] = ("ok", "unparseable", "error")

# O_NONBLOCK: opening a FIFO found in an archive folder must not wait for a writer.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class Record(TypedDict):
    """One line of the batch output (the field order is the CSV column order)."""

    id: str
    source: str
    status: Status
    message: str | None
    segment: str | None
    rule: str | None
    findings: list[str]
    next_steps: list[str]
    elapsed_ms: float
    bytes: int | None


FIELDS: tuple[str, ...] = tuple(Record.__annotations__)


def one_line(text: str) -> str:
    """`text` with line breaks turned into spaces: every output record stays one line."""
    return " ".join(text.splitlines()) if "\n" in text or "\r" in text else text


@dataclass(frozen=True, slots=True)
class Ticket:
    """One input: a file the worker reads (`path`), bytes already read (`data`),
    or an input that already failed (`error`). `mail` marks an .eml."""

    id: str
    source: str
    path: str | None = None
    data: bytes | None = None
    error: str | None = None
    mail: bool = False
    size: int | None = None

    @classmethod
    def new(cls, source: str, *, ident: str | None = None, path: str | None = None,
            data: bytes | None = None, error: str | None = None, mail: bool = False,
            size: int | None = None) -> Ticket:
        """A ticket whose id (default: its source) and source are made one line."""
        return cls(id=one_line(ident or source), source=one_line(source), path=path,
                   data=data, error=error, mail=mail, size=size)


@dataclass(frozen=True, slots=True)
class Settings:
    """What every ticket of a run is analysed with."""

    lang: str = "en"
    dest: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float | None = DEFAULT_TIMEOUT_S


class TicketError(Exception):
    """A ticket that cannot be analysed; the message goes into its error record."""

    def __init__(self, message: str, size: int | None = None) -> None:
        super().__init__(message)
        self.size = size


def too_large(size: int, max_bytes: int) -> str:
    """The message for an input over the size limit."""
    return f"{size} bytes, over the --max-bytes limit of {max_bytes}"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file (removed during the run?)"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read: {exc.strerror or exc}"


def read_file(path: str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; TicketError otherwise."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise TicketError(_os_reason(exc)) from exc
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise TicketError("is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise TicketError("not a regular file (a FIFO, socket or device)")
        if st.st_size > max_bytes:
            raise TicketError(too_large(st.st_size, max_bytes), st.st_size)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise TicketError(_os_reason(exc)) from exc
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise TicketError(too_large(len(data), max_bytes), len(data))
    return data


def ticket_bytes(ticket: Ticket, max_bytes: int) -> bytes:
    """The bytes to analyse for a ticket that has no `error`."""
    if ticket.data is not None:
        return ticket.data
    assert ticket.path is not None, "a ticket has a path, data or an error"
    return read_file(ticket.path, max_bytes)


def materialized(ticket: Ticket, max_bytes: int) -> Ticket:
    """The ticket with its file read here (for workers that do not share this filesystem)."""
    if ticket.path is None or ticket.error is not None:
        return ticket
    try:
        data = read_file(ticket.path, max_bytes)
    except TicketError as exc:
        return replace(ticket, path=None, error=str(exc), size=exc.size)
    return replace(ticket, path=None, data=data)


def make_record(ticket: Ticket, status: Status, *, message: str | None = None,
                segment: str | None = None, rule: str | None = None,
                findings: list[str] | None = None, next_steps: list[str] | None = None,
                elapsed_ms: float = 0.0, size: int | None = None) -> Record:
    """A record with every field present (absent values are null or empty lists)."""
    return Record(id=ticket.id, source=ticket.source, status=status,
                  message=one_line(message) if message is not None else None,
                  segment=segment, rule=rule, findings=findings or [],
                  next_steps=next_steps or [], elapsed_ms=round(elapsed_ms, 3), bytes=size)

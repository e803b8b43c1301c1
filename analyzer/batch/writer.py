"""Batch output: one JSON Lines record (or CSV row) per input, flushed as written.

Every record is one physical line (ids, sources and messages are made one line), so a
run killed mid-write leaves complete lines plus at most one cut-short last line, which
`read_previous` (for `--resume`) removes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any, TextIO, cast

from analyzer.batch.tickets import FIELDS, STATUSES, Record
from analyzer.errors import NetblameError

LIST_SEPARATOR = "; "  # joins the findings and next steps in a CSV cell


class OutputError(NetblameError):
    """The output file cannot be written or resumed."""


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


class RecordWriter:
    """Writes records to a text stream as JSON Lines, or CSV with a header row."""

    def __init__(self, stream: TextIO, *, as_csv: bool = False, header: bool = True) -> None:
        self._stream = stream
        self._csv = csv.writer(stream, lineterminator="\n") if as_csv else None
        if self._csv is not None and header:
            self._csv.writerow(FIELDS)
            stream.flush()

    def write(self, records: list[Record]) -> None:
        """Append records and flush them to the file."""
        if self._csv is None:
            self._stream.write("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                       for r in records))
        else:
            self._csv.writerows([_cell(r.get(f)) for f in FIELDS] for r in records)
        self._stream.flush()


def _from_json(line: bytes) -> Record | None:
    try:
        doc: Any = json.loads(line)
    except ValueError:
        return None
    if not isinstance(doc, dict) or set(doc) != set(FIELDS) or doc["status"] not in STATUSES:
        return None
    return cast(Record, doc)


def _from_csv(line: bytes) -> Record | None:
    try:
        row = next(csv.reader(io.StringIO(line.decode("utf-8"))))
        cells = dict(zip(FIELDS, row, strict=True))
        elapsed = float(cells["elapsed_ms"] or 0)
        size = int(cells["bytes"]) if cells["bytes"] else None
    except (ValueError, UnicodeDecodeError, StopIteration):
        return None
    status = cells["status"]
    if status not in STATUSES:
        return None
    return Record(id=cells["id"], source=cells["source"], status=status,
                  message=cells["message"] or None, segment=cells["segment"] or None,
                  rule=cells["rule"] or None,
                  findings=[x for x in cells["findings"].split(LIST_SEPARATOR) if x],
                  next_steps=[x for x in cells["next_steps"].split(LIST_SEPARATOR) if x],
                  elapsed_ms=elapsed, bytes=size)


def read_previous(path: str, *, as_csv: bool = False) -> Iterator[Record]:
    """The records already in `path` (none if it does not exist). A last line without
    its newline (a killed run) is cut off the file; any other unreadable line is an
    OutputError, since appending to a file that is not ours would damage it."""
    try:
        fh = open(path, "r+b")  # noqa: SIM115 - the generator below closes it
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"{path}: cannot open for --resume: {exc.strerror or exc}") from exc
    with fh:
        complete = 0
        for lineno, line in enumerate(fh, 1):
            if not line.endswith(b"\n"):
                break
            complete += len(line)
            if as_csv and lineno == 1:
                if line.rstrip(b"\r\n").decode("utf-8", "replace") != ",".join(FIELDS):
                    raise OutputError(f"{path}: not a `netblame batch --csv` output "
                                      "(header differs); refusing to --resume into it")
                continue
            record = _from_csv(line) if as_csv else _from_json(line)
            if record is None:
                kind = "CSV row" if as_csv else "JSON Lines record"
                raise OutputError(f"{path}:{lineno}: not a `netblame batch` {kind}; "
                                  "refusing to --resume into it")
            yield record
        fh.truncate(complete)

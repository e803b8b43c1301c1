"""Batch output: JSON Lines / CSV records, and reading them back for --resume."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from analyzer.batch.tickets import FIELDS, Ticket, make_record
from analyzer.batch.writer import OutputError, RecordWriter, read_previous

RECORDS = [
    make_record(Ticket.new("a/1.txt"), "ok", segment="path", rule="P001",
                findings=["P001", "P004"], next_steps=["traceroute -n 203.0.113.10"],
                elapsed_ms=1.23456, size=1366),
    make_record(Ticket.new("x.jsonl:2", ident="NET-7"), "error", message="not valid\nJSON",
                size=None),
    make_record(Ticket.new("b.txt"), "unparseable", message="empty input", size=0),
]


def written(as_csv: bool, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        RecordWriter(fh, as_csv=as_csv).write(RECORDS)


def test_json_lines_one_line_per_record(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    written(False, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == RECORDS
    assert list(json.loads(lines[0])) == list(FIELDS)
    assert RECORDS[0]["elapsed_ms"] == 1.235 and RECORDS[1]["message"] == "not valid JSON"


def test_csv_header_and_cells(tmp_path: Path) -> None:
    out = tmp_path / "o.csv"
    written(True, out)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0] == list(FIELDS)
    assert rows[1] == ["a/1.txt", "a/1.txt", "ok", "", "path", "P001", "P001; P004",
                       "traceroute -n 203.0.113.10", "1.235", "1366"]
    assert rows[2][:4] == ["NET-7", "x.jsonl:2", "error", "not valid JSON"]


@pytest.mark.parametrize("as_csv", [False, True])
def test_read_previous_round_trip_and_cut_short_last_line(tmp_path: Path,
                                                          as_csv: bool) -> None:
    out = tmp_path / "o"
    written(as_csv, out)
    assert list(read_previous(str(out), as_csv=as_csv)) == RECORDS
    complete = out.read_bytes()
    out.write_bytes(complete + b'{"id": "c.txt", "sou')  # a kill in the middle of a write
    assert [r["id"] for r in read_previous(str(out), as_csv=as_csv)] == [
        "a/1.txt", "NET-7", "b.txt"]
    assert out.read_bytes() == complete


def test_read_previous_of_a_missing_or_empty_file(tmp_path: Path) -> None:
    assert list(read_previous(str(tmp_path / "none.jsonl"))) == []
    (tmp_path / "cut.csv").write_text("id,sour")
    assert list(read_previous(str(tmp_path / "cut.csv"), as_csv=True)) == []
    assert (tmp_path / "cut.csv").read_bytes() == b""


def test_read_previous_refuses_a_file_that_is_not_ours(tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("my notes\n")
    with pytest.raises(OutputError, match=r"notes.txt:1: not a `netblame batch` JSON Lines"):
        list(read_previous(str(other)))
    jsonl = tmp_path / "o.jsonl"
    written(False, jsonl)
    with pytest.raises(OutputError, match="header differs"):
        list(read_previous(str(jsonl), as_csv=True))
    assert other.read_text() == "my notes\n"

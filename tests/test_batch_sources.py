"""Batch inputs → tickets: directories, archives, JSON Lines, stdin lists, bad inputs."""

from __future__ import annotations

import gzip
import io
import json
import os
import tarfile
import zipfile
from pathlib import Path

import pytest

from analyzer.batch.sources import SourceOptions, expand
from analyzer.batch.tickets import Ticket

TRANSCRIPT = b"client$ ping -c 1 192.0.2.1\nPING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.\n"


def tickets(*inputs: str | Path, **options: object) -> list[Ticket]:
    return list(expand([str(i) for i in inputs], SourceOptions(**options)))  # type: ignore[arg-type]


def test_directory_walk_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/z.txt", "a/c.log", ".git/config", "a/.hidden.txt", "c.eml"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(TRANSCRIPT)
    found = tickets(tmp_path)
    assert [t.id for t in found] == [str(tmp_path / r) for r in
                                     ["a/c.log", "a/z.txt", "b.txt", "c.eml"]]
    assert all(t.path == t.id and t.data is None and t.error is None for t in found)
    assert [t.mail for t in found] == [False, False, False, True]


def test_glob_filters_directories_by_name_or_relative_path(tmp_path: Path) -> None:
    for rel in ["x.txt", "sub/y.txt", "sub/y.log", "other/z.log"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(TRANSCRIPT)
    assert [Path(t.id).name for t in tickets(tmp_path, globs=("*.txt",))] == ["y.txt", "x.txt"]
    assert [Path(t.id).name for t in tickets(tmp_path, globs=("other/*",))] == ["z.log"]
    # A file named on the command line is taken whatever the glob.
    assert [t.id for t in tickets(tmp_path / "sub/y.log", globs=("*.txt",))] == [
        str(tmp_path / "sub/y.log")]


def test_zip_members_carry_their_bytes(tmp_path: Path) -> None:
    archive = tmp_path / "t.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("tickets/one.txt", TRANSCRIPT)
        zf.writestr("tickets/two.eml", b"Subject: x\n\n" + TRANSCRIPT)
        zf.writestr("tickets/big.txt", b"x" * 2000)
        zf.writestr("tickets/inner.zip", b"PK")
        zf.writestr("__MACOSX/tickets/._one.txt", b"junk")
        zf.writestr("tickets/", b"")
    found = tickets(archive, max_bytes=1000)
    assert [t.id for t in found] == [f"{archive}!tickets/{n}" for n in
                                     ["one.txt", "two.eml", "big.txt", "inner.zip"]]
    one, two, big, inner = found
    assert (one.data, one.size, one.mail) == (TRANSCRIPT, len(TRANSCRIPT), False)
    assert two.mail and two.data is not None and two.data.endswith(TRANSCRIPT)
    assert big.data is None and big.size == 2000
    assert big.error == "2000 bytes, over the --max-bytes limit of 1000"
    assert inner.error == "archive inside an archive (not expanded)"


def test_damaged_zip_is_one_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"this is not a zip file at all")
    [ticket] = tickets(bad)
    assert ticket.id == str(bad)
    assert ticket.error is not None and ticket.error.startswith("not a readable zip archive")


def test_tar_gz_members_then_damage(tmp_path: Path) -> None:
    archive = tmp_path / "t.tar.gz"
    with tarfile.open(archive, "w:gz") as tf:
        for i in range(3):
            info = tarfile.TarInfo(f"t/{i}.txt")
            payload = TRANSCRIPT + os.urandom(20_000).hex().encode()
            info.size = len(payload)
            tf.addfile(info, io.BytesIO(payload))
    whole = tickets(archive)
    assert [t.id for t in whole] == [f"{archive}!t/{i}.txt" for i in range(3)]
    assert all(t.data is not None and t.data.startswith(TRANSCRIPT) for t in whole)

    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size * 2 // 3])
    damaged = tickets(cut)
    assert [t.error for t in damaged[:-1]] == [None] * (len(damaged) - 1)
    assert damaged[-1].id == str(cut)
    assert damaged[-1].error is not None and "archive damaged after" in damaged[-1].error


def test_not_a_tar_is_one_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tgz"
    bad.write_bytes(b"\x00" * 100)
    [ticket] = tickets(bad)
    assert ticket.error is not None and ticket.error.startswith("not a readable tar archive")


def test_json_lines_fields_ids_and_bad_lines(tmp_path: Path) -> None:
    export = tmp_path / "export.jsonl"
    lines = [
        json.dumps({"id": 17, "body": "ping output"}),
        "",
        json.dumps({"key": "NET-2", "fields": {"description": "nested"}}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "NET-5", "title": "no body"}),
        json.dumps({"body": "no id"}),
        json.dumps({"id": True, "body": "a boolean is no id"}),
    ]
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = tickets(export)
    assert [t.id for t in found] == ["17", f"{export}:3", f"{export}:4", f"{export}:5",
                                     "NET-5", f"{export}:7", f"{export}:8"]
    assert [t.source for t in found] == [f"{export}:{n}" for n in (1, 3, 4, 5, 6, 7, 8)]
    assert found[0].data == b"ping output" and found[0].error is None
    assert found[1].error == "no text field 'body' (see --text-field)"
    assert found[2].error is not None and found[2].error.startswith("not valid JSON")
    assert found[3].error == "not a JSON object"
    assert found[4].error == "no text field 'body' (see --text-field)"
    assert found[5].data == b"no id"
    nested = tickets(export, text_field="fields.description", id_field="key")
    assert (nested[1].id, nested[1].data) == ("NET-2", b"nested")


def test_json_lines_huge_line_is_one_error_and_the_next_line_is_read(tmp_path: Path) -> None:
    export = tmp_path / "export.ndjson"
    huge = json.dumps({"id": "huge", "body": "x" * 100_000})
    export.write_text(huge + "\n" + json.dumps({"id": "next", "body": "fine"}) + "\n",
                      encoding="utf-8")
    found = tickets(export, max_bytes=100)  # line limit: 6 * 100 + 65536 bytes
    assert len(found) == 2
    assert found[0].id == found[0].source == f"{export}:1"
    assert found[0].error == "line longer than 66136 bytes (--max-bytes 100)"
    assert (found[1].id, found[1].data) == ("next", b"fine")
    over = tickets(export, max_bytes=90_000)
    assert over[0].id == "huge" and over[0].error == (
        "100000 bytes, over the --max-bytes limit of 90000")


def test_gzipped_json_lines_and_json_lines_inside_a_zip(tmp_path: Path) -> None:
    body = (json.dumps({"id": "A-1", "body": "text"}) + "\n").encode()
    (tmp_path / "e.jsonl.gz").write_bytes(gzip.compress(body))
    with zipfile.ZipFile(tmp_path / "z.zip", "w") as zf:
        zf.writestr("dump/e.jsonl", body)
    [gz] = tickets(tmp_path / "e.jsonl.gz")
    [member] = tickets(tmp_path / "z.zip")
    assert (gz.id, gz.source, gz.data) == ("A-1", f"{tmp_path}/e.jsonl.gz:1", b"text")
    assert (member.id, member.source) == ("A-1", f"{tmp_path}/z.zip!dump/e.jsonl:1")


def test_truncated_gzip_json_lines_keeps_lines_read_and_adds_an_error(tmp_path: Path) -> None:
    rows = "".join(json.dumps({"id": i, "body": os.urandom(500).hex()}) + "\n"
                   for i in range(50)).encode()
    packed = gzip.compress(rows)
    (tmp_path / "cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    found = tickets(tmp_path / "cut.jsonl.gz")
    assert found[0].id == "0" and found[-1].error is not None
    assert found[-1].error.startswith(f"cannot read after line {len(found) - 1}")


def test_stdin_list_missing_paths_and_ids_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(TRANSCRIPT)
    stdin = io.StringIO(f"{tmp_path / 'a.txt'}\n\n{tmp_path / 'gone.txt'}\r\n")
    found = list(expand(["-"], SourceOptions(), stdin=stdin))
    assert [t.id for t in found] == [str(tmp_path / "a.txt"), str(tmp_path / "gone.txt")]
    assert found[1].error == "no such file or directory"
    assert Ticket.new("a\nb", ident="x\r\ny").id == "x y"


def test_directory_that_vanishes_mid_walk_is_one_error(tmp_path: Path) -> None:
    for rel in ["a/1.txt", "b/2.txt", "b/3.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(TRANSCRIPT)
    walk = expand([str(tmp_path)], SourceOptions())
    first = next(walk)
    assert first.id == str(tmp_path / "a/1.txt")
    for f in (tmp_path / "b").iterdir():
        f.unlink()
    (tmp_path / "b").rmdir()
    [vanished] = list(walk)
    assert vanished.id == str(tmp_path / "b")
    assert vanished.error == "cannot list directory: no such file or directory"


def test_unlistable_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    [ticket] = tickets(tmp_path)
    assert (ticket.id, ticket.error) == (str(tmp_path / "locked"),
                                         "cannot list directory: permission denied")


def test_fifo_symlinked_directory_and_excluded_output(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "t.txt").write_bytes(TRANSCRIPT)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    (tmp_path / "out.jsonl").write_text("{}\n")
    found = tickets(tmp_path, exclude=frozenset([str(tmp_path / "out.jsonl")]))
    assert [(Path(t.id).name, t.error) for t in found] == [
        ("link", "symbolic link to a directory (not followed)"),
        ("pipe.jsonl", "not a regular file (a FIFO, socket or device)"),
        ("t.txt", None),
    ]

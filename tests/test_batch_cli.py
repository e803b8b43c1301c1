"""`netblame batch` end to end on an archive of several hundred tickets.

The archive holds the lab transcripts, variants of each (CRLF, UTF-16, mail quoting,
indentation, prose around, .eml, zip / tar / JSON Lines members) and broken inputs of
every kind (empty, binary, undecodable, huge single line, FIFO, damaged archives, bad
JSON lines, a missing path, a locked file). Every input must give exactly one record
with the expected status, and `--resume` after a kill must finish it with no duplicate
and no loss.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from collections import Counter
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from golden import FIXTURES, ROOT

from analyzer.api import analyze_record
from analyzer.batch.tickets import FIELDS
from analyzer.batch.worker import NOTHING_ANALYSABLE
from analyzer.cli import main

LAB = sorted((FIXTURES / "lab").glob("*.txt"))
MAX_BYTES = 256 * 1024
PROSE_BEFORE = "Hello team,\n\nsince 09:00 the app cannot connect. Here is what I ran:\n\n"
PROSE_AFTER = "\n\nThanks in advance,\nTaro (app team)\n"
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 64
UNDECODABLE = bytes(range(0x80, 0x100)) * 16


@dataclass(frozen=True)
class Expect:
    status: str
    segment: str | None = None
    message: str | None = None  # the start of the message


def _segment(data: bytes) -> str:
    doc = analyze_record(data)
    assert doc is not None
    return str(doc["verdict"]["segment"])


def _variants(text: str) -> dict[str, bytes]:
    """The same transcript as people paste it."""
    quoted = "".join("> " + line for line in text.splitlines(keepends=True))
    indented = "".join("    " + line for line in text.splitlines(keepends=True))
    return {
        "crlf.txt": text.replace("\n", "\r\n").encode(),
        "utf16.txt": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "quoted.txt": (PROSE_BEFORE + quoted + PROSE_AFTER).encode(),
        "indented.log": (PROSE_BEFORE + indented + PROSE_AFTER).encode(),
    }


def _eml(body: str) -> bytes:
    msg = EmailMessage()
    msg["Subject"] = "server unreachable"
    msg["From"] = "app-team@example.com"
    msg.set_content(PROSE_BEFORE + body + PROSE_AFTER, cte="quoted-printable")
    return bytes(msg)


def build_corpus(root: Path) -> tuple[list[str], str, dict[str, Expect]]:
    """Command-line inputs, a stdin path list, and the expected record of every id."""
    expect: dict[str, Expect] = {}
    tree = root / "archive"

    def put(rel: str, data: bytes, expected: Expect) -> Path:
        path = tree / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expect[str(path)] = expected
        return path

    zip_path, tar_path, cut_path = root / "tickets.zip", root / "more.tar.gz", root / "cut.tar"
    export = root / "export.jsonl"
    jsonl_lines: list[str] = []
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zf, \
            tarfile.open(tar_path, "w:gz") as tf:
        for n, path in enumerate(LAB):
            data = path.read_bytes()
            text = data.decode("utf-8")
            ok = Expect("ok", _segment(data))
            put(f"lab/{path.name}", data, ok)
            for suffix, variant in _variants(text).items():
                put(f"variants/{path.stem}.{suffix}", variant, ok)
            put(f"mail/{path.stem}.eml", _eml(text), ok)
            zf.writestr(f"lab/{path.name}", data)
            expect[f"{zip_path}!lab/{path.name}"] = ok
            prose = (PROSE_BEFORE + text + PROSE_AFTER).encode()
            info = tarfile.TarInfo(f"prose/{path.stem}.txt")
            info.size = len(prose)
            tf.addfile(info, io.BytesIO(prose))
            expect[f"{tar_path}!prose/{path.stem}.txt"] = ok
            jsonl_lines.append(json.dumps({"id": f"NET-{n}", "body": PROSE_BEFORE + text}))
            expect[f"NET-{n}"] = ok
        zf.writestr("nested/inner.zip", b"PK\x03\x04")
        expect[f"{zip_path}!nested/inner.zip"] = Expect("error", message="archive inside")
        zf.writestr("big/huge.txt", b"x" * (MAX_BYTES + 1))
        expect[f"{zip_path}!big/huge.txt"] = Expect("error", message=f"{MAX_BYTES + 1} bytes")

    # Broken inputs, each of its own kind.
    put("broken/empty.txt", b"", Expect("unparseable", message="empty input"))
    put("broken/blank.txt", b"\n \r\n\t\n", Expect("unparseable", message="empty input"))
    put("broken/prose.txt", b"It does not work since this morning. Please help!\n",
        Expect("unparseable", message=NOTHING_ANALYSABLE))
    put("broken/screenshot.png", BINARY, Expect("error", message="input looks binary"))
    put("broken/latin.txt", UNDECODABLE, Expect("error", message="input is not text"))
    put("broken/one-huge-line.txt", b"ping " + b"x" * MAX_BYTES,
        Expect("error", message=f"{MAX_BYTES + 5} bytes, over the --max-bytes limit"))
    image_only = EmailMessage()
    image_only.set_content(BINARY, maintype="image", subtype="png")
    put("broken/image-only.eml", bytes(image_only),
        Expect("unparseable", message="no text part in the mail"))
    put("broken/not-a.zip", b"PK but not really a zip",
        Expect("error", message="not a readable zip archive"))
    os.mkfifo(tree / "broken" / "pipe.txt")
    expect[str(tree / "broken" / "pipe.txt")] = Expect("error", message="not a regular file")
    (tree / "broken" / "dir-link").symlink_to(tree / "lab")
    expect[str(tree / "broken" / "dir-link")] = Expect("error", message="symbolic link")
    locked = put("broken/locked.txt", LAB[0].read_bytes(), Expect("ok", _segment(
        LAB[0].read_bytes())) if os.geteuid() == 0 else Expect("error",
                                                               message="permission denied"))
    locked.chmod(0)

    # An uncompressed tar cut in the middle of its third member's data.
    with tarfile.open(cut_path, "w") as tf:
        for path in LAB[:3]:
            tf.add(path, arcname=f"cut/{path.name}")
    with tarfile.open(cut_path) as tf:
        third = tf.getmembers()[2]
    cut_path.write_bytes(cut_path.read_bytes()[: third.offset_data + 100])
    for path in LAB[:2]:
        expect[f"{cut_path}!cut/{path.name}"] = Expect("ok", _segment(path.read_bytes()))
    expect[str(cut_path)] = Expect("error", message="archive damaged after 3 members")

    jsonl_lines += ["{broken json", json.dumps({"id": "NET-nobody", "text": "wrong field"}),
                    json.dumps({"id": "NET-huge", "body": "y" * (7 * MAX_BYTES)}), ""]
    export.write_text("\n".join(jsonl_lines) + "\n", encoding="utf-8")
    n = len(LAB)
    expect[f"{export}:{n + 1}"] = Expect("error", message="not valid JSON")
    expect["NET-nobody"] = Expect("error", message="no text field 'body'")
    expect[f"{export}:{n + 3}"] = Expect("error", message="line longer than")

    missing = root / "no-such-ticket.txt"
    expect[str(missing)] = Expect("error", message="no such file or directory")
    inputs = [str(tree), str(zip_path), str(tar_path), str(cut_path), str(export)]
    return inputs, f"{missing}\n", expect


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], str,
                                                               dict[str, Expect]]:
    return build_corpus(tmp_path_factory.mktemp("batch"))


def records_of(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def check(records: list[dict[str, Any]], expect: dict[str, Expect]) -> None:
    """Exactly one record per input, each with its expected status, segment, message."""
    counts = Counter(r["id"] for r in records)
    assert [i for i, c in counts.items() if c > 1] == [], "duplicates"
    assert set(expect) - set(counts) == set(), "lost inputs"
    assert set(counts) - set(expect) == set(), "unexpected records"
    for r in records:
        want = expect[r["id"]]
        assert list(r) == list(FIELDS)
        assert r["status"] == want.status, (r["id"], r["status"], r["message"])
        if want.segment is not None:
            assert r["segment"] == want.segment, r["id"]
        if want.message is not None:
            assert r["message"] is not None and r["message"].startswith(want.message), (
                r["id"], r["message"])


def run_batch(args: list[str], stdin: str = "") -> Any:
    return CliRunner().invoke(main, ["batch", *args], input=stdin)


def test_every_input_gets_exactly_one_record(
        corpus: tuple[list[str], str, dict[str, Expect]], tmp_path: Path) -> None:
    inputs, stdin, expect = corpus
    assert len(expect) >= 300
    out = tmp_path / "out.jsonl"
    summary = tmp_path / "summary.json"
    result = run_batch([*inputs, "-", "--out", str(out), "--jobs", "2", "--ordered",
                        "--max-bytes", "256K", "--summary-json", str(summary)], stdin)
    assert result.exit_code == 1, result.output
    records = records_of(out)
    check(records, expect)
    assert [r["id"] for r in records][:2] == [str(Path(inputs[0]) / "broken/blank.txt"),
                                             str(Path(inputs[0]) / "broken/dir-link")]
    by_id = {r["id"]: r for r in records}
    assert by_id["NET-0"]["source"] == f"{inputs[4]}:1"
    doc = json.loads(summary.read_text(encoding="utf-8"))
    assert doc["total"] == len(expect)
    assert doc["status"] == dict(Counter(e.status for e in expect.values()))
    assert doc["segments"] == dict(Counter(e.segment for e in expect.values()
                                           if e.status == "ok"))
    assert sum(v["verdicts"] for v in doc["rules"].values()) == doc["status"]["ok"]
    assert len(doc["slowest"]) == 10


def test_ordered_output_is_deterministic_and_completion_order_has_the_same_records(
        corpus: tuple[list[str], str, dict[str, Expect]], tmp_path: Path) -> None:
    inputs, stdin, _ = corpus
    runs = {}
    for name, extra in [("a", ["--ordered"]), ("b", ["--ordered"]), ("c", [])]:
        out = tmp_path / f"{name}.jsonl"
        result = run_batch([*inputs, "-", "--out", str(out), "--jobs", "2", "--chunk", "7",
                            "--max-bytes", "256K", *extra], stdin)
        assert result.exit_code == 1, result.output
        runs[name] = [{k: v for k, v in r.items() if k != "elapsed_ms"}
                      for r in records_of(out)]
    assert runs["a"] == runs["b"]
    key = lambda r: r["id"]  # noqa: E731
    assert sorted(runs["c"], key=key) == sorted(runs["a"], key=key)


def _alive() -> dict[int, int]:
    """pid → parent pid of every process (Linux /proc)."""
    found = {}
    for entry in Path("/proc").iterdir():
        try:
            found[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (ValueError, OSError, IndexError):
            continue
    return found


def _descendants(pid: int) -> set[int]:
    parents = _alive()
    found, frontier = set(), [pid]
    while frontier:
        parent = frontier.pop()
        children = [p for p, pp in parents.items() if pp == parent]
        found.update(children)
        frontier += children
    return found


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_resume_after_a_kill_finishes_with_no_duplicate_and_no_loss(
        corpus: tuple[list[str], str, dict[str, Expect]], tmp_path: Path) -> None:
    inputs, stdin, expect = corpus
    out = tmp_path / "out.jsonl"
    args = ["--out", str(out), "--jobs", "2", "--max-bytes", "256K", "--chunk", "8"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # The killed run reads its inputs from stdin, which stays open: it cannot finish.
    proc = subprocess.Popen([sys.executable, "-m", "analyzer", "batch", "-", *args],
                            stdin=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                            cwd=ROOT)
    assert proc.stdin is not None
    proc.stdin.write("\n".join(inputs[:3]).encode() + b"\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while _lines(out) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)
    helpers = _descendants(proc.pid)  # forkserver, workers, resource tracker
    assert len(helpers) >= 3
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    while helpers & set(_alive()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not helpers & set(_alive()), "the killed run left processes behind"
    before = out.read_bytes()
    done = len(before.splitlines())
    assert 40 <= done < len(expect)
    out.write_bytes(before + b'{"id": "half a rec')  # as if killed in the middle of a write

    result = run_batch([*inputs, "-", *args, "--resume", "--summary-json", "-"], stdin)
    assert result.exit_code == 1, result.output
    records = records_of(out)
    check(records, expect)
    assert out.read_bytes().startswith(before)
    summary = json.loads(result.stdout)
    assert (summary["total"], summary["resumed"]) == (len(expect), done)

    again = run_batch([*inputs, "-", *args, "--resume"], stdin)
    assert again.exit_code == 1 and records_of(out) == records


def test_ctrl_c_stops_cleanly_with_a_valid_file(
        corpus: tuple[list[str], str, dict[str, Expect]], tmp_path: Path) -> None:
    inputs, _, _ = corpus
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "analyzer", "batch", "-", "--out", str(out),
                             "--jobs", "2", "--chunk", "8"], stdin=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            cwd=ROOT)
    assert proc.stdin is not None
    proc.stdin.write(f"{inputs[0]}\n".encode())
    proc.stdin.flush()
    deadline = time.monotonic() + 60
    while _lines(out) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    message = err.decode()
    assert message.startswith("netblame: interrupted after ") and "--resume" in message
    assert "Traceback" not in message
    assert len(records_of(out)) >= 40


def test_csv_output_and_resume(corpus: tuple[list[str], str, dict[str, Expect]],
                               tmp_path: Path) -> None:
    inputs, _, expect = corpus
    out = tmp_path / "out.csv"
    args = [inputs[0], "--out", str(out), "--csv", "--jobs", "2", "--max-bytes", "256K"]
    assert run_batch(args).exit_code == 1
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    under = {i: e for i, e in expect.items() if i.startswith(inputs[0])}
    assert sorted(r["id"] for r in rows) == sorted(under)
    first = rows[0]
    out.write_text(",".join(FIELDS) + "\n" + ",".join(first[f] for f in FIELDS) + "\n",
                   encoding="utf-8")
    assert run_batch([*args, "--resume"]).exit_code == 1
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert sorted(r["id"] for r in rows) == sorted(under)
    assert all(r["status"] == under[r["id"]].status for r in rows)


def test_stdout_records_exit_zero_and_timeout(tmp_path: Path) -> None:
    lab = tmp_path / "lab"
    lab.mkdir()
    for path in LAB[:5]:
        (lab / path.name).write_bytes(path.read_bytes())
    result = run_batch([str(lab), "--jobs", "1", "--ordered"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in lines] == [str(lab / p.name) for p in LAB[:5]]
    assert "5 tickets: 5 ok, 0 unparseable, 0 error" in result.stderr
    # A time limit far below any analysis: every ticket times out in its pool worker.
    timed = run_batch([str(lab), "--jobs", "2", "--timeout", "0.000001"])
    assert timed.exit_code == 1
    assert {json.loads(line)["message"] for line in timed.stdout.splitlines()} == {
        "time limit exceeded: over 1e-06 s (--timeout)"}


@pytest.mark.parametrize(("args", "message"), [
    ([], "Missing argument 'INPUT...'"),
    (["x", "--resume"], "--resume needs --out FILE"),
    (["x", "--summary-json", "-"], "--summary-json - needs --out FILE"),
    (["x", "--max-bytes", "lots"], "'lots' is not a size like"),
    (["x", "--jobs", "0"], "0 is not in the range x>=1"),
    (["x", "--jobs", "2", "--scheduler", "tcp://127.0.0.1:1"], "exclude each other"),
])
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = run_batch(args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_resume_refuses_a_file_that_is_not_batch_output(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("important notes\n")
    result = run_batch([str(LAB[0]), "--out", str(notes), "--resume"])
    assert result.exit_code == 2
    assert "notes.txt:1: not a `netblame batch` JSON Lines record" in result.stderr
    assert notes.read_text() == "important notes\n"


def test_resume_without_an_earlier_output_starts_afresh(tmp_path: Path) -> None:
    for name in ("o.jsonl", "o.csv"):
        out = tmp_path / name
        extra = ["--csv"] if name.endswith("csv") else []
        result = run_batch([str(LAB[0]), str(LAB[1]), "--out", str(out), "--resume", *extra])
        assert result.exit_code == 0, result.output
        lines = out.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 2 + bool(extra)
        assert not extra or lines[0] == ",".join(FIELDS)


def test_unwritable_output_and_unreachable_scheduler(tmp_path: Path) -> None:
    result = run_batch([str(LAB[0]), "--out", str(tmp_path / "no" / "dir" / "o.jsonl")])
    assert result.exit_code == 2 and "cannot write" in result.stderr
    pytest.importorskip("distributed")
    earlier = tmp_path / "earlier.jsonl"
    run_batch([str(LAB[0]), "--out", str(earlier)])
    kept = earlier.read_bytes()
    result = run_batch([str(LAB[0]), "--out", str(earlier), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert earlier.read_bytes() == kept and kept.count(b"\n") == 1

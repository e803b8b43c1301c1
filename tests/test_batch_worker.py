"""One ticket → one record: statuses, messages, mail, and the per-ticket time limit."""

from __future__ import annotations

import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from golden import FIXTURES

from analyzer.api import analyze_record
from analyzer.batch import worker
from analyzer.batch.mail import html_text, mail_text
from analyzer.batch.tickets import FIELDS, Record, Settings, Ticket, materialized
from analyzer.batch.worker import NOTHING_ANALYSABLE, analyse_chunk, analyse_ticket

LAB = FIXTURES / "lab"
PATH_TIMEOUT = (LAB / "path-timeout.txt").read_bytes()


def record_of(data: bytes, **settings: Any) -> Record:
    return analyse_ticket(Ticket.new("t", data=data), Settings(**settings))


def test_ok_record_mirrors_the_analysis() -> None:
    for path in sorted(LAB.glob("*.txt")):
        data = path.read_bytes()
        record = analyse_ticket(Ticket.new(str(path), path=str(path)), Settings())
        doc = analyze_record(data)
        assert doc is not None
        assert tuple(record) == FIELDS
        assert record["status"] == "ok" and record["message"] is None
        assert (record["segment"], record["rule"]) == (doc["verdict"]["segment"],
                                                       doc["verdict"]["rule"])
        assert record["findings"] == [f["rule"] for f in doc["findings"]]
        assert record["next_steps"] == [s["command"] for s in doc["next_steps"]]
        assert record["bytes"] == len(data) and record["elapsed_ms"] > 0


def test_lang_and_dest_reach_the_analysis() -> None:
    record = record_of((LAB / "gateway-down.txt").read_bytes(), dest="198.51.100.99")
    doc = analyze_record((LAB / "gateway-down.txt").read_bytes(), dest="198.51.100.99")
    assert doc is not None and record["rule"] == doc["verdict"]["rule"]
    assert record_of(PATH_TIMEOUT, lang="ja")["segment"] == "path"


@pytest.mark.parametrize(("data", "status", "message"), [
    (b"", "unparseable", "empty input"),
    (b" \n\t\r\n", "unparseable", "empty input"),
    (b"Hello, the app is down again. Please check.\n", "unparseable", NOTHING_ANALYSABLE),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "error",
     "input looks binary (contains NUL bytes), not a text transcript"),
    (bytes(range(0x80, 0x100)) * 8, "error",
     "input is not text in UTF-8, UTF-16 (with BOM) or CP932/Shift_JIS"),
])
def test_bad_inputs_get_a_clear_status(data: bytes, status: str, message: str) -> None:
    record = record_of(data)
    assert (record["status"], record["message"]) == (status, message)
    assert record["segment"] is None and record["findings"] == [] and record["bytes"] == len(data)


def test_file_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "dir").mkdir()
    cases = {"big.txt": "5000 bytes, over the --max-bytes limit of 4096",
             "gone.txt": "no such file (removed during the run?)",
             "fifo": "not a regular file (a FIFO, socket or device)",
             "dir": "is a directory"}
    settings = Settings(max_bytes=4096)
    for name, message in cases.items():
        path = str(tmp_path / name)
        record = analyse_ticket(Ticket.new(path, path=path), settings)
        assert (record["status"], record["message"]) == ("error", message), name
        shipped = materialized(Ticket.new(path, path=path), settings.max_bytes)
        assert analyse_ticket(shipped, settings)["message"] == message, name
    assert analyse_ticket(Ticket.new(str(big), path=str(big)), settings)["bytes"] == 5000

    def denied(path: str, flags: int) -> int:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(os, "open", denied)
    record = analyse_ticket(Ticket.new(str(big), path=str(big)), settings)
    assert (record["status"], record["message"]) == ("error", "permission denied")


def test_a_failed_ticket_and_an_internal_error_each_give_one_record(
        monkeypatch: pytest.MonkeyPatch) -> None:
    failed = analyse_ticket(Ticket.new("x.jsonl:3", error="not valid JSON", size=7), Settings())
    assert (failed["status"], failed["message"], failed["bytes"]) == ("error",
                                                                      "not valid JSON", 7)

    def broken(data: bytes, **kw: Any) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(worker, "analyze_bytes", broken)
    records = analyse_chunk([Ticket.new("a", data=PATH_TIMEOUT)] * 3, Settings())
    assert [r["message"] for r in records] == ["internal error: KeyError: 'boom'"] * 3


def _mail(body: str, subtype: str = "plain", charset: str = "utf-8", cte: str = "quoted-printable"
          ) -> bytes:
    msg = EmailMessage()
    msg["Subject"] = "cannot reach the server"
    msg.set_content(body, subtype=subtype, charset=charset, cte=cte)
    return bytes(msg)


def test_eml_text_part_is_analysed_like_the_transcript() -> None:
    prose = "Hello team,\n\nthe app cannot connect. Output below.\n\n"
    for cte in ("quoted-printable", "base64"):
        eml = _mail(prose + PATH_TIMEOUT.decode() + "\nThanks\n", cte=cte)
        text = mail_text(eml)
        assert text is not None and PATH_TIMEOUT.decode() in text.decode()
        record = analyse_ticket(Ticket.new("m.eml", data=eml, mail=True), Settings())
        assert (record["status"], record["segment"], record["rule"]) == ("ok", "path", "P001")


def test_eml_japanese_charset_and_attachment() -> None:
    msg = EmailMessage()
    msg["Subject"] = "疎通できません"
    msg.set_content("お疲れ様です。疎通できません。\n", charset="iso-2022-jp", cte="7bit")
    msg.add_attachment(PATH_TIMEOUT, maintype="text", subtype="plain", filename="log.txt")
    text = mail_text(bytes(msg))
    assert text is not None
    assert "疎通できません" in text.decode() and PATH_TIMEOUT.decode() in text.decode()


def test_eml_html_only_and_no_text_part() -> None:
    html = ("<html><style>p {color: red}</style><body><p>Hi &amp; thanks</p><pre>"
            + PATH_TIMEOUT.decode().replace("<", "&lt;") + "</pre></body></html>")
    record = analyse_ticket(Ticket.new("h.eml", data=_mail(html, "html"), mail=True),
                            Settings())
    assert (record["status"], record["segment"]) == ("ok", "path")
    assert html_text("<p>a<br>b</p><script>x()</script>c &lt;d&gt;") == "\na\nb\nc <d>"
    msg = EmailMessage()
    msg.set_content(b"\x89PNG...", maintype="image", subtype="png")
    record = analyse_ticket(Ticket.new("i.eml", data=bytes(msg), mail=True), Settings())
    assert (record["status"], record["message"]) == ("unparseable", "no text part in the mail")


def test_tickets_analysed_in_several_threads_get_the_records_of_a_sequential_run() -> None:
    """Dask runs tickets in worker threads; the records must not depend on that."""
    prose = "Hello,\n\nit does not connect. Output:\n\n"
    tickets = [Ticket.new(f"{p.name}:{k}", data=(prose * k + p.read_text()).encode())
               for p in sorted(LAB.glob("*.txt")) for k in range(3)] * 3
    settings = Settings(timeout=None)

    def strip(r: Record) -> dict[str, object]:
        return {k: v for k, v in r.items() if k != "elapsed_ms"}

    sequential = [strip(analyse_ticket(t, settings)) for t in tickets]
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # threads take turns often, inside every parse
    try:
        with ThreadPoolExecutor(4) as pool:
            threaded = [strip(r) for r in pool.map(lambda t: analyse_ticket(t, settings),
                                                   tickets)]
    finally:
        sys.setswitchinterval(switch)
    assert threaded == sequential


def _slow(data: bytes, **kw: Any) -> None:
    """Pure-Python busy work for two seconds (what a runaway parse looks like)."""
    end = time.monotonic() + 2
    while time.monotonic() < end:
        pass


def test_time_limit_in_the_main_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "analyze_bytes", _slow)
    started = time.monotonic()
    record = record_of(PATH_TIMEOUT, timeout=0.1)
    assert time.monotonic() - started < 1
    assert (record["status"], record["message"]) == (
        "error", "time limit exceeded: over 0.1 s (--timeout)")
    assert record["bytes"] == len(PATH_TIMEOUT)


def test_time_limit_in_a_worker_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Dask case: no signals in threads, the watchdog raises in the late thread."""
    results: list[Record] = []
    stray: list[BaseException] = []

    def run() -> None:
        try:
            results.append(record_of(PATH_TIMEOUT, timeout=0.1))
            monkeypatch.undo()
            results.append(record_of(PATH_TIMEOUT, timeout=1.0))  # fast: no timeout
            end = time.monotonic() + 0.3  # no exception arrives late
            while time.monotonic() < end:
                pass
        except BaseException as exc:
            stray.append(exc)

    monkeypatch.setattr(worker, "analyze_bytes", _slow)
    started = time.monotonic()
    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    assert not stray and time.monotonic() - started < 1.5
    assert [r["status"] for r in results] == ["error", "ok"]
    assert results[0]["message"] == "time limit exceeded: over 0.1 s (--timeout)"

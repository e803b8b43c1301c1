"""The CLI as users meet it: exit codes, stdout/stderr, bad input, untrusted text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from golden import FIXTURES

from analyzer import __version__
from analyzer.cli import main

LAB = FIXTURES / "lab"


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out
    code, out, _ = run("--help")
    assert code == 0
    for command in ("parse", "analyze", "rules", "batch"):
        assert command in out


def test_parse_json_on_stdout_only() -> None:
    code, out, err = run("parse", "--format", "json", str(LAB / "path-timeout.txt"))
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert [b["command"] for b in doc["blocks"]] == ["ping", "ip_route", "ping", "traceroute"]


def test_parse_and_analyze_read_stdin() -> None:
    data = (LAB / "gateway-down.txt").read_bytes()
    code, out, _ = run("analyze", "--format", "json", "-", stdin=data)
    assert code == 0 and json.loads(out)["verdict"]["segment"] == "gateway"
    code, out, _ = run("parse", "--format", "json", stdin=data)
    assert code == 0 and json.loads(out)["blocks"]


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "ticket"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_format_and_language(fmt: str, lang: str) -> None:
    path = str(LAB / "l2-vlan-mismatch.txt")
    code, out, _ = run("analyze", "--format", fmt, "--lang", lang, path)
    assert code == 0 and out.strip()


def test_dest_option_changes_the_destination() -> None:
    code, out, _ = run("analyze", "--format", "json", "--dest", "192.0.2.1",
                       str(LAB / "path-timeout.txt"))
    assert code == 0
    assert json.loads(out)["hosts"][0]["destination"] == "192.0.2.1"


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (None, 2, "no such file"),
        (b"\x7fELF\x02\x01\x01\x00" * 64, 2, "binary"),
        (bytes(range(0x80, 0x100)) * 8, 2, "not text"),
        (b"", 1, "nothing analysable"),
        (b"hello, the network is broken, please help\n", 1, "nothing analysable"),
    ],
)
def test_bad_input_is_a_message_and_an_exit_code(tmp_path: Path, content: bytes | None,
                                                 code: int, message: str) -> None:
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    got, out, err = run("analyze", "--format", "json", str(path))
    assert got == code
    assert message in err and "Traceback" not in err
    assert out == ""


def test_parse_exit_code_when_nothing_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "prose.txt"
    path.write_text("it does not connect\n")
    code, out, err = run("parse", "--format", "json", str(path))
    assert code == 1 and json.loads(out)["blocks"] == [] and "no command output" in err


def test_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("analyze", str(tmp_path))
    assert code == 2 and "is a directory" in err


def test_unknown_rule_and_rule_doc() -> None:
    code, out, _ = run("rules", "L001")
    assert code == 0 and "gateway-unreachable-no-arp-neighbours" in out and "Why it matters" in out
    code, _, err = run("rules", "Z999")
    assert code == 2 and "no rule" in err


HOSTILE = (
    "\x1b[1;32m[root@client ~]#\x1b[0m ping -c 1 192.0.2.1\n"
    "PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.\n"
    "From 192.0.2.10 icmp_seq=1 Destination Host Unreachable\x1b]0;pwned\x07\n"
    "\n--- 192.0.2.1 ping statistics ---\n"
    "1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n"
)


@pytest.mark.parametrize("command", [("analyze",), ("parse", "--format", "text")])
def test_transcript_text_never_reaches_the_terminal_raw(command: tuple[str, ...]) -> None:
    code, out, _ = run(*command, stdin=HOSTILE.encode())
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    if command[0] == "analyze":
        # `[root@client ~]` would be a style tag to rich markup: it must show as typed
        assert "[root@client ~]#" in out

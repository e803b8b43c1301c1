"""The escalation request in `netblame analyze`: ticket, JSON, text and markdown."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner
from golden import FIXTURES

from analyzer.cli import main

LAB = FIXTURES / "lab"


def _run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["analyze", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_ticket_is_the_golden_and_counts_what_is_missing() -> None:
    code, out, err = _run("--format", "ticket", "--lang", "ja",
                          str(LAB / "l2-vlan-mismatch.txt"))
    assert code == 0
    golden = FIXTURES / "escalation" / "l2-vlan-mismatch.ticket.ja.txt"
    assert out == golden.read_text(encoding="utf-8")
    # location ×2, switch, destination name and address prefix
    assert err == "netblame: 必須項目が 5 件未記入です(【要記入】)。送信前に記入してください\n"


def test_ticket_without_escalation_says_so_and_notes_nothing() -> None:
    code, out, err = _run("--format", "ticket", str(LAB / "host-no-route.txt"))
    assert code == 0 and err == ""
    assert out.startswith("No request to the network team: the suspect is the host's own "
                          "configuration.")
    assert "- ip address show (on client)" in out


def test_json_escalation_object() -> None:
    code, out, _ = _run("--format", "json", str(LAB / "gateway-down.txt"))
    assert code == 0
    esc = json.loads(out)["escalation"]
    assert esc["kind"] == "gateway" and esc["escalate"] is True
    assert esc["message"] == ("same-segment servers are visible in `ip neigh show`, but the "
                              "default gateway does not answer ping")
    for item in esc["items"]:
        assert set(item) == {"key", "label", "value", "source_line", "status", "required",
                             "group", "section", "hint"}
        assert item["status"] in ("found", "missing")
        assert isinstance(item["required"], bool)
    gateway = next(i for i in esc["items"] if i["key"] == "source.gateway")
    assert (gateway["value"], gateway["source_line"], gateway["status"]) == ("192.0.2.1", 14,
                                                                            "found")


def test_text_and_markdown_end_with_the_request() -> None:
    _, text, _ = _run(str(LAB / "path-timeout.txt"))
    section = " ".join(text[text.index("Escalation request"):].split())  # unwrapped
    assert "Request: no ping reply from the destination, but the default gateway replies" \
        in section
    assert "line 22 │ Path from the source host to the destination (traceroute): 192.0.2.1 → " \
        "198.51.100.2 → (no reply at hops 3–30) [not reached]" in section
    assert "- Path from the destination back to the source host (traceroute) — run " \
        "`traceroute -n 192.0.2.10` on 203.0.113.10" in section
    assert "- Destination IP address (with prefix): 203.0.113.10 (line 3) — the prefix" in section
    _, md, _ = _run("--format", "markdown", "--lang", "ja", str(LAB / "path-timeout.txt"))
    part = md[md.index("### ネットワーク管理者への調査依頼"):]
    assert "**依頼内容:** 宛先からのping応答がないがデフォゲからのping応答はある" in part
    assert "- 送信元のIPアドレス: `192.0.2.10/24 (192.0.2.10 255.255.255.0, ens192)` (行 11)" \
        in part


def test_control_characters_of_the_paste_never_reach_the_ticket() -> None:
    paste = ("\x1b]0;pwned\x07[root@app01 ~]# ping -c 1 192.0.2.1\x1b[2J\n"
             "PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.\n\n"
             "--- 192.0.2.1 ping statistics ---\n"
             "1 packets transmitted, 0 received, 100% packet loss, time 0ms\n"
             "[root@app01 ~]# ip route show\n"
             "default via 192.0.2.1 dev eth0\x07\n"
             "[root@app01 ~]# ip neigh show\n"
             "192.0.2.1 dev eth0 FAILED\n")
    code, out, _ = _run("--format", "ticket", "-", stdin=paste)
    assert code == 0 and out.startswith("Investigation request: `ip neigh show`")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)

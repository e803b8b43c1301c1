"""The transcript reader: encodings, noise, prompts, hosts, and block boundaries."""

from __future__ import annotations

import codecs

import pytest
from golden import FIXTURES

from analyzer.errors import InputError
from analyzer.parse import parse_bytes
from analyzer.reader.clean import split_lines
from analyzer.reader.commands import parse_command
from analyzer.reader.decode import decode
from analyzer.reader.prompts import match_prompt
from analyzer.reader.segment import read_transcript

PING = """PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.
64 bytes from 192.0.2.1: icmp_seq=1 ttl=64 time=0.340 ms
64 bytes from 192.0.2.1: icmp_seq=2 ttl=64 time=0.422 ms

--- 192.0.2.1 ping statistics ---
2 packets transmitted, 2 received, 0% packet loss, time 1001ms
rtt min/avg/max/mdev = 0.340/0.381/0.422/0.041 ms
"""
ROUTE = """default via 192.0.2.1 dev ens192 proto static metric 100
192.0.2.0/24 dev ens192 proto kernel scope link src 192.0.2.123 metric 100
"""
NEIGH = """192.0.2.200 dev ens192 FAILED
192.0.2.10 dev ens192 lladdr 00:53:00:00:00:00 STALE
"""


def kinds(text: str | bytes) -> list[tuple[str, str | None, int, int]]:
    data = text.encode() if isinstance(text, str) else text
    result = parse_bytes(data)
    return [(b.kind, b.host, b.line_start, b.line_end) for b in result.blocks]


# ------------------------------------------------------------------ decoding

@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (PING.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + PING.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + PING.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + PING.encode("utf-16-be"), "utf-16"),
        (PING.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_decodings(data: bytes, encoding: str) -> None:
    text, used = decode(data)
    assert used == encoding
    assert text.replace("\ufeff", "") == PING


def test_cp932_fallback() -> None:
    text = "# 応答がない場合\n" + PING
    decoded, used = decode(text.encode("cp932"))
    assert used == "cp932"
    assert decoded == text


def test_binary_input_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 20)


def test_undecodable_text_is_refused() -> None:
    with pytest.raises(InputError, match="not text"):
        decode(bytes(range(0x80, 0x100)) * 8)


# ------------------------------------------------------------- line cleaning

def test_crlf_and_lone_cr_keep_line_numbers() -> None:
    lines = split_lines("a\r\nb\rc\nd")
    assert [(line.no, line.text) for line in lines] == [(1, "a"), (2, "b"), (3, "c"), (4, "d")]


def test_ansi_colours_removed() -> None:
    coloured = "\x1b[32m192.0.2.0/24\x1b[0m dev \x1b[36meth0\x1b[0m proto kernel"
    assert split_lines(coloured)[0].text == "192.0.2.0/24 dev eth0 proto kernel"


def test_quoting_and_common_indent_removed() -> None:
    quoted = "".join(f"> {line}\n" for line in ROUTE.splitlines())
    assert kinds(quoted) == [("ip_route", None, 1, 2)]
    nested = "".join(f">> {line}\n" for line in NEIGH.splitlines())
    assert kinds(nested) == [("ip_neigh", None, 1, 2)]
    indented = "".join(f"    {line}\n" for line in ROUTE.splitlines())
    assert kinds(indented) == [("ip_route", None, 1, 2)]


# ------------------------------------------------------------------- prompts

@pytest.mark.parametrize(
    ("line", "host", "command"),
    [
        ("$ ip r", None, "ip r"),
        ("# ip neigh show", None, "ip neigh show"),
        ("% ping -c 3 192.0.2.1", None, "ping -c 3 192.0.2.1"),
        ("[admin@web01 ~]$ ip a", "web01", "ip a"),
        ("[root@client ~]# ip route show", "client", "ip route show"),
        ("[root@db-02 /var/log]# ip n", "db-02", "ip n"),
        ("user@client:~$ traceroute -n 203.0.113.10", "client", "traceroute -n 203.0.113.10"),
        ("root@server:~# ip -4 a", "server", "ip -4 a"),
        ("client$ ping 192.0.2.1", "client", "ping 192.0.2.1"),
        ("router# ip route", "router", "ip route"),
        ("user@MacBook-Pro ~ % ping 192.0.2.1", "MacBook-Pro", "ping 192.0.2.1"),
        ("MacBook-Pro:~ user$ ping 192.0.2.1", "MacBook-Pro", "ping 192.0.2.1"),
        ("PS C:\\Users\\taro> ping 192.0.2.1", None, "ping 192.0.2.1"),
        ("C:\\Users\\taro>ping 192.0.2.1", None, "ping 192.0.2.1"),
        ("[2026-11-26 10:03:01] [root@client ~]# ip r", "client", "ip r"),
        ("(venv) user@web01:~$ ip r", "web01", "ip r"),
        ("(base) [root@db01 ~]# ip n", "db01", "ip n"),
        ("bash-5.1$ ping 192.0.2.1", None, "ping 192.0.2.1"),
        ("sh-4.2# ip r", None, "ip r"),
        ("web01:~ # ip r", "web01", "ip r"),
        ("/ # ping -c 1 192.0.2.1", None, "ping -c 1 192.0.2.1"),
        ("user@host ~> ping 192.0.2.1", "host", "ping 192.0.2.1"),
    ],
)
def test_prompts(line: str, host: str | None, command: str) -> None:
    prompt = match_prompt(line)
    assert prompt is not None
    assert prompt.host == host
    assert prompt.command == command


def test_prompt_timestamp_kept() -> None:
    prompt = match_prompt("[2026-11-26 10:03:01] [root@client ~]# ip r")
    assert prompt is not None and prompt.timestamp == "2026-11-26 10:03:01"


@pytest.mark.parametrize(
    ("command", "kind"),
    [
        ("ping 192.0.2.1", "ping"), ("ping6 2001:db8::1", "ping"), ("ping -4 -c 3 x", "ping"),
        ("sudo ping -c 4 192.0.2.1", "ping"), ("sudo -u root ping x", "ping"),
        ("ip r", "ip_route"), ("ip route show table main", "ip_route"),
        ("ip ro get 1.2.3.4", "ip_route"),
        ("ip n", "ip_neigh"), ("ip neigh show dev eth0", "ip_neigh"),
        ("ip -s neighbour", "ip_neigh"),
        ("ip a", "ip_addr"), ("ip addr show eth0", "ip_addr"), ("ip -4 a", "ip_addr"),
        ("ip -c address", "ip_addr"), ("ip link show", "ip_addr"),
        ("traceroute -n 203.0.113.10", "traceroute"), ("traceroute6 2001:db8::1", "traceroute"),
        ("ip route add default via 192.0.2.1", None), ("date", None), ("ls -l", None),
        ("LC_ALL=C ping x", "ping"),
    ],
)
def test_command_kinds(command: str, kind: str | None) -> None:
    assert parse_command(command).kind == kind


def test_command_keeps_options() -> None:
    assert parse_command("sudo ping -D -O -c 5 192.0.2.1").argv == (
        "ping", "-D", "-O", "-c", "5", "192.0.2.1")


# ------------------------------------------------------------------ segments

def test_two_hosts_in_one_paste() -> None:
    text = (
        "[root@client ~]# ip r\n" + ROUTE +
        "[root@server ~]# ip neigh\n" + NEIGH +
        "[root@client ~]# ping -c 2 192.0.2.1\n" + PING
    )
    assert [(k, h) for k, h, _, _ in kinds(text)] == [
        ("ip_route", "client"), ("ip_neigh", "server"), ("ping", "client")]


def test_output_without_prompts_by_shape() -> None:
    text = PING + "\n" + ROUTE + "\n" + NEIGH
    assert [k for k, *_ in kinds(text)] == ["ping", "ip_route", "ip_neigh"]


def test_two_pings_back_to_back_are_two_blocks() -> None:
    assert [k for k, *_ in kinds(PING + PING)] == ["ping", "ping"]


def test_ctrl_c_and_noise_between_blocks() -> None:
    text = (
        "$ date\nThu Nov 26 10:00:00 JST 2026\n"
        "$ ping 192.0.2.1\n" + PING.replace("\n--- ", "^C\n--- ", 1) +
        "$ ls\nnotes.txt\n\n$ ip r\n" + ROUTE
    )
    result = parse_bytes(text.encode())
    assert [b.kind for b in result.blocks] == ["ping", "ip_route"]
    assert [i.argv[0] for i in result.transcript.invocations] == ["date", "ping", "ls", "ip"]
    assert not result.unrecognised


def test_hostname_output_names_the_session() -> None:
    text = "$ hostname\nweb01\n$ ip r\n" + ROUTE
    assert kinds(text)[0][1] == "web01"


def test_truncated_block_keeps_what_is_there() -> None:
    text = "$ ping 192.0.2.1\n" + "\n".join(PING.splitlines()[:2]) + "\n$ ip r\n" + ROUTE
    assert [k for k, *_ in kinds(text)] == ["ping", "ip_route"]


def test_unrecognised_block_is_reported_and_rest_analysed() -> None:
    text = "$ ip neigh\nthis is not a neighbour table\nnor this\n$ ip r\n" + ROUTE
    result = parse_bytes(text.encode())
    assert [b.kind for b in result.blocks] == ["ip_route"]
    assert len(result.unrecognised) == 1
    bad = result.unrecognised[0]
    assert (bad.line_start, bad.line_end) == (1, 3)
    assert "ip_neigh" in bad.reason


def test_hash_is_prompt_comment_or_output() -> None:
    text = "# ip r\n" + ROUTE + "# 出力例\n# 192.0.2.200 dev ens192 FAILED\n"
    result = parse_bytes(text.encode())
    assert [(b.kind, b.line_start, b.line_end) for b in result.blocks] == [
        ("ip_route", 1, 3), ("ip_neigh", 5, 5)]


def test_the_guide_parses() -> None:
    guide = FIXTURES / "guide" / "troubleshooting-guide.ja.txt"
    result = parse_bytes(guide.read_bytes())
    assert not result.unrecognised
    shaped = [b for b in result.blocks if b.command is None]
    assert [b.kind for b in shaped] == ["ping", "ping", "ping", "ip_route", "ip_neigh", "ip_addr"]
    commands = [b.command for b in result.blocks if b.command]
    assert commands == ["ping 192.0.2.123", "ip route show", "ping 192.0.2.1", "ip neigh show",
                        "ip address show", "traceroute -n 192.0.2.1"]


def test_transcript_model_lines() -> None:
    t = read_transcript(b"$ ip r\n" + ROUTE.encode())
    assert t.text_of(2).startswith("default via")
    assert t.invocations[0].line == 1


def test_lines_wrapped_by_a_mail_client_are_joined() -> None:
    text = (
        "$ ping -c 2 192.0.2.1\n"
        "PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.\n"
        "64 bytes from 192.0.2.1: icmp_seq=1 ttl=64\n"
        "time=0.340 ms\n"
        "64 bytes from 192.0.2.1: icmp_seq=2 ttl=64 time=0.4\n"
        "22 ms\n"
        "\n--- 192.0.2.1 ping statistics ---\n"
        "2 packets transmitted, 2 received, 0% packet loss, time 1001ms\n"
    )
    block = parse_bytes(text.encode()).blocks[0]
    assert block.unparsed == ()
    replies = block.data.replies  # type: ignore[union-attr]
    assert [(r.line, r.seq, r.time_ms) for r in replies] == [(3, 1, 0.34), (5, 2, 0.422)]


def test_powershell_utf16_paste_end_to_end() -> None:
    text = (
        "PS C:\\Users\\taro> ping 203.0.113.10\r\n\r\n"
        "Pinging 203.0.113.10 with 32 bytes of data:\r\n"
        "Reply from 192.0.2.10: Destination host unreachable.\r\n"
        "Request timed out.\r\n\r\n"
        "Ping statistics for 203.0.113.10:\r\n"
        "    Packets: Sent = 2, Received = 1, Lost = 1 (50% loss),\r\n"
        "PS C:\\Users\\taro> ipconfig\r\n"
    )
    result = parse_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert result.transcript.encoding == "utf-16"
    (block,) = [b for b in result.blocks if b.kind == "ping"]
    assert (block.dialect, block.line_start, block.command) == (
        "windows-en", 1, "ping 203.0.113.10")
    assert block.data.replies == ()  # type: ignore[union-attr]
    assert [e.type for e in block.data.icmp_errors] == ["host_unreachable"]  # type: ignore[union-attr]


def test_mixed_language_mac_paste_end_to_end() -> None:
    text = (
        "お疲れ様です。Mac から DB に繋がりません。\n"
        "taro@MacBook-Pro ~ % ping -c 2 203.0.113.10\n"
        "PING 203.0.113.10 (203.0.113.10): 56 data bytes\n"
        "Request timeout for icmp_seq 0\n"
        "Request timeout for icmp_seq 1\n\n"
        "--- 203.0.113.10 ping statistics ---\n"
        "2 packets transmitted, 0 packets received, 100.0% packet loss\n"
        "以上です。\n"
    )
    result = parse_bytes(text.encode("utf-8"))
    (block,) = result.blocks
    assert (block.kind, block.dialect, block.host) == ("ping", "bsd", "MacBook-Pro")
    assert block.data.timeouts == (0, 1)  # type: ignore[union-attr]
    assert (block.line_start, block.line_end) == (2, 8)  # the prose after it is not in it
    assert not result.unrecognised


def test_a_programs_own_message_after_its_output_stays_in_its_block() -> None:
    """`traceroute: ...` after the hops is the program's (read, or reported as unread);
    prose and a bare prompt after the output are not the command's."""
    text = """\
[root@client ~]# traceroute -n -m 3 203.0.113.10
traceroute to 203.0.113.10 (203.0.113.10), 3 hops max, 60 byte packets
 1  192.0.2.1  0.120 ms  0.090 ms  0.080 ms
traceroute: some message no version printed before
that is all I see
[root@client ~]#
"""
    result = parse_bytes(text.encode())
    [block] = result.blocks
    assert (block.kind, block.line_start, block.line_end) == ("traceroute", 1, 4)
    assert block.unparsed == (4,)
    assert [line.no for line in result.transcript.blocks[0].lines] == [2, 3, 4]

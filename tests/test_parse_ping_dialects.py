"""The ping dialects besides C-locale iputils: macOS/FreeBSD (`bsd`), BusyBox, Windows in
English and Japanese, iputils in a Japanese locale. Each maps its output onto the same
`PingData` records as iputils, so the rules read every dialect alike.

Fixtures: fixtures/parse/ping_<dialect>/ (SOURCES.md in each says which are recorded,
copied from other projects, or `--synthetic`), and the ping parts of lab scenarios in
fixtures/dialects/ping/<dialect>/.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from pathlib import Path

import pytest

from analyzer.api import analyze_record
from analyzer.parse import ParsedBlock, parse_bytes
from analyzer.parsers import (
    ping,
    ping_bsd,
    ping_busybox,
    ping_iputils_ja,
    ping_windows_en,
    ping_windows_ja,
)
from analyzer.parsers.base import Parsed
from analyzer.parsers.registry import DIALECTS, choose_dialect, dialect_of_line
from analyzer.records import PingData, PingReply
from analyzer.transcript import Line

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
Parser = Callable[[Sequence[Line], Sequence[str]], Parsed[PingData]]
MODULES = {"bsd": ping_bsd, "busybox": ping_busybox, "windows-en": ping_windows_en,
           "windows-ja": ping_windows_ja, "iputils-ja": ping_iputils_ja}


def data(parse: Parser, text: str, argv: Sequence[str] = ()) -> PingData:
    """Parse `text` (its first line is input line 1); every line must be read."""
    lines = [Line(i, t) for i, t in enumerate(text.strip("\n").split("\n"), start=1)]
    result = parse(lines, argv)
    assert result.unparsed == (), result.unparsed
    return result.data


def blocks(path: Path) -> list[ParsedBlock]:
    """The blocks of a fixture: ping blocks only, nothing unrecognised."""
    result = parse_bytes(path.read_bytes())
    assert not result.unrecognised, result.unrecognised
    assert all(b.kind == "ping" for b in result.blocks)
    return list(result.blocks)


def ping_data(block: ParsedBlock) -> PingData:
    assert isinstance(block.data, PingData)
    return block.data


# ------------------------------------------------------- every fixture, every line

DIALECT_DIRS = {"ping_bsd": "bsd", "ping_busybox": "busybox", "ping_windows_en": "windows-en",
                "ping_windows_ja": "windows-ja", "ping_iputils_ja": "iputils-ja"}
PARSE_FIXTURES = sorted(p for d in DIALECT_DIRS for p in (FIXTURES / "parse" / d).glob("*.out"))


@pytest.mark.parametrize("path", PARSE_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_is_read_completely_by_its_dialect(path: Path) -> None:
    dialect = DIALECT_DIRS[path.parent.name]
    shape = MODULES[dialect].SHAPE
    for block in blocks(path):
        assert (block.dialect, block.unparsed) == (dialect, ())
        assert ping_data(block).target is not None
    text = path.read_bytes().decode("cp932" if "cp932" in path.name else "utf-8")
    command = text.lstrip().startswith(("$ ", "% ", "C:\\", "PS "))
    body = text.strip().splitlines()[1:] if command else text.splitlines()
    for line in body:
        assert not line.strip() or shape.match(line.strip()), line


def test_every_dialect_has_fixtures_of_both_kinds() -> None:
    names = {DIALECT_DIRS[p.parent.name] for p in PARSE_FIXTURES}
    assert names == set(MODULES)
    real = {DIALECT_DIRS[p.parent.name] for p in PARSE_FIXTURES if "synthetic" not in p.name}
    assert real == {"bsd", "busybox", "windows-en"}  # Japanese outputs: built from catalogues


def test_registry_lists_the_dialects_after_iputils() -> None:
    names = [d.name for d in DIALECTS if d.kind == "ping"]
    assert names[0] == "iputils"
    assert set(names[1:]) >= set(MODULES)


# ------------------------------------------------------------------- Windows

def test_windows_error_replies_are_not_received() -> None:
    d = data(ping_windows_en.parse, """\
Pinging 192.0.2.1 with 32 bytes of data:
Reply from 192.0.2.10: Destination host unreachable.
Reply from 192.0.2.10: Destination host unreachable.
Request timed out.
Reply from 192.0.2.10: Destination host unreachable.

Ping statistics for 192.0.2.1:
    Packets: Sent = 4, Received = 3, Lost = 1 (25% loss),
""")
    assert d.replies == ()
    assert (d.transmitted, d.received, d.received_reported, d.loss_percent) == (4, 0, 3, 100.0)
    assert [(e.seq, e.source, e.type) for e in d.icmp_errors] == [
        (1, "192.0.2.10", "host_unreachable"), (2, "192.0.2.10", "host_unreachable"),
        (4, "192.0.2.10", "host_unreachable")]
    assert (d.timeouts, d.timeout_lines) == ((3,), (4,))


def test_windows_counts_unchanged_without_error_replies() -> None:
    d = data(ping_windows_en.parse, """\
Pinging server.example [203.0.113.10] with 32 bytes of data:
Reply from 203.0.113.10: bytes=32 time=7ms TTL=55
Request timed out.

Ping statistics for 203.0.113.10:
    Packets: Sent = 2, Received = 1, Lost = 1 (50% loss),
Approximate round trip times in milli-seconds:
    Minimum = 7ms, Maximum = 7ms, Average = 7ms
""")
    assert (d.target, d.target_ip, d.payload_bytes) == ("server.example", "203.0.113.10", 32)
    assert (d.received, d.received_reported, d.loss_percent) == (1, 1, 50.0)
    assert (d.rtt_min_ms, d.rtt_avg_ms, d.rtt_max_ms, d.rtt_mdev_ms) == (7.0, 7.0, 7.0, None)
    assert [(r.seq, r.ttl, r.time_ms, r.bytes) for r in d.replies] == [(1, 55, 7.0, 32)]


def test_windows_less_than_1ms_is_the_bound_with_a_flag() -> None:
    d = data(ping_windows_en.parse, """\
Reply from 192.0.2.1: bytes=32 time<1ms TTL=64
Reply from 2001:db8::1: time<1ms
Reply from 2001:db8::1: time=3ms
""")
    assert [(r.source, r.time_ms, r.ttl, r.flags) for r in d.replies] == [
        ("192.0.2.1", 1.0, 64, ("time_less_than",)),
        ("2001:db8::1", 1.0, None, ("time_less_than",)),
        ("2001:db8::1", 3.0, None, ())]
    assert all(r.time_ms is not None for r in d.replies)


@pytest.mark.parametrize(("line", "kind"), [
    ("Reply from 198.51.100.2: Destination net unreachable.", "net_unreachable"),
    ("Reply from 198.51.100.6: Destination port unreachable.", "port_unreachable"),
    ("Reply from 198.51.100.6: Destination protocol unreachable.", "protocol_unreachable"),
    ("Reply from 198.51.100.2: TTL expired in transit.", "ttl_exceeded"),
    ("Reply from 198.51.100.2: Packet needs to be fragmented but DF set.", "frag_needed"),
    ("Destination host unreachable.", "host_unreachable"),
])
def test_windows_icmp_errors(line: str, kind: str) -> None:
    (error,) = data(ping_windows_en.parse, line).icmp_errors
    assert (error.type, error.seq) == (kind, 1)


@pytest.mark.parametrize(("line", "kind"), [
    ("PING: transmit failed. General failure.", "general_failure"),
    ("General failure.", "general_failure"),
    ("PING: transmit failed. Error code 1231.", "transmit_failed"),
    ("Packet needs to be fragmented but DF set.", "message_too_long"),
    ("Ping request could not find host db.example. Please check the name and try again.",
     "name_unknown"),
])
def test_windows_local_errors(line: str, kind: str) -> None:
    d = data(ping_windows_en.parse, line, ("ping", "-n", "4", "db.example"))
    assert [e.type for e in d.local_errors] == [kind]
    assert d.icmp_errors == () and d.target == "db.example"


def test_windows_control_c_and_options_before_or_after_the_target() -> None:
    d = data(ping_windows_en.parse, "Control-C\n^C", ("ping", "192.0.2.1", "-w", "500"))
    assert d.interrupted is True and d.target_ip == "192.0.2.1"
    assert data(ping_windows_en.parse, "^C", ("PING.EXE", "/n", "4", "x")).target == "x"


JA_WINDOWS = """\
192.0.2.1 に ping を送信しています 32 バイトのデータ:
192.0.2.1 からの応答: バイト数 =32 時間 =7ms TTL=55
192.0.2.1 からの応答: バイト数=32 時間 < 1ms TTL=55
要求がタイムアウトしました｡
192.0.2.10 からの応答: 宛先ホストに到達できません。
198.51.100.2 からの応答: 宛先ネットワークに到達できません。
198.51.100.2 からの応答: 転送中に TTL が期限切れになりました。
PING: 転送に失敗しました。一般エラーです。

192.0.2.1 の ping 統計:
\u3000\u3000パケット数: 送信 = 7、受信 = 5、損失 = 2 (28% の損失)、
ラウンド トリップの概算時間 (ミリ秒):
    最小 = 0ms, 最大 = 7ms, 平均 = 3ms
Ctrl+C
^C
"""


def test_windows_japanese() -> None:
    d = data(ping_windows_ja.parse, JA_WINDOWS)
    assert (d.target, d.header_line, d.stats_line, d.rtt_line) == ("192.0.2.1", 1, 11, 13)
    assert [(r.seq, r.time_ms, r.ttl, r.flags) for r in d.replies] == [
        (1, 7.0, 55, ()), (2, 1.0, 55, ("time_less_than",))]
    assert d.timeouts == (3,)
    assert [(e.seq, e.type, e.source) for e in d.icmp_errors] == [
        (4, "host_unreachable", "192.0.2.10"), (5, "net_unreachable", "198.51.100.2"),
        (6, "ttl_exceeded", "198.51.100.2")]
    assert [e.type for e in d.local_errors] == ["general_failure"]
    assert (d.transmitted, d.received, d.received_reported) == (7, 2, 5)
    assert d.loss_percent == pytest.approx(100 * 5 / 7)
    assert (d.rtt_min_ms, d.rtt_max_ms, d.rtt_avg_ms, d.interrupted) == (0.0, 7.0, 3.0, True)


def test_windows_japanese_name_not_found_and_hostname_header() -> None:
    d = data(ping_windows_ja.parse, "ping 要求ではホスト db.example が見つかりませんでした。"
             "ホスト名を確認してもう一度実行してください。", ("ping", "db.example"))
    assert [e.type for e in d.local_errors] == ["name_unknown"] and d.target == "db.example"
    d = data(ping_windows_ja.parse,
             "server.example [203.0.113.10]に ping を送信しています 32 バイトのデータ:")
    assert (d.target, d.target_ip) == ("server.example", "203.0.113.10")


def test_windows_japanese_cp932_fixture() -> None:
    (block,) = blocks(FIXTURES / "parse" / "ping_windows_ja" /
                      "win10-ja--cp932-crlf--synthetic.out")
    d = ping_data(block)
    assert (d.transmitted, d.received, d.timeouts) == (4, 3, (2,))


# ------------------------------------------------------------- macOS / FreeBSD

def test_macos_timeouts_and_icmp_error_with_header_dump() -> None:
    (block,) = blocks(FIXTURES / "parse" / "ping_bsd" /
                      "jc-osx-10.14.6--ping-ip-unreachable.out")
    d = ping_data(block)
    assert d.timeouts == (0, 1, 2, 3, 4, 5, 6)
    assert d.timeout_lines == (2, 3, 16, 17, 18, 31, 32)
    assert len(d.icmp_errors) == 6 and d.replies == ()
    first = d.icmp_errors[0]
    assert (first.line, first.source, first.source_name, first.type, first.seq) == (
        4, "192.168.1.220", "fgt1.attlocal.net", "host_unreachable", None)
    assert (d.transmitted, d.received, d.loss_percent, d.errors) == (8, 0, 100.0, None)


def test_bsd_replies_statistics_and_ping6() -> None:
    d = data(ping_bsd.parse, """\
PING6(56=40+8+8 bytes) 2001:db8:10::10 --> 2001:db8:10::1
16 bytes from 2001:db8:10::1, icmp_seq=0 hlim=64 time=0.302 ms
16 bytes from 2001:db8:10::1, icmp_seq=0 hlim=64 time=0.402 ms (DUP!)

--- 2001:db8:10::1 ping6 statistics ---
1 packets transmitted, 1 packets received, +1 duplicates, 0.0% packet loss
round-trip min/avg/max/std-dev = 0.302/0.352/0.402/0.050 ms
""")
    assert (d.target_ip, d.family, d.payload_bytes, d.packet_bytes, d.source_ip) == (
        "2001:db8:10::1", 6, 8, 56, "2001:db8:10::10")
    assert [(r.seq, r.ttl, r.time_ms, r.duplicate) for r in d.replies] == [
        (0, 64, 0.302, False), (0, 64, 0.402, True)]
    assert (d.transmitted, d.received, d.duplicates, d.loss_percent) == (1, 1, 1, 0.0)
    assert d.rtt_mdev_ms == 0.05


@pytest.mark.parametrize(("message", "kind", "mtu", "nexthop"), [
    ("Destination Net Unreachable", "net_unreachable", None, None),
    ("Destination Port Unreachable", "port_unreachable", None, None),
    ("Communication prohibited by filter", "admin_prohibited", None, None),
    ("Time to live exceeded", "ttl_exceeded", None, None),
    ("frag needed and DF set (MTU 1400)", "frag_needed", 1400, None),
    ("Redirect Host(New addr: 192.0.2.2)", "redirect_host", None, "192.0.2.2"),
    ("No Route to Destination", "no_route", None, None),
    ("Packet too big mtu = 1280", "frag_needed", 1280, None),
    ("Dest Unreachable, Bad Code: 14", "unreachable", None, None),
])
def test_bsd_icmp_errors(message: str, kind: str, mtu: int | None, nexthop: str | None) -> None:
    d = data(ping_bsd.parse, f"""\
92 bytes from 198.51.100.2: {message}
Vr HL TOS  Len   ID Flg  off TTL Pro  cks      Src      Dst
 4  5  00 5400 8c1f   0 0000  3f  01 c3f4 192.0.2.10  203.0.113.10
""")
    (error,) = d.icmp_errors
    assert (error.source, error.type, error.mtu, error.nexthop) == (
        "198.51.100.2", kind, mtu, nexthop)


@pytest.mark.parametrize(("line", "kind", "syscall"), [
    ("ping: sendto: No route to host", "host_unreachable", "sendto"),
    ("ping: sendto: Network is unreachable", "network_unreachable", "sendto"),
    ("ping: sendto: Network is down", "network_down", "sendto"),
    ("ping: sendto: Host is down", "host_is_down", "sendto"),
    ("ping: sendto: Can't assign requested address", "cannot_assign_address", "sendto"),
    ("ping: cannot resolve db.example: Unknown host", "name_unknown", None),
    ("ping6: UDP connect: No route to host", "host_unreachable", "connect"),
])
def test_bsd_local_errors(line: str, kind: str, syscall: str | None) -> None:
    d = data(ping_bsd.parse, line, ("ping", "-c", "3", "db.example"))
    assert [(e.type, e.syscall) for e in d.local_errors] == [(kind, syscall)]
    assert d.target == "db.example" and d.interrupted is False


# ------------------------------------------------------------------- BusyBox

def test_busybox_seq_and_statistics() -> None:
    (block,) = blocks(FIXTURES / "parse" / "ping_busybox" / "lab--interrupted.out")
    d = ping_data(block)
    assert [r.seq for r in d.replies] == [0, 1, 2, 3]
    assert all(r.ttl == 61 and r.source == "203.0.113.10" for r in d.replies)
    assert (d.transmitted, d.received, d.loss_percent, d.interrupted) == (4, 4, 0.0, True)
    assert d.rtt_min_ms is not None and d.rtt_mdev_ms is None and d.errors is None


def test_busybox_lines() -> None:
    d = data(ping_busybox.parse, """\
PING 192.0.2.1 (192.0.2.1): 56 data bytes
64 bytes from 192.0.2.1: seq=0 ttl=64 time=0.083 ms
64 bytes from 192.0.2.1: seq=0 ttl=64 time=0.091 ms (DUP!)

--- 192.0.2.1 ping statistics ---
1 packets transmitted, 1 packets received, 1 duplicates, 0% packet loss
round-trip min/avg/max = 0.083/0.087/0.091 ms
""")
    assert [(r.seq, r.duplicate) for r in d.replies] == [(0, False), (0, True)]
    assert (d.duplicates, d.rtt_max_ms) == (1, 0.091)
    d = data(ping_busybox.parse, "ping: bad address 'db.example'",
             ("ping", "-c", "4", "-W", "1", "db.example"))
    assert [e.type for e in d.local_errors] == ["name_unknown"] and d.target == "db.example"
    d = data(ping_busybox.parse, "PING 203.0.113.10 (203.0.113.10): 56 data bytes\n"
             "ping: sendto: Network unreachable")  # musl's text
    assert [e.type for e in d.local_errors] == ["network_unreachable"]
    assert d.interrupted is False


# ------------------------------------------------------------- iputils, Japanese

def test_iputils_japanese_lines() -> None:
    d = data(ping_iputils_ja.parse, """\
PING 192.0.2.1 (192.0.2.1) 56(84) バイトのデータ
64 バイト応答 送信元 192.0.2.1: icmp_seq=1 ttl=64 時間=0.340 ミリ秒
64 バイト応答 送信元 192.0.2.1: icmp_seq=2 ttl=64 時間=0.34ミリ秒 (重複!)
icmp_seq=3 が未応答です
送信元 192.0.2.10 icmp_seq=4 目的のホストへ届きません
送信元 198.51.100.2 icmp_seq=5 目的のネットワークへ届きません。
^C
--- 192.0.2.1 ping 統計 ---
送信パケット数 5, 受信パケット数 1, +1 重複, +2 エラー, パケット損失 80%, 時間 3999ミリ秒
rtt 最小/平均/最大/mdev = 0.340/0.340/0.340/0.000ミリ秒, pipe 2
""")
    assert (d.target_ip, d.payload_bytes, d.packet_bytes) == ("192.0.2.1", 56, 84)
    assert [(r.seq, r.time_ms, r.duplicate) for r in d.replies] == [(1, 0.34, False),
                                                                     (2, 0.34, True)]
    assert d.timeouts == (3,)
    assert [(e.seq, e.source, e.type) for e in d.icmp_errors] == [
        (4, "192.0.2.10", "host_unreachable"), (5, "198.51.100.2", "net_unreachable")]
    assert (d.transmitted, d.received, d.duplicates, d.errors, d.loss_percent) == (
        5, 1, 1, 2, 80.0)
    assert (d.time_total_ms, d.rtt_min_ms, d.pipe, d.interrupted) == (3999.0, 0.34, 2, True)


@pytest.mark.parametrize(("message", "kind", "mtu", "nexthop"), [
    ("目的のポートへ届きません。", "port_unreachable", None, None),
    ("パケットがフィルタリングされました。", "admin_prohibited", None, None),
    ("TTLを超過しました。", "ttl_exceeded", None, None),
    ("断片化が必要ですがDFフラグがセットされています (mtu = 1400)。", "frag_needed", 1400, None),
    ("ホストのリダイレクト(新しい次ホップ: 192.0.2.2)", "redirect_host", None, "192.0.2.2"),
    ("目的地へ届きません: 経路がありません", "no_route", None, None),
    ("目的地へ届きません: 管理上禁止されています。", "admin_prohibited", None, None),
    ("パケットが大きすぎます: mtu=1280", "frag_needed", 1280, None),
    ("時間超過です: ホップの上限", "ttl_exceeded", None, None),
])
def test_iputils_japanese_icmp_errors(message: str, kind: str, mtu: int | None,
                                      nexthop: str | None) -> None:
    (error,) = data(ping_iputils_ja.parse, f"送信元 198.51.100.2 icmp_seq=1 {message}").icmp_errors
    assert (error.seq, error.source, error.type, error.mtu, error.nexthop) == (
        1, "198.51.100.2", kind, mtu, nexthop)


@pytest.mark.parametrize(("line", "kind"), [
    ("ping: connect: ネットワークに届きません", "network_unreachable"),
    ("ping: connect: ネットワークに到達できません", "network_unreachable"),
    ("ping: sendmsg: 許可されていない操作です", "operation_not_permitted"),
    ("ping: db.example: 名前またはサービスが不明です", "name_unknown"),
    ("ping: db.example: 名前解決に一時的に失敗しました", "name_temporary_failure"),
    ("ping: 内部エラー: メッセージが長すぎます: mtu=1400", "message_too_long"),
    ("ping: ブロードキャストpingを行う場合は -b オプション、違う場合はファイアウォールを"
     "確認してください", "broadcast_or_firewall"),
])
def test_iputils_japanese_local_errors(line: str, kind: str) -> None:
    d = data(ping_iputils_ja.parse, line, ("ping", "-c", "2", "db.example"))
    assert [e.type for e in d.local_errors] == [kind] and d.target == "db.example"


def _without_texts(d: PingData) -> PingData:
    """The record with the translated message texts blanked."""
    return replace(d, icmp_errors=tuple(replace(e, message="") for e in d.icmp_errors),
                   local_errors=tuple(replace(e, message="") for e in d.local_errors))


JA_TRANSLATED = sorted((FIXTURES / "parse" / "ping_iputils_ja").glob("lab-ja--*.out"))


@pytest.mark.parametrize("path", JA_TRANSLATED, ids=lambda p: p.name)
def test_iputils_japanese_reads_like_the_c_locale_original(path: Path) -> None:
    """Each `lab-ja--X` is the recorded `ping/lab--X` with iputils' and glibc's Japanese
    texts: both read into the same records."""
    original = FIXTURES / "parse" / "ping" / path.name.replace("lab-ja--", "lab--").replace(
        "--synthetic", "")
    (ja,) = blocks(path)
    (c,) = blocks(original)
    assert _without_texts(ping_data(ja)) == _without_texts(ping_data(c))


# ------------------------------------------------------------- decimal commas

@pytest.mark.parametrize(("parse", "text"), [
    (ping_bsd.parse, "64 bytes from 192.0.2.1: icmp_seq=0 ttl=64 time=0,340 ms\n"
                     "1 packets transmitted, 1 packets received, 0,0% packet loss\n"
                     "round-trip min/avg/max/stddev = 0,340/0,402/0,450/0,041 ms"),
    (ping_busybox.parse, "64 bytes from 192.0.2.1: seq=0 ttl=64 time=0,340 ms\n"
                         "1 packets transmitted, 1 packets received, 0% packet loss\n"
                         "round-trip min/avg/max = 0,340/0,402/0,450 ms"),
    (ping_windows_en.parse, "Reply from 192.0.2.1: bytes=32 time=0,340ms TTL=64\n"
                            "Packets: Sent = 1, Received = 1, Lost = 0 (0,0% loss),\n"
                            "Minimum = 0,340ms, Maximum = 0,450ms, Average = 0,402ms"),
    (ping_windows_ja.parse, "192.0.2.1 からの応答: バイト数 =32 時間 =0,340ms TTL=64\n"
                            "パケット数: 送信 = 1、受信 = 1、損失 = 0 (0,0% の損失)、\n"
                            "最小 = 0,340ms、最大 = 0,450ms、平均 = 0,402ms"),
    (ping_iputils_ja.parse, "64 バイト応答 送信元 192.0.2.1: icmp_seq=1 ttl=64 時間=0,340ミリ秒\n"
                            "送信パケット数 1, 受信パケット数 1, パケット損失 0,0%, 時間 0ミリ秒\n"
                            "rtt 最小/平均/最大/mdev = 0,340/0,402/0,450/0,041ミリ秒"),
])
def test_decimal_commas(parse: Parser, text: str) -> None:
    d = data(parse, text)
    assert d.replies[0].time_ms == 0.34
    assert (d.rtt_min_ms, d.rtt_max_ms, d.loss_percent) == (0.34, 0.45, 0.0)


# ------------------------------------------------------------- choosing the dialect

@pytest.mark.parametrize(("text", "dialect"), [
    ("PING 192.0.2.1 (192.0.2.1): 56 data bytes\nRequest timeout for icmp_seq 0", "bsd"),
    ("PING 192.0.2.1 (192.0.2.1): 56 data bytes\n"
     "64 bytes from 192.0.2.1: seq=0 ttl=64 time=0.083 ms", "busybox"),
    ("PING 192.0.2.1 (192.0.2.1): 56 data bytes\nping: sendto: Network is unreachable",
     "busybox"),
    ("ping: cannot resolve db.example: Unknown host", "bsd"),
    ("Pinging 192.0.2.1 with 32 bytes of data:\nRequest timed out.\n^C", "windows-en"),
    ("要求がタイムアウトしました。\n要求がタイムアウトしました。", "windows-ja"),
    ("ping: db.example: 名前またはサービスが不明です", "iputils-ja"),
    ("PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.\n"
     "64 bytes from 192.0.2.1: icmp_seq=1 ttl=64 time=0.083 ms", "iputils"),
])
def test_output_without_a_command_line_goes_to_its_dialect(text: str, dialect: str) -> None:
    (block,) = parse_bytes(text.encode()).blocks
    assert (block.kind, block.dialect) == ("ping", dialect)


@pytest.mark.parametrize(("line", "dialect"), [
    ("ping: cannot resolve db.example: Unknown host", "bsd"),
    ("ping: bad address 'db.example'", "busybox"),
    ("Ping request could not find host db.example. Please check the name and try again.",
     "windows-en"),
    ("ping 要求ではホスト db.example が見つかりませんでした。ホスト名を確認してもう一度実行して"
     "ください。", "windows-ja"),
    ("ping: db.example: 名前またはサービスが不明です", "iputils-ja"),
])
def test_name_resolution_failure_without_a_command_line(line: str, dialect: str) -> None:
    (block,) = parse_bytes(line.encode()).blocks
    d = ping_data(block)
    assert (block.dialect, d.target, d.target_ip, d.interrupted) == (
        dialect, "db.example", None, False)
    assert [e.type for e in d.local_errors] == ["name_unknown"]


@pytest.mark.parametrize("line", [
    "Reply from 192.0.2.1: bytes=32 time<1ms TTL=64", "Request timed out.",
    "Ping statistics for 192.0.2.1:", "64 bytes from 192.0.2.1: seq=0 ttl=64 time=0.1 ms",
    "PING 192.0.2.1 (192.0.2.1): 56 data bytes", "round-trip min/avg/max = 0.1/0.2/0.3 ms",
    "3 packets transmitted, 3 packets received, 0.0% packet loss",
    "16 bytes from ::1, icmp_seq=0 hlim=64 time=0.036 ms",
    "ping: x: 名前またはサービスが不明です", "PING 192.0.2.1 (192.0.2.1) 56(84) バイトのデータ",
])
def test_iputils_shape_leaves_other_dialects_lines_alone(line: str) -> None:
    assert not ping.SHAPE.match(line)
    found = dialect_of_line(line)
    assert found is not None and found.name != "iputils"


def test_choose_dialect_by_lines_matched() -> None:
    path = FIXTURES / "parse" / "ping_bsd" / "jc-osx-10.14.6--ping-hostname.out"
    lines = [Line(i, t) for i, t in enumerate(path.read_text().splitlines(), start=1)]
    assert choose_dialect("ping", lines, "ping").name == "bsd"


def test_records_keep_their_contract_fields() -> None:
    names = {f.name for f in fields(PingData)}
    assert {"target", "target_ip", "transmitted", "received", "errors", "duplicates",
            "loss_percent", "rtt_min_ms", "rtt_avg_ms", "rtt_max_ms", "rtt_mdev_ms",
            "replies", "icmp_errors", "timeouts", "interrupted", "received_reported"} <= names
    assert {f.name for f in fields(PingReply)} >= {"seq", "source", "ttl", "time_ms", "flags"}


# ------------------------------------------------- lab scenarios, dialect by dialect

def _manifest(dialect: str) -> list[tuple[str, Path, str]]:
    folder = FIXTURES / "dialects" / "ping" / dialect
    mapping: dict[str, str] = json.loads((folder / "scenarios.json").read_text())
    return [(dialect, folder / name, scenario) for name, scenario in sorted(mapping.items())]


SCENARIOS = [pytest.param(*case, id=f"{case[0]}/{case[2]}")
             for d in MODULES for case in _manifest(d)]


def _verdict(text: str) -> tuple[str, str]:
    record = analyze_record(text.encode())
    assert record is not None
    return record["verdict"]["segment"], record["verdict"]["rule"]


def _splice(linux: str, other: str) -> str:
    """The Linux lab transcript with each ping (command and output) replaced by the other
    dialect's ping of the same target, behind the Linux prompt; all else unchanged."""
    mine, theirs = parse_bytes(linux.encode()), parse_bytes(other.encode())
    pings = [b for b in mine.blocks if b.kind == "ping"]
    others = [b for b in theirs.blocks if b.kind == "ping"]
    assert [ping_data(b).target_ip for b in pings] == [ping_data(b).target_ip for b in others]
    lines, other_lines = linux.split("\n"), other.split("\n")
    out: list[str] = []
    done = 0
    for block, repl in zip(pings, others, strict=True):
        inv = next(i for i in mine.transcript.invocations if i.line == block.line_start)
        out += lines[done:inv.line - 1]
        out.append(f"{inv.prompt} {repl.command}")
        out += other_lines[repl.line_start:repl.line_end]
        done = block.line_end
    return "\n".join(out + lines[done:])


@pytest.mark.parametrize(("dialect", "path", "scenario"), SCENARIOS)
def test_lab_scenario_gives_the_linux_verdict(dialect: str, path: Path, scenario: str) -> None:
    """The Linux lab transcript with its pings replaced by this dialect's gives the same
    verdict: the rules read the dialect's records as they read iputils'."""
    assert {b.dialect for b in blocks(path)} == {dialect}
    linux = (FIXTURES / "lab" / f"{scenario}.txt").read_text(encoding="utf-8")
    assert _verdict(_splice(linux, path.read_text(encoding="utf-8"))) == _verdict(linux)

"""The traceroute dialects besides Linux traceroute 2.x: BSD (macOS, FreeBSD) and BusyBox
traceroute, Windows `tracert` in English and Japanese, iputils `tracepath`, `mtr --report`.
Each maps its output onto the same `TracerouteData` records, so the rules read every
dialect alike.

Fixtures: fixtures/parse/<grammar>/ (SOURCES.md in each says which are recorded, copied
from other projects, or `--synthetic`), and the traceroute parts of lab scenarios in
fixtures/dialects/traceroute/<dialect>/.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from analyzer.api import analyze_record
from analyzer.parse import ParsedBlock, parse_bytes
from analyzer.parsers import (
    mtr,
    tracepath,
    traceroute,
    traceroute_bsd,
    traceroute_busybox,
    tracert,
    tracert_ja,
)
from analyzer.parsers.base import Parsed
from analyzer.parsers.registry import DIALECTS, dialect_of_line
from analyzer.records import TraceHop, TracerouteData
from analyzer.transcript import Line

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
Parser = Callable[[Sequence[Line], Sequence[str]], Parsed[TracerouteData]]
# grammar (fixtures/parse/<grammar>/) → dialect
GRAMMARS = {"traceroute_bsd": "bsd", "traceroute_busybox": "busybox", "tracert": "windows-en",
            "tracert_ja": "windows-ja", "tracepath": "tracepath", "mtr": "mtr"}


def data(parse: Parser, text: str, argv: Sequence[str] = ()) -> TracerouteData:
    """Parse `text` (its first line is input line 1); every line must be read."""
    lines = [Line(i, t) for i, t in enumerate(text.strip("\n").split("\n"), start=1)]
    result = parse(lines, argv)
    assert result.unparsed == (), result.unparsed
    return result.data


def hop_ips(hop: TraceHop) -> list[str | None]:
    return [p.ip for p in hop.probes]


def hop_rtts(hop: TraceHop) -> list[float | None]:
    return [p.rtt_ms for p in hop.probes]


def hop_notes(hop: TraceHop) -> list[str | None]:
    return [p.annotation for p in hop.probes]


def blocks(path: Path) -> list[ParsedBlock]:
    result = parse_bytes(path.read_bytes())
    assert not result.unrecognised, result.unrecognised
    return list(result.blocks)


# ------------------------------------------------------- every fixture, every line

PARSE_FIXTURES = sorted(p for g in GRAMMARS for p in (FIXTURES / "parse" / g).glob("*.out"))


@pytest.mark.parametrize("path", PARSE_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture_is_read_completely_by_its_dialect(path: Path) -> None:
    found = blocks(path)
    assert found
    assert {b.dialect for b in found} == {GRAMMARS[path.parent.name]}
    for block in found:
        assert block.unparsed == ()
        d = block.data
        assert isinstance(d, TracerouteData)
        assert d.hops or d.local_errors, "neither hops nor an error"
        for hop in d.hops:
            assert hop.probes
            for probe in hop.probes:
                # an answered probe has an RTT, except the one tracert shows with its error
                # and the further addresses of an mtr hop (statistics are per hop)
                if probe.ip is None:
                    assert probe.rtt_ms is None and probe.annotation is None
                elif probe.rtt_ms is None:
                    assert block.dialect in {"windows-en", "windows-ja", "mtr"}


def test_every_dialect_has_fixtures() -> None:
    for grammar in GRAMMARS:
        assert list((FIXTURES / "parse" / grammar).glob("*.out")), grammar
        assert (FIXTURES / "parse" / grammar / "SOURCES.md").exists(), grammar


def test_registry_lists_the_dialects_after_linux_traceroute() -> None:
    names = [d.name for d in DIALECTS if d.kind == "traceroute"]
    assert names == ["linux-traceroute", "bsd", "busybox", "windows-en", "windows-ja",
                     "tracepath", "mtr"]
    assert {d.module for d in DIALECTS if d.kind == "traceroute"} == {"traceroute", *GRAMMARS}


# -------------------------------------------------------------------------- BSD

def test_bsd_header_warning_and_further_addresses() -> None:
    d = data(traceroute_bsd.parse, (FIXTURES / "parse" / "traceroute_bsd"
                                    / "jc--freebsd12-traceroute.out").read_text())
    assert (d.target, d.target_ip, d.max_hops, d.packet_bytes) == ("8.8.8.8", "8.8.8.8", 64, 40)
    seven, eight, nine = d.hops[6:9]
    assert (seven.line, seven.ttl) == (8, 7)
    assert hop_ips(seven) == ["12.255.10.226", "12.255.10.224", "12.255.10.224"]
    assert hop_rtts(eight) == [None, 29.376, None]
    assert hop_ips(nine) == ["8.8.8.8", "209.85.252.251", "108.170.237.23"]
    assert [p.name for p in nine.probes] == ["dns.google", None, None]


def test_bsd_traceroute6_from_and_multiple_addresses_warning() -> None:
    d = data(traceroute_bsd.parse, (FIXTURES / "parse" / "traceroute_bsd"
                                    / "jc--osx-10.14.6-traceroute6-multi-address.out").read_text())
    assert (d.target_ip, d.family, d.max_hops, d.packet_bytes) == ("2a04:4e42:200::323", 6, 5, 12)
    assert d.header_line == 2
    assert [(w.line, w.type) for w in d.warnings] == [(1, "multiple_addresses")]
    assert d.local_errors == ()
    assert [hop_ips(h) for h in d.hops[:2]] == [
        [None, None, None], ["2001:506:6000:11b:71:156:212:143"] * 3]


def test_bsd_as_numbers_and_annotations() -> None:
    d = data(traceroute_bsd.parse, """
traceroute to 203.0.113.10 (203.0.113.10), 64 hops max, 52 byte packets
 1  [AS64496] gw-c.example (192.0.2.1)  0.511 ms  0.384 ms  0.370 ms
 4  198.51.100.6  1.121 ms !X  1.002 ms !X  0.979 ms !X
""")
    assert [(p.ip, p.name) for p in d.hops[0].probes] == [("192.0.2.1", "gw-c.example")] * 3
    assert hop_notes(d.hops[1]) == ["!X", "!X", "!X"]


@pytest.mark.parametrize(("header", "dialect"), [
    ("traceroute to x (203.0.113.10), 64 hops max, 52 byte packets", "bsd"),  # macOS
    ("traceroute to x (203.0.113.10), 64 hops max, 40 byte packets", "bsd"),  # FreeBSD
    ("traceroute6 to x (2001:db8::1) from 2001:db8::2, 64 hops max, 12 byte packets", "bsd"),
    ("traceroute to x (203.0.113.10), 8 hops max, 46 byte packets", "busybox"),
    ("traceroute to x (203.0.113.10) from 192.0.2.10, 8 hops max, 46 byte packets", "busybox"),
    ("traceroute to x (2001:db8::1), 8 hops max, 72 byte packets", "busybox"),
    ("traceroute to x (203.0.113.10), 30 hops max, 60 byte packets", "linux-traceroute"),
    ("traceroute to x (2001:db8::1), 30 hops max, 80 byte packets", "linux-traceroute"),
    ("traceroute to x (203.0.113.10), 30 hops max, 72 byte packets", "linux-traceroute"),
])
def test_the_header_tells_the_traceroutes_apart(header: str, dialect: str) -> None:
    shapes = {d.name: d.shape for d in DIALECTS if d.kind == "traceroute"}
    matching = {name for name, shape in shapes.items() if shape.match(header)}
    assert matching == {dialect}
    text = f"$ traceroute x\n{header}\n 1  192.0.2.1  0.5 ms  0.4 ms  0.4 ms\n"
    assert [b.dialect for b in parse_bytes(text.encode()).blocks] == [dialect]


def test_output_cut_above_its_header_reads_as_linux_traceroute() -> None:
    text = " 1  dsldevice (192.168.1.254)  11.415 ms  3.934 ms  3.286 ms\n 3  * * *\n"
    assert [b.dialect for b in parse_bytes(text.encode()).blocks] == ["linux-traceroute"]


# ---------------------------------------------------------------------- BusyBox

def test_busybox_two_spaces_around_stars_and_admin_prohibited() -> None:
    d = data(traceroute_busybox.parse, """
traceroute to 203.0.113.10 (203.0.113.10), 8 hops max, 46 byte packets
 3  198.51.100.6  0.001 ms  *  0.008 ms
 4  198.51.100.6  0.000 ms !A  0.000 ms !A  0.001 ms !A
 5  *  *  *
""")
    assert hop_rtts(d.hops[0]) == [0.001, None, 0.008]
    assert hop_notes(d.hops[1]) == ["!A"] * 3
    assert hop_ips(d.hops[2]) == [None, None, None]
    assert d.packet_bytes == 46


@pytest.mark.parametrize(("line", "kind", "syscall"), [
    ("traceroute: bad address 'nosuch.invalid'", "name_unknown", None),
    ("traceroute: can't connect to remote host (203.0.113.10): Network is unreachable",
     "network_unreachable", "connect"),
    ("traceroute6: can't connect to remote host: Network is unreachable",
     "network_unreachable", "connect"),
])
def test_busybox_errors(line: str, kind: str, syscall: str | None) -> None:
    d = data(traceroute_busybox.parse, line, ("traceroute", "-n", "203.0.113.10"))
    assert [(e.line, e.type, e.syscall, e.message) for e in d.local_errors] == [
        (1, kind, syscall, line)]
    assert d.target == "203.0.113.10"
    text = f"{line}\n".encode()
    assert [b.dialect for b in parse_bytes(text).blocks] == ["busybox"]


# -------------------------------------------------------------------- tracert

TRACERT = """
Tracing route to server.example [203.0.113.10]
over a maximum of 30 hops:

  1    <1 ms    <1 ms    <1 ms  gw-c.example [192.0.2.1]
  2     1 ms     *       12 ms  198.51.100.2
  3     *        *        *     Request timed out.
  4     *     198.51.100.6  reports: Destination host unreachable.

Trace complete.
"""


def test_tracert_hops_and_less_than_one_millisecond() -> None:
    d = data(tracert.parse, TRACERT)
    assert (d.target, d.target_ip, d.family, d.max_hops, d.header_line) == (
        "server.example", "203.0.113.10", 4, 30, 1)
    one, two, three, four = d.hops
    assert [(p.ip, p.name, p.rtt_ms) for p in one.probes] == [
        ("192.0.2.1", "gw-c.example", 0.0)] * 3  # `<1 ms`: a measured 0, never None
    assert hop_rtts(two) == [1.0, None, 12.0]
    assert hop_ips(two) == ["198.51.100.2", None, "198.51.100.2"]
    assert (three.line, hop_ips(three)) == (6, [None, None, None])
    assert hop_ips(four) == [None, "198.51.100.6"]
    assert hop_notes(four) == [None, "!H"]
    assert hop_rtts(four) == [None, None]  # tracert prints no RTT with an error


@pytest.mark.parametrize(("message", "annotation"), [
    ("Destination net unreachable.", "!N"),
    ("Destination host unreachable.", "!H"),
    ("Destination protocol unreachable.", "!P"),
    ("Communication with destination administratively prohibited.", "!X"),
    ("Packet needs to be fragmented but DF flag is set.", "!F"),
    ("Invalid source route specified.", "!S"),
    ("Destination port unreachable.", None),
])
def test_tracert_reports_become_annotations(message: str, annotation: str | None) -> None:
    d = data(tracert.parse, f"  2  198.51.100.2  reports: {message}")
    assert [(p.ip, p.annotation) for p in d.hops[0].probes] == [("198.51.100.2", annotation)]


def test_tracert_address_target_on_one_line_and_options() -> None:
    d = data(tracert.parse, "Tracing route to 2001:db8:20::10 over a maximum of 8 hops\n"
             "  1    <1 ms    <1 ms    <1 ms  2001:db8:10::1", ("tracert", "-d", "-h", "8", "x"))
    assert (d.target, d.target_ip, d.family, d.max_hops) == (
        "2001:db8:20::10", "2001:db8:20::10", 6, 8)
    d = data(tracert.parse, "  1    <1 ms    <1 ms    <1 ms  192.0.2.1",
             ("tracert", "/d", "/h", "5", "203.0.113.10"))
    assert (d.target, d.target_ip, d.max_hops, d.header_line) == (
        "203.0.113.10", "203.0.113.10", 5, None)


@pytest.mark.parametrize(("line", "kind"), [
    ("  1  Transmit error: code 1231.", "network_unreachable"),
    ("  1  Transmit error: code 1232.", "host_unreachable"),
    ("  1  Transmit error: code 65.", "network_access_denied"),
    ("  1  Transmit error: code 1168.", "transmit_error"),
    ("  1  General failure.", "general_failure"),
    ("Unable to resolve target system name nosuch.invalid.", "name_unknown"),
])
def test_tracert_local_errors(line: str, kind: str) -> None:
    d = data(tracert.parse, line)
    assert [(e.line, e.type) for e in d.local_errors] == [(1, kind)]
    assert d.hops == ()


def test_tracert_control_c() -> None:
    d = data(tracert.parse, "  1    <1 ms    <1 ms    <1 ms  192.0.2.1\n  2     *     ^C")
    assert d.interrupted
    assert hop_ips(d.hops[1]) == [None]


def test_tracert_japanese() -> None:
    d = data(tracert_ja.parse, """
server.example [203.0.113.10] へのルートをトレースしています
経由するホップ数は最大 30 です:

  1    <1 ms    <1 ms    <1 ms  192.0.2.1
  2     *        *        *     要求がタイムアウトしました。
  3     *     198.51.100.2 が次を報告: 宛先ネットワークに到達できません。
  4  198.51.100.6 が次を報告: 宛先ホストに到達できません。
  5  198.51.100.6 が次を報告: 宛先との通信は管理上禁止されています。

トレースを完了しました。
ターゲット システム名 nosuch.invalid を解決できませんでした。
""")
    assert (d.target, d.target_ip, d.max_hops) == ("server.example", "203.0.113.10", 30)
    assert hop_rtts(d.hops[0]) == [0.0, 0.0, 0.0]
    assert hop_ips(d.hops[1]) == [None, None, None]
    assert [hop_notes(h) for h in d.hops[2:]] == [[None, "!N"], ["!H"], ["!X"]]
    assert [(e.line, e.type) for e in d.local_errors] == [(11, "name_unknown")]


def test_tracert_japanese_local_errors() -> None:
    text = "  1  一般エラーです。\n  2  Transmit error: code 1231."
    d = data(tracert_ja.parse, text)
    assert [(e.line, e.type) for e in d.local_errors] == [
        (1, "general_failure"), (2, "network_unreachable")]
    assert all(tracert_ja.SHAPE.match(line.strip()) for line in text.split("\n"))


def test_tracert_japanese_address_header_on_one_line() -> None:
    d = data(tracert_ja.parse, "203.0.113.10 へのルートをトレースしています。"
             "経由するホップ数は最大 10 です\n  1    <1 ms    <1 ms    <1 ms  192.0.2.1")
    assert (d.target, d.target_ip, d.max_hops, d.header_line) == (
        "203.0.113.10", "203.0.113.10", 10, 1)


def test_tracert_japanese_cp932_fixture() -> None:
    path = FIXTURES / "parse" / "tracert_ja" / "windows--cp932--synthetic.out"
    result = parse_bytes(path.read_bytes())
    assert result.transcript.encoding == "cp932"
    (block,) = result.blocks
    assert block.dialect == "windows-ja"
    assert isinstance(block.data, TracerouteData)
    assert [hop_notes(h) for h in block.data.hops] == [[None, None, None], ["!N"]]


# ------------------------------------------------------------------ tracepath

def test_tracepath_probes_grouped_by_ttl() -> None:
    d = data(tracepath.parse, """
 1?: [LOCALHOST]                      pmtu 1500
 1:  192.0.2.1                                             0.049ms
 1:  192.0.2.1                                             0.004ms
 2:  198.51.100.2                                          0.014ms
 3:  198.51.100.2                                          0.010ms pmtu 1400
 3:  198.51.100.6                                          0.010ms asymm  7
 4:  no reply
 4:  203.0.113.10                                          0.013ms reached
     Resume: pmtu 1400 hops 4 back 4
""", ("tracepath", "-n", "-m", "8", "203.0.113.10"))
    assert [(h.line, h.ttl) for h in d.hops] == [(2, 1), (4, 2), (5, 3), (7, 4)]
    assert hop_rtts(d.hops[0]) == [0.049, 0.004]
    assert hop_ips(d.hops[2]) == ["198.51.100.2", "198.51.100.6"]
    assert hop_notes(d.hops[2]) == ["!F-1400", None]  # `pmtu N`: Linux's frag-needed
    assert hop_ips(d.hops[3]) == [None, "203.0.113.10"]
    assert (d.target, d.target_ip, d.family, d.max_hops, d.pmtu) == (
        "203.0.113.10", "203.0.113.10", 4, 8, 1400)


def test_tracepath_unreachable_names_and_errors() -> None:
    d = data(tracepath.parse, """
 1:  gw-c.example                                          0.036ms
 2:  transit.example (198.51.100.2)                        0.012ms !N
 1:  send failed
tracepath: nosuch.invalid: Temporary failure in name resolution
""", ("tracepath", "-b", "server.example/33434"))
    assert [(p.ip, p.name) for p in d.hops[0].probes] == [("gw-c.example", "gw-c.example")]
    assert [(p.ip, p.name, p.annotation) for p in d.hops[1].probes] == [
        ("198.51.100.2", "transit.example", "!N")]
    assert [(e.line, e.type) for e in d.local_errors] == [
        (3, "send_failed"), (4, "name_temporary_failure")]
    assert (d.target, d.target_ip) == ("server.example", None)


def test_tracepath_finds_the_target_address_by_name() -> None:
    d = data(tracepath.parse, " 4:  server.example (203.0.113.10)   0.012ms reached",
             ("tracepath", "-b", "server.example"))
    assert (d.target_ip, d.family) == ("203.0.113.10", 4)


def test_tracepath_unknown_flag_is_reported() -> None:
    result = tracepath.parse([Line(1, " 2:  198.51.100.2   0.012ms bogus")], ())
    assert result.unparsed == (1,)


# ------------------------------------------------------------------------ mtr

MTR = """
Start: 2026-11-26T06:30:37+0000
HOST: client        Loss%   Snt   Last   Avg  Best  Wrst StDev
  1.|-- 192.0.2.1      0.0%    20    0.1   0.1   0.0   0.1   0.0
  2.|-- 198.51.100.10  0.0%    20    0.1   0.1   0.0   0.1   0.0
        198.51.100.2
  3.|-- ???           100.0    20    0.0   0.0   0.0   0.0   0.0
  4.|-- 203.0.113.10  30.0%    20  1173. 2141. 1173. 3076. 951.9
"""


def test_mtr_loss_sent_and_average() -> None:
    d = data(mtr.parse, MTR, ("mtr", "-rwn", "-c", "20", "-m", "8", "203.0.113.10"))
    assert [(h.line, h.ttl, h.loss_percent, h.sent) for h in d.hops] == [
        (3, 1, 0.0, 20), (4, 2, 0.0, 20), (6, 3, 100.0, 20), (7, 4, 30.0, 20)]
    assert hop_ips(d.hops[1]) == ["198.51.100.10", "198.51.100.2"]  # ECMP: a further address
    assert hop_rtts(d.hops[1]) == [0.1, None]
    assert hop_ips(d.hops[2]) == [None]  # ???
    assert hop_rtts(d.hops[3]) == [2141.0]  # Avg, `2141.` as mtr fits it in its column
    assert (d.target, d.target_ip, d.max_hops, d.family) == (
        "203.0.113.10", "203.0.113.10", 8, 4)


def test_mtr_columns_follow_the_host_line() -> None:
    d = data(mtr.parse, """
HOST: client        Loss%   Snt Drop   Last  Best   Avg  Wrst
  1.|-- 192.0.2.1      5.0%    20    1    0.1   0.1   0.3   0.9
""")
    assert (d.hops[0].loss_percent, d.hops[0].sent, hop_rtts(d.hops[0])) == (5.0, 20, [0.3])


def test_mtr_names_as_numbers_and_names_with_addresses() -> None:
    d = data(mtr.parse, """
HOST: client                            Loss%   Snt   Last   Avg  Best  Wrst StDev
  1. AS???    gw-c.example              0.0%     5    0.1   0.1   0.1   0.1   0.0
  4.|-- server.example (203.0.113.10)   0.0%     5    0.1   0.1   0.1   0.1   0.0
""", ("mtr", "--report", "--report-cycles", "5", "server.example"))
    assert [(p.ip, p.name) for p in d.hops[0].probes] == [("gw-c.example", "gw-c.example")]
    assert [(p.ip, p.name) for p in d.hops[1].probes] == [("203.0.113.10", "server.example")]
    assert (d.target, d.target_ip) == ("server.example", "203.0.113.10")


@pytest.mark.parametrize(("line", "kind"), [
    ("mtr: udp socket connect failed: Network is unreachable", "network_unreachable"),
    ("mtr: Failed to resolve host: nosuch.invalid: Temporary failure in name resolution",
     "name_temporary_failure"),
    ("mtr: Failed to resolve host: x: Name or service not known", "name_unknown"),
])
def test_mtr_errors(line: str, kind: str) -> None:
    d = data(mtr.parse, line)
    assert [(e.line, e.type) for e in d.local_errors] == [(1, kind)]


def test_mtr_hop_with_wrong_number_of_columns_is_reported() -> None:
    result = mtr.parse([Line(1, "  1.|-- 192.0.2.1   0.0%   5   0.1")], ())
    assert result.unparsed == (1,)


# ------------------------------------------------- grouping output without a prompt

@pytest.mark.parametrize(("name", "dialect"), [
    ("tracert/msdocs--expressroute-before.out", "windows-en"),
    ("tracert_ja/windows--names--synthetic.out", "windows-ja"),
    ("tracepath/lab--pmtu.out", "tracepath"),
    ("mtr/lab--loss.out", "mtr"),
    ("traceroute_busybox/busybox--ipv4-n.out", "busybox"),
    ("traceroute_bsd/jc--osx-10.14.6-traceroute.out", "bsd"),
])
def test_output_without_a_command_line_is_one_block_of_its_dialect(name: str,
                                                                    dialect: str) -> None:
    text = (FIXTURES / "parse" / name).read_text(encoding="utf-8")
    lines = text.split("\n")
    if lines[0].startswith(("$ ", "C:\\")):
        lines = lines[1:]
    result = parse_bytes("\n".join(lines).encode())
    assert [b.dialect for b in result.blocks] == [dialect]
    assert not result.unrecognised


@pytest.mark.parametrize("line", [
    "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP",
    "64 bytes from 192.0.2.1: icmp_seq=1 ttl=64 time=0.045 ms",
    "Request timed out.",
    "Reply from 192.0.2.1: bytes=32 time<1ms TTL=64",
    "192.0.2.1",
    "client",
    "1. Check the cable 2 times",
    "default via 192.0.2.1 dev eth0 proto dhcp metric 100",
])
def test_trace_dialects_leave_other_lines_alone(line: str) -> None:
    dialect = dialect_of_line(line)
    assert dialect is None or dialect.kind != "traceroute", dialect


def test_linux_shape_leaves_windows_and_tracepath_lines_to_their_dialects() -> None:
    for line in ("1    <1 ms    <1 ms    <1 ms  192.0.2.1", " 1:  192.0.2.1   0.049ms",
                 "1.|-- 192.0.2.1  0.0%  10  0.1  0.1  0.1  0.1  0.0"):
        assert not traceroute.SHAPE.match(line.strip())


# ------------------------------------------------- lab scenarios, dialect by dialect

DIALECTS_WITH_SCENARIOS = ("bsd", "busybox", "windows-en", "windows-ja", "tracepath", "mtr")


def _manifest(dialect: str) -> list[tuple[str, Path, str]]:
    folder = FIXTURES / "dialects" / "traceroute" / dialect
    mapping: dict[str, str] = json.loads((folder / "scenarios.json").read_text())
    return [(dialect, folder / name, scenario) for name, scenario in sorted(mapping.items())]


SCENARIOS = [pytest.param(*case, id=f"{case[0]}/{case[2]}")
             for d in DIALECTS_WITH_SCENARIOS for case in _manifest(d)]


def _verdict(text: str) -> tuple[str, str]:
    record = analyze_record(text.encode())
    assert record is not None
    return record["verdict"]["segment"], record["verdict"]["rule"]


def _splice(linux: str, other: str) -> str:
    """The Linux lab transcript with its traceroute (command and output) replaced by the
    other dialect's trace behind the Linux prompt, or the trace added at its end."""
    mine, theirs = parse_bytes(linux.encode()), parse_bytes(other.encode())
    (trace,) = [b for b in theirs.blocks if b.kind == "traceroute"]
    other_lines = other.split("\n")[trace.line_start:trace.line_end]
    lines = linux.rstrip("\n").split("\n")
    found = [b for b in mine.blocks if b.kind == "traceroute"]
    if not found:
        prompt = next(i.prompt for i in mine.transcript.invocations if i.prompt)
        return "\n".join([*lines, f"{prompt} {trace.command}", *other_lines])
    (block,) = found
    inv = next(i for i in mine.transcript.invocations if i.line == block.line_start)
    return "\n".join([*lines[:inv.line - 1], f"{inv.prompt} {trace.command}", *other_lines,
                      *lines[block.line_end:]])


@pytest.mark.parametrize(("dialect", "path", "scenario"), SCENARIOS)
def test_lab_scenario_gives_the_linux_verdict(dialect: str, path: Path, scenario: str) -> None:
    """The Linux lab transcript with its traceroute replaced by this dialect's gives the
    same verdict: the rules read the dialect's records as they read traceroute's."""
    assert {b.dialect for b in blocks(path)} == {dialect}
    assert path.name.endswith("--synthetic.txt") == (dialect in {"bsd", "windows-en",
                                                                  "windows-ja"})
    linux = (FIXTURES / "lab" / f"{scenario}.txt").read_text(encoding="utf-8")
    assert _verdict(_splice(linux, path.read_text(encoding="utf-8"))) == _verdict(linux)

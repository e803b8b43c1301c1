"""The Linux traceroute parser, called directly on real output lines.

Unless noted, the lines come from fixtures/parse/traceroute/ (see SOURCES.md there):
traceroute 2.1.2 recorded in network namespaces, and outputs from the jc project.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lines import lines

from analyzer.parsers.traceroute import HEADER, SHAPE, parse
from analyzer.records import TraceProbe, TracerouteData

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parse" / "traceroute"


def read(text: str, argv: tuple[str, ...] = (), first: int = 1) -> TracerouteData:
    result = parse(lines(text, first), argv)
    assert result.unparsed == ()
    return result.data


def ips(probes: tuple[TraceProbe, ...]) -> list[str | None]:
    return [p.ip for p in probes]


def rtts(probes: tuple[TraceProbe, ...]) -> list[float | None]:
    return [p.rtt_ms for p in probes]


def notes(probes: tuple[TraceProbe, ...]) -> list[str | None]:
    return [p.annotation for p in probes]


LAB_N = """\
traceroute to 203.0.113.10 (203.0.113.10), 9 hops max, 60 byte packets
 1  192.0.2.1  0.043 ms  0.017 ms  0.016 ms
 2  198.51.100.2  0.010 ms  0.020 ms 198.51.100.10  0.009 ms
 3  198.51.100.6  0.026 ms  0.023 ms  0.004 ms
 4  198.51.100.18  0.013 ms  0.005 ms  0.023 ms
 5  198.51.100.22  0.013 ms  0.006 ms  0.005 ms
 6  198.51.100.26  0.013 ms  0.008 ms  0.005 ms
 7  203.0.113.10  0.013 ms  0.006 ms  0.006 ms"""


# ------------------------------------------------------------------ header


def test_header_ipv4_numeric() -> None:
    data = read(LAB_N, first=2)
    assert data.target == "203.0.113.10"
    assert data.target_ip == "203.0.113.10"
    assert data.family == 4
    assert data.max_hops == 9
    assert data.packet_bytes == 60
    assert data.header_line == 2
    assert data.local_errors == ()
    assert data.interrupted is False


def test_header_with_a_name() -> None:
    data = read("traceroute to server.example (203.0.113.10), 9 hops max, 60 byte packets")
    assert (data.target, data.target_ip, data.family) == ("server.example", "203.0.113.10", 4)
    assert data.hops == ()


def test_header_ipv6() -> None:
    data = read(
        "traceroute to 2001:db8:20::10 (2001:db8:20::10), 9 hops max, 80 byte packets\n"
        " 1  2001:db8:1::1  0.027 ms  0.003 ms  0.004 ms"
    )
    assert data.target == data.target_ip == "2001:db8:20::10"
    assert data.family == 6
    assert data.packet_bytes == 80
    assert ips(data.hops[0].probes) == ["2001:db8:1::1"] * 3


def test_header_packet_length_and_max_hops_from_the_header() -> None:
    data = read("traceroute to 203.0.113.10 (203.0.113.10), 8 hops max, 1500 byte packets")
    assert (data.max_hops, data.packet_bytes) == (8, 1500)


def test_header_iputils_traceroute6_with_source() -> None:
    # iputils traceroute6 (older distributions) names the source address in the header
    data = read(
        "traceroute to server6.example (2001:db8:20::10) from 2001:db8:1::2, "
        "30 hops max, 80 byte packets"
    )
    assert (data.target, data.target_ip, data.max_hops, data.packet_bytes) == (
        "server6.example", "2001:db8:20::10", 30, 80)


# -------------------------------------------------------------------- hops


def test_one_address_then_rtts() -> None:
    data = read(LAB_N, first=2)
    hop = data.hops[0]
    assert (hop.line, hop.ttl) == (3, 1)
    assert hop.probes == (
        TraceProbe(ip="192.0.2.1", name=None, rtt_ms=0.043, annotation=None),
        TraceProbe(ip="192.0.2.1", name=None, rtt_ms=0.017, annotation=None),
        TraceProbe(ip="192.0.2.1", name=None, rtt_ms=0.016, annotation=None),
    )
    assert [h.ttl for h in data.hops] == [1, 2, 3, 4, 5, 6, 7]
    assert [h.line for h in data.hops] == [3, 4, 5, 6, 7, 8, 9]
    assert data.hops[-1].probes[0].ip == "203.0.113.10"


def test_several_addresses_in_one_hop() -> None:
    hop = read(LAB_N).hops[1]
    assert ips(hop.probes) == ["198.51.100.2", "198.51.100.2", "198.51.100.10"]
    assert rtts(hop.probes) == [0.010, 0.020, 0.009]


def test_three_addresses_ipv6() -> None:
    text = (
        " 8  2001:4860::8:4000:cd80  9.428 ms 2001:4860:0:1128::14  9.360 ms "
        "2001:4860::8:4000:cd80  9.229 ms"
    )
    hop = read(text).hops[0]
    assert hop.ttl == 8
    assert ips(hop.probes) == ["2001:4860::8:4000:cd80", "2001:4860:0:1128::14",
                               "2001:4860::8:4000:cd80"]
    assert rtts(hop.probes) == [9.428, 9.360, 9.229]


def test_all_stars() -> None:
    hop = read(" 5  * * *").hops[0]
    assert hop.ttl == 5
    assert hop.probes == (TraceProbe(ip=None),) * 3
    assert rtts(hop.probes) == [None, None, None]
    assert [p.name for p in hop.probes] == [None, None, None]


def test_star_between_answers_keeps_the_address() -> None:
    hop = read(" 3  198.51.100.6  0.012 ms *  0.003 ms").hops[0]
    assert ips(hop.probes) == ["198.51.100.6", None, "198.51.100.6"]
    assert rtts(hop.probes) == [0.012, None, 0.003]


def test_star_then_a_new_address() -> None:
    hop = read(" 3  2001:db8:c::2  0.049 ms * 2001:db8:d::2  0.006 ms").hops[0]
    assert ips(hop.probes) == ["2001:db8:c::2", None, "2001:db8:d::2"]
    assert rtts(hop.probes) == [0.049, None, 0.006]


def test_single_spaces_between_rtts() -> None:
    hop = read(" 5  ae-25.r02.tokyjp05.jp.bb.gin.ntt.net (2001:218:0:2000::59)  "
               "1.515 ms 1.744 ms  1.785 ms").hops[0]
    assert rtts(hop.probes) == [1.515, 1.744, 1.785]
    assert {p.name for p in hop.probes} == {"ae-25.r02.tokyjp05.jp.bb.gin.ntt.net"}


def test_right_aligned_ttls_and_thirty_hops() -> None:
    text = (FIXTURES / "jc--centos-7.7-traceroute.out").read_text()
    data = read(text.rstrip("\n"))
    assert [h.ttl for h in data.hops] == list(range(1, 31))
    assert [h.line for h in data.hops] == list(range(2, 32))
    assert data.hops[8].ttl == 9 and data.hops[9].ttl == 10
    assert all(p.ip is None for h in data.hops[7:] for p in h.probes)
    assert data.hops[3].probes[0] == TraceProbe(ip="12.122.149.186", rtt_ms=42.273)


def test_unpadded_ttl() -> None:
    hop = read("6  www.example.com (64.13.192.208)  3.384 ms  8.001 ms  2.439 ms").hops[0]
    assert hop.ttl == 6
    assert hop.probes[0] == TraceProbe(ip="64.13.192.208", name="www.example.com", rtt_ms=3.384)


def test_decimal_comma() -> None:
    # a locale with a decimal comma (constructed: the same shape as the lab's lines)
    hop = read(" 1  192.0.2.1  0,043 ms  0,017 ms  0,016 ms").hops[0]
    assert rtts(hop.probes) == [0.043, 0.017, 0.016]
    hop = read(" 3  198.51.100.6  0,012 ms *  0,003 ms !H").hops[0]
    assert rtts(hop.probes) == [0.012, None, 0.003]
    assert notes(hop.probes) == [None, None, "!H"]


# ------------------------------------------------------------------- names


def test_names_when_resolving() -> None:
    data = read(
        "traceroute to server.example (203.0.113.10), 9 hops max, 60 byte packets\n"
        " 1  _gateway (192.0.2.1)  0.029 ms  0.003 ms  0.002 ms\n"
        " 2  r2a.example (198.51.100.2)  0.008 ms r2b.example (198.51.100.10)  0.007 ms "
        "r2a.example (198.51.100.2)  0.032 ms\n"
        " 3  198.51.100.6 (198.51.100.6)  0.012 ms *  0.004 ms\n"
        " 5  * * *",
        ("traceroute", "-w", "1", "-q", "3", "-m", "9", "server.example"),
    )
    gw, ecmp, unnamed, stars = data.hops
    assert gw.probes[0] == TraceProbe(ip="192.0.2.1", name="_gateway", rtt_ms=0.029)
    assert [(p.name, p.ip) for p in ecmp.probes] == [
        ("r2a.example", "198.51.100.2"), ("r2b.example", "198.51.100.10"),
        ("r2a.example", "198.51.100.2")]
    # an address that does not resolve is printed as its own name: no name
    assert [(p.name, p.ip) for p in unnamed.probes] == [
        (None, "198.51.100.6"), (None, None), (None, "198.51.100.6")]
    assert stars.ttl == 5 and ips(stars.probes) == [None, None, None]


def test_no_names_with_dash_n() -> None:
    data = read(LAB_N, ("traceroute", "-n", "203.0.113.10"))
    assert all(p.name is None for h in data.hops for p in h.probes)


# ------------------------------------------------------------- annotations


@pytest.mark.parametrize(
    ("line", "note"),
    [
        (" 7  198.51.100.26  0.006 ms !H  0.005 ms !H  0.005 ms !H", "!H"),
        (" 7  198.51.100.26  0.008 ms !N  0.005 ms !N  0.004 ms !N", "!N"),
        (" 7  198.51.100.26  0.007 ms !X  0.005 ms !X  0.005 ms !X", "!X"),
        (" 7  198.51.100.26  0.013 ms !P  0.005 ms !P  0.005 ms !P", "!P"),
        (" 7  198.51.100.26  0.005 ms !F-1400  0.004 ms !F-1400  0.005 ms !F-1400", "!F-1400"),
        (" 7  2001:db8:10::2  0.010 ms !<5>  0.006 ms !<5>  0.006 ms !<5>", "!<5>"),
        (" 7  2001:db8:10::2  0.010 ms !<6>  0.007 ms !<6>  0.006 ms !<6>", "!<6>"),
    ],
)
def test_annotation_after_each_rtt(line: str, note: str) -> None:
    hop = read(line).hops[0]
    assert hop.ttl == 7
    assert notes(hop.probes) == [note] * 3
    assert all(p.rtt_ms is not None and p.ip is not None for p in hop.probes)


def test_annotation_then_another_address() -> None:
    hop = read(" 7  2001:db8:10::2  0.010 ms !F-1400 2001:db8:20::10  0.051 ms  0.013 ms").hops[0]
    assert hop.probes == (
        TraceProbe(ip="2001:db8:10::2", rtt_ms=0.010, annotation="!F-1400"),
        TraceProbe(ip="2001:db8:20::10", rtt_ms=0.051),
        TraceProbe(ip="2001:db8:20::10", rtt_ms=0.013),
    )


def test_bare_bang_numbered_code_and_as_numbers() -> None:
    # first hop of jc's generic/traceroute1.out (traceroute -A): `!`, `!<500>`, `[AS1739]`
    hop = read(" 1  131.240.100.12 (131.240.100.12) [AS1739]  0.676 ms !P 0.763 ms ! "
               "0.910 ms !<500>").hops[0]
    assert notes(hop.probes) == ["!P", "!", "!<500>"]
    assert ips(hop.probes) == ["131.240.100.12"] * 3
    assert rtts(hop.probes) == [0.676, 0.763, 0.910]


@pytest.mark.parametrize("note", ["!S", "!V", "!C", "!<10>", "!<13-1>"])
def test_other_annotations_as_printed(note: str) -> None:
    # traceroute 2.x's remaining codes (constructed: the lab cannot provoke them)
    hop = read(f" 4  198.51.100.18  0.011 ms {note}  0.004 ms *").hops[0]
    assert notes(hop.probes) == [note, None, None]
    assert ips(hop.probes) == ["198.51.100.18", "198.51.100.18", None]


def test_mtu_discovery_marks_are_not_annotations() -> None:
    hop = read(" 1  192.0.2.1  0.034 ms F=1500  0.003 ms  0.002 ms").hops[0]
    assert rtts(hop.probes) == [0.034, 0.003, 0.002]
    assert notes(hop.probes) == [None, None, None]


def test_port_unreachable_from_a_router_has_no_annotation() -> None:
    data = read(
        "traceroute to 203.0.113.27 (203.0.113.27), 8 hops max, 60 byte packets\n"
        " 6  198.51.100.26  0.011 ms  0.005 ms  0.004 ms\n"
        " 7  198.51.100.26  0.008 ms  0.005 ms  0.005 ms"
    )
    last = data.hops[-1]
    assert last.ttl == 7 and ips(last.probes) == ["198.51.100.26"] * 3
    assert notes(last.probes) == [None] * 3


# ---------------------------------------------------- target from argv


@pytest.mark.parametrize(
    ("argv", "target", "target_ip", "family", "max_hops"),
    [
        (("traceroute", "-n", "-w", "1", "-q", "3", "-m", "8", "203.0.113.10"),
         "203.0.113.10", "203.0.113.10", 4, 8),
        (("traceroute", "-n", "-s", "192.0.2.2", "-p", "33434", "-i", "eth0", "-f", "2",
          "-N", "1", "-t", "16", "-z", "0.5", "-w", "1,2,3", "-q", "3", "203.0.113.10", "1400"),
         "203.0.113.10", "203.0.113.10", 4, None),
        (("sudo", "traceroute", "-T", "-m5", "server.example"), "server.example", None, None, 5),
        (("traceroute", "-nm", "5", "server.example"), "server.example", None, None, 5),
        (("traceroute", "--max-hops=6", "--sport=4000", "-6", "server6.example"),
         "server6.example", None, 6, 6),
        (("traceroute6", "-n", "2001:db8:20::10"), "2001:db8:20::10", "2001:db8:20::10", 6, None),
        (("/usr/sbin/traceroute6", "server6.example"), "server6.example", None, 6, None),
        (("traceroute", "-l", "7", "-M", "udp", "-O", "info", "-P", "17", "-g", "192.0.2.9",
          "--", "203.0.113.10"), "203.0.113.10", "203.0.113.10", 4, None),
        (("traceroute", "-4", "-q", "1", "server.example"), "server.example", None, 4, None),
        (("-n", "203.0.113.10"), "203.0.113.10", "203.0.113.10", 4, None),
        (("trace", "-n", "203.0.113.10"), "203.0.113.10", "203.0.113.10", 4, None),  # an alias
        (("tcptraceroute", "203.0.113.10", "443"), "203.0.113.10", "203.0.113.10", 4, None),
        (("traceroute",), None, None, None, None),
        ((), None, None, None, None),
    ],
)
def test_target_from_argv_without_header(
    argv: tuple[str, ...], target: str | None, target_ip: str | None,
    family: int | None, max_hops: int | None,
) -> None:
    data = read(" 1  192.0.2.1  0.043 ms  0.017 ms  0.016 ms", argv)
    assert (data.target, data.target_ip, data.family, data.max_hops) == (
        target, target_ip, family, max_hops)
    assert data.header_line is None
    assert data.hops[0].probes[0].ip == "192.0.2.1"


def test_packet_length_from_argv_without_header() -> None:
    data = read(" 1  192.0.2.1  0.043 ms", ("traceroute", "-n", "203.0.113.10", "1500"))
    assert data.packet_bytes == 1500


def test_header_wins_over_argv() -> None:
    data = read(LAB_N, ("traceroute", "-n", "-m", "30", "other.example"))
    assert (data.target, data.max_hops) == ("203.0.113.10", 9)


# ----------------------------------------------------------- local errors


def test_network_unreachable() -> None:
    data = read(
        "traceroute to 203.0.113.10 (203.0.113.10), 5 hops max, 60 byte packets\n"
        "connect: Network is unreachable",
        first=2,
    )
    assert data.hops == ()
    (error,) = data.local_errors
    assert (error.line, error.type, error.message, error.syscall) == (
        3, "network_unreachable", "connect: Network is unreachable", "connect")


def test_network_unreachable_without_header() -> None:
    # with -I the header was lost to stdout buffering; a blank line remains
    data = read("\nconnect: Network is unreachable",
                ("traceroute", "-I", "-n", "-w", "1", "-q", "3", "-m", "5", "203.0.113.10"),
                first=2)
    assert (data.target, data.header_line) == ("203.0.113.10", None)
    assert [(e.line, e.type) for e in data.local_errors] == [(3, "network_unreachable")]


def test_unknown_host() -> None:
    data = read("nosuch.invalid: Temporary failure in name resolution\n"
                "Cannot handle \"host\" cmdline arg `nosuch.invalid' on position 1 (argc 8)",
                ("traceroute", "-n", "nosuch.invalid"))
    assert [e.type for e in data.local_errors] == ["name_temporary_failure", "usage_error"]
    assert data.target == "nosuch.invalid" and data.target_ip is None


def test_no_privilege() -> None:
    data = read("You do not have enough privileges to use this traceroute method.\n"
                "socket: Operation not permitted")
    assert [(e.line, e.type, e.syscall) for e in data.local_errors] == [
        (1, "permission_denied", None), (2, "operation_not_permitted", "socket")]


# ------------------------------------------------------- messy transcripts


def test_interrupted_after_an_rtt() -> None:
    # Ctrl-C typed in a terminal: the tty echoed ^C right after the last RTT
    data = read(
        "traceroute to 203.0.113.99 (203.0.113.99), 8 hops max, 60 byte packets\n"
        " 1  192.0.2.1  0.046 ms  0.003 ms  0.002 ms\n"
        " 2  198.51.100.10  0.011 ms  0.003 ms  0.003 ms\n"
        " 3  198.51.100.6  0.021 ms^C"
    )
    assert data.interrupted is True
    assert data.hops[-1].ttl == 3
    assert data.hops[-1].probes == (TraceProbe(ip="198.51.100.6", rtt_ms=0.021),)


def test_interrupted_on_a_wrapped_line() -> None:
    data = read(" 1  192.0.2.1  0.046 ms  0.003 ms\n0.002 ms^C")
    assert data.interrupted is True
    assert rtts(data.hops[0].probes) == [0.046, 0.003, 0.002]


def test_interrupted_on_a_line_of_its_own() -> None:
    data = read(" 1  192.0.2.1  0.046 ms  0.003 ms  0.002 ms\n^C")
    assert data.interrupted is True
    assert len(data.hops) == 1


def test_blank_lines_and_prompt_offsets_keep_input_line_numbers() -> None:
    text = "traceroute to 203.0.113.10 (203.0.113.10), 9 hops max, 60 byte packets\n\n" \
           " 1  192.0.2.1  0.043 ms  0.017 ms  0.016 ms\n\n\n 5  * * *"
    data = read(text, first=10)
    assert data.header_line == 10
    assert [(h.line, h.ttl) for h in data.hops] == [(12, 1), (15, 5)]


def test_tabs_and_crlf_leftovers() -> None:
    data = read(" 1\t192.0.2.1\t0.043 ms\t0.017 ms \r")
    assert rtts(data.hops[0].probes) == [0.043, 0.017]


def test_bsd_layout_further_addresses_on_their_own_lines() -> None:
    # macOS traceroute -a (jc generic/traceroute7.out)
    data = read(
        " 6  [AS0] 94.142.122.45 (94.142.122.45)  42.790 ms  46.352 ms\n"
        "    [AS0] 94.142.122.44 (94.142.122.44)  41.479 ms\n"
        " 7  [AS0] 94.142.124.46 (94.142.124.46)  62.692 ms  44.691 ms\n"
        "    [AS0] 5.53.0.153 (5.53.0.153)  61.049 ms\n"
        " 9  * * *"
    )
    six, seven, nine = data.hops
    assert (six.line, six.ttl) == (1, 6)
    assert ips(six.probes) == ["94.142.122.45", "94.142.122.45", "94.142.122.44"]
    assert rtts(seven.probes) == [62.692, 44.691, 61.049]
    assert (nine.line, nine.ttl) == (5, 9)


def test_lines_wrapped_by_a_chat_client() -> None:
    data = read(
        " 1  192.0.2.1  0.043 ms  0.017 ms\n"
        "0.016 ms\n"
        " 2  r2a.example (198.51.100.2)  0.008 ms r2b.example\n"
        "(198.51.100.10)  0.007 ms r2a.example (198.51.100.2)  0.032 ms\n"
        " 3  198.51.100.6  0.012 ms *  0.003\n"
        "ms"
    )
    one, two, three = data.hops
    assert rtts(one.probes) == [0.043, 0.017, 0.016]
    assert [(p.name, p.ip) for p in two.probes] == [
        ("r2a.example", "198.51.100.2"), ("r2b.example", "198.51.100.10"),
        ("r2a.example", "198.51.100.2")]
    assert rtts(three.probes) == [0.012, None, 0.003]
    assert [h.line for h in data.hops] == [1, 3, 5]


def test_unknown_lines_are_reported_not_fatal() -> None:
    result = parse(lines(
        "traceroute to 203.0.113.10 (203.0.113.10), 9 hops max, 60 byte packets\n"
        "traceroute: Warning: server.example has multiple addresses; using 203.0.113.10\n"
        " 1  192.0.2.1  0.043 ms  0.017 ms  0.016 ms\n"
        "10 packets transmitted, 10 received, 0% packet loss, time 9012ms\n"
        " 2  * * *\n"
        "rtt min/avg/max/mdev = 0.035/0.041/0.047/0.004 ms\n"
        " 3  198.51.100.6  0.012 ms bogus"
    ), ())
    assert result.unparsed == (2, 4, 6, 7)
    assert [h.ttl for h in result.data.hops] == [1, 2]
    assert result.data.header_line == 1


@pytest.mark.parametrize(
    "text",
    [
        " 3  198.51.100.6 *  0.003 ms",  # an address is always printed with its RTT
        " 3  198.51.100.6",  # an address without RTT (a truncated paste)
        " 3  * !H  0.003 ms",  # an annotation belongs to an RTT
        " 3  198.51.100.6  0.012 ms !H !N",  # one annotation per probe
        " 3  198.51.100.6  0.012 ms (0.003 ms)",
        " 3",
    ],
)
def test_malformed_hop_lines_are_reported(text: str) -> None:
    result = parse(lines(" 2  * * *\n" + text), ())
    assert result.unparsed == (2,)
    assert [h.ttl for h in result.data.hops] == [2]


def test_unreadable_header_is_reported() -> None:
    result = parse(lines("traceroute to nowhere\n 1  192.0.2.1  0.043 ms"),
                   ("traceroute", "203.0.113.10"))
    assert result.unparsed == (1,)
    assert result.data.header_line is None
    assert result.data.target == "203.0.113.10"


def test_other_local_errors_keep_their_message() -> None:
    data = read("bind: Cannot assign requested address\n"
                "setsockopt IP_MTU_DISCOVER: Some new error\n"
                "server.example: Name or service not known\n"
                "traceroute: unknown host server.example\n"
                "server.example: No address associated with hostname\n"
                "server.example: Address family for hostname not supported",
                ("traceroute", "-s", "203.0.113.5", "203.0.113.10"))
    assert [(e.type, e.syscall) for e in data.local_errors] == [
        ("cannot_assign_address", "bind"), ("some_new_error", "setsockopt"),
        ("name_unknown", None), ("name_unknown", None), ("name_no_address", None),
        ("name_family_unsupported", None)]
    assert data.local_errors[0].message == "bind: Cannot assign requested address"


def test_a_second_header_is_reported_and_its_hops_kept() -> None:
    result = parse(lines(
        "traceroute to 203.0.113.10 (203.0.113.10), 9 hops max, 60 byte packets\n"
        " 1  192.0.2.1  0.043 ms  0.017 ms  0.016 ms\n"
        "traceroute to 203.0.113.20 (203.0.113.20), 9 hops max, 60 byte packets\n"
        " 1  192.0.2.1  0.040 ms  0.010 ms  0.011 ms"
    ), ())
    assert result.unparsed == (3,)
    assert result.data.target_ip == "203.0.113.10"
    assert [h.line for h in result.data.hops] == [2, 4]


def test_empty_input() -> None:
    result = parse([], ("traceroute", "-n", "203.0.113.10"))
    assert result.unparsed == ()
    assert result.data.hops == () and result.data.target == "203.0.113.10"


# ----------------------------------------------------------- SHAPE, HEADER


@pytest.mark.parametrize(
    "text",
    [
        "traceroute to 203.0.113.10 (203.0.113.10), 30 hops max, 60 byte packets",
        "traceroute to server.example (203.0.113.10), 8 hops max, 60 byte packets",
        "traceroute to 2001:db8:20::10 (2001:db8:20::10), 30 hops max, 80 byte packets",
        "1  192.0.2.1  0.123 ms  0.100 ms  0.090 ms",
        "2  * * *",
        "3  198.51.100.2  0.5 ms *  0.4 ms",
        "1  _gateway (192.0.2.1)  0.3 ms  0.2 ms  0.2 ms",
        "7  198.51.100.26  0.006 ms !H  0.005 ms !H  0.005 ms !H",
        "12  2001:db8:4860::8:4000:cd80  9.428 ms 2001:db8::14  9.360 ms",
        "1  [AS128742] 192.168.0.1 (192.168.0.1)  9.173 ms  5.490 ms  5.197 ms",
        "[AS0] 94.142.122.44 (94.142.122.44)  41.479 ms",
        "You do not have enough privileges to use this traceroute method.",
        # error lines, so that they stay in the block of the traceroute that printed them
        "connect: Network is unreachable",
        "socket: Operation not permitted",
        "bind: Cannot assign requested address",
        "nosuch.invalid: Temporary failure in name resolution",
        "Cannot handle \"host\" cmdline arg `nosuch.invalid' on position 1 (argc 8)",
    ],
)
def test_shape_matches_traceroute_lines(text: str) -> None:
    assert SHAPE.match(text)


@pytest.mark.parametrize(
    "text",
    [
        "64 bytes from 192.0.2.1: icmp_seq=1 ttl=64 time=0.045 ms",
        "PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.",
        "rtt min/avg/max/mdev = 0.045/0.045/0.045/0.000 ms",
        "3 packets transmitted, 3 received, 0% packet loss, time 2002ms",
        "default via 192.0.2.1 dev eth0 proto dhcp metric 100",
        "192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2",
        "192.0.2.1 dev eth0 lladdr 00:53:00:00:00:01 REACHABLE",
        "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP",
        "1    <1 ms    <1 ms    <1 ms  192.0.2.1",
    ],
)
def test_shape_rejects_other_commands(text: str) -> None:
    assert not SHAPE.match(text)


def test_header_pattern() -> None:
    assert HEADER.match("traceroute to 203.0.113.10 (203.0.113.10), 30 hops max, 60 byte packets")
    assert HEADER.match(
        "traceroute to server6.example (2001:db8:20::10), 9 hops max, 80 byte packets")
    assert not HEADER.match(" 1  192.0.2.1  0.043 ms")
    assert not HEADER.match("traceroute -n 203.0.113.10")


# ------------------------------------------------------------- fixtures


# Fixtures with lines that are rightly not read: traceroute -A died on its whois lookup,
# leaving `1  192.0.2.1` without any RTT.
KNOWN_UNPARSED = {"lab--as-lookup-no-whois": (4,)}


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.out")), ids=lambda p: p.stem)
def test_every_fixture_reads_completely(path: Path) -> None:
    text = path.read_text().rstrip("\n")
    argv: tuple[str, ...] = ()
    first = 1
    if text.startswith("$ "):
        command, _, text = text.partition("\n")
        argv = tuple(command[2:].split())
        first = 2
    result = parse(lines(text, first), argv)
    assert result.unparsed == KNOWN_UNPARSED.get(path.stem, ())
    data = result.data
    assert data.hops or data.local_errors or result.unparsed
    assert data.target is not None
    for hop in data.hops:
        assert hop.probes
        for probe in hop.probes:
            assert (probe.ip is None) == (probe.rtt_ms is None)

"""The iputils ping parser, called directly with real output lines.

Most lines below were recorded with iputils 20221126 in network namespaces (documentation
addresses only; fixtures/parse/ping/lab--*.out); older shapes (`icmp_req=`, `PING a(b)`,
`pipe N` on the rtt line, `^C64 bytes from`, `from 10.4.2.5 : `) come from real pastes and
jc's fixtures, rewritten with documentation addresses. Sources: fixtures/parse/ping/SOURCES.md.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pytest

from analyzer.parsers import ping
from analyzer.parsers.base import Parsed
from analyzer.records import IcmpError, LocalError, PingData, PingReply
from analyzer.transcript import Line

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parse" / "ping"


def parse(text: str, argv: Sequence[str] = (), first: int = 1) -> Parsed[PingData]:
    """Parse `text` (one output line per line) as if its first line were input line `first`."""
    lines = [Line(first + i, t) for i, t in enumerate(text.strip("\n").split("\n"))]
    return ping.parse(lines, argv)


def data(text: str, argv: Sequence[str] = (), first: int = 1) -> PingData:
    result = parse(text, argv, first)
    assert result.unparsed == (), result.unparsed
    return result.data


# ------------------------------------------------------------------ replies

IPV4_OK = """\
PING 198.51.100.20 (198.51.100.20) 56(84) bytes of data.
64 bytes from 198.51.100.20: icmp_seq=1 ttl=63 time=0.201 ms
64 bytes from 198.51.100.20: icmp_seq=2 ttl=63 time=0.080 ms
64 bytes from 198.51.100.20: icmp_seq=3 ttl=63 time=0.081 ms

--- 198.51.100.20 ping statistics ---
3 packets transmitted, 3 received, 0% packet loss, time 2029ms
rtt min/avg/max/mdev = 0.080/0.120/0.201/0.056 ms
"""


def test_ipv4_replies_header_and_statistics() -> None:
    d = data(IPV4_OK, first=10)
    assert (d.target, d.target_ip, d.family) == ("198.51.100.20", "198.51.100.20", 4)
    assert (d.payload_bytes, d.packet_bytes, d.header_line) == (56, 84, 10)
    assert [(r.line, r.seq, r.source, r.ttl, r.time_ms, r.bytes) for r in d.replies] == [
        (11, 1, "198.51.100.20", 63, 0.201, 64),
        (12, 2, "198.51.100.20", 63, 0.080, 64),
        (13, 3, "198.51.100.20", 63, 0.081, 64),
    ]
    assert not any(r.duplicate for r in d.replies)
    assert (d.transmitted, d.received, d.errors, d.duplicates) == (3, 3, 0, 0)
    assert (d.loss_percent, d.time_total_ms) == (0.0, 2029.0)
    # the blank line is dropped but line numbers stay those of the input
    assert (d.stats_line, d.rtt_line) == (16, 17)
    assert (d.rtt_min_ms, d.rtt_avg_ms, d.rtt_max_ms, d.rtt_mdev_ms) == (0.08, 0.12, 0.201, 0.056)
    assert d.pipe is None and d.interrupted is False
    assert d.icmp_errors == () and d.local_errors == () and d.timeouts == ()


def test_hostname_replies_keep_address_as_from_and_name_apart() -> None:
    d = data("""\
PING server.example (198.51.100.20) 56(84) bytes of data.
64 bytes from server.example (198.51.100.20): icmp_seq=1 ttl=63 time=0.039 ms
64 bytes from 198.51.100.21 (198.51.100.21): icmp_seq=2 ttl=63 time=0.34 ms
""")
    assert (d.target, d.target_ip) == ("server.example", "198.51.100.20")
    assert [(r.source, r.source_name) for r in d.replies] == [
        ("198.51.100.20", "server.example"), ("198.51.100.21", None)]


@pytest.mark.parametrize(("header", "target", "ip", "payload", "total"), [
    ("PING 2001:db8:2::20(2001:db8:2::20) 56 data bytes", "2001:db8:2::20", "2001:db8:2::20",
     56, None),
    ("PING 2001:db8:2::20 (2001:db8:2::20) 56 data bytes", "2001:db8:2::20", "2001:db8:2::20",
     56, None),
    ("PING server6.example(server6.example (2001:db8:2::20)) 56 data bytes", "server6.example",
     "2001:db8:2::20", 56, None),
    ("PING www.example(2001:db8::323 (2001:db8::323)) 1400 data bytes", "www.example",
     "2001:db8::323", 1400, None),
    ("PING host.example (192.0.2.1) 56(84) bytes of data.", "host.example", "192.0.2.1", 56, 84),
    ("PING 198.51.100.20 (198.51.100.20) 56(124) bytes of data.", "198.51.100.20",
     "198.51.100.20", 56, 124),
    ("PING 2001:db8::1 (2001:db8::1) , flow 0x12345, 56 data bytes", "2001:db8::1",
     "2001:db8::1", 56, None),
])
def test_header_forms(header: str, target: str, ip: str, payload: int, total: int | None) -> None:
    d = data(header)
    assert (d.target, d.target_ip, d.payload_bytes, d.packet_bytes) == (target, ip, payload, total)
    assert d.family == (6 if ":" in ip else 4)


@pytest.mark.parametrize(("header", "source", "interface"), [
    ("PING 198.51.100.20 (198.51.100.20) from 192.0.2.10 e0: 56(84) bytes of data.",
     "192.0.2.10", "e0"),
    ("PING 198.51.100.20 (198.51.100.20) from 192.0.2.10 : 56(84) bytes of data.",
     "192.0.2.10", None),
    ("PING x.example (203.0.113.9) from 192.0.2.10 eth0.100: 56(84) bytes of data.",
     "192.0.2.10", "eth0.100"),
    ("PING 2001:db8:2::20(2001:db8:2::20) from 2001:db8:1::10 e0: 56 data bytes",
     "2001:db8:1::10", "e0"),
])
def test_header_with_source_and_interface(header: str, source: str,
                                          interface: str | None) -> None:
    d = data(header)
    assert (d.source_ip, d.interface, d.payload_bytes) == (source, interface, 56)


def test_ipv6_replies_with_zone_and_hostname() -> None:
    d = data("""\
PING fe80::5200:ff:fed7:ee0b%eth1(fe80::5200:ff:fed7:ee0b%eth1) 32 data bytes
40 bytes from fe80::5200:ff:fed7:ee0b%eth1: icmp_seq=1 ttl=64 time=9.34 ms
64 bytes from server6.example (2001:db8:2::20): icmp_seq=2 ttl=63 time=0.035 ms
""")
    assert d.target_ip == "fe80::5200:ff:fed7:ee0b%eth1" and d.family == 6
    assert [(r.source, r.source_name, r.bytes) for r in d.replies] == [
        ("fe80::5200:ff:fed7:ee0b%eth1", None, 40), ("2001:db8:2::20", "server6.example", 64)]


def test_integer_and_decimal_comma_times() -> None:
    d = data("""\
PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.
64 bytes from 192.0.2.1: icmp_seq=1 ttl=64 time=12 ms
64 bytes from 192.0.2.1: icmp_seq=2 ttl=64 time=0,340 ms
64 bytes from 192.0.2.1: icmp_seq=3 ttl=64 time=1276 ms

--- 192.0.2.1 ping statistics ---
3 packets transmitted, 2 received, 33,3333% packet loss, time 2003ms
rtt min/avg/max/mdev = 0,340/6,170/12,000/5,830 ms
""")
    assert [r.time_ms for r in d.replies] == [12.0, 0.34, 1276.0]
    assert d.loss_percent == pytest.approx(33.3333)
    assert (d.rtt_min_ms, d.rtt_avg_ms, d.rtt_max_ms, d.rtt_mdev_ms) == (0.34, 6.17, 12.0, 5.83)


def test_duplicates_flagged_and_counted() -> None:
    d = data("""\
PING 198.51.100.20 (198.51.100.20) 56(84) bytes of data.
64 bytes from 198.51.100.20: icmp_seq=1 ttl=63 time=0.053 ms
64 bytes from 198.51.100.20: icmp_seq=1 ttl=63 time=0.053 ms (DUP!)
64 bytes from 198.51.100.20: icmp_seq=2 ttl=63 time=0.085 ms

--- 198.51.100.20 ping statistics ---
2 packets transmitted, 2 received, +1 duplicates, 0% packet loss, time 1027ms
rtt min/avg/max/mdev = 0.053/0.063/0.085/0.015 ms
""")
    assert [(r.seq, r.duplicate, r.flags) for r in d.replies] == [
        (1, False, ()), (1, True, ("duplicate",)), (2, False, ())]
    assert (d.duplicates, d.received) == (1, 2)


def test_verbose_reply_with_ident() -> None:
    d = data("64 bytes from 192.0.2.1: icmp_seq=1 ident=7384 ttl=64 time=0.055 ms (DUP!)")
    r = d.replies[0]
    assert (r.seq, r.ttl, r.time_ms, r.duplicate) == (1, 64, 0.055, True)


def test_old_iputils_icmp_req_and_no_colon() -> None:
    d = data("""\
64 bytes from 192.0.2.1: icmp_req=1 ttl=255 time=1.93 ms
64 bytes from 192.0.2.2 icmp_seq=2 ttl=63 time=0.440 ms
""")
    assert [(r.seq, r.source, r.ttl) for r in d.replies] == [(1, "192.0.2.1", 255),
                                                            (2, "192.0.2.2", 63)]


def test_timestamps_and_outstanding_timeouts() -> None:
    d = data("""\
PING 198.51.100.20 (198.51.100.20) 56(84) bytes of data.
[1795673424.972342] no answer yet for icmp_seq=1
[1795673424.972506] 64 bytes from 198.51.100.20: icmp_seq=2 ttl=63 time=0.081 ms
[1795673427.020306] no answer yet for icmp_seq=3
[1795673427.020402] 64 bytes from 198.51.100.20: icmp_seq=4 ttl=63 time=0.048 ms
[1795673428.000001] From 192.0.2.1 icmp_seq=5 Destination Net Unreachable
""", first=5)
    assert d.timeouts == (1, 3) and d.timeout_lines == (6, 8)
    assert [(r.line, r.seq, r.timestamp) for r in d.replies] == [
        (7, 2, 1795673424.972506), (9, 4, 1795673427.020402)]
    assert d.icmp_errors[0].timestamp == 1795673428.000001
    assert d.icmp_errors[0].type == "net_unreachable"


def test_outstanding_without_timestamps() -> None:
    d = data("""\
64 bytes from 198.51.100.20: icmp_seq=1 ttl=63 time=0.032 ms
no answer yet for icmp_seq=2
64 bytes from 198.51.100.20: icmp_seq=3 ttl=63 time=0.062 ms
no answer yet for icmp_seq=4
""")
    assert d.timeouts == (2, 4) and d.timeout_lines == (2, 4)
    assert [r.seq for r in d.replies] == [1, 3]


def test_truncated_checksum_and_wrong_data_replies() -> None:
    d = data("""\
PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.
64 bytes from 192.0.2.1: icmp_seq=1 ttl=64 (truncated)
64 bytes from 192.0.2.1: icmp_seq=2 ttl=64 time=0.3 ms (BAD CHECKSUM!)
64 bytes from 192.0.2.1: icmp_seq=3 ttl=64 time=0.3 ms
wrong data byte #16 should be 0x10 but was 0x0
#16	0 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23
#48	30 31 32 33 34 35 36 37
64 bytes from 192.0.2.1: icmp_seq=4 ttl=64 time=0.2 ms (DIFFERENT ADDRESS!)
""")
    assert [(r.seq, r.time_ms, r.flags) for r in d.replies] == [
        (1, None, ("truncated",)),
        (2, 0.3, ("bad_checksum",)),
        (3, 0.3, ("wrong_data",)),
        (4, 0.2, ("different_address",)),
    ]


def test_record_route_and_pattern_lines_are_known() -> None:
    d = data("""\
PATTERN: 0xff
PING 198.51.100.20 (198.51.100.20) 56(124) bytes of data.
64 bytes from 198.51.100.20: icmp_seq=1 ttl=63 time=0.022 ms
RR: 	192.0.2.10
	198.51.100.1
	198.51.100.20
	gw.example (192.0.2.1)

64 bytes from 198.51.100.20: icmp_seq=2 ttl=63 time=0.085 ms	(same route)
""")
    assert [r.seq for r in d.replies] == [1, 2] and d.replies[1].line == 9


# ------------------------------------------------------------- ICMP errors

@pytest.mark.parametrize(("message", "kind"), [
    ("Destination Host Unreachable", "host_unreachable"),
    ("Destination Net Unreachable", "net_unreachable"),
    ("Destination Port Unreachable", "port_unreachable"),
    ("Destination Protocol Unreachable", "protocol_unreachable"),
    ("Packet filtered", "admin_prohibited"),
    ("Destination Host Prohibited", "admin_prohibited"),
    ("Destination Net Prohibited", "admin_prohibited"),
    ("Time to live exceeded", "ttl_exceeded"),
    ("Source Route Failed", "source_route_failed"),
    ("Destination Net Unknown", "net_unknown"),
    ("Destination Host Unknown", "host_unknown"),
    ("Destination Net Unreachable for Type of Service", "net_unreachable_tos"),
    ("Destination Host Unreachable for Type of Service", "host_unreachable_tos"),
    ("Source Quench", "source_quench"),
    ("Frag reassembly time exceeded", "reassembly_timeout"),
    ("Parameter problem: pointer = 20", "parameter_problem"),
    ("Dest Unreachable, Bad Code: 7", "unreachable"),
    ("Destination unreachable: Address unreachable", "address_unreachable"),
    ("Destination unreachable: No route", "no_route"),
    ("Destination unreachable: Administratively prohibited", "admin_prohibited"),
    ("Destination unreachable: Port unreachable", "port_unreachable"),
    ("Destination unreachable: Beyond scope of source address", "beyond_scope"),
    ("Destination unreachable: Reject route to destination", "reject_route"),
    ("Time exceeded: Hop limit", "ttl_exceeded"),
    ("Something nobody printed yet", "unknown"),
])
def test_icmp_error_types(message: str, kind: str) -> None:
    d = data(f"From 198.51.100.2 icmp_seq=7 {message}", first=3)
    assert d.icmp_errors == (IcmpError(line=3, seq=7, source="198.51.100.2", type=kind,
                                       message=message),)


def test_host_unreachable_run_with_statistics() -> None:
    d = data("""\
PING 192.0.2.99 (192.0.2.99) 56(84) bytes of data.
From 192.0.2.10 icmp_seq=1 Destination Host Unreachable
From 192.0.2.10 icmp_seq=2 Destination Host Unreachable
From 192.0.2.10 icmp_seq=3 Destination Host Unreachable
From 192.0.2.10 icmp_seq=4 Destination Host Unreachable

--- 192.0.2.99 ping statistics ---
4 packets transmitted, 0 received, +4 errors, 100% packet loss, time 3063ms
pipe 4
""")
    assert [(e.line, e.seq, e.source, e.type) for e in d.icmp_errors] == [
        (n + 1, n, "192.0.2.10", "host_unreachable") for n in range(1, 5)]
    assert (d.transmitted, d.received, d.errors, d.loss_percent) == (4, 0, 4, 100.0)
    assert d.pipe == 4 and d.rtt_avg_ms is None and d.replies == ()


def test_error_from_named_router() -> None:
    d = data("From router.example (198.51.100.2) icmp_seq=1 Destination Net Unreachable")
    e = d.icmp_errors[0]
    assert (e.source, e.source_name, e.type) == ("198.51.100.2", "router.example",
                                                 "net_unreachable")


@pytest.mark.parametrize(("line", "mtu"), [
    ("From 192.0.2.1 icmp_seq=1 Frag needed and DF set (mtu = 1400)", 1400),
    ("From 2001:db8:1::1 icmp_seq=1 Packet too big: mtu=1280", 1280),
    ("From 2001:db8:1::1 icmp_seq=1 Packet too big: mtu=1400, code=1", 1400),
])
def test_fragmentation_needed_carries_the_mtu(line: str, mtu: int) -> None:
    e = data(line).icmp_errors[0]
    assert (e.type, e.mtu, e.message) == ("frag_needed", mtu, line.split("icmp_seq=1 ")[1])


@pytest.mark.parametrize(("line", "kind", "nexthop"), [
    ("From 192.0.2.1: icmp_seq=1 Redirect Host(New nexthop: 192.0.2.2)", "redirect_host",
     "192.0.2.2"),
    ("From 192.0.2.1: icmp_seq=3 Redirect Network(New nexthop: 192.0.2.3)", "redirect_net",
     "192.0.2.3"),
    ("From gw.example (192.0.2.1): icmp_seq=1 Redirect Host(New nexthop: r2.example "
     "(192.0.2.2))", "redirect_host", "192.0.2.2"),
    ("From 192.0.2.1: icmp_seq=1 (BAD CHECKSUM)Redirect Host(New nexthop: 192.0.2.2)",
     "redirect_host", "192.0.2.2"),
])
def test_redirects(line: str, kind: str, nexthop: str) -> None:
    e = data(line).icmp_errors[0]
    assert (e.type, e.nexthop, e.source) == (kind, nexthop, "192.0.2.1")


def test_ipv6_errors_keep_the_message() -> None:
    d = data("""\
PING 2001:db8:1::99(2001:db8:1::99) 56 data bytes
From 2001:db8:1::10 icmp_seq=1 Destination unreachable: Address unreachable
From 2001:db8:1::1 icmp_seq=2 Time exceeded: Hop limit
""")
    assert [(e.seq, e.source, e.type, e.message) for e in d.icmp_errors] == [
        (1, "2001:db8:1::10", "address_unreachable",
         "Destination unreachable: Address unreachable"),
        (2, "2001:db8:1::1", "ttl_exceeded", "Time exceeded: Hop limit"),
    ]


def test_verbose_error_without_sequence_and_ip_header_dump() -> None:
    d = data("""\
From 192.0.2.1: Destination Host Unreachable
Vr HL TOS  Len   ID Flg  off TTL Pro  cks      Src      Dst Data
 4  5  00 5400 0000   0 0040  40  01 b6b1 192.0.2.10  198.51.100.20
""")
    assert d.icmp_errors[0].seq is None and d.icmp_errors[0].type == "host_unreachable"


def test_bsd_style_error_in_reply_shape() -> None:
    e = data("92 bytes from 192.0.2.1: Destination Host Unreachable").icmp_errors[0]
    assert (e.source, e.type, e.seq) == ("192.0.2.1", "host_unreachable", None)


# ------------------------------------------------------------- local errors

@pytest.mark.parametrize(("line", "kind", "syscall"), [
    ("ping: connect: Network is unreachable", "network_unreachable", "connect"),
    ("connect: Network is unreachable", "network_unreachable", "connect"),
    ("ping: sendmsg: Network is unreachable", "network_unreachable", "sendmsg"),
    ("ping: sendmsg: Operation not permitted", "operation_not_permitted", "sendmsg"),
    ("ping: socket: Operation not permitted", "operation_not_permitted", "socket"),
    ("ping: icmp open socket: Operation not permitted", "operation_not_permitted", "icmp"),
    ("ping: connect: Cannot assign requested address", "cannot_assign_address", "connect"),
    ("ping: bind: Cannot assign requested address", "cannot_assign_address", "bind"),
    ("ping: connect: No route to host", "host_unreachable", "connect"),
    ("ping: sendmsg: No buffer space available", "no_buffer_space", "sendmsg"),
    ("ping: socket: Address family not supported by protocol", "family_not_supported",
     "socket"),
    ("ping: SO_BINDTODEVICE eth9: No such device", "no_such_device", "SO_BINDTODEVICE"),
    ("ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules",
     "broadcast_or_firewall", "connect"),
    ("ping: server.example: Name or service not known", "name_unknown", None),
    ("ping: server.example: Temporary failure in name resolution", "name_temporary_failure",
     None),
    ("ping: server.example: No address associated with hostname", "name_no_address", None),
    ("ping: unknown host server.example", "name_unknown", None),
    ("ping: unknown iface: eth9", "no_such_device", None),
    ("ping: usage error: Destination address required", "usage_error", None),
    ("ping: invalid argument: '0'", "usage_error", None),
    ("ping: something new happened", "error", None),
])
def test_local_errors_without_header(line: str, kind: str, syscall: str | None) -> None:
    d = data(line, argv=("ping", "-c", "3", "-W", "1", "server.example"), first=4)
    assert d.local_errors == (LocalError(line=4, type=kind, message=line, syscall=syscall),)
    assert (d.target, d.target_ip, d.header_line) == ("server.example", None, None)
    assert d.interrupted is False and d.transmitted is None and d.replies == ()


def test_local_error_target_ip_from_argv() -> None:
    d = data("ping: connect: Network is unreachable", argv=("ping", "-c", "2", "203.0.113.5"))
    assert (d.target, d.target_ip, d.family) == ("203.0.113.5", "203.0.113.5", 4)
    d6 = data("ping: connect: Network is unreachable", argv=("ping", "-6", "2001:db8:3::1"))
    assert (d6.target_ip, d6.family) == ("2001:db8:3::1", 6)
    assert data("ping: x: Name or service not known", argv=("ping6", "x")).family == 6


def test_local_message_too_long_during_run() -> None:
    d = data("""\
PING 198.51.100.20 (198.51.100.20) 1450(1478) bytes of data.
From 192.0.2.1 icmp_seq=1 Frag needed and DF set (mtu = 1400)
ping: local error: message too long, mtu=1400
ping: local error: message too long, mtu: 1400

--- 198.51.100.20 ping statistics ---
3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2038ms
""")
    assert [(e.line, e.type, e.mtu) for e in d.local_errors] == [
        (3, "message_too_long", 1400), (4, "message_too_long", 1400)]
    assert d.icmp_errors[0].mtu == 1400 and d.errors == 3 and d.interrupted is False


def test_sendmsg_errors_between_replies() -> None:
    d = data("""\
PING 192.0.2.8 (192.0.2.8) 56(84) bytes of data.
64 bytes from 192.0.2.8: icmp_seq=1 ttl=58 time=2.81 ms
ping: sendmsg: Network is unreachable
ping: sendmsg: Network is unreachable
64 bytes from 192.0.2.8: icmp_seq=4 ttl=58 time=2.82 ms

--- 192.0.2.8 ping statistics ---
4 packets transmitted, 2 received, 50% packet loss, time 3004ms
rtt min/avg/max/mdev = 2.810/2.815/2.820/0.005 ms
""")
    assert [e.line for e in d.local_errors] == [3, 4]
    assert {e.type for e in d.local_errors} == {"network_unreachable"}
    assert [r.seq for r in d.replies] == [1, 4]


def test_socket_error_with_its_debug_lines() -> None:
    d = data("""\
ping: socktype: SOCK_RAW
ping: socket: Operation not permitted
ping: => missing cap_net_raw+p capability or setuid?
""", argv=("ping", "-c", "2", "198.51.100.20"))
    assert [(e.line, e.type) for e in d.local_errors] == [(2, "operation_not_permitted")]


def test_warnings_are_kept_apart_from_errors() -> None:
    d = data("""\
WARNING: pinging broadcast address
ping: Warning: source address might be selected on device other than: eth0
PING 192.0.2.255 (192.0.2.255) 56(84) bytes of data.
64 bytes from 192.0.2.2: icmp_seq=1 ttl=64 time=0.342 ms
""")
    assert [(w.line, w.type) for w in d.warnings] == [(1, "broadcast"), (2, "source_address")]
    assert d.local_errors == ()


# ------------------------------------------------------------- statistics

@pytest.mark.parametrize(("line", "expected"), [
    ("5 packets transmitted, 5 received, 0% packet loss, time 3999ms",
     (5, 5, 0, 0, 0.0, 3999.0)),
    ("4 packets transmitted, 0 received, +3 errors, 100% packet loss, time 3063ms",
     (4, 0, 3, 0, 100.0, 3063.0)),
    ("2 packets transmitted, 2 received, +19 duplicates, 0% packet loss, time 1013ms",
     (2, 2, 0, 19, 0.0, 1013.0)),
    ("7 packets transmitted, 6 received, 14.2857% packet loss, time 87ms",
     (7, 6, 0, 0, 14.2857, 87.0)),
    ("1 packets transmitted, 0 received, 100.0% packet loss, time 0ms",
     (1, 0, 0, 0, 100.0, 0.0)),
    ("3 packets transmitted, 3 packets received, 0% packet loss",
     (3, 3, 0, 0, 0.0, None)),
    ("1688 packets transmitted, 1553 received, +1 duplicates, 7% packet loss, time 2987ms",
     (1688, 1553, 0, 1, 7.0, 2987.0)),
])
def test_statistics_line(line: str, expected: tuple[object, ...]) -> None:
    d = data(f"--- 192.0.2.1 ping statistics ---\n{line}")
    assert (d.transmitted, d.received, d.errors, d.duplicates, d.loss_percent,
            d.time_total_ms) == expected
    assert d.stats_line == 2 and d.target == "192.0.2.1" and d.target_ip == "192.0.2.1"


def test_corrupted_count() -> None:
    d = data("3 packets transmitted, 2 received, +1 corrupted, 33% packet loss, time 2002ms")
    assert (d.corrupted, d.loss_percent) == (1, 33.0)


@pytest.mark.parametrize(("line", "rtt", "pipe", "ipg"), [
    ("rtt min/avg/max/mdev = 0.340/0.402/0.450/0.041 ms", (0.34, 0.402, 0.45, 0.041), None,
     None),
    ("rtt min/avg/max/mdev = 1.617/2.790/5.346/1.341 ms, pipe 2", (1.617, 2.79, 5.346, 1.341),
     2, None),
    ("rtt min/avg/max/mdev = 6.417/11.405/18.703/4.575 ms, pipe 2, ipg/ewma 12.512/10.648 ms",
     (6.417, 11.405, 18.703, 4.575), 2, (12.512, 10.648)),
    ("rtt min/avg/max/mdev = 0.003/0.009/0.033/0.011 ms, ipg/ewma 0.021/0.020 ms",
     (0.003, 0.009, 0.033, 0.011), None, (0.021, 0.02)),
    ("round-trip min/avg/max = 0.1/0.2/0.3 ms", (0.1, 0.2, 0.3, None), None, None),
    ("round-trip min/avg/max/stddev = 44.944/47.414/48.675/1.747 ms",
     (44.944, 47.414, 48.675, 1.747), None, None),
])
def test_rtt_line(line: str, rtt: tuple[float | None, ...], pipe: int | None,
                  ipg: tuple[float, float] | None) -> None:
    d = data(line, first=9)
    assert (d.rtt_min_ms, d.rtt_avg_ms, d.rtt_max_ms, d.rtt_mdev_ms) == rtt
    assert d.pipe == pipe and d.rtt_line == 9
    assert (d.ipg_ms, d.ewma_ms) == (ipg or (None, None))


def test_mangled_statistics_title() -> None:
    d = data("""\
    www.example ping statistics
7 packets transmitted, 6 received, 14.2857% packet loss, time 87ms
""")
    assert d.target == "www.example" and d.transmitted == 7


# ------------------------------------------------------------- interruption

def test_ctrl_c_alone_marks_interrupted() -> None:
    d = data("""\
PING 198.51.100.20 (198.51.100.20) 56(84) bytes of data.
64 bytes from 198.51.100.20: icmp_seq=1 ttl=63 time=0.056 ms
^C
--- 198.51.100.20 ping statistics ---
1 packets transmitted, 1 received, 0% packet loss, time 0ms
rtt min/avg/max/mdev = 0.056/0.056/0.056/0.000 ms
""")
    assert d.interrupted is True and d.stats_line == 5


@pytest.mark.parametrize("text", [
    "^C--- 192.0.2.1 ping statistics ---\n"
    "2 packets transmitted, 2 received, 0% packet loss, time 1001ms",
    "^C64 bytes from 192.0.2.1: icmp_seq=1 ttl=57 time=1138 ms\n"
    "64 bytes from 192.0.2.1: icmp_seq=2 ttl=57 time=1525 ms\n"
    "--- 192.0.2.1 ping statistics ---\n"
    "2 packets transmitted, 2 received, 0% packet loss, time 1022ms",
    "^CFrom 192.0.2.10 icmp_seq=3 Destination Host Unreachable\n"
    "--- 192.0.2.1 ping statistics ---\n3 packets transmitted, 0 received, +1 errors, "
    "100% packet loss, time 2002ms",
    "^C^C\n--- 192.0.2.1 ping statistics ---\n"
    "1 packets transmitted, 1 received, 0% packet loss, time 0ms",
])
def test_ctrl_c_echoed_in_front_of_a_line(text: str) -> None:
    d = data(text)
    assert d.interrupted is True and d.transmitted is not None


def test_ctrl_c_prefix_keeps_the_reply() -> None:
    d = data("^C64 bytes from 192.0.2.1: icmp_seq=1 ttl=57 time=1138 ms")
    assert [(r.seq, r.time_ms) for r in d.replies] == [(1, 1138.0)]


def test_no_statistics_means_interrupted() -> None:
    d = data("""\
PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.
64 bytes from 192.0.2.1: icmp_seq=1 ttl=64 time=0.3 ms
""")
    assert d.interrupted is True and d.transmitted is None and d.loss_percent is None


def test_statistics_without_ctrl_c_is_not_interrupted() -> None:
    d = data("""\
PING 198.51.100.20 (198.51.100.20) 56(84) bytes of data.

--- 198.51.100.20 ping statistics ---
3 packets transmitted, 0 received, 100% packet loss, time 2043ms
""")
    assert d.interrupted is False and d.loss_percent == 100.0 and d.replies == ()


def test_sigquit_status_line_is_known() -> None:
    d = data("""\
64 bytes from 198.51.100.20: icmp_seq=3 ttl=63 time=0.074 ms
3/3 packets, 0% loss, min/avg/ewma/max = 0.057/0.068/0.061/0.075 ms
64 bytes from 198.51.100.20: icmp_seq=4 ttl=63 time=0.065 ms
""")
    assert [r.line for r in d.replies] == [1, 3]


# ------------------------------------------------------------- robustness

def test_unknown_lines_are_reported_not_fatal() -> None:
    result = parse("""\
PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.
64 bytes from 192.0.2.1: icmp_seq=1 ttl=64 time=0.3 ms
this line is not ping output
64 bytes from 192.0.2.1: icmp_seq=2 ttl=64 time=0.4 ms
""", first=20)
    assert result.unparsed == (22,)
    assert [r.line for r in result.data.replies] == [21, 23]


def test_garbled_header_is_reported_but_still_names_the_target() -> None:
    result = parse("PING server.example (")
    assert result.unparsed == (1,) and result.data.target == "server.example"
    assert result.data.header_line == 1


def test_indented_and_crlf_free_lines() -> None:
    d = data("   64 bytes from 192.0.2.1: icmp_seq=1 ttl=64 time=0.3 ms   \n\t\n"
             "  From 192.0.2.10 icmp_seq=2 Destination Host Unreachable")
    assert d.replies[0].line == 1 and d.icmp_errors[0].line == 3


def test_empty_output() -> None:
    d = parse("").data
    assert d.target is None and d.interrupted is False and d.replies == ()


def test_a_long_run_is_one_token_and_keeps_line_numbers() -> None:
    n = 5000
    text = "PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.\n" + "\n".join(
        f"64 bytes from 192.0.2.1: icmp_seq={i} ttl=64 time=0.{i % 1000:03d} ms"
        if i % 10 else f"no answer yet for icmp_seq={i}" for i in range(1, n + 1))
    lark, _ = ping._PARSER._compiled()
    assert len(list(lark.lex(text))) == 2  # the header and one run
    d = data(text, first=100)
    assert len(d.replies) == n - n // 10 and len(d.timeouts) == n // 10
    assert (d.replies[0].line, d.replies[-1].line) == (101, 100 + n - 1)
    assert d.timeout_lines[-1] == 100 + n and d.replies[-1].seq == n - 1


@pytest.mark.parametrize("args", [
    (3, 1, "192.0.2.1", 64, 0.3, True, 64, 1.5, "gw.example", ("duplicate",)),
    (4, None, None, None, None, False, None, None, None, ()),
])
def test_reply_builder_matches_the_dataclass(args: tuple[Any, ...]) -> None:
    built = ping._reply(*args)
    assert built == PingReply(line=args[0], seq=args[1], source=args[2], ttl=args[3],
                              time_ms=args[4], duplicate=args[5], bytes=args[6],
                              timestamp=args[7], source_name=args[8], flags=args[9])
    assert type(built) is PingReply and hash(built) == hash(replace(built))
    with pytest.raises(AttributeError):
        built.seq = 9  # type: ignore[misc]


# ------------------------------------------------------------- command line

@pytest.mark.parametrize(("command", "target"), [
    ("ping 192.0.2.1", "192.0.2.1"),
    ("ping -c 3 -W 1 server.example", "server.example"),
    ("ping -c3 -i 0.2 -s 1400 -M do 192.0.2.1", "192.0.2.1"),
    ("ping -nc 3 192.0.2.1", "192.0.2.1"),
    ("ping -I eth0 -t 1 -w 5 -p ff -Q 0x10 -S 2048 -l 3 -m 7 2001:db8::1", "2001:db8::1"),
    ("ping6 -F 0x1 -N name fe80::1%eth0", "fe80::1%eth0"),
    ("/usr/bin/ping -4 -Dn -O 192.0.2.1 > log.txt", "192.0.2.1"),
    ("ping -c 2 -- 192.0.2.1", "192.0.2.1"),
    ("ping -c 3", None),
    ("ping", None),
])
def test_target_from_argv(command: str, target: str | None) -> None:
    assert ping.target_from_argv(shlex.split(command)) == target


# ------------------------------------------------------------- contract

def test_json_names_of_the_contract_fields() -> None:
    def names(cls: type) -> set[str]:
        return {f.metadata.get("json", f.name) for f in fields(cls)}

    assert names(PingData) >= {
        "target", "target_ip", "transmitted", "received", "errors", "duplicates",
        "loss_percent", "rtt_min_ms", "rtt_avg_ms", "rtt_max_ms", "rtt_mdev_ms", "replies",
        "icmp_errors", "timeouts", "interrupted"}
    assert names(PingReply) >= {"seq", "from", "ttl", "time_ms", "duplicate"}
    assert names(IcmpError) >= {"seq", "from", "type"}


# ------------------------------------------------------------- fixtures

FIXTURE_FILES = sorted(FIXTURES.glob("*.out"))
_BARE_ADDRESS = re.compile(r"[0-9A-Fa-f:.]+|\S+ \([0-9A-Fa-f:.]+\)")


def _fixture(path: Path) -> tuple[list[Line], tuple[str, ...]]:
    raw = path.read_text(encoding="utf-8").split("\n")
    argv: tuple[str, ...] = ()
    start = 1
    if raw and raw[0].startswith("$ "):
        argv = tuple(shlex.split(raw[0][2:]))
        raw, start = raw[1:], 2
    words = [w for w in argv if "=" not in w]  # `LC_ALL=de_DE.UTF-8 ping ...`
    return [Line(start + i, t) for i, t in enumerate(raw)], tuple(words)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_fixture_reads_completely(path: Path) -> None:
    lines, argv = _fixture(path)
    result = ping.parse(lines, argv)
    assert result.unparsed == ()
    d = result.data
    assert d.target is not None
    assert d.replies or d.icmp_errors or d.local_errors or d.transmitted is not None
    for line in lines:
        text = line.text.strip()
        if text and not _BARE_ADDRESS.fullmatch(text):  # -R's continuation lines
            assert ping.SHAPE.match(text), text
            assert bool(ping.HEADER.match(text)) == text.startswith("PING "), text


def test_fixtures_cover_the_main_cases() -> None:
    got = {p.name: ping.parse(*_fixture(p)).data for p in FIXTURE_FILES}
    assert len(got) >= 40
    assert got["lab--interrupted.out"].interrupted is True
    assert got["lab--timeout.out"].interrupted is False
    assert got["lab--outstanding.out"].timeouts == (2, 4)
    assert got["lab--redirect-host.out"].icmp_errors[0].nexthop == "192.0.2.2"
    assert got["lab--ping6-packet-too-big.out"].icmp_errors[0].mtu == 1400
    assert got["lab--name-not-known.out"].local_errors[0].type == "name_unknown"
    assert got["lab--name-not-known.out"].target == "db.example"
    assert got["lab--connect-network-unreachable.out"].target_ip == "203.0.113.5"
    assert got["lab--connect-prohibit.out"].local_errors[0].type == "broadcast_or_firewall"
    assert got["lab--dup.out"].duplicates == 2
    assert sum(r.duplicate for r in got["jc-centos-7.7--ping-ip-dup.out"].replies) == 19
    assert got["jc-ubuntu-18.04--ping6-ip-O-D-p.out"].timeouts == (4, 11, 13, 14, 17)
    assert got["lab--locale-de.out"].loss_percent == pytest.approx(33.3333)
    assert got["lab--status-sigquit.out"].interrupted is True
    assert got["lab--from-interface.out"].interface == "e0"
    assert got["lab--ping6-hostname.out"].target_ip == "2001:db8:2::20"

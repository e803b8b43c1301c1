"""GNU inetutils' ping and traceroute: whole sessions recorded in the lab.

fixtures/dialects/inetutils/<scenario>.txt are what a user of a system that ships
inetutils pastes for a lab scenario (recorded by fixtures/dialects/traceroute/record.sh).
Its ping prints BSD's lines (the `bsd` dialect reads them, `busybox` when only the header
and counts are printed: the two share those lines), its traceroute the Linux header and
hop lines, and both print their own local errors.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden import FIXTURES
from lines import lines

from analyzer.api import analyze_record
from analyzer.parse import ParsedBlock, parse_bytes
from analyzer.parsers import traceroute
from analyzer.parsers.local_errors import classify
from analyzer.records import PingData, TracerouteData

FOLDER = FIXTURES / "dialects" / "inetutils"
SCENARIOS = json.loads((FOLDER / "scenarios.json").read_text(encoding="utf-8"))
LAB = {s["name"]: s["expected_segment"] for s in json.loads(
    (FIXTURES / "lab" / "scenarios.json").read_text(encoding="utf-8"))["scenarios"]}


def blocks(name: str) -> list[ParsedBlock]:
    result = parse_bytes((FOLDER / name).read_bytes())
    assert not result.unrecognised, result.unrecognised
    return list(result.blocks)


def ping_of(name: str) -> PingData:
    data = next(b.data for b in blocks(name) if b.kind == "ping")
    assert isinstance(data, PingData)
    return data


def trace_of(name: str) -> TracerouteData:
    data = next(b.data for b in blocks(name) if b.kind == "traceroute")
    assert isinstance(data, TracerouteData)
    return data


@pytest.mark.parametrize(("name", "scenario"), sorted(SCENARIOS.items()))
def test_session_reads_whole_and_gives_the_labs_verdict(name: str, scenario: str) -> None:
    text = (FOLDER / name).read_text(encoding="utf-8")
    found = blocks(name)
    assert [b.kind for b in found] == [
        {"ping": "ping", "traceroute": "traceroute", "ip": "ip_route"}[line.split()[2]]
        for line in text.splitlines() if line.startswith("[root@client ~]# ")]
    assert all(b.unparsed == () for b in found)
    record = analyze_record(text.encode())
    assert record is not None
    assert record["verdict"]["segment"] == LAB[scenario]
    lab = json.loads((FIXTURES / "lab" / f"{scenario}.analysis.en.json").read_text("utf-8"))
    assert record["verdict"]["rule"] == lab["verdict"]["rule"] or scenario == "path-timeout"


def test_path_timeout_without_a_gateway_ping_is_read_from_the_traceroute() -> None:
    # The lab's Linux session also pings the gateway (P001); this one has only the trace.
    record = analyze_record((FOLDER / "path-timeout.txt").read_bytes())
    assert record is not None
    finding = record["findings"][0]
    assert (record["verdict"]["rule"], finding["rule"]) == ("P004", "P004")
    assert [e["line"] for e in finding["evidence"]] == [5, 8, 9]  # command, hop 2, hop 3
    assert "hop 2 (198.51.100.2)" in finding["message"]


def test_healthy_ping_counts_from_sequence_zero() -> None:
    data = ping_of("healthy.txt")
    assert [r.seq for r in data.replies] == [0, 1, 2, 3]
    assert (data.transmitted, data.received, data.loss_percent) == (4, 4, 0.0)
    assert (data.rtt_min_ms, data.rtt_max_ms) == (0.086, 0.102)


def test_icmp_errors_name_their_sender() -> None:
    filtered = ping_of("access-admin-prohibited.txt").icmp_errors
    assert {(e.source, e.source_name, e.type) for e in filtered} == {
        ("198.51.100.6", "gw-s.example", "admin_prohibited")}
    assert [e.line for e in filtered] == [3, 4, 5, 6]
    net = ping_of("path-net-unreachable.txt").icmp_errors
    assert {(e.source, e.type) for e in net} == {("198.51.100.2", "net_unreachable")}


def test_traceroute_times_without_a_space_before_ms() -> None:
    hops = trace_of("path-host-unreachable.txt").hops
    assert [h.ttl for h in hops] == [1, 2, 3, 4]
    assert [(p.ip, p.rtt_ms, p.annotation) for p in hops[3].probes] == [
        ("198.51.100.6", 3055.804, "!H"), ("198.51.100.6", 3072.022, "!H"),
        ("198.51.100.6", 3071.654, "!H")]


def test_no_route_errors_of_both_tools_are_local() -> None:
    ping = ping_of("host-no-route.txt")
    assert [(e.line, e.type, e.syscall) for e in ping.local_errors] == [
        (5, "network_unreachable", None)]
    trace = trace_of("host-no-route.txt")
    assert trace.hops == ()
    assert [(e.line, e.type, e.syscall, e.message) for e in trace.local_errors] == [
        (8, "network_unreachable", "sendto", "traceroute: sendto: Network is unreachable")]


def test_unknown_host_without_a_name() -> None:
    assert [(e.line, e.type) for e in ping_of("host-dns-unknown-name.txt").local_errors] == [
        (2, "name_unknown")]
    assert [(e.line, e.type) for e in trace_of("host-dns-unknown-name.txt").local_errors] == [
        (4, "name_unknown")]


def test_a_hop_numbered_local_error_is_not_a_hop() -> None:
    result = traceroute.parse(lines(
        "traceroute to 203.0.113.10 (203.0.113.10), 8 hops max\n"
        "  1  traceroute: sendto: No route to host"), ())
    assert result.unparsed == ()
    assert result.data.hops == ()
    assert [(e.line, e.type) for e in result.data.local_errors] == [(2, "host_unreachable")]
    assert traceroute.SHAPE.match("1  traceroute: sendto: No route to host")


@pytest.mark.parametrize(("message", "expected"), [
    ("ping: sending packet: Network is unreachable", ("network_unreachable", None)),
    ("ping: sendto: No route to host", ("host_unreachable", "sendto")),
    ("sendmsg: Operation not permitted", ("operation_not_permitted", "sendmsg")),
    ("ping: unknown host", ("name_unknown", None)),
    ("ping: server.invalid: Temporary failure in name resolution",
     ("name_temporary_failure", None)),
    ("ping: something else happened", None),
])
def test_classify_reads_the_last_part(message: str,
                                      expected: tuple[str, str | None] | None) -> None:
    assert classify(message) == expected


def test_every_session_is_listed() -> None:
    assert {p.name for p in FOLDER.glob("*.txt")} == set(SCENARIOS)
    assert set(SCENARIOS.values()) <= set(LAB)
    assert Path(FOLDER / "README.md").is_file()

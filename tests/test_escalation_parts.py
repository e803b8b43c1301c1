"""The escalation's parts on small pastes: time window, host facts, commands copy, traces."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from analyzer.diagnose.engine import diagnose
from analyzer.diagnose.facts import derive
from analyzer.diagnose.state import build_states
from analyzer.escalation.build import describe_trace
from analyzer.escalation.commands import command_entries
from analyzer.escalation.hostinfo import lldp_neighbours, switch_port, vlan_id
from analyzer.escalation.model import Escalation
from analyzer.escalation.timewindow import parse_date_output, time_window
from analyzer.parse import ParseResult, parse_bytes
from analyzer.records import TracerouteData


def _parse(text: str) -> ParseResult:
    return parse_bytes(text.encode())


def _window(text: str) -> tuple[str, int, bool] | None:
    t = _parse(text).transcript
    w = time_window(t.lines, t.invocations, "zone?")
    return (w.text, w.first_line, w.has_date) if w else None


def _escalation(text: str, lang: str = "en") -> Escalation:
    esc = diagnose(_parse(text), lang=lang).escalation
    assert esc is not None
    return esc


@pytest.mark.parametrize(("line", "utc", "zone"), [
    ("Thu Nov 26 06:18:30 UTC 2026", "2026-11-26 06:18:30", "UTC"),
    ("Thu Nov 26 03:17:12 PM JST 2026", "2026-11-26 06:17:12", "JST"),
    ("2026年 11月 26日 木曜日 15:17:12 JST", "2026-11-26 06:17:12", "JST"),
    ("2026年11月26日 木曜日 15時17分12秒 JST", "2026-11-26 06:17:12", "JST"),
    ("Thu, 26 Nov 2026 15:17:12 +0900", "2026-11-26 06:17:12", "UTC+09:00"),
    ("2026-11-26T15:17:12+09:00", "2026-11-26 06:17:12", "UTC+09:00"),
    ("2026-11-26 06:17:12Z", "2026-11-26 06:17:12", "UTC"),
])
def test_date_output_layouts(line: str, utc: str, zone: str) -> None:
    found = parse_date_output(line)
    assert found is not None
    when, label = found
    assert when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") == utc
    assert label == zone


def test_unknown_zone_keeps_the_printed_time() -> None:
    found = parse_date_output("Thu 26 Nov 2026 03:17:12 PM CST")
    assert found is not None and found[0].tzinfo is None and found[1] == "CST"
    assert found[0].hour == 15
    assert parse_date_output("not a date at all") is None


def test_window_spans_date_outputs_of_two_zones_in_the_first_zone() -> None:
    text = ("[root@a ~]# date\nThu Nov 26 15:10:00 JST 2026\n"
            "[root@b ~]# date\nThu Nov 26 07:40:00 UTC 2026\n")
    assert _window(text) == ("2026-11-26 15:10–16:40 JST", 2, True)


def test_window_from_ping_timestamps_is_utc() -> None:
    epoch = datetime(2026, 11, 26, 23, 59, 30, tzinfo=UTC).timestamp()
    later = epoch + 90
    text = (f"$ ping -D -c 2 192.0.2.1\nPING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.\n"
            f"[{epoch:.6f}] 64 bytes from 192.0.2.1: icmp_seq=1 ttl=64 time=0.1 ms\n"
            f"[{later:.6f}] 64 bytes from 192.0.2.1: icmp_seq=2 ttl=64 time=0.1 ms\n")
    assert _window(text) == ("2026-11-26 23:59 – 2026-11-27 00:01 UTC", 3, True)


def test_prompt_timestamps_take_the_zone_of_date() -> None:
    text = ("[2026-11-26 09:58:00] $ date\nThu Nov 26 09:58:00 JST 2026\n"
            "[2026-11-26 11:05:10] $ ip route show\ndefault via 192.0.2.1 dev eth0\n")
    # The `date` output and the prompt show the same second: the `date` line is cited.
    assert _window(text) == ("2026-11-26 09:58–11:05 JST", 2, True)


def test_prompt_timestamps_alone_have_no_zone() -> None:
    text = "[2026-11-26 09:58:00] $ ip route show\ndefault via 192.0.2.1 dev eth0\n"
    assert _window(text) == ("2026-11-26 09:58 (zone?)", 1, True)


def test_time_without_a_date_is_reported_missing() -> None:
    text = ("[10:00:01] $ ping -c 1 203.0.113.10\nPING 203.0.113.10 (203.0.113.10) 56(84) bytes "
            "of data.\n\n--- 203.0.113.10 ping statistics ---\n1 packets transmitted, 0 received,"
            " 100% packet loss, time 0ms\n\n[10:00:05] $ ip route show\ndefault via 192.0.2.1 dev "
            "eth0\n192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.10\n[10:00:09] $ ping"
            " -c 1 192.0.2.1\nPING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.\n64 bytes from "
            "192.0.2.1: icmp_seq=1 ttl=64 time=0.1 ms\n\n--- 192.0.2.1 ping statistics ---\n1 "
            "packets transmitted, 1 received, 0% packet loss, time 0ms\n")
    assert _window(text) == ("10:00 (zone?)", 1, False)
    item = next(i for i in _escalation(text).items if i.key == "time_window")
    assert (item.status, item.value) == ("missing", "10:00 (time zone not shown)")
    assert item.hint == "the date is not in the paste: add it"


def test_no_time_at_all() -> None:
    assert _window("$ ip route show\ndefault via 192.0.2.1 dev eth0\n") is None


L2_VLAN_BY_NAME = """\
[root@app01 ~]# ping -c 2 192.0.2.1
PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.
From 10.1.100.5 icmp_seq=1 Destination Host Unreachable
From 10.1.100.5 icmp_seq=2 Destination Host Unreachable

--- 192.0.2.1 ping statistics ---
2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 1001ms
[root@app01 ~]# ip route show
default via 10.1.100.1 dev vlan100 proto static metric 100
10.1.100.0/22 dev vlan100 proto kernel scope link src 10.1.100.5 metric 100
[root@app01 ~]# ping -c 2 10.1.100.1
PING 10.1.100.1 (10.1.100.1) 56(84) bytes of data.

--- 10.1.100.1 ping statistics ---
2 packets transmitted, 0 received, 100% packet loss, time 1001ms
[root@app01 ~]# ip neigh show
10.1.100.1 dev vlan100 FAILED
[root@app01 ~]# networkctl lldp
LINK   CHASSIS ID        SYSTEM NAME  CAPS        PORT ID     PORT DESCRIPTION
eno1   00:00:5e:00:53:aa sw-b2-07     ..b........ Gi1/0/7     to app01
eno2   00:00:5e:00:53:bb sw-b2-08     ..b........ Gi1/0/8     to app01 (backup)

2 neighbors listed.
"""


def test_vlan_from_the_interface_name_and_prefix_from_the_link_route() -> None:
    esc = _escalation(L2_VLAN_BY_NAME)
    items = {i.key: i for i in esc.items}
    assert esc.kind == "l2"
    assert (items["source.vlan"].value, items["source.vlan"].source_line) == ("100 (vlan100)", 9)
    assert items["source.address"].value == "10.1.100.5/22 (10.1.100.5 255.255.252.0, vlan100)"
    assert items["source.address"].source_line == 10
    # networkctl shows two links, none of them vlan100's: the first row is not guessed as its.
    assert items["source.switch"].status == "missing"


def test_networkctl_lldp_rows() -> None:
    result = _parse(L2_VLAN_BY_NAME)
    entry = next(e for e in command_entries(result.transcript) if e.program == "networkctl")
    rows = [(n.link, n.name.value, n.name.line, n.port) for n in lldp_neighbours(entry)]
    assert rows == [("eno1", "sw-b2-07", 20, "Gi1/0/7"), ("eno2", "sw-b2-08", 21, "Gi1/0/8")]


def test_switch_port_on_the_default_routes_link() -> None:
    text = L2_VLAN_BY_NAME.replace("vlan100", "eno2")
    result = _parse(text)
    f = derive(build_states(result)[0])
    found = switch_port(f, command_entries(result.transcript))
    assert found is not None and (found.value, found.line) == ("sw-b2-08 Gi1/0/8", 21)
    assert vlan_id(f) is None


def test_vlan_number_out_of_range_is_no_vlan() -> None:
    result = _parse(L2_VLAN_BY_NAME.replace("vlan100", "eth0.5000"))
    assert vlan_id(derive(build_states(result)[0])) is None


def test_commands_copy_runs_to_the_next_prompt_and_keeps_unknown_commands() -> None:
    text = ("user@web01:~$ uptime\n 10:00:01 up 3 days,  1:02,  1 user,  load average: 0.00\n"
            "user@web01:~$ ip route show\ndefault via 192.0.2.1 dev eth0\n\n\n"
            "user@web01:~$ \n"
            "64 bytes from 192.0.2.1: icmp_seq=1 ttl=64 time=0.1 ms\n")
    entries = command_entries(_parse(text).transcript)
    assert [(e.line, e.command, [ln.no for ln in e.lines]) for e in entries] == [
        (1, "uptime", [1, 2]), (3, "ip route show", [3, 4]), (8, None, [8])]
    assert entries[1].text == "user@web01:~$ ip route show\ndefault via 192.0.2.1 dev eth0"


def test_describe_trace_marks_silence_annotations_and_arrival() -> None:
    result = _parse("$ traceroute -n 203.0.113.10\n"
                    "traceroute to 203.0.113.10 (203.0.113.10), 30 hops max, 60 byte packets\n"
                    " 1  * * *\n 2  198.51.100.1  1.0 ms  198.51.100.9  1.1 ms  1.2 ms\n"
                    " 3  203.0.113.10  2.0 ms !X  2.1 ms !X  2.2 ms !X\n")
    data = result.blocks[0].data
    assert isinstance(data, TracerouteData)
    assert describe_trace(data, "en") == ("(no reply at hop 1) → 198.51.100.1/198.51.100.9 → "
                                          "203.0.113.10 !X [reached]")
    assert describe_trace(data, "ja") == ("(ホップ1は応答なし) → 198.51.100.1/198.51.100.9 → "
                                          "203.0.113.10 !X [到達]")


def test_destination_named_in_the_ping_is_its_name() -> None:
    text = ("[root@app01 ~]# ping -c 2 db.example.net\n"
            "PING db.example.net (203.0.113.10) 56(84) bytes of data.\n\n"
            "--- db.example.net ping statistics ---\n"
            "2 packets transmitted, 0 received, 100% packet loss, time 1001ms\n"
            "[root@app01 ~]# ip route show\ndefault via 192.0.2.1 dev eth0\n"
            "192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.10\n"
            "[root@app01 ~]# ping -c 1 192.0.2.1\nPING 192.0.2.1 (192.0.2.1) 56(84) bytes of "
            "data.\n64 bytes from 192.0.2.1: icmp_seq=1 ttl=64 time=0.1 ms\n\n"
            "--- 192.0.2.1 ping statistics ---\n"
            "1 packets transmitted, 1 received, 0% packet loss, time 0ms\n")
    items = {i.key: i for i in _escalation(text).items}
    assert (items["destination.name"].value, items["destination.name"].source_line) == (
        "db.example.net", 1)
    assert items["destination.address"].value == "203.0.113.10"
    assert items["path.forward"].hint == "run `traceroute -n 203.0.113.10` on app01"


def test_timezone_offsets_are_kept_exact() -> None:
    found = parse_date_output("2026-11-26T15:17:12+05:30")
    assert found is not None
    assert found[0].utcoffset() == timedelta(hours=5, minutes=30) and found[1] == "UTC+05:30"

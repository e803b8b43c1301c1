"""Next steps use the host's own tools when the paste came from Windows or macOS."""

from __future__ import annotations

import pytest

from analyzer.diagnose.engine import diagnose
from analyzer.diagnose.platform import localise
from analyzer.parse import parse_bytes


@pytest.mark.parametrize(
    ("command", "platform", "expected"),
    [
        ("ip route show", "windows", "route print"),
        ("ip neigh show", "bsd", "arp -an"),
        ("ip address show", "windows", "ipconfig /all"),
        ("ping -c 4 192.0.2.1", "windows", "ping -n 4 192.0.2.1"),
        ("traceroute -n 203.0.113.10", "windows", "tracert -d 203.0.113.10"),
        ("traceroute -n 203.0.113.10", "linux", "traceroute -n 203.0.113.10"),
        ("cat /etc/resolv.conf", "windows", "cat /etc/resolv.conf"),
    ],
)
def test_localise(command: str, platform: str, expected: str) -> None:
    assert localise(command, platform) == expected


WINDOWS_TIMEOUT = """\
C:\\Users\\taro>ping 203.0.113.10

Pinging 203.0.113.10 with 32 bytes of data:
Request timed out.
Request timed out.

Ping statistics for 203.0.113.10:
    Packets: Sent = 2, Received = 0, Lost = 2 (100% loss),
"""


def test_windows_host_is_asked_for_route_print() -> None:
    report = diagnose(parse_bytes(WINDOWS_TIMEOUT.encode()))
    assert report.verdict.rule == "U002"
    assert report.next_steps[0].command == "route print"

"""The `route -n` / `netstat -rn` parser (net-tools, BusyBox, BSD).

Unless noted, the lines come from fixtures/parse/route_table/ (see SOURCES.md there):
net-tools and BusyBox recorded in network namespaces, macOS and FreeBSD from jc's fixtures.
The mapping onto `ip route` records is in docs/dialects.md.
"""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path

import pytest
from lines import fixture_lines, lines

from analyzer.diagnose.facts import lookup
from analyzer.parsers import ip_route
from analyzer.parsers.addrfmt import mask_prefixlen
from analyzer.parsers.route_table import BSD_SHAPE, NET_TOOLS_SHAPE, SHAPE, parse
from analyzer.reader.commands import parse_command
from analyzer.records import Route, RouteData
from analyzer.transcript import Line

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parse" / "route_table"


def read(text: str) -> RouteData:
    result = parse(lines(text), ())
    assert result.unparsed == ()
    return result.data


def fixture(name: str) -> tuple[tuple[str, ...], list[Line]]:
    """A fixture's command (from its `$ ` line, if any) and its output lines."""
    return fixture_lines(FIXTURES / name)


def routes(name: str) -> tuple[Route, ...]:
    argv, out = fixture(name)
    result = parse(out, argv)
    assert result.unparsed == ()
    return result.data.routes


def summary(found: tuple[Route, ...]) -> list[tuple[object, ...]]:
    return [(r.dst, r.type, r.via, r.dev, r.metric) for r in found]


LAB = [
    ("default", "unicast", "192.0.2.1", "ens192", 100),
    ("192.0.2.0/24", "unicast", None, "ens192", 0),
    ("192.0.2.77", "unicast", None, "ens192", 0),
    ("198.51.100.0/25", "unreachable", None, None, 0),
    ("198.51.100.128/25", "unreachable", None, None, 0),
    ("203.0.113.0/25", "unicast", "192.0.2.1", "ens192", 5),
    ("203.0.113.128/25", "blackhole", None, None, 0),
]


# ------------------------------------------------------------------ net-tools


def test_route_n() -> None:
    found = routes("lab--route-n.out")
    assert summary(found) == LAB
    assert found[0] == Route(line=4, dst="default", via="192.0.2.1", dev="ens192", metric=100,
                             flags=("U", "G"))
    assert found[2].flags == ("U", "H")


def test_route_layouts_agree() -> None:
    """`route -nee` adds columns; `netstat -rn` prints MSS instead of the metric."""
    assert summary(routes("lab--route-nee.out")) == LAB
    assert summary(routes("lab--netstat-rn.out")) == [(*r[:4], None) for r in LAB]


def test_route_without_n_keeps_names() -> None:
    found = routes("lab--route-names.out")
    assert [(r.dst, r.via) for r in found][:2] == [("default", "gw-c.example"),
                                                   ("192.0.2.0/24", None)]


def test_ipv6_table() -> None:
    found = routes("lab--route-6.out")
    assert summary(found) == [
        ("2001:db8:10::/64", "unicast", None, "ens192", 256),
        ("fe80::/64", "unicast", None, "ens192", 256),
        ("default", "unicast", "2001:db8:10::1", "ens192", 100),
        ("::1", "unicast", None, "lo", 0),
        ("2001:db8:10::10", "unicast", None, "ens192", 0),
        ("fe80::200:5eff:fe00:5310", "unicast", None, "ens192", 0),
        ("ff00::/8", "unicast", None, "ens192", 256),
        ("default", "unreachable", None, "lo", 4294967295),  # printed `-1`
    ]
    # the kernel's unreachable ::/0 (metric -1, i.e. 4294967295) loses to the real default
    chosen = lookup(list(found), ipaddress.ip_address("2001:db8:20::10"))
    assert chosen is not None and chosen.via == "2001:db8:10::1"


def test_busybox_tables() -> None:
    """BusyBox prints reject routes with `0.0.0.0` and `*`, and its own IPv6 columns."""
    assert summary(routes("busybox--route-n.out")) == LAB
    assert summary(routes("busybox--route-inet6.out")) == summary(routes("lab--route-6.out"))


def test_rows_pasted_without_their_titles() -> None:
    found = read(
        "0.0.0.0         192.0.2.1       0.0.0.0         UG    100    0        0 ens192\n"
        "::/0                           2001:db8:10::1             UG   100 1      0 ens192\n"
        "default            192.0.2.1          UGScg                 en0       ").routes
    # without the titles the fifth column of a Linux IPv4 row may be a metric or an MSS
    assert summary(found) == [("default", "unicast", "192.0.2.1", "ens192", None),
                              ("default", "unicast", "2001:db8:10::1", "ens192", 100),
                              ("default", "unicast", "192.0.2.1", "en0", None)]


# ------------------------------------------------------------------------ BSD


def test_macos_short_destinations_and_gateways() -> None:
    by_line = {r.line: r for r in routes("jc-osx-10.14.6--netstat-rnl.out")}
    assert [(by_line[n].dst, by_line[n].via, by_line[n].dev) for n in (5, 6, 8, 9, 31)] == [
        ("default", "192.168.1.254", "en0"), ("127.0.0.0/8", None, "lo0"),
        ("169.254.0.0/16", None, "en0"), ("192.168.1.0/24", None, "en0"),
        ("224.0.0.0/4", None, "en0")]
    cloned = by_line[24]  # an ARP entry in the table: a MAC as gateway, no `G`
    assert (cloned.dst, cloned.via, cloned.flags, cloned.mtu, cloned.expires) == (
        "192.168.1.254", None, tuple("UHLWIir"), 1500, 1200)
    assert (by_line[25].type, by_line[31].type, by_line[32].type) == (
        "broadcast", "multicast", "multicast")
    v6 = by_line[38]
    assert (v6.dst, v6.via, v6.dev) == ("default", "fe80::feae:34ff:fea1:3a80", "en0")
    assert (by_line[54].dst, by_line[53].dst) == ("fe80::/64", "fe80::1")


def test_freebsd_reject_routes_and_names() -> None:
    found = routes("jc-freebsd12--netstat-r.out")
    assert summary(found)[:4] == [("default", "unicast", "192.168.71.2", "em0", None),
                                  ("localhost", "unicast", None, "lo0", None),
                                  ("192.168.71.0/24", "unicast", None, "em0", None),
                                  ("192.168.71.163", "unicast", None, "lo0", None)]
    assert [r.type for r in found if "R" in r.flags] == ["unreachable"] * 4


def test_macos_current_layout() -> None:
    """Shape of `netstat -rn` on current macOS (no `Refs`/`Use` columns)."""
    found = read(
        "Routing tables\n\nInternet:\n"
        "Destination        Gateway            Flags               Netif Expire\n"
        "default            192.0.2.1          UGScg                 en0       \n"
        "192.0.2            link#4             UCS                   en0      !\n"
        "192.0.2.1/32       link#4             UCS                   en0      !\n"
        "192.0.2.1          0:0:5e:0:53:1      UHLWIir               en0   1187\n"
        "198.51.100/25      192.0.2.254        UGSc                  en0       ").routes
    assert summary(found) == [("default", "unicast", "192.0.2.1", "en0", None),
                              ("192.0.2.0/24", "unicast", None, "en0", None),
                              ("192.0.2.1", "unicast", None, "en0", None),
                              ("192.0.2.1", "unicast", None, "en0", None),
                              ("198.51.100.0/25", "unicast", "192.0.2.254", "en0", None)]
    assert found[3].expires == 1187


# ------------------------------------------------------------------- unknown


def test_rows_that_do_not_fit_their_columns_are_reported() -> None:
    result = parse(lines(
        "Kernel IP routing table\n"
        "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"
        "0.0.0.0         192.0.2.1       0.0.0.0         UG    100    0        0 ens192 extra\n"
        "192.0.2.0       0.0.0.0         255.255.255.0   U     0      0\n"
        "192.0.2.0       0.0.0.0         bogus           U     0      0        0 ens192\n"
        "SIOCADDRT: Network is unreachable"), ())
    assert (result.unparsed, result.data.routes) == ((3, 4, 5, 6), ())


def test_netmasks() -> None:
    assert [mask_prefixlen(m) for m in ("255.255.255.0", "0xffffff00", "0.0.0.0",
                                        "255.0.255.0", "garbage")] == [24, 24, 0, None, None]


def test_every_fixture_reads_cleanly() -> None:
    for path in sorted(FIXTURES.glob("*.out")):
        argv, out = fixture(path.name)
        assert parse(out, argv).unparsed == (), path.name


def test_commands_that_print_a_table() -> None:
    kinds = {c: parse_command(c).kind for c in (
        "route -n", "route", "netstat -rn", "netstat -nr", "netstat --route", "route print",
        "netstat -r -f inet", "netstat --program", "netstat -tlnp", "route add default gw x")}
    assert kinds == {"route -n": "ip_route", "route": "ip_route", "netstat -rn": "ip_route",
                     "netstat -nr": "ip_route", "netstat --route": "ip_route",
                     "route print": "ip_route", "netstat -r -f inet": "ip_route",
                     "netstat --program": None, "netstat -tlnp": None,
                     "route add default gw x": None}


# -------------------------------------------------------------------- shapes


@pytest.mark.parametrize(("name", "shape"), [
    ("lab--route-n.out", NET_TOOLS_SHAPE), ("lab--route-nee.out", NET_TOOLS_SHAPE),
    ("lab--netstat-rn.out", NET_TOOLS_SHAPE), ("lab--route-6.out", NET_TOOLS_SHAPE),
    ("lab--route-names.out", NET_TOOLS_SHAPE), ("busybox--route-n.out", NET_TOOLS_SHAPE),
    ("busybox--route-inet6.out", NET_TOOLS_SHAPE),
    ("jc-osx-10.14.6--netstat-rnl.out", BSD_SHAPE), ("jc-freebsd12--netstat-r.out", BSD_SHAPE),
])
def test_dialect_shape_matches_every_output_line(name: str, shape: re.Pattern[str]) -> None:
    for line in fixture(name)[1]:
        text = line.text.strip()
        if text:
            assert shape.match(text) and SHAPE.match(text), (name, text)


@pytest.mark.parametrize("text", [
    "default via 192.0.2.1 dev ens192 proto static metric 100",
    "192.0.2.1 dev ens192 lladdr 00:00:5e:00:53:01 REACHABLE",
    " 1  192.0.2.1  0.215 ms  0.180 ms  0.170 ms",
    "          0.0.0.0          0.0.0.0        192.0.2.1       192.0.2.10     25",
    "Unix domain sockets were used",
])
def test_shape_rejects_other_outputs(text: str) -> None:
    assert SHAPE.match(text.strip()) is None


def test_iproute2_shape_leaves_these_tables_alone() -> None:
    for name in ("lab--route-n.out", "lab--route-6.out", "jc-osx-10.14.6--netstat-rnl.out"):
        for line in fixture(name)[1]:
            assert ip_route.SHAPE.match(line.text.strip()) is None, line.text

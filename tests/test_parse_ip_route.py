"""The `ip route` parser, called directly on real output lines.

Unless noted, the lines come from fixtures/parse/ip_route/ (see SOURCES.md there): iproute2
6.1 recorded in network namespaces, the troubleshooting guide's example, and jc's CentOS 7.7
output. Lines marked "older iproute2" have the shape that versions before 4.x printed (two
spaces before `proto`, `scope`, `src`, `metric`), as found in pastes of the time.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from lines import fixture_lines, lines

from analyzer.parsers import ip_neigh
from analyzer.parsers.ip_route import (
    _NO_FILL,
    HEADER,
    SHAPE,
    _fill_from,
    _line_route,
    parse,
)
from analyzer.records import Nexthop, Route, RouteData
from analyzer.transcript import Line

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parse" / "ip_route"


def read(text: str, argv: tuple[str, ...] = (), first: int = 1) -> RouteData:
    result = parse(lines(text, first), argv)
    assert result.unparsed == ()
    return result.data


def fixture(name: str) -> tuple[tuple[str, ...], list[Line]]:
    """A fixture's command (from its `$ ` line, if any) and its output lines."""
    return fixture_lines(FIXTURES / name)


def by_dst(data: RouteData) -> dict[str, Route]:
    return {r.dst: r for r in data.routes}


# --------------------------------------------------------------- main table


def test_guide_example() -> None:
    data = read(
        "default via 192.0.2.1 dev ens192 proto static metric 100\n"
        "192.0.2.0/24 dev ens192 proto kernel scope link src 192.0.2.123 metric 100",
        ("ip", "route", "show"), first=2,
    )
    default, connected = data.routes
    assert default == Route(line=2, dst="default", via="192.0.2.1", dev="ens192",
                            proto="static", metric=100)
    assert connected == Route(line=3, dst="192.0.2.0/24", dev="ens192", proto="kernel",
                              scope="link", src="192.0.2.123", metric=100)
    assert default.type == "unicast"
    assert default.flags == ()


def test_lab_main_table() -> None:
    argv, out = fixture("lab--main.out")
    result = parse(out, argv)
    assert result.unparsed == ()
    routes = result.data.routes
    assert len(routes) == 17  # 21 lines, 4 of them `nexthop` lines
    assert [r.line for r in routes][:4] == [2, 3, 6, 7]
    host = by_dst(result.data)["203.0.113.5"]  # a host route is printed without /32
    assert (host.line, host.via, host.dev) == (19, "192.0.2.1", "nbva0")


def test_types_are_read_before_the_destination() -> None:
    data = read(
        "unreachable 198.51.100.0/25 \n"
        "throw 198.51.100.128/26 \n"
        "prohibit 203.0.113.64/26 \n"
        "blackhole 203.0.113.200/30 "
    )
    assert [(r.type, r.dst, r.line) for r in data.routes] == [
        ("unreachable", "198.51.100.0/25", 1),
        ("throw", "198.51.100.128/26", 2),
        ("prohibit", "203.0.113.64/26", 3),
        ("blackhole", "203.0.113.200/30", 4),
    ]
    assert all(r.via is None and r.dev is None for r in data.routes)


def test_flags() -> None:
    data = read(
        "198.51.100.77 via 192.0.2.254 dev nbva0 onlink \n"
        "203.0.113.0/24 dev nbvc0 proto kernel scope link src 203.0.113.10 metric 100 linkdown \n"
        "172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown"
    )
    onlink, down, docker = data.routes
    assert onlink.flags == ("onlink",)
    assert (onlink.dst, onlink.via) == ("198.51.100.77", "192.0.2.254")
    assert down.flags == ("linkdown",)
    assert down.metric == 100
    assert docker.flags == ("linkdown",)
    assert docker.metric is None


def test_route_attributes_and_metrics() -> None:
    data = read(
        "198.51.100.160/27 via 192.0.2.1 dev nbva0 mtu lock 1400 \n"
        "198.51.100.192/28 via 192.0.2.1 dev nbva0 mtu 1400 rtt 100ms advmss 1360 initcwnd 10 \n"
        "198.51.100.240/29 nhid 12 via 192.0.2.1 dev nbva0 "
    )
    locked, tuned, nhid = data.routes
    assert (locked.mtu, locked.via, locked.dev) == (1400, "192.0.2.1", "nbva0")
    assert (tuned.mtu, tuned.via, tuned.dev) == (1400, "192.0.2.1", "nbva0")
    assert (nhid.via, nhid.dev, nhid.line) == ("192.0.2.1", "nbva0", 3)


# ---------------------------------------------------------------- multipath


LAB_MULTIPATH = "\n".join((  # iproute2 ends these lines with a space
    "default via 192.0.2.1 dev nbva0 proto static metric 100 ",
    "default proto static metric 200 ",
    "\tnexthop via 192.0.2.1 dev nbva0 weight 1 ",
    "\tnexthop via 192.0.2.2 dev nbva0 weight 2 ",
    "192.0.2.0/24 dev nbva0 proto kernel scope link src 192.0.2.10 ",
    "198.51.100.224/28 proto static ",
    "\tnexthop via 192.0.2.1 dev nbva0 weight 1 ",
    "\tnexthop via 198.51.100.34 dev nbvd1 weight 1 dead linkdown ",
))


def test_multipath_nexthops_attach_to_the_route_above() -> None:
    data = read(LAB_MULTIPATH, first=2)
    assert [r.line for r in data.routes] == [2, 3, 6, 7]
    multi = data.routes[1]
    assert (multi.dst, multi.via, multi.dev, multi.proto, multi.metric) == (
        "default", None, None, "static", 200)
    assert multi.nexthops == (
        Nexthop(line=4, via="192.0.2.1", dev="nbva0", weight=1),
        Nexthop(line=5, via="192.0.2.2", dev="nbva0", weight=2),
    )
    assert data.routes[3].nexthops[1] == Nexthop(
        line=9, via="198.51.100.34", dev="nbvd1", weight=1, flags=("dead", "linkdown"))
    assert data.routes[0].nexthops == ()


def test_multipath_with_lost_indentation() -> None:
    data = read("default proto static metric 100\n"
                "nexthop via 192.0.2.1 dev eth0 weight 1\n"
                "nexthop via 192.0.2.2 dev eth1 weight 1")
    (route,) = data.routes
    assert [(h.via, h.dev, h.line) for h in route.nexthops] == [
        ("192.0.2.1", "eth0", 2), ("192.0.2.2", "eth1", 3)]


def test_multipath_oneline() -> None:
    data = read("default proto static metric 200 \\\tnexthop via 192.0.2.1 dev nbva0 weight 1 "
                "\\\tnexthop via 192.0.2.2 dev nbva0 weight 2 ", ("ip", "-o", "route"))
    (route,) = data.routes
    assert (route.dst, route.metric, route.proto) == ("default", 200, "static")
    assert route.nexthops == (
        Nexthop(line=1, via="192.0.2.1", dev="nbva0", weight=1),
        Nexthop(line=1, via="192.0.2.2", dev="nbva0", weight=2),
    )


def test_nexthop_without_its_route_is_reported() -> None:
    result = parse(lines("RTNETLINK answers: File exists\n"
                         "\tnexthop via 192.0.2.1 dev eth0 weight 1"), ())
    assert result.data.routes == ()
    assert result.unparsed == (1, 2)


def test_nh_info_line_of_ip_d() -> None:
    data = read("unicast 198.51.100.240/29 nhid 12 proto boot scope global \n"
                "\tnh_info id 12 via 192.0.2.1 dev nbva0 scope link proto unspec ",
                ("ip", "-d", "route"))
    (route,) = data.routes
    assert (route.type, route.via, route.dev, route.proto, route.scope) == (
        "unicast", "192.0.2.1", "nbva0", "boot", "global")


# --------------------------------------------------------------------- IPv6


def test_ipv6_table() -> None:
    argv, out = fixture("lab--ipv6.out")
    result = parse(out, argv)
    assert result.unparsed == ()
    routes = result.data.routes
    assert routes[0] == Route(line=2, dst="2001:db8:10::/64", dev="nbva0", proto="kernel",
                              metric=256, pref="medium")
    assert (routes[1].via, routes[1].pref) == ("2001:db8:10::1", "high")
    unreachable = by_dst(result.data)["2001:db8:dead::/48"]
    assert (unreachable.type, unreachable.dev, unreachable.metric) == ("unreachable", "lo", 1024)
    ra = routes[-1]
    assert (ra.dst, ra.via, ra.proto, ra.metric, ra.expires, ra.pref, ra.line) == (
        "default", "fe80::1", "ra", 1024, 1771, "medium", 14)
    assert [r.flags for r in routes if r.dst == "fe80::/64"] == [
        (), ("linkdown",), ("linkdown",), (), ()]


def test_ipv6_router_advertisement_default() -> None:
    data = read(
        "2001:db8:10::/64 dev eth0 proto kernel metric 256 pref medium\n"
        "fe80::/64 dev eth0 proto kernel metric 256 pref medium\n"
        "default via fe80::1 dev eth0 proto ra metric 1024 expires 1790sec hoplimit 64 pref medium",
        ("ip", "-6", "route"),
    )
    ra = data.routes[2]
    assert ra == Route(line=3, dst="default", via="fe80::1", dev="eth0", proto="ra",
                       metric=1024, expires=1790, pref="medium")


def test_ipv6_multipath_and_metrics() -> None:
    data = read(
        "2001:db8:50::/48 proto static metric 1024 pref medium\n"
        "\tnexthop via 2001:db8:10::1 dev nbva0 weight 1 \n"
        "\tnexthop via 2001:db8:10::2 dev nbva0 weight 1 \n"
        "2001:db8:60::/48 via 2001:db8:10::1 dev nbva0 metric 1024 mtu 1280 hoplimit 32 pref medium"
    )
    multi, mtu = data.routes
    assert [h.via for h in multi.nexthops] == ["2001:db8:10::1", "2001:db8:10::2"]
    assert (multi.pref, multi.metric) == ("medium", 1024)
    assert (mtu.mtu, mtu.pref, mtu.line) == (1280, "medium", 4)


# ----------------------------------------------------------- ip route get


def test_route_get_with_cache_line() -> None:
    data = read("203.0.113.5 via 192.0.2.1 dev nbva0 src 192.0.2.10 uid 0 \n    cache ",
                ("ip", "route", "get", "203.0.113.5"))
    (route,) = data.routes
    assert route == Route(line=1, dst="203.0.113.5", via="192.0.2.1", dev="nbva0",
                          src="192.0.2.10")


def test_route_get_cache_mtu_and_local() -> None:
    data = read("198.51.100.170 via 192.0.2.1 dev nbva0 src 192.0.2.10 uid 0 \n"
                "    cache mtu lock 1400 \n"
                "local 203.0.113.10 dev lo src 203.0.113.10 uid 0 \n"
                "    cache <local> ")
    pmtu, local = data.routes
    assert (pmtu.mtu, pmtu.line) == (1400, 1)
    assert (local.type, local.dst, local.dev, local.line) == ("local", "203.0.113.10", "lo", 3)


def test_route_get_ipv6() -> None:
    data = read("2001:db8:40::1 from :: via 2001:db8:10::1 dev nbva0 src 2001:db8:11::10 "
                "metric 1024 pref high", ("ip", "-6", "route", "get", "2001:db8:40::1"))
    assert data.routes[0] == Route(line=1, dst="2001:db8:40::1", via="2001:db8:10::1",
                                   dev="nbva0", src="2001:db8:11::10", metric=1024, pref="high")


def test_route_get_oneline_cache() -> None:
    data = read("203.0.113.5 via 192.0.2.1 dev nbva0 src 192.0.2.10 uid 0 \\    cache ")
    assert (data.routes[0].via, data.routes[0].src) == ("192.0.2.1", "192.0.2.10")


# ------------------------------------------ attributes the command selected on


def test_dev_from_the_command() -> None:
    argv, out = fixture("lab--show-dev.out")
    assert argv == ("ip", "route", "show", "dev", "nbva0")
    result = parse(out, argv)
    assert result.unparsed == ()
    assert {r.dev for r in result.data.routes} == {"nbva0"}
    default = result.data.routes[0]
    assert (default.line, default.via, default.proto, default.metric) == (
        2, "192.0.2.1", "static", 100)


def test_selectors_fill_what_iproute2_leaves_out() -> None:
    cases = {
        ("ip", "route", "show", "via", "192.0.2.1"): ("default dev nbva0 proto static metric 100 ",
                                                      "via", "192.0.2.1"),
        ("ip", "route", "show", "proto", "static"): ("default via 192.0.2.1 dev nbva0 metric 100 ",
                                                     "proto", "static"),
        ("ip", "route", "show", "scope", "link"): ("198.51.100.208/28 dev nbvc0 linkdown ",
                                                   "scope", "link"),
        ("ip", "route", "show", "metric", "100"): ("default via 192.0.2.1 dev nbva0 proto static ",
                                                   "metric", 100),
        ("ip", "route", "show", "table", "100"): ("default via 192.0.2.1 dev nbva0 ",
                                                  "table", "100"),
        ("ip", "route", "show", "src", "192.0.2.10"): (
            "192.0.2.0/24 dev nbva0 proto kernel scope link ", "src", "192.0.2.10"),
        ("ip", "-6", "route", "show", "dev", "nbva0"): (
            "default via fe80::1 proto ra metric 1024 expires 1783sec pref medium", "dev", "nbva0"),
        ("sudo", "ip", "-n", "blue", "r", "list", "oif", "eth0"): ("default via 192.0.2.1 ",
                                                                   "dev", "eth0"),
    }
    for argv, (text, field, value) in cases.items():
        (route,) = read(text, argv).routes
        assert getattr(route, field) == value, argv


def test_selectors_do_not_override_what_is_printed() -> None:
    data = read("default via 192.0.2.1 dev eth0 proto static metric 100",
                ("ip", "route", "show", "dev", "eth9"))
    assert data.routes[0].dev == "eth0"


def test_no_fill_for_route_get_or_prefix_selectors() -> None:
    assert _fill_from(("ip", "route", "get", "203.0.113.5", "oif", "eth0")) == _NO_FILL
    assert _fill_from(("ip", "route", "show", "table", "all")) == _NO_FILL
    assert _fill_from(("ip", "route", "show", "via", "192.0.2.0/24")) == _NO_FILL
    assert _fill_from(("ip", "neigh", "show", "dev", "eth0")) == _NO_FILL
    data = read("203.0.113.5 via 192.0.2.1 dev nbva0 src 192.0.2.10 uid 0 ",
                ("ip", "route", "get", "203.0.113.5", "from", "192.0.2.99"))
    assert data.routes[0].src == "192.0.2.10"


# --------------------------------------------------------------- tables


def test_table_all_has_local_and_broadcast_routes() -> None:
    argv, out = fixture("lab--table-all.out")
    result = parse(out, argv)
    assert result.unparsed == ()
    routes = result.data.routes
    assert (routes[0].dst, routes[0].table, routes[0].line) == ("default", "100", 2)
    multicast = routes[2]
    assert (multicast.type, multicast.dst, multicast.scope, multicast.table) == (
        "multicast", "239.1.1.0/24", "link", "100")
    local = next(r for r in routes if r.type == "local" and r.dst == "127.0.0.0/8")
    assert (local.table, local.proto, local.scope, local.src, local.line) == (
        "local", "kernel", "host", "127.0.0.1", 26)
    broadcasts = [r for r in routes if r.type == "broadcast"]
    assert broadcasts[0].dst == "127.255.255.255"
    assert {r.table for r in routes if r.type == "multicast" and r.dst == "ff00::/8"} == {"local"}


def test_details_print_unicast_and_defaults() -> None:
    data = read("unicast default via 192.0.2.1 dev nbva0 proto static scope global metric 100 \n"
                "unreachable 198.51.100.0/25 proto boot scope global ", ("ip", "-d", "route"))
    unicast, unreachable = data.routes
    assert (unicast.type, unicast.scope, unicast.via) == ("unicast", "global", "192.0.2.1")
    assert (unreachable.type, unreachable.proto) == ("unreachable", "boot")


# ---------------------------------------------------- other versions and layouts


def test_older_iproute2_two_spaces() -> None:
    data = read(
        "default via 192.0.2.1 dev eth0  proto static \n"
        "192.0.2.0/24 dev eth0  proto kernel  scope link  src 192.0.2.240  metric 1 \n"
        "169.254.0.0/16 dev eth0  scope link  metric 1000 "
    )
    default, connected, link_local = data.routes
    assert (default.via, default.dev, default.proto) == ("192.0.2.1", "eth0", "static")
    assert (connected.scope, connected.src, connected.metric) == ("link", "192.0.2.240", 1)
    assert (link_local.scope, link_local.metric) == ("link", 1000)


def test_older_iproute2_ipv6_extras() -> None:
    data = read("unreachable ::/96 dev lo  metric 1024  error -101\n"
                "fe80::/64 dev eth0  proto kernel  metric 256  mtu 1500 advmss 1440 "
                "hoplimit 4294967295")
    unreachable, link_local = data.routes
    assert (unreachable.type, unreachable.dst, unreachable.metric) == ("unreachable", "::/96", 1024)
    assert (link_local.mtu, link_local.metric, link_local.proto) == (1500, 256, "kernel")


def test_gateway_of_another_family_and_encap() -> None:
    data = read("default via inet6 fe80::1 dev eth0 proto bird metric 32\n"
                "198.51.100.0/24  encap mpls  200/300 via 192.0.2.1 dev eth0")
    rfc5549, mpls = data.routes
    assert (rfc5549.via, rfc5549.dev, rfc5549.metric) == ("fe80::1", "eth0", 32)
    assert (mpls.via, mpls.dev) == ("192.0.2.1", "eth0")


def test_nat_route() -> None:
    data = read("nat 198.51.100.5 as to 192.0.2.5 via 192.0.2.1 dev eth0 table 100")
    (route,) = data.routes
    assert (route.type, route.dst, route.via, route.dev, route.table) == (
        "nat", "198.51.100.5", "192.0.2.1", "eth0", "100")


def test_lines_that_are_not_routes_are_reported() -> None:
    result = parse(lines("default via 192.0.2.1 dev eth0\n"
                         "RTNETLINK answers: Network is unreachable\n"
                         "192.0.2.7 is alive\n"
                         "192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.10"), ())
    assert [r.line for r in result.data.routes] == [1, 4]
    assert result.unparsed == (2, 3)


def test_blank_lines_keep_numbers() -> None:
    data = read("default via 192.0.2.1 dev eth0\n\n192.0.2.0/24 dev eth0 scope link", first=7)
    assert [r.line for r in data.routes] == [7, 9]


def test_empty_output() -> None:
    assert read("") == RouteData()


def test_large_table_keeps_every_line_number() -> None:
    text = "\n".join(f"10.{i // 256}.{i % 256}.0/24 via 192.0.2.1 dev eth0 proto bgp metric 20"
                     for i in range(5000))
    data = read(text, first=3)
    assert len(data.routes) == 5000
    assert data.routes[4999] == Route(line=5002, dst="10.19.135.0/24", via="192.0.2.1",
                                      dev="eth0", proto="bgp", metric=20)


# ------------------------------------------------------------ the two readers


def test_every_fixture_reads_cleanly() -> None:
    for path in sorted(FIXTURES.glob("*.out")):
        argv, out = fixture(path.name)
        result = parse(out, argv)
        assert result.unparsed == (), path.name
        assert result.data.routes, path.name


def test_a_run_reads_each_line_as_it_reads_alone() -> None:
    """Tails read once per run give every fixture route its own line's attributes."""
    compared = 0
    for path in sorted(FIXTURES.glob("*.out")):
        argv, out = fixture(path.name)
        routes = parse(out, argv).data.routes
        fill = _fill_from(tuple(argv))
        for route in routes:
            if route.nexthops or route.mtu is not None or route.expires is not None:
                continue  # completed by the continuation lines after it
            text = next(line.text for line in out if line.no == route.line).strip()
            assert _line_route(route.line, text, fill) == route, (path.name, route.line)
            compared += 1
    assert compared > 100


def test_a_repeated_tail_keeps_each_lines_number_and_next_hops() -> None:
    text = "\n".join(f"198.51.100.{i}/32 proto static nexthop via 192.0.2.1 dev eth0 weight 1 "
                     "nexthop via 192.0.2.2 dev eth1 weight 1" for i in range(3))
    routes = read(text, first=7).routes
    assert [r.line for r in routes] == [7, 8, 9]
    assert [[h.line for h in r.nexthops] for r in routes] == [[7, 7], [8, 8], [9, 9]]
    assert [r.dst for r in routes] == ["198.51.100.0/32", "198.51.100.1/32", "198.51.100.2/32"]


def test_a_tail_that_is_not_a_routes_is_unparsed_on_every_line() -> None:
    result = parse(lines("192.0.2.1 lladdr 02:00:00:00:00:01 REACHABLE\n"
                         "192.0.2.2 lladdr 02:00:00:00:00:01 REACHABLE\n"
                         "192.0.2.0/24 dev eth0 scope link"), ())
    assert result.unparsed == (1, 2)
    assert [r.dst for r in result.data.routes] == ["192.0.2.0/24"]


def test_route_records_are_frozen_and_equal_to_constructed_ones() -> None:
    made = _line_route(4, "10.0.0.0/8 via 192.0.2.1 dev eth0 metric 5 onlink", _NO_FILL)
    assert made == Route(line=4, dst="10.0.0.0/8", via="192.0.2.1", dev="eth0", metric=5,
                         flags=("onlink",))
    assert type(made) is Route and hash(made) == hash(replace(made))
    with pytest.raises(AttributeError):
        made.dst = "x"  # type: ignore[misc]


# ------------------------------------------------------------ shape / header


def test_shape_matches_every_fixture_line() -> None:
    for path in sorted(FIXTURES.glob("*.out")):
        for text in path.read_text(encoding="utf-8").splitlines():
            if text.strip() and not text.startswith("$ "):
                assert SHAPE.match(text.strip()), (path.name, text)


@pytest.mark.parametrize("text", [
    "192.0.2.200 dev ens192 FAILED",
    "192.0.2.10 dev ens192 lladdr 00:53:00:00:00:00 STALE",
    "fe80::1 dev eth0 lladdr 00:53:00:00:00:01 router REACHABLE",
    "64 bytes from 192.0.2.123: icmp_seq=1 ttl=64 time=0.340 ms",
    "1  192.0.2.1  0.512 ms  0.400 ms  0.388 ms",
    "inet 192.0.2.10/24 brd 192.0.2.255 scope global eth0",
    "default",
])
def test_shape_rejects_other_outputs(text: str) -> None:
    assert not SHAPE.match(text)


def test_shape_leaves_neighbour_lines_to_ip_neigh() -> None:
    line = "192.0.2.15 dev ens192 lladdr 00:53:00:aa:aa:aa STALE"
    assert ip_neigh.SHAPE.match(line)
    assert not SHAPE.match(line)


def test_no_header() -> None:
    assert HEADER is None
    assert isinstance(SHAPE, re.Pattern)

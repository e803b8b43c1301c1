"""The `ip -j route` parser: iproute2's JSON, one line or pretty-printed (`-p`).

The lines come from fixtures/parse/ip_route_json/ (see SOURCES.md there), recorded with
iproute2 6.1.0 in network namespaces, unless noted.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lines import fixture_lines, lines

from analyzer.parsers.ip_route_json import HEADER, SHAPE, parse
from analyzer.records import Nexthop, RouteData
from analyzer.transcript import Line

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parse" / "ip_route_json"


def fixture(name: str) -> tuple[tuple[str, ...], list[Line]]:
    """A fixture's command (from its `$ ` line, if any) and its output lines."""
    return fixture_lines(FIXTURES / name)


def table(name: str) -> RouteData:
    argv, out = fixture(name)
    result = parse(out, argv)
    assert result.unparsed == ()
    return result.data


def test_one_line_table() -> None:
    routes = table("lab--route.out").routes
    assert [(r.line, r.dst, r.type, r.via, r.dev, r.proto, r.scope, r.src, r.metric)
            for r in routes] == [
        (2, "default", "unicast", "192.0.2.1", "ens192", "static", None, None, 100),
        (2, "192.0.2.0/24", "unicast", None, "ens192", "kernel", "link", "192.0.2.10", None),
        (2, "192.0.2.77", "unicast", None, "ens192", None, "link", None, None),
        (2, "198.51.100.0/25", "unreachable", None, None, None, None, None, None),
        (2, "198.51.100.128/25", "prohibit", None, None, None, None, None, None),
        (2, "203.0.113.0/25", "unicast", "192.0.2.1", "ens192", None, None, None, 5),
        (2, "203.0.113.128/25", "blackhole", None, None, None, None, None, None),
    ]


def test_pretty_printed_table_is_the_same_with_each_route_on_its_line() -> None:
    pretty, compact = table("lab--route-pretty.out").routes, table("lab--route.out").routes
    assert [replace(r, line=0) for r in pretty] == [replace(r, line=0) for r in compact]
    assert [r.line for r in pretty] == [3, 10, 17, 22, 26, 30, 36]  # each first key


def test_ipv6_and_route_get() -> None:
    v6 = table("lab--route-6.out").routes
    assert [(r.dst, r.via, r.pref, r.metric) for r in v6] == [
        ("2001:db8:10::/64", None, "medium", 256), ("fe80::/64", None, "medium", 256),
        ("default", "2001:db8:10::1", "medium", 100)]
    (got,) = table("lab--route-get.out").routes
    assert (got.dst, got.via, got.dev, got.src) == ("203.0.113.10", "192.0.2.1", "ens192",
                                                     "192.0.2.10")


def test_multipath_next_hops_on_their_lines() -> None:
    (route,) = table("lab--multipath-pretty.out").routes
    assert (route.line, route.via, route.dev) == (3, None, None)
    assert route.nexthops == (Nexthop(line=6, via="192.0.2.1", dev="ens192", weight=1),
                              Nexthop(line=11, via="192.0.2.12", dev="ens192", weight=2))


def test_selected_device_other_family_gateway_and_metrics() -> None:
    """Shapes of `ip -j route show dev eth0`, `via inet6`, a locked MTU (iproute2 docs)."""
    result = parse(lines(
        '[{"dst":"192.0.2.0/24","protocol":"kernel","scope":"link","prefsrc":"192.0.2.10",'
        '"flags":[]},{"dst":"198.51.100.0/24","via":{"family":"inet6","host":"fe80::1"},'
        '"metrics":[{"mtu":["lock",1400]}],"expires":299,"flags":["onlink"]}]'),
        ("ip", "-j", "route", "show", "dev", "eth0"))
    first, second = result.data.routes
    assert (first.dev, second.dev) == ("eth0", "eth0")
    assert (second.via, second.mtu, second.expires, second.flags) == (
        "fe80::1", 1400, 299, ("onlink",))


def test_broken_or_foreign_json_is_reported() -> None:
    truncated = parse(lines('[ {\n        "dst": "default",\n        "gateway": "192.0.2.1",'), ())
    assert (truncated.unparsed, truncated.data) == ((1, 2, 3), RouteData())
    foreign = parse(lines('[{"ifindex":1,"ifname":"lo"},{"dst":"default","flags":[]}]'), ())
    assert foreign.unparsed == (1,)
    assert [r.dst for r in foreign.data.routes] == ["default"]


def test_two_outputs_pasted_back_to_back() -> None:
    found = parse(lines('[{"dst":"default","gateway":"192.0.2.1","flags":[]}]\n'
                        '[{"dst":"default","gateway":"2001:db8:10::1","flags":[]}]'), ())
    assert [(r.line, r.via) for r in found.data.routes] == [(1, "192.0.2.1"),
                                                            (2, "2001:db8:10::1")]


def test_every_fixture_reads_cleanly() -> None:
    for path in sorted(FIXTURES.glob("*.out")):
        argv, out = fixture(path.name)
        assert parse(out, argv).unparsed == (), path.name


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.out")))
def test_shape_matches_every_output_line(name: str) -> None:
    for line in fixture(name)[1]:
        assert SHAPE.match(line.text.strip()), line.text
    assert HEADER.match(fixture(name)[1][0].text)


@pytest.mark.parametrize("text", [
    '[{"dst":"192.0.2.1","dev":"ens192","lladdr":"00:00:5e:00:53:01","state":["REACHABLE"]}]',
    '[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":65536}]',
    "[]",
    "{",
    "default via 192.0.2.1 dev ens192",
])
def test_shape_rejects_other_outputs(text: str) -> None:
    assert SHAPE.match(text) is None

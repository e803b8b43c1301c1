"""The Windows `route print` parser (English and Japanese).

Unless noted, the lines come from fixtures/parse/route_print/ (see SOURCES.md there):
Windows 10, 7 and XP outputs from jc's fixtures, and a Japanese output built from the
documented layout (`--synthetic`). The mapping onto `ip route` records is in
docs/dialects.md.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import replace
from pathlib import Path

import pytest
from lines import fixture_lines, lines

from analyzer.diagnose.facts import lookup
from analyzer.parsers.route_print import SHAPE, WINDOWS_EN_SHAPE, WINDOWS_JA_SHAPE, parse
from analyzer.records import Route, RouteData
from analyzer.transcript import Line

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parse" / "route_print"
SEPARATOR = "=" * 75


def fixture(name: str) -> tuple[tuple[str, ...], list[Line]]:
    """A fixture's command (from its `$ ` line, if any) and its output lines."""
    return fixture_lines(FIXTURES / name)


def table(name: str) -> RouteData:
    argv, out = fixture(name)
    result = parse(out, argv)
    assert result.unparsed == ()
    return result.data


def by_line(data: RouteData) -> dict[int, Route]:
    return {r.line: r for r in data.routes}


# -------------------------------------------------------------------- IPv4


def test_default_route_and_interface_address() -> None:
    routes = by_line(table("jc-windows-10--route-print.out"))
    assert routes[12] == Route(line=12, dst="default", via="10.211.55.1", src="10.211.55.3",
                               metric=15)
    assert (routes[13].dst, routes[13].via) == ("10.0.0.0/8", "192.168.22.1")
    on_link = routes[17]
    assert (on_link.dst, on_link.via, on_link.dev, on_link.src, on_link.type) == (
        "10.211.55.0/24", None, None, "10.211.55.3", "unicast")


def test_local_broadcast_and_multicast_routes_are_typed() -> None:
    routes = by_line(table("jc-windows-10--route-print.out"))
    assert [(routes[n].dst, routes[n].type) for n in range(18, 30)] == [
        ("10.211.55.3", "local"), ("10.211.55.255", "broadcast"),
        ("127.0.0.0/8", "local"), ("127.0.0.1", "local"), ("127.255.255.255", "broadcast"),
        ("169.254.0.0/16", "unicast"), ("169.254.83.107", "local"),
        ("169.254.255.255", "broadcast"), ("224.0.0.0/4", "multicast"),
        ("224.0.0.0/4", "multicast"), ("255.255.255.255", "broadcast"),
        ("255.255.255.255", "broadcast")]


def test_lookup_skips_what_is_not_unicast() -> None:
    routes = list(table("jc-windows-10--route-print.out").routes)
    chosen = lookup(routes, ipaddress.ip_address("203.0.113.10"))
    assert chosen is not None and chosen.dst == "default"
    chosen = lookup(routes, ipaddress.ip_address("10.211.55.255"))
    assert chosen is not None and chosen.dst == "10.211.55.0/24"


def test_persistent_routes_are_not_the_table() -> None:
    data = table("jc-windows-10--route-print.out")
    assert [(r.line, r.dst, r.via, r.metric) for r in data.persistent] == [
        (33, "10.0.1.0/24", "192.168.22.1", 1), (34, "10.0.3.0/24", "192.168.22.1", 1),
        (35, "10.0.4.0/24", "192.168.22.1", 1), (36, "10.0.0.0/8", "192.168.22.1", 1),
        (58, "2001:db8::/64", "fe80::1", 4294967295)]
    assert not {r.line for r in data.persistent} & {r.line for r in data.routes}
    assert table("jc-windows-7--route-print.out").persistent == ()


def test_windows_xp() -> None:
    routes = by_line(table("jc-windows-xp--route-print.out"))
    assert [(r.dst, r.type, r.via, r.src) for r in routes.values()] == [
        ("default", "unicast", "192.168.22.1", "192.168.22.135"),
        ("10.0.4.0/24", "unicast", "192.168.22.1", "192.168.22.135"),
        ("127.0.0.0/8", "local", None, "127.0.0.1"),
        ("192.168.22.0/24", "unicast", None, "192.168.22.135"),  # gateway = interface
        ("192.168.22.135", "local", None, "127.0.0.1"),
        ("192.168.22.255", "broadcast", None, "192.168.22.135"),
        ("224.0.0.0/4", "multicast", None, "192.168.22.135"),
        ("255.255.255.255", "broadcast", None, "192.168.22.135"),
    ]


# -------------------------------------------------------------------- IPv6


def test_ipv6_rows_and_wrapped_gateways() -> None:
    routes = by_line(table("jc-windows-10--route-print.out"))
    assert [(n, routes[n].dst, routes[n].via, routes[n].metric) for n in (43, 44, 46, 51)] == [
        (43, "::1", None, 331), (44, "2001:db8::/64", "fe80::1", 271),
        (46, "fdb2:2c26:f4e4:0:670f:fec7:75b7:eb83", None, 271),
        (51, "fe80::4abd:fa70:3d36:83fd", None, 271)]
    assert 47 not in routes  # the wrapped `On-link` belongs to line 46
    assert (routes[43].type, routes[53].type, routes[44].dev, routes[44].src) == (
        "local", "multicast", None, None)


def test_wrapped_line_without_its_gateway_is_reported() -> None:
    result = parse(lines(" 12    271 fe80::4abd:fa70:3d36:83fd/128"), ())
    assert (result.unparsed, result.data.routes) == ((1,), ())


# ----------------------------------------------------------------- Japanese


def test_japanese_reads_as_english() -> None:
    """The Japanese fixture, its words put back into English, gives the same records."""
    words = {"インターフェイス一覧": "Interface List", "ルート テーブル": "Route Table",
             "アクティブ ルート:": "Active Routes:", "固定ルート:": "Persistent Routes:",
             "ネットワーク宛先": "Network Destination", "ネットワーク アドレス": "Network Address",
             "ネットマスク": "Netmask", "ゲートウェイ": "Gateway", "インターフェイス": "Interface",
             "メトリック": "Metric", "リンク上": "On-link", "なし": "None"}
    argv, out = fixture("windows-ja--route-print--synthetic.out")
    english = []
    for line in out:
        text = line.text
        for ja, en in words.items():
            text = text.replace(ja, en)
        english.append(Line(line.no, text))
    ja_data, en_data = parse(out, argv), parse(english, argv)
    assert ja_data.unparsed == en_data.unparsed == ()
    assert ja_data.data == en_data.data
    routes = by_line(ja_data.data)
    assert [(routes[n].dst, routes[n].via, routes[n].src) for n in (12, 16, 19, 35, 39)] == [
        ("default", "192.0.2.1", "192.0.2.10"), ("192.0.2.0/24", None, "192.0.2.10"),
        ("198.51.100.0/24", "192.0.2.254", "192.0.2.10"), ("default", "2001:db8:10::1", None),
        ("fe80::200:5eff:fe00:5310", None, None)]
    assert [(r.dst, r.via) for r in ja_data.data.persistent] == [("198.51.100.0/24", "192.0.2.254")]


# ------------------------------------------------------------------- unknown


def test_no_route_line_is_no_routing_table() -> None:
    """A stray separator or interface list alone is not an (empty) routing table."""
    result = parse(lines(f"{SEPARATOR}\nInterface List\n  1...........Software Loopback\n"
                         f"{SEPARATOR}"), ())
    assert (result.unparsed, result.data) == ((1, 2, 3, 4), RouteData())


def test_rows_that_do_not_fit_are_reported() -> None:
    result = parse(lines(
        "Active Routes:\n"
        "          0.0.0.0          0.0.0.0        192.0.2.1       192.0.2.10\n"
        "          0.0.0.0    255.255.0.255        192.0.2.1       192.0.2.10     25\n"
        "        192.0.2.0    255.255.255.0          On-link       192.0.2.10    281"), ())
    assert result.unparsed == (2, 3)
    assert [r.dst for r in result.data.routes] == ["192.0.2.0/24"]


def test_every_fixture_reads_cleanly() -> None:
    for path in sorted(FIXTURES.glob("*.out")):
        argv, out = fixture(path.name)
        assert parse(out, argv).unparsed == (), path.name


def test_the_same_route_twice_stays_twice() -> None:
    routes = [r for r in table("jc-windows-7--route-print.out").routes if r.dst == "224.0.0.0/4"]
    assert [replace(r, line=0) for r in routes] == [
        Route(line=0, dst="224.0.0.0/4", type="multicast", src="127.0.0.1", metric=306),
        Route(line=0, dst="224.0.0.0/4", type="multicast", src="192.168.22.33", metric=266)]


# -------------------------------------------------------------------- shapes


@pytest.mark.parametrize(("name", "shape"), [
    ("jc-windows-10--route-print.out", WINDOWS_EN_SHAPE),
    ("jc-windows-7--route-print.out", WINDOWS_EN_SHAPE),
    ("jc-windows-xp--route-print.out", WINDOWS_EN_SHAPE),
    ("windows-ja--route-print--synthetic.out", WINDOWS_JA_SHAPE),
])
def test_dialect_shape_matches_the_output_lines(name: str, shape: re.Pattern[str]) -> None:
    """Every line but `None`/`なし` and a wrapped IPv6 gateway: those alone say nothing."""
    for line in fixture(name)[1]:
        text = line.text.strip()
        if text and text not in ("None", "なし") and ":" not in text[:4]:
            assert shape.match(text) and SHAPE.match(text), (name, text)


def test_dialect_shapes_tell_the_languages_apart() -> None:
    en = "192.0.2.0    255.255.255.0          On-link       192.0.2.10    281"
    ja = "192.0.2.0    255.255.255.0         リンク上       192.0.2.10    281"
    assert (bool(WINDOWS_EN_SHAPE.match(en)), bool(WINDOWS_EN_SHAPE.match(ja))) == (True, False)
    assert (bool(WINDOWS_JA_SHAPE.match(ja)), bool(WINDOWS_JA_SHAPE.match(en))) == (True, False)


@pytest.mark.parametrize("text", [
    "0.0.0.0         192.0.2.1       0.0.0.0         UG    100    0        0 ens192",
    "default via 192.0.2.1 dev ens192",
    "=====",
    "None",
    "2001:db8:10::1",
])
def test_shape_rejects_other_outputs(text: str) -> None:
    assert SHAPE.match(text) is None

"""The `ip -j neigh` parser: iproute2's JSON, one line or pretty-printed (`-p`).

The lines come from fixtures/parse/ip_neigh_json/ (see SOURCES.md there), recorded with
iproute2 6.1.0 in network namespaces, unless noted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lines import fixture_lines, lines

from analyzer.parsers.ip_neigh_json import SHAPE, parse
from analyzer.records import Neighbor
from analyzer.transcript import Line

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parse" / "ip_neigh_json"


def fixture(name: str) -> tuple[tuple[str, ...], list[Line]]:
    """A fixture's command (from its `$ ` line, if any) and its output lines."""
    return fixture_lines(FIXTURES / name)


def neighbors(name: str) -> tuple[Neighbor, ...]:
    argv, out = fixture(name)
    result = parse(out, argv)
    assert result.unparsed == ()
    return result.data.neighbors


def test_one_line_table() -> None:
    assert neighbors("lab--neigh.out") == (
        Neighbor(line=2, ip="192.0.2.1", dev="ens192", lladdr="00:00:5e:00:53:01",
                 state=("REACHABLE",)),
        Neighbor(line=2, ip="192.0.2.99", dev="ens192", state=("INCOMPLETE",)),
        Neighbor(line=2, ip="192.0.2.50", dev="ens192", lladdr="00:00:5e:00:53:50",
                 state=("PERMANENT",)),
        Neighbor(line=2, ip="192.0.2.11", dev="ens192", lladdr="00:00:5e:00:53:11",
                 state=("REACHABLE",)),
    )


def test_pretty_printed_entries_on_their_lines() -> None:
    assert [(n.line, n.ip) for n in neighbors("lab--neigh-pretty.out")] == [
        (3, "192.0.2.1"), (8, "192.0.2.99"), (12, "192.0.2.50"), (17, "192.0.2.11")]


def test_proxy_router_and_selected_device() -> None:
    (proxy,) = neighbors("lab--neigh-proxy.out")
    assert (proxy.ip, proxy.proxy, proxy.lladdr, proxy.state) == ("192.0.2.60", True, None, ())
    (router,) = parse(lines('[{"dst":"2001:db8:10::1","lladdr":"00:00:5e:00:53:01",'
                            '"router":null,"state":["STALE"]}]'),
                      ("ip", "-j", "-6", "neigh", "show", "dev", "ens192")).data.neighbors
    assert (router.router, router.dev, router.state) == (True, "ens192", ("STALE",))


def test_empty_table() -> None:
    result = parse(lines("[ ]"), ("ip", "-j", "-p", "neigh"))
    assert (result.unparsed, result.data.neighbors) == ((), ())


def test_every_fixture_reads_cleanly() -> None:
    for path in sorted(FIXTURES.glob("*.out")):
        argv, out = fixture(path.name)
        assert parse(out, argv).unparsed == (), path.name


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.out")))
def test_shape_matches_every_output_line(name: str) -> None:
    for line in fixture(name)[1]:
        assert SHAPE.match(line.text.strip()), line.text


@pytest.mark.parametrize("text", [
    '[{"dst":"default","gateway":"192.0.2.1","dev":"ens192","flags":[]}]',
    '[{"ifindex":1,"ifname":"lo"}]',
    "192.0.2.1 dev ens192 lladdr 00:00:5e:00:53:01 REACHABLE",
])
def test_shape_rejects_other_outputs(text: str) -> None:
    assert SHAPE.match(text) is None

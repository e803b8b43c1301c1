"""The `ip -j address` / `ip -j link` parser: iproute2's JSON, one line or pretty-printed.

The lines come from fixtures/parse/ip_addr_json/ (see SOURCES.md there), recorded with
iproute2 6.1.0 in network namespaces, unless noted.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lines import fixture_lines, lines

from analyzer.parsers.ip_addr_json import SHAPE, parse
from analyzer.records import Address, Interface
from analyzer.transcript import Line

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parse" / "ip_addr_json"


def fixture(name: str) -> tuple[tuple[str, ...], list[Line]]:
    """A fixture's command (from its `$ ` line, if any) and its output lines."""
    return fixture_lines(FIXTURES / name)


def interfaces(name: str) -> dict[str, Interface]:
    argv, out = fixture(name)
    result = parse(out, argv)
    assert result.unparsed == ()
    return {i.name: i for i in result.data.interfaces}


def test_pretty_printed_interface() -> None:
    ens192 = interfaces("lab--addr-pretty.out")["ens192"]
    assert replace(ens192, addresses=()) == Interface(
        line=31, index=2, name="ens192", link="if4",
        flags=("BROADCAST", "MULTICAST", "UP", "LOWER_UP"), mtu=1500, qdisc="noqueue",
        state="UP", group="default", qlen=1000, lladdr="00:00:5e:00:53:10",
        link_broadcast="ff:ff:ff:ff:ff:ff", link_type="ether", link_line=40, link_netns="0")
    assert ens192.addresses[0] == Address(
        line=45, family="inet", address="192.0.2.10", prefixlen=24, broadcast="192.0.2.255",
        scope="global", label="ens192", valid_lft="forever", preferred_lft="forever")
    assert [(a.address, a.label, a.flags) for a in ens192.addresses[1:]] == [
        ("192.0.2.20", "ens192:1", ("secondary",)), ("2001:db8:10::10", None, ()),
        ("fe80::200:5eff:fe00:5310", None, ())]


def test_one_line_and_pretty_give_the_same_records() -> None:
    def without_lines(name: str) -> list[Interface]:
        return [replace(i, line=0, link_line=0,
                        addresses=tuple(replace(a, line=0) for a in i.addresses))
                for i in interfaces(name).values()]

    assert without_lines("lab--addr.out") == without_lines("lab--addr-pretty.out")


def test_no_carrier_and_down_as_iproute2_says() -> None:
    found = interfaces("lab--link.out")
    assert (found["eth1"].flags, found["eth1"].state) == (
        ("NO-CARRIER", "BROADCAST", "MULTICAST", "UP"), "DOWN")
    assert (found["lo"].link_type, found["lo"].state) == ("loopback", "UNKNOWN")
    assert all(i.addresses == () for i in found.values())


def test_brief_output_has_no_family_key() -> None:
    found = interfaces("lab--brief-addr.out")
    assert [(a.family, a.address, a.prefixlen) for a in found["ens192"].addresses] == [
        ("inet", "192.0.2.10", 24), ("inet", "192.0.2.20", 24), ("inet6", "2001:db8:10::10", 64),
        ("inet6", "fe80::200:5eff:fe00:5310", 64)]
    assert (found["eth1"].state, found["eth1"].index, found["eth1"].flags) == ("DOWN", None, ())


def test_details_vlan_peer_and_lifetimes() -> None:
    """`-d` of a VLAN, a point-to-point address and a DHCP lifetime (shapes of iproute2's
    JSON: the lab kernel has no 802.1Q)."""
    (vlan,) = parse(lines(
        '[{"ifindex":5,"link":"eth0","ifname":"eth0.100","flags":["BROADCAST","MULTICAST",'
        '"UP","LOWER_UP"],"mtu":1500,"operstate":"UP","linkinfo":{"info_kind":"vlan",'
        '"info_data":{"protocol":"802.1Q","id":100,"flags":["REORDER_HDR"]}},'
        '"addr_info":[{"family":"inet","local":"198.51.100.1","address":"198.51.100.2",'
        '"prefixlen":32,"scope":"global","dynamic":true,"noprefixroute":true,'
        '"valid_life_time":86398,"preferred_life_time":86398}]}]'), ()).data.interfaces
    assert (vlan.link, vlan.vlan_id, vlan.link_line) == ("eth0", 100, None)
    (address,) = vlan.addresses
    assert (address.peer, address.flags, address.valid_lft) == (
        "198.51.100.2", ("dynamic", "noprefixroute"), "86398sec")


def test_link_details_pretty() -> None:
    (ens192,) = interfaces("lab--link-details-pretty.out").values()
    assert (ens192.line, ens192.vlan_id, ens192.link_line) == (3, None, 13)


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
    "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP",
    "[]",
])
def test_shape_rejects_other_outputs(text: str) -> None:
    assert SHAPE.match(text) is None

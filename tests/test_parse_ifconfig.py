"""The `ifconfig` parser (net-tools, BusyBox, BSD), called directly on real output lines.

Unless noted, the lines come from fixtures/parse/ifconfig/ (see SOURCES.md there): net-tools
2.10 and BusyBox 1.35 recorded in network namespaces, macOS and FreeBSD outputs from jc's
fixtures. Lines marked "shape of" are built from the documented formats.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lines import fixture_lines, lines

from analyzer.diagnose.facts import Facts
from analyzer.parsers import ip_addr
from analyzer.parsers.ifconfig import BSD_SHAPE, NET_TOOLS_SHAPE, SHAPE, parse
from analyzer.records import AddrData, Address, Interface
from analyzer.transcript import Line

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parse" / "ifconfig"


def read(text: str) -> AddrData:
    result = parse(lines(text), ())
    assert result.unparsed == ()
    return result.data


def fixture(name: str) -> tuple[tuple[str, ...], list[Line]]:
    """A fixture's command (from its `$ ` line, if any) and its output lines."""
    return fixture_lines(FIXTURES / name)


def by_name(name: str) -> dict[str, Interface]:
    argv, out = fixture(name)
    result = parse(out, argv)
    assert result.unparsed == ()
    return {i.name: i for i in result.data.interfaces}


# ------------------------------------------------------------- net-tools 2.x


def test_net_tools_interface() -> None:
    ens192 = by_name("lab--ifconfig.out")["ens192"]
    assert ens192 == Interface(
        line=2, index=None, name="ens192",
        flags=("UP", "BROADCAST", "RUNNING", "MULTICAST", "LOWER_UP"), mtu=1500, state="UP",
        lladdr="00:00:5e:00:53:10", link_type="ether", link_line=6,
        addresses=(
            Address(line=3, family="inet", address="192.0.2.10", prefixlen=24,
                    broadcast="192.0.2.255"),
            Address(line=4, family="inet6", address="fe80::200:5eff:fe00:5310", prefixlen=64,
                    scope="link"),
            Address(line=5, family="inet6", address="2001:db8:10::10", prefixlen=64,
                    scope="global"),
            Address(line=13, family="inet", address="192.0.2.20", prefixlen=24,
                    broadcast="0.0.0.0", label="ens192:1"),
        ),
    )


def test_alias_block_is_an_address_of_its_interface() -> None:
    ifaces = by_name("lab--ifconfig.out")
    assert list(ifaces) == ["ens192", "eth1", "lo"]  # no `ens192:1` interface


def test_carrier_and_admin_state() -> None:
    ifaces = by_name("lab--ifconfig-a.out")
    no_carrier, down, lo = ifaces["eth1"], ifaces["eth2"], ifaces["lo"]
    assert (no_carrier.flags, no_carrier.state) == (
        ("UP", "BROADCAST", "MULTICAST", "NO-CARRIER"), "DOWN")
    assert (down.flags, down.state) == (("BROADCAST", "MULTICAST"), "DOWN")
    assert (lo.link_type, lo.lladdr, lo.state) == ("loopback", None, "UP")
    assert [(a.address, a.prefixlen, a.scope) for a in lo.addresses] == [
        ("127.0.0.1", 8, None), ("::1", 128, "host")]
    # the rules' reading: no carrier and admin down are both down, the others are not
    assert [Facts.interface_down(i) for i in ifaces.values()] == [False, True, True, False]


def test_single_interface() -> None:
    assert list(by_name("lab--ifconfig-dev.out")) == ["ens192"]


# ------------------------------------------------------ net-tools 1.x, BusyBox


def test_busybox_reads_as_net_tools_2() -> None:
    """BusyBox prints net-tools 1.x; the same interfaces give the same records."""

    def essentials(name: str) -> list[tuple[object, ...]]:
        return [(i.name, i.flags, i.state, i.mtu, i.link_type, (i.lladdr or "").lower(),
                 [(a.family, a.address, a.prefixlen, a.broadcast, a.scope, a.label)
                  for a in i.addresses]) for i in by_name(name).values()]

    assert essentials("busybox--ifconfig-a.out") == essentials("lab--ifconfig-a.out")


def test_busybox_header_carries_the_mac() -> None:
    ens192 = by_name("busybox--ifconfig-a.out")["ens192"]
    assert (ens192.line, ens192.lladdr, ens192.link_line) == (2, "00:00:5E:00:53:10", 2)
    assert ens192.addresses[0] == Address(line=3, family="inet", address="192.0.2.10",
                                          prefixlen=24, broadcast="192.0.2.255")


def test_net_tools_1_point_to_point() -> None:
    """Shape of net-tools 1.x for a PPP link."""
    (ppp0,) = read(
        "ppp0      Link encap:Point-to-Point Protocol\n"
        "          inet addr:198.51.100.1  P-t-P:198.51.100.2  Mask:255.255.255.255\n"
        "          UP POINTOPOINT RUNNING NOARP MULTICAST  MTU:1492  Metric:1\n"
        "          RX packets:12 errors:0 dropped:0 overruns:0 frame:0"
    ).interfaces
    assert (ppp0.link_type, ppp0.mtu, ppp0.state, ppp0.lladdr) == ("ppp", 1492, "UP", None)
    assert (ppp0.addresses[0].peer, ppp0.addresses[0].prefixlen) == ("198.51.100.2", 32)


def test_net_tools_2_point_to_point_and_unspec() -> None:
    """Shape of net-tools 2.x for a tun device."""
    (tun0,) = read(
        "tun0: flags=4305<UP,POINTOPOINT,RUNNING,NOARP,MULTICAST>  mtu 1500\n"
        "        inet 198.51.100.1  netmask 255.255.255.255  destination 198.51.100.2\n"
        "        unspec 00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00  txqueuelen 500  "
        "(UNSPEC)"
    ).interfaces
    assert (tun0.link_type, tun0.lladdr, tun0.addresses[0].peer) == ("none", None, "198.51.100.2")


# ------------------------------------------------------------------------ BSD


def test_macos_interfaces() -> None:
    ifaces = by_name("jc-osx-10.14.6--ifconfig.out")
    en0 = ifaces["en0"]
    assert (en0.line, en0.mtu, en0.lladdr, en0.state, en0.flags[-1]) == (
        18, 1500, "f0:18:98:03:d9:30", "UP", "LOWER_UP")
    assert [(a.family, a.address, a.prefixlen, a.scope, a.flags, a.broadcast)
            for a in en0.addresses] == [
        ("inet6", "fe80::8b7:1281:7499:b504", 64, "link", ("secured",), None),
        ("inet", "192.168.1.72", 24, None, (), "192.168.1.255"),
        ("inet6", "2600:1700:bab0:d40:bb:9ad:34c5:2e9a", 64, "global", ("autoconf", "secured"),
         None),
        ("inet6", "2600:1700:bab0:d40:4573:9380:5ecb:ef52", 64, "global",
         ("autoconf", "temporary"), None),
        ("inet6", "2600:1700:bab0:d40::24", 64, "global", ("dynamic",), None),
    ]


def test_macos_status_inactive_is_no_carrier_although_running() -> None:
    ifaces = by_name("jc-osx-10.14.6--ifconfig.out")
    p2p0 = ifaces["p2p0"]
    assert "RUNNING" in p2p0.flags
    assert (p2p0.flags[-1], p2p0.state) == ("NO-CARRIER", "DOWN")
    assert Facts.interface_down(p2p0)
    lo0, gif0 = ifaces["lo0"], ifaces["gif0"]
    assert (lo0.link_type, lo0.state, [a.address for a in lo0.addresses]) == (
        "loopback", "UP", ["127.0.0.1", "::1", "fe80::1"])
    assert (gif0.flags, gif0.state) == (("POINTOPOINT", "MULTICAST"), "DOWN")


def test_freebsd_module_lines_are_read_past() -> None:
    (cxl3,) = by_name("jc-freebsd12--ifconfig-extra-fields.out").values()
    assert (cxl3.mtu, cxl3.lladdr, cxl3.state) == (1500, "00:07:43:3d:b7:70", "UP")


def test_bsd_vlan_and_point_to_point() -> None:
    """Shape of FreeBSD's `ifconfig vlan0` and macOS's `utun` with an IPv4 peer."""
    vlan0, utun3 = read(
        "vlan0: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> metric 0 mtu 1500\n"
        "\tether 00:00:5e:00:53:10\n"
        "\tinet 192.0.2.10 netmask 0xffffff00 broadcast 192.0.2.255\n"
        "\tgroups: vlan\n"
        "\tvlan: 100 vlanproto: 802.1q vlanpcp: 0 parent interface: em0\n"
        "\tmedia: Ethernet autoselect\n"
        "\tstatus: active\n"
        "utun3: flags=8051<UP,POINTOPOINT,RUNNING,MULTICAST> mtu 1380\n"
        "\tinet 198.51.100.1 --> 198.51.100.2 netmask 0xffffffff"
    ).interfaces
    assert (vlan0.vlan_id, vlan0.mtu, vlan0.addresses[0].prefixlen) == (100, 1500, 24)
    assert (utun3.addresses[0].peer, utun3.addresses[0].prefixlen) == ("198.51.100.2", 32)


# ------------------------------------------------------------------- unknown


def test_lines_without_interface_and_garbled_lines_are_reported() -> None:
    result = parse(lines(
        "        inet 192.0.2.10  netmask 255.255.255.0\n"
        "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
        "        inet 192.0.2.999  netmask 255.255.255.0\n"
        "        status: sleeping\n"
        "        something else entirely"), ())
    assert result.unparsed == (1, 3, 4, 5)
    assert [i.name for i in result.data.interfaces] == ["eth0"]


def test_every_fixture_reads_cleanly() -> None:
    for path in sorted(FIXTURES.glob("*.out")):
        argv, out = fixture(path.name)
        assert parse(out, argv).unparsed == (), path.name


# -------------------------------------------------------------------- shapes


@pytest.mark.parametrize(("name", "shape"), [
    ("lab--ifconfig-a.out", NET_TOOLS_SHAPE), ("busybox--ifconfig-a.out", NET_TOOLS_SHAPE),
    ("jc-osx-10.14.6--ifconfig.out", BSD_SHAPE),
    ("jc-freebsd12--ifconfig-extra-fields.out", BSD_SHAPE),
])
def test_dialect_shape_matches_every_fixture_line(name: str, shape: re.Pattern[str]) -> None:
    _, out = fixture(name)
    for line in out:
        text = line.text.strip()
        assert not text or (shape.match(text) and SHAPE.match(text)), (name, text)


@pytest.mark.parametrize("text", [
    "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default",
    "inet 192.0.2.10/24 brd 192.0.2.255 scope global eth0",
    "link/ether 00:53:00:00:00:00 brd ff:ff:ff:ff:ff:ff",
    "64 bytes from 192.0.2.1: icmp_seq=1 ttl=64 time=0.190 ms",
    "status: 200 OK",
])
def test_shape_rejects_other_outputs(text: str) -> None:
    assert SHAPE.match(text) is None


def test_iproute2_shape_leaves_ifconfig_lines_alone() -> None:
    for name in ("lab--ifconfig-a.out", "busybox--ifconfig-a.out", "jc-osx-10.14.6--ifconfig.out"):
        for line in fixture(name)[1]:
            assert ip_addr.SHAPE.match(line.text.strip()) is None, line.text

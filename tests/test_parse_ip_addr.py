"""The `ip address` / `ip link` parser, called directly on real output lines.

Unless noted, the lines come from fixtures/parse/ip_addr/ (see SOURCES.md there): iproute2
6.1 recorded in network namespaces, the troubleshooting guide's example, and an `ip link`
printout of a Kubernetes node. Lines of link kinds the lab kernel lacks (VLAN, IPIP, GRE,
IPv6 tunnels, Wi-Fi) and of older iproute2 versions have the shapes found in public pastes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lines import fixture_lines, lines

from analyzer.parsers import ip_route
from analyzer.parsers.ip_addr import HEADER, SHAPE, parse
from analyzer.records import AddrData, Address, Interface
from analyzer.transcript import Line

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parse" / "ip_addr"


def read(text: str, argv: tuple[str, ...] = (), first: int = 1) -> AddrData:
    result = parse(lines(text, first), argv)
    assert result.unparsed == ()
    return result.data


def fixture(name: str) -> tuple[tuple[str, ...], list[Line]]:
    """A fixture's command (from its `$ ` line, if any) and its output lines."""
    return fixture_lines(FIXTURES / name)


def by_name(data: AddrData) -> dict[str, Interface]:
    return {i.name: i for i in data.interfaces}


# ------------------------------------------------------------ the guide


def test_guide_example_with_indentation_lost() -> None:
    data = read(
        "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default "
        "qlen 1000\n"
        "link/ether 00:53:00:00:00:00 brd ff:ff:ff:ff:ff:ff\n"
        "inet 192.0.2.10/24 brd 192.0.2.255 scope global noprefixroute dynamic eth0",
        ("ip", "address", "show"), first=5,
    )
    (eth0,) = data.interfaces
    assert eth0 == Interface(
        line=5, index=2, name="eth0", flags=("BROADCAST", "MULTICAST", "UP", "LOWER_UP"),
        mtu=1500, qdisc="mq", state="UP", group="default", qlen=1000,
        lladdr="00:53:00:00:00:00", link_broadcast="ff:ff:ff:ff:ff:ff", link_type="ether",
        link_line=6,
        addresses=(Address(line=7, family="inet", address="192.0.2.10", prefixlen=24,
                           broadcast="192.0.2.255", scope="global", label="eth0",
                           flags=("noprefixroute", "dynamic")),),
    )


def test_guide_example_indented() -> None:
    data = read("2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group "
                "default qlen 1000\n"
                "    link/ether 00:53:00:00:00:00 brd ff:ff:ff:ff:ff:ff\n"
                "    inet 192.0.2.10/24 brd 192.0.2.255 scope global noprefixroute dynamic eth0")
    assert data.interfaces[0].lladdr == "00:53:00:00:00:00"
    assert data.interfaces[0].addresses[0].line == 3


# ------------------------------------------------------ the lab namespaces


def test_lab_addresses() -> None:
    argv, out = fixture("lab--addr.out")
    result = parse(out, argv)
    assert result.unparsed == ()
    ifaces = by_name(result.data)
    assert [i.index for i in result.data.interfaces] == list(range(1, 13))
    lo = ifaces["lo"]
    assert (lo.link_type, lo.lladdr, lo.state, lo.mtu) == ("loopback", "00:00:00:00:00:00",
                                                           "UNKNOWN", 65536)
    assert [(a.family, a.address, a.prefixlen, a.scope) for a in lo.addresses] == [
        ("inet", "127.0.0.1", 8, "host"), ("inet6", "::1", 128, "host")]


def test_veth_into_another_namespace() -> None:
    argv, out = fixture("lab--addr.out")
    nbva0 = by_name(parse(out, argv).data)["nbva0"]
    assert (nbva0.line, nbva0.index, nbva0.link, nbva0.state) == (8, 2, "if2", "UP")
    assert (nbva0.lladdr, nbva0.link_netns, nbva0.link_line) == (
        "de:d4:e3:63:c6:4d", "nbip-b", 9)
    v4 = [a for a in nbva0.addresses if a.family == "inet"]
    assert [(a.address, a.flags, a.label) for a in v4] == [
        ("192.0.2.10", (), "nbva0"),
        ("198.51.100.50", ("dynamic", "noprefixroute"), "nbva0"),
        ("192.0.2.11", ("secondary",), "nbva0"),
        ("192.0.2.12", ("secondary",), "nbva0:1"),
    ]
    dynamic = v4[1]
    assert (dynamic.line, dynamic.valid_lft, dynamic.preferred_lft) == (12, "86382sec", "3582sec")
    v6 = [a for a in nbva0.addresses if a.family == "inet6"]
    assert v6[0] == Address(line=18, family="inet6", address="2001:db8:11::10", prefixlen=64,
                            scope="global", flags=("nodad", "mngtmpaddr", "noprefixroute"),
                            valid_lft="forever", preferred_lft="forever")
    assert (v6[2].address, v6[2].scope, v6[2].label) == ("fe80::dcd4:e3ff:fe63:c64d", "link", None)


def test_down_no_carrier_peer_and_metric() -> None:
    argv, out = fixture("lab--addr.out")
    ifaces = by_name(parse(out, argv).data)
    down = ifaces["nbvc1"]
    assert (down.state, down.flags, down.qdisc) == ("DOWN", ("BROADCAST", "MULTICAST"), "noop")
    peer = down.addresses[0]
    assert (peer.address, peer.prefixlen, peer.peer, peer.line) == (
        "198.51.100.1", None, "198.51.100.2/32", 26)
    no_carrier = ifaces["nbvc0"]
    assert no_carrier.flags == ("NO-CARRIER", "BROADCAST", "MULTICAST", "UP", "M-DOWN")
    assert no_carrier.state == "LOWERLAYERDOWN"
    assert (no_carrier.addresses[0].metric, no_carrier.addresses[0].scope) == (100, "global")
    bridge_port = ifaces["nbvd0"]
    assert (bridge_port.master, bridge_port.link) == ("nbbr0", "nbvd1")
    tun = ifaces["nbtun0"]
    assert (tun.link_type, tun.lladdr, tun.link_broadcast) == ("none", None, None)
    assert tun.flags == ("NO-CARRIER", "POINTOPOINT", "MULTICAST", "NOARP", "UP")


def test_ipv4_only_header_carries_link_netns() -> None:
    argv, out = fixture("lab--ipv4.out")
    result = parse(out, argv)
    assert result.unparsed == ()
    nbva0 = by_name(result.data)["nbva0"]
    assert (nbva0.link_netns, nbva0.lladdr, nbva0.group, nbva0.qlen) == (
        "nbip-b", None, "default", 1000)
    assert len(nbva0.addresses) == 4


def test_ipv6_only_short_header() -> None:
    data = read("2: nbva0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP qlen 1000\n"
                "    inet6 2001:db8:11::10/64 scope global nodad mngtmpaddr noprefixroute \n"
                "       valid_lft forever preferred_lft forever", ("ip", "-6", "a"))
    (nbva0,) = data.interfaces
    assert (nbva0.index, nbva0.name, nbva0.link, nbva0.qdisc, nbva0.state, nbva0.qlen) == (
        2, "nbva0", None, None, "UP", 1000)
    assert nbva0.addresses[0].valid_lft == "forever"


def test_link_show_and_single_interface() -> None:
    argv, out = fixture("lab--link.out")
    link = parse(out, argv)
    assert link.unparsed == ()
    assert all(i.addresses == () for i in link.data.interfaces)
    argv, out = fixture("lab--show-dev.out")
    (nbva0,) = parse(out, argv).data.interfaces
    assert (nbva0.name, len(nbva0.addresses)) == ("nbva0", 7)


# ------------------------------------------------------------- link types


def test_tunnel_link_types() -> None:
    data = read(
        "2: tunl0@NONE: <NOARP> mtu 1480 qdisc noop state DOWN group default qlen 1\n"
        "    link/ipip 0.0.0.0 brd 0.0.0.0\n"
        "3: ip6tnl0@NONE: <NOARP> mtu 1452 qdisc noop state DOWN group default qlen 1\n"
        "    link/tunnel6 :: brd ::\n"
        "5: gre0@NONE: <NOARP> mtu 1476 qdisc noop state DOWN group default qlen 1000\n"
        "    link/gre 0.0.0.0 brd 0.0.0.0"
    )
    assert [(i.name, i.link, i.link_type, i.lladdr, i.link_broadcast)
            for i in data.interfaces] == [
        ("tunl0", "NONE", "ipip", "0.0.0.0", "0.0.0.0"),
        ("ip6tnl0", "NONE", "tunnel6", "::", "::"),
        ("gre0", "NONE", "gre", "0.0.0.0", "0.0.0.0"),
    ]


def test_other_link_types_and_altname() -> None:
    data = read(
        "3: wlp2s0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode "
        "DORMANT group default qlen 1000\n"
        "    link/ieee802.11 00:53:00:00:00:0b brd ff:ff:ff:ff:ff:ff\n"
        "    altname wlx00530000000b\n"
        "4: wg0: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1420 qdisc noqueue state UNKNOWN group "
        "default qlen 1000\n"
        "    link/none \n"
        "    inet 198.51.100.1/24 scope global wg0\n"
        "5: nlmon0: <NOARP,UP,LOWER_UP> mtu 3776 qdisc noqueue state UNKNOWN group default "
        "qlen 1000\n"
        "    link/void "
    )
    wifi, wg, void = data.interfaces
    assert (wifi.link_type, wifi.lladdr, wifi.altnames, wifi.state) == (
        "ieee802.11", "00:53:00:00:00:0b", ("wlx00530000000b",), "UP")
    assert (wg.link_type, wg.lladdr, wg.addresses[0].address) == ("none", None, "198.51.100.1")
    assert wg.addresses[0].valid_lft is None
    assert (void.link_type, void.lladdr) == ("void", None)


def test_container_veth_with_netnsid() -> None:
    argv, out = fixture("cniguru--k8s-link.out")
    result = parse(out, argv)
    assert result.unparsed == ()
    veth = result.data.interfaces[1]
    assert (veth.line, veth.name, veth.link, veth.master, veth.link_netns, veth.qlen) == (
        3, "vethc3cef48b", "if3", "cni0", "0", None)
    assert by_name(result.data)["flannel.1"].mtu == 1450
    assert by_name(result.data)["enp0s31f6"].flags[0] == "NO-CARRIER"


# ------------------------------------------------------------------- ip -d


def test_vlan_id_from_details() -> None:
    data = read(
        "3: eth0.10@eth0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT "
        "group default qlen 1000\n"
        "    link/ether 08:00:27:a2:6b:fd brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 0 "
        "maxmtu 65535\n"
        "    vlan protocol 802.1Q id 10 <REORDER_HDR> addrgenmode eui64 numtxqueues 1 "
        "numrxqueues 1 gso_max_size 65536 gso_max_segs 65535",
        ("ip", "-d", "link", "show", "eth0.10"),
    )
    (vlan,) = data.interfaces
    assert (vlan.name, vlan.link, vlan.vlan_id) == ("eth0.10", "eth0", 10)
    assert (vlan.lladdr, vlan.link_broadcast) == ("08:00:27:a2:6b:fd", "ff:ff:ff:ff:ff:ff")


def test_vlan_id_only_from_details_not_names() -> None:
    data = read("4: ens192.100@ens192: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP group default qlen 1000\n"
                "    vlan protocol 802.1Q id 100 <REORDER_HDR> \n"
                "5: vlan200: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN")
    tagged, named = data.interfaces
    assert tagged.vlan_id == 100
    assert named.vlan_id is None


def test_detail_lines_of_other_kinds_are_read_quietly() -> None:
    argv, out = fixture("lab--link-details.out")
    result = parse(out, argv)
    assert result.unparsed == ()
    assert all(i.vlan_id is None for i in result.data.interfaces)  # vxlan id 42 is no VLAN
    vxlan = by_name(result.data)["nbvx0"]
    assert (vxlan.mtu, vxlan.lladdr) == (1450, "02:d2:19:37:74:14")
    assert by_name(result.data)["nbva0"].link_netns == "nbip-b"
    argv, out = fixture("lab--addr-details.out")
    (port,) = parse(out, argv).data.interfaces
    assert (port.master, port.addresses[0].line) == ("nbbr0", 6)


def test_counters_of_ip_s() -> None:
    argv, out = fixture("lab--link-stats.out")
    result = parse(out, argv)
    assert result.unparsed == ()
    assert result.data.interfaces[0].name == "nbva0"
    older = read("3: eth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast qlen 1000\n"
                 "    link/ether 00:53:00:00:1e:52 brd ff:ff:ff:ff:ff:ff\n"
                 "    RX: bytes  packets  errors  dropped overrun mcast   \n"
                 "    2562136822 488237847 0       0       0       0      \n"
                 "    TX: bytes  packets  errors  dropped carrier collsns\n"
                 "    3486617396 9691081  0       0       0       0    ")
    assert (older.interfaces[0].state, older.interfaces[0].qlen) == (None, 1000)


# ------------------------------------------------------------ ip -o, ip -br


def test_oneline_addresses() -> None:
    argv, out = fixture("lab--oneline-addr.out")
    result = parse(out, argv)
    assert result.unparsed == ()
    lo, nbva0 = result.data.interfaces[:2]
    assert (lo.index, lo.name, lo.line, lo.flags) == (1, "lo", 2, ())
    assert [(a.address, a.line) for a in lo.addresses] == [("127.0.0.1", 2), ("::1", 3)]
    assert [a.address for a in nbva0.addresses][:2] == ["192.0.2.10", "198.51.100.50"]
    dynamic = nbva0.addresses[1]
    assert (dynamic.label, dynamic.valid_lft, dynamic.flags) == (
        "nbva0", "86382sec", ("dynamic", "noprefixroute"))
    assert nbva0.addresses[3].label == "nbva0:1"


def test_oneline_links() -> None:
    argv, out = fixture("lab--oneline-link.out")
    result = parse(out, argv)
    assert result.unparsed == ()
    nbva0 = result.data.interfaces[1]
    assert (nbva0.name, nbva0.state, nbva0.lladdr, nbva0.link_netns, nbva0.link_line) == (
        "nbva0", "UP", "de:d4:e3:63:c6:4d", "nbip-b", 3)


def test_brief_addresses() -> None:
    data = read(
        "lo               UNKNOWN        127.0.0.1/8 ::1/128 \n"
        "nbva0@if2        UP             192.0.2.10/24 198.51.100.50/24 "
        "fe80::dcd4:e3ff:fe63:c64d/64 \n"
        "nbvc1@nbvc0      DOWN           198.51.100.1 peer 198.51.100.2/32 \n"
        "nbvc0@nbvc1      LOWERLAYERDOWN 203.0.113.10/24 metric 100 \n"
        "nbvx0            DOWN           ", ("ip", "-br", "a"),
    )
    lo, nbva0, peer, metric, empty = data.interfaces
    assert (lo.index, lo.state, [a.family for a in lo.addresses]) == (
        None, "UNKNOWN", ["inet", "inet6"])
    assert (nbva0.name, nbva0.link, nbva0.line) == ("nbva0", "if2", 2)
    assert [(a.address, a.prefixlen) for a in nbva0.addresses] == [
        ("192.0.2.10", 24), ("198.51.100.50", 24), ("fe80::dcd4:e3ff:fe63:c64d", 64)]
    assert (peer.addresses[0].address, peer.addresses[0].prefixlen, peer.addresses[0].peer) == (
        "198.51.100.1", None, "198.51.100.2/32")
    assert metric.addresses[0].metric == 100
    assert (empty.state, empty.addresses) == ("DOWN", ())


def test_brief_links() -> None:
    data = read("nbvc0@nbvc1      LOWERLAYERDOWN 0e:ca:4e:ad:28:37 "
                "<NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> \n"
                "nbtun0           DOWN           <NO-CARRIER,POINTOPOINT,MULTICAST,NOARP,UP> ")
    veth, tun = data.interfaces
    assert (veth.lladdr, veth.state, veth.flags[0]) == ("0e:ca:4e:ad:28:37", "LOWERLAYERDOWN",
                                                        "NO-CARRIER")
    assert (tun.lladdr, tun.flags[-1]) == (None, "UP")


# -------------------------------------------------------- what cannot be read


def test_lines_without_their_interface_are_reported() -> None:
    result = parse(lines("    inet 192.0.2.10/24 brd 192.0.2.255 scope global eth0\n"
                         "       valid_lft forever preferred_lft forever\n"
                         "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP\n"
                         "       valid_lft forever preferred_lft forever\n"
                         "(略)"), ())
    assert result.unparsed == (1, 2, 4, 5)
    assert [i.name for i in result.data.interfaces] == ["eth0"]


def test_unreadable_lines_are_reported() -> None:
    result = parse(lines("2: eth0: <BROADCAST,MULTICAST,UP\n"
                         "3: eth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP\n"
                         "    inet addr:192.0.2.10  Bcast:192.0.2.255  Mask:255.255.255.0\n"
                         "3: eth1    inet dead-beef scope global eth1\n"
                         "    inet 192.0.2.10/24 scope global eth1"), ())
    assert result.unparsed == (1, 3, 4)
    (eth1,) = result.data.interfaces
    assert [(a.address, a.line) for a in eth1.addresses] == [("192.0.2.10", 5)]


def test_ifconfig_lines_are_not_address_lines() -> None:
    assert not SHAPE.match("inet 192.0.2.10  netmask 255.255.255.0  broadcast 192.0.2.255")
    assert not SHAPE.match("inet addr:192.0.2.10  Bcast:192.0.2.255  Mask:255.255.255.0")
    assert SHAPE.match("inet 198.51.100.1 peer 198.51.100.2/32 scope global nbvc1")


def test_oneline_link_with_details() -> None:
    data = read("3: eth0.10@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state "
                "UP mode DEFAULT group default qlen 1000\\    link/ether 00:53:00:00:00:0a brd "
                "ff:ff:ff:ff:ff:ff promiscuity 0 \\    vlan protocol 802.1Q id 10 <REORDER_HDR> "
                "\\    altname enp0s3.10", ("ip", "-o", "-d", "link"))
    (vlan,) = data.interfaces
    assert (vlan.lladdr, vlan.vlan_id, vlan.altnames, vlan.link_line) == (
        "00:53:00:00:00:0a", 10, ("enp0s3.10",), 1)


def test_wrapped_header_keeps_the_interface() -> None:
    result = parse(lines("2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP\n"
                         "group default qlen 1000\n"
                         "    link/ether 00:53:00:00:00:00 brd ff:ff:ff:ff:ff:ff"), ())
    assert result.unparsed == (2,)
    assert result.data.interfaces[0].lladdr == "00:53:00:00:00:00"


def test_empty_output() -> None:
    assert read("") == AddrData()


def test_every_fixture_reads_cleanly() -> None:
    for path in sorted(FIXTURES.glob("*.out")):
        argv, out = fixture(path.name)
        result = parse(out, argv)
        assert result.unparsed == (), path.name
        assert result.data.interfaces, path.name


# ------------------------------------------------------------ shape / header


def test_shape_matches_every_fixture_line() -> None:
    for path in sorted(FIXTURES.glob("*.out")):
        for text in path.read_text(encoding="utf-8").splitlines():
            if text.strip() and not text.startswith("$ "):
                assert SHAPE.match(text.strip()), (path.name, text)


@pytest.mark.parametrize("text", [
    "default via 192.0.2.1 dev ens192 proto static metric 100",
    "192.0.2.10 dev ens192 lladdr 00:53:00:00:00:00 STALE",
    "64 bytes from 192.0.2.123: icmp_seq=1 ttl=64 time=0.340 ms",
    "5 packets transmitted, 5 received, 0% packet loss, time 3999ms",
    "1  192.0.2.1  0.512 ms  0.400 ms  0.388 ms",
])
def test_shape_rejects_other_outputs(text: str) -> None:
    assert not SHAPE.match(text)


def test_route_shape_leaves_address_lines_alone() -> None:
    for path in sorted(FIXTURES.glob("*.out")):
        for text in path.read_text(encoding="utf-8").splitlines():
            assert not ip_route.SHAPE.match(text.strip()), (path.name, text)


def test_header_starts_a_listing_at_interface_1() -> None:
    assert HEADER.match("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN")
    assert HEADER.match("1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN group default")
    assert not HEADER.match("2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500")
    assert not HEADER.match("12: nbifb0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN")
    assert not HEADER.match("1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever")


def test_human_readable_counters_of_ip_h_s() -> None:
    """`ip -h -s` prints counters as 2.61k, 1.2M, 3.1Gi (lab--addr-stats-human.out)."""
    argv, out = fixture("lab--addr-stats-human.out")
    result = parse(out, argv)
    assert result.unparsed == ()
    assert [i.name for i in result.data.interfaces] == ["ens192"]
    counters = ["RX:  bytes packets errors dropped  missed   mcast",
                "1.21Gi   3.4M      0       0      12     7.9k"]
    for row in counters:
        assert SHAPE.match(row)
    data = read("2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP\n"
                + "\n".join(counters))
    assert [i.name for i in data.interfaces] == ["eth0"]
    assert SHAPE.match("1.2 Gi 3 4 5") is None  # a unit stands right after its number

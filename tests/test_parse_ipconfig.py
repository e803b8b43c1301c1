"""The Windows `ipconfig` parser (English and Japanese, plain and `/all`).

Unless noted, the lines come from fixtures/parse/ipconfig/ (see SOURCES.md there):
`ipconfig /all` of Windows 10, 7 and XP from jc's fixtures, and outputs built from the
documented layout (`--synthetic`). The mapping onto `ip address` records, and what is done
with the default gateway, is in docs/dialects.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lines import fixture_lines, lines

from analyzer.diagnose.facts import Facts
from analyzer.parse import parse_bytes
from analyzer.parsers.ipconfig import SHAPE, WINDOWS_EN_SHAPE, WINDOWS_JA_SHAPE, parse
from analyzer.records import AddrData, Address, Interface, Route
from analyzer.transcript import Line

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parse" / "ipconfig"


def fixture(name: str) -> tuple[tuple[str, ...], list[Line]]:
    """A fixture's command (from its `$ ` line, if any) and its output lines."""
    return fixture_lines(FIXTURES / name)


def adapters(name: str) -> dict[str, Interface]:
    argv, out = fixture(name)
    result = parse(out, argv)
    assert result.unparsed == ()
    return {i.name: i for i in result.data.interfaces}


# ------------------------------------------------------------------- English


def test_plain_ipconfig() -> None:
    eth0 = adapters("windows-en--ipconfig--synthetic.out")["Ethernet0"]
    assert eth0 == Interface(
        line=6, index=None, name="Ethernet0", flags=("UP", "LOWER_UP"), state="UP",
        link_type="ether",
        addresses=(
            Address(line=9, family="inet6", address="2001:db8:10::10", prefixlen=None,
                    scope="global"),
            Address(line=10, family="inet6", address="fe80::200:5eff:fe00:5310",
                    prefixlen=None, scope="link"),
            Address(line=11, family="inet", address="192.0.2.10", prefixlen=24),
        ),
        default_routes=(
            Route(line=13, dst="default", via="fe80::200:5eff:fe00:5301", dev="Ethernet0"),
            Route(line=14, dst="default", via="192.0.2.1", dev="Ethernet0"),
        ),
    )


def test_disconnected_adapter_and_teredo() -> None:
    found = adapters("windows-en--ipconfig--synthetic.out")
    eth1, teredo = found["Ethernet1"], found["Teredo Tunneling Pseudo-Interface"]
    assert (eth1.flags, eth1.state, eth1.addresses) == (("NO-CARRIER", "UP"), "DOWN", ())
    assert Facts.interface_down(eth1) and not Facts.interface_down(found["Ethernet0"])
    assert (teredo.link_type, teredo.default_routes) == ("tunnel", ())  # `::` is no gateway


def test_ipconfig_all() -> None:
    found = adapters("jc-windows-10--ipconfig-all.out")
    eth2 = found["Ethernet 2"]
    assert (eth2.line, eth2.lladdr, eth2.link_line, eth2.link_type) == (
        31, "F8-E4-3B-AD-F2-6D", 35, "ether")
    assert [(a.address, a.prefixlen, a.scope) for a in eth2.addresses] == [
        ("fe80::c936:c2db:79ad:e1c6", None, "link"), ("10.50.13.132", 24, None)]
    assert eth2.default_routes == (Route(line=43, dst="default", via="10.50.13.1",
                                         dev="Ethernet 2"),)
    tailscale = found["Tailscale"]  # `Unknown adapter`, no MAC, no gateway
    assert (tailscale.link_type, tailscale.lladdr, tailscale.default_routes) == (None, None, ())
    assert tailscale.addresses[2].prefixlen == 32
    bluetooth = found["Bluetooth Network Connection"]
    assert (bluetooth.state, bluetooth.lladdr) == ("DOWN", "1C-C1-0C-C3-25-B4")


def test_windows_7_and_xp() -> None:
    win7 = adapters("jc-windows-7--ipconfig-all.out")
    isatap = win7["isatap.{E24F3EA8-436E-3B26-8BB9-CED33928744B}"]
    assert (isatap.link_type, isatap.state) == ("tunnel", "DOWN")
    xp = adapters("jc-windows-xp--ipconfig-all.out")["Local Area Connection"]
    assert [(a.address, a.prefixlen) for a in xp.addresses] == [("192.168.22.135", 24)]
    assert [r.via for r in xp.default_routes] == ["192.168.22.1"]


# ------------------------------------------------------------------ Japanese


def test_japanese_plain_ipconfig_reads_as_english() -> None:
    ja = adapters("windows-ja--ipconfig--synthetic.out")
    eth0 = ja["Ethernet0"]
    assert [(a.line, a.address, a.flags) for a in eth0.addresses] == [
        (9, "2001:db8:10::10", ()), (10, "2001:db8:10::8d2e:77c1:1a5e:3b40", ("temporary",)),
        (11, "fe80::200:5eff:fe00:5310", ()), (12, "192.0.2.10", ())]
    assert [(r.line, r.via) for r in eth0.default_routes] == [
        (14, "fe80::200:5eff:fe00:5301"), (15, "192.0.2.1")]
    wifi = ja["Wi-Fi"]
    assert (wifi.link_type, wifi.flags, wifi.state) == ("ether", ("NO-CARRIER", "UP"), "DOWN")


def test_japanese_ipconfig_all() -> None:
    found = adapters("windows-ja--ipconfig-all--synthetic.out")
    eth0, eth1 = found["Ethernet0"], found["Ethernet1"]
    assert (eth0.lladdr, eth1.lladdr, eth1.state) == ("00-00-5E-00-53-10", "00-00-5E-00-53-21",
                                                      "DOWN")
    assert [(a.address, a.prefixlen, a.flags) for a in eth0.addresses] == [
        ("fe80::200:5eff:fe00:5310", None, ()), ("192.0.2.10", 24, ()),
        ("192.0.2.20", 24, ("dadfailed",))]  # `(重複)`: a duplicate address
    assert [r.via for r in eth0.default_routes] == ["192.0.2.1"]  # DNS servers are not kept


def test_status_words() -> None:
    (nic,) = parse(lines(
        "Ethernet adapter Ethernet0:\n"
        "   IPv6 Address. . . . . . . . . . . : 2001:db8:10::10(Deprecated)\n"
        "   IPv6 Address. . . . . . . . . . . : 2001:db8:10::11(Tentative)\n"
        "   IPv4 Address. . . . . . . . . . . : 192.0.2.10(Duplicate)\n"
        "   Autoconfiguration IPv4 Address. . : 169.254.83.107(Preferred)"), ()).data.interfaces
    assert [(a.address, a.flags) for a in nic.addresses] == [
        ("2001:db8:10::10", ("deprecated",)), ("2001:db8:10::11", ("tentative",)),
        ("192.0.2.10", ("dadfailed",)), ("169.254.83.107", ())]


# ------------------------------------------------------------------- unknown


def test_values_that_are_not_addresses_are_reported() -> None:
    result = parse(lines(
        "Ethernet adapter Ethernet0:\n"
        "   Subnet Mask . . . . . . . . . . . : 255.255.255.0\n"
        "   IPv4 Address. . . . . . . . . . . : 192.0.2.10 and more\n"
        "   IPv4 Address. . . . . . . . . . . : 2001:db8::1\n"
        "   Default Gateway . . . . . . . . . : gateway.example\n"
        "   DNS Servers . . . . . . . . . . . : anything"), ())
    assert result.unparsed == (2, 3, 4, 5)


def test_no_adapter_is_no_interface_list() -> None:
    """The global section alone (a paste cut there) is not "no interfaces"."""
    result = parse(lines(
        "Windows IP Configuration\n\n"
        "   Host Name . . . . . . . . . . . . : client\n"
        "   Node Type . . . . . . . . . . . . : Hybrid"), ())
    assert (result.unparsed, result.data) == ((1, 3, 4), AddrData())


def test_every_fixture_reads_cleanly() -> None:
    for path in sorted(FIXTURES.glob("*.out")):
        argv, out = fixture(path.name)
        assert parse(out, argv).unparsed == (), path.name


def test_pasted_with_its_command_the_continued_gateway_is_kept() -> None:
    text = (FIXTURES / "windows-en--ipconfig--synthetic.out").read_bytes()
    (block,) = parse_bytes(text.replace(b"$ ipconfig", b"C:\\Users\\taro>ipconfig")).blocks
    assert (block.kind, block.dialect, block.line_start, block.line_end) == (
        "ip_addr", "windows-en", 1, 26)
    eth0 = block.data.interfaces[0]  # type: ignore[union-attr]
    assert [r.via for r in eth0.default_routes] == ["fe80::200:5eff:fe00:5301", "192.0.2.1"]


# -------------------------------------------------------------------- shapes


@pytest.mark.parametrize(("name", "shape"), [
    ("jc-windows-10--ipconfig-all.out", WINDOWS_EN_SHAPE),
    ("jc-windows-7--ipconfig-all.out", WINDOWS_EN_SHAPE),
    ("windows-en--ipconfig--synthetic.out", WINDOWS_EN_SHAPE),
    ("windows-ja--ipconfig-all--synthetic.out", WINDOWS_JA_SHAPE),
])
def test_dialect_shape_matches_every_keyed_line(name: str, shape: re.Pattern[str]) -> None:
    """Every line but the values continued alone (docs/dialects.md, known limits)."""
    for line in fixture(name)[1]:
        text = line.text.strip()
        if text and (" " in text or text.endswith(":")) and not text.startswith("$"):
            assert shape.match(text) and SHAPE.match(text), (name, text)


@pytest.mark.parametrize("text", [
    "192.0.2.1",  # a bare address: `ping -R` prints them too
    "fe80::200:5eff:fe00:5301%11",
    "Reply from 192.0.2.1: bytes=32 time<1ms TTL=64",
    "Ping statistics for 192.0.2.1:",
    "    Packets: Sent = 4, Received = 4, Lost = 0 (0% loss),",
])
def test_shape_rejects_other_outputs(text: str) -> None:
    assert SHAPE.match(text.strip()) is None

"""The `arp` parser (net-tools, BusyBox, BSD, Windows English and Japanese).

Unless noted, the lines come from fixtures/parse/arp/ (see SOURCES.md there): net-tools and
BusyBox recorded in network namespaces, macOS and FreeBSD from jc's fixtures, Windows built
from the documented layout (`--synthetic`). The state mapping is in docs/dialects.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lines import fixture_lines, lines

from analyzer.parsers import ip_neigh
from analyzer.parsers.arp import (
    BSD_SHAPE,
    NET_TOOLS_SHAPE,
    SHAPE,
    WINDOWS_EN_SHAPE,
    WINDOWS_JA_SHAPE,
    parse,
)
from analyzer.records import Neighbor, NeighborData
from analyzer.transcript import Line

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "parse" / "arp"


def read(text: str) -> NeighborData:
    result = parse(lines(text), ())
    assert result.unparsed == ()
    return result.data


def fixture(name: str) -> tuple[tuple[str, ...], list[Line]]:
    """A fixture's command (from its `$ ` line, if any) and its output lines."""
    return fixture_lines(FIXTURES / name)


def neighbors(name: str) -> tuple[Neighbor, ...]:
    argv, out = fixture(name)
    result = parse(out, argv)
    assert result.unparsed == ()
    return result.data.neighbors


def essentials(found: tuple[Neighbor, ...]) -> list[tuple[object, ...]]:
    return [(n.ip, n.dev, n.lladdr, n.state, n.proxy) for n in found]


LAB = [
    ("192.0.2.1", "ens192", "00:00:5e:00:53:01", (), False),
    ("192.0.2.99", "ens192", None, ("INCOMPLETE",), False),
    ("192.0.2.50", "ens192", "00:00:5e:00:53:50", ("PERMANENT",), False),
    ("192.0.2.11", "ens192", "00:00:5e:00:53:11", (), False),
    ("192.0.2.60", "ens192", None, ("PERMANENT",), True),
]


# ------------------------------------------------------------ net-tools, BusyBox


def test_net_tools_table() -> None:
    found = neighbors("lab--arp-n.out")
    assert essentials(found) == LAB
    assert found[0] == Neighbor(line=3, ip="192.0.2.1", dev="ens192", lladdr="00:00:5e:00:53:01")
    assert [n.line for n in found] == [3, 4, 5, 6, 7]


def test_net_tools_bsd_style_and_busybox_give_the_same_entries() -> None:
    a_style = neighbors("lab--arp-a.out")
    assert essentials(a_style) == LAB
    assert essentials(neighbors("busybox--arp-a.out")) == LAB
    assert a_style[0].line == 2


def test_names_without_n() -> None:
    """`arp` without `-n` prints a name in the table: it stays the entry's `ip`."""
    found = neighbors("lab--arp-names.out")
    assert (found[0].ip, found[0].lladdr) == ("gw-c.example", "00:00:5e:00:53:01")


def test_verbose_footer_is_no_entry() -> None:
    assert len(neighbors("lab--arp-v.out")) == 5


def test_no_entry_answers() -> None:
    """Shapes of net-tools' answers for an address it does not know."""
    assert read("192.0.2.77 (192.0.2.77) -- no entry\n"
                "arp: in 5 entries no match found.").neighbors == ()


# ----------------------------------------------------------------------- BSD


def test_macos_entries() -> None:
    found = neighbors("jc-osx-10.14.6--arp-a2.out")
    by_ip = {n.ip: n for n in found}
    assert (by_ip["192.168.1.254"].dev, by_ip["192.168.1.254"].state) == ("en0", ())
    # the host's own address: printed `permanent`, read as printed (docs/dialects.md)
    assert by_ip["192.168.1.221"].state == ("PERMANENT",)
    # broadcast and multicast entries are no neighbours
    for ip in ("192.168.1.255", "192.168.71.255", "224.0.0.251", "239.255.255.250"):
        assert (by_ip[ip].lladdr, by_ip[ip].state) == (None, ("NOARP",)), ip
    assert by_ip["192.168.71.255"].dev == "vmnet8"


def test_freebsd_expires_and_permanent() -> None:
    assert essentials(neighbors("jc-freebsd12--arp-a.out")) == [
        ("192.168.71.163", "em0", "00:0c:29:1a:4e:3b", ("PERMANENT",), False),
        ("192.168.71.2", "em0", "00:50:56:f7:4a:fc", (), False),
        ("192.168.71.1", "em0", "00:50:56:c0:00:08", (), False),
    ]


def test_macos_incomplete_and_published() -> None:
    """Shapes of macOS `arp -an` for an unanswered and a published entry."""
    gw, pub = read(
        "? (192.0.2.1) at (incomplete) on en0 ifscope [ethernet]\n"
        "? (192.0.2.60) at 0:0:5e:0:53:10 on en0 ifscope permanent published [ethernet]"
    ).neighbors
    assert (gw.lladdr, gw.state, gw.dev) == (None, ("INCOMPLETE",), "en0")
    assert (pub.state, pub.proxy) == (("PERMANENT",), True)


# ------------------------------------------------------------------- Windows


def test_windows_english() -> None:
    found = neighbors("windows-en--arp-a--synthetic.out")
    assert essentials(found) == [
        ("192.0.2.1", None, "00-00-5e-00-53-01", (), False),
        ("192.0.2.11", None, "00-00-5e-00-53-11", (), False),
        ("192.0.2.12", None, "00-00-5e-00-53-12", (), False),
        ("192.0.2.99", None, None, ("FAILED",), False),
        ("192.0.2.255", None, None, ("NOARP",), False),
        ("224.0.0.22", None, None, ("NOARP",), False),
        ("224.0.0.251", None, None, ("NOARP",), False),
        ("239.255.255.250", None, None, ("NOARP",), False),
        ("255.255.255.255", None, None, ("NOARP",), False),
        ("198.51.100.1", None, "00-00-5e-00-53-30", (), False),
        ("198.51.100.127", None, None, ("NOARP",), False),
    ]
    assert [n.line for n in found[:2]] == [5, 6]


def test_windows_japanese_reads_as_english() -> None:
    assert neighbors("windows-ja--arp-a--synthetic.out") == neighbors(
        "windows-en--arp-a--synthetic.out")


def test_windows_nothing_found() -> None:
    """`arp -a ADDRESS` for an address without entry, in both languages."""
    assert read("No ARP Entries Found.\nARP エントリが見つかりませんでした。").neighbors == ()


def test_windows_static_unicast_is_permanent() -> None:
    (static,) = read("  192.0.2.50            00-00-5e-00-53-50     static").neighbors
    assert (static.lladdr, static.state) == ("00-00-5e-00-53-50", ("PERMANENT",))


def test_windows_type_of_another_language_is_reported() -> None:
    result = parse(lines("  192.0.2.1             00-00-5e-00-53-01     dynamisch"), ())
    assert (result.unparsed, result.data.neighbors) == ((1,), ())


# ------------------------------------------------------------------- unknown


def test_lines_that_are_no_entries_are_reported() -> None:
    result = parse(lines(
        "? (192.0.2.1) at 00:00:5e:00:53:01 [ether] on ens192 and then some prose\n"
        "? (192.0.2.2) at 00:00:5e:00:53:02 [ether]\n"
        "arp: cannot open /proc/net/arp"), ())
    assert result.unparsed == (1, 2, 3)


def test_every_fixture_reads_cleanly() -> None:
    for path in sorted(FIXTURES.glob("*.out")):
        argv, out = fixture(path.name)
        assert parse(out, argv).unparsed == (), path.name


# -------------------------------------------------------------------- shapes


@pytest.mark.parametrize(("name", "shape"), [
    ("lab--arp-n.out", NET_TOOLS_SHAPE), ("lab--arp-a.out", NET_TOOLS_SHAPE),
    ("lab--arp-v.out", NET_TOOLS_SHAPE), ("busybox--arp-a.out", NET_TOOLS_SHAPE),
    ("jc-osx-10.14.6--arp-a.out", BSD_SHAPE), ("jc-freebsd12--arp-a.out", BSD_SHAPE),
    ("windows-en--arp-a--synthetic.out", WINDOWS_EN_SHAPE),
    ("windows-ja--arp-a--synthetic.out", WINDOWS_JA_SHAPE),
])
def test_dialect_shape_matches_every_output_line(name: str, shape: re.Pattern[str]) -> None:
    _, out = fixture(name)
    for line in out:
        text = line.text.strip()
        if text and not text.startswith("$ "):
            assert shape.match(text) and SHAPE.match(text), (name, text)


def test_dialect_shapes_tell_the_dialects_apart() -> None:
    en = "192.0.2.1             00-00-5e-00-53-01     dynamic"
    ja = "192.0.2.1             00-00-5e-00-53-01     動的"
    linux = "? (192.0.2.1) at 00:00:5e:00:53:01 [ether] on ens192"
    bsd = "? (192.0.2.1) at 0:0:5e:0:53:1 on en0 ifscope [ethernet]"
    table = {NET_TOOLS_SHAPE: linux, BSD_SHAPE: bsd, WINDOWS_EN_SHAPE: en, WINDOWS_JA_SHAPE: ja}
    for shape, own in table.items():
        assert [bool(shape.match(t)) for t in table.values()] == [t == own for t in table.values()]


@pytest.mark.parametrize("text", [
    "192.0.2.1 dev eth0 lladdr 00:00:5e:00:53:01 REACHABLE",
    "192.0.2.1 dev eth0 FAILED",
    "0.0.0.0         192.0.2.1       0.0.0.0         UG    100    0        0 ens192",
    "From 192.0.2.10 icmp_seq=1 Destination Host Unreachable",
])
def test_shape_rejects_other_outputs(text: str) -> None:
    assert SHAPE.match(text) is None


def test_iproute2_shape_leaves_arp_lines_alone() -> None:
    for name in ("lab--arp-n.out", "jc-osx-10.14.6--arp-a.out", "windows-en--arp-a--synthetic.out"):
        for line in fixture(name)[1]:
            assert ip_neigh.SHAPE.match(line.text.strip()) is None, line.text

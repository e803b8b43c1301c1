"""`--mask-hosts`: consistent placeholders, subnets kept, and nothing original left.

The leak test runs `netblame analyze --mask-hosts` in every output format over every
fixture, as recorded and in a "public" variant (documentation prefixes rewritten to
public ones, every host name made distinctive), and greps the output.
"""

from __future__ import annotations

import ipaddress
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from golden import FIXTURES

from analyzer.cli import main
from analyzer.diagnose.engine import diagnose
from analyzer.escalation.mask_hosts import masker_for
from analyzer.parse import ParseResult, parse_bytes
from analyzer.reader.decode import decode
from analyzer.records import PingData, TracerouteData

SOURCES = sorted(p for p in FIXTURES.rglob("*.txt") if p.parent.name != "escalation"
                 or not p.name.count(".ticket.")) + sorted(FIXTURES.glob("parse/*/*.out"))
FORMATS = (["--format", "text"], ["--format", "json"], ["--format", "markdown"],
           ["--format", "ticket", "--lang", "en"], ["--format", "ticket", "--lang", "ja"])
# Documentation prefixes → public ones, for the variant.
PUBLIC = {"192.0.2.": "133.242.5.", "198.51.100.": "61.115.20.", "203.0.113.": "210.140.7.",
          "2001:db8:": "2400:4050:"}
MARK = "qz7"  # appended to every host name in the variant: must never reach the output
# Words netblame's own output uses ("client ── L2 ── gateway ── path ── server"): the lab's
# hosts have these names, so their absence is checked in the variant, where they carry MARK.
OWN_WORDS = {"client", "server"}
ADDRESS = re.compile(r"(?<![\w:.])(?:[0-9A-Fa-f]*:[0-9A-Fa-f:]*:[0-9A-Fa-f.]*[0-9A-Fa-f]|"
                     r"\d{1,3}(?:\.\d{1,3}){3})(?![\w])")
DOTTED = re.compile(r"(?<![\w.-])(?:[\w-]+\.)+[A-Za-z]{2,}(?![\w-])")


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _names(result: ParseResult) -> set[str]:
    """Host names the paste shows: prompts, `hostname`, ping/traceroute names, dotted names."""
    t = result.transcript
    names = {i.host for i in t.invocations if i.host}
    for inv in t.invocations:
        if inv.argv == ("hostname",) and inv.line < len(t.lines):
            names.update(t.lines[inv.line].text.split()[:1])
    for b in result.blocks:
        if isinstance(b.data, PingData):
            names.add(b.data.target or "")
            names.update(r.source_name or "" for r in b.data.replies)
        elif isinstance(b.data, TracerouteData):
            names.add(b.data.target or "")
            names.update(p.name or "" for h in b.data.hops for p in h.probes)
    for line in t.lines:
        names.update(m.group(0) for m in DOTTED.finditer(line.text)
                     if m.group(0).rsplit(".", 1)[-1].lower() not in {"conf", "txt", "so"})
    return {n for n in names if n and not _is_address(n) and n != "localhost"}


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _public(text: str) -> bool:
    try:
        addr = ipaddress.ip_address(text)
    except ValueError:
        return False
    return addr.is_global and not addr.is_multicast


def _variant(text: str, names: set[str]) -> str:
    """Public prefixes for documentation ones; every host name made distinctive."""
    for doc, public in PUBLIC.items():
        text = text.replace(doc, public)
    for name in sorted(names, key=len, reverse=True):
        head, dot, rest = name.partition(".")
        text = re.sub(rf"(?<![\w.-]){re.escape(name)}(?![\w-])", f"{head}-{MARK}{dot}{rest}",
                      text)
    return text


def _outputs(path: Path) -> list[str]:
    runner = CliRunner()
    outputs = []
    for args in FORMATS:
        result = runner.invoke(main, ["analyze", "--mask-hosts", *args, str(path)])
        assert result.exit_code in (0, 1), result.output  # 1: nothing analysable
        assert result.exception is None or isinstance(result.exception, SystemExit)
        outputs.append(result.stdout + result.stderr)
    return outputs


def _assert_clean(outputs: list[str], names: set[str], public: set[str]) -> None:
    for out in outputs:
        for name in names:
            assert not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", out, re.I), name
        for addr in public:
            assert not re.search(rf"(?<![\w:.]){re.escape(addr)}(?![\w:]|\.\d)", out), addr
        left = [a for a in ADDRESS.findall(out) if _public(a.rstrip(":"))]
        assert not left, left


@pytest.mark.parametrize("source", SOURCES, ids=_id)
def test_nothing_original_is_left(source: Path, tmp_path: Path) -> None:
    text, _ = decode(source.read_bytes())  # UTF-16 and CP932 fixtures too
    names = _names(parse_bytes(text.encode()))
    public = {a for a in ADDRESS.findall(text) if _public(a)}
    _assert_clean(_outputs(source), names - OWN_WORDS, public)

    variant = tmp_path / source.name
    variant.write_text(_variant(text, names), encoding="utf-8")
    changed = {a for a in ADDRESS.findall(variant.read_text(encoding="utf-8")) if _public(a)}
    outputs = _outputs(variant)
    _assert_clean(outputs, set(), changed)
    for out in outputs:
        assert MARK not in out


@pytest.mark.parametrize("source", SOURCES, ids=_id)
def test_masking_changes_no_verdict(source: Path) -> None:
    result = parse_bytes(source.read_bytes())
    masked = masker_for(result).result(result)
    assert [(b.kind, b.line_start, b.line_end) for b in masked.blocks] == [
        (b.kind, b.line_start, b.line_end) for b in result.blocks]
    if result.blocks:
        before, after = diagnose(result), diagnose(masked)
        assert (after.verdict.segment, after.verdict.rule) == (
            before.verdict.segment, before.verdict.rule)
        assert [f.rule for f in after.findings] == [f.rule for f in before.findings]


PASTE = """\
[admin@web-prd-01 ~]$ hostname -f
web-prd-01.tky.corp.example.co.jp
[admin@web-prd-01 ~]$ ip address show eth0
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000
    link/ether 00:00:5e:00:53:01 brd ff:ff:ff:ff:ff:ff
    inet 133.242.4.10/22 brd 133.242.7.255 scope global eth0
    inet6 2400:4050:1:2::10/64 scope global
[admin@web-prd-01 ~]$ ip route show
default via 133.242.7.254 dev eth0
133.242.4.0/22 dev eth0 proto kernel scope link src 133.242.4.10
[admin@web-prd-01 ~]$ ping -c 1 db01.tky.corp.example.co.jp
PING db01.tky.corp.example.co.jp (8.8.4.4) 56(84) bytes of data.
64 bytes from db01.tky.corp.example.co.jp (8.8.4.4): icmp_seq=1 ttl=57 time=1.2 ms

--- db01.tky.corp.example.co.jp ping statistics ---
1 packets transmitted, 1 received, 0% packet loss, time 0ms
[admin@web-prd-01 ~]$ ping -c 1 203.0.113.5
PING 203.0.113.5 (203.0.113.5) 56(84) bytes of data.
64 bytes from 203.0.113.5: icmp_seq=1 ttl=57 time=1.2 ms

--- 203.0.113.5 ping statistics ---
1 packets transmitted, 1 received, 0% packet loss, time 0ms
[admin@web-prd-01 ~]$ ssh ops@host1 uptime
 10:00:01 up 3 days, load average: 0.00, 10.20.0.7 fe80::1%eth0 2400:4050:1:2::1 8.8.4.4
"""


def _masked(text: str) -> list[str]:
    result = parse_bytes(text.encode())
    return [line.text for line in masker_for(result).result(result).transcript.lines]


def test_placeholders_are_consistent_and_keep_subnets() -> None:
    lines = _masked(PASTE)
    assert lines[0] == "[admin@host2 ~]$ hostname -f"  # host1 is in the paste: skipped
    assert lines[1] == "host2.example"
    v4 = {ln.split()[1] for ln in lines if ln.lstrip().startswith("inet ")}.pop()
    gateway = lines[8].split()[2]
    network = ipaddress.ip_interface(v4).network
    assert network.prefixlen == 22 and ipaddress.ip_address(gateway) in network
    assert (int(ipaddress.ip_interface(v4).ip) - int(network.network_address),
            int(ipaddress.ip_address(gateway)) - int(network.network_address)) == (
        int(ipaddress.ip_address("133.242.4.10")) - int(ipaddress.ip_address("133.242.4.0")),
        int(ipaddress.ip_address("133.242.7.254")) - int(ipaddress.ip_address("133.242.4.0")))
    assert lines[9] == f"{network} dev eth0 proto kernel scope link src {v4.split('/')[0]}"
    v6 = ipaddress.ip_interface(lines[6].split()[1])
    assert v6.ip in ipaddress.ip_network("2001:db8::/32") and str(v6.ip).endswith(":2::10")
    assert lines[-1].split()[-2] == str(v6.ip).replace("::10", "::1")
    dest = lines[11].split("(")[1].split(")")[0]
    # web-prd-01 → host2, host1 (a name in the paste) → host3, then the dotted names.
    assert lines[12] == f"64 bytes from host4.example ({dest}): icmp_seq=1 ttl=57 time=1.2 ms"
    assert lines[-1].split()[-1] == dest  # the same original, the same placeholder
    # Not public: kept. And no placeholder block lands on an address of the paste.
    assert "203.0.113.5" in lines[16] and "10.20.0.7" in lines[-1] and "fe80::1%eth0" in lines[-1]
    assert ipaddress.ip_address(dest) not in ipaddress.ip_network("203.0.113.0/24")
    assert lines[22] == "[admin@host2 ~]$ ssh ops@host3 uptime"
    assert not any("corp.example" in ln or "web-prd" in ln or "8.8.4.4" in ln for ln in lines)


def test_keyword_host_names_are_kept() -> None:
    text = ("root@router:~# ip neigh show\n192.0.2.1 dev eth0 lladdr 00:00:5e:00:53:01 router "
            "REACHABLE\n")
    lines = _masked(text)
    assert lines == text.splitlines()


def test_dest_option_is_masked_too() -> None:
    paste = PASTE.replace("ssh ops@host1 uptime", "ip neigh show")
    result = CliRunner().invoke(main, ["analyze", "--mask-hosts", "--format", "json",
                                       "--dest", "8.8.4.4", "-"], input=paste)
    assert result.exit_code == 0, result.output
    dest = json.loads(result.stdout)["hosts"][0]["destination"]
    assert "8.8.4.4" not in result.stdout and dest == "198.51.100.4"  # 203.0.113/24 is taken

"""`--mask-hosts`: host names and public addresses replaced, for sharing outside.

The paste is rewritten line by line before it is analysed, so nothing downstream
(report, JSON, ticket) can show an original. Every replacement is consistent: the
same original always becomes the same placeholder, and different originals never
share one.

Host names: those the prompts and `hostname` show, ping/traceroute targets and the
names they resolved, `user@host` arguments, LLDP switch names, and any dotted name
ending in a letters-only label (`db01.corp.example.jp`; not file names such as
`resolv.conf`). They become `host1`, `host2`, … and `hostN.example` for dotted
names (`host1.example` when `host1` is the bare name of the same host). A bare name
that is also a keyword of the outputs netblame reads (`router`, `default`, …) or
`localhost` is kept: it names no one, and replacing it would change the output.

Addresses: only public ones (globally routable unicast by Python's `ipaddress`) are
replaced; private, loopback, link-local, shared (100.64/10), multicast and the
documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32)
are kept, as they identify no one on the Internet. A public address keeps its host
part inside a block that moves as a whole to a non-public range, so subnet relations
hold: the block is its /24 (IPv6: /48), or the shorter prefix the paste shows for it
(down to /16, IPv6 /32). IPv4 blocks go to the documentation /24s, then
198.18.0.0/15 (benchmarking), then 240.0.0.0/4 (reserved); IPv6 blocks to
2001:db8::/32. A placeholder block never overlaps an address the paste holds.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from analyzer.escalation.commands import command_entries
from analyzer.escalation.hostinfo import lldp_neighbours
from analyzer.parse import ParseResult, parse_transcript
from analyzer.reader.segment import segment
from analyzer.records import PingData, TracerouteData
from analyzer.transcript import Line

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_V6 = (r"(?<![\w:.])(?=[0-9A-Fa-f]*:[0-9A-Fa-f]*:)"
       r"(?:[0-9A-Fa-f:]*:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:]+)(?:%[\w.-]+)?")
_V4 = r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?!\w|\.\d)"
_NAME = re.compile(r"(?<![\w.-])\w(?:[\w-]*\w)?(?:\.\w(?:[\w-]*\w)?)*")
_ADDRESS = re.compile(f"(?P<v6>{_V6})|(?P<v4>{_V4})")
_CIDR = re.compile(rf"(?P<addr>{_V4}|{_V6})/(?P<len>\d{{1,3}})(?!\d)")
_USER_AT = re.compile(r"[\w.-]+@(?P<host>[A-Za-z0-9][\w.-]*)")
_TLD = re.compile(r"[A-Za-z]{2,24}")
_FILE_ENDINGS = frozenset({
    "conf", "cfg", "ini", "txt", "log", "json", "yaml", "yml", "xml", "html", "htm", "md",
    "sh", "py", "pl", "rb", "js", "ts", "go", "rs", "java", "service", "socket", "timer",
    "target", "mount", "network", "netdev", "link", "so", "ko", "gz", "xz", "bz", "zst", "tar",
    "zip", "tgz", "pem", "key", "crt", "csr", "pub", "rules", "repo", "list", "lock", "pid",
    "sock", "bak", "old", "orig", "tmp", "swp", "d", "deb", "rpm", "img", "iso", "out", "err",
    "csv", "tsv", "db", "sqlite", "exe", "dll", "bat", "ps", "psm",
})
# Words the outputs netblame reads use as keywords: never masked as bare host names.
_KEEP = frozenset({
    "localhost", "localdomain", "ip", "ping", "ping6", "traceroute", "tracepath", "mtr",
    "route", "neigh", "neighbor", "neighbour", "addr", "address", "link", "show", "list",
    "default", "via", "dev", "proto", "scope", "src", "metric", "kernel", "static", "dhcp",
    "boot", "ra", "redirect", "global", "host", "site", "lo", "table", "local", "main",
    "unreachable", "blackhole", "prohibit", "throw", "unicast", "broadcast", "multicast",
    "router", "proxy", "lladdr", "reachable", "stale", "delay", "probe", "failed",
    "incomplete", "permanent", "noarp", "none", "up", "down", "unknown", "dormant", "mtu",
    "qdisc", "state", "group", "qlen", "inet", "inet6", "brd", "valid_lft", "preferred_lft",
    "forever", "dynamic", "noprefixroute", "secondary", "from", "to", "bytes", "data", "time",
    "ttl", "hops", "max", "packets", "transmitted", "received", "errors", "loss", "pipe",
    "rtt", "min", "avg", "mdev", "onlink", "linkdown", "pref", "medium", "high", "low",
    "expires", "nexthop", "weight", "ether", "loopback", "pervasive", "gateway", "gw",
})
_PLACEHOLDER = "host{n}"
_DOMAIN = ".example"


def _address(text: str) -> Address | None:
    """The address `text` spells (zone id ignored), or None."""
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None


def _public(addr: Address) -> bool:
    """Globally routable unicast (an IPv4-mapped address by its IPv4 part)."""
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return _public(addr.ipv4_mapped)
    return addr.is_global and not addr.is_multicast


def _dotted_name(token: str) -> bool:
    """`a.b.tld` with a letters-only last label that is no file ending."""
    labels = token.split(".")
    end = labels[-1].lower()
    # A two-letter ending is also a country (`.py`, `.pl`): a file only as `name.py`.
    file = end in _FILE_ENDINGS and (len(end) > 2 or len(labels) == 2)
    return len(labels) >= 2 and all(labels) and bool(_TLD.fullmatch(end)) and not file \
        and not labels[0].isdigit()


def _address_token(text: str, *, v6: bool) -> tuple[str, Address] | None:
    """The address a token holds: for IPv6 its longest prefix that is one (`fe80::1:`)."""
    if not v6:
        addr = _address(text)
        return (text, addr) if addr is not None else None
    while text:
        addr = _address(text)
        if addr is not None:
            return text, addr
        if not text.endswith(":"):
            return None
        text = text[:-1]
    return None


@dataclass
class HostMasker:
    """The consistent replacement of one paste's host names and public addresses."""

    names: dict[str, str] = field(default_factory=dict)
    blocks: dict[Network, Network] = field(default_factory=dict)

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        """Whole names (longest first, any case), and addresses when some are public."""
        parts = []
        if self.names:
            alternatives = "|".join(re.escape(n) for n in sorted(self.names, key=len,
                                                                    reverse=True))
            parts.append(rf"(?P<name>(?<![\w.-])(?:{alternatives})(?!\w|[.-]\w))")
        if self.blocks:
            parts.append(_ADDRESS.pattern)
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def address(self, addr: Address) -> Address:
        """The placeholder of an address (itself when it is not public)."""
        if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
            inner = self.address(addr.ipv4_mapped)
            return addr if inner == addr.ipv4_mapped else ipaddress.IPv6Address(f"::ffff:{inner}")
        for block, placeholder in self.blocks.items():
            if addr.version == block.version and addr in block:
                offset = int(addr) - int(block.network_address)
                return ipaddress.ip_address(int(placeholder.network_address) + offset)
        return addr

    def _replace(self, m: re.Match[str]) -> str:
        """The placeholder of one matched name or address."""
        text = m.group(0)
        if m.lastgroup == "name":
            return self.names[text.lower()]
        found = _address_token(text, v6=m.lastgroup == "v6")
        if found is None:
            return text
        head, addr = found
        new = self.address(addr)
        if new == addr:
            return text
        zone = head[head.index("%"):] if "%" in head else ""
        return str(new) + zone + text[len(head):]

    def text(self, text: str) -> str:
        """`text` with every host name and public address replaced."""
        return self._pattern.sub(self._replace, text) if self._pattern else text

    def result(self, result: ParseResult) -> ParseResult:
        """The parse result of the masked paste (same lines, same line numbers)."""
        t = result.transcript
        masked = self.text("\n".join(line.text for line in t.lines)).split("\n")
        # Same count, but for an empty paste, whose "" still splits into one line.
        lines = [Line(line.no, text) for line, text in zip(t.lines, masked, strict=False)]
        return parse_transcript(segment(lines, t.encoding))


def _names(result: ParseResult, tokens: Sequence[str]) -> list[str]:
    """Every host name the paste shows, in order of appearance (`tokens`: its words)."""
    t = result.transcript
    found: list[str] = [inv.host for inv in t.invocations if inv.host]
    for e in command_entries(t):
        if e.program in ("hostname", "uname") and len(e.lines) > 1 and e.lines[1].text.split():
            words = e.lines[1].text.split()
            found.append(words[1] if e.argv[1:2] == ("-a",) and len(words) > 1 else words[0])
        found += [m.group("host") for w in e.argv[1:] if (m := _USER_AT.search(w))]
        found += [n.name.value for n in lldp_neighbours(e)]
    for block in result.blocks:
        d = block.data
        if isinstance(d, PingData):
            found += [d.target or ""] + [r.source_name or "" for r in d.replies] + [
                e.source_name or "" for e in d.icmp_errors]
        elif isinstance(d, TracerouteData):
            found += [d.target or ""] + [p.name or "" for h in d.hops for p in h.probes]
    found += [tok for tok in tokens if _dotted_name(tok)]
    names: dict[str, str] = {}
    for name in found:
        name = name.rstrip(".")
        low = name.lower()
        if len(name) > 1 and low not in names and low not in _KEEP and not name.isdigit() \
                and _address(name) is None:
            names[low] = name
    return list(names.values())


def _name_map(names: Sequence[str], taken: set[str]) -> dict[str, str]:
    """Bare names first (`hostN`), then dotted ones (`hostN.example`)."""
    mapping: dict[str, str] = {}
    counter = iter(range(1, 1 << 30))

    def fresh(suffix: str) -> str:
        """The next `hostN` + suffix that the paste does not already hold."""
        while True:
            candidate = _PLACEHOLDER.format(n=next(counter)) + suffix
            if candidate not in taken:
                taken.add(candidate)
                return candidate

    for name in (n for n in names if "." not in n):
        mapping[name.lower()] = fresh("")
    for name in (n for n in names if "." in n):
        first = mapping.get(name.split(".", 1)[0].lower())
        candidate = f"{first}{_DOMAIN}" if first else None
        if candidate is None or candidate in taken:
            candidate = fresh(_DOMAIN)
        taken.add(candidate)
        mapping[name.lower()] = candidate
    return mapping


def _pools(version: int, prefixlen: int) -> Iterator[Network]:
    """Candidate placeholder blocks of one size, in order of preference."""
    if version == 6:
        yield from ipaddress.IPv6Network("2001:db8::/32").subnets(new_prefix=prefixlen)
        return
    if prefixlen >= 24:
        for doc in ("203.0.113.0/24", "198.51.100.0/24", "192.0.2.0/24"):
            yield from ipaddress.IPv4Network(doc).subnets(new_prefix=prefixlen)
    yield from ipaddress.IPv4Network("198.18.0.0/15").subnets(new_prefix=max(prefixlen, 15))
    yield from ipaddress.IPv4Network("240.0.0.0/4").subnets(new_prefix=prefixlen)


def _blocks(text: str) -> dict[Network, Network]:
    """Each public block of the paste's text and the block it moves to."""
    seen: dict[Address, None] = {}
    for v6, v4 in dict.fromkeys(_ADDRESS.findall(text)):
        found = _address_token(v6 or v4, v6=bool(v6))
        if found is not None:
            addr = found[1]
            mapped = addr.ipv4_mapped if isinstance(addr, ipaddress.IPv6Address) else None
            seen[mapped or addr] = None
    shown: list[Network] = []
    for addr, length in set(_CIDR.findall(text)):
        try:
            shown.append(ipaddress.ip_network(f"{addr}/{length}", strict=False))
        except ValueError:
            continue
    kept = [a for a in seen if not _public(a)]
    blocks: list[Network] = []
    for addr in seen:
        if not _public(addr) or any(addr.version == b.version and addr in b for b in blocks):
            continue
        floor, default = (16, 24) if addr.version == 4 else (32, 48)
        lengths = [n.prefixlen for n in shown if n.version == addr.version and addr in n
                   and floor <= n.prefixlen < default]
        block = ipaddress.ip_network(f"{addr}/{min(lengths, default=default)}", strict=False)
        blocks = [b for b in blocks if not b.overlaps(block)]  # aligned: b lies inside block
        blocks.append(block)
    mapping: dict[Network, Network] = {}
    for block in blocks:
        for candidate in _pools(block.version, block.prefixlen):
            if not any(a.version == candidate.version and a in candidate for a in kept) and \
                    not any(p.version == candidate.version and p.overlaps(candidate)
                            for p in mapping.values()):
                mapping[block] = candidate
                break
    return mapping


def masker_for(result: ParseResult) -> HostMasker:
    """The masker of one paste: its names and public blocks mapped to placeholders."""
    text = "\n".join(line.text for line in result.transcript.lines)
    tokens = list(dict.fromkeys(_NAME.findall(text)))
    taken = {tok.lower() for tok in tokens}
    return HostMasker(names=_name_map(_names(result, tokens), taken), blocks=_blocks(text))

"""macOS / FreeBSD `ping` and `ping6` output → `PingData` (`grammars/ping_bsd.lark`).

What differs from Linux iputils and how it maps onto the same records:
- sequence numbers start at 0; macOS reports each unanswered request as `Request timeout
  for icmp_seq N` (→ `timeouts`);
- ICMP errors are `92 bytes from [name (]X[)]: <message>` followed by a dump of the returned
  IP header (`Vr HL TOS ...`): the error goes to `icmp_errors` (no sequence number: it is
  only in the dump), the dump lines are part of it;
- local errors are `ping: sendto: <errno text>` (`No route to host` → `host_unreachable`,
  as iputils' `connect: No route to host`) and `ping: cannot resolve x: Unknown host`
  (→ `name_unknown`);
- ping6 prints `PING6(56=40+8+8 bytes) src --> dst` (payload 8, packet 56; the target is
  the name of the statistics title, `--- name ping6 statistics ---`, as typed) and replies
  `16 bytes from X, icmp_seq=0 hlim=64 time=...`;
- a reply to a sequence number already answered is a duplicate, as ping counts it: macOS
  prints no `(DUP!)` for the replies to a broadcast or multicast ping;
- the statistics say `N packets received` and `0.0% packet loss`, `+N duplicates`; the
  round-trip line ends in `stddev` (`std-dev` for ping6). No `+N errors`: `errors` is None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from lark import Token

from analyzer.parsers import shapes
from analyzer.parsers.base import LineParser, Parsed, opt_float, opt_int
from analyzer.parsers.icmp_texts import ICMP_TYPES
from analyzer.parsers.local_errors import errno_type, local_error, resolver_type
from analyzer.parsers.ping_shared import (
    NUM,
    Header,
    Interrupt,
    Item,
    SummaryLines,
    Timeout,
    Unresolved,
    assemble,
    family_from_argv,
    ip_of,
    target_from_argv,
)
from analyzer.records import IcmpError, LocalError, PingData, PingReply
from analyzer.transcript import Line

SHAPE = re.compile(shapes.PING_BSD)

HEADER = re.compile(shapes.PING_BSD_HEADER)

# macOS ping / ping6 options that take a value
_VALUE_OPTIONS = "bcGghiIkKlMmPpSsTtWz"

_HEADER = re.compile(
    r"(?:\^C)?PING\s+(?P<name>[^\s(]+)\s*\((?P<ip>[^\s()]*)\):\s*(?P<data>\d+)\s+data bytes")
_HEADER6 = re.compile(
    r"(?:\^C)?PING6\((?P<total>\d+)=\d+\+\d+\+(?P<data>\d+) bytes\)\s*"
    r"(?P<src>\S+)\s+-->\s+(?P<dst>\S+)")
_FROM = re.compile(
    r"(?P<cc>\^C)?(?P<size>\d+) bytes from (?P<addr>[^\s(),]+?)(?: \((?P<ip>[^\s()]+)\))?"
    r"[:,]\s+(?P<rest>.*)")
_REPLY = re.compile(
    rf"icmp_seq=(?P<seq>\d+)(?:\s+(?:ttl|hlim)=(?P<ttl>\d+))?(?:\s+\S+=\S+)*?"
    rf"(?:\s+time=(?P<time>{NUM})\s*ms)?(?P<tail>.*)")
_TIMEOUT = re.compile(r"(?P<cc>\^C)?Request timeout for icmp_seq[= ]?(?P<seq>\d+)")
_TITLE = re.compile(r"(?:\^C)?-*\s*(?P<name>.*?)\s+ping6? statistics")
_STATS = re.compile(
    r"(?:\^C)?(?P<tx>\d+) packets transmitted,\s*(?P<rx>\d+) packets received"
    rf"(?:,\s*\+(?P<dup>\d+) duplicates)?(?:,\s*(?P<loss>{NUM})% packet loss)?")
_RTT = re.compile(
    rf"(?:\^C)?round-trip min/avg/max(?:/std-?dev)?\s*=\s*({NUM})/({NUM})/({NUM})(?:/({NUM}))?")
_SYSCALL = re.compile(
    r"(?:\^C)?ping6?: (?P<call>sendto|sendmsg|socket|bind|UDP connect|connect): (?P<err>.+)")
_RESOLVE = re.compile(
    r"(?:\^C)?ping6?: cannot resolve (?P<name>\S+?):\s+(?P<err>.+)")

# The messages of ping's pr_icmph() (ping6's too) that carry a value or vary; the fixed
# texts are in `icmp_texts`.
_ICMP_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"frag needed and df set \(mtu (\d+)\)"), "frag_needed"),
    (re.compile(r"packet too big mtu = (\d+)"), "frag_needed"),
    (re.compile(r"redirect"), "redirect"),
    (re.compile(r"dest(?:ination)? unreachable, (?:bad|unknown) code"), "unreachable"),
    (re.compile(r"time exceeded, (?:bad|unknown) code"), "time_exceeded"),
    (re.compile(r"parameter problem"), "parameter_problem"),
)
_REDIRECTS = {"redirect network": "redirect_net", "redirect host": "redirect_host",
              "redirect type of service and network": "redirect_tos_net",
              "redirect type of service and host": "redirect_tos_host"}
_NEXTHOP = re.compile(r"\(New addr: ([^\s()]+)\)")
_USAGE = re.compile(r"ping6?: (?:invalid|illegal) ")


def _classify(message: str) -> tuple[str, int | None, str | None]:
    """(type id, mtu, redirect's new gateway) of an ICMP error message."""
    text = " ".join(message.split()).lower().rstrip(".")
    known = ICMP_TYPES.get(text)
    if known is not None:
        return known, None, None
    for pattern, kind in _ICMP_PATTERNS:
        m = pattern.match(text)
        if m is None:
            continue
        if kind == "frag_needed":
            return kind, int(m.group(1)), None
        if kind == "redirect":
            hop = _NEXTHOP.search(message)
            name = text.split("(", 1)[0].strip()
            return _REDIRECTS.get(name, kind), None, hop.group(1) if hop else None
        return kind, None, None
    return "unknown", None, None


class _Transformer(SummaryLines):
    title_re, stats_re, rtt_re = _TITLE, _STATS, _RTT

    def header(self, children: list[Token]) -> Header | None:
        tok = children[0]
        line = self.line_of(tok)
        m = _HEADER.match(tok)
        if m is not None:
            return Header(line=line, name=m["name"], ip=m["ip"] or None,
                          payload=int(m["data"]))
        m6 = _HEADER6.match(tok)
        if m6 is not None:
            return Header(line=line, name=None, ip=ip_of(m6["dst"]),
                          payload=int(m6["data"]), packet=int(m6["total"]),
                          source_ip=m6["src"])
        self.unparsed.append(line)
        return None

    def probes(self, children: list[Token]) -> list[Item]:
        """A run of replies, ICMP errors and `Request timeout` lines."""
        items: list[Item] = []
        for line, text in self._lines(children[0]):
            t = _TIMEOUT.match(text)
            if t is not None:
                items.append(Timeout(line=line, seq=int(t["seq"])))
                if t["cc"]:
                    items.append(Interrupt(line=line))
                continue
            m = _FROM.match(text)
            if m is None:
                self.unparsed.append(line)
                continue
            if m["cc"]:
                items.append(Interrupt(line=line))
            item = self._probe(line, m)
            if item is None:
                self.unparsed.append(line)
            else:
                items.append(item)
        return items

    def _lines(self, token: Token) -> list[tuple[int, str]]:
        return [(self.line_of(token, i), text) for i, text in enumerate(str(token).split("\n"))]

    @staticmethod
    def _probe(line: int, m: re.Match[str]) -> PingReply | IcmpError | None:
        source = m["ip"] or m["addr"]
        name = m["addr"] if m["ip"] else None
        rest = m["rest"].strip()
        r = _REPLY.match(rest)
        if r is not None:
            tail = r["tail"]
            duplicate = "DUP!" in tail
            return PingReply(line=line, seq=int(r["seq"]), source=source,
                             ttl=opt_int(r["ttl"]), time_ms=opt_float(r["time"]),
                             duplicate=duplicate, bytes=int(m["size"]), source_name=name,
                             flags=("duplicate",) if duplicate else ())
        kind, mtu, hop = _classify(rest)
        if kind == "unknown" and not rest:
            return None
        return IcmpError(line=line, seq=None, source=source, type=kind, message=rest,
                         mtu=mtu, nexthop=hop, source_name=name)


    def local_error(self, children: list[Token]) -> list[Item]:
        tok = children[0]
        line = self.line_of(tok)
        message = str(tok).removeprefix("^C").strip()
        m = _SYSCALL.match(message)
        if m is not None:
            return [LocalError(line=line, type=errno_type(m["err"]), message=message,
                               syscall=m["call"].split()[-1])]
        r = _RESOLVE.match(message)
        if r is not None:
            err = " ".join(r["err"].split()).lower()
            error = LocalError(line=line, type=resolver_type(err) or "name_unknown",
                               message=message)
            return [error, Unresolved(r["name"])]
        if _USAGE.match(message):
            return [LocalError(line=line, type="usage_error", message=message)]
        return [local_error(line, message)]

    def noise(self, children: list[Token]) -> None:
        return None

    def interrupt(self, children: list[Token]) -> Interrupt:
        tok = children[0]
        if str(tok).strip("^C \t"):
            self.unparsed.append(self.line_of(tok))
        return Interrupt(line=self.line_of(tok))

    def start(self, items: list[Item | list[Item] | None]) -> PingData:
        flat = _mark_duplicates(
            [x for item in items for x in (item if isinstance(item, list) else [item])])
        return assemble(flat, target_from_argv(self.argv, _VALUE_OPTIONS),
                        family_from_argv(self.argv))


def _mark_duplicates(items: list[Item | None]) -> list[Item | None]:
    """Mark a reply to a sequence number already answered as a duplicate, as ping counts it
    (`+N duplicates`): macOS prints no `(DUP!)` for replies to a broadcast or multicast."""
    seen: set[int | None] = set()
    marked: list[Item | None] = []
    for item in items:
        if isinstance(item, PingReply):
            if item.seq in seen and not item.duplicate:
                item = replace(item, duplicate=True, flags=(*item.flags, "duplicate"))
            seen.add(item.seq)
        marked.append(item)
    return marked


_PARSER = LineParser("ping_bsd", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[PingData]:
    """Parse macOS / FreeBSD ping output; `argv` names the target when no header was
    printed (`ping: cannot resolve x: Unknown host`)."""
    return _PARSER.parse(lines, argv)

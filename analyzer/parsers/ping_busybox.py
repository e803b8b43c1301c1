"""BusyBox `ping` / `ping6` output → `PingData` (`grammars/ping_busybox.lark`).

What differs from Linux iputils and how it maps onto the same records:
- replies say `seq=N` (from 0), the header `PING x (ip): 56 data bytes`;
- BusyBox prints nothing for a lost request and drops every ICMP error it receives
  (`Destination Net Unreachable`, port unreachable, ...): such runs show only the
  statistics, so `timeouts` and `icmp_errors` stay empty and the loss shows in the counts;
- a failed `sendto()` ends the run: `ping: sendto: Network is unreachable` (→ the same
  type ids as iputils' `connect:` errors, musl's texts included); `ping: bad address 'x'`
  is any name resolution failure (→ `name_unknown`);
- the statistics say `N packets received`, `N duplicates` (no `+`), an integer loss, and
  `round-trip min/avg/max` (no deviation: `rtt_mdev_ms` is None). No error count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lark import Token

from analyzer.parsers import shapes
from analyzer.parsers.base import LineParser, Parsed, opt_float, opt_int
from analyzer.parsers.local_errors import errno_type, local_error
from analyzer.parsers.ping_shared import (
    NUM,
    Header,
    Interrupt,
    Item,
    SummaryLines,
    Unresolved,
    assemble,
    family_from_argv,
    target_from_argv,
)
from analyzer.records import LocalError, PingData, PingReply
from analyzer.transcript import Line

SHAPE = re.compile(shapes.PING_BUSYBOX)

HEADER = re.compile(shapes.PING_BUSYBOX_HEADER)

# BusyBox ping options that take a value
_VALUE_OPTIONS = "cistIWwp"

_HEADER = re.compile(
    r"(?:\^C)?PING\s+(?P<name>[^\s(]+)\s*\((?P<ip>[^\s()]*)\):\s*(?P<data>\d+)\s+data bytes")
_REPLY = re.compile(
    rf"(?P<cc>\^C)?(?P<size>\d+) bytes from (?P<addr>\S+?):\s+(?:icmp_)?seq=(?P<seq>\d+)"
    rf"(?:\s+ttl=(?P<ttl>\d+))?(?:\s+time=(?P<time>{NUM})\s*ms)?(?P<tail>.*)")
_TITLE = re.compile(r"(?:\^C)?-*\s*(?P<name>.*?)\s+ping statistics")
_STATS = re.compile(
    r"(?:\^C)?(?P<tx>\d+) packets transmitted,\s*(?P<rx>\d+) packets received"
    rf"(?:,\s*(?P<dup>\d+) duplicates)?(?:,\s*(?P<loss>{NUM})% packet loss)?")
_RTT = re.compile(rf"(?:\^C)?round-trip min/avg/max\s*=\s*({NUM})/({NUM})/({NUM})")
_SYSCALL = re.compile(r"ping6?: (?P<call>sendto|socket|bind|sendmsg): (?P<err>.+)")
_BAD_ADDRESS = re.compile(r"ping6?: bad address '?(?P<name>[^\s']*)")
_PERMISSION = re.compile(r"ping6?: permission denied")


class _Transformer(SummaryLines):
    title_re, stats_re, rtt_re = _TITLE, _STATS, _RTT

    def header(self, children: list[Token]) -> Header | None:
        tok = children[0]
        m = self.matched(tok, _HEADER)
        if m is None:
            return None
        return Header(line=self.line_of(tok), name=m["name"], ip=m["ip"] or None,
                      payload=int(m["data"]))

    def probes(self, children: list[Token]) -> list[Item]:
        """A run of replies."""
        token = children[0]
        items: list[Item] = []
        for offset, text in enumerate(str(token).split("\n")):
            line = self.line_of(token, offset)
            m = _REPLY.match(text)
            if m is None:
                self.unparsed.append(line)
                continue
            if m["cc"]:
                items.append(Interrupt(line=line))
            duplicate = "DUP!" in m["tail"]
            items.append(PingReply(
                line=line, seq=int(m["seq"]), source=m["addr"], ttl=opt_int(m["ttl"]),
                time_ms=opt_float(m["time"]), duplicate=duplicate, bytes=int(m["size"]),
                flags=("duplicate",) if duplicate else ()))
        return items


    def local_error(self, children: list[Token]) -> list[Item]:
        tok = children[0]
        line = self.line_of(tok)
        message = str(tok).removeprefix("^C").strip()
        m = _SYSCALL.match(message)
        if m is not None:
            return [LocalError(line=line, type=errno_type(m["err"]), message=message,
                               syscall=m["call"])]
        bad = _BAD_ADDRESS.match(message)
        if bad is not None:
            return [LocalError(line=line, type="name_unknown", message=message),
                    Unresolved(bad["name"])]
        if _PERMISSION.match(message):
            return [LocalError(line=line, type="permission_denied", message=message)]
        return [local_error(line, message)]

    def interrupt(self, children: list[Token]) -> Interrupt:
        tok = children[0]
        if str(tok).strip("^C \t"):
            self.unparsed.append(self.line_of(tok))
        return Interrupt(line=self.line_of(tok))

    def start(self, items: list[Item | list[Item] | None]) -> PingData:
        flat = [x for item in items for x in (item if isinstance(item, list) else [item])]
        return assemble(flat, target_from_argv(self.argv, _VALUE_OPTIONS),
                        family_from_argv(self.argv))


_PARSER = LineParser("ping_busybox", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[PingData]:
    """Parse BusyBox ping output; `argv` names the target when no header was printed
    (`ping: bad address 'x'`)."""
    return _PARSER.parse(lines, argv)

"""Windows `tracert` (English) → `TracerouteData`; `tracert_ja` reads the Japanese one.

The lines this reads (stripped):

    Tracing route to server.example [203.0.113.10]
    over a maximum of 30 hops:
    Tracing route to 203.0.113.10 over a maximum of 30 hops          (an address as target)
      1    <1 ms    <1 ms    <1 ms  192.0.2.1
      2     1 ms     *        1 ms  transit.example [198.51.100.2]
      3     *        *        *     Request timed out.
      4     *     198.51.100.2  reports: Destination net unreachable.
      1  Transmit error: code 1231.
    Trace complete.
    Unable to resolve target system name nosuch.invalid.

A hop line holds up to three probe columns, then the address of the hop: each
`N ms` is a probe answered by that address, each `*` a probe without answer.
`<1 ms` is how Windows prints a measured 0: its ICMP API counts whole milliseconds,
so the probe reads as 0.0 ms, below the 1.0 of `1 ms` (never None: it was answered).
When a probe comes back with an error, tracert prints the reporting address and the
error instead of the next column and stops; that probe gets no RTT (none is printed)
and the annotation Linux traceroute would print for the error, so that the rules read
both alike: `Destination net unreachable.` → `!N`, host → `!H`, protocol → `!P`,
`...prohibited...` → `!X`, `...fragmented...` → `!F`, a bad source route → `!S`
(port unreachable, which marks the end of a Linux trace, gets none). Note that
Windows gives IPv6's "administratively prohibited" the status number of IPv4's
"protocol unreachable" (IP_DEST_PROHIBITED = IP_DEST_PROT_UNREACHABLE), so `!P` from
tracert may be a filter. `Transmit error: code N.` (a Win32 error: 1231 network
unreachable, 1232 host unreachable, 65 network access denied) and `General failure.`
are errors of the local host; so is a name that does not resolve.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lark import Token

from analyzer.parsers import shapes
from analyzer.parsers.base import LineParser, LineTransformer, Parsed
from analyzer.parsers.trace_shared import (
    INTERRUPT,
    STAR,
    CommandSyntax,
    Interrupt,
    family_of,
    is_ip,
    read_command,
)
from analyzer.records import LocalError, TraceHop, TraceProbe, TracerouteData
from analyzer.transcript import Line

SHAPE = re.compile(shapes.TRACERT)

HEADER = re.compile(shapes.TRACERT_HEADER)

_SYNTAX = CommandSyntax(programs=("tracert",), value_options="hjwS", max_hops="h", slash=True)


@dataclass(frozen=True, slots=True)
class Texts:
    """The words one language's tracert prints."""

    header: re.Pattern[str]  # groups: target, [address], max hops
    over: re.Pattern[str]  # groups: max hops
    timed_out: str
    reports: re.Pattern[str]  # the rest of a hop line after its columns: host, message
    annotations: tuple[tuple[re.Pattern[str], str | None], ...]  # error message → annotation
    transmit_error: re.Pattern[str]  # groups: the Win32 error code
    general_failure: str


ENGLISH = Texts(
    header=re.compile(r"Tracing\s+route\s+to\s+(\S+)(?:\s+\[([^\]\s]+)\])?"
                      r"(?:\s+(?:from\s+\S+\s+)?over\s+a\s+maximum\s+of\s+(\d+)\s+hops?:?)?"),
    over=re.compile(r"(?:from\s+\S+\s+)?over\s+a\s+maximum\s+of\s+(\d+)\s+hops?:?"),
    timed_out="Request timed out.",
    reports=re.compile(r"(\S+(?:\s+\[[^\]\s]+\])?)\s+reports:\s*(.*)"),
    annotations=(
        (re.compile(r"prohibited", re.IGNORECASE), "!X"),
        (re.compile(r"\bnet(?:work)?\b", re.IGNORECASE), "!N"),
        (re.compile(r"\bhost\b", re.IGNORECASE), "!H"),
        (re.compile(r"\bprotocol\b", re.IGNORECASE), "!P"),
        (re.compile(r"\bfragmented\b", re.IGNORECASE), "!F"),
        (re.compile(r"\bsource\s+route\b", re.IGNORECASE), "!S"),
        (re.compile(r"\bport\b", re.IGNORECASE), None),
    ),
    transmit_error=re.compile(r"Transmit\s+error:\s+code\s+(\d+)\.?"),
    general_failure="General failure.",
)

# Win32 errors of `Transmit error: code N.`, named as the errno errors are.
_TRANSMIT_ERRORS = {1231: "network_unreachable", 1232: "host_unreachable",
                    65: "network_access_denied"}

_HOP = re.compile(r"(\d{1,3})((?:\s+(?:<?\d+\s*ms|\*)){0,3})\s*(.*)")
_COLUMN = re.compile(r"(<)?(\d+)\s*ms|\*")
_HOST_FIELDS = re.compile(r"(\S+)(?:\s+\[([^\]\s]+)\])?")


@dataclass(frozen=True, slots=True)
class _Header:
    line: int
    target: str
    target_ip: str | None
    max_hops: int | None


@dataclass(frozen=True, slots=True)
class _MaxHops:
    hops: int


@dataclass(slots=True)
class _Run:
    hops: list[TraceHop]
    errors: list[LocalError]
    interrupted: bool = False


_Item = _Header | _MaxHops | _Run | LocalError | Interrupt | None


def _columns(text: str) -> list[float | None]:
    """The probe columns: RTT of each answered probe (`<1 ms` → 0.0), None for `*`."""
    rtts: list[float | None] = []
    for m in _COLUMN.finditer(text):
        less, value = m.groups()
        rtts.append(None if value is None else 0.0 if less else float(value))
    return rtts


def _host(text: str) -> tuple[str, str | None] | None:
    """`(ip, name)` of `name [address]` or `address`."""
    m = _HOST_FIELDS.fullmatch(text)
    if m is None:
        return None
    name, address = m.groups()
    return (address, name) if address else (name, None)


class TracertTransformer(LineTransformer[TracerouteData]):
    """Reads tracert output in the language of `texts`."""

    texts = ENGLISH

    def start(self, items: list[_Item]) -> TracerouteData:
        header: _Header | None = None
        max_hops: int | None = None
        hops: list[TraceHop] = []
        errors: list[LocalError] = []
        interrupted = False
        for item in items:
            if isinstance(item, _Run):
                hops.extend(item.hops)
                errors.extend(item.errors)
                interrupted = interrupted or item.interrupted
            elif isinstance(item, _Header):
                if header is None:
                    header = item
                else:  # a second run in one block: its hops are kept, its header is not
                    self.unparsed.append(item.line)
            elif isinstance(item, _MaxHops):
                max_hops = max_hops or item.hops
            elif isinstance(item, LocalError):
                errors.append(item)
            elif item is INTERRUPT:
                interrupted = True
        command = read_command(self.argv, _SYNTAX)
        if header is not None:
            target: str | None = header.target
            target_ip = header.target_ip
            max_hops = header.max_hops or max_hops
        else:
            target = command.target
            target_ip = target if target and is_ip(target) else None
        return TracerouteData(
            target=target,
            target_ip=target_ip,
            family=family_of(target_ip, command.family),
            max_hops=max_hops or command.max_hops,
            hops=tuple(hops),
            header_line=header.line if header else None,
            local_errors=tuple(errors),
            interrupted=interrupted,
        )

    def header(self, children: list[Token]) -> _Header | None:
        token = children[0]
        m = self.texts.header.fullmatch(token)
        if m is None:
            self.unparsed.append(self.line_of(token))
            return None
        target, address, hops = m.groups()
        return _Header(line=self.line_of(token), target=target,
                       target_ip=address or (target if is_ip(target) else None),
                       max_hops=int(hops) if hops else None)

    def over(self, children: list[Token]) -> _MaxHops | None:
        m = self.texts.over.fullmatch(children[0])
        if m is None:
            self.unparsed.append(self.line_of(children[0]))
            return None
        return _MaxHops(int(m.group(1)))

    def hops(self, children: list[Token]) -> _Run:
        token = children[0]
        run = _Run(hops=[], errors=[])
        for offset, text in enumerate(str(token).split("\n")):
            line = self.line_of(token, offset)
            if text.endswith("^C"):  # Ctrl-C, echoed where the next column would be
                text, run.interrupted = text[:-2].rstrip(), True
            if not self._hop_line(line, text, run):
                self.unparsed.append(line)
        return run

    def _hop_line(self, line: int, text: str, run: _Run) -> bool:
        """Read one hop line into `run`; False when it is not one."""
        m = _HOP.fullmatch(text)
        if m is None:
            return False
        ttl, columns, rest = m.groups()
        rtts = _columns(columns)
        texts = self.texts
        error = None if rtts else self._local_error(line, rest)
        if error is not None:
            run.errors.append(error)
            return True
        annotation: str | None = None
        reported = texts.reports.fullmatch(rest)
        if reported is not None:
            rest, message = reported.groups()
            annotation = next((a for p, a in texts.annotations if p.search(message)), None)
        elif rest in (texts.timed_out, ""):  # all lost (or the line cut short by Ctrl-C)
            if any(r is not None for r in rtts) or not rtts:
                return False
            run.hops.append(TraceHop(line=line, ttl=int(ttl), probes=(STAR,) * len(rtts)))
            return True
        elif not rtts:
            return False
        host = _host(rest)
        if host is None:
            return False
        ip, name = host
        probes = [STAR if r is None else TraceProbe(ip=ip, name=name, rtt_ms=r) for r in rtts]
        if reported is not None:
            probes.append(TraceProbe(ip=ip, name=name, annotation=annotation))
        run.hops.append(TraceHop(line=line, ttl=int(ttl), probes=tuple(probes)))
        return True

    def _local_error(self, line: int, text: str) -> LocalError | None:
        """`Transmit error: code 1231.` / `General failure.` after a TTL, if that is the text."""
        m = self.texts.transmit_error.fullmatch(text)
        if m is not None:
            kind = _TRANSMIT_ERRORS.get(int(m.group(1)), "transmit_error")
            return LocalError(line=line, type=kind, message=text)
        if text == self.texts.general_failure:
            return LocalError(line=line, type="general_failure", message=text)
        return None

    def complete(self, children: list[Token]) -> None:
        return None

    def unresolved(self, children: list[Token]) -> LocalError:
        token = children[0]
        return LocalError(line=self.line_of(token), type="name_unknown", message=str(token))

    def interrupt(self, children: list[Token]) -> Interrupt:
        return INTERRUPT


_PARSER = LineParser("tracert", TracertTransformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[TracerouteData]:
    """Parse English tracert output; the target comes from argv when the header is missing."""
    return _PARSER.parse(lines, argv)

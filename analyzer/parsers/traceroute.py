"""`traceroute` / `traceroute6` → `TracerouteData` (Linux traceroute 2.x).

The hop lines this reads (stripped; `-n` prints the address alone, otherwise
`name (address)`, and the name is the address itself when it does not resolve):

    1  192.0.2.1  0.123 ms  0.100 ms  0.090 ms
    2  r2a.example (198.51.100.2)  0.008 ms r2b.example (198.51.100.10)  0.007 ms *
    3  198.51.100.6  0.012 ms *  0.003 ms
    5  * * *
    7  198.51.100.26  0.006 ms !H  0.005 ms !F-1400  0.005 ms !<10>

Each RTT is one probe answered by the last address printed before it (in that hop,
or, as BusyBox prints a repeated address once, in the hop above);
each `*` is a probe without answer; a `!…` after an RTT is that probe's annotation
(ICMP unreachable code). Also understood and dropped: `[AS64496]` (-A),
`<MPLS:…>` (-e), `'-3'` (--back) and `F=1500` (--mtu). The LBL 1.4, BSD and BusyBox
traceroutes print the same shapes; the BSD layout that puts each further address of
a hop on a line of its own, and lines wrapped by a chat client, are joined to their hop.
The BSD and BusyBox dialects (`traceroute_bsd`, `traceroute_busybox`) read their output
with this module's line terminals and transformer; their headers tell them apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from lark import Token

from analyzer.parsers import shapes
from analyzer.parsers.base import LineParser, LineTransformer, Parsed
from analyzer.parsers.local_errors import errno_type, resolver_type
from analyzer.parsers.trace_shared import (
    INTERRUPT,
    STAR,
    CommandSyntax,
    Interrupt,
    is_ip,
    read_command,
)
from analyzer.records import LocalError, TraceHop, TraceProbe, TracerouteData
from analyzer.transcript import Line

# GNU inetutils prints a local error after the TTL of the hop it was sending.
_TTL_BEFORE_ERROR = re.compile(r"\d{1,3}\s+(?=traceroute6?:)")

SHAPE = re.compile(shapes.TRACEROUTE)

HEADER = re.compile(shapes.TRACEROUTE_HEADER)

_HEADER_FIELDS = re.compile(
    r"traceroute6?\s+to\s+(\S+)\s*\(([^()\s]*)\)(?:\s+from\s+\S+)?,\s*(\d+)\s+hops\s+max"
    r"(?:,\s*(\d+)\s+byte\s+packets?)?"
)

# A line that starts a hop: its TTL, then (unless the line was wrapped) its probes.
_HOP_START = re.compile(r"\d{1,3}(?:[ \t]+(?![ \t]|ms\b)|$)")
# A run holding a line that does not start a hop (one search instead of one per line).
_CONTINUATION = re.compile(r"\n(?!\d{1,3}(?:[ \t]+(?![ \t]|ms\b)|\n|$))")
# Fast paths for the two commonest hop lines: one address with its RTTs, and all `*`.
_ONE_ADDR = re.compile(
    r"(\d{1,3})\s+([\w.:%/-]+)(?:\s+\(([^()\s]*)\))?((?:\s+\d+(?:[.,]\d+)?\s*ms)+)"
)
_ALL_STARS = re.compile(r"(\d{1,3})\s+\*(?:\s+\*)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_TTL_AND_BODY = re.compile(r"(\d{1,3})(.*)", re.DOTALL)
# One item of a hop line; findall() yields (star, rtt, annotation, address, (address), junk).
_ITEM = re.compile(
    r"(\*)"  # a probe without answer
    r"|(\d+(?:[.,]\d+)?)\s*ms(?!\S)"  # a round-trip time
    r"|(!\S*)"  # annotation of the RTT before it: !H !N !X !P !S !F-1500 !<10> !
    r"|(?:F=\d+|\[[^\]\s]*\]|<[^>]*>|'-?\d+')"  # --mtu, -A, -e, --back: dropped
    r"|([\w.:%/-]+)(?:\s+\(([^()\s]*)\))?"  # address, or name (address)
    r"|(\S+)"  # anything else: not a hop line
)

_STAR_TUPLES: dict[int, tuple[TraceProbe, ...]] = {}

# traceroute (2.x, LBL, BSD, busybox, inetutils): options that take a value.
_SYNTAX = CommandSyntax(programs=("traceroute", "tcptraceroute"),
                        value_options="fgilmMNOpPqstwz", max_hops="m",
                        long_max_hops=frozenset({"--max-hops"}))
_SYSCALL_ERROR = re.compile(
    r"(?:traceroute6?:\s+)?(connect|send\w*|recv\w*|bind|socket|setsockopt|getsockopt|poll"
    r"|select|ioctl)(?:\s[A-Z][A-Z0-9_]*)?:\s*(.+)"
)
_NAME_ERROR = re.compile(r"(?:traceroute6?:\s+)?(?:\S+:\s*)?(.+?)\.?")


@dataclass(frozen=True, slots=True)
class _Header:
    line: int
    target: str
    target_ip: str
    max_hops: int
    packet_bytes: int | None


@dataclass(frozen=True, slots=True)
class _Run:
    hops: list[TraceHop]
    interrupted: bool


@dataclass(frozen=True, slots=True)
class TraceWarning:
    """A warning the program printed before it went on (BSD: a name with many addresses)."""

    error: LocalError


_Item = _Header | _Run | LocalError | TraceWarning | Interrupt | None


def _stars(count: int) -> tuple[TraceProbe, ...]:
    probes = _STAR_TUPLES.get(count)
    if probes is None:
        probes = _STAR_TUPLES[count] = (STAR,) * count
    return probes


def _read_probes(body: str) -> list[TraceProbe] | None:
    """The probes of a hop line after its TTL, or None when the line is not one."""
    probes: list[TraceProbe] = []
    ip: str | None = None
    name: str | None = None
    rtt = 0.0
    note: str | None = None
    pending = False  # an RTT whose annotation may still follow
    fresh = False  # an address printed, its RTT not yet: traceroute prints them together
    for star, rtt_text, annotation, address, in_parens, junk in _ITEM.findall(body):
        if rtt_text:
            if pending:
                probes.append(TraceProbe(ip=ip, name=name, rtt_ms=rtt, annotation=note))
            rtt = float(rtt_text.replace(",", "."))
            note = None
            pending = True
            fresh = False
        elif star:
            if fresh:
                return None
            if pending:
                probes.append(TraceProbe(ip=ip, name=name, rtt_ms=rtt, annotation=note))
                pending = False
            probes.append(STAR)
        elif address:
            if fresh:
                return None
            fresh = True
            if pending:
                probes.append(TraceProbe(ip=ip, name=name, rtt_ms=rtt, annotation=note))
                pending = False
            if in_parens:
                ip, name = in_parens, (address if address != in_parens else None)
            else:
                ip, name = address, None
        elif annotation:
            if not pending or note is not None:
                return None
            note = annotation
        elif junk:
            return None
    if fresh:
        return None
    if pending:
        probes.append(TraceProbe(ip=ip, name=name, rtt_ms=rtt, annotation=note))
    return probes


def _read_hop(text: str) -> tuple[int, tuple[TraceProbe, ...]] | None:
    """TTL and probes of one (joined) hop line, or None when it is not a hop line."""
    if text[-1] == "*":
        m = _ALL_STARS.fullmatch(text)
        if m is not None:
            return int(m.group(1)), _stars(text.count("*"))
    m = _ONE_ADDR.fullmatch(text)
    if m is not None:
        ttl, address, in_parens, rtts = m.groups()
        if in_parens:
            ip, name = in_parens, (address if address != in_parens else None)
        else:
            ip, name = address, None
        numbers = _NUMBER.findall(rtts)
        if "," in rtts:
            numbers = [n.replace(",", ".") for n in numbers]
        return int(ttl), tuple([TraceProbe(ip=ip, name=name, rtt_ms=float(n)) for n in numbers])
    m = _TTL_AND_BODY.fullmatch(text)
    if m is None:
        return None
    probes = _read_probes(m.group(2))
    if not probes:
        return None
    return int(m.group(1)), tuple(probes)


def _answered_by(probes: tuple[TraceProbe, ...], last: TraceProbe) -> tuple[TraceProbe, ...]:
    """Probes with an RTT but no address: answered by the address printed last.

    BusyBox prints a hop's address only when it differs from the one it printed last,
    also when that was on the hop before (` 6  *  65.692 ms !H  *`).
    """
    out: list[TraceProbe] = []
    for probe in probes:
        if probe.ip is not None:
            last = probe
        elif probe.rtt_ms is not None:
            probe = replace(probe, ip=last.ip, name=last.name)
        out.append(probe)
    return tuple(out)


def _local_error(line: int, message: str) -> LocalError:
    """`connect: Network is unreachable`, `foo: Name or service not known`, ..."""
    message = _TTL_BEFORE_ERROR.sub("", message, count=1)
    m = _SYSCALL_ERROR.fullmatch(message)
    if m is not None:
        call, error = m.groups()
        return LocalError(line=line, type=errno_type(error), message=message, syscall=call)
    lowered = message.lower()
    if "enough privileges" in lowered:
        kind = "permission_denied"
    elif "unknown host" in lowered:  # LBL traceroute: `traceroute: unknown host foo`
        kind = "name_unknown"
    elif lowered.startswith('cannot handle "host"'):
        kind = "usage_error"  # follows the name error: the target could not be used
    else:
        m = _NAME_ERROR.fullmatch(message)
        text = m.group(1) if m is not None else message
        kind = resolver_type(text) or "error"
    return LocalError(line=line, type=kind, message=message)


class TracerouteTransformer(LineTransformer[TracerouteData]):
    """Reads traceroute 2.x output; the BSD and BusyBox dialects extend it."""

    def start(self, items: list[_Item]) -> TracerouteData:
        header: _Header | None = None
        hops: list[TraceHop] = []
        errors: list[LocalError] = []
        warnings: list[LocalError] = []
        interrupted = False
        for item in items:
            if isinstance(item, _Run):
                hops.extend(item.hops)
                interrupted = interrupted or item.interrupted
            elif isinstance(item, _Header):
                if header is None:
                    header = item
                else:  # a second run in one block: its hops are kept, its header is not
                    self.unparsed.append(item.line)
            elif isinstance(item, LocalError):
                errors.append(item)
            elif isinstance(item, TraceWarning):
                warnings.append(item.error)
            elif item is INTERRUPT:
                interrupted = True
        if header is not None:
            return TracerouteData(
                target=header.target,
                target_ip=header.target_ip,
                family=6 if ":" in header.target_ip else 4,
                max_hops=header.max_hops,
                packet_bytes=header.packet_bytes,
                hops=tuple(hops),
                header_line=header.line,
                local_errors=tuple(errors),
                interrupted=interrupted,
                warnings=tuple(warnings),
            )
        command = read_command(self.argv, _SYNTAX)
        target_ip = command.target if command.target and is_ip(command.target) else None
        packet = command.positional[1:2]
        return TracerouteData(
            target=command.target,
            target_ip=target_ip,
            family=command.family,
            max_hops=command.max_hops,
            packet_bytes=int(packet[0]) if packet and packet[0].isdigit() else None,
            hops=tuple(hops),
            local_errors=tuple(errors),
            interrupted=interrupted,
            warnings=tuple(warnings),
        )

    def header(self, children: list[Token]) -> _Header | None:
        token = children[0]
        m = _HEADER_FIELDS.match(token)
        if m is None:
            self.unparsed.append(self.line_of(token))
            return None
        target, target_ip, max_hops, packet_bytes = m.groups()
        return _Header(
            line=self.line_of(token),
            target=target,
            target_ip=target_ip,
            max_hops=int(max_hops),
            packet_bytes=int(packet_bytes) if packet_bytes else None,
        )

    def hops(self, children: list[Token]) -> _Run:
        token = children[0]
        texts = str(token).split("\n")
        first = (token.line or 1) - 1
        linemap = self.linemap
        hops: list[TraceHop] = []
        interrupted = False
        count = len(texts)
        last: TraceProbe | None = None  # the last address printed
        wrapped = _CONTINUATION.search(token) is not None
        if "^C" in token:  # Ctrl-C echoed by the terminal right after the last probe
            for k, text in enumerate(texts):
                if text.endswith("^C"):
                    texts[k], interrupted = text[:-2].rstrip(), True
        i = 0
        while i < count:
            text = texts[i]
            end = i + 1
            while wrapped and end < count and _HOP_START.match(texts[end]) is None:
                end += 1  # continuation lines of this hop
            # Continuation lines: the longest tail that reads as part of the hop; the
            # lines after it (an unrelated line that happens to end in `ms`) are not read.
            hop = None
            tail = end
            while tail > i + 1:
                hop = _read_hop(" ".join([text, *texts[i + 1 : tail]]))
                if hop is not None:
                    break
                tail -= 1
            if hop is None:
                hop = _read_hop(text)
            if tail < end:
                self.unparsed.extend(linemap[first + k] for k in range(tail, end))
            if hop is None:
                self.unparsed.append(linemap[first + i])
            else:
                probes = hop[1]
                if last is not None and any(p.ip is None and p.rtt_ms is not None for p in probes):
                    probes = _answered_by(probes, last)
                hops.append(TraceHop(line=linemap[first + i], ttl=hop[0], probes=probes))
                last = next((p for p in reversed(probes) if p.ip), last)
            i = end
        return _Run(hops=hops, interrupted=interrupted)

    def local_error(self, children: list[Token]) -> LocalError:
        token = children[0]
        return _local_error(self.line_of(token), str(token))

    def interrupt(self, children: list[Token]) -> Interrupt:
        return INTERRUPT


_PARSER = LineParser("traceroute", TracerouteTransformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[TracerouteData]:
    """Parse traceroute output; the target comes from argv when the header is missing."""
    return _PARSER.parse(lines, argv)

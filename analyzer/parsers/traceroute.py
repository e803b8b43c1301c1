"""`traceroute` / `traceroute6` → `TracerouteData` (Linux traceroute 2.x).

The hop lines this reads (stripped; `-n` prints the address alone, otherwise
`name (address)`, and the name is the address itself when it does not resolve):

    1  192.0.2.1  0.123 ms  0.100 ms  0.090 ms
    2  r2a.example (198.51.100.2)  0.008 ms r2b.example (198.51.100.10)  0.007 ms *
    3  198.51.100.6  0.012 ms *  0.003 ms
    5  * * *
    7  198.51.100.26  0.006 ms !H  0.005 ms !F-1400  0.005 ms !<10>

Each RTT is one probe answered by the last address printed before it in that hop;
each `*` is a probe without answer; a `!…` after an RTT is that probe's annotation
(ICMP unreachable code). Also understood and dropped: `[AS64496]` (-A),
`<MPLS:…>` (-e), `'-3'` (--back) and `F=1500` (--mtu). The LBL 1.4 and busybox
traceroutes print the same shapes; the BSD layout that puts each further address of
a hop on a line of its own, and lines wrapped by a chat client, are joined to their hop.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass

from lark import Token

from analyzer.parsers.base import LineParser, LineTransformer, Parsed
from analyzer.records import LocalError, TraceHop, TraceProbe, TracerouteData
from analyzer.transcript import Line

_RTT = r"\d+(?:[.,]\d+)?\s*ms"
_ADDR = r"[\w.:%-]+(?:\s+\([^()\s]*\))?"

# Errors about the local host (the grammar's LOCAL_ERROR): `connect: Network is unreachable`.
_LOCAL_ERROR = (
    r"(?:traceroute6?:\s+)?(?:(?:connect|send\w*|recv\w*|bind|socket|setsockopt|getsockopt"
    r"|poll|select|ioctl)(?:\s[A-Z][A-Z0-9_]*)?:\s|unknown host)"
    r"|You do not have enough privileges"
    r"|[^\s:]+:\s(?:Name or service not known|Temporary failure in name resolution"
    r"|No address associated with hostname|Address family for hostname not supported"
    r"|Unknown host)"
    r'|Cannot handle "host" cmdline arg'
)

# Coarse shape of a line of traceroute output: groups output that has no command line
# (ping's shape comes first and takes the error lines both print), and keeps the error
# lines in a traceroute's block.
SHAPE = re.compile(
    r"(?:traceroute6?\s+to\s+\S+\s*\("
    r"|\d{1,3}\s+(?:\*(?:\s|$)|(?:\[[^\]\s]*\]\s+)?" + _ADDR
    + r"(?:\s+\[[^\]\s]*\])?(?:\s+<[^>]*>)?(?:\s+'-?\d+')?\s+" + _RTT + r"(?!\S))"
    r"|(?:\[[^\]\s]*\]\s+)?" + _ADDR + r"\s+" + _RTT + r"(?!\S)"
    r"|" + _LOCAL_ERROR + r")"
)

# The line that starts a traceroute's output.
HEADER = re.compile(r"traceroute6?\s+to\s+\S+\s*\([^()\s]*\)(?:\s+from\s+\S+)?,\s*\d+\s+hops\s+max")

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
    r"(\d{1,3})\s+([\w.:%-]+)(?:\s+\(([^()\s]*)\))?((?:\s+\d+(?:[.,]\d+)?\s*ms)+)"
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
    r"|([\w.:%-]+)(?:\s+\(([^()\s]*)\))?"  # address, or name (address)
    r"|(\S+)"  # anything else: not a hop line
)

_STAR = TraceProbe(ip=None)
_STAR_TUPLES: dict[int, tuple[TraceProbe, ...]] = {}

_PROGRAMS = ("traceroute", "tcptraceroute")
# Options of traceroute (2.x, LBL, busybox, inetutils) that take a value in the next word.
_VALUE_OPTIONS = frozenset("fgilmMNOpPqstwz")

# Local error types, named as the ping parser names them (errno text → type).
_ERRNO_TYPES: dict[str, str] = {
    "network is unreachable": "network_unreachable",
    "no route to host": "host_unreachable",
    "operation not permitted": "operation_not_permitted",
    "permission denied": "permission_denied",
    "cannot assign requested address": "cannot_assign_address",
    "no such device": "no_such_device",
    "message too long": "message_too_long",
    "no buffer space available": "no_buffer_space",
    "invalid argument": "invalid_argument",
    "network is down": "network_down",
}
_NAME_TYPES: dict[str, str] = {
    "name or service not known": "name_unknown",
    "no address associated with hostname": "name_no_address",
    "temporary failure in name resolution": "name_temporary_failure",
    "address family for hostname not supported": "name_family_unsupported",
}
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


class _Interrupt:
    """Marker: a `^C` line."""


_INTERRUPT = _Interrupt()

_Item = _Header | _Run | LocalError | _Interrupt | None


def _stars(count: int) -> tuple[TraceProbe, ...]:
    probes = _STAR_TUPLES.get(count)
    if probes is None:
        probes = _STAR_TUPLES[count] = (_STAR,) * count
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
            probes.append(_STAR)
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


def _local_error(line: int, message: str) -> LocalError:
    """`connect: Network is unreachable`, `foo: Name or service not known`, ..."""
    m = _SYSCALL_ERROR.fullmatch(message)
    if m is not None:
        call, error = m.groups()
        key = " ".join(error.split()).lower().rstrip(".")
        kind = _ERRNO_TYPES.get(key) or re.sub(r"[^a-z0-9]+", "_", key).strip("_") or "error"
        return LocalError(line=line, type=kind, message=message, syscall=call)
    lowered = message.lower()
    if "enough privileges" in lowered:
        kind = "permission_denied"
    elif "unknown host" in lowered:  # LBL traceroute: `traceroute: unknown host foo`
        kind = "name_unknown"
    elif lowered.startswith('cannot handle "host"'):
        kind = "usage_error"  # follows the name error: the target could not be used
    else:
        m = _NAME_ERROR.fullmatch(message)
        text = m.group(1).lower() if m is not None else lowered
        kind = _NAME_TYPES.get(" ".join(text.split()), "error")
    return LocalError(line=line, type=kind, message=message)


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class _Command:
    """What the command line says: target, packet length, `-m`, `-4`/`-6`."""

    target: str | None = None
    packet_bytes: int | None = None
    max_hops: int | None = None
    family: int | None = None


def _read_argv(argv: Sequence[str]) -> _Command:
    words = list(argv)
    names = [w.rsplit("/", 1)[-1] for w in words]
    program = next((i for i, n in enumerate(names) if n.startswith(_PROGRAMS)), None)
    family = None
    if program is not None:
        family = 6 if names[program].startswith("traceroute6") else None
        words = words[program + 1 :]
    elif words and not words[0].startswith("-"):
        words = words[1:]
    positional: list[str] = []
    max_hops: str | None = None
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if word == "--":
            positional.extend(words[i:])
            break
        if word.startswith("--"):
            key, _, value = word.partition("=")
            if key == "--max-hops" and value:
                max_hops = value
            continue
        if word.startswith("-") and len(word) > 1:
            for k, flag in enumerate(word[1:], start=1):
                if flag == "4":
                    family = 4
                elif flag == "6":
                    family = 6
                elif flag in _VALUE_OPTIONS:
                    value = word[k + 1 :]
                    if not value and i < len(words):
                        value = words[i]
                        i += 1
                    if flag == "m":
                        max_hops = value
                    break
            continue
        positional.append(word)
    target = positional[0] if positional else None
    packet = positional[1] if len(positional) > 1 and positional[1].isdigit() else None
    if family is None and target is not None and _is_ip(target):
        family = 6 if ":" in target else 4
    return _Command(
        target=target,
        packet_bytes=int(packet) if packet else None,
        max_hops=int(max_hops) if max_hops and max_hops.isdigit() else None,
        family=family,
    )


class _Transformer(LineTransformer[TracerouteData]):
    def start(self, items: list[_Item]) -> TracerouteData:
        header: _Header | None = None
        hops: list[TraceHop] = []
        errors: list[LocalError] = []
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
            elif item is _INTERRUPT:
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
            )
        command = _read_argv(self.argv)
        target_ip = command.target if command.target and _is_ip(command.target) else None
        return TracerouteData(
            target=command.target,
            target_ip=target_ip,
            family=command.family,
            max_hops=command.max_hops,
            packet_bytes=command.packet_bytes,
            hops=tuple(hops),
            local_errors=tuple(errors),
            interrupted=interrupted,
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
                hops.append(TraceHop(line=linemap[first + i], ttl=hop[0], probes=hop[1]))
            i = end
        return _Run(hops=hops, interrupted=interrupted)

    def local_error(self, children: list[Token]) -> LocalError:
        token = children[0]
        return _local_error(self.line_of(token), str(token))

    def interrupt(self, children: list[Token]) -> _Interrupt:
        return _INTERRUPT


_PARSER = LineParser("traceroute", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[TracerouteData]:
    """Parse traceroute output; the target comes from argv when the header is missing."""
    return _PARSER.parse(lines, argv)

"""iputils `tracepath` / `tracepath6` → `TracerouteData`.

tracepath prints one line per probe and no header (lines stripped):

     1?: [LOCALHOST]                      pmtu 1500
     1:  192.0.2.1                                             0.049ms
     1:  192.0.2.1                                             0.004ms
     2:  198.51.100.2                                          0.012ms !N
     3:  198.51.100.2                                          0.010ms pmtu 1400
     3:  gw-s.example (198.51.100.6)                           0.018ms asymm  7   (-b)
     4:  no reply
     4:  203.0.113.10                                          0.014ms reached
         Resume: pmtu 1400 hops 4 back 4

The lines of one TTL are the probes of one hop; `no reply` is a probe without answer
(`*`). After the RTT: `!N`/`!H`/`!P`… is the probe's annotation, as in traceroute;
`pmtu N` (the router asked for smaller packets) becomes `!F-N`, Linux traceroute's
annotation for the same ICMP error; `reached` (the target answered) and `asymm N`
(the reply came back over N hops) are dropped. The `[LOCALHOST]` line is the local
MTU check, not a hop. `Resume: pmtu N` gives `pmtu`. `send failed` (tracepath does
not say why) is a local error, as is a name that does not resolve. Without -n
tracepath prints a resolved name alone; it then stands in for the address (see
`trace_shared.host_and_ip`). The target comes from the command line.
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
    error_type,
    family_of,
    host_and_ip,
    read_command,
    target_address,
)
from analyzer.records import LocalError, TraceHop, TraceProbe, TracerouteData
from analyzer.transcript import Line

SHAPE = re.compile(shapes.TRACEPATH)

HEADER = re.compile(shapes.TRACEPATH_HEADER)

_SYNTAX = CommandSyntax(programs=("tracepath",), value_options="lmp", max_hops="m")

_LINE = re.compile(r"(\d{1,3})\??:\s+(.*)")
_LOCALHOST = re.compile(r"\[LOCALHOST\]\s+(?:\d+\.\d+ms\s+)?pmtu\s+\d+")
_PROBE = re.compile(r"([\w.:%-]+)(?:\s+\(([^()\s]+)\))?\s+(\d+\.\d+)ms(.*)")
# What may follow the RTT; findall() yields (annotation, pmtu, junk).
_FLAG = re.compile(r"(!\S*)|pmtu\s+(\d+)|asymm\s+\d+|reached|\([^)]*\)|(\S+)")
_RESUME = re.compile(r"Resume:\s+pmtu\s+(\d+)")
_ERROR = re.compile(r"tracepath6?:\s+(?:[^:\s]+:\s+)?(.+)")


@dataclass(frozen=True, slots=True)
class _Pmtu:
    pmtu: int


@dataclass(frozen=True, slots=True)
class _Run:
    hops: list[TraceHop]
    errors: list[LocalError]


_Item = _Run | _Pmtu | LocalError | Interrupt | None


def _probe(rest: str) -> TraceProbe | None:
    """The probe a line shows after its TTL: `no reply`, or host, RTT and flags."""
    if rest == "no reply":
        return STAR
    m = _PROBE.fullmatch(rest)
    if m is None:
        return None
    host, address, rtt, flags = m.groups()
    annotation: str | None = None
    for note, pmtu, junk in _FLAG.findall(flags):
        if junk:
            return None
        if note or pmtu:
            annotation = note or f"!F-{pmtu}"
    ip, name = host_and_ip(host, address)
    return TraceProbe(ip=ip, name=name, rtt_ms=float(rtt), annotation=annotation)


class _Transformer(LineTransformer[TracerouteData]):
    def start(self, items: list[_Item]) -> TracerouteData:
        hops: list[TraceHop] = []
        errors: list[LocalError] = []
        pmtu: int | None = None
        for item in items:
            if isinstance(item, _Run):
                hops.extend(item.hops)
                errors.extend(item.errors)
            elif isinstance(item, _Pmtu):
                pmtu = item.pmtu
            elif isinstance(item, LocalError):
                errors.append(item)
        command = read_command(self.argv, _SYNTAX)
        target = command.target.rsplit("/", 1)[0] if command.target else None  # host/port
        target_ip = target_address(target, hops)
        return TracerouteData(
            target=target,
            target_ip=target_ip,
            family=family_of(target_ip, command.family),
            max_hops=command.max_hops,
            hops=tuple(hops),
            local_errors=tuple(errors),
            interrupted=INTERRUPT in items,
            pmtu=pmtu,
        )

    def hops(self, children: list[Token]) -> _Run:
        token = children[0]
        run = _Run(hops=[], errors=[])
        ttl, first = 0, 0
        probes: list[TraceProbe] = []
        for offset, text in enumerate(str(token).split("\n")):
            line = self.line_of(token, offset)
            m = _LINE.fullmatch(text)
            rest = m.group(2) if m is not None else ""
            if rest == "send failed":
                run.errors.append(LocalError(line=line, type="send_failed", message=rest))
                continue
            if _LOCALHOST.fullmatch(rest):
                continue
            probe = _probe(rest) if m is not None else None
            if m is None or probe is None:
                self.unparsed.append(line)
                continue
            if int(m.group(1)) != ttl:  # the first probe of the next hop
                if probes:
                    run.hops.append(TraceHop(line=first, ttl=ttl, probes=tuple(probes)))
                ttl, first, probes = int(m.group(1)), line, []
            probes.append(probe)
        if probes:
            run.hops.append(TraceHop(line=first, ttl=ttl, probes=tuple(probes)))
        return run

    def resume(self, children: list[Token]) -> _Pmtu | None:
        m = _RESUME.match(children[0])
        return _Pmtu(int(m.group(1))) if m is not None else None

    def too_many(self, children: list[Token]) -> None:
        return None

    def local_error(self, children: list[Token]) -> LocalError:
        token = children[0]
        m = _ERROR.fullmatch(token)
        text = m.group(1) if m is not None else str(token)
        return LocalError(line=self.line_of(token), type=error_type(text), message=str(token))

    def interrupt(self, children: list[Token]) -> Interrupt:
        return INTERRUPT


_PARSER = LineParser("tracepath", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[TracerouteData]:
    """Parse tracepath output; the target comes from the command line."""
    return _PARSER.parse(lines, argv)

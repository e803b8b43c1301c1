"""`mtr --report` / `mtr -rw` / `mtr -rwn` → `TracerouteData`.

The report (stripped lines):

    Start: 2026-11-26T06:30:37+0000
    HOST: client                      Loss%   Snt   Last   Avg  Best  Wrst StDev
      1.|-- 192.0.2.1                  0.0%    10    0.1   0.1   0.1   0.1   0.0
      2.|-- 198.51.100.10              0.0%    10    0.1   0.1   0.1   0.1   0.0
            198.51.100.2
      3.|-- ???                       100.0    10    0.0   0.0   0.0   0.0   0.0

Each numbered line is one hop with its statistics over all cycles: `Loss%` and `Snt`
become the hop's `loss_percent` and `sent`, `Avg` the RTT of its one probe (`Last`
when the columns, chosen with `-o`, have no average); `???` (no reply at all) is a
probe without answer. The columns are read by the names of the `HOST:` line, in the
default order when it is missing. A line holding only an address is a further
address of the hop above (ECMP): a probe without RTT, as mtr's statistics are per hop.
`-b` prints `name (address)`, `-z` an `AS…` before it (dropped), `-e` MPLS labels
under the hop (dropped); without -n a resolved name is printed alone and stands in
for the address (see `trace_shared.host_and_ip`). mtr prints no ICMP unreachable
codes: a trace that ends early just ends. The target comes from the command line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lark import Token

from analyzer.parsers import shapes
from analyzer.parsers.base import LineParser, LineTransformer, Parsed
from analyzer.parsers.trace_shared import (
    STAR,
    CommandSyntax,
    error_type,
    family_of,
    host_and_ip,
    read_command,
    target_address,
)
from analyzer.records import LocalError, TraceHop, TraceProbe, TracerouteData
from analyzer.transcript import Line

SHAPE = re.compile(shapes.MTR)

HEADER = re.compile(shapes.MTR_HEADER)

_SYNTAX = CommandSyntax(
    programs=("mtr",), value_options="FIafmUPLsBiGQZMcoy", max_hops="m",
    long_values=frozenset({
        "--filename", "--interface", "--address", "--first-ttl", "--max-ttl", "--max-unknown",
        "--port", "--localport", "--psize", "--bitpattern", "--interval", "--gracetime",
        "--tos", "--timeout", "--mark", "--report-cycles", "--displaymode", "--order",
        "--ipinfo"}),
    long_max_hops=frozenset({"--max-ttl"}),
)

# mtr's default report columns (its `-o 'LS NABWV'`), as the `HOST:` line names them.
_DEFAULT_COLUMNS: tuple[str, ...] = ("Loss%", "Snt", "Last", "Avg", "Best", "Wrst", "StDev")

_COLUMNS = re.compile(r"HOST:\s+\S+\s+(.*)")
_HOP = re.compile(
    r"(\d{1,3})\.(?:\|--)?\s*(?:AS(?:\d+|\?\?\?)\s+)?(\S+|\S+\s+\([^()\s]+\))"
    r"((?:\s+" + shapes.MTR_VALUE + r")+)\s*"
)
_FURTHER = re.compile(r"([\w.:%-]+)(?:\s+\(([^()\s]+)\))?")
_BY_NAME = re.compile(r"(\S+)\s+\(([^()\s]+)\)")
_ERROR = re.compile(r"mtr(?:-packet)?:\s+(?:.*:\s+)?(.+)")


@dataclass(frozen=True, slots=True)
class _Columns:
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Run:
    token: Token


_Item = _Columns | _Run | LocalError | None


def _number(text: str) -> float:
    return float(text.rstrip("%").rstrip("."))


class _Transformer(LineTransformer[TracerouteData]):
    def start(self, items: list[_Item]) -> TracerouteData:
        columns = _DEFAULT_COLUMNS
        hops: list[TraceHop] = []
        errors: list[LocalError] = []
        for item in items:
            if isinstance(item, _Columns):
                columns = item.names
            elif isinstance(item, _Run):  # read once the column names are known
                hops.extend(self._hops(item.token, columns))
            elif isinstance(item, LocalError):
                errors.append(item)
        command = read_command(self.argv, _SYNTAX)
        target_ip = target_address(command.target, hops)
        return TracerouteData(
            target=command.target,
            target_ip=target_ip,
            family=family_of(target_ip, command.family),
            max_hops=command.max_hops,
            hops=tuple(hops),
            local_errors=tuple(errors),
        )

    def _hops(self, token: Token, columns: tuple[str, ...]) -> list[TraceHop]:
        hops: list[TraceHop] = []
        for offset, text in enumerate(str(token).split("\n")):
            line = self.line_of(token, offset)
            m = _HOP.fullmatch(text)
            if m is not None:
                hop = self._hop(line, m, columns)
                if hop is not None:
                    hops.append(hop)
                    continue
            elif text.startswith("[MPLS:"):
                continue
            else:
                further = _FURTHER.fullmatch(text)
                if further is not None and hops:
                    ip, name = host_and_ip(*further.groups())
                    last = hops[-1]
                    hops[-1] = TraceHop(
                        line=last.line, ttl=last.ttl, loss_percent=last.loss_percent,
                        sent=last.sent, probes=(*last.probes, TraceProbe(ip=ip, name=name)))
                    continue
            self.unparsed.append(line)
        return hops

    @staticmethod
    def _hop(line: int, m: re.Match[str], columns: tuple[str, ...]) -> TraceHop | None:
        ttl, host, numbers = m.groups()
        values = numbers.split()
        if len(values) != len(columns):
            return None
        stats = {name: _number(v) for name, v in zip(columns, values, strict=True)}
        sent = stats.get("Snt")
        if host == "???":
            probe = STAR
        else:
            by_name = _BY_NAME.fullmatch(host)
            ip, name = host_and_ip(*by_name.groups()) if by_name else host_and_ip(host, None)
            probe = TraceProbe(ip=ip, name=name, rtt_ms=stats.get("Avg", stats.get("Last")))
        return TraceHop(line=line, ttl=int(ttl), probes=(probe,),
                        loss_percent=stats.get("Loss%"),
                        sent=int(sent) if sent is not None else None)

    def started(self, children: list[Token]) -> None:
        return None

    def columns(self, children: list[Token]) -> _Columns | None:
        m = _COLUMNS.fullmatch(children[0])
        if m is None:
            self.unparsed.append(self.line_of(children[0]))
            return None
        return _Columns(tuple(m.group(1).split()))

    def hops(self, children: list[Token]) -> _Run:
        return _Run(children[0])

    def local_error(self, children: list[Token]) -> LocalError:
        token = children[0]
        m = _ERROR.fullmatch(token)
        text = m.group(1) if m is not None else str(token)
        return LocalError(line=self.line_of(token), type=error_type(text), message=str(token))


_PARSER = LineParser("mtr", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[TracerouteData]:
    """Parse an mtr report; the target comes from the command line."""
    return _PARSER.parse(lines, argv)

"""BSD `traceroute` / `traceroute6` (macOS, FreeBSD) → `TracerouteData`.

The hop lines are those of Linux traceroute, read by the same transformer
(`traceroute.TracerouteTransformer`); what BSD adds:

    traceroute: Warning: server.example has multiple addresses; using 203.0.113.10
    traceroute to server.example (203.0.113.10), 64 hops max, 52 byte packets
    traceroute6 to server6.example (2001:db8:20::10) from 2001:db8:10::10, 64 hops max, ...
     7  [AS64496] r7a.example (198.51.100.2)  25.375 ms
        [AS64496] r7b.example (198.51.100.10)  24.011 ms  25.322 ms

the warning (kept in `warnings`), the `[AS…]` of `-a` before the address (dropped), and
a further address of a hop on a line of its own (joined to its hop). The header tells
this output from Linux's: BSD's default packets are 52 (macOS) or 40 (FreeBSD) bytes,
and KAME's `traceroute6` names itself (see `shapes.BSD_HEADER`); an output cut
above its header reads as Linux traceroute, whose hop lines are the same.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lark import Token

from analyzer.parsers import shapes, traceroute
from analyzer.parsers.base import LineParser, Parsed
from analyzer.parsers.traceroute import TracerouteTransformer, TraceWarning
from analyzer.records import LocalError, TracerouteData
from analyzer.transcript import Line

SHAPE = re.compile(shapes.TRACEROUTE_BSD)

# The line that starts a traceroute's output (the same as Linux's).
HEADER = traceroute.HEADER

_MULTIPLE = re.compile(r"traceroute6?:\s+Warning:\s+\S+\s+has\s+multiple\s+addresses")


class _Transformer(TracerouteTransformer):
    def warning(self, children: list[Token]) -> TraceWarning:
        token = children[0]
        kind = "multiple_addresses" if _MULTIPLE.match(token) else "warning"
        return TraceWarning(LocalError(line=self.line_of(token), type=kind, message=str(token)))


_PARSER = LineParser("traceroute_bsd", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[TracerouteData]:
    """Parse BSD traceroute output; the target comes from argv when the header is missing."""
    return _PARSER.parse(lines, argv)

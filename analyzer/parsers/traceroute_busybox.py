"""BusyBox `traceroute` / `traceroute6` → `TracerouteData`.

BusyBox prints the hop lines of Linux traceroute (two spaces around each `*`), read by
the same transformer (`traceroute.TracerouteTransformer`), and errors of its own:

    traceroute to 203.0.113.10 (203.0.113.10), 8 hops max, 46 byte packets
     3  198.51.100.6  0.001 ms  *  0.008 ms
     5  *  *  *
    traceroute: bad address 'nosuch.invalid'
    traceroute: can't connect to remote host (203.0.113.10): Network is unreachable

`bad address` is BusyBox's only word for a name that did not resolve (type
`name_unknown`). The header tells this output from Linux's: BusyBox's packets are
46 bytes (IPv4, every probe method) or 72 bytes (IPv6) unless a size is given (see
`shapes.BUSYBOX_HEADER`); `busybox traceroute` on the command line is not seen,
as the command reader drops the `busybox` word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lark import Token

from analyzer.parsers import shapes, traceroute
from analyzer.parsers.base import LineParser, Parsed
from analyzer.parsers.local_errors import errno_type
from analyzer.parsers.traceroute import TracerouteTransformer
from analyzer.records import LocalError, TracerouteData
from analyzer.transcript import Line

SHAPE = re.compile(shapes.TRACEROUTE_BUSYBOX)

# The line that starts a traceroute's output (the same as Linux's).
HEADER = traceroute.HEADER

# `can't connect to remote host (203.0.113.10): Network is unreachable`, `can't bind ...`
_CANT = re.compile(r"traceroute6?:\s+can't\s+(\w+)[^:]*(?::\s*(.+))?")


class _Transformer(TracerouteTransformer):
    def busybox_error(self, children: list[Token]) -> LocalError:
        token = children[0]
        text = str(token)
        m = _CANT.match(text)
        if m is None:  # bad address 'name'
            return LocalError(line=self.line_of(token), type="name_unknown", message=text)
        call, error = m.groups()
        return LocalError(line=self.line_of(token), type=errno_type(error) if error else "error",
                          message=text, syscall=call)


_PARSER = LineParser("traceroute_busybox", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[TracerouteData]:
    """Parse BusyBox traceroute output; the target comes from argv when the header is missing."""
    return _PARSER.parse(lines, argv)

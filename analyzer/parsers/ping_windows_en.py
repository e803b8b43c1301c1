"""Windows `ping.exe` output in English → `PingData` (`grammars/ping_windows_en.lark`).

How it maps onto the records: see `analyzer.parsers.ping_windows`.
"""

from __future__ import annotations

import re

from analyzer.parsers import shapes
from analyzer.parsers.ping_shared import NUM
from analyzer.parsers.ping_windows import Language, make_parser

SHAPE = re.compile(shapes.PING_WINDOWS_EN)

HEADER = re.compile(shapes.PING_WINDOWS_EN_HEADER)

_I = re.IGNORECASE
LANGUAGE = Language(
    header=re.compile(
        r"Pinging (?P<name>\S+?)(?: \[(?P<ip>[^\]]+)\])?(?: from \S+)? "
        r"with (?P<size>\d+) bytes of data:?\s*"),
    reply_from=re.compile(r"Reply from (?P<source>\S+?):\s+(?P<rest>.*)"),
    reply=re.compile(
        rf"(?:bytes=(?P<bytes>\d+)(?: \(sent \d+\))?\s+)?time\s*(?P<op>[=<])\s*(?P<time>{NUM})"
        r"\s*ms(?:\s+TTL=(?P<ttl>\d+))?\s*"),
    timeout=re.compile(r"Request timed out\.?\s*", _I),
    icmp_errors=(
        (re.compile(r"Destination host unreachable\.?\s*", _I), "host_unreachable"),
        (re.compile(r"Destination net unreachable\.?\s*", _I), "net_unreachable"),
        (re.compile(r"Destination protocol unreachable\.?\s*", _I), "protocol_unreachable"),
        (re.compile(r"Destination port unreachable\.?\s*", _I), "port_unreachable"),
        (re.compile(r"TTL expired in transit\.?\s*", _I), "ttl_exceeded"),
        (re.compile(r"TTL expired during reassembly\.?\s*", _I), "reassembly_timeout"),
        (re.compile(r"Packet needs to be fragmented but DF set\.?\s*", _I), "frag_needed"),
        (re.compile(r"Source quench received\.?\s*", _I), "source_quench"),
        (re.compile(r"Parameter problem\.?\s*", _I), "parameter_problem"),
    ),
    failures=(
        (re.compile(r"(?:PING: )?transmit failed\.?\s*General failure\.?\s*", _I),
         "general_failure"),
        (re.compile(r"General failure\.?\s*", _I), "general_failure"),
        (re.compile(r"(?:PING: )?transmit failed\.?.*", _I), "transmit_failed"),
        (re.compile(r"Hardware error\.?\s*", _I), "hardware_error"),
        # a bare line: the host's own interface MTU refused the packet (`-f -l`)
        (re.compile(r"Packet needs to be fragmented but DF set\.?\s*", _I), "message_too_long"),
    ),
    title=re.compile(r"Ping statistics for (?P<name>.+?):?\s*"),
    stats=re.compile(
        r"Packets: Sent = (?P<sent>\d+), Received = (?P<received>\d+), "
        rf"Lost = (?P<lost>\d+) \((?P<loss>{NUM})% loss\),?\s*"),
    rtt=re.compile(
        rf"Minimum = (?P<min>{NUM})ms, Maximum = (?P<max>{NUM})ms, "
        rf"Average = (?P<avg>{NUM})ms\s*"),
    not_found=re.compile(
        r"Ping request could not find host (?P<name>\S+?)\.? Please check the name and try "
        r"again\.?\s*",
        _I),
)

parse = make_parser("ping_windows_en", LANGUAGE)

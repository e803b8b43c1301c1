"""`ping` / `ping6` output → `PingData` (Linux iputils, old and new versions).

The grammar (`grammars/ping.lark`) cuts the output into line tokens; a run of per-probe
lines (replies, ICMP errors, `no answer yet`) is one token, so a 20,000-reply ping is a
handful of tokens. This module reads the fields of each line with one compiled regex and
builds the records. A `^C` the terminal echoed in front of any line, and the `-D`
timestamp, are accepted everywhere.

Local errors (`ping: connect: Network is unreachable`, `ping: x: Name or service not
known`, ...) are printed without a header; the target then comes from the command line.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from lark import Token

from analyzer.parsers import shapes
from analyzer.parsers.base import LineParser, LineTransformer, Parsed, opt_float, opt_int
from analyzer.parsers.icmp_texts import ICMP_TYPES
from analyzer.parsers.local_errors import errno_type, local_error, resolver_type
from analyzer.records import IcmpError, LocalError, PingData, PingReply
from analyzer.transcript import Line

# ------------------------------------------------------------ reply records

_new = object.__new__


def _reply(line: int, seq: int | None, source: str | None, ttl: int | None,
           time_ms: float | None, duplicate: bool, size: int | None,
           timestamp: float | None, source_name: str | None,
           flags: tuple[str, ...]) -> PingReply:
    """`PingReply(line=line, ..., bytes=size, ...)`, at half the cost.

    The record's `__dict__` is filled as the frozen dataclass's `__init__` would through
    `object.__setattr__`; fields at their default are left to the class-level defaults.
    A 20,000-reply ping builds 20,000 of these.
    """
    reply = _new(PingReply)
    values = reply.__dict__
    values["line"] = line
    values["seq"] = seq
    values["source"] = source
    values["ttl"] = ttl
    values["time_ms"] = time_ms
    values["bytes"] = size
    if duplicate:
        values["duplicate"] = True
    if timestamp is not None:
        values["timestamp"] = timestamp
    if source_name is not None:
        values["source_name"] = source_name
    if flags:
        values["flags"] = flags
    return reply


# ------------------------------------------------------------------ shapes

SHAPE = re.compile(shapes.PING)

HEADER = re.compile(shapes.PING_HEADER)

# ----------------------------------------------------------------- line regexes

_HEADER = re.compile(
    r"(?:\^C)?PING\s+(?P<name>[^\s(]*)\s*\("
    r"(?:(?P<name2>[^\s()]+)\s+\((?P<ip2>[^\s()]+)\)|(?P<ip>[^\s()]*))\)"
    r"\s*(?:,\s*flow\s+0x[0-9A-Fa-f]+,\s*)?"
    r"(?:from\s+(?:[^\s()]+\s+\((?P<srcip2>[^\s()]+)\)|(?P<srcip>[^\s()]+))"
    r"\s*(?P<dev>[^\s:]*)\s*:\s*)?"
    r":?\s*(?:(?P<data>\d+)(?:\((?P<total>\d+)\))?\s*(?:bytes of data|data bytes))?"
)
_HEADER_LOOSE = re.compile(r"(?:\^C)?PING\s+(?P<name>[^\s(]+)")

# Groups: 1 ^C, 2 -D timestamp, 3 bytes, 4 name, 5 its address | 6 address, 7 seq, 8 ttl,
# 9 time, 10 the rest (`(DUP!)`, `(truncated)`, ...).
_REPLY = re.compile(
    r"(\^C)?(?:\[(\d+(?:[.,]\d+)?)\]\s*)?(\d+) bytes from "
    r"(?:([^\s()]+) \(([^\s()]+)\)|([^\s()]+?)):?\s+"
    r"(?:icmp_[sr]eq=(\d+)\s*)?(?:ident=\d+\s*)?(?:(?:ttl|hlim)=(\d+)\s*)?"
    r"(?:time[=<]\s*(\d+(?:[.,]\d+)?)\s*ms\s*)?(.*)"
)
# The shape of nearly every reply, read first: `findall` over a run gives one row a line.
# Groups: 1 ^C, 2 timestamp, 3 bytes, 4 address or name, 5 the name's address, 6 seq,
# 7 ttl, 8 time, 9 the rest; 10 a line of another shape, whole (the others empty).
_REPLY_FAST = re.compile(
    r"^(?:(\^C)?(?:\[(\d+(?:[.,]\d+)?)\] ?)?(\d+) bytes from ([^\s(]+)(?: \((\S+)\))?: "
    r"icmp_[sr]eq=(\d+) ttl=(\d+) time=(\d+(?:[.,]\d+)?) ms(.*)|(.+))$",
    re.MULTILINE,
)
# Groups: 1 ^C, 2 timestamp, 3 name, 4 its address | 5 address, 6 seq, 7 message.
_FROM = re.compile(
    r"(\^C)?(?:\[(\d+(?:[.,]\d+)?)\]\s*)?From\s+"
    r"(?:([^\s()]+) \(([^\s()]+)\)|([^\s()]+?)):?\s+"
    r"(?:icmp_[sr]eq=(\d+)\s*)?(.*)"
)
_NOANSWER = re.compile(
    r"(\^C)?(?:\[\d+(?:[.,]\d+)?\]\s*)?"
    r"(?:no answer yet for icmp_seq=|Request timeout for icmp_seq[= ]?)(\d+)"
)
_PROBE_KIND = re.compile(
    r"(?:\^C)?(?:\[\d+(?:[.,]\d+)?\]\s*)?(?:(\d+ bytes from )|(From )|no answer|Request timeout)"
)
_TITLE = re.compile(r"(\^C)?-*\s*(.*?)\s+ping statistics")
_STATS = re.compile(
    r"(\^C)?(?P<tx>\d+) packets transmitted,\s*(?P<rx>\d+) (?:packets )?received"
    r"(?:,\s*\+(?P<dup>\d+) duplicates)?(?:,\s*\+(?P<corrupt>\d+) corrupted)?"
    r"(?:,\s*\+(?P<err>\d+) errors)?(?:,\s*(?P<loss>\d+(?:[.,]\d+)?)% packet loss)?"
    r"(?:,\s*time\s*(?P<time>\d+(?:[.,]\d+)?)\s*ms)?"
)
_NUM = r"(\d+(?:[.,]\d+)?)"
_RTT = re.compile(
    rf"(\^C)?(?:rtt|round-trip) min/avg/max(?:/(?:mdev|stddev))?\s*=\s*{_NUM}/{_NUM}/{_NUM}"
    rf"(?:/{_NUM})?\s*ms"
)
_PIPE = re.compile(r"(?:^|[\s,])pipe (\d+)")
_IPG = re.compile(rf"ipg/ewma {_NUM}/{_NUM}")

# ----------------------------------------------------------- ICMP error types

_ICMP_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"frag(?:mentation)? needed and df set\s*\(mtu\s*=\s*(\d+)\)"), "frag_needed"),
    (re.compile(r"packet too big:\s*mtu\s*=\s*(\d+)"), "frag_needed"),
    (re.compile(r"redirect host\b"), "redirect_host"),
    (re.compile(r"redirect network\b"), "redirect_net"),
    (re.compile(r"redirect type of service and host\b"), "redirect_tos_host"),
    (re.compile(r"redirect type of service and network\b"), "redirect_tos_net"),
    (re.compile(r"redirect\b"), "redirect"),
    (re.compile(r"dest(?:ination)? unreachable(?:, bad code|: unknown code)"), "unreachable"),
    (re.compile(r"time exceeded(?:, bad code|: code)"), "time_exceeded"),
    (re.compile(r"parameter problem"), "parameter_problem"),
)
_NEXTHOP = re.compile(r"new (?:nexthop|addr):\s*(?:[^\s()]+\s+\(([^\s()]+)\)|([^\s()]+))", re.I)


@lru_cache(maxsize=256)
def _classify_icmp(message: str) -> tuple[str, int | None, str | None]:
    """(type id, mtu, nexthop) of an ICMP error message as ping printed it."""
    text = " ".join(message.replace("(BAD CHECKSUM)", " ").split()).lower()
    known = ICMP_TYPES.get(text.rstrip("."))
    if known is not None:
        return known, None, None
    for pattern, kind in _ICMP_PATTERNS:
        m = pattern.search(text)
        if m is None:
            continue
        mtu = int(m.group(1)) if kind == "frag_needed" else None
        hop = _NEXTHOP.search(message) if kind.startswith("redirect") else None
        return kind, mtu, (hop.group(1) or hop.group(2)) if hop else None
    return "unknown", None, None


def _is_icmp_message(text: str) -> bool:
    return _classify_icmp(text)[0] != "unknown"


# ------------------------------------------------------------ local errors

_WARNING_TYPES: tuple[tuple[str, str], ...] = (
    ("pinging broadcast", "broadcast"),
    ("source address might be selected", "source_address"),
    ("time of day goes back", "clock_backwards"),
    ("rcvbuf is not enough", "rcvbuf"),
    ("failed to set mark", "mark"),
    ("so_mark", "mark"),
    ("veeery old", "old_kernel"),
)
_SYSCALL = re.compile(
    r"(?P<call>connect|sendmsg|sendto|socket|bind(?: icmp socket)?|recvmsg|getsockname"
    r"|icmp open socket|setsockopt(?:\([^)]*\))?(?: \S+)?|SO_BINDTODEVICE(?: \S+)?"
    r"|IPV?6?_[A-Z_]+|gatifaddrs failed|getifaddrs|record route|ts option)"
    r":\s*(?P<err>.+)"
)
_LOCAL_MTU = re.compile(r"local error:\s*(?P<err>.*?)(?:,\s*mtu\s*[=:]\s*(?P<mtu>\d+))?\s*$", re.I)
_UNKNOWN_HOST = re.compile(r"(?:unknown host|cannot resolve)\s+(\S+?):?(?:\s|$)", re.I)
_UNKNOWN_IFACE = re.compile(r"unknown (?:iface|interface):?\s*(\S+)", re.I)
_GAI = re.compile(r"(?P<host>\S+):\s*(?P<err>[^:]+?)\s*$")
_DEBUG = re.compile(r"(?:socktype:|sock[46]\.fd:|=> |ai->ai_|ping_|probe_fd|hints\.)")
_USAGE = re.compile(
    r"(?:usage error|invalid argument|invalid option|option requires|bad |illegal |"
    r"only one |cannot set preload|cannot flood|broadcast ping with too short)", re.I)
_PREFIX = re.compile(r"(?:\^C)?(?:ping[46]?:\s*)?")


def _warning_type(text: str) -> str:
    low = text.lower()
    return next((kind for needle, kind in _WARNING_TYPES if needle in low), "warning")


# ------------------------------------------------------------ argv → target

# iputils options that take a value (getopt "4bRT:6F:N:aABc:CdDe:fi:I:l:Lm:M:nOp:qQ:rs:S:t:UvVw:W:")
_VALUE_OPTS = frozenset("TFNceiIlmMpQsStwW")
_PROGRAMS = frozenset({"ping", "ping4", "ping6"})
_STOP = re.compile(r"\d*[<>|&;]")


def target_from_argv(argv: Sequence[str]) -> str | None:
    """The destination of a ping command line: its last operand, option values skipped."""
    operands = _scan_argv(argv)[1]
    return operands[-1] if operands else None


def _scan_argv(argv: Sequence[str]) -> tuple[set[str], list[str]]:
    """(option letters without a value, operands) of a ping command line, as getopt reads
    it; stops at a pipe or redirection."""
    words = list(argv)
    start = 1
    for i, word in enumerate(words):
        if word.rsplit("/", 1)[-1].lower() in _PROGRAMS:
            start = i + 1
            break
    flags: set[str] = set()
    operands: list[str] = []
    i = start
    only_operands = False
    while i < len(words):
        word = words[i]
        i += 1
        if _STOP.match(word):
            break
        if only_operands or not word.startswith("-") or word == "-":
            operands.append(word)
        elif word == "--":
            only_operands = True
        elif not word.startswith("--"):
            for j, ch in enumerate(word[1:], start=1):
                if ch in _VALUE_OPTS:
                    if j == len(word) - 1:
                        i += 1  # the value is the next word
                    break
                flags.add(ch)
    return flags, operands


def _family_from_argv(argv: Sequence[str]) -> int | None:
    if not argv:
        return None
    program = argv[0].rsplit("/", 1)[-1].lower()
    flags = _scan_argv(argv)[0]
    if program == "ping6" or "6" in flags:
        return 6
    if program == "ping4" or "4" in flags:
        return 4
    return None


def _ip_of(text: str | None) -> str | None:
    """`text` if it is an IP address (an IPv6 zone allowed), else None."""
    if not text:
        return None
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return None
    return text


def _family_of(ip: str | None) -> int | None:
    if not ip:
        return None
    return 6 if ":" in ip else 4


# ------------------------------------------------------------ transformer


@dataclass(slots=True)
class _Header:
    line: int
    name: str | None  # None: an empty name (`PING  (192.0.2.1) ...`, a resolver quirk)
    ip: str | None
    payload: int | None
    total: int | None
    source_ip: str | None
    interface: str | None


@dataclass(slots=True)
class _Probes:
    replies: list[PingReply] = field(default_factory=list)
    errors: list[IcmpError] = field(default_factory=list)
    timeouts: list[tuple[int, int]] = field(default_factory=list)
    interrupted: bool = False


@dataclass(slots=True)
class _Title:
    line: int
    name: str
    interrupted: bool


@dataclass(slots=True)
class _Stats:
    line: int
    m: re.Match[str]


@dataclass(slots=True)
class _Rtt:
    line: int
    text: str


@dataclass(slots=True)
class _Interrupt:
    line: int


@dataclass(slots=True)
class _Local:
    error: LocalError | None
    warning: LocalError | None = None
    interrupted: bool = False


@dataclass(slots=True)
class _Noise:
    line: int
    wrong_data: bool


_Item = _Header | _Probes | _Title | _Stats | _Rtt | _Interrupt | _Local | _Noise | None


class _Transformer(LineTransformer[PingData]):
    # ---- runs

    def probes(self, children: list[Token]) -> _Probes:
        """A run of per-probe lines (replies, ICMP errors, `no answer yet`): one token,
        however many lines. Replies in the usual shape take the fast path."""
        token = children[0]
        out = _Probes()
        append = out.replies.append
        rows = _REPLY_FAST.findall(token)
        first = (token.line or 1) - 1  # what `line_of` computes, for the whole run at once
        for line, (cc, ts, size, addr, named_ip, seq, ttl, time, rest, other) in zip(
                self.linemap[first:first + len(rows)], rows, strict=True):
            if other:
                self._probe(other, line, out)
                continue
            if cc:
                out.interrupted = True
            duplicate = False
            flags: tuple[str, ...] = ()
            if rest:
                duplicate = "DUP!" in rest
                flags = _reply_flags(rest)
                if "^C" in rest:
                    out.interrupted = True
            append(_reply(
                line, int(seq), named_ip or addr, int(ttl),
                float(time) if "," not in time else float(time.replace(",", ".")),
                duplicate, int(size), float(ts.replace(",", ".")) if ts else None,
                addr if named_ip and addr != named_ip else None, flags))
        return out

    def _probe(self, text: str, line: int, out: _Probes) -> None:
        """One per-probe line that is not a reply in the usual shape."""
        kind = _PROBE_KIND.match(text)
        if kind is None:  # pragma: no cover - the terminal guarantees one of the three
            self.unparsed.append(line)
        elif kind.group(1):
            self._reply_line(text, line, out)
        elif kind.group(2):
            self._error_line(text, line, out)
        else:
            m = _NOANSWER.match(text)
            if m is None:  # pragma: no cover - same shape as the terminal
                self.unparsed.append(line)
                return
            if m.group(1):
                out.interrupted = True
            out.timeouts.append((int(m.group(2)), line))

    def _reply_line(self, text: str, line: int, out: _Probes) -> None:
        """A reply with fields missing or reordered, or a BSD-style ICMP error."""
        m = _REPLY.match(text)
        if m is None:  # pragma: no cover - the terminal guarantees `N bytes from X`
            self.unparsed.append(line)
            return
        cc, ts, size, name, named_ip, addr, seq, ttl, time, rest = m.groups()
        rest = rest.strip()
        stamp = float(ts.replace(",", ".")) if ts else None
        if cc or "^C" in rest:
            out.interrupted = True
        if seq is None and ttl is None and time is None and rest and _is_icmp_message(rest):
            # `92 bytes from 192.0.2.1: Destination Host Unreachable` (BSD-style)
            kind, mtu, hop = _classify_icmp(rest)
            out.errors.append(IcmpError(
                line=line, seq=None, source=named_ip or addr, type=kind, message=rest,
                mtu=mtu, nexthop=hop, source_name=name if name != named_ip else None,
                timestamp=stamp))
            return
        if seq is None and ttl is None and time is None and rest:
            self.unparsed.append(line)
            return
        out.replies.append(_reply(
            line, opt_int(seq), named_ip or addr, opt_int(ttl), opt_float(time),
            "DUP!" in rest, int(size), stamp, name if name != named_ip else None,
            _reply_flags(rest) if rest else ()))

    def _error_line(self, text: str, line: int, out: _Probes) -> None:
        """`From 192.0.2.1 icmp_seq=1 Destination Host Unreachable` and the like."""
        m = _FROM.match(text)
        if m is None:  # pragma: no cover - the terminal guarantees `From X`
            self.unparsed.append(line)
            return
        cc, ts, name, named_ip, addr, seq, message = m.groups()
        message = message.strip()
        kind, mtu, hop = _classify_icmp(message)
        if cc:
            out.interrupted = True
        if kind == "unknown" and not message:
            self.unparsed.append(line)
            return
        out.errors.append(IcmpError(
            line=line, seq=int(seq) if seq else None, source=named_ip or addr,
            type=kind, message=message, mtu=mtu, nexthop=hop,
            source_name=name if name != named_ip else None,
            timestamp=float(ts.replace(",", ".")) if ts else None))

    # ---- single lines

    def header(self, children: list[Token]) -> _Header:
        tok = children[0]
        line = self.line_of(tok)
        m = _HEADER.match(tok)
        if m is not None and (m.group("ip") or m.group("ip2")):
            return _Header(
                line=line, name=m.group("name") or None, ip=m.group("ip2") or m.group("ip"),
                payload=opt_int(m.group("data")), total=opt_int(m.group("total")),
                source_ip=m.group("srcip2") or m.group("srcip"),
                interface=m.group("dev") or None)
        loose = _HEADER_LOOSE.match(tok)
        self.unparsed.append(line)
        return _Header(line=line, name=loose.group("name") if loose else str(tok), ip=None,
                       payload=None, total=None, source_ip=None, interface=None)

    def statistics(self, children: list[Token]) -> _Title | _Stats | None:
        tok = children[0]
        line = self.line_of(tok)
        if tok.type == "STATS_TITLE":
            t = _TITLE.match(tok)
            if t is None:  # pragma: no cover - the terminal guarantees the shape
                self.unparsed.append(line)
                return None
            return _Title(line=line, name=t.group(2).strip(), interrupted=bool(t.group(1)))
        m = _STATS.match(tok)
        if m is None:  # pragma: no cover - the terminal guarantees the shape
            self.unparsed.append(line)
            return None
        return _Stats(line=line, m=m)

    def rtt(self, children: list[Token]) -> _Rtt:
        tok = children[0]
        return _Rtt(line=self.line_of(tok), text=str(tok))

    def pipe(self, children: list[Token]) -> _Rtt:
        return self.rtt(children)

    def interrupt(self, children: list[Token]) -> _Interrupt:
        tok = children[0]
        line = self.line_of(tok)
        rest = str(tok)[2:].strip()
        if rest and rest.strip("^C \t"):
            self.unparsed.append(line)
        return _Interrupt(line=line)

    def warning(self, children: list[Token]) -> _Local:
        tok = children[0]
        text = str(tok)
        cc = text.startswith("^C")
        message = text[2:] if cc else text
        return _Local(error=None, interrupted=cc, warning=LocalError(
            line=self.line_of(tok), type=_warning_type(message), message=message.strip()))

    def noise(self, children: list[Token]) -> _Noise:
        tok = children[0]
        return _Noise(line=self.line_of(tok), wrong_data="wrong data byte" in tok)

    def local_error(self, children: list[Token]) -> _Local:
        tok = children[0]
        line = self.line_of(tok)
        text = str(tok)
        cc = text.startswith("^C")
        message = text[2:].strip() if cc else text.strip()
        item = _local(line, message, _PREFIX.sub("", message, count=1))
        item.interrupted = cc
        return item

    # ---- the whole output

    def start(self, items: list[_Item]) -> PingData:
        return _assemble(items, self.argv)


def _reply_flags(rest: str) -> tuple[str, ...]:
    flags: list[str] = []
    if "DUP!" in rest:
        flags.append("duplicate")
    if "truncated" in rest:
        flags.append("truncated")
    if "BAD CHECKSUM" in rest:
        flags.append("bad_checksum")
    if "DIFFERENT ADDRESS" in rest:
        flags.append("different_address")
    return tuple(flags)


def _local(line: int, message: str, body: str) -> _Local:
    """Classify one `ping: ...` line: a local error, a warning, or debug output."""
    m = _LOCAL_MTU.match(body)
    if m is not None:
        return _Local(error=LocalError(line=line, type=errno_type(m.group("err")),
                                       message=message, mtu=opt_int(m.group("mtu"))))
    m = _SYSCALL.match(body)
    if m is not None:
        call = m.group("call").split()[0].split("(")[0]
        if call in ("gatifaddrs", "getifaddrs"):
            call = "getifaddrs"
        return _Local(error=LocalError(line=line, type=errno_type(m.group("err")),
                                       message=message, syscall=call))
    if body.lower().startswith("do you want to ping broadcast"):
        return _Local(error=LocalError(line=line, type="broadcast_or_firewall", message=message,
                                       syscall="connect"))
    m = _UNKNOWN_HOST.match(body)
    if m is not None:
        return _Local(error=LocalError(line=line, type="name_unknown", message=message))
    m = _UNKNOWN_IFACE.match(body)
    if m is not None:
        return _Local(error=LocalError(line=line, type="no_such_device", message=message))
    low = body.lower()
    if low.startswith("warning"):
        return _Local(error=None, warning=LocalError(line=line, type=_warning_type(body),
                                                     message=message))
    if _DEBUG.match(body):
        return _Local(error=None)
    m = _GAI.match(body)
    if m is not None:
        kind = resolver_type(m.group("err"))
        if kind is not None:
            return _Local(error=LocalError(line=line, type=kind, message=message))
    if _USAGE.search(body):
        return _Local(error=LocalError(line=line, type="usage_error", message=message))
    return _Local(error=local_error(line, message, body))


def _assemble(items: list[_Item], argv: Sequence[str]) -> PingData:
    header: _Header | None = None
    title: _Title | None = None
    stats: _Stats | None = None
    rtt_line: int | None = None
    rtt: tuple[float | None, ...] = (None, None, None, None)
    pipe: int | None = None
    ipg: float | None = None
    ewma: float | None = None
    replies: list[PingReply] = []
    errors: list[IcmpError] = []
    timeouts: list[tuple[int, int]] = []
    local_errors: list[LocalError] = []
    warnings: list[LocalError] = []
    ctrl_c = False
    for item in items:
        if isinstance(item, _Probes):
            if item.replies:
                replies.extend(item.replies)
            if item.errors:
                errors.extend(item.errors)
            if item.timeouts:
                timeouts.extend(item.timeouts)
            ctrl_c = ctrl_c or item.interrupted
        elif isinstance(item, _Header):
            if header is None:
                header = item
        elif isinstance(item, _Title):
            title = title or item
            ctrl_c = ctrl_c or item.interrupted
        elif isinstance(item, _Stats):
            stats = stats or item
            ctrl_c = ctrl_c or bool(item.m.group(1))
        elif isinstance(item, _Rtt):
            text = item.text
            ctrl_c = ctrl_c or text.startswith("^C")
            r = _RTT.match(text)
            if r is not None:
                rtt = tuple(opt_float(g) for g in r.groups()[1:])
                rtt_line = item.line
            p = _PIPE.search(text)
            if p is not None:
                pipe = int(p.group(1))
            g = _IPG.search(text)
            if g is not None:
                ipg, ewma = opt_float(g.group(1)), opt_float(g.group(2))
        elif isinstance(item, _Interrupt):
            ctrl_c = True
        elif isinstance(item, _Local):
            if item.error is not None:
                local_errors.append(item.error)
            if item.warning is not None:
                warnings.append(item.warning)
            ctrl_c = ctrl_c or item.interrupted
        elif isinstance(item, _Noise) and item.wrong_data and replies:
            last = replies[-1]
            replies[-1] = replace(last, flags=(*last.flags, "wrong_data"))

    argv_target = target_from_argv(argv) if argv else None
    if header is not None:
        target: str | None = header.name or argv_target
        target_ip = header.ip or _ip_of(header.name)
    elif title is not None:
        target = title.name
        target_ip = _ip_of(title.name)
    else:
        target = argv_target
        target_ip = _ip_of(argv_target)
    family = _family_of(header.ip if header else None) or _family_from_argv(argv) \
        or _family_of(target_ip)

    started = header is not None or bool(replies or errors or timeouts) or title is not None
    interrupted = ctrl_c or (started and stats is None)

    sm = stats.m if stats is not None else None

    def count(name: str) -> int | None:
        if sm is None:
            return None
        value = sm.group(name)
        return int(value) if value is not None else 0

    return PingData(
        target=target,
        target_ip=target_ip,
        family=family,
        payload_bytes=header.payload if header else None,
        transmitted=opt_int(sm.group("tx")) if sm else None,
        received=opt_int(sm.group("rx")) if sm else None,
        errors=count("err"),
        duplicates=count("dup"),
        loss_percent=opt_float(sm.group("loss")) if sm else None,
        time_total_ms=opt_float(sm.group("time")) if sm else None,
        pipe=pipe,
        rtt_min_ms=rtt[0],
        rtt_avg_ms=rtt[1],
        rtt_max_ms=rtt[2],
        rtt_mdev_ms=rtt[3],
        replies=tuple(replies),
        icmp_errors=tuple(errors),
        timeouts=tuple(seq for seq, _ in timeouts),
        timeout_lines=tuple(line for _, line in timeouts),
        local_errors=tuple(local_errors),
        interrupted=interrupted,
        header_line=header.line if header else None,
        stats_line=stats.line if stats else None,
        rtt_line=rtt_line,
        packet_bytes=header.total if header else None,
        source_ip=header.source_ip if header else None,
        interface=header.interface if header else None,
        corrupted=count("corrupt"),
        ipg_ms=ipg,
        ewma_ms=ewma,
        warnings=tuple(warnings),
    )


_PARSER = LineParser("ping", _Transformer)


def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[PingData]:
    """Parse iputils ping output; `argv` (the ping command line) names the target when no
    header was printed (local errors such as `ping: connect: Network is unreachable`)."""
    return _PARSER.parse(lines, argv)

"""What the ping dialects other than C-locale iputils share: the items their transformers
yield, how those become the one `PingData` record every rule reads, and the command-line
and errno helpers.

A dialect's transformer turns each output line into an item below, or directly into a
record of `analyzer.records` (`PingReply`, `IcmpError`, `LocalError`); `assemble` folds the
items, in input order, into `PingData` with the same meaning whatever program printed them:
`received` counts echo replies only, `timeouts` are the sequence numbers reported as lost,
`icmp_errors` are errors sent by some router (or by the host's own stack), `local_errors`
are failures before a packet left the host.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from lark import Token

from analyzer.parsers.base import LineTransformer, opt_float
from analyzer.records import IcmpError, LocalError, PingData, PingReply

# A number as a ping program printed it; a decimal comma is read by `base.opt_float`.
NUM = r"\d+(?:[.,]\d+)?"


@dataclass(frozen=True, slots=True)
class Header:
    """The line that starts a run: what is pinged, with how many bytes."""

    line: int
    name: str | None  # None: the header names no target (KAME's `PING6(...) src --> dst`)
    ip: str | None
    payload: int | None = None
    packet: int | None = None
    source_ip: str | None = None
    interface: str | None = None


@dataclass(frozen=True, slots=True)
class Title:
    """The statistics title (`--- x ping statistics ---`, `Ping statistics for x:`)."""

    line: int
    name: str


@dataclass(frozen=True, slots=True)
class Stats:
    """The packet counts of the statistics. `None`: the program does not print that count."""

    line: int
    transmitted: int
    received: int
    loss_percent: float | None
    duplicates: int | None = None
    errors: int | None = None
    corrupted: int | None = None
    time_total_ms: float | None = None
    received_reported: int | None = None


@dataclass(frozen=True, slots=True)
class Rtt:
    """The round-trip summary line."""

    line: int
    min_ms: float | None
    avg_ms: float | None
    max_ms: float | None
    mdev_ms: float | None = None
    pipe: int | None = None
    ipg_ms: float | None = None
    ewma_ms: float | None = None


@dataclass(frozen=True, slots=True)
class Timeout:
    """A request reported as unanswered (`Request timeout for icmp_seq 3`)."""

    line: int
    seq: int


@dataclass(frozen=True, slots=True)
class Interrupt:
    """Ctrl-C: `^C`, `Control-C`."""

    line: int


@dataclass(frozen=True, slots=True)
class Warned:
    """A warning the program printed; nothing failed."""

    warning: LocalError


@dataclass(frozen=True, slots=True)
class Unresolved:
    """The name a resolution error names (`ping: cannot resolve db.example: ...`): the
    target when there is neither header nor command line."""

    name: str


Item = (Header | Title | Stats | Rtt | Timeout | Interrupt | Warned | Unresolved | PingReply
        | IcmpError | LocalError)


def assemble(items: Iterable[Item | None], argv_target: str | None,
             argv_family: int | None = None) -> PingData:
    """One `PingData` from a run's items (in input order). The first header and title and
    the last statistics count; without a header the target comes from the title, else from
    the command line (`argv_target`), else from a resolution error."""
    header: Header | None = None
    title: Title | None = None
    stats: Stats | None = None
    rtt: Rtt | None = None
    replies: list[PingReply] = []
    errors: list[IcmpError] = []
    timeouts: list[Timeout] = []
    local_errors: list[LocalError] = []
    warnings: list[LocalError] = []
    unresolved: str | None = None
    ctrl_c = False
    for item in items:
        if isinstance(item, PingReply):
            replies.append(item)
        elif isinstance(item, IcmpError):
            errors.append(item)
        elif isinstance(item, Timeout):
            timeouts.append(item)
        elif isinstance(item, LocalError):
            local_errors.append(item)
        elif isinstance(item, Warned):
            warnings.append(item.warning)
        elif isinstance(item, Unresolved):
            unresolved = unresolved or item.name
        elif isinstance(item, Header):
            header = header or item
        elif isinstance(item, Title):
            title = title or item
        elif isinstance(item, Stats):
            stats = item
        elif isinstance(item, Rtt):
            rtt = item
        elif isinstance(item, Interrupt):
            ctrl_c = True
    if header is not None:
        target: str | None = (header.name or (title.name if title else None) or argv_target
                              or header.ip)
        target_ip = header.ip or ip_of(header.name)
    elif title is not None:
        target, target_ip = title.name, ip_of(title.name)
    else:
        target = argv_target or unresolved
        target_ip = ip_of(target)
    started = bool(header or title or replies or errors or timeouts)
    return PingData(
        target=target,
        target_ip=target_ip,
        family=family_of(header.ip if header else None) or argv_family or family_of(target_ip),
        payload_bytes=header.payload if header else None,
        transmitted=stats.transmitted if stats else None,
        received=stats.received if stats else None,
        errors=stats.errors if stats else None,
        duplicates=stats.duplicates if stats else None,
        loss_percent=stats.loss_percent if stats else None,
        time_total_ms=stats.time_total_ms if stats else None,
        pipe=rtt.pipe if rtt else None,
        rtt_min_ms=rtt.min_ms if rtt else None,
        rtt_avg_ms=rtt.avg_ms if rtt else None,
        rtt_max_ms=rtt.max_ms if rtt else None,
        rtt_mdev_ms=rtt.mdev_ms if rtt else None,
        replies=tuple(replies),
        icmp_errors=tuple(errors),
        timeouts=tuple(t.seq for t in timeouts),
        timeout_lines=tuple(t.line for t in timeouts),
        local_errors=tuple(local_errors),
        # Ctrl-C, or output that started and stopped before its statistics (a program
        # that gave up on a local error prints none: that is no interruption)
        interrupted=ctrl_c or (started and stats is None and not local_errors),
        header_line=header.line if header else None,
        stats_line=stats.line if stats else None,
        rtt_line=rtt.line if rtt and rtt.min_ms is not None else None,  # not `pipe N` alone
        packet_bytes=header.packet if header else None,
        source_ip=header.source_ip if header else None,
        interface=header.interface if header else None,
        corrupted=stats.corrupted if stats else None,
        ipg_ms=rtt.ipg_ms if rtt else None,
        ewma_ms=rtt.ewma_ms if rtt else None,
        warnings=tuple(warnings),
        received_reported=stats.received_reported if stats else None,
    )


def ip_of(text: str | None) -> str | None:
    """`text` if it is an IP address (an IPv6 zone allowed), else None."""
    if not text:
        return None
    try:
        ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None
    return text


def family_of(ip: str | None) -> int | None:
    """4 or 6 for an address, None for anything else."""
    if ip_of(ip) is None:
        return None
    return 6 if ":" in (ip or "") else 4


# ------------------------------------------------------------ the command line

_STOP = re.compile(r"\d*[<>|&;]")


def target_from_argv(argv: Sequence[str], value_options: str, *,
                     windows: bool = False) -> str | None:
    """The destination of a ping command line: its last operand, the values of the options
    in `value_options` skipped. `windows`: options also start with `/`, one a word
    (`ping 192.0.2.1 -n 10`, `ping /n 4 host`)."""
    words = list(argv)
    start = next((i + 1 for i, w in enumerate(words) if _program(w) in _PROGRAMS), 1)
    options = set(value_options)
    operands: list[str] = []
    i = start
    while i < len(words):
        word = words[i]
        i += 1
        if _STOP.match(word):
            break
        is_option = len(word) > 1 and (word[0] == "-" or (windows and word[0] == "/"))
        if not is_option:
            operands.append(word)
        elif windows:  # one option a word: `-n 4`, `/w 1000`, `-t`
            i += word[1:] in options
        else:  # getopt: `-c 4`, `-c4`, `-nc 4`
            for j, letter in enumerate(word[1:], start=1):
                if letter in options:
                    i += j == len(word) - 1  # the value is the next word
                    break
    return operands[-1] if operands else None


def family_from_argv(argv: Sequence[str]) -> int | None:
    """6 for `ping6` / `ping -6`, 4 for `ping4` / `ping -4`, else None."""
    if not argv:
        return None
    program = _program(argv[0])
    if program == "ping6" or "-6" in argv:
        return 6
    if program == "ping4" or "-4" in argv:
        return 4
    return None


_PROGRAMS = frozenset({"ping", "ping4", "ping6"})


def _program(word: str) -> str:
    name = word.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return name.removesuffix(".exe")


# ------------------------------------------------------------ errno texts


class SummaryLines(LineTransformer[PingData]):
    """The statistics lines BSD and BusyBox ping print alike: title, counts, round trips.

    Subclasses set the patterns: `title_re` (group `name`), `stats_re` (`tx`, `rx`,
    `loss`, `dup`) and `rtt_re` (min, avg, max and, where the tool prints it, stddev).
    """

    title_re: ClassVar[re.Pattern[str]]
    stats_re: ClassVar[re.Pattern[str]]
    rtt_re: ClassVar[re.Pattern[str]]

    def title(self, children: list[Token]) -> Title | None:
        tok = children[0]
        m = self.matched(tok, self.title_re)
        return Title(line=self.line_of(tok), name=m["name"]) if m else None

    def stats(self, children: list[Token]) -> Stats | None:
        tok = children[0]
        m = self.matched(tok, self.stats_re)
        if m is None:
            return None
        return Stats(line=self.line_of(tok), transmitted=int(m["tx"]), received=int(m["rx"]),
                     loss_percent=opt_float(m["loss"]), duplicates=int(m["dup"] or 0))

    def rtt(self, children: list[Token]) -> Rtt | None:
        tok = children[0]
        m = self.matched(tok, self.rtt_re)
        if m is None:
            return None
        low, avg, high, *dev = (opt_float(g) for g in m.groups())
        return Rtt(line=self.line_of(tok), min_ms=low, avg_ms=avg, max_ms=high,
                   mdev_ms=dev[0] if dev else None)

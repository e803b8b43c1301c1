"""Windows `ping.exe` output → `PingData`: the part shared by the English
(`ping_windows_en`) and Japanese (`ping_windows_ja`) dialects, which differ only in their
message texts (a `Language`) and their grammar's line terminals.

How Windows output maps onto the records iputils fills:
- ping.exe prints exactly one line per echo request, in order, and no sequence numbers:
  the 1-based position of that line is the request's `seq` (replies, `Request timed out.`
  → `timeouts`, error replies, `General failure.`);
- `Reply from X: Destination host unreachable.` (and net/port/protocol unreachable, `TTL
  expired in transit.`, ...) is an ICMP error from X (→ `icmp_errors`), never a reply.
  Windows counts those lines as received; `received` here counts echo replies only
  (Windows' number minus the error lines), `received_reported` keeps Windows' number, and
  `loss_percent` is recomputed from `received` when the two differ;
- `time<1ms` is recorded as `time_ms` 1.0 with the flag `time_less_than` (the printed
  bound; Windows' own statistics then say `Minimum = 0ms`);
- `PING: transmit failed. General failure.` / `General failure.` → local error
  `general_failure`, `Ping request could not find host x.` → `name_unknown`;
- `Control-C` (then `^C`) marks the run interrupted; the statistics are still printed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from lark import Token

from analyzer.parsers.base import LineParser, LineTransformer, Parsed, opt_float, opt_int
from analyzer.parsers.ping_shared import (
    Header,
    Interrupt,
    Item,
    Rtt,
    Stats,
    Timeout,
    Title,
    Unresolved,
    assemble,
    family_from_argv,
    ip_of,
    target_from_argv,
)
from analyzer.records import IcmpError, LocalError, PingData, PingReply
from analyzer.transcript import Line

# ping.exe options that take a value (`-t`, `-a`, `-f`, `-4`, `-6`, `-R`, `-p` take none)
_VALUE_OPTIONS = "nlwivjkrsSc"


@dataclass(frozen=True, slots=True)
class Language:
    """The message texts of one ping.exe language, as regular expressions (matched against
    NFKC-normalised lines: full-width spaces, digits and punctuation are plain ASCII)."""

    header: re.Pattern[str]  # groups: name, ip (optional), size
    reply_from: re.Pattern[str]  # groups: source, rest
    reply: re.Pattern[str]  # on rest; groups: bytes, op (`=` or `<`), time, ttl
    timeout: re.Pattern[str]
    icmp_errors: tuple[tuple[re.Pattern[str], str], ...]  # on rest, or a line alone
    failures: tuple[tuple[re.Pattern[str], str], ...]  # per-request local failures
    title: re.Pattern[str]  # group: name
    stats: re.Pattern[str]  # groups: sent, received, lost, loss
    rtt: re.Pattern[str]  # groups: min, max, avg
    not_found: re.Pattern[str]  # the name could not be resolved; group: name


@dataclass(frozen=True, slots=True)
class _Failure:
    """A request that failed on the host (`General failure.`): a local error with a place
    in the sequence."""

    error: LocalError


_Probe = PingReply | IcmpError | Timeout | _Failure


def _classify(table: tuple[tuple[re.Pattern[str], str], ...], text: str) -> str | None:
    return next((kind for pattern, kind in table if pattern.fullmatch(text)), None)


class _Transformer(LineTransformer[PingData]):
    lang: Language

    def header(self, children: list[Token]) -> Header | None:
        tok = children[0]
        m = self.lang.header.fullmatch(str(tok))
        if m is None:
            self.unparsed.append(self.line_of(tok))
            return None
        return Header(line=self.line_of(tok), name=m["name"], ip=m["ip"] or ip_of(m["name"]),
                      payload=int(m["size"]))

    def probes(self, children: list[Token]) -> list[_Probe]:
        """A run of per-request lines; their sequence numbers are set in `start`."""
        token = children[0]
        items: list[_Probe] = []
        for offset, text in enumerate(str(token).split("\n")):
            item = self._probe(self.line_of(token, offset), text.strip())
            if item is None:
                self.unparsed.append(self.line_of(token, offset))
            else:
                items.append(item)
        return items

    def _probe(self, line: int, text: str) -> _Probe | None:
        lang = self.lang
        if lang.timeout.fullmatch(text):
            return Timeout(line=line, seq=0)
        m = lang.reply_from.fullmatch(text)
        if m is None:  # a line without a sender: a local failure or a bare ICMP error
            failure = _classify(lang.failures, text)
            if failure is not None:
                return _Failure(LocalError(line=line, type=failure, message=text))
            kind = _classify(lang.icmp_errors, text)
            return None if kind is None else IcmpError(
                line=line, seq=None, source=None, type=kind, message=text)
        source, rest = m["source"], m["rest"].strip()
        r = lang.reply.fullmatch(rest)
        if r is not None:
            less = r["op"] == "<"
            return PingReply(line=line, seq=None, source=source, ttl=opt_int(r["ttl"]),
                             time_ms=opt_float(r["time"]), bytes=opt_int(r["bytes"]),
                             flags=("time_less_than",) if less else ())
        kind = _classify(lang.icmp_errors, rest) or "unknown"
        return IcmpError(line=line, seq=None, source=source, type=kind, message=rest)

    def title(self, children: list[Token]) -> Title | None:
        tok = children[0]
        m = self.lang.title.fullmatch(str(tok))
        if m is None:
            self.unparsed.append(self.line_of(tok))
            return None
        return Title(line=self.line_of(tok), name=m["name"])

    def stats(self, children: list[Token]) -> Stats | None:
        tok = children[0]
        m = self.lang.stats.fullmatch(str(tok))
        if m is None:
            self.unparsed.append(self.line_of(tok))
            return None
        return Stats(line=self.line_of(tok), transmitted=int(m["sent"]),
                     received=int(m["received"]), loss_percent=opt_float(m["loss"]),
                     received_reported=int(m["received"]))

    def rtt_title(self, children: list[Token]) -> None:
        return None

    def rtt(self, children: list[Token]) -> Rtt | None:
        tok = children[0]
        m = self.lang.rtt.fullmatch(str(tok))
        if m is None:
            self.unparsed.append(self.line_of(tok))
            return None
        return Rtt(line=self.line_of(tok), min_ms=opt_float(m["min"]),
                   avg_ms=opt_float(m["avg"]), max_ms=opt_float(m["max"]))

    def local_error(self, children: list[Token]) -> list[Item]:
        tok = children[0]
        text = str(tok)
        m = self.lang.not_found.fullmatch(text)
        if m is None:
            self.unparsed.append(self.line_of(tok))
            return []
        return [LocalError(line=self.line_of(tok), type="name_unknown", message=text),
                Unresolved(m["name"])]

    def interrupt(self, children: list[Token]) -> Interrupt:
        return Interrupt(line=self.line_of(children[0]))

    def noise(self, children: list[Token]) -> None:
        """`Control-Break`: the statistics so far were printed, the run goes on."""
        return None

    def start(self, items: list[Item | list[Item] | list[_Probe] | None]) -> PingData:
        flat: list[Item | None] = []
        seq = 0
        for item in items:
            if not isinstance(item, list):
                flat.append(item)
                continue
            for probe in item:
                if isinstance(probe, _Failure):
                    seq += 1
                    flat.append(probe.error)
                elif isinstance(probe, PingReply | IcmpError | Timeout):
                    seq += 1
                    flat.append(replace(probe, seq=seq))
                else:
                    flat.append(probe)
        errors = sum(isinstance(x, IcmpError) for x in flat)
        flat = [_replies_only(x, errors) if isinstance(x, Stats) else x for x in flat]
        return assemble(flat, target_from_argv(self.argv, _VALUE_OPTIONS, windows=True),
                        family_from_argv(self.argv))


def _replies_only(stats: Stats, errors: int) -> Stats:
    """Windows' statistics with the error replies taken out of `received`."""
    received = max(stats.received - errors, 0)
    if received == stats.received:
        return stats
    lost = stats.transmitted - received
    loss = 100.0 * lost / stats.transmitted if stats.transmitted else stats.loss_percent
    return replace(stats, received=received, loss_percent=loss)


def make_parser(grammar: str, lang: Language) -> Callable[
        [Sequence[Line], Sequence[str]], Parsed[PingData]]:
    """The `parse` function of one language: lines are NFKC-normalised first, so
    full-width spaces, digits and `：＝` read as ASCII and half-width `｡､` as `。、`."""

    def transformer() -> _Transformer:
        t = _Transformer()
        t.lang = lang
        return t

    parser = LineParser(grammar, transformer)

    def parse(lines: Sequence[Line], argv: Sequence[str]) -> Parsed[PingData]:
        return parser.parse([Line(n, unicodedata.normalize("NFKC", t)) for n, t in lines], argv)

    return parse

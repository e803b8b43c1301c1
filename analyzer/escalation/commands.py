"""Every command of the paste with its output: the "raw but secrets masked" copy.

A command's output runs from its line to the next command line (an empty prompt
ends it too), trailing blank lines dropped. Output pasted without its command line
(a block no prompt introduced) is an entry of its own. The text is the paste's, as
the reader cleaned it (colour codes and mail quoting removed), secrets masked.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.escalation.mask_secrets import mask_line, mask_secrets
from analyzer.transcript import Line, Transcript


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One command (None: output without its command line) and its lines."""

    line: int
    command: str | None
    argv: tuple[str, ...]
    host: str | None
    lines: tuple[Line, ...]

    @property
    def program(self) -> str | None:
        """The program run, without its path."""
        return self.argv[0].rsplit("/", 1)[-1] if self.argv else None

    @property
    def text(self) -> str:
        """The lines as one text."""
        return "\n".join(line.text for line in self.lines)


def _trimmed(lines: list[Line]) -> tuple[Line, ...]:
    """The lines without trailing blank ones."""
    while lines and not lines[-1].text.strip():
        lines.pop()
    return tuple(lines)


def command_entries(transcript: Transcript) -> tuple[Entry, ...]:
    """The entries of the paste in input order."""
    masked = mask_secrets(transcript.lines)
    starts = sorted({inv.line for inv in transcript.invocations} | {len(masked) + 1})
    entries: list[Entry] = []
    covered: set[int] = set()
    for inv in transcript.invocations:
        end = next(s for s in starts if s > inv.line)
        if not inv.text.strip():
            continue
        lines = _trimmed(list(masked[inv.line - 1:end - 1]))
        covered.update(line.no for line in lines)
        entries.append(Entry(line=inv.line, command=mask_line(inv.text), argv=inv.argv,
                             host=inv.host, lines=lines))
    for block in transcript.blocks:
        if block.invocation is None and block.line_start not in covered:
            lines = _trimmed(list(masked[block.line_start - 1:block.line_end]))
            covered.update(line.no for line in lines)
            entries.append(Entry(line=block.line_start, command=None, argv=(), host=block.host,
                                 lines=lines))
    return tuple(sorted(entries, key=lambda e: e.line))

"""The transcript model: numbered lines, the commands typed, and the output blocks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Line(NamedTuple):
    """One input line: its 1-based number in the original input and its cleaned text."""

    no: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Invocation:
    """A command line found in the paste (after a prompt, or bare like in a wiki page)."""

    line: int
    text: str
    host: str | None
    prompt: str | None
    argv: tuple[str, ...]
    kind: str | None
    env: tuple[tuple[str, str], ...] = ()
    timestamp: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """Consecutive output lines of one command kind, with the command that printed them."""

    kind: str
    lines: tuple[Line, ...]
    host: str | None
    invocation: Invocation | None = None

    @property
    def line_start(self) -> int:
        """First line of the block (the command line when there is one)."""
        return self.invocation.line if self.invocation else self.lines[0].no

    @property
    def line_end(self) -> int:
        """Last output line of the block."""
        return self.lines[-1].no if self.lines else self.line_start


@dataclass(frozen=True, slots=True, kw_only=True)
class Unrecognised:
    """Lines that looked like a command's output but could not be read, and why."""

    line_start: int
    line_end: int
    reason: str
    host: str | None = None
    command: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Transcript:
    """A decoded paste split into lines, commands and output blocks."""

    lines: tuple[Line, ...]
    encoding: str
    invocations: tuple[Invocation, ...]
    blocks: tuple[Block, ...]

    def text_of(self, line_no: int) -> str:
        """The cleaned text of input line `line_no` (1-based)."""
        return self.lines[line_no - 1].text if 0 < line_no <= len(self.lines) else ""

"""Shared machinery of the command parsers.

A grammar in `grammars/` describes a command's output line by line: each terminal
matches one whole line (or a run of identical-shape lines, so a 20,000-reply ping is
a handful of tokens, not 200,000), and a catch-all `OTHER` terminal takes any line
the grammar does not know. The transformer turns tokens into records; it reads the
fields of a line with a regular expression and maps the token's line inside the
block back to the line number of the original input.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Generic, TypeVar, cast

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError

from analyzer.grammar import open_grammar
from analyzer.transcript import Line

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Parsed(Generic[T]):
    """A parser's result: the data record and the input lines it could not read."""

    data: T
    unparsed: tuple[int, ...]


class LineTransformer(Transformer[Token, T]):
    """Base transformer: knows the block's line numbers and collects unknown lines.

    An instance serves one grammar and one parse at a time (set by `LineParser.parse`).
    """

    def __init__(self) -> None:
        super().__init__()
        self.linemap: Sequence[int] = ()
        self.unparsed: list[int] = []
        self.argv: tuple[str, ...] = ()

    def line_of(self, token: Token, offset: int = 0) -> int:
        """Original input line of `token` (plus `offset` lines for a multi-line run)."""
        return self.linemap[(token.line or 1) - 1 + offset]

    def other(self, children: list[Token]) -> None:
        """A line the grammar does not know: remembered, never fatal."""
        self.unparsed.append(self.line_of(children[0]))

    def matched(self, token: Token, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """`pattern` matched on a one-line token; an unknown line (recorded) when it fails."""
        m = pattern.match(token)
        if m is None:
            self.unparsed.append(self.line_of(token))
        return m

    def run_matches(self, token: Token,
                    pattern: re.Pattern[str]) -> Iterator[tuple[int, re.Match[str]]]:
        """Each line of a multi-line run token, matched by `pattern`, with its input line."""
        for offset, text in enumerate(str(token).split("\n")):
            m = pattern.match(text)
            if m is None:
                self.unparsed.append(self.line_of(token, offset))
            else:
                yield self.line_of(token, offset), m


class LineParser(Generic[T]):
    """A compiled grammar with its transformer; `parse` reads a block's lines.

    The inline transformer holds the state of the parse under way (line map, unknown
    lines), so each thread gets its own compiled parser (cheap: lark's grammar cache).
    """

    def __init__(self, grammar: str, transformer: Callable[[], LineTransformer[T]]) -> None:
        self.grammar = grammar
        self._make_transformer = transformer
        self._local = threading.local()

    def _compiled(self) -> tuple[Lark, LineTransformer[T]]:
        compiled: tuple[Lark, LineTransformer[T]] | None = getattr(self._local, "compiled", None)
        if compiled is None:
            transformer = self._make_transformer()
            compiled = (open_grammar(self.grammar, transformer), transformer)
            self._local.compiled = compiled
        return compiled

    def parse(self, lines: Sequence[Line], argv: Sequence[str] = ()) -> Parsed[T]:
        """Parse the block's lines (stripped, blanks dropped); `argv` is the command, if known."""
        lark, transformer = self._compiled()
        transformer.argv = tuple(argv)
        texts = [raw.strip() for _, raw in lines]
        numbers = [no for no, _ in lines]
        if "" in texts:
            kept = [bool(text) for text in texts]
            texts = list(compress(texts, kept))
            numbers = list(compress(numbers, kept))
        transformer.linemap = numbers
        transformer.unparsed = []
        try:
            data = lark.parse("\n".join(texts))
        except LarkError as exc:  # the grammar's catch-all makes this a grammar bug
            raise ValueError(f"{self.grammar} grammar failed: {exc}") from exc
        return Parsed(data=cast(T, data), unparsed=tuple(sorted(transformer.unparsed)))


def arg_after(argv: Sequence[str], *names: str) -> str | None:
    """The word after the first of `names` in a command line (`dev eth0` → `eth0`)."""
    for i, arg in enumerate(argv[:-1]):
        if arg in names:
            return argv[i + 1]
    return None


def opt_int(value: str | None) -> int | None:
    """`int(value)`, or None when absent."""
    return int(value) if value is not None else None


def opt_float(value: str | None) -> float | None:
    """A float that may use a decimal comma (`0,340`), or None when absent."""
    if value is None:
        return None
    return float(value.replace(",", "."))

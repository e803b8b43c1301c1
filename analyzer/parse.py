"""From a transcript's blocks to typed records: the `netblame parse` pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from analyzer.parsers.base import Parsed
from analyzer.parsers.registry import Dialect, choose_dialect
from analyzer.reader.segment import read_transcript
from analyzer.records import BlockData
from analyzer.transcript import Block, Line, Transcript, Unrecognised

# A block with more unknown lines than this is not wrapped output: no join is tried.
_MAX_REJOIN = 20
# A wrapped line's second half is a fragment; a longer unknown line is a line of its own.
_MAX_FRAGMENT_WORDS = 3


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedBlock:
    """One command's output read into records."""

    kind: str
    dialect: str
    host: str | None
    line_start: int
    line_end: int
    command: str | None
    argv: tuple[str, ...]
    data: BlockData
    unparsed: tuple[int, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ParseResult:
    """Every block of a transcript, read or reported as unrecognised."""

    transcript: Transcript
    blocks: tuple[ParsedBlock, ...]
    unrecognised: tuple[Unrecognised, ...]


def _parse_block(block: Block) -> ParsedBlock | Unrecognised:
    inv = block.invocation
    argv = inv.argv if inv else ()
    program = argv[0].rsplit("/", 1)[-1] if argv else None
    dialect = choose_dialect(block.kind, block.lines, program)
    command = inv.text if inv else None

    def unrecognised(reason: str) -> Unrecognised:
        return Unrecognised(line_start=block.line_start, line_end=block.line_end, reason=reason,
                            host=block.host, command=command)

    try:
        parsed = dialect.parse(block.lines, argv)
        if parsed.unparsed and len(parsed.unparsed) <= _MAX_REJOIN:
            parsed = rejoin_wrapped(dialect, block.lines, argv, parsed)
    except Exception as exc:  # a parser bug must not lose the rest of the transcript
        return unrecognised(f"{dialect.kind} parser failed: {type(exc).__name__}: {exc}")
    if parsed.unparsed:
        content = sum(1 for line in block.lines if line.text.strip() not in ("", "^C"))
        if content and len(parsed.unparsed) >= content:
            what = f"`{command}`" if command else "these lines"
            return unrecognised(
                f"none of the {content} output lines of {what} is {block.kind} output "
                f"that netblame can read"
            )
    return ParsedBlock(
        kind=block.kind,
        dialect=dialect.name,
        host=block.host,
        line_start=block.line_start,
        line_end=block.line_end,
        command=command,
        argv=argv,
        data=parsed.data,
        unparsed=parsed.unparsed,
    )


def rejoin_wrapped(dialect: Dialect, lines: tuple[Line, ...], argv: tuple[str, ...],
                   parsed: Parsed[Any]) -> Parsed[Any]:
    """The parse with lines a chat client or mail program wrapped joined back.

    An unknown line that is a fragment — at most three words, not a line of the output
    by itself (the dialect's shape) — is appended to the line above it when the two
    then read as one known line (cut inside a word first, then at a space).
    """
    unknown = set(parsed.unparsed)
    kept: list[Line] = []
    changed = False
    for line in lines:
        text = line.text.strip()
        if (line.no in unknown and kept and len(text.split()) <= _MAX_FRAGMENT_WORDS
                and not dialect.shape.match(text)):
            before = kept[-1]
            for glue in ("", " "):
                candidate = Line(before.no, before.text.rstrip() + glue + text)
                if not dialect.parse([candidate], argv).unparsed:
                    kept[-1] = candidate
                    changed = True
                    break
            else:
                kept.append(line)
        elif text:
            kept.append(line)
    return dialect.parse(kept, argv) if changed else parsed


def parse_transcript(transcript: Transcript) -> ParseResult:
    """Read every block of the transcript; unreadable blocks are reported, not fatal."""
    blocks: list[ParsedBlock] = []
    unrecognised: list[Unrecognised] = []
    for block in transcript.blocks:
        result = _parse_block(block)
        if isinstance(result, ParsedBlock):
            blocks.append(result)
        else:
            unrecognised.append(result)
    return ParseResult(transcript=transcript, blocks=tuple(blocks),
                       unrecognised=tuple(unrecognised))


def parse_bytes(data: bytes) -> ParseResult:
    """Decode, segment and parse a paste (raises InputError for unreadable input)."""
    return parse_transcript(read_transcript(data))

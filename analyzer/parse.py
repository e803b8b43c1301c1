"""From a transcript's blocks to typed records: the `netblame parse` pipeline."""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.parsers.registry import choose_dialect
from analyzer.reader.segment import read_transcript
from analyzer.records import BlockData
from analyzer.transcript import Block, Transcript, Unrecognised


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
    except Exception as exc:  # a parser bug must not lose the rest of the transcript
        return unrecognised(f"{dialect.kind} parser failed: {type(exc).__name__}: {exc}")
    content = [line.no for line in block.lines if line.text.strip() and line.text.strip() != "^C"]
    if content and len(parsed.unparsed) >= len(content):
        what = f"`{command}`" if command else "these lines"
        return unrecognised(
            f"none of the {len(content)} output lines of {what} is {block.kind} output "
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

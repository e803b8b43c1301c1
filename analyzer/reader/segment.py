"""Cut a cleaned paste into command invocations and output blocks.

Each line is one of: blank, a prompt with a command, a bare command (as wiki pages
show them), a `#` comment, or output. Output after a command of a known kind belongs
to that command's block; output with no command line opens a block of the kind its
shape says (see each parser's `SHAPE`). `#` is both root's prompt and a comment
marker: `# <known output>` is output, `# <known command>` a command, the rest prose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analyzer.parsers.registry import Dialect, dialect_of_line, dialects_of
from analyzer.reader.clean import split_lines
from analyzer.reader.commands import (
    OTHER_PROGRAMS,
    Command,
    looks_like_bare_command,
    may_be_command,
    parse_command,
    program_name,
)
from analyzer.reader.decode import decode
from analyzer.reader.prompts import match_prompt
from analyzer.transcript import Block, Invocation, Line, Transcript


@dataclass
class _Open:
    """A block being collected."""

    kind: str
    host: str | None
    invocation: Invocation | None
    dialects: tuple[Dialect, ...]
    lines: list[Line] = field(default_factory=list)
    last_match: int = -1
    has_header: bool = False

    def accepts(self, text: str) -> Dialect | None:
        """The dialect of this block's kind that knows the line, if any."""
        for d in self.dialects:
            if d.shape.match(text):
                return d
        return None

    def continues(self, line: Line) -> Dialect | None:
        """The dialect that prints the line as a continuation of the (non-blank) line above."""
        if not self.lines or self.last_match != len(self.lines) - 1:
            return None
        return next((d for d in self.dialects
                     if d.continuation is not None and d.continuation.match(line.text)), None)

    def add(self, line: Line, matched: Dialect | None) -> None:
        self.lines.append(line)
        if matched is not None:
            self.last_match = len(self.lines) - 1
            if not self.has_header and matched.header is not None \
                    and matched.header.match(line.text.strip()):
                self.has_header = True

    def starts_new_run(self, text: str, matched: Dialect) -> bool:
        """A second header of the same output (two runs pasted back to back)."""
        return self.has_header and matched.header is not None and bool(matched.header.match(text))


def _own_messages(invocation: Invocation | None, after: list[Line]) -> list[Line]:
    """Lines after a command's last known output line that the program itself printed.

    A message that names its program (`traceroute: <something new>`) stays in the block,
    where the parser reads it or reports it as unread; other lines after the output (a
    bare prompt, prose) are not the command's.
    """
    if invocation is None or not invocation.prompt or not invocation.argv:
        return []
    program = program_name(invocation.argv[0])
    names = (f"{program}:", f"{program}6:")
    return [line for line in after if line.text.strip().lower().startswith(names)]


@dataclass
class _Segmenter:
    blocks: list[Block] = field(default_factory=list)
    invocations: list[Invocation] = field(default_factory=list)
    open: _Open | None = None
    host: str | None = None
    last_command: Command | None = None

    def close(self) -> None:
        current, self.open = self.open, None
        if current is None:
            return
        if current.invocation is None or current.last_match >= 0:
            kept = current.lines[: current.last_match + 1]
            kept += _own_messages(current.invocation, current.lines[current.last_match + 1:])
        else:  # output of a known command that no shape knows: the parser decides
            kept = [line for line in current.lines if line.text.strip()]
        block = Block(kind=current.kind, lines=tuple(kept), host=current.host,
                      invocation=current.invocation)
        if kept or current.invocation is not None:
            self.blocks.append(block)

    def start_block(self, dialect: Dialect, line: Line) -> None:
        self.close()
        self.open = _Open(kind=dialect.kind, host=self.host, invocation=None,
                          dialects=dialects_of(dialect.kind))
        self.open.add(line, dialect)

    def command(self, line: Line, text: str, cmd: Command, prompt: str | None,
                host: str | None, timestamp: str | None) -> None:
        self.close()
        if host:
            self.host = host
        inv = Invocation(line=line.no, text=text, host=self.host, prompt=prompt,
                         argv=cmd.argv, kind=cmd.kind, env=cmd.env, timestamp=timestamp)
        self.invocations.append(inv)
        self.last_command = cmd
        if cmd.kind is not None:
            self.open = _Open(kind=cmd.kind, host=self.host, invocation=inv,
                              dialects=dialects_of(cmd.kind))

    def extend(self, line: Line, text: str) -> bool:
        """Add the line to the open block if its kind can print it; False otherwise."""
        current = self.open
        if current is None:
            return False
        matched = current.accepts(text) or current.continues(line)
        if matched is None:
            return False
        if current.starts_new_run(text, matched):
            self.start_block(matched, line)
        else:
            current.add(line, matched)
        return True

    def output(self, line: Line, text: str) -> None:
        if self.extend(line, text):
            return
        current = self.open
        other = dialect_of_line(text)
        if other is not None:
            self.start_block(other, line)
            return
        if current is not None and current.invocation is not None and current.invocation.prompt:
            current.add(line, None)  # unknown line inside a command's output: parser reports it
            return
        self.close()
        self.note_host_output(text)

    def note_host_output(self, text: str) -> None:
        """`hostname` prints the host name: use it for sessions whose prompts show none."""
        cmd = self.last_command
        if cmd and cmd.program == "hostname" and len(cmd.argv) == 1 and self.host is None:
            word = text.split()[0]
            if all(c.isalnum() or c in ".-_" for c in word):
                self.host = word
        self.last_command = None

    def feed(self, line: Line) -> None:
        text = line.text.strip()
        if not text:
            if self.open is not None:
                self.open.lines.append(line)
            return
        body = text[2:].lstrip() if text.startswith("^C") else text
        if not body:  # a lone ^C belongs to the running command's output
            if self.open is not None:
                self.open.lines.append(line)
            return
        if self.extend(line, body):
            return
        if body.startswith("#"):
            self.hash_line(line, body)
            return
        prompt = match_prompt(body)
        if prompt is not None and (not prompt.strict or may_be_command(prompt.command)):
            cmd = parse_command(prompt.command)
            if not prompt.strict or self.known(cmd, prompt.command):
                self.command(line, prompt.command, cmd, prompt.prompt, prompt.host,
                             prompt.timestamp)
                return
        if may_be_command(body):
            cmd = parse_command(body)
            if looks_like_bare_command(cmd) and dialect_of_line(body) is None:
                self.command(line, body, cmd, None, None, None)
                return
        self.output(line, body)

    def hash_line(self, line: Line, body: str) -> None:
        """`# ...`: output shown behind a comment marker, root's prompt, or prose."""
        rest = body[1:]
        rest = rest[1:] if rest.startswith(" ") else rest
        stripped = rest.strip()
        if not stripped:
            if self.open is not None:
                self.open.lines.append(line)
            return
        if stripped.startswith("^C") or dialect_of_line(stripped) is not None or (
            self.open is not None and self.open.accepts(stripped)
        ):
            self.output(Line(line.no, rest), stripped.removeprefix("^C").lstrip() or stripped)
            return
        if may_be_command(stripped):
            cmd = parse_command(stripped)
            if self.known(cmd, stripped):
                self.command(line, stripped, cmd, "#", None, None)
                return
        self.close()  # prose: a comment ends the output above it

    @staticmethod
    def known(cmd: Command, text: str) -> bool:
        """A command we know, spelled as typed (so `PING x (ip)` output is not `ping`)."""
        if not cmd.argv or cmd.program is None:
            return False
        typed = text.split(None, 1)[0]
        if typed != typed.lower() and not typed.lower().endswith(".exe"):
            return False
        return cmd.kind is not None or cmd.program in OTHER_PROGRAMS


def read_transcript(data: bytes) -> Transcript:
    """Decode, clean and segment a paste."""
    text, encoding = decode(data)
    return segment(split_lines(text), encoding)


def segment(lines: list[Line], encoding: str) -> Transcript:
    """Cut numbered lines into invocations and blocks."""
    seg = _Segmenter()
    for line in lines:
        seg.feed(line)
    seg.close()
    return Transcript(
        lines=tuple(lines),
        encoding=encoding,
        invocations=tuple(seg.invocations),
        blocks=tuple(seg.blocks),
    )

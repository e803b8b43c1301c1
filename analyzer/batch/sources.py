"""Command-line inputs → Tickets, lazily: one ticket per input, whatever goes wrong.

An input is a file, a directory (walked recursively in name order, files matching
`--glob`), a `.zip` / `.tar[.gz|.bz2|.xz]` / `.tgz` archive, a JSON Lines export
(`.jsonl`, `.ndjson`, optionally `.gz`), or `-`: a list of such paths on stdin.
Names starting with `.` (and `__MACOSX/`) are skipped in directories and archives.
A problem with an input (missing, unlistable, damaged archive, bad JSON line) becomes
an error ticket, never an exception.
"""

from __future__ import annotations

import gzip
import json
import os
import stat
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from functools import partial
from typing import IO, Any, Protocol, TextIO

from analyzer.batch.tickets import DEFAULT_MAX_BYTES, Ticket, too_large

# What reading a damaged or unsupported archive member raises: zipfile gives
# NotImplementedError for an unknown compression method and RuntimeError for an
# encrypted member; each becomes that ticket's `error` record.
_READ_ERRORS = (OSError, EOFError, RuntimeError, NotImplementedError, ValueError,
                zipfile.BadZipFile, tarfile.TarError, zlib.error)
_TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
# A JSON string escapes one byte in at most six characters (`\u00XX`).
_JSON_ESCAPE = 6


class _Lines(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


@dataclass(frozen=True, slots=True)
class SourceOptions:
    """How inputs are expanded into tickets."""

    globs: tuple[str, ...] = ()
    text_field: str = "body"
    id_field: str = "id"
    max_bytes: int = DEFAULT_MAX_BYTES
    exclude: frozenset[str] = frozenset()  # absolute paths never read (the output file)


def _kind(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".zip"):
        return "zip"
    if lower.endswith(_TAR_SUFFIXES):
        return "tar"
    if lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if lower.endswith((".jsonl.gz", ".ndjson.gz")):
        return "jsonl.gz"
    return "mail" if lower.endswith(".eml") else "text"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _selected(relpath: str, globs: tuple[str, ...]) -> bool:
    parts = relpath.split("/")
    if any(p.startswith(".") or p == "__MACOSX" for p in parts):
        return False
    return not globs or any(fnmatch(parts[-1], g) or fnmatch(relpath, g) for g in globs)


def expand(inputs: Iterable[str], options: SourceOptions,
           stdin: TextIO | None = None) -> Iterator[Ticket]:
    """Every ticket of `inputs`, in order; `-` reads a list of paths from `stdin`."""
    for arg in inputs:
        if arg != "-":
            yield from _input(arg, options)
            continue
        for line in stdin if stdin is not None else sys.stdin:
            path = line.rstrip("\r\n")
            if path.strip():
                yield from _input(path, options)


def _input(path: str, options: SourceOptions) -> Iterator[Ticket]:
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        yield Ticket.new(path, error=_reason(exc))
        return
    if stat.S_ISDIR(mode):
        yield from _walk(path, "", options)
    else:
        yield from _file(path, options)


def _walk(top: str, rel: str, options: SourceOptions) -> Iterator[Ticket]:
    """The tickets under directory `top` (`rel` its path below the input), in name order
    (so one directory's listing is held, names only, to sort it)."""
    try:
        with os.scandir(top) as it:
            entries = sorted((e.name, e.is_dir(follow_symlinks=False), e.is_symlink())
                             for e in it)
    except OSError as exc:
        yield Ticket.new(top, error=f"cannot list directory: {_reason(exc)}")
        return
    for name, is_dir, is_link in entries:
        path, relpath = os.path.join(top, name), f"{rel}{name}"
        if is_dir:
            if not name.startswith("."):
                yield from _walk(path, relpath + "/", options)
        elif _selected(relpath, options.globs):
            if is_link and os.path.isdir(path):
                yield Ticket.new(path, error="symbolic link to a directory (not followed)")
            else:
                yield from _file(path, options)


def _file(path: str, options: SourceOptions) -> Iterator[Ticket]:
    if options.exclude and os.path.abspath(path) in options.exclude:
        return
    kind = _kind(path)
    if kind not in ("text", "mail"):
        try:
            regular = stat.S_ISREG(os.stat(path).st_mode)
        except OSError as exc:
            yield Ticket.new(path, error=f"cannot open: {_reason(exc)}")
            return
        if not regular:
            yield Ticket.new(path, error="not a regular file (a FIFO, socket or device)")
            return
    if kind == "zip":
        yield from _zip(path, options)
    elif kind == "tar":
        yield from _tar(path, options)
    elif kind in ("jsonl", "jsonl.gz"):
        try:
            with gzip.open(path) if kind == "jsonl.gz" else open(path, "rb") as fh:
                yield from _jsonl(fh, path, options)
        except OSError as exc:
            yield Ticket.new(path, error=f"cannot open: {_reason(exc)}")
    else:
        yield Ticket.new(path, path=path, mail=kind == "mail")


def _member(name: str, source: str, size: int, open_member: Callable[[], IO[bytes]],
            options: SourceOptions) -> Iterator[Ticket]:
    """The tickets of one archive member; `open_member()` gives its binary stream."""
    kind = _kind(name)
    if kind in ("zip", "tar"):
        yield Ticket.new(source, error="archive inside an archive (not expanded)", size=size)
    elif kind in ("jsonl", "jsonl.gz"):
        with open_member() as raw, gzip.open(raw) if kind == "jsonl.gz" else raw as fh:
            yield from _jsonl(fh, source, options)
    elif size > options.max_bytes:
        yield Ticket.new(source, error=too_large(size, options.max_bytes), size=size)
    else:
        with open_member() as fh:
            data = fh.read(options.max_bytes + 1)
        if len(data) > options.max_bytes:
            yield Ticket.new(source, error=too_large(len(data), options.max_bytes),
                             size=len(data))
        else:
            yield Ticket.new(source, data=data, mail=kind == "mail", size=len(data))


def _zip(path: str, options: SourceOptions) -> Iterator[Ticket]:
    try:
        archive = zipfile.ZipFile(path)
    except _READ_ERRORS as exc:
        yield Ticket.new(path, error=f"not a readable zip archive: {_reason(exc)}")
        return
    with archive:
        for info in archive.infolist():
            if info.is_dir() or not _selected(info.filename, options.globs):
                continue
            source = f"{path}!{info.filename}"
            try:
                yield from _member(info.filename, source, info.file_size,
                                   partial(archive.open, info), options)
            except _READ_ERRORS as exc:
                yield Ticket.new(source, error=f"cannot extract: {_reason(exc)}",
                                 size=info.file_size)


def _tar(path: str, options: SourceOptions) -> Iterator[Ticket]:
    """Members of a tar archive, read as a stream (compressed or not)."""
    members = 0
    try:
        with tarfile.open(path, mode="r|*") as archive:
            for info in archive:
                # A stream is read once: forget the members seen, so memory stays flat.
                archive.members = []  # type: ignore[attr-defined]
                members += 1
                if not info.isfile() or not _selected(info.name, options.globs):
                    continue
                yield from _member(info.name, f"{path}!{info.name}", info.size,
                                   partial(_extract, archive, info), options)
    except _READ_ERRORS as exc:
        what = ("not a readable tar archive" if members == 0
                else f"archive damaged after {members} members")
        yield Ticket.new(path, error=f"{what}: {_reason(exc)}")


def _extract(archive: tarfile.TarFile, info: tarfile.TarInfo) -> IO[bytes]:
    fh = archive.extractfile(info)
    if fh is None:
        raise tarfile.TarError(f"{info.name}: no data")
    return fh


def _field(obj: dict[str, Any], name: str) -> Any:
    """`obj[name]`, else the dotted path `a.b.c` through nested objects, else None."""
    if name in obj:
        return obj[name]
    value: Any = obj
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _jsonl(fh: _Lines, display: str, options: SourceOptions) -> Iterator[Ticket]:
    """One ticket per non-blank line of a JSON Lines stream (source `display:LINE`)."""
    limit = _JSON_ESCAPE * options.max_bytes + 65536
    lineno = 0
    try:
        while line := fh.readline(limit + 1):
            lineno += 1
            source = f"{display}:{lineno}"
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield Ticket.new(source, error=f"line longer than {limit} bytes "
                                 f"(--max-bytes {options.max_bytes})")
            elif line.strip():
                yield _json_ticket(line, source, options)
    except _READ_ERRORS as exc:
        yield Ticket.new(f"{display}:{lineno + 1}",
                         error=f"cannot read after line {lineno}: {_reason(exc)}")


def _json_ticket(line: bytes, source: str, options: SourceOptions) -> Ticket:
    try:
        obj = json.loads(line)
    except ValueError as exc:
        return Ticket.new(source, error=f"not valid JSON: {exc}")
    if not isinstance(obj, dict):
        return Ticket.new(source, error="not a JSON object")
    value = _field(obj, options.id_field)
    ident = (str(value) if isinstance(value, str | int | float)
             and not isinstance(value, bool) else None)
    text = _field(obj, options.text_field)
    if not isinstance(text, str):
        return Ticket.new(source, ident=ident,
                          error=f"no text field {options.text_field!r} (see --text-field)")
    data = text.encode("utf-8", errors="replace")
    if len(data) > options.max_bytes:
        return Ticket.new(source, ident=ident, error=too_large(len(data), options.max_bytes),
                          size=len(data))
    return Ticket.new(source, ident=ident, data=data, size=len(data))

"""`netblame batch`: re-check an archive of tickets, one JSON Lines record per input."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sys
import time

import click
from rich.console import Console

from analyzer.batch.dask_runner import DaskBackend
from analyzer.batch.pipeline import CHUNK_TICKETS, Backend, InlineBackend, LocalBackend, run
from analyzer.batch.progress import BatchProgress
from analyzer.batch.sources import SourceOptions, expand
from analyzer.batch.summary import Summary
from analyzer.batch.tickets import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_S, Settings
from analyzer.batch.writer import RecordWriter, read_previous
from analyzer.diagnose.i18n import LANGS
from analyzer.errors import EXIT_NOTHING, EXIT_OK, EXIT_USAGE, NetblameError

EXIT_SOME_FAILED = EXIT_NOTHING  # 1: at least one input is unparseable or an error
EXIT_INTERRUPTED = 130


_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def _byte_size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """A byte count with an optional K/M/G suffix (powers of 1024): 512K, 8M, 1G."""
    m = re.fullmatch(r"\s*(\d+)\s*([KMG]?)(?:i?B)?\s*", value, re.IGNORECASE)
    if m is None or int(m[1]) == 0:
        raise click.BadParameter(f"{value!r} is not a size like 4096, 512K, 8M or 1G")
    return int(m[1]) * _UNITS[m[2].upper()]


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _fail(message: str, code: int = EXIT_USAGE) -> None:
    click.echo(f"netblame: {message}", err=True)
    sys.exit(code)


def _backend(scheduler: str | None, jobs: int | None, settings: Settings) -> Backend:
    if scheduler is not None:
        return DaskBackend(scheduler, settings)
    jobs = jobs or _cores()
    return InlineBackend(settings) if jobs == 1 else LocalBackend(jobs, settings)


def _open_output(out: str | None, append: bool) -> io.TextIOWrapper:
    if out is None:
        return io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        return open(out, "a" if append else "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise NetblameError(f"{out}: cannot write: {exc.strerror or exc}") from exc


def _close_output(stream: io.TextIOWrapper, out: str | None) -> None:
    """Flush and close the output; stdout itself stays open."""
    with contextlib.suppress(OSError):
        stream.flush()
    if out is None:
        stream.detach()
    else:
        stream.close()


def _abort(backend: Backend, stream: io.TextIOWrapper, out: str | None, message: str,
           code: int) -> None:
    """Stop the workers, keep what was written, exit with `message`."""
    backend.close(cancel=True)
    _close_output(stream, out)
    _fail(message, code)


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--out", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Write the records to FILE (default: stdout).")
@click.option("--csv", "as_csv", is_flag=True,
              help="CSV with a header row instead of JSON Lines (lists joined by '; ').")
@click.option("--resume", is_flag=True,
              help="Keep the records already in --out FILE, skip their ids, append the rest.")
@click.option("--ordered", is_flag=True,
              help="Write records in input order (default: as they finish).")
@click.option("--glob", "globs", multiple=True, metavar="PATTERN",
              help="Take only these files from directories and archives (repeatable; "
                   "default: every file not starting with '.').")
@click.option("--text-field", default="body", show_default=True, metavar="NAME",
              help="JSON Lines: the field holding the transcript (a.b for a nested one).")
@click.option("--id-field", default="id", show_default=True, metavar="NAME",
              help="JSON Lines: the field holding the ticket id (absent: FILE:LINE).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: every core).")
@click.option("--chunk", type=click.IntRange(min=1), default=CHUNK_TICKETS, show_default=True,
              help="Tickets per task sent to a worker.")
@click.option("--max-bytes", callback=_byte_size, default=f"{DEFAULT_MAX_BYTES >> 20}M",
              show_default=True,
              metavar="SIZE",
              help="Per-ticket size limit; a larger ticket gets an error record.")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT_S,
              show_default=True,
              help="Per-ticket time limit in seconds (0: none); over it, an error record.")
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True,
              help="Language of the analysis.")
@click.option("--dest", default=None, metavar="IP|NAME",
              help="The destination for every ticket (default: told from each one's pings).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Run on the Dask distributed cluster at ADDRESS (needs netblame[dask]).")
@click.option("--summary-json", default=None, metavar="FILE|-",
              help="Write the summary as JSON to FILE (`-`: stdout) instead of the table.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: when stderr is a terminal).")
def batch(inputs: tuple[str, ...], out: str | None, as_csv: bool, resume: bool,
          ordered: bool, globs: tuple[str, ...], text_field: str, id_field: str,
          jobs: int | None, chunk: int, max_bytes: int, timeout: float, lang: str,
          dest: str | None, scheduler: str | None, summary_json: str | None,
          progress: bool | None) -> None:
    """Analyse every ticket in INPUT... and write one record per ticket.

    An INPUT is a file, a directory (recursive), a .zip/.tar.gz archive, a JSON Lines
    export (.jsonl: one ticket per line), or `-`: a list of such paths on stdin.
    Exit code: 0 every ticket analysed, 1 some unparseable or failed, 2 usage error.
    """
    if resume and out is None:
        _fail("--resume needs --out FILE")
    if summary_json == "-" and out is None:
        _fail("--summary-json - needs --out FILE (stdout carries the records)")
    if scheduler is not None and jobs is not None:
        _fail("--jobs and --scheduler exclude each other (the cluster sets the workers)")
    settings = Settings(lang=lang, dest=dest, max_bytes=max_bytes, timeout=timeout or None)
    summary = Summary()
    done: set[str] = set()
    try:
        if resume and out is not None:
            for record in read_previous(out, as_csv=as_csv):
                done.add(record["id"])
                summary.add(record, resumed=True)
        backend = _backend(scheduler, jobs, settings)
    except NetblameError as exc:
        _fail(str(exc))
        return
    try:  # opened only now: a usage error must not truncate an earlier output
        stream = _open_output(out, append=resume)
    except NetblameError as exc:
        backend.close()
        _fail(str(exc))
        return
    options = SourceOptions(globs=globs, text_field=text_field, id_field=id_field,
                            max_bytes=max_bytes,
                            exclude=frozenset([os.path.abspath(out)] if out else []))
    tickets = (t for t in expand(inputs, options) if t.id not in done)
    console = Console(stderr=True)
    show = progress if progress is not None else (
        console.is_terminal and (out is not None or not sys.stdout.isatty()))
    started = time.perf_counter()
    try:
        writer = RecordWriter(stream, as_csv=as_csv, header=out is None or stream.tell() == 0)
        with BatchProgress(console, show) as bar:
            for records in run(tickets, backend, chunk_size=chunk, ordered=ordered):
                writer.write(records)
                for record in records:
                    summary.add(record)
                bar.advance(records)
    except KeyboardInterrupt:
        _abort(backend, stream, out, f"interrupted after {summary.total} records; "
               "run again with --resume to finish", EXIT_INTERRUPTED)
    except BrokenPipeError:  # `netblame batch ... | head`: the reader has gone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        _abort(backend, stream, out, "the records' reader closed the pipe", EXIT_SOME_FAILED)
    except OSError as exc:
        _abort(backend, stream, out, f"cannot write the records: {exc.strerror or exc}",
               EXIT_USAGE)
    except Exception as exc:  # the workers or the cluster went away; tickets never raise
        _abort(backend, stream, out, f"batch stopped: {type(exc).__name__}: {exc}; the "
               "records written so far are kept, run again with --resume", EXIT_USAGE)
    _close_output(stream, out)
    backend.close()
    _report(summary, time.perf_counter() - started, summary_json, console)
    sys.exit(EXIT_OK if summary.failed == 0 else EXIT_SOME_FAILED)


def _report(summary: Summary, wall_s: float, summary_json: str | None,
            console: Console) -> None:
    """The summary: as JSON to a file or stdout, else as tables on stderr."""
    if summary_json is None:
        console.print(summary.render(wall_s))
        return
    text = json.dumps(summary.to_json(wall_s), ensure_ascii=False, indent=2) + "\n"
    if summary_json == "-":
        sys.stdout.write(text)
        return
    try:
        with open(summary_json, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        _fail(f"{summary_json}: cannot write the summary: {exc.strerror or exc}")

"""The `netblame` command line. Data goes to stdout, messages to stderr."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import click
from rich.console import Console

from analyzer import __version__
from analyzer.diagnose.engine import diagnose
from analyzer.diagnose.i18n import LANGS
from analyzer.diagnose.ruledocs import find_rule, render_rule_doc, render_rule_table
from analyzer.errors import EXIT_NOTHING, EXIT_OK, EXIT_USAGE, NetblameError
from analyzer.inputs import read_input
from analyzer.parse import parse_bytes
from analyzer.render.analyze_markdown import render_markdown
from analyzer.render.analyze_text import render_report
from analyzer.render.parse_text import render_parse
from analyzer.serialize import parse_record, report_record


def stdout_console() -> Console:
    """Console for data: colour only on a terminal and without NO_COLOR."""
    return Console(file=sys.stdout, no_color="NO_COLOR" in os.environ, soft_wrap=False,
                   highlight=False)


def fail(message: str, code: int = EXIT_USAGE) -> None:
    """Print `netblame: message` on stderr and exit with `code`."""
    click.echo(f"netblame: {message}", err=True)
    sys.exit(code)


def emit_json(doc: Any) -> None:
    """One JSON document on stdout."""
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="netblame")
def main() -> None:
    """Read a pasted network-troubleshooting transcript and name the suspect segment."""


@main.command()
@click.argument("file", default="-")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text",
              show_default=True, help="json: the parse contract; text: a summary per block.")
def parse(file: str, fmt: str) -> None:
    """Show the command blocks found in FILE (`-` = stdin) as records."""
    try:
        result = parse_bytes(read_input(file))
    except NetblameError as exc:
        fail(str(exc))
        return
    if fmt == "json":
        emit_json(parse_record(result))
    else:
        stdout_console().print(render_parse(result))
    if not result.blocks:
        click.echo("netblame: no command output recognised in the input", err=True)
        sys.exit(EXIT_NOTHING)
    sys.exit(EXIT_OK)


@main.command()
@click.argument("file", default="-")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True, help="Output format.")
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True,
              help="Language of the messages.")
@click.option("--dest", default=None, metavar="IP|NAME",
              help="The destination that does not connect (default: told from the pings).")
def analyze(file: str, fmt: str, lang: str, dest: str | None) -> None:
    """Say which segment is suspect in FILE (`-` = stdin), with evidence and next steps."""
    try:
        result = parse_bytes(read_input(file))
    except NetblameError as exc:
        fail(str(exc))
        return
    if not result.blocks:
        for u in result.unrecognised:
            click.echo(f"netblame: lines {u.line_start}-{u.line_end}: {u.reason}", err=True)
        fail("nothing analysable: no ping, traceroute or ip output recognised in the input",
             EXIT_NOTHING)
        return
    report = diagnose(result, lang=lang, dest=dest)
    if fmt == "json":
        emit_json(report_record(report))
    elif fmt == "markdown":
        sys.stdout.write(render_markdown(report))
    else:
        stdout_console().print(render_report(report))
    sys.exit(EXIT_OK)


@main.command()
@click.argument("rule_id", required=False)
def rules(rule_id: str | None) -> None:
    """List every rule, or print the documentation of RULE_ID (id or name)."""
    console = stdout_console()
    if rule_id is None:
        console.print(render_rule_table())
        return
    found = find_rule(rule_id)
    if found is None:
        fail(f"no rule {rule_id!r}; `netblame rules` lists them")
        return
    console.print(render_rule_doc(found))

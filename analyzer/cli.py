"""The `netblame` command line. Data goes to stdout, messages to stderr.

Heavy modules (rich, the rules, the renderers) are imported inside the commands that
use them: a `netblame parse --format json` run should cost little more than Python's
own start-up, since people run it over many small pastes.
"""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any

import click

from analyzer import __version__
from analyzer.diagnose.i18n import LANGS
from analyzer.errors import EXIT_NOTHING, EXIT_OK, EXIT_USAGE, NetblameError
from analyzer.inputs import read_input
from analyzer.parse import parse_bytes

if TYPE_CHECKING:
    from rich.console import Console

    from analyzer.escalation.model import Escalation


def stdout_console() -> Console:
    """Console for data: colour only on a terminal and without NO_COLOR."""
    from rich.console import Console

    return Console(file=sys.stdout, no_color="NO_COLOR" in os.environ, soft_wrap=False,
                   highlight=False)


def fail(message: str, code: int = EXIT_USAGE) -> None:
    """Print `netblame: message` on stderr and exit with `code`."""
    click.echo(f"netblame: {message}", err=True)
    sys.exit(code)


def emit_json(doc: Any) -> None:
    """One JSON document on stdout."""
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


class _Commands(click.Group):
    """Loads `batch` — process pools, Dask, archives — only when it is the command run."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), "batch"])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name == "batch":
            from analyzer.cli_batch import batch

            return batch
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
        from analyzer.serialize import parse_record

        emit_json(parse_record(result))
    else:
        from analyzer.render.parse_text import render_parse

        stdout_console().print(render_parse(result))
    if not result.blocks:
        click.echo("netblame: no command output recognised in the input", err=True)
        sys.exit(EXIT_NOTHING)
    sys.exit(EXIT_OK)


def emit_ticket(esc: Escalation) -> None:
    """The request on stdout; on stderr, how many required items are still to fill in."""
    from analyzer.escalation.ticket import render_ticket
    from analyzer.escalation.wording import WORDS, say

    sys.stdout.write(render_ticket(esc))
    sys.stdout.flush()
    missing = [i for i in esc.missing if i.required]
    if esc.escalate and missing:
        click.echo("netblame: " + say(WORDS, "missing_note", esc.lang, n=str(len(missing)),
                                      marker=say(WORDS, "to_fill", esc.lang)), err=True)


@main.command()
@click.argument("file", default="-")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "ticket"]),
              default="text", show_default=True,
              help="Output format; ticket: only the escalation request, ready to send.")
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True,
              help="Language of the messages.")
@click.option("--dest", default=None, metavar="IP|NAME",
              help="The destination that does not connect (default: told from the pings).")
@click.option("--mask-hosts", is_flag=True, default=False,
              help="Replace host names and public addresses with placeholders (consistent, "
                   "subnets kept) before analysing, for sharing outside the company.")
def analyze(file: str, fmt: str, lang: str, dest: str | None, mask_hosts: bool) -> None:
    """Say which segment is suspect in FILE (`-` = stdin), with evidence and next steps.

    The report ends with the escalation request for the network team; secrets
    (passwords, tokens, Authorization headers, private keys) are always masked in
    its copy of the commands.
    """
    try:
        result = parse_bytes(read_input(file))
    except NetblameError as exc:
        fail(str(exc))
        return
    from analyzer.diagnose.engine import diagnose

    if mask_hosts:
        from analyzer.escalation.mask_hosts import masker_for

        masker = masker_for(result)
        result = masker.result(result)
        dest = masker.text(dest) if dest else dest
    if not result.blocks:
        for u in result.unrecognised:
            click.echo(f"netblame: lines {u.line_start}-{u.line_end}: {u.reason}", err=True)
        fail("nothing analysable: no ping, traceroute or ip output recognised in the input",
             EXIT_NOTHING)
        return
    report = diagnose(result, lang=lang, dest=dest)
    if fmt == "json":
        from analyzer.serialize import report_record

        emit_json(report_record(report))
    elif fmt == "markdown":
        from analyzer.render.analyze_markdown import render_markdown

        sys.stdout.write(render_markdown(report))
    elif fmt == "ticket" and report.escalation is not None:
        emit_ticket(report.escalation)
    else:
        from analyzer.render.analyze_text import render_report

        stdout_console().print(render_report(report))
    sys.exit(EXIT_OK)


@main.command()
@click.argument("rule_id", required=False)
def rules(rule_id: str | None) -> None:
    """List every rule, or print the documentation of RULE_ID (id or name)."""
    from analyzer.diagnose.ruledocs import find_rule, render_rule_doc, render_rule_table

    console = stdout_console()
    if rule_id is None:
        console.print(render_rule_table())
        return
    found = find_rule(rule_id)
    if found is None:
        fail(f"no rule {rule_id!r}; `netblame rules` lists them")
        return
    console.print(render_rule_doc(found))



"""Records to JSON-ready values: the one place field names become JSON keys."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # `netblame parse` never loads the diagnosis
    from analyzer.diagnose.report import Report
    from analyzer.parse import ParsedBlock, ParseResult
    from analyzer.transcript import Unrecognised


def to_jsonable(obj: Any) -> Any:
    """Dataclasses to dicts (metadata `json` renames a key), tuples to lists."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return {
            f.metadata.get("json", f.name): to_jsonable(getattr(obj, f.name)) for f in fields(obj)
        }
    if isinstance(obj, tuple | list):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    return obj


def block_record(block: ParsedBlock) -> dict[str, Any]:
    """One block as in the `netblame parse` contract."""
    return {
        "command": block.kind,
        "dialect": block.dialect,
        "line_start": block.line_start,
        "line_end": block.line_end,
        "host": block.host,
        "invocation": block.command,
        "data": to_jsonable(block.data),
        "unparsed_lines": list(block.unparsed),
    }


def unrecognised_record(item: Unrecognised) -> dict[str, Any]:
    """An unrecognised block: where it is and why."""
    return to_jsonable(item)  # type: ignore[no-any-return]


def parse_record(result: ParseResult) -> dict[str, Any]:
    """The whole `netblame parse --format json` document."""
    return {
        "encoding": result.transcript.encoding,
        "blocks": [block_record(b) for b in result.blocks],
        "unrecognised": [unrecognised_record(u) for u in result.unrecognised],
    }


def report_record(report: Report) -> dict[str, Any]:
    """The `netblame analyze --format json` document (contract in design.md)."""
    verdict = to_jsonable(report.verdict) | {"label": report.segment_label}
    return {
        "verdict": verdict,
        "findings": [
            {k: v for k, v in to_jsonable(f).items() if k != "rank"} for f in report.findings
        ],
        "next_steps": to_jsonable(report.next_steps),
        "hosts": to_jsonable(report.hosts),
        "path": to_jsonable(report.path),
        "unrecognised": to_jsonable(report.unrecognised),
        "lang": report.lang,
        "escalation": to_jsonable(report.escalation),
    }

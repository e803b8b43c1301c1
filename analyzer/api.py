"""The library entry points: what the CLI and batch mode call."""

from __future__ import annotations

from typing import Any

from analyzer.diagnose.engine import diagnose
from analyzer.diagnose.report import Report
from analyzer.parse import parse_bytes
from analyzer.serialize import report_record


def analyze_bytes(data: bytes, *, lang: str = "en", dest: str | None = None,
                  escalation: bool = True) -> Report | None:
    """The report for a paste, or None when nothing in it can be analysed.

    `escalation=False` skips drafting the request for the network team (batch mode
    records only the verdict and findings). Raises `analyzer.errors.InputError` for
    input that is not text.
    """
    result = parse_bytes(data)
    if not result.blocks:
        return None
    return diagnose(result, lang=lang, dest=dest, escalation=escalation)


def analyze_record(data: bytes, *, lang: str = "en",
                   dest: str | None = None) -> dict[str, Any] | None:
    """`analyze_bytes` as the JSON-ready document of `netblame analyze --format json`."""
    report = analyze_bytes(data, lang=lang, dest=dest)
    return report_record(report) if report is not None else None


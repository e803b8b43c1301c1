"""Analysis goldens: every lab transcript gets the segment the guide's flow gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden import FIXTURES, check_golden

from analyzer.diagnose.engine import diagnose
from analyzer.parse import parse_bytes
from analyzer.serialize import report_record

SCENARIOS = json.loads((FIXTURES / "lab" / "scenarios.json").read_text(encoding="utf-8"))
EXPECTED = {Path(s["file"]).name: s["expected_segment"] for s in SCENARIOS["scenarios"]}
TRANSCRIPTS = sorted((FIXTURES / "lab").glob("*.txt")) + sorted(
    (FIXTURES / "missing").glob("*.txt"))


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def test_every_lab_transcript_has_an_expected_segment() -> None:
    lab = {p.name for p in (FIXTURES / "lab").glob("*.txt")}
    assert lab == set(EXPECTED), lab ^ set(EXPECTED)


@pytest.mark.parametrize("source", TRANSCRIPTS, ids=_id)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_analysis_golden(source: Path, lang: str, update_goldens: bool) -> None:
    report = diagnose(parse_bytes(source.read_bytes()), lang=lang)
    record = report_record(report)
    text = source.read_text(encoding="utf-8").splitlines()
    for finding in record["findings"]:
        assert finding["evidence"], f"{finding['rule']} cites nothing"
        for ev in finding["evidence"]:
            assert text[ev["line"] - 1].strip().endswith(ev["text"].strip()), ev
    if source.parent.name == "lab":
        assert record["verdict"]["segment"] == EXPECTED[source.name]
    check_golden(source.with_suffix(f".analysis.{lang}.json"), record, update_goldens)


MISSING = json.loads((FIXTURES / "missing" / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(MISSING["cases"]))
def test_missing_step_names_the_next_command(name: str) -> None:
    case = MISSING["cases"][name]
    report = diagnose(parse_bytes((FIXTURES / "missing" / name).read_bytes()))
    assert case["rule"] in {f.rule for f in report.findings}
    if case["rule"].startswith("U"):
        assert report.verdict.segment == "undetermined"
        assert report.verdict.rule == case["rule"]
        assert report.next_steps[0].command == case["next_command"]

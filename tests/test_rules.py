"""Rule metadata, documentation, README sync, and that every rule fires on real input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from golden import FIXTURES, ROOT

from analyzer.diagnose.engine import diagnose
from analyzer.diagnose.rulebase import DOC_SECTIONS, RULES, SEGMENTS, Rule
from analyzer.diagnose.ruledocs import README_BEGIN, README_END, readme_table
from analyzer.parse import parse_bytes

REAL = sorted((FIXTURES / "lab").glob("*.txt")) + sorted((FIXTURES / "missing").glob("*.txt"))


def _rid(r: Rule) -> str:
    return r.id


def test_rule_ids_and_names_are_unique() -> None:
    assert len({r.id for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=_rid)
def test_rule_metadata(rule: Rule) -> None:
    assert re.fullmatch(r"[HLGPAUX]\d{3}", rule.id)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", rule.name)
    assert rule.segment in SEGMENTS
    assert rule.summary and rule.summary.endswith(".")
    for title in DOC_SECTIONS:
        assert rule.doc_section(title), f"{rule.id}: docstring lacks '{title}:'"
    assert set(rule.message) == {"en", "ja"}


@pytest.mark.parametrize("rule", RULES, ids=_rid)
def test_rule_example_fixture_exists(rule: Rule) -> None:
    example = rule.doc_section("Example fixture").split()[0]
    assert (ROOT / example).is_file(), f"{rule.id}: {example} missing"


def test_readme_rule_table_is_in_sync() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = readme.index(README_BEGIN), readme.index(README_END) + len(README_END)
    assert readme[start:end] == readme_table(), (
        "README rule table is stale: python -m analyzer.diagnose.ruledocs")


def _fired() -> dict[str, list[str]]:
    fired: dict[str, list[str]] = {}
    for path in REAL:
        for finding in diagnose(parse_bytes(path.read_bytes())).findings:
            fired.setdefault(finding.rule, []).append(path.name)
    return fired


def test_every_rule_fires_on_a_real_transcript() -> None:
    fired = _fired()
    missing = [r.id for r in RULES if r.id not in fired]
    assert not missing, f"rules never firing on a real transcript: {missing}"


@pytest.mark.parametrize("rule", RULES, ids=_rid)
def test_example_fixture_fires_its_rule(rule: Rule) -> None:
    example = ROOT / rule.doc_section("Example fixture").split()[0]
    findings = diagnose(parse_bytes(Path(example).read_bytes())).findings
    assert rule.id in {f.rule for f in findings}

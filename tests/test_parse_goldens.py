"""Golden tests: every parse fixture and lab transcript against its reviewed JSON."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden import FIXTURES, check_golden

from analyzer.grammar import grammar_names
from analyzer.parse import parse_bytes
from analyzer.parsers.registry import DIALECTS
from analyzer.serialize import parse_record

PARSE_FIXTURES = sorted((FIXTURES / "parse").glob("*/*.out"))
# fixtures/parse/<grammar>/: the kind of output that grammar reads
KIND_OF_GRAMMAR = {d.module: d.kind for d in DIALECTS}
LAB_TRANSCRIPTS = sorted((FIXTURES / "lab").glob("*.txt"))


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.mark.parametrize("source", PARSE_FIXTURES, ids=_id)
def test_parse_fixture(source: Path, update_goldens: bool) -> None:
    result = parse_bytes(source.read_bytes())
    assert result.blocks, f"{source.name}: no block recognised"
    assert {b.kind for b in result.blocks} == {KIND_OF_GRAMMAR[source.parent.name]}
    assert {b.dialect for b in result.blocks} <= {
        d.name for d in DIALECTS if d.module == source.parent.name}
    check_golden(source.with_suffix(".json"), parse_record(result), update_goldens)


@pytest.mark.parametrize("source", LAB_TRANSCRIPTS, ids=_id)
def test_lab_transcript_parses_cleanly(source: Path, update_goldens: bool) -> None:
    result = parse_bytes(source.read_bytes())
    assert result.blocks
    assert not result.unrecognised, result.unrecognised
    commands = [i for i in result.transcript.invocations if i.kind is not None]
    assert len(result.blocks) == len(commands)
    for block in result.blocks:
        assert block.host is not None or all(i.host is None for i in commands)
    check_golden(source.with_suffix(".parse.json"), parse_record(result), update_goldens)


@pytest.mark.parametrize("kind", grammar_names())
def test_every_grammar_has_fixtures(kind: str) -> None:
    assert (FIXTURES / "parse" / kind).is_dir(), f"no fixtures/parse/{kind}/"
    outs = list((FIXTURES / "parse" / kind).glob("*.out"))
    assert outs, f"no .out fixture for grammar {kind}"
    for out in outs:
        assert out.with_suffix(".json").exists(), f"{out.name} has no golden .json"

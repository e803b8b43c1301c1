"""A lab scenario gives the same verdict from another system's output as from Linux's.

The parts of each scenario in another dialect live in fixtures/dialects/<part>/<dialect>/
(`ping`, `traceroute`, `host-state` = route table, neighbours, interfaces), each with a
scenarios.json mapping file → lab scenario. The ping and traceroute parts are checked in
their own test modules by putting them in place of the Linux ones; here the host-state
parts are, and then every part of one system together (a whole Windows or macOS paste).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden import FIXTURES

from analyzer.api import analyze_record
from analyzer.parse import parse_bytes

DIALECTS = FIXTURES / "dialects"
HOST_STATE_KINDS = frozenset({"ip_route", "ip_neigh", "ip_addr"})
EXPECTED = {s["name"]: s["expected_segment"] for s in json.loads(
    (FIXTURES / "lab" / "scenarios.json").read_text(encoding="utf-8"))["scenarios"]}


def parts(part: str, dialect: str) -> dict[str, Path]:
    """Lab scenario → the file holding that part in that dialect."""
    folder = DIALECTS / part / dialect
    if not (folder / "scenarios.json").exists():
        return {}
    mapping = json.loads((folder / "scenarios.json").read_text(encoding="utf-8"))
    return {scenario: folder / name for name, scenario in mapping.items()}


def without_kinds(text: str, kinds: frozenset[str]) -> str:
    """The transcript without the blocks (command line and output) of `kinds`."""
    drop: set[int] = set()
    for block in parse_bytes(text.encode()).blocks:
        if block.kind in kinds:
            drop.update(range(block.line_start, block.line_end + 1))
    return "".join(line for no, line in enumerate(text.splitlines(True), 1) if no not in drop)


def segment_of(text: str) -> str:
    record = analyze_record(text.encode())
    assert record is not None
    return str(record["verdict"]["segment"])


HOST_STATE_CASES = [
    pytest.param(scenario, path, id=f"{path.parent.name}/{scenario}")
    for folder in sorted((DIALECTS / "host-state").iterdir()) if folder.is_dir()
    for scenario, path in sorted(parts("host-state", folder.name).items())
]


@pytest.mark.parametrize(("scenario", "path"), HOST_STATE_CASES)
def test_host_state_part_gives_the_linux_verdict(scenario: str, path: Path) -> None:
    linux = (FIXTURES / "lab" / f"{scenario}.txt").read_text(encoding="utf-8")
    spliced = without_kinds(linux, HOST_STATE_KINDS) + path.read_text(encoding="utf-8")
    assert segment_of(linux) == EXPECTED[scenario]
    assert segment_of(spliced) == EXPECTED[scenario]


WHOLE_SYSTEMS = ("windows-en", "windows-ja", "bsd")
WHOLE_CASES = [
    pytest.param(system, scenario, id=f"{system}/{scenario}")
    for system in WHOLE_SYSTEMS
    for scenario in sorted(set(parts("ping", system)) & set(parts("host-state", system)))
]


@pytest.mark.parametrize(("system", "scenario"), WHOLE_CASES)
def test_whole_paste_of_one_system_gives_the_linux_verdict(system: str, scenario: str) -> None:
    pasted = [parts(p, system).get(scenario) for p in ("ping", "host-state", "traceroute")]
    text = "".join(p.read_text(encoding="utf-8") for p in pasted if p is not None)
    assert segment_of(text) == EXPECTED[scenario]


def test_every_system_has_a_whole_paste() -> None:
    assert {case.values[0] for case in WHOLE_CASES} == set(WHOLE_SYSTEMS)

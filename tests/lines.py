"""Input lines for parser tests, numbered as the transcript reader numbers them."""

from __future__ import annotations

from pathlib import Path

from analyzer.transcript import Line


def lines(text: str, first: int = 1) -> list[Line]:
    """Input lines numbered from `first`, as the transcript reader hands them over."""
    return [Line(first + i, t) for i, t in enumerate(text.split("\n"))]


def fixture_lines(path: Path) -> tuple[tuple[str, ...], list[Line]]:
    """A fixture's command (from its `$ ` line, if any) and its output lines."""
    raw = path.read_text(encoding="utf-8").splitlines()
    if raw and raw[0].startswith("$ "):
        return tuple(raw[0][2:].split()), [Line(i + 2, t) for i, t in enumerate(raw[1:])]
    return (), [Line(i + 1, t) for i, t in enumerate(raw)]

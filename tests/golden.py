"""Golden-file comparison shared by the golden tests."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def dumps(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def check_golden(path: Path, doc: Any, update: bool) -> None:
    """Compare `doc` with the golden file at `path` (or rewrite it with --update-goldens)."""
    actual = dumps(doc)
    if update:
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no golden file {path.relative_to(ROOT)}; run pytest --update-goldens "
                    "and review it")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            "golden", "actual", n=2))
        pytest.fail(f"{path.relative_to(ROOT)} differs:\n{diff[:6000]}")

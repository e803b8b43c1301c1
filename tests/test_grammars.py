"""Every grammar compiles, and the grammars ship inside the installed package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from golden import ROOT

import analyzer
from analyzer.grammar import grammar_dir, grammar_names, open_grammar

SOURCE_GRAMMARS = sorted(p.name for p in (ROOT / "grammars").glob("*.lark"))


@pytest.mark.parametrize("name", grammar_names())
def test_grammar_compiles(name: str) -> None:
    parser = open_grammar(name)
    assert parser.terminals, f"{name}.lark defines no terminal"


def test_grammar_folder_holds_every_source_grammar() -> None:
    assert sorted(p.name for p in grammar_dir().glob("*.lark")) == SOURCE_GRAMMARS


def test_grammars_are_inside_the_package_that_runs(tmp_path: Path) -> None:
    package = Path(analyzer.__file__).resolve().parent
    if package != ROOT / "analyzer":
        # installed (CI, `pip install .`): the grammars come from the package itself
        assert grammar_dir() == package / "grammars"
        return
    # running from the source tree: build the wheel and look inside it
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp_path), str(ROOT)], check=True)
    wheel = next(tmp_path.glob("netblame-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert sorted(n.rsplit("/", 1)[1] for n in names
                  if n.startswith("analyzer/grammars/")) == SOURCE_GRAMMARS

"""Where the `.lark` grammars live and how they are opened (once per process)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from lark import Lark, Transformer
from lark.exceptions import GrammarError as LarkGrammarError

from analyzer.errors import GrammarError


@cache
def grammar_dir() -> Path:
    """The folder holding the grammars: inside the installed package, else the source tree."""
    packaged = Path(str(resources.files("analyzer"))) / "grammars"
    if packaged.is_dir():
        return packaged
    source = Path(__file__).resolve().parent.parent / "grammars"
    if source.is_dir():
        return source
    raise GrammarError(f"grammar folder not found (looked in {packaged} and {source})")


def grammar_names() -> list[str]:
    """Names of every command grammar (the shared `common` grammar excluded)."""
    return sorted(p.stem for p in grammar_dir().glob("*.lark") if p.stem != "common")


def open_grammar(name: str, transformer: Transformer[Any, Any] | None = None) -> Lark:
    """Compile `grammars/<name>.lark` as an LALR parser, with an inline transformer if given."""
    path = grammar_dir() / f"{name}.lark"
    if not path.is_file():
        raise GrammarError(f"grammar {name!r} not found in {grammar_dir()}")
    try:
        return Lark.open(
            str(path),
            parser="lalr",
            lexer="basic",
            transformer=transformer,
            import_paths=[str(grammar_dir())],
            maybe_placeholders=False,
        )
    except LarkGrammarError as exc:
        raise GrammarError(f"{path.name}: {exc}") from exc

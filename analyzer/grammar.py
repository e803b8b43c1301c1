"""Where the `.lark` grammars live and how they are opened (once per process)."""

from __future__ import annotations

import hashlib
import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import lark
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


def _cache_file(path: Path) -> str | bool:
    """Where lark keeps the analysed grammar: a private per-user folder, else no cache.

    The name hashes the grammar and the shared terminals, so an edited grammar is
    compiled again. The folder is the user's own (mode 0700): lark's cache is a pickle.
    """
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "netblame"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folder.stat().st_uid != os.getuid() or not os.access(folder, os.W_OK):
            return False
    except OSError:
        return False
    digest = hashlib.sha256(path.read_bytes())
    digest.update((grammar_dir() / "common.lark").read_bytes())
    return str(folder / f"{path.stem}-{lark.__version__}-{digest.hexdigest()[:16]}.lark")


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
            cache=_cache_file(path),
        )
    except LarkGrammarError as exc:
        raise GrammarError(f"{path.name}: {exc}") from exc

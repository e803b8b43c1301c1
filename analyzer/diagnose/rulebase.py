"""What a rule is, and the registry the `@rule` decorator fills.

A rule only decides and cites: its check returns a `Hit` (evidence lines and the
values its message needs) or None. The engine adds the id, segment, message and
next step, orders the findings and picks the verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from analyzer.diagnose.facts import Facts

SEGMENTS = ("host", "l2", "gateway", "path", "access", "undetermined")
DOC_SECTIONS = ("What it detects", "Why it matters", "Evidence", "Example fixture")


@dataclass(frozen=True, slots=True, kw_only=True)
class Hit:
    """A rule fired: the input lines that prove it and the values for its message."""

    evidence: tuple[int, ...]
    params: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class NextStep:
    """A command that would settle what the transcript cannot, and why (per language)."""

    command: str
    why: Mapping[str, str]
    needed: Callable[[Facts], bool] = lambda facts: True
    on_destination: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """One diagnostic rule."""

    id: str
    name: str
    segment: str
    rank: int
    message: Mapping[str, str]
    check: Callable[[Facts], Hit | None]
    next_steps: tuple[NextStep, ...] = ()

    @property
    def doc(self) -> str:
        """The rule's documentation (its check's docstring, dedented)."""
        lines = (self.check.__doc__ or "").strip().splitlines()
        return "\n".join(line.strip() if i == 0 else line[4:] for i, line in enumerate(lines))

    @property
    def summary(self) -> str:
        """The first line of the documentation."""
        return self.doc.splitlines()[0] if self.doc else ""

    def doc_section(self, title: str) -> str:
        """The paragraph of the documentation that starts with `title:`."""
        text = "\n" + self.doc
        starts = [text.find(f"\n{t}:") for t in DOC_SECTIONS]
        begin = starts[DOC_SECTIONS.index(title)]
        if begin < 0:
            return ""
        begin += len(title) + 2
        end = min((s for s in starts if s > begin), default=len(text))
        return " ".join(text[begin:end].split())


RULES: list[Rule] = []


def rule(
    id: str,
    name: str,
    segment: str,
    rank: int,
    message: Mapping[str, str],
    next_steps: tuple[NextStep, ...] = (),
) -> Callable[[Callable[[Facts], Hit | None]], Callable[[Facts], Hit | None]]:
    """Register a check as a rule. Lower `rank` wins the verdict."""
    if segment not in SEGMENTS:
        raise ValueError(f"rule {id}: unknown segment {segment!r}")

    def register(check: Callable[[Facts], Hit | None]) -> Callable[[Facts], Hit | None]:
        RULES.append(Rule(id=id, name=name, segment=segment, rank=rank, message=message,
                          check=check, next_steps=next_steps))
        return check

    return register


def lines(*groups: object) -> tuple[int, ...]:
    """Sorted, de-duplicated line numbers from ints, None and iterables of them."""
    found: set[int] = set()
    for g in groups:
        if isinstance(g, int):
            found.add(g)
        elif isinstance(g, tuple | list | set | frozenset):
            found.update(n for n in g if isinstance(n, int))
    return tuple(sorted(n for n in found if n > 0))

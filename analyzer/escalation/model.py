"""The escalation request as data: the request, its items, and what to do instead."""

from __future__ import annotations

from dataclasses import dataclass

FOUND = "found"
MISSING = "missing"


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One piece of information the network team asks for.

    `group` is the guide's heading: `required`, `if_used` (required when VLANs are
    used) or `optional`; `section` is the guide's bullet the item answers.
    """

    key: str
    label: str
    value: str | None
    source_line: int | None
    status: str
    required: bool
    group: str
    section: str
    hint: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Action:
    """A command to run (or a fix to make) instead of escalating."""

    command: str
    why: str
    host: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Escalation:
    """The request for the verdict's branch (`escalate`), or what to do instead.

    `kind` is the verdict's segment; `message` the request in the guide's wording (or,
    without escalation, what to fix or run); `detail` the finding behind it.
    """

    kind: str
    escalate: bool
    message: str
    detail: str
    items: tuple[Item, ...] = ()
    actions: tuple[Action, ...] = ()
    lang: str = "en"

    @property
    def missing(self) -> tuple[Item, ...]:
        """Items the paste does not show, for the person to add before sending."""
        return tuple(i for i in self.items if i.status == MISSING)

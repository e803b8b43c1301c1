"""The project's own errors and the CLI's exit codes."""

from __future__ import annotations

EXIT_OK = 0
EXIT_NOTHING = 1
EXIT_USAGE = 2


class NetblameError(Exception):
    """Base of every error netblame reports to the user as a message."""


class InputError(NetblameError):
    """The input cannot be read as text (binary, undecodable, too large)."""


class GrammarError(NetblameError):
    """A grammar file is missing or does not compile."""

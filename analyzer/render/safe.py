"""Untrusted transcript text made safe for the terminal."""

from __future__ import annotations

from rich.text import Text

from analyzer.reader.clean import strip_controls


def plain(text: object, style: str = "") -> Text:
    """A rich Text that shows `text` literally: no markup, no control sequences."""
    return Text(strip_controls(str(text)), style=style)

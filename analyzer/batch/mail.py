"""The text of a mail (.eml): its text/plain parts, else its HTML parts without tags."""

from __future__ import annotations

import email
import email.policy
from email.message import Message
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset({"br", "p", "div", "pre", "tr", "li", "h1", "h2", "h3", "h4", "h5",
                         "h6", "blockquote", "table", "hr"})


class _TextOfHtml(HTMLParser):
    """Collects an HTML document's text; block elements end lines, script/style dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The text of an HTML document, one line per block element."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def _payload(part: Message) -> bytes:
    """A part's content, transfer-decoded; as UTF-8 when its declared charset is known,
    else the raw bytes (the reader then detects the encoding)."""
    raw = part.get_payload(decode=True)
    if not isinstance(raw, bytes):
        return b""
    charset = part.get_content_charset()
    if charset is None:
        return raw
    try:
        return raw.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return raw


def mail_text(data: bytes) -> bytes | None:
    """The text of the mail in `data`, parts joined by blank lines; None when it has none."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    plain: list[bytes] = []
    html: list[bytes] = []
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "text/plain":
            plain.append(_payload(part))
        elif kind == "text/html":
            text = html_text(_payload(part).decode("utf-8", errors="replace"))
            html.append(text.encode("utf-8"))
    found = plain or html
    return b"\n\n".join(found) if found else None

"""Bytes to text: UTF-8 (BOM or not), UTF-16 with BOM, CP932 (Japanese Windows)."""

from __future__ import annotations

import codecs

from analyzer.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A few stray bytes in an otherwise UTF-8 paste are replaced rather than refused.
_MAX_REPLACED = 16


def _looks_utf16_without_bom(data: bytes) -> str | None:
    """`utf-16-le`/`-be` when every other byte is NUL, as in a BOM-less UTF-16 ASCII file."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Decode a paste; returns the text and the encoding used. Raises InputError."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(f"input starts with a {name} byte-order mark but {exc}") from exc
    bomless = _looks_utf16_without_bom(data)
    if bomless:
        try:
            return data.decode(bomless), bomless
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError("input looks binary (contains NUL bytes), not a text transcript")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932"), "cp932"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    if replaced <= _MAX_REPLACED and replaced * 200 < len(data):
        return text, "utf-8 (invalid bytes replaced)"
    raise InputError("input is not text in UTF-8, UTF-16 (with BOM) or CP932/Shift_JIS")

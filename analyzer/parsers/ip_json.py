"""`ip -j` / `ip -j -p` (iproute2's JSON output): what the route, neigh and addr readers
share.

Each kind has its own grammar (`ip_route_json`, `ip_neigh_json`, `ip_addr_json`), all of
one shape: a run of lines that start like JSON (`[`, `{`, `}`, `]`, `"`) is one token,
anything else is an unknown line. The run is decoded with `json` (several documents
pasted back to back are all read) and every object is given the input line of its first
key: the line of the whole array for `ip -j`, the object's own first line for `ip -j -p`.
A run that is not valid JSON (a truncated paste, lines wrapped by a chat client) is
reported line by line as unknown.
"""

from __future__ import annotations

import json
import re
from abc import abstractmethod
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any, Generic, TypeVar

from lark import Token

from analyzer.parsers import shapes
from analyzer.parsers.base import LineTransformer

T = TypeVar("T")

# Strings and brackets of a JSON text, to find where each object starts.
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]]')
_DECODER = json.JSONDecoder()

HEADER = re.compile(shapes.IP_JSON_HEADER)


class Objects:
    """The decoded documents of one run token, and the line of every object in them."""

    def __init__(self, text: str) -> None:
        self.documents: list[Any] = []
        pos = 0
        while True:
            while pos < len(text) and text[pos] in " \t\n":
                pos += 1
            if pos >= len(text):
                break
            document, pos = _DECODER.raw_decode(text, pos)  # ValueError for bad JSON
            self.documents.append(document)
        self._text = text
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        starts = _object_starts(text)
        self._offsets = {id(obj): offset for obj, offset in zip(_objects(self.documents), starts,
                                                                 strict=True)}

    def offset(self, obj: dict[str, Any]) -> int:
        """Where `obj`'s first key starts in the text."""
        return self._offsets[id(obj)]

    def line(self, obj: dict[str, Any]) -> int:
        """The 0-based line (inside the run) of `obj`'s first key."""
        return bisect_right(self._newlines, self.offset(obj))

    def key_line(self, obj: dict[str, Any], key: str) -> int:
        """The line of `obj`'s `key` (which `obj` has), before any nested object's."""
        found = self._text.find(f'"{key}"', self.offset(obj))
        return bisect_right(self._newlines, found if found >= 0 else self.offset(obj))


def _object_starts(text: str) -> list[int]:
    """Offsets of every object's first key (or of its `{` when empty), in text order."""
    starts: list[int] = []
    opened: int | None = None
    for m in _JSON_TOKENS.finditer(text):
        token = m.group()
        if opened is not None:
            starts.append(m.start() if token.startswith('"') else opened)
            opened = None
        if token == "{":
            opened = m.start()
    if opened is not None:
        starts.append(opened)
    return starts


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    """Every object of a decoded document, in the order their `{` appear in the text."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from _objects(item)


class JsonTransformer(LineTransformer[T], Generic[T]):
    """Decodes each JSON run; subclasses turn its top-level objects into records."""

    def json(self, children: list[Token]) -> list[Any]:
        token = children[0]
        try:
            objects = Objects(str(token))
        except ValueError:
            self.unparsed.extend(self.line_of(token, i) for i in range(str(token).count("\n") + 1))
            return []
        records: list[Any] = []
        for document in objects.documents:
            items = document if isinstance(document, list) else [document]
            for item in items:
                if not isinstance(item, dict):
                    self.unparsed.append(self.line_of(token))
                    continue
                record = self.record(item, objects, token)
                if record is None:
                    self.unparsed.append(self.at(token, objects, item))
                else:
                    records.append(record)
        return records

    @abstractmethod
    def record(self, obj: dict[str, Any], objects: Objects, token: Token) -> Any:
        """The record of one top-level object, or None when it is not of this kind."""

    def at(self, token: Token, objects: Objects, obj: dict[str, Any]) -> int:
        """The input line of `obj`."""
        return self.line_of(token, objects.line(obj))

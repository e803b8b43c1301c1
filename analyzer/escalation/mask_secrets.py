"""Secrets out of the "raw but secrets masked" copy of a paste.

Masked, each value replaced by `********` (everything else stays as pasted):
- `password=`, `passwd=`, `pwd=`, `pass=`, `token=`, `secret=`, `api_key=`,
  `apikey=`, `access_key=`, `client_secret=`, `private_key=`, `auth=` values,
  with `=` or `:` (`"password": "x"` too), and `--password VALUE`;
- HTTP `Authorization:` / `Proxy-Authorization:` (the scheme word, e.g. `Bearer`,
  is kept), `Cookie:` / `Set-Cookie:`, `X-Api-Key:` / `X-Auth-Token:` header values;
- the password of `user:password@host` in URLs and of `curl -u user:password`;
- the body of a PEM private key, between its BEGIN and END lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from analyzer.transcript import Line

MASK = "********"

_KEYS = (r"pass(?:word|wd|phrase)?|pwd|token|secret|api[_-]?key|access[_-]?key"
         r"|client[_-]?secret|private[_-]?key|auth|パスワード")
_KEY_VALUE = re.compile(
    rf"""(?ix)
    (?P<head>\b[\w.-]*(?:{_KEYS})["']?\s*[=:：]\s*)   # key and separator
    (?P<quote>["'])?
    (?P<value>(?(quote)[^"'\n]+|[^\s"',;&]+))
    """)
_OPTION = re.compile(r"(?i)(?P<head>--(?:password|passwd|token|secret)(?:\s+|=))(?P<value>\S+)")
_HEADER = re.compile(
    r"(?i)(?P<head>\b(?:(?:proxy-)?authorization\s*:\s*"
    r"(?:(?:bearer|basic|digest|token|negotiate)\s+)?"
    r"|(?:set-)?cookie\s*:\s*|x-(?:api-key|auth-token)\s*:\s*))"
    r"(?P<value>[^\"'\n]*[^\"'\s])")
_URL_USER = re.compile(r"(?P<head>\b[a-z][\w+.-]*://[^\s:/@]+:)(?P<value>[^\s@/]+)(?=@)", re.I)
_CURL_USER = re.compile(r"(?P<head>(?:^|\s)(?:-u|--user)\s*['\"]?[^\s:'\"]+:)(?P<value>[^\s'\"]+)")
_PEM_BEGIN = re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----")
_PEM_END = re.compile(r"-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----")
_QUICK = re.compile(r"(?i)pass|pwd|token|secret|key|auth|cookie|://|-u|--user|パスワード")


def mask_line(text: str) -> str:
    """One line with its secrets replaced by `********`."""
    if not _QUICK.search(text):
        return text
    text = _HEADER.sub(lambda m: m.group("head") + MASK, text)
    text = _URL_USER.sub(lambda m: m.group("head") + MASK, text)
    text = _CURL_USER.sub(lambda m: m.group("head") + MASK, text)
    text = _OPTION.sub(lambda m: m.group("head") + MASK, text)
    return _KEY_VALUE.sub(
        lambda m: m.group(0) if m.group("value") == MASK
        else m.group("head") + (m.group("quote") or "") + MASK, text)


def mask_secrets(lines: Sequence[Line]) -> tuple[Line, ...]:
    """The lines with secrets masked; line numbers unchanged."""
    if not _QUICK.search("\n".join(line.text for line in lines)):
        return tuple(lines)
    out: list[Line] = []
    in_key = False
    for line in lines:
        if in_key:
            if _PEM_END.search(line.text):
                in_key = False
                out.append(line)
            else:
                out.append(Line(line.no, MASK if line.text.strip() else line.text))
            continue
        if _PEM_BEGIN.search(line.text) and not _PEM_END.search(line.text):
            in_key = True
            out.append(line)
            continue
        out.append(Line(line.no, mask_line(line.text)))
    return tuple(out)

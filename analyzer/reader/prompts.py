"""Shell prompts: where the command starts on a line, and the host name they show."""

from __future__ import annotations

import re
from dataclasses import dataclass

# An optional timestamp, then an optional `(venv) ` / `(base) ` environment name.
_TIME = (r"(?:\[?(?P<ts>\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?|\d{1,2}:\d{2}:\d{2})\]?\s+)?"
         r"(?:\([\w.-]+\)\s+)?")
# `bash-5.1$`, `sh-4.2#`: the shell's name and version, not a host.
_SHELL_NAME = re.compile(r"(?:ba|z|k|c|tc|da|fi|a)?sh-\d")
_NAME = r"[A-Za-z0-9_][\w.-]*"
_PROMPTS: tuple[tuple[str, bool], ...] = (
    # [user@host dir]$   [root@host ~]#
    (r"\[(?P<user>[^\s@\]]+)@(?P<host>[^\s:\]]+)(?::[^\]]*)?(?:\s+[^\]]*)?\]\s?[$#%>]", False),
    # user@host:~$   root@host:/etc#   user@host ~ %  (zsh)
    (rf"(?P<user>{_NAME})@(?P<host>{_NAME}):[^\s$#%]*\s?[$#%]", False),
    (rf"(?P<user>{_NAME})@(?P<host>{_NAME})(?:\s+[^\s$#%>]+)?\s*[$#%>]", False),
    # macOS bash: host:~ user$
    (rf"(?P<host>{_NAME}):(?:~|/)\S*\s+(?P<user>{_NAME})[$#]", False),
    # PowerShell and cmd
    (r"PS\s+[A-Za-z]:\\[^>]*>(?=\s|$)", False),
    (r"[A-Za-z]:\\[^>]*>(?=\S)|[A-Za-z]:\\[^>]*>", False),
    # BusyBox ash `/ # `, `~ $ `; host:~$   host$   host#   host%   (need a known command)
    (r"(?:~|/)\S*\s[$#]", True),
    (rf"(?P<host>{_NAME}):(?:~|/)[^\s$#]*\s?[$#]", True),
    (rf"(?P<host>{_NAME})[$#%>]", True),
    # oh-my-zsh `➜  dir `, then bare $ # %   (`#` also starts comments: decided by what follows)
    (r"➜\s+\S+", True),
    (r"[$%]", False),
    (r"#", True),
)
# Unix prompts end in whitespace; cmd's `C:\>` is often followed by the command directly.
_COMPILED = tuple((re.compile(_TIME + f"(?:{p})" + r"(?:\s+|$|(?<=>)(?=\S))"), strict)
                  for p, strict in _PROMPTS)


@dataclass(frozen=True, slots=True)
class Prompt:
    """A prompt found at the start of a line."""

    prompt: str
    command: str
    host: str | None
    timestamp: str | None
    strict: bool


def match_prompt(text: str) -> Prompt | None:
    """The prompt at the start of `text`, if any. `strict` prompts need a known command."""
    if not text or text[0] in " \t":
        return None
    for pattern, strict in _COMPILED:
        m = pattern.match(text)
        if m:
            groups = m.groupdict()
            host = groups.get("host")
            return Prompt(
                prompt=m.group(0).rstrip(),
                command=text[m.end():].strip(),
                host=None if host and _SHELL_NAME.match(host) else host,
                timestamp=groups.get("ts"),
                strict=strict,
            )
    return None

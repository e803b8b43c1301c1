"""Reading the CLI's input: a file, or `-` for standard input."""

from __future__ import annotations

import sys
from pathlib import Path

from analyzer.errors import InputError

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def read_input(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of `path` (`-` = stdin); InputError with a clear message otherwise."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        p = Path(path)
        try:
            if p.is_dir():
                raise InputError(f"{path}: is a directory (use `netblame batch` for folders)")
            with p.open("rb") as fh:
                data = fh.read(max_bytes + 1)
        except FileNotFoundError as exc:
            raise InputError(f"{path}: no such file") from exc
        except PermissionError as exc:
            raise InputError(f"{path}: permission denied") from exc
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise InputError(f"{path}: larger than the {max_bytes} byte limit")
    return data

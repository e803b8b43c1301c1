"""The dialect registry: patterns compiled on demand, parser modules imported on demand."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from analyzer.parsers.registry import DIALECTS, Dialect

_SCRIPT = """
import sys
from analyzer.parse import parse_bytes
result = parse_bytes(sys.stdin.buffer.read())
print(",".join(b.dialect for b in result.blocks))
print(",".join(sorted(m for m in sys.modules if m.startswith("analyzer.parsers."))))
"""
_PING = b"""$ ping -c 1 192.0.2.1
PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.
64 bytes from 192.0.2.1: icmp_seq=1 ttl=64 time=0.040 ms

--- 192.0.2.1 ping statistics ---
1 packets transmitted, 1 received, 0% packet loss, time 0ms
rtt min/avg/max/mdev = 0.040/0.040/0.040/0.000 ms
"""


def test_a_paste_imports_only_the_parsers_it_needs() -> None:
    run = subprocess.run([sys.executable, "-c", _SCRIPT], input=_PING, capture_output=True,
                         check=True)
    dialects, modules = run.stdout.decode().splitlines()
    assert dialects == "iputils"
    loaded = set(modules.split(","))
    assert "analyzer.parsers.ping" in loaded
    parsers = {f"analyzer.parsers.{d.module}" for d in DIALECTS}
    assert loaded & parsers == {"analyzer.parsers.ping"}


@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda d: f"{d.kind}/{d.name}")
def test_dialect_patterns_are_its_modules(dialect: Dialect) -> None:
    """The registry reads the same pattern texts the parser module compiles."""
    module = importlib.import_module(f"analyzer.parsers.{dialect.module}")
    shapes = {v.pattern for k, v in vars(module).items() if k.endswith("SHAPE")}
    assert dialect.shape.pattern in shapes
    header = getattr(module, "HEADER", None)
    assert (header.pattern if header else None) == (
        dialect.header.pattern if dialect.header else None)
    continuation = getattr(module, "CONTINUATION", None)
    assert (continuation.pattern if continuation else None) == (
        dialect.continuation.pattern if dialect.continuation else None)
    assert module.parse is dialect._parser

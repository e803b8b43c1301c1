"""Real outputs collected by other projects, read against what their own outputs say.

Each `fixtures/realworld/<kind>/<os>--<name>.out` is a verbatim copy (sources and licences
in `fixtures/realworld/SOURCES.md`); the `.expected.json` beside it holds the contract
fields of design.md, derived from that project's parsed JSON and checked against the raw
output (where the two disagree, the raw output decides: SOURCES.md lists those cases).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from golden import FIXTURES

from analyzer.parse import parse_bytes
from analyzer.serialize import parse_record

REALWORLD = FIXTURES / "realworld"
OUTPUTS = sorted(REALWORLD.glob("*/*.out"))

# The fields design.md fixes for each kind (nested records: their own field lists).
_PING = ("target", "target_ip", "transmitted", "received", "errors", "duplicates",
         "loss_percent", "rtt_min_ms", "rtt_avg_ms", "rtt_max_ms", "rtt_mdev_ms",
         "replies", "icmp_errors", "timeouts", "interrupted")
_NESTED = {
    "replies": ("seq", "from", "ttl", "time_ms", "duplicate"),
    "icmp_errors": ("seq", "from", "type"),
    "hops": ("ttl", "probes"),
    "probes": ("ip", "name", "rtt_ms", "annotation"),
    "routes": ("dst", "type", "via", "dev", "proto", "scope", "src", "metric", "flags"),
    "neighbors": ("ip", "dev", "lladdr", "state", "router"),
    "interfaces": ("index", "name", "flags", "mtu", "state", "lladdr", "link_type",
                   "addresses"),
    "addresses": ("family", "address", "prefixlen", "broadcast", "scope"),
}
_TOP = {"ping": _PING, "traceroute": ("target", "target_ip", "hops"), "ip_route": ("routes",),
        "ip_neigh": ("neighbors",), "ip_addr": ("interfaces",)}


def _pick(value: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """Only the contract fields of a record, nested records picked the same way."""
    return {f: [_pick(v, _NESTED[f]) for v in value[f]] if f in _NESTED and value[f]
            and isinstance(value[f][0], dict) else value[f] for f in fields}


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


@pytest.mark.parametrize("source", OUTPUTS, ids=_id)
def test_real_output(source: Path) -> None:
    record = parse_record(parse_bytes(source.read_bytes()))
    assert record["unrecognised"] == []
    assert [b["unparsed_lines"] for b in record["blocks"]] == [[]] * len(record["blocks"])
    actual = {"blocks": [{"command": b["command"], "data": _pick(b["data"], _TOP[b["command"]])}
                         for b in record["blocks"]]}
    expected = json.loads(source.with_name(f"{source.stem}.expected.json").read_text("utf-8"))
    assert actual == expected
    assert {b["command"] for b in actual["blocks"]} == {source.parent.name}


def test_every_real_output_has_its_expectation_and_source() -> None:
    sources = (REALWORLD / "SOURCES.md").read_text("utf-8")
    for out in OUTPUTS:
        assert out.with_name(f"{out.stem}.expected.json").exists(), out.name
        assert f"`{out.parent.name}/{out.name}`" in sources, out.name

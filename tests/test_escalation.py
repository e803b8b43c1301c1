"""The escalation request of the lab's l2, gateway and path scenarios: goldens and checks.

Goldens (`fixtures/escalation/<scenario>.escalation.json`, `.ticket.<lang>.txt`) are
reviewed by hand; the checks below hold whatever the goldens say: the request kind is
the scenario's, every found item cites a line that shows its value, and every item the
guide requires is present, found or missing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from golden import FIXTURES, check_golden

from analyzer.diagnose.engine import diagnose
from analyzer.escalation.mask_secrets import mask_line
from analyzer.escalation.model import Escalation
from analyzer.escalation.ticket import render_ticket
from analyzer.parse import parse_bytes
from analyzer.serialize import report_record

ESCALATION = FIXTURES / "escalation"
GUIDE = (FIXTURES / "guide" / "troubleshooting-guide.ja.txt").read_text(encoding="utf-8")
SCENARIOS = json.loads((FIXTURES / "lab" / "scenarios.json").read_text(encoding="utf-8"))
ESCALATED = {FIXTURES / "lab" / s["file"]: s["expected_segment"] for s in SCENARIOS["scenarios"]
             if s["expected_segment"] in ("l2", "gateway", "path")}
ESCALATED[ESCALATION / "l2-vlan-subinterface.txt"] = "l2"
CASES = sorted(ESCALATED)
# The prompts of these pastes: `[user@host dir]# `, `user@host:dir$ `, `host$ `, `$ `,
# each optionally after a `[date time] ` stamp, followed by a command.
PROMPT = re.compile(r"^(\[[^\]]*\]\s*)?(\[\S+@\S+ [^\]]*\][#$]|\S+@\S+:\S*[#$]|\S*\$) \S")

SEGMENT_KEYS = {
    "source.name", "source.location", "destination.name", "destination.location",
    "source.switch", "source.address", "destination.address", "source.gateway",
    "source.interface_address", "source.mac", "source.link", "source.vlan",
    "destination.vlan", "time_window",
}
PATH_KEYS = {"source.address", "destination.address", "path.forward", "path.reverse",
             "source.name", "destination.name", "time_window"}
REQUIRED = {
    "segment": SEGMENT_KEYS - {"source.vlan", "destination.vlan", "time_window"},
    "path": {"source.address", "destination.address", "path.forward", "path.reverse"},
}


def _id(path: Path) -> str:
    return path.stem


def _escalation(source: Path, lang: str = "en") -> tuple[Escalation, dict[str, Any]]:
    report = diagnose(parse_bytes(source.read_bytes()), lang=lang)
    assert report.escalation is not None
    return report.escalation, report_record(report)["escalation"]


def _anchor(key: str, value: str) -> str | None:
    """The part of a value that its source line must show literally."""
    if key in ("source.address", "destination.address", "source.interface_address"):
        return value.split("/")[0].split()[0]
    if key == "source.link":
        return "mtu " + value.split("mtu ")[1].split(",")[0]
    if key == "source.switch":
        return value.split()[0]
    if key == "source.vlan":
        return value.split()[0]
    if key in ("path.forward", "path.reverse"):
        return "traceroute"
    if key == "time_window":
        return None
    return value.split()[0]


@pytest.mark.parametrize("source", CASES, ids=_id)
def test_request_kind_and_items(source: Path) -> None:
    esc, record = _escalation(source)
    lines = source.read_text(encoding="utf-8").splitlines()
    assert esc.kind == ESCALATED[source] and esc.escalate
    keys = [i["key"] for i in record["items"] if not i["key"].startswith("command.")]
    assert len(keys) == len(set(keys))
    # a destination on the host's own subnet is the next hop: the L2/gateway list fits
    routed = esc.kind == "path" and "onlink" not in source.stem
    expected = PATH_KEYS if routed else SEGMENT_KEYS
    assert set(keys) == expected
    required = REQUIRED["path" if routed else "segment"]
    assert {i["key"] for i in record["items"] if i["required"]} >= required
    for item in record["items"]:
        assert set(item) >= {"key", "label", "value", "source_line", "status", "required"}
        if item["status"] == "missing":
            assert item["hint"], item
            continue
        assert item["value"] and item["source_line"], item
        line = lines[item["source_line"] - 1]
        if item["key"].startswith("command."):
            assert item["value"].splitlines()[0] == mask_line(line.rstrip())
            continue
        anchor = _anchor(item["key"], item["value"])
        if anchor is not None:
            assert anchor in line, (item, line)
        else:  # a time: a `date` output line, a `ping -D` timestamp or a timestamped prompt
            assert re.search(r"\d{1,2}:\d{2}|^\[\d{9,}", line), line


@pytest.mark.parametrize("source", CASES, ids=_id)
def test_every_command_is_copied_once(source: Path) -> None:
    esc, _ = _escalation(source)
    commands = [i for i in esc.items if i.section == "commands"]
    prompts = [n for n, text in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
               if PROMPT.match(text)]
    assert [i.source_line for i in commands] == prompts
    copied = [(i.source_line or 0) + n for i in commands
              for n in range(len((i.value or "").split("\n")))]
    assert len(copied) == len(set(copied))


@pytest.mark.parametrize("source", CASES, ids=_id)
def test_escalation_golden(source: Path, update_goldens: bool) -> None:
    _, record = _escalation(source)
    check_golden(ESCALATION / f"{source.stem}.escalation.json", record, update_goldens)


@pytest.mark.parametrize("source", CASES, ids=_id)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_ticket_golden(source: Path, lang: str, update_goldens: bool) -> None:
    esc, _ = _escalation(source, lang)
    ticket = render_ticket(esc)
    path = ESCALATION / f"{source.stem}.ticket.{lang}.txt"
    if update_goldens:
        path.write_text(ticket, encoding="utf-8")
        return
    assert path.exists(), f"no golden {path.name}; run pytest --update-goldens and review it"
    assert ticket == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("source", CASES, ids=_id)
def test_japanese_request_is_the_guides_sentence(source: Path) -> None:
    esc, _ = _escalation(source, "ja")
    # a destination on the host's own segment takes the gateway's place in the sentence
    guide_form = esc.message.replace("同一セグメントの宛先", "デフォゲ")
    if guide_form != esc.message:
        assert guide_form in re.findall(r"「([^」]+)」という旨", GUIDE)
    elif esc.kind in ("l2", "gateway") and "DUP" not in esc.message:
        assert esc.message in re.findall(r"「([^」]+)」という旨", GUIDE)
    elif esc.kind == "path" and "失敗している" not in esc.message and "ロス" not in esc.message:
        assert f"{esc.message}場合は" in GUIDE
    ticket = render_ticket(esc)
    assert ticket.startswith(f"【調査依頼】{esc.message}\n")
    for heading in ("■必須", "■あれば"):
        assert heading in ticket
    for item in esc.missing:
        assert f"【要記入】{item.hint}" in ticket


def test_l2_request_reads_every_item_of_the_guide() -> None:
    """The hand-written l2 paste shows every item a paste can: all found but location."""
    esc, record = _escalation(ESCALATION / "l2-vlan-subinterface.txt")
    found = {i["key"]: (i["value"], i["source_line"]) for i in record["items"]
             if i["status"] == "found" and not i["key"].startswith("command.")}
    assert found == {
        "source.name": ("db01", 1),
        "source.switch": ("sw-tky-f3-r12 Gi1/0/12", 40),
        "source.address": ("172.16.100.21/24 (172.16.100.21 255.255.255.0, ens192.100)", 31),
        "source.interface_address": (
            "172.16.100.21/24 (172.16.100.21 255.255.255.0, ens192.100)", 31),
        "source.gateway": ("172.16.100.1", 13),
        "source.mac": ("00:00:5e:00:53:21", 29),
        "source.link": ("state UP, mtu 1500", 28),
        "source.vlan": ("100 (802.1Q, ens192.100)", 28),
        "time_window": ("2026-11-26 10:02–10:03 JST", 2),
    }
    missing = {i.key for i in esc.missing}
    assert missing == {"source.location", "destination.name", "destination.location",
                       "destination.address", "destination.vlan"}
    log = "\n".join(i.value or "" for i in esc.items if i.section == "commands")
    assert "eyJhbGciOiJIUzI1NiJ9" not in log and "tok_5f2a9c" not in log
    assert "Authorization: Bearer ********" in log and '"api_token": "********"' in log


def test_path_from_both_ends_fills_both_directions() -> None:
    esc, _ = _escalation(FIXTURES / "lab" / "both-hosts-path-timeout.txt")
    items = {i.key: i for i in esc.items}
    assert items["path.forward"].source_line == 23
    assert items["path.forward"].value == "192.0.2.1 → 198.51.100.2 → (no reply at hops 3–8) " \
        "[not reached]"
    assert items["path.reverse"].source_line == 55
    assert items["path.reverse"].value and items["path.reverse"].value.startswith(
        "203.0.113.1 → 198.51.100.5")
    assert items["destination.address"].status == "found"
    assert items["destination.name"].value == "server"


def test_path_from_one_end_lists_the_reverse_direction_as_missing() -> None:
    esc, _ = _escalation(FIXTURES / "lab" / "path-timeout.txt")
    reverse = next(i for i in esc.items if i.key == "path.reverse")
    assert reverse.status == "missing" and reverse.value is None
    assert reverse.hint == "run `traceroute -n 192.0.2.10` on 203.0.113.10"


@pytest.mark.parametrize(("name", "kind", "phrase"), [
    ("host-no-route.txt", "host", "Fix the settings of the server/client."),
    ("healthy.txt", "access", "access permission is the likely problem"),
    ("access-port-unreachable.txt", "access", "access is not permitted"),
])
def test_no_escalation_says_what_to_do_instead(name: str, kind: str, phrase: str) -> None:
    esc, record = _escalation(FIXTURES / "lab" / name)
    assert (esc.kind, esc.escalate, esc.items) == (kind, False, ())
    assert phrase in esc.message
    assert record["items"] == []
    ticket = render_ticket(esc)
    assert "Investigation request" not in ticket and phrase in ticket


def test_undetermined_lists_the_commands_to_run() -> None:
    source = FIXTURES / "missing" / "no-neighbour-table.txt"
    report = diagnose(parse_bytes(source.read_bytes()), lang="ja")
    esc = report.escalation
    assert esc is not None and esc.kind == "undetermined" and not esc.escalate
    assert [a.command for a in esc.actions] == [s.command for s in report.next_steps]
    assert esc.actions and "ip neigh show" in render_ticket(esc)
    assert "調査依頼に必要な情報が揃っていません" in esc.message

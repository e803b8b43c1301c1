"""Undetermined: the step of the guide's flow the transcript is missing, and its command."""

from __future__ import annotations

from analyzer.diagnose.facts import Facts
from analyzer.diagnose.rulebase import Hit, NextStep, lines, rule
from analyzer.diagnose.rules.segment import gateway_unanswered, onlink_destination_unanswered


def _dest_failed(f: Facts) -> bool:
    """Pings to the destination left the host and none was answered or refused."""
    sent = [p for p in f.dest_pings if p.sent]
    return bool(sent) and not any(p.answered for p in sent) and not any(
        e.type in ("port_unreachable", "protocol_unreachable", "admin_prohibited")
        for p in sent for e in p.errors)


@rule("U001", "destination-not-pinged", "undetermined", 90, {
    "en": "There is no ping to the destination{dest_part}: the guide's first step is missing.",
    "ja": "宛先{dest_part_ja}への ping がありません。切り分けの最初の手順が不足しています。",
}, (NextStep(command="ping -c 4 {dest}", why={
    "en": "a reply clears routing (then access control is the suspect); a timeout starts "
          "the search along the path",
    "ja": "応答があればルーティングは問題なし(アクセス許可が被疑箇所)、タイムアウトなら"
          "経路の切り分けを進めるため"}),))
def destination_not_pinged(f: Facts) -> Hit | None:
    """No ping to the destination in the transcript.

    What it detects: the destination is known only from a traceroute or `--dest`, or no
    destination can be told at all (only the gateway was pinged, or nothing).
    Why it matters: the guide starts with `ping DEST`; without it nothing says whether
    routing works at all.
    Evidence: the traceroute command line, else the commands that were run instead.
    Example fixture: fixtures/missing/no-destination-ping.txt
    """
    if f.dest_pings:
        return None
    traces = [t.run.block.line_start for t in f.dest_traces]
    shown = [b.line_start for b in f.state.blocks]
    dest = f.destination
    return Hit(evidence=lines(traces or shown),
               params={"dest": dest or "<destination IP>",
                       "dest_part": f" ({dest})" if dest else "",
                       "dest_part_ja": f"({dest})" if dest else ""})


@rule("U002", "routes-not-shown", "undetermined", 91, {
    "en": "{dest} does not answer and the routing table was not shown: step 2 is missing.",
    "ja": "{dest} から応答がありませんが、ルーティングテーブルが確認されていません"
          "(手順 2 が不足)。",
}, (NextStep(command="ip route show", why={
    "en": "is there a route (or default) for the destination, is the gateway IP and the "
          "interface right?",
    "ja": "宛先への経路(default)があるか、デフォゲの IP とインターフェース名が正しいか"
          "確認するため"}),))
def routes_not_shown(f: Facts) -> Hit | None:
    """The destination does not answer and `ip route show` is missing.

    What it detects: failed pings to the destination and no routing table in the paste.
    Why it matters: the guide's step 2 checks the host's own routes before blaming the
    network; without them the default gateway is not known either.
    Evidence: the destination's ping.
    Example fixture: fixtures/missing/no-route-table.txt
    """
    if f.state.has_routes or not _dest_failed(f):
        return None
    return Hit(evidence=lines([n for p in f.dest_pings for n in p.evidence]),
               params={"dest": f.destination or "?"})


@rule("U003", "gateway-not-pinged", "undetermined", 92, {
    "en": "{dest} does not answer, the route goes via {gateway}, but the default gateway was "
          "not pinged: step 3 is missing.",
    "ja": "{dest} から応答がなく経路はデフォゲ {gateway} 経由ですが、デフォゲへの ping が"
          "ありません(手順 3 が不足)。",
}, (NextStep(command="ping -c 4 {gateway}", why={
    "en": "if the gateway answers, the path beyond it is the suspect; if not, the L2 check "
          "(ip neigh show) follows",
    "ja": "デフォゲが応答すれば経路上、応答しなければ L2(ip neigh show)の確認に進むため"}),))
def gateway_not_pinged(f: Facts) -> Hit | None:
    """The destination does not answer and the default gateway was not pinged.

    What it detects: failed pings to the destination, a routing table that names the
    gateway, and no ping to that gateway.
    Why it matters: the guide's step 3 splits "my segment" from "the path beyond" by
    pinging the default gateway (its real address is taken from the route table).
    It stays silent when the destination's ping already shows the host could not resolve
    the gateway (`Destination Host Unreachable` from its own address).
    Evidence: the destination's ping and the route with the gateway.
    Example fixture: fixtures/missing/no-gateway-ping.txt
    """
    if f.gateway is None or f.gateway_pings or not _dest_failed(f) or gateway_unanswered(f):
        return None
    route = f.gateway_route
    return Hit(evidence=lines([n for p in f.dest_pings for n in p.evidence],
                              route.line if route else None),
               params={"dest": f.destination or "?", "gateway": f.gateway})


@rule("U004", "neighbours-not-shown", "undetermined", 93, {
    "en": "The {role} {gateway} does not answer, but `ip neigh show` is missing: "
          "step 4 (L2 or beyond?) cannot be decided.",
    "ja": "{role_ja} {gateway} との疎通がありませんが、ip neigh show がないため L2 か"
          "その先かを判断できません(手順 4 が不足)。",
}, (NextStep(command="ip neigh show", why={
    "en": "same-segment ARP entries visible → the gateway is the suspect; none but FAILED "
          "→ IP range / VLAN mismatch",
    "ja": "同一セグメントの ARP エントリーが見えればデフォゲ、FAILED 以外がなければ "
          "IP 帯/VLAN 不一致が被疑箇所のため"}),))
def neighbours_not_shown(f: Facts) -> Hit | None:
    """The gateway does not answer and the neighbour (ARP) table is missing.

    What it detects: the gateway's pings failed — or a ping to the destination got
    `Destination Host Unreachable` from the host's own address, meaning ARP for the
    gateway failed, or a destination on the host's own subnet does not answer (it is
    then the next hop) — and no `ip neigh show` was run. This is where a host-side
    "Destination Host Unreachable" hands over to the l2/gateway decision.
    Why it matters: the guide's step 4 tells a VLAN/IP-range mismatch (l2) from a dead
    gateway by whether other hosts of the segment answer ARP.
    Evidence: the failed pings.
    Example fixture: fixtures/missing/no-neighbour-table.txt
    """
    failed = gateway_unanswered(f) or onlink_destination_unanswered(f)
    if not failed or f.state.has_neighbors:
        return None
    onlink = f.gateway is None
    return Hit(evidence=lines([n for p in failed for n in p.evidence]),
               params={"gateway": f.next_hop or "?",
                       "role": "destination on the host's own subnet" if onlink
                       else "default gateway",
                       "role_ja": "同一セグメントの宛先" if onlink else "デフォゲ"})


@rule("X001", "conflicting-destination-results", "undetermined", 85, {
    "en": "The pings to {dest} disagree: the one at line {ok} was answered, the one at line "
          "{bad} was not. The fault may be intermittent or was fixed in between.",
    "ja": "{dest} への ping の結果が食い違っています(行 {ok} は応答あり、行 {bad} は応答なし)。"
          "断続的な障害か、途中で状況が変わった可能性があります。",
})
def conflicting_destination_results(f: Facts) -> Hit | None:
    """Two pings to the destination disagree: one answered, one not.

    What it detects: at least one ping run to the destination with replies and another
    with none.
    Why it matters: the verdict rests on one of them; the report says so instead of
    hiding the other. An intermittent fault or a change during the session is likely.
    Evidence: the command lines of both runs.
    Example fixture: fixtures/missing/conflicting-pings.txt
    """
    ok = [p for p in f.dest_pings if p.answered]
    bad = [p for p in f.dest_pings if not p.answered and p.sent]
    if not ok or not bad:
        return None
    a, b = ok[0].run.block.line_start, bad[0].run.block.line_start
    return Hit(evidence=lines(a, b, ok[0].run.data.stats_line, bad[0].run.data.stats_line),
               params={"dest": f.destination or "?", "ok": str(a), "bad": str(b)})

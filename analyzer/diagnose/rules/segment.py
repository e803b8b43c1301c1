"""L2 and gateway rules: the guide's steps 3–4, the default gateway does not answer."""

from __future__ import annotations

from analyzer.diagnose.facts import Facts, PingOutcome
from analyzer.diagnose.rulebase import Hit, NextStep, lines, rule

# `ping: sendto: Host is down` / `No route to host`: the kernel's ARP for the next hop failed.
_ARP_LOCAL_ERRORS = frozenset({"host_unreachable", "host_is_down"})


def gateway_unanswered(f: Facts) -> list[PingOutcome]:
    """Evidence that the gateway does not answer: its pings all failed.

    Without a ping to the gateway, a ping to a routed destination that only got
    `Destination Host Unreachable` from the host's own address counts too: the host
    could not resolve the gateway's MAC (ARP failed), which is what matters here. macOS
    and BSD say the same with `ping: sendto: Host is down` / `No route to host`.
    """
    pings = f.gateway_pings
    if not pings and f.gateway is not None:
        pings = [p for p in f.dest_pings
                 if (p.errors or _arp_failed_locally(p)) and not p.answered]
    if not pings or any(p.answered for p in pings):
        return []
    failed = [p for p in pings
              if p.silent or _arp_failed_locally(p)
              or (p.errors and all(f.is_local_source(e.source) for e in p.errors))]
    return failed if len(failed) == len(pings) else []


def onlink_destination_unanswered(f: Facts) -> list[PingOutcome]:
    """Pings to a destination on the host's own subnet that all failed to resolve or answer."""
    pings = f.dest_pings
    if not f.onlink_destination or not pings or any(p.answered for p in pings):
        return []
    failed = [p for p in pings
              if p.silent or _arp_failed_locally(p)
              or (p.errors and all(f.is_local_source(e.source) for e in p.errors))]
    return failed if len(failed) == len(pings) else []


def _arp_failed_locally(p: PingOutcome) -> bool:
    """macOS/BSD report a next hop that does not answer ARP as a local send error."""
    return any(e.type in _ARP_LOCAL_ERRORS for e in p.run.data.local_errors)


def _ping_lines(pings: list[PingOutcome]) -> list[int]:
    return [n for p in pings for n in p.evidence]


_ADDR_STEP = NextStep(command="ip address show", why={
    "en": "the network team needs the interface's IP/prefix, MAC, MTU and state",
    "ja": "ネットワーク管理者への調査依頼にインターフェースの IP/プレフィックス、MAC、MTU、"
          "状態が必要なため"}, needed=lambda f: not f.state.has_interfaces)


@rule("L001", "gateway-unreachable-no-arp-neighbours", "l2", 40, {
    "en": "The default gateway {gateway} does not answer ping and `ip neigh show` has no "
          "same-segment entry other than FAILED/INCOMPLETE: the host and the switch likely "
          "disagree on the IP range or VLAN.",
    "ja": "デフォゲ {gateway} との ping 疎通ができず、ip neigh show に FAILED/INCOMPLETE 以外の"
          "同一セグメントの ARP エントリーがありません。サーバーとネットワーク機器で IP 帯"
          "または VLAN 番号が一致していない可能性が高いです。",
}, (_ADDR_STEP,))
def gateway_unreachable_no_arp_neighbours(f: Facts) -> Hit | None:
    """Gateway silent and no neighbour on its segment answered ARP: IP range / VLAN mismatch.

    What it detects: every ping to the default gateway failed (timeout, or `Destination
    Host Unreachable` from the host's own address), and `ip neigh show` lists no entry
    of the gateway's segment other than FAILED or INCOMPLETE (the gateway excluded).
    Why it matters: the guide's step 4 — if nothing on the segment answers ARP, the host
    is not on the segment it thinks it is: the VLAN of the switch port or the IP range
    differs. Escalate with `ip address show`.
    Evidence: the gateway pings, the `ip neigh show` command and its FAILED entries.
    Example fixture: fixtures/lab/l2-vlan-mismatch.txt
    """
    failed = gateway_unanswered(f)
    if not failed or not f.state.has_neighbors or f.visible_neighbors:
        return None
    block = f.state.neigh_block
    dead = [n.line for n in f.segment_neighbors if {"FAILED", "INCOMPLETE"} & set(n.state)]
    gw = f.gateway_neighbor
    return Hit(evidence=lines(_ping_lines(failed), block.line_start if block else None, dead,
                              gw.line if gw else None),
               params={"gateway": f.gateway or "?"})


@rule("G001", "gateway-unreachable-arp-visible", "gateway", 41, {
    "en": "Same-segment hosts are visible in `ip neigh show` ({count}, e.g. {example}), but "
          "the default gateway {gateway} does not answer ping: the gateway itself is the "
          "suspect.",
    "ja": "ip neigh show で同一セグメントのサーバー(ARP エントリー)が見えます({count} 件、"
          "例: {example})が、デフォゲ {gateway} との ping 疎通ができません。"
          "デフォゲ自体が被疑箇所です。",
}, (_ADDR_STEP,))
def gateway_unreachable_arp_visible(f: Facts) -> Hit | None:
    """Gateway silent while other hosts of its segment answer ARP.

    What it detects: every ping to the default gateway failed, and `ip neigh show`
    lists at least one other host of the gateway's segment with a link-layer address
    in a state other than FAILED/INCOMPLETE.
    Why it matters: the guide's step 4 — the host's link and VLAN work (neighbours
    answer), so the gateway device (or its interface, or a wrong gateway address) is
    the suspect; escalate to the network team.
    Evidence: the gateway pings and the visible neighbour entries.
    Example fixture: fixtures/lab/gateway-down.txt
    """
    failed = gateway_unanswered(f)
    if not failed or not f.state.has_neighbors or not f.visible_neighbors:
        return None
    seen = f.visible_neighbors
    gw = f.gateway_neighbor
    return Hit(evidence=lines(_ping_lines(failed), [n.line for n in seen[:4]],
                              gw.line if gw else None),
               params={"gateway": f.gateway or "?", "count": str(len(seen)),
                       "example": seen[0].ip})


@rule("L002", "duplicate-replies-on-segment", "l2", 35, {
    "en": "{target} on the local segment answers with duplicate replies (DUP!): two devices "
          "likely use the same IP address.",
    "ja": "ローカルセグメントの {target} から重複した応答(DUP!)が返っています。"
          "同じ IP アドレスを複数の機器が使っている可能性が高いです。",
}, (NextStep(command="ip neigh show", why={
    "en": "see which MAC address the host currently holds for that IP",
    "ja": "その IP に対して現在どの MAC アドレスが登録されているか確認するため"},
    needed=lambda f: not f.state.has_neighbors),))
def duplicate_replies_on_segment(f: Facts) -> Hit | None:
    """Duplicate echo replies from an address on the local segment.

    What it detects: `(DUP!)` replies from the gateway or from an address inside a
    connected subnet (or listed in `ip neigh show`).
    Why it matters: two answers to one request on the local segment mean two devices
    claim the same IP (or a bridging loop): an L2 problem the network team must trace
    to a switch port.
    Evidence: the duplicate reply lines and the statistics line.
    Example fixture: fixtures/lab/gateway-duplicate-ip.txt
    """
    neighbours = {n.ip for n in f.state.neighbors}
    for run in f.state.pings:
        dups = [r for r in run.data.replies if r.duplicate]
        target = run.data.target_ip or run.target
        if not dups or target is None:
            continue
        local = (f.gateway is not None and f.same_address(target, f.gateway)) or f.on_link(target) \
            or target in neighbours
        if local:
            return Hit(evidence=lines(run.block.line_start, [r.line for r in dups[:4]],
                                      run.data.stats_line),
                       params={"target": target})
    return None


@rule("L003", "onlink-destination-unreachable-no-arp-neighbours", "l2", 42, {
    "en": "{dest} is on the host's own subnet and does not answer, and `ip neigh show` has no "
          "entry of that segment other than FAILED/INCOMPLETE: the host and the switch likely "
          "disagree on the IP range or VLAN.",
    "ja": "{dest} はホストと同一セグメントですが応答がなく、ip neigh show に FAILED/INCOMPLETE "
          "以外の同一セグメントの ARP エントリーがありません。サーバーとネットワーク機器で IP 帯"
          "または VLAN 番号が一致していない可能性が高いです。",
}, (_ADDR_STEP,))
def onlink_destination_unreachable_no_arp_neighbours(f: Facts) -> Hit | None:
    """An on-link destination is silent and nothing on the segment answers ARP.

    What it detects: the destination lies in a connected subnet (no gateway between),
    every ping to it failed, and `ip neigh show` lists no other entry of that segment
    with a MAC address in a state other than FAILED/INCOMPLETE.
    Why it matters: the guide's step 4 with the destination as the next hop: when
    nothing on the segment answers ARP, the host is not on the segment it thinks it is
    (switch port VLAN or IP range).
    Evidence: the destination's pings and the FAILED/INCOMPLETE neighbour entries.
    Example fixture: fixtures/lab/l2-onlink-vlan-mismatch.txt
    """
    failed = onlink_destination_unanswered(f)
    if not failed or not f.state.has_neighbors or f.visible_neighbors:
        return None
    block = f.state.neigh_block
    dead = [n.line for n in f.state.neighbors if {"FAILED", "INCOMPLETE"} & set(n.state)]
    return Hit(evidence=lines(_ping_lines(failed), block.line_start if block else None, dead),
               params={"dest": f.destination or "?"})

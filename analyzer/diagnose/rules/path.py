"""Path rules: the gateway is reached, something between it and the destination is not."""

from __future__ import annotations

from analyzer.diagnose.facts import Facts, TraceOutcome
from analyzer.diagnose.rulebase import Hit, NextStep, lines, rule
from analyzer.diagnose.rules.segment import onlink_destination_unanswered

_ROUTER_UNREACHABLE = frozenset({
    "net_unreachable", "host_unreachable", "no_route", "address_unreachable",
    "source_route_failed", "net_unknown", "host_unknown", "net_unreachable_tos",
    "host_unreachable_tos",
})
_PATH_ANNOTATIONS = ("!H", "!N", "!S", "!F")
ADMIN_ANNOTATIONS = frozenset({"!X", "!A", "!C", "!V", "!P"})
_TRACE_STEP = NextStep(command="traceroute -n {dest}", why={
    "en": "shows where on the path replies stop (run it from the other end too)",
    "ja": "経路上のどこで応答が途切れるかを確認するため(逆方向からも実行してください)"},
    needed=lambda f: not f.dest_traces)


def _reverse_step(f: Facts) -> bool:
    return bool(f.dest_traces) and not f.traced_back


_REVERSE_STEP = NextStep(command="traceroute -n {own}", why={
    "en": "run it on the destination: the network team wants the path in both directions",
    "ja": "宛先側で実行してください。ネットワーク管理者は双方向の経路情報を必要とします"},
    needed=_reverse_step, on_destination=True)


@rule("P001", "destination-silent-gateway-answers", "path", 50, {
    "en": "The default gateway {gateway} answers ping but {dest} does not (no reply, no "
          "error): the problem lies between the gateways, or at the destination.",
    "ja": "デフォゲ {gateway} からの ping 応答はありますが、{dest} からは応答がありません"
          "(エラーもなくタイムアウト)。経路上(GW 間)か宛先側が被疑箇所です。",
}, (_TRACE_STEP, _REVERSE_STEP))
def destination_silent_gateway_answers(f: Facts) -> Hit | None:
    """The gateway answers ping, the destination times out.

    What it detects: every ping to the destination got neither reply nor ICMP error,
    while a ping to the default gateway got replies.
    Why it matters: the guide's step 5 — the host and its segment work; the fault is on
    the routed path (or the destination). Collect `traceroute -n` from both ends and
    escalate "no ping reply from the server, but the default gateway replies".
    Evidence: the destination ping's header and statistics, the gateway's replies.
    Example fixture: fixtures/lab/path-timeout.txt
    """
    dest = f.dest_pings
    gw = f.gateway_pings
    if not dest or not all(p.silent for p in dest) or not any(p.answered for p in gw):
        return None
    answered = [p for p in gw if p.answered]
    return Hit(evidence=lines([n for p in dest for n in p.evidence],
                              [n for p in answered[:1] for n in p.evidence]),
               params={"gateway": f.gateway or "?", "dest": f.destination or "?"})


@rule("P002", "router-reports-unreachable", "path", 30, {
    "en": "Router {source} reports \"{message}\" for {dest}: it has no way on toward the "
          "destination.",
    "ja": "ルーター {source} が {dest} 宛てについて「{message}」を返しています。"
          "その機器から先の経路がありません。",
}, (_TRACE_STEP,))
def router_reports_unreachable(f: Facts) -> Hit | None:
    """A router on the path answers `Destination Net/Host Unreachable`.

    What it detects: ICMP unreachable errors (net, host, no route, address unreachable,
    source route failed) for the destination sent by an address that is neither this
    host nor the destination.
    Why it matters: the router that sends it is the last one that knows where to go:
    its routing table (net) or its last hop to the destination (host) is the suspect.
    Evidence: the error lines, which name the router.
    Example fixture: fixtures/lab/path-net-unreachable.txt
    """
    for p in f.dest_pings:
        errs = [e for e in p.errors if e.type in _ROUTER_UNREACHABLE
                and not f.is_local_source(e.source)
                and not f.same_address(e.source, str(f.dest_ip) if f.dest_ip else None)]
        if errs:
            first = errs[0]
            return Hit(evidence=lines(p.run.block.line_start, [e.line for e in errs[:3]],
                                      p.run.data.stats_line),
                       params={"source": first.source or "?", "message": first.message,
                               "dest": f.destination or "?"})
    return None


@rule("P003", "routing-loop", "path", 31, {
    "en": "The packets loop on the path: {detail}.",
    "ja": "経路上でパケットがループしています: {detail}。",
}, (_TRACE_STEP,))
def routing_loop(f: Facts) -> Hit | None:
    """`Time to live exceeded` for the destination, or a traceroute that revisits a hop.

    What it detects: ICMP time-exceeded errors in a ping to the destination, or a
    traceroute in which the same router answers at two hops that are not adjacent.
    Why it matters: two routers send the traffic back and forth (a routing loop) until
    its TTL runs out; the routers named are where to look.
    Evidence: the time-exceeded lines, or the repeating hops.
    Example fixture: fixtures/lab/path-loop.txt
    """
    for p in f.dest_pings:
        errs = [e for e in p.errors if e.type == "ttl_exceeded"]
        if errs:
            return Hit(evidence=lines(p.run.block.line_start, [e.line for e in errs[:3]]),
                       params={"detail": f"{errs[0].source} reports \"{errs[0].message}\""})
    for t in f.dest_traces:
        if t.loop:
            addrs = " → ".join(dict.fromkeys(p.ip for h in t.loop for p in h.probes if p.ip))
            return Hit(evidence=lines([h.line for h in t.loop]),
                       params={"detail": f"traceroute hops repeat ({addrs})"})
    return None


def _stop(t: TraceOutcome) -> tuple[int, str]:
    last = t.last_answering
    if last is None:
        return 0, "-"
    addr = next((p.ip for p in last.probes if p.ip), "?")
    return last.ttl, addr or "?"


@rule("P004", "traceroute-stops", "path", 55, {
    "en": "traceroute to {dest} gets replies up to hop {ttl} ({hop}) and none after: the "
          "trouble starts right after that hop.",
    "ja": "{dest} への traceroute はホップ {ttl}({hop})まで応答があり、その先は応答が"
          "ありません。そのホップの先が被疑箇所です。",
}, (_REVERSE_STEP,))
def traceroute_stops(f: Facts) -> Hit | None:
    """A traceroute to the destination stops answering before reaching it.

    What it detects: a traceroute that never reaches the destination, with no
    administrative-prohibition annotation; it cites the last hop that answered. A trace
    that printed a local error before any hop answered is left to the host rules.
    Why it matters: the next router after the last answering hop (or the link to it)
    drops the traffic or has no route back; that is where the network team looks.
    Evidence: the last answering hop and the first silent hop after it.
    Example fixture: fixtures/lab/path-timeout.txt
    """
    for t in f.dest_traces:
        if t.reached or any(a in ADMIN_ANNOTATIONS for _, a in t.annotations) or t.loop:
            continue
        if t.run.data.local_errors and t.last_answering is None:
            continue  # nothing was sent (no route, unknown name): the host rules speak
        ttl, hop = _stop(t)
        hops = t.run.data.hops
        silent = [h.line for h in hops if h.ttl > ttl and not any(p.ip for p in h.probes)]
        after = silent[0] if silent else None
        last = t.last_answering
        return Hit(evidence=lines(t.run.block.line_start, last.line if last else None, after),
                   params={"dest": f.destination or "?", "ttl": str(ttl), "hop": hop})
    return None


@rule("P005", "traceroute-unreachable-annotation", "path", 32, {
    "en": "traceroute shows {annotation} from {hop} at hop {ttl}: that router reports the "
          "destination {meaning}.",
    "ja": "traceroute のホップ {ttl}({hop})が {annotation} を返しています。"
          "その機器は宛先に{meaning_ja}と報告しています。",
}, (_REVERSE_STEP,))
def traceroute_unreachable_annotation(f: Facts) -> Hit | None:
    """A traceroute hop answers with `!N`, `!H`, `!S` or `!F`.

    What it detects: unreachable annotations in a traceroute to the destination:
    `!N` network, `!H` host unreachable, `!S` source route failed, `!F-N` fragmentation
    needed.
    Why it matters: the router that answers so is the one without a way on (or with a
    smaller MTU); it is named on the line.
    Evidence: the annotated hop line.
    Example fixture: fixtures/lab/path-net-unreachable.txt
    """
    meanings = {"!N": ("network unreachable", "ネットワークが到達不能"),
                "!H": ("host unreachable", "ホストが到達不能"),
                "!S": ("source route failed", "ソースルートが失敗"),
                "!F": ("needs fragmentation (MTU)", "フラグメントが必要(MTU)")}
    for t in f.dest_traces:
        for hop, annotation in t.annotations:
            key = next((k for k in _PATH_ANNOTATIONS if annotation.startswith(k)), None)
            if key is None:
                continue
            addr = next((p.ip for p in hop.probes if p.annotation == annotation and p.ip),
                        next((p.ip for p in hop.probes if p.ip), "?"))
            en, ja = meanings[key]
            return Hit(evidence=lines(t.run.block.line_start, hop.line),
                       params={"annotation": annotation, "hop": addr or "?", "ttl": str(hop.ttl),
                               "meaning": en, "meaning_ja": ja})
    return None


@rule("P006", "partial-loss", "path", 45, {
    "en": "{loss}% of the pings to {dest} were lost ({received} of {transmitted} answered): "
          "the path works intermittently.",
    "ja": "{dest} への ping の {loss}% が失われています({transmitted} 回中 {received} 回応答)。"
          "経路が断続的に不安定です。",
}, (NextStep(command="mtr -rwc 100 {dest}", why={
    "en": "per-hop loss shows where on the path packets are dropped",
    "ja": "ホップごとのロス率でどこでパケットが落ちているかを確認するため"}),))
def partial_loss(f: Facts) -> Hit | None:
    """Some pings to the destination are answered, some lost.

    What it detects: a ping to the destination with replies and a packet loss between
    0% and 100% (exclusive) in its statistics.
    Why it matters: routing works (some replies come back) but a link or device on the
    path drops packets: congestion, errors on a link, or a policer.
    Evidence: the statistics line.
    Example fixture: fixtures/lab/path-partial-loss.txt
    """
    for p in f.dest_pings:
        d = p.run.data
        if d.loss_percent is not None and 0 < d.loss_percent < 100 and p.answered:
            loss = f"{d.loss_percent:g}"
            return Hit(evidence=lines(p.run.block.line_start, d.stats_line),
                       params={"loss": loss, "dest": f.destination or "?",
                               "received": str(d.received), "transmitted": str(d.transmitted)})
    return None


@rule("P007", "path-mtu-too-small", "path", 33, {
    "en": "{source} needs fragmentation (MTU {mtu}) but the packet may not be fragmented: "
          "a link on the path has a smaller MTU.",
    "ja": "{source} で MTU {mtu} を超えるためフラグメントが必要ですが、DF が立っています。"
          "経路上に MTU の小さいリンクがあります。",
})
def path_mtu_too_small(f: Facts) -> Hit | None:
    """`Frag needed and DF set` / `Packet too big` for the destination.

    What it detects: ICMP fragmentation-needed (IPv4) or packet-too-big (IPv6) errors in
    a ping to the destination.
    Why it matters: small packets pass, large ones are dropped: a path MTU mismatch
    (tunnel, VPN) that breaks applications while ping with default size works.
    Evidence: the error lines with the reported MTU.
    Example fixture: fixtures/lab/path-mtu.txt
    """
    for p in f.dest_pings:
        errs = [e for e in p.errors if e.type == "frag_needed"]
        if errs:
            return Hit(evidence=lines(p.run.block.line_start, [e.line for e in errs[:3]]),
                       params={"source": errs[0].source or "?",
                               "mtu": str(errs[0].mtu) if errs[0].mtu else "?"})
    return None


@rule("P008", "onlink-destination-down", "path", 52, {
    "en": "{dest} is on the host's own subnet and does not answer, while other hosts of the "
          "segment do ({example}): the destination itself (or its switch port) is the suspect.",
    "ja": "{dest} はホストと同一セグメントですが応答がありません。同一セグメントの他のサーバー"
          "({example})は ARP エントリーが見えるため、宛先自体(またはその接続ポート)が"
          "被疑箇所です。",
})
def onlink_destination_down(f: Facts) -> Hit | None:
    """An on-link destination is silent while other hosts of the segment answer ARP.

    What it detects: the destination lies in a connected subnet (no gateway between),
    every ping to it failed, and `ip neigh show` lists other hosts of that segment with a
    MAC address (not FAILED/INCOMPLETE).
    Why it matters: the host's link and VLAN work, so the far end is at fault — the
    destination host (down, wrong VLAN or address) or its switch port; the same place
    the guide's path branch points at, with no router in between.
    Evidence: the destination's pings and the visible neighbour entries.
    Example fixture: fixtures/lab/path-onlink-server-down.txt
    """
    failed = onlink_destination_unanswered(f)
    if not failed or not f.state.has_neighbors or not f.visible_neighbors:
        return None
    seen = f.visible_neighbors
    return Hit(evidence=lines([n for p in failed for n in p.evidence], [n.line for n in seen[:3]]),
               params={"dest": f.destination or "?", "example": seen[0].ip})

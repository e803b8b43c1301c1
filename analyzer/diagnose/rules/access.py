"""Access rules: routing works; access control (a port, an ACL, a firewall) is the suspect."""

from __future__ import annotations

from analyzer.diagnose.facts import Facts
from analyzer.diagnose.rulebase import Hit, NextStep, lines, rule
from analyzer.diagnose.rules.path import ADMIN_ANNOTATIONS

_PORT_STEP = NextStep(command="ss -ltnp", why={
    "en": "on the destination: check the service listens on its port, then the "
          "firewalls/ACLs on the way",
    "ja": "宛先で実行し、サービスがポートを待ち受けているか確認してください。"
          "その後、経路上の FW/ACL を確認します"}, on_destination=True)


@rule("A001", "destination-answers-ping", "access", 60, {
    "en": "{dest} answers ping ({received} of {transmitted}): routing works both ways, so "
          "the problem is above L3 — the service port or access control.",
    "ja": "{dest} からの ping 応答があります({transmitted} 回中 {received} 回)。ルーティングは"
          "問題がなく、アクセス許可(ポート、ACL)がされていない可能性が高いです。",
}, (_PORT_STEP,))
def destination_answers_ping(f: Facts) -> Hit | None:
    """The destination answers ping.

    What it detects: echo replies from the destination in a ping to it.
    Why it matters: the guide's step 1 — when ping works, routing is fine in both
    directions; if the application still cannot connect, access permission (the
    service's port, a firewall, an ACL) is the likely cause.
    Evidence: the first reply and the statistics line.
    Example fixture: fixtures/lab/healthy.txt
    """
    answered = [p for p in f.dest_pings if p.answered]
    if not answered:
        return None
    p = answered[0]
    d = p.run.data
    return Hit(evidence=lines(p.run.block.line_start, p.replies[0].line, d.stats_line),
               params={"dest": f.destination or "?",
                       "received": str(d.received if d.received is not None else len(p.replies)),
                       "transmitted": str(d.transmitted if d.transmitted is not None else "?")})


@rule("A002", "destination-port-unreachable", "access", 20, {
    "en": "{source} answers \"{message}\" for {dest}: the packets arrive, but access is "
          "refused.",
    "ja": "{source} から {dest} 宛てに「{message}」が返っています。ルーティングは問題がなく、"
          "アクセスが許可されていません。",
}, (_PORT_STEP,))
def destination_port_unreachable(f: Facts) -> Hit | None:
    """The ping is answered with `Destination Port Unreachable` (or Protocol Unreachable).

    What it detects: ICMP port- or protocol-unreachable errors in a ping to the
    destination, sent by another device (from the host's own address they come from its
    own firewall: see H008).
    Why it matters: the guide's step 1 — the packets reach the destination (or a
    firewall in front of it) and are refused: routing is fine, access is not permitted.
    Evidence: the error lines and the statistics.
    Example fixture: fixtures/lab/access-port-unreachable.txt
    """
    for p in f.dest_pings:
        errs = [e for e in p.errors if e.type in ("port_unreachable", "protocol_unreachable")
                and not f.is_local_source(e.source)]
        if errs:
            return Hit(evidence=lines(p.run.block.line_start, [e.line for e in errs[:3]],
                                      p.run.data.stats_line),
                       params={"source": errs[0].source or "?", "message": errs[0].message,
                               "dest": f.destination or "?"})
    return None


@rule("A003", "packet-filtered", "access", 21, {
    "en": "{source} reports \"{message}\" for {dest}: a filter (ACL/firewall) administratively "
          "prohibits the traffic.",
    "ja": "{source} が {dest} 宛てに「{message}」を返しています。ACL/FW により通信が"
          "管理上禁止されています。",
})
def packet_filtered(f: Facts) -> Hit | None:
    """A device answers `Packet filtered` (communication administratively prohibited).

    What it detects: ICMP administratively-prohibited errors (`Packet filtered`,
    `Administratively prohibited`) in a ping to the destination.
    Why it matters: routing works up to the device that answers; its access list or
    firewall rejects the traffic on purpose, and it names itself.
    Evidence: the error lines.
    Example fixture: fixtures/lab/access-admin-prohibited.txt
    """
    for p in f.dest_pings:
        errs = [e for e in p.errors if e.type == "admin_prohibited"]
        if errs:
            return Hit(evidence=lines(p.run.block.line_start, [e.line for e in errs[:3]]),
                       params={"source": errs[0].source or "?", "message": errs[0].message,
                               "dest": f.destination or "?"})
    return None


@rule("A004", "traceroute-admin-prohibited", "access", 22, {
    "en": "traceroute shows {annotation} from {hop} at hop {ttl}: that device administratively "
          "prohibits the traffic.",
    "ja": "traceroute のホップ {ttl}({hop})が {annotation}(管理上の禁止)を返しています。"
          "その機器の ACL/FW で拒否されています。",
})
def traceroute_admin_prohibited(f: Facts) -> Hit | None:
    """A traceroute hop answers `!X` (or `!A`, `!C`, `!V`, `!P`): prohibited by a filter.

    What it detects: administrative-prohibition annotations in a traceroute to the
    destination (`!X` communication prohibited, `!C` precedence cutoff, `!V` host
    precedence violation, `!P` protocol unreachable, `!A` from some implementations).
    Why it matters: the route works up to that hop, which refuses the traffic by policy.
    Evidence: the annotated hop line.
    Example fixture: fixtures/lab/access-admin-prohibited.txt
    """
    for t in f.dest_traces:
        for hop, annotation in t.annotations:
            if annotation in ADMIN_ANNOTATIONS:
                addr = next((p.ip for p in hop.probes if p.ip), "?")
                return Hit(evidence=lines(t.run.block.line_start, hop.line),
                           params={"annotation": annotation, "hop": addr or "?",
                                   "ttl": str(hop.ttl)})
    return None

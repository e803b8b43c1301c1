"""Host rules: the machine's own configuration keeps traffic from leaving it."""

from __future__ import annotations

from analyzer.diagnose.facts import Facts, ip
from analyzer.diagnose.rulebase import Hit, NextStep, lines, rule
from analyzer.records import Interface, LocalError

_BAD_ROUTE_TYPES = frozenset({"unreachable", "blackhole", "prohibit"})


def _local_errors(f: Facts, *types: str) -> list[tuple[int, LocalError, str]]:
    """(command line, error, target) of every local ping error of the given types."""
    return [(run.block.line_start, err, run.target or "?")
            for run in f.state.pings for err in run.data.local_errors if err.type in types]


def _route_cmd_line(f: Facts) -> int | None:
    return f.state.route_blocks[-1].line_start if f.state.route_blocks else None


def _family_routes_shown(f: Facts) -> bool:
    """The routing table of the destination's family was shown (even if empty)."""
    return f.dest_ip is not None and f.dest_ip.version in f.state.route_families


@rule("H001", "no-route-to-destination", "host", 14, {
    "en": "No route covers {dest}: the routing table has no matching prefix and no default "
          "route{kind}.",
    "ja": "{dest} 宛ての経路がありません。ルーティングテーブルに該当するプレフィックスも "
          "default も登録されていません{kind_ja}。",
}, (NextStep(command="ip address show", why={
    "en": "a down interface or a missing address removes its routes; if the interfaces are "
          "fine, add the missing route (or default gateway) to the host's configuration",
    "ja": "インターフェースのダウンやアドレス未設定で経路が消えることがあります。問題なければ"
          "ホストの設定に経路(デフォゲ)を追加してください"},
    needed=lambda f: not f.state.has_interfaces),))
def no_route_to_destination(f: Facts) -> Hit | None:
    """The routing table has no usable route for the destination.

    What it detects: `ip route show` was run and no route covers the destination (no
    matching prefix, no `default`), or the route that covers it is an `unreachable`,
    `blackhole` or `prohibit` route.
    Why it matters: the guide's step 2 — without a route the host never sends the
    packet; the host's configuration must be fixed before anything else is checked.
    Evidence: the `ip route show` command line and, for a reject route, that route.
    Example fixture: fixtures/lab/host-no-route.txt
    """
    if f.dest_ip is None or not f.state.has_routes or not _family_routes_shown(f):
        return None
    route = f.dest_route
    if route is not None and route.type not in _BAD_ROUTE_TYPES:
        return None
    if any(p.answered for p in f.dest_pings):
        return None
    kind = f" ({route.type} route for {route.dst})" if route is not None else ""
    kind_ja = f"({route.dst} は {route.type} 経路)" if route is not None else ""
    return Hit(evidence=lines(_route_cmd_line(f), route.line if route else None,
                              [p.run.block.line_start for p in f.dest_pings]),
               params={"dest": str(f.dest_ip), "kind": kind, "kind_ja": kind_ja})


@rule("H002", "network-unreachable-locally", "host", 15, {
    "en": "ping {target} failed on the host itself: \"{message}\" — the host has no route "
          "(or no usable interface) for it.",
    "ja": "ping {target} がホスト自身で失敗しています(\"{message}\")。ホストに経路"
          "(または使えるインターフェース)がありません。",
}, (NextStep(command="ip route show", why={
    "en": "see which route is missing", "ja": "どの経路が欠けているか確認するため"},
    needed=lambda f: not f.state.has_routes),
    NextStep(command="ip address show", why={
    "en": "check the interface is UP and has an address",
    "ja": "インターフェースが UP でアドレスを持っているか確認するため"},
    needed=lambda f: not f.state.has_interfaces)))
def network_unreachable_locally(f: Facts) -> Hit | None:
    """ping says `connect: Network is unreachable`: nothing left the host.

    What it detects: a ping that failed locally with `Network is unreachable`
    (`connect:` or `sendmsg:`), in any language the parser reads.
    Why it matters: the kernel found no route or no usable interface; no network device
    is involved yet, so the host's own configuration is the suspect.
    Evidence: the ping command line and the error line.
    Example fixture: fixtures/lab/host-no-route.txt
    """
    found = _local_errors(f, "network_unreachable")
    if not found:
        return None
    cmd, err, target = found[0]
    return Hit(evidence=lines(cmd, [e.line for _, e, _ in found]),
               params={"target": target, "message": err.message})


@rule("H003", "gateway-outside-connected-subnets", "host", 13, {
    "en": "The default gateway {gateway} is outside every subnet configured on {dev} "
          "({subnets}): the host cannot reach it directly.",
    "ja": "デフォゲ {gateway} が {dev} に設定されたどのセグメント({subnets})にも含まれていません。"
          "ホストからデフォゲに直接届きません。",
}, (NextStep(command="ip address show", why={
    "en": "compare the interface's address/prefix with the gateway",
    "ja": "インターフェースの IP アドレス/プレフィックスとデフォゲを見比べるため"},
    needed=lambda f: not f.state.has_interfaces),))
def gateway_outside_connected_subnets(f: Facts) -> Hit | None:
    """The default gateway is not inside any subnet of its interface.

    What it detects: the gateway of the route in use is not covered by any address
    prefix of the outgoing interface (`ip address show`) nor by any link route of that
    interface (`ip route show`); IPv6 link-local gateways are always on-link.
    Why it matters: the guide asks "is the default gateway's IP right?". A gateway
    outside the host's own range (often forced with `onlink`) means a wrong gateway
    address or a wrong prefix length on the host.
    Evidence: the route line with the gateway, and the interface's address lines.
    Example fixture: fixtures/lab/host-gateway-off-subnet.txt
    """
    route = f.gateway_route
    gw = ip(f.gateway)
    if route is None or gw is None or gw.is_link_local or f.gateway_dev is None:
        return None
    nets = [n for n in f.connected_networks(f.gateway_dev) if n.version == gw.version]
    if not nets or any(gw in n for n in nets):
        return None
    iface = f.interface(f.gateway_dev)
    addr_lines = [a.line for a in iface.addresses] if iface else []
    return Hit(evidence=lines(route.line, addr_lines),
               params={"gateway": str(gw), "dev": f.gateway_dev,
                       "subnets": ", ".join(sorted({str(n) for n in nets}))})


def _egress_interface(f: Facts) -> tuple[str | None, Interface | None]:
    route = f.egress
    dev = f.gateway_dev or (route.dev if route else None)
    return dev, f.interface(dev)


def _addr_filtered(f: Facts) -> bool:
    """`ip address show eth0` shows one interface only: absence proves nothing."""
    block = f.state.addr_block
    if block is None:
        return True
    words = [w for w in block.argv[1:] if not w.startswith("-")]
    return len(words) > 2


@rule("H004", "route-via-missing-interface", "host", 12, {
    "en": "The route in use points at interface {dev}, which `ip address show` does not list.",
    "ja": "使われる経路のインターフェース {dev} が ip address show に存在しません。"
          "インターフェース名が正しいか確認してください。",
})
def route_via_missing_interface(f: Facts) -> Hit | None:
    """The route's interface does not exist on the host.

    What it detects: the route that carries the destination (or the default route) names
    a `dev` that the full `ip address show` output does not list.
    Why it matters: the guide's step 2 asks "is the interface name right?"; a route on a
    renamed or missing interface sends nothing.
    Evidence: the route line and the `ip address show` command line.
    Example fixture: fixtures/lab/host-interface-removed.txt
    """
    route = f.egress
    dev, iface = _egress_interface(f)
    if route is None or dev is None or iface is not None or _addr_filtered(f):
        return None
    block = f.state.addr_block
    return Hit(evidence=lines(route.line, block.line_start if block else None),
               params={"dev": dev})


@rule("H005", "route-interface-down", "host", 10, {
    "en": "Interface {dev} that carries the route is down ({why}).",
    "ja": "経路のインターフェース {dev} がダウンしています({why})。",
}, (NextStep(command="ip address show", why={
    "en": "see the interface's state (UP/DOWN, NO-CARRIER)",
    "ja": "インターフェースの状態(UP/DOWN、NO-CARRIER)を確認するため"},
    needed=lambda f: not f.state.has_interfaces),))
def route_interface_down(f: Facts) -> Hit | None:
    """The outgoing interface is administratively down or has no carrier.

    What it detects: the interface of the route in use shows no `UP` flag, `NO-CARRIER`,
    or state `DOWN`/`LOWERLAYERDOWN` in `ip address show`, or the route is marked
    `linkdown` in `ip route show`; with no route left at all, every non-loopback
    interface being down (the kernel drops the routes of a down interface).
    Why it matters: a down link sends nothing; the cable, the switch port or the
    interface configuration of the host is the suspect, not the network beyond.
    Evidence: the interface's header line and/or the route line marked linkdown.
    Example fixture: fixtures/lab/host-interface-down.txt
    """
    route = f.egress
    dev, iface = _egress_interface(f)
    if route is None and iface is None and f.state.has_interfaces:
        # No route left at all: the kernel drops the routes of a down interface.
        links = [i for i in f.state.interfaces if i.link_type != "loopback" and i.name != "lo"]
        if links and all(f.interface_down(i) for i in links):
            return Hit(evidence=lines([i.line for i in links]),
                       params={"dev": ", ".join(i.name for i in links),
                               "why": "; ".join(_down_reason(i) for i in links)})
        return None
    reasons: list[str] = []
    evidence: list[int] = []
    if iface is not None and f.interface_down(iface):
        reasons.append(_down_reason(iface))
        evidence.append(iface.line)
    if route is not None and "linkdown" in route.flags:
        reasons.append("route marked linkdown")
        evidence.append(route.line)
    if not reasons or dev is None:
        return None
    return Hit(evidence=lines(evidence), params={"dev": dev, "why": "; ".join(reasons)})


def _down_reason(iface: Interface) -> str:
    return ", ".join(x for x in (
        "NO-CARRIER" if "NO-CARRIER" in iface.flags else "",
        "not UP" if "UP" not in iface.flags else "",
        f"state {iface.state}" if iface.state else "") if x)


@rule("H006", "interface-without-ipv4", "host", 11, {
    "en": "Interface {dev} has no IPv4 address, so the host cannot send IPv4 traffic on it.",
    "ja": "インターフェース {dev} に IPv4 アドレスが設定されていません。",
})
def interface_without_ipv4(f: Facts) -> Hit | None:
    """The interface that should carry IPv4 traffic has no IPv4 address.

    What it detects: for an IPv4 destination (or when none is known), the route's
    interface — or, without a usable route, every non-loopback interface — shows no
    `inet` line in `ip address show`.
    Why it matters: without an address the kernel has no source address and no connected
    subnet; DHCP or the static configuration of the host failed.
    Evidence: the interface header lines.
    Example fixture: fixtures/lab/host-no-ipv4.txt
    """
    if not f.state.has_interfaces or (f.dest_ip is not None and f.dest_ip.version != 4):
        return None
    _, iface = _egress_interface(f)
    candidates = [iface] if iface is not None else [
        i for i in f.state.interfaces if i.link_type != "loopback" and i.name != "lo"]
    bare = [i for i in candidates if not any(a.family == "inet" for a in i.addresses)]
    if not bare or len(bare) != len(candidates):
        return None
    return Hit(evidence=lines([i.line for i in bare]),
               params={"dev": ", ".join(i.name for i in bare)})


@rule("H007", "name-resolution-failure", "host", 16, {
    "en": "The name {target} could not be resolved (\"{message}\"): no packet was sent.",
    "ja": "名前 {target} を解決できませんでした(\"{message}\")。パケットは送信されていません。",
}, (NextStep(command="cat /etc/resolv.conf", why={
    "en": "check the DNS servers the host uses; or ping the IP address directly",
    "ja": "ホストが使う DNS サーバーを確認するため(または IP アドレスで直接 ping してください)"}),))
def name_resolution_failure(f: Facts) -> Hit | None:
    """ping could not resolve the name it was given.

    What it detects: `Name or service not known`, `Temporary failure in name
    resolution`, `unknown host` and their translations.
    Why it matters: the ping never ran, so it says nothing about the network path; the
    host's resolver (or the name) is the suspect, and pinging the IP is the next step.
    Evidence: the ping command line and the error.
    Example fixture: fixtures/lab/host-dns-temporary-failure.txt
    """
    found = _local_errors(f, "name_unknown", "name_temporary_failure")
    if not found:
        return None
    cmd, err, target = found[0]
    return Hit(evidence=lines(cmd, [e.line for _, e, _ in found]),
               params={"target": target, "message": err.message})


@rule("H008", "local-firewall-blocks-sending", "host", 17, {
    "en": "The host refused to send ({message}): a local firewall rule (OUTPUT chain) "
          "or missing privilege blocks the ping.",
    "ja": "ホスト自身が送信を拒否しています({message})。ローカルのファイアウォール"
          "(OUTPUT チェイン)か権限の問題です。",
}, (NextStep(command="iptables -S OUTPUT", why={
    "en": "look for a rule that rejects the traffic on the host itself",
    "ja": "ホスト上で通信を拒否しているルールを確認するため"}),))
def local_firewall_blocks_sending(f: Facts) -> Hit | None:
    """ping got `sendmsg: Operation not permitted` from its own kernel.

    What it detects: `Operation not permitted` when sending (a local netfilter rule or a
    missing capability), `General failure` / `transmit failed` on Windows.
    Why it matters: the packet was stopped inside the host; the network never saw it.
    Evidence: the ping command line and the error lines.
    Example fixture: fixtures/lab/host-local-firewall.txt
    """
    found = _local_errors(f, "operation_not_permitted", "general_failure")
    if not found:
        return None
    cmd, err, _ = found[0]
    return Hit(evidence=lines(cmd, [e.line for _, e, _ in found]), params={"message": err.message})


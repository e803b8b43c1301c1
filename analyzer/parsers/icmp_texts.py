"""ICMP error messages as the ping programs print them → the type ids the rules read.

One table for iputils' `ping`/`ping6` and the BSD-style pings (macOS and FreeBSD
`pr_icmph()`, GNU inetutils): they print many of the same texts. Keys are lower case,
spaces collapsed, without a final dot. The Japanese-locale and Windows dialects keep
their own texts beside their parsers.
"""

from __future__ import annotations

ICMP_TYPES: dict[str, str] = {
    # printed by all of them
    "destination net unreachable": "net_unreachable",
    "destination host unreachable": "host_unreachable",
    "destination protocol unreachable": "protocol_unreachable",
    "destination port unreachable": "port_unreachable",
    "source route failed": "source_route_failed",
    "packet filtered": "admin_prohibited",
    "precedence violation": "precedence_violation",
    "precedence cutoff": "precedence_cutoff",
    "source quench": "source_quench",
    "time to live exceeded": "ttl_exceeded",
    "frag reassembly time exceeded": "reassembly_timeout",
    # iputils
    "destination net unknown": "net_unknown",
    "destination host unknown": "host_unknown",
    "source host isolated": "source_host_isolated",
    "destination net prohibited": "admin_prohibited",
    "destination host prohibited": "admin_prohibited",
    "destination net unreachable for type of service": "net_unreachable_tos",
    "destination host unreachable for type of service": "host_unreachable_tos",
    # iputils, IPv6 (ping6 / ping -6)
    "destination unreachable: no route": "no_route",
    "destination unreachable: administratively prohibited": "admin_prohibited",
    "destination unreachable: beyond scope of source address": "beyond_scope",
    "destination unreachable: address unreachable": "address_unreachable",
    "destination unreachable: port unreachable": "port_unreachable",
    "destination unreachable: source address failed ingress/egress policy":
        "source_policy_failed",
    "destination unreachable: reject route to destination": "reject_route",
    "time exceeded: hop limit": "ttl_exceeded",
    "time exceeded: defragmentation failure": "reassembly_timeout",
    # macOS / FreeBSD (ping and ping6)
    "communication prohibited by filter": "admin_prohibited",
    "no route to destination": "no_route",
    "destination administratively unreachable": "admin_prohibited",
    "destination unreachable beyond scope": "beyond_scope",
    # GNU inetutils
    "network unknown": "net_unknown",
    "host unknown": "host_unknown",
    "host isolated": "source_host_isolated",
    "destination network unreachable at this tos": "net_unreachable_tos",
    "destination host unreachable at this tos": "host_unreachable_tos",
    "fragmentation needed and df set": "frag_needed",
}

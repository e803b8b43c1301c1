"""Large benchmark inputs, built from line formats recorded in the lab."""

from __future__ import annotations


def big_ping(replies: int = 20_000) -> str:
    """An iputils ping with `replies` replies (format of fixtures/lab/healthy.txt)."""
    lines = ["PING 203.0.113.10 (203.0.113.10) 56(84) bytes of data."]
    lines += [f"64 bytes from 203.0.113.10: icmp_seq={i} ttl=61 time=0.{(i * 37) % 1000:03d} ms"
              for i in range(1, replies + 1)]
    lines += ["", "--- 203.0.113.10 ping statistics ---",
              f"{replies} packets transmitted, {replies} received, 0% packet loss, time 20011ms",
              "rtt min/avg/max/mdev = 0.001/0.500/0.999/0.288 ms"]
    return "\n".join(lines) + "\n"


def traceroute_30() -> str:
    """One 30-hop `traceroute -n` with answered, partly answered and silent hops."""
    lines = ["traceroute to 203.0.113.10 (203.0.113.10), 30 hops max, 60 byte packets"]
    for ttl in range(1, 31):
        if ttl % 7 == 0:
            lines.append(f"{ttl:2d}  * * *")
        elif ttl % 5 == 0:
            lines.append(f"{ttl:2d}  198.51.100.{ttl}  1.{ttl:03d} ms *  1.2{ttl % 10}0 ms")
        else:
            lines.append(f"{ttl:2d}  198.51.100.{ttl}  0.{ttl:03d} ms  0.1{ttl % 10}1 ms  "
                         f"0.2{ttl % 10}2 ms")
    return "\n".join(lines) + "\n"


def route_table(routes: int = 5_000) -> str:
    """`ip route show` with a default route and `routes` prefixes of several shapes."""
    lines = ["default via 192.0.2.1 dev ens192 proto static metric 100"]
    for i in range(routes - 1):
        a, b = divmod(i, 256)
        if i % 3 == 0:
            lines.append(f"10.{a % 256}.{b}.0/24 via 192.0.2.{1 + i % 250} dev ens192 proto bgp "
                         f"metric 20")
        elif i % 3 == 1:
            lines.append(f"172.16.{a % 256}.{b} via 192.0.2.1 dev ens192 proto static onlink")
        else:
            lines.append(f"198.18.{a % 256}.{b}/32 dev eth{i % 4} proto kernel scope link "
                         f"src 192.0.2.10 metric {100 + i % 50}")
    return "\n".join(lines) + "\n"

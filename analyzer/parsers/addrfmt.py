"""Address spellings of the tools that are not iproute2, turned into iproute2's.

`ifconfig`, `route`, `netstat`, `arp`, `route print` and `ipconfig` write a prefix as a
netmask (`255.255.255.0`, `0xffffff00`), a destination without its prefix length, MAC
addresses with dashes, zone ids on IPv6 addresses (`fe80::1%en0`, `fe80::1%11`). The
records use iproute2's spellings: `192.0.2.0/24`, `default`, a host route as a bare address,
addresses without zone (the interface is named elsewhere).
"""

from __future__ import annotations

import ipaddress


def mask_prefixlen(mask: str) -> int | None:
    """`255.255.255.0` or `0xffffff00` → 24; None for a non-contiguous or garbled mask."""
    try:
        value = int(mask, 16) if mask.lower().startswith("0x") else int(ipaddress.IPv4Address(mask))
    except ValueError:
        return None
    if not 0 <= value <= 0xFFFFFFFF:
        return None
    prefixlen = bin(value).count("1")
    return prefixlen if value == (0xFFFFFFFF << (32 - prefixlen)) & 0xFFFFFFFF else None


def no_zone(address: str) -> str:
    """`fe80::1%en0` → `fe80::1`."""
    return address.split("%", 1)[0]


def is_address(text: str) -> bool:
    """An IPv4 or IPv6 address (a zone id allowed)."""
    try:
        ipaddress.ip_address(no_zone(text))
    except ValueError:
        return False
    return True


def destination(address: str, prefixlen: int | None) -> str:
    """A route destination as iproute2 prints it: `default`, a bare host, `net/len`.

    A name (`route` without `-n` prints `/etc/networks` names) is kept as printed.
    """
    if not is_address(address):
        return address
    bare = no_zone(address)
    full = 128 if ":" in bare else 32
    if prefixlen == 0 and ipaddress.ip_address(bare).packed == bytes(full // 8):
        return "default"
    if prefixlen is None or prefixlen == full:
        return bare
    return f"{bare}/{prefixlen}"


def cidr_destination(text: str) -> str:
    """`0.0.0.0/0`, `::/0` → `default`; `2001:db8::1/128` → `2001:db8::1`; else as printed."""
    address, _, length = text.partition("/")
    if not length.isdigit():
        return destination(address, None)
    return destination(address, int(length))


def is_group_lladdr(lladdr: str) -> bool:
    """A broadcast or multicast link-layer address (the I/G bit of the first octet set)."""
    first = lladdr.replace("-", ":").split(":", 1)[0]
    try:
        return bool(int(first, 16) & 1)
    except ValueError:
        return False

"""What the traceroute-kind parsers share: command lines, error names, hop addresses.

Every traceroute dialect (Linux, BSD and BusyBox traceroute, Windows `tracert`,
`tracepath`, `mtr`) fills the same `TracerouteData`; these helpers keep the parts
that do not depend on the output's layout in one place.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass

from analyzer.parsers.local_errors import errno_type, resolver_type
from analyzer.records import TraceHop, TraceProbe

# A probe without answer (`*`, `no reply`, `???`).
STAR = TraceProbe(ip=None)


class Interrupt:
    """Marker item of a parse: a `^C` line, the run was stopped."""


INTERRUPT = Interrupt()


def error_type(text: str) -> str:
    """The type of a resolver or errno message."""
    return resolver_type(text) or errno_type(text)


def is_ip(text: str) -> bool:
    """An IPv4/IPv6 address (an IPv6 zone `%eth0` allowed)."""
    try:
        ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    return True


def host_and_ip(name: str, address: str | None) -> tuple[str, str | None]:
    """`(ip, name)` of a hop printed as `name (address)`, `address`, or a name alone.

    A name printed alone (tracepath, mtr without -n: the name resolved, the address
    is not shown) stands in for the address, so the probe still counts as answered.
    """
    if address:
        return address, (name if name != address else None)
    return name, (None if is_ip(name) else name)


@dataclass(frozen=True, slots=True)
class TraceCommand:
    """What a trace command line says: target, `-m`-style hop limit, address family."""

    target: str | None = None
    max_hops: int | None = None
    family: int | None = None
    positional: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CommandSyntax:
    """How one program's options are spelled."""

    programs: tuple[str, ...]  # program names (prefixes: `traceroute` also finds `traceroute6`)
    value_options: str  # short options that take a value (the next word, or glued)
    max_hops: str  # the short option for the hop limit
    long_values: frozenset[str] = frozenset()  # long options taking a value as the next word
    long_max_hops: frozenset[str] = frozenset()
    slash: bool = False  # Windows: `/d` is an option like `-d`


def read_command(argv: Sequence[str], syntax: CommandSyntax) -> TraceCommand:
    """The target, hop limit and family a trace command line asks for."""
    words = list(argv)
    names = [w.replace("\\", "/").rsplit("/", 1)[-1].lower().removesuffix(".exe") for w in words]
    program = next((i for i, n in enumerate(names) if n.startswith(syntax.programs)), None)
    family: int | None = None
    if program is not None:
        family = 6 if names[program].endswith("6") else None
        words = words[program + 1 :]
    elif words and not words[0].startswith("-"):
        words = words[1:]
    prefixes = ("-", "/") if syntax.slash else ("-",)
    positional: list[str] = []
    max_hops: str | None = None
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if word == "--":
            positional.extend(words[i:])
            break
        if word.startswith("--"):
            key, eq, value = word.partition("=")
            if not eq and key in syntax.long_values and i < len(words):
                value = words[i]
                i += 1
            if key in syntax.long_max_hops:
                max_hops = value
            continue
        if word.startswith(prefixes) and len(word) > 1:
            for k, flag in enumerate(word[1:], start=1):
                if flag in "46":
                    family = int(flag)
                elif flag in syntax.value_options:
                    value = word[k + 1 :]
                    if not value and i < len(words):
                        value = words[i]
                        i += 1
                    if flag == syntax.max_hops:
                        max_hops = value
                    break
            continue
        positional.append(word)
    target = positional[0] if positional else None
    if family is None and target is not None and is_ip(target):
        family = 6 if ":" in target else 4
    return TraceCommand(
        target=target,
        max_hops=int(max_hops) if max_hops and max_hops.isdigit() else None,
        family=family,
        positional=tuple(positional),
    )


def family_of(address: str | None, fallback: int | None) -> int | None:
    """4 or 6 for an address; `fallback` (what the command line says) without one."""
    if address is None:
        return fallback
    return 6 if ":" in address else 4


def target_address(target: str | None, hops: Sequence[TraceHop]) -> str | None:
    """The target's address: the target itself, or the address of a hop printed with its name.

    tracepath and mtr print no header: an address given on the command line is the
    target's; for a name, a hop printed as `name (address)` (-b) gives it away.
    """
    if target is None or is_ip(target):
        return target
    return next((p.ip for h in hops for p in h.probes
                 if p.name == target and p.ip and is_ip(p.ip)), None)

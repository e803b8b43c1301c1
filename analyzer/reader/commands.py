"""A typed command line → its words and the kind of output it prints."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

# Wrappers that run the real command after their own options.
_WRAPPERS = frozenset({"sudo", "doas", "time", "nice", "command", "exec", "nohup", "stdbuf", "env"})
_WRAPPER_OPTS_WITH_VALUE = frozenset({"-u", "-g", "-C", "-h", "-p", "-n", "-o", "-e", "-i"})
_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")

# iproute2 object names in the order `ip` matches abbreviations against them.
_IP_OBJECTS = (
    ("address", "ip_addr"), ("addrlabel", None), ("maddress", None), ("route", "ip_route"),
    ("rule", None), ("neighbor", "ip_neigh"), ("neighbour", "ip_neigh"), ("ntable", None),
    ("ntbl", None), ("link", "ip_addr"), ("l2tp", None), ("fou", None), ("ila", None),
    ("macsec", None), ("tunnel", None), ("tuntap", None), ("tap", None), ("token", None),
    ("tcpmetrics", None), ("tcp_metrics", None), ("monitor", None), ("xfrm", None),
    ("mroute", None), ("mrule", None), ("netns", None), ("netconf", None), ("vrf", None),
)
_IP_OPTS_WITH_VALUE = frozenset(
    {"-f", "-family", "-n", "-netns", "-b", "-batch", "-l", "-loops", "-rc", "-rcvbuf"}
)
_SHOW_VERBS = ("show", "list", "lst", "get")
_ACTION_VERBS = (
    "add", "delete", "change", "replace", "append", "prepend", "flush", "set", "save",
    "restore", "monitor", "test", "help",
)

# A longer line is output, not a command someone typed.
_MAX_COMMAND_LENGTH = 500

# Programs whose output a parser reads, by the kind of output they print.
PROGRAM_KINDS = {
    "ping": "ping", "ping4": "ping", "ping6": "ping",
    "traceroute": "traceroute", "traceroute6": "traceroute", "tracert": "traceroute",
    "tracepath": "traceroute", "tracepath6": "traceroute", "mtr": "traceroute",
    "ifconfig": "ip_addr", "ipconfig": "ip_addr",
    "arp": "ip_neigh",
    "route": "ip_route",
}
# Commands people paste around the diagnosis; known so `# date` reads as root's prompt.
OTHER_PROGRAMS = frozenset({
    "date", "hostname", "uname", "ls", "cat", "echo", "whoami", "id", "uptime", "ss",
    "netstat", "nslookup", "dig", "host", "curl", "wget", "telnet", "nc", "ssh", "systemctl",
    "cd", "su", "exit", "clear", "history", "lldpctl", "networkctl", "ethtool", "getent",
    "resolvectl", "nmcli", "ip", "arping", "tcpdump", "iptables", "nft", "firewall-cmd",
    "hostnamectl", "timedatectl", "grep", "tail", "journalctl", "dmesg", "bridge", "ps",
})


@dataclass(frozen=True, slots=True)
class Command:
    """A command line split into words, with the kind of output it prints."""

    argv: tuple[str, ...]
    kind: str | None
    program: str | None
    env: tuple[tuple[str, str], ...] = ()


def _words(text: str) -> list[str]:
    text = text.split("|", 1)[0].split(";", 1)[0].split("&&", 1)[0]
    if not any(c in text for c in "'\"\\"):
        return text.split()  # what shlex gives, without its cost on every candidate line
    try:
        return shlex.split(text, posix=True)
    except ValueError:
        return text.split()


def program_name(word: str) -> str:
    """The program a command word runs: `/usr/bin/ping` → `ping`, `PING.EXE` → `ping`."""
    return word.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].lower().removesuffix(".exe")


def may_be_command(text: str) -> bool:
    """A cheap first look: does the line start like a command netblame knows?"""
    head = text.split(None, 1)[0] if text.strip() else ""
    if len(text) > _MAX_COMMAND_LENGTH or not head:
        return False
    name = program_name(head)
    return (name in PROGRAM_KINDS or name in OTHER_PROGRAMS or name in _WRAPPERS
            or name == "busybox" or _ASSIGNMENT.match(head) is not None)


def _ip_kind(args: list[str]) -> str | None:
    i = 0
    while i < len(args) and args[i].startswith("-"):
        i += 2 if args[i] in _IP_OPTS_WITH_VALUE else 1
    if i >= len(args):
        return None
    obj = args[i]
    kind = next((k for name, k in _IP_OBJECTS if name.startswith(obj)), None)
    verb = args[i + 1] if i + 1 < len(args) else "show"
    if kind is None or any(v.startswith(verb) for v in _SHOW_VERBS):
        return kind
    # `ip route add ...` prints nothing to read; `ip a eth0`-like filters keep the kind.
    return None if any(v.startswith(verb) for v in _ACTION_VERBS) else kind


def parse_command(text: str) -> Command:
    """Split a command line and map it to an output kind (None: nothing netblame reads)."""
    words = _words(text)
    env: list[tuple[str, str]] = []
    while words:
        head = words[0]
        if _ASSIGNMENT.match(head):
            name, _, value = head.partition("=")
            env.append((name, value))
            words.pop(0)
        elif head in _WRAPPERS:
            words.pop(0)
            while words and words[0].startswith("-"):
                opt = words.pop(0)
                if opt in _WRAPPER_OPTS_WITH_VALUE and words:
                    words.pop(0)
        else:
            break
    if words and words[0] == "busybox":
        words.pop(0)
    if not words:
        return Command((), None, None, tuple(env))
    program = program_name(words[0])
    kind = _ip_kind(words[1:]) if program == "ip" else PROGRAM_KINDS.get(program)
    if program == "netstat" and any(w == "--route" or (w[:1] == "-" != w[1:2] and "r" in w)
                                    for w in words[1:]):  # -rn, -nr (not --program)
        kind = "ip_route"
    if program == "route" and len(words) > 1 and not words[1].startswith("-") \
            and words[1].lower() != "print":
        kind = None  # `route add/delete ...` changes the table and prints nothing to read
    return Command(tuple(words), kind, program, tuple(env))


def looks_like_bare_command(cmd: Command) -> bool:
    """A line without a prompt that is a command (as in a wiki page), not prose."""
    if cmd.kind is None or not cmd.argv:
        return False
    args = cmd.argv[1:]
    plain = [a for a in args if not a.startswith("-")]
    if cmd.program == "ip":
        return len(args) <= 8
    # ping/traceroute: options and at most one target plus option values
    return len(plain) <= 3 and all(re.fullmatch(r"[\w.:%/\[\]-]+", a) for a in plain)

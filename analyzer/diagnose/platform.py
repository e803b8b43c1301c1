"""Next-step commands in the words of the host's own system (Linux, macOS/BSD, Windows).

The rules name Linux commands, as the guide does; a host whose paste came from Windows
or macOS gets the same step with its own tool.
"""

from __future__ import annotations

import re

from analyzer.diagnose.state import HostState

# (Linux command pattern, Windows form, macOS/BSD form)
_EQUIVALENTS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"ip route show$"), "route print", "netstat -rn"),
    (re.compile(r"ip neigh show$"), "arp -a", "arp -an"),
    (re.compile(r"ip address show$"), "ipconfig /all", "ifconfig"),
    (re.compile(r"ping -c (\d+) (\S+)$"), r"ping -n \1 \2", r"ping -c \1 \2"),
    (re.compile(r"traceroute -n (\S+)$"), r"tracert -d \1", r"traceroute -n \1"),
)


def platform_of(state: HostState) -> str:
    """`windows`, `bsd` or `linux`, from the dialects of the host's blocks."""
    dialects = {b.dialect for b in state.blocks}
    if any(d.startswith("windows") for d in dialects):
        return "windows"
    if "bsd" in dialects:
        return "bsd"
    return "linux"


def localise(command: str, platform: str) -> str:
    """The command as the host's platform spells it."""
    if platform == "linux":
        return command
    for pattern, windows, bsd in _EQUIVALENTS:
        if pattern.match(command):
            return pattern.sub(windows if platform == "windows" else bsd, command)
    return command

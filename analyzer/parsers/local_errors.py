"""Type ids of the errors a tool reports about the local host, shared by every parser.

strerror() texts of glibc, the BSDs' libc and musl (BusyBox on Alpine), and resolver
(getaddrinfo) texts, to the type ids the rules read (`network_unreachable`, ...).
"""

from __future__ import annotations

import re

from analyzer.records import LocalError

ERRNO_TYPES: dict[str, str] = {
    "network is unreachable": "network_unreachable",
    "network unreachable": "network_unreachable",
    "no route to host": "host_unreachable",
    "host is unreachable": "host_unreachable",
    "host is down": "host_is_down",
    "network is down": "network_down",
    "operation not permitted": "operation_not_permitted",
    "permission denied": "permission_denied",
    "cannot assign requested address": "cannot_assign_address",
    "can't assign requested address": "cannot_assign_address",
    "address not available": "cannot_assign_address",
    "message too long": "message_too_long",
    "message too large": "message_too_long",
    "no buffer space available": "no_buffer_space",
    "invalid argument": "invalid_argument",
    "no such device": "no_such_device",
    "address family not supported by protocol": "family_not_supported",
    "resource temporarily unavailable": "resource_unavailable",
    "connection refused": "connection_refused",
    "destination address required": "usage_error",
}
NAME_TYPES: dict[str, str] = {
    "name or service not known": "name_unknown",
    "nodename nor servname provided, or not known": "name_unknown",
    "unknown host": "name_unknown",
    "no address associated with hostname": "name_no_address",
    "temporary failure in name resolution": "name_temporary_failure",
    "address family for hostname not supported": "name_family_unsupported",
    "non-recoverable failure in name resolution": "name_failure",
    "system error": "name_failure",
}


def message_key(text: str) -> str:
    """A message as the tables spell it: spaces collapsed, lower case, no final dot."""
    return " ".join(text.split()).lower().rstrip(".")


def errno_type(text: str) -> str:
    """`No route to host` → `host_unreachable`; an unknown text becomes a slug of itself."""
    key = message_key(text)
    return ERRNO_TYPES.get(key) or re.sub(r"[^a-z0-9]+", "_", key).strip("_") or "error"


def resolver_type(text: str) -> str | None:
    """`Temporary failure in name resolution` → `name_temporary_failure`, else None."""
    return NAME_TYPES.get(message_key(text))


def classify(message: str) -> tuple[str, str | None] | None:
    """A local error message of a form no dialect table names, read from its last part.

    `ping: sending packet: Network is unreachable` (GNU inetutils) gives
    (`network_unreachable`, None); `ping: sendto: No route to host` gives
    (`host_unreachable`, `sendto`); `ping: unknown host` gives (`name_unknown`, None).
    The part before the text is the syscall when it is one word. None when the last part
    is no errno or resolver text.
    """
    parts = [p.strip() for p in message.split(": ")]
    text = parts[-1]
    context = parts[-2] if len(parts) > 1 else ""
    kind = ERRNO_TYPES.get(message_key(text))
    if kind is not None:
        return kind, context if context.isidentifier() else None
    kind = resolver_type(text)
    return (kind, None) if kind is not None else None


def local_error(line: int, message: str, text: str | None = None) -> LocalError:
    """A local error the dialect's own table does not name, typed by `classify` from
    `text` (the message without its program prefix; the message itself by default), or
    `error` when that names nothing either."""
    kind, call = classify(message if text is None else text) or ("error", None)
    return LocalError(line=line, type=kind, message=message, syscall=call)

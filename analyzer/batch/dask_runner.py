"""The batch's chunks as tasks on a Dask distributed cluster (`--scheduler ADDRESS`).

Needs the `dask` extra (`pip install 'netblame[dask]'`) here and netblame installed on
the workers. Files are read here and their bytes shipped with the task: workers need
not share this machine's filesystem. The records are those of a local run.
"""

from __future__ import annotations

import importlib
import socket
from collections.abc import Collection
from typing import Any

from analyzer.batch.pipeline import Handle
from analyzer.batch.tickets import Settings, Ticket, materialized
from analyzer.batch.worker import analyse_chunk
from analyzer.errors import NetblameError

CONNECT_TIMEOUT_S = 10
DEFAULT_PORT = 8786  # the Dask scheduler's


class DaskBackend:
    """Submits chunks to the cluster behind a scheduler address."""

    def __init__(self, address: str, settings: Settings) -> None:
        try:  # imported as Any: distributed is only partly typed
            self._distributed: Any = importlib.import_module("distributed")
        except ImportError as exc:
            raise NetblameError("--scheduler needs Dask: pip install 'netblame[dask]'") from exc
        try:
            self._check(address)
            self._client = self._distributed.Client(address, timeout=CONNECT_TIMEOUT_S,
                                                    set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            raise NetblameError(f"cannot reach the Dask scheduler at {address}: {reason}"
                                ) from exc
        self._settings = settings
        self.window = 2 * max(2, sum(self._client.nthreads().values()))

    def _check(self, address: str) -> None:
        """Fail fast on a bad scheme or a closed TCP port: a Client that fails to connect
        waits out its whole timeout, then again when it is garbage-collected."""
        comm = self._distributed.comm
        scheme, location = comm.parse_address(address)
        comm.registry.get_backend(scheme)  # ValueError for an unknown scheme
        if scheme in ("tcp", "tls"):
            host, port = comm.parse_host_port(location, default_port=DEFAULT_PORT)
            socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S).close()

    def submit(self, chunk: list[Ticket]) -> Handle:
        shipped = [materialized(t, self._settings.max_bytes) for t in chunk]
        future: Handle = self._client.submit(analyse_chunk, shipped, self._settings, pure=False)
        return future

    def wait(self, handles: Collection[Handle]) -> Collection[Handle]:
        with self._client.as_current():
            done: Any = self._distributed.wait(list(handles), return_when="FIRST_COMPLETED")
        return set(done.done)

    def close(self, cancel: bool = False) -> None:
        """Disconnect; the scheduler drops the tasks nobody waits for any more."""
        self._client.close()

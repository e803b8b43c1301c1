"""`netblame batch`: re-check an archive of tickets, one result record per input.

Modules, in the order a ticket meets them:
- `tickets`  the Ticket (one input), its Record (one result), reading a ticket's bytes
- `sources`  command-line inputs → Tickets (files, directories, archives, JSON Lines, stdin)
- `mail`     the transcript text inside an .eml
- `limits`   the per-ticket time limit
- `worker`   one ticket → one Record (runs in the worker processes)
- `pipeline` chunks, the bounded in-flight window, output order; the local backends
- `dask_runner` the same work on a Dask distributed cluster
- `writer`   JSON Lines / CSV output and `--resume`
- `summary`  the end-of-run counts
- `progress` the progress bar on stderr
"""

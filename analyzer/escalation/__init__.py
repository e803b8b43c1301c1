"""The escalation request: what the network team needs, filled from the paste.

`build` drafts it from a diagnosis, `ticket` prints it ready to paste, and
`mask_secrets` / `mask_hosts` prepare a paste for sharing.
"""

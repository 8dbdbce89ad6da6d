"""The IMAP sync: `syncer` (incremental sync of INBOX and Sent), `model` (envelopes, folder
states, the handler protocol), `state` (what the sync keeps between runs), `apply` (what a
synced message does to the store), `invite_import` (an invitation applied to the store),
`watch` (`followup sync --watch`, IMAP IDLE).

It reads the outbox's drafts only through the `DraftLedger` it is handed (see `apply`).
"""

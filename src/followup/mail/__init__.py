"""Mail: sending through the user's own mailbox and watching the inbox.

The pure part reads raw bytes and imports no I/O library: `parse` (messages), `classify`
(bounce, auto-reply, invitation, rejection, offer, ATS, reply), `ics` (invitations),
`match` (which application a message belongs to), `inspect` (a JSON view of one message).
The adapters (`smtp`, `imap`, `outbox`, `sync`, `accounts`) do the I/O.
"""

"""Mail: sending through the user's own mailbox and watching the inbox.

Sub-packages, each importing only those below it (checked by import-linter, see
pyproject.toml):

- `reading`: pure functions over raw bytes, no I/O (parse, classify, ics, match...);
- `accounts`: account settings and their secrets;
- `transport`: the IMAP and SMTP adapters (only they touch imapclient and smtplib);
- `outbox` and `sync`, independent of each other: sending at most once, and the IMAP sync.

They keep their rows in the store only through its unit of work (`Store.uow()`:
`uow.outbox`, `uow.sync_state` and the job search's repositories, each scoped to one owner):
no SQL here. The use cases over them (send, sync, review, accounts) are in the application
layer, `followup.app.mail`.

Importing `followup.mail` or a sub-package imports nothing else: each module is imported
when it is used.
"""

"""The mail use cases, over a `Context` (followup.app.context), for every front end.

- `access`: an account with its secret (from `ctx.secrets`), the outbox and the syncer of
  an account, and what records a sent message as a contact;
- `accounts`: add, test and show an account (never its secret);
- `sending`: send a planned action's e-mail through the outbox (the lint gate, send-later,
  drafts mode, forcing with a reason), and the outbox: list, run, confirm, retry, cancel;
- `syncing`: one sync, the `sync --watch` loop, the review queue and quarantined messages;
- `invites`: an invitation file applied to the store.

Every use case sees one owner's data only: the store's unit of work is scoped to the
context's owner, so an id of another owner's row is "not found". Refusals are
`followup.errors.UserError`s with a code and parameters: no text below the front ends names
a command or a flag.
"""

"""Alembic environment: always run in code with the connection the store hands over.

There is no alembic.ini; `followup.store.schema.upgrade` builds the Config and puts an open
connection (already inside a transaction and holding the migration lock) into
`config.attributes["connection"]`.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=None,
    render_as_batch=True,  # SQLite can only ALTER through table copies
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()

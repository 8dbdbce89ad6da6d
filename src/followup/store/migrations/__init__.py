"""Alembic migrations of the store, run programmatically by `followup.store.schema`."""

"""Drafts: the right words for every follow-up.

`render_draft(action, history, profile, templates)` turns a planned action into a
`Draft` from Jinja2 templates (built-in, or the user's own in $FOLLOWUP_HOME/templates).
Import from the submodules: this package imports nothing heavy at start-up.
"""

"""The application layer: every use case of followup, for every front end.

A use case is a function of a `Context` (followup.app.context: the unit of work, the clock,
the owner's preferences and secrets) and a typed input, and runs inside one transaction. The
CLI, the web app and workers each build their context once, in the composition root
(followup.app.root), and are then a few lines over the same use cases: parse, call, format.

Problems the user can fix raise `followup.errors.UserError` subclasses with a code and
parameters; each front end words the fix.
"""

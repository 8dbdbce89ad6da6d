"""Use cases: what a user can do with followup, independent of the interface.

The CLI (and later the web UI and the mail sync) parse their input, call one function here
and format what it returns. Inputs are validated here before anything is written; problems
the user can fix raise `InputError` (or a `StoreError`), both with a problem and a fix.
"""

"""The CLI's words for the fixes of the everyday search's refusals: undo and the change log,
deleting, merging, duplicates and the demo's home; merged into followup.cli.fixes."""

from __future__ import annotations

EVERYDAY_FIXES: dict[str, str] = {
    "undo.nothing": "nothing has changed since the last undo; see `followup log`",
    "undo.changed-since": (
        "something changed the {table} since change {change_id}; see `followup log` and put it "
        "right with the `set` or `delete` commands"
    ),
    "log.limit": "give --limit between 1 and 1000",
    "confirm.no-answer": "add {flag} to go ahead without being asked",
    "delete.unknown": "delete an application, a person, an interview or a contact",
    "touch.not-found": "see `followup touch list` for the ids",
    "merge.same-person": "name two different people: `followup person merge KEEP_ID OTHER_ID`",
    "merge.other-application": (
        "merge only people of one application (see `followup person list --app {app_id}`)"
    ),
    "application.duplicate": (
        "see `followup app show {existing_id}`, or add --allow-duplicate to add another"
    ),
    "person.duplicate": (
        "see `followup person list`, or add --allow-duplicate to add another with that email"
    ),
    "demo.home-has-data": "give an empty or new directory with --home, or leave --home out",
}

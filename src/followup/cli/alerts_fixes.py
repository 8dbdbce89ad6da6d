"""The CLI's words for the fixes of the job alerts' refusals; merged into
followup.cli.fixes.FIXES."""

from __future__ import annotations

_SOURCE_LATER = "nothing to do now: the other sources were read; run `followup alerts run` later"

ALERTS_FIXES: dict[str, str] = {
    "alerts.query-syntax": "correct the search at that column (see `followup alerts add --help`)",
    "alerts.source-unknown": "use one of {kinds} as KIND:BOARD (e.g. greenhouse:acme), or a URL",
    "alerts.source-no-board": "name the board, e.g. `followup alerts source add {kind}:acme`",
    "alerts.source-not-found": "see `followup alerts source list`",
    "alerts.search-not-found": "see `followup alerts list` for the ids",
    "alerts.search-name-taken": (
        "pick another name, or change search {other} with `followup alerts edit {other}`"
    ),
    "alerts.posting-not-found": "copy a job's number from the digest or `followup alerts test`",
    "alerts.frequency": "use one of {choices} with --frequency",
    "alerts.hour": "give --hour between 0 and 23",
    "alerts.cap": "give 1 or more",
    "alerts.source-bad-response": _SOURCE_LATER,
    "alerts.source-empty": _SOURCE_LATER,
    "alerts.source-unexpected": "check the board's name with `followup alerts source list`",
    "alerts.source-invalid-json": _SOURCE_LATER,
    "alerts.source-invalid-xml": _SOURCE_LATER,
    "alerts.source-html": (
        "check that the URL is the feed itself, not a web page "
        "(`followup alerts source remove {source}` if it is wrong)"
    ),
    "alerts.source-not-feed": "give the URL of an RSS, Atom or JSON feed, or of a career page",
    "alerts.fetch-failed": _SOURCE_LATER,
    "alerts.fetch-too-large": "raise max_mb in the `alerts` setting if this source is right",
    "alerts.fetch-too-slow": "raise deadline in the `alerts` setting if this source is right",
}

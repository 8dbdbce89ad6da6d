"""How much of one input the readers look at, and the error for input past all reason.

Mail is written by strangers: every reader here does bounded work per byte. Past a soft cap
the rest of the input is set aside with a reason in plain words (`set_aside`), and what was
read still counts. Past a hard cap the input as a whole is refused by the strict entry points
with `InputTooLarge`; the never-raising ones (`classify_message`, `read_calendar`, ...) turn
it into a set-aside reason instead.
"""

from __future__ import annotations

# --- messages (parse.py) ---------------------------------------------------------------------
MAX_HEADER_CHARS = 16 * 1024  # one header's value; the rest is dropped before any decoding
MAX_ADDRESSES = 100  # addresses read from one header field (From, To, Cc, Reply-To)
MAX_ADDRESS_FIELD_CHARS = 16 * 1024  # text of one address field handed to the address parser
MAX_NAME_CHARS = 200  # a display name or CN
MAX_MIME_DEPTH = 16  # nested multiparts and attached messages
MAX_PARTS = 200  # MIME parts read from one message; the rest is skipped
MAX_MIME_DELIMITERS = 1_000  # boundary lines: parts announced, before the MIME parser runs
# lines of the raw message times their nesting depth (a header line counts 30): the stdlib
# MIME parser's cost, about a second per million
MAX_MIME_LINE_WORK = 2_000_000

# --- HTML bodies (visible.py) ----------------------------------------------------------------
MAX_HTML_CHARS = 1024 * 1024  # of one HTML body
# start tags handed to the HTML parser (deep nesting costs their square); also what bounds
# the walk over a long newsletter: the classifier reads the top of a message, and 2,000 tags
# hold the few screens a person reads first (a reply's text, an ATS template's message)
MAX_HTML_TAGS = 2_000
# Formatting elements (b, i, font, a, ...) are re-opened by an HTML5 parser after a block
# closes them: F of them re-opened after each of T tags is F*T elements (an "HTML bomb").
# Past these products they are read as plain elements (see visible.py).
MAX_FORMATTING_PRODUCT = 100_000  # formatting start tags x all start tags
MAX_FORMATTING_BYTES_PRODUCT = 10_000_000  # bytes of formatting start tags x all start tags
MAX_STYLE_CHARS = 100_000  # of <style> text read for rules that hide

# --- calendars (ics.py) ----------------------------------------------------------------------
MAX_CALENDAR_BYTES = 5 * 1024 * 1024  # hard: a larger calendar is refused as a whole
MAX_CALENDAR_EVENTS = 1_000  # hard: VEVENTs in one calendar file
MAX_CALENDAR_LINES = 100_000  # hard: content lines in one calendar file
MAX_EVENTS_READ = 20  # soft: events read per calendar (and per message); the rest set aside
MAX_ATTENDEES = 50  # soft: attendees read per event; the rest set aside
MAX_ZONE_OBSERVANCES = 50  # STANDARD/DAYLIGHT blocks read per VTIMEZONE


class InputTooLarge(ValueError):
    """The input as a whole is past a hard cap and was not read.

    `reason` says which cap in plain words (safe to show and to store); `limit` names the cap.
    """

    def __init__(self, reason: str, *, limit: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.limit = limit

"""Times as the CLI shows them: on the user's clock, with the other side's beside it.

One clock for the user: every time is shown in their own zone (`prefs set --tz`), and where
the person at the other end reads a different wall time (an interviewer in Singapore), that
time follows in brackets. A date outside the current year shows its year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from followup.app.context import Context


@dataclass(frozen=True, slots=True)
class Clockface:
    """The user's zone and the moment "now" of the view (for the current year)."""

    zone: ZoneInfo
    now: datetime

    def day(self, moment: datetime) -> str:
        """`Mon 16 Nov`, with the year when it is not this year's."""
        year = "" if moment.year == self.now.astimezone(self.zone).year else f" {moment.year}"
        return f"{moment:%a %d %b}{year}"

    def mine(self, moment: datetime) -> str:
        """The moment on the user's clock, e.g. `Mon 16 Nov 11:00 CET`."""
        local = moment.astimezone(self.zone)
        return f"{self.day(local)} {local:%H:%M} {local.tzname()}"

    def when(self, moment: datetime) -> str:
        """On the user's clock, and the wall time of the moment's own zone when it differs
        (an action's times are in the recipient's zone): `Mon 16 Nov 11:00 CET (18:00 +08
        there)`."""
        local = moment.astimezone(self.zone)
        shown = self.mine(moment)
        if local.replace(tzinfo=None) == moment.replace(tzinfo=None):
            return shown
        theirs = f"{moment:%H:%M} {moment.tzname()}"
        if moment.date() != local.date():
            theirs = f"{self.day(moment)} {theirs}"
        return f"{shown} ({theirs} there)"

    def full_day(self, moment: datetime) -> str:
        local = moment.astimezone(self.zone)
        return f"{local:%A %d %B %Y %H:%M} ({local.tzname()})"


def clockface(ctx: Context) -> Clockface:
    return Clockface(ctx.zone, ctx.now())


def on_my_clock(moment: datetime) -> str:
    """A time in a listing (`app list`, `interview list`, `touch list`), as `when` shows it
    for this invocation's user: never in the company's clock without saying so."""
    from followup.cli.common import context

    return clockface(context()).when(moment)

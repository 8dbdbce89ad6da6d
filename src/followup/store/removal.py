"""Deleting and merging the records of a search, with what depends on them.

Every statement goes through the owner's scope, so the change log keeps each row removed
(`followup undo` puts them back). The derived schedule row of a deleted application goes
too; it is planned again if the application comes back.
"""

from __future__ import annotations

from typing import Any

from followup.store import queries
from followup.store.errors import InvalidDataError, NotFoundError
from followup.store.repositories import Repository
from followup.store.tables import (
    app_schedule,
    applications,
    interview_people,
    interviews,
    people,
    skips,
    touches,
)

# Fields a merged person takes from the other where they have none of their own.
MERGED_FIELDS = ("email", "phone", "tz", "country", "title", "linkedin")


class Removals(Repository):
    def _delete(self, table: Any, condition: Any) -> None:
        self.scope.execute(self.scope.delete(table).where(condition))

    def application(self, app_id: int) -> None:
        """The application with its people, interviews, contacts and skips."""
        queries.application_row(self.scope, app_id)
        own_interviews = self.scope.select(interviews, interviews.c.id).where(
            interviews.c.app_id == app_id
        )
        self._delete(touches, touches.c.app_id == app_id)
        self._delete(skips, skips.c.app_id == app_id)
        self._delete(interview_people, interview_people.c.interview_id.in_(own_interviews))
        self._delete(interviews, interviews.c.app_id == app_id)
        self._delete(people, people.c.app_id == app_id)
        self._delete(app_schedule, app_schedule.c.app_id == app_id)
        self._delete(applications, applications.c.id == app_id)

    def person(self, person_id: int) -> int:
        """The person, out of their interviews; their contacts stay, with nobody named.
        Returns their application's id."""
        app_id = int(queries.person_row(self.scope, person_id)["app_id"])
        self._delete(interview_people, interview_people.c.person_id == person_id)
        self.scope.execute(
            self.scope.update(touches)
            .where(touches.c.person_id == person_id)
            .values(person_id=None)
        )
        self._delete(people, people.c.id == person_id)
        return app_id

    def interview(self, interview_id: int) -> int:
        app_id = int(queries.interview_row(self.scope, interview_id)["app_id"])
        self._delete(interview_people, interview_people.c.interview_id == interview_id)
        self._delete(interviews, interviews.c.id == interview_id)
        return app_id

    def touch(self, touch_id: int) -> int:
        row = queries.row_by_id(self.scope, touches, touch_id)
        if row is None:
            raise NotFoundError(
                f"no contact with id {touch_id}",
                code="touch.not-found",
                params={"touch_id": touch_id},
            )
        self._delete(touches, touches.c.id == touch_id)
        return int(row["app_id"])

    def merge_people(self, keep_id: int, other_id: int) -> int:
        """Fold `other` into `keep`: their contacts and interviews become keep's, keep's
        empty details are filled from other's, and other is deleted. Both must be of one
        application; returns its id."""
        keep = dict(queries.person_row(self.scope, keep_id))
        other = dict(queries.person_row(self.scope, other_id))
        if keep_id == other_id:
            raise InvalidDataError(
                "a person can't be merged with themselves",
                code="merge.same-person",
                params={"person_id": keep_id},
            )
        if keep["app_id"] != other["app_id"]:
            raise InvalidDataError(
                f"person {other_id} belongs to another application than person {keep_id}",
                code="merge.other-application",
                params={"keep": keep_id, "other": other_id, "app_id": keep["app_id"]},
            )
        self.scope.execute(
            self.scope.update(touches)
            .where(touches.c.person_id == other_id)
            .values(person_id=keep_id)
        )
        both = self.scope.select(interview_people, interview_people.c.interview_id).where(
            interview_people.c.person_id == keep_id
        )
        self._delete(
            interview_people,
            (interview_people.c.person_id == other_id) & interview_people.c.interview_id.in_(both),
        )
        self.scope.execute(
            self.scope.update(interview_people)
            .where(interview_people.c.person_id == other_id)
            .values(person_id=keep_id)
        )
        filled = {f: other[f] for f in MERGED_FIELDS if keep[f] is None and other[f] is not None}
        self._delete(people, people.c.id == other_id)
        if filled:
            self.scope.execute(
                self.scope.update(people).where(people.c.id == keep_id).values(filled)
            )
        return int(keep["app_id"])

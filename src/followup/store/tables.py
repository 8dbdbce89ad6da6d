"""The tables of the job search, SQLAlchemy Core (no ORM: it would cost start-up time).

Portable to SQLite and PostgreSQL: no dialect-specific SQL. Datetimes are stored in UTC
(`DateTime(timezone=True)`); where the zone the user gave matters (an interview in New York,
a touch logged from Berlin) its name is kept next to it in a `*_tz` column so the value reads
back in that zone. Enumerations are plain strings validated by the domain's StrEnums, so a
new value never needs a migration.

Every table has an `owner_id`: the person whose job search it is (one local owner in the
embedded mode, many in server mode). Keys that name a row of one owner's data include it, and
foreign keys between an owner's rows are composite (`owner_id`, id), so no row can point at
another owner's. Rows that can appear in a URL carry a random `public_id` as well.

The columns here must match the migrations under `migrations/versions/`; a test compares
them (tests/store/test_schema.py).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

ZONE = String(64)  # an IANA zone name or a fixed offset such as "+02:00"

PUBLIC_ID = String(32)  # random, URL-safe: not guessable across owners

# Whose data a row is. The embedded mode has one, LOCAL_OWNER_ID, made by the migrations.
owners = Table(
    "owners",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("public_id", PUBLIC_ID, nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


def owner() -> Column[int]:
    return Column("owner_id", Integer, ForeignKey("owners.id"), nullable=False)


def owned_keys(*, public: bool = False) -> list[Column[Any]]:
    """The first columns of an owner's table of numbered rows: the id, the owner, and for the
    rows named in URLs a public id."""
    keys: list[Column[Any]] = [Column("id", Integer, primary_key=True, autoincrement=True), owner()]
    if public:
        keys.append(Column("public_id", PUBLIC_ID, nullable=False, unique=True))
    return keys


def _owned_by(columns: list[str], parent: str, name: str) -> ForeignKeyConstraint:
    """A composite foreign key (owner_id, column) -> parent (owner_id, id)."""
    return ForeignKeyConstraint(
        ["owner_id", *columns], [f"{parent}.owner_id", f"{parent}.id"], name=name
    )


applications = Table(
    "applications",
    metadata,
    *owned_keys(public=True),
    Column("company", String(200), nullable=False),
    Column("role", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_tz", ZONE, nullable=False),
    Column("country", String(2)),
    Column("tz", ZONE),
    Column("outcome", String(20)),
    Column("outcome_at", DateTime(timezone=True)),
    Column("outcome_tz", ZONE),
    Column("competing_offer_by", Date),
    Column("company_domain", String(253)),
    Column("notes", Text, nullable=False, default=""),
    # the pipeline before the interview (revision 0005)
    Column("saved", Boolean, nullable=False, default=False, server_default=false()),
    Column("tags", Text, nullable=False, default="", server_default=""),  # "a,b": sorted
    Column("display_name", String(200)),  # the company's name in running text
    Column("applied_on", Date),
    Column("job_url", String(2048)),
    Column("source", String(100)),
    Column("location", String(200)),
    Column("work_mode", String(20)),
    Column("salary_min", BigInteger),
    Column("salary_max", BigInteger),
    Column("salary_currency", String(3)),
    Column("salary_period", String(10)),
    # an offer's terms (revision 0005)
    Column("offer_deadline", Date),
    Column("offer_base", BigInteger),
    Column("offer_bonus", BigInteger),
    Column("offer_currency", String(3)),
    Column("offer_notes", Text),
    Column("outcome_reason", String(30)),  # "hired-elsewhere": withdrawn for another job
    UniqueConstraint("owner_id", "id", name="uq_applications_owner_id"),
)

people = Table(
    "people",
    metadata,
    *owned_keys(public=True),
    Column("app_id", Integer, nullable=False),
    Column("name", String(200), nullable=False),
    Column("email", String(320)),
    Column("phone", String(50)),
    Column("role", String(30), nullable=False),
    Column("connection", Boolean, nullable=False, default=False),
    Column("tz", ZONE),
    Column("country", String(2)),
    Column("title", String(200)),
    Column("linkedin", String(300)),
    Column("email_bounced", Boolean, nullable=False, default=False),
    Column("call_me", String(100)),  # the name a greeting uses (revision 0005)
    UniqueConstraint("owner_id", "id", name="uq_people_owner_id"),
    _owned_by(["app_id"], "applications", "fk_people_app"),
)
Index("ix_people_owner_app", people.c.owner_id, people.c.app_id)
Index("ix_people_owner_email", people.c.owner_id, people.c.email)

interviews = Table(
    "interviews",
    metadata,
    *owned_keys(public=True),
    Column("app_id", Integer, nullable=False),
    Column("starts_at", DateTime(timezone=True), nullable=False),
    Column("ends_at", DateTime(timezone=True)),
    Column("tz", ZONE, nullable=False),  # the zone the start and end were given in
    Column("kind", String(20), nullable=False),
    Column("decision_by", Date),
    Column("no_follow_up", Boolean, nullable=False, default=False),
    Column("location", Text),
    Column("video_link", Text),
    Column("ical_uid", String(300)),
    Column("ical_sequence", BigInteger, nullable=False, default=0),  # any SEQUENCE, exactly
    Column("cancelled", Boolean, nullable=False, default=False),
    Column("booked_at", DateTime(timezone=True)),  # when it was recorded (0008; NULL: unknown)
    UniqueConstraint("owner_id", "id", name="uq_interviews_owner_id"),
    _owned_by(["app_id"], "applications", "fk_interviews_app"),
)
Index("ix_interviews_owner_app", interviews.c.owner_id, interviews.c.app_id)
Index("ix_interviews_owner_uid", interviews.c.owner_id, interviews.c.ical_uid)

# Who was in each interview, in the order given, with what stood out talking to them.
interview_people = Table(
    "interview_people",
    metadata,
    owner(),
    Column("interview_id", Integer, nullable=False),
    Column("person_id", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    Column("note", Text, nullable=False, default=""),
    PrimaryKeyConstraint("interview_id", "person_id", name="pk_interview_people"),
    _owned_by(["interview_id"], "interviews", "fk_interview_people_interview"),
    _owned_by(["person_id"], "people", "fk_interview_people_person"),
)

touches = Table(
    "touches",
    metadata,
    *owned_keys(),
    Column("app_id", Integer, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("at_tz", ZONE, nullable=False),
    Column("channel", String(20), nullable=False),
    Column("direction", String(3), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("person_id", Integer),
    Column("decision_by", Date),
    Column("return_date", Date),
    Column("action_id", String(200)),
    Column("message_id", String(300)),
    Column("summary", Text, nullable=False, default=""),
    # A planned action is carried out once: recording it twice (a double submit, a retried
    # request, `done` after `send`) finds the first touch instead of adding a second.
    UniqueConstraint("owner_id", "app_id", "action_id", name="uq_touches_action"),
    _owned_by(["app_id"], "applications", "fk_touches_app"),
    _owned_by(["person_id"], "people", "fk_touches_person"),
)
Index("ix_touches_owner_app", touches.c.owner_id, touches.c.app_id)
Index("ix_touches_owner_message_id", touches.c.owner_id, touches.c.message_id)

skips = Table(
    "skips",
    metadata,
    *owned_keys(),
    Column("app_id", Integer, nullable=False),
    Column("action_id", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("at_tz", ZONE, nullable=False),
    Column("reason", Text, nullable=False),
    UniqueConstraint("owner_id", "app_id", "action_id", name="uq_skips_action"),
    _owned_by(["app_id"], "applications", "fk_skips_app"),
)

# The owner's preferences, profile, accounts and other small key-value settings kept with the
# data, as opposed to the deployment settings of the config file and the environment.
settings = Table(
    "settings",
    metadata,
    owner(),
    Column("key", String(100), nullable=False),
    Column("value", Text, nullable=False),
    PrimaryKeyConstraint("owner_id", "key", name="pk_settings"),
)

# When each application next needs the user: written by every use case that changes the
# application (it re-plans it), read by reminders and workers, which claim due rows with a
# conditional UPDATE (SQLite) or SELECT ... FOR UPDATE SKIP LOCKED (PostgreSQL).
app_schedule = Table(
    "app_schedule",
    metadata,
    owner(),
    Column("app_id", Integer, nullable=False),
    Column("next_due_at", DateTime(timezone=True)),  # NULL: nothing planned
    Column("next_action_id", String(200)),
    Column("planned_at", DateTime(timezone=True), nullable=False),
    Column("claimed_until", DateTime(timezone=True)),
    Column("claimed_by", String(100)),
    # new at each re-plan (0009): which applications were written to since one last looked
    Column("stamp", BigInteger, nullable=False, default=0, server_default="0"),
    PrimaryKeyConstraint("owner_id", "app_id", name="pk_app_schedule"),
    _owned_by(["app_id"], "applications", "fk_app_schedule_app"),
)
Index("ix_app_schedule_next_due_at", app_schedule.c.next_due_at)

CORE_TABLES = (
    owners,
    applications,
    people,
    interviews,
    interview_people,
    touches,
    skips,
    settings,
    app_schedule,
)
OWNED_TABLES = CORE_TABLES[1:]

# The change log: what each writing use case changed, as before/after images of the rows, so
# that `followup undo` can take it back and `followup log` can list it. One `changes` row per
# committed unit of work that changed something; its `change_rows` in the order written.
changes = Table(
    "changes",
    metadata,
    *owned_keys(),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("summary", Text, nullable=False),
    Column("undone_at", DateTime(timezone=True)),  # NULL: in effect
    UniqueConstraint("owner_id", "id", name="uq_changes_owner_id"),
)
Index("ix_changes_owner_undone", changes.c.owner_id, changes.c.undone_at)

change_rows = Table(
    "change_rows",
    metadata,
    *owned_keys(),
    Column("change_id", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    Column("table_name", String(64), nullable=False),
    Column("before", Text),  # JSON of the row before (NULL: the row was added)
    Column("after", Text),  # JSON of the row after (NULL: the row was deleted)
    _owned_by(["change_id"], "changes", "fk_change_rows_change"),
)
Index("ix_change_rows_owner_change", change_rows.c.owner_id, change_rows.c.change_id)
CHANGE_TABLES = (changes, change_rows)

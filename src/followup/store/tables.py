"""The tables of the job search, SQLAlchemy Core (no ORM: it would cost start-up time).

Portable to SQLite and PostgreSQL: no dialect-specific SQL. Datetimes are stored in UTC
(`DateTime(timezone=True)`); where the zone the user gave matters (an interview in New York,
a touch logged from Berlin) its name is kept next to it in a `*_tz` column so the value reads
back in that zone. Enumerations are plain strings validated by the domain's StrEnums, so a
new value never needs a migration.

The columns here must match the migrations under `migrations/versions/`; a test compares
them (tests/store/test_schema.py).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

ZONE = String(64)  # an IANA zone name or a fixed offset such as "+02:00"

applications = Table(
    "applications",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
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
)

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("app_id", Integer, ForeignKey("applications.id"), nullable=False),
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
)
Index("ix_people_app_id", people.c.app_id)

interviews = Table(
    "interviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("app_id", Integer, ForeignKey("applications.id"), nullable=False),
    Column("starts_at", DateTime(timezone=True), nullable=False),
    Column("ends_at", DateTime(timezone=True)),
    Column("tz", ZONE, nullable=False),  # the zone the start and end were given in
    Column("kind", String(20), nullable=False),
    Column("decision_by", Date),
    Column("no_follow_up", Boolean, nullable=False, default=False),
    Column("location", Text),
    Column("video_link", Text),
    Column("ical_uid", String(300)),
    Column("ical_sequence", Integer, nullable=False, default=0),
    Column("cancelled", Boolean, nullable=False, default=False),
)
Index("ix_interviews_app_id", interviews.c.app_id)

# Who was in each interview, in the order given, with what stood out talking to them.
interview_people = Table(
    "interview_people",
    metadata,
    Column("interview_id", Integer, ForeignKey("interviews.id"), primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id"), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("note", Text, nullable=False, default=""),
)

touches = Table(
    "touches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("app_id", Integer, ForeignKey("applications.id"), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("at_tz", ZONE, nullable=False),
    Column("channel", String(20), nullable=False),
    Column("direction", String(3), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("person_id", Integer, ForeignKey("people.id")),
    Column("decision_by", Date),
    Column("return_date", Date),
    Column("action_id", String(200)),
    Column("message_id", String(300)),
    Column("summary", Text, nullable=False, default=""),
)
Index("ix_touches_app_id", touches.c.app_id)
Index("ix_touches_message_id", touches.c.message_id)

skips = Table(
    "skips",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("app_id", Integer, ForeignKey("applications.id"), nullable=False),
    Column("action_id", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("at_tz", ZONE, nullable=False),
    Column("reason", Text, nullable=False),
    UniqueConstraint("app_id", "action_id", name="uq_skips_app_action"),
)

# The user's profile and other small key-value settings kept with the data (name, phone,
# signature...), as opposed to the config file's machine settings.
settings = Table(
    "settings",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

CORE_TABLES = (applications, people, interviews, interview_people, touches, skips, settings)

"""The columns of the first schema: what revisions 0001 and 0002 create, and 0003 rebuilds.

Revision 0003 gives every row an owner by creating these tables again with an owner column,
keys that include it and public ids; both build the columns from here, so the rebuilt tables
can't drift from the ones they replace.

Frozen: these revisions run on users' databases, so an edit here would change what they build.
A later revision alters a table in its own file and never edits these lists.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

STAMP = sa.DateTime(timezone=True)
ZONE = sa.String(64)

Columns = list[sa.Column[Any]]

# Children first: the order the tables are dropped in (and the reverse, created in).
CORE_TABLES = (
    "settings",
    "skips",
    "touches",
    "interview_people",
    "interviews",
    "people",
    "applications",
)
MAIL_TABLES = ("mail_quarantine", "mail_review", "mail_seen", "mail_folder_state", "mail_outbox")
# The table each reference column points into.
PARENTS = {"app_id": "applications", "interview_id": "interviews", "person_id": "people"}


def serial_id() -> sa.Column[Any]:
    return sa.Column("id", sa.Integer, primary_key=True, autoincrement=True)


def application_columns() -> Columns:
    return [
        sa.Column("company", sa.String(200), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("created_tz", ZONE, nullable=False),
        sa.Column("country", sa.String(2)),
        sa.Column("tz", ZONE),
        sa.Column("outcome", sa.String(20)),
        sa.Column("outcome_at", STAMP),
        sa.Column("outcome_tz", ZONE),
        sa.Column("competing_offer_by", sa.Date),
        sa.Column("company_domain", sa.String(253)),
        sa.Column("notes", sa.Text, nullable=False),
    ]


def person_columns() -> Columns:
    return [
        sa.Column("app_id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320)),
        sa.Column("phone", sa.String(50)),
        sa.Column("role", sa.String(30), nullable=False),
        sa.Column("connection", sa.Boolean, nullable=False),
        sa.Column("tz", ZONE),
        sa.Column("country", sa.String(2)),
        sa.Column("title", sa.String(200)),
        sa.Column("linkedin", sa.String(300)),
        sa.Column("email_bounced", sa.Boolean, nullable=False),
    ]


def interview_columns(sequence: type[sa.Integer]) -> Columns:
    """`sequence`: the type of the iCalendar SEQUENCE (an Integer in 0001, a BigInteger in 0003)."""
    return [
        sa.Column("app_id", sa.Integer, nullable=False),
        sa.Column("starts_at", STAMP, nullable=False),
        sa.Column("ends_at", STAMP),
        sa.Column("tz", ZONE, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("decision_by", sa.Date),
        sa.Column("no_follow_up", sa.Boolean, nullable=False),
        sa.Column("location", sa.Text),
        sa.Column("video_link", sa.Text),
        sa.Column("ical_uid", sa.String(300)),
        sa.Column("ical_sequence", sequence, nullable=False),
        sa.Column("cancelled", sa.Boolean, nullable=False),
    ]


def interview_person_columns() -> Columns:
    return [
        sa.Column("interview_id", sa.Integer, nullable=False),
        sa.Column("person_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    ]


def touch_columns() -> Columns:
    return [
        sa.Column("app_id", sa.Integer, nullable=False),
        sa.Column("at", STAMP, nullable=False),
        sa.Column("at_tz", ZONE, nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("person_id", sa.Integer),
        sa.Column("decision_by", sa.Date),
        sa.Column("return_date", sa.Date),
        sa.Column("action_id", sa.String(200)),
        sa.Column("message_id", sa.String(300)),
        sa.Column("summary", sa.Text, nullable=False),
    ]


def skip_columns() -> Columns:
    return [
        sa.Column("app_id", sa.Integer, nullable=False),
        sa.Column("action_id", sa.String(200), nullable=False),
        sa.Column("at", STAMP, nullable=False),
        sa.Column("at_tz", ZONE, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    ]


def setting_columns() -> Columns:
    return [
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
    ]


def outbox_columns() -> Columns:
    return [
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("account", sa.String(100), nullable=False),
        sa.Column("action_id", sa.String(200)),
        sa.Column("app_id", sa.Integer),
        sa.Column("person_id", sa.Integer),
        sa.Column("mode", sa.String(10), nullable=False),
        sa.Column("state", sa.String(30), nullable=False),
        sa.Column("message", sa.LargeBinary, nullable=False),
        sa.Column("message_id", sa.String(300), nullable=False),
        sa.Column("mail_from", sa.String(300), nullable=False),
        sa.Column("rcpt_tos", sa.Text, nullable=False),
        sa.Column("send_after", STAMP, nullable=False),
        sa.Column("claimed_until", STAMP),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.Column("sent_at", STAMP),
        sa.Column("copy_state", sa.String(10), nullable=False),
        sa.Column("recorded", sa.Boolean, nullable=False),
        sa.Column("force_reason", sa.Text),
        sa.Column("touch_kind", sa.String(40), nullable=False),
    ]


def _mail_place() -> Columns:
    """Where a message was found: the account and folder."""
    return [
        sa.Column("account", sa.String(100), nullable=False),
        sa.Column("folder", sa.String(300), nullable=False),
    ]


def folder_state_columns() -> Columns:
    return [
        *_mail_place(),
        sa.Column("uidvalidity", sa.BigInteger, nullable=False),
        sa.Column("last_uid", sa.BigInteger, nullable=False),
        sa.Column("uidnext", sa.BigInteger, nullable=False),
        sa.Column("highestmodseq", sa.BigInteger),
        sa.Column("synced_at", STAMP, nullable=False),
    ]


def seen_columns() -> Columns:
    return [
        *_mail_place(),
        sa.Column("uidvalidity", sa.BigInteger, nullable=False),
        sa.Column("uid", sa.BigInteger),
        sa.Column("message_id", sa.String(300), nullable=False),
        sa.Column("outcome", sa.String(40), nullable=False),
        sa.Column("seen_at", STAMP, nullable=False),
    ]


def _found_message() -> Columns:
    """A message as the review queue and the quarantine hold it: where, and its Message-ID."""
    return [
        *_mail_place(),
        sa.Column("uid", sa.BigInteger),
        sa.Column("message_id", sa.String(300), nullable=False),
    ]


def review_columns() -> Columns:
    return [
        *_found_message(),
        sa.Column("sender", sa.String(300), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("candidates", sa.Text, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("resolved_at", STAMP),
        sa.Column("resolution", sa.Text),
    ]


def quarantine_columns() -> Columns:
    return [
        *_found_message(),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
    ]

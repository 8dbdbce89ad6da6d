"""What a draft is and who writes it: plain values, no I/O."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import timedelta

from followup.domain.model import Action, ActionKind, Channel, History, Interview
from followup.errors import UserError

# The article's examples of a professional sign-off (SEED-SIGNOFF).
SIGNOFFS: tuple[str, ...] = ("Best regards", "Sincerely", "Yours truly")
DEFAULT_SIGNOFF = SIGNOFFS[0]


class DraftProblem(UserError):
    """A draft that can't be made or kept as asked: a one-line problem, with a code and its
    parameters for the front end to word the fix (followup.errors)."""

    default_code = "draft.invalid"


@dataclass(frozen=True, slots=True)
class Profile:
    """The candidate, as their messages present them."""

    name: str = ""
    phone: str = ""
    email: str = ""
    signoff: str = DEFAULT_SIGNOFF
    # A phrase about the candidate's fit, e.g. "six years of building data pipelines in
    # Python"; thank-you notes tie the interview highlight to it (SEED-HIGHLIGHT).
    qualifications: str = ""
    linkedin: str = ""

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> Profile:
        known = {k: str(v) for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def updated(self, **changes: str | None) -> Profile:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.strip() else ""


@dataclass(frozen=True, slots=True)
class Recipient:
    name: str
    address: str | None  # email address, phone number or profile URL, by channel
    person_id: int | None = None

    def display(self) -> str:
        return f"{self.name} <{self.address}>" if self.address else self.name


@dataclass(frozen=True, slots=True)
class Draft:
    """The words for one action. `missing` says what to add (with the command) when the
    data for an honest draft is not there; the body is then empty rather than vague."""

    action_id: str
    kind: ActionKind
    channel: Channel
    to: Recipient | None
    subject: str | None
    body: str
    missing: tuple[str, ...] = ()
    message_kind: str = ""  # the linter's name for this kind of message
    interview_id: int | None = None
    in_reply_to: str | None = None  # Message-ID of the message this one answers
    rule_ids: tuple[str, ...] = ()
    source: str = "template"  # "template", "ai" or "edited"
    notes: tuple[str, ...] = field(default=())  # things the user should know

    @property
    def complete(self) -> bool:
        return not self.missing and bool(self.body.strip())

    def text(self) -> str:
        """Subject line, blank line, body: the format the editor shows."""
        if self.subject is None:
            return self.body
        return f"Subject: {self.subject}\n\n{self.body}"

    def to_json(self) -> dict[str, object]:
        return {
            "action_id": self.action_id,
            "kind": str(self.kind),
            "channel": str(self.channel),
            "message_kind": self.message_kind,
            "to": None
            if self.to is None
            else {"name": self.to.name, "address": self.to.address, "person_id": self.to.person_id},
            "subject": self.subject,
            "body": self.body,
            "missing": list(self.missing),
            "in_reply_to": self.in_reply_to,
            "rule_ids": list(self.rule_ids),
            "source": self.source,
            "notes": list(self.notes),
        }


def split_subject(text: str) -> tuple[str | None, str]:
    """Split 'Subject: ...' + blank line + body; text without a Subject line is all body."""
    lines = text.replace("\r\n", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and lines[0].lower().startswith("subject:"):
        subject = lines[0][len("subject:") :].strip()
        rest = lines[1:]
        while rest and not rest[0].strip():
            rest.pop(0)
        return subject, tidy_body("\n".join(rest))
    return None, tidy_body("\n".join(lines))


def tidy_body(body: str) -> str:
    """Trailing spaces off, at most one blank line in a row, one final newline."""
    out: list[str] = []
    for raw in body.split("\n"):
        line = raw.rstrip()
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n" if out else ""


def sample_action(  # noqa: PLR0917 - the action's own fields
    history: History,
    interview: Interview,
    kind: ActionKind,
    channel: Channel,
    person_id: int,
    days_after: int,
    rule_id: str,
) -> Action:
    """An action made by hand rather than planned, due `days_after` the interview: any kind
    of draft for any history (the gallery of drafts, the drafts' tests)."""
    at = interview.start + timedelta(days=days_after)
    return Action(
        id=f"{history.application.id}-i{interview.id}-{kind.value}-p{person_id}",
        app_id=history.application.id,
        kind=kind,
        channel=channel,
        earliest=at,
        due=at,
        latest=at + timedelta(days=2),
        rule_ids=(rule_id,),
        person_id=person_id,
        interview_id=interview.id,
    )

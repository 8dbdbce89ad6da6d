# ruff: noqa: E501  (drafts keep one line per paragraph, as people write them)
"""Realistic drafts for the lint tests: good ones of every kind, and bad ones per rule.

The bad drafts are mostly a good draft with one thing changed, so that each
shows the rule it is listed under firing for exactly that change.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from followup.lint import LintContext

BASE = LintContext(
    kind="thank-you",
    recipient_name="Dana Chen",
    recipient_title="Engineering Manager",
    people_names=("Dana Chen", "Raj Patel", "Maria Lopez"),
    company="Acme Analytics",
    role="Data Engineer",
    interview_date=date(2026, 3, 3),  # a Tuesday
    candidate_name="Alex Kim",
    candidate_phone="(555) 010-0142",
)


def context(kind: str, **changes: object) -> LintContext:
    return replace(BASE, kind=kind, **changes)  # type: ignore[arg-type]


THANK_YOU = """Subject: Thank you - Data Engineer interview

Dear Ms. Chen,

Thank you for taking the time to meet with me on Tuesday about the Data Engineer role at Acme Analytics. I especially enjoyed hearing how your team is moving its nightly batch jobs to streaming. In my current role I led a similar migration of forty pipelines to Kafka, so I would love to bring that experience to your team.

I am very interested in joining Acme Analytics and in the work ahead. If you have any further questions about my background, I am happy to answer them.

Best regards,
Alex Kim
(555) 010-0142
"""

# A panel: three notes of one interview, each around its own conversation.
PANEL = (
    (THANK_YOU, context("thank-you")),
    (
        """Subject: Thank you - Data Engineer interview

Hi Raj,

Many thanks for your time on March 3. Our discussion of how you test data quality before a model sees it stayed with me; I built a validation layer for exactly that problem at my last job, and it cut bad loads to almost none.

I left the interview excited about the Data Engineer position at Acme Analytics. Please do not hesitate to ask if anything else would help.

Sincerely,
Alex Kim
""",
        context("thank-you", recipient_name="Raj Patel", recipient_title="Senior Data Scientist"),
    ),
    (
        """Subject: Thank you - Data Engineer interview

Dear Maria,

Thank you for organising the interviews on Tuesday and for guiding me through the day. You mentioned that the company values engineers who write things down; I have kept design notes for every system I built, and my current team still uses them.

I am keen to take the next step for the Data Engineer role at Acme Analytics. Let me know if you need any details from me.

Kind regards,
Alex Kim
""",
        context("thank-you", recipient_name="Maria Lopez", recipient_title="Recruiter"),
    ),
)

GOOD: dict[str, list[str]] = {
    "thank-you": [
        THANK_YOU,
        """Hi Dana,

Thanks so much for the conversation yesterday about the data engineering opening. You described
the backlog of late-arriving events that the team fights every Monday; in my current role at
Initrode I spent the last two years building exactly that kind of replay tooling, and before
joining Initrode Inc. I ran the same kind of pipelines at a bank.

I would be thrilled to contribute to Acme Analytics. Please feel free to reach out with any other
questions.

Yours truly,
Alex
""",
    ],
    "estimate-request": [
        """Subject: Re: Thank you - Data Engineer interview

Dear Dana,

I hope you are well. I am writing to follow up on my interview on March 3 for the Data Engineer position at Acme Analytics. I enjoyed our conversation and remain very interested in the role.

Could you share an estimate of when I might expect to hear about the next steps? Thank you for your time.

Sincerely,
Alex Kim
"""
    ],
    "status-check": [
        """Subject: Following up: Data Engineer interview on March 3

Dear Ms. Chen,

I hope your week is going well. I am following up on my interview on March 3 for the Data Engineer role at Acme Analytics. I remain very interested in the position and in helping your team move its pipelines to streaming.

I understand these decisions take time. Is there any update you can share on the timeline? I would be glad to provide anything else that helps.

Best regards,
Alex Kim
"""
    ],
    "final-note": [
        """Subject: Re: Following up: Data Engineer interview on March 3

Dear Dana,

I wanted to send one last short note about the Data Engineer role. I am still very interested in Acme Analytics, and I would welcome the chance to talk again if anything changes.

Thank you again for your time.

Best regards,
Alex Kim
"""
    ],
    "rejection-reply": [
        """Subject: Re: Your application at Acme Analytics

Dear Ms. Chen,

Thank you for letting me know, and for the time you and the team spent with me during the interviews. I enjoyed learning about Acme Analytics and the streaming work ahead of you.

I would be glad to stay in touch, and I hope our paths cross again should another opening come up that fits my background.

Best regards,
Alex Kim
"""
    ],
    "stay-in-touch": [
        """Subject: Checking in from Alex Kim

Hi Dana,

I hope things are going well at Acme Analytics. I recently finished a streaming migration project at my current job and thought of our conversation about your team's plans. I would be happy to stay in touch.

Best regards,
Alex Kim
"""
    ],
    "withdrawal": [
        """Subject: Data Engineer application - Alex Kim

Dear Ms. Chen,

Thank you again for considering me for the Data Engineer role and for the time you spent with me. After careful thought, I have decided to withdraw my application, as I have accepted a position that is closer to my long-term goals.

I enjoyed meeting the team and hope our paths cross again.

Sincerely,
Alex Kim
"""
    ],
    "offer-ack": [
        """Subject: Re: Offer - Data Engineer

Dear Dana,

Thank you very much for the offer for the Data Engineer role at Acme Analytics. I am delighted and grateful for the confidence you and the team have shown in me.

I am reviewing the details, including the salary and the benefits package, and will get back to you by Friday, March 20.

Best regards,
Alex Kim
"""
    ],
    "offer-decline": [
        """Subject: Re: Offer - Data Engineer

Dear Dana,

Thank you again for the offer for the Data Engineer role at Acme Analytics, and for the warm welcome from everyone I met. After careful thought, I have decided to decline it.

It was not an easy choice. I hope our paths cross again, and I wish you and the team every success.

Best regards,
Alex Kim
"""
    ],
    "competing-offer": [
        """Subject: Data Engineer interview - a question on timing

Dear Ms. Chen,

I enjoyed our conversation on March 3 and remain very interested in the Data Engineer role at Acme Analytics, which is my first choice. I have since received another offer that I need to answer by March 20.

Would you be able to share where you are in your process? I would be grateful for any indication of your timeline.

Best regards,
Alex Kim
"""
    ],
    "call-script": [
        """Hello Dana, this is Alex Kim. We spoke on Tuesday about the Data Engineer role at Acme Analytics. Do you have a moment?

I wanted to thank you again for your time. I enjoyed our conversation about your streaming migration, and I remain very interested in the role. Is there any news about the next steps?

Thank you for your time, Dana. Have a good day.
"""
    ],
    "voicemail": [
        """Hi Dana, this is Alex Kim, at (555) 010-0142. We spoke on Tuesday about the Data Engineer role at Acme Analytics, and I really enjoyed our conversation. I would love to hear about the next steps when you have a moment. Again, my number is 555-010-0142. Thank you, and have a great day.
"""
    ],
    "linkedin-note": [
        "Hi Dana, thank you for the Data Engineer interview on Tuesday. I enjoyed our "
        "conversation and would be glad to stay connected. Alex"
    ],
    "linkedin-message": [
        """Hi Dana,

Thank you again for the Data Engineer interview on Tuesday. I enjoyed our conversation about moving batch jobs to streaming, and I am very interested in the role. I would be glad to stay connected here.

Best regards,
Alex
"""
    ],
}


# More good drafts, in other people's styles: each kind's rules must stay quiet on them too.
OTHER_STYLES: dict[str, str] = {
    "thank-you": """Subject: Thank you – Data Engineer interview

Hello Dana,

It was a pleasure speaking with you today about the Data Engineer opportunity at Acme Analytics. I appreciated you walking me through the ingestion architecture, and I was particularly interested in the plan to consolidate the three Airflow clusters. Having consolidated two schedulers at Initrode last year, I know how much careful sequencing that work needs, and I'd welcome the chance to help.

Thank you again for your time and for the thoughtful questions. Please don't hesitate to reach out if there's anything else I can provide.

Sincerely,
Alex Kim
""",
    "status-check": """Subject: Re: Thank you - Data Engineer interview

Hi Ms. Chen,

I hope all is well. I wanted to follow up on my March 3rd interview for the Data Engineer position. I'm still very enthusiastic about the opportunity to join Acme Analytics and contribute to the streaming work we discussed.

Would you be able to share an update on the hiring timeline? Thank you for your time and consideration.

Kind regards,
Alex Kim
""",
    "withdrawal": """Subject: Withdrawing my application - Data Engineer

Dear Dana,

Thank you for the time you and your team have invested in my candidacy for the Data Engineer role. After much consideration, I have decided to withdraw from the process, as I have accepted another offer that aligns closely with my current goals.

I truly enjoyed learning about Acme Analytics and hope we can stay in touch.

Best regards,
Alex Kim
""",
    "voicemail": """Hello Dana, it's Alex Kim calling, my number is 555 010 0142. I interviewed with you on March 3 for the Data Engineer role and I enjoyed our conversation. I'm calling to ask about the next steps in the process. You can reach me at 555 010 0142. Thanks so much, and have a great afternoon.""",
    "rejection-reply": """Dear Dana,

Thank you for letting me know about your decision. While I am disappointed, I appreciated the opportunity to learn about Acme Analytics and to meet the team.

I would welcome the chance to be considered for future openings, and I hope to stay in touch.

Best regards,
Alex Kim
""",
}
for _kind, _text in OTHER_STYLES.items():
    GOOD[_kind].append(_text)


def good_contexts(kind: str) -> LintContext:
    return context(kind, has_offer=kind in ("offer-ack", "offer-decline"))


@dataclass(frozen=True)
class Bad:
    """A draft that must trigger `rule`; `span` is the text the finding must underline."""

    rule: str
    kind: str
    text: str
    span: str | None = None
    changes: dict[str, object] = field(default_factory=dict)

    @property
    def ctx(self) -> LintContext:
        return context(self.kind, **self.changes)


def edit(kind: str, old: str, new: str, index: int = 0) -> str:
    text = GOOD[kind][index]
    assert old in text, f"{old!r} is not in the good {kind} draft"
    return text.replace(old, new, 1)


LONG_SENTENCE = (
    "We also talked about the way the platform team reviews schema changes, the on-call rotation, "
    "the dashboards that the analysts rely on every morning, and the plans for the next quarter. "
)
THANK_YOU_DETAIL = (
    "I especially enjoyed hearing how your team is moving its nightly batch jobs to streaming. "
)
STATUS = GOOD["status-check"][0]
VOICEMAIL = GOOD["voicemail"][0]
VOICEMAIL_FILLER = (
    "It was great to learn how the team works and what the first months would look like. "
)

BAD: list[Bad] = [
    Bad("LINT-LENGTH-THANKS", "thank-you",
        "Dear Dana,\n\nThank you for meeting me about the Data Engineer role. I am interested. "
        "Any questions are welcome.\n\nBest regards,\nAlex Kim\n"),
    Bad("LINT-LENGTH-THANKS", "thank-you", edit("thank-you", THANK_YOU_DETAIL, THANK_YOU_DETAIL + LONG_SENTENCE * 4)),
    Bad("LINT-LENGTH-THANKS-MAX", "thank-you", edit("thank-you", THANK_YOU_DETAIL, THANK_YOU_DETAIL + LONG_SENTENCE * 8)),
    Bad("LINT-PARAGRAPHS-THANKS", "thank-you", edit("thank-you", THANK_YOU_DETAIL, THANK_YOU_DETAIL + "\n\n")),
    Bad("LINT-PARAGRAPHS-MAX", "status-check",
        edit("status-check", "I understand these decisions take time. ",
             "I understand.\n\nThese decisions take time.\n\nReally.\n\n")),
    Bad("LINT-PARAGRAPHS-SHORT", "status-check",
        edit("status-check", "I understand these decisions take time. ", "I understand these decisions take time.\n\n")),
    Bad("LINT-LENGTH-STATUS", "status-check",
        "Dear Dana,\n\nAny update on the Data Engineer role since March 3? I remain interested.\n\n"
        "Best regards,\nAlex Kim\n"),
    Bad("LINT-LENGTH-REPLY", "withdrawal",
        "Dear Ms. Chen,\n\nThank you for your time. I withdraw my application for the Data Engineer "
        "role.\n\nSincerely,\nAlex Kim\n"),
    Bad("LINT-LENGTH-NOTE", "final-note",
        edit("final-note", "Thank you again for your time.", LONG_SENTENCE * 2 + "Thank you again for your time.")),
    Bad("LINT-LENGTH-MAX", "status-check",
        edit("status-check", "I understand these decisions take time. ", LONG_SENTENCE * 5)),
    Bad("LINT-LENGTH-VOICEMAIL", "voicemail",
        edit("voicemail", "I would love", VOICEMAIL_FILLER * 2 + "I would love")),
    Bad("LINT-LENGTH-VOICEMAIL-MAX", "voicemail",
        edit("voicemail", "I would love", VOICEMAIL_FILLER * 5 + "I would love")),
    Bad("LINT-LENGTH-LINKEDIN-NOTE", "linkedin-note",
        GOOD["linkedin-note"][0].replace(
            "I enjoyed our conversation",
            "I enjoyed our conversation about streaming, data quality, the on-call rotation and the "
            "roadmap for the next year")),
    Bad("LINT-LENGTH-LINKEDIN-MESSAGE", "linkedin-message",
        edit("linkedin-message", "I would be glad", LONG_SENTENCE * 3 + "I would be glad")),
    Bad("LINT-GREETING", "thank-you", edit("thank-you", "Dear Ms. Chen,\n\n", ""),
        span="Thank you for taking the time to meet with me on Tuesday about the Data Engineer role at Acme Analytics."),
    Bad("LINT-GREETING", "status-check", edit("status-check", "Dear Ms. Chen,", "Dear Hiring Manager,"),
        span="Dear Hiring Manager,"),
    Bad("LINT-GREETING-NAME", "thank-you", edit("thank-you", "Dear Ms. Chen,", "Dear Raj,"), span="Raj"),
    Bad("LINT-GREETING-NAME", "thank-you", edit("thank-you", "Dear Ms. Chen,", "Dear Ms. Chan,"), span="Ms. Chan"),
    Bad("LINT-SIGNOFF", "thank-you", edit("thank-you", "Best regards,\n", "")),
    Bad("LINT-SIGNOFF", "status-check", edit("status-check", "Best regards,", "Cheers,"), span="Cheers"),
    Bad("LINT-SUBJECT-LENGTH", "thank-you",
        edit("thank-you", "Subject: Thank you - Data Engineer interview",
             "Subject: Thank you so much for the Data Engineer interview with the whole team on Tuesday"),
        span="Thank you so much for the Data Engineer interview with the whole team on Tuesday"),
    Bad("LINT-SUBJECT-THANKS", "thank-you",
        edit("thank-you", "Subject: Thank you - Data Engineer interview", "Subject: Checking in"), span="Checking in"),
    Bad("LINT-SUBJECT-STATUS", "status-check",
        edit("status-check", "Subject: Following up: Data Engineer interview on March 3", "Subject: Hello again"),
        span="Hello again"),
    Bad("LINT-CC", "thank-you",
        edit("thank-you", "Subject: Thank you - Data Engineer interview\n",
             "Subject: Thank you - Data Engineer interview\nCc: raj@acme.example\n"), span="raj@acme.example"),
    Bad("LINT-ROLE", "thank-you",
        edit("thank-you", "about the Data Engineer role at Acme Analytics", "").replace(
            "Subject: Thank you - Data Engineer interview", "Subject: Thank you")),
    Bad("LINT-INTERVIEW-DATE", "status-check", edit("status-check", "my interview on March 3", "my interview")),
    Bad("LINT-THANKS", "thank-you",
        edit("thank-you", "Thank you for taking the time to meet with me", "I met with you")),
    Bad("LINT-DETAIL", "thank-you", edit("thank-you", THANK_YOU_DETAIL, "")),
    Bad("LINT-FIT", "thank-you",
        edit("thank-you", "In my current role I led a similar migration of forty pipelines to Kafka, so I "
             "would love to bring that experience to your team.", "")),
    Bad("LINT-INVITE-QUESTIONS", "thank-you",
        edit("thank-you", " If you have any further questions about my background, I am happy to answer them.", "")),
    Bad("LINT-INTEREST", "status-check",
        edit("status-check", "I remain very interested in the position and in helping your team move its "
             "pipelines to streaming.", "")),
    Bad("LINT-TIMING-QUESTION", "status-check",
        edit("status-check", "Is there any update you can share on the timeline? ", "")),
    Bad("LINT-VOICEMAIL-OPENING", "voicemail", edit("voicemail", ", at (555) 010-0142.", "."),
        span="Hi Dana, this is Alex Kim."),
    Bad("LINT-VOICEMAIL-OPENING", "voicemail",
        edit("voicemail", "Hi Dana, this is Alex Kim, at (555) 010-0142.", "Hi Dana, it's me again."),
        span="Hi Dana, it's me again."),
    Bad("LINT-VOICEMAIL-CLOSING", "voicemail",
        edit("voicemail", " Again, my number is 555-010-0142.", "")),
    Bad("LINT-VOICEMAIL-PURPOSE", "voicemail",
        edit("voicemail", "I would love to hear about the next steps when you have a moment.",
             "Call me when you have a moment.")),
    Bad("LINT-LINKEDIN-INTERVIEW", "linkedin-note",
        "Hi Dana, I follow your posts on data engineering and would be glad to stay connected. Alex"),
    Bad("LINT-PAY-TALK", "thank-you",
        edit("thank-you", "in the work ahead.", "in the salary range we discussed."), span="salary"),
    Bad("LINT-PAY-TALK", "status-check",
        edit("status-check", "Is there any update", "How many vacation days and what PTO policy come with it? Is there any update"),
        span="vacation"),
    Bad("LINT-DESPERATION", "status-check",
        edit("status-check", "I understand these decisions take time.", "I really need this job."),
        span="really need this job"),
    Bad("LINT-COMPLAINT", "status-check",
        edit("status-check", "I understand these decisions take time.", "I am still waiting, and you said you would call."),
        span="still waiting"),
    Bad("LINT-COMPLAINT", "status-check",
        edit("status-check", "I understand these decisions take time.", "Why haven't you replied to me?"),
        span="Why haven't"),
    Bad("LINT-DEMAND", "status-check",
        edit("status-check", "Is there any update you can share on the timeline?",
             "I need to hear by Friday, so please answer ASAP."), span="need to hear by"),
    Bad("LINT-DEMAND", "competing-offer",
        edit("competing-offer", "Would you be able to share where you are in your process?",
             "I need an answer by Friday."), span="need an answer by"),
    Bad("LINT-EXCUSE", "thank-you",
        edit("thank-you", "Thank you for taking", "Sorry for the delay, my laptop died. Thank you for taking"),
        span="Sorry for the delay"),
    Bad("LINT-EXCUSE", "voicemail",
        edit("voicemail", "I would love", "Sorry to bother you. I would love"), span="Sorry to bother"),
    Bad("LINT-CRITICISM", "rejection-reply",
        edit("rejection-reply", "I would be glad to stay in touch", "I think this is a mistake and I would be glad to stay in touch"),
        span="mistake"),
    Bad("LINT-EXCLAMATION", "thank-you",
        edit("thank-you", "in the work ahead.", "in the work ahead! Thanks again!"), span="!"),
    Bad("LINT-SUBJECT-EXCLAMATION", "thank-you",
        edit("thank-you", "Data Engineer interview\n", "Data Engineer interview!\n"), span="!"),
    Bad("LINT-SUBJECT-URGENT", "status-check",
        edit("status-check", "Subject: Following up", "Subject: URGENT: Following up"), span="URGENT"),
    Bad("LINT-STATUS-IN-THANKS", "thank-you",
        edit("thank-you", "in the work ahead.", "in the work ahead. When can I expect to hear back?"),
        span="When can I expect"),
    Bad("LINT-ATTACHMENT", "thank-you",
        edit("thank-you", "in the work ahead.", "in the work ahead. I have attached my portfolio."),
        span="attached"),
    Bad("LINT-LINKEDIN-ASK", "linkedin-note",
        GOOD["linkedin-note"][0].replace("would be glad to stay connected",
                                         "could you refer me to the hiring team"), span="could you"),
    Bad("LINT-COMPANY", "thank-you", edit("thank-you", "joining Acme Analytics", "joining Acme Analytcs"),
        span="Acme Analytcs"),
    Bad("LINT-COMPANY", "thank-you", edit("thank-you", "joining Acme Analytics", "joining Globex"),
        span="Globex"),
    Bad("LINT-COMPANY", "status-check",
        edit("status-check", "the Data Engineer role at Acme Analytics", "the Data Engineer role at Initech"),
        span="Initech", changes={"other_companies": ("Initech",)}),
    Bad("LINT-ROLE-MISMATCH", "thank-you", edit("thank-you", "the Data Engineer role", "the Data Scientist role"),
        span="Data Scientist"),
    Bad("LINT-TITLE-MISMATCH", "thank-you",
        edit("thank-you", "Thank you for taking the time", "In your role as Director of Sales, thank you for taking the time"),
        span="Director of Sales"),
    Bad("LINT-NAME-MISMATCH", "thank-you",
        edit("thank-you", "in the work ahead.", "in the work ahead. Please pass my thanks to Mr. Smith."),
        span="Smith"),
]  # fmt: skip

# Panel rules need several drafts: (rule, [(text, context), ...]).
BAD_PANELS: list[tuple[str, list[tuple[str, LintContext]]]] = [
    (
        "LINT-PANEL-SIMILAR",
        [
            PANEL[0],
            (
                THANK_YOU.replace("Dear Ms. Chen,", "Dear Raj,").replace(
                    THANK_YOU_DETAIL,
                    "I especially enjoyed hearing how you test the data before models see it. ",
                ),
                PANEL[1][1],
            ),
        ],
    ),
    (
        "LINT-PANEL-SHARED-DETAIL",
        [
            PANEL[0],
            (
                PANEL[1][0].replace(
                    "Our discussion of how you test data quality before a model sees it stayed with me;",
                    THANK_YOU_DETAIL.strip(),
                ),
                PANEL[1][1],
            ),
        ],
    ),
]

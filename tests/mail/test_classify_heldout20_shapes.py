"""Shapes heldout20 taught: a recruiter's own mail is a person's but the same mail sent by
a tool with its marks is automated, a job scam's cheque, fee and chat-app interview are spam
wording, a help desk is known by its ticket numbers and its thread tokens, and a chat
platform's notice from a group named for jobs is no ATS mail. Each test writes its own
message, in other words than the batch, beside a twin that looks alike but is read the
other way."""

from __future__ import annotations

from mail_samples import USER, message

from followup.mail.reading.classify import MessageClass, MessageInfo, classify_message

RECRUITER = "Tobias Lindqvist <tobias.lindqvist@saltmarsh-energy.example>"
TOOL = (
    "Return-Path: <bounces+77.c9@em.sequencer.example>\r\n"
    "List-Unsubscribe: <https://sequencer.example/u/77c9>\r\n"
)


def classify(from_: str, subject: str, body: str, extra: str = "") -> MessageInfo:
    return classify_message(message(from_, subject, body, extra), user_addresses=[USER])


def outreach(title: str) -> str:
    return (
        "Hi Alice,\n\nYour grid-planning work at Fenwick stood out to me. We're adding a "
        "planner to our Aberdeen office and I'd like to tell you about it over a short call.\n\n"
        f"Tobias Lindqvist\n{title}, Saltmarsh Energy\n+44 1224 000 118\n\n"
        "Unsubscribe from these emails"
    )


def test_a_recruiters_own_mail_is_a_persons_and_through_a_tool_is_automated() -> None:
    own = outreach("Talent Acquisition Lead").replace("\n\nUnsubscribe from these emails", "")
    info = classify(RECRUITER, "Planner role in Aberdeen", own)
    assert info.kind is MessageClass.REPLY, info.evidence
    # the same words sent by a tool with its marks are a mailing's: taking one for a reply
    # would pause the user's follow-ups, so a tool's mail is automated whoever wrote it
    tool = classify(
        RECRUITER, "Planner role in Aberdeen", outreach("Talent Acquisition Lead"), TOOL
    )
    assert tool.kind is MessageClass.OTHER, tool.evidence
    body = "Hi Alice,\n\nCircling back on the planner role - still keen to chat?\n\nTobias"
    step = TOOL + "In-Reply-To: <step1@em.sequencer.example>\r\n"
    assert classify(RECRUITER, "Re: Planner role", body, step).kind is MessageClass.OTHER
    plain = "In-Reply-To: <step1@mail.saltmarsh-energy.example>\r\n"
    assert classify(RECRUITER, "Re: Planner role", body, plain).kind is MessageClass.REPLY


def test_a_job_scams_cheque_and_fee_are_spam_wording() -> None:
    body = (
        "Congratulations on the assistant post. We will send you a cheque for your home "
        "office; buy the laptop from our approved vendor and keep the rest."
    )
    info = classify("Hiring Desk <hiring.desk.2027@mail.example>", "Next steps", body)
    assert info.kind is MessageClass.OTHER, info.evidence
    assert any("spam wording" in e for e in info.evidence)
    fee = "Your offer letter is ready. Pay the training fee, refundable after your first month."
    assert classify("Hiring Desk <hiring.desk.2027@mail.example>", "Offer", fee).kind is (
        MessageClass.OTHER
    )
    friend = "I'll send you a cheque for the concert tickets when I'm back, thanks for sorting!"
    assert classify("Meg Harris <meg.h@mail.example>", "tickets", friend).kind is (
        MessageClass.REPLY
    )


def test_a_help_desk_is_known_by_its_ticket_number_and_thread_token() -> None:
    ack = "Thanks, we have your request and will answer within a day."
    tagged = classify(
        "Quill Support <hello@quill.example>",
        "[#QLL-2231-4471]: Billing question",
        ack,
        "Auto-Submitted: auto-replied\r\n",
    )
    assert tagged.kind is MessageClass.OTHER, tagged.evidence
    absent = classify(
        "Quill Support <hello@quill.example>",
        "Billing question",
        "I am away until Monday and will answer then.",
        "Auto-Submitted: auto-replied\r\n",
    )
    assert absent.kind is MessageClass.AUTO_REPLY, absent.evidence
    agent = "Dear Alice,\n\nI have corrected the meter reading.\n\nSam Okoro\n"
    token = classify(
        "Sam Okoro <care@meters.example>", "RE: Reading", agent + "ref:_00D1x2Y.500Ab3c:ref\n"
    )
    assert token.kind is MessageClass.OTHER, token.evidence
    assert classify("Sam Okoro <sam.okoro@meters.example>", "RE: Reading", agent).kind is (
        MessageClass.REPLY
    )


def test_a_chat_platforms_notice_from_a_jobs_group_is_no_ats_mail() -> None:
    robot = "Chatter <no-reply@chatter.example>"
    notice = classify(robot, "New messages from Ola in Job Seekers North", "Ola: see you there")
    assert notice.kind is MessageClass.OTHER, notice.evidence
    ats = classify(robot, "Your job application was received", "We will be in touch.")
    assert ats.kind is MessageClass.ATS, ats.evidence


def test_a_recruiters_mailing_through_a_tool_is_automated_one_role_or_many() -> None:
    roles = (
        "Hi Alice,\n\nThis week's roles:\n- Planner, Aberdeen\n- Analyst, Perth\n"
        "- Engineer, Dundee\n\nTobias Lindqvist\nSenior Recruiter, Saltmarsh Energy"
    )
    extra = TOOL + "X-SG-EID: a1b2c3\r\n"
    info = classify(RECRUITER, "Roles this week", roles, extra)
    assert info.kind is MessageClass.OTHER, info.evidence
    one = roles.replace("This week's roles:\n- Planner, Aberdeen\n- Analyst, Perth\n- ", "")
    one = one.replace("Engineer, Dundee", "Would the Dundee engineer role suit you?")
    assert classify(RECRUITER, "Engineer role", one, extra).kind is MessageClass.OTHER
    # the one role, written from the recruiter's own mailbox, is a person's
    assert classify(RECRUITER, "Engineer role", one).kind is MessageClass.REPLY

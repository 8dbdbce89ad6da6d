"""Mailing lists, corporate broadcasts and HTML mailings in the shapes of old public corpora
(heldout16), known by general signals. Each test writes its own message, in other words than
the batch, and fails without the signal it names; a person's mail beside it keeps the signal
from taking a person's note."""

from __future__ import annotations

from mail_samples import USER, message

from followup.mail.reading.classify import MessageClass, MessageInfo, classify_message
from followup.mail.reading.htmlsummary import summarize_html
from followup.mail.reading.parse import parse_message
from followup.mail.reading.text import reply_text

PERSON = "Wren Abernathy <wren.abernathy@copperleaf-labs.example>"
HTML = "text/html; charset=utf-8"


def classify(raw: bytes) -> MessageInfo:
    return classify_message(raw, user_addresses=[USER])


def test_a_list_footer_under_a_line_of_underscores_is_no_quote() -> None:
    post = (
        "Use the -r flag.\n\n" + "_" * 47 + "\nGardeners mailing list\nhttps://x.example/listinfo"
    )
    assert "listinfo" in reply_text(post)
    outlook = "Fine by me.\n\n" + "_" * 32 + "\nFrom: Ann <a@x.example>\nSent: Monday\n\nold"
    assert reply_text(outlook) == "Fine by me."
    body = post.replace("\n", "\r\n")
    info = classify(message(PERSON, "Re: pruning roses", body))
    assert info.kind is MessageClass.OTHER, info.evidence


def test_an_old_corporate_address_with_dots_in_a_row_is_an_address() -> None:
    raw = message("j..rivera@oldcorp.example", "RE: draft", "Looks good, send it Friday.")
    assert parse_message(raw).from_ is not None
    assert parse_message(raw).from_.email == "j..rivera@oldcorp.example"  # type: ignore[union-attr]
    assert classify(raw).kind is MessageClass.REPLY
    assert parse_message(message("..@oldcorp.example", "x")).from_ is None


def test_the_html_summary_counts_a_mailings_parts() -> None:
    markup = (
        '<a href="https://shop.example/c/1"><img src="https://shop.example/b.jpg"></a>'
        '<a href="http://203.0.113.9/login">Sign in</a>'
        '<a href="https://shop.example/prefs">Opt out</a>'
        '<img src="https://t.shop.example/o.gif" width="1" height="1">'
        '<img src="cid:logo@x" width="1" height="1"><img src="https://x.example/s.gif" width="1">'
    )
    summary = summarize_html([markup])
    assert summary is not None
    assert (summary.links, summary.images, summary.linked_images) == (3, 3, 1)
    assert (summary.pixels, summary.unsubscribe_links, summary.ip_links) == (1, 1, 1)
    assert summarize_html([]) is None
    white = summarize_html(['<font color="#FFFFFF">hidden</font>'])
    assert white is not None and white.white_text
    dark = summarize_html(['<body bgcolor="#000"><font color="white">shown</font></body>'])
    assert dark is not None and not dark.white_text


def test_html_with_an_unsubscribe_link_is_a_mailing_unless_it_is_quoted() -> None:
    body = (
        "<p>Hi Alice, our spring range is in.</p>"
        '<p><a href="https://news.example/u/9">Unsubscribe</a></p>'
    )
    info = classify(message(PERSON, "Spring is here", body, content_type=HTML))
    assert info.kind is MessageClass.OTHER, info.evidence
    assert "an unsubscribe link" in info.evidence
    forward = (
        "<p>Alice - this one looks like your kind of role, shall I introduce you?</p>"
        "<p>From: Job Digest &lt;digest@jobs.example&gt;<br>Date: Monday<br></p>"
        '<p>Data analyst at Northwind. <a href="https://jobs.example/u">Unsubscribe</a></p>'
    )
    fwd = classify(message(PERSON, "Fwd: roles this week", forward, content_type=HTML))
    assert fwd.kind is MessageClass.REPLY, fwd.evidence


def test_linked_images_with_almost_no_words_are_a_mailing() -> None:
    body = '<a href="https://deals.example/"><img src="https://deals.example/a.png"></a>'
    info = classify(message(PERSON, "Re: tonight", body, content_type=HTML))
    assert info.kind is MessageClass.OTHER, info.evidence
    words = "<p>Here is the floor plan for Thursday; the room is on the left.</p>" * 3
    plan = words + '<img src="https://cdn.copperleaf-labs.example/plan.png">'
    assert classify(message(PERSON, "Floor plan", plan, content_type=HTML)).kind is (
        MessageClass.REPLY
    )


def test_a_department_sender_is_a_broadcast_a_person_with_an_affiliation_is_not() -> None:
    for sender in (
        "facilities.services@bigco.example",
        "Travel Desk <travel@bigco.example>",
        "Office of the Provost <provost@uni.example>",
    ):
        info = classify(message(sender, "Lift outage", "Lifts 3 and 4 are out on Monday."))
        assert info.kind is MessageClass.OTHER, (sender, info.evidence)
    person = "Noor Haddad (Chemistry Department) <noor.haddad@uni.example>"
    assert classify(message(person, "Lab keys", "Keys are with me.")).kind is MessageClass.REPLY
    founder = "Maya Chen <team@loop-studio.example>"
    assert classify(message(founder, "Lab keys", "Keys are with me.")).kind is MessageClass.REPLY
    # a recruiting team's name is left to the ATS and words rules
    team = "Northwind Talent Team <jobs@northwind.example>"
    info = classify(message(team, "Friday", "See you at 10 on Friday."))
    assert not any("department" in e for e in info.evidence), info.evidence
    services = "Northwind Services Team <team@northwind.example>"
    info = classify(message(services, "Your interview on Friday", "See you at 10."))
    assert not any("department" in e for e in info.evidence), info.evidence


def test_an_old_export_names_the_department_in_x_from() -> None:
    extra = "X-From: Records Management Team@BIGCO\r\nX-To: Alice Candidate\r\n"
    info = classify(message("records@bigco.example", "Retention", "Shred by May.", extra))
    assert info.kind is MessageClass.OTHER, info.evidence
    person = "X-From: Rivera, Jo </O=BIGCO/OU=NA/CN=RECIPIENTS/CN=JRIVERA>\r\n"
    assert classify(message("jo.rivera@bigco.example", "Retention", "ok", person)).kind is (
        MessageClass.REPLY
    )


def test_a_distribution_list_or_the_senders_own_address_hides_the_readers() -> None:
    raw = message(PERSON, "Parking this week", "The west lot is closed until Thursday.")
    own = b"wren.abernathy@copperleaf-labs.example"
    for to in (b"all.staff@bigco.example", b"dl-london@bigco.example", own):
        info = classify(raw.replace(f"To: {USER}".encode(), b"To: " + to))
        assert info.kind is MessageClass.OTHER, (to, info.evidence)
    assert classify(raw).kind is MessageClass.REPLY


def test_a_list_servers_sender_marks_a_post() -> None:
    extra = "Sender: Weavers discussion <WEAVE-L@LISTSERV.CRAFTS.EXAMPLE>\r\n"
    info = classify(message(PERSON, "Warp tension", "Loosen the back beam.", extra))
    assert info.kind is MessageClass.OTHER, info.evidence
    own = "Sender: wren.abernathy@copperleaf-labs.example\r\n"
    assert classify(message(PERSON, "Warp", "Loosen it.", own)).kind is MessageClass.REPLY
    many = message(PERSON, "Warp", "Loosen it.").replace(
        f"To: {USER}".encode(), b"To: Multiple recipients of list WEAVE-L <WEAVE-L@x.example>"
    )
    assert classify(many).kind is MessageClass.OTHER


def test_a_greeting_naming_the_users_address_in_brackets_is_a_programs() -> None:
    body = f"Dear alice77 ({USER}),\r\n\r\nYour saved search has two new results."
    info = classify(message(PERSON, "Saved search", body))
    assert info.kind is MessageClass.OTHER, info.evidence


def test_one_word_of_spams_own_makes_spam() -> None:
    info = classify(message(PERSON, "hey", "hi there, see my pics at the link ;)"))
    assert info.kind is MessageClass.OTHER, info.evidence
    assert classify(message(PERSON, "hey", "hi there, see my notes below")).kind is (
        MessageClass.REPLY
    )


def test_a_list_admin_envelope_a_feed_a_daemon_and_a_company_are_no_person() -> None:
    admin = "Errors-To: birders-admin@lists-host.example\r\n"
    info = classify(message(PERSON, "Re: owls", "Two barn owls at the mill last night.", admin))
    assert info.kind is MessageClass.OTHER, info.evidence
    for sender in (
        "Daily Headlines <rss-digest@feeds.example>",
        "tracker-daemon@bugs.example.org",
        "Harbor Lines Ltd. <fares@harborlines.example>",
    ):
        info = classify(message(sender, "Update", "Three items changed this week."))
        assert info.kind is MessageClass.OTHER, (sender, info.evidence)
    own = "Errors-To: wren.abernathy@copperleaf-labs.example\r\n"
    assert classify(message(PERSON, "Re: owls", "Two owls.", own)).kind is MessageClass.REPLY


def test_a_persons_html_keeps_its_links_and_logo() -> None:
    body = '<p>Looks good; <a href="https://x.example/n">remove the old project</a> though.</p>'
    info = classify(message(PERSON, "Re: site", body, content_type=HTML))
    assert info.kind is MessageClass.REPLY, info.evidence
    alternative = (
        "--b\r\nContent-Type: text/plain\r\n\r\nTuesday works.\r\n--b\r\n"
        "Content-Type: text/html\r\n\r\n<p>Tuesday works.</p>"
        '<a href="https://copperleaf-labs.example"><img src="https://copperleaf-labs.example/l.png">'
        "</a>\r\n--b--"
    )
    mixed = 'multipart/alternative; boundary="b"'
    info = classify(message(PERSON, "RE: Tuesday", alternative, content_type=mixed))
    assert info.kind is MessageClass.REPLY, info.evidence


def test_an_old_exports_x_to_names_a_distribution_list() -> None:
    extra = "X-To: All Harbour Office\r\n"
    raw = message(PERSON, "Reviews", "Forms open on Monday.", extra)
    info = classify(raw.replace(f"To: {USER}".encode(), b"To: harbour.office@bigco.example"))
    assert info.kind is MessageClass.OTHER, info.evidence
    assert classify(raw).kind is MessageClass.REPLY  # the user named in To


def test_the_korean_advertising_mark_is_spam() -> None:
    info = classify(message(PERSON, "(광고) 가을 세일", "이번 주 할인"))
    assert info.kind is MessageClass.OTHER, info.evidence


def test_a_persons_mail_tracker_or_test_server_makes_no_mailing() -> None:
    tracked = (
        "<p>Hi Alice, following up on Tuesday's chat - does Thursday suit?</p>"
        '<img src="https://track.mailtool.example/p/1.gif" width="1" height="1">'
    )
    info = classify(message(PERSON, "Thursday?", tracked, content_type=HTML))
    assert info.kind is MessageClass.REPLY, info.evidence
    server = '<p>The build is up at <a href="http://192.168.4.20:8080/">the test box</a>.</p>'
    info = classify(message(PERSON, "Build", server, content_type=HTML))
    assert info.kind is MessageClass.REPLY, info.evidence
    assert classify(message("rssmith@copperleaf-labs.example", "Build", "ok")).kind is (
        MessageClass.REPLY
    )
    page = tracked + "".join(f'<a href="https://shop.example/{i}">Item {i}</a>' for i in range(4))
    info = classify(message(PERSON, "Thursday?", page, content_type=HTML))
    assert info.kind is MessageClass.OTHER, info.evidence


def test_a_mailings_host_subject_tag_subject_and_department_signature() -> None:
    news = "Harbour Weekly <editor@newsletters.harbour.example>"
    info = classify(message(news, "Ferry timetable", "Ferries run hourly from Monday."))
    assert info.kind is MessageClass.OTHER, info.evidence
    post = message(PERSON, "[birders-l] Owls at the mill", "Two barn owls last night.")
    listed = post.replace(f"To: {USER}".encode(), b"To: birders-l@lists-host.example")
    assert classify(listed).kind is MessageClass.OTHER
    weekly = classify(message(PERSON, "The Weekly Newsletter", "Three things this week."))
    assert weekly.kind is MessageClass.OTHER, weekly.evidence
    answer = "In-Reply-To: <n1@gmail.example>\r\n"
    reply = classify(message(PERSON, "Re: The Weekly Newsletter", "Loved it.", answer))
    assert reply.kind is MessageClass.REPLY, reply.evidence
    signed = "Your card ending 4411 was renewed.\r\n\r\nSincerely,\r\nCardholder Services"
    info = classify(message("Northbank <cards@northbank.example>", "Card renewed", signed))
    assert info.kind is MessageClass.OTHER, info.evidence
    person = "The keys are at the front desk.\r\n\r\nThanks,\r\nNoor (Chemistry Department)"
    assert classify(message(PERSON, "Keys", person)).kind is MessageClass.REPLY
    hr = "Your interview is on Friday at 10.\r\n\r\nRegards,\r\nPeople Services"
    assert classify(message(PERSON, "Friday", hr)).kind is MessageClass.REPLY


def test_a_person_signing_as_a_company_or_writing_from_a_newsroom_is_a_person() -> None:
    signed = "Draft attached.\r\n\r\nRegards,\r\nAbernathy Consulting Services"
    assert classify(message(PERSON, "contract", signed)).kind is MessageClass.REPLY
    newsroom = "Kim Holt <kholt@news.tidewater.example>"
    answer = "In-Reply-To: <n2@gmail.example>\r\n"
    info = classify(message(newsroom, "Re: reporter role", "Send two clips.", answer))
    assert info.kind is MessageClass.REPLY, info.evidence
    # the user's own name ("Candidate") is no word of recruiting that spares a department
    company = '"Tradewell" <accounts@tradewell.example>'
    notice = "Dear Alice Candidate,\r\n\r\nFees change on May 1.\r\n\r\n"
    notice += "Sincerely,\r\nClient Services"
    info = classify(message(company, "About your account", notice))
    assert info.kind is MessageClass.OTHER, info.evidence


def test_a_widows_fortune_and_a_chat_app_job_are_spam_not_offers() -> None:
    widow = "Greetings of the day. I seek a trustworthy person to receive my late husband's funds."
    info = classify(message(PERSON, "Greetings", widow))
    assert info.kind is MessageClass.OTHER, info.evidence
    job = "We would like to offer you a remote role, no experience needed. Interviews on Telegram."
    info = classify(message(PERSON, "Remote role", job))
    assert info.kind is MessageClass.OTHER, info.evidence
    digest = "Popular topics this week.\r\n\r\nYou are subscribed to the weekly summary."
    info = classify(message(PERSON, "Summary", digest))
    assert info.kind is MessageClass.OTHER, info.evidence


def test_a_forward_header_starts_the_quoted_part() -> None:
    notes = "Did you see this?\n\nKay\n----- Forwarded by Kay Mann/Corp/Acme on 05/30/2001 -----\n"
    assert (
        reply_text(notes + "\nTo unsubscribe, write to news@acme.example")
        == "Did you see this?\n\nKay"
    )
    gmail = "see below\n\n---------- Forwarded message ---------\nFrom: a\n\nunsubscribe"
    assert reply_text(gmail) == "see below"
    assert reply_text("fyi\n\nBegin forwarded message:\n\nFrom: b") == "fyi"
    body = notes.replace("\n", "\r\n") + "\r\nYou are receiving this email because you subscribed."
    assert classify(message(PERSON, "Fw: news", body)).kind is MessageClass.REPLY

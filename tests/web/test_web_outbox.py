"""Sending from the draft editor and the outbox page, against a real aiosmtpd delivering into
a real Dovecot: a thank-you sent from the browser arrives once (a double click too), waits
when sent later, lands in Drafts; the outbox lists each message and takes Cancel; and
without a mailbox both pages say how to set one up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from starlette.testclient import TestClient
from webtools import Served, check_page, seed_search

from followup.app.context import Context


@dataclass
class Mailbox:
    dovecot: Any
    smtp: Any
    sam: Any  # the user's own mailbox
    dana: Any  # the interviewer's
    action_id: str  # the planned thank-you to Dana
    text: str  # its draft, as the editor shows it

    def arrived(self) -> list[Any]:
        """What the SMTP server accepted for Dana."""
        return [r for r in self.smtp.received if self.dana.address in r.rcpt_tos]


def thank_you_of(ctx: Context) -> str:
    from followup.app.planning import plan_applications

    (planned,) = plan_applications(ctx)
    (action,) = [a for a in planned.plan.actions if a.kind.value == "thank-you"]
    return action.id


@pytest.fixture
def mailbox(web_ctx: Context, mail_servers: Any, monkeypatch: pytest.MonkeyPatch) -> Mailbox:
    """Sam's account on the test servers (password from the environment) and the search of
    `seed_search`, with Dana's address on the same Dovecot."""
    from outbox_rounds import add_mail_account

    dovecot, smtp = mail_servers
    sam, dana = dovecot.add_user(), dovecot.add_user()
    add_mail_account(web_ctx, dovecot, smtp, sam)
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD", sam.password)
    seed_search(web_ctx, profile=True, email=dana.address)
    from followup.app.drafts import DraftRequest, draft_of

    action_id = thank_you_of(web_ctx)
    text = draft_of(web_ctx, DraftRequest(action_id, use_ai=False)).draft.text()
    return Mailbox(dovecot, smtp, sam, dana, action_id, text)


def test_send_a_thank_you_from_the_browser_once_despite_a_second_submit(
    page: Any, served: Served, mailbox: Mailbox
) -> None:
    page.goto(f"/actions/{mailbox.action_id}/draft")
    assert page.locator("#no-mailbox").count() == 0
    check_page(page, "draft-send")
    # The same draft open in a second tab: its Send is a second submit of the same form.
    again = page.context.new_page()
    again.goto(f"/actions/{mailbox.action_id}/draft")
    page.get_by_role("button", name="Send now").dblclick()
    page.wait_for_url(re.compile(r"/outbox\?done=\d+#msg-\d+$"))
    again.get_by_role("button", name="Send now").click()
    again.wait_for_url(page.url)  # lands on the message the first submit sent
    assert page.get_by_role("status").inner_text().endswith(": sent.")
    (card,) = page.locator("ul.outbox > li").all()
    assert "sent" in card.locator(".badge").first.inner_text()
    assert mailbox.dana.address in card.inner_text()
    check_page(page, "outbox")

    (received,) = mailbox.arrived()  # one message, however many submits
    assert b"Subject: Thank you" in received.data
    assert len(mailbox.dovecot.messages(mailbox.dana)) == 1
    # The touch is recorded and the plan moved on: no draft of it any more.
    page.get_by_role("link", name="its application").click()
    assert page.locator(f"a[href='/actions/{mailbox.action_id}/draft']").count() == 0


def test_phone_width_outbox_and_editor_pass_axe(
    page: Any, served: Served, mailbox: Mailbox
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/actions/{mailbox.action_id}/draft")
    page.get_by_label("Send later, at (your clock)").fill("2026-03-05T09:00")
    page.get_by_role("button", name="Send later").click()
    page.wait_for_url(re.compile(r"/outbox\?done=\d+"))
    assert "waits until Thu 05 Mar 2026, 09:00" in page.get_by_role("status").inner_text()
    check_page(page, "outbox-phone")
    page.get_by_role("button", name=re.compile(r"^Cancel")).click()
    page.wait_for_url(re.compile(r"/outbox\?done=\d+"))
    assert page.get_by_role("status").inner_text().endswith(": cancelled.")
    assert mailbox.arrived() == []


def token(client: TestClient) -> str:
    return str(client.get("/api/session").json()["csrf_token"])


def send(client: TestClient, mailbox: Mailbox, **fields: str) -> Any:
    """The editor's form, submitted by one of its send buttons (with the draft's own text
    unless `text` is given)."""
    form = {"csrf_token": token(client), "text": mailbox.text, **fields}
    return client.post(f"/actions/{mailbox.action_id}/send", data=form, follow_redirects=False)


def outbox_rows(client: TestClient) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = client.get("/api/outbox").json()
    return rows


def test_a_second_submit_lands_on_the_first_message(client: TestClient, mailbox: Mailbox) -> None:
    first = send(client, mailbox, how="now")
    second = send(client, mailbox, how="now")
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"]
    (row,) = outbox_rows(client)
    assert row["state"] == "sent" and row["recorded"] is True
    assert first.headers["location"] == f"/outbox?done={row['id']}#msg-{row['id']}"
    assert len(mailbox.arrived()) == 1


def test_send_later_waits_in_the_outbox_until_its_time(
    client: TestClient, mailbox: Mailbox
) -> None:
    response = send(client, mailbox, how="later", send_at="2026-03-05T09:00")
    assert response.status_code == 303
    (row,) = outbox_rows(client)
    assert row["state"] == "pending"
    # 09:00 on the user's clock (New York), 14:00 UTC.
    assert datetime.fromisoformat(row["send_after"]) == datetime(2026, 3, 5, 14, 0, tzinfo=UTC)
    assert mailbox.arrived() == []


@pytest.mark.parametrize(
    ("send_at", "message"),
    [
        ("", "The time to send it is required."),
        ("2026-03-04T09:00", "The time to send it later has passed."),
        ("tomorrow", "is not a date and time"),
    ],
)
def test_a_bad_time_to_send_later_is_shown_next_to_its_field(
    client: TestClient, mailbox: Mailbox, send_at: str, message: str
) -> None:
    response = send(client, mailbox, how="later", send_at=send_at)
    assert response.status_code == 400
    error = re.search(r'<p class="error" id="e-send_at">(.*?)</p>', response.text)
    assert error is not None and message in error.group(1)
    assert 'aria-invalid="true"' in response.text
    assert outbox_rows(client) == []


def test_save_to_drafts_puts_it_in_the_drafts_folder(client: TestClient, mailbox: Mailbox) -> None:
    assert send(client, mailbox, how="drafts").status_code == 303
    (row,) = outbox_rows(client)
    assert row["state"] == "drafted" and row["mode"] == "draft"
    assert len(mailbox.dovecot.messages(mailbox.sam, "Drafts")) == 1
    assert mailbox.arrived() == []
    # Withdrawn from the outbox page: the action may be sent anew.
    outbox = client.post(
        f"/outbox/{row['id']}/cancel", data={"csrf_token": token(client)}, follow_redirects=True
    )
    assert f"Message {row['id']}: cancelled." in outbox.text
    assert outbox_rows(client)[0]["state"] == "cancelled"


def test_a_held_message_is_settled_from_the_outbox(client: TestClient, mailbox: Mailbox) -> None:
    """The server kept the message but the connection dropped before it said so: the
    outbox holds it until the user says it arrived (and sends nothing again by itself)."""
    mailbox.smtp.faults.drop_after_store = True
    try:
        assert send(client, mailbox, how="now").status_code == 303
    finally:
        mailbox.smtp.reset()
    (row,) = outbox_rows(client)
    assert row["state"] == "needs-confirmation"
    page = client.get("/outbox").text
    assert f"It arrived (message {row['id']})" in page
    assert f"Cancel (message {row['id']})" not in page  # it may have gone out
    # A second submit of the editor neither queues nor sends it again.
    assert send(client, mailbox, how="now").status_code == 303
    settled = client.post(
        f"/outbox/{row['id']}/arrived",
        data={"csrf_token": token(client)},
        follow_redirects=True,
    )
    assert f"Message {row['id']}: sent." in settled.text
    (row,) = outbox_rows(client)
    assert row["state"] == "sent" and row["recorded"] is True
    assert mailbox.arrived() == []  # since the reset: nothing went out again
    assert len(mailbox.dovecot.messages(mailbox.dana)) == 1


def test_a_draft_with_lint_errors_is_not_sent(client: TestClient, mailbox: Mailbox) -> None:
    response = send(client, mailbox, how="now", text="Subject: hi\n\nThanks!")
    assert response.status_code == 400
    assert "The draft has lint errors" in response.text
    assert "Subject: hi" in response.text  # the user's words are kept in the editor
    assert outbox_rows(client) == []
    assert mailbox.arrived() == []


def test_wrong_ids_and_missing_tokens(client: TestClient, mailbox: Mailbox) -> None:
    form = {"csrf_token": token(client), "text": "x", "how": "now"}
    assert client.post("/actions/nope/send", data=form).status_code == 404
    for path in ("/outbox/4242/cancel", "/outbox/4242/arrived", "/outbox/1/explode"):
        response = client.post(path, data={"csrf_token": token(client)})
        assert response.status_code == 404, path
        assert "Traceback" not in response.text
    assert client.post(f"/actions/{mailbox.action_id}/send", data={"how": "now"}).status_code == 403
    assert outbox_rows(client) == []


def test_without_a_mailbox_the_pages_say_how_to_add_one(
    client: TestClient, web_ctx: Context
) -> None:
    seed_search(web_ctx, profile=True)
    draft = client.get(f"/actions/{thank_you_of(web_ctx)}/draft").text
    assert "followup account add" in draft and "Send now" not in draft
    outbox = client.get("/outbox")
    assert outbox.status_code == 200 and "followup account add" in outbox.text
    assert client.get("/api/outbox").json() == []


# ---- the same over the JSON API ----------------------------------------------------------


def api_send(client: TestClient, mailbox: Mailbox, **body: Any) -> Any:
    headers = {"X-CSRF-Token": token(client)}
    return client.post(f"/api/actions/{mailbox.action_id}/send", json=body, headers=headers)


def api_decide(client: TestClient, row_id: int, decision: str, body: Any = None) -> Any:
    headers = {"X-CSRF-Token": token(client)}
    return client.post(f"/api/outbox/{row_id}/{decision}", json=body, headers=headers)


def test_the_api_sends_once_and_says_so(client: TestClient, mailbox: Mailbox) -> None:
    first = api_send(client, mailbox, how="now", text=mailbox.text)
    assert first.status_code == 200, first.text
    assert first.json()["already"] is False and first.json()["message"]["state"] == "sent"
    second = api_send(client, mailbox, how="now")
    assert second.json()["already"] is True
    assert second.json()["message"]["id"] == first.json()["message"]["id"]
    (received,) = mailbox.arrived()  # one message, however many calls
    assert b"Subject: Thank you" in received.data
    refused = api_decide(client, first.json()["message"]["id"], "retry")
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "outbox.not-retryable"


def test_the_api_settles_a_held_message(client: TestClient, mailbox: Mailbox) -> None:
    mailbox.smtp.faults.drop_after_store = True
    try:
        held = api_send(client, mailbox, how="now").json()["message"]
    finally:
        mailbox.smtp.reset()
    assert held["state"] == "needs-confirmation"
    settled = api_decide(client, held["id"], "confirm", {"arrived": True})
    assert settled.json()["state"] == "sent" and settled.json()["recorded"] is True
    assert mailbox.arrived() == []  # since the reset: nothing went out again


def test_the_api_waits_saves_to_drafts_and_cancels(client: TestClient, mailbox: Mailbox) -> None:
    later = api_send(client, mailbox, how="later", send_at="2026-03-05T09:00").json()["message"]
    assert later["state"] == "pending" and later["send_after"].startswith("2026-03-05T14:00")
    cancelled = api_decide(client, later["id"], "cancel").json()
    assert cancelled["state"] == "cancelled"
    drafted = api_send(client, mailbox, how="drafts").json()
    assert drafted["already"] is False and drafted["message"]["mode"] == "draft"
    assert mailbox.arrived() == []


def test_the_api_refuses_a_draft_with_lint_errors(client: TestClient, mailbox: Mailbox) -> None:
    response = api_send(client, mailbox, how="now", text="Subject: hi\n\nThanks!")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "send.lint-errors"
    assert outbox_rows(client) == []
    for decision in ("cancel", "retry"):
        assert api_decide(client, 4242, decision).status_code == 404
    assert api_decide(client, 4242, "confirm", {"arrived": True}).status_code == 404

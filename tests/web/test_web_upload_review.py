"""Upload and review in the browser (Debian's Chromium through Playwright): an .ics that
books an interview, seen on the application page; a file of the wrong type refused next to
its field; a message without an invitation that matches no application put on Review and
filed there; and a message the sync could not place, seen on Review and dismissed. Each page
screenshotted and checked by axe."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from webtools import Served, ask_about, check_page, seed_search

FILES = Path(__file__).parent.parent / "fixtures" / "web"


def test_upload_an_invitation_and_see_the_interview(
    page: Any, served: Served, tmp_path: Path
) -> None:
    seed_search(served.ctx, profile=True)
    page.goto("/")
    page.get_by_role("link", name="Upload").click()
    page.wait_for_url(re.compile(r"/upload$"))
    check_page(page, "upload-form")

    wrong = tmp_path / "offer.pdf"
    wrong.write_bytes(b"%PDF-1.7 an offer letter")
    page.get_by_label("File").set_input_files(str(wrong))
    page.get_by_role("button", name="Upload").click()
    error = page.locator("#e-file")
    assert error.inner_text().startswith("Only .ics invitations and .eml messages are read")
    assert page.get_by_label("File").get_attribute("aria-invalid") == "true"
    check_page(page, "upload-refused")

    page.get_by_label("File").set_input_files(str(FILES / "second_round.ics"))
    page.get_by_role("button", name="Upload").click()
    changed = page.get_by_role("status")
    assert "What the file changed" in changed.inner_text()
    check_page(page, "upload-booked")
    changed.get_by_role("link", name=re.compile("^interview 2 of application 1")).click()
    page.wait_for_url(re.compile(r"/apps/1#interviews$"))
    interviews = page.locator("#interviews").inner_text()
    assert "Tue 10 Mar 2026, 14:00: on site with Lee Park" in interviews  # New York time
    assert "Sam Rivera" not in interviews

    page.goto("/upload")
    page.get_by_label("File").set_input_files(str(FILES / "unmatched_reply.eml"))
    page.get_by_role("button", name="Upload").click()
    read = page.get_by_role("status")
    assert "What followup read in the message" in read.inner_text()
    assert "It matches no single application, so it waits on the Review list" in read.inner_text()
    check_page(page, "upload-read")

    # Filed from Review under Acme: recorded from the kept bytes (no mailbox is set up).
    read.get_by_role("link", name="Review list").click()
    page.wait_for_url(re.compile(r"/review$"))
    item = page.locator("li.card")
    assert "in an uploaded file" in item.inner_text()
    check_page(page, "review-uploaded")
    item.get_by_label("File under").select_option("1")
    item.get_by_role("button", name="File it").click()
    page.wait_for_url(re.compile(r"/apps/1#timeline$"))
    assert "Re: our chat at the meetup" in page.locator("#timeline").inner_text()

    page.goto("/upload")  # the same file again: recorded already, nothing added
    page.get_by_label("File").set_input_files(str(FILES / "unmatched_reply.eml"))
    page.get_by_role("button", name="Upload").click()
    assert "It was recorded before" in page.get_by_role("status").inner_text()
    page.goto("/review")
    assert "Nothing to review." in page.locator("main").inner_text()


def test_review_a_message_and_dismiss_it(page: Any, served: Served) -> None:
    seed_search(served.ctx)
    ask_about(served.ctx, "<a1@northwind.example>", "Re: our chat at the meetup", [1])
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto("/review")
    item = page.locator("li.card")
    assert "Re: our chat at the meetup" in item.inner_text()
    assert item.get_by_label("File under").input_value() == "1"
    check_page(page, "review-list")
    item.get_by_role("button", name="Dismiss Re: our chat at the meetup").click()
    page.wait_for_url(re.compile(r"/review\?dismissed=1$"))
    assert page.get_by_role("status").inner_text().startswith("Dismissed")
    assert "Nothing to review." in page.locator("main").inner_text()
    check_page(page, "review-empty")

"""The main journey in a real browser (Debian's Chromium through Playwright): a profile, an
application, a person and an interview added by forms; the thank-you on Today; its draft
edited until the linter is happy; marked done, and the plan moves on; a card moved on the
board by keyboard. Every page is screenshotted and checked by axe-core."""

from __future__ import annotations

import re
from typing import Any

from webtools import Served, check_page

COMPANY = "Northwind Robotics"


def fill_profile(page: Any) -> None:
    page.goto("/profile")
    check_page(page, "profile")
    page.get_by_label("Your name").fill("Sam Rivera")
    page.get_by_label("Email").fill("sam@example.org")
    page.get_by_label("Phone").fill("+1 555 0100")
    page.get_by_label("What you bring").fill("six years of building firmware for motor drives")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Profile saved.").wait_for()


def add_application(page: Any) -> str:
    page.goto("/apps/new")
    check_page(page, "app-form")
    page.get_by_role("button", name="Add application").click()
    # The form again, each problem next to its field, the field marked invalid.
    assert page.locator("#e-company").inner_text() == "Company is required."
    assert page.get_by_label("Company (required)").get_attribute("aria-invalid") == "true"
    check_page(page, "app-form-errors")
    page.get_by_label("Company (required)").fill(COMPANY)
    page.get_by_label("Role (required)").fill("Firmware Engineer")
    page.get_by_label("Country code").fill("US")
    page.get_by_label("Time zone").fill("America/New_York")
    page.get_by_label("Notes").fill("<b>referred</b> by Lee")  # text, never markup
    page.get_by_role("button", name="Add application").click()
    page.wait_for_url(re.compile(r"/apps/\d+$"))
    assert page.locator(".notes").inner_text() == "<b>referred</b> by Lee"
    return str(page.url.rsplit("/", 1)[1])


def add_person_and_interview(page: Any, app_id: str) -> None:
    page.get_by_role("link", name="Add a person").click()
    check_page(page, "person-form")
    page.get_by_label("Name (required)").fill("Priya Natarajan")
    page.get_by_label("Email").fill("priya@northwind.example")
    page.get_by_role("button", name="Add person").click()
    page.wait_for_url(re.compile(rf"/apps/{app_id}#people$"))
    page.get_by_role("link", name="Add an interview").click()
    check_page(page, "interview-form")
    page.get_by_label("Start (required)").fill("2026-03-03T10:00")
    page.get_by_label("End").fill("2026-03-03T11:00")
    page.get_by_label("Kind").select_option("video")
    page.get_by_label("Priya Natarajan", exact=True).check()
    page.get_by_label("What stood out with Priya Natarajan").fill(
        "her plan to move the motor controllers to a real-time scheduler"
    )
    page.get_by_role("button", name="Add interview").click()
    page.wait_for_url(re.compile(rf"/apps/{app_id}#interviews$"))
    check_page(page, "application")


def edit_draft_until_happy(page: Any) -> str:
    page.goto("/")
    thank_you = page.locator(".action", has_text="Thank you to Priya Natarajan")
    thank_you.wait_for()
    assert "SEED-" in thank_you.locator(".why").inner_text()  # the why, with its rule ids
    check_page(page, "today")
    thank_you.get_by_role("link", name="Open draft").click()
    page.wait_for_url(re.compile(r"/actions/[^/]+/draft$"))
    action_id = page.url.split("/actions/")[1].split("/")[0]
    editor = page.get_by_label("Your message (checked as you type)")
    original = editor.input_value()
    assert "Priya" in original
    # Typing a bad draft: the linter marks it as the user types (an htmx request).
    editor.fill("Subject: hi\n\nThanks!")
    page.locator(".lint-status[data-ok=false]").wait_for()
    assert page.locator("#findings mark").count() > 0
    assert page.locator("#findings .hint").count() > 0
    check_page(page, "draft-findings")
    # Back to words the linter is happy with.
    editor.fill(original.replace("Thank you", "Thank you very much", 1))
    page.locator(".lint-status[data-ok=true]").wait_for()
    check_page(page, "draft-happy")
    page.get_by_role("button", name="Save my text").click()
    page.get_by_text("Your text is kept").wait_for()
    assert "Thank you very much" in editor.input_value()
    return action_id


def test_journey_from_application_to_done(page: Any, served: Served) -> None:
    fill_profile(page)
    app_id = add_application(page)
    add_person_and_interview(page, app_id)
    action_id = edit_draft_until_happy(page)
    page.get_by_role("button", name="Mark done (I sent it)").click()
    page.wait_for_url(re.compile(rf"/apps/{app_id}#plan$"))
    # The plan moved on: the thank-you is in the timeline as sent, no longer planned.
    plan = page.locator("#plan")
    assert "Thank you to Priya" not in plan.inner_text()
    assert plan.locator(".action").count() >= 1
    assert "Sent: thank you by email" in page.locator("#timeline").inner_text()
    check_page(page, "application-after-done")
    page.goto("/")
    assert page.locator(f"a[href='/actions/{action_id}/draft']").count() == 0
    check_page(page, "today-after-done")


def test_card_moves_on_the_board_by_keyboard(page: Any, served: Served) -> None:
    from followup.app.applications import NewApplication, add_application

    add_application(served.ctx, NewApplication("Contoso Labs", "Data Engineer", country="US"))
    page.goto("/board")
    check_page(page, "board")
    card = page.locator(".board-card", has_text="Contoso Labs")
    assert card.locator("xpath=ancestor::section").get_attribute("data-stage") == "applied"
    # Tab through the page until the card's "Move to" control has the focus.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id").startswith("move-"):
            break
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("move-")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("ArrowDown")  # from "open" to the next column
    target = page.evaluate("document.activeElement.value")
    assert target != "open"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Move"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/board#app-\d+$"))
    card = page.locator(".board-card", has_text="Contoso Labs")
    assert card.locator("xpath=ancestor::section").get_attribute("data-stage") == target
    check_page(page, "board-after-move")


def test_playbook_settings_and_error_pages(page: Any, served: Served) -> None:
    page.goto("/playbook")
    assert page.locator("[id^=rule-SEED-]").count() > 5
    check_page(page, "playbook")
    page.goto("/settings")
    assert page.get_by_label("Feed address").input_value().endswith(".ics")
    check_page(page, "settings")
    response = page.goto("/apps/424242")
    assert response.status == 404
    assert "Traceback" not in page.content()
    check_page(page, "not-found")


def test_readable_on_a_phone_in_dark_mode(browser: Any, served: Served) -> None:
    from followup.app.applications import NewApplication, add_application

    add_application(served.ctx, NewApplication("Fabrikam", "Platform Engineer"))
    context = browser.new_context(
        base_url=served.url, viewport={"width": 390, "height": 844}, color_scheme="dark"
    )
    phone = context.new_page()
    try:
        for path, name in (("/", "phone-today"), ("/board", "phone-board")):
            phone.goto(path)
            # Nothing wider than the screen: no sideways scrolling on a phone.
            assert phone.evaluate("document.documentElement.scrollWidth") <= 390
            check_page(phone, name)
        background = phone.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(22, 24, 27)"  # the dark theme
    finally:
        context.close()


def test_card_moves_on_the_board_by_drag_and_drop(page: Any, served: Served) -> None:
    from followup.app.applications import NewApplication, add_application

    add_application(served.ctx, NewApplication("Tailspin Toys", "QA Engineer", country="US"))
    page.goto("/board")
    card = page.locator(".board-card", has_text="Tailspin Toys")
    with page.expect_navigation():
        card.drag_to(page.locator("section.column[data-stage=withdrawn]"))
    moved = page.locator(".board-card", has_text="Tailspin Toys")
    assert moved.locator("xpath=ancestor::section").get_attribute("data-stage") == "withdrawn"

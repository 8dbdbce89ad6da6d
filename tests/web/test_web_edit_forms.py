"""Edit in the browser: an application, a person and an interview, each from a form filled
with what is recorded, and a contact logged from the application page (the use cases of
`app set`, `person set`, `interview set` and `touch add`); the plan on the application page
follows. Over HTTP: forms shown again with their problems and nothing written, wrong ids.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from starlette.testclient import TestClient
from test_web_delete_undo import form_token
from webtools import Served, check_page, seed_search

from followup.app.context import Context


def the_application(ctx: Context) -> Any:
    """The history of the first application (the one `seed_search` adds)."""
    from followup.app.applications import list_applications

    return min((p.history for p in list_applications(ctx)), key=lambda h: h.application.id)


def plan_text(page: Any) -> str:
    return str(page.locator("#plan").inner_text())


def test_edit_an_application_and_an_interview_then_log_a_contact(page: Any, served: Served) -> None:
    seed_search(served.ctx)
    app_id = the_application(served.ctx).application.id
    page.goto(f"/apps/{app_id}")
    assert "Thank you to Dana Chen by email" in plan_text(page)

    # The application: the form shows what is recorded; a change lands on the page with Undo.
    page.get_by_role("link", name="Edit this application").click()
    assert page.get_by_label("Company", exact=False).first.input_value() == "Acme"
    assert page.get_by_label("Time zone").input_value() == "America/New_York"
    check_page(page, "edit-application")
    page.get_by_label("Company", exact=False).first.fill("Acme Robotics")
    page.get_by_label("Where the job is").fill("Boston")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(re.compile(rf"/apps/{app_id}\?changed=\d+#plan$"))
    assert page.locator("h1").inner_text() == "Acme Robotics: SRE"
    assert page.get_by_role("status").inner_text().startswith("Done:")

    # The interview: its times on the user's clock; a decision date moves the plan.
    before = plan_text(page)
    page.get_by_role("link", name=re.compile("^Edit the interview of")).click()
    assert page.get_by_label("Start").input_value() == "2026-03-03T10:00"
    assert page.get_by_role("checkbox", name="Dana Chen").is_checked()
    assert "batch jobs" in page.get_by_label("What stood out with Dana Chen").input_value()
    page.get_by_label("Decision expected by").fill("2026-03-06")
    check_page(page, "edit-interview")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(re.compile(rf"/apps/{app_id}\?changed=\d+#interviews$"))
    assert "decision by 2026-03-06" in page.locator("#interviews").inner_text()
    after = plan_text(page)
    assert after != before
    assert "Waiting for the decision date Fri 6 Mar" in after

    # A contact: a time in the future is refused next to its field, nothing is written.
    page.get_by_role("link", name="Log a contact").click()
    page.get_by_label("When").fill("2026-03-09T09:00")
    page.get_by_role("button", name="Add contact").click()
    assert page.locator("#e-at").inner_text().startswith("The time of the contact")
    assert page.get_by_label("When").get_attribute("aria-invalid") == "true"
    check_page(page, "log-contact-refused")
    # ... and the thank-you, once logged, leaves the plan.
    page.get_by_label("When").fill("2026-03-03T15:00")
    page.get_by_label("Channel").select_option("email")
    page.get_by_label("Direction", exact=False).select_option("out")
    page.get_by_label("What it was").select_option("thank-you")
    page.get_by_label("With").select_option(label="Dana Chen")
    page.get_by_label("Summary").fill("thanked Dana for the tour of the lab")
    page.get_by_role("button", name="Add contact").click()
    page.wait_for_url(re.compile(rf"/apps/{app_id}\?changed=\d+#touches$"))
    timeline = page.locator("#timeline").inner_text()
    assert "Sent: thank you by email (Dana Chen): thanked Dana for the tour of the lab" in timeline
    plan = plan_text(page)
    assert "Thank you to Dana Chen" not in plan
    assert "Status check to Dana Chen by email" in plan
    assert page.get_by_role("status").inner_text().startswith("Done: added contact")
    check_page(page, "contact-logged")

    # The person, on a phone: readable without sideways scrolling.
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("link", name="Edit Dana Chen").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("Job title").fill("Engineering Manager")
    check_page(page, "phone-edit-person")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(re.compile(rf"/apps/{app_id}\?changed=\d+#people$"))
    assert "Engineering Manager" in page.locator("#people").inner_text()


class FormValues(HTMLParser):
    """What a browser would send for the page's last form as shown: its inputs, ticked
    boxes, chosen options and text areas (without the CSRF token)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        name = attr.get("name", "")
        if tag == "form":
            self.values = {}
        elif tag == "input" and name != "csrf_token":
            if attr.get("type") != "checkbox" or "checked" in attr:
                self.values.setdefault(name, []).append(attr.get("value", ""))
        elif tag == "select":
            self._select = name
            self.values[name] = []
        elif (
            tag == "option"
            and self._select
            and ("selected" in attr or not self.values[self._select])
        ):
            self.values[self._select] = [attr.get("value", "")]
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = [""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea][0] += data


def shown_values(html: str) -> dict[str, list[str]]:
    parser = FormValues()
    parser.feed(html)
    return parser.values


def errors_of(html: str) -> dict[str, str]:
    return dict(re.findall(r'<p class="error" id="e-(\w+)">([^<]*)</p>', html))


def changes_count(ctx: Context) -> int:
    from followup.app.changes import list_changes

    return len(list_changes(ctx, 100))


CONTACT = "/apps/{app}/touches/new"


@pytest.mark.parametrize(
    ("path", "data", "field", "message"),
    [
        ("/apps/{app}/edit", {"company": "Acme", "role": ""}, "role", "Role is required."),
        ("/apps/{app}/edit", {"country": "XX"}, "country", "Unknown country &#39;XX&#39;."),
        ("/apps/{app}/edit", {"applied_on": "2026-04-01"}, "applied_on", "after today"),
        ("/apps/{app}/edit", {"job_url": "not a url"}, "job_url", "not a web address"),
        ("/apps/{app}/people/{person}/edit", {"name": " "}, "name", "Name is required."),
        ("/apps/{app}/people/{person}/edit", {"tz": "Mars/Base"}, "tz", ""),
        ("/apps/{app}/interviews/{interview}/edit", {"end": "2026-03-03T09:00"}, "end", ""),
        ("/apps/{app}/interviews/{interview}/edit", {"start": "2026-03-40T10:00"}, "start", ""),
        (CONTACT, {"at": "2026-03-09T09:00"}, "at", "in the future"),
        (CONTACT, {"direction": "out", "kind": "rejection"}, "kind", "comes from the employer"),
        (CONTACT, {"person_id": "{other_person}"}, "person_id", "Choose one"),
        (CONTACT, {"channel": "task"}, "channel", "not a contact"),
        (CONTACT, {"at": "2026-03-03T15:00", "decision_by": "2026-03-02"}, "decision_by", "before"),
    ],
)
def test_bad_input_comes_back_next_to_its_field_and_writes_nothing(
    client: TestClient,
    web_ctx: Context,
    path: str,
    data: dict[str, str],
    field: str,
    message: str,
) -> None:
    from followup.app.applications import NewApplication, add_application
    from followup.app.people import NewPerson, add_person

    interview_id = seed_search(web_ctx)
    history = the_application(web_ctx)
    other = add_application(web_ctx, NewApplication("Globex", "SRE"))
    stranger = add_person(web_ctx, NewPerson(other.id, "Lee Park"))
    ids = {
        "app": history.application.id,
        "person": history.people[0].id,
        "interview": interview_id,
        "other_person": stranger.id,
    }
    url = path.format(**ids)
    shown = client.get(url)
    assert shown.status_code == 200
    # What the form shows, with the one field changed.
    values = shown_values(shown.text) | {k: [v.format(**ids)] for k, v in data.items()}
    logged = changes_count(web_ctx)
    response = client.post(url, data={**values, **form_token(client)})
    assert response.status_code == 400
    errors = errors_of(response.text)
    assert list(errors) == [field]
    assert message in errors[field]
    assert (
        f'aria-describedby="e-{field}"' in response.text or 'aria-describedby="h-' in response.text
    )
    assert changes_count(web_ctx) == logged  # nothing written
    assert the_application(web_ctx) == history


@pytest.mark.parametrize(
    "path",
    [
        "/apps/4242/edit",
        "/apps/{app}/people/4242/edit",
        "/apps/{app}/interviews/4242/edit",
        "/apps/{other}/people/{person}/edit",  # a person, but of another application
        "/apps/{other}/interviews/{interview}/edit",
        "/apps/4242/touches/new",
    ],
)
def test_editing_what_is_not_there_is_a_404(
    client: TestClient, web_ctx: Context, path: str
) -> None:
    from followup.app.applications import NewApplication, add_application

    interview_id = seed_search(web_ctx)
    history = the_application(web_ctx)
    other = add_application(web_ctx, NewApplication("Globex", "SRE"))
    url = path.format(
        app=history.application.id,
        other=other.id,
        person=history.people[0].id,
        interview=interview_id,
    )
    assert client.get(url).status_code == 404
    logged = changes_count(web_ctx)
    response = client.post(url, data={"name": "X", **form_token(client)}, follow_redirects=False)
    assert response.status_code == 404
    assert "<h1>Not found</h1>" in response.text and "Traceback" not in response.text
    assert changes_count(web_ctx) == logged


def test_a_form_sent_back_unchanged_writes_nothing_and_text_stays_text(
    client: TestClient, web_ctx: Context
) -> None:
    from followup.app.applications import ApplicationChanges, update_application

    seed_search(web_ctx)
    app_id = the_application(web_ctx).application.id
    hostile = '<b onmouseover="x()">"notes"</b>'
    update_application(web_ctx, ApplicationChanges(app_id, {"notes": hostile}))
    shown = client.get(f"/apps/{app_id}/edit").text
    assert hostile not in shown
    assert "&lt;b onmouseover=&#34;x()&#34;&gt;&#34;notes&#34;&lt;/b&gt;</textarea>" in shown
    logged = changes_count(web_ctx)
    values = shown_values(shown)
    assert values["notes"] == [hostile]
    sent = client.post(
        f"/apps/{app_id}/edit",
        data={**values, **form_token(client)},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/apps/{app_id}#plan"  # no change to show
    assert changes_count(web_ctx) == logged
    # A real change says what changed, and can be undone.
    changed = client.post(
        f"/apps/{app_id}/edit",
        data={**values, "source": "a referral", **form_token(client)},
        follow_redirects=False,
    )
    assert re.fullmatch(rf"/apps/{app_id}\?changed=\d+#plan", changed.headers["location"])
    assert the_application(web_ctx).application.source == "a referral"
    assert the_application(web_ctx).application.notes == hostile
    assert changes_count(web_ctx) == logged + 1


def planned(ctx: Context) -> list[str]:
    """The kinds of action planned for the first application."""
    from followup.app.planning import plan_applications

    (found,) = plan_applications(ctx, the_application(ctx).application.id)
    return [action.kind.value for action in found.plan.actions]


def test_an_interview_called_off_leaves_the_plan_and_comes_back(
    client: TestClient, web_ctx: Context
) -> None:
    interview_id = seed_search(web_ctx)
    app_id = the_application(web_ctx).application.id
    url = f"/apps/{app_id}/interviews/{interview_id}/edit"
    shown = shown_values(client.get(url).text)
    assert "cancelled" not in shown and "no_follow_up" not in shown  # boxes not ticked
    assert "thank-you" in planned(web_ctx)

    client.post(url, data={**shown, "cancelled": "on", **form_token(client)})
    assert the_application(web_ctx).interviews[0].cancelled
    again = shown_values(client.get(url).text)
    assert again["cancelled"] == ["on"]
    assert "thank-you" not in planned(web_ctx)

    del again["cancelled"]  # the box unticked
    client.post(url, data={**again, **form_token(client)})
    assert not the_application(web_ctx).interviews[0].cancelled
    assert "thank-you" in planned(web_ctx)

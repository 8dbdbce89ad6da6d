"""`followup profile` and `followup draft` in-process, on a real SQLite store in a temp home."""

from __future__ import annotations

import json
import stat
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result

from followup.cli.main import cli
from followup.domain.model import InterviewKind
from followup.store import open_store

NY = ZoneInfo("America/New_York")
AS_OF = "2026-03-04T09:00"
THANKS_DANA = "1-i1-thank-you-p1"

PROFILE_ARGS = [
    "profile", "set", "--name", "Sam Rivera", "--phone", "+1 555 0100",
    "--email", "sam.rivera@example.org", "--signoff", "Sincerely",
    "--qualifications", "six years of building data pipelines in Python and SQL",
]  # fmt: skip


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


def with_profile() -> None:
    assert run(*PROFILE_ARGS).exit_code == 0


def test_profile_set_and_show(home: Path) -> None:
    result = run(*PROFILE_ARGS)
    assert result.exit_code == 0, result.output
    assert "Profile saved." in result.output
    shown = json.loads(run("profile", "show", "--json").output)
    assert shown["name"] == "Sam Rivera"
    assert shown["signoff"] == "Sincerely"
    assert shown["complete"] is True
    assert shown["ai_drafting"] is False
    # One field at a time; the others keep their values.
    assert run("profile", "set", "--signoff", "yours truly").exit_code == 0
    shown = json.loads(run("profile", "show", "--json").output)
    assert shown["signoff"] == "Yours truly"
    assert shown["phone"] == "+1 555 0100"
    human = run("profile", "show").output
    assert "Yours truly" in human and "Sam Rivera" in human


def test_profile_show_before_set_says_what_to_run(home: Path) -> None:
    result = run("profile", "show")
    assert result.exit_code == 0
    assert "followup profile set --name" in result.output


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--signoff", "Cheers"], "is not a professional sign-off"),
        (["--email", "not-an-address"], "is not an email address"),
        ([], "nothing to set"),
    ],
)
def test_profile_set_refuses_bad_input(home: Path, args: list[str], fragment: str) -> None:
    result = run("profile", "set", *args)
    assert result.exit_code == 2
    assert fragment in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_draft_without_profile_names_the_options(acme: dict[str, int]) -> None:
    result = run("draft", THANKS_DANA, "--as-of", AS_OF)
    assert result.exit_code == 2
    line = result.output.strip()
    assert len(line.splitlines()) == 1
    for option in ("--name", "--email", "--phone", "--qualifications"):
        assert option in line


def test_draft_json(acme: dict[str, int]) -> None:
    with_profile()
    result = run("draft", THANKS_DANA, "--as-of", AS_OF, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["action_id"] == THANKS_DANA
    assert data["kind"] == "thank-you"
    assert data["channel"] == "email"
    assert data["to"]["name"] == "Dana Chen"
    assert data["to"]["address"] == "dana@acme.com"
    assert data["subject"] == "Thank you - Data Engineer interview"
    assert "batch jobs to streaming" in data["body"]
    assert "Sincerely,\nSam Rivera" in data["body"]
    assert data["missing"] == []
    assert [f for f in data["findings"] if f["severity"] == "error"] == []


def test_draft_human_output(acme: dict[str, int]) -> None:
    with_profile()
    result = run("draft", THANKS_DANA, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("To: Dana Chen <dana@acme.com>\nSubject: Thank you - ")


def test_draft_with_missing_note_is_refused_naming_what_to_run(acme: dict[str, int]) -> None:
    with_profile()
    lee = acme["lee"]
    command = f'followup interview set 1 --note "{lee}=TOPIC"'
    for extra in ((), ("--json",)):
        result = run("draft", f"1-i1-thank-you-p{lee}", "--as-of", AS_OF, *extra)
        assert result.exit_code == 2, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: cannot write"), lines
        assert "the topic that stood out in your conversation with Lee Park" in lines[0]
        assert f"(fix: run `{command}`)" in lines[0]
        assert "Traceback" not in result.output


def test_find_contact_task(acme: dict[str, int]) -> None:
    with_profile()
    kim = acme["kim"]
    data = json.loads(run("draft", f"1-i1-find-contact-p{kim}", "--as-of", AS_OF, "--json").output)
    assert data["kind"] == "find-contact"
    assert data["findings"] == []
    assert data["body"].startswith("Find a way to reach Kim Ode (Team Lead) at Acme:")
    assert f"followup person set {kim} --email ADDRESS" in data["body"]


def test_unknown_action_is_one_line_exit_2(acme: dict[str, int]) -> None:
    with_profile()
    for bad in ("1-i1-thank-you-p99", "nonsense", "42-i1-thank-you-p1"):
        result = run("draft", bad, "--as-of", AS_OF)
        assert result.exit_code == 2, result.output
        assert len(result.output.strip().splitlines()) == 1
        assert "Traceback" not in result.output


def test_user_template_override_wins(acme: dict[str, int], home: Path) -> None:
    with_profile()
    (home / "templates").mkdir()
    (home / "templates" / "thank-you.email.j2").write_text(
        "Subject: Thanks from {{ me.first_name }}\n\nDear {{ person.first_name }},\n\n"
        "About {{ highlight }}: thank you.\n\n{{ signoff }},\n{{ me.name }}\n",
        encoding="utf-8",
    )
    data = json.loads(run("draft", THANKS_DANA, "--as-of", AS_OF, "--json").output)
    assert data["subject"] == "Thanks from Sam"
    assert data["body"].startswith("Dear Dana,\n\nAbout the migration")


def test_broken_user_template_names_file_and_line(acme: dict[str, int], home: Path) -> None:
    with_profile()
    (home / "templates").mkdir()
    path = home / "templates" / "thank-you.email.j2"
    path.write_text("Subject: x\n\nDear {{ person.first_name }\n", encoding="utf-8")
    result = run("draft", THANKS_DANA, "--as-of", AS_OF)
    assert result.exit_code == 2
    assert f"{path}:3:" in result.output
    assert len(result.output.strip().splitlines()) == 1


def _editor(tmp_path: Path, body: bytes) -> str:
    """An $EDITOR that replaces the file with `body`."""
    payload = tmp_path / "payload.bin"
    payload.write_bytes(body)
    script = tmp_path / "fake-editor"
    script.write_text(
        f"#!{sys.executable}\nimport shutil, sys\n"
        f"shutil.copyfile({str(payload)!r}, sys.argv[-1])\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


EDITED = (
    "Subject: Thank you - Data Engineer interview\n\n"
    "Dear Dana,\n\n"
    "Thank you for meeting with me on Tuesday about the Data Engineer role at Acme. "
    "I especially enjoyed our conversation about the migration of their batch jobs to "
    "streaming, which is close to my experience of six years of building data pipelines.\n\n"
    "I am very interested in joining Acme. If you have any further questions, I am happy "
    "to answer them.\n\n"
    "Sincerely,\nSam Rivera\n"
)


def test_edit_keeps_the_text_for_the_action(
    acme: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_profile()
    monkeypatch.setenv("EDITOR", _editor(tmp_path, EDITED.encode()))
    result = run("draft", THANKS_DANA, "--as-of", AS_OF, "--edit", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"] == "edited"
    assert data["body"].startswith("Dear Dana,\n\nThank you for meeting with me on Tuesday")
    # Later drafts of the same action show the saved text (what `send` uses).
    monkeypatch.delenv("EDITOR")
    again = json.loads(run("draft", THANKS_DANA, "--as-of", AS_OF, "--json").output)
    assert again["body"] == data["body"]
    assert again["source"] == "edited"


def test_edit_is_linted_again(
    acme: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_profile()
    bad = EDITED.replace("I am very interested", "What is the salary? I am very interested")
    monkeypatch.setenv("EDITOR", _editor(tmp_path, bad.encode()))
    data = json.loads(run("draft", THANKS_DANA, "--as-of", AS_OF, "--edit", "--json").output)
    assert "LINT-PAY-TALK" in {f["rule"] for f in data["findings"]}


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"Subject: x\n\nDear Dana, caf\xe9\n", "not UTF-8"),
        (b"Subject: Thank you\n\n   \n", "is empty"),
        (b"", "is empty"),
    ],
)
def test_bad_edit_is_refused_and_nothing_saved(
    acme: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: bytes,
    fragment: str,
) -> None:
    with_profile()
    monkeypatch.setenv("EDITOR", _editor(tmp_path, content))
    result = run("draft", THANKS_DANA, "--as-of", AS_OF, "--edit")
    assert result.exit_code == 2
    assert fragment in result.output
    assert len(result.output.strip().splitlines()) == 1
    monkeypatch.delenv("EDITOR")
    after = json.loads(run("draft", THANKS_DANA, "--as-of", AS_OF, "--json").output)
    assert after["source"] == "template"


def test_bad_as_of_is_one_line_exit_2(acme: dict[str, int]) -> None:
    with_profile()
    result = run("draft", THANKS_DANA, "--as-of", "next tuesday")
    assert result.exit_code == 2
    assert "--as-of" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_editing_an_unwritten_draft_says_what_to_add(
    acme: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_profile()
    monkeypatch.setenv("EDITOR", _editor(tmp_path, EDITED.encode()))
    result = run("draft", f"1-i1-thank-you-p{acme['lee']}", "--as-of", AS_OF, "--edit")
    assert result.exit_code == 2
    assert "cannot write 1-i1-thank-you-p" in result.output
    assert "--note" in result.output


def test_missing_editor_is_one_line_exit_2(
    acme: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    with_profile()
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    result = run("draft", THANKS_DANA, "--as-of", AS_OF, "--edit")
    assert result.exit_code == 2
    assert "EDITOR" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_edit_without_change_saves_nothing(
    acme: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_profile()
    monkeypatch.setenv("EDITOR", "true")  # exits without touching the file
    result = CliRunner().invoke(cli, ["draft", THANKS_DANA, "--as-of", AS_OF, "--edit", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["source"] == "template"
    assert "No change: nothing saved." in result.stderr


def test_reset_goes_back_to_the_template(
    acme: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_profile()
    assert run("draft", THANKS_DANA, "--as-of", AS_OF, "--reset").exit_code == 2
    monkeypatch.setenv("EDITOR", _editor(tmp_path, EDITED.encode()))
    assert run("draft", THANKS_DANA, "--as-of", AS_OF, "--edit").exit_code == 0
    monkeypatch.delenv("EDITOR")
    data = json.loads(run("draft", THANKS_DANA, "--as-of", AS_OF, "--reset", "--json").output)
    assert data["source"] == "template"
    assert data["body"].startswith("Dear Dana,\n\nThank you for taking the time")


@pytest.fixture
def panel(home: Path) -> dict[str, int]:
    with open_store(f"sqlite:///{home / 'followup.db'}") as store:
        app = store.add_application(
            "Globex", "Platform Engineer", created_at=datetime(2026, 4, 1, tzinfo=NY),
            country="US", tz="America/New_York",
        )  # fmt: skip
        ids = {
            key: store.add_person(app.id, name, email=f"{key}@globex.com").id
            for key, name in (("priya", "Priya Natarajan"), ("tom", "Tom Becker"),
                              ("maria", "Maria Lopez"))
        }  # fmt: skip
        store.add_interview(
            app.id, datetime(2026, 4, 16, 13, tzinfo=NY), InterviewKind.PANEL,
            end=datetime(2026, 4, 16, 15, tzinfo=NY), person_ids=tuple(ids.values()),
            notes={ids["priya"]: "the plan to move every team onto one deployment pipeline",
                   ids["tom"]: "how they test infrastructure changes before production",
                   ids["maria"]: "the mentoring programme for new engineers"},
        )  # fmt: skip
    return ids


def test_panel_thank_yous_are_linted_together(
    panel: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_profile()
    as_of_panel = "2026-04-16T16:00"
    ids = {k: f"1-i1-thank-you-p{v}" for k, v in panel.items()}
    drafts = {
        k: json.loads(run("draft", i, "--as-of", as_of_panel, "--json").output)
        for k, i in ids.items()
    }
    assert len({d["body"] for d in drafts.values()}) == 3
    for data in drafts.values():
        assert [f for f in data["findings"] if f["severity"] == "error"] == []
    # Priya's note edited into a copy of Tom's: the panel check flags it on save.
    copy = "Subject: Thank you - Platform Engineer interview\n\n" + drafts["tom"]["body"].replace(
        "Dear Tom,", "Dear Priya,"
    )
    monkeypatch.setenv("EDITOR", _editor(tmp_path, copy.encode()))
    edited = json.loads(
        run("draft", ids["priya"], "--as-of", as_of_panel, "--edit", "--json").output
    )
    rules = {f["rule"] for f in edited["findings"] if f["severity"] == "error"}
    assert "LINT-PANEL-SIMILAR" in rules


def test_a_withdrawal_without_a_contact_is_refused_naming_the_command(home: Path) -> None:
    with_profile()
    add = ["app", "add", "--company", "Beta", "--role", "Dev", "--country", "GB"]
    assert run(*add, "--tz", "Europe/London", "--applied-on", "2026-11-10").exit_code == 0
    assert run("outcome", "--app", "1", "withdrawn").exit_code == 0
    for extra in ((), ("--json",)):
        result = run("draft", "1-withdrawal", *extra)
        assert result.exit_code == 2, result.output
        assert result.output.strip() == (
            "error: cannot write 1-withdrawal without a contact person for Beta "
            '(fix: run `followup person add --app 1 --name "NAME" --email ADDRESS`)'
        )

"""Edit, delete, undo and the change log, through the CLI, on SQLite and on PostgreSQL: every
kind of write can be taken back, deletes ask first, duplicates ask first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from cli_support import Run
from click.testing import CliRunner

from followup.cli.main import cli

JsonRun = Callable[..., Any]


# Each test runs on SQLite and on PostgreSQL.
pytestmark = pytest.mark.usefixtures("each_database")


@pytest.fixture
def search(each_database: None, run: Run) -> None:
    run("app", "add", "--company", "Acme", "--role", "SRE", "--tz", "America/New_York")
    run("person", "add", "--app", "1", "--name", "Dana Chen", "--email", "dana@acme.example")
    run(
        "interview", "add", "--app", "1", "--at", "2026-03-03T10:00", "--end",
        "2026-03-03T11:00", "--kind", "video", "--with", "1", "--decision-by", "2026-03-13",
    )  # fmt: skip


def state(run_json: JsonRun) -> Any:
    """What a user sees of the search: every application as shown, and the plan."""
    apps = [run_json("app", "show", str(a["id"])) for a in run_json("app", "list")]
    for app in apps:
        for action in app["actions"]:
            action.pop("status")  # statuses move with the wall clock between two reads
    return apps


WRITES = [
    ("done", ["done", "1-i1-thank-you-p1", "--at", "2026-03-03T15:00"]),
    ("skip", ["skip", "1-i1-thank-you-p1", "--reason", "thanked her in person"]),
    ("outcome", ["outcome", "--app", "1", "rejected", "--at", "2026-03-05T09:00"]),
    ("touch", ["touch", "add", "--app", "1", "--channel", "email", "--direction", "in",
               "--kind", "reply", "--at", "2026-03-04T09:00", "--decision-by", "2026-03-20"]),
    ("app set", ["app", "set", "1", "--role", "Site Reliability Engineer", "--country", "US"]),
    ("person set", ["person", "set", "1", "--title", "CTO", "--phone", "+1 212 555 0101"]),
    ("interview set", ["interview", "set", "1", "--decision-by", "2026-03-27"]),
    ("app add", ["app", "add", "--company", "Globex", "--role", "SRE"]),
    ("person add", ["person", "add", "--app", "1", "--name", "Lee Park"]),
    ("delete app", ["app", "delete", "1", "--yes"]),
    ("delete person", ["person", "delete", "1", "--yes"]),
    ("delete interview", ["interview", "delete", "1", "--yes"]),
    ("prefs", ["prefs", "set", "--tz", "Europe/Berlin"]),
]  # fmt: skip


@pytest.mark.parametrize("args", [w[1] for w in WRITES], ids=[w[0] for w in WRITES])
def test_undo_takes_back_every_kind_of_write(
    run: Run, run_json: JsonRun, search: None, args: list[str]
) -> None:
    before = state(run_json)
    result = run(*args)
    assert "(undo: `followup undo`)" in result.stderr  # every write says how to undo it
    assert state(run_json) != before or args[0] == "prefs"
    undone = run_json("undo")
    assert undone["undone"] is True or undone["id"] >= 1
    assert state(run_json) == before


def test_undo_is_repeatable_and_the_log_lists_changes(
    run: Run, run_json: JsonRun, search: None
) -> None:
    run("done", "1-i1-thank-you-p1", "--at", "2026-03-03T15:00")
    run("touch", "add", "--app", "1", "--channel", "email", "--direction", "in",
        "--kind", "reply", "--at", "2026-03-04T09:00")  # fmt: skip
    log = run_json("log")
    assert [c["summary"] for c in log[:2]] == [
        "added contact 2 (in reply)",
        "added contact 1 (out thank-you)",
    ]
    assert "added application 1 (Acme - SRE)" in run("log").stdout
    run("undo")
    run("undo")
    assert run_json("touch", "list") == []
    assert [c["undone"] for c in run_json("log")[:3]] == [True, True, False]
    for _ in range(3):  # the interview, Dana, the application
        run("undo")
    assert run_json("app", "list") == []
    result = run("undo", code=2)
    assert "nothing to undo" in result.stderr and "fix:" in result.stderr


def test_delete_asks_first_and_refuses_without_an_answer(
    run: Run, run_json: JsonRun, search: None
) -> None:
    refused = run("app", "delete", "1", code=2)  # no one to answer: refused, nothing deleted
    assert "add --yes" in refused.stderr
    assert len(run_json("app", "list")) == 1
    said_no = CliRunner().invoke(cli, ["app", "delete", "1"], input="n\n")
    assert said_no.exit_code == 0 and "nothing deleted" in said_no.stdout
    said_yes = CliRunner().invoke(cli, ["app", "delete", "1"], input="y\n")
    assert said_yes.exit_code == 0, said_yes.output
    assert "deleted application 1 (Acme - SRE)" in said_yes.stderr
    assert run_json("app", "list") == []
    run("undo")
    shown = run_json("app", "show", "1")
    assert [p["name"] for p in shown["people"]] == ["Dana Chen"]
    assert len(shown["interviews"]) == 1


def test_a_touch_is_deleted_and_comes_back(run: Run, run_json: JsonRun, search: None) -> None:
    run("touch", "add", "--app", "1", "--channel", "email", "--direction", "in",
        "--kind", "reply", "--at", "2026-03-04T09:00")  # fmt: skip
    run("touch", "delete", "1", "--yes")
    assert run_json("touch", "list") == []
    run("undo")
    assert [t["kind"] for t in run_json("touch", "list")] == ["reply"]
    assert "touch list" in run("touch", "delete", "9", "--yes", code=2).stderr


def test_person_merge_folds_one_record_into_the_other(
    run: Run, run_json: JsonRun, search: None
) -> None:
    run("person", "add", "--app", "1", "--name", "Dana C.", "--phone", "+1 212 555 0199")
    run("touch", "add", "--app", "1", "--person", "2", "--channel", "phone",
        "--direction", "in", "--kind", "reply", "--at", "2026-03-04T09:00")  # fmt: skip
    run("person", "merge", "1", "2", "--yes")
    people = run_json("person", "list")
    assert [(p["id"], p["phone"]) for p in people] == [(1, "+1 212 555 0199")]
    assert run_json("touch", "list")[0]["person_id"] == 1
    run("undo")
    assert [p["id"] for p in run_json("person", "list")] == [1, 2]
    assert "same-person" not in run("person", "merge", "1", "1", "--yes", code=2).stderr


def test_duplicates_ask_first(run: Run, run_json: JsonRun, search: None) -> None:
    refused = run("app", "add", "--company", "ACME", "--role", "sre", code=2)
    assert "already for Acme - SRE" in refused.stderr and "--allow-duplicate" in refused.stderr
    run("app", "add", "--company", "ACME", "--role", "sre", "--allow-duplicate")
    asked = CliRunner().invoke(
        cli, ["app", "add", "--company", "Acme", "--role", "SRE"], input="y\n"
    )
    assert asked.exit_code == 0, asked.output
    assert len(run_json("app", "list")) == 3
    refused = run("person", "add", "--app", "2", "--name", "D", "--email", "dana@acme.example",
                  code=2)  # fmt: skip
    assert "already has the email" in refused.stderr
    run("person", "add", "--app", "2", "--name", "D", "--email", "dana@acme.example",
        "--allow-duplicate")  # fmt: skip


def test_demo_refuses_a_home_that_holds_data(run: Run, tmp_path: Any) -> None:
    home = tmp_path / "mine"
    home.mkdir()
    (home / "followup.db").write_bytes(b"")
    result = run("demo", "--home", str(home), code=2)
    assert "already holds data" in result.stderr and "fix:" in result.stderr

"""The commands one by one: output for scripts (--json), help, settings, playbooks, demo."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pytest
from cli_support import DEMO_STAGES, Run, interviewed_at_acme, words
from click.testing import CliRunner

from followup import __version__
from followup.cli.main import COMMANDS, cli

JsonRun = Callable[..., Any]


def every_command() -> list[list[str]]:
    found: list[list[str]] = [[]]
    context = click.Context(cli)
    for name in COMMANDS:
        command = cli.get_command(context, name)
        found.append([name])
        if isinstance(command, click.Group):
            found.extend([name, sub] for sub in command.list_commands(context))
    return found


def test_version(run: Run) -> None:
    assert run("--version").stdout.strip() == f"followup, version {__version__}"


@pytest.mark.parametrize("path", every_command(), ids=lambda p: " ".join(p) or "followup")
def test_every_command_explains_itself(run: Run, path: list[str]) -> None:
    text = run(*path, "--help").stdout
    assert text.startswith("Usage: followup")
    assert len(text.splitlines()) > 3


def test_app_add_list_show_and_set(run: Run, run_json: JsonRun) -> None:
    assert run("app", "add", "--company", "Acme", "--role", "Data Engineer").stdout == "1\n"
    added = run_json(
        *words(
            "app add --company Globex --role SRE --country gb --tz Europe/London"
            " --domain www.Globex.example"
        )
    )
    assert added["id"] == 2 and added["country"] == "GB"
    assert added["company_domain"] == "globex.example"
    listed = run_json("app", "list")
    assert [(a["id"], a["company"], a["stage"]) for a in listed] == [
        (1, "Acme", "applied"),
        (2, "Globex", "applied"),
    ]
    updated = run_json(
        "app", "set", "1", "--tz", "America/Chicago", "--competing-offer-by", "2026-04-01"
    )
    assert updated["tz"] == "America/Chicago" and updated["competing_offer_by"] == "2026-04-01"
    cleared = run_json("app", "set", "1", "--competing-offer-by", "none")
    assert cleared["competing_offer_by"] is None and cleared["tz"] == "America/Chicago"
    shown = run_json("app", "show", "2")
    assert shown["stage"] == "applied" and shown["people"] == [] and shown["actions"] == []
    assert "Globex - SRE" in run("app", "show", "2").stdout
    assert "Acme" in run("app", "list").stdout


def test_app_show_keeps_a_contact_on_one_line(run: Run) -> None:
    """A summary typed over two lines is shown on the contact's own line."""
    run("app", "add", "--company", "Acme", "--role", "Data Engineer")
    run(
        *words("touch add --app 1 --channel email --direction in --at 2026-03-02T10:00"),
        *("--kind", "reply", "--summary", "Thanks for the portfolio.\nWe will be in touch."),
    )
    lines = run("app", "show", "1").stdout.splitlines()
    contact = [line for line in lines if "reply by email" in line]
    assert contact and contact[0].endswith("Thanks for the portfolio. We will be in touch.")
    assert "We will be in touch." not in [line.strip() for line in lines]


def test_person_add_list_set(run: Run, run_json: JsonRun) -> None:
    run("app", "add", "--company", "Acme", "--role", "Data Engineer")
    added = run_json(
        *words(
            "person add --app 1 --name 'Dana Chen' --role recruiter --connection"
            " --title 'Talent Partner'"
        )
    )
    assert (added["id"], added["role"], added["connection"]) == (1, "recruiter", True)
    changed = run_json("person", "set", "1", "--email", "Dana@Acme.example", "--no-connection")
    assert changed["email"] == "dana@acme.example" and changed["connection"] is False
    assert changed["title"] == "Talent Partner"
    assert [p["name"] for p in run_json("person", "list", "--app", "1")] == ["Dana Chen"]
    assert "Dana Chen" in run("person", "list").stdout


def test_interview_times_without_offset_are_on_the_users_clock(run: Run, run_json: JsonRun) -> None:
    """One clock: 10:00 typed by a user in New York is 10:00 in New York, kept as the wall
    time where the interview takes place (15:00 in London)."""
    run("app", "add", "--company", "Globex", "--role", "SRE", "--tz", "Europe/London")
    run("app", "add", "--company", "Acme", "--role", "SRE")  # no zone: the user's (New York)
    first = run_json(
        "interview", "add", "--app", "1", "--at", "2026-03-03T10:00", "--kind", "video"
    )
    second = run_json(
        "interview", "add", "--app", "2", "--at", "2026-03-03T10:00", "--kind", "video"
    )
    explicit = run_json(
        "interview", "add", "--app", "2", "--at", "2026-03-03T10:00+01:00", "--kind", "phone"
    )
    assert first["start"] == "2026-03-03T15:00:00+00:00"
    assert second["start"] == "2026-03-03T10:00:00-05:00"
    assert explicit["start"] == "2026-03-03T10:00:00+01:00"


def test_done_of_a_task_closes_it_without_a_contact(run: Run, run_json: JsonRun) -> None:
    interviewed_at_acme(run, "--kind phone --with 1", person="--name 'No Address'")
    task = [
        a for a in run_json("plan", "--as-of", "2026-03-03T12:00") if a["kind"] == "find-contact"
    ]
    assert task and task[0]["channel"] == "task"
    run("done", task[0]["id"], "--at", "2026-03-03T12:30")
    shown = run_json("app", "show", "1")
    assert shown["touches"] == []
    assert [s["action_id"] for s in shown["skips"]] == [task[0]["id"]]


def test_config_show_names_the_source_of_each_value(
    run: Run,
    run_json: JsonRun,
    followup_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    followup_home.mkdir(parents=True)
    (followup_home / "config.toml").write_text(
        'playbook = "prompt"\nuser_country = "DE"\n[playbook_overrides]\n"a.b" = 2\n',
        encoding="utf-8",
    )
    secret = tmp_path / "db-url"
    secret.write_text("postgresql+psycopg://sam:hunter2@db.example/followup\n", encoding="utf-8")
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL_FILE", str(secret))
    shown = run_json("config", "show")
    settings = {s["name"]: s for s in shown["settings"]}
    assert shown["config_file"] == str(followup_home / "config.toml")
    assert settings["playbook"]["value"] == "prompt"
    assert settings["playbook"]["source"].startswith("config ")
    assert settings["playbook_overrides"]["value"] == {"a.b": 2}
    assert settings["user_country"]["value"] == "US"  # the environment wins over the file
    assert settings["user_country"]["source"] == "env FOLLOWUP_USER_COUNTRY"
    assert settings["log_level"]["source"] == "default"
    assert settings["database_url"]["value"] == "postgresql+psycopg://sam:***@db.example/followup"
    assert "FOLLOWUP_DATABASE_URL_FILE" in settings["database_url"]["source"]
    assert "hunter2" not in run("config", "show").stdout


def test_an_unknown_setting_in_the_config_file_is_refused(run: Run, followup_home: Path) -> None:
    followup_home.mkdir(parents=True)
    (followup_home / "config.toml").write_text('playbok = "prompt"\n', encoding="utf-8")
    result = run("config", "show", code=2)
    assert "unknown setting 'playbok'" in result.stderr


def test_playbook_show_and_check(run: Run, run_json: JsonRun, tmp_path: Path) -> None:
    seed = run_json("playbook", "show")
    assert seed["name"] == "seed" and "SEED-WEEKLY-CAP" in seed["rules"]
    assert "SEED-MOVE-ON:" in run("playbook", "show").stdout
    assert run_json("playbook", "show", "prompt")["name"] == "prompt"
    from followup.playbook.loader import builtin_path

    good = tmp_path / "good.yaml"
    good.write_text(builtin_path("seed").read_text(encoding="utf-8"), encoding="utf-8")
    assert run("playbook", "check", str(good)).stdout.strip().endswith("ok")


def test_demo_builds_a_search_and_prints_today(run: Run, tmp_path: Path) -> None:
    home = tmp_path / "demo"
    output = run("demo", "--home", str(home)).stdout
    assert f"demo data in {home}" in output
    assert "Today, " in output and "thank-you by email to Priya Natarajan" in output
    result = CliRunner().invoke(cli, ["app", "list", "--json"], env={"FOLLOWUP_HOME": str(home)})
    stages = {a["company"]: a["stage"] for a in json.loads(result.stdout)}
    assert stages == DEMO_STAGES
    today = json.loads(
        CliRunner().invoke(cli, ["today", "--json"], env={"FOLLOWUP_HOME": str(home)}).stdout
    )
    assert {g["company"] for g in today["applications"]} >= {"Acme", "Globex", "Umbrella"}


def test_today_reads_without_sqlalchemy(run: Run, fresh_python: Callable[[str], str]) -> None:
    """The start-up budget of `today`: the fast reader, no SQLAlchemy import."""
    run("app", "add", "--company", "Acme", "--role", "SRE")
    code = (
        "import sys; from followup.cli.main import cli; "
        "code = cli.main(['today'], standalone_mode=False); "
        "print(code, 'sqlalchemy' in sys.modules, 'alembic' in sys.modules)"
    )
    assert fresh_python(code).strip().splitlines()[-1] == "0 False False"


def test_followup_alone_prints_help(run: Run) -> None:
    assert run().stdout.startswith("Usage: followup [OPTIONS] COMMAND")
    assert run("app").stdout.startswith("Usage: followup app [OPTIONS] COMMAND")


def rejection_plan(run: Run, run_json: JsonRun) -> list[dict[str, Any]]:
    interviewed_at_acme(run, "--kind on-site --with 1")
    run("outcome", "--app", "1", "rejected", "--at", "2026-03-05T10:00")
    actions: list[dict[str, Any]] = run_json("plan", "--as-of", "2026-03-05T11:00")
    return actions


def test_playbook_overrides_from_the_environment_change_the_plan(
    run: Run, run_json: JsonRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWUP_PLAYBOOK_OVERRIDES", '{"stay_in_touch.first_after_days": 30}')
    stay = [a for a in rejection_plan(run, run_json) if a["kind"] == "stay-in-touch"]
    # 30 days after (Sat 4 Apr, so the next business morning), not 60
    assert stay[0]["due"] == "2026-04-06T08:00:00-04:00"


def test_a_bad_playbook_override_is_refused(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_PLAYBOOK_OVERRIDES", '{"timing.weekly_cap_dayz": 5}')
    result = run("plan", code=2)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "weekly_cap_dayz" in result.stderr


def test_interview_and_touch_lists(run: Run, run_json: JsonRun) -> None:
    interviewed_at_acme(run, "--kind panel --with 1 --note '1=their data contracts'")
    run(
        *words(
            "touch add --app 1 --channel phone --direction in --kind reply --at 2026-03-05T09:00"
            " --summary 'next week'"
        )
    )
    (interview,) = run_json("interview", "list", "--app", "1")
    assert interview["notes"] == {"1": "their data contracts"}
    assert interview["start"] == "2026-03-03T10:00:00-05:00"
    (touch,) = run_json("touch", "list")
    assert (touch["kind"], touch["direction"], touch["summary"]) == ("reply", "in", "next week")
    assert "Ana Ruiz" in run("interview", "list").stdout
    assert "next week" in run("touch", "list", "--app", "1").stdout


def test_config_show_lists_the_stored_profile(run: Run, run_json: JsonRun) -> None:
    from followup.store import open_store

    store = open_store()
    store.set_setting("profile.name", "Sam Seeker")
    store.set_setting("draft.1-i1-thank-you-p1", '{"text": "private draft"}')
    store.close()
    shown = run_json("config", "show")
    assert shown["stored"] == {"profile.name": "Sam Seeker"}
    assert "profile.name = Sam Seeker  [store]" in run("config", "show").stdout


def test_config_show_reports_an_unusable_database(
    run: Run, run_json: JsonRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", "nosuchdriver://x")
    shown = run_json("config", "show")
    assert shown["stored"] == {} and shown["stored_problem"]


def test_today_with_nothing_due_says_what_comes_next(run: Run) -> None:
    interviewed_at_acme(run, "--kind video --with 1 --decision-by 2026-03-13")
    run("done", "1-i1-thank-you-p1", "--at", "2026-03-03T15:00")
    output = run("today", "--as-of", "2026-03-09T12:00").stdout
    assert "nothing due." in output
    assert "Next: status-check for Acme, from Mon 16 Mar 08:00 EDT" in output

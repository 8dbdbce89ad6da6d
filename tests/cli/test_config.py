"""Settings: sources, file formats, secrets from files, and one-line problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import Run

from followup.config import ConfigError, load_settings, mask_secret


def test_defaults_follow_the_home(followup_home: Path) -> None:
    settings = load_settings({"FOLLOWUP_HOME": str(followup_home)})
    assert settings.database_url == f"sqlite:///{followup_home / 'followup.db'}"
    assert settings.sources["home"] == "env FOLLOWUP_HOME"
    assert settings.sources["database_url"] == "default"
    assert (settings.playbook, settings.log_level) == ("seed", "WARNING")


def test_a_yaml_config_file_works_too(followup_home: Path) -> None:
    followup_home.mkdir(parents=True)
    (followup_home / "config.yaml").write_text(
        "user_tz: Europe/Berlin\nuser_country: DE\n", encoding="utf-8"
    )
    settings = load_settings({"FOLLOWUP_HOME": str(followup_home)})
    assert (settings.user_tz, settings.user_country) == ("Europe/Berlin", "DE")
    assert settings.sources["user_tz"] == f"config {followup_home / 'config.yaml'}"


@pytest.mark.parametrize(
    ("file_text", "environ", "message"),
    [
        ("user_tz = 'Europe/Berlin'\nplaybook = \n", {}, "config.toml is not valid"),
        ("log_level = 'LOUD'\n", {}, "log_level 'LOUD'"),
        ("", {"FOLLOWUP_USER_COUNTRY": "Germany"}, "not a two-letter code"),
        ("", {"FOLLOWUP_PLAYBOOK_OVERRIDES": "{not json"}, "is not valid JSON"),
        ("", {"FOLLOWUP_DATABASE_URL_FILE": "/nonexistent/secret"}, "cannot read"),
        ("playbook_overrides = 3\n", {}, "is not a table"),
    ],
)
def test_bad_settings_say_where_and_how_to_fix(
    followup_home: Path, file_text: str, environ: dict[str, str], message: str
) -> None:
    followup_home.mkdir(parents=True)
    (followup_home / "config.toml").write_text(file_text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings({"FOLLOWUP_HOME": str(followup_home), **environ})
    assert message in str(caught.value)
    assert "(fix: " in str(caught.value)
    assert "\n" not in str(caught.value)


def test_secrets_are_masked() -> None:
    assert mask_secret("postgresql+psycopg://sam:s3cr%40t@db/x") == (
        "postgresql+psycopg://sam:***@db/x"
    )
    assert mask_secret("sqlite:////home/sam/followup.db") == "sqlite:////home/sam/followup.db"


def test_log_level_info_logs_the_migration_to_stderr(
    run: Run, monkeypatch: pytest.MonkeyPatch, followup_home: Path
) -> None:
    monkeypatch.setenv("FOLLOWUP_LOG_LEVEL", "INFO")
    result = run("app", "add", "--company", "Acme", "--role", "SRE")
    assert "INFO followup.store.schema: migrating the database from revision (new)" in (
        result.stderr
    )
    assert result.stdout == "1\n"
    quiet = run("app", "add", "--company", "Globex", "--role", "SRE")
    assert "migrating" not in quiet.stderr

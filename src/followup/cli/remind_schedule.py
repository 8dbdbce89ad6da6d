"""What `remind --print-cron` and `--print-systemd` carry so the scheduled run reads the
same data as the user's shell: the command itself (quoted), the variables that name the
home and the database and say how it is planned (never a secret), and a place for its
errors (a log file in the home; systemd's journal)."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

from followup.cli.common import current_settings
from followup.cli.errors import UsageProblem

# Variables that say where the data is and how it is planned (a scheduled run plans as the
# user's shell does); FOLLOWUP_HOME is always written (resolved). Never a secret.
PASSED_ON = (
    "FOLLOWUP_CONFIG",
    "FOLLOWUP_DATABASE_URL",
    "FOLLOWUP_DATABASE_URL_FILE",
    "FOLLOWUP_PLAYBOOK",
    "FOLLOWUP_PLAYBOOK_OVERRIDES",
    "FOLLOWUP_USER_TZ",
    "FOLLOWUP_USER_COUNTRY",
)
# The files that hold a target's URL or a mailbox password: a path is no secret, and a
# scheduled run may not reach the keyring (no desktop session under cron).
SECRET_FILES = re.compile(r"FOLLOWUP_(?:NOTIFY_URL|MAIL_PASSWORD)(?:_\w+)?_FILE")
LOG_NAME = "remind.log"


def data_environment() -> dict[str, str]:
    """FOLLOWUP_HOME and the set variables of PASSED_ON; a URL holding a password is refused
    (a crontab or unit file is no place for it)."""
    from followup.config import mask_secret

    found = {"FOLLOWUP_HOME": str(current_settings().home.resolve())}
    for name in (*PASSED_ON, *sorted(filter(SECRET_FILES.fullmatch, os.environ))):
        value = os.environ.get(name)
        if value:
            found[name] = value
    url = found.get("FOLLOWUP_DATABASE_URL", "")
    if mask_secret(url) != url:
        raise UsageProblem(
            "FOLLOWUP_DATABASE_URL holds a password, which must not be written into a "
            "schedule (fix: put the URL in a file only you can read and set "
            "FOLLOWUP_DATABASE_URL_FILE to that file instead)"
        )
    return found


def followup_command() -> list[str]:
    """The words that run this followup: its script, else this Python with -m."""
    import shutil
    import sys

    found = shutil.which("followup")
    return [str(Path(found).absolute())] if found else [sys.executable, "-m", "followup"]


def cron_command(words: list[str]) -> str:
    return " ".join(shlex.quote(w) for w in words).replace("%", "\\%")


def _systemd_word(word: str, *, quote: bool = False) -> str:
    """`word` as a unit file reads it back: "%" doubled (a specifier there), and quoted when
    it holds a space, a quote or a backslash."""
    text = word.replace("%", "%%")
    if quote or not text or any(c.isspace() or c in "\\\"'" for c in text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def systemd_command(words: list[str]) -> str:
    return " ".join(_systemd_word(w) for w in words)


def cron_prefix(environment: dict[str, str]) -> str:
    """`NAME=value ` words for a crontab command (cron reads % as a new line: escaped)."""
    words = [f"{k}={shlex.quote(v)}" for k, v in environment.items()]
    return " ".join(words).replace("%", "\\%")


def cron_log(environment: dict[str, str]) -> str:
    log = Path(environment["FOLLOWUP_HOME"]) / LOG_NAME
    return shlex.quote(str(log)).replace("%", "\\%")


def systemd_environment(environment: dict[str, str]) -> str:
    """`Environment=` lines of a unit ("%" is a specifier there: doubled)."""
    return "".join(
        f"Environment={_systemd_word(f'{k}={v}', quote=True)}\n" for k, v in environment.items()
    )

"""What `remind --print-cron` and `--print-systemd` carry so the scheduled run reads the
same data as the user's shell: the variables that name the home and the database (never a
secret), and a place for its errors (a log file in the home; systemd's journal)."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from followup.cli.common import current_settings
from followup.cli.errors import UsageProblem

# Variables that say where the data is; FOLLOWUP_HOME is always written (resolved).
PASSED_ON = ("FOLLOWUP_CONFIG", "FOLLOWUP_DATABASE_URL", "FOLLOWUP_DATABASE_URL_FILE")
LOG_NAME = "remind.log"


def data_environment() -> dict[str, str]:
    """FOLLOWUP_HOME and the set variables of PASSED_ON; a URL holding a password is refused
    (a crontab or unit file is no place for it)."""
    from followup.config import mask_secret

    found = {"FOLLOWUP_HOME": str(current_settings().home.resolve())}
    for name in PASSED_ON:
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


def cron_prefix(environment: dict[str, str]) -> str:
    """`NAME=value ` words for a crontab command (cron reads % as a new line: escaped)."""
    words = [f"{k}={shlex.quote(v)}" for k, v in environment.items()]
    return " ".join(words).replace("%", "\\%")


def cron_log(environment: dict[str, str]) -> str:
    log = Path(environment["FOLLOWUP_HOME"]) / LOG_NAME
    return shlex.quote(str(log)).replace("%", "\\%")


def systemd_environment(environment: dict[str, str]) -> str:
    """`Environment=` lines of a unit ("%" is a specifier there: doubled)."""
    lines = []
    for k, v in environment.items():
        quoted = v.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
        lines.append(f'Environment="{k}={quoted}"\n')
    return "".join(lines)

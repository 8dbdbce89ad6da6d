"""The install's web secret: signs the CSRF tokens and derives the calendar feed's token.

Kept like the other secrets: from `FOLLOWUP_WEB_SECRET_FILE` where a server or container
provides one, else a file `web-secret` in the private data home (0600, made on first use).
Never in the database, never logged (registered with the log filter that redacts secrets).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SECRET_FILE_VARIABLE = "FOLLOWUP_WEB_SECRET_FILE"
SECRET_FILENAME = "web-secret"
MIN_SECRET_CHARS = 32


class WebSecretError(Exception):
    """The configured secret file is unusable."""


def load_web_secret(home: Path, environ: dict[str, str] | None = None) -> bytes:
    env = os.environ if environ is None else environ
    configured = env.get(SECRET_FILE_VARIABLE)
    path = Path(configured) if configured else home / SECRET_FILENAME
    if not configured and not path.exists():
        _create(path)
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise WebSecretError(f"cannot read the web secret {path}: {exc.strerror}") from None
    if len(text) < MIN_SECRET_CHARS:
        raise WebSecretError(
            f"the web secret in {path} is shorter than {MIN_SECRET_CHARS} characters"
        )
    _redact(text)
    return text.encode()


def _create(path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(secrets.token_urlsafe(48) + "\n")


def _redact(text: str) -> None:
    from followup.mail.accounts.secrets import RedactSecrets, install_log_filter

    RedactSecrets.register(text)
    install_log_filter()

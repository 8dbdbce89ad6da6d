"""Where a notification target's apprise URL is kept: like a mail password.

First `FOLLOWUP_NOTIFY_URL_<NAME>`, then the file named by `FOLLOWUP_NOTIFY_URL_<NAME>_FILE`
(servers and containers; the local owner only), then the OS keyring (service
"followup-notify"), the only place followup writes one to. The database keeps the target's
name and service, never its URL; every URL handed out is registered with the mail secrets'
redacting log filter, so it can't reach a log line.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Mapping
from pathlib import Path

from followup.errors import UserError

KEYRING_SERVICE = "followup-notify"


class NotifySecretError(UserError):
    default_code = "notify.no-url"


def url_variables(name: str) -> tuple[str, str]:
    upper = re.sub(r"[^A-Z0-9]", "_", name.upper())
    return f"FOLLOWUP_NOTIFY_URL_{upper}", f"FOLLOWUP_NOTIFY_URL_{upper}_FILE"


class NotifySecrets:
    """The apprise URLs of one owner's targets (`owner` "" for the local owner)."""

    def __init__(
        self,
        *,
        owner: str = "",
        use_environment: bool = True,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.owner = owner
        self.use_environment = use_environment
        self._environ = environ

    @property
    def environ(self) -> Mapping[str, str]:
        if not self.use_environment:
            return {}
        return os.environ if self._environ is None else self._environ

    def _user(self, name: str) -> str:
        return f"{self.owner}/{name}" if self.owner else name

    def source(self, name: str) -> str:
        """Where the URL would come from (a variable's name or "OS keyring"), never the URL."""
        variable, file_variable = url_variables(name)
        for candidate in (variable, file_variable):
            if self.environ.get(candidate):
                return candidate
        return "OS keyring"

    def get(self, name: str) -> str:
        from followup.mail.accounts.secrets import RedactSecrets, install_log_filter

        install_log_filter()
        url = self._lookup(name)
        RedactSecrets.register(url)
        return url

    def _lookup(self, name: str) -> str:
        variable, file_variable = url_variables(name)
        if self.environ.get(variable):
            return self.environ[variable]
        if self.environ.get(file_variable):
            path = self.environ[file_variable]
            try:
                return Path(path).read_text().strip()
            except OSError as exc:
                raise NotifySecretError(
                    f"{file_variable} names {path!r}, which cannot be read ({exc.strerror})",
                    code="notify.url-file-unreadable",
                    params={"variable": file_variable, "path": path},
                ) from None
        import keyring
        from keyring.errors import KeyringError

        try:
            url = keyring.get_password(KEYRING_SERVICE, self._user(name))
        except KeyringError as exc:
            raise NotifySecretError(
                f"the OS keyring is not usable here ({exc})",
                code="notify.keyring-unusable",
                params={"name": name, "variable": variable},
            ) from None
        if not url:
            raise NotifySecretError(
                f"no URL is stored for the notification target {name!r}",
                code="notify.no-url",
                params={"name": name, "variable": variable},
            )
        return str(url)

    def put(self, name: str, url: str) -> None:
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(KEYRING_SERVICE, self._user(name), url)
        except KeyringError as exc:
            variable, _ = url_variables(name)
            raise NotifySecretError(
                f"the OS keyring refused the URL ({exc})",
                code="notify.keyring-refused",
                params={"name": name, "variable": variable},
            ) from None

    def delete(self, name: str) -> None:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError, KeyringError):
            keyring.delete_password(KEYRING_SERVICE, self._user(name))

"""Sending a notification to one apprise URL, and telling a URL apprise knows from one it
doesn't. The only module that imports apprise."""

from __future__ import annotations

import logging

from followup.errors import UserError


class NotifyError(UserError):
    """A notification URL or a notification that failed; the problem says which."""

    default_code = "notify.failed"


def _quiet_apprise() -> None:
    # apprise logs the services it talks to at INFO/DEBUG, URLs included: keep it to
    # warnings, which followup's redacting filter also sees (followup.notify.secrets).
    logging.getLogger("apprise").setLevel(logging.WARNING)


def scheme_of(url: str, name: str = "") -> str:
    """The service of an apprise URL ("ntfy", "json", "tgram"...); NotifyError
    "notify.bad-url" if apprise does not take it. The URL itself is never repeated."""
    import apprise

    _quiet_apprise()
    service = apprise.Apprise.instantiate(url.strip(), suppress_exceptions=True)
    if not service:
        raise NotifyError(
            f"the notification URL of {name or 'the target'} is not an apprise URL",
            code="notify.bad-url",
            params={"name": name},
        )
    return url.strip().partition("://")[0].lower()


def send_notification(url: str, title: str, body: str, *, name: str = "") -> None:
    """Send one notification; NotifyError "notify.failed" when the service did not take it."""
    import apprise

    _quiet_apprise()
    notifier = apprise.Apprise()
    if not notifier.add(url.strip()):
        raise NotifyError(
            f"the notification URL of {name or 'the target'} is not an apprise URL",
            code="notify.bad-url",
            params={"name": name},
        )
    if not notifier.notify(body=body, title=title):
        raise NotifyError(
            f"the notification service of {name or 'the target'} did not accept the message",
            code="notify.failed",
            params={"name": name},
        )

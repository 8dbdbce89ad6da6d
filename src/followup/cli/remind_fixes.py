"""The CLI's words for the fixes of reminders, notification targets, import and export."""

from __future__ import annotations

REMIND_FIXES: dict[str, str] = {
    "remind.hour": "give an hour from 0 to 23 with --hour",
    "remind.target-name": "use up to 40 lower-case letters, digits, - or _ (not 'email')",
    "remind.no-target": "see `followup remind show` for your targets",
    "notify.bad-url": (
        "give an apprise URL such as ntfy://ntfy.sh/your-topic or tgram://TOKEN/CHAT "
        "(see the apprise documentation for your service)"
    ),
    "notify.failed": "check the target's service; the next `followup remind --send` tries again",
    "notify.no-url": ("add it again with `followup remind target add {name}`, or set {variable}"),
    "notify.keyring-unusable": "set {variable} instead",
    "notify.keyring-refused": "set {variable} instead",
    "notify.url-file-unreadable": "make {path} readable, or unset {variable}",
}

"""The CLI's words for the fixes of the mailbox's refusals (codes -> commands and flags);
merged into followup.cli.fixes.FIXES.

Below the CLI a mail error says what is wrong, with a code and the values a fix needs
(followup.errors.UserError): the account's name, an outbox message's number, a server's host
and port. How to put it right from a terminal is said here.
"""

from __future__ import annotations

from typing import Any

_PASSWORD_PLACES = (
    "store it with `followup account add --account {account} --password-stdin`, or set "
    "{variable} (or {file_variable}, the path of a file holding it)"
)

MAIL_FIXES: dict[str, str] = {
    # accounts
    "account.invalid": "save the account again with `followup account add`",
    "account.not-found": "add one with `followup account add --account {name}`",
    "account.unreadable": "save it again with `followup account add --account {name}`",
    "account.bad-settings": "save the account again with `followup account add`",
    "account.bad-address": "give your address, e.g. --address you@example.com",
    "account.bad-name": (
        "name it with letters, digits, '.', '-' or '_' (up to 40, not ending in 'file'), "
        "e.g. --account work"
    ),
    "account.name-clash": "choose another --account name than {name!r}",
    "account.bad-security": "use ssl, starttls or none for --imap-security and --smtp-security",
    # secrets
    "secret.missing": "store it with `followup account add --password-stdin`, or see README",
    "secret.none-stored": _PASSWORD_PLACES,
    "secret.keyring-unusable": _PASSWORD_PLACES,
    "secret.keyring-refused": "set {variable} (or {file_variable}) instead",
    "secret.file-unreadable": "fix the path in {variable}, or the file's permissions",
    "secret.no-token-command": (
        "add one with `followup account add --account {account} --token-command CMD`"
    ),
    "secret.commands-not-allowed": (
        "use a password for this account (`followup account add --account {account} "
        "--password-stdin`)"
    ),
    "secret.token-command-failed": "check --token-command of `followup account add`",
    "secret.token-command-exited": "run the token command by hand to see why, or log in again",
    # the outbox
    "outbox.refused": "see `followup outbox list`",
    "outbox.not-found": "see `followup outbox list --account {account}` for the ids",
    "outbox.other-mode": "withdraw it first with `followup outbox cancel {id}`",
    "outbox.action-queued": "check `followup outbox list` instead of sending it twice",
    "outbox.not-confirmable": "see `followup outbox list --account {account}`",
    "outbox.not-cancellable": (
        "settle a needs-confirmation one with `followup outbox confirm {id} --sent` (or --resend)"
    ),
    "outbox.not-retryable": (
        "use `followup outbox confirm {id} --sent` (or --resend) for a needs-confirmation one"
    ),
    "outbox.no-recipient": "add the person's e-mail first with `followup person set`",
    # sending
    "send.refused": "see the draft with `followup draft ACTION_ID`",
    "send.force-needs-reason": "--force --reason 'why it must go as is'",
    "send.not-email": "do it, then record it with `followup done {action_id}`",
    "send.incomplete": "see what is missing with `followup draft {action_id}`",
    "send.no-address": "add it with `followup person set`",
    "send.lint-errors": (
        "fix it with `followup draft {action_id} --edit`, or send anyway with --force --reason WHY"
    ),
    "send.time-passed": "give a time still to come with --at, or send it now with --now",
    # the review queue, invitations
    "review.refused": "see `followup review`",
    "invite.unusable": "pass an .ics or .eml file holding one invitation",
    "review.not-found": "see `followup review` for the open ones",
    "review.message-gone": "dismiss it with `followup review resolve {id} --dismiss`",
    "invite.none-found": "pass an .ics or .eml file",
    "invite.too-large": (
        "import the invitation itself, not a whole calendar export (one file per interview)"
    ),
    "invite.unclear-application": "pass --app ID",
    # the servers
    "imap.failed": "check the account with `followup account test`, then run the command again",
    "smtp.failed": "check the account with `followup account test`, then run the command again",
    "mail.server-failed": "check the account with `followup account test`",
    "imap.folder-refused": "check the folder's name and rights in your mail client",
    "imap.folder-gone": "run `followup sync` again: it looks for the Sent folder anew",
    "mail.unknown-host": "check the {what} host name (--{protocol}-host)",
    "mail.nothing-answers": "check the {what} host and port (--{protocol}-host, --{protocol}-port)",
    "mail.timeout": "check the port, the network or a firewall",
    "mail.untrusted-certificate": (
        "check the host name, or give the server's CA certificate with --ca-file"
    ),
    "mail.tls-failed": ("try --{protocol}-security starttls (ports 143/587) or ssl (993/465)"),
    "mail.connection-closed": "check --{protocol}-security against the port",
    "mail.login-refused": (
        "check the user name and password (Gmail and Outlook want an app password, or "
        "OAuth2 with --token-command)"
    ),
    "imap.no-starttls": "use --imap-security ssl (port 993), or none for a local test server",
    "smtp.no-starttls": "use --smtp-security ssl (port 465), or none for a local test server",
    "smtp.no-login": ("check --smtp-security (many servers allow a login only after STARTTLS)"),
}


def mail_fix(code: str | None, params: dict[str, Any]) -> str | None:
    """The CLI's fix for a mail refusal's code, worded with its params (None: none)."""
    wording = MAIL_FIXES.get(code or "")
    if wording is None:
        return None
    try:
        return wording.format(**params)
    except (KeyError, IndexError):  # raised without the params its fix names
        return None


def attach_fix(exc: BaseException) -> None:
    """Give a mail refusal the CLI's fix when it carries none (so that every way the CLI
    prints it names the fix)."""
    if getattr(exc, "problem", None) is None or getattr(exc, "fix", None) is not None:
        return
    fix = mail_fix(getattr(exc, "code", None), getattr(exc, "params", None) or {})
    if fix is not None:
        exc.fix = fix  # type: ignore[attr-defined]

"""Mail commands: `account`, `send`, `outbox`, `sync` and `review`.

Thin: parse the options into a use case's input (followup.app.mail), call it, `emit` the
result. Problems the user can fix (no account, no password, a draft with lint errors, an
unknown outbox id) end as one line naming the fix (cli/mail_fixes.py) and exit code 2; a
server that can't be reached is exit code 1 with a sentence saying why.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from followup.cli.common import ROW_ID, context, emit, json_option, table
from followup.cli.errors import UsageProblem, one_line

if TYPE_CHECKING:
    from followup.app.mail.sending import Sent
    from followup.mail.outbox.row import OutboxRow
    from followup.mail.sync.syncer import SyncReport
    from followup.mail.transport.check import Check

F = TypeVar("F", bound=Callable[..., Any])

SECURITY = click.Choice(["ssl", "starttls", "none"])
ACCOUNT_OPTION = click.option(
    "--account",
    "account_name",
    default="default",
    show_default=True,
    help="Which mail account (from `followup account add`).",
)
# Refusals of a mail server (not the user's typing): exit code 1.
SERVER_ERRORS = {
    ("followup.mail.transport.imap", "MailboxError"),
    ("followup.mail.transport.smtp", "SmtpError"),
}


@contextmanager
def _worded_errors() -> Iterator[None]:
    """Mail refusals carry the CLI's fix (cli/mail_fixes.py); a server's end as exit 1."""
    from followup.errors import UserError

    try:
        yield
    except UserError as exc:
        from followup.cli.fixes import worded
        from followup.cli.mail_fixes import attach_fix

        attach_fix(exc)
        if any((c.__module__, c.__name__) in SERVER_ERRORS for c in type(exc).__mro__):
            raise click.ClickException(one_line(worded(exc))) from None
        raise


def mail_command(function: F) -> F:
    """Run a mail command with its refusals worded for the terminal."""

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        with _worded_errors():
            return function(*args, **kwargs)

    return run  # type: ignore[return-value]


def _check_lines(checks: list[Check]) -> None:
    from followup.cli.mail_fixes import mail_fix

    for check in checks:
        fix = None if check.ok else mail_fix(check.code, check.params)
        detail = check.detail + (f" (fix: {fix})" if fix else "")
        click.echo(f"{'ok  ' if check.ok else 'FAIL'} {check.what}: {detail}")


def _check_records(checks: list[Check]) -> list[dict[str, Any]]:
    from followup.cli.mail_fixes import mail_fix

    return [c.as_dict() | {"fix": None if c.ok else mail_fix(c.code, c.params)} for c in checks]


# ----------------------------------------------------------------------------- account


@click.group()
def account() -> None:
    """Your mail account: where followup sends from and reads replies (add, test, show)."""


@account.command("add")
@click.option("--address", required=True, help="Your e-mail address.")
@click.option("--display-name", default="", help="Your name as recipients see it.")
@click.option("--imap-host", required=True)
@click.option("--imap-port", type=int, default=993, show_default=True)
@click.option("--imap-security", type=SECURITY, default="ssl", show_default=True)
@click.option("--smtp-host", required=True)
@click.option("--smtp-port", type=int, default=587, show_default=True)
@click.option("--smtp-security", type=SECURITY, default="starttls", show_default=True)
@click.option("--user", help="Login name for both servers (default: the address).")
@click.option("--token-command", help="Prints an OAuth2 access token (XOAUTH2: Gmail, Outlook).")
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from stdin into the OS keyring."
)
@click.option(
    "--ca-file",
    type=click.Path(exists=True, dir_okay=False),
    help="Also trust the CA certificates in this PEM file (a self-hosted server).",
)
@click.option("--no-test", is_flag=True, help="Save without logging in to the servers.")
@ACCOUNT_OPTION
@json_option
@mail_command
def account_add(**options: Any) -> None:
    """Save an account (never its password: that goes to the OS keyring or the environment).

    The password can also come from FOLLOWUP_MAIL_PASSWORD_<NAME> or
    FOLLOWUP_MAIL_PASSWORD_<NAME>_FILE (NAME: the account's name in capitals), and for the
    account named "default" from FOLLOWUP_MAIL_PASSWORD or FOLLOWUP_MAIL_PASSWORD_FILE.
    """
    from dataclasses import replace

    from followup.app.mail.accounts import (
        NewAccount,
        add_account,
        needs_password_place,
        password_places,
        wants_password,
    )

    ctx = context()
    data = NewAccount(
        address=options["address"],
        display_name=options["display_name"],
        name=options["account_name"],
        imap_host=options["imap_host"],
        imap_port=options["imap_port"],
        imap_security=options["imap_security"],
        smtp_host=options["smtp_host"],
        smtp_port=options["smtp_port"],
        smtp_security=options["smtp_security"],
        user=options["user"],
        token_command=options["token_command"],
        ca_file=options["ca_file"],
        test=not options["no_test"],
    )
    if options["password_stdin"]:
        data = replace(data, password=sys.stdin.readline().rstrip("\r\n"))
    elif sys.stdin.isatty() and wants_password(ctx, data):
        password = click.prompt("Password (kept in the OS keyring)", hide_input=True)
        data = replace(data, password=password)
    elif needs_password_place(ctx, data):  # a headless machine: say where it can go instead
        variable, file_variable = password_places(data.name)
        click.echo(
            "note: this machine has no OS keyring to keep the password; set "
            f"{variable}=PASSWORD, or {file_variable}=/path/to/a/file holding it "
            "(readable by you only), then run `followup account test"
            + ("" if data.name == "default" else f" --account {data.name}")
            + "`",
            err=True,
        )
    added = add_account(ctx, data)
    shown = added.account

    def human() -> None:
        if added.saved:
            click.echo(f"saved mail account {shown['name']!r} ({shown['address']})")
        if added.checks is not None:
            _check_lines(added.checks)
        if not added.saved:
            click.echo(
                f"not saved: mail account {shown['name']!r} failed its test (fix: correct "
                "the settings above and add it again, or save it untested with --no-test)"
            )

    checks = None if added.checks is None else _check_records(added.checks)
    emit({"account": shown, "checks": checks, "saved": added.saved}, human)
    if added.checks is not None and not all(c.ok for c in added.checks):
        raise click.exceptions.Exit(1)


@account.command("test")
@ACCOUNT_OPTION
@json_option
@mail_command
def account_test(account_name: str) -> None:
    """Log in to both servers and say in plain words what is wrong, if anything."""
    from followup.app.mail.accounts import test_account

    checks = test_account(context(), account_name)
    emit(_check_records(checks), lambda: _check_lines(checks))
    if not all(c.ok for c in checks):
        raise click.exceptions.Exit(1)


@account.command("show")
@ACCOUNT_OPTION
@json_option
@mail_command
def account_show(account_name: str) -> None:
    """The account settings and where its secret comes from (never the secret)."""
    from followup.app.mail.accounts import show_account

    data = show_account(context(), account_name)

    def human() -> None:
        for key in ("name", "address", "display_name", "auth", "secret_from"):
            click.echo(f"{key}: {data[key]}")
        if data.get("token_command"):
            click.echo(f"token_command: {data['token_command']}")
        for server in ("imap", "smtp"):
            s = data[server]
            click.echo(f"{server}: {s['user']}@{s['host']}:{s['port']} ({s['security']})")

    emit(data, human)


# ----------------------------------------------------------------------------- send


@click.command()
@click.argument("action_id")
@click.option("--drafts", is_flag=True, help="Put it in your Drafts folder instead of sending.")
@click.option(
    "--file",
    "text_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Send this text (a Subject: line, a blank line, the body) instead of the draft.",
)
@click.option("--force", is_flag=True, help="Send despite lint errors (needs --reason).")
@click.option("--reason", help="Why you send despite lint errors (kept with the message).")
@click.option(
    "--now",
    "send_now",
    is_flag=True,
    help="Send at once, even before the action's window opens or outside the recipient's "
    "send hours (by default the message waits in the outbox until then).",
)
@click.option(
    "--at",
    "send_at",
    help="Send later, at this time (YYYY-MM-DD HH:MM, your clock): it waits in the outbox.",
)
@ACCOUNT_OPTION
@json_option
@mail_command
def send(
    action_id: str,
    *,
    drafts: bool,
    text_file: Path | None,
    force: bool,
    send_now: bool,
    send_at: str | None,
    reason: str | None,
    account_name: str,
) -> None:
    """Send a planned action's e-mail through your own mailbox, at most once.

    A message whose time has not come (the action's window opens later, or it is night or a
    holiday where the recipient is) waits in the outbox; `followup sync --watch` or
    `followup outbox run` sends it when it is due. --now sends it at once.
    """
    from followup.app.mail.sending import SendRequest, outbox_record, send_action
    from followup.app.timeparse import parse_datetime

    if send_at is not None and (send_now or drafts):
        raise UsageProblem("--at sends later (fix: leave out --now and --drafts with --at)")
    request = SendRequest(
        action_id,
        account=account_name,
        text=_read_text(text_file) if text_file else None,
        drafts=drafts,
        force=force,
        reason=reason,
        at_once=send_now,
        send_at=None if send_at is None else parse_datetime(send_at, "--at"),
    )
    sent = send_action(context(), request)
    emit(outbox_record(sent.row), lambda: _sent_lines(sent, drafts, chosen=send_at is not None))
    if not sent.delivered and not sent.waiting:
        raise click.exceptions.Exit(1)  # not delivered: scripts must notice


def _sent_lines(sent: Sent, drafts: bool, *, chosen: bool = False) -> None:
    row = sent.row
    where = "to your Drafts folder" if drafts else f"to {', '.join(row.rcpt_tos)}"
    click.echo(
        f"outbox {row.id}: {row.state} {where}" + (f" - {row.last_error}" if row.last_error else "")
    )
    if sent.waiting:
        until = row.send_after.astimezone().strftime("%a %d %b %H:%M %Z")
        click.echo(
            f"it waits in the outbox until {until}"
            + (" (--at)" if chosen else " (recipient's send hours)")
            + "; `followup sync --watch` or `followup outbox run` sends it"
            " then, or send it at once with --now"
        )


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageProblem(f"cannot read {path} ({exc}) (fix: give a UTF-8 text file)") from None


# ----------------------------------------------------------------------------- outbox


@click.group()
def outbox() -> None:
    """Messages followup sends: list, run, confirm the unsure ones, retry failed ones."""


def _outbox_command(function: Callable[..., Any]) -> Any:
    return ACCOUNT_OPTION(json_option(mail_command(function)))


def _emit_row(row: OutboxRow) -> None:
    from followup.app.mail.sending import outbox_record

    emit(outbox_record(row), lambda: click.echo(f"outbox {row.id}: {row.state}"))


@outbox.command("list")
@_outbox_command
def outbox_list(account_name: str) -> None:
    """Every outbox message and its state (needs-confirmation ones wait for you)."""
    from followup.app.mail.sending import list_outbox, outbox_record

    rows = list_outbox(context(), account_name)
    emit(
        [outbox_record(r) for r in rows],
        lambda: table(
            None,
            ["id", "state", "action", "to", "note"],
            [
                [str(r.id), str(r.state), r.action_id or "", ", ".join(r.rcpt_tos), r.last_error]
                for r in rows
            ],
        ),
    )


@outbox.command("run")
@_outbox_command
def outbox_run(account_name: str) -> None:
    """Check unsure messages, send what is due, keep copies in Sent."""
    from followup.app.mail.sending import outbox_record, run_outbox

    rows = run_outbox(context(), account_name)

    def human() -> None:
        for r in rows:
            click.echo(f"outbox {r.id}: {r.state}")

    emit([outbox_record(r) for r in rows], human)


@outbox.command("confirm")
@click.argument("outbox_id", type=ROW_ID)
@click.option(
    "--sent", "was_sent", flag_value=True, default=None, help="It did arrive: mark it sent."
)
@click.option("--resend", "was_sent", flag_value=False, help="It did not arrive: send it again.")
@_outbox_command
def outbox_confirm(outbox_id: int, was_sent: bool | None, account_name: str) -> None:
    """Settle a needs-confirmation message: it arrived (--sent), or send it again (--resend)."""
    from followup.app.mail.sending import Confirmation, confirm_message

    if was_sent is None:
        raise UsageProblem("say what happened (fix: --sent if it arrived, --resend if not)")
    _emit_row(confirm_message(context(), Confirmation(outbox_id, was_sent, account_name)))


@outbox.command("cancel")
@click.argument("outbox_id", type=ROW_ID)
@_outbox_command
def outbox_cancel(outbox_id: int, account_name: str) -> None:
    """Withdraw a message that has not gone out, or a draft you won't send."""
    from followup.app.mail.sending import OutboxMessage, cancel_message

    _emit_row(cancel_message(context(), OutboxMessage(outbox_id, account_name)))


@outbox.command("retry")
@click.argument("outbox_id", type=ROW_ID)
@_outbox_command
def outbox_retry(outbox_id: int, account_name: str) -> None:
    """Send a failed message again now."""
    from followup.app.mail.sending import OutboxMessage, retry_message

    _emit_row(retry_message(context(), OutboxMessage(outbox_id, account_name)))


# ----------------------------------------------------------------------------- sync, review


@click.command()
@click.option("--watch", is_flag=True, help="Keep running: wait for new mail (IMAP IDLE).")
@ACCOUNT_OPTION
@json_option
@mail_command
def sync(watch: bool, account_name: str) -> None:
    """Read new mail in INBOX and Sent: replies, out-of-office, bounces, invitations.

    With --watch it keeps running, wakes up when mail arrives, and also sends the outbox
    messages that have become due (at least every 5 minutes).
    """
    from followup.app.mail.syncing import SyncRequest, sync_once, sync_record, watch_mail

    def show(report: SyncReport) -> None:
        data = sync_record(report)

        def human() -> None:
            if report.new or not watch:
                for f in data:
                    click.echo(f"{f['folder']}: {f['new']} new {f['outcomes'] or ''}".rstrip())

        emit(data, human)

    request = SyncRequest(account_name)
    if not watch:
        from followup.cli.progress import bars

        with bars("reading") as advance:
            report = sync_once(context(), request, advance)
        show(report)
        return
    import signal
    import threading

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    click.echo("watching INBOX; stop with Ctrl-C", err=True)
    watch_mail(context(), request, stop, show)
    click.echo("stopped", err=True)


@click.group(invoke_without_command=True)
@click.pass_context
@ACCOUNT_OPTION
@json_option
@mail_command
def review(ctx: click.Context, account_name: str) -> None:
    """Messages followup could not tie to one application: yours to decide."""
    if ctx.invoked_subcommand is not None:
        return
    from followup.app.mail.syncing import review_record, reviews

    items = reviews(context(), account_name)
    emit(
        [review_record(i) for i in items],
        lambda: table(
            None,
            ["id", "from", "subject", "why", "applications"],
            [
                [str(i.id), i.sender, i.subject, i.reason, ", ".join(map(str, i.candidates))]
                for i in items
            ],
        ),
    )


@review.command("quarantined")
@ACCOUNT_OPTION
@json_option
@mail_command
def review_quarantined(account_name: str) -> None:
    """Messages the sync could not read (malformed mail, broken calendars), and why."""
    from followup.app.mail.syncing import quarantined, quarantined_record

    items = quarantined(context(), account_name)
    emit(
        [quarantined_record(i) for i in items],
        lambda: table(
            None,
            ["id", "folder", "message", "why"],
            [[str(i.id), i.folder, i.message_id, i.reason] for i in items],
        ),
    )


@review.command("resolve")
@click.argument("review_id", type=ROW_ID)
@click.option("--app", "app_id", type=ROW_ID, help="It belongs to this application.")
@click.option("--dismiss", is_flag=True, help="It belongs to none.")
@ACCOUNT_OPTION
@json_option
@mail_command
def review_resolve(review_id: int, app_id: int | None, dismiss: bool, account_name: str) -> None:
    """Say which application a message belongs to (recorded as a touch), or dismiss it."""
    from followup.app.mail.syncing import ReviewAnswer, settle_review

    if (app_id is None) == (not dismiss):
        raise UsageProblem("say where it belongs (fix: --app ID, or --dismiss)")
    touch = settle_review(context(), ReviewAnswer(review_id, app_id, account_name))
    data = {
        "id": review_id,
        "resolution": "dismissed" if app_id is None else f"app {app_id}",
        "app_id": app_id,
        "touch_id": touch.id if touch is not None else None,
        "kind": touch.kind.value if touch is not None else None,
    }

    def human() -> None:
        if touch is None:
            click.echo(f"review {review_id}: dismissed")
        else:
            click.echo(f"review {review_id}: recorded as {touch.kind} of application {app_id}")

    emit(data, human)

"""Mail commands: `account`, `send`, `outbox`, `sync` and `review`.

Thin: parse the options, call `followup.mail.service`, print. Problems the user can fix
(no account, no password, a draft with lint errors, an unknown outbox id) end as one line and
exit code 2; a server that can't be reached is exit code 1 with a sentence saying why.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from followup.cli.common import current_settings, json_option, now, open_store, print_json, table
from followup.cli.errors import UsageProblem

if TYPE_CHECKING:
    from followup.mail.service import MailAccess

SECURITY = click.Choice(["ssl", "starttls", "none"])
ACCOUNT_OPTION = click.option(
    "--account",
    "account_name",
    default="default",
    show_default=True,
    help="Which mail account (from `followup account add`).",
)


@contextmanager
def user_errors() -> Iterator[None]:
    """The mail layer's fixable problems as one-line usage errors (exit 2)."""
    from followup.drafts.model import DraftProblem
    from followup.mail.accounts import AccountError
    from followup.mail.outbox import OutboxError
    from followup.mail.secrets import SecretError
    from followup.mail.service import SendRefused

    try:
        yield
    except (AccountError, SecretError, OutboxError, SendRefused, DraftProblem) as exc:
        raise UsageProblem(str(exc)) from None


@contextmanager
def server_errors() -> Iterator[None]:
    """A server that can't be used: one line, exit 1 (not the user's typing)."""
    from followup.mail.imap import MailboxError
    from followup.mail.smtp import SmtpError

    try:
        yield
    except (MailboxError, SmtpError) as exc:
        raise click.ClickException(str(exc)) from None


def _access(store: Any, name: str) -> MailAccess:
    from followup.mail.service import mailbox_of

    with user_errors():
        return mailbox_of(store, name)


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
def account_add(**options: Any) -> None:
    """Save an account (never its password: that goes to the OS keyring or the environment)."""
    from followup.mail.accounts import (
        Account,
        Security,
        ServerSettings,
        guess_server_files_sent,
        save_account,
    )
    from followup.mail.secrets import secret_source, store_password

    user = options["user"] or options["address"]
    if "@" not in options["address"]:
        raise UsageProblem(
            f"{options['address']!r} is not an e-mail address (fix: --address you@example.com)"
        )
    new = Account(
        address=options["address"],
        display_name=options["display_name"],
        name=options["account_name"],
        imap=ServerSettings(
            options["imap_host"], options["imap_port"], Security(options["imap_security"]), user
        ),
        smtp=ServerSettings(
            options["smtp_host"], options["smtp_port"], Security(options["smtp_security"]), user
        ),
        auth="xoauth2" if options["token_command"] else "password",
        token_command=options["token_command"],
        server_files_sent=guess_server_files_sent(options["imap_host"]),
        ca_file=str(Path(options["ca_file"]).resolve()) if options["ca_file"] else None,
    )
    with user_errors():
        if options["password_stdin"]:
            store_password(new, sys.stdin.readline().rstrip("\r\n"))
        elif new.auth == "password" and sys.stdin.isatty() and secret_source(new) == "OS keyring":
            store_password(new, click.prompt("Password (kept in the OS keyring)", hide_input=True))
        store = open_store()
        save_account(store, new)
    click.echo(f"saved mail account {new.name!r} ({new.address})")
    if not options["no_test"]:
        _print_checks(new, as_json=False)


@account.command("test")
@ACCOUNT_OPTION
@json_option
def account_test(account_name: str, as_json: bool) -> None:
    """Log in to both servers and say in plain words what is wrong, if anything."""
    from followup.mail.accounts import load_account

    with user_errors():
        chosen = load_account(open_store(), account_name)
    _print_checks(chosen, as_json=as_json)


def _print_checks(chosen: Any, *, as_json: bool) -> None:
    from followup.mail import accounts

    checks = accounts.test_account(chosen)
    if as_json:
        print_json([{"what": c.what, "ok": c.ok, "detail": c.detail} for c in checks])
    else:
        for check in checks:
            click.echo(f"{'ok  ' if check.ok else 'FAIL'} {check.what}: {check.detail}")
    if not all(c.ok for c in checks):
        raise click.exceptions.Exit(1)


@account.command("show")
@ACCOUNT_OPTION
@json_option
def account_show(account_name: str, as_json: bool) -> None:
    """The account settings and where its secret comes from (never the secret)."""
    import json as json_module

    from followup.mail.accounts import load_account
    from followup.mail.secrets import secret_source

    with user_errors():
        chosen = load_account(open_store(), account_name)
    data = {**json_module.loads(chosen.to_json()), "secret_from": secret_source(chosen)}
    if as_json:
        print_json(data)
        return
    for key in ("name", "address", "display_name", "auth", "secret_from"):
        click.echo(f"{key}: {data[key]}")
    for server in ("imap", "smtp"):
        s = data[server]
        click.echo(f"{server}: {s['user']}@{s['host']}:{s['port']} ({s['security']})")


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
@ACCOUNT_OPTION
@json_option
def send(
    action_id: str,
    *,
    drafts: bool,
    text_file: Path | None,
    force: bool,
    send_now: bool,
    reason: str | None,
    account_name: str,
    as_json: bool,
) -> None:
    """Send a planned action's e-mail through your own mailbox, at most once.

    A message whose time has not come (the action's window opens later, or it is night or a
    holiday where the recipient is) waits in the outbox; `followup sync --watch` or
    `followup outbox run` sends it when it is due. --now sends it at once.
    """
    from followup.mail.service import outbox_of, outbox_record, queue_action

    if force and not (reason and reason.strip()):
        raise UsageProblem("--force needs --reason (fix: --force --reason 'why it must go as is')")
    text = _read_text(text_file) if text_file else None
    store = open_store()
    box = _access(store, account_name)
    at = now()
    with user_errors():
        row = queue_action(
            store,
            current_settings(),
            box,
            action_id,
            at,
            text=text,
            drafts=drafts,
            force_reason=reason if force else None,
            send_now=send_now,
        )
    with server_errors():
        outbox_of(store, box).run(at)
    row = outbox_of(store, box).get(row.id)
    if as_json:
        print_json(outbox_record(row))
    else:
        where = "to your Drafts folder" if drafts else f"to {', '.join(row.rcpt_tos)}"
        click.echo(
            f"outbox {row.id}: {row.state} {where}"
            + (f" - {row.last_error}" if row.last_error else "")
        )
    waiting = row.state == "pending" and row.send_after > at and not row.last_error
    if waiting and not as_json:
        until = row.send_after.astimezone().strftime("%a %d %b %H:%M %Z")
        click.echo(
            f"it waits in the outbox until {until}"
            " (recipient's send hours); `followup sync --watch` or `followup outbox run` sends it"
            " then, or send it at once with --now"
        )
    if row.state not in ("sent", "drafted") and not waiting:
        raise click.exceptions.Exit(1)  # not delivered: scripts must notice


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
    return ACCOUNT_OPTION(json_option(function))


@outbox.command("list")
@_outbox_command
def outbox_list(account_name: str, as_json: bool) -> None:
    """Every outbox message and its state (needs-confirmation ones wait for you)."""
    from followup.mail.service import outbox_of, outbox_record

    store = open_store()
    rows = outbox_of(store, _access(store, account_name)).rows()
    if as_json:
        print_json([outbox_record(r) for r in rows])
        return
    table(
        None,
        ["id", "state", "action", "to", "note"],
        [
            [str(r.id), str(r.state), r.action_id or "", ", ".join(r.rcpt_tos), r.last_error]
            for r in rows
        ],
    )


@outbox.command("run")
@_outbox_command
def outbox_run(account_name: str, as_json: bool) -> None:
    """Check unsure messages, send what is due, keep copies in Sent."""
    from followup.mail.service import outbox_of, outbox_record

    store = open_store()
    box = outbox_of(store, _access(store, account_name))
    with server_errors():
        rows = box.run(now())
    if as_json:
        print_json([outbox_record(r) for r in rows])
    else:
        for r in rows:
            click.echo(f"outbox {r.id}: {r.state}")


@outbox.command("confirm")
@click.argument("outbox_id", type=int)
@click.option(
    "--sent", "was_sent", flag_value=True, default=None, help="It did arrive: mark it sent."
)
@click.option("--resend", "was_sent", flag_value=False, help="It did not arrive: send it again.")
@_outbox_command
def outbox_confirm(outbox_id: int, was_sent: bool | None, account_name: str, as_json: bool) -> None:
    """Settle a needs-confirmation message: it arrived (--sent), or send it again (--resend)."""
    if was_sent is None:
        raise UsageProblem("say what happened (fix: --sent if it arrived, --resend if not)")
    _settle(account_name, as_json, lambda box, at: box.confirm(outbox_id, at, was_sent=was_sent))


@outbox.command("cancel")
@click.argument("outbox_id", type=int)
@_outbox_command
def outbox_cancel(outbox_id: int, account_name: str, as_json: bool) -> None:
    """Withdraw a message that has not gone out, or a draft you won't send."""
    _settle(account_name, as_json, lambda box, at: box.cancel(outbox_id, at), run=False)


@outbox.command("retry")
@click.argument("outbox_id", type=int)
@_outbox_command
def outbox_retry(outbox_id: int, account_name: str, as_json: bool) -> None:
    """Send a failed message again now."""
    _settle(account_name, as_json, lambda box, at: box.retry(outbox_id, at))


def _settle(
    account_name: str, as_json: bool, decide: Callable[[Any, Any], Any], *, run: bool = True
) -> None:
    """Apply the user's decision to one outbox message, then run the outbox."""
    from followup.mail.service import outbox_of, outbox_record

    store = open_store()
    box = outbox_of(store, _access(store, account_name))
    at = now()
    with user_errors():
        row = decide(box, at)
    if run:
        with server_errors():
            box.run(at)
    row = box.get(row.id)
    print_json(outbox_record(row)) if as_json else click.echo(f"outbox {row.id}: {row.state}")


# ----------------------------------------------------------------------------- sync, review


@click.command()
@click.option("--watch", is_flag=True, help="Keep running: wait for new mail (IMAP IDLE).")
@ACCOUNT_OPTION
@json_option
def sync(watch: bool, account_name: str, as_json: bool) -> None:
    """Read new mail in INBOX and Sent: replies, out-of-office, bounces, invitations.

    With --watch it keeps running, wakes up when mail arrives, and also sends the outbox
    messages that have become due (at least every 5 minutes).
    """
    from followup.mail.service import outbox_of, syncer_of

    store = open_store()
    access = _access(store, account_name)
    syncer = syncer_of(store, access)

    def show(report: Any) -> None:
        data = [{"folder": f.folder, "new": f.new, "outcomes": f.outcomes} for f in report.folders]
        if as_json:
            print_json(data)
        elif report.new or not watch:
            for f in data:
                click.echo(f"{f['folder']}: {f['new']} new {f['outcomes'] or ''}".rstrip())

    if not watch:
        with server_errors():
            show(syncer.sync(now()))
        return
    outbox_rows = outbox_of(store, access)

    def show_and_send(report: Any) -> None:
        show(report)
        outbox_rows.run(now())  # messages whose send-after time has come

    _watch(syncer, show_and_send)


def _watch(syncer: Any, show: Callable[[Any], None]) -> None:
    import signal
    import threading

    from followup.mail.watch import watch as watch_loop

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    click.echo("watching INBOX; stop with Ctrl-C", err=True)
    # Renewed IDLE every 5 minutes (well under the 29 allowed) so due outbox messages go out.
    watch_loop(syncer, now, stop, show, renew=300.0)
    click.echo("stopped", err=True)


@click.group(invoke_without_command=True)
@click.pass_context
@ACCOUNT_OPTION
@json_option
def review(ctx: click.Context, account_name: str, as_json: bool) -> None:
    """Messages followup could not tie to one application: yours to decide."""
    if ctx.invoked_subcommand is not None:
        return
    from followup.mail import sync_state

    items = sync_state.reviews(open_store().engine, account_name)
    if as_json:
        print_json(
            [
                {
                    "id": i.id,
                    "from": i.sender,
                    "subject": i.subject,
                    "kind": i.kind,
                    "reason": i.reason,
                    "candidates": list(i.candidates),
                    "message_id": i.message_id,
                }
                for i in items
            ]
        )
        return
    table(
        None,
        ["id", "from", "subject", "why", "applications"],
        [
            [str(i.id), i.sender, i.subject, i.reason, ", ".join(map(str, i.candidates))]
            for i in items
        ],
    )


@review.command("quarantined")
@ACCOUNT_OPTION
@json_option
def review_quarantined(account_name: str, as_json: bool) -> None:
    """Messages the sync could not read (malformed mail, broken calendars), and why."""
    from followup.mail import sync_state

    items = sync_state.quarantined(open_store().engine, account_name)
    if as_json:
        print_json(
            [
                {
                    "id": i.id,
                    "folder": i.folder,
                    "uid": i.uid,
                    "message_id": i.message_id,
                    "reason": i.reason,
                    "at": i.created_at.isoformat(),
                }
                for i in items
            ]
        )
        return
    table(
        None,
        ["id", "folder", "message", "why"],
        [[str(i.id), i.folder, i.message_id, i.reason] for i in items],
    )


@review.command("resolve")
@click.argument("review_id", type=int)
@click.option("--app", "app_id", type=int, help="It belongs to this application.")
@click.option("--dismiss", is_flag=True, help="It belongs to none.")
@ACCOUNT_OPTION
def review_resolve(review_id: int, app_id: int | None, dismiss: bool, account_name: str) -> None:
    """Say which application a message belongs to (recorded as a touch), or dismiss it."""
    from followup.mail import sync_state
    from followup.mail.service import resolve_review

    if (app_id is None) == (not dismiss):
        raise UsageProblem("say where it belongs (fix: --app ID, or --dismiss)")
    store = open_store()
    if dismiss:
        if not sync_state.resolve_review(store.engine, review_id, "dismissed", now()):
            raise UsageProblem(f"no open review item {review_id} (fix: see `followup review`)")
        click.echo(f"review {review_id}: dismissed")
        return
    assert app_id is not None
    box = _access(store, account_name)
    with user_errors(), server_errors():
        touch = resolve_review(store, box, review_id, app_id, now())
    click.echo(f"review {review_id}: recorded as {touch.kind} of application {app_id}")

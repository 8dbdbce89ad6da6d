"""`followup remind`: the day's follow-ups and each interview's preparation, sent where the
user looks (their mailbox, notification services); `followup worker` sends them on its own."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from followup.cli.common import ROW_ID, context, context_at, emit, json_option
from followup.cli.errors import UsageProblem
from followup.cli.plan_cmd import AS_OF_HELP

if TYPE_CHECKING:
    from followup.app.reminders import ReminderSettings, RemindReport


def open_draft(action_id: str) -> str:
    """How a reminder read in a terminal opens an action's draft."""
    return f"followup draft {action_id}"


CRON = """\
# followup: reminders at your hour (checked every 10 minutes; never sent twice; errors in the log)
*/10 * * * * {env} {exe} remind --send >/dev/null 2>>{log}
"""

SYSTEMD = """\
# ~/.config/systemd/user/followup-remind.service
[Unit]
Description=followup reminders

[Service]
Type=oneshot
{env}ExecStart={exe} remind --send
# problems go to the journal: journalctl --user -u followup-remind

# ~/.config/systemd/user/followup-remind.timer
[Unit]
Description=followup reminders every 10 minutes (sent once, at your hour)

[Timer]
OnCalendar=*:0/10
Persistent=true

[Install]
WantedBy=timers.target

# then: systemctl --user daemon-reload && systemctl --user enable --now followup-remind.timer
"""


@click.group(invoke_without_command=True)
@click.option("--send", is_flag=True, help="Send what is due to your targets (once a day).")
@click.option("--now", "any_hour", is_flag=True, help="Don't wait for your reminder hour.")
@click.option("--print-cron", is_flag=True, help="Print a crontab line that sends reminders.")
@click.option("--print-systemd", is_flag=True, help="Print a systemd timer that sends them.")
@click.option("--as-of", "as_of_text", metavar="DATETIME", help=AS_OF_HELP)
@json_option
@click.pass_context
def remind(
    click_ctx: click.Context,
    *,
    send: bool,
    any_hour: bool,
    print_cron: bool,
    print_systemd: bool,
    as_of_text: str | None,
) -> None:
    """The day's due, overdue and missed follow-ups, and each interview's preparation (the
    day before and an hour before).

    Without --send it only shows what would be sent. With --send each reminder goes once to
    your mailbox (`remind setup --email`) and your notification targets (`remind target
    add`), at your hour (`remind setup --hour`) in your zone; nothing is sent when nothing is
    due, and a target that fails is tried again by the next run. Run it every few minutes
    from cron or systemd (--print-cron, --print-systemd), or run `followup worker`.
    """
    if click_ctx.invoked_subcommand is not None:
        return
    if print_cron or print_systemd:
        from followup.cli import remind_schedule as schedule

        environment, words = schedule.data_environment(), schedule.followup_command()
        if print_cron:
            env, log = schedule.cron_prefix(environment), schedule.cron_log(environment)
            text = CRON.format(exe=schedule.cron_command(words), env=env, log=log)
        else:
            env = schedule.systemd_environment(environment)
            text = SYSTEMD.format(exe=schedule.systemd_command(words), env=env)
        emit({"text": text}, lambda: click.echo(text, nl=False))
        return
    from followup.app.reminders import RemindRun, run_reminders

    report = run_reminders(context_at(as_of_text), RemindRun(send, any_hour), open_draft)
    emit(report.record(), lambda: _print_report(report, send))


def _print_report(report: RemindReport, sent: bool) -> None:
    if not report.reminders:
        wait = f" (the day's reminder goes at {report.hour:02d}:00)" if report.waiting else ""
        click.echo(f"Nothing to remind you of now{wait}.")
    for reminder in report.reminders:
        click.echo(click.style(reminder.title, bold=True))
        click.echo(reminder.body)
    if sent:
        for d in report.deliveries:
            problem = f": {d.problem}" if d.problem else ""
            click.echo(f"{d.reminder} of {d.day} to {d.target}: {d.outcome}{problem}")
        if not report.deliveries and report.reminders:
            click.echo("No target to send to (see `followup remind setup --help`).")


@remind.command()
@click.option("--hour", type=click.IntRange(0, 23), help="The hour of the day's reminder.")
@click.option("--email/--no-email", default=None, help="Send reminders to your own mailbox.")
@click.option("--account", help="The mail account to send them with (default: default).")
@json_option
def setup(hour: int | None, email: bool | None, account: str | None) -> None:
    """When and where the reminders go (your zone: `followup prefs set --tz`)."""
    from followup.app.reminders import ReminderSetup, set_reminders

    prefs = set_reminders(context(), ReminderSetup(hour, email, account))
    emit(_settings_record(prefs), lambda: _print_settings(prefs, "saved: "))


@remind.command()
@json_option
def show() -> None:
    """Your reminder hour and targets, and where each target's URL comes from."""
    from followup.app.reminders import reminder_settings

    prefs = reminder_settings(context())
    emit(_settings_record(prefs), lambda: _print_settings(prefs, ""))


def _settings_record(prefs: ReminderSettings) -> dict[str, object]:
    from followup.app.reminders import notify_secrets

    where = notify_secrets(context())
    return {
        "hour": prefs.hour,
        "email": prefs.email,
        "account": prefs.account,
        "targets": [
            {"name": n, "service": s, "url_from": where.source(n)}
            for n, s in sorted(prefs.targets.items())
        ],
    }


def _print_settings(prefs: ReminderSettings, prefix: str) -> None:
    record = _settings_record(prefs)
    places = [f"your mailbox (account {prefs.account})"] if prefs.email else []
    places += [f"{t['name']}" for t in record["targets"]]  # type: ignore[attr-defined]
    where = ", ".join(places) if places else "nowhere yet"
    click.echo(f"{prefix}reminders at {prefs.hour:02d}:00 your time, to {where}")
    for t in record["targets"]:  # type: ignore[attr-defined]
        click.echo(f"  target {t['name']}: {t['service']} (URL from {t['url_from']})")
    if not places:
        click.echo(
            "  add one: `followup remind setup --email` (your own mailbox) or "
            "`followup remind target add NAME` (ntfy, Telegram, Slack...)"
        )


@remind.group()
def target() -> None:
    """Notification targets: apprise URLs (ntfy, Telegram, Slack, Matrix, e-mail...)."""


@target.command("add")
@click.argument("name")
@click.option("--url-stdin", is_flag=True, help="Read the URL from standard input.")
@json_option
def target_add(name: str, url_stdin: bool) -> None:
    """Add a target NAME; its apprise URL (it holds tokens) is asked for, or read from
    standard input with --url-stdin, and kept in the OS keyring, never in the database.
    Servers set FOLLOWUP_NOTIFY_URL_<NAME> instead."""
    from followup.app.reminders import NewTarget, add_target

    if url_stdin:
        url = sys.stdin.readline().strip()
    elif not sys.stdin.isatty():
        from followup.notify.secrets import url_variables

        raise UsageProblem(
            f"no terminal to ask for the apprise URL of {name} (fix: pipe it in with "
            f"--url-stdin, or set {url_variables(name)[0]})"
        )
    else:
        url = click.prompt("apprise URL", hide_input=True)
    service = add_target(context(), NewTarget(name, url))
    emit(
        {"name": name, "service": service},
        lambda: click.echo(f"added notification target {name} ({service})"),
    )


@target.command("remove")
@click.argument("name")
@json_option
def target_remove(name: str) -> None:
    """Remove the target NAME and forget its URL."""
    from followup.app.reminders import remove_target

    remove_target(context(), name)
    emit({"removed": name}, lambda: click.echo(f"removed notification target {name}"))


@remind.command()
@click.argument("interview_id", type=ROW_ID)
@click.argument("question")
@json_option
def question(interview_id: int, question: str) -> None:
    """Save a QUESTION to ask at the interview INTERVIEW_ID (shown in its preparation)."""
    from followup.app.reminders import QuestionInput, save_question

    questions = save_question(context(), QuestionInput(interview_id, question))
    emit(
        {"interview_id": interview_id, "questions": questions},
        lambda: click.echo(f"saved; interview {interview_id} has {len(questions)} question(s)"),
    )

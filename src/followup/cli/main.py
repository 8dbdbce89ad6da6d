"""`followup`: the top-level command group, with lazily imported sub-commands.

`COMMANDS` maps each command name to "module:attribute"; a module is imported only when its
command runs or help lists it, so `followup today` pays only for what it uses. Every
problem the user can fix ends as one line `error: ... (fix: ...)` and exit code 2; anything
unexpected is logged in one line and exits 1 (a traceback only at log level DEBUG).
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from followup import __version__
from followup.cli.common import json_option
from followup.cli.errors import BAD_INPUT, UNEXPECTED, UsageProblem, one_line

log = logging.getLogger("followup")

COMMANDS: dict[str, str] = {
    "app": "followup.cli.app_cmd:app",
    "person": "followup.cli.person_cmd:person",
    "interview": "followup.cli.interview_cmd:interview",
    "touch": "followup.cli.touch_cmd:touch",
    "done": "followup.cli.action_cmd:done",
    "skip": "followup.cli.action_cmd:skip",
    "outcome": "followup.cli.outcome_cmd:outcome",
    "plan": "followup.cli.plan_cmd:plan",
    "today": "followup.cli.plan_cmd:today",
    "playbook": "followup.cli.playbook_cmd:playbook",
    "config": "followup.cli.config_cmd:config",
    "demo": "followup.cli.demo_cmd:demo",
    "inspect": "followup.cli.inspect_cmd:inspect",
    "import-ics": "followup.cli.inspect_cmd:import_ics",
    "draft": "followup.cli.draft_cmd:draft",
    "profile": "followup.cli.profile_cmd:profile",
    "template": "followup.cli.template_cmd:template",
    "prefs": "followup.cli.prefs_cmd:prefs",
    "account": "followup.cli.mail_cmds:account",
    "send": "followup.cli.mail_cmds:send",
    "outbox": "followup.cli.mail_cmds:outbox",
    "sync": "followup.cli.mail_cmds:sync",
    "review": "followup.cli.mail_cmds:review",
    "lint": "followup.cli.lint_cmd:lint",
    "undo": "followup.cli.changes_cmd:undo",
    "log": "followup.cli.changes_cmd:log",
    "offers": "followup.cli.offers_cmd:offers",
    "serve": "followup.cli.serve_cmd:serve",
    "calendar": "followup.cli.calendar_cmd:calendar",
    "remind": "followup.cli.remind_cmd:remind",
    "worker": "followup.cli.worker_cmd:worker",
    "backup": "followup.cli.transfer_cmd:backup",
    "restore": "followup.cli.transfer_cmd:restore",
    "import": "followup.cli.transfer_cmd:import_",
    "export": "followup.cli.transfer_cmd:export",
    "stats": "followup.cli.stats_cmd:stats",
    "alerts": "followup.cli.alerts_cmd:alerts",
}

# Errors the user can fix, by class name and defining module: matching by name keeps their
# modules (and what they import) out of start-up.
USER_ERRORS = {
    ("followup.errors", "UserError"),
    ("followup.store.errors", "StoreError"),
    ("followup.store.errors", "NotFoundError"),
    ("followup.store.errors", "InvalidDataError"),
    ("followup.store.errors", "SchemaTooNewError"),
    ("followup.store.errors", "UnusableDatabaseError"),
    ("followup.config", "ConfigError"),
    ("followup.playbook.model", "PlaybookError"),
    ("followup.calendar.business", "CalendarError"),
}


def is_user_error(exc: BaseException) -> bool:
    return any((cls.__module__, cls.__name__) in USER_ERRORS for cls in type(exc).__mro__)


class LazyGroup(click.Group):
    """A group whose commands are imported from `COMMANDS` on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module_name, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            if getattr((ctx.obj or {}).get("context"), "last_change", None) is not None:
                from followup.cli.changes_cmd import report_change

                report_change()  # what the command changed, and how to take it back
            return result
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            _silence_stdout()  # the reader went away (`followup plan | head`): not an error
            raise click.exceptions.Exit(0) from None
        except Exception as exc:
            if is_user_error(exc):
                from followup.cli.fixes import worded

                raise UsageProblem(one_line(worded(exc))) from None
            log.error(
                "unexpected %s: %s (run again with FOLLOWUP_LOG_LEVEL=DEBUG for details, "
                "and report it)",
                type(exc).__name__,
                one_line(str(exc)),
            )
            log.debug("traceback", exc_info=True)
            raise click.exceptions.Exit(UNEXPECTED) from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Click's main, with its usage errors shortened to our one-line form."""
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            # Without standalone mode click returns the code of an Exit (--help, --version,
            # our exit 1) instead of exiting; commands themselves return None.
            code = result if isinstance(result, int) else 0
        except UsageProblem as exc:
            exc.show()
            code = exc.exit_code
        except click.UsageError as exc:
            if exc.ctx is not None and type(exc).__name__ == "NoArgsIsHelpError":
                click.echo(exc.ctx.get_help())  # `followup` or `followup app` alone: help
                code = 0
            else:
                where = exc.ctx.command_path if exc.ctx else "followup"
                click.echo(
                    f"error: {one_line(exc.format_message())} (fix: see `{where} --help`)",
                    err=True,
                )
                code = BAD_INPUT
        except click.ClickException as exc:
            click.echo(f"error: {one_line(exc.format_message())}", err=True)
            code = exc.exit_code
        except click.exceptions.Abort:
            click.echo("aborted", err=True)
            code = UNEXPECTED
        if standalone_mode:
            sys.exit(code)
        return code


@click.group("followup", cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="followup")
@json_option
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Follow up after every job interview at the right time, through the right channel,
    with the right words, and never too often.

    Record your applications, the people you met and your interviews; `followup today`
    then says what to do, when, and which rule of the playbook says so.

    Times are ISO 8601 (2026-03-03T10:00, with or without an offset such as -05:00); a time
    without an offset is read in your zone (`followup prefs show`). Dates are YYYY-MM-DD.
    Every listing takes --json. Settings: `followup config show`.
    """
    from followup.cli.common import current_settings
    from followup.config import configure_logging

    configure_logging(current_settings(ctx).log_level)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush can't fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (tests)
        pass


def main(argv: Sequence[str] | None = None) -> None:
    cli.main(args=argv, prog_name="followup")

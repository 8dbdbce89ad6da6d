"""`followup worker`: sends reminders on its own, until stopped (SIGTERM or Ctrl-C)."""

from __future__ import annotations

from datetime import timedelta

import click

from followup.cli.common import current_settings, json_option

DEFAULT_EVERY = 300  # seconds between two rounds


@click.command()
@click.option(
    "--every",
    type=click.IntRange(1, 3600),
    default=DEFAULT_EVERY,
    show_default=True,
    help="Seconds between two rounds.",
)
@json_option
def worker(every: int) -> None:
    """Run the jobs that need no one at the keyboard: reminders at your hour and before each
    interview (`followup remind --help`), a round now and every --every seconds. Stops
    cleanly on SIGTERM or Ctrl-C, after the round under way."""
    from followup.app.worker import in_process, run_worker
    from followup.cli.common import emit
    from followup.cli.remind_cmd import open_draft

    settings = current_settings()

    def started() -> None:
        emit({"started": True, "every": every}, lambda: click.echo(f"worker: every {every} s"))

    run_worker(
        settings,
        in_process(settings, open_draft, local=True),
        timedelta(seconds=every),
        started=started,
    )
    emit({"stopped": True}, lambda: click.echo("worker: stopped"))

"""`followup demo`: a sample job search in a throw-away home, then today's list."""

from __future__ import annotations

import click


@click.command()
@click.option(
    "--home",
    type=click.Path(file_okay=False),
    help="Create the sample in this new or empty directory (default: a temporary one).",
)
@click.pass_context
def demo(ctx: click.Context, home: str | None) -> None:
    """Create a realistic sample job search (dated relative to now) and show today's list.

    Uses its own data home, never your real data. Explore it afterwards with
    FOLLOWUP_HOME=<the printed directory> followup app list.
    """
    import os
    import shlex
    import tempfile
    from pathlib import Path

    from followup.app.demo import create_demo
    from followup.app.root import build_context
    from followup.cli.common import context
    from followup.config import load_settings

    if home and Path(home).is_dir() and any(Path(home).iterdir()):
        from followup.errors import UserError

        raise UserError(
            f"{home} already holds data; the demo would mix its sample with it",
            code="demo.home-has-data",
            params={"home": home},
        )
    target = Path(home) if home else Path(tempfile.mkdtemp(prefix="followup-demo-"))
    environ = {k: v for k, v in os.environ.items() if k != "FOLLOWUP_DATABASE_URL"}
    environ["FOLLOWUP_HOME"] = str(target)
    settings = load_settings(environ)
    # The demo's own home, seen at the invocation's time (its clock, not the wall clock).
    sample = build_context(settings, clock=context().clock)
    root = ctx.find_root()
    root.call_on_close(sample.close)
    create_demo(sample)
    sample.last_change = None  # the sample's own home: nothing of the user's to undo
    sample.close()  # today reads through the fast path, as it would on its own
    click.echo(f"demo data in {target}  (use it: export FOLLOWUP_HOME={target})")
    click.echo("")
    root.obj["settings"] = settings
    root.obj["context"] = sample
    from followup.cli.plan_cmd import today

    ctx.invoke(today, as_of_text=None)
    from followup.cli.common import wants_json

    if not wants_json():
        click.echo("")
        click.echo("Open it in your browser:")
        click.echo(f"  FOLLOWUP_HOME={shlex.quote(str(target))} followup serve --open")

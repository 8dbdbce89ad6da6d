"""`followup serve`: the web app on this machine (127.0.0.1 only, until server mode exists)."""

from __future__ import annotations

import ipaddress
import sys
from typing import Any

import click

from followup.cli.common import context, current_settings, emit, json_option
from followup.cli.errors import UsageProblem

DEFAULT_PORT = 8150


def check_loopback(host: str) -> str:
    """`host` if it is a loopback address; a UsageProblem otherwise."""
    name = host.strip().strip("[]")
    if name == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        address = None
    if address is None or not address.is_loopback:
        raise UsageProblem(
            f"followup serve binds to this machine only, not to {host!r} "
            "(fix: leave out --host, or give --host 127.0.0.1; server mode will come later)"
        )
    return str(address)


def quiet_stop_server(config: Any, open_url: str | None = None) -> Any:
    """A uvicorn server that opens `open_url` in the browser once it listens, and on Ctrl-C
    or SIGTERM finishes the requests in flight and returns (exit code 0) instead of dying
    by the signal once it has stopped."""
    import uvicorn

    class Server(uvicorn.Server):
        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets)
            if open_url is not None and self.started:
                import threading
                import webbrowser

                # Some browser launchers wait for the browser: never on the server's loop.
                threading.Thread(target=webbrowser.open, args=(open_url,), daemon=True).start()

        def handle_exit(self, sig: int, frame: Any) -> None:
            super().handle_exit(sig, frame)
            # uvicorn raises the signal again after a graceful stop; stopping was the point.
            self._captured_signals.clear()

    return Server(config)


def _reminders(settings: Any, url: str) -> Any:
    """The worker's scheduler, its reminders opening each draft in this web app."""
    from datetime import timedelta

    from followup.app.worker import Scheduler, in_process
    from followup.cli.worker_cmd import DEFAULT_EVERY

    def open_draft(action_id: str) -> str:
        return f"{url}actions/{action_id}/draft"

    dispatch = in_process(settings, open_draft, local=True)
    return Scheduler(settings, dispatch, timedelta(seconds=DEFAULT_EVERY), local=True)


def _mail_watch(settings: Any, ctx: Any) -> Any:
    """The watch of `followup sync --watch` where a mailbox is configured, else None."""
    from followup.app.mail.access import DEFAULT_ACCOUNT, has_account
    from followup.app.worker import MailWatch

    if not has_account(ctx, DEFAULT_ACCOUNT):
        return None
    return MailWatch(settings, DEFAULT_ACCOUNT, local=True)


def _background(parts: list[Any]) -> Any:
    from followup.app.worker import Together

    found = [p for p in parts if p is not None]
    return Together(*found) if found else None


@click.command("serve")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="The port to listen on (on 127.0.0.1).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="A loopback address only: other addresses are refused.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the app in your web browser.")
@click.option(
    "--reminders/--no-reminders",
    default=True,
    show_default=True,
    envvar="FOLLOWUP_SERVE_REMINDERS",
    help="Send your reminders from here too, as `followup worker` does; --no-reminders "
    "(or FOLLOWUP_SERVE_REMINDERS=0) where workers run apart.",
)
@click.option(
    "--watch/--no-watch",
    default=True,
    show_default=True,
    envvar="FOLLOWUP_SERVE_WATCH",
    help="Where a mailbox is set up (`followup account add`), read new mail as it arrives, "
    "as `followup sync --watch` does, and send the outbox's due messages; --no-watch (or "
    "FOLLOWUP_SERVE_WATCH=0) where a watch runs apart.",
)
@json_option
def serve(port: int, host: str, open_browser: bool, reminders: bool, watch: bool) -> None:
    """Serve the web app (Today, the board, drafts, the calendar feed) on this machine,
    send your reminders while it runs (`followup remind --help`) and, where a mailbox is
    set up, watch it for replies (`followup sync --help`).

    Only this machine can reach it; forms are protected against other sites. Stop it with
    Ctrl-C. --json prints the address as JSON before serving.
    """
    import uvicorn

    from followup.web.app import create_app
    from followup.web.secret import WebSecretError, load_web_secret

    address = check_loopback(host)
    settings = current_settings()
    try:
        secret = load_web_secret(settings.home)
    except WebSecretError as exc:
        raise UsageProblem(f"{exc} (fix: remove the file to make a new one)") from None
    shown = f"[{address}]" if ":" in address else address
    url = f"http://{shown}:{port}/"
    ctx = context()
    watcher = _mail_watch(settings, ctx) if watch else None
    also = "; reminders are sent from here too" if reminders else ""
    also += "; your mailbox is watched for replies" if watcher is not None else ""
    emit(
        {"url": url, "reminders": reminders, "watch": watcher is not None},
        lambda: click.echo(f"followup is serving at {url}  (Ctrl-C stops it){also}"),
    )
    sys.stdout.flush()
    background = _background([_reminders(settings, url) if reminders else None, watcher])
    config = uvicorn.Config(
        create_app(ctx, secret, background, warm=True),
        host=address,
        port=port,
        log_level="warning",
        access_log=False,
        server_header=False,
        lifespan="on",
    )
    try:
        quiet_stop_server(config, url if open_browser else None).run()
    except OSError as exc:
        raise UsageProblem(
            f"cannot listen on {url}: {exc.strerror} (fix: pick another --port)"
        ) from None

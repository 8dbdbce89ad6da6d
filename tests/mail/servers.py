"""Real mail servers for the tests: a private Dovecot IMAP server and an aiosmtpd SMTP server.

Dovecot runs from Debian's dovecot-imapd with a rootless config in a temporary directory on a
free port; each test gets its own user (mailbox). The SMTP server runs in-process and delivers
every accepted message into the recipient's Dovecot mailbox by IMAP APPEND, so a sent message
really arrives. Switchable faults reproduce what makes SMTP ambiguous: a connection dropped
after the message was stored but before the 250, temporary and permanent refusals, slowness.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAIL_DOMAIN = "example.test"

DOVECOT_CONF = """\
base_dir = {d}/run
state_dir = {d}/state
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{d}/tls/cert.pem
ssl_key = <{d}/tls/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain
log_path = {d}/dovecot.log
mail_location = maildir:{d}/mail/%u
mail_fsync = never
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/users/%u
}}
userdb {{
  driver = static
  args = uid={user} gid={group} home={d}/home/%u
}}
namespace inbox {{
  inbox = yes
  mailbox Drafts {{
    special_use = \\Drafts
    auto = create
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = create
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
}}
service anvil {{
  chroot =
}}
"""


class ServerError(RuntimeError):
    """A test server could not start; the message says why (tests fail, never skip)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2) as s:
            s.settimeout(1.0)
            return s.recv(100).startswith(b"* OK")
    except OSError:
        return False


@dataclass(frozen=True)
class MailUser:
    """One Dovecot user: its login, password and e-mail address."""

    name: str
    password: str

    @property
    def address(self) -> str:
        return f"{self.name}@{MAIL_DOMAIN}"


class Dovecot:
    """A private Dovecot IMAP server in a temporary directory."""

    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self.port = free_port()  # plain IMAP, STARTTLS offered
        self.tls_port = free_port()  # IMAP over TLS from the first byte
        self.conf = directory / "dovecot.conf"
        self.users: dict[str, MailUser] = {}
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 15.0) -> None:
        if shutil.which("dovecot") is None:
            raise ServerError(
                "dovecot is not installed: run `apt-get install -y dovecot-imapd` (scripts/test "
                "does it when run as root)"
            )
        as_root = os.geteuid() == 0
        user, group = ("nobody", "nogroup") if as_root else _current_user_and_group()
        for sub in ("run", "state", "mail", "home", "users", "tls"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        make_certificate(self.dir / "tls")
        self.conf.write_text(
            DOVECOT_CONF.format(
                d=self.dir, port=self.port, tls_port=self.tls_port, user=user, group=group
            )
        )
        cmd = ["dovecot", "-F", "-c", str(self.conf)]
        if as_root:
            # imap-login refuses to run as root: the whole tree belongs to nobody.
            subprocess.run(["chown", "-R", f"{user}:{group}", str(self.dir)], check=True)
            self.dir.chmod(0o755)
            cmd = ["runuser", "-u", user, "--", *cmd]
        out_path = self.dir / "dovecot.out"
        with out_path.open("wb") as out:
            self._proc = subprocess.Popen(
                cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if _port_answers(self.port):
                return
            if self._proc.poll() is not None:
                break
            time.sleep(0.05)
        output = out_path.read_text(errors="replace")
        self.stop()
        raise ServerError(f"Dovecot did not start on port {self.port}: {output}{self.log()}")

    @property
    def ca_file(self) -> Path:
        """The self-signed certificate the servers use: trust it to connect with TLS."""
        return self.dir / "tls" / "cert.pem"

    def log(self) -> str:
        path = self.dir / "dovecot.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def stop(self) -> None:
        pid_file = self.dir / "run" / "master.pid"
        if pid_file.exists():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)
        if self._proc is not None:
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None

    def add_user(self, name: str | None = None, password: str | None = None) -> MailUser:
        """A fresh user. One passwd file per user: Dovecot re-reads a changed passwd file at
        most once a second, so appending to one file would miss users added quickly."""
        user = MailUser(name or f"user-{uuid.uuid4().hex[:12]}", password or uuid.uuid4().hex)
        path = self.dir / "users" / user.name
        path.write_text(f"{user.name}:{{PLAIN}}{user.password}\n")
        if os.geteuid() == 0:
            os.chown(path, *_ids("nobody"))
        with self._lock:
            self.users[user.name] = user
        return user

    def user_for_address(self, address: str) -> MailUser | None:
        local, _, domain = address.partition("@")
        return self.users.get(local) if domain.lower() == MAIL_DOMAIN else None

    def client(self, user: MailUser) -> Any:
        """A logged-in imapclient connection (the caller logs out)."""
        from imapclient import IMAPClient

        client = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=10)
        client.login(user.name, user.password)
        return client

    def deliver(self, user: MailUser, message: bytes, folder: str = "INBOX") -> None:
        client = self.client(user)
        try:
            client.append(folder, message)
        finally:
            client.logout()

    def messages(self, user: MailUser, folder: str = "INBOX") -> list[bytes]:
        """Every message in a folder, read with PEEK (flags stay as they are)."""
        client = self.client(user)
        try:
            client.select_folder(folder, readonly=True)
            uids = client.search(["ALL"])
            if not uids:
                return []
            data = client.fetch(uids, ["BODY.PEEK[]"])
            return [data[uid][b"BODY[]"] for uid in sorted(data)]
        finally:
            client.logout()

    def flags(self, user: MailUser, folder: str = "INBOX") -> list[set[bytes]]:
        """The flags of every message in a folder, in UID order (nothing is marked read)."""
        client = self.client(user)
        try:
            client.select_folder(folder, readonly=True)
            found = client.get_flags(client.search(["ALL"]))
        finally:
            client.logout()
        return [set(found[uid]) for uid in sorted(found)]

    def bump_uidvalidity(self, user: MailUser, folder: str = "INBOX") -> None:
        """Give a folder a new UIDVALIDITY, as a server does after a rebuild."""
        self.doveadm(
            "mailbox",
            "update",
            "-u",
            user.name,
            "--uid-validity",
            str(int(time.time()) + 1000),
            folder,
        )

    def doveadm(self, *args: str) -> str:
        cmd = ["doveadm", "-c", str(self.conf), *args]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "nobody", "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise ServerError(f"doveadm {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout


def make_certificate(directory: Path) -> None:
    """A self-signed certificate for 127.0.0.1 and localhost (cert.pem, key.pem)."""
    if shutil.which("openssl") is None:
        raise ServerError("openssl is not installed: run `apt-get install -y openssl`")
    done = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(directory / "key.pem"), "-out", str(directory / "cert.pem"),
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise ServerError(f"openssl could not make a test certificate: {done.stderr.strip()}")


def tls_context(ca_dir: Path) -> Any:
    import ssl

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(ca_dir / "cert.pem", ca_dir / "key.pem")
    return context


def _ids(user: str) -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam(user)
    return entry.pw_uid, entry.pw_gid


def _current_user_and_group() -> tuple[str, str]:
    import grp
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name, grp.getgrgid(os.getgid()).gr_name


# --------------------------------------------------------------------------- SMTP


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes


@dataclass
class SmtpFaults:
    """What the SMTP server does wrong on the next transactions (all off by default)."""

    drop_after_store: bool = False  # store + deliver, then close before answering 250
    data_reply: str | None = None  # e.g. "451 4.3.0 try later" or "554 5.7.1 refused"
    rcpt_reply: str | None = None  # a refusal before DATA
    delay: float = 0.0  # seconds to wait before answering DATA


@dataclass
class SmtpHandler:
    dovecot: Dovecot | None
    received: list[Received] = field(default_factory=list)
    faults: SmtpFaults = field(default_factory=SmtpFaults)
    busy: int = 0  # DATA transactions being handled right now
    tokens: dict[str, str] = field(default_factory=dict)  # user -> OAuth2 access token

    async def auth_XOAUTH2(self, server: Any, args: list[str]) -> Any:
        """XOAUTH2 as Gmail and Outlook take it: base64 of user=U^Aauth=Bearer T^A^A."""
        import base64
        import binascii

        from aiosmtpd.smtp import AuthResult

        try:
            text = base64.b64decode(args[1], validate=True).decode()
        except (IndexError, binascii.Error, UnicodeDecodeError):
            return AuthResult(success=False, handled=False, message="501 5.5.2 bad XOAUTH2")
        fields = dict(f.split("=", 1) for f in text.split("\x01") if "=" in f)
        user, auth = fields.get("user", ""), fields.get("auth", "")
        ok = bool(user) and auth == f"Bearer {self.tokens.get(user, '')}" and user in self.tokens
        return AuthResult(success=ok, handled=False, auth_data=user)

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, mail_options: list[str]
    ) -> str:
        # AUTH is required, checked here: aiosmtpd's auth_required warns without TLS.
        if not session.authenticated:
            return "530 5.7.0 Authentication required"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if self.faults.rcpt_reply:
            return self.faults.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.busy += 1
        try:
            return await self._data(server, envelope)
        finally:
            self.busy -= 1

    async def _data(self, server: Any, envelope: Any) -> str:
        faults = self.faults
        if faults.delay:
            await asyncio.sleep(faults.delay)
        if faults.data_reply:
            return faults.data_reply
        data = bytes(envelope.original_content or envelope.content)
        await asyncio.get_running_loop().run_in_executor(
            None, self._store, envelope.mail_from, list(envelope.rcpt_tos), data
        )
        if faults.drop_after_store:
            server.transport.close()
            return "421 closing"  # never reaches the client: the transport is gone
        return "250 OK: queued"

    def _store(self, mail_from: str, rcpt_tos: list[str], data: bytes) -> None:
        self.received.append(Received(mail_from, rcpt_tos, data))
        if self.dovecot is None:
            return
        for rcpt in rcpt_tos:
            user = self.dovecot.user_for_address(rcpt)
            if user is not None:
                self.dovecot.deliver(user, data)


class SmtpServer:
    """aiosmtpd in a thread on a free port, AUTH PLAIN/LOGIN without TLS."""

    def __init__(
        self,
        dovecot: Dovecot | None,
        users: dict[str, str] | None = None,
        tls: str | None = None,  # None, "starttls" or "ssl" (TLS from the first byte)
    ) -> None:
        self.tls = tls
        self.handler = SmtpHandler(dovecot)
        self.port = free_port()
        self.dovecot = dovecot
        self.logins: dict[str, str] = dict(users or {})
        self._controller: Any = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        options: dict[str, Any] = {}
        if self.tls is not None:
            if self.dovecot is None:
                raise ServerError("a TLS SMTP server needs the Dovecot's certificate")
            context = tls_context(self.dovecot.ca_file.parent)
            options = {"ssl_context": context} if self.tls == "ssl" else {"tls_context": context}
        self._controller = Controller(
            self.handler,
            hostname="127.0.0.1",
            port=self.port,
            authenticator=self._authenticate,
            auth_require_tls=False,
            **options,
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def add_login(self, user: str, password: str) -> None:
        self.logins[user] = password

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    @property
    def faults(self) -> SmtpFaults:
        return self.handler.faults

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Wait until a message whose sender vanished mid-transaction is fully handled (the
        server keeps going after the client died: a test must not look too early)."""
        time.sleep(0.05)
        deadline = time.monotonic() + timeout
        while self.handler.busy and time.monotonic() < deadline:
            time.sleep(0.01)

    def reset(self) -> None:
        self.handler.received.clear()
        self.handler.faults = SmtpFaults()

    def _authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> Any:
        from aiosmtpd.smtp import AuthResult

        login = getattr(auth_data, "login", b"").decode()
        password = getattr(auth_data, "password", b"").decode()
        known = dict(self.logins)
        if self.dovecot is not None:
            known.update({u.name: u.password for u in list(self.dovecot.users.values())})
        return AuthResult(success=known.get(login) == password, handled=False, auth_data=login)


@contextlib.contextmanager
def running_servers() -> Any:
    """A private Dovecot and an aiosmtpd delivering into it, for tests outside tests/mail
    (tests/app imports this module by path): yields (dovecot, smtp)."""
    import tempfile

    # Not under pytest's tmp dir: that is mode 0700 and Dovecot runs as `nobody`.
    directory = Path(tempfile.mkdtemp(prefix="followup-dovecot-"))
    directory.chmod(0o755)
    dovecot = Dovecot(directory)
    dovecot.start()
    smtp = SmtpServer(dovecot)
    try:
        smtp.start()
        yield dovecot, smtp
    finally:
        smtp.stop()
        dovecot.stop()
        shutil.rmtree(directory, ignore_errors=True)

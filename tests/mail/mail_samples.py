"""One small message built from its parts, for tests that vary a header, a subject or a body."""

from __future__ import annotations

USER = "alice.candidate@gmail.com"


def message(
    from_: str,
    subject: str,
    body: str = "Hello Alice",
    extra: str = "",
    content_type: str = "text/plain; charset=utf-8",
) -> bytes:
    return (
        f"From: {from_}\r\nTo: {USER}\r\nSubject: {subject}\r\n"
        f"Date: Fri, 13 Mar 2026 10:00:00 +0000\r\nMessage-ID: <m1@sender.example>\r\n{extra}"
        f"MIME-Version: 1.0\r\nContent-Type: {content_type}\r\n\r\n{body}\r\n"
    ).encode()

"""Checks of user input that need more than the store knows (supported countries)."""

from __future__ import annotations

import functools

from followup.app.errors import InputError
from followup.app.timeparse import zone


@functools.cache
def supported_countries() -> frozenset[str]:
    import holidays

    return frozenset(holidays.list_supported_countries())


def check_country(code: str | None) -> str | None:
    """The code in capitals if followup knows its holidays; InputError otherwise."""
    if code is None:
        return None
    upper = code.strip().upper()
    if upper not in supported_countries():
        raise InputError(f"unknown country {code!r}", code="country.unknown", params={"code": code})
    return upper


def check_url(text: str) -> str:
    """A web address people can open: http(s), a host, no spaces."""
    from urllib.parse import urlsplit

    url = text.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or " " in url:
        raise InputError(f"{text!r} is not a web address", code="url.invalid", params={"url": text})
    return url


def check_zone(name: str | None) -> str | None:
    if name is None:
        return None
    zone(name.strip())
    return name.strip()

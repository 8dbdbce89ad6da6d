"""Checks of user input that need more than the store knows (supported countries)."""

from __future__ import annotations

import functools

from followup.app.errors import InputError
from followup.app.timeparse import zone


@functools.cache
def supported_countries() -> frozenset[str]:
    import holidays

    return frozenset(holidays.list_supported_countries())


# Names people type for a country instead of its ISO 3166-1 alpha-2 code.
COUNTRY_HINTS = {
    "UK": "GB", "EN": "GB", "GBR": "GB", "ENGLAND": "GB", "USA": "US", "UAE": "AE",
    "DEU": "DE", "GER": "DE", "FRA": "FR", "ESP": "ES", "ITA": "IT", "NLD": "NL",
    "CHE": "CH", "AUT": "AT", "SGP": "SG", "JPN": "JP", "CAN": "CA", "AUS": "AU",
    "IND": "IN", "IRL": "IE", "SWE": "SE", "NOR": "NO", "DNK": "DK", "POL": "PL",
    "BRA": "BR", "MEX": "MX", "CHN": "CN", "KOR": "KR", "NZL": "NZ",
}  # fmt: skip


def check_country(code: str | None) -> str | None:
    """The code in capitals if followup knows its holidays; InputError otherwise (with the
    code meant when a common other name is given: "UK" is GB)."""
    if code is None:
        return None
    upper = code.strip().upper()
    if upper in COUNTRY_HINTS:
        hint = COUNTRY_HINTS[upper]
        raise InputError(
            f"{code!r} is not an ISO country code; did you mean {hint}?",
            code="country.alias",
            params={"code": code, "hint": hint},
        )
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

"""Which order a sender writes dates in ("05/01": 5 January or May 1st), read from the
message's Content-Language, else from the sender's country domain; None when neither tells,
so that an ambiguous date is kept uncertain rather than guessed. Pure."""

from __future__ import annotations

from followup.mail.reading.parse import ParsedMessage

# English-speaking countries that write the month first; every other locale writes the day
# first ("05/01" is 5 January in Britain, Germany, France, Australia, India...)
_MONTH_FIRST_LANGUAGES = frozenset({"en-us", "en-ph", "en-fm", "en-mh", "en-pw"})
_UNKNOWN_LANGUAGES = frozenset({"en", "en-ca", "en-001", "en-150"})
_MONTH_FIRST_TLDS = frozenset({"us", "ph", "gov", "mil", "edu"})
# country codes used as generic names (a startup's .io is no country)
_GENERIC_CCTLDS = frozenset(
    {"io", "co", "ai", "me", "tv", "fm", "ly", "to", "sh", "gg", "cc", "ws", "la", "am", "so",
     "ca", "vc", "ac", "gl", "is", "it"}
)  # fmt: skip


def day_first(parsed: ParsedMessage) -> bool | None:
    """The sender's date order from Content-Language, else the sender's country domain;
    None when neither tells."""
    language = (parsed.header("Content-Language") or "").split(",")[0].strip().lower()
    if language:
        if language in _MONTH_FIRST_LANGUAGES:
            return False
        if language not in _UNKNOWN_LANGUAGES:
            return True
    domain = parsed.from_.domain if parsed.from_ is not None else ""
    tld = domain.rpartition(".")[2]
    if tld in _MONTH_FIRST_TLDS:
        return False
    if len(tld) == 2 and tld.isalpha() and tld not in _GENERIC_CCTLDS:
        return True
    return None

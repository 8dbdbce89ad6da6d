"""A company's name without its legal form: "Maple Data Inc." is "Maple Data" in a letter.

One list for the drafts (which drop the form in running text) and the linter (which accepts
the company with or without it).
"""

from __future__ import annotations

import re
from functools import lru_cache

LEGAL_FORM_RE = re.compile(
    r"(?:,?\s+(?:Inc|Incorporated|LLC|L\.L\.C|LLP|Ltd|Limited|Corp|Corporation|Co|PLC"
    r"|GmbH|AG|KG|SE|SA|S\.A|SAS|S\.A\.S|SARL|S\.?p\.?A|SRL|S\.r\.l|BV|B\.V|NV|N\.V"
    r"|Pty\s+Ltd|Pty|K\.K|KK|AB|ASA|A/S|Oy|Oyj|ULC|LP|L\.P|PC|P\.C|Pvt\s+Ltd|Private\s+Limited"
    r"|Pte|Pvt|Sdn\s+Bhd|Bhd|Tbk|Ltda|S\.L|SL|OÜ|ApS|Sp\.\s*z\s*o\.o)\.?)+\s*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1024)  # the linter asks for the same few names on every draft
def without_legal_form(name: str) -> str:
    """The name as running text says it; the name itself when it is only a legal form."""
    text = " ".join(name.split())
    short = LEGAL_FORM_RE.sub("", text).strip().rstrip(",")
    return short or text

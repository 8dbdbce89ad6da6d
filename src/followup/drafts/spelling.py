"""Names of tools written the way their makers spell them ("postgresql" -> "PostgreSQL").

People jot notes and strengths in lower case; a draft quoting "postgresql" or "kubernetes"
as typed reads as careless. The known spellings are data (data/spellings.txt). Only a word
typed wholly in lower case is changed: what the user capitalized is kept as written.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SPELLINGS_FILE = "spellings.txt"
# A lower-case word, with the dots, pluses and hashes of names ("node.js", "c++", "c#"); a
# full stop at its end is the sentence's.
LOWER_WORD_RE = re.compile(r"(?<![\w.+#/-])[a-z0-9][a-z0-9.+#]*(?<![.])(?![\w/-])")


def parse_spellings(text: str) -> dict[str, str]:
    """The table, from the typed form (lower case) to the spelling: a line's own name, or
    only the forms listed after its "<-". Lines starting with "#" are comments."""
    table: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        spelled, arrow, others = (part.strip() for part in line.partition("<-"))
        typed = [o.strip() for o in others.split(",") if o.strip()] if arrow else [spelled]
        for form in typed:
            table[form.lower()] = spelled
    return table


@cache
def known_spellings() -> dict[str, str]:
    # next to this module (importlib.resources would cost more start-up than the read)
    data = Path(__file__).parent / "data" / SPELLINGS_FILE
    return parse_spellings(data.read_text(encoding="utf-8"))


def respell(text: str) -> str:
    """`text` with each known name typed in lower case spelled as its makers do."""
    table = known_spellings()
    return LOWER_WORD_RE.sub(lambda m: table.get(m.group(0), m.group(0)), text)

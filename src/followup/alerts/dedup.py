"""De-duplication of postings across sources and runs ("never see the same job twice").

In order: the same job of the same source (`source#id`); the same URL once tracking
parameters are dropped; the same title at the same company within a window; near-duplicate
text (MinHash signatures with LSH, `datasketch`), which catches an agency reposting a role
under its own name. Pure: the postings seen before are handed in, with their signatures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from followup.alerts.filters import company_key
from followup.alerts.model import Posting
from followup.alerts.text import tokens

TITLE_WINDOW = timedelta(days=14)
NEAR_THRESHOLD = 0.8
NUM_PERM = 64
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are read back with it
MIN_WORDS = 40  # shorter texts look alike without being the same job
_TRACKING = frozenset(
    (
        *("gclid", "fbclid", "msclkid", "mc_cid", "mc_eid", "ref", "referrer", "source", "src"),
        *("gh_src", "gh_jid", "lever-source", "lever-origin", "trk", "trackingid", "refid"),
        *("campaign_id", "_hsenc", "_hsmi", "yclid"),
    )
)


def url_key(url: str) -> str:
    """The URL without tracking parameters, fragment, `www.` or trailing slash, host folded."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in _TRACKING
    )
    path = parts.path.rstrip("/") or ""
    return urlunsplit(("", host, path, urlencode(query), ""))


def title_key(posting: Posting) -> str:
    employer = company_key(posting.company) or f"source:{posting.source}"
    return employer + "|" + " ".join(tokens(posting.title))


def shingles(posting: Posting) -> set[bytes]:
    words = tokens(f"{posting.title} {posting.description}")
    return {" ".join(words[i : i + 3]).encode() for i in range(max(len(words) - 2, 0))}


def signature(posting: Posting) -> bytes | None:
    """The MinHash of the posting's text as bytes, or None when it is too short to tell."""
    if len(tokens(posting.description)) < MIN_WORDS:
        return None
    from datasketch import MinHash

    sketch = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    sketch.update_batch(list(shingles(posting)))
    return bytes(sketch.hashvalues.astype("<u8").tobytes())


@dataclass(frozen=True, slots=True)
class Seen:
    """A posting kept before: what its duplicates are recognised by."""

    key: str
    url_key: str
    title_key: str
    at: datetime  # posted (or first seen)
    signature: bytes | None


class Deduper:
    """The postings seen so far; `duplicate_of` says which one a new posting repeats."""

    def __init__(self, seen: list[Seen] | None = None) -> None:
        from datasketch import MinHashLSH

        self._keys: set[str] = set()
        self._urls: dict[str, str] = {}
        self._titles: dict[str, list[tuple[datetime, str]]] = {}
        self._lsh = MinHashLSH(threshold=NEAR_THRESHOLD, num_perm=NUM_PERM)
        for item in seen or []:
            self.add(item)

    def add(self, item: Seen) -> None:
        self._keys.add(item.key)
        if item.url_key:
            self._urls.setdefault(item.url_key, item.key)
        self._titles.setdefault(item.title_key, []).append((item.at, item.key))
        if item.signature is not None and item.key not in self._lsh:
            self._lsh.insert(item.key, _minhash(item.signature))

    def duplicate_of(self, item: Seen) -> tuple[str, str] | None:
        """(the key of the posting it repeats, why) or None for a new job."""
        if item.key in self._keys:
            return item.key, "same job"
        if item.url_key and item.url_key in self._urls:
            return self._urls[item.url_key], "same URL"
        for at, key in self._titles.get(item.title_key, []):
            if abs(at - item.at) <= TITLE_WINDOW:
                return key, "same title and company"
        if item.signature is not None:
            near = self._lsh.query(_minhash(item.signature))
            if near:
                return sorted(near)[0], "nearly the same text"
        return None


def seen_of(posting: Posting, at: datetime) -> Seen:
    return Seen(
        posting.key,
        url_key(posting.url) if posting.url else "",
        title_key(posting),
        posting.posted_at or at,
        signature(posting),
    )


def _minhash(data: bytes) -> object:
    import numpy as np
    from datasketch import MinHash

    values = np.frombuffer(data, dtype="<u8")
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=values, scheme=SCHEME)

"""The matcher's work on a batch of postings done in numpy, not one Python object per
query or id: the queries a posting reaches (found under several keys, some of them
excluded) made distinct with a mask, the ids of the saved searches behind them gathered
from flat tables, then sorted and listed per posting in one sort.

The posting of a batch an entry is for is its `owner` (0 to the batch's size - 1)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np
import numpy.typing as npt

Ids = npt.NDArray[np.int64]
Gathered = tuple[Ids, Ids]  # saved-search ids, and the owner each is for
NONE: Ids = np.zeros(0, dtype=np.int64)
Mask = npt.NDArray[np.bool_]


def distinct(found: Ids, excluded: Sequence[Ids], scratch: Mask) -> Ids:
    """The queries of `found` once each, in order, less those of `excluded`. `scratch`
    has one False per query, and is left so."""
    scratch[found] = True
    for queries in excluded:
        scratch[queries] = False
    kept = np.flatnonzero(scratch)
    scratch[kept] = False
    return kept


def owned(per_owner: Sequence[Ids]) -> Gathered:
    """The arrays of a batch's postings as one, with the owner of each entry."""
    lengths = np.fromiter(map(len, per_owner), dtype=np.int64, count=len(per_owner))
    return np.concatenate(per_owner), np.repeat(np.arange(len(per_owner)), lengths)


class IdTable:
    """The saved-search ids of every query in one array (query q's are
    `ids[starts[q]:starts[q + 1]]`), gathered for many queries at once."""

    def __init__(self, per_query: list[list[int]]) -> None:
        lengths = np.fromiter(map(len, per_query), dtype=np.int64, count=len(per_query))
        self.starts = np.zeros(len(per_query) + 1, dtype=np.int64)
        np.cumsum(lengths, out=self.starts[1:])
        flat = chain.from_iterable(per_query)
        self.ids = np.fromiter(flat, dtype=np.int64, count=int(self.starts[-1]))

    def gather(self, queries: Ids, owners: Ids) -> Gathered:
        """The ids of the queries, each with the owner of its query."""
        begin = self.starts[queries]
        length = self.starts[queries + 1] - begin
        total = int(length.sum())
        if not total:
            return NONE, NONE
        ends = np.cumsum(length)
        offsets = np.repeat(begin - (ends - length), length) + np.arange(total)
        return self.ids[offsets], np.repeat(owners, length)


def split_sorted(parts: list[Gathered], size: int) -> list[list[int]]:
    """Each owner's ids, sorted: one sort of the whole batch by (owner, id), on one
    number that orders both when it fits in 63 bits (a search's id is a row's id)."""
    ids = np.concatenate([p[0] for p in parts])
    if not len(ids):
        return [[] for _ in range(size)]
    owners = np.concatenate([p[1] for p in parts])
    low, high = int(ids.min()), int(ids.max())
    span = high - low + 1
    if span * size < 2**62:
        keys = owners * span + (ids - low)
        keys.sort()
        ids = keys % span + low
    else:
        ids = ids[np.lexsort((ids, owners))]
    ends = np.cumsum(np.bincount(owners, minlength=size)).tolist()
    listed: list[int] = ids.tolist()
    return [listed[begin:end] for begin, end in zip([0, *ends[:-1]], ends, strict=True)]

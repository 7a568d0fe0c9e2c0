"""Names close to a new one, found in memory: likely typos and variants of a known name.

The bulk writer notes a new outlet or source whose name looks like one on record
(``store.similar_outlets``' rule), for tens of thousands of new names; apart from
``bulk`` because it is plain name matching, with no database.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Mapping


def close_names(key: str, names: Mapping[str, str]) -> list[str]:
    """Names close to ``key`` but not the same: ``store.similar_outlets``' rule, in memory."""
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.75)
    contained = [k for k in names if k != key and len(k) >= 4 and (k in key or key in k)]
    return [names[k] for k in dict.fromkeys(close + contained) if k != key][:3]


class Blocks:
    """Names grouped by kind and by the first and last three letters of their key, so a
    new name is compared with a few likely ones instead of every one ("Korea Tims" with
    the names starting "kor" or ending "ims")."""

    def __init__(self) -> None:
        self.names: dict[tuple[str, str], str] = {}  # (kind, key) -> name
        self.blocks: dict[tuple[str, str], list[str]] = defaultdict(list)

    def add(self, kind: str, key: str, name: str) -> None:
        self.names[(kind, key)] = name
        for block in _block_keys(key):
            self.blocks[(kind, block)].append(key)

    def close(self, kind: str, key: str) -> list[str]:
        candidates = {k for b in _block_keys(key) for k in self.blocks.get((kind, b), ())}
        if not candidates:  # the usual new source: nothing to compare (difflib costs even then)
            return []
        return close_names(key, {k: self.names[(kind, k)] for k in candidates})


def _block_keys(key: str) -> tuple[str, str]:
    return "^" + key[:3], key[-3:] + "$"

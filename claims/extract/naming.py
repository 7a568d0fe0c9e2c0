"""A source's name as a desk records it, from the words an article names it with.

An article names a source in passing: "the South Korean newspaper Korea Times", "Former
acting North Korean Ambassador to Kuwait Ryu Hyun Woo", later just "Ryu". The draft file
should say "Korea Times" and "Ryu Hyun Woo" (with the rest as the role), so that the
editor corrects little and the names match what is on record. The attribution's own span
(``--json``) stays the words as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from claims.extract.kinds import (
    OFFICIAL_WORDS,
    OUTLET_WORDS,
    WELL_KNOWN_OUTLETS,
    Known,
)

_DETERMINERS = frozenset({"the", "a", "an"})
# An acronym in brackets after a name: "Korean Central News Agency (KCNA)".
_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&.-]{1,9})\)\s*$")
# Small words that may sit inside a name: "Communist Party of Spain", "Bank of Korea".
_NAME_JOINERS = frozenset({"of", "de", "del", "la", "von", "van", "der", "al", "bin", "and"})
# A person's name is rarely longer: more capitalised words before it are a title or place.
_MOST_NAME_WORDS = 3
# Words that name what someone is, not who: they end a title, never start a name.
_TITLE_WORDS = OFFICIAL_WORDS | frozenset(
    """former acting deputy vice chief head leader founder editor researcher expert
    analyst professor dr mr mrs ms""".split()
)


@dataclass(frozen=True)
class Named:
    name: str
    role: str | None = None  # what the article calls the source besides its name
    kind: str | None = None  # the kind of the fuller mention a short one stands for


def source_name(
    phrase: str, kind: str, known: Known, seen: Sequence[tuple[str, str]] = ()
) -> Named:
    """The name to record for a source the article names with ``phrase``: a name on
    record found in it, else the proper name in it without the words around it; for a
    person named by one word ("Ryu"), the fuller name met before (``seen``: the names and
    kinds of the sources named so far), with its kind."""
    words = " ".join(phrase.split())
    recorded = known.name_in(words)
    if recorded is not None:
        return Named(recorded)
    if kind in ("anonymous", "document") or not any(w[:1].isupper() for w in words.split()):
        return Named(words)  # "a ministry official", "a relevant document": as written
    acronym = _ACRONYM.search(words)
    if kind == "outlet" and acronym:
        return Named(acronym.group(1))
    tokens = words.split()
    if kind == "outlet":
        return Named(_outlet_name(tokens))
    if kind in ("person", "official"):
        named = _person(tokens)
        if len(named.name.split()) == 1:
            word = _folded(named.name)
            fuller = {
                (name, of_kind)
                for name, of_kind in seen
                if of_kind in ("person", "official")
                and _folded(name) != word
                and word in _folded(name).split()
            }
            if len(fuller) == 1:
                name, of_kind = fuller.pop()
                return Named(name, named.role, of_kind)
        return named
    return Named(" ".join(_without_determiner(tokens)))


def _folded(name: str) -> str:
    return name.replace("’", "'").casefold()


def _without_determiner(tokens: list[str]) -> list[str]:
    """ "The Communist Party of Spain" is recorded as "Communist Party of Spain"; "the
    department" keeps its article, being no name."""
    if len(tokens) > 1 and tokens[0].lower() in _DETERMINERS and tokens[1][:1].isupper():
        return tokens[1:]
    return tokens


def _outlet_name(tokens: list[str]) -> str:
    """ "the South Korean newspaper Korea Times" -> "Korea Times"; "the South Korean
    Yonhap agency" -> "Yonhap"."""
    for word in tokens:
        if word.lower().strip(".,") in WELL_KNOWN_OUTLETS:
            return word.strip(".,")
    lowered = [t.lower() for t in tokens]
    for i in range(len(tokens) - 2, -1, -1):  # a descriptor word, then the name
        if lowered[i] in OUTLET_WORDS | {"agency", "portal", "site", "website"}:
            after = _capitalised_run(tokens[i + 1 :])
            if after:
                return " ".join(after)
    return " ".join(_without_determiner(tokens))


def _person(tokens: list[str]) -> Named:
    """ "Ugandan President Yoweri Kaguta Museveni" -> Yoweri Kaguta Museveni, role
    "Ugandan President"; "Former acting North Korean Ambassador to Kuwait Ryu Hyun Woo"
    -> Ryu Hyun Woo, the rest its role."""
    name: list[str] = []
    for word in reversed(tokens):
        bare = word.strip(".,").lower()
        if not word[:1].isupper() or bare in _TITLE_WORDS or len(name) == _MOST_NAME_WORDS:
            break
        name.insert(0, word)
    if not name:
        return Named(" ".join(_without_determiner(tokens)))
    before = tokens[: len(tokens) - len(name)]
    role = " ".join(before).strip(" ,") or None
    if role is not None and role.lower() in _DETERMINERS:
        role = None
    return Named(" ".join(name), role)


def _capitalised_run(tokens: list[str]) -> list[str]:
    run: list[str] = []
    for word in tokens:
        if word[:1].isupper() or (run and word.lower() in _NAME_JOINERS):
            run.append(word)
        else:
            break
    while run and run[-1].lower() in _NAME_JOINERS:
        run.pop()
    return run

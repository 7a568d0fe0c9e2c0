"""A source's kind from its words: person, official, organization, document, anonymous
or outlet (claims.vocabulary.SOURCE_KINDS).

Names already on record win; then the phrase's head noun ("a statement released by the
agency" is a statement); then any telling word; a capitalised name is a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_ANONYMOUS = re.compile(
    r"\b(sources?|anonymous|anonymity|insiders?|familiar with|people close|person close|"
    r"a person|people who|declined to be named|unnamed|unidentified)\b",
    re.IGNORECASE,
)
_DOCUMENT_WORDS = frozenset(
    """statement statements report reports document documents letter letters memo memos
    filing filings data survey surveys poll polls study studies analysis records record
    decree cable cables email emails transcript transcripts complaint indictment lawsuit
    communique communiqué release resolution order ruling figures estimate estimates
    decision minutes footage video book article editorial post tweet website notice""".split()
)
OUTLET_WORDS = frozenset(
    """newspaper newspapers paper daily times post journal shimbun tribune gazette herald
    magazine broadcaster television tv radio portal wire outlet outlets publication
    network channel press media chronicle telegraph guardian observer independent
    news ledger courier inquirer bulletin dispatch examiner globe monitor""".split()
)
# Wire services and broadcasters met in most foreign coverage; a name on record or a
# telling word ("newspaper", "Times") covers the rest.
WELL_KNOWN_OUTLETS = frozenset(
    """ap reuters afp bloomberg xinhua tass interfax kyodo yonhap kcna ansa efe dpa pti upi
    cnn bbc msnbc npr pbs nbc cbs abc ria rt politico axios""".split()
)
OFFICIAL_WORDS = frozenset(
    """official officials spokesman spokeswoman spokesperson spokespeople minister ministers
    ambassador diplomat diplomats envoy investigators investigator police prosecutors
    prosecutor authorities officers officer aide aides adviser advisers
    secretary lawmakers lawmaker regulators regulator inspectors mayor president governor
    senator chairman chairwoman director commissioner chancellor premier
    spokesmen""".split()
)
_ORGANIZATION_WORDS = frozenset(
    """ministry authority department party committee campaign council company corporation inc corp
    group organization organisation association union foundation institute university
    commission bureau office court congress parliament government administration agency
    center centre federation league army navy military embassy senate house board
    coalition alliance movement bank fund service services agencies firm team club
    cabinet kremlin pentagon""".split()
)
_PRONOUNS = frozenset("he she i you we they him her me us them".split())
# Words that end the head noun phrase: "a statement [released by ...]".
_HEAD_END = frozenset(
    """of for at with by from in on who which that released issued published close
    familiar to and ,""".split()
)
_WORD = re.compile(r"[\w’'.-]+|,")


@dataclass(frozen=True)
class Known:
    """Outlets and sources already on record, as plain data."""

    outlets: Iterable[str] = ()
    sources: Iterable[tuple[str, str]] = ()  # (kind, name)
    _outlets: frozenset[str] = field(init=False, repr=False)
    _sources: dict[str, str] = field(init=False, repr=False)
    _spellings: dict[str, str] = field(init=False, repr=False)  # words -> name on record

    def __post_init__(self) -> None:
        outlets, sources = list(self.outlets), list(self.sources)
        object.__setattr__(self, "_outlets", frozenset(o.casefold() for o in outlets))
        object.__setattr__(self, "_sources", {name.casefold(): kind for kind, name in sources})
        # Sources first, then outlets: an outlet's own name wins over a source of that name.
        spellings = {_words(name): name for _, name in sources}
        spellings.update((_words(name), name) for name in outlets)
        spellings.pop("", None)
        object.__setattr__(self, "_spellings", spellings)

    def name_in(self, phrase: str) -> str | None:
        """The longest name on record that the phrase holds, as recorded: "the South Korean
        newspaper Korea Times" holds "Korea Times". Looked up word run by word run, so the
        cost is the phrase's, whatever the size of the record."""
        if not self._spellings:
            return None
        words = _words(phrase).split()
        for size in range(min(len(words), _LONGEST_NAME), 0, -1):
            for start in range(len(words) - size + 1):
                found = self._spellings.get(" ".join(words[start : start + size]))
                if found is not None:
                    return found
        return None

    def kind_of(self, phrase: str) -> str | None:
        """The recorded kind of a name that the phrase is, or ends with."""
        folded = _fold(phrase)
        for name, kind in self._sources.items():
            if folded == name or folded.endswith(" " + name):
                return kind
        for outlet in self._outlets:
            if folded == outlet or folded.endswith(" " + outlet):
                return "outlet"
        return None


_LONGEST_NAME = 12  # words: longer runs are sentences, not names
_NAME_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _words(name: str) -> str:
    """A name's words, case and apostrophes folded: "O’Carroll" and "o'carroll" are one."""
    return " ".join(_NAME_WORD.findall(name.replace("’", "'").casefold()))


def _fold(phrase: str) -> str:
    words = phrase.replace("’", "'").casefold().split()
    if words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words)


def source_kind(phrase: str, known: Known | None = None, *, anonymous: bool = False) -> str:
    """The kind an editor would most likely give the source named by ``phrase``.
    ``anonymous``: the sentence says the source spoke on condition of anonymity."""
    if known is not None:
        recorded = known.kind_of(phrase)
        if recorded is not None:
            return recorded
    if _ANONYMOUS.search(phrase):
        return "anonymous"
    words = _WORD.findall(phrase)
    lowered = [w.lower().strip(".") for w in words]
    head_words: list[tuple[str, str]] = []
    for word, low in zip(words, lowered, strict=True):
        if head_words and low in _HEAD_END:
            break
        head_words.append((word, low))
    head = head_words[-1][1] if head_words else ""
    named = _ends_with_name(head_words)
    if head in _DOCUMENT_WORDS and not named:
        return "document"
    if head in WELL_KNOWN_OUTLETS or (head in OUTLET_WORDS and head not in {"paper"}):
        return "outlet"
    if any(low in WELL_KNOWN_OUTLETS for _, low in head_words):
        return "outlet"
    if "newspaper" in lowered or ("news" in lowered and "agency" in lowered):
        return "outlet"
    if head in OFFICIAL_WORDS and not named:
        return "anonymous" if anonymous else "official"
    if head in _ORGANIZATION_WORDS:
        return "organization"
    if named:
        return "person"
    if any(low in _ORGANIZATION_WORDS for low in lowered):
        return "organization"
    if any(low in OFFICIAL_WORDS for low in lowered):
        return "anonymous" if anonymous else "official"
    return "person"


def _ends_with_name(head_words: list[tuple[str, str]]) -> bool:
    """True when the phrase ends with a capitalised name that is no title or body:
    "Ambassador Ryu", "Chad Smith", not "the Ministry" or "the Times"."""
    if not head_words:
        return False
    word, low = head_words[-1]
    if low in _PRONOUNS:
        return low not in {"we", "they", "us", "them"}
    if not word[:1].isupper() or len(head_words) == 1 and word.isupper():
        return False
    return low not in OFFICIAL_WORDS | _ORGANIZATION_WORDS | OUTLET_WORDS | _DOCUMENT_WORDS

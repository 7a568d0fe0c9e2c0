"""Finding attributions: who is said to have said what, as character spans of the text.

Pure functions over a string. Each sentence is scanned for cues (a speech verb,
"according to", "citing"); around each cue the source is the clause's subject (or what
follows the verb, in "..., said the minister"), and the content is the verb's complement,
or the quotation before the cue when the attribution closes the sentence.

Here: the scan, the choice of a rule for each cue, which of a sentence's attributions
stand (those no other one contains), and the short rules ("according to", "citing", a
headline's "Speaker: words"). The speech verbs' rule, most of the rules, is in
``speech``; what all rules share is in ``phrases`` (the words around a cue),
``quotations`` (how far a content runs) and ``spans`` (the attribution made).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from claims.extract.cues import SPEECH_VERBS
from claims.extract.kinds import Known
from claims.extract.phrases import OPENERS, SUBJECT_PRONOUNS, adverb, phrase_end
from claims.extract.quotations import content_span, inside, opening_quote, quotations
from claims.extract.spans import Attribution, make_attribution
from claims.extract.speech import speech
from claims.extract.text import Token, sentences, tokens

_ANONYMITY = re.compile(
    r"condition of anonymity|anonymously|not authori[sz]ed to|declined to be (named|identified)"
    r"|asked not to be (named|identified)",
    re.IGNORECASE,
)


def find_attributions(text: str, known: Known | None = None) -> list[Attribution]:
    """Every attribution found in text, in reading order. ``known``: outlets and sources
    already on record, so that their names get their recorded kind."""
    known = known or Known()
    quoted = quotations(text)
    found: list[Attribution] = []
    for start, end in sentences(text):
        words = tokens(text, start, end)
        anonymous = bool(_ANONYMITY.search(text, start, end))
        candidates: list[Attribution] = []
        for index, token in enumerate(words):
            # A cue inside content already attributed (a quotation of several sentences)
            # belongs to that content.
            if any(a.content.start <= token.start < a.content.end for a in found[-3:]):
                continue
            if inside(quoted, token.start):
                # Words a source is quoted as saying: the quotation is the content of an
                # attribution around it, not one of its own.
                continue
            candidates.extend(_at(text, words, index, (start, end), known, anonymous))
        if not candidates and (start == 0 or text[start - 1] == "\n"):
            candidates.extend(_headline_colon(text, words, (start, end), known))
        found.extend(_outermost(candidates))
    return found


def _outermost(candidates: list[Attribution]) -> list[Attribution]:
    """The attributions of one sentence that no other one contains: each word has at most
    one role (as in PolNeAR). "A decided B, the paper reported" is the paper's report;
    an attribution whose content comes before its cue closes the sentence and goes first,
    then the others in reading order."""
    order = sorted(
        candidates,
        key=lambda a: (a.cue is None or a.content.end > a.cue.start, a.source.start),
    )
    kept: list[Attribution] = []
    for candidate in order:
        cue_at = candidate.cue.start if candidate.cue else candidate.source.start
        if any(k.content.start <= cue_at < k.content.end for k in kept):
            continue
        inner = [
            k
            for k in kept
            if k.cue is not None and candidate.content.start <= k.cue.start < candidate.content.end
        ]
        if inner and candidate.cue is not None and candidate.cue.text.lower() == "citing":
            # "X reported ..., citing Y": Y stands behind the same statement as X.
            candidate = replace(candidate, content=inner[0].content)
        elif inner:
            continue
        kept.append(candidate)
    return sorted(kept, key=lambda a: a.source.start)


def _headline_colon(
    text: str, words: Sequence[Token], sentence: tuple[int, int], known: Known
) -> list[Attribution]:
    """ "Graham: Trump's rhetoric is destroying the party": a headline's speaker."""
    colon = next((i for i, w in enumerate(words[:7]) if w.text == ":"), None)
    if colon is None or colon == 0 or len(words) - colon < 4:
        return []
    if not all(w.text[:1].isupper() or w.lower in _NAME_JOINERS for w in words[:colon]):
        return []
    content = content_span(text, words[colon].end, sentence[1])
    return make_attribution(
        text, (words[0].start, words[colon - 1].end), None, content, known, False
    )


# Lower-case words that may stand inside a speaker's name in a headline.
_NAME_JOINERS = frozenset({"of", "the", "camp", "campaign", "aide", "aides", "and", "."})


def _at(
    text: str,
    words: Sequence[Token],
    index: int,
    sentence: tuple[int, int],
    known: Known,
    anonymous: bool,
) -> list[Attribution]:
    token = words[index]
    lower = token.lower
    if lower == "according" and index + 1 < len(words) and words[index + 1].lower == "to":
        return _according_to(text, words, index, sentence, known, anonymous)
    if lower == "citing":
        return _citing(text, words, index, sentence, known, anonymous)
    if (
        lower in SPEECH_VERBS
        and (token.text == lower or _headline_verb(words, index))
        and not _not_a_report(words, index)
    ):
        return speech(text, words, index, sentence, known, anonymous)
    return []


# Before a verb form, these make it a passive, an infinitive or a noun: "was told",
# "to say", "the reports", "on claims".
_NOT_BEFORE = frozenset(
    """was were is are be been being to the a an of on about for with these those his her
    their its our my your such new recent in by from this no any""".split()
)


# Verb forms that are as often plural nouns ("in 15 states", "the reports"): a verb
# only right after a name or a pronoun.
_ALSO_NOUNS = frozenset(
    "attacks states claims reports estimates notes fears hopes promises vows urges replies recalls "
    "concludes think thought".split()
)


def _headline_verb(words: Sequence[Token], index: int) -> bool:
    """A capitalised verb in a title-case headline: "County Says Trump Should Win"."""
    if index == 0 or words[-1].text in {".", "!", "?", "”", '"'}:
        return False
    capitalised = sum(1 for w in words if w.text[:1].isupper())
    return capitalised * 2 > len(words)


def _not_a_report(words: Sequence[Token], index: int) -> bool:
    if words[index].lower in _ALSO_NOUNS and index > 0:
        before = words[index - 1]
        if not (before.text[:1].isupper() or before.lower in SUBJECT_PRONOUNS):
            return True
    position = index - 1
    # "was first reported", "is widely expected": past adverbs to the auxiliary.
    while position >= 0 and (
        words[position].lower in {"also", "not", "n't", "never", "first", "long"}
        or adverb(words[position])
    ):
        position -= 1
    return position >= 0 and words[position].lower in _NOT_BEFORE


def _according_to(
    text: str,
    words: Sequence[Token],
    index: int,
    sentence: tuple[int, int],
    known: Known,
    anonymous: bool,
) -> list[Attribution]:
    first = index + 2
    if first >= len(words):
        return []
    stop = phrase_end(words, first)
    source = (words[first].start, words[stop - 1].end)
    cue = (words[index].start, words[index + 1].end)
    if stop >= len(words) or words[stop].text in {".", "?", "!"}:
        # "..., according to X." The content is what comes before.
        content = content_span(
            text, opening_quote(text, words[index].start, sentence[0]), words[index].start
        )
    elif all(w.lower in OPENERS or w.text == "," for w in words[:index]):
        # "According to X, ..." (or "But according to X, ...")
        content = content_span(text, words[stop].start, sentence[1])
    else:
        # "The ministry, according to X, has ..." The whole sentence says it.
        content = content_span(text, sentence[0], sentence[1])
    return make_attribution(text, source, cue, content, known, anonymous)


def _citing(
    text: str,
    words: Sequence[Token],
    index: int,
    sentence: tuple[int, int],
    known: Known,
    anonymous: bool,
) -> list[Attribution]:
    first = index + 1
    if first >= len(words):
        return []
    stop = phrase_end(words, first)
    source = (words[first].start, words[stop - 1].end)
    cue = (words[index].start, words[index].end)
    if stop < len(words) and words[stop].text == ",":
        # "X reported, citing Y, that ...": what follows "that" is the report.
        after = stop + 1 if stop + 1 < len(words) and words[stop + 1].lower == "that" else stop
        content = content_span(text, words[after].end, sentence[1])
    else:
        content = content_span(text, sentence[0], words[index].start)
    return make_attribution(text, source, cue, content, known, anonymous)

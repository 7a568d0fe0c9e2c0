"""Finding attributions: who is said to have said what, as character spans of the text.

Pure functions over a string. Each sentence is scanned for cues (a speech verb,
"according to", "citing"); around each cue the source is the clause's subject (or what
follows the verb, in "..., said the minister"), and the content is the verb's complement,
or the quotation before the cue when the attribution closes the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from claims.extract.cues import (
    CLAUSE_BREAKS,
    INVERTING_VERBS,
    SPEECH_VERBS,
    VERB_PREFIXES,
)
from claims.extract.kinds import Known
from claims.extract.phrases import (
    MAX_SOURCE_WORDS,
    MAX_TAIL_WORDS,
    OPENERS,
    SUBJECT_PRONOUNS,
    adverb,
    after_quotation,
    circumstance,
    complement_start,
    content_end,
    leading_subject,
    matching_paren,
    noun_phrase,
    phrase_end,
    pronoun_object,
    tail_end,
    words_to_comma,
)
from claims.extract.quotations import (
    closing_quote,
    content_span,
    continued,
    inside,
    opening_quote,
    quotations,
)
from claims.extract.spans import Attribution, Span, make_attribution
from claims.extract.text import Token, sentences, tokens

_QUOTE_OR_COMMA = frozenset({",", "”", '"', "'"})
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
        return _speech(text, words, index, sentence, known, anonymous)
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
# "X reported, citing Y, that ...": a participle after the verb's comma, no aside.
_PARTICIPLES = frozenset("citing adding saying according noting quoting".split())


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


def _speech(
    text: str,
    words: Sequence[Token],
    index: int,
    sentence: tuple[int, int],
    known: Known,
    anonymous: bool,
) -> list[Attribution]:
    cue_token = words[index]
    # The source: back from the verb over "has also", then to the clause's start.
    left = index
    while left > 0 and (words[left - 1].lower in VERB_PREFIXES or adverb(words[left - 1])):
        left -= 1
    cue = (
        words[left].start if left < index and words[left].lower != "not" else cue_token.start,
        cue_token.end,
    )
    first = left
    while first > 0:
        if words[first - 1].text == ")":
            # "the Korean Central News Agency (KCNA) reported": the aside is the name's.
            opening = matching_paren(words, first - 1)
            if opening is not None:
                first = opening
                continue
        if words[first - 1].lower in CLAUSE_BREAKS:
            break
        first -= 1
    if left - first > MAX_SOURCE_WORDS:
        first = left - MAX_SOURCE_WORDS
    brk = words[first - 1] if first > 0 else None
    tail = words_to_comma(words, index)
    after_end = tail_end(words, index)
    if first == left:
        # No subject right before the verb: "..., said the minister." (inverted), or
        # "Smith, a senator from Ohio, said ..." (the subject is before an apposition).
        if brk is not None and brk.lower in {"and", "but"}:
            # "He greeted supporters and told them that ...": the sentence's subject.
            subject = leading_subject(words, first - 1)
            after = complement_start(words, index)
            if subject is None or after >= len(words):
                return []
            content = content_span(text, words[after].start, content_end(words, after, sentence[1]))
            content = continued(text, content, sentence[1])
            return make_attribution(text, subject, cue, content, known, anonymous)
        if brk is not None and brk.lower == "who" and first >= 2:
            # "Smith, who said ...": Smith, named before the relative pronoun.
            end = first - 1 if words[first - 2].text != "," else first - 2
            start = end
            while start > 0 and words[start - 1].lower not in CLAUSE_BREAKS:
                start -= 1
            after = complement_start(words, index)
            if end <= start or end - start > 6 or after >= len(words):
                return []
            # The relative clause ends at the comma that closes it: "Smith, who said X, left".
            comma = next((w for w in words[after:] if w.text == ","), None)
            stop = comma.start if comma is not None else content_end(words, after, sentence[1])
            content = content_span(text, words[after].start, stop)
            source = (words[start].start, words[end - 1].end)
            return make_attribution(text, source, cue, content, known, anonymous)
        if brk is None or brk.text not in _QUOTE_OR_COMMA:
            return []
        stop = phrase_end(words, index + 1)
        after = complement_start(words, index)
        if (
            cue_token.lower in INVERTING_VERBS
            and stop > index + 1
            and not all(adverb(w) for w in words[index + 1 : stop])
            and noun_phrase(words[index + 1 : stop])
            and after == index + 1
            and (stop >= len(words) or words[stop].text in {",", ".", "?", "!", ":"})
        ):
            source = (words[index + 1].start, words[stop - 1].end)
            content = content_span(text, opening_quote(text, brk.end, sentence[0]), brk.start)
            content = continued(text, content, sentence[1])
            return make_attribution(text, source, cue, content, known, anonymous)
        participle = cue_token.lower.endswith("ing")
        if brk.text != "," and not (participle and text[: brk.start].endswith(",")):
            return []
        # "Smith, a senator from Ohio, said": back over the apposition to the name.
        apposition = first - 1
        name_end = apposition - 1
        while name_end >= 0 and words[name_end].text != ",":
            name_end -= 1
        name_start = name_end - 1
        while name_start >= 0 and words[name_start].lower not in CLAUSE_BREAKS:
            name_start -= 1
        name_start += 1
        if (
            name_end <= name_start
            or name_end - name_start > MAX_SOURCE_WORDS
            or not words[name_start].text[:1].isupper()
            or words[name_start].lower in OPENERS
        ):
            if cue_token.lower.endswith("ing"):
                # "Clinton attacked Trump, saying ...": the sentence's subject.
                subject = leading_subject(words, first - 1)
                if subject is None or after >= len(words):
                    return []
                end = content_end(words, after, sentence[1])
                content = content_span(text, words[after].start, end)
                return make_attribution(text, subject, cue, content, known, anonymous)
            # Else the sentence's first phrase: "Smith, 45, a senator from Ohio, said".
            name_start = 0
            name_end = next((i for i, w in enumerate(words) if w.text == ","), 0)
            if not 0 < name_end <= MAX_SOURCE_WORDS or name_end >= left:
                return []
            if not words[0].text[:1].isupper() or words[0].lower in OPENERS:
                return []
        source = (words[name_start].start, words[name_end - 1].end)
        before = words[name_start - 1] if name_start > 0 else None
        if before is not None and before.text in _QUOTE_OR_COMMA and after == index + 1:
            # "“...,” Smith, a senator, said." The quotation before is the content.
            content = content_span(text, opening_quote(text, before.end, sentence[0]), before.start)
            content = continued(text, content, sentence[1])
            return make_attribution(text, source, cue, content, known, anonymous)
        if before is not None or after >= len(words):
            return []
        content = content_span(text, words[after].start, content_end(words, after, sentence[1]))
        return make_attribution(text, source, cue, content, known, anonymous)
    source = (words[first].start, words[left - 1].end)
    if pronoun_object(words, first, left):
        return []
    closing = (
        brk is not None
        and brk.text in {",", "”", '"', "'", "—", "–"}
        and (tail <= MAX_TAIL_WORDS or after_end < len(words))
        and (
            tail == 0
            or after_end < len(words)
            or circumstance(words[index + 1])
            or (after_quotation(text, brk) and tail <= 4)
        )
        and first >= 2
        and complement_start(words, index) == index + 1
    )
    if (
        brk is not None
        and brk.text == ","
        and index + 1 < len(words)
        and words[index + 1].text == ","
        and first >= 2
        and not (index + 2 < len(words) and words[index + 2].lower in _PARTICIPLES)
    ):
        # "The nominee, he said, watched ...": the sentence around says it.
        content = content_span(text, sentence[0], sentence[1])
        return make_attribution(text, source, cue, content, known, anonymous)
    if closing and brk is not None:
        # "“...,” the minister said." The content is the quotation before.
        opening = opening_quote(text, brk.end, sentence[0])
        close = None
        if after_end < len(words):
            # "“A,” she said, “B.”": both quotations, one content.
            close = closing_quote(text, words[after_end + 1].start)
        if close is not None:
            content = Span(text[opening:close], opening, close)
        else:
            content = continued(text, content_span(text, opening, brk.start), sentence[1])
        return make_attribution(text, source, cue, content, known, anonymous)
    # "X said (that) ...": the content is what follows, past "told reporters".
    start = complement_start(words, index)
    if start >= len(words):
        return []
    end = content_end(words, start, sentence[1])
    content = content_span(text, words[start].start, end)
    if end == sentence[1]:
        content = continued(text, content, sentence[1], to_paragraph_end=True)
    return make_attribution(text, source, cue, content, known, anonymous)

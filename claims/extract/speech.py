"""Attributions around a speech verb ("said", "told", "reported"...): the source and the
content for each order a sentence can put them in.

"X said (that) ...", "“...,” X said", "“...,” said X", "X, a senator, said ...", "X, who
said ...", "X greeted ... and told ...", "X attacked Y, saying ...", "Y, X said, did ...".
Apart from the other cues' rules (``attributions``, which calls this one): most cues are
speech verbs, and their shapes make one long rule, tried in turn.
"""

from __future__ import annotations

from collections.abc import Sequence

from claims.extract.cues import CLAUSE_BREAKS, INVERTING_VERBS, VERB_PREFIXES
from claims.extract.kinds import Known
from claims.extract.phrases import (
    MAX_SOURCE_WORDS,
    MAX_TAIL_WORDS,
    OPENERS,
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
from claims.extract.quotations import closing_quote, content_span, continued, opening_quote
from claims.extract.spans import Attribution, Span, make_attribution
from claims.extract.text import Token

_QUOTE_OR_COMMA = frozenset({",", "”", '"', "'"})

# "X reported, citing Y, that ...": a participle after the verb's comma, no aside.
_PARTICIPLES = frozenset("citing adding saying according noting quoting".split())


def speech(
    text: str,
    words: Sequence[Token],
    index: int,
    sentence: tuple[int, int],
    known: Known,
    anonymous: bool,
) -> list[Attribution]:
    """The attribution whose cue is the speech verb words[index], by the first of the
    shapes above that the sentence fits; none when it fits none."""
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

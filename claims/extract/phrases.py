"""The words around a cue, read as phrases: where a source's noun phrase ends, the subject
that opens a sentence, where a verb's complement starts and ends, and what a word is (an
adverb, the start of a statement's circumstances, an object pronoun).

Apart from the rules, which all read the words around their cue with these. Positions
are indexes into one sentence's tokens (``text.tokens``), not character offsets.
"""

from __future__ import annotations

from collections.abc import Sequence

from claims.extract.cues import SPEECH_VERBS
from claims.extract.quotations import OPEN_QUOTES
from claims.extract.text import Token

# A source longer than this is a clause, not a name: only its last words are kept.
MAX_SOURCE_WORDS = 12
# After the verb, at most this many words may stand before the sentence ends for the
# attribution to be taken as closing a quotation ("... ,” he said on Tuesday.").
MAX_TAIL_WORDS = 7
# Sentence openers that are no subject: "In Ohio, Smith said ..." is not Ohio's.
OPENERS = frozenset(
    """in on at after before during when while as but and yet so if although though since
    because for with without last this earlier later meanwhile still however instead
    asked speaking""".split()
)
SUBJECT_PRONOUNS = frozenset("i he she it we they you".split())


def phrase_end(words: Sequence[Token], first: int) -> int:
    """The index after the noun phrase starting at words[first]: up to a comma, a
    clause break or the sentence's end, at most MAX_SOURCE_WORDS words."""
    last = first
    while last < len(words) and last - first < MAX_SOURCE_WORDS:
        if words[last].text in {",", ";", ":", ".", "(", ")", "—", "–", "-", "?", "!"}:
            break
        if last > first and words[last].lower in {"that", "and", "but"}:
            break
        last += 1
    return last


_DETERMINERS = frozenset("the a an this that these those his her its their our".split())


def leading_subject(words: Sequence[Token], before: int) -> tuple[int, int] | None:
    """The name or pronoun that opens the sentence, when one does (not past ``before``)."""
    first = 0
    if words[0].lower in OPENERS:
        # "In three interviews, the justice ...": past the opening phrase.
        comma = next((i for i, w in enumerate(words[:before]) if w.text == ","), None)
        if comma is not None and comma < 12:
            first = comma + 1
    while first < before and words[first].lower in OPENERS | {","}:
        first += 1
    if first >= before:
        return None
    if words[first].lower in SUBJECT_PRONOUNS:
        return (words[first].start, words[first].end)
    last = first
    if words[first].lower in _DETERMINERS and first + 1 < before:
        # "The council met ... and told": the determiner and its noun.
        last = first + 2
    while (
        last < before
        and last - first < 6
        and (words[last].text[:1].isupper() or words[last].text == "." and last > first)
    ):
        last += 1
    if last == first:
        return None
    return (words[first].start, words[last - 1].end)


def content_end(words: Sequence[Token], start: int, sentence_end: int) -> int:
    """Where a complement ends: the sentence's end, or the comma before another cue
    ("..., saying ...", "..., he added")."""
    for position in range(start + 1, len(words)):
        if words[position].text == ";":
            return words[position].start
        if words[position].lower in {"and", "but"}:
            # "... careless, but said she should face no charges": a second statement.
            following = words[position + 1 : position + 3]
            if any(w.lower in SPEECH_VERBS and w.text.islower() for w in following):
                end = words[position - 1] if words[position - 1].text == "," else words[position]
                return end.start
            continue
        if words[position].text != ",":
            continue
        following = words[position + 1 : position + 5]
        if following and following[0].text in OPEN_QUOTES:
            continue  # a quotation's words are not cues
        if any(w.lower in SPEECH_VERBS or w.lower in {"according", "citing"} for w in following):
            return words[position].start
    return sentence_end


def words_to_comma(words: Sequence[Token], index: int) -> int:
    """How many words follow the verb before a comma or the sentence's end."""
    count = 0
    for word in words[index + 1 :]:
        if word.text in {",", ".", "?", "!"}:
            break
        count += 1
    return count


def matching_paren(words: Sequence[Token], closing: int) -> int | None:
    for position in range(closing - 1, max(-1, closing - MAX_SOURCE_WORDS), -1):
        if words[position].text == "(":
            return position
    return None


def tail_end(words: Sequence[Token], index: int) -> int:
    """Index of the comma after the verb when a new quotation follows it."""
    for position in range(index + 1, min(len(words), index + MAX_TAIL_WORDS)):
        if words[position].text == "," and position + 1 < len(words):
            if words[position + 1].text in OPEN_QUOTES:
                return position
    return len(words)


def complement_start(words: Sequence[Token], index: int) -> int:
    """Where the verb's complement starts: after "that" when one follows shortly (past an
    object, a day or "in a statement"), else right after the verb."""
    for position in range(index + 1, min(len(words), index + 9)):
        word = words[position]
        if word.lower == "that":
            return position + 1
        if word.text == ":" and position > index + 1:
            # "told reporters: “...”": the quotation, not the audience.
            return position + 1
        if word.text in {".", ";", "“", '"', ":"}:
            break
    return index + 1


# Words that open the circumstances of a statement, not a clause of its own: "..., he
# said on Tuesday", "..., she said in a statement".
_CIRCUMSTANCE = frozenset(
    """on in at during after before last this to of via through when while as from with
    by about earlier later today yesterday tonight recently afterward afterwards again
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
# Verbs that show a phrase after "said" is a clause ("said Smith was wrong"), not a name.
_CLAUSE_VERBS = frozenset(
    """is was are were be been has have had will would could should can may might must
    do does did""".split()
)


def after_quotation(text: str, brk: Token) -> bool:
    """True when the break before the source closes a quotation: '“...,” Obama told'."""
    if brk.text in {"”", '"', "'"}:
        return True
    return brk.text == "," and text[: brk.start].rstrip()[-1:] in ("”", '"')


def circumstance(token: Token) -> bool:
    return token.lower in _CIRCUMSTANCE or adverb(token) or token.text in {",", "(", "—"}


def noun_phrase(phrase: Sequence[Token]) -> bool:
    """True when the words after "..., said" can be its source: a short phrase, no verb."""
    if len(phrase) > 8 or phrase[0].lower in _CIRCUMSTANCE or phrase[0].lower == "for":
        return False
    # A participle may qualify the source: "said a statement released by the agency".
    return not any(
        w.lower in _CLAUSE_VERBS or (w.lower in SPEECH_VERBS and not w.lower.endswith("ed"))
        for w in phrase
    )


def adverb(token: Token) -> bool:
    # Lower case only: "Weekly" in "Riverside Weekly reported" is a name.
    return (
        token.text.islower()
        and token.lower.endswith("ly")
        and token.lower not in {"only", "early", "ally", "italy"}
    )


def pronoun_object(words: Sequence[Token], first: int, left: int) -> bool:
    """True when the 'subject' found is a lone object pronoun ("told him said")."""
    return left - first == 1 and words[first].lower in {"him", "her", "them", "me", "us"}

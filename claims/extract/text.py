"""Splitting text into sentences and words, keeping every piece's character offsets.

No tagger and no model: regular expressions only, so that an offset always points into
the text as read and extraction costs milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extract.cues import INVERTING_VERBS


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


# A word (with inner apostrophes, hyphens or dots: "O'Carroll", "U.S", "co-founder"),
# or one punctuation mark.
_TOKEN = re.compile(r"\w+(?:[’'.\-]\w+)*|[^\w\s]")

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr sen rep gov gen lt col sgt capt st jr sr prof rev hon pres vs etc inc ltd co "
    "corp no jan feb mar apr aug sep sept oct nov dec u.s u.k u.n a.m p.m d.c".split()
)
_END = re.compile(r"[.!?]+[\"'”’)\]]*")
_CLOSING = "\"'”’)]"


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words and punctuation marks of text[start:end], offsets into text."""
    stop = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, stop)]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed. A line break always ends one:
    news text puts paragraphs on lines of their own."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        begin = line.start()
        for stop in _END.finditer(text, line.start(), line.end()):
            before = re.search(r"([\w.]+)\.$", text[line.start() : stop.start() + 1])
            if stop.group().startswith(".") and before is not None:
                word = before.group(1).lower()
                # "Mr. Smith", "the U.S. embassy", "John F. Kennedy": not an end.
                if word in _ABBREVIATIONS or len(word) == 1:
                    continue
            after = text[stop.end() : line.end()]
            # A sentence ends before a capital, a quote, a digit or the line's end.
            if after and not re.match(r"\s+[\"“‘'(\[]?[A-Z0-9]", after):
                continue
            if stop.group()[-1] in _CLOSING and _attribution_tail(after):
                # “We are done.” Smith said. The quotation and its speaker are one.
                continue
            spans.append((begin, stop.end()))
            begin = stop.end()
        spans.append((begin, line.end()))
    trimmed = []
    for start, end in spans:
        piece = text[start:end]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            trimmed.append((start + left, start + right))
    return trimmed


def _attribution_tail(after: str) -> bool:
    """True when the words after a quotation, to the next full stop, are "Smith said":
    a few words, one of them a speech verb."""
    tail = re.match(r"[^.!?“\"]{0,80}[.!?]", after)
    if tail is None:
        return False
    words = re.findall(r"[\w’']+", tail.group())
    return 0 < len(words) <= 8 and any(w in INVERTING_VERBS for w in words)


def is_closing_quote(char: str) -> bool:
    return char in "”’\"'"


def strip_span(text: str, start: int, end: int, chars: str = " \t\n,;:—–-") -> tuple[int, int]:
    """start, end moved inwards past whitespace and separating punctuation."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


__all__ = ["Token", "tokens", "sentences", "strip_span", "is_closing_quote"]

"""Quotations and content spans: where a quotation opens and closes, and how far an
attribution's content runs.

Apart from the rules that find cues, because they all end a content alike: at the close
of a quotation it opens (within its paragraph), or on over a quotation that goes on
after "..., he said." Character offsets only, no tokens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claims.extract.cues import SPEECH_VERBS
from claims.extract.spans import Span
from claims.extract.text import strip_span

# Content shorter than this (in characters) is a fragment, not a statement.
MIN_CONTENT_CHARS = 12
OPEN_QUOTES = "“\"'"


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation: curly quotes pair up; straight double quotes pair
    in order within a paragraph."""
    found = []
    for paragraph in re.finditer(r"[^\n]+", text):
        piece = paragraph.group()
        base = paragraph.start()
        for match in re.finditer(r"“[^“”]*”?|\"[^\"]*\"?", piece):
            found.append((base + match.start(), base + match.end()))
    return found


def inside(quoted: Sequence[tuple[int, int]], position: int) -> bool:
    return any(start < position < end for start, end in quoted)


def content_span(text: str, start: int, end: int) -> Span | None:
    """text[start:end] as content, stretched to close a quotation it opens."""
    start, end = strip_span(text, start, end, " \t\n,;:—–-.")
    if end - start < MIN_CONTENT_CHARS:
        return None
    if text[start] in OPEN_QUOTES and not _closed(text[start:end]):
        close = closing_quote(text, start)
        if close is not None:
            end = close
    elif text.count("“", start, end) > text.count("”", start, end):
        # 'he would "carpet-bomb them. I don't know ..."': the quotation goes on.
        close = text.find("”", end, _paragraph_end(text, end))
        if close >= 0:
            end = close + 1
    elif text.count('"', start, end) % 2:
        close = text.find('"', end, _paragraph_end(text, end))
        if close >= 0:
            end = close + 1
    return Span(text[start:end], start, end)


def _paragraph_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def _closed(piece: str) -> bool:
    if piece.startswith("“"):
        return "”" in piece[1:]
    return piece.count('"') % 2 == 0


def closing_quote(text: str, start: int) -> int | None:
    """The end of the quotation opening at text[start], within its paragraph."""
    stop = _paragraph_end(text, start)
    if text.startswith("''", start):
        # Two apostrophes stand for a double quote in some newspapers' archives.
        close = text.find("''", start + 2, stop)
        return None if close < 0 else close + 2
    mark = "”" if text[start] == "“" else '"'
    close = text.find(mark, start + 1, stop)
    return None if close < 0 else close + 1


def opening_quote(text: str, end: int, sentence_start: int) -> int:
    """Where the quotation that closes just before ``end`` opens: in this sentence, or
    earlier in the paragraph (a quotation of several sentences), else the sentence."""
    piece = text[sentence_start:end].rstrip(" ,")
    last = sentence_start + len(piece)
    if piece.endswith("''"):
        opening = text.rfind("''", 0, last - 2)
    elif piece.endswith("”"):
        opening = text.rfind("“", 0, last)
    elif piece.endswith('"'):
        opening = text.rfind('"', 0, last - 1)
    else:
        return sentence_start
    paragraph_start = text.rfind("\n", 0, sentence_start) + 1
    if opening < paragraph_start:
        return sentence_start
    return min(opening, sentence_start)


def continued(
    text: str, content: Span | None, sentence_end: int, *, to_paragraph_end: bool = False
) -> Span | None:
    """A quotation that goes on after "..., he said." in the same paragraph belongs to
    the same content: “A,” he said. “B.”"""
    if content is None:
        return content
    rest = text[sentence_end : sentence_end + 3]
    gap = len(rest) - len(rest.lstrip(" \t"))
    opening = sentence_end + gap
    if opening < len(text) and text[opening] in OPEN_QUOTES:
        close = closing_quote(text, opening)
        # Only a quotation that ends its paragraph: one followed by "she said" is hers.
        if close is None:
            return content
        ends = text[close:].lstrip(" \t")[:1] in ("\n", "")
        if ends or (not to_paragraph_end and not _attributed_after(text, close)):
            return Span(text[content.start : close], content.start, close)
    return content


def _attributed_after(text: str, close: int) -> bool:
    """True when the words after a quotation, to the sentence's end, attribute it:
    “B,” she added."""
    tail = re.match(r"[^.!?\n]{0,80}", text[close:])
    words = re.findall(r"[a-z]+", tail.group() if tail else "")
    return any(word in SPEECH_VERBS for word in words)

"""What an attribution is: its source, cue and content as spans of the text, and how one
is made from offsets, the source typed by its words (``kinds``).

Apart from the rules that find them, so that every rule makes an attribution the same
way and the draft, the tests and the benchmark read them without the rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.extract.kinds import Known, source_kind
from claims.extract.text import strip_span


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Attribution:
    source: Span
    kind: str
    cue: Span | None
    content: Span


def _span(text: str, start: int, end: int) -> Span | None:
    start, end = strip_span(text, start, end)
    if end <= start:
        return None
    return Span(text[start:end], start, end)


def make_attribution(
    text: str,
    source: tuple[int, int],
    cue: tuple[int, int] | None,
    content: Span | None,
    known: Known,
    anonymous: bool,
) -> list[Attribution]:
    """The attribution at these offsets, its source typed; none when the source has no
    letter or there is no content, so that a rule returns what it gives."""
    source_span = _span(text, *source)
    if source_span is None or content is None:
        return []
    if not any(ch.isalpha() for ch in source_span.text):
        return []
    cue_span = None if cue is None else _span(text, *cue)
    kind = source_kind(source_span.text, known, anonymous=anonymous)
    return [Attribution(source_span, kind, cue_span, content)]

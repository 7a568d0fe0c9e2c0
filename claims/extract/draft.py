"""Writing the draft article file: the article's metadata, then one claim per statement
found, for an editor to check and correct before ``claims import``.

TOML, keys named as in the project's JSON claim records (docs/samples/claims.json). Every
string is written by tomli-w, which escapes quotes, backslashes and control characters:
the text comes from a web page and is not trusted. Comments carry the cue and the source's
offsets, written as JSON strings in ASCII so that no character of the page can end them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

import tomli_w

from claims.extract.attributions import Attribution
from claims.extract.reading import Article

# What a claim drafted by machine starts with: "cannot be judged" on the project's 1-6
# scale, until an editor says otherwise.
DRAFT_CONFIDENCE = 6
HEADER = "# Draft from claims extract: check every claim before `claims import`.\n"
# [article] keys in the claim records' names, from the Article's fields.
_ARTICLE_KEYS = (
    ("outlet", "outlet"),
    ("date", "date"),
    ("url", "url"),
    ("headline", "title"),
    ("byline", "byline"),
)


def draft_toml(article: Article, attributions: Sequence[Attribution]) -> str:
    """The draft article file's text. Attributions with the same content (a report and
    the document it cites) become one claim with each source, in reading order."""
    metadata = article.metadata()
    table = {key: metadata[field] for key, field in _ARTICLE_KEYS if metadata[field]}
    parts = [HEADER, "\n", tomli_w.dumps({"article": table})]
    for group in _by_content(attributions):
        first = group[0]
        claim = {
            "text": first.content.text,
            "sources": _unique(f"{a.kind}:{_name(a.source.text)}" for a in group),
            "confidence": DRAFT_CONFIDENCE,
        }
        parts.append("\n[[claims]]\n")
        for attribution in group:
            parts.append(_comment(attribution))
        parts.append(tomli_w.dumps(claim))
    return "".join(parts)


def _by_content(attributions: Sequence[Attribution]) -> list[list[Attribution]]:
    groups: dict[tuple[int, int], list[Attribution]] = {}
    for attribution in attributions:
        key = (attribution.content.start, attribution.content.end)
        groups.setdefault(key, []).append(attribution)
    return list(groups.values())


def _comment(attribution: Attribution) -> str:
    cue = json.dumps(attribution.cue.text) if attribution.cue else "none"
    source = attribution.source
    return f"# cue: {cue}, source {json.dumps(source.text)} at {source.start}-{source.end}\n"


def _name(phrase: str) -> str:
    """A source's name as recorded: one line, spaces collapsed."""
    return " ".join(phrase.split())


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen

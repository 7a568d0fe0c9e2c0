"""Writing the draft article file: the article's metadata, then one claim per statement
found, for an editor to check and correct before ``claims import``.

TOML, keys named as in the project's JSON claim records (docs/samples/claims.json). Every
string is written by tomli-w, which escapes quotes, backslashes and control characters:
the text comes from a web page and is not trusted. Comments carry the cue and the source's
offsets, written as JSON strings in ASCII so that no character of the page can end them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import tomli_w

from claims.extract.kinds import Known
from claims.extract.naming import source_name
from claims.extract.reading import Article
from claims.extract.spans import Attribution

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


def draft_toml(
    article: Article, attributions: Sequence[Attribution], known: Known | None = None
) -> str:
    """The draft article file's text. Attributions with the same content (a report and
    the document it cites) become one claim with each source, in reading order. Sources
    are named as a desk records them (``naming``): names on record as recorded."""
    metadata = article.metadata()
    table = {key: metadata[field] for key, field in _ARTICLE_KEYS if metadata[field]}
    parts = [HEADER, "\n", tomli_w.dumps({"article": table})]
    known = known or Known()
    seen: list[tuple[str, str]] = []  # names met so far: "Ryu" after "Ryu Hyun Woo" is him
    for group in _by_content(attributions):
        first = group[0]
        sources: list[str | dict[str, str]] = []
        for a in group:
            named = source_name(a.source.text, a.kind, known, seen)
            kind = named.kind or a.kind
            seen.append((named.name, kind))
            entry: str | dict[str, str] = f"{kind}:{named.name}"
            if named.role is not None:
                entry = {"kind": kind, "name": named.name, "role": named.role}
            if entry not in sources:
                sources.append(entry)
        parts.append("\n[[claims]]\n")
        for attribution in group:
            parts.append(_comment(attribution))
        parts.append(tomli_w.dumps({"text": first.content.text}))
        parts.append(_sources(sources))
        parts.append(tomli_w.dumps({"confidence": DRAFT_CONFIDENCE}))
    return "".join(parts)


def _sources(sources: Sequence[str | dict[str, str]]) -> str:
    """The claim's sources as one array, a source with a role as an inline table, one to
    a line. (Given a list of tables alone, tomli-w writes an array of tables, which under
    [[claims]] would start a table of its own.)"""
    lines = ["sources = [\n"]
    for source in sources:
        if isinstance(source, str):
            lines.append(f"    {_value(source)},\n")
        else:
            pairs = ", ".join(f"{key} = {_value(text)}" for key, text in source.items())
            lines.append(f"    {{ {pairs} }},\n")
    lines.append("]\n")
    return "".join(lines)


def _value(text: str) -> str:
    """A TOML string, escaped by tomli-w."""
    return tomli_w.dumps({"v": text}).split(" = ", 1)[1].strip()


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

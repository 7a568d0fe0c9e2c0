"""An article file: one article and its claims, in TOML, written by hand.

::

    [article]
    outlet = "RBC"
    date = "1 November 2026"
    url = "https://..."
    headline = "..."

    [[claims]]
    text = "North Korea has closed its embassy in Spain."
    sources = ["outlet:Korea Times"]
    subject = "DPRK embassy in Spain"
    predicate = "status"
    value = "closed"
    confidence = "probably-true"

The keys are those of the claims document's records (``docs/formats.md``). Each claim
takes outlet, date, URL and headline from ``[article]`` and may not contradict them.
The file is read whole (an article is small) by the standard library's ``tomllib``,
which says nothing of where a key stands: the lines are found by scanning the text,
so that a problem points at the line of the key it is about.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterator
from typing import Any

from claims.errors import InvalidValue
from claims.interop.jsonlimits import MAX_DEPTH, MAX_DIGITS, Decoder
from claims.interop.readers import InputFile, Progress, Record
from claims.parsing import name_key, parse_date
from claims.store.identity import fold, normal_url

# What a claim takes from its article, and the article's outlet settings with them.
INHERITED = ("outlet", "date", "url", "headline")
_OUTLET_SETTINGS = ("outlet_kind", "outlet_country", "outlet_reliability")
_TABLE = re.compile(r"^\s*\[\s*(\[)?\s*([A-Za-z0-9_\"' -]+?)\s*\]?\s*\]\s*(#.*)?$")
_KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*=""")
_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


class ArticleFile(InputFile):
    """An article file to import: the article, then its claims, as records."""

    def __init__(self, name: str, data: bytes) -> None:
        import io

        super().__init__(name, io.BytesIO(data), "toml", len(data))
        self.data = data

    def records(self, progress: Progress | None = None) -> Iterator[Record]:
        if progress is not None:
            progress(len(self.data))
        return read_article_file(self.data)


def read_article_file(data: bytes) -> Iterator[Record]:
    """The article's record (section ``articles``), then one per claim, each inheriting
    the article's fields; a file that cannot be read is one record saying where."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        yield Record(line, "", None, error=("encoding", "the file is not UTF-8 text"))
        return
    # Numbers read as JSON reads them in an import: a float that would read as 0 is kept
    # as a problem of its field, not stored as 0 (tomllib has a hook for floats only).
    numbers = Decoder()
    try:
        document = tomllib.loads(text, parse_float=numbers.read_float)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _POSITION.search(message)
        line = int(found[1]) if found else 1
        yield Record(line, "", None, error=("toml", _POSITION.sub("", message)))
        return
    except RecursionError:
        # tomllib reads arrays and inline tables by recursion: a file nested about a
        # thousand levels deep exhausts it. An article file needs three at most.
        line = _line_of(text, _DEEP)
        why = f"nested more than {MAX_DEPTH} levels deep; an article file needs 3 at most"
        yield Record(line, "", None, error=("toml", why))
        return
    except ValueError:
        # tomllib converts integers itself; Python refuses integer text of more than
        # MAX_DIGITS digits (a guard against quadratic time).
        line = _line_of(text, _LONG_NUMBER)
        why = f"a whole number too long to read (more than {MAX_DIGITS:,} digits)"
        yield Record(line, "", None, error=("toml", why))
        return
    tables = _table_lines(text)
    article = document.get("article")
    unknown = [key for key in document if key not in ("article", "claims")]
    if unknown:
        key = unknown[0]
        where = tables.get((key, 0), (_key_line(text, key, 1, len(text)) or 1, {}))[0]
        why = "is not part of an article file: it holds [article] and [[claims]] tables"
        yield Record(where, "", None, error=(key, why))
        return
    if not isinstance(article, dict):
        why = "is missing: an article file starts with an [article] table (outlet, date...)"
        if article is not None:
            why = f"{article!r} is not a table: write it as [article]"
        yield Record(1, "", None, "articles", error=("article", why))
        return
    head, keys = tables.get(("article", 0), (1, {}))
    fields = _plain(article)
    yield Record(head, "", fields, "articles", lines=keys)
    claims = document.get("claims", [])
    if not isinstance(claims, list):
        where = _key_line(text, "claims", 1, len(text.splitlines())) or 1
        why = "is not a list of tables: write each claim as [[claims]]"
        yield Record(where, "", None, error=("claims", why))
        return
    for number, claim in enumerate(claims):
        line, own = tables.get(("claims", number), (head, {}))
        if not isinstance(claim, dict):
            yield Record(line, "", None, error=("claims", f"{claim!r} is not a claim table"))
            continue
        record, lines = _inherit(_plain(claim), fields, own, keys)
        unread = numbers.problem(record)
        if unread is not None:
            name, why = unread
            yield Record(lines.get(name, line), "", None, error=(name, why))
            continue
        contradiction = _contradiction(record, fields)
        if contradiction is not None:
            name, why = contradiction
            yield Record(lines.get(name, line), "", None, error=(name, why))
            continue
        yield Record(line, "", record, lines=lines)


_DEEP = re.compile(r"(?:[\[{]\s*){" + str(MAX_DEPTH) + "}")
_LONG_NUMBER = re.compile("[0-9_]{" + str(MAX_DIGITS + 1) + "}")


def _line_of(text: str, pattern: re.Pattern[str]) -> int:
    found = pattern.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def _plain(table: dict[str, Any]) -> dict[str, Any]:
    """TOML's own dates (``date = 2026-11-01``) as the text a record gives them in."""
    return {
        key: value.isoformat() if isinstance(value, (dt.date, dt.time)) else value
        for key, value in table.items()
    }


def _inherit(
    claim: dict[str, Any],
    article: dict[str, Any],
    own: dict[str, int],
    article_lines: dict[str, int],
) -> tuple[dict[str, Any], dict[str, int]]:
    """The claim with the article's fields it does not give itself; where each stands."""
    record = dict(claim)
    lines = dict(own)
    for key in (*INHERITED, *_OUTLET_SETTINGS):
        if key in article and key not in claim:
            record[key] = article[key]
            if key in article_lines:
                lines[key] = article_lines[key]
    return record, lines


def _contradiction(claim: dict[str, Any], article: dict[str, Any]) -> tuple[str, str] | None:
    """The first of outlet, date, URL and headline a claim gives otherwise than its
    article does (as normalised: "rbc" is RBC, "1 November 2026" is 2026-11-01)."""
    for key in INHERITED:
        mine, theirs = claim.get(key), article.get(key)
        if mine is theirs or not isinstance(mine, str) or not isinstance(theirs, str):
            if mine is not theirs and key in ("url", "headline") and (mine or theirs):
                return key, f"{mine!r} is not the article's {key} ({theirs or 'none'})"
            continue
        try:
            same = _same(key, mine, theirs)
        except InvalidValue:
            continue  # a bad value: the checks name it, in their words
        if not same:
            return key, f"{mine!r} is not the article's {key} ({theirs})"
    return None


def _same(key: str, mine: str, theirs: str) -> bool:
    if key == "outlet":
        return name_key(mine) == name_key(theirs)
    if key == "date":
        return parse_date(mine) == parse_date(theirs)
    if key == "url":
        return normal_url(mine) == normal_url(theirs)
    return fold(mine) == fold(theirs)


def _table_lines(text: str) -> dict[tuple[str, int], tuple[int, dict[str, int]]]:
    """(table name, its number among tables of that name) -> the line of its header and
    the line of each of its keys (the first of each)."""
    lines = text.splitlines()
    found: dict[tuple[str, int], tuple[int, dict[str, int]]] = {}
    counts: dict[str, int] = {}
    current: dict[str, int] | None = None
    in_string: str | None = None  # inside a multi-line string: no headers, no keys
    for number, line in enumerate(lines, start=1):
        if in_string is not None:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        table = _TABLE.match(line)
        if table is not None:
            name = table[2].strip().strip("\"'")
            index = counts.get(name, 0)
            counts[name] = index + 1
            current = {}
            found[(name, index)] = (number, current)
            continue
        key = _KEY.match(line)
        if key is not None and current is not None:
            current.setdefault(key[1] or key[2] or key[3], number)
        for quotes in ('"""', "'''"):
            if line.count(quotes) % 2 == 1:
                in_string = quotes
    return found


def _key_line(text: str, key: str, start: int, end: int) -> int | None:
    for number, line in enumerate(text.splitlines()[start - 1 : end], start=start):
        found = _KEY.match(line) or _TABLE.match(line)
        if found is not None and key in found.groups():
            return number
    return None

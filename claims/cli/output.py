"""What commands print: tables that line up whatever the script, JSON (whole, or
streamed as an array, a list or one record a line), and recorded text cleaned of what a
terminal would act on.

orjson and claims.jsontext are imported inside the functions that use them, so that only
a command printing JSON pays for them.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import click

# Line feeds too: every line printed is one line of output, so a claim's text cannot
# add lines of its own ("  Credibility: 1 (confirmed ...)") to what `show` prints.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """Recorded text made safe for a terminal: control characters (ANSI escapes that
    could rewrite the screen; line feeds, which could forge lines) and the bidirectional
    overrides and isolates (which can turn the rest of a table row around) are shown as
    escapes, never sent raw."""
    if text is None:
        return ""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode(), str(text))


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def echo_json_array(items: Iterable[dict[str, Any]]) -> None:
    """What ``echo_json`` prints of a list of records, streamed: the same text, written
    record by record, so that a listing of a million claims is never all in memory.
    Nothing is written until the first record is there (or there is none), so an error
    in making it leaves no half-written output."""
    from claims.jsontext import indented

    records = iter(items)
    first = next(records, None)
    if first is None:
        click.echo("[]")
        return
    block = ["[\n  " + indented(first).replace("\n", "\n  ")]
    for record in records:
        block.append(",\n  " + indented(record).replace("\n", "\n  "))
        if len(block) >= 1024:
            click.echo("".join(block), nl=False)
            block.clear()
    block.append("\n]")
    click.echo("".join(block))


def echo_json_lines(items: Iterable[Any]) -> None:
    """One record per line, compact, streamed as the records come."""
    import orjson

    sys.stdout.flush()  # anything echoed before comes first
    out = sys.stdout.buffer
    block: list[bytes] = []
    for item in items:
        block.append(orjson.dumps(item) + b"\n")
        if len(block) >= 1024:
            out.write(b"".join(block))
            block.clear()
    out.write(b"".join(block))
    out.flush()


def echo_json_list(key: str, items: Iterable[Any]) -> None:
    """Print ``{"key": [...]}`` with one item per line, streamed as the items come, so a
    listing of a million records is never all in memory. orjson writes UTF-8 as it is
    (as ``ensure_ascii=False`` would) and is several times faster than the json module,
    which at a million records is seconds; lines go out in blocks, not one by one."""
    import orjson

    sys.stdout.flush()  # anything echoed before comes first
    out = sys.stdout.buffer
    block = [b'{"' + key.encode() + b'": [']
    separator = b"\n"
    for item in items:
        block.append(separator + orjson.dumps(item))
        separator = b",\n"
        if len(block) >= 1024:
            out.write(b"".join(block))
            block.clear()
    block.append(b"\n]}\n")
    out.write(b"".join(block))
    out.flush()


def echo_records(
    ctx: click.Context, records: Iterable[dict[str, Any]], json_: bool, nl: bool
) -> bool:
    """Print the records as --json or --nl asks, streamed; False when neither is asked
    (the caller prints its table)."""
    if json_ and nl:
        raise click.UsageError("--json and --nl: say one", ctx=ctx)
    if json_:
        echo_json_array(records)
    elif nl:
        echo_json_lines(records)
    return json_ or nl


def shorten(text: str, width: int) -> str:
    """On one line, at most ``width`` columns on a terminal, an ellipsis marking the cut."""
    text = " ".join(text.split())
    if display_width(text) <= width:
        return text
    kept, used = [], 1  # the ellipsis
    for ch in text:
        used += _char_width(ch)
        if used > width:
            break
        kept.append(ch)
    return "".join(kept) + "…"


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: Korean, Chinese and Japanese characters take
    two, combining marks none (so tables line up whatever the script)."""
    return len(text) if text.isascii() else sum(map(_char_width, text))


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


# Not tabulate: it pads headers by two (a module global), expands tabs, sizes ZWSP/ZWJ otherwise.
def echo_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[clean(c) for c in row] for row in rows]
    widths = [
        max([display_width(h)] + [display_width(r[i]) for r in cells])
        for i, h in enumerate(headers)
    ]
    for row in [list(headers), ["-" * w for w in widths], *cells]:
        padded = (c + " " * (w - display_width(c)) for c, w in zip(row, widths, strict=True))
        click.echo("  ".join(padded).rstrip())

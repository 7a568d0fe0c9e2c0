"""What every export writer shares: counting, sections of a JSON document, pieces."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from claims.jsontext import indented

_PIECE = 1 << 16  # characters handed out at a time


@dataclass
class ExportStats:
    claims: int = 0  # claims written
    items: int = 0  # ClaimReviews, or PROV statements


def pieces(parts: Iterable[str]) -> Iterator[str]:
    """Small strings gathered into pieces of about 64 KiB, for fewer writes."""
    buffer: list[str] = []
    size = 0
    for part in parts:
        buffer.append(part)
        size += len(part)
        if size >= _PIECE:
            yield "".join(buffer)
            buffer.clear()
            size = 0
    if buffer:
        yield "".join(buffer)


def section(name: str, items: Iterable[dict[str, Any]], last: bool = False) -> Iterator[str]:
    yield f'  "{name}": ['
    first = True
    for item in items:
        text = indented(item).replace("\n", "\n    ")
        yield ("\n    " if first else ",\n    ") + text
        first = False
    yield ("]" if first else "\n  ]") + ("\n" if last else ",\n")


def section_if_any(name: str, items: Iterable[dict[str, Any]]) -> Iterator[str]:
    """``section``, or nothing at all when there are no items (never the last)."""
    found = iter(items)
    first = next(found, None)
    if first is not None:
        yield from section(name, itertools.chain([first], found))


def json_ld(context: str, graph: Iterable[dict[str, Any]], stats: ExportStats) -> Iterator[str]:
    """A JSON-LD document, its graph written as it comes (as json.dumps(indent=2)
    would write the whole), so that it is never all in memory.

    JSON-LD is published inside a web page's ``<script type="application/ld+json">``:
    a claim's text holding ``</script>`` would end that block there and run the rest
    as HTML. ``<``, ``>`` and ``&`` are written as ``\\u003c``... (the same text to any
    JSON reader); outside strings, JSON has none of them."""
    yield f'{{\n  "@context": {json.dumps(context)},\n'

    def counted() -> Iterator[dict[str, Any]]:
        for item in graph:
            stats.items += 1
            yield item

    for piece in section("@graph", counted(), last=True):
        yield piece.translate(_SCRIPT_SAFE)
    yield "}\n"


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def timestamp(value: Any) -> str | None:
    return value.isoformat(timespec="seconds") + "Z" if value else None

"""The cyclic garbage collector's rhythm, for work over a whole record."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Importing or cross-referencing a record makes objects by the million, nearly all
    freed by reference counting, next to caches that live throughout. The collector's
    default rhythm (a young collection every 700 new objects, each older generation
    walked again and again) spends a tenth to a quarter of such work finding nothing
    to free. Inside this block it collects cycles still, far less often."""
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)

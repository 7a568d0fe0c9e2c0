"""claims: a news-claim provenance tracker.

The library is usable without the command line::

    from claims import open_database, store, make_draft

    db = open_database("newsroom.db")
    with db.session(write=True) as session:
        store.add_outlet(session, "Korea Times", kind="newspaper", by="desk")
        draft = make_draft(text="...", outlet="Korea Times", date="2026-11-01")
        store.add_claim(session, draft, by="desk")
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claims import store
    from claims.drafts import ClaimDraft, make_draft
    from claims.errors import ClaimsError
    from claims.store.db import Database, open_database

__all__ = ["ClaimDraft", "ClaimsError", "Database", "make_draft", "open_database", "store"]

# Loaded on first use, so that `claims --help` does not import SQLAlchemy.
_LAZY = {
    "store": "claims.store",
    "Database": "claims.store.db",
    "open_database": "claims.store.db",
    "ClaimDraft": "claims.drafts",
    "make_draft": "claims.drafts",
    "ClaimsError": "claims.errors",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'claims' has no attribute {name!r}")
    module = importlib.import_module(_LAZY[name])
    return module if name == "store" else getattr(module, name)

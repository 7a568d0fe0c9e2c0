"""Import and export: claims in bulk, from and to files.

- ``readers``: CSV, JSON lines and JSON read as a stream of records, each with its line
  and its text as in the file (``InputFile``, ``guess_format``).
- ``records``, ``fields``, ``specs``: every record checked as ``claims add`` checks a
  claim (``Checker``).
- ``importer``: the import itself, all or nothing (``import_files``, ``import_records``,
  ``ImportSummary``, ``ImportFailed``, ``Rejects``); the checked records are written by
  the store's bulk writer (``claims.store.bulk``).
- ``export``: one writer per format, chosen from a table (``export``, ``EXPORT_FORMATS``):
  ``document`` the claims document (JSON), JSON lines and CSV; ``claimreview`` and
  ``prov`` the schema.org ClaimReview and W3C PROV exports; ``writing`` what they share;
  ``csvsafe`` keeps CSV cells from running as spreadsheet formulas.

Nothing here prints or exits: the command line (``claims.cli.interop``) does that.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claims.interop.export import EXPORT_FORMATS, export
    from claims.interop.importer import (
        ImportFailed,
        ImportSummary,
        Rejects,
        import_files,
        import_records,
    )
    from claims.interop.readers import FORMATS, InputFile, guess_format

__all__ = [
    "EXPORT_FORMATS",
    "FORMATS",
    "ImportFailed",
    "ImportSummary",
    "InputFile",
    "Rejects",
    "export",
    "guess_format",
    "import_files",
    "import_records",
]

_LAZY = {
    "EXPORT_FORMATS": "claims.interop.export",
    "export": "claims.interop.export",
    "ImportFailed": "claims.interop.importer",
    "ImportSummary": "claims.interop.importer",
    "Rejects": "claims.interop.importer",
    "import_files": "claims.interop.importer",
    "import_records": "claims.interop.importer",
    "FORMATS": "claims.interop.readers",
    "InputFile": "claims.interop.readers",
    "guess_format": "claims.interop.readers",
}


def __getattr__(name: str) -> Any:
    # Loaded on first use: the command line imports this package only when it runs.
    if name not in _LAZY:
        raise AttributeError(f"module 'claims.interop' has no attribute {name!r}")
    return getattr(importlib.import_module(_LAZY[name]), name)

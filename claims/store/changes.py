"""The log of changes: what a record with no history of its own was before a change,
who changed it and when; and the time every record is stamped with."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from claims.store.models import (
    Change,
)
from claims.store.rows import now, timestamp

__all__ = ["list_changes", "log_change", "now", "timestamp"]


def log_change(session: Session, kind: str, before: Mapping[str, Any], by: str) -> None:
    """Keep what a record was before a change that its own row does not remember."""
    record = json.dumps(before, ensure_ascii=False)
    session.add(Change(kind=kind, record=record, changed_at=now(), changed_by=by))


def list_changes(session: Session, kind: str | None = None) -> list[Change]:
    """The changes (of one kind, or all), in the order they were made."""
    query = select(Change).order_by(Change.id)
    return list(session.scalars(query if kind is None else query.where(Change.kind == kind)))

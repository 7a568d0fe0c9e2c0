"""What steers cross-referencing: subject aliases and multi-valued predicates."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from claims import checks
from claims.errors import (
    InvalidValue,
)
from claims.parsing import (
    normalize_text,
)
from claims.store.changes import log_change, now, timestamp
from claims.store.models import (
    Predicate,
    SubjectAlias,
)
from claims.vocabulary import (
    ALIAS_REMOVED,
)

# --- cross-referencing settings --------------------------------------------------------


def alias_pair(subject: str, other: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """Two subject names checked and tidied for declaring them one subject: each as
    (name, key), the lesser key first, so that a pair has one row whichever order it
    was declared in."""
    a, b = (
        " ".join(checks.plain(field, x).split())
        for field, x in (("name", subject), ("other_name", other))
    )
    for field, name in (("name", a), ("other_name", b)):
        if not normalize_text(name):
            raise InvalidValue(field, name, "has no letters or digits")
    ka, kb = normalize_text(a), normalize_text(b)
    if ka == kb:
        raise InvalidValue("other_name", other, f"is the same subject as {subject!r} already")
    return ((a, ka), (b, kb)) if ka < kb else ((b, kb), (a, ka))


def add_alias(session: Session, subject: str, other: str, *, by: str) -> bool:
    """Declare two subject names to mean the same thing. False if already declared."""
    by = checks.user("by", by)
    (a, ka), (b, kb) = alias_pair(subject, other)
    if _declared(session, ka, kb) is not None:
        return False
    session.add(
        SubjectAlias(
            subject=a, subject_key=ka, other=b, other_key=kb, created_at=now(), created_by=by
        )
    )
    session.flush()
    return True


def _declared(session: Session, key: str, other_key: str) -> SubjectAlias | None:
    """The pair as declared, keys in alias_pair's order."""
    return session.scalar(
        select(SubjectAlias).where(
            SubjectAlias.subject_key == key, SubjectAlias.other_key == other_key
        )
    )


def alias_chain(session: Session, subject: str, other: str) -> list[str] | None:
    """How two subjects are one already, through the aliases declared: the names from
    one to the other (just the two when declared as a pair), or None if they are not."""
    alias_pair(subject, other)  # checked as claims alias checks them
    start, goal = normalize_text(subject), normalize_text(other)
    links: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for a in session.scalars(select(SubjectAlias)):
        links.setdefault(a.subject_key, set()).add(a.other_key)
        links.setdefault(a.other_key, set()).add(a.subject_key)
        names.setdefault(a.subject_key, a.subject)
        names.setdefault(a.other_key, a.other)
    came_from: dict[str, str | None] = {start: None}
    queue = [start]
    for key in queue:  # breadth first: the shortest chain
        for nxt in sorted(links.get(key, ())):
            if nxt not in came_from:
                came_from[nxt] = key
                queue.append(nxt)
    if goal not in came_from:
        return None
    chain: list[str] = []
    at: str | None = goal
    while at is not None:
        chain.append(names[at])
        at = came_from[at]
    return chain[::-1]


def list_aliases(session: Session) -> list[SubjectAlias]:
    return list(session.scalars(select(SubjectAlias).order_by(SubjectAlias.id)))


def remove_alias(session: Session, subject: str, other: str, *, by: str) -> bool:
    """Take back a declared pair (declared by mistake): False if it was not declared.
    Subjects that were one through it and no other chain are told apart again. The pair
    as it was declared is kept among the removals, with who took it back and when."""
    by = checks.user("by", by)
    (_, ka), (_, kb) = alias_pair(subject, other)
    found = _declared(session, ka, kb)
    if found is None:
        return False
    as_declared = {
        "subject": found.subject,
        "other": found.other,
        "created_at": timestamp(found.created_at),
        "created_by": found.created_by,
    }
    log_change(session, ALIAS_REMOVED, as_declared, by)
    session.delete(found)
    session.flush()
    return True


def set_predicate(session: Session, name: str, *, multi_valued: bool, by: str) -> Predicate:
    by = checks.user("by", by)
    name = " ".join(checks.plain("name", name).split())
    key = normalize_text(name)
    if not key:
        raise InvalidValue("name", name, "has no letters or digits")
    predicate = session.scalar(select(Predicate).where(Predicate.name_key == key))
    if predicate is None:
        predicate = Predicate(name=name, name_key=key)
        session.add(predicate)
    predicate.multi_valued = multi_valued
    predicate.updated_at, predicate.updated_by = now(), by
    session.flush()
    return predicate


def list_predicates(session: Session) -> list[Predicate]:
    return list(session.scalars(select(Predicate).order_by(Predicate.name_key)))

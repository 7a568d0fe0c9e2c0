"""Who speaks, and for whom: bodies, the links between them, and parties to a subject.

- **One body, several kinds.** Cross-referencing counts any two sources whose names fold
  to one key as one body, whatever the kinds they were recorded under (``official``,
  ``organization``, ``outlet``, ``person``): see ``claims.xref`` rule 6. ``kinds_by_key``
  reads which names are on record under more than one kind.
- **Who speaks for whom.** ``link`` declares that one source speaks for another (a
  spokesman for his ministry, a document for the army that released it); origins trace
  to the principal, following links to the last (``principals``). A source speaks for one
  principal at a time; ``unlink`` takes a link back, keeping it among the log of changes with
  who took it back and when.
- **Parties to a subject.** ``add_party`` marks a source (or an outlet) as a party to a
  subject; its accounts on that subject are origins but never confirmation of its own
  side. ``remove_party`` takes one back, kept among the log of changes likewise.

The declarations are few next to claims: cross-referencing reads them whole, once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from claims import checks
from claims.drafts import SourceRef
from claims.errors import AlreadyExists, InvalidValue
from claims.facts import BODY_KINDS, Cited, identity
from claims.parsing import name_key, normalize_text
from claims.store.changes import log_change, now
from claims.store.models import Outlet, Party, Source, SourceLink
from claims.vocabulary import LINK_REMOVED, PARTY_REMOVED

__all__ = ["BODY_KINDS"]


def kinds_by_key(session: Session, keys: set[str] | None = None) -> dict[str, set[str]]:
    """Name key -> the body kinds it is on record under (an outlet counts as "outlet").
    ``keys`` limits the reading to those names."""
    found: dict[str, set[str]] = defaultdict(set)
    sources = select(Source.name_key, Source.kind).where(Source.kind.in_(sorted(BODY_KINDS)))
    outlets = select(Outlet.name_key)
    if keys is not None:
        wanted = sorted(keys)
        sources = sources.where(Source.name_key.in_(wanted))
        outlets = outlets.where(Outlet.name_key.in_(wanted))
    for key, kind in session.execute(sources):
        found[key].add(kind)
    for (key,) in session.execute(outlets):
        found[key].add("outlet")
    return found


def also_on_record(session: Session, kind: str, name: str) -> list[str]:
    """The other body kinds ``name`` is on record under, sorted ([] when none, or when
    ``kind`` names no body)."""
    if kind not in BODY_KINDS:
        return []
    key = name_key(name)
    return sorted(kinds_by_key(session, {key}).get(key, set()) - {kind})


# --- who speaks for whom ----------------------------------------------------------------


def source_ref(text: str, field: str) -> tuple[SourceRef, str]:
    """KIND:NAME as a claim's --source names it, and the name's key."""
    ref = SourceRef.parse(text, field)
    return ref, name_key(ref.name, field)


def link(session: Session, speaker: str, principal: str, *, by: str) -> SourceLink:
    """Declare that ``speaker`` (KIND:NAME) speaks for ``principal`` (KIND:NAME)."""
    by = checks.user("by", by)
    (who, who_key), (whom, whom_key) = source_ref(speaker, "source"), source_ref(principal, "for")
    if identity(who.kind, who_key) == identity(whom.kind, whom_key):
        raise InvalidValue("for", principal, f"is {speaker} itself")
    links = {who: identity(p.kind, p.key) for who, p in _principal_map(session).items()}
    if closes_circle(links, identity(who.kind, who_key), identity(whom.kind, whom_key)):
        raise InvalidValue("for", principal, f"already speaks for {speaker}, through links")
    found = _link_of(session, who.kind, who_key)
    if found is not None:
        raise AlreadyExists(
            f"{found.kind}:{found.name} already speaks for "
            f"{found.principal_kind}:{found.principal_name}; unlink it first"
        )
    row = SourceLink(
        kind=who.kind,
        name=who.name,
        name_key=who_key,
        principal_kind=whom.kind,
        principal_name=whom.name,
        principal_key=whom_key,
        created_at=now(),
        created_by=by,
    )
    session.add(row)
    session.flush()
    return row


def closes_circle(
    principal_of: Mapping[tuple[str, str], tuple[str, str]],
    speaker: tuple[str, str],
    principal: tuple[str, str],
) -> bool:
    """Whether ``principal`` speaks for ``speaker`` already, through the links
    ``principal_of`` (identity -> its direct principal's): linking them would close a
    circle, and origins would trace round it for ever."""
    at, seen = principal, set()
    while at in principal_of and at not in seen:
        seen.add(at)
        at = principal_of[at]
        if at == speaker:
            return True
    return False


def _link_of(session: Session, kind: str, key: str) -> SourceLink | None:
    """The link of the body (or document) ``kind``/``key`` is, under any kind of one body."""
    kinds = sorted(BODY_KINDS) if kind in BODY_KINDS else [kind]
    return session.scalar(
        select(SourceLink).where(SourceLink.kind.in_(kinds), SourceLink.name_key == key)
    )


def unlink(session: Session, speaker: str, *, by: str) -> SourceLink | None:
    """Take back the link of ``speaker``: None if it speaks for nobody on record."""
    by = checks.user("by", by)
    who, who_key = source_ref(speaker, "source")
    found = _link_of(session, who.kind, who_key)
    if found is None:
        return None
    log_change(session, LINK_REMOVED, link_record(found), by)
    session.delete(found)
    session.flush()
    return found


def link_record(row: SourceLink) -> dict[str, object]:
    return {
        "source": f"{row.kind}:{row.name}",
        "speaks_for": f"{row.principal_kind}:{row.principal_name}",
        "created_at": _timestamp(row.created_at),
        "created_by": row.created_by,
    }


def list_links(session: Session) -> list[SourceLink]:
    return list(session.scalars(select(SourceLink).order_by(SourceLink.id)))


def _principal_map(session: Session) -> dict[tuple[str, str], Cited]:
    """Speaker identity -> its direct principal."""
    return {
        identity(row.kind, row.name_key): Cited(
            row.principal_kind, row.principal_name, row.principal_key
        )
        for row in session.execute(
            select(
                SourceLink.kind,
                SourceLink.name_key,
                SourceLink.principal_kind,
                SourceLink.principal_name,
                SourceLink.principal_key,
            )
        )
    }


def principals(
    session: Session, grades: Mapping[tuple[str, str], str | None] | None = None
) -> dict[tuple[str, str], Cited]:
    """Speaker identity -> the principal it speaks for at the end of its links (a
    spokesman's ministry's government), graded as that principal is on record
    (``grades``: identity -> reliability)."""
    direct = _principal_map(session)
    resolved: dict[tuple[str, str], Cited] = {}
    for start in direct:
        at, seen = direct[start], {start}
        while identity(at.kind, at.key) in direct and identity(at.kind, at.key) not in seen:
            seen.add(identity(at.kind, at.key))
            at = direct[identity(at.kind, at.key)]
        grade = (grades or {}).get(identity(at.kind, at.key))
        resolved[start] = at._replace(reliability=grade) if grade else at
    return resolved


# --- parties to a subject ---------------------------------------------------------------


def party_subject(subject: str) -> tuple[str, str]:
    """A subject as parties are declared to it, tidied, and its key."""
    subject = " ".join(checks.plain("subject", subject).split())
    key = normalize_text(subject)
    if not key:
        raise InvalidValue("subject", subject, "has no letters or digits")
    return subject, key


def add_party(session: Session, subject: str, party: str, *, by: str) -> Party | None:
    """Mark ``party`` (KIND:NAME; ``outlet:X`` for an outlet) a party to ``subject``:
    None if it is one already."""
    by = checks.user("by", by)
    subject, subject_key = party_subject(subject)
    who, key = source_ref(party, "source")
    if _party(session, subject_key, who.kind, key) is not None:
        return None
    row = Party(
        subject=subject,
        subject_key=subject_key,
        kind=who.kind,
        name=who.name,
        name_key=key,
        created_at=now(),
        created_by=by,
    )
    session.add(row)
    session.flush()
    return row


def _party(session: Session, subject_key: str, kind: str, key: str) -> Party | None:
    kinds = sorted(BODY_KINDS) if kind in BODY_KINDS else [kind]
    return session.scalar(
        select(Party).where(
            Party.subject_key == subject_key, Party.kind.in_(kinds), Party.name_key == key
        )
    )


def remove_party(session: Session, subject: str, party: str, *, by: str) -> bool:
    """Take back a party declared by mistake: False if it was not declared."""
    by = checks.user("by", by)
    _, subject_key = party_subject(subject)
    who, key = source_ref(party, "source")
    found = _party(session, subject_key, who.kind, key)
    if found is None:
        return False
    log_change(session, PARTY_REMOVED, party_record(found), by)
    session.execute(delete(Party).where(Party.id == found.id))
    session.flush()
    return True


def party_record(row: Party) -> dict[str, object]:
    return {
        "subject": row.subject,
        "party": f"{row.kind}:{row.name}",
        "created_at": _timestamp(row.created_at),
        "created_by": row.created_by,
    }


def list_parties(session: Session) -> list[Party]:
    return list(session.scalars(select(Party).order_by(Party.id)))


def parties_by_subject(
    session: Session, aliases: Mapping[str, str]
) -> dict[str, frozenset[tuple[str, str]]]:
    """Canonical subject key (through its aliases) -> the identities of its parties."""
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for subject_key, kind, key in session.execute(
        select(Party.subject_key, Party.kind, Party.name_key)
    ):
        found[aliases.get(subject_key, subject_key)].add(identity(kind, key))
    return {subject: frozenset(ids) for subject, ids in found.items()}


# --- what both keep -----------------------------------------------------------------------


def _timestamp(value: dt.datetime) -> str:
    return value.isoformat(timespec="seconds") + "Z"

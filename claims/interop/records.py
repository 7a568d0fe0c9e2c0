"""Checking import records: every field of a claim as ``claims add`` checks it.

A claim record goes through ``claims.drafts.check_draft``, so a value is accepted or
refused exactly as on the command line, with the same words; it checks every field on its
own, so one pass lists every problem of a record.

Besides the fields of ``claims add``, a record may carry what an export writes so that a
database can be restored whole: its id, who recorded it and when, its version and
history, and its retraction. Fields that ``claims list --json`` prints and that follow
from the others (``date_start``, ``confidence_name``...) are accepted and ignored.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from claims import checks, store
from claims.articledraft import make_article
from claims.drafts import Problem as Refusal
from claims.drafts import SourceRef, check_draft
from claims.errors import InvalidValue
from claims.facts import identity as body_identity
from claims.interop.fields import (
    ENTRY,
    blank,
    confidence_field,
    history_problems,
    outlet_entry,
    outlet_of,
    plain_field,
    record_fields,
    source_entry,
    sources_of,
    stamps_of,
    text_field,
)
from claims.interop.specs import (
    CHANGE_RECORDS,
    OUTLET_FIELDS,
    RECORD_FIELDS,
    SECTION_FIELDS,
    Problem,
    RecordInvalid,
)
from claims.parsing import normalize_text, parse_date
from claims.store.bodies import party_subject, source_ref
from claims.store.identity import fold, identity, quick_name_key
from claims.store.items import (
    AliasSpec,
    ArticleSpec,
    ChangeSpec,
    ClaimItem,
    LinkSpec,
    OutletSpec,
    PartySpec,
    PredicateSpec,
    SourceSpec,
)

_CACHE_SIZE = 20_000  # distinct dates, names or propositions remembered: bounded memory

_TEXT_FIELDS = ("text", "date", "subject", "predicate", "as_of", "stance", "url", "headline")
_RECORD_KEYS = frozenset(RECORD_FIELDS) | {"retracted"}
_OUTLET_KEYS = ("outlet", *OUTLET_FIELDS)
_STR_OR_NONE = frozenset({str, type(None)})
_VERSIONED = ("version", "history")  # read wrong: what a history lacks is not known
_ARTICLE_TEXT = ("date", "url", "headline", "byline")


def _remember(cache: dict[Any, Any], key: Any, value: Any) -> Any:
    if len(cache) >= _CACHE_SIZE:
        cache.clear()  # bounded memory; a full cache starts over
    cache[key] = value
    return value


class Checker:
    """Checks records one at a time, remembering the costly readings it has made.

    A feed repeats its dates, outlets, sources and values endlessly, and reading them
    is what costs: "1 November 2026" or "about 50" take longer to read than all the
    rest of a claim. ``parse_date`` and ``parse_value`` remember what they read; each
    distinct date is also handed to ``make_draft`` in its canonical form (which it reads
    back to the same period), and outlets and sources are checked once per spelling. A
    claim's proposition is checked by ``make_proposition``, the part of ``make_draft``
    for it, so that its problems are listed with the record's others.
    """

    def __init__(self, dayfirst: bool | None = None) -> None:
        self.dayfirst = dayfirst
        self._dates: dict[tuple[str, str], str] = {}
        self._keys: dict[str, str] = {}
        self._outlets: dict[tuple[Any, ...], OutletSpec] = {}

    def key(self, text: str) -> str:
        """``normalize_text``, remembered."""
        found = self._keys.get(text)
        if found is None:
            found = _remember(self._keys, text, fold(text))
        return found

    def _date(self, text: str, field_name: str) -> str:
        found = self._dates.get((text, field_name))
        if found is None:
            period = parse_date(text, field=field_name, dayfirst=self.dayfirst)
            found = _remember(self._dates, (text, field_name), period.iso())
        return found

    # --- claims ----------------------------------------------------------------------

    def claim(self, fields: Mapping[str, Any], in_history: bool = False) -> ClaimItem:
        """The record as a claim ready to write, or RecordInvalid with every problem.
        ``in_history``: a claim as it was, in a record's history."""
        problems: list[Problem] = []
        get = fields.get
        # (map and zip: these run a million times, and loops in C cost a third as much)
        args: dict[str, Any] = dict(zip(_TEXT_FIELDS, map(get, _TEXT_FIELDS), strict=True))
        if not _STR_OR_NONE.issuperset(map(type, args.values())):
            for name in _TEXT_FIELDS:
                before = len(problems)
                args[name] = text_field(fields, name, problems)
                if len(problems) > before:  # reported: a stand-in, not "is empty" as well
                    args[name] = {"text": "-", "date": "2000"}.get(name)
        value = get("value")
        if value is not None and type(value) is not str:
            before = len(problems)
            value = text_field(fields, "value", problems, numbers=True)
            if len(problems) > before:  # reported: a stand-in, not "value missing" as well
                value = "x"  # (with letters: make_draft wants some)
        confidence = get("confidence")
        if confidence is not None and type(confidence) is not str:
            confidence = confidence_field(fields, problems)
        args["confidence"] = confidence
        before = len(problems)
        outlet = self._outlet(fields, problems)
        args["outlet"] = outlet.name if outlet else "-" if len(problems) > before else None
        specs = sources_of(get("sources"), problems)
        args["sources"] = [spec.ref for spec in specs]  # checked already
        for name in ("date", "as_of"):
            if not blank(args[name]):
                try:
                    args[name] = self._date(args[name], name)
                except InvalidValue as exc:
                    problems.append(Problem(name, f"{exc.value!r} {exc.reason}"))
                    args[name] = "2000" if name == "date" else None
        # Every field checked on its own, as `claims add` checks it: every problem at once.
        # The proposition's are listed first (it is the part a desk most often gets wrong).
        draft, wrong = check_draft(**args, value=value, dayfirst=self.dayfirst)
        if wrong:
            # The proposition's problems first (sorted is stable: each part keeps its place).
            wrong.sort(key=_not_of_the_proposition)
            problems.extend(_problem(refusal, args, value) for refusal in wrong)
        extra = (
            record_fields(fields, problems, self._snapshot)
            if not _RECORD_KEYS.isdisjoint(fields)
            else {}
        )
        if extra and not in_history and not any(p.field in _VERSIONED for p in problems):
            problems.extend(history_problems(extra))
        retracted_on = extra.get("retracted_on")
        if draft is not None and retracted_on is not None:
            try:  # as `claims retract` refuses it
                store.check_retraction_date(draft.date, retracted_on, field="retracted_on")
            except InvalidValue as exc:
                problems.append(Problem(exc.field, f"{exc.value!r} {exc.reason}"))
        article = get("article")
        if article is not None:
            article = article_number(article, "article", problems)
        if problems or draft is None or outlet is None:
            raise RecordInvalid(problems)
        if article is not None:
            extra["article"] = article
        if len(specs) > 1:
            by_ref = {spec.ref: spec for spec in specs}
            cited = tuple(by_ref[ref] for ref in draft.sources)
        else:
            cited = tuple(specs)  # none or one: nothing to fold together
        return ClaimItem(draft, outlet, cited, **extra)

    def _snapshot(self, fields: Mapping[str, Any]) -> list[Problem]:
        """The problems of a claim as it was, in a record's history: it must be a claim
        as good as the record itself, since it is read back as one. A history of its
        own is no part of it (``claims show`` and the exports never read one)."""
        try:
            self.claim(
                {name: value for name, value in fields.items() if name != "history"},
                in_history=True,
            )
        except RecordInvalid as exc:
            return exc.problems
        return []

    def _outlet(self, fields: Mapping[str, Any], problems: list[Problem]) -> OutletSpec | None:
        ident = tuple(map(fields.get, _OUTLET_KEYS))
        try:
            found = self._outlets.get(ident)
        except TypeError:  # an outlet object: not remembered
            return outlet_of(fields, problems)
        if found is None:
            before = len(problems)
            spec = outlet_of(fields, problems)
            if spec is None or len(problems) > before:
                return spec
            found = _remember(self._outlets, ident, spec)
        return found

    # --- the other parts of a claims document ------------------------------------------

    def outlet(self, fields: Mapping[str, Any]) -> OutletSpec:
        problems: list[Problem] = []
        spec = outlet_entry(fields, ENTRY, problems, stamps=True)
        if spec is None and not problems:
            problems.append(Problem("name", "is missing"))
        if problems or spec is None:
            raise RecordInvalid(problems)
        return spec

    def source(self, fields: Mapping[str, Any]) -> SourceSpec:
        problems: list[Problem] = []
        kind, name = text_field(fields, "kind", problems), text_field(fields, "name", problems)
        spec = None
        if kind is None or name is None:
            missing = "kind" if kind is None else "name"
            problems.append(Problem(missing, "is missing"))
        else:
            try:  # as `claims source add` checks its NAME
                spec = source_entry(f"{kind}:{checks.name('name', name)}", fields, "kind", problems)
            except InvalidValue as exc:
                problems.append(Problem("name", f"{exc.value!r} {exc.reason}"))
        stamps = stamps_of(fields, "created", problems)
        if problems or spec is None:
            raise RecordInvalid(problems)
        return SourceSpec(spec.ref, spec.key, spec.role, spec.reliability, *stamps)

    def alias(self, fields: Mapping[str, Any]) -> AliasSpec:
        problems: list[Problem] = []
        subject = plain_field(fields, "subject", problems)
        other = plain_field(fields, "other", problems)
        for name, value in (("subject", subject), ("other", other)):
            if value is not None and not normalize_text(value):
                problems.append(Problem(name, f"{value!r} has no letters or digits"))
            elif value is None:
                problems.append(Problem(name, "is missing"))
        if not problems and subject is not None and other is not None:
            try:  # as `claims alias` refuses it: a subject named twice, say
                store.alias_pair(subject, other)
            except InvalidValue as exc:
                field = {"name": "subject", "other_name": "other"}.get(exc.field, exc.field)
                problems.append(Problem(field, f"{exc.value!r} {exc.reason}"))
        stamps = stamps_of(fields, "created", problems)
        if problems or subject is None or other is None:
            raise RecordInvalid(problems)
        return AliasSpec(subject, other, stamps[1], stamps[2])

    def article(self, fields: Mapping[str, Any]) -> ArticleSpec:
        """An entry of a document's article list: its fields checked as ``claims article
        add`` checks them (outlet and date as a claim's), with its id, who recorded it and
        when, and its retraction."""
        problems: list[Problem] = []
        outlet = self._outlet(fields, problems)
        texts = {name: text_field(fields, name, problems) for name in _ARTICLE_TEXT}
        ident, created_at, created_by = stamps_of(fields, "created", problems)
        draft = None
        if outlet is None and not any(p.field == "outlet" for p in problems):
            given = fields.get("outlet")
            problems.append(
                Problem("outlet", "is missing" if given is None else f"{given!r} is empty")
            )
        elif outlet is not None and not problems:
            try:
                date = texts["date"]
                draft = make_article(
                    outlet=outlet.name,
                    date=self._date(date, "date") if date and not blank(date) else date,
                    url=texts["url"],
                    headline=texts["headline"],
                    byline=texts["byline"],
                    dayfirst=self.dayfirst,
                )
            except InvalidValue as exc:
                problems.append(Problem(exc.field, f"{exc.value!r} {exc.reason}"))
        retracted_on, note = self._article_retraction(fields, problems)
        if retracted_on is not None and draft is not None:
            try:
                store.check_retraction_date(draft.date, retracted_on, field="retracted_on")
            except InvalidValue as exc:
                problems.append(Problem(exc.field, f"{exc.value!r} {exc.reason}"))
        if problems or draft is None or outlet is None:
            raise RecordInvalid(problems)
        return ArticleSpec(
            outlet,
            draft.date,
            draft.url,
            draft.headline,
            draft.byline,
            ident,
            created_at,
            created_by,
            retracted_on,
            note,
        )

    @staticmethod
    def _article_retraction(
        fields: Mapping[str, Any], problems: list[Problem]
    ) -> tuple[dt.date | None, str | None]:
        day, note = fields.get("retracted_on"), plain_field(fields, "retraction_note", problems)
        if day is None:
            if not blank(note):
                problems.append(
                    Problem("retracted_on", "is missing: a retraction note needs its date")
                )
            return None, None
        try:
            on = dt.date.fromisoformat(day) if isinstance(day, str) else None
        except ValueError:
            on = None
        if on is None:
            problems.append(Problem("retracted_on", f"{day!r} is not a date like 2026-11-03"))
        if blank(note):
            problems.append(Problem("retraction_note", "is missing: say why it was retracted"))
        return on, (note or "").strip() or None

    def predicate(self, fields: Mapping[str, Any]) -> PredicateSpec:
        problems: list[Problem] = []
        name = plain_field(fields, "name", problems)
        multi = fields.get("multi_valued")
        if name is None or not normalize_text(name):
            problems.append(Problem("name", f"{name!r} has no letters or digits"))
        if not isinstance(multi, bool):
            problems.append(Problem("multi_valued", f"{multi!r} is not true or false"))
        stamps = stamps_of(fields, "updated", problems)
        if problems or name is None or not isinstance(multi, bool):
            raise RecordInvalid(problems)
        return PredicateSpec(name, multi, stamps[1], stamps[2])

    # --- declarations and the log of changes ---------------------------------------------

    def link(self, fields: Mapping[str, Any]) -> LinkSpec:
        """An entry of a document's links, checked as ``claims source link`` checks it
        (whether it closes a circle of links depends on the others: the writer sees)."""
        problems: list[Problem] = []
        who, whom = (
            _source_field(fields, "source", problems),
            _source_field(fields, "speaks_for", problems),
        )
        if who is not None and whom is not None:
            if body_identity(who[0].kind, who[1]) == body_identity(whom[0].kind, whom[1]):
                itself = f"{fields['speaks_for']!r} is {fields['source']} itself"
                problems.append(Problem("speaks_for", itself))
        _, created_at, created_by = stamps_of(fields, "created", problems)
        if problems or who is None or whom is None:
            raise RecordInvalid(problems)
        return LinkSpec(who[0], who[1], whom[0], whom[1], created_at, created_by)

    def party(self, fields: Mapping[str, Any]) -> PartySpec:
        """An entry of a document's parties, checked as ``claims party add`` checks it."""
        problems: list[Problem] = []
        subject = plain_field(fields, "subject", problems)
        tidied = None
        if subject is None:
            if "subject" not in fields or fields["subject"] is None:
                problems.append(Problem("subject", "is missing"))
        else:
            try:
                tidied = party_subject(subject)
            except InvalidValue as exc:
                problems.append(Problem("subject", f"{exc.value!r} {exc.reason}"))
        who = _source_field(fields, "party", problems)
        _, created_at, created_by = stamps_of(fields, "created", problems)
        if problems or tidied is None or who is None:
            raise RecordInvalid(problems)
        return PartySpec(*tidied, who[0], who[1], created_at, created_by)

    def change(self, fields: Mapping[str, Any]) -> ChangeSpec:
        """An entry of the log of changes, as ``claims changes --json`` prints it: what
        it keeps of the record as it was is what the listings read back."""
        problems: list[Problem] = []
        ident, changed_at, changed_by = stamps_of(fields, "changed", problems)
        kind, was = fields.get("kind"), fields.get("was")
        if kind not in CHANGE_RECORDS:
            kinds = ", ".join(CHANGE_RECORDS)
            problems.append(Problem("kind", f"{kind!r} is not a kind of change ({kinds})"))
        if not isinstance(was, dict):
            problems.append(Problem("was", f"{was!r} is not the record as it was (an object)"))
        elif kind in CHANGE_RECORDS:
            for name in CHANGE_RECORDS[kind]:
                if name not in was:
                    problems.append(Problem(f"was.{name}", "is missing"))
                elif was[name] is not None and not isinstance(was[name], str):
                    problems.append(Problem(f"was.{name}", f"{was[name]!r} is not text"))
        for name, got in (("changed_at", changed_at), ("changed_by", changed_by)):
            if got is None and not any(p.field == name for p in problems):
                given = fields.get(name)
                problems.append(
                    Problem(name, "is missing" if given is None else f"{given!r} is empty")
                )
        if problems or changed_at is None or changed_by is None:
            raise RecordInvalid(problems)
        record = json.dumps(was, ensure_ascii=False)
        return ChangeSpec(str(kind), record, changed_at, changed_by, ident)


def _source_field(
    fields: Mapping[str, Any], name: str, problems: list[Problem]
) -> tuple[SourceRef, str] | None:
    """A KIND:NAME field as ``claims source link`` reads its arguments, and its key."""
    value = text_field(fields, name, problems)
    if value is None:
        if fields.get(name) is None:
            problems.append(Problem(name, "is missing"))
        return None
    try:
        return source_ref(value, name)
    except InvalidValue as exc:
        problems.append(Problem(name, f"{exc.value!r} {exc.reason}"))
        return None


_KNOWN = {section: frozenset(names) for section, names in SECTION_FIELDS.items()}


def article_number(value: Any, name: str, problems: list[Problem]) -> int | None:
    """An article's id as a record gives it: a whole number from 1 (in a CSV, text)."""
    if isinstance(value, str) and value.strip().isdecimal() and value.strip().isascii():
        value = int(value)
    if type(value) is not int or not 1 <= value <= checks.MAX_ID:
        problems.append(Problem(name, f"{value!r} is not an article id (a whole number from 1)"))
        return None
    return value


def unknown_fields(fields: Iterable[str], section: str) -> list[str]:
    """The fields of a record that claims does not know (they are ignored, and noted)."""
    known = _KNOWN[section]
    if known.issuperset(fields):
        return []  # the usual record, checked in one go
    return [name for name in fields if name not in known]


__all__ = [
    "AliasSpec",
    "ArticleSpec",
    "ChangeSpec",
    "Checker",
    "ClaimItem",
    "LinkSpec",
    "OutletSpec",
    "PartySpec",
    "PredicateSpec",
    "Problem",
    "RecordInvalid",
    "SourceSpec",
    "fold",
    "identity",
    "quick_name_key",
    "unknown_fields",
]


_PROPOSITION_FIELDS = frozenset({"subject", "predicate", "value", "as_of", "stance"})


def _not_of_the_proposition(refusal: Refusal) -> bool:
    return isinstance(refusal, InvalidValue) and refusal.field not in _PROPOSITION_FIELDS


def _problem(refusal: Refusal, args: Mapping[str, Any], value: object) -> Problem:
    """A refusal of ``check_draft`` as an import problem of the record's field: for parts
    of a proposition given apart, the first part missing (or as-of, or stance, given
    without any)."""
    if isinstance(refusal, InvalidValue):
        name = "sources" if refusal.field == "source" else refusal.field
        return Problem(name, f"{refusal.value!r} {refusal.reason}")
    parts = {"subject": args.get("subject"), "predicate": args.get("predicate"), "value": value}
    missing = [name for name, part in parts.items() if blank(part)]
    if len(missing) < len(parts):
        return Problem(missing[0], str(refusal))
    return Problem("as_of" if not blank(args.get("as_of")) else "stance", str(refusal))

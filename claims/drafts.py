"""A claim before it is stored: every field checked and turned into its typed form.

Both the command line and bulk import build claims through ``check_draft``, so a field is
validated the same way wherever it comes from, and every error names the field. It checks
each field on its own and returns every problem at once: ``make_draft`` (the command
line) raises the first, an import lists them all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from claims import checks
from claims.errors import IncompleteInput, InvalidValue
from claims.parsing import Period, Value, parse_confidence, parse_date, parse_value
from claims.vocabulary import SOURCE_KINDS, STANCES

DEFAULT_CONFIDENCE = 6  # Admiralty "truth cannot be judged" until someone grades it


@dataclass(frozen=True)
class SourceRef:
    """A source as named in a claim: ``person:Ryu Hyun Woo``."""

    kind: str
    name: str

    @classmethod
    def parse(cls, text: str, field: str = "source") -> SourceRef:
        kind, sep, name = text.partition(":")
        kind = kind.strip().lower()
        name = " ".join(name.split())
        if not sep or not name:
            raise InvalidValue(field, text, f"is not KIND:NAME (KIND one of {_kinds()})")
        checks.plain(field, text)
        if kind not in SOURCE_KINDS:
            raise InvalidValue(field, text, f"has unknown kind {kind!r}; use one of {_kinds()}")
        if len(name) > checks.MAX_NAME:
            too_long = checks.too_long(len(name), checks.MAX_NAME, "a name")
            raise InvalidValue(field, text, f"has a name that {too_long}")
        return cls(kind, name)

    def __str__(self) -> str:
        return f"{self.kind}:{self.name}"


@dataclass(frozen=True)
class Proposition:
    """What the claim says, in a form claims can be compared by."""

    subject: str
    predicate: str
    value: Value
    as_of: Period | None = None
    stance: str = "asserts"


@dataclass(frozen=True)
class ClaimDraft:
    text: str
    outlet: str
    date: Period
    sources: tuple[SourceRef, ...] = ()
    confidence: int = DEFAULT_CONFIDENCE
    url: str | None = None
    headline: str | None = None
    proposition: Proposition | None = None


# A problem with one field: a bad value, or fields given apart that go together.
Problem = InvalidValue | IncompleteInput


def check_draft(
    *,
    text: str | None,
    outlet: str | None,
    date: str | None,
    sources: Iterable[str | SourceRef] = (),
    confidence: str | int | None = None,
    url: str | None = None,
    headline: str | None = None,
    subject: str | None = None,
    predicate: str | None = None,
    value: str | None = None,
    as_of: str | None = None,
    stance: str | None = None,
    dayfirst: bool | None = None,
) -> tuple[ClaimDraft | None, list[Problem]]:
    """Check every field of a claim given as text, each on its own: the draft, or None and
    every problem, in the order of the fields (the command line shows the first, an import
    lists them all). Each check in a try of its own: a try costs nothing until it fails,
    and an import runs this a million times."""
    problems: list[Problem] = []
    text_ = outlet_ = date_ = None
    try:
        text_ = checks.plain("text", _required("text", text))
    except InvalidValue as exc:
        problems.append(exc)
    try:
        outlet_ = checks.name("outlet", outlet or "")
    except InvalidValue as exc:
        problems.append(exc)
    try:
        date_ = parse_date(_required("date", date), field="date", dayfirst=dayfirst)
    except InvalidValue as exc:
        problems.append(exc)
    refs: list[SourceRef] = []
    refused: set[str] = set()
    for source in sources:
        if isinstance(source, SourceRef):
            refs.append(source)
        elif source not in refused:  # the same bad source twice is one problem
            try:
                refs.append(SourceRef.parse(source))
            except InvalidValue as exc:
                problems.append(exc)
                refused.add(source)
    confidence_ = DEFAULT_CONFIDENCE
    if not _blank(confidence):
        try:
            confidence_ = parse_confidence(confidence or "")
        except InvalidValue as exc:
            problems.append(exc)
    url_ = headline_ = None
    try:
        url_ = _url(url)
    except InvalidValue as exc:
        problems.append(exc)
    if not _blank(headline):
        try:
            headline_ = _headline(headline or "")
        except InvalidValue as exc:
            problems.append(exc)
    proposition, more = check_proposition(
        subject, predicate, value, as_of, stance, dayfirst=dayfirst
    )
    if problems or more or text_ is None or outlet_ is None or date_ is None:
        return None, problems + more
    return (
        ClaimDraft(
            text_,
            outlet_,
            date_,
            # The same source twice is one attribution.
            tuple(dict.fromkeys(refs)) if len(refs) > 1 else tuple(refs),
            confidence_,
            url_,
            headline_,
            proposition,
        ),
        [],
    )


def make_draft(
    *,
    text: str | None,
    outlet: str | None,
    date: str | None,
    sources: Iterable[str | SourceRef] = (),
    confidence: str | int | None = None,
    url: str | None = None,
    headline: str | None = None,
    subject: str | None = None,
    predicate: str | None = None,
    value: str | None = None,
    as_of: str | None = None,
    stance: str | None = None,
    dayfirst: bool | None = None,
) -> ClaimDraft:
    """Check every field of a claim given as text; raise InvalidValue naming the first bad one."""
    draft, problems = check_draft(
        text=text,
        outlet=outlet,
        date=date,
        sources=sources,
        confidence=confidence,
        url=url,
        headline=headline,
        subject=subject,
        predicate=predicate,
        value=value,
        as_of=as_of,
        stance=stance,
        dayfirst=dayfirst,
    )
    if draft is None:
        raise problems[0]
    return draft


def check_proposition(
    subject: str | None,
    predicate: str | None,
    value: str | None,
    as_of: str | None = None,
    stance: str | None = None,
    *,
    dayfirst: bool | None = None,
) -> tuple[Proposition | None, list[Problem]]:
    """The proposition fields of ``check_draft`` on their own, each checked: the
    proposition (None when there is none), and every problem."""
    if subject is None and predicate is None and value is None and not as_of and not stance:
        return None, []  # no proposition at all, the usual case for a claim: quickly
    if _blank(subject) or _blank(predicate) or _blank(value):
        try:
            _incomplete(subject, predicate, value, as_of, stance)
        except IncompleteInput as exc:
            return None, [exc]
        return None, []
    problems: list[Problem] = []
    subject_ = predicate_ = value_ = as_of_ = None
    stance = (stance or "asserts").strip().lower()
    if stance not in STANCES:
        problems.append(InvalidValue("stance", stance, "is not a stance; use asserts or denies"))
    try:
        subject_ = _part("subject", subject or "")
    except InvalidValue as exc:
        problems.append(exc)
    try:
        predicate_ = _part("predicate", predicate or "")
    except InvalidValue as exc:
        problems.append(exc)
    try:
        value_ = parse_value(_part("value", value or ""), field="value")
    except InvalidValue as exc:
        problems.append(exc)
    if not _blank(as_of):
        try:
            as_of_ = parse_date(as_of or "", field="as_of", dayfirst=dayfirst)
        except InvalidValue as exc:
            problems.append(exc)
    if problems or subject_ is None or predicate_ is None or value_ is None:
        return None, problems
    return Proposition(subject_, predicate_, value_, as_of_, stance), []


def make_proposition(
    subject: str | None,
    predicate: str | None,
    value: str | None,
    as_of: str | None = None,
    stance: str | None = None,
    *,
    dayfirst: bool | None = None,
) -> Proposition | None:
    """``check_proposition``, raising its first problem."""
    proposition, problems = check_proposition(
        subject, predicate, value, as_of, stance, dayfirst=dayfirst
    )
    if problems:
        raise problems[0]
    return proposition


def _part(field: str, text: str) -> str:
    """A part of a proposition, its spacing collapsed. Compared by its letters and digits
    (``normalize_text``), it must have some: "..." would be the same subject as "?"."""
    collapsed = " ".join(checks.plain(field, text).split())
    if _LETTER_OR_DIGIT.search(collapsed) is None:
        raise InvalidValue(field, text, "has no letters or digits")
    return collapsed


# A letter or digit in any script (\w without the underscore).
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def _incomplete(
    subject: str | None,
    predicate: str | None,
    value: str | None,
    as_of: str | None,
    stance: str | None,
) -> None:
    """With a part of the proposition missing: none at all is fine, unless as-of or
    stance was given; some of it is not."""
    parts = {"subject": subject, "predicate": predicate, "value": value}
    given = [name for name, part in parts.items() if not _blank(part)]
    if not given:
        extras = [name for name, part in (("as_of", as_of), ("stance", stance)) if part]
        if extras and not (extras == ["stance"] and stance == "asserts"):
            raise IncompleteInput(
                f"{extras[0].replace('_', '-')} needs a proposition: "
                "give subject, predicate and value too"
            )
        return
    missing = ", ".join(name for name in parts if name not in given)
    raise IncompleteInput(f"subject, predicate and value go together: {missing} missing")


def _required(field: str, text: str | None) -> str:
    if text is None or (isinstance(text, str) and not text.strip()):  # _blank, inline
        raise InvalidValue(field, text or "", "is empty")
    if not text.isascii():
        _visible(field, text)
    return " ".join((text or "").split()) if field != "text" else (text or "").strip()


def _headline(text: str) -> str:
    if not text.isascii():
        _visible("headline", text)
    return " ".join(checks.plain("headline", text).split())


def _visible(field: str, text: str) -> None:
    """Refuse a text that shows as nothing: zero-width characters, or combining marks
    with no letter to sit on (an accent alone: U+0301 U+0301)."""
    categories = {unicodedata.category(ch) for ch in text}
    if categories <= _UNSEEN:
        raise InvalidValue(field, text, "has nothing visible in it")  # a zero-width space
    if categories <= _UNSEEN | _MARKS:
        marks = ", ".join(
            f"U+{ord(ch):04X}" for ch in dict.fromkeys(text) if unicodedata.category(ch) in _MARKS
        )
        why = f"has only combining marks in it ({marks}), with no letter to bear them"
        raise InvalidValue(field, text, why)


# Format characters (zero-width spaces and joiners, marks of direction), separators and
# controls: a text of nothing else shows as nothing.
_UNSEEN = frozenset({"Cf", "Cc", "Zs", "Zl", "Zp"})
# Combining marks: accents and vowel signs, drawn on the letter before them.
_MARKS = frozenset({"Mn", "Mc", "Me"})


def _url(url: str | None) -> str | None:
    if _blank(url):
        return None
    url = checks.plain("url", (url or "").strip())
    # Only web links: a report turns URLs into links, and javascript: or file: must never be one.
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https") or not rest or _SPACE.search(url):
        raise InvalidValue("url", url, "is not an http:// or https:// address")
    # A host is what makes it an address: "http:///path" and "https://:80" have none.
    if not _HOST.match(rest)[1]:  # type: ignore[index]  # (it always matches)
        raise InvalidValue("url", url, "has no host name")
    return url


# White space anywhere: \s is str.isspace, character for character, found without a Python
# loop over the URL (a bulk import checks a million of them).
_SPACE = re.compile(r"\s")
# After "scheme://": user information if any, then the host (up to a port, path, query
# or fragment).
_HOST = re.compile(r"(?:[^/?#@]*@)?([^/?#:]*)")


def _blank(text: str | int | None) -> bool:
    return text is None or (isinstance(text, str) and not text.strip())


def _kinds() -> str:
    return ", ".join(SOURCE_KINDS)

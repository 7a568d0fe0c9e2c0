"""An article before it is stored: outlet, date, URL, headline and byline, checked.

The four an article shares with its claims are checked by ``make_draft`` itself, so an
article refuses exactly what a claim refuses, in the same words; the byline is its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from claims import checks
from claims.drafts import make_draft
from claims.parsing import Period


@dataclass(frozen=True)
class ArticleDraft:
    outlet: str
    date: Period
    url: str | None = None
    headline: str | None = None
    byline: str | None = None


def make_article(
    *,
    outlet: str | None,
    date: str | None,
    url: str | None = None,
    headline: str | None = None,
    byline: str | None = None,
    dayfirst: bool | None = None,
) -> ArticleDraft:
    """Check an article's fields given as text; InvalidValue names the first bad one."""
    # A claim of the article, as make_draft checks one: its text is no article's field.
    draft = make_draft(
        text="-", outlet=outlet, date=date, url=url, headline=headline, dayfirst=dayfirst
    )
    return ArticleDraft(draft.outlet, draft.date, draft.url, draft.headline, _byline(byline))


def _byline(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    # Several names, as the outlet prints them ("By Kim Ji-hoon and Lee Su-jin"): one
    # line, its spacing collapsed, as long as a name may be.
    return checks.name("byline", " ".join(checks.plain("byline", text).split()))

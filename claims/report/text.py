"""Text as the report writes it: safe links, Markdown escaping, search folding, CSP hashes."""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata

from markupsafe import Markup

from claims.xref import ClaimVerdict


def safe_url(url: str | None) -> str | None:
    """Only http(s) addresses ever become links; anything else is shown as text or dropped."""
    if url and re.match(r"https?://[^\s]+$", url, flags=re.IGNORECASE):
        return url
    return None


# The verdicts as the report words them.
VERDICT_WORDS = {
    "conflict": "conflict",
    "timeline": "changes over time",
    "agree": "agree",
    "single": "single report",
    "several": "several values",
}


def standing(verdict: ClaimVerdict) -> tuple[str, ...]:
    """How a claim stands, in the words of the outlets' table: "contradicted" (in
    conflict with another claim) and "unconfirmed" (fewer independent origins than
    asked, or another reason), either or both; "corroborated" when neither."""
    words: tuple[str, ...] = ("contradicted",) if verdict.conflicts_with else ()
    words += ("unconfirmed",) if verdict.unconfirmed else ()
    return words or ("corroborated",)


def shorten(text: str, width: int = 140) -> str:
    """Text cut at a word to about ``width`` characters, "..." after, as Jinja's
    ``truncate`` cuts it (nothing is cut within 5 of the limit): a claim under its
    article is a pointer to the claim, which the report shows in full."""
    if len(text) <= width + 5:
        return text
    cut = text[: width - 3]
    space = cut.rfind(" ")
    return (cut[:space] if space >= 0 else cut) + "..."


_MD_SPECIAL = re.compile(r"[\\`*_\[\]#|~!]|[<>]|&(?=#?[0-9A-Za-z]+;)")
_MD_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def _md_escape_one(match: re.Match[str]) -> str:
    char = match.group()
    return _MD_ENTITIES.get(char) or "\\" + char


def search_fold(text: str) -> str:
    """Text as the page's search compares it: lower case, accents off ("Bogotá" is found
    by "bogota"). The page's script folds what is typed the same way (fold)."""
    decomposed = unicodedata.normalize("NFKD", text)
    # Marks by category, as the script's \p{M} takes them (combining() misses some).
    return "".join(ch for ch in decomposed if unicodedata.category(ch)[0] != "M").lower()


def markdown_escape(text: object) -> Markup:
    """Recorded text made inert in Markdown: syntax characters backslashed, HTML's
    "<", ">" and character references made text, line breaks flattened. Escaped here
    once, for Markdown: HTML escaping on top would show "O'Carroll" as "O&\\#39;Carroll"."""
    if isinstance(text, Markup):  # already HTML-escaped, e.g. by |join: back to text
        text = text.unescape()
    flat = " ".join(str(text).split())
    return Markup(_MD_SPECIAL.sub(_md_escape_one, flat))


def markdown_code(text: object) -> Markup:
    """Text as a Markdown code span, shown exactly as it is: a span's content is never
    read as Markdown or HTML, and a fence longer than any run of backticks in the text
    cannot be closed by it."""
    flat = " ".join(str(text).split())
    fence = "`" * (max(map(len, re.findall("`+", flat)), default=0) + 1)
    pad = " " if flat[:1] == "`" or flat[-1:] == "`" else ""
    return Markup(f"{fence}{pad}{flat}{pad}{fence}")


def csp_hash(source: str) -> Markup:
    """The Content-Security-Policy hash of an inline script or style block, so the page
    runs its own code and nothing injected into it."""
    digest = hashlib.sha256(source.encode()).digest()
    return Markup("'sha256-" + base64.b64encode(digest).decode() + "'")  # base64: nothing to escape

"""Text as the report writes it: safe links, Markdown escaping, search folding, CSP hashes."""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata

from markupsafe import Markup


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

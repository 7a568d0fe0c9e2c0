"""Reading an article: plain text, an HTML page or a URL -> its text and what is known of
it (title, outlet, date, URL, byline).

Plain text is the bytes decoded as UTF-8, unchanged, so that offsets into it are offsets
into the file. An HTML page's main text and metadata come from trafilatura (the optional
extra ``extract``), which drops navigation, advertising and comments.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from typing import Any

from claims.errors import MissingDependency, UnreadableArticle

# A page larger than this is no article; reading stops there rather than fill memory.
MAX_BYTES = 20 * 1024 * 1024
# Seconds to wait for a server before giving up on a URL.
DEFAULT_TIMEOUT = 15.0
# A first line this short with no full stop is the headline of a plain-text article.
MAX_HEADLINE_CHARS = 200
# Fewer words than this in a page's main text is a menu or a notice, not an article.
MIN_ARTICLE_WORDS = 20
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<!--)", re.IGNORECASE)
_HTML_TAGS = re.compile(rb"<(p|div|article|body|title)[\s>]", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    text: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    byline: str | None = None

    def metadata(self) -> dict[str, str | None]:
        """title, outlet, date, url, byline: None where unknown."""
        fields = asdict(self)
        del fields["text"]
        return fields


def is_url(argument: str) -> bool:
    return re.match(r"https?://", argument, re.IGNORECASE) is not None


def read_url(url: str, timeout: float = DEFAULT_TIMEOUT) -> Article:
    """Fetch ``url`` and read the article it serves."""
    request = urllib.request.Request(url, headers={"User-Agent": "claims-extract"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_BYTES + 1)
            content_type = response.headers.get("Content-Type", "")
            final_url = response.geturl()
    except urllib.error.HTTPError as exc:
        exc.close()  # the error is a response too: its connection is closed here
        raise UnreadableArticle(url, f"the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise UnreadableArticle(url, f"cannot be fetched: {exc.reason}") from None
    except (TimeoutError, OSError) as exc:
        raise UnreadableArticle(url, f"cannot be fetched: {exc}") from None
    if len(data) > MAX_BYTES:
        raise UnreadableArticle(url, f"is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    html = "html" in content_type.lower() or None
    return read_bytes(data, url, url=final_url, html=html)


def read_bytes(
    data: bytes, where: str, *, url: str | None = None, html: bool | None = None
) -> Article:
    """The article in ``data`` (a file's or a response's bytes). ``where`` names it in
    errors; ``html``: None to tell HTML from plain text by the bytes themselves."""
    if not data.strip():
        raise UnreadableArticle(where, "is empty")
    if b"\x00" in data:
        raise UnreadableArticle(where, "is binary data, not text or HTML")
    if html is None:
        html = bool(_HTML_START.match(data)) or bool(_HTML_TAGS.search(data[:4096]))
    if html:
        return _read_html(data, where, url)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableArticle(
            where, f"is not UTF-8 text (byte {exc.start}: {data[exc.start : exc.start + 1]!r})"
        ) from None
    if _controls(text):
        raise UnreadableArticle(where, "is binary data, not text or HTML")
    return Article(text=text, title=_headline(text), url=url)


def _controls(text: str) -> bool:
    """True when a tenth of the first few thousand characters are control characters."""
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls * 10 > len(sample)


def _headline(text: str) -> str | None:
    first = text.lstrip("\ufeff").strip().split("\n", 1)[0].strip()
    if first and len(first) <= MAX_HEADLINE_CHARS and first[-1] not in '.!?:;,"”':
        return first
    return None


def _read_html(data: bytes, where: str, url: str | None) -> Article:
    try:
        import trafilatura
    except ImportError:
        raise MissingDependency(
            "reading HTML needs trafilatura, in the extra 'extract': pip install 'claims[extract]'"
        ) from None
    import json

    extracted = trafilatura.extract(
        data,
        url=url,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    found: dict[str, Any] = json.loads(extracted) if extracted else {}
    text = found.get("text") or ""
    words = len(text.split())
    if words < MIN_ARTICLE_WORDS:
        found_words = f" ({words} words of main text)" if words else ""
        raise UnreadableArticle(where, f"has no article text{found_words}")
    return Article(
        text=text,
        title=_field(found, "title"),
        outlet=_field(found, "source-hostname") or _field(found, "sitename"),
        date=_field(found, "date"),
        url=url or _field(found, "source") or _field(found, "url"),
        byline=_field(found, "author"),
    )


def _field(found: dict[str, Any], key: str) -> str | None:
    value = found.get(key)
    return value.strip() or None if isinstance(value, str) else None

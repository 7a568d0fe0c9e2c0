"""claims extract: an article's attributions drafted from its text, file or URL."""

from __future__ import annotations

import http.server
import json
import socket
import sys
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claims.extract.draft import draft_toml
from claims.extract.reading import Article
from claims.extract.spans import Attribution, Span
from tests.conftest import Claims

STORY = (
    "Ferry fares to rise in Zürich’s harbour\n"
    "\n"
    "The harbour authority said on Monday that ferry fares will rise by a fifth in March. "
    "“We cannot run the boats at a loss any longer,” said Maria Okafor, the authority’s "
    "finance director. According to the Lakeside Gazette, the city council will vote on the "
    "plan next week.\n"
    "A ministry official, who spoke on condition of anonymity, told reporters that the "
    "subsidy would not be renewed. The Coastal Courier reported, citing a leaked memo, that "
    "two routes would close.\n"
)

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ferry fares to rise | Lakeside Gazette</title>
<meta property="og:site_name" content="Lakeside Gazette">
<meta property="og:title" content="Ferry fares to rise">
<meta name="author" content="Dana Whitlock">
<meta property="article:published_time" content="2026-03-02T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Ferry fares to rise</h1>
<p>The harbour authority said on Monday that ferry fares will rise by a fifth in March,
the first increase in nine years of service on the lake.</p>
<p>“We cannot run the boats at a loss any longer,” said Maria Okafor, the authority’s
finance director, who added that the older boats need new engines soon.</p>
<p>Passengers at the main pier were unhappy with the news. Several of them said they
would take the bus instead if the new fares are confirmed by the council.</p>
</article>
<footer>Copyright Lakeside Gazette</footer>
</body></html>
"""


def write(path: Path, content: str | bytes) -> str:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return str(path)


def extracted(claims: Claims, *args: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(claims.ok("extract", *args, "--json"))
    return result


def by_source(found: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["source"]["text"]: a for a in found["attributions"]}


def test_plain_text_attributions_with_kinds(claims: Claims, tmp_path: Path) -> None:
    found = extracted(claims, write(tmp_path / "story.txt", STORY))
    assert found["article"] == {
        "title": "Ferry fares to rise in Zürich’s harbour",
        "outlet": None,
        "date": None,
        "url": None,
        "byline": None,
    }
    sources = {text: a["source"]["kind"] for text, a in by_source(found).items()}
    assert sources == {
        "The harbour authority": "organization",
        "Maria Okafor": "person",
        "the Lakeside Gazette": "outlet",
        "A ministry official": "anonymous",
        "The Coastal Courier": "outlet",
        "a leaked memo": "document",
    }
    attributions = by_source(found)
    assert attributions["The harbour authority"]["cue"]["text"] == "said"
    assert attributions["The harbour authority"]["content"]["text"] == (
        "ferry fares will rise by a fifth in March"
    )
    assert attributions["Maria Okafor"]["content"]["text"] == (
        "“We cannot run the boats at a loss any longer,”"
    )
    assert attributions["the Lakeside Gazette"]["content"]["text"] == (
        "the city council will vote on the plan next week"
    )
    # The report and the memo it cites stand behind the same statement.
    assert (
        attributions["a leaked memo"]["content"] == attributions["The Coastal Courier"]["content"]
    )


def test_offsets_point_into_the_file_as_decoded(claims: Claims, tmp_path: Path) -> None:
    # Characters outside ASCII before the spans: offsets count characters, not bytes.
    found = extracted(claims, write(tmp_path / "story.txt", STORY))
    assert found["attributions"]
    for attribution in found["attributions"]:
        for role in ("source", "cue", "content"):
            span = attribution[role]
            assert STORY[span["start"] : span["end"]] == span["text"], role


def test_known_outlets_and_sources_keep_their_kinds(claims: Claims, tmp_path: Path) -> None:
    text = write(
        tmp_path / "story.txt",
        "Riverside Weekly reported that the dam will be rebuilt by the end of the year. "
        "Harbour Watch said the plan had been approved in secret.\n",
    )
    before = by_source(extracted(claims, text))
    assert before["Riverside Weekly"]["source"]["kind"] == "person"
    assert not (tmp_path / "claims.db").exists()  # reading the record never creates one
    claims.ok("outlet", "add", "Riverside Weekly", "--kind", "newspaper")
    claims.ok(
        "add",
        "The dam is failing.",
        "--outlet",
        "Riverside Weekly",
        "--date",
        "2026-01-05",
        "--source",
        "organization:Harbour Watch",
    )
    after = by_source(extracted(claims, text))
    assert after["Riverside Weekly"]["source"]["kind"] == "outlet"
    assert after["Harbour Watch"]["source"]["kind"] == "organization"


def test_html_file_main_text_and_metadata(claims: Claims, tmp_path: Path) -> None:
    found = extracted(claims, write(tmp_path / "story.html", ARTICLE_HTML))
    article = found["article"]
    assert article["title"] == "Ferry fares to rise"
    assert article["outlet"] == "Lakeside Gazette"
    assert article["date"] == "2026-03-02"
    assert article["byline"] == "Dana Whitlock"
    sources = by_source(found)
    assert sources["Maria Okafor"]["source"]["kind"] == "person"
    assert sources["The harbour authority"]["content"]["text"].startswith("ferry fares will rise")
    assert "Home" not in json.dumps(found)  # the menu is not the article


@pytest.fixture
def server() -> Iterator[str]:
    """A local web server: /story.html is the article, /empty.html a page without one."""
    pages = {
        "/story.html": ARTICLE_HTML.encode(),
        "/empty.html": b"<html><body><nav>Home</nav></body></html>",
        "/story.txt": STORY.encode(),
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path)
            if body is None:
                self.send_error(404, "Not Found")
                return
            self.send_response(200)
            kind = "text/plain" if self.path.endswith(".txt") else "text/html"
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_url_served_locally(claims: Claims, server: str) -> None:
    found = extracted(claims, f"{server}/story.html")
    assert found["article"]["url"] == f"{server}/story.html"
    assert found["article"]["title"] == "Ferry fares to rise"
    assert "Maria Okafor" in by_source(found)
    plain = extracted(claims, f"{server}/story.txt")
    for attribution in plain["attributions"]:
        content = attribution["content"]
        assert STORY[content["start"] : content["end"]] == content["text"]


def test_standard_input(claims: Claims) -> None:
    result = claims("extract", "-", "--json", input=STORY)
    assert result.exit_code == 0, result.output
    assert "Maria Okafor" in by_source(json.loads(result.output))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "Error: article '{path}': is empty\n"),
        ("blank.txt", b"  \n\n ", "Error: article '{path}': is empty\n"),
        (
            "photo.jpg",
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01",
            "Error: article '{path}': is binary data, not text or HTML\n",
        ),
        (
            "latin1.txt",
            "Caf\xe9 owners said prices rise.".encode("latin-1"),
            "Error: article '{path}': is not UTF-8 text (byte 3: b'\\xe9')\n",
        ),
        (
            "menu.html",
            b"<html><body><nav>Home</nav></body></html>",
            "Error: article '{path}': has no article text (1 words of main text)\n",
        ),
    ],
)
def test_bad_files(claims: Claims, tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = write(tmp_path / name, content)
    for args in (["extract", path], ["extract", path, "--json"]):
        result = claims(*args)
        assert result.exit_code == 1
        assert result.output == message.format(path=path)
    assert not (tmp_path / "claims.db").exists()


def test_bad_urls(claims: Claims, server: str, tmp_path: Path) -> None:
    result = claims("extract", f"{server}/missing.html")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: article '{server}/missing.html': the server answered HTTP 404 Not Found\n"
    )
    result = claims("extract", f"{server}/empty.html")
    assert result.exit_code == 1
    assert (
        result.output
        == f"Error: article '{server}/empty.html': has no article text (1 words of main text)\n"
    )
    url = f"http://127.0.0.1:{free_port()}/story.html"
    result = claims("extract", url)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: article '{url}': cannot be fetched: ")
    assert result.output.count("\n") == 1
    assert not (tmp_path / "claims.db").exists()


def test_missing_file_and_option_clash(claims: Claims, tmp_path: Path) -> None:
    result = claims("extract", "nowhere.txt")
    assert result.exit_code == 1
    assert result.output == "Error: article 'nowhere.txt': No such file or directory\n"
    path = write(tmp_path / "story.txt", STORY)
    result = claims("extract", path, "--json", "-o", "out.toml")
    assert result.exit_code == 2
    assert "Error: --json prints; -o writes the article file: give one" in result.output
    assert not (tmp_path / "out.toml").exists()


def test_draft_article_file(claims: Claims, tmp_path: Path) -> None:
    path = write(tmp_path / "story.html", ARTICLE_HTML)
    result = claims("extract", path, "-o", "draft.toml")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "draft.toml").read_text(encoding="utf-8")
    assert text.startswith("# Draft from claims extract: check every claim before")
    draft = tomllib.loads(text)
    assert draft["article"] == {
        "outlet": "Lakeside Gazette",
        "date": "2026-03-02",
        "headline": "Ferry fares to rise",
        "byline": "Dana Whitlock",
    }
    assert {
        "text": "“We cannot run the boats at a loss any longer,”",
        "sources": ["person:Maria Okafor"],
        "confidence": 6,
    } in draft["claims"]
    assert all(claim["confidence"] == 6 for claim in draft["claims"])
    # Printed when there is no -o: the same file.
    assert claims.ok("extract", path) == text


def test_draft_round_trips_hostile_text() -> None:
    hostile = 'He said "stop" \\ then\nleft\ttabs\x00\x1b\x7f ]] [[claims]] # not a comment'
    source = Span('The "Lead" \\ Desk\n#x', 0, 10)
    attribution = Attribution(
        source=source,
        kind="organization",
        cue=Span('said"\n[x]', 0, 5),
        content=Span(hostile, 0, len(hostile)),
    )
    article = Article(
        text=hostile,
        title='A "quoted" headline\\',
        outlet="Desk\nTwo",
        date="2026-03-02",
        url='https://example.org/a?b="c"',
        byline="\x01Dana",
    )
    draft = tomllib.loads(draft_toml(article, [attribution]))
    assert draft == {
        "article": {
            "outlet": "Desk\nTwo",
            "date": "2026-03-02",
            "url": 'https://example.org/a?b="c"',
            "headline": 'A "quoted" headline\\',
            "byline": "\x01Dana",
        },
        "claims": [
            {"text": hostile, "sources": ['organization:The "Lead" \\ Desk #x'], "confidence": 6}
        ],
    }


def test_html_without_the_extra_says_how_to_get_it(
    claims: Claims, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails as if absent
    result = claims("extract", write(tmp_path / "story.html", ARTICLE_HTML))
    assert result.exit_code == 1
    assert result.output == (
        "Error: reading HTML needs trafilatura, in the extra 'extract': "
        "pip install 'claims[extract]'\n"
    )
    # Plain text needs nothing more.
    assert "Maria Okafor" in by_source(extracted(claims, write(tmp_path / "s.txt", STORY)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A quotation, then its speaker in a sentence of its own words.
        ("“The bridge is unsafe.” Okafor said.", ("Okafor", "said", "“The bridge is unsafe.”")),
        # Closing the sentence, with the circumstances after the verb.
        (
            "The ferry will stop in May, Okafor said on Tuesday.",
            ("Okafor", "said", "The ferry will stop in May"),
        ),
        # Inverted, with an apposition after the name.
        (
            "“We have waited long enough,” said Tom Reyes, a harbour pilot.",
            ("Tom Reyes", "said", "“We have waited long enough,”"),
        ),
        # The name before its apposition.
        (
            "Tom Reyes, a harbour pilot, said the channel had silted up again.",
            ("Tom Reyes", "said", "the channel had silted up again"),
        ),
        # A second verb of the same subject.
        (
            "The council met on Friday and told residents that the pier would reopen.",
            ("The council", "told", "the pier would reopen"),
        ),
        # A relative clause: the source is named before "who".
        (
            "The mayor, who said the budget was tight, left the meeting early.",
            ("The mayor", "said", "the budget was tight"),
        ),
        # A clause after "said" is the content, not an inverted source.
        (
            "Okafor said Reyes was wrong about the channel depth.",
            ("Okafor", "said", "Reyes was wrong about the channel depth"),
        ),
        # A headline's speaker has no cue word.
        (
            "Mayor Lind: The pier will reopen before the summer season",
            ("Mayor Lind", None, "The pier will reopen before the summer season"),
        ),
    ],
)
def test_attribution_shapes(
    claims: Claims, text: str, expected: tuple[str, str | None, str]
) -> None:
    result = claims("extract", "-", "--json", input=text)
    assert result.exit_code == 0, result.output
    found = [
        (a["source"]["text"], a["cue"] and a["cue"]["text"], a["content"]["text"])
        for a in json.loads(result.output)["attributions"]
    ]
    assert found == [expected]


@pytest.mark.parametrize(
    ("phrase", "kind", "name", "role"),
    [
        ("the Portuguese newspaper Harbour Times", "outlet", "Harbour Times", None),
        ("the state-run Coastal News Agency (CNA)", "outlet", "CNA", None),
        ("the Dutch Reuters bureau", "outlet", "Reuters", None),
        (
            "Former deputy harbour master Ana Lucia Reis",
            "official",
            "Ana Lucia Reis",
            "Former deputy harbour master",
        ),
        ("Fisheries Minister Tomas Brandt", "official", "Tomas Brandt", "Fisheries Minister"),
        ("The Ferry Workers Union", "organization", "Ferry Workers Union", None),
        ("the union", "organization", "the union", None),
        ("a port official", "anonymous", "a port official", None),
        ("a leaked memo", "document", "a leaked memo", None),
    ],
)
def test_a_source_is_named_as_a_desk_records_it(
    phrase: str, kind: str, name: str, role: str | None
) -> None:
    from claims.extract.kinds import Known
    from claims.extract.naming import source_name

    named = source_name(phrase, kind, Known())
    assert (named.name, named.role) == (name, role)


def test_names_on_record_and_earlier_mentions_are_used() -> None:
    from claims.extract.kinds import Known
    from claims.extract.naming import source_name

    known = Known(outlets=["Harbour Times"], sources=[("person", "Chad O'Neill")])
    assert source_name("the respected daily harbour times", "outlet", known).name == (
        "Harbour Times"
    )
    assert source_name("analyst Chad O’Neill", "person", known).name == "Chad O'Neill"
    seen = [("Ana Lucia Reis", "official"), ("Tomas Brandt", "official")]
    later = source_name("Reis", "person", Known(), seen)
    assert (later.name, later.kind) == ("Ana Lucia Reis", "official")
    # One word that fits two people is left as written: the editor decides.
    both = [("Ana Reis", "person"), ("Rui Reis", "person")]
    assert source_name("Reis", "person", Known(), both).name == "Reis"


def test_a_draft_names_its_sources_and_reads_back(claims: Claims, tmp_path: Path) -> None:
    (tmp_path / "ferry.txt").write_text(
        "Ferry fares rise again\n\n"
        "Fares on the island ferry will rise by a fifth in March, Fisheries Minister Tomas "
        "Brandt told the Portuguese newspaper Harbour Times on Monday. The increase covers "
        "fuel costs, Brandt said.\n",
        encoding="utf-8",
    )
    claims.ok("extract", "ferry.txt", "-o", "ferry.toml")
    draft = tomllib.loads((tmp_path / "ferry.toml").read_text(encoding="utf-8"))
    first, later = [s for c in draft["claims"] for s in c["sources"]]
    assert (first["name"], first["role"]) == ("Tomas Brandt", "Fisheries Minister")
    assert later == f"{first['kind']}:Tomas Brandt"  # "Brandt", the minister named before
    text = (tmp_path / "ferry.toml").read_text(encoding="utf-8")
    text = text.replace("[article]\n", '[article]\noutlet = "Harbour Times"\ndate = "2026-03-02"\n')
    (tmp_path / "ferry.toml").write_text(text, encoding="utf-8")
    claims.ok("import", "ferry.toml")
    rows = json.loads(claims.ok("source", "list", "--json"))
    assert [(r["name"], r["role"]) for r in rows] == [("Tomas Brandt", "Fisheries Minister")]

"""The provenance report: content, formats, safety and templates (no browser needed)."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from claims.report import markdown_code, markdown_escape, render, safe_url
from claims.store.db import Database
from tests.conftest import Claims

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


@pytest.fixture
def story(claims: Claims, tmp_path: Path) -> Claims:
    claims.ok("demo")
    (tmp_path / "report.html").unlink()
    for i, text in enumerate(HOSTILE):
        claims.ok(
            "add",
            text,
            "--outlet",
            "RBC",
            "--date",
            "2026-11-02",
            "--subject",
            text,
            "--predicate",
            "status",
            "--value",
            text,
            "--source",
            f"person:{text}",
            "--headline",
            text,
        )
        del i
    return claims


def report_json(claims: Claims, *args: str) -> dict:  # type: ignore[type-arg]
    return json.loads(claims.ok("report", "--format", "json", "-o", "-", *args))


def test_the_demo_writes_the_report(claims: Claims, tmp_path: Path) -> None:
    out = claims.ok("demo")
    assert f"The provenance report: {tmp_path / 'report.html'}" in out
    html = (tmp_path / "report.html").read_text()
    assert "<h1>The reference story: North Korea closes embassies</h1>" in html


def test_the_demo_leaves_a_report_html_already_there_as_it_is(
    claims: Claims, tmp_path: Path
) -> None:
    (tmp_path / "report.html").write_text("<p>Our own report on the Madrid embassy</p>\n")
    out = claims.ok("--db", "demo.db", "demo")
    assert (tmp_path / "report.html").read_text() == (
        "<p>Our own report on the Madrid embassy</p>\n"
    )
    assert (
        "The provenance report was not written: report.html is already here, left as it is. "
        "Write it to a file of your choosing: claims --db demo.db report -o FILE"
    ) in out
    assert "The provenance report: " not in out
    assert "report.html" in " ".join(claims.ok("demo", "--help").split())


def test_the_html_report_shows_totals_conflicts_first_and_every_proposition(
    story: Claims, tmp_path: Path
) -> None:
    assert story.ok("report").startswith("Wrote report.html (32 propositions, 1 in conflict")
    html = (tmp_path / "report.html").read_text()
    data = report_json(story)
    totals = data["totals"]
    assert totals["claims"] == 48 and totals["outlets"] == 7 and totals["conflict"] == 1
    for label, key in [
        ("Claims", "claims"),
        ("Propositions", "propositions"),
        ("Agreed", "agreed"),
        ("In conflict", "conflict"),
        ("Unconfirmed claims", "unconfirmed"),
    ]:
        assert f"<dt>{label}</dt><dd>{totals[key]}</dd>" in html
    assert (
        html.index('id="conflicts"')
        < html.index('id="propositions"')
        < html.index('id="unconfirmed"')
        < html.index('id="outlets"')
        < html.index('id="published"')
    )
    for p in data["propositions"]:
        assert f'id="{p["anchor"]}"' in html
        for v in p["values"]:
            for c in v["claims"]:
                assert html.count(f'id="{c["anchor"]}"') == 1  # one permalink per claim
    assert "2 independent origins" in html and "<svg" in html
    assert 'class="badge badge-conflict"' in html


def test_recorded_text_is_escaped_everywhere(story: Claims, tmp_path: Path) -> None:
    story.ok("report", "-o", "r.html")
    story.ok("report", "--format", "md", "-o", "r.md")
    html = (tmp_path / "r.html").read_text()
    for text in HOSTILE:
        assert text not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # Only the page's own script, allowed by its hash; nothing else can run.
    assert html.count("<script>") == 1
    assert "script-src 'sha256-" in html and "unsafe-inline" not in html
    md = (tmp_path / "r.md").read_text()
    assert "<script>" not in md and "\\&lt;script\\&gt;" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md


def test_the_page_is_self_contained(story: Claims, tmp_path: Path) -> None:
    story.ok("report")
    html = (tmp_path / "report.html").read_text()
    assert not re.search(r"<(link|iframe|object|embed|img)\b", html)
    assert not re.search(r'\ssrc=["\']', html)
    assert "@import" not in html and "url(http" not in html
    links = re.findall(r'href="([^"#][^"]*)"', html)
    assert links == []  # the demo records no URLs: every link is an anchor in the page


def test_only_web_links_become_links() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", None, "//x"):
        assert safe_url(bad) is None


def test_markdown_escaping_keeps_text_inert() -> None:
    assert markdown_escape("*bold* [link](x) <b>") == "\\*bold\\* \\[link\\](x) &lt;b&gt;"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ('O\'Carroll says "closing"', 'O\'Carroll says "closing"'),
        ("AT&T, 50% & more", "AT&T, 50% & more"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("[link](javascript:alert(1))", "\\[link\\](javascript:alert(1))"),
        (
            "*bold* _it_ `code` a|b ~x~ ![i]",
            "\\*bold\\* \\_it\\_ \\`code\\` a\\|b \\~x\\~ \\!\\[i\\]",
        ),
        ("&lt;b&gt; &#39;", "&amp;lt;b&amp;gt; &amp;\\#39;"),  # stays as typed, not decoded
        ("two\nlines", "two lines"),
    ],
)
def test_markdown_escaping(text: str, escaped: str) -> None:
    assert markdown_escape(text) == escaped


@pytest.mark.parametrize("text", ["claims.db", "it's `x`.db", "`a", "a``b"])
def test_a_markdown_code_span_shows_the_text_exactly(text: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark").render(str(markdown_code(text)))
    [code] = re.findall(r"<code>(.*?)</code>", rendered)
    assert html.unescape(code) == text


def test_the_markdown_report_reads_as_recorded_and_keeps_hostile_text_inert(
    claims: Claims,
) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    outlet = 'Kim\'s "Daily" | <i>NK</i>'
    text = (
        'O\'Carroll says "closing" | *not* _yet_ `x` <script>alert(1)</script> '
        "[link](javascript:alert(1)) &lt;b&gt; AT&T"
    )
    claims.ok("outlet", "add", outlet)
    claims.ok(
        "add",
        text,
        "--outlet",
        outlet,
        "--date",
        "2026-11-01",
        "--source",
        "person:Chad O'Carroll",
        "--subject",
        "O'Carroll's embassy",
        "--predicate",
        "status",
        "--value",
        '"closed"',
    )
    md = claims.ok("report", "--format", "md", "-o", "-")
    # As plain text, apostrophes and quotes are themselves.
    assert '“O\'Carroll says "closing" \\|' in md
    assert "### O'Carroll's embassy · status" in md
    assert "person: Chad O'Carroll" in md
    assert "&#" not in md.replace("&amp;\\#", "")

    # In a CommonMark renderer, the recorded text reads exactly as recorded, and none of
    # it becomes markup: no script, no link, no emphasis, no code, no extra table cell.
    rendered = markdown_it.MarkdownIt("commonmark").enable("table").render(md)
    assert "<script" not in rendered and "<i>" not in rendered and "href" not in rendered
    assert "<em>not</em>" not in rendered and "<code>x</code>" not in rendered
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert f"“{text}”" in shown
    rows = re.findall(r"<tr>\s*(.*?)\s*</tr>", rendered, re.S)
    cells = [html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", rows[-1])]
    assert cells[:2] == [outlet, "other"]  # its "|" did not split the outlets' table


@pytest.mark.parametrize(
    ("dates", "titles", "unit"),
    [
        # Under three months: a mark per day.
        (["2025-12-17", "2026-01-05"], ["2025-12-17: 1 claim", "2026-01-05: 1 claim"], "day"),
        # Under two years: seven days from the first date, named by their first and last.
        (
            ["2025-12-17", "2025-12-23", "2026-06-01"],
            ["2025-12-17 to 2025-12-23: 2 claims", "2026-05-27 to 2026-06-02: 1 claim"],
            "7 days (counted from 2025-12-17)",
        ),
        # Longer: calendar months, so 17 December and 5 January are not one "month".
        (
            ["2025-12-17", "2026-01-05", "2028-03-01"],
            ["2025-12: 1 claim", "2026-01: 1 claim", "2028-03: 1 claim"],
            "calendar month",
        ),
    ],
)
def test_the_timeline_names_each_mark_by_the_days_it_covers(
    claims: Claims, tmp_path: Path, dates: list[str], titles: list[str], unit: str
) -> None:
    claims.ok("outlet", "add", "Korea Times")
    for date in dates:
        claims.ok("add", f"Reported on {date}", "--outlet", "Korea Times", "--date", date)
    claims.ok("report")
    page = (tmp_path / "report.html").read_text()
    chart = page[page.index('<section id="published"') :]
    chart = chart[: chart.index("</section>")]
    marks = re.findall(r'<circle class="mark"[^>]*><title>([^<]*)</title>', chart)
    assert marks == [f"Korea Times, {title}" for title in titles]
    assert f"one mark per outlet and {unit}." in chart
    assert "month of" not in chart


def test_markdown_and_json_carry_the_same_facts_as_html(story: Claims, tmp_path: Path) -> None:
    story.ok("report", "-o", "r.html")
    story.ok("report", "--format", "md", "-o", "r.md")
    html = (tmp_path / "r.html").read_text()
    md = (tmp_path / "r.md").read_text()
    data = report_json(story)
    for p in data["propositions"]:
        claim_ids = [c["id"] for v in p["values"] for c in v["claims"]]
        for claim_id in claim_ids:
            assert f'id="claim-{claim_id}"' in html
            assert f"\\#{claim_id} " in md
        assert f"{p['verdict_words']}</span>" in html
    assert [c["id"] for c in data["unconfirmed"]] == sorted(
        int(i) for i in re.findall(r'<td><a href="#claim-(\d+)">', html)
    )
    for o in data["outlets"]:
        assert f"| {markdown_escape(o['name'])} | {o['kind']} |" in md
    # One proposition to a line: grep finds a proposition's whole entry.
    text = story.ok("report", "--format", "json", "-o", "-")
    lines = [
        json.loads(line.strip().rstrip(","))
        for line in text.splitlines()[1:-1]
        if line.startswith('    {"anchor"')
    ]
    assert lines == data["propositions"]


def test_scope_filters(story: Claims) -> None:
    spain = report_json(story, "--subject", "spain")
    assert {p["subject"] for p in spain["propositions"]} >= {"DPRK embassy in Madrid"}
    assert all(
        "spain" in p["subject"].lower() or "madrid" in p["subject"].lower()
        for p in spain["propositions"]
    )
    kcna = report_json(story, "--outlet", "kcna")
    assert kcna["propositions"] and all(
        any(c["outlet"] == "KCNA" for v in p["values"] for c in v["claims"])
        for p in kcna["propositions"]
    )
    late = report_json(story, "--since", "2026-11-01")
    published = {
        c["published"] for p in late["propositions"] for v in p["values"] for c in v["claims"]
    }
    # By overlap: a claim dated only "2026" may be from November too.
    assert published == {"2026", "2026-11", "2026-11-01", "2026-11-02"}
    assert spain["scope"] == [["subject contains", "spain"]]
    assert "Scope: subject contains **spain**." in story.ok(
        "report", "--format", "md", "--subject", "spain", "-o", "-"
    )
    assert "Scope: **all claims on record**." in story.ok("report", "--format", "md", "-o", "-")


def test_report_errors_are_one_line_and_write_nothing(story: Claims, tmp_path: Path) -> None:
    bad = story("report", "--outlet", "Reuters")
    assert bad.exit_code == 1 and "unknown outlet 'Reuters'" in bad.output
    bad = story("report", "-o", "missing/r.html")
    assert bad.exit_code == 2 and "folder 'missing' does not exist" in bad.output
    bad = story("report", "--since", "soon")
    assert bad.exit_code == 2 and "'--since'" in bad.output
    assert not (tmp_path / "report.html").exists()


def test_a_newsroom_can_brand_the_report(story: Claims, tmp_path: Path) -> None:
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "base.html").write_text(
        (Path(__file__).parent.parent / "templates" / "base.html")
        .read_text()
        .replace(
            "{% block header_brand %}{% endblock %}",
            '{% block header_brand %}<p class="brand">Desk of the Daily Planet</p>{% endblock %}',
        )
    )
    story.ok("report", "--template-dir", str(brand), "--title", "Madrid")
    html = (tmp_path / "report.html").read_text()
    assert '<p class="brand">Desk of the Daily Planet</p>' in html and "<h1>Madrid</h1>" in html
    (brand / "report.html").write_text("{% extends 'base.html' %}{% block main %}{{ nope }")
    bad = story("report", "--template-dir", str(brand))
    assert bad.exit_code == 1 and bad.output.startswith("Error: template ")
    assert len(bad.output.strip().splitlines()) == 1


def test_large_lists_show_one_page_and_carry_the_rest_as_inert_data(
    story: Claims, tmp_path: Path
) -> None:
    from claims.report import build_report
    from claims.store.db import open_database

    db = open_database(str(tmp_path / "claims.db"))
    with db.session() as session:
        report = build_report(session, database="x")
    db.dispose()
    small = dataclasses.replace(report, page_size=5)
    html = render(small)
    pages = (len(report.propositions) + 4) // 5
    blocks = re.findall(
        r'<script type="application/json" class="report-page" data-list="propositions" '
        r'data-page="(\d+)">(.*?)</script>',
        html,
    )
    # Every page, the first too (later pages of unconfirmed claims read their records).
    assert [int(page) for page, _ in blocks] == list(range(1, pages + 1))
    records = [r for _, data in blocks for r in json.loads(data)]
    assert [r[0] for r in records] == [p.subject for p in report.propositions]
    first_page = html.split('class="paged" data-list="propositions">')[1].split("</div>\n<script")[
        0
    ]
    assert first_page.count('<article class="proposition"') == 5
    # Hostile text is data: no "<" in a data block can end it or start markup.
    for _, data in blocks:
        assert "<" not in data
    assert any("\\u003cscript>alert(1)\\u003c/script>" in data for _, data in blocks)
    unconfirmed = re.findall(r'class="report-page" data-list="unconfirmed" data-page="(\d+)"', html)
    assert [int(page) for page in unconfirmed] == list(
        range(2, (len(report.unconfirmed) + 4) // 5 + 1)
    )


def test_without_javascript_a_long_unconfirmed_list_says_it_shows_one_page(
    claims: Claims, tmp_path: Path
) -> None:
    from claims import make_draft, open_database, store

    db = open_database(str(tmp_path / "claims.db"))
    with db.session(write=True) as session:
        store.add_outlet(session, "Solo", by="t")
        for i in range(101):
            store.add_claim(
                session, make_draft(text=f"Loose {i}", outlet="Solo", date="2026-11-04"), by="t"
            )
    db.dispose()
    claims.ok("report", "-o", "loose.html")
    page = (tmp_path / "loose.html").read_text()
    assert (
        '<p class="nojs">This report lists 101 unconfirmed claims, 100 to a page; the first '
        "page is shown."
    ) in page


def test_the_timeline_of_one_claim_says_one_claim(claims: Claims, tmp_path: Path) -> None:
    claims.ok("outlet", "add", "Solo")
    claims.ok("add", "Alone", "--outlet", "Solo", "--date", "2026-11-04")
    claims.ok("report", "-o", "one.html")
    assert "1 claim from 1 outlet published on 2026-11-04, one mark" in (
        (tmp_path / "one.html").read_text()
    )


def test_a_misattributed_citation_is_marked_in_the_chain(claims: Claims, tmp_path: Path) -> None:
    claims.ok("outlet", "add", "Yonhap")
    claims.ok("outlet", "add", "RBC")
    said = ["--subject", "DPRK embassy in Madrid", "--predicate", "status"]
    claims.ok("add", "Open", "--outlet", "Yonhap", "--date", "2026-11-01", *said, "--value", "open")
    claims.ok(
        "add", "Closed", "--outlet", "RBC", "--date", "2026-11-02", *said,
        "--value", "closed", "--source", "outlet:Yonhap",
    )  # fmt: skip
    claims.ok("report", "-o", "r.html")
    assert (
        '<span class="tag tag-warn">misattributed</span> its own claims here say otherwise: '
        '<a href="#claim-1">#1</a>'
    ) in (tmp_path / "r.html").read_text()


def test_claims_dated_only_to_a_month_or_year_stay_off_the_timeline(
    claims: Claims, tmp_path: Path
) -> None:
    claims.ok("outlet", "add", "Solo")
    for date in ("2026", "November 2026", "2026-11-04", "early November 2026"):
        claims.ok("add", f"Dated {date}", "--outlet", "Solo", "--date", date)
    claims.ok("report", "-o", "r.html")
    page = (tmp_path / "r.html").read_text()
    chart = page[page.index('<section id="published"') :]
    chart = chart[: chart.index("</section>")]
    # Not on 1 January or the 1st of the month, as if that were when they came out.
    assert "2 claims from 1 outlet published between 2026-11-01 and 2026-11-04" in chart
    assert "2 claims dated only to a month or a year are not on the timeline." in chart


def articles_on_record(claims: Claims) -> None:
    """Two articles: two claims from one, one from the other, which was published first."""
    claims.ok("outlet", "add", "RBC")
    claims.ok("outlet", "add", "Korea Times")
    claims.ok(
        "article", "add", "--outlet", "RBC", "--date", "2026-11-02",
        "--url", "https://www.rbc.ru/dprk?a=1&b=2", "--headline", HOSTILE[0] + " & closed",
        "--byline", HOSTILE[1],
    )  # fmt: skip
    claims.ok(
        "article", "add", "--outlet", "Korea Times", "--date", "2026-11-01",
        "--url", "https://www.koreatimes.co.kr/dprk", "--headline", "Hong Kong consulate shut",
    )  # fmt: skip
    madrid = ["--subject", "DPRK embassy in Madrid", "--predicate", "status", "--value", "closed"]
    claims.ok("add", "The embassy in Spain closed", "--article", "1", *madrid,
              "--source", "person:Ryu Hyun Woo")  # fmt: skip
    claims.ok("add", HOSTILE[1] + " the consulate closed", "--article", "1",
              "--subject", "DPRK consulate in Hong Kong", "--predicate", "status",
              "--value", "closed")  # fmt: skip
    claims.ok("add", "Madrid closed too", "--article", "2", *madrid,
              "--source", "official:Spanish foreign ministry")  # fmt: skip


def test_the_report_lists_each_articles_claims_under_it(db_claims: Claims, tmp_path: Path) -> None:
    articles_on_record(db_claims)
    db_claims.ok("report", "-o", "r.html")
    page = (tmp_path / "r.html").read_text()
    section = page[page.index('<section id="articles"') :]
    section = section[: section.index("</section>")]
    assert '<li><a href="#articles">Articles</a></li>' in page
    assert "<div><dt>Articles</dt><dd>2</dd></div>" in page
    # By date: Korea Times (1 November) before RBC (2 November), though recorded after.
    assert section.index('id="article-2"') < section.index('id="article-1"')
    rbc = section[section.index('id="article-1"') :]
    assert (
        '<a href="https://www.rbc.ru/dprk?a=1&amp;b=2">&lt;script&gt;alert(1)&lt;/script&gt; '
        "&amp; closed</a></h3>"
    ) in rbc
    assert '<a href="#outlet-rbc">RBC</a>, 2026-11-02, by &lt;img src=x onerror=alert(1)&gt;' in rbc
    assert (
        '<li><a href="#claim-1">#1</a> The embassy in Spain closed '
        '<span class="tag tag-corroborated">corroborated</span></li>'
    ) in rbc
    assert (
        '<li><a href="#claim-2">#2</a> &lt;img src=x onerror=alert(1)&gt; the consulate closed '
        '<span class="tag tag-unconfirmed">unconfirmed</span></li>'
    ) in rbc
    korea = section[section.index('id="article-2"') : section.index('id="article-1"')]
    assert '<a href="#claim-3">#3</a> Madrid closed too' in korea and "#claim-1" not in korea
    # Where a claim is shown, its headline leads to its article's entry.
    assert (
        '<small>RBC, 2026-11-02, <a href="#article-1">“&lt;script&gt;alert(1)&lt;/script&gt; '
        "&amp; closed”</a>, "
    ) in page
    for text in HOSTILE:
        assert text not in page

    data = report_json(db_claims)
    assert data["totals"]["articles"] == 2
    assert [(a["id"], [c["id"] for c in a["claims"]]) for a in data["articles"]] == [
        (2, [3]),
        (1, [1, 2]),
    ]
    first = data["articles"][1]
    assert first["headline"] == HOSTILE[0] + " & closed" and first["byline"] == HOSTILE[1]
    assert first["outlet_anchor"] == "outlet-rbc" and first["url"].startswith("https://")
    assert [c["standing"] for c in first["claims"]] == [["corroborated"], ["unconfirmed"]]
    claim = data["propositions"][0]["values"][0]["claims"][0]
    assert (claim["article"], claim["article_anchor"]) == (1, "article-1")

    md = db_claims.ok("report", "--format", "md", "-o", "-")
    listed = md[md.index("## Articles") : md.index("## Outlets")]
    assert listed.splitlines()[2:7] == [
        "- Article 2: Korea Times, 2026-11-01, “Hong Kong consulate shut” "
        "[link](<https://www.koreatimes.co.kr/dprk>)",
        "  - \\#3 Madrid closed too (corroborated)",
        "- Article 1: RBC, 2026-11-02, “&lt;script&gt;alert(1)&lt;/script&gt; & closed” "
        "[link](<https://www.rbc.ru/dprk?a=1&amp;b=2>), by &lt;img src=x onerror=alert(1)&gt;",
        "  - \\#1 The embassy in Spain closed (corroborated)",
        "  - \\#2 &lt;img src=x onerror=alert(1)&gt; the consulate closed (unconfirmed)",
    ]
    assert "| 3 | 2 | 2 |" in md  # claims, outlets, articles


def test_an_article_url_that_is_not_web_never_becomes_a_link(
    db_claims: Claims, db_url: str, open_db: Callable[[str], Database]
) -> None:
    from sqlalchemy import update

    from claims.report import build_report
    from claims.store.models import Article, Claim

    articles_on_record(db_claims)
    # Every way in refuses such a URL; a record written by other means is shown safely.
    db = open_db(db_url)
    with db.session(write=True) as session:
        session.execute(update(Article).values(url="javascript:alert(1)"))
        session.execute(update(Claim).values(url="javascript:alert(1)"))
    with db.session() as session:
        report = build_report(session, database="x")
    html = render(report)
    assert "javascript:" not in html
    assert (
        '<a class="permalink" href="#article-2" aria-label="Permalink">§</a> '
        "Hong Kong consulate shut</h3>"
    ) in html
    assert "javascript:" not in render(report, "md")
    assert [a["url"] for a in json.loads(render(report, "json"))["articles"]] == [None, None]
    # Nor on a page the script draws (here, the second article's): no link in its data.
    paged = render(dataclasses.replace(report, page_size=1))
    [later] = re.findall(r'data-list="articles" data-page="2">(.*?)</script>', paged)
    # (Its outlet, date, headline and link are its first claim's, read from that record.)
    assert len(json.loads(later)[0]) == 4 and "javascript" not in paged


def test_the_articles_list_pages_like_the_others(claims: Claims, tmp_path: Path) -> None:
    from claims.report import build_report
    from claims.store.db import open_database

    articles_on_record(claims)
    claims.ok("add", "Nothing to compare it with", "--article", "1")  # in no proposition

    def later_page() -> tuple[str, list[object]]:
        db = open_database(str(tmp_path / "claims.db"))
        with db.session() as session:
            report = build_report(session, database="x")
        db.dispose()
        html = render(dataclasses.replace(report, page_size=1))
        listed = html.split('class="paged" data-list="articles">')[1].split("</div>")[0]
        assert listed.count('<article class="article-entry"') == 1 and 'id="article-2"' in listed
        [later] = re.findall(r'data-list="articles" data-page="(\d+)">(.*?)</script>', html)
        assert later[0] == "2" and "<" not in later[1]
        [rbc] = json.loads(later[1])
        return html, rbc

    # A claim in a proposition is [id, standing]: its text is in the proposition's record,
    # not written twice; a claim in none carries its text. The first claim has the
    # article's outlet, date, headline and link: the entry takes them from its record.
    html, rbc = later_page()
    claims_of_rbc = [[1, 0], [2, 2], [4, "Nothing to compare it with", 2]]
    assert rbc == [1, HOSTILE[1], 0, claims_of_rbc]
    assert '<p class="nojs">This report lists 2 articles, 1 to a page' in html
    # Its headline in other case (the same article, once normalised): the entry
    # shows the article's own, written out.
    claims.ok("edit", "1", "--headline", HOSTILE[0] + " & Closed")
    html, rbc = later_page()
    assert rbc[0] == 1 and rbc[3] == HOSTILE[0] + " & closed" and rbc[7] == claims_of_rbc

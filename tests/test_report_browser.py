"""The provenance report in a real browser: what an editor sees and can do, and that the
page is valid, accessible, self-contained and safe against hostile claim text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser_support import (
    block_network,
    describe_html_errors,
    describe_violations,
    page_errors,
    run_axe,
    serious_violations,
    validate_html,
)
from tests.conftest import Claims

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


@pytest.fixture
def story(claims: Claims, tmp_path: Path) -> tuple[Path, dict]:  # type: ignore[type-arg]
    """The reference story plus two claims written to attack the page."""
    claims.ok("demo")
    for text in HOSTILE:
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
    claims.ok("report", "-o", "story.html", "--title", "North Korea closes embassies")
    data = json.loads(claims.ok("report", "--format", "json", "-o", "-"))
    return tmp_path / "story.html", data


def open_report(page: Page, path: Path, fragment: str = "") -> tuple[list[str], list[str]]:
    blocked = block_network(page)
    errors = page_errors(page)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri() + fragment)
    errors.extend(f"dialog: {m}" for m in dialogs)
    return blocked, errors


def seen(locator: Locator) -> str:
    """The text of an element as a reader sees it, scrolled to (the page lays out only
    what is on screen or near it; innerText is empty for the rest)."""
    locator.scroll_into_view_if_needed()
    locator.page.wait_for_function(  # laid out at the next frame, as the reader sees it
        "el => el.innerText.trim() !== ''", arg=locator.element_handle()
    )
    return locator.inner_text()


def visible_propositions(page: Page) -> int:
    return page.locator("#propositions article.proposition:visible").count()


def test_an_editor_sees_totals_verdicts_and_conflicts(
    page: Page, story: tuple[Path, dict], tmp_path: Path
) -> None:  # type: ignore[type-arg]
    path, data = story
    blocked, errors = open_report(page, path)
    totals = data["totals"]
    for label, key in [
        ("Claims", "claims"),
        ("Propositions", "propositions"),
        ("In conflict", "conflict"),
        ("Unconfirmed claims", "unconfirmed"),
    ]:
        assert page.locator(f".totals div:has(dt:text-is('{label}')) dd").inner_text() == str(
            totals[key]
        )
    assert page.locator("#conflicts article.conflict").count() == totals["conflict"]
    conflict = page.locator("#conflicts article.conflict").first
    assert "economic hardship in the DPRK" in seen(conflict)
    assert conflict.locator(".value").count() == 2  # the competing values, side by side
    badges = page.locator("#propositions .badge").all_text_contents()
    assert len(badges) == totals["propositions"]
    assert badges.count("conflict") == totals["conflict"]
    assert badges.count("agree") == totals["agreed"]
    madrid = page.locator("article.proposition", has_text="DPRK embassy in Madrid").first
    assert "3 outlets, 2 independent origins" in seen(madrid)
    madrid.locator("summary").click()
    assert madrid.locator("svg[role=img]").is_visible()  # the provenance graph
    assert "Korea Times, RBC" in madrid.locator(".echoes").inner_text()
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert (tmp_path / "report.png").stat().st_size > 10_000
    assert blocked == [] and errors == []


def test_filters_and_search_narrow_the_propositions(page: Page, story: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    path, data = story
    open_report(page, path)
    everything = visible_propositions(page)
    assert everything == data["totals"]["propositions"]
    page.select_option("#filter-verdict", "conflict")
    assert visible_propositions(page) == data["totals"]["conflict"]
    page.select_option("#filter-verdict", "")
    page.select_option("#filter-outlet", "KCNA")
    kcna = [
        p
        for p in data["propositions"]
        if any(c["outlet"] == "KCNA" for v in p["values"] for c in v["claims"])
    ]
    assert visible_propositions(page) == len(kcna)
    page.select_option("#filter-outlet", "")
    page.fill("#filter-text", "hong kong")
    mentions = [
        p
        for p in data["propositions"]
        if "hong kong" in " ".join([p["subject"], *(v["value"] for v in p["values"])]).lower()
    ]
    assert 3 <= len(mentions) < len(data["propositions"])
    assert visible_propositions(page) == len(mentions)
    assert page.locator("#filter-count").inner_text() == f"{len(mentions)} propositions"
    page.fill("#filter-text", "")
    assert visible_propositions(page) == everything


def test_search_finds_words_typed_without_their_accents(
    page: Page, claims: Claims, tmp_path: Path
) -> None:
    claims.ok("outlet", "add", "El Tiempo")
    for subject in ("DPRK embassy in Bogotá", "DPRK embassy in Lima"):
        claims.ok(
            "add", subject, "--outlet", "El Tiempo", "--date", "2026-11-01",
            "--subject", subject, "--predicate", "status", "--value", "closed",
        )  # fmt: skip
    claims.ok("report", "-o", "r.html")
    blocked, errors = open_report(page, tmp_path / "r.html")
    for typed in ("bogota", "BOGOTÁ", "tiempo bogota"):
        page.fill("#filter-text", typed)
        assert visible_propositions(page) == 1, typed
    page.fill("#filter-text", "embassy")
    assert visible_propositions(page) == 2
    assert blocked == [] and errors == []


def test_search_finds_a_proposition_by_any_name_its_claims_use(
    page: Page, claims: Claims, tmp_path: Path
) -> None:
    claims.ok("outlet", "add", "El País")
    claims.ok("outlet", "add", "ABC")
    for outlet, subject in (
        ("El País", "DPRK embassy in Madrid"),
        ("ABC", "North Korean embassy in Spain"),
    ):
        claims.ok(
            "add", f"{subject} closed", "--outlet", outlet, "--date", "2026-11-01",
            "--subject", subject, "--predicate", "status", "--value", "closed",
        )  # fmt: skip
    claims.ok("alias", "DPRK embassy in Madrid", "North Korean embassy in Spain")
    claims.ok("report", "-o", "r.html")
    blocked, errors = open_report(page, tmp_path / "r.html")
    assert visible_propositions(page) == 1
    for typed in ("madrid", "north korean embassy in spain", "DPRK embassy"):
        page.fill("#filter-text", typed)
        assert visible_propositions(page) == 1, typed
    page.fill("#filter-text", "lisbon")
    assert visible_propositions(page) == 0
    assert blocked == [] and errors == []


def test_permalinks_lead_to_the_claim(page: Page, story: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    from playwright.sync_api import expect

    path, _ = story
    open_report(page, path, "#claim-28")
    claim = page.locator("#claim-28")
    assert claim.is_visible()  # its <details> was opened
    assert claim.evaluate("el => el.getBoundingClientRect().top < window.innerHeight")
    page.locator("#unconfirmed a[href='#claim-15']").click()
    expect(page.locator("#claim-15")).to_be_visible()  # once the script has followed it


def test_hostile_claim_text_runs_nothing(page: Page, story: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    path, _ = story
    page.add_init_script("window.__untouched = true")
    blocked, errors = open_report(page, path)
    assert page.evaluate("window.__untouched") is True
    assert errors == []  # no dialog from alert(1), no script error
    assert page.locator("img").count() == 0
    page.fill("#filter-text", "alert")
    found = page.locator("#propositions article.proposition:visible")
    found.first.wait_for()
    shown = " ".join(seen(article) for article in found.all())
    for text in HOSTILE:
        assert text in shown  # shown as text
    assert blocked == []  # the <img src=x> never turned into a request


def test_the_page_is_valid_and_accessible(page: Page, story: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    path, _ = story
    errors = validate_html(path)
    assert errors == [], describe_html_errors(errors)
    open_report(page, path)
    page.locator("#propositions details").first.evaluate("d => d.open = true")
    violations = serious_violations(run_axe(page))
    assert violations == [], describe_violations(violations)


def test_it_reads_without_javascript(browser: Browser, story: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    path, data = story
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        assert page.locator("#filters").is_hidden()
        assert visible_propositions(page) == data["totals"]["propositions"]
        assert page.locator("#conflicts article.conflict").count() == 1
    finally:
        context.close()


def test_a_large_report_pages_and_still_finds_a_permalink(
    page: Page, claims: Claims, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    from claims import make_draft, open_database, store

    db = open_database(str(tmp_path / "claims.db"))
    with db.session(write=True) as session:
        store.add_outlet(session, "Wire", by="t")
        for i in range(250):
            draft = make_draft(
                text=f"Claim {i}",
                outlet="Wire",
                date="2026-11-01",
                subject=f"Subject {i:03d}",
                predicate="status",
                value="open",
            )
            store.add_claim(session, draft, by="t")
    db.dispose()
    claims.ok("report", "-o", "big.html")
    path = tmp_path / "big.html"
    html = path.read_text()
    assert html.count('class="report-page" data-list="propositions"') == 3
    assert html.count('<article class="proposition"') == 100  # the rest is data
    blocked, errors = open_report(page, path)
    assert visible_propositions(page) == 100
    pager = page.locator('.pager[data-list="propositions"]')
    expect(pager).to_contain_text("Page 1 of 3")  # once the script has drawn it
    pager.get_by_role("button", name="Next page").click()
    expect(pager).to_contain_text("Page 2 of 3")  # once the script has drawn it
    assert "Subject 100" in seen(page.locator("#propositions .paged article").first)
    page.fill("#filter-text", "subject 249")
    assert visible_propositions(page) == 1
    page.fill("#filter-text", "")
    page.goto(path.as_uri() + "#claim-240")  # the same page: only its fragment changes
    expect(page.locator("#claim-240")).to_be_visible()  # once the script has followed it
    expect(pager).to_contain_text("Page 3 of 3")  # once the script has drawn it
    # Every claim stands alone: unconfirmed, 100 to a page, the later ones drawn on demand.
    unconfirmed = page.locator('.pager[data-list="unconfirmed"]')
    unconfirmed.get_by_role("button", name="Next page").click()
    assert "Page 2 of 3" in seen(unconfirmed)
    rows = page.locator("#unconfirmed tbody tr")
    assert rows.count() == 100
    assert seen(rows.first).startswith("#101 Claim 100\tWire\t")
    assert "single-origin: one origin, carried by one outlet" in seen(rows.first)
    rows.first.get_by_role("link", name="#101").click()
    expect(page.locator("#claim-101")).to_be_visible()  # once the link has been followed
    expect(pager).to_contain_text("Page 2 of 3")  # once the script has drawn it
    assert blocked == [] and errors == []


def test_a_claim_in_no_proposition_has_a_permalink_on_any_page(
    page: Page, claims: Claims, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    from claims import make_draft, open_database, store

    db = open_database(str(tmp_path / "claims.db"))
    with db.session(write=True) as session:
        store.add_outlet(session, "Solo", by="t")
        for i in range(150):  # no subject, predicate or value: unconfirmed, in no proposition
            store.add_claim(
                session, make_draft(text=f"Loose {i}", outlet="Solo", date="2026-11-04"), by="t"
            )
    db.dispose()
    claims.ok("report", "-o", "loose.html")
    path = tmp_path / "loose.html"
    assert 'id="claim-1"' in path.read_text()  # written into the first page's row
    blocked, errors = open_report(page, path, "#claim-3")
    expect(page.locator("#claim-3")).to_be_visible()
    page.goto(path.as_uri() + "#claim-140")  # on the second page of unconfirmed claims
    expect(page.locator("#claim-140")).to_be_visible()  # once the script has followed it
    expect(page.locator('.pager[data-list="unconfirmed"]')).to_contain_text("Page 2 of 2")
    page.goto(path.as_uri() + "#claim-7")  # and back to the first
    expect(page.locator("#claim-7")).to_be_visible()
    assert blocked == [] and errors == []


@pytest.mark.parametrize("in_propositions", [False, True])
def test_a_permalink_reaches_an_article_on_any_page(
    page: Page, claims: Claims, tmp_path: Path, in_propositions: bool
) -> None:
    from playwright.sync_api import expect

    from claims import make_draft, open_database, store

    db = open_database(str(tmp_path / "claims.db"))
    with db.session(write=True) as session:
        store.add_outlet(session, "Wire", by="t")
        for i in range(150):  # one article each, listed by date: the last recorded first
            draft = make_draft(
                text=f"Claim {i}",
                outlet="Wire",
                date=(dt.date(2026, 11, 30) - dt.timedelta(days=i)).isoformat(),
                headline=f"Headline {i}",
                url=f"https://wire.example/{i}",
                **(
                    {"subject": f"Subject {i}", "predicate": "status", "value": "closed"}
                    if in_propositions
                    else {}
                ),
            )
            store.add_claim(session, draft, by="t")
    db.dispose()
    claims.ok("report", "-o", "articles.html")
    path = tmp_path / "articles.html"
    html = path.read_text()
    assert html.count('<article class="article-entry"') == 100  # the rest is data
    # A later page's article whose claim is in a proposition takes its outlet, date,
    # headline and link from that claim's record: the headline is written once.
    assert html.count('"Headline 9"') == 1
    assert 'id="article-150"' in html and 'id="article-10"' not in html
    blocked, errors = open_report(page, path, "#article-10")
    entry = page.locator("#article-10")
    expect(entry).to_be_visible()  # once the script has followed it
    assert entry.evaluate("el => el.getBoundingClientRect().top < window.innerHeight")
    assert seen(entry.locator("h3")) == "§ Headline 9"
    assert entry.locator("h3 a[href='https://wire.example/9']").count() == 1
    assert "Wire, 2026-11-21" in seen(entry.locator(".summary"))
    pager = page.locator('.pager[data-list="articles"]')
    expect(pager).to_contain_text("Page 2 of 2")
    entry.get_by_role("link", name="#10").click()  # to the claim, in the unconfirmed list
    expect(page.locator("#claim-10")).to_be_visible()
    page.goto(path.as_uri() + "#article-140")  # back to the first page
    expect(page.locator("#article-140")).to_be_visible()
    expect(pager).to_contain_text("Page 1 of 2")
    assert blocked == [] and errors == []


def test_later_pages_are_drawn_as_the_first_page_is_written(
    page: Page, story: tuple[Path, dict], tmp_path: Path
) -> None:  # type: ignore[type-arg]
    """The same report with three propositions to a page: each proposition the script
    draws from data reads, links and draws its graph exactly as the written HTML."""
    from claims.report import build_report, render
    from claims.store.db import open_database

    path, data = story
    db = open_database(str(tmp_path / "claims.db"))
    with db.session() as session:
        report = build_report(session, database="claims.db")
    db.dispose()
    paged = tmp_path / "paged.html"
    paged.write_text(render(dataclasses.replace(report, page_size=3, title="Paged")))
    written = {}
    open_report(page, path)
    for p in data["propositions"]:
        written[p["anchor"]] = describe_proposition(page, p["anchor"])
    seen(page.locator("#unconfirmed table"))
    unconfirmed = page.locator("#unconfirmed tbody tr").all_inner_texts()
    assert all(row.startswith("#") for row in unconfirmed)
    assert len(unconfirmed) == data["totals"]["unconfirmed"] > 3
    page.add_init_script("window.__untouched = true")
    blocked, errors = open_report(page, paged)
    for number, p in enumerate(data["propositions"]):
        page.goto(paged.as_uri() + "#" + p["anchor"])
        drawn = describe_proposition(page, p["anchor"])
        assert drawn == written[p["anchor"]], p["anchor"]
        pager = page.locator('.pager[data-list="propositions"]').inner_text()
        assert f"Page {number // 3 + 1} of " in pager
    assert any(w["graph"] for w in written.values())  # drawings were compared too
    # The unconfirmed claims, three to a page, read as in the written table.
    rows: list[str] = []
    next_page = page.locator('.pager[data-list="unconfirmed"]').get_by_role(
        "button", name="Next page"
    )
    while True:
        seen(page.locator("#unconfirmed table"))
        rows += page.locator("#unconfirmed tbody tr").all_inner_texts()
        if next_page.is_disabled():
            break
        next_page.click()
    assert rows == unconfirmed
    # Each article, three to a page, reads, links and is marked up as written.
    page.goto(path.as_uri())
    written_articles = [describe(page, f"#{a['anchor']}") for a in data["articles"]]
    assert len(written_articles) == data["totals"]["articles"] > 3
    for a, written_article in zip(data["articles"], written_articles, strict=True):
        page.goto(paged.as_uri() + "#" + a["anchor"])
        assert describe(page, f"#{a['anchor']}") == written_article, a["anchor"]
    # The hostile claims were among those drawn from data: shown as text, run nothing.
    page.fill("#filter-text", "alert")
    shown = page.locator("#propositions article.proposition:visible")
    shown.first.wait_for()
    drawn_text = " ".join(seen(article) for article in shown.all())
    for text in HOSTILE:
        assert text in drawn_text
    assert page.evaluate("window.__untouched") is True
    assert page.locator("img").count() == 0
    assert blocked == [] and errors == []
    # Drawn, it is as accessible as written (axe's own injection is refused by the
    # page's CSP, which the console reports: hence after the check above).
    page.locator("#propositions article.proposition summary").first.click()
    violations = serious_violations(run_axe(page))
    assert violations == [], describe_violations(violations)


def describe(page: Page, selector: str) -> dict:  # type: ignore[type-arg]
    """What an editor reads and can follow in one element: its text, and every element
    in it with its attributes (links, ids, classes), in order."""
    element = page.locator(selector)
    seen(element)
    result: dict = element.evaluate(  # type: ignore[type-arg]
        """e => ({
            text: e.innerText.replace(/\\s+/g, " ").trim(),
            elements: [e, ...e.querySelectorAll("*")].map(n => [n.tagName,
                ...Array.from(n.attributes).map(a => a.name + "=" + a.value).sort()]),
        })"""
    )
    return result


def describe_proposition(page: Page, anchor: str) -> dict:  # type: ignore[type-arg]
    """What an editor reads and can follow in one proposition, details opened."""
    article = page.locator(f"article#{anchor}")
    article.locator("summary").click()  # opens its details
    result: dict = article.evaluate(  # type: ignore[type-arg]
        """a => ({
            text: a.innerText.replace(/\\s+/g, " ").trim(),
            links: Array.from(a.querySelectorAll("a"))
                .map(l => [l.getAttribute("href"), l.textContent]),
            ids: Array.from(a.querySelectorAll("[id]")).map(e => e.id),
            classes: Array.from(a.querySelectorAll("[class]")).map(e => e.getAttribute("class")),
            graph: Array.from(a.querySelectorAll("svg *")).map(e => [e.tagName,
                ...Array.from(e.attributes).map(x => x.name + "=" + x.value).sort(),
                e.children.length ? "" : e.textContent]),
            label: a.querySelector("svg") && a.querySelector("svg").getAttribute("aria-label"),
        })"""
    )
    return result

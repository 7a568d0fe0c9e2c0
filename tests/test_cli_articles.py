"""Articles: recorded once, their claims under them, retracted with them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Claims

URL = "https://www.rbc.ru/politics/01/11/2026/dprk"
HEADLINE = "North Korea closes its embassies in Spain and Hong Kong"


def rbc_article(claims: Claims) -> dict[str, object]:
    claims.ok("outlet", "add", "RBC", "--kind", "newspaper", "--country", "RU")
    claims.ok("outlet", "add", "Korea Times", "--reliability", "B")
    out = claims.ok(
        "article", "add", "--outlet", "RBC", "--date", "1 November 2026",
        "--url", URL, "--headline", HEADLINE, "--byline", "Ivan Petrov", "--json",
    )  # fmt: skip
    return dict(json.loads(out))


def test_an_article_is_recorded_once_and_its_claims_take_its_fields(db_claims: Claims) -> None:
    article = rbc_article(db_claims)
    assert article == {
        "id": 1,
        "outlet": "RBC",
        "date": "2026-11-01",
        "date_precision": "day",
        "url": URL,
        "headline": HEADLINE,
        "byline": "Ivan Petrov",
        "claims": [],
    }
    for text in ("The embassy in Spain has closed", "The consulate in Hong Kong has closed"):
        out = db_claims.ok(
            "add", text, "--article", "1", "--source", "outlet:Korea Times", "--json"
        )
        claim = json.loads(out)
        assert (claim["outlet"], claim["date"], claim["url"], claim["headline"]) == (
            "RBC",
            "2026-11-01",
            URL,
            HEADLINE,
        )
        assert claim["article"] == 1
    shown = json.loads(db_claims.ok("article", "show", "1", "--json"))
    assert shown["claims"] == [1, 2]
    text = db_claims.ok("article", "show", "1")
    assert text.splitlines()[:4] == [
        "Article 1",
        "  Outlet:    RBC",
        "  Published: 2026-11-01 (day precision)",
        f"  Headline:  {HEADLINE}",
    ]
    assert "The consulate in Hong Kong has closed" in text
    listed = json.loads(db_claims.ok("article", "list", "--json"))
    assert [(a["id"], a["claims"]) for a in listed] == [(1, [1, 2])]
    # Recorded by hand, the same outlet, date, URL and headline find the same article.
    out = db_claims.ok(
        "add", "A third claim", "--outlet", "rbc", "--date", "2026-11-01",
        "--url", URL + "/", "--headline", HEADLINE.upper(), "--json",
    )  # fmt: skip
    assert json.loads(out)["article"] == 1


def test_add_without_an_article_files_the_claim_under_the_one_it_matches(claims: Claims) -> None:
    claims.ok("outlet", "add", "KCNA")
    first = json.loads(
        claims.ok("add", "One", "--outlet", "KCNA", "--date", "2026-10-30", "--json")
    )
    second = json.loads(
        claims.ok("add", "Two", "--outlet", "KCNA", "--date", "30 Oct 2026", "--json")
    )
    other = json.loads(
        claims.ok("add", "Three", "--outlet", "KCNA", "--date", "2026-10-31", "--json")
    )
    assert (first["article"], second["article"], other["article"]) == (1, 1, 2)
    assert claims.ok("article", "list").splitlines() == [
        "ID  DATE        OUTLET  CLAIMS  HEADLINE",
        "--  ----------  ------  ------  --------",
        "1   2026-10-30  KCNA    2",
        "2   2026-10-31  KCNA    1",
    ]
    # An edit that moves the claim to another day moves it to that day's article.
    claims.ok("edit", "2", "--date", "2026-10-31")
    assert json.loads(claims.ok("show", "2", "--json"))["article"] == 2
    assert "  Article:     2, with claim 3 (claims article show 2)" in claims.ok("show", "2")
    assert "  Article:     1, this claim alone (claims article show 1)" in claims.ok("show", "1")


def test_a_claim_contradicting_its_article_is_refused(claims: Claims) -> None:
    rbc_article(claims)
    for option, value, message in (
        ("--outlet", "Korea Times", "'Korea Times' is not article 1's outlet (RBC)"),
        ("--date", "2026-11-02", "'2026-11-02' is not article 1's date (2026-11-01)"),
        ("--url", "https://rbc.ru/other", f"'https://rbc.ru/other' is not article 1's url ({URL})"),
    ):
        result = claims("add", "x", "--article", "1", option, value)
        assert result.exit_code == 2, result.output
        assert result.output.splitlines()[-1] == (f"Error: Invalid value for '{option}': {message}")
    # The same outlet and date, however written, are no contradiction.
    claims.ok("add", "x", "--article", "1", "--outlet", "rbc", "--date", "1 November 2026")
    result = claims("add", "x", "--article", "7")
    assert (result.exit_code, result.output) == (1, "Error: article: no article 7 on record\n")
    result = claims("add", "x", "--article", "seven")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for '--article': 'seven' is not an article id; ids are whole "
        "numbers from 1, as claims article list shows them"
    )
    assert json.loads(claims.ok("list", "--json"))[0]["text"] == "x"  # one claim, no more
    assert len(json.loads(claims.ok("list", "--json"))) == 1


def test_an_article_twice_is_refused(claims: Claims) -> None:
    rbc_article(claims)
    result = claims("article", "add", "--outlet", "RBC", "--date", "2026-11-01",
                    "--url", URL, "--headline", HEADLINE)  # fmt: skip
    assert (result.exit_code, result.output) == (
        1,
        "Error: article 1 is already on record with that outlet, date, URL and headline: "
        "claims article show 1\n",
    )
    result = claims("article", "add", "--outlet", "RBC", "--date", "sometime")
    assert result.exit_code == 2
    assert "Invalid value for '--date': 'sometime'" in result.output


def test_retracting_an_article_retracts_its_active_claims_at_once(db_claims: Claims) -> None:
    rbc_article(db_claims)
    for text in ("Spain", "Hong Kong", "Uganda"):
        db_claims.ok("add", text, "--article", "1")
    db_claims.ok("retract", "3", "--note", "wrong country", "--date", "2026-11-02")
    out = db_claims.ok(
        "article", "retract", "1", "--note", "RBC withdrew the headline", "--date", "2026-11-03"
    )
    assert out == "Retracted article 1 on 2026-11-03, and claims 1, 2.\n"
    claims = json.loads(db_claims.ok("list", "--json"))
    assert [(c["id"], c["retracted_on"], c["retraction_note"]) for c in claims] == [
        (1, "2026-11-03", "RBC withdrew the headline"),
        (2, "2026-11-03", "RBC withdrew the headline"),
        (3, "2026-11-02", "wrong country"),
    ]
    history = json.loads(db_claims.ok("show", "1", "--json"))["history"]
    assert [(h["change"], h["note"]) for h in history] == [("retract", "RBC withdrew the headline")]
    shown = db_claims.ok("show", "3").splitlines()
    assert (
        "  Article:     1, with claims 1 and 2; retracted 2026-11-03 (claims article show 1)"
        in shown
    )
    again = db_claims("article", "retract", "1", "--note", "again")
    assert (again.exit_code, again.output) == (
        1,
        "Error: article 1 is already retracted (on 2026-11-03)\n",
    )
    late = db_claims("add", "Later", "--article", "1")
    assert late.output == (
        "Error: article 1 is retracted (on 2026-11-03); record the claim in another article\n"
    )


def test_a_retraction_dated_before_the_article_changes_nothing(claims: Claims) -> None:
    rbc_article(claims)
    claims.ok("add", "Spain", "--article", "1")
    result = claims("article", "retract", "1", "--note", "x", "--date", "2026-10-01")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for '--date': '2026-10-01' is before the claim was published "
        "(2026-11-01)"
    )
    assert json.loads(claims.ok("show", "1", "--json"))["retracted"] is False


def test_articles_survive_the_json_round_trip(claims: Claims, tmp_path: Path) -> None:
    rbc_article(claims)
    claims.ok("article", "add", "--outlet", "Korea Times", "--date", "2026-11-01",
              "--headline", "No claims recorded from it yet")  # fmt: skip
    claims.ok("add", "Spain", "--article", "1", "--source", "outlet:Korea Times")
    claims.ok("article", "retract", "1", "--note", "withdrawn", "--date", "2026-11-03")
    claims.ok("export", "-o", "backup.json")
    document = json.loads((tmp_path / "backup.json").read_text())
    assert [(a["id"], a["byline"], a["retracted_on"]) for a in document["articles"]] == [
        (1, "Ivan Petrov", "2026-11-03"),
        (2, None, None),
    ]
    other = Claims(str(tmp_path / "other.db"))
    other.ok("import", "backup.json")
    other.ok("export", "-o", "again.json")
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "backup.json").read_bytes()


# --- article files -----------------------------------------------------------------------

SAMPLE = Path(__file__).resolve().parent.parent / "docs" / "samples" / "rbc-article.toml"

ARTICLE = """\
[article]
outlet = "Korea Times"
date = "1 November 2026"
url = "https://www.koreatimes.co.kr/madrid"
headline = "North Korea to close its Madrid embassy"

[[claims]]
text = "North Korea has decided to close its Madrid embassy for good."
sources = ["document:DPRK decision to close the Madrid embassy"]
subject = "DPRK embassy in Spain"
predicate = "status"
value = "closed"
confidence = "probably-true"

[[claims]]
text = "The embassy's staff have left Madrid."
sources = [{kind = "person", name = "Ryu Hyun Woo", role = "former diplomat"}]
confidence = 3
"""


def test_the_reference_article_is_recorded_from_one_file(db_claims: Claims) -> None:
    out = db_claims.ok("import", str(SAMPLE))
    assert out.splitlines()[0] == f"Imported 19 claims from {SAMPLE}."
    [article] = json.loads(db_claims.ok("article", "list", "--json"))
    assert (article["outlet"], article["date"], len(article["claims"])) == ("RBC", "2026-11", 19)
    claims = json.loads(db_claims.ok("list", "--json"))
    assert {(c["outlet"], c["date"], c["headline"], c["article"]) for c in claims} == {
        ("RBC", "2026-11", article["headline"], 1)
    }
    outlets = {o["name"]: o for o in json.loads(db_claims.ok("outlet", "list", "--json"))}
    assert (outlets["RBC"]["kind"], outlets["RBC"]["reliability"]) == ("online", "C")
    # The same file again adds nothing.
    assert db_claims.ok("import", str(SAMPLE)).startswith("Nothing new: all 19 claims in ")


def test_an_article_file_keeps_its_byline_and_the_claims_inherit(
    claims: Claims, tmp_path: Path
) -> None:
    (tmp_path / "kt.toml").write_text(
        ARTICLE.replace('"\n\n[[claims]]', '"\nbyline = "Kim"\n\n[[claims]]', 1)
    )
    claims.ok("import", "kt.toml")
    article = json.loads(claims.ok("article", "show", "1", "--json"))
    assert (article["byline"], article["claims"]) == ("Kim", [1, 2])
    second = json.loads(claims.ok("show", "2", "--json"))
    assert (second["url"], second["sources"]) == (
        "https://www.koreatimes.co.kr/madrid",
        [{"kind": "person", "name": "Ryu Hyun Woo", "role": "former diplomat"}],
    )


def test_a_claim_contradicting_its_article_is_one_line_at_its_key(
    claims: Claims, tmp_path: Path
) -> None:
    bad = ARTICLE.replace("confidence = 3\n", 'confidence = 3\noutlet = "RBC"\n')
    (tmp_path / "kt.toml").write_text(bad)
    result = claims("import", "kt.toml")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "kt.toml:19: outlet: 'RBC' is not the article's outlet (Korea Times)",
        "Error: 1 problem in kt.toml; nothing was imported. Fix it, or import the good "
        "records with --on-error skip --rejects FILE.",
    ]
    assert json.loads(claims.ok("list", "--json")) == []


def test_a_bad_value_points_at_its_key_and_a_syntax_error_at_its_line(
    claims: Claims, tmp_path: Path
) -> None:
    (tmp_path / "a.toml").write_text(
        ARTICLE.replace('confidence = "probably-true"', 'confidence = "likely"').replace(
            'date = "1 November 2026"', 'date = "someday"'
        )
    )
    (tmp_path / "b.toml").write_text('[article]\noutlet = "RBC"\ndate = 2026-11-01\n\n[[claims]\n')
    result = claims("import", "a.toml", "b.toml")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "a.toml:3: date: 'someday' is not a date I can read; write e.g. 2026-11-01, "
        "1 November 2026, Nov 1, 2026, November 2026, 2026 or mid-October 2026",
        "a.toml:13: confidence: 'likely' is not a credibility level; use 1-6 or one of: "
        "confirmed, probably-true, possibly-true, doubtful, improbable, cannot-be-judged",
        "b.toml:5: toml: Expected ']]' at the end of an array declaration",
        "Error: 3 problems in a.toml, b.toml; nothing was imported. Fix them, or import "
        "the good records with --on-error skip --rejects FILE.",
    ]
    assert json.loads(claims.ok("list", "--json")) == []


def test_several_article_files_are_recorded_all_or_nothing(
    db_claims: Claims, tmp_path: Path
) -> None:
    (tmp_path / "kt.toml").write_text(ARTICLE)
    (tmp_path / "bad.toml").write_text(
        ARTICLE.replace("Korea Times", "").replace("koreatimes", "x")
    )
    result = db_claims("import", "kt.toml", "bad.toml")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "bad.toml:2: outlet: '' is empty"
    assert json.loads(db_claims.ok("article", "list", "--json")) == []
    out = db_claims.ok("import", "kt.toml", str(SAMPLE))
    assert out.splitlines()[0] == f"Imported 21 claims from kt.toml, {SAMPLE}."
    assert len(json.loads(db_claims.ok("article", "list", "--json"))) == 2


# --- at the keyboard -------------------------------------------------------------------


def test_add_at_a_terminal_asks_for_the_outlet_and_date(
    claims: Claims, monkeypatch: pytest.MonkeyPatch
) -> None:
    claims.ok("outlet", "add", "Korea Times")
    monkeypatch.setattr("claims.cli.record.on_terminal", lambda: True)
    result = claims("add", "The embassy closes", "--json", input="korea times\n1 Nov 2026\n")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output[result.output.index("{") :])
    assert (record["outlet"], record["date"], record["article"]) == (
        "Korea Times",
        "2026-11-01",
        1,
    )


def test_add_in_a_script_fails_as_ever_without_outlet_or_date(claims: Claims) -> None:
    result = claims("add", "The embassy closes", "--date", "2026-11-01", input="RBC\n")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "Error: Missing option '--outlet'."


def test_outlet_and_source_names_complete_from_the_record(
    claims: Claims, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from click.shell_completion import ShellComplete

    from claims.cli import cli

    claims.ok("outlet", "add", "Korea Times")
    claims.ok("outlet", "add", "KCNA")
    claims.ok("add", "x", "--outlet", "KCNA", "--date", "2026-11-01", "--source", "person:Kim")

    def complete(*args: str) -> list[str]:
        shell = ShellComplete(cli, {}, "claims", "_CLAIMS_COMPLETE")
        return [item.value for item in shell.get_completions(list(args[:-1]), args[-1])]

    assert complete("add", "x", "--outlet", "k") == ["KCNA", "Korea Times"]
    assert complete("add", "x", "--source", "") == [
        "outlet:KCNA",
        "outlet:Korea Times",
        "person:Kim",
    ]
    assert complete("article", "add", "--outlet", "kor") == ["Korea Times"]
    assert "article" in complete("ar")
    # No database there: nothing offered, and none created.
    assert complete("--db", str(tmp_path / "none.db"), "add", "x", "--outlet", "") == []
    assert not (tmp_path / "none.db").exists()


def test_every_export_names_each_claims_article(claims: Claims) -> None:
    rbc_article(claims)
    claims.ok("add", "Spain", "--article", "1")
    line = json.loads(claims.ok("export", "--format", "jsonl"))
    assert line["article"] == 1
    rows = claims.ok("export", "--format", "csv").splitlines()
    header = rows[0].split(",")
    assert rows[1].split(",")[header.index("article")] == "1"
    assert "claims:article=1])" in claims.ok("export", "--format", "prov-n")

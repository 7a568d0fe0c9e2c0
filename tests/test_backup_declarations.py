"""A backup carries who speaks for whom, parties to a subject and the log of changes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Claims
from tests.test_cli_interop import write

DOCUMENT = ["format", "version", "outlets", "sources", "articles", "aliases", "predicates"]


def declared(claims: Claims) -> dict[str, Any]:
    """Everything the three sections stand for, as the listings print it."""
    return {
        "links": json.loads(claims.ok("source", "links", "--json")),
        "links removed": json.loads(claims.ok("source", "links", "--removed", "--json")),
        "parties": json.loads(claims.ok("party", "list", "--json")),
        "parties removed": json.loads(claims.ok("party", "list", "--removed", "--json")),
        "aliases removed": json.loads(claims.ok("alias", "list", "--removed", "--json")),
        "changes": json.loads(claims.ok("changes", "--json")),
    }


@pytest.fixture
def story(claims: Claims, tmp_path: Path) -> Claims:
    """The reference story with links, parties and every kind of change on record."""
    claims.ok("demo")
    (tmp_path / "report.html").unlink()
    link = ["source", "link", "--by", "desk"]
    claims.ok(*link, "person:Jane Roe", "--for", "official:Ministry of Unification")
    claims.ok(
        *link, "official:Ministry of Unification", "--for", "official:South Korean authorities"
    )
    claims.ok(*link, "person:Ryu Hyun Woo", "--for", "official:Ministry of Unification")
    claims.ok("source", "unlink", "person:Ryu Hyun Woo", "--by", "editor")
    claims.ok("party", "add", "DPRK embassy in Spain", "official:DPRK Embassy in Spain")
    claims.ok("party", "add", "DPRK embassy in Uganda", "outlet:KCNA")
    claims.ok("party", "remove", "DPRK embassy in Uganda", "outlet:KCNA", "--by", "editor")
    claims.ok("party", "add", "DPRK embassy in Uganda", "person:Yoweri Kaguta Museveni")
    claims.ok("outlet", "set", "KCNA", "--reliability", "E")
    claims.ok(
        "source",
        "add",
        "Ryu Hyun Woo",
        "--kind",
        "person",
        "--role",
        "former diplomat",
        "--replace",
    )
    claims.ok("alias", "add", "Madrid embassy", "DPRK embassy in Spain")
    claims.ok("alias", "remove", "Madrid embassy", "DPRK embassy in Spain")
    return claims


def test_links_parties_and_changes_survive_a_backup_on_each_backend(
    story: Claims, db_claims: Claims, tmp_path: Path
) -> None:
    story.ok("export", "-o", "backup.json")
    document = json.loads((tmp_path / "backup.json").read_text())
    assert list(document) == [*DOCUMENT, "links", "parties", "changes", "claims"]
    assert [(x["source"], x["speaks_for"], x["created_by"]) for x in document["links"]] == [
        ("person:Jane Roe", "official:Ministry of Unification", "desk"),
        ("official:Ministry of Unification", "official:South Korean authorities", "desk"),
    ]
    assert [c["kind"] for c in document["changes"]] == [
        "link removed",
        "party removed",
        "outlet changed",
        "source changed",
        "alias removed",
    ]
    out = db_claims.ok("import", "backup.json")
    assert (
        "Sources speaking for others: 2.\nParties to a subject declared: 2.\n"
        "Changes kept in the log: 5.\n"
    ) in out
    db_claims.ok("export", "-o", "again.json")
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "backup.json").read_bytes()
    assert declared(db_claims) == declared(story)
    # The links are followed by cross-referencing as before: one principal, two speakers.
    assert db_claims.ok("xref") == story.ok("xref")
    # Again: all on record already, nothing added, nothing counted.
    summary = json.loads(db_claims.ok("import", "backup.json", "--json"))
    assert (summary["links"], summary["parties"], summary["changes"]) == (0, 0, 0)
    assert declared(db_claims) == declared(story)


def test_a_record_without_them_exports_as_before(claims: Claims, tmp_path: Path) -> None:
    claims.ok("demo")
    document = json.loads(claims.ok("export"))
    assert list(document) == [*DOCUMENT, "claims"]


def test_a_link_to_a_source_never_cited_is_restored_as_declared(
    claims: Claims, tmp_path: Path
) -> None:
    # claims source link declares by name; no source is created for it, by either way in.
    claims.ok("source", "link", "person:Jane Roe", "--for", "official:Ministry of Defence")
    claims.ok("export", "-o", "backup.json")
    fresh = Claims(str(tmp_path / "fresh.db"))
    assert "New sources" not in fresh.ok("import", "backup.json")
    assert fresh.ok("source", "list", "--json") == "[]\n"
    assert declared(fresh) == declared(claims)
    fresh.ok("export", "-o", "again.json")
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "backup.json").read_bytes()


def document(**sections: list[Any]) -> str:
    """A claims document, one entry a line, so that each entry has a line of its own."""
    parts = ['{"format": "claims", "version": 1']
    for name, entries in sections.items():
        lines = ",\n".join(json.dumps(entry) for entry in entries)
        parts.append(f'"{name}": [\n{lines}\n]')
    return ",\n".join(parts) + "}\n"


GOOD_LINK = {"source": "person:Jane Roe", "speaks_for": "official:Ministry of Defence"}
GOOD_PARTY = {"subject": "Strike on the convoy", "party": "official:Government of A"}
GOOD_CHANGE = {
    "kind": "outlet changed",
    "was": {"name": "RBC", "kind": "online", "country": "RU", "reliability": "C"},
    "changed_at": "2026-11-27T17:52:03Z",
    "changed_by": "desk",
}
BAD = document(
    links=[
        GOOD_LINK,  # line 3
        {"source": "Jane Roe", "speaks_for": "official:Ministry of Defence"},
        {"source": "person:Ann Lee", "speaks_for": "person:ann  lee"},
        {"speaks_for": "official:Ministry of Defence", "created_at": "yesterday"},
        # A circle, through the first link.
        {"source": "official:Ministry of Defence", "speaks_for": "person:Jane Roe"},
    ],
    parties=[
        GOOD_PARTY,  # line 10
        {"subject": "  ", "party": "official:Government of A"},
        {"subject": "Strike on the convoy", "party": "government:A", "created_by": 7},
    ],
    changes=[
        GOOD_CHANGE,  # line 15
        GOOD_CHANGE | {"kind": "undo"},
        GOOD_CHANGE | {"was": {"name": "RBC", "kind": "online", "country": 7}},
        {"kind": "link removed", "was": "gone", "changed_by": "desk"},
    ],
)
PROBLEMS = [
    "bad.json:4: source: 'Jane Roe' is not KIND:NAME (KIND one of "
    "person, official, document, organization, anonymous, outlet)",
    "bad.json:5: speaks_for: 'person:ann  lee' is person:Ann Lee itself",
    "bad.json:6: source: is missing",
    "bad.json:6: created_at: 'yesterday' is not a time like 2026-11-27T17:52:03Z",
    "bad.json:7: speaks_for: 'person:Jane Roe' already speaks for "
    "official:Ministry of Defence, through links",
    "bad.json:11: subject: '' has no letters or digits",
    "bad.json:12: party: 'government:A' has unknown kind 'government'; use one of "
    "person, official, document, organization, anonymous, outlet",
    "bad.json:12: created_by: 7 is not text",
    "bad.json:16: kind: 'undo' is not a kind of change (alias removed, outlet changed, "
    "source changed, link removed, party removed)",
    "bad.json:17: was.country: 7 is not text",
    "bad.json:17: was.reliability: is missing",
    "bad.json:18: was: 'gone' is not the record as it was (an object)",
    "bad.json:18: changed_at: is missing",
]


def test_bad_entries_are_named_and_nothing_is_written(claims: Claims, tmp_path: Path) -> None:
    result = claims("import", write(tmp_path, "bad.json", BAD))
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == PROBLEMS
    assert result.output.splitlines()[-1].startswith("Error: 13 problems in bad.json;")
    assert declared(Claims()) == {
        "links": [],
        "links removed": [],
        "parties": [],
        "parties removed": [],
        "aliases removed": [],
        "changes": [],
    }


def test_bad_entries_are_set_aside_with_on_error_skip(claims: Claims, tmp_path: Path) -> None:
    name = write(tmp_path, "bad.json", BAD)
    out = claims.ok("import", name, "--on-error", "skip", "--rejects", "rejects.json")
    assert "Sources speaking for others: 1.\n" in out
    assert "Parties to a subject declared: 1.\nChanges kept in the log: 1.\n" in out
    now = declared(claims)
    assert [(x["source"], x["speaks_for"]) for x in now["links"]] == [
        ("person:Jane Roe", "official:Ministry of Defence")
    ]
    assert [(x["subject"], x["party"]) for x in now["parties"]] == [
        ("Strike on the convoy", "official:Government of A")
    ]
    assert [(c["kind"], c["was"], c["changed_by"]) for c in now["changes"]] == [
        ("outlet changed", GOOD_CHANGE["was"], "desk")
    ]
    rejected = json.loads((tmp_path / "rejects.json").read_text())
    assert [len(rejected[s]) for s in ("links", "parties", "changes")] == [4, 2, 3]
    assert rejected["links"][3] == {
        "source": "official:Ministry of Defence",
        "speaks_for": "person:Jane Roe",
    }


def test_a_link_that_differs_from_the_one_on_record_leaves_it_and_says_so(
    claims: Claims, tmp_path: Path
) -> None:
    claims.ok("source", "link", "person:Jane Roe", "--for", "official:Ministry of Justice")
    result = claims("import", write(tmp_path, "links.json", document(links=[GOOD_LINK])))
    assert result.exit_code == 0, result.output
    assert (
        "Note: links.json:3: person:Jane Roe speaks for official:Ministry of Justice on "
        "record; the file's official:Ministry of Defence was not applied "
        "(claims source unlink, then link)"
    ) in result.output
    links = json.loads(claims.ok("source", "links", "--json"))
    assert [x["speaks_for"] for x in links] == ["official:Ministry of Justice"]


def test_a_narrowed_export_carries_the_links_and_parties_in_scope_and_no_log(
    story: Claims,
) -> None:
    narrowed = json.loads(story.ok("export", "--subject", "DPRK embassy in Uganda"))
    assert [(p["subject"], p["party"]) for p in narrowed["parties"]] == [
        ("DPRK embassy in Uganda", "person:Yoweri Kaguta Museveni")
    ]
    assert "changes" not in narrowed
    cited = {s["kind"] + ":" + s["name"] for s in narrowed["sources"]}
    assert "official:Ministry of Unification" not in cited
    assert "links" not in narrowed
    # These claims cite the Ministry: its speaker's link, and its own up the chain.
    closures = json.loads(story.ok("export", "--subject", "DPRK diplomatic mission closures"))
    assert [(x["source"], x["speaks_for"]) for x in closures["links"]] == [
        ("person:Jane Roe", "official:Ministry of Unification"),
        ("official:Ministry of Unification", "official:South Korean authorities"),
    ]
    assert "parties" not in closures and "changes" not in closures
    # A party declared under an alias of the subject in scope comes along.
    story.ok("alias", "add", "Kampala embassy", "DPRK embassy in Uganda")
    story.ok("party", "add", "Kampala embassy", "official:Government of Uganda")
    again = json.loads(story.ok("export", "--subject", "DPRK embassy in Uganda"))
    assert [p["party"] for p in again["parties"]] == [
        "person:Yoweri Kaguta Museveni",
        "official:Government of Uganda",
    ]

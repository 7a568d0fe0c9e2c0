"""claims.interop as a library: reading, checking, bulk writing, PROV and memory."""

from __future__ import annotations

import dataclasses
import io
import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from prov.model import ProvDocument
from sqlalchemy import select, text

from claims import demo, store
from claims.drafts import make_draft, make_proposition
from claims.interop.csvsafe import join_sources, neutralise, restore, split_sources
from claims.interop.importer import ImportFailed, import_files, import_records
from claims.interop.prov import provn_string
from claims.interop.readers import InputFile, sniff_format
from claims.interop.records import fold, quick_name_key
from claims.jsontext import indented
from claims.parsing import name_key, normalize_text
from claims.store.db import Database
from claims.store.models import Claim, ClaimSource
from tests.conftest import Claims

OpenDb = Callable[[str], Database]


# --- the fast paths give the same answers -------------------------------------------------


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_fold_is_normalize_text(text: str) -> None:
    assert fold(text) == normalize_text(text)


@given(st.text())
def test_fold_is_normalize_text_for_any_text(text: str) -> None:
    assert fold(text) == normalize_text(text)


@given(st.text(alphabet=st.characters(max_codepoint=127), min_size=1))
def test_quick_name_key_is_name_key(name: str) -> None:
    try:
        expected = name_key(name)
    except Exception as exc:  # noqa: BLE001 - both must refuse alike
        with pytest.raises(type(exc)):
            quick_name_key(name)
    else:
        assert quick_name_key(name) == expected


def test_a_claim_with_its_proposition_is_built_as_make_draft_builds_it() -> None:
    """The import checks a record with a problem part by part, its proposition with
    make_proposition and the rest with make_draft: together they must be make_draft."""
    fields = {"text": "Embassy closed", "outlet": "KCNA", "date": "2026-10-30"}
    parts = {"subject": " embassy  in Uganda", "predicate": "status", "value": "closed"}
    whole = make_draft(**fields, **parts, as_of="October 2026", stance="Denies")
    proposition = make_proposition(**parts, as_of="October 2026", stance="Denies")
    assert proposition == whole.proposition
    assert dataclasses.replace(make_draft(**fields), proposition=proposition) == whole


@given(st.text() | st.text(" =+-@'\t\rx"))
def test_csv_neutralising_round_trips(cell: str) -> None:
    safe = neutralise(cell)
    # Nor once a spreadsheet trims the spaces before it.
    assert not safe.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restore(safe) == cell


# A source as a claim names it: KIND:NAME, the name without spaces at either end.
_SOURCES = st.lists(
    st.text(min_size=1)
    .map(lambda name: " ".join(name.split()))
    .filter(bool)
    .map(lambda name: f"person:{name}")
)


@given(_SOURCES)
def test_a_cell_of_sources_round_trips_whatever_their_names_hold(sources: list[str]) -> None:
    assert split_sources(join_sources(sources)) == sources


# --- reading ---------------------------------------------------------------------------------


def records(data: str, fmt: str) -> list[tuple[int, str, object]]:
    source = InputFile("f", io.BytesIO(data.encode()), fmt)
    return [(r.line, r.section, r.fields or r.error) for r in source.records()]


def test_json_is_read_record_by_record_with_the_line_each_starts_on() -> None:
    document = json.dumps(
        {"format": "claims", "version": 1, "outlets": [{"name": "RBC"}], "claims": [{"a": 1}]},
        indent=2,
    )
    assert records(document, "json") == [
        (5, "outlets", {"name": "RBC"}),
        (10, "claims", {"a": 1}),
    ]
    assert records('[{"a": 1},\n\n {"b": "]"}]', "json") == [
        (1, "claims", {"a": 1}),
        (3, "claims", {"b": "]"}),
    ]
    assert records('{"text": "one claim"}', "json") == [(1, "claims", {"text": "one claim"})]
    assert records('[{"a": 1}, 2', "json")[1] == (
        1,
        "claims",
        ("json", "a record must be an object, not int"),
    )
    assert records('{"format": "other"}', "json") == [
        (1, "claims", ("json", "format 'other' is not a claims document"))
    ]


_PLAIN_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10,
)


@given(st.dictionaries(st.text(), _PLAIN_VALUES, max_size=6))
def test_a_document_entry_is_written_as_json_writes_it(item: dict[str, object]) -> None:
    assert indented(item) == json.dumps(item, indent=2, ensure_ascii=False)


_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()  # beyond 64 bits too, which only json keeps whole
    | st.floats()  # NaN and infinities too, which json writes and reads back
    | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@given(st.dictionaries(st.text(), _JSON_VALUES, max_size=6))
def test_json_lines_read_as_json_reads_them(fields: dict[str, object]) -> None:
    line = json.dumps(fields)
    assert records(line, "jsonl") == [(1, "claims", json.loads(line) or None)]


@pytest.mark.parametrize(
    "line",
    [
        '{"text": "\\ud800"}',  # a lone surrogate: a field check names it, not the reader
        '{"value": 123456789012345678901234567890}',
        '{"value": 1e400, "confidence": NaN}',
        '{"text": "a",}',
        '{"text": "a"',
        "[1, 2]",
        '{"sources": ["person:A", {"kind": "document", "name": "B"}]}',
    ],
)
def test_json_lines_that_are_not_plain_read_as_json_reads_them(line: str) -> None:
    try:
        expected: object = json.loads(line)
    except json.JSONDecodeError as exc:
        expected = ("json", f"{exc.msg} (column {exc.colno})")
    else:
        if not isinstance(expected, dict):
            expected = ("json", "a record must be an object, not list")
    assert records(line, "jsonl") == [(1, "claims", expected)]


def test_a_json_line_cut_short_is_placed_on_the_line_not_past_its_end() -> None:
    cut = '{"text": "b", "outlet": "O", "date": '
    for end in ("\n", "\r\n"):
        assert records('{"text": "a"}\n' + cut + end, "jsonl")[1] == (
            2,
            "claims",
            ("json", f"Expecting value (column {len(cut) + 1})"),
        )


def test_blank_lines_before_a_csv_header_are_passed_over() -> None:
    assert records("\n\n", "csv") == []  # nothing to read: no header to complain of
    assert records("\r\n\ntext,outlet,date\nx,RBC,2026\n", "csv") == [
        (4, "claims", {"text": "x", "outlet": "RBC", "date": "2026"})
    ]


def test_a_long_json_file_is_read_in_pieces() -> None:
    many = [{"text": "x" * 1000, "n": i} for i in range(300)]  # ~300 KB: several pieces
    read = records(json.dumps(many, indent=1), "json")
    assert [fields for _, _, fields in read] == many
    assert [line for line, _, _ in read][:2] == [2, 6]


def test_csv_rows_keep_their_text_and_first_line() -> None:
    data = (
        '\ufefftext,As of,Source,Outlet,Date\r\n"two\r\nlines",2026,person:A,RBC,2026\r\n'
        "\r\nx,,\r\n"
    )
    source = InputFile("f", io.BytesIO(data.encode()), "csv")
    read = list(source.records())
    assert source.header == "text,As of,Source,Outlet,Date\r\n"
    two = {"text": "two\r\nlines", "as_of": "2026", "sources": "person:A"}
    assert [(r.line, r.raw, r.fields) for r in read] == [
        (2, '"two\r\nlines",2026,person:A,RBC,2026\r\n', {**two, "outlet": "RBC", "date": "2026"}),
        (5, "x,,\r\n", {"text": "x", "as_of": None, "sources": None}),
    ]


def test_standard_input_is_recognised_by_how_it_starts() -> None:
    assert sniff_format(b'  [{"text": 1}]') == "json"
    assert sniff_format(b'{"text": "a"}\n{"text": "b"}\n') == "jsonl"
    assert sniff_format(b'{\n  "format": "claims"') == "json"
    assert sniff_format(b'{"format": "claims", "claims": []}') == "json"
    assert sniff_format(b"text,outlet,date\n") == "csv"


# --- writing -------------------------------------------------------------------------------------


def test_bulk_rows_are_the_rows_claims_add_writes(
    db_url: str, open_db: OpenDb, tmp_path: Path
) -> None:
    """Every column of every claim of the reference story, imported or added one by one."""
    data = demo.story()
    with open_db(db_url).session(write=True) as session:  # one by one, as claims add does
        for o in data["outlets"]:
            store.add_outlet(
                session,
                o["name"],
                kind=o["kind"],
                country=o.get("country"),
                reliability=o.get("reliability", "F"),
                by=demo.DEMO_BY,
            )
        for s in data["sources"]:
            store.record_source(
                session,
                s["kind"],
                s["name"],
                role=s.get("role"),
                reliability=s.get("reliability"),
                by=demo.DEMO_BY,
            )
        for a in data["aliases"]:
            store.add_alias(session, a["subject"], a["other"], by=demo.DEMO_BY)
        for p in data["predicates"]:
            store.set_predicate(session, p["name"], multi_valued=p["multi_valued"], by=demo.DEMO_BY)
        for c in data["claims"]:
            store.add_claim(session, make_draft(**c), by=demo.DEMO_BY)
    (tmp_path / "story.json").write_bytes(demo.story_bytes())
    other = str(tmp_path / "imported.db")
    Claims(other).ok("import", "story.json", "--by", demo.DEMO_BY)

    def rows(target: str) -> list[tuple[object, ...]]:
        with open_db(target).session() as session:
            claims = session.execute(select(Claim.__table__).order_by(Claim.id))
            links = session.execute(
                select(ClaimSource.__table__).order_by(ClaimSource.claim_id, ClaimSource.position)
            )
            # Up to recorded_at, and the article: the time of recording differs.
            return [row[:-8] + row[-1:] for row in claims] + list(links)

    assert rows(other) == rows(db_url)
    names = [c.name for c in Claim.__table__.columns]
    assert (names[-8], names[-1]) == ("recorded_at", "article_id")


def _feed(path: Path, n: int) -> None:
    """n claims about a bounded set of things: what grows with n is only the claims."""
    with path.open("w") as out:
        for i in range(n):
            record = {
                "text": f"Claim number {i} about the fire",
                "outlet": f"Outlet {i % 20}",
                "date": f"2026-10-{i % 28 + 1:02d}",
                "sources": [f"person:Witness {i % 50}"],
                "subject": f"fire in district {i % 100}",
                "predicate": "injured",
                "value": f"about {i % 60}",
            }
            out.write(json.dumps(record) + "\n")


def test_memory_stays_flat_however_long_the_file(open_db: OpenDb, tmp_path: Path) -> None:
    peaks = []
    for n in (3_000, 12_000):
        path = tmp_path / f"feed-{n}.jsonl"
        _feed(path, n)
        database = open_db(str(tmp_path / f"flat-{n}.db"))
        with database.session(write=True) as session, path.open("rb") as stream:
            tracemalloc.start()
            summary = import_records(
                session, [InputFile(path.name, stream, "jsonl")], by="t", chunk=500
            )
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        assert summary.added == n
    # Four times the claims, about the same memory (the chunk being written, the caches):
    assert peaks[1] < peaks[0] * 1.5, peaks  # were it to grow with the file: 4 times


def test_a_failed_import_writes_nothing(open_db: OpenDb, tmp_path: Path) -> None:
    database = open_db(str(tmp_path / "t.db"))
    data = b'{"text": "a", "outlet": "RBC", "date": "2026"}\n{"text": "b"}\n'
    with pytest.raises(ImportFailed) as failed:
        import_files(database, [InputFile("f", io.BytesIO(data), "jsonl")], by="t")
    summary = failed.value.summary
    assert summary.failed and not summary.written
    assert [str(p) for p in summary.problems] == [
        "f:2: outlet: '' is empty",
        "f:2: date: '' is empty",
    ]
    with database.session() as session:
        assert session.execute(text("SELECT count(*) FROM outlets")).scalar() == 0
    # A dry run reports what would be written, and writes nothing either.
    good = io.BytesIO(data.splitlines()[0])
    summary = import_files(database, [InputFile("f", good, "jsonl")], by="t", dry_run=True)
    assert (summary.added, summary.new_outlets, summary.written) == (1, ["RBC"], False)
    with database.session() as session:
        assert session.execute(text("SELECT count(*) FROM claims")).scalar() == 0


# --- PROV ------------------------------------------------------------------------------


@pytest.fixture
def story(claims: Claims, tmp_path: Path) -> Claims:
    claims.ok("demo")
    claims.ok("edit", "1", "--confidence", "1", "--note", "confirmed since")
    claims.ok("retract", "5", "--note", "KCNA took it down", "--date", "2026-11-03")
    return claims


def _load(claims: Claims, fmt: str, *scope: str) -> ProvDocument:
    exported = claims.ok("export", "--format", fmt, *scope)
    document = ProvDocument.deserialize(
        content=exported, format="provn" if fmt == "prov-n" else "json"
    )
    return document.unified()


def _relations(document: ProvDocument, kind: str) -> set[tuple[str, ...]]:
    found = set()
    for record in document.get_records():
        if record.get_type().localpart != kind:
            continue
        args = tuple(
            str(v.localpart) if hasattr(v, "localpart") else str(v)
            for _, v in record.formal_attributes
            if v is not None
        )
        types = tuple(str(t.localpart) for t in record.get_asserted_types())
        found.add(args[:2] + types)
    return found


@pytest.mark.parametrize("fmt", ["prov-json", "claimreview", "json"])
def test_documents_written_in_pieces_read_as_json_writes_them(story: Claims, fmt: str) -> None:
    # Written statement by statement, review by review, claim by claim: the whole is
    # what json.dumps(indent=2) writes of it.
    exported = story.ok("export", "--format", fmt)
    assert exported == json.dumps(json.loads(exported), indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("fmt", ["prov-json", "prov-n"])
def test_prov_tells_the_reference_story_chain(story: Claims, fmt: str) -> None:
    document = _load(story, fmt)
    rbc = next(
        c["id"]
        for c in json.loads(story.ok("list", "--json", "--outlet", "RBC"))
        if c["subject"] == "DPRK embassy in Spain" and c["value"] == "closed"
    )
    derived = _relations(document, "Derivation")
    # RBC's claim is quoted from Korea Times' (and the Communist Party of Spain's)...
    assert (f"claim-{rbc}", "claim-1", "Quotation") in derived
    assert (f"claim-{rbc}", "claim-8", "Quotation") in derived
    # ... and Korea Times' claim had the document as its primary source.
    assert (
        "claim-1",
        "source-1-dprk-decision-to-close-the-madrid-embass",
        "PrimarySource",
    ) in derived
    # The edit is a revision, the retraction invalidated the claim.
    assert ("claim-1", "claim-1-v1", "Revision") in derived
    assert ("claim-5", "retraction-5") in _relations(document, "Invalidation")
    # The version the retraction replaced is the same text withdrawn, not a revision.
    assert ("claim-5", "claim-5-v1", "Withdrawal") in derived
    assert ("claim-5", "claim-5-v1", "Revision") not in derived
    attributed = _relations(document, "Attribution")
    assert any(a[0] == "claim-5-v1" and a[1].startswith("outlet-") for a in attributed)
    assert ("claim-1", "outlet-2-korea-times") in attributed
    assert ("claim-14", "source-4-ministry-of-unification-official") in attributed
    agents = {
        str(r.identifier.localpart): r
        for r in document.get_records()
        if r.get_type().localpart == "Agent"
    }
    assert (
        str(next(iter(agents["outlet-2-korea-times"].get_asserted_types())).localpart)
        == "Organization"
    )
    assert (
        str(next(iter(agents["source-8-ryu-hyun-woo"].get_asserted_types())).localpart) == "Person"
    )


def test_prov_of_one_outlet_holds_its_claims_and_what_they_quote(story: Claims) -> None:
    def claims_in(document: ProvDocument) -> set[str]:
        return {
            str(r.identifier.localpart)
            for r in document.get_records()
            if r.get_type().localpart == "Entity" and "-v" not in str(r.identifier.localpart)
        }

    kcna = {f"claim-{c['id']}" for c in json.loads(story.ok("list", "--json", "--outlet", "KCNA"))}
    # KCNA quotes no one: its claims alone, not the claims other outlets quote.
    assert claims_in(_load(story, "prov-n", "--outlet", "KCNA")) == kcna
    rbc = claims_in(_load(story, "prov-n", "--outlet", "RBC"))
    assert {"claim-1", "claim-8"} <= rbc  # Korea Times' and the party's, which RBC quotes


@pytest.mark.parametrize("fmt", ["prov-json", "prov-n"])
def test_prov_says_who_speaks_for_whom(claims: Claims, fmt: str) -> None:
    claims.ok("outlet", "add", "Yonhap")
    claims.ok("outlet", "add", "KCNA")
    claims.ok("source", "add", "South Korean government", "--kind", "organization")
    claims.ok(
        "add", "Missions fall to 49", "--outlet", "Yonhap", "--date", "2026-11-01",
        "--source", "official:Ministry of Unification official",
        "--source", "document:Army statement", "--source", "outlet:KCNA",
    )  # fmt: skip
    for speaker, principal in [
        ("official:Ministry of Unification official", "organization:Ministry of Unification"),
        ("organization:Ministry of Unification", "organization:South Korean government"),
        ("document:Army statement", "organization:Korean People's Army"),
        ("outlet:KCNA", "organization:Workers' Party of Korea"),
        ("person:Ri Son Gwon", "organization:Workers' Party of Korea"),  # cited by no claim
    ]:
        claims.ok("source", "link", speaker, "--for", principal)
    document = _load(claims, fmt)
    # The official acted for the ministry, the ministry for the government (a source on
    # record, cited by no claim), KCNA for the party; the document is the army's.
    assert _relations(document, "Delegation") == {
        (
            "source-2-ministry-of-unification-official",
            "principal-organization-ministry-of-unification",
            "SpeaksFor",
        ),
        (
            "principal-organization-ministry-of-unification",
            "source-1-south-korean-government",
            "SpeaksFor",
        ),
        ("outlet-2-kcna", "principal-organization-workers-party-of-korea", "SpeaksFor"),
    }
    assert (
        "source-3-army-statement",
        "principal-organization-korean-people-s-army",
        "SpeaksFor",
    ) in _relations(document, "Attribution")
    agents = {
        str(r.identifier.localpart)
        for r in document.get_records()
        if r.get_type().localpart == "Agent"
    }
    assert "source-1-south-korean-government" in agents
    assert not any("ri-son-gwon" in a for a in agents)  # not in the document's story


def test_prov_n_escapes_every_string(claims: Claims) -> None:
    nasty = 'She said "no" \\ then\nleft\t(at 10:00) %% xsd:int'
    assert provn_string('a"b\\c\n') == '"a\\"b\\\\c\\n"'
    claims.ok("outlet", "add", 'The "Quoted" \\ Outlet')
    claims.ok(
        "add",
        nasty,
        "--outlet",
        'The "Quoted" \\ Outlet',
        "--date",
        "2026",
        "--url",
        'https://x.example/a?b=1&c="2"',
    )
    for fmt in ("prov-n", "prov-json"):
        document = _load(claims, fmt)
        labels = {
            str(v)
            for r in document.get_records()
            for k, v in r.attributes
            if k.localpart == "label"
        }
        assert nasty in labels and 'The "Quoted" \\ Outlet' in labels

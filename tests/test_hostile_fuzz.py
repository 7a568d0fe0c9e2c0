"""Generated hostile input for `claims import`: records of every shape, CSV and JSON
cut short, nested, binary. Whatever comes, the command ends with its own one-line
errors (exit 1 or 2), never an exception of Python's, and on refusal the database is
as it was, byte for byte of its dump."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Claims

FIELDS = [
    "text", "outlet", "date", "sources", "subject", "predicate", "value", "as_of", "stance",
    "confidence", "url", "headline", "id", "version", "history", "recorded_at",
    "recorded_by", "retracted_on", "retraction_note", "outlet_kind", "outlet_country",
    "outlet_reliability", "updated_at", "retracted",
]  # fmt: skip
PLAUSIBLE: dict[str, list[Any]] = {
    "text": ["Embassy closes", "", " ", "\u200b", "\u0301", "x" * 300],
    "outlet": ["RBC", "Korea Times", "", {"name": "RBC", "kind": "wire"}],
    "date": ["2026-11-01", "31/02/2026", "03/04/2026", "November 2026", "2026", "today"],
    "sources": ["person:A", ["person:A", "document:B"], [{"kind": "person", "name": "A"}]],
    "value": ["about 50", "53", 53, 1e-300, "closed", "1e400"],
    "confidence": [1, 6, 7, "probably-true", "0"],
    "version": [1, 2, 5, 0, -1],
    "id": [1, 2**31 - 1, 2**31],
    "history": [[], [{"version": 1}], "none"],
    "url": ["https://example.org/a", "javascript:alert(1)", "http://"],
}

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats()
    | st.text(max_size=30)
)
JSON_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def field_values(draw: st.DrawFn, name: str) -> Any:
    if name in PLAUSIBLE and draw(st.booleans()):
        return draw(st.sampled_from(PLAUSIBLE[name]))
    return draw(JSON_VALUES)


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(st.lists(st.sampled_from(FIELDS) | st.text(max_size=6), max_size=8))
    record = {"text": "Embassy closes", "outlet": "RBC", "date": "2026-11-01"}
    for name in names:
        record[name] = draw(field_values(name))
    return record


@st.composite
def damaged(draw: st.DrawFn, text: str) -> str:
    """The text, sometimes cut short, spliced with something, or nested deep."""
    how = draw(st.sampled_from(["as is", "as is", "cut", "splice", "deep", "long number"]))
    if how == "cut" and text:
        return text[: draw(st.integers(0, len(text) - 1))]
    if how == "splice":
        at = draw(st.integers(0, len(text)))
        junk = draw(st.sampled_from(['"', "\\", "{", "]", ",", "\x00", "\n", "\r", "\ufeff"]))
        return text[:at] + junk + text[at:]
    if how == "deep":
        depth = draw(st.sampled_from([63, 65, 2000]))
        return text.replace('"Embassy closes"', "[" * depth + "]" * depth, 1)
    if how == "long number":
        number = draw(st.sampled_from(["9" * 5000, "1e-400", "-" + "1" * 4400, "1e400"]))
        return text.replace('"2026-11-01"', number, 1)
    return text


@st.composite
def jsonl_files(draw: st.DrawFn) -> bytes:
    lines = [draw(damaged(json.dumps(r))) for r in draw(st.lists(records(), max_size=4))]
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


@st.composite
def json_files(draw: st.DrawFn) -> bytes:
    items = draw(st.lists(records(), max_size=4))
    shape = draw(st.sampled_from(["list", "document", "object"]))
    if shape == "document":
        data: Any = {"format": "claims", "version": draw(st.sampled_from([1, 2]))}
        data["outlets"] = [draw(JSON_VALUES | st.just({"name": "RBC"}))]
        data["claims"] = items
    else:
        data = items if shape == "list" else (items[0] if items else {})
    text = json.dumps(data, indent=draw(st.sampled_from([None, 1])))
    return draw(damaged(text)).encode("utf-8", "surrogatepass")


def _cell(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    columns = ["text", "outlet", "date"] + draw(
        st.lists(st.sampled_from(FIELDS) | st.text(max_size=6), max_size=5)
    )
    rows = [",".join(_cell(c) for c in columns)]
    for record in draw(st.lists(records(), max_size=4)):
        cells = [_cell(record.get(c, "")) for c in columns]
        cells = cells[: draw(st.integers(0, len(cells) + 1))]  # short rows, and long
        rows.append(",".join(cells + draw(st.lists(st.just("extra"), max_size=1))))
    return draw(damaged("\r\n".join(rows) + "\n")).encode("utf-8", "surrogatepass")


INPUTS = st.one_of(
    st.tuples(st.just("f.jsonl"), jsonl_files()),
    st.tuples(st.just("f.json"), json_files()),
    st.tuples(st.just("f.csv"), csv_files()),
    st.tuples(st.sampled_from(["f.csv", "f.json", "f.jsonl"]), st.binary(max_size=200)),
)


def _dump(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture(scope="module")
def base() -> Iterator[Path]:
    """A database with a claim on record, to be copied for each example."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "base.db"
        desk = Claims(str(db))
        desk.ok("outlet", "add", "RBC")
        desk.ok("add", "Embassy closes", "--outlet", "RBC", "--date", "2026-11-01")
        yield db


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(given_input=INPUTS, skip=st.booleans())
def test_hostile_input_ends_in_a_one_line_error_and_leaves_the_database_as_it_was(
    base: Path, tmp_path: Path, given_input: tuple[str, bytes], skip: bool
) -> None:
    name, data = given_input
    work = Path(tempfile.mkdtemp(dir=tmp_path))
    db = work / "claims.db"
    shutil.copy(base, db)
    (work / name).write_bytes(data)
    before = _dump(db)
    options = ["--on-error", "skip", "--rejects", str(work / ("rejects." + name))] if skip else []
    # catch_exceptions=False: any exception that is not the project's own fails the test.
    result = Claims(str(db))("import", str(work / name), *options)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    if result.exit_code:
        lines = result.output.splitlines()
        assert lines and lines[-1].startswith("Error: "), result.output
        assert all(line.startswith((str(work / name), "Error: ", "  ")) for line in lines), lines
        assert _dump(db) == before

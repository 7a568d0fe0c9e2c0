from __future__ import annotations

import datetime
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.errors import InvalidValue
from claims.parsing import (
    CONFIDENCE,
    RELIABILITY,
    Period,
    Value,
    name_key,
    normalize_text,
    parse_confidence,
    parse_date,
    parse_reliability,
    parse_value,
    today_period,
)

D = datetime.date
UNREADABLE = (
    "is not a date I can read; write e.g. 2026-11-01, 1 November 2026, Nov 1, 2026, "
    "November 2026, 2026 or mid-October 2026"
)
ABOVE_12 = math.nextafter(12, math.inf)
BELOW_5 = math.nextafter(5, -math.inf)
BELOW_25 = math.nextafter(25, -math.inf)

# --------------------------------------------------------------------------- dates

DATES = [
    # text, start, end, precision, part
    ("2026-11-01", D(2026, 11, 1), D(2026, 11, 1), "day", ""),
    ("2026/11/01", D(2026, 11, 1), D(2026, 11, 1), "day", ""),
    ("2026.11.01", D(2026, 11, 1), D(2026, 11, 1), "day", ""),
    ("2026-11", D(2026, 11, 1), D(2026, 11, 30), "month", ""),
    ("2026-02", D(2026, 2, 1), D(2026, 2, 28), "month", ""),
    ("2026", D(2026, 1, 1), D(2026, 12, 31), "year", ""),
    ("1 November 2026", D(2026, 11, 1), D(2026, 11, 1), "day", ""),
    ("1st November 2026", D(2026, 11, 1), D(2026, 11, 1), "day", ""),
    ("Nov 1, 2026", D(2026, 11, 1), D(2026, 11, 1), "day", ""),
    ("November 1 2026", D(2026, 11, 1), D(2026, 11, 1), "day", ""),
    ("November 1st, 2026", D(2026, 11, 1), D(2026, 11, 1), "day", ""),
    ("1 Nov 2026", D(2026, 11, 1), D(2026, 11, 1), "day", ""),
    ("Sunday, 1 November 2026", D(2026, 11, 1), D(2026, 11, 1), "day", ""),
    ("Sun 1 Nov 2026", D(2026, 11, 1), D(2026, 11, 1), "day", ""),
    ("29 Feb 2028", D(2028, 2, 29), D(2028, 2, 29), "day", ""),
    ("  NOV 1, 2026 ", D(2026, 11, 1), D(2026, 11, 1), "day", ""),
    ("November 2026", D(2026, 11, 1), D(2026, 11, 30), "month", ""),
    ("Nov 2026", D(2026, 11, 1), D(2026, 11, 30), "month", ""),
    ("Nov. 2026", D(2026, 11, 1), D(2026, 11, 30), "month", ""),
    ("sept 2026", D(2026, 9, 1), D(2026, 9, 30), "month", ""),
    ("early October 2026", D(2026, 10, 1), D(2026, 10, 10), "month", "early"),
    ("mid October 2026", D(2026, 10, 11), D(2026, 10, 20), "month", "mid"),
    ("mid-October 2026", D(2026, 10, 11), D(2026, 10, 20), "month", "mid"),
    ("late Oct 2026", D(2026, 10, 21), D(2026, 10, 31), "month", "late"),
    ("early 2026-10", D(2026, 10, 1), D(2026, 10, 10), "month", "early"),
    ("LATE 2028-02", D(2028, 2, 21), D(2028, 2, 29), "month", "late"),
    ("late February 2026", D(2026, 2, 21), D(2026, 2, 28), "month", "late"),
    ("13/04/2026", D(2026, 4, 13), D(2026, 4, 13), "day", ""),
    ("04/13/2026", D(2026, 4, 13), D(2026, 4, 13), "day", ""),
    ("13.4.2026", D(2026, 4, 13), D(2026, 4, 13), "day", ""),
    ("05/05/2026", D(2026, 5, 5), D(2026, 5, 5), "day", ""),
    ("31-12-2026", D(2026, 12, 31), D(2026, 12, 31), "day", ""),
]


@pytest.mark.parametrize(("text", "start", "end", "precision", "part"), DATES)
def test_parse_date(
    text: str, start: datetime.date, end: datetime.date, precision: str, part: str
) -> None:
    assert parse_date(text) == Period(start, end, precision, part)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [row[0] for row in DATES])
def test_iso_and_human_read_back(text: str) -> None:
    period = parse_date(text)
    assert parse_date(period.iso()) == period
    assert parse_date(period.human()) == period


@pytest.mark.parametrize(
    ("text", "iso", "human"),
    [
        ("2026-11-01", "2026-11-01", "1 November 2026"),
        ("Oct 2026", "2026-10", "October 2026"),
        ("2026", "2026", "2026"),
        ("early Oct 2026", "early 2026-10", "early October 2026"),
        ("mid Oct 2026", "mid 2026-10", "mid-October 2026"),
        ("late Oct 2026", "late 2026-10", "late October 2026"),
    ],
)
def test_iso_and_human_text(text: str, iso: str, human: str) -> None:
    assert parse_date(text).iso() == iso
    assert parse_date(text).human() == human


def test_relative_days() -> None:
    today = datetime.date.today()
    assert parse_date(" Today ") == Period(today, today, "day") == today_period()
    yesterday = today - datetime.timedelta(days=1)
    assert parse_date("yesterday") == Period(yesterday, yesterday, "day")


@pytest.mark.parametrize(
    ("text", "day_first", "month_first"),
    [
        ("03/04/2026", "3 April 2026", "4 March 2026"),
        ("3.4.2026", "3 April 2026", "4 March 2026"),
        ("03-04-2026", "3 April 2026", "4 March 2026"),
        ("12/1/2026", "12 January 2026", "1 December 2026"),
    ],
)
def test_ambiguous_numeric_date(text: str, day_first: str, month_first: str) -> None:
    with pytest.raises(InvalidValue) as err:
        parse_date(text, field="published")
    first, second = parse_date(day_first), parse_date(month_first)
    assert str(err.value) == (
        f"published: {text!r} is ambiguous: day first it is {day_first}, month first it is "
        f"{month_first}; say which, or write it as {first.iso()} or {second.iso()}"
    )
    assert parse_date(text, dayfirst=True) == first
    assert parse_date(text, dayfirst=False) == second


def test_ambiguous_message_names_both_iso_forms() -> None:
    with pytest.raises(InvalidValue, match=r"2026-04-03 or 2026-03-04$"):
        parse_date("03/04/2026")


@pytest.mark.parametrize("dayfirst", [None, True, False])
def test_only_one_possible_reading_wins_over_dayfirst(dayfirst: bool | None) -> None:
    assert parse_date("13/04/2026", dayfirst=dayfirst).start == D(2026, 4, 13)
    assert parse_date("04/13/2026", dayfirst=dayfirst).start == D(2026, 4, 13)
    assert parse_date("05/05/2026", dayfirst=dayfirst).start == D(2026, 5, 5)


def test_two_digit_year_is_rejected() -> None:
    with pytest.raises(InvalidValue) as err:
        parse_date("03/04/26")
    assert err.value.field == "date"
    assert err.value.reason == (
        "has a two-digit year, so the century is ambiguous; write the year in full, e.g. 2026-04-03"
    )


def test_wrong_weekday_is_rejected() -> None:
    with pytest.raises(InvalidValue) as err:
        parse_date("Monday, 1 November 2026")
    assert err.value.reason == "says Monday but 1 November 2026 is a Sunday"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "next week",
        "2026-13-01",
        "Octember 2026",
        "mid 2026",
        "late 1 November 2026",
        "2026-11-01 10:00",
        "2026-11-01T10:00",
        "1 November 2026 10:00",
        "1 november 2026 utc",
        "Sunday, November 2026",
        "1 2 November 2026",
        "November 2026 2027",
        "0000",
        "20261101",
        "13/13/2026",
        "1/2/02026",
        "about October 2026",
        "October 2026 sometime",
    ],
)
def test_unreadable_dates(text: str) -> None:
    with pytest.raises(InvalidValue) as err:
        parse_date(text, field="when")
    assert str(err.value) == f"when: {text!r} {UNREADABLE}"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("32 October 2026", "is no day of the calendar: that month has no such day"),
        ("2026-02-29", "is no day of the calendar: that month has no such day"),
        ("31/02/2026", "is no day of the calendar: that month has no such day"),
        ("October", "has no year in full; write e.g. 1 November 2026"),
        ("1 November", "has no year in full; write e.g. 1 November 2026"),
        ("Nov 1", "has no year in full; write e.g. 1 November 2026"),
        ("November 26", "has no year in full; write e.g. 1 November 2026"),
        ("mid-October", "has no year in full; write e.g. 1 November 2026"),
    ],
)
def test_dates_that_are_nearly_readable_say_what_is_wrong(text: str, why: str) -> None:
    with pytest.raises(InvalidValue) as err:
        parse_date(text, field="when")
    assert str(err.value) == f"when: {text!r} {why}"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("October 2026", "2026-10-15", True),
        ("mid-October 2026", "2026-10-15", True),
        ("early October 2026", "2026-10-15", False),
        ("2026", "late December 2026", True),
        ("2026-10-31", "2026-11-01", False),
        ("2025", "2026-01-01", False),
    ],
)
def test_period_overlaps(a: str, b: str, expected: bool) -> None:
    assert parse_date(a).overlaps(parse_date(b)) is expected
    assert parse_date(b).overlaps(parse_date(a)) is expected


@given(st.dates())
def test_any_iso_day_reads_as_itself(d: datetime.date) -> None:
    period = parse_date(d.isoformat())
    assert period.start == period.end == d
    assert period.precision == "day"


@st.composite
def periods(draw: st.DrawFn) -> Period:
    d = draw(st.dates(min_value=D(1000, 1, 1)))
    form = draw(st.sampled_from(["day", "month", "year", "early", "mid", "late"]))
    if form == "day":
        text = d.isoformat()
    elif form == "year":
        text = str(d.year)
    else:
        month = d.strftime("%B") + f" {d.year}"
        text = month if form == "month" else f"{form} {month}"
    return parse_date(text)


@given(periods())
def test_iso_round_trip(period: Period) -> None:
    assert parse_date(period.iso()) == period
    assert parse_date(period.human()) == period
    assert period.start <= period.end


@given(st.text(max_size=30))
def test_parse_date_only_raises_invalid_value(text: str) -> None:
    try:
        period = parse_date(text)
    except InvalidValue as err:
        assert err.field == "date"
    else:
        assert period.start <= period.end


# --------------------------------------------------------------------------- values

VALUES = [
    # text, kind, low, high, unit
    ("53", "number", 53, 53, ""),
    ("1,000", "number", 1000, 1000, ""),
    ("1.5", "number", 1.5, 1.5, ""),
    ("1.5 million", "number", 1_500_000, 1_500_000, ""),
    ("3.3 million", "number", 3_300_000, 3_300_000, ""),
    ("2 thousand", "number", 2000, 2000, ""),
    ("5bn", "number", 5e9, 5e9, ""),
    ("a million", "number", 1e6, 1e6, ""),
    ("-5", "number", -5, -5, ""),
    ("\u22125", "number", -5, -5, ""),
    ("2017", "number", 2017, 2017, ""),
    ("about 50", "number", 45, 55, ""),
    ("around 50", "number", 45, 55, ""),
    ("approximately 50", "number", 45, 55, ""),
    ("roughly 50", "number", 45, 55, ""),
    ("some 50", "number", 45, 55, ""),
    ("~50", "number", 45, 55, ""),
    ("circa 50", "number", 45, 55, ""),
    ("c. 50", "number", 45, 55, ""),
    ("an estimated 50", "number", 45, 55, ""),
    # "Almost 25%" is read as "25%" rounded down in the telling: 25 itself included.
    ("nearly 25", "number", 22.5, 25, ""),
    ("almost 25", "number", 22.5, 25, ""),
    ("almost 25%", "number", 22.5, 25, "%"),
    ("just over 500", "number", 500, 550, ""),
    # Numbers in words and the forms news copy writes them in.
    ("fifty-three", "number", 53, 53, ""),
    ("fifty three dead", "number", 53, 53, "dead"),
    ("Twenty-one", "number", 21, 21, ""),
    ("ninety", "number", 90, 90, ""),
    ("several hundred", "number", 300, 999, ""),
    ("a few dozen", "number", 24, 71, ""),
    ("several", "number", 3, 9, ""),
    ("a few thousand people", "number", 2000, 5999, "people"),
    ("$1.5m", "number", 1_500_000, 1_500_000, "dollars"),
    ("$1.5 million", "number", 1_500_000, 1_500_000, "dollars"),
    ("about €2bn", "number", 1.8e9, 2.2e9, "euros"),
    ("1.5 million dollars", "number", 1_500_000, 1_500_000, "dollars"),
    ("10 or 12", "number", 10, 12, ""),
    ("10 or 12 bodies", "number", 10, 12, "bodies"),
    ("at least 500", "number", 500, None, ""),
    ("50-55", "number", 50, 55, ""),
    ("50\u201355", "number", 50, 55, ""),
    ("50 to 55", "number", 50, 55, ""),
    ("between 50 and 55", "number", 50, 55, ""),
    ("between 50 and 55 embassies", "number", 50, 55, "embassies"),
    ("50% to 55%", "number", 50, 55, "%"),
    ("1.5-2 million", "number", 1_500_000, 2_000_000, ""),
    ("500,000 to 2 million", "number", 500_000, 2_000_000, ""),
    ("about 50 to 60", "number", 45, 66, ""),
    ("more than 12", "number", ABOVE_12, None, ""),
    ("over 12", "number", ABOVE_12, None, ""),
    (">12", "number", ABOVE_12, None, ""),
    ("> 12", "number", ABOVE_12, None, ""),
    ("at least 12", "number", 12, None, ""),
    (">=12", "number", 12, None, ""),
    ("12 or more", "number", 12, None, ""),
    ("12+ embassies", "number", 12, None, "embassies"),
    ("fewer than 5", "number", None, BELOW_5, ""),
    ("less than 5", "number", None, BELOW_5, ""),
    ("under 5", "number", None, BELOW_5, ""),
    ("<5", "number", None, BELOW_5, ""),
    ("at most 5", "number", None, 5, ""),
    ("up to 5", "number", None, 5, ""),
    ("<=5", "number", None, 5, ""),
    ("5 or fewer", "number", None, 5, ""),
    ("a dozen", "number", 12, 12, ""),
    ("dozen", "number", 12, 12, ""),
    ("two dozen", "number", 24, 24, ""),
    ("more than a dozen", "number", ABOVE_12, None, ""),
    ("about a dozen", "number", 10.8, 13.2, ""),
    ("dozens", "number", 24, 99, ""),
    ("dozens of people", "number", 24, 99, "people"),
    ("hundreds", "number", 200, 999, ""),
    ("thousands", "number", 2000, 9999, ""),
    ("tens of thousands", "number", 20_000, 99_999, ""),
    ("three consulates", "number", 3, 3, "consulates"),
    ("Twelve", "number", 12, 12, ""),
    ("25%", "number", 25, 25, "%"),
    ("25 per cent", "number", 25, 25, "%"),
    ("25% of voters", "number", 25, 25, "% of voters"),
    ("47 embassies", "number", 47, 47, "embassies"),
    ("47 Embassies.", "number", 47, 47, "embassies"),
    # An exponent, and "k" for thousands, are part of the figure, never a unit.
    ("1E3", "number", 1000, 1000, ""),
    ("1.5e-3", "number", 0.0015, 0.0015, ""),
    ("50k", "number", 50_000, 50_000, ""),
    ("2.5K protesters", "number", 2500, 2500, "protesters"),
    ("50 km", "number", 50, 50, "km"),
    ("October 2026", "date", 20261001, 20261031, ""),
    ("2026-10-15", "date", 20261015, 20261015, ""),
    ("1 November 2026", "date", 20261101, 20261101, ""),
    ("mid-October 2026", "date", 20261011, 20261020, ""),
    ("03/04/2026", "text", None, None, ""),
    ("Pyongyang", "text", None, None, ""),
    ("some people", "text", None, None, ""),
    ("under investigation", "text", None, None, ""),
    ("one of the largest", "text", None, None, ""),
    ("1,5", "text", None, None, ""),
    ("55-50", "text", None, None, ""),
    ("between 5 and", "text", None, None, ""),
]


@pytest.mark.parametrize(("text", "kind", "low", "high", "unit"), VALUES)
def test_parse_value(
    text: str, kind: str, low: float | None, high: float | None, unit: str
) -> None:
    assert parse_value(f"  {text} ") == Value(text, kind, low, high, unit)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["1" + "0" * 320, "more than 5" + "0" * 330])
def test_a_number_past_the_float_range_is_refused(text: str) -> None:
    # As floats both would be "infinity", and every such figure would agree with the next.
    with pytest.raises(InvalidValue) as err:
        parse_value(text)
    assert str(err.value).endswith("is a number too large to compare")
    assert parse_value("10" + "0" * 300).high == 1e301


@pytest.mark.parametrize("text", ["", "   \t"])
def test_empty_value(text: str) -> None:
    with pytest.raises(InvalidValue) as err:
        parse_value(text, field="claimed")
    assert str(err.value) == f"claimed: {text!r} is empty"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("53", "about 50", True),
        ("53", "49", False),
        ("53", "more than 12", True),
        ("12", "more than 12", False),
        ("12", "at least 12", True),
        ("5", "fewer than 5", False),
        ("more than 12", "fewer than 5", False),
        ("more than 12", "at most 100", True),
        ("24", "nearly 25", True),
        ("25", "nearly 25", True),
        ("25%", "almost 25%", True),
        ("26%", "almost 25%", False),
        ("October 2026", "2026-10-15", True),
        ("early October 2026", "2026-10-15", False),
        ("DPRK  Embassy.", "dprk embassy", True),
        ("Madrid", "Barcelona", False),
        ("2026", "2026-10-15", True),  # a bare year, against a date, is that year
        ("2025", "2026-10-15", False),
        ("2026 embassies", "2026-10-15", False),  # a count, not a year
        ("Madrid", "2026-10-15", False),
        ("50 km", "about 50 kms", True),
        ("50 km", "50 miles", False),
        ("53", "fifty-three", True),
        ("52", "fifty-three", False),
        ("340", "several hundred", True),
        ("$1.5m", "1.5 million", True),
        ("$1.5m", "1.5 million dollars", True),
        ("$1.5m", "£1.5m", False),
        ("11", "10 or 12", True),
        ("50m", "50 million", False),  # fifty metres: "m" is a million only after a sign
    ],
)
def test_value_overlaps(a: str, b: str, expected: bool) -> None:
    assert parse_value(a).overlaps(parse_value(b)) is expected
    assert parse_value(b).overlaps(parse_value(a)) is expected


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_integers_read_as_points(n: int) -> None:
    assert parse_value(str(n)) == Value(str(n), "number", float(n), float(n))
    assert parse_value(f"{n:,}").low == float(n)


@given(st.text(min_size=1, max_size=30).filter(str.strip))
def test_parse_value_never_raises(text: str) -> None:
    value = parse_value(text)
    assert value.text == text.strip()
    if value.low is not None and value.high is not None:
        assert value.low <= value.high
    assert value.overlaps(value) or value.kind != "text"


# --------------------------------------------------------------------------- text and names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DPRK  Embassy in Spain.", "dprk embassy in spain"),
        ("  Kim Jong-un's   visit ", "kim jong un s visit"),
        ("ＫＯＲＥＡ\u00a0Times", "korea times"),
        ("25 %", "25 %"),
        ("Straße", "strasse"),
        ("...", ""),
        ("हिन्दी समाचार", "हिन्दी समाचार"),
        # Abbreviations with full stops read as without them.
        ("U.S. Army", "us army"),
        ("the U.N.", "the un"),
        ("U.S.A", "usa"),
        ("x.com", "x com"),  # a word after the stop: no abbreviation
        ("1.5", "1 5"),
    ],
)
def test_normalize_text(text: str, expected: str) -> None:
    assert normalize_text(text) == expected


@given(st.text(alphabet=st.sampled_from("aBz. U.S-1é")))
def test_the_quick_fold_reads_as_normalize_text(text: str) -> None:
    from claims.store.identity import fold

    assert fold(text) == normalize_text(text)


@given(st.text())
def test_normalize_text_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@pytest.mark.parametrize(
    "name", ["Korea Times", "korea  times", "Korea-Times", "ＫＯＲＥＡ Times", " KOREA.TIMES "]
)
def test_name_key_same_for_spellings(name: str) -> None:
    assert name_key(name) == "koreatimes"


def test_marks_count_as_letters_only_on_a_letter() -> None:
    assert normalize_text("नमस्ते दुनिया") == "नमस्ते दुनिया"  # vowel signs are marks
    assert normalize_text("a \u0301 b") == "a b"
    assert name_key("नमस्ते") == "नमस्ते"


def test_name_key_keeps_distinct_names_apart() -> None:
    assert name_key("Korea Times") != name_key("Korea Herald")
    assert name_key("NK News 2") == "nknews2"


# A combining mark with no letter to sit on is no letter either.
@pytest.mark.parametrize("name", ["", "  ", "--", "%", "\u0301", "\u0300\u0301 ."])
def test_name_key_needs_letters(name: str) -> None:
    with pytest.raises(InvalidValue) as err:
        name_key(name)
    assert str(err.value) == f"name: {name!r} has no letters or digits"


# --------------------------------------------------------------------------- grades


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (1, 1),
        (6, 6),
        ("1", 1),
        (" 4 ", 4),
        ("6", 6),
        ("confirmed", 1),
        ("Confirmed by other sources", 1),
        ("probably-true", 2),
        ("Probably true", 2),
        ("probably_true", 2),
        ("probable", 2),
        ("possibly  true", 3),
        ("possible", 3),
        ("DOUBTFUL", 4),
        ("improbable", 5),
        ("unknown", 6),
        ("cannot be judged", 6),
        ("cannot-be-judged", 6),
        ("truth cannot be judged", 6),
    ],
)
def test_parse_confidence(text: str | int, expected: int) -> None:
    assert parse_confidence(text) == expected


# A sign is no part of a level: "-1" is not 1 (confirmed).
@pytest.mark.parametrize(
    "text", [0, 7, True, "0", "7", "", "1.0", "sure", "A", "12", "-1", "1-", "--3", "_6"]
)
def test_bad_confidence(text: str | int) -> None:
    with pytest.raises(InvalidValue) as err:
        parse_confidence(text, field="cred")
    assert str(err.value) == (
        f"cred: {text!r} is not a credibility level; use 1-6 or one of: confirmed, "
        "probably-true, possibly-true, doubtful, improbable, cannot-be-judged"
    )


def test_remembered_readings_are_the_readings() -> None:
    """Dates, values and levels are remembered once read; what is remembered is only the
    reading: an error still names the field and text it was given, every time."""
    first = parse_date("1 November 2026", field="date")
    assert parse_date("1 November 2026", field="as_of") == first == _period("2026-11-01")
    for field in ("date", "as_of", "date"):
        with pytest.raises(InvalidValue) as err:
            parse_date("2026-13-01", field=field)
        assert err.value.field == field
    with pytest.raises(InvalidValue) as err:
        parse_date("03/04/2026", field="since")  # ambiguous without dayfirst...
    assert err.value.field == "since"
    assert parse_date("03/04/2026", dayfirst=True) == _period("2026-04-03")
    assert parse_date("03/04/2026", dayfirst=False) == _period("2026-03-04")
    assert parse_value("about 50") == parse_value("about 50") == Value("about 50", "number", 45, 55)
    assert parse_confidence(1) == 1
    with pytest.raises(InvalidValue):
        parse_confidence(True)  # True == 1, but it is not a level


def _period(iso: str) -> Period:
    day = D.fromisoformat(iso)
    return Period(day, day, "day")


def test_today_is_never_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "today" and "yesterday" move at midnight: read afresh every time."""
    before = parse_date("today"), parse_date("Yesterday"), parse_value("today")

    class Tomorrow(datetime.date):
        @classmethod
        def today(cls) -> datetime.date:
            return D.today() + datetime.timedelta(days=1)

    monkeypatch.setattr(datetime, "date", Tomorrow)
    after = parse_date("today"), parse_date("Yesterday"), parse_value("today")
    assert after[0].start == before[0].start + datetime.timedelta(days=1)
    assert after[1].start == before[0].start
    assert after[2].low is not None and before[2].low is not None
    assert after[2].low > before[2].low


def test_confidence_table() -> None:
    assert CONFIDENCE[1] == "confirmed by other sources"
    assert CONFIDENCE[6] == "truth cannot be judged"
    assert sorted(CONFIDENCE) == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A", "A"),
        ("a", "A"),
        (" f ", "F"),
        ("c", "C"),
        ("usually reliable", "B"),
        ("Not-Usually-Reliable", "D"),
        ("unreliable", "E"),
        ("cannot be judged", "F"),
    ],
)
def test_parse_reliability(text: str, expected: str) -> None:
    assert parse_reliability(text) == expected


@pytest.mark.parametrize("text", ["", "G", "AB", "1", "reliable", "a+", "-b", "c-", "_a"])
def test_bad_reliability(text: str) -> None:
    with pytest.raises(InvalidValue) as err:
        parse_reliability(text)
    assert str(err.value) == (
        f"reliability: {text!r} is not a reliability grade; use A-F "
        "(A completely reliable ... F cannot be judged)"
    )


def test_reliability_table() -> None:
    assert list(RELIABILITY) == ["A", "B", "C", "D", "E", "F"]

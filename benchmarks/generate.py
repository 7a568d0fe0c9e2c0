"""Generate a synthetic but realistic claims database, for benchmarks.

    python benchmarks/generate.py --claims 1000000 --db /tmp/claims-1m.db [--seed 42]

The schema comes from the project itself (``claims.store.db.open_database`` runs the Alembic
migrations), and every column is filled the way ``claims.store`` fills it: keys through
``claims.parsing.name_key`` / ``normalize_text``, values through ``parse_value``, dates
as the ``Period`` that ``parse_date`` reads from the text as written. Only the writing
is different: rows go in with sqlite3 ``executemany`` in chunks, in one transaction
without journal, with the secondary indexes built at the end, so a million claims take
about a minute instead of the hours one ``claims add`` each would. Claims are drawn
story by story and handed on in the order they were recorded, so memory stays near
400 MB at a million claims.

What the record looks like, modelled on how a story spreads:

- about N/10 propositions (subject, predicate): embassies, disasters, missions of
  organisations, talks, elections, factories; a dozen predicates (status, killed,
  injured, count, reason...); 1 to 40 claims each, P(k) ~ 1/k: a quarter rest on a
  single claim, half on 5 or fewer, one in 15 on 30 or more;
- 500 outlets: wire agencies, state media, broadcasters, online outlets and many
  newspapers, each with a reliability grade; some outlets carry far more than others;
- origins: documents, officials, persons, organisations, anonymous sources (about N/20
  distinct sources, reused across stories), or the outlet's own reporting;
- echo chains: most claims cite ``outlet:X`` where X has its own claim on the same
  proposition with the same (or a compatible) value, sometimes over several hops, and
  now and then an original cites its own echo back (a citation cycle);
- numbers as reporters write them ("53", "about 50", "more than 40", "50-60",
  "dozens"), conflicting values, denials, as-of dates with values changing over time
  (timelines), a few aliased subjects, claims without a proposition, and retractions
  (kept with their earlier version in ``claim_versions``, as ``claims retract`` does).

Claim ids follow the time the claims were recorded, so one proposition's claims are
scattered over the table as they would be in a real record, not stored side by side.
The same --seed gives the same rows. --check verifies the result: foreign keys,
CHECK constraints (``PRAGMA integrity_check``) and a few rules of the store.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import heapq
import itertools
import json
import math
import random
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, cast

from claims.parsing import (
    CONFIDENCE,
    Period,
    name_key,
    normalize_text,
    parse_date,
    parse_value,
)
from claims.store.db import open_database
from claims.store.identity import article_key

# --------------------------------------------------------------------------- vocabulary

COUNTRIES = [
    ("Albania", "AL"), ("Algeria", "DZ"), ("Angola", "AO"), ("Argentina", "AR"),
    ("Armenia", "AM"), ("Australia", "AU"), ("Austria", "AT"), ("Azerbaijan", "AZ"),
    ("Bangladesh", "BD"), ("Belarus", "BY"), ("Belgium", "BE"), ("Bolivia", "BO"),
    ("Brazil", "BR"), ("Bulgaria", "BG"), ("Cambodia", "KH"), ("Cameroon", "CM"),
    ("Canada", "CA"), ("Chad", "TD"), ("Chile", "CL"), ("China", "CN"),
    ("Colombia", "CO"), ("Croatia", "HR"), ("Cuba", "CU"), ("Cyprus", "CY"),
    ("Czechia", "CZ"), ("Denmark", "DK"), ("DPRK", "KP"), ("Ecuador", "EC"),
    ("Egypt", "EG"), ("Estonia", "EE"), ("Ethiopia", "ET"), ("Finland", "FI"),
    ("France", "FR"), ("Georgia", "GE"), ("Germany", "DE"), ("Ghana", "GH"),
    ("Greece", "GR"), ("Hungary", "HU"), ("Iceland", "IS"), ("India", "IN"),
    ("Indonesia", "ID"), ("Iran", "IR"), ("Iraq", "IQ"), ("Ireland", "IE"),
    ("Israel", "IL"), ("Italy", "IT"), ("Japan", "JP"), ("Jordan", "JO"),
    ("Kazakhstan", "KZ"), ("Kenya", "KE"), ("Laos", "LA"), ("Latvia", "LV"),
    ("Lebanon", "LB"), ("Libya", "LY"), ("Lithuania", "LT"), ("Malaysia", "MY"),
    ("Mali", "ML"), ("Mexico", "MX"), ("Moldova", "MD"), ("Mongolia", "MN"),
    ("Morocco", "MA"), ("Mozambique", "MZ"), ("Myanmar", "MM"), ("Nepal", "NP"),
    ("Netherlands", "NL"), ("New Zealand", "NZ"), ("Niger", "NE"), ("Nigeria", "NG"),
    ("Norway", "NO"), ("Pakistan", "PK"), ("Peru", "PE"), ("Philippines", "PH"),
    ("Poland", "PL"), ("Portugal", "PT"), ("Romania", "RO"), ("Russia", "RU"),
    ("Senegal", "SN"), ("Serbia", "RS"), ("Singapore", "SG"), ("Slovakia", "SK"),
    ("South Africa", "ZA"), ("South Korea", "KR"), ("Spain", "ES"), ("Sri Lanka", "LK"),
    ("Sudan", "SD"), ("Sweden", "SE"), ("Switzerland", "CH"), ("Syria", "SY"),
    ("Tanzania", "TZ"), ("Thailand", "TH"), ("Tunisia", "TN"), ("Turkey", "TR"),
    ("Uganda", "UG"), ("Ukraine", "UA"), ("United Kingdom", "GB"), ("United States", "US"),
    ("Uruguay", "UY"), ("Uzbekistan", "UZ"), ("Venezuela", "VE"), ("Vietnam", "VN"),
]  # fmt: skip

CITIES = [
    ("Tirana", "AL"), ("Algiers", "DZ"), ("Luanda", "AO"), ("Buenos Aires", "AR"),
    ("Cordoba", "AR"), ("Yerevan", "AM"), ("Sydney", "AU"), ("Perth", "AU"), ("Vienna", "AT"),
    ("Baku", "AZ"), ("Dhaka", "BD"), ("Chittagong", "BD"), ("Minsk", "BY"), ("Brussels", "BE"),
    ("Antwerp", "BE"), ("La Paz", "BO"), ("Sao Paulo", "BR"), ("Recife", "BR"),
    ("Porto Alegre", "BR"), ("Sofia", "BG"), ("Varna", "BG"), ("Phnom Penh", "KH"),
    ("Douala", "CM"), ("Toronto", "CA"), ("Montreal", "CA"), ("Halifax", "CA"),
    ("N'Djamena", "TD"), ("Santiago", "CL"), ("Valparaiso", "CL"), ("Shanghai", "CN"),
    ("Chengdu", "CN"), ("Wuhan", "CN"), ("Medellin", "CO"), ("Cali", "CO"), ("Split", "HR"),
    ("Havana", "CU"), ("Limassol", "CY"), ("Brno", "CZ"), ("Prague", "CZ"), ("Aarhus", "DK"),
    ("Pyongyang", "KP"), ("Guayaquil", "EC"), ("Alexandria", "EG"), ("Cairo", "EG"),
    ("Tartu", "EE"), ("Addis Ababa", "ET"), ("Tampere", "FI"), ("Lyon", "FR"),
    ("Marseille", "FR"), ("Lille", "FR"), ("Batumi", "GE"), ("Hamburg", "DE"),
    ("Leipzig", "DE"), ("Cologne", "DE"), ("Kumasi", "GH"), ("Thessaloniki", "GR"),
    ("Patras", "GR"), ("Debrecen", "HU"), ("Reykjavik", "IS"), ("Pune", "IN"),
    ("Chennai", "IN"), ("Kolkata", "IN"), ("Surabaya", "ID"), ("Makassar", "ID"),
    ("Tabriz", "IR"), ("Basra", "IQ"), ("Mosul", "IQ"), ("Cork", "IE"), ("Haifa", "IL"),
    ("Naples", "IT"), ("Turin", "IT"), ("Palermo", "IT"), ("Osaka", "JP"), ("Sapporo", "JP"),
    ("Fukuoka", "JP"), ("Aqaba", "JO"), ("Almaty", "KZ"), ("Mombasa", "KE"),
    ("Kisumu", "KE"), ("Vientiane", "LA"), ("Riga", "LV"), ("Tripoli", "LB"),
    ("Beirut", "LB"), ("Benghazi", "LY"), ("Kaunas", "LT"), ("Penang", "MY"),
    ("Bamako", "ML"), ("Monterrey", "MX"), ("Puebla", "MX"), ("Tijuana", "MX"),
    ("Chisinau", "MD"), ("Ulaanbaatar", "MN"), ("Casablanca", "MA"), ("Beira", "MZ"),
    ("Mandalay", "MM"), ("Pokhara", "NP"), ("Rotterdam", "NL"), ("Utrecht", "NL"),
    ("Auckland", "NZ"), ("Niamey", "NE"), ("Kano", "NG"), ("Ibadan", "NG"), ("Lagos", "NG"),
    ("Bergen", "NO"), ("Lahore", "PK"), ("Peshawar", "PK"), ("Arequipa", "PE"),
    ("Cebu", "PH"), ("Davao", "PH"), ("Gdansk", "PL"), ("Krakow", "PL"), ("Wroclaw", "PL"),
    ("Porto", "PT"), ("Cluj-Napoca", "RO"), ("Iasi", "RO"), ("Kazan", "RU"),
    ("Novosibirsk", "RU"), ("Vladivostok", "RU"), ("Yekaterinburg", "RU"), ("Dakar", "SN"),
    ("Novi Sad", "RS"), ("Nis", "RS"), ("Kosice", "SK"), ("Durban", "ZA"),
    ("Cape Town", "ZA"), ("Busan", "KR"), ("Incheon", "KR"), ("Daegu", "KR"),
    ("Valencia", "ES"), ("Seville", "ES"), ("Bilbao", "ES"), ("Kandy", "LK"),
    ("Omdurman", "SD"), ("Gothenburg", "SE"), ("Malmo", "SE"), ("Basel", "CH"),
    ("Geneva", "CH"), ("Aleppo", "SY"), ("Homs", "SY"), ("Dodoma", "TZ"), ("Arusha", "TZ"),
    ("Chiang Mai", "TH"), ("Sfax", "TN"), ("Izmir", "TR"), ("Gaziantep", "TR"),
    ("Antalya", "TR"), ("Gulu", "UG"), ("Kharkiv", "UA"), ("Odesa", "UA"), ("Lviv", "UA"),
    ("Dnipro", "UA"), ("Manchester", "GB"), ("Glasgow", "GB"), ("Belfast", "GB"),
    ("Houston", "US"), ("Chicago", "US"), ("Denver", "US"), ("Atlanta", "US"),
    ("Seattle", "US"), ("Salto", "UY"), ("Samarkand", "UZ"), ("Maracaibo", "VE"),
    ("Da Nang", "VN"), ("Hai Phong", "VN"),
]  # fmt: skip

ORGANISATIONS = [
    "UN refugee agency", "World Food Programme", "UN peacekeeping", "OSCE",
    "International Red Cross", "Global Relief Alliance", "Doctors Without Borders",
    "World Health Organization", "UNICEF", "Save the Children", "Oxfam", "CARE",
    "Norwegian Refugee Council", "IOM", "UNDP", "African Union", "European Union",
    "Arab League", "Caritas", "Mercy Corps", "International Rescue Committee",
    "Islamic Relief", "World Vision", "Amnesty International", "Human Rights Watch",
]  # fmt: skip

COMPANIES = [
    "Nordvolt", "Kestrel Motors", "Arden Steel", "Lumina Chips", "Baltic Foods",
    "Orion Pharma", "Tessera Textiles", "Meridian Cement", "Halcyon Glass", "Vireo Paper",
    "Quarry & Sons", "Pinnacle Tyres", "Solace Solar", "Granite Rail", "Atlas Batteries",
]  # fmt: skip

EVENTS = [
    "explosion", "fire", "flood", "earthquake", "building collapse", "train derailment",
    "protest", "stampede", "bus crash", "shelling", "landslide", "storm", "ferry sinking",
    "mine accident", "bridge collapse",
]  # fmt: skip

FIRST_NAMES = (
    "Amir Anna Boris Carla Chen Dana Elif Emeka Farah Goran Hana Ivan Jin Joao Kamala Kenji "
    "Lars Leila Lucia Malik Maria Mateo Mehmet Min-jun Nadia Nikos Olga Omar Paolo Priya "
    "Rafael Rana Sami Sara Sergei Sofia Tamar Tomasz Uma Viktor Wei Yara Yusuf Zainab Zoran "
    "Ahmed Beatriz Claire Daniel Eva Felix Grace Hugo Irina James Katarina Luis Marta Noor"
).split()
LAST_NAMES = (
    "Abadi Alvarez Andersen Babic Bakker Choi Costa Dimitrov Dubois Eriksen Farouk Ferreira "
    "Fischer Garcia Haddad Horvat Ibrahim Ivanova Jensen Kaplan Kim Kowalski Kuznetsov Laine "
    "Lee Lopez Mansour Martin Mendes Moreau Mwangi Nakamura Novak Okafor Olsen Ortiz Park "
    "Petrov Popescu Quispe Rahman Rossi Sato Schmidt Silva Sokolov Suzuki Tanaka Torres "
    "Usman Varga Vasquez Wagner Wang Yilmaz Zhang Zielinski Nguyen Haas Koroma Banda Osei "
    "Mensah Adeyemi Byrne Walsh Moyo Dlamini Reyes Castillo Herrera Aziz Karimi Hosseini"
).split()
MONTHS = [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]

# Kinds of outlet: how many, the reliability grades they get (weights for A-F) and how
# much more often than a newspaper they are the first to report a story.
OUTLET_KINDS: dict[str, tuple[int, tuple[int, ...], float]] = {
    "wire-agency": (20, (25, 60, 15, 0, 0, 0), 8.0),
    "state-media": (25, (0, 0, 10, 40, 40, 10), 2.0),
    "broadcaster": (60, (0, 40, 40, 10, 0, 10), 1.5),
    "online": (95, (0, 10, 30, 25, 15, 20), 0.6),
    "newspaper": (300, (3, 35, 40, 10, 2, 10), 1.0),
}
GRADES = "ABCDEF"
RECORDERS = ["desk", "a.rahman", "j.kim", "m.okafor", "l.petrov", "s.garcia", "import-bot"]
RETRACTION_NOTES = [
    "The outlet withdrew the report",
    "Correction published: the figure was not confirmed",
    "Story taken down; the quoted source says he was misquoted",
    "Recorded against the wrong proposition",
]

EPOCH = dt.date(2024, 1, 1).toordinal()  # stories start between 2024 and late 2026
STORY_DAYS = 1030
STORY_SIZES = list(itertools.accumulate(1 / k for k in range(1, 41)))  # see _story_size

# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Forms:
    """Ways of writing one value, all compatible with it, and how often each is used."""

    texts: tuple[str, ...]
    cum_weights: tuple[float, ...]

    def pick(self, rnd: Callable[[], float]) -> str:
        return self.texts[bisect.bisect(self.cum_weights, rnd() * self.cum_weights[-1])]


def _forms(weighted: Sequence[tuple[str, float]]) -> Forms:
    unique = dict(weighted)  # a form can come out twice (e.g. "about 5" for 5)
    return Forms(tuple(unique), tuple(itertools.accumulate(unique.values())))


def _nice_floor(x: float) -> int:
    """The largest 1- or 2-significant-digit round number at or below x."""
    if x < 10:
        return int(x)
    step = 10 ** (int(math.log10(x)) - 1) * 5 if x >= 100 else 5
    return int(x // step * step)


def _nice_ceil(x: float) -> int:
    if x < 10:
        return math.ceil(x)
    step = 10 ** (int(math.log10(x)) - 1) * 5 if x >= 100 else 5
    return int(math.ceil(x / step) * step)


def _round_about(b: int) -> int:
    """A rounded figure R with b within R ± 10%, the coarsest there is."""
    for digits in (1, 2, 3):
        r = round(b, digits - 1 - int(math.log10(b)))
        if r > 0 and abs(b - r) <= 0.1 * r:
            return int(r)
    return b


class Model:
    """How one predicate's values are drawn, written, contradicted and changed over time."""

    timeline_rate = 0.0  # share of propositions whose value changes over time

    def base(self, rng: random.Random, day: int) -> Any:
        raise NotImplementedError

    def forms(self, base: Any) -> Forms:
        raise NotImplementedError

    def conflict(self, rng: random.Random, base: Any) -> Any:
        raise NotImplementedError

    def timeline(self, rng: random.Random, base: Any, n: int) -> list[Any]:
        return [base] * n


class Count(Model):
    """A count such as killed or staff: log-uniform in [low, high], rising (or falling)."""

    def __init__(self, low: int, high: int, rising: bool = True, unit: str = "") -> None:
        self.low, self.high, self.rising, self.unit = math.log(low), math.log(high), rising, unit
        self.timeline_rate = 0.2
        self._cache: dict[int, Forms] = {}

    def base(self, rng: random.Random, day: int) -> int:
        return max(1, int(math.exp(rng.uniform(self.low, self.high))))

    def forms(self, b: int) -> Forms:
        forms = self._cache.get(b)
        if forms is None:
            forms = self._cache[b] = _forms(self._written(b))
        return forms

    def _written(self, b: int) -> list[tuple[str, float]]:
        out: list[tuple[str, float]] = [(f"{b:,}", 40.0), (f"about {_round_about(b):,}", 20.0)]
        below = _nice_floor(b if b != _nice_floor(b) else b - 1) if b > 1 else 0
        if below >= 1:
            out += [(f"more than {below:,}", 12.0), (f"at least {below:,}", 5.0)]
        above = _nice_ceil(b + 1)
        if b >= 0.9 * above:
            out.append((f"nearly {above:,}", 5.0))
        if below >= 1 and above > below:
            out.append((f"{below:,}-{above:,}", 8.0))
        vague_words = (("dozens", 24, 99), ("hundreds", 200, 999), ("thousands", 2000, 9999))
        for vague, lo, hi in vague_words:
            if lo <= b <= hi:
                out.append((vague, 4.0))
        if self.unit:
            out.append((f"{b:,} {self.unit}", 6.0))
        # Every form must read back as an interval holding b, or echoes would "conflict".
        for text, _ in out:
            v = parse_value(text)
            assert v.kind == "number" and (v.low is None or v.low <= b), text
            assert v.high is None or b <= v.high, text
        return out

    def conflict(self, rng: random.Random, b: int) -> int:
        factor = rng.uniform(2.2, 4.0) if rng.random() < 0.6 or b < 5 else rng.uniform(0.2, 0.45)
        return max(1, round(b * factor)) if round(b * factor) != b else b + 3

    def timeline(self, rng: random.Random, b: int, n: int) -> list[int]:
        values = sorted({max(1, round(b * rng.uniform(0.3, 1.0))) for _ in range(n)} | {b})
        return values if self.rising else values[::-1]


class Text(Model):
    """A word value ("closed"); a timeline runs through ``sequence``."""

    def __init__(self, values: Sequence[str], sequence: Sequence[str] = ()) -> None:
        self.values, self.sequence = list(values), list(sequence)
        self.timeline_rate = 0.15 if sequence else 0.0
        self._cache: dict[str, Forms] = {}

    def base(self, rng: random.Random, day: int) -> str:
        return rng.choice(self.values)

    def forms(self, b: str) -> Forms:
        forms = self._cache.get(b)
        if forms is None:  # outlets differ in case; normalize_text makes them one value
            forms = self._cache[b] = _forms([(b, 90.0), (b[:1].upper() + b[1:], 10.0)])
        return forms

    def conflict(self, rng: random.Random, b: str) -> str:
        return rng.choice([v for v in self.values if v != b])

    def timeline(self, rng: random.Random, b: str, n: int) -> list[str]:
        return self.sequence[-n:] if n <= len(self.sequence) else self.sequence


class Day(Model):
    """A date value ("3 November 2026", "November 2026"); other forms hold the same day."""

    def __init__(self) -> None:
        self._cache: dict[int, Forms] = {}

    def base(self, rng: random.Random, day: int) -> int:
        return day + rng.randrange(3, 60)

    def forms(self, b: int) -> Forms:
        forms = self._cache.get(b)
        if forms is None:
            d = dt.date.fromordinal(b)
            month = f"{MONTHS[d.month - 1]} {d.year}"
            part = "early" if d.day <= 10 else "mid" if d.day <= 20 else "late"
            forms = self._cache[b] = _forms(
                [
                    (d.isoformat(), 30.0),
                    (f"{d.day} {month}", 25.0),
                    (month, 25.0),
                    (f"{part} {month}" if part != "mid" else f"mid-{month}", 10.0),
                    (f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}", 10.0),
                ]
            )
        return forms

    def conflict(self, rng: random.Random, b: int) -> int:
        return b + rng.choice((-1, 1)) * rng.randrange(40, 90)


class Percent(Model):
    """A share such as turnout, kept in tenths of a percent."""

    def __init__(self) -> None:
        self._cache: dict[int, Forms] = {}

    def base(self, rng: random.Random, day: int) -> int:
        return rng.randrange(300, 850)

    def forms(self, b: int) -> Forms:
        forms = self._cache.get(b)
        if forms is None:
            exact = f"{b // 10}.{b % 10}"
            forms = self._cache[b] = _forms(
                [
                    (f"{exact}%", 40.0),
                    (f"about {round(b / 50) * 5}%", 25.0),
                    (f"almost {b // 10 + 1}%", 15.0),
                    (f"{exact} percent", 10.0),
                    (f"more than {b // 10 - 1}%", 10.0),
                ]
            )
        return forms

    def conflict(self, rng: random.Random, b: int) -> int:
        return b + rng.choice((-1, 1)) * rng.randrange(90, 160)


# --------------------------------------------------------------------------- subjects


@dataclass(frozen=True)
class PredicateSpec:
    name: str
    weight: float
    model: Model
    templates: tuple[str, ...]  # {s} subject, {v} value


@dataclass(frozen=True)
class Family:
    """A kind of story: how its subjects are named (two phrasings) and what is claimed."""

    name: str
    weight: float
    # (subject, other phrasing, day the story starts or None for any day)
    subjects: Callable[[], Iterator[tuple[str, str, int | None]]]
    predicates: tuple[PredicateSpec, ...]
    documents: tuple[str, ...]  # documents such a story rests on; {s} the subject


def _pairs(items: Sequence[str]) -> Iterator[tuple[str, str]]:
    return ((a, b) for a in items for b in items if a != b)


def _embassies() -> Iterator[tuple[str, str, int | None]]:
    names = [c for c, _ in COUNTRIES]
    return ((f"embassy of {a} in {b}", f"{a}'s embassy in {b}", None) for a, b in _pairs(names))


def _events() -> Iterator[tuple[str, str, int | None]]:
    last = EPOCH + STORY_DAYS
    for event, (city, _), year, month in itertools.product(
        EVENTS, CITIES, (2024, 2025, 2026), range(12)
    ):
        day = dt.date(year, month + 1, 1).toordinal()
        if day < last:  # reported in the month it happened
            name = f"{event} in {city}, {MONTHS[month]} {year}"
            yield name, f"{city} {event} ({MONTHS[month][:3]} {year})", day


def _missions() -> Iterator[tuple[str, str, int | None]]:
    for org, (country, _) in itertools.product(ORGANISATIONS, COUNTRIES):
        yield f"missions of {org} in {country}", f"{org} missions in {country}", None


def _talks() -> Iterator[tuple[str, str, int | None]]:
    names = [c for c, _ in COUNTRIES]
    return (
        (f"talks between {a} and {b}", f"{a}-{b} talks", None)
        for a, b in itertools.combinations(names, 2)
    )


def _elections() -> Iterator[tuple[str, str, int | None]]:
    for (country, _), kind, year in itertools.product(
        COUNTRIES, ("presidential", "parliamentary", "local"), (2024, 2025, 2026)
    ):
        day = dt.date(year, 11, 1).toordinal()  # counted and reported in the autumn
        name = f"{year} {kind} election in {country}"
        yield name, f"{country} {kind} election {year}", min(day, EPOCH + STORY_DAYS - 30)


def _factories() -> Iterator[tuple[str, str, int | None]]:
    for company, (city, _) in itertools.product(COMPANIES, CITIES):
        yield f"{company} plant in {city}", f"{company}'s {city} plant", None


FAMILIES = (
    Family(
        "embassy",
        3.0,
        _embassies,
        (
            PredicateSpec(
                "status", 5, Text(
                    ["closed", "closing", "open", "suspended", "relocated"],
                    ["open", "closing", "closed"],
                ),
                ("The {s} is {v}", "Reports say the {s} is now {v}"),
            ),
            PredicateSpec("staff", 1, Count(2, 120, rising=False),
                          ("The {s} has {v} staff", "{v} diplomats work at the {s}")),
            PredicateSpec("reason", 2, Text(
                ["sanctions", "budget cuts", "security concerns", "diplomatic row",
                 "expulsion of the ambassador", "financial difficulties"]),
                ("The {s} is closing because of {v}", "{v} behind the move on the {s}")),
            PredicateSpec("closure date", 1, Day(),
                          ("The {s} closes on {v}", "Closure of the {s} set for {v}")),
        ),
        ("Foreign ministry note on the {s}", "Diplomatic cable on the {s}",
         "Government decree on the {s}"),
    ),
    Family(
        "event",
        4.0,
        _events,
        (
            PredicateSpec("killed", 5, Count(1, 900, unit="people"),
                          ("{v} killed in {s}", "Death toll from {s} reaches {v}")),
            PredicateSpec("injured", 4, Count(2, 3000, unit="people"),
                          ("{v} injured in {s}", "{v} hurt in {s}, hospitals say")),
            PredicateSpec("reason", 2, Text(
                ["gas leak", "arson", "electrical fault", "heavy rain", "drone strike",
                 "negligence", "structural failure", "overcrowding"]),
                ("{s} caused by {v}", "Investigators blame {v} for {s}")),
        ),
        ("Police report on the {s}", "Hospital statement on the {s}",
         "Emergency services bulletin on the {s}"),
    ),
    Family(
        "missions",
        1.5,
        _missions,
        (
            PredicateSpec("count", 4, Count(1, 60, rising=False),
                          ("The {s} number {v}", "{v} {s} remain, officials say")),
            PredicateSpec("status", 2, Text(
                ["suspended", "operating", "withdrawn", "scaled down"],
                ["operating", "scaled down", "suspended", "withdrawn"]),
                ("The {s} are {v}", "{s}: operations {v}")),
            PredicateSpec("staff", 1, Count(5, 800, rising=False),
                          ("{v} staff work in the {s}", "The {s} employ {v} people")),
        ),
        ("Annual report on the {s}", "Internal memo on the {s}"),
    ),
    Family(
        "talks",
        1.0,
        _talks,
        (
            PredicateSpec("status", 3, Text(
                ["postponed", "under way", "cancelled", "concluded", "planned"],
                ["planned", "under way", "concluded"]),
                ("The {s} are {v}", "Diplomats say the {s} are {v}")),
            PredicateSpec("date", 2, Day(), ("The {s} are set for {v}", "{s} expected on {v}")),
            PredicateSpec("venue", 1, Text([c for c, _ in CITIES[:60]]),
                          ("The {s} will be held in {v}", "{v} to host the {s}")),
        ),
        ("Joint statement on the {s}", "Agenda of the {s}"),
    ),
    Family(
        "election",
        0.8,
        _elections,
        (
            PredicateSpec("turnout", 3, Percent(),
                          ("Turnout in the {s} was {v}", "{v} voted in the {s}")),
            PredicateSpec("winner", 2, Text(
                ["Unity Party", "National Front", "Green Alliance", "Labour Union",
                 "Citizens' Movement", "independent candidate"]),
                ("{v} won the {s}", "{v} claims victory in the {s}")),
        ),
        ("Electoral commission results for the {s}", "Observer mission report on the {s}"),
    ),
    Family(
        "factory",
        1.2,
        _factories,
        (
            PredicateSpec("status", 3, Text(
                ["closed", "operating", "idle", "on strike", "sold"],
                ["operating", "idle", "closed"]),
                ("The {s} is {v}", "Workers say the {s} is {v}")),
            PredicateSpec("staff", 2, Count(40, 6000, rising=False),
                          ("The {s} employs {v} workers", "{v} jobs at the {s}")),
            PredicateSpec("reason", 1, Text(
                ["energy prices", "falling demand", "sanctions", "a fire", "a labour dispute"]),
                ("The {s} is closing because of {v}", "{v} blamed for trouble at the {s}")),
        ),
        ("Company filing on the {s}", "Union letter on the {s}"),
    ),
)  # fmt: skip
# Predicates whose different values stand side by side; declared as `claims predicate
# reason --multi` would, so the cross-referencing sees them as a user would set them.
MULTI_VALUED = ("reason",)

# --------------------------------------------------------------------------- sources

# An origin that is the outlet's own reporting (the claim names no source). Pool indexes
# are >= 0 and outlet citations are -2 - outlet index, so this never meets either.
OWN = -(10**9)
SOURCE_ROLES = {  # for the few sources recorded ahead with a role
    "person": "analyst often quoted on the region",
    "official": "government press office",
    "organization": "aid organisation present on the ground",
    "anonymous": "unnamed; identity known to the desk",
    "document": "document seen by several outlets",
}

ORIGIN_KINDS = {  # kind -> weight, for the origin of a story, a dissent and a denial
    "main": (("document", 18), ("official", 30), ("person", 12), ("anonymous", 25),
             ("organization", 8), ("own", 7)),
    "conflict": (("anonymous", 35), ("official", 30), ("person", 20), ("organization", 10),
                 ("own", 5)),
    "denial": (("official", 80), ("organization", 10), ("person", 10)),
}  # fmt: skip


class Pools:
    """Named sources reused across stories: a few are quoted everywhere, most rarely.

    Entries are created up front but get a row (and an id) only when a claim first
    names them, as ``claims add`` creates a source on first mention.
    """

    def __init__(self, rng: random.Random, n_claims: int) -> None:
        self.rng = rng
        self.entries: list[tuple[str, str, str | None, str | None]] = []  # kind, name, role, grade
        self.ranges: dict[str, tuple[int, int]] = {}
        self.documents: dict[str, int] = {}
        self._keys: dict[tuple[str, str], int] = {}
        # Sized so that, with the documents of each story, the record ends up with
        # about n_claims / 20 distinct sources.
        self._fill("person", max(20, n_claims // 90), self._persons())
        self._fill("official", max(20, n_claims // 260), self._officials())
        self._fill("organization", max(10, n_claims // 1200), self._organisations())
        self._fill("anonymous", max(10, n_claims // 700), self._anonymous())

    def _fill(self, kind: str, size: int, names: Iterator[str]) -> None:
        start = len(self.entries)
        for name in names:
            if len(self.entries) - start >= size:
                break
            self._add(kind, name)
        self.ranges[kind] = (start, len(self.entries) - start)

    def _add(self, kind: str, name: str) -> int:
        key = (kind, name_key(name))
        if key in self._keys:  # "Ann Alee" and "Anna Lee" are one source to the store
            return self._keys[key]
        self._keys[key] = len(self.entries)
        role = grade = None
        if self.rng.random() < 0.1:  # recorded ahead with `claims source add --role ...`
            role = SOURCE_ROLES[kind]
            grade = self.rng.choice("ABBCCCDEF")
        self.entries.append((kind, name, role, grade))
        return len(self.entries) - 1

    def pick(self, kind: str) -> int:
        start, size = self.ranges[kind]
        # Skewed: index 0 is the spokesperson every wire quotes, the tail is quoted once.
        return start + int(size * self.rng.random() ** 2.2)

    def document(self, template: str, subject: str) -> int:
        name = template.format(s=subject)
        index = self.documents.get(name)
        if index is None:
            index = self.documents[name] = self._add("document", name)
        return index

    @staticmethod
    def _numbered(names: Sequence[str]) -> Iterator[str]:
        yield from names
        for n in itertools.count(2):  # only for very large records
            yield from (f"{name} ({n})" for name in names)

    def _persons(self) -> Iterator[str]:
        names = [f"{f} {last}" for last in LAST_NAMES for f in FIRST_NAMES]
        self.rng.shuffle(names)
        middle = [f"{n.split()[0]} {chr(65 + i)}. {n.split()[1]}" for i in range(26) for n in names]
        return self._numbered(names + middle)

    def _officials(self) -> Iterator[str]:
        national = ["Ministry of Foreign Affairs of {c}", "{c} Defence Ministry",
                    "{c} Interior Ministry", "{c} Health Ministry", "Presidential office of {c}",
                    "{c} army spokesperson", "{c} Ministry of Labour"]  # fmt: skip
        local = ["Mayor of {c}", "{c} police", "{c} fire service", "{c} civil defence",
                 "Governor's office in {c}", "{c} city council"]  # fmt: skip
        base = [t.format(c=c) for t in national for c, _ in COUNTRIES]
        base += [t.format(c=c) for t in local for c, _ in CITIES]
        self.rng.shuffle(base)
        ranks = ["", "spokesperson for the ", "deputy head of the ", "press office of the "]
        return self._numbered([r + b for r in ranks for b in base])

    def _organisations(self) -> Iterator[str]:
        names = list(ORGANISATIONS)
        names += [f"{c} Red Crescent Society" for c, _ in COUNTRIES[::3]]
        names += [f"{c} Human Rights Centre" for c, _ in COUNTRIES]
        names += [f"{c} Electoral Commission" for c, _ in COUNTRIES]
        names += [f"{c} General Hospital" for c, _ in CITIES]
        names += [f"{c} Chamber of Commerce" for c, _ in CITIES]
        return self._numbered(names)

    def _anonymous(self) -> Iterator[str]:
        names = ["diplomatic sources", "people familiar with the matter", "security sources",
                 "a senior Western diplomat", "local residents", "aid workers"]  # fmt: skip
        names += [f"sources close to the government of {c}" for c, _ in COUNTRIES]
        names += [f"a senior {c} official" for c, _ in COUNTRIES]
        names += [f"{c} intelligence sources" for c, _ in COUNTRIES]
        names += [f"witnesses in {c}" for c, _ in CITIES]
        names += [f"a source in the {c} police" for c, _ in CITIES]
        return self._numbered(names)


# --------------------------------------------------------------------------- outlets


def make_outlets(rng: random.Random) -> list[dict[str, Any]]:
    """About 500 outlets with reliability grades and how much they publish."""
    words = ("Continental Meridian Northern Pacific Atlantic Central Eastern Global "
             "Southern Western Capital Union Coastal Federal Allied Horizon").split()  # fmt: skip
    wanted = {kind: spec[0] for kind, spec in OUTLET_KINDS.items()}
    candidates: dict[str, list[tuple[str, str]]] = {
        "wire-agency": [(f"{w} {s}", rng.choice(COUNTRIES)[1])
                        for s in ("Press Agency", "News Agency", "Wire") for w in words],
        "state-media": [(f"{c} State News", code) for c, code in COUNTRIES]
                       + [(f"Voice of {c}", code) for c, code in COUNTRIES],
        "broadcaster": [(f"{c} Public Broadcasting", code) for c, code in COUNTRIES]
                       + [(f"Radio {c}", code) for c, code in CITIES],
        "online": [(f"{c} {s}", code) for c, code in CITIES
                   for s in ("Insider", "Daily Brief", "Now", "Today Online")],
        "newspaper": [(f"The {c} {s}", code) for c, code in CITIES
                      for s in ("Times", "Herald", "Post", "Gazette", "Tribune", "Courier",
                                "Chronicle", "Observer", "Journal", "Star")],
    }  # fmt: skip
    outlets: list[dict[str, Any]] = []
    keys: set[str] = set()
    for kind, names in candidates.items():
        rng.shuffle(names)
        grades = OUTLET_KINDS[kind][1]
        for name, country in names:
            if sum(o["kind"] == kind for o in outlets) >= wanted[kind]:
                break
            key = name_key(name)
            if key in keys:
                continue
            keys.add(key)
            outlets.append(
                {
                    "name": name,
                    "key": key,
                    "kind": kind,
                    "country": country,
                    "reliability": rng.choices(GRADES, weights=grades)[0],
                    # Output: a few big outlets publish far more than the rest.
                    "weight": rng.lognormvariate(0.0, 1.0) * (4.0 if kind == "wire-agency" else 1),
                }
            )
    rng.shuffle(outlets)  # ids not grouped by kind, as outlets are added over time
    return outlets


# --------------------------------------------------------------------------- stories


def _cumulative(weighted: Sequence[tuple[str, float]]) -> tuple[list[str], list[float]]:
    return [x for x, _ in weighted], list(itertools.accumulate(w for _, w in weighted))


@dataclass
class Branch:
    """One line of reporting in a story: a value (or a sequence over time) and its origins."""

    stance: str
    bases: list[Any]  # one per state; several for a timeline
    as_of: list[int | None]  # day the state holds (ordinal), None for no as-of date
    origins: list[int]  # pool indexes; empty for the outlets' own reporting
    claims: list[list[Any]]


# Credibility an outlet gives a claim, by the kind of its first source ("" for none).
CONFIDENCE_BY_ORIGIN = {
    "anonymous": (3, 3, 4, 5, 6, 6),
    "document": (1, 2, 2, 2, 3, 6),
    "official": (1, 2, 2, 2, 3, 6),
    "person": (2, 3, 3, 6, 6),
    "organization": (2, 3, 3, 6, 6),
    "": (2, 3, 3, 6, 6),
}
DENIAL_CONFIDENCE = (2, 3, 3, 4, 6)

# A claim while generating, as a list so that a citation cycle can add a source later.
R_RECORDED, R_PROP, R_OUTLET, R_VALUE, R_STANCE, R_ASOF, R_PUB = range(7)
R_CONF, R_SOURCES, R_VARIANT, R_RETRACT, R_TARGET, R_ORIGINAL, R_BASE = range(7, 14)


@dataclass(frozen=True)
class Proposition:
    family: Family
    spec: PredicateSpec
    subject: str
    alt: str  # the other phrasing, used only when an alias is declared
    subject_key: str
    alt_key: str
    predicate_key: str
    claims: int  # how many claims its story has
    start: int  # day the story starts (ordinal)
    aliased: bool


class Generator:
    """Draws the record: outlets and source names up front, then the propositions
    (``plan``), then the claims story by story (``stream``).

    Hot paths use ``rng.random()`` with bisect and int() instead of ``choice``,
    ``choices`` and ``randrange``, which cost several times more per call: at a
    million claims that is seconds.
    """

    def __init__(self, n_claims: int, seed: int, alias_rate: float) -> None:
        self.n = n_claims
        self.rng = random.Random(seed)
        self.alias_rate = alias_rate
        self.outlets = make_outlets(self.rng)
        self.pools = Pools(self.rng, n_claims)
        weights = [o["weight"] for o in self.outlets]
        self.echo_cum = list(itertools.accumulate(weights))
        # Wire agencies break far more stories than their share of all claims.
        first = [w * OUTLET_KINDS[o["kind"]][2] for w, o in zip(weights, self.outlets, strict=True)]
        self.orig_cum = list(itertools.accumulate(first))
        self.origin_kinds = {which: _cumulative(kinds) for which, kinds in ORIGIN_KINDS.items()}
        self.props: list[Proposition] = []
        self.aliases: list[tuple[str, str]] = []
        self.plans: list[tuple[int, int]] = []  # (start day, proposition or -1 for none)
        self._beyond = 0  # subjects numbered once the vocabulary ran out
        self.stats = {"conflict": 0, "denial": 0, "timeline": 0, "cycle": 0, "retracted": 0}

    # ---- picking

    def _outlet(self, cum: list[float], avoid: int = -1) -> int:
        rnd = self.rng.random
        while True:
            i = bisect.bisect(cum, rnd() * cum[-1])
            if i != avoid:
                return i

    def _origin(self, which: str, family: Family, subject: str) -> int:
        rnd = self.rng.random
        kinds, cum = self.origin_kinds[which]
        kind = kinds[bisect.bisect(cum, rnd() * cum[-1])]
        if kind == "own":
            return OWN
        if kind == "document":
            documents = family.documents
            return self.pools.document(documents[int(rnd() * len(documents))], subject)
        return self.pools.pick(kind)

    # ---- the record

    def plan(self) -> None:
        """Draw the propositions, each with its size and start day; no claims yet."""
        rnd = self.rng.random
        unattached = self.n // 50  # claims recorded without a proposition: 2%
        for _ in range(unattached):
            self.plans.append((EPOCH + int(rnd() * STORY_DAYS), -1))
        remaining = self.n - unattached
        subject_lists = {f.name: self._subjects(f) for f in FAMILIES}
        weights = {f.name: f.weight for f in FAMILIES}
        family_cum = list(itertools.accumulate(weights.values()))
        predicate_keys = {s.name: normalize_text(s.name) for f in FAMILIES for s in f.predicates}
        predicate_cums = {
            f.name: list(itertools.accumulate(s.weight for s in f.predicates)) for f in FAMILIES
        }
        while remaining > 0:
            family = FAMILIES[bisect.bisect(family_cum, rnd() * family_cum[-1])]
            subjects = subject_lists[family.name]
            if len(subjects) == 1 and sum(w > 0 for w in weights.values()) > 1:
                # The last fresh subject of its kind: other kinds of story from now on.
                weights[family.name] = 0.0
                family_cum = list(itertools.accumulate(weights.values()))
            subject, alt, when = subjects.pop() if len(subjects) > 1 else self._numbered(subjects)
            subject_key = normalize_text(subject)
            aliased = rnd() < self.alias_rate
            alt_key = ""
            if aliased:
                self.aliases.append((subject, alt))
                alt_key = normalize_text(alt)
            specs, spec_cum = family.predicates, predicate_cums[family.name]
            n_predicates = min(len(specs), 1 + int(rnd() ** 1.5 * len(specs)))
            chosen: list[PredicateSpec] = []
            while len(chosen) < n_predicates:
                spec = specs[bisect.bisect(spec_cum, rnd() * spec_cum[-1])]
                if spec not in chosen:
                    chosen.append(spec)
            start = when + int(rnd() * 28) if when else EPOCH + int(rnd() * STORY_DAYS)
            for spec in chosen:
                k = min(remaining, self._story_size())
                if k <= 0:
                    break
                self.plans.append((start, len(self.props)))
                self.props.append(
                    Proposition(
                        family, spec, subject, alt, subject_key, alt_key,
                        predicate_keys[spec.name], k, start, aliased,
                    )
                )  # fmt: skip
                remaining -= k
                start += int(rnd() * 4)

    def stream(self) -> Iterator[list[Any]]:
        """Every claim, in the order the claims were recorded (the order of their ids).

        Stories are told in the order they start; a claim is never recorded before its
        story starts, so whatever was recorded before the next story's first day can be
        handed on. Only the claims of the last weeks wait in the heap: memory stays
        small whatever the size of the record.
        """
        heap: list[tuple[int, int, list[Any]]] = []
        order = itertools.count()  # ties broken by the order of drawing: deterministic
        for start, prop in sorted(self.plans):
            horizon = start * 86400
            while heap and heap[0][0] < horizon:
                yield heapq.heappop(heap)[2]
            for record in self._story(prop) if prop >= 0 else [self._unattached(start)]:
                heapq.heappush(heap, (record[R_RECORDED], next(order), record))
        while heap:
            yield heapq.heappop(heap)[2]

    def _subjects(self, family: Family) -> list[tuple[str, str, int | None]]:
        subjects = list(family.subjects())
        self.rng.shuffle(subjects)
        return subjects

    def _numbered(self, last: list[tuple[str, str, int | None]]) -> tuple[str, str, int | None]:
        """A record beyond the vocabulary: "embassy of Chad in Peru (2)" and so on."""
        self._beyond += 1
        s, a, when = last[0]
        return f"{s} ({self._beyond + 1})", f"{a} ({self._beyond + 1})", when

    def _story_size(self) -> int:
        # Zipf-like, 1 to 40 claims with P(k) ~ 1/k: a quarter of the propositions rest
        # on one claim, the median on 5, the mean on 9 or 10; one in 15 has 30 or more.
        return 1 + bisect.bisect(STORY_SIZES, self.rng.random() * STORY_SIZES[-1])

    def _origins(self, which: str, family: Family, subject: str) -> list[int]:
        """1 to 3 origins for a line of reporting; none: the outlets' own reporting."""
        r = self.rng.random()
        n = 1 if r < 0.6 else 2 if r < 0.9 else 3
        found = dict.fromkeys(self._origin(which, family, subject) for _ in range(n))
        return [o for o in found if o != OWN]

    def _story(self, prop: int) -> list[list[Any]]:
        """The claims about one proposition, as the story spreads."""
        p = self.props[prop]
        family, spec, subject, k, start = p.family, p.spec, p.subject, p.claims, p.start
        rng = self.rng
        rnd = rng.random
        model = spec.model
        base = model.base(rng, start)
        if k >= 3 and rnd() < model.timeline_rate:
            bases = model.timeline(rng, base, rng.randint(2, 4))
            as_of: list[int | None] = []
            day = start
            for _ in bases:
                as_of.append(day)
                day += 1 + int(rnd() * 8)
            self.stats["timeline"] += 1
        else:
            bases, as_of = [base], [None]

        main = Branch("asserts", bases, as_of, self._origins("main", family, subject), [])
        conflict = denial = None
        # "reason" is multi-valued: a second reason is a rival explanation, so more common.
        if k >= 3 and rnd() < (0.35 if spec.name in MULTI_VALUED else 0.12):
            other = model.conflict(rng, bases[-1])
            origins = self._origins("conflict", family, subject)
            conflict = Branch("asserts", [other], [as_of[-1]], origins, [])
        if k >= 2 and rnd() < 0.07:
            origins = self._origins("denial", family, subject)
            denial = Branch("denies", [bases[-1]], [as_of[-1]], origins, [])

        story_claims: list[list[Any]] = []
        for i in range(k):
            branch = main
            if i:
                r = rnd()
                if conflict is not None and r < 0.18:
                    branch = conflict
                elif denial is not None and r > 0.92:
                    branch = denial
            if not branch.claims or rnd() < 0.22:
                record = self._original(prop, model, branch, i, k, start)
            else:
                record = self._echo(prop, model, branch)
            if p.aliased and rnd() < 0.3:
                record[R_VARIANT] = 1  # written with the other phrasing of the subject
            elif rnd() < 0.05:
                record[R_VARIANT] = 2  # in other letter case: the same subject key
            branch.claims.append(record)
            story_claims.append(record)
        if conflict is not None and conflict.claims:
            self.stats["conflict"] += 1
        if denial is not None and denial.claims:
            self.stats["denial"] += 1
        if k >= 4 and rnd() < 0.03:
            self._cycle(story_claims)
        return story_claims

    def _original(
        self, prop: int, model: Model, branch: Branch, i: int, k: int, start: int
    ) -> list[Any]:
        """A claim straight from the branch's origins (or the outlet's own reporting)."""
        rnd = self.rng.random
        n = len(branch.bases)
        # Later claims tend to report later states of a timeline.
        state = min(n - 1, int((i / k + rnd() * 0.3) * n))
        base = branch.bases[state]
        value = model.forms(base).pick(rnd)
        as_of = branch.as_of[state]
        day = (as_of or start) + int(-math.log(1.0 - rnd()) / 0.7)
        if as_of is not None and rnd() < 0.03:
            as_of = None  # the figure is given without saying when it held
        origins = branch.origins
        sources: tuple[int, ...] = ()
        if origins:
            if len(origins) == 1 or rnd() < 0.6:
                sources = (origins[int(rnd() * len(origins))],)
            else:
                sources = tuple(origins)
        grades: tuple[int, ...]
        if branch.stance == "denies":
            grades = DENIAL_CONFIDENCE
        else:
            grades = CONFIDENCE_BY_ORIGIN[self.pools.entries[sources[0]][0] if sources else ""]
        return [
            day * 86400 + 3600 + int(rnd() * 29 * 3600), prop, self._outlet(self.orig_cum),
            value, branch.stance, as_of, self._pub_code(day), grades[int(rnd() * len(grades))],
            sources, 0, rnd() < 0.003, None, True, base,
        ]  # fmt: skip

    def _echo(self, prop: int, model: Model, branch: Branch) -> list[Any]:
        """A claim citing ``outlet:X`` for an earlier claim of X in the same branch."""
        rnd = self.rng.random
        claims = branch.claims
        target = claims[int(rnd() * len(claims))]  # an echo too, at times: two hops or more
        outlet = self._outlet(self.echo_cum, avoid=target[R_OUTLET])
        sources: tuple[int, ...] = (-2 - target[R_OUTLET],)  # outlet:<target's outlet>
        if branch.origins and rnd() < 0.15:
            sources += (branch.origins[0],)  # "citing X and a ministry statement"
        value = target[R_VALUE]
        if rnd() < 0.15:  # rewritten in the echoing outlet's own style, still compatible
            value = model.forms(target[R_BASE]).pick(rnd)
        day = target[R_PUB] // 4 + (0 if rnd() < 0.45 else 1 + int(-math.log(1.0 - rnd()) / 0.8))
        recorded = max(day * 86400 + 3600 + int(rnd() * 29 * 3600), target[R_RECORDED] + 600)
        confidence = 6 if rnd() < 0.45 else min(6, target[R_CONF] + (rnd() < 0.33))
        return [
            recorded, prop, outlet, value, branch.stance, target[R_ASOF], self._pub_code(day),
            confidence, sources, 0, rnd() < 0.003, target, False, target[R_BASE],
        ]  # fmt: skip

    def _cycle(self, claims: list[list[Any]]) -> None:
        """An original later cites one of its own echoes: A -> origin, B -> A, A -> B."""
        for echo in claims:
            original = echo[R_TARGET]
            if original is not None and original[R_ORIGINAL]:
                back = -2 - echo[R_OUTLET]
                if back not in original[R_SOURCES] and echo[R_OUTLET] != original[R_OUTLET]:
                    original[R_SOURCES] = (*original[R_SOURCES], back)
                    self.stats["cycle"] += 1
                    return

    def _unattached(self, day: int) -> list[Any]:
        """A claim recorded without subject, predicate and value."""
        rng = self.rng
        sources: tuple[int, ...] = ()
        if rng.random() < 0.7:
            sources = (self.pools.pick(rng.choice(("anonymous", "official", "person"))),)
        city = rng.choice(CITIES)[0]
        return [
            day * 86400 + rng.randrange(3600, 30 * 3600), -1, self._outlet(self.orig_cum),
            f"Unconfirmed reports of {rng.choice(EVENTS)} near {city}", "asserts", None,
            self._pub_code(day), rng.choice((3, 4, 5, 6, 6)), sources, 0,
            rng.random() < 0.003, None, True, None,
        ]  # fmt: skip

    def _pub_code(self, day: int) -> int:
        """Publication day and how precisely the outlet dated it, in one int."""
        r = self.rng.random()
        return day * 4 + (0 if r < 0.92 else 1 if r < 0.97 else 2 if r < 0.99 else 3)


# --------------------------------------------------------------------------- writing

CLAIM_COLUMNS = (
    "id text outlet_id published_on published_until date_precision date_part url headline "
    "confidence subject subject_key predicate predicate_key value value_kind value_low "
    "value_high value_unit as_of_start as_of_end as_of_precision as_of_part stance "
    "recorded_at recorded_by version updated_at updated_by retracted_on retraction_note "
    "article_id"
).split()
ARTICLE_COLUMNS = (
    "id outlet_id published_on published_until date_precision date_part url headline byline "
    "match_key created_at created_by"
).split()
CHUNK = 50_000
ARTICLE_DAYS = 3  # an outlet's claims on one subject within this many days: one article
NO_PERIOD = (None, None, None, None, None)


class Writer:
    """Turns generated records into rows exactly as claims.store would write them.

    What repeats (days, clock times, parsed values and dates, a proposition's
    spellings) is computed once and looked up: the loop over a million claims only
    assembles strings and tuples.
    """

    def __init__(self, gen: Generator, con: Rows) -> None:
        self.gen = gen
        self.con = con
        self.rng = random.Random(gen.rng.random())
        self._days: dict[int, str] = {}
        # " HH:MM:SS.000000" for each second of a day: a timestamp is a day plus one of these.
        self._clocks = [
            f" {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.000000" for s in range(86400)
        ]
        self._periods: dict[int, tuple[str, str, str, str, str]] = {}  # day * 4 + precision
        self._values: dict[str, tuple[str, float | None, float | None, str | None]] = {}
        self.source_ids: dict[int, int] = {}  # pool index, or -2 - outlet index -> id
        self.source_names: dict[int, str] = {}
        self.source_rows: list[tuple[Any, ...]] = []
        self._flushed = 0  # source rows already inserted
        self.versions: list[tuple[Any, ...]] = []  # claim_versions rows of retracted claims
        # An outlet's claims on one subject within a few days are one article, dated,
        # addressed and headlined as the first of them; filed by the store's own key, so
        # two that the store would take for one article are one here too.
        self._story_articles: dict[tuple[int, int, str], int] = {}
        self._matching: dict[tuple[int, str], int] = {}  # (outlet id, match key) -> id
        self._dates: dict[int, Period] = {}  # publication code -> its period
        self.article_rows: list[tuple[Any, ...]] = []  # not inserted yet
        # Per article id: its URL, headline and publication (a code, as ``period`` reads).
        self.article_of: list[tuple[str | None, str | None, int]] = [(None, None, 0)]

    def day(self, ordinal: int) -> str:
        text = self._days.get(ordinal)
        if text is None:
            text = self._days[ordinal] = dt.date.fromordinal(ordinal).isoformat()
        return text

    def timestamp(self, seconds: int) -> str:
        """SQLAlchemy's SQLite DateTime storage format, as every command writes it."""
        day, second = divmod(seconds, 86400)
        return self.day(day) + self._clocks[second]

    def period(self, code: int) -> tuple[str, str, str, str, str]:
        """(start, end, precision, part, iso) of day ``code // 4`` written at precision
        ``code % 4``: 0 the day, 1 its month, 2 early/mid/late month, 3 its year."""
        found = self._periods.get(code)
        if found is None:
            d = dt.date.fromordinal(code // 4)
            part = "early" if d.day <= 10 else "mid" if d.day <= 20 else "late"
            written = (
                d.isoformat(), f"{d.year}-{d.month:02d}", f"{part} {d.year}-{d.month:02d}",
                str(d.year),
            )[code % 4]  # fmt: skip
            p = parse_date(written)
            found = (p.start.isoformat(), p.end.isoformat(), p.precision, p.part, p.iso())
            self._periods[code] = found
        return found

    def article(
        self,
        outlet_index: int,
        pub: int,
        slug: str,
        sentence: str,
        recorded_at: str,
        recorded_by: str,
    ) -> int:
        """The id of the article a claim is in, recorded with the first claim of it."""
        story = (outlet_index, pub // 4 // ARTICLE_DAYS, slug)
        found = self._story_articles.get(story)
        if found is not None:
            return found
        rnd = self.rng.random
        start, end, precision, part, _ = self.period(pub)
        url = None
        if rnd() < 0.7:
            key = self.gen.outlets[outlet_index]["key"]
            number = len(self.article_of)
            url = f"https://www.{key}.com/{start[:4]}/{start[5:7]}/{slug}-{number}"
        headline = sentence if rnd() < 0.25 else None
        byline = None
        if rnd() < 0.5:
            byline = (
                f"{FIRST_NAMES[int(rnd() * len(FIRST_NAMES))]} "
                + (LAST_NAMES[int(rnd() * len(LAST_NAMES))])
            )
        date = self._dates.get(pub)
        if date is None:
            date = self._dates[pub] = Period(
                dt.date.fromisoformat(start), dt.date.fromisoformat(end), precision, part
            )
        match = article_key(date, url, headline)
        found = self._matching.get((outlet_index, match))
        if found is None:
            found = self._matching[outlet_index, match] = len(self.article_of)
            self.article_rows.append(
                (found, outlet_index + 1, start, end, precision, part, url, headline, byline,
                 match, recorded_at, recorded_by)
            )  # fmt: skip
            self.article_of.append((url, headline, pub))
        self._story_articles[story] = found
        return found

    def value(self, text: str) -> tuple[str, float | None, float | None, str | None]:
        found = self._values.get(text)
        if found is None:
            v = parse_value(text)
            found = self._values[text] = (v.kind, v.low, v.high, v.unit or None)
        return found

    def new_source(self, ref: int, recorded_at: str) -> int:
        """The row for a source a claim names for the first time, as claims add creates it."""
        found = self.source_ids[ref] = len(self.source_rows) + 1
        row: tuple[Any, ...]
        if ref <= -2:  # outlet:<name>: kind 'outlet' with outlet_id, named as the outlet
            index = -2 - ref
            o = self.gen.outlets[index]
            row = (found, "outlet", o["name"], o["key"], None, None, index + 1)
        else:
            kind, name, role, grade = self.gen.pools.entries[ref]
            row = (found, kind, name, name_key(name), role, grade, None)
        self.source_names[ref] = row[2]
        self.source_rows.append((*row, recorded_at, RECORDERS[int(self.rng.random() * 3)]))
        return found

    def alias_pairs(self) -> list[tuple[str, str, str, str]]:
        """(subject, key, other, other key): one row per pair, smaller key first, as
        store.add_alias keeps them."""
        pairs = []
        for s, t in self.gen.aliases:
            ks, kt = normalize_text(s), normalize_text(t)
            pairs.append((s, ks, t, kt) if ks < kt else (t, kt, s, ks))
        return pairs

    @staticmethod
    def spellings(p: Proposition) -> tuple[tuple[str, str, str, str, str, tuple[str, ...]], ...]:
        """(subject, subject key, URL slug, predicate, predicate key, templates) for each
        way a claim may write the proposition (see R_VARIANT)."""
        predicate = (p.spec.name, p.predicate_key, p.spec.templates)
        other_case = p.subject.lower() if p.subject[:1].isupper() else p.subject.capitalize()
        slug = p.subject_key.replace(" ", "-")
        return (
            (p.subject, p.subject_key, slug, *predicate),
            (p.alt, p.alt_key, p.alt_key.replace(" ", "-"), *predicate),
            (other_case, p.subject_key, slug, *predicate),
        )

    def write(self) -> tuple[int, int]:
        """Insert everything; return the number of sources and of claim-source links."""
        gen, con = self.gen, self.con
        created = self.timestamp((EPOCH - 30) * 86400 + 9 * 3600)
        con.executemany(
            "INSERT INTO outlets (id, name, name_key, kind, country, reliability, created_at,"
            " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (i + 1, o["name"], o["key"], o["kind"], o["country"], o["reliability"], created,
                 "desk")
                for i, o in enumerate(gen.outlets)
            ],
        )  # fmt: skip
        con.executemany(
            "INSERT INTO subject_aliases (subject, subject_key, other, other_key, created_at,"
            " created_by) VALUES (?, ?, ?, ?, ?, ?)",
            [(*pair, created, "desk") for pair in self.alias_pairs()],
        )
        con.executemany(
            "INSERT INTO predicates (name, name_key, multi_valued, updated_at, updated_by)"
            " VALUES (?, ?, 1, ?, 'desk')",
            [(p, normalize_text(p), created) for p in MULTI_VALUED],
        )
        claim_sql = (
            f"INSERT INTO claims ({', '.join(CLAIM_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(CLAIM_COLUMNS))})"
        )
        link_sql = "INSERT INTO claim_sources (claim_id, source_id, position) VALUES (?, ?, ?)"
        claims: list[tuple[Any, ...]] = []
        links: list[tuple[int, int, int]] = []
        n_links = 0
        rnd = self.rng.random
        outlets = gen.outlets
        spellings = [self.spellings(p) for p in gen.props]
        days, clocks, periods, values = self._days, self._clocks, self._periods, self._values
        source_ids, source_names = self.source_ids, self.source_names
        n_recorders = len(RECORDERS)
        subject: str | None
        skey: str | None
        predicate: str | None
        pkey: str | None
        kind: str | None
        unit: str | None
        low: float | None
        high: float | None
        as_of_period: tuple[str | None, str | None, str | None, str | None, str | None]
        for claim_id, r in enumerate(gen.stream(), start=1):
            recorded, prop, outlet_index, value, stance, as_of, pub, confidence, refs = r[:9]
            day, second = divmod(recorded, 86400)
            recorded_at = (days.get(day) or self.day(day)) + clocks[second]
            recorded_by = RECORDERS[int(rnd() ** 2 * n_recorders)]  # some record far more
            if len(refs) > 1:
                refs = tuple(dict.fromkeys(refs))
            ids = []
            for position, ref in enumerate(refs):
                source_id = source_ids.get(ref) or self.new_source(ref, recorded_at)
                ids.append(source_id)
                links.append((claim_id, source_id, position))
            if prop >= 0:
                subject, skey, slug, predicate, pkey, templates = spellings[prop][r[R_VARIANT]]
                kind, low, high, unit = values.get(value) or self.value(value)
                sentence = templates[int(rnd() * len(templates))].format(s=subject, v=value)
                if stance == "denies":
                    if sentence.startswith("The "):
                        sentence = "the" + sentence[3:]
                    sentence = "Officials deny that " + sentence
                else:
                    sentence = sentence[:1].upper() + sentence[1:]
                as_of_period = NO_PERIOD
                if as_of is not None:
                    code = as_of * 4 + (rnd() < 0.03)  # the day, at times just its month
                    as_of_period = periods.get(code) or self.period(code)
            else:  # no proposition: the record's text is all there is
                sentence, value, slug = value, None, "report"
                subject = skey = predicate = pkey = kind = unit = low = high = None
                as_of_period = NO_PERIOD
            a_start, a_end, a_precision, a_part, a_iso = as_of_period
            text = sentence
            if refs:
                cited = refs[0]
                text += (", citing " if cited <= -2 else ", according to ") + source_names[cited]
            # A claim takes its article's date, URL and headline, as the store files it.
            article_id = self.article(outlet_index, pub, slug, sentence, recorded_at, recorded_by)
            url, headline, pub = self.article_of[article_id]
            start, end, precision, part, date_iso = periods.get(pub) or self.period(pub)
            version, updated_at, updated_by, retracted_on, note = 1, None, None, None, None
            if r[R_RETRACT]:
                # As claims retract does: version 2, with version 1 kept in claim_versions.
                version = 2
                updated_at = self.timestamp(recorded + 86400 + int(rnd() * 13 * 86400))
                updated_by, retracted_on = recorded_by, updated_at[:10]
                note = RETRACTION_NOTES[int(rnd() * len(RETRACTION_NOTES))]
                snapshot = {
                    "id": claim_id, "text": text, "outlet": outlets[outlet_index]["name"],
                    "date": date_iso, "date_precision": precision, "date_start": start,
                    "date_end": end, "confidence": confidence,
                    "confidence_name": CONFIDENCE[confidence],
                    "sources": [
                        {"kind": row[1], "name": row[2], "role": row[4]}
                        for row in (self.source_rows[i - 1] for i in ids)
                    ],
                    "subject": subject, "predicate": predicate, "value": value,
                    "value_kind": kind, "as_of": a_iso, "stance": stance, "url": url,
                    "headline": headline, "retracted": False, "retracted_on": None,
                    "retraction_note": None,
                    "recorded_at": recorded_at[:19].replace(" ", "T") + "Z",
                    "recorded_by": recorded_by, "version": 1, "updated_at": None,
                    "updated_by": None,
                }  # fmt: skip
                self.versions.append(
                    (claim_id, 1, json.dumps(snapshot, ensure_ascii=False, sort_keys=True),
                     updated_at, updated_by, note)
                )  # fmt: skip
                gen.stats["retracted"] += 1
            claims.append(
                (
                    claim_id, text, outlet_index + 1, start, end, precision, part, url, headline,
                    confidence, subject, skey, predicate, pkey, value, kind, low, high, unit,
                    a_start, a_end, a_precision, a_part, stance, recorded_at, recorded_by,
                    version, updated_at, updated_by, retracted_on, note, article_id,
                )
            )  # fmt: skip
            if len(claims) >= CHUNK:
                # Sources first: a claim_sources row must find its source (foreign key).
                self._flush_sources()
                self._flush_articles()
                con.executemany(claim_sql, claims)
                con.executemany(link_sql, links)
                n_links += len(links)
                claims, links = [], []
        self._flush_sources()
        self._flush_articles()
        con.executemany(claim_sql, claims)
        con.executemany(link_sql, links)
        con.executemany(
            "INSERT INTO claim_versions (claim_id, version, snapshot, change, changed_at,"
            " changed_by, note) VALUES (?, ?, ?, 'retract', ?, ?, ?)",
            self.versions,
        )
        return len(self.source_rows), n_links + len(links)

    def _flush_sources(self) -> None:
        self.con.executemany(
            "INSERT INTO sources (id, kind, name, name_key, role, reliability, outlet_id,"
            " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self.source_rows[self._flushed :],
        )
        self._flushed = len(self.source_rows)

    def _flush_articles(self) -> None:
        self.con.executemany(
            f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})",
            self.article_rows,
        )
        self.article_rows = []


# --------------------------------------------------------------------------- main


class Rows(Protocol):
    """Where the Writer sends its rows."""

    def executemany(self, sql: str, rows: Sequence[tuple[Any, ...]], /) -> Any: ...


# For one bulk load into a database nobody else uses: no journal, no fsync, and the
# constraints verified once by --check instead of row by row. CHECK constraints matter
# most: each "x IN (...)" check builds a little table on every execution, which nearly
# doubles the cost of inserting a claims row.
BULK_PRAGMAS = (
    "journal_mode = OFF", "synchronous = OFF", "foreign_keys = OFF",
    "ignore_check_constraints = ON", "cache_size = -262144", "temp_store = MEMORY",
)  # fmt: skip


class Inserter:
    """The load: one transaction on a plain sqlite3 connection, tuned for bulk inserts."""

    def __init__(self, path: Path) -> None:
        # Python's sqlite3 binds None through its adaptation protocol, paying for a failed
        # attribute lookup (an exception) per NULL; a C-level adapter that returns None
        # makes a claims row, which has a dozen NULLs, bind in half the time.
        sqlite3.register_adapter(type(None), cast("Callable[[None], None]", {}.get))
        self._con = sqlite3.connect(path, isolation_level=None)
        for pragma in BULK_PRAGMAS:
            self._con.execute(f"PRAGMA {pragma}")
        self._con.execute("BEGIN")
        # Secondary indexes are dropped and built again at the end from the very SQL the
        # migrations created them with: measured at a million claims, 10 s less than
        # keeping them up to date row by row.
        self._indexes: list[tuple[str, str]] = self._con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            " AND tbl_name IN ('claims', 'claim_sources', 'sources')"
        ).fetchall()
        for name, _ in self._indexes:
            self._con.execute(f'DROP INDEX "{name}"')

    def executemany(self, sql: str, rows: Sequence[tuple[Any, ...]], /) -> None:
        self._con.executemany(sql, rows)

    def finish(self) -> None:
        for _, sql in self._indexes:
            self._con.execute(sql)
        self._con.execute("COMMIT")
        # Leave the file as the claims command leaves it: in WAL mode.
        self._con.execute("PRAGMA journal_mode = WAL")
        self._con.close()

    def abort(self) -> None:
        self._con.close()


def build(path: Path, n_claims: int, seed: int, alias_rate: float) -> str:
    """Create the database at ``path``; return the one-line summary."""
    started = time.perf_counter()
    open_database(str(path)).dispose()  # the project's own schema, through its migrations
    inserter = Inserter(path)
    try:
        gen = Generator(n_claims, seed, alias_rate)
        gen.plan()
        writer = Writer(gen, inserter)
        n_sources, n_links = writer.write()
        n_articles = len(writer.article_of) - 1
        inserter.finish()
    except BaseException:
        inserter.abort()
        raise
    elapsed = time.perf_counter() - started
    s = gen.stats
    return (
        f"{path}: {n_claims:,} claims, {len(gen.props):,} propositions, "
        f"{len(gen.outlets)} outlets, {n_articles:,} articles, {n_sources:,} sources, "
        f"{n_links:,} claim-source links, "
        f"{s['conflict']:,} conflicts, {s['denial']:,} denials, {s['timeline']:,} timelines, "
        f"{s['cycle']:,} cycles, {len(gen.aliases):,} aliases, {s['retracted']:,} retracted; "
        f"{elapsed:.1f} s"
    )


def check(path: Path) -> list[str]:
    """Problems the store would never leave behind; empty when the database is sound."""
    con = sqlite3.connect(path)
    try:
        problems = [f"foreign key: {row}" for row in con.execute("PRAGMA foreign_key_check")]
        queries = {
            "outlet source without outlet_id": (
                "SELECT count(*) FROM sources WHERE (kind = 'outlet') != (outlet_id IS NOT NULL)"
            ),
            "outlet source named unlike its outlet": (
                "SELECT count(*) FROM sources s JOIN outlets o ON o.id = s.outlet_id"
                " WHERE s.name_key != o.name_key"
            ),
            "source created after a claim citing it": (
                "SELECT count(*) FROM claim_sources cs JOIN claims c ON c.id = cs.claim_id"
                " JOIN sources s ON s.id = cs.source_id WHERE s.created_at > c.recorded_at"
            ),
            "half a proposition": (
                "SELECT count(*) FROM claims WHERE (subject_key IS NULL) != (value IS NULL)"
                " OR (subject_key IS NULL) != (predicate_key IS NULL)"
            ),
        }
        for what, sql in queries.items():
            if (n := con.execute(sql).fetchone()[0]) != 0:
                problems.append(f"{what}: {n}")
        if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check failed")
    finally:
        con.close()
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--claims", type=int, required=True, help="how many claims")
    parser.add_argument("--db", type=Path, required=True, help="SQLite file to create")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--alias-rate",
        type=float,
        default=0.01,
        help="share of subjects also written another way, with an alias declared (0.01)",
    )
    parser.add_argument("--check", action="store_true", help="verify the database afterwards")
    args = parser.parse_args(argv)
    if args.claims < 1:
        parser.error("--claims must be at least 1")
    if args.db.exists():
        print(f"error: {args.db} exists; refusing to overwrite it", file=sys.stderr)
        return 2
    try:
        print(build(args.db, args.claims, args.seed, args.alias_rate), flush=True)
    except BaseException:
        # Never leave half a database behind for a benchmark to reuse.
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        raise
    if args.check:
        problems = check(args.db)
        for problem in problems:
            print(f"check: {problem}", file=sys.stderr)
        if problems:
            return 1
        print("check: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())

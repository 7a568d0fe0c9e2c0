"""How fast `claims import` loads a large JSON-lines feed, next to what else a user has.

    python benchmarks/import_bench.py [--claims 1000000] [--runs 3] [--work DIR]

Generates a JSONL file of N claims (deterministic, seed 42: 500 outlets, N/20 sources,
N/10 propositions, dates and values written the ways reporters write them), then loads
that same file three ways, each on a fresh database, median of --runs:

- ``claims import FILE --quiet``: every record checked as ``claims add`` checks it,
  outlets and sources resolved or created, duplicates skipped, one transaction;
- ``sqlite-utils insert DB claims FILE --nl``: what a user would otherwise reach for,
  which checks nothing and writes the records as they are into one table
  (``pip install -e '.[bench]'``);
- the floor: the very rows ``claims import`` wrote (outlets, sources, claims,
  claim_sources), read back and built into Python tuples beforehand, inserted with raw
  ``sqlite3`` ``executemany`` into a fresh claims schema, in one transaction, the
  indexes dropped first and built at the end (as ``claims import`` does into an empty
  table). Only the inserts, the index builds and the commit are timed; its peak
  memory holds all the rows at once, so it says nothing about the others'.

Peak memory is the largest resident set of the process (``ru_maxrss`` of the child).
Prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

OUTLET_KINDS = ["newspaper", "wire-agency", "state-media", "broadcaster", "online", "other"]
COUNTRIES = ["KR", "JP", "RU", "US", "GB", "FR", "DE", "ES", "UA", "CN", "IN", "BR", "NG", "ZA"]
PLACES = (
    "Madrid Kampala Luanda Hong-Kong Seoul Tokyo Busan Lagos Kyiv Kharkiv Odesa Lviv Cairo "
    "Lima Quito Dhaka Pune Osaka Sapporo Leipzig Lyon Porto Riga Tartu Basel Geneva Izmir "
    "Homs Aleppo Sfax Dakar Accra Kumasi Mombasa Arusha Beira Bamako Niamey Kano Ibadan"
).split()
EVENTS = [
    "explosion at the port of",
    "fire in the market of",
    "flood in",
    "protest in",
    "embassy of the DPRK in",
    "strike at the factory in",
    "bridge collapse in",
    "train derailment near",
]
PREDICATES = {
    "killed": "count",
    "injured": "count",
    "status": "text",
    "evacuated": "count",
    "reason": "text",
    "began on": "date",
}
STATUSES = ["closed", "to close", "open", "under investigation", "contained", "suspended"]
REASONS = ["sanctions", "financial difficulties", "a gas leak", "arson", "heavy rain"]
FIRST = "Amir Anna Boris Carla Chen Dana Elif Emeka Farah Goran Hana Ivan Jin Kenji Lars".split()
LAST = "Abadi Alvarez Choi Costa Dubois Garcia Haddad Kim Lee Lopez Novak Park Rossi Sato".split()
MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _date_text(rng: random.Random, ordinal: int) -> str:
    import datetime as dt

    d = dt.date.fromordinal(ordinal)
    month = MONTHS[d.month - 1]
    return rng.choices(
        [
            d.isoformat(),
            f"{d.day} {month} {d.year}",
            f"{month} {d.year}",
            f"{month[:3]} {d.day}, {d.year}",
            f"{'early' if d.day <= 10 else 'mid' if d.day <= 20 else 'late'} {month} {d.year}",
        ],
        weights=[50, 20, 15, 10, 5],
    )[0]


def _value(rng: random.Random, kind: str, base: int) -> str:
    if kind == "count":
        return rng.choices(
            [str(base), f"about {round(base, -1) or base}", f"more than {max(1, base - 3)}",
             f"{base}-{base + 5}", f"at least {base}"],
            weights=[50, 20, 15, 10, 5],
        )[0]  # fmt: skip
    if kind == "date":
        return _date_text(rng, 739000 + base)
    return (STATUSES + REASONS)[base % (len(STATUSES) + len(REASONS))]


def _outlet_name(rng: random.Random) -> str:
    """A made-up outlet name such as "Vorakine Tribune": far apart from one another, as real
    names are (numbered names would all look like near-duplicates)."""
    syllables = "ka ro vel min tor sa lu ne bri dan eko fa gil hu ira jo".split()
    word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()
    return f"{word} {rng.choice(['Times', 'Herald', 'News', 'Post', 'Radio', 'Wire', 'Online'])}"


def records(n: int, seed: int = 42) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    outlets = [_outlet_name(rng) for _ in range(600)]
    outlets = list(dict.fromkeys(outlets))[:500]
    settings = {
        name: (rng.choice(OUTLET_KINDS), rng.choice(COUNTRIES), rng.choice("ABCDEF"))
        for name in outlets
    }
    n_sources = max(10, n // 20)
    kinds = ["person", "official", "document", "organization", "anonymous"]
    sources = [
        f"{kinds[i % 5]}:"
        + (
            f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
            if i % 5 in (0, 4)
            else f"{rng.choice(PLACES)} {['ministry', 'report', 'agency', 'office'][i % 4]} {i}"
        )
        for i in range(n_sources)
    ]
    n_props = max(5, n // 10)
    for i in range(n):
        prop = rng.randrange(n_props)
        event = EVENTS[prop % len(EVENTS)]
        subject = f"{event} {PLACES[prop % len(PLACES)]} ({prop})"
        predicate = list(PREDICATES)[prop % len(PREDICATES)]
        day = 738900 + (prop * 7) % 1000 + rng.randrange(10)
        outlet = rng.choice(outlets)
        cited = rng.sample(sources, rng.choice([0, 1, 1, 1, 2, 2, 3]))
        if rng.random() < 0.3:
            cited.append(f"outlet:{rng.choice(outlets)}")
        record: dict[str, object] = {
            "text": f"Reports say the {subject} {predicate} {i}: officials gave new figures.",
            "outlet": outlet,
            "date": _date_text(rng, day),
            "sources": cited,
            "subject": subject,
            "predicate": predicate,
            "value": _value(rng, PREDICATES[predicate], 5 + prop % 200),
            "url": f"https://news.example/{outlet.split()[-1]}/{i}",
        }
        if rng.random() < 0.3:
            record["headline"] = f"{subject.capitalize()}: what we know"
        if rng.random() < 0.2:
            record["as_of"] = _date_text(rng, day - rng.randrange(5))
        if rng.random() < 0.05:
            record["stance"] = "denies"
        if rng.random() < 0.5:
            record["confidence"] = rng.choice(["1", "2", "3", "probably-true", "doubtful", 6])
        kind, country, grade = settings[outlet]
        record.update(outlet_kind=kind, outlet_country=country, outlet_reliability=grade)
        yield record


def write_file(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records(n):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


# --- measuring ------------------------------------------------------------------------------

_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
    "elapsed = time.perf_counter() - start\n"
    "print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def measure(argv: list[str]) -> tuple[float, float]:
    """Seconds and peak resident memory (MiB) of one run of a command."""
    out = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *argv], check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024


_FLOOR = """
import sqlite3, sys, time, resource
source, target = sys.argv[1], sys.argv[2]
tables = ["outlets", "sources", "claims", "claim_sources"]
with sqlite3.connect(source) as db:
    rows = {t: db.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
    columns = {t: len(rows[t][0]) if rows[t] else 0 for t in tables}
db = sqlite3.connect(target, isolation_level=None)
for pragma in ("foreign_keys = ON", "journal_mode = WAL", "synchronous = NORMAL"):
    db.execute(f"PRAGMA {pragma}")
start = time.perf_counter()
db.execute("BEGIN IMMEDIATE")
# As `claims import` does into an empty table: indexes dropped, then built once at the end.
indexes = db.execute(
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    " AND tbl_name IN ('claims', 'claim_sources')"
).fetchall()
for name, _ in indexes:
    db.execute(f'DROP INDEX "{name}"')
for t in tables:
    marks = ", ".join("?" * columns[t])
    db.executemany(f"INSERT INTO {t} VALUES ({marks})", rows[t])
for _, ddl in indexes:
    db.execute(ddl)
db.execute("COMMIT")
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def floor(source: Path, target: Path) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", _FLOOR, str(source), str(target)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, help="Folder for the files (default: a temp one).")
    args = parser.parse_args()
    claims = shutil.which("claims")
    sqlite_utils = shutil.which("sqlite-utils")
    if not claims or not sqlite_utils:
        sys.exit("needs `claims` and `sqlite-utils` on PATH: pip install -e '.[bench]'")
    work = args.work or Path(tempfile.mkdtemp(prefix="claims-import-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    feed = work / f"claims-{args.claims}.jsonl"
    if not feed.exists():
        started = time.perf_counter()
        write_file(feed, args.claims)
        print(f"generated {feed} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    size = feed.stat().st_size / 2**20

    results: dict[str, list[tuple[float, float]]] = {"claims": [], "sqlite-utils": [], "floor": []}
    for run in range(args.runs):
        db = work / f"claims-{run}.db"
        for path in work.glob(f"*-{run}.db*"):
            path.unlink()
        subprocess.run([claims, "--db", str(db), "init"], check=True, capture_output=True)
        results["claims"].append(measure([claims, "--db", str(db), "import", str(feed), "-q"]))
        su = work / f"su-{run}.db"
        results["sqlite-utils"].append(
            measure([sqlite_utils, "insert", str(su), "claims", str(feed), "--nl"])
        )
        target = work / f"floor-{run}.db"
        subprocess.run([claims, "--db", str(target), "init"], check=True, capture_output=True)
        results["floor"].append(floor(db, target))
        print(f"run {run + 1}: " + ", ".join(f"{k} {v[-1][0]:.1f} s" for k, v in results.items()),
              file=sys.stderr)  # fmt: skip
        for path in work.glob(f"*-{run}.db*"):
            path.unlink()

    medians = {k: statistics.median(t for t, _ in v) for k, v in results.items()}
    peaks = {k: max(m for _, m in v) for k, v in results.items()}
    print(
        f"\n{args.claims:,} claims, {size:.0f} MiB of JSONL; median of {args.runs} runs; "
        f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}\n"
    )
    print("| load | time | claims/s | peak memory | vs floor |")
    print("|---|---|---|---|---|")
    labels = {
        "claims": "`claims import` (checked)",
        "sqlite-utils": "`sqlite-utils insert --nl` (unchecked)",
        "floor": "raw `executemany`, rows pre-built",
    }
    for key, label in labels.items():
        print(
            f"| {label} | {medians[key]:.1f} s | {args.claims / medians[key]:,.0f} | "
            f"{peaks[key]:.0f} MiB | {medians[key] / medians['floor']:.2f}x |"
        )


if __name__ == "__main__":
    main()

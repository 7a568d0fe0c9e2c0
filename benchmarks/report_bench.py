"""How long `claims report` takes on large records, and how the page behaves in a browser.

For each size: a synthetic record from benchmarks/generate.py (kept in benchmarks/work/),
then, each in a fresh process, `claims report -o FILE` (wall time and peak memory, median
of --runs), the part of that time spent cross-referencing (the same work timed alone in
a fresh process), the file's size, and headless Chromium opening it: time to the load event,
and time until the page answers a search (it is usable), median of --runs. The load
average before each size is printed too: on a shared machine it says how much of the
CPU the numbers had.

    python benchmarks/report_bench.py [--sizes 10000,100000] [--runs 3] [--write]

--write saves the table to benchmarks/results/report.md. Run it with the checkout
first on PYTHONPATH (or installed), so that `claims` is the code under test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def record(size: int) -> Path:
    db = WORK / f"claims-{size}.db"
    if not db.exists():
        WORK.mkdir(exist_ok=True)
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "--claims", str(size), "--db", str(db)],
            check=True,
        )
    return db


def write_report(db: Path, out: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB) of one `claims report` process."""
    start = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", "claims", "--db", str(db), "report", "-o", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    return seconds, int(result.stderr.strip().splitlines()[-1])


# What `claims report` spends cross-referencing (claims.store.evidence, claims.xref), timed the
# same way in a fresh process: the rest of the write time is the report's own.
CROSS_REFERENCE = """
import gc, sys, time
gc.disable()  # as claims report does
from claims import open_database
from claims import verdicts
db = open_database(sys.argv[1])
start = time.perf_counter()
with db.session() as session:
    for _ in verdicts.judged(session):
        pass
    for _ in verdicts.unattached(session):
        pass
print(time.perf_counter() - start)
"""


def cross_reference(db: Path) -> float:
    result = subprocess.run(
        [sys.executable, "-c", CROSS_REFERENCE, str(db)], check=True, capture_output=True, text=True
    )
    return float(result.stdout)


def open_in_chromium(path: Path) -> tuple[float, float]:
    """Seconds to the load event, and until a search has filtered the propositions."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        start = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load", timeout=300_000)
        loaded = time.perf_counter() - start
        page.fill("#filter-text", "status")
        page.wait_for_function("document.getElementById('filter-count').textContent !== ''")
        usable = time.perf_counter() - start
        browser.close()
    return loaded, usable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    rows = []
    loads = []
    for size in (int(s) for s in args.sizes.split(",")):
        db = record(size)
        loads.append(f"{size:,}: {os.getloadavg()[0]:.1f}")
        out = WORK / f"report-{size}.html"
        writes = [write_report(db, out) for _ in range(args.runs)]
        xref = [cross_reference(db) for _ in range(args.runs)]
        opens = [open_in_chromium(out) for _ in range(args.runs)]
        rows.append(
            f"| {size:,} | {statistics.median(w[0] for w in writes):.1f} s "
            f"| {statistics.median(xref):.1f} s "
            f"| {max(w[1] for w in writes) / 1024:.0f} MB "
            f"| {out.stat().st_size / 1e6:.1f} MB "
            f"| {statistics.median(o[0] for o in opens):.2f} s "
            f"| {statistics.median(o[1] for o in opens):.2f} s |"
        )
    lines = [
        f"Measured {dt.date.today()} with `python benchmarks/report_bench.py --sizes "
        f"{args.sizes} --runs {args.runs}`: {platform.machine()}, {os.cpu_count()} cores, "
        f"CPython {platform.python_version()}, Chromium from {CHROMIUM}; median of "
        f"{args.runs} runs. Load average (1 min) before each size: {'; '.join(loads)}.",
        "",
        "| claims | write report | of which cross-referencing | peak memory | file size "
        "| Chromium: loaded | usable (searched) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
    ]
    print("\n".join(lines))
    if args.write:
        (HERE / "results").mkdir(exist_ok=True)
        title = "# `claims report` on synthetic records\n\n"
        (HERE / "results" / "report.md").write_text(title + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

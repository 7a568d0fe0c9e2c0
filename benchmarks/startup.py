"""How long `claims --help` and one `claims add` take, next to sqlite-utils.

Both tools are run as a user runs them: a fresh process per command, on a database
that already exists, from an installation whose bytecode is compiled (as pip leaves it:
PYTHONDONTWRITEBYTECODE is taken out of the environment, and each command runs once
before it is timed). The two commands run by turns, so a busy moment on a shared machine
slows both. Prints medians of N runs and the ratio claims / sqlite-utils.

    python benchmarks/startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def seconds(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env=ENV)
    return time.perf_counter() - start


def by_turns(
    ours: Callable[[int], list[str]], theirs: Callable[[int], list[str]], runs: int
) -> tuple[float, float]:
    """Median seconds of each command, run one after the other ``runs`` times."""
    seconds(ours(-1)), seconds(theirs(-1))  # bytecode written, files in the page cache
    times: tuple[list[float], list[float]] = ([], [])
    for i in range(runs):
        times[0].append(seconds(ours(i)))
        times[1].append(seconds(theirs(i)))
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    claims = shutil.which("claims")
    sqlite_utils = shutil.which("sqlite-utils")
    if not claims or not sqlite_utils:
        sys.exit("needs `claims` and `sqlite-utils` on PATH: pip install -e '.[bench]'")
    work = Path(tempfile.mkdtemp(prefix="claims-bench-"))
    claims_db = str(work / "claims.db")
    su_db = str(work / "su.db")
    subprocess.run(
        [claims, "--db", claims_db, "outlet", "add", "Korea Times"], check=True, capture_output=True
    )
    row = work / "row.json"
    row.write_text(
        json.dumps(
            {"text": "Embassy in Madrid closes", "outlet": "Korea Times", "date": "2026-11-01"}
        )
    )
    subprocess.run(
        [sqlite_utils, "insert", su_db, "claims", str(row)], check=True, capture_output=True
    )

    results = {
        "--help": by_turns(
            lambda i: [claims, "--help"], lambda i: [sqlite_utils, "--help"], args.runs
        ),
        "add one claim": by_turns(
            lambda i: [
                claims,
                "--db",
                claims_db,
                "add",
                f"Embassy closes {i}",
                "--outlet",
                "Korea Times",
                "--date",
                "2026-11-01",
                "--subject",
                "DPRK embassy in Spain",
                "--predicate",
                "status",
                "--value",
                "closed",
                "--source",
                "document:DPRK decision",
            ],
            lambda i: [sqlite_utils, "insert", su_db, "claims", str(row)],
            args.runs,
        ),
    }
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, median of {args.runs} runs"
    )
    print(f"{'command':<16}{'claims':>10}{'sqlite-utils':>14}{'ratio':>8}")
    for name, (ours, theirs) in results.items():
        print(f"{name:<16}{ours * 1000:>8.0f}ms{theirs * 1000:>12.0f}ms{ours / theirs:>7.2f}x")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()

"""How long `claims --help` and one `claims add` take, next to sqlite-utils.

Both tools are run as a user runs them: a fresh process per command, on a database
that already exists. Prints medians of N runs and the ratio claims / sqlite-utils.

    python benchmarks/startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def median_seconds(command: Callable[[int], list[str]], runs: int) -> float:
    times = []
    for i in range(runs):
        argv = command(i)
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
        "--help": (
            median_seconds(lambda i: [claims, "--help"], args.runs),
            median_seconds(lambda i: [sqlite_utils, "--help"], args.runs),
        ),
        "add one claim": (
            median_seconds(
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
                args.runs,
            ),
            median_seconds(
                lambda i: [sqlite_utils, "insert", su_db, "claims", str(row)], args.runs
            ),
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

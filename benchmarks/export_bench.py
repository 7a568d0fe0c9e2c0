"""How fast `claims export` writes a large record, next to dumping the table with sqlite-utils.

    python benchmarks/export_bench.py [--claims 100000] [--runs 3]

Uses the synthetic database of ``benchmarks/xref.py`` (made by ``generate.py`` in
``benchmarks/work/``, reused if there). For each format, median of ``--runs`` fresh
processes, the file written to a temporary folder:

- ``claims export --format json|jsonl|csv``: every claim with its outlet, sources (in
  order), retraction and history, as the backup and interchange formats carry them;
- ``sqlite-utils rows DB claims --nl|--csv``: what a user would otherwise reach for, one
  row per line of the claims table as it is (outlets and sources as ids, no history);
  ``--nl`` is the nearest to JSON lines, and serves as the comparison for both JSON
  formats.

Peak memory is the largest resident set of the process. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_bench import measure  # noqa: E402
from xref import claims_command, database, warm  # noqa: E402

FORMATS = ("json", "jsonl", "csv")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    sqlite_utils = shutil.which("sqlite-utils")
    if not sqlite_utils:
        sys.exit("needs `sqlite-utils` on PATH: pip install -e '.[bench]'")
    claims = claims_command()
    db, _ = database(args.claims, args.seed)
    warm(db)
    out = Path(tempfile.mkdtemp(prefix="claims-export-bench-"))
    runs: dict[str, list[tuple[float, float]]] = {}
    try:
        for _ in range(args.runs):
            for fmt in FORMATS:
                target = str(out / f"export.{fmt}")
                command = [*claims, "--db", str(db), "export", "--format", fmt, "-o", target]
                runs.setdefault(f"claims {fmt}", []).append(measure(command))
            for flag in ("--nl", "--csv"):
                # sqlite-utils writes to standard output, which measure() throws away.
                command = [sqlite_utils, "rows", str(db), "claims", flag]
                runs.setdefault(f"sqlite-utils {flag}", []).append(measure(command))
    finally:
        shutil.rmtree(out, ignore_errors=True)
    median = {name: statistics.median(t for t, _ in got) for name, got in runs.items()}
    peak = {name: max(m for _, m in got) for name, got in runs.items()}
    print(
        f"\n{args.claims:,} claims; median of {args.runs} runs; {platform.machine()}, "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}\n"
    )
    print("| export | time | peak memory | sqlite-utils | ratio |")
    print("|---|---:|---:|---:|---:|")
    for fmt in FORMATS:
        other = "sqlite-utils --csv" if fmt == "csv" else "sqlite-utils --nl"
        mine = f"claims {fmt}"
        print(
            f"| `--format {fmt}` | {median[mine]:.1f} s | {peak[mine]:.0f} MiB | "
            f"{median[other]:.1f} s (`rows {other.split()[1]}`) | "
            f"{median[mine] / median[other]:.2f}x |"
        )


if __name__ == "__main__":
    main()

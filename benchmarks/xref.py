"""How `claims xref` scales: time and peak memory on synthetic records of growing size.

    python benchmarks/xref.py [--sizes 10000,100000,1000000] [--runs 3] [--keep] [--write]

For each size a database is made by ``benchmarks/generate.py`` (same seed, same data)
in ``benchmarks/work/`` (git-ignored), or reused if an earlier run left it there. Then
each command runs as a user runs it, in a fresh process, ``--runs`` times, and the
median is reported:

- ``claims --db DB xref --json > /dev/null``: wall time and peak resident memory;
- ``claims --db DB unconfirmed --json > /dev/null``: the same;
- the floor, what reading the propositions costs SQLite itself: ``SELECT subject_key,
  predicate_key, count(*) FROM claims GROUP BY subject_key, predicate_key``, every row
  fetched, in the ``sqlite3`` shell (or Python's sqlite3 in a fresh process without it).

Times include start-up (importing SQLAlchemy is about half a second, see
docs/performance.md), so the smallest size mostly measures that. The database file is
read once before measuring, so every run finds it in the OS cache: these are warm-cache
numbers. Peak memory is the child's maximum resident set size as the kernel counts it:
GNU time's ``%M``, or else ``getrusage(RUSAGE_CHILDREN)`` in a small wrapper process that
runs only that command (the parent's own figure would be the maximum over all children
so far).

If ``claims xref`` does not exist or fails, its error is printed and the other numbers
are still measured. ``--keep`` keeps the databases this run generated (by default they
are deleted at the end; ones found from an earlier run are left alone), ``--write``
also stores the table in ``benchmarks/results/xref.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
RESULTS = HERE / "results" / "xref.md"
GROUP_BY = (
    "SELECT subject_key, predicate_key, count(*) FROM claims GROUP BY subject_key, predicate_key"
)
# Runs one command with its output thrown away, then reports its wall time and peak RSS.
# It starts no other child, so RUSAGE_CHILDREN is that command's alone.
WRAPPER = """\
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL).returncode
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if sys.platform == "darwin":
    peak //= 1024  # bytes there, kilobytes on Linux
with open(sys.argv[1], "w") as out:
    out.write(f"{seconds} {peak}")
sys.exit(code)
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_kb: int | None
    returncode: int
    stderr: str


@dataclass(frozen=True)
class Result:
    """The median of several runs of one command, or why there is none."""

    seconds: float | None = None
    peak_kb: int | None = None
    error: str | None = None

    def time(self) -> str:
        if self.seconds is None:
            return self.error or "-"
        # A GROUP BY over the smaller sizes takes milliseconds: give them a digit.
        return self.error or f"{self.seconds:.{3 if self.seconds < 0.1 else 2}f} s"

    def memory(self) -> str:
        if self.error or self.peak_kb is None:
            return "-"
        return f"{self.peak_kb / 1024:.0f} MB"


def gnu_time() -> str | None:
    """/usr/bin/time if it is GNU time (BSD time has no -f)."""
    path = shutil.which("time", path="/usr/bin:/bin") or None
    if path is None:
        return None
    probe = subprocess.run([path, "-f", "%e %M", "true"], capture_output=True, text=True)
    return path if probe.returncode == 0 and len(probe.stderr.split()) == 2 else None


class Runner:
    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.time = gnu_time()

    def run(self, argv: list[str]) -> Run:
        """Run ``argv`` once, stdout to /dev/null, under GNU time or the wrapper."""
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "report"
            if self.time:
                command = [self.time, "-f", "%e %M", "-o", str(report), *argv]
            else:
                command = [sys.executable, "-c", WRAPPER, str(report), *argv]
            start = time.perf_counter()
            # A session of its own, so that a timeout ends the measured command too and
            # not just the time (or wrapper) process around it.
            proc = subprocess.Popen(
                command,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                start_new_session=True,
            )
            try:
                _, stderr = proc.communicate(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                return Run(self.timeout, None, -1, f"timed out after {self.timeout:.0f} s")
            elapsed = time.perf_counter() - start
            fields = report.read_text().split() if report.exists() else []
        # GNU time writes "Command exited with non-zero status N" first; the figures last.
        peak = int(fields[-1]) if fields and fields[-1].isdigit() else None
        if not self.time and len(fields) == 2:
            elapsed = float(fields[0])  # the wrapper's own timing leaves out its start-up
        return Run(elapsed, peak, proc.returncode, stderr)

    def median(self, argv: list[str], runs: int) -> Result:
        results = []
        for _ in range(runs):
            run = self.run(argv)
            if run.returncode != 0:
                lines = [line for line in run.stderr.splitlines() if line.strip()]
                detail = lines[-1] if lines else "(no message)"
                print(f"    failed (exit {run.returncode}): {' '.join(argv)}", file=sys.stderr)
                print("      " + "\n      ".join(lines[-5:] or [detail]), file=sys.stderr)
                return Result(error=f"failed (exit {run.returncode})")
            results.append(run)
            memory = f", {run.peak_kb / 1024:.0f} MB" if run.peak_kb is not None else ""
            print(f"    {run.seconds:.2f} s{memory}")
        peaks = [r.peak_kb for r in results if r.peak_kb is not None]
        return Result(
            statistics.median(r.seconds for r in results),
            int(statistics.median(peaks)) if peaks else None,
        )


def claims_command() -> list[str]:
    found = shutil.which("claims")
    return [found] if found else [sys.executable, "-m", "claims"]


def command_exists(claims: list[str], name: str) -> str | None:
    """None if ``claims NAME --help`` works, else its error."""
    proc = subprocess.run([*claims, name, "--help"], capture_output=True, text=True)
    if proc.returncode == 0:
        return None
    lines = [line for line in (proc.stderr or proc.stdout).splitlines() if line.strip()]
    return lines[-1] if lines else f"exit {proc.returncode}"


def database(size: int, seed: int) -> tuple[Path, bool]:
    """The database for ``size`` claims, and whether this run generated it."""
    path = WORK / f"claims-{size}-seed{seed}.db"
    if path.exists():
        print(f"  reusing {path.relative_to(HERE.parent)}")
        return path, False
    WORK.mkdir(exist_ok=True)
    command = [sys.executable, str(HERE / "generate.py"), "--claims", str(size)]
    subprocess.run([*command, "--db", str(path), "--seed", str(seed)], check=True)
    return path, True


def warm(path: Path) -> None:
    """Read the file once, so that every measured run finds it in the OS cache."""
    with path.open("rb") as f:
        while f.read(1 << 24):
            pass


def describe(path: Path) -> str:
    """What is in a database, in a few numbers, for the table's legend."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        counts = [
            con.execute(sql).fetchone()[0]
            for sql in (
                "SELECT count(*) FROM claims",
                "SELECT count(*) FROM (SELECT DISTINCT subject_key, predicate_key FROM claims"
                " WHERE subject_key IS NOT NULL)",
                "SELECT count(*) FROM sources",
                "SELECT count(*) FROM subject_aliases",
            )
        ]
    finally:
        con.close()
    claims, propositions, sources, aliases = counts
    return (
        f"{claims:,} claims: {propositions:,} propositions (as spelled), {sources:,} sources,"
        f" {aliases:,} subject aliases"
    )


def baseline_command(path: Path) -> tuple[list[str], str]:
    shell = shutil.which("sqlite3")
    if shell:
        return [shell, str(path), GROUP_BY], "sqlite3 shell"
    script = "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchall()"
    return [sys.executable, "-c", script, str(path), GROUP_BY], "Python sqlite3"


def code_version() -> str:
    """The commit measured, and whether claims/ had uncommitted changes (it moves fast)."""
    root = HERE.parent

    def git(*args: str) -> str:
        proc = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
        return proc.stdout.strip() if proc.returncode == 0 else ""

    commit = git("log", "-1", "--format=%h %cI")
    if not commit:
        return "claims (not a git checkout)"
    dirty = git("status", "--porcelain", "--", "claims")
    return f"claims at {commit}" + (" plus uncommitted changes in claims/" if dirty else "")


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (
        f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}; load average {load}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000,1000000", help="claims per database")
    parser.add_argument("--runs", type=int, default=3, help="runs per command (median)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per run")
    parser.add_argument("--keep", action="store_true", help="keep generated databases")
    parser.add_argument("--write", action="store_true", help=f"also write {RESULTS.name}")
    args = parser.parse_args(argv)
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes: {args.sizes!r} is not a comma-separated list of numbers")

    claims = claims_command()
    missing = {name: command_exists(claims, name) for name in ("xref", "unconfirmed")}
    for name, error in missing.items():
        if error:
            print(
                f"`claims {name}` is not available ({error}); measuring the rest", file=sys.stderr
            )
    runner = Runner(args.timeout)
    before = machine()
    version = code_version()
    print(version)
    rows = []
    data: list[str] = []
    generated: list[Path] = []
    try:
        for size in sizes:
            print(f"{size:,} claims")
            path, new = database(size, args.seed)
            if new:
                generated.append(path)
            warm(path)
            data.append(describe(path))
            results = {}
            for name in ("xref", "unconfirmed"):
                if missing[name]:
                    results[name] = Result(error="not available")
                    continue
                print(f"  claims {name} --json")
                results[name] = runner.median(
                    [*claims, "--db", str(path), name, "--json"], args.runs
                )
            command, baseline_tool = baseline_command(path)
            print(f"  GROUP BY ({baseline_tool})")
            results["group by"] = runner.median(command, args.runs)
            rows.append((size, results))
    finally:
        if not args.keep:
            for path in generated:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)

    table = render(rows, args.runs, runner.time is not None)
    table += f"\n\nData (generate.py --seed {args.seed}): " + "; ".join(data) + "."
    print()
    print(table)
    print(f"\n{version}\nBefore: {before}\nAfter:  {machine()}")
    if args.write:
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(
            "# `claims xref` on synthetic records\n\n"
            f"Measured {dt.date.today().isoformat()} with "
            f"`python benchmarks/xref.py --sizes {args.sizes} --runs {args.runs}`"
            " (see its docstring for the method).\n\n"
            f"{table}\n\nCode: {version}.\n"
            f"Machine: {before} (before), {machine().split('; ')[-1]} (after).\n"
        )
        print(f"\nWrote {RESULTS.relative_to(HERE.parent)}")
    return 0


def render(rows: list[tuple[int, dict[str, Result]]], runs: int, gnu: bool) -> str:
    header = (
        "| claims | xref time | xref peak RSS | unconfirmed time | unconfirmed peak RSS "
        "| GROUP BY time | xref / GROUP BY |"
    )
    lines = [header, "|---:|---:|---:|---:|---:|---:|---:|"]
    for size, r in rows:
        xref, unconfirmed, group_by = r["xref"], r["unconfirmed"], r["group by"]
        ratio = "-"
        if xref.seconds and group_by.seconds:
            ratio = f"{xref.seconds / group_by.seconds:.0f}x"
        lines.append(
            f"| {size:,} | {xref.time()} | {xref.memory()} | {unconfirmed.time()} "
            f"| {unconfirmed.memory()} | {group_by.time()} | {ratio} |"
        )
    how = "GNU time" if gnu else "getrusage in a wrapper process"
    lines.append("")
    lines.append(f"Median of {runs} runs, a fresh process each, warm OS cache; peak RSS by {how}.")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

"""Every test gets its own database; PostgreSQL tests get a throwaway server.

The PostgreSQL cluster is started once per test session (initdb + pg_ctl, as the
``postgres`` user when the tests run as root, since initdb refuses root) and each test
gets a fresh database in it. Under CI=true these tests must run: a skip fails the run.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claims.cli import cli
from claims.store.db import Database, open_database

IN_CI = os.environ.get("CI", "").lower() == "true"
pytest_plugins = ["tests.browser_support"]


@pytest.fixture(autouse=True)
def _own_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in a fresh folder with CLAIMS_DB pointing into it: never the user's files."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLAIMS_DB", str(tmp_path / "claims.db"))
    return tmp_path


class Claims:
    """Runs the command line the way a user types it."""

    def __init__(self, db: str | None = None) -> None:
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None) -> Result:
        argv = (["--db", self.db] if self.db else []) + list(args)
        return self.runner.invoke(cli, argv, input=input, catch_exceptions=False)

    def ok(self, *args: str) -> str:
        result = self(*args)
        assert result.exit_code == 0, result.output
        return result.output


@pytest.fixture
def open_db() -> Iterator[Callable[[str], Database]]:
    """open_database, with every engine disposed when the test ends."""
    opened: list[Database] = []

    def _open(target: str) -> Database:
        opened.append(open_database(target))
        return opened[-1]

    yield _open
    for db in opened:
        db.dispose()


@pytest.fixture
def claims() -> Claims:
    return Claims()


# --- PostgreSQL ----------------------------------------------------------------------


class PostgresCluster:
    def __init__(self, root: Path, port: int, as_user: list[str]) -> None:
        self.root = root
        self.port = port
        self.as_user = as_user
        self._names = itertools.count()

    def new_database(self) -> str:
        import psycopg

        name = f"claims_test_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self._dsn("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def _dsn(self, dbname: str) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={dbname}"

    def stop(self) -> None:
        subprocess.run(
            [*self.as_user, "pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_cluster() -> PostgresCluster:
    if shutil.which("initdb") is None or shutil.which("pg_ctl") is None:
        raise FileNotFoundError("initdb/pg_ctl not on PATH (PostgreSQL server binaries)")
    root = Path(tempfile.mkdtemp(prefix="claims-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        # initdb will not run as root: hand the folder to the postgres user.
        shutil.chown(root, user="postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data = root / "data"
    subprocess.run(
        [
            *as_user,
            "initdb",
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *as_user,
            "pg_ctl",
            "-D",
            str(data),
            "-l",
            str(root / "log"),
            "-w",
            "-o",
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    import psycopg

    cluster = PostgresCluster(root, port, as_user)
    deadline = time.monotonic() + 30
    while True:
        try:
            cluster.new_database()
            return cluster
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                cluster.stop()
                raise
            time.sleep(0.2)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    try:
        cluster = _start_cluster()
    except (FileNotFoundError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        message = f"no PostgreSQL server for tests: {exc} {detail.decode(errors='replace')}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    yield cluster
    cluster.stop()
    shutil.rmtree(cluster.root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database on each backend the store supports."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    return cluster.new_database()


@pytest.fixture
def db_claims(db_url: str) -> Claims:
    """The command line, on each backend."""
    return Claims(db_url)


# --- under CI, a skipped test is a failed run ----------------------------------------

_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if IN_CI and _skipped and exitstatus == 0:
        session.exitstatus = 1
        print(f"\nCI=true: {len(_skipped)} tests were skipped and must run: {_skipped[:5]}")

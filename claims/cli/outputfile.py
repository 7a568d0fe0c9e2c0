"""Files a command writes (-o, --rejects, the report): whole or not at all, never over
the database, and what the system refuses said in one line. Apart from ``output``,
which prints: this is the one place that replaces files on disk.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from claims.cli.context import app

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


# The files beside an SQLite database that are part of it.
_DATABASE_PARTS = {
    "-wal": "write-ahead log",
    "-shm": "shared-memory index",
    "-journal": "rollback journal",
}


class OutputFile:
    """What a command writes its file through: ``handle``. Setting ``keep`` False leaves
    the file as it was (when it is written whole; a FIFO or a device has had it all)."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.keep = True


class _Raw(io.FileIO):
    """The file's bytes, remembering a failed write: a full disk then is told apart from
    the other errors of the block that writes."""

    failed: OSError | None = None

    def write(self, data: ReadableBuffer, /) -> int:
        try:
            return super().write(data)
        except OSError as exc:
            self.failed = exc
            raise


@contextlib.contextmanager
def output_file(ctx: click.Context, name: str, option: str | None = "-o") -> Iterator[OutputFile]:
    """Where a command writes a file: ``name``, given as ``option`` (None: the command's
    own choice, such as report.html).

    A file is written whole or not at all: into a temporary file beside it, which takes
    its place at the end unless the block fails or sets ``keep`` False. A symbolic link
    is followed, and the file it points to replaced; a file keeps its mode, a new one
    gets the usual (0666 less the umask). Anything else that exists (a FIFO, a device,
    /dev/stdout) is written to as the block goes, as a shell's > writes to it. Refused
    before anything is written: no name, a folder, a missing folder, and the database's
    own files. What the system refuses is one line naming the option and the file.

    Hand-written, not a library: atomicwrites is archived, and boltons' AtomicSaver,
    the maintained one, writes to a fixed ``NAME.part`` (two writers collide, and one
    left by a crash stops the next), replaces a symbolic link instead of the file it
    points to, and keeps neither the owner nor the group; none writes to a FIFO or a
    device in place, or knows a database's -wal and -shm files."""
    where = f"{option} {name}" if option else name
    if not name:
        raise _bad_output(option, "'' is not a file name")
    path, in_place = _follow_links(name, where)
    _refuse_database(ctx, name, path, option)
    try:
        status: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise _cannot_write(where, exc) from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise _bad_output(option, f"{name!r} is a folder; give a file name")
    if in_place or (status is not None and not stat.S_ISREG(status.st_mode)):
        with _writing(where, lambda: _open_in_place(path)) as (_, handle):
            yield OutputFile(handle)
        return
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        raise _bad_output(option, f"folder {folder!r} does not exist")
    if status is not None and not os.access(path, os.W_OK):
        raise click.ClickException(f"cannot write {where}: {os.strerror(errno.EACCES)}")
    temp = ""

    def create() -> _Raw:
        nonlocal temp
        import tempfile  # only commands that write files pay for it

        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
        raw = _Raw(fd, "w")
        try:
            if status is None:
                os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes it 0600
            else:
                with contextlib.suppress(PermissionError):  # only root may give it away
                    os.fchown(fd, status.st_uid, status.st_gid)
                os.fchmod(fd, stat.S_IMODE(status.st_mode))
        except OSError:
            raw.close()
            raise
        return raw

    try:
        with _writing(where, create) as (raw, handle):
            target = OutputFile(handle)
            yield target
        if target.keep:
            try:
                os.replace(temp, path)
            except OSError as exc:
                raise _cannot_write(where, exc) from None
    finally:
        if temp:
            Path(temp).unlink(missing_ok=True)


@contextlib.contextmanager
def _writing(where: str, opener: Callable[[], _Raw]) -> Iterator[tuple[_Raw, IO[str]]]:
    """A text handle on the file ``opener`` opens; what the system refuses, as one line."""
    try:
        raw = opener()
    except OSError as exc:
        raise _cannot_write(where, exc) from None
    # surrogateescape: a rejected line that was not UTF-8 goes out as the bytes it came in.
    handle = io.TextIOWrapper(
        io.BufferedWriter(raw), encoding="utf-8", errors="surrogateescape", newline=""
    )
    try:
        yield raw, handle
    except BaseException as exc:
        with contextlib.suppress(OSError):
            handle.close()
        if exc is raw.failed:
            raise _cannot_write(where, exc) from None
        raise
    try:
        handle.close()
    except OSError as exc:
        raise _cannot_write(where, exc) from None


def write_file(ctx: click.Context, name: str, text: str, option: str | None = "-o") -> None:
    """Write the whole file or nothing (see output_file)."""
    with output_file(ctx, name, option) as target:
        target.handle.write(text)


def _follow_links(name: str, where: str) -> tuple[str, bool]:
    """The file ``name`` stands for, its symbolic links followed, and whether it is to
    be written in place: a name under /proc stands for a file some process has open
    (/dev/stdout is a link to /proc/self/fd/1), which only that file can stand for."""
    path = name
    for _ in range(40):  # as many links as Linux follows (ELOOP beyond)
        if os.path.realpath(os.path.dirname(path) or ".").startswith("/proc/"):
            return path, True
        try:
            link = os.readlink(path)
        except OSError:  # not a link, or nothing there yet
            return path, False
        path = os.path.join(os.path.dirname(path), link)
    raise _cannot_write(where, OSError(errno.ELOOP, os.strerror(errno.ELOOP)))


def _open_in_place(path: str) -> _Raw:
    folder, entry = os.path.split(path)
    if entry.isdigit() and os.path.realpath(folder) == f"/proc/{os.getpid()}/fd":
        # One of this command's own files (-o /dev/stdout): written through it, from
        # where it stands, as the shell that opened it (with > or >>) expects.
        return _Raw(os.dup(int(entry)), "w")
    return _Raw(path, "w")


def _refuse_database(ctx: click.Context, name: str, path: str, option: str | None) -> None:
    """Writing over the database (or its journal) would destroy the record."""
    database = app(ctx).sqlite_file()
    if database is None:
        return
    real = os.path.realpath(path)
    for suffix in ("", *_DATABASE_PARTS):
        part = f"{database}{suffix}"
        if real != os.path.realpath(part) and not _same_file(path, part):
            continue
        what = f"the database's {_DATABASE_PARTS[suffix]} ({part})" if suffix else "the database"
        raise _bad_output(option, f"{name!r} is {what}: writing there would destroy the record")


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False


def _umask() -> int:
    mask = os.umask(0)  # the only way to read it is to set it
    os.umask(mask)
    return mask


class _BadOutput(click.ClickException):
    """A bad value for where to write, as click.BadParameter says it (exit code 2), but
    on one line: the command's usage says nothing about which files it can write."""

    exit_code = 2


def _bad_output(option: str | None, message: str) -> click.ClickException:
    if option is None:
        return click.ClickException(message)
    return _BadOutput(f"Invalid value for '{option}': {message}")


def _cannot_write(where: str, exc: OSError) -> click.ClickException:
    return click.ClickException(f"cannot write {where}: {exc.strerror or exc}")

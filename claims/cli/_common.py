"""What every command shares: the --db context, error conversion, output helpers.

Library modules are imported inside functions, so that ``claims --help`` does not pay
for SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from claims.cli.context import app

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


# --- shared options ------------------------------------------------------------------


def echo_records(
    ctx: click.Context, records: Iterable[dict[str, Any]], json_: bool, nl: bool
) -> bool:
    """Print the records as --json or --nl asks, streamed; False when neither is asked
    (the caller prints its table)."""
    if json_ and nl:
        raise click.UsageError("--json and --nl: say one", ctx=ctx)
    if json_:
        echo_json_array(records)
    elif nl:
        echo_json_lines(records)
    return json_ or nl


# --- output --------------------------------------------------------------------------

# Line feeds too: every line printed is one line of output, so a claim's text cannot
# add lines of its own ("  Credibility: 1 (confirmed ...)") to what `show` prints.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """Recorded text made safe for a terminal: control characters (ANSI escapes that
    could rewrite the screen; line feeds, which could forge lines) and the bidirectional
    overrides and isolates (which can turn the rest of a table row around) are shown as
    escapes, never sent raw."""
    if text is None:
        return ""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode(), str(text))


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def echo_json_array(items: Iterable[dict[str, Any]]) -> None:
    """What ``echo_json`` prints of a list of records, streamed: the same text, written
    record by record, so that a listing of a million claims is never all in memory.
    Nothing is written until the first record is there (or there is none), so an error
    in making it leaves no half-written output."""
    from claims.jsontext import indented

    records = iter(items)
    first = next(records, None)
    if first is None:
        click.echo("[]")
        return
    block = ["[\n  " + indented(first).replace("\n", "\n  ")]
    for record in records:
        block.append(",\n  " + indented(record).replace("\n", "\n  "))
        if len(block) >= 1024:
            click.echo("".join(block), nl=False)
            block.clear()
    block.append("\n]")
    click.echo("".join(block))


def echo_json_lines(items: Iterable[Any]) -> None:
    """One record per line, compact, streamed as the records come."""
    import orjson

    sys.stdout.flush()  # anything echoed before comes first
    out = sys.stdout.buffer
    block: list[bytes] = []
    for item in items:
        block.append(orjson.dumps(item) + b"\n")
        if len(block) >= 1024:
            out.write(b"".join(block))
            block.clear()
    out.write(b"".join(block))
    out.flush()


def echo_json_list(key: str, items: Iterable[Any]) -> None:
    """Print ``{"key": [...]}`` with one item per line, streamed as the items come, so a
    listing of a million records is never all in memory. orjson writes UTF-8 as it is
    (as ``ensure_ascii=False`` would) and is several times faster than the json module,
    which at a million records is seconds; lines go out in blocks, not one by one."""
    import orjson

    sys.stdout.flush()  # anything echoed before comes first
    out = sys.stdout.buffer
    block = [b'{"' + key.encode() + b'": [']
    separator = b"\n"
    for item in items:
        block.append(separator + orjson.dumps(item))
        separator = b",\n"
        if len(block) >= 1024:
            out.write(b"".join(block))
            block.clear()
    block.append(b"\n]}\n")
    out.write(b"".join(block))
    out.flush()


def shorten(text: str, width: int) -> str:
    """On one line, at most ``width`` columns on a terminal, an ellipsis marking the cut."""
    text = " ".join(text.split())
    if display_width(text) <= width:
        return text
    kept, used = [], 1  # the ellipsis
    for ch in text:
        used += _char_width(ch)
        if used > width:
            break
        kept.append(ch)
    return "".join(kept) + "…"


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: Korean, Chinese and Japanese characters take
    two, combining marks none (so tables line up whatever the script)."""
    return len(text) if text.isascii() else sum(map(_char_width, text))


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


# Not tabulate: it pads headers by two (a module global), expands tabs, sizes ZWSP/ZWJ otherwise.
def echo_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[clean(c) for c in row] for row in rows]
    widths = [
        max([display_width(h)] + [display_width(r[i]) for r in cells])
        for i, h in enumerate(headers)
    ]
    for row in [list(headers), ["-" * w for w in widths], *cells]:
        padded = (c + " " * (w - display_width(c)) for c, w in zip(row, widths, strict=True))
        click.echo("  ".join(padded).rstrip())


# --- files -------------------------------------------------------------------------

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

"""What every command shares: the --db context, error conversion, output helpers.

Library modules are imported inside functions, so that ``claims --help`` does not pay
for SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import functools
import getpass
import json
import os
import re
import shlex
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar, cast

import click

from claims.errors import ClaimsError, IncompleteInput, InvalidValue, UnknownOutlet

if TYPE_CHECKING:
    from claims.db import Database
    from claims.parsing import Period

F = TypeVar("F", bound=Callable[..., Any])


class AppContext:
    """Holds --db and opens the database the first time a command needs it."""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self._database: Database | None = None

    def database(self) -> Database:
        if self._database is None:
            from claims.db import open_database

            self._database = open_database(self.db)
        return self._database

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()
            self._database = None


def app(ctx: click.Context) -> AppContext:
    obj = ctx.find_object(AppContext)
    assert obj is not None, "the claims group sets ctx.obj"
    return obj


class ClaimsCommand(click.Command):
    """Turns library errors into one-line messages, once, at the edge."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidValue as exc:
            reason = exc.reason
            if _param(ctx, "dayfirst_flag"):
                reason = reason.replace("say which,", "say which with --dayfirst or --monthfirst,")
            raise click.BadParameter(
                f"{exc.value!r} {reason}", ctx=ctx, param_hint=_param_hint(ctx, exc.field)
            ) from None
        except UnknownOutlet as exc:
            raise click.ClickException(
                f"{exc}; to record it as a new outlet: claims outlet add {shlex.quote(exc.name)}"
            ) from None
        except IncompleteInput as exc:
            raise click.UsageError(str(exc), ctx=ctx) from None
        except ClaimsError as exc:
            raise click.ClickException(str(exc)) from None
        except _database_errors() as exc:
            from claims.db import BUSY_TIMEOUT_MS, driver_message

            reason = driver_message(exc)
            if reason == "database is locked":  # SQLite, after waiting the busy timeout
                reason += (
                    f"; another command has been writing to it for over "
                    f"{BUSY_TIMEOUT_MS / 1000:g} s (an import?): try again once it is done"
                )
            raise click.ClickException(f"database: {reason}") from None


class ClaimsGroup(click.Group):
    """A group whose commands (and sub-groups) all convert errors the same way."""

    command_class = ClaimsCommand
    group_class = type


def _database_errors() -> type[Exception]:
    # Evaluated only when an exception is already on its way out.
    from sqlalchemy.exc import OperationalError

    return OperationalError


def _param(ctx: click.Context, name: str) -> click.Parameter | None:
    # A repeatable option is named in the plural (--source -> sources).
    for param in ctx.command.params:
        if param.name in (name, name + "s"):
            return param
    return None


def _param_hint(ctx: click.Context, field: str) -> str:
    """The option or argument a library field came from: 'as_of' -> '--as-of'."""
    param = _param(ctx, field)
    if isinstance(param, click.Option):
        return "'" + max(param.opts, key=len) + "'"
    if param is not None:
        return "'" + param.human_readable_name + "'"
    return "'" + field.replace("_", "-") + "'"


# --- shared options ------------------------------------------------------------------


def json_option(func: F) -> F:
    return click.option("json_", "--json", is_flag=True, help="Print JSON instead of a table.")(
        func
    )


def min_origins_option(func: F) -> F:
    return click.option(
        "--min-origins",
        type=click.IntRange(min=1),
        default=2,
        show_default=True,
        help="Independent origins a value needs to count as confirmed.",
    )(func)


def by_option(func: F) -> F:
    return click.option(
        "--by",
        default=_os_user,
        show_default="your user name",
        help="Who is recording this, for the audit trail.",
    )(func)


def date_order_options(func: F) -> F:
    """--dayfirst / --monthfirst, handed to the command as ``dayfirst: bool | None``."""

    @functools.wraps(func)
    def command(*args: Any, **kwargs: Any) -> Any:
        day, month = kwargs.pop("dayfirst_flag"), kwargs.pop("monthfirst_flag")
        if day and month:
            raise click.UsageError("--dayfirst and --monthfirst contradict each other")
        kwargs["dayfirst"] = True if day else False if month else None
        return func(*args, **kwargs)

    command = click.option(
        "--monthfirst",
        "monthfirst_flag",
        is_flag=True,
        help="Read an all-numeric date like 03/04/2026 month first (March 4, 2026).",
    )(command)
    command = click.option(
        "--dayfirst",
        "dayfirst_flag",
        is_flag=True,
        help="Read an all-numeric date like 03/04/2026 day first (3 April 2026).",
    )(command)
    return cast(F, command)


def subject_filter(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A --subject filter must keep a letter or digit once normalised: an empty filter
    would match every subject, the opposite of what was asked."""
    from claims.parsing import normalize_text

    if value is not None and not normalize_text(value):
        raise click.BadParameter(
            f"{value!r} has no letters or digits, so it would match every subject",
            ctx=ctx,
            param=param,
        )
    return value


def date_window(since: str | None, until: str | None) -> tuple[Period | None, Period | None]:
    """--since and --until read as dates. A window given backwards is refused rather
    than searched: it is a slip, and what it would match is not what was meant."""
    from claims.parsing import parse_date

    start = parse_date(since, field="since") if since else None
    end = parse_date(until, field="until") if until else None
    if start and end and start.start > end.end:
        raise click.UsageError(f"--since {_as_typed(since)} is after --until {_as_typed(until)}")
    return start, end


def _as_typed(text: str | None) -> str:
    return " ".join(str(text).split())


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid, e.g. in a container
        return "unknown"


# --- output --------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: object) -> str:
    """Recorded text made safe for a terminal: control characters (ANSI escapes that
    could rewrite the screen) are shown as escapes, never sent raw."""
    if text is None:
        return ""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode(), str(text))


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


# One line of JSON, for commands that stream a record per line: json.dumps with options
# builds an encoder on every call, which at a million records is seconds of work.
json_line = json.JSONEncoder(ensure_ascii=False).encode


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def echo_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[clean(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
    click.echo(line)
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


# --- files -------------------------------------------------------------------------


class AtomicTarget:
    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.keep = True


@contextlib.contextmanager
def atomic_file(path: Path, option: str = "'-o'") -> Iterator[AtomicTarget]:
    """A file written whole or not at all: a temporary file beside it, put in its place
    at the end unless the block fails or sets ``keep`` False. A failure never leaves a
    half-written file."""
    import tempfile  # only commands that write files pay for it

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise click.BadParameter(f"folder {str(folder)!r} does not exist", param_hint=option)
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            target = AtomicTarget(handle)
            yield target
        if target.keep:
            os.replace(temp, path)
    finally:
        Path(temp).unlink(missing_ok=True)


def write_atomically(path: Path, text: str) -> None:
    """Write the whole file or nothing."""
    with atomic_file(path) as target:
        target.handle.write(text)

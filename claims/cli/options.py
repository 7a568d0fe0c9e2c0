"""The options several commands share (--json and --nl, --by, --dayfirst and
--monthfirst, --min-origins, --since and --until, --subject, an article's id), so that
each is spelt, documented and checked alike wherever it appears.

The parsing of values is imported inside functions, so that ``claims --help`` does not
pay for it.
"""

from __future__ import annotations

import functools
import getpass
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

if TYPE_CHECKING:
    from claims.parsing import Period

F = TypeVar("F", bound=Callable[..., Any])


def list_options(func: F) -> F:
    """--json and --nl, as every list command takes them: a JSON array of the records,
    or one record per line (newline-delimited JSON, as sqlite-utils prints with --nl)."""
    func = click.option(
        "nl", "--nl", is_flag=True, help="Print one JSON record per line (newline-delimited)."
    )(func)
    return click.option("json_", "--json", is_flag=True, help="Print a JSON array of the records.")(
        func
    )


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


def date_window(
    since: str | None, until: str | None, dayfirst: bool | None = None
) -> tuple[Period | None, Period | None]:
    """--since and --until read as dates. A window given backwards is refused rather
    than searched: it is a slip, and what it would match is not what was meant."""
    from claims.parsing import parse_date

    start = parse_date(since, field="since", dayfirst=dayfirst) if since else None
    end = parse_date(until, field="until", dayfirst=dayfirst) if until else None
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


_NOT_AN_ARTICLE_ID = (
    "is not an article id; ids are whole numbers from 1, as claims article list shows them"
)


def article_id_value(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """An article's id: a whole number from 1, named as a bad id rather than looked up."""
    if value is None:
        return None
    text = value.strip()
    if text.isdecimal() and text.isascii() and int(text) >= 1:
        return int(text)
    raise click.BadParameter(f"{value!r} {_NOT_AN_ARTICLE_ID}", ctx=ctx, param=param)

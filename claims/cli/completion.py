"""Shell completion of outlet and source names, from the database the command line
names. Apart from the commands because it runs at every press of Tab, in the shell's
sight: it only reads, and fails silently.

The store is imported inside functions, so that ``claims --help`` does not pay for
SQLAlchemy.
"""

from __future__ import annotations

import click

from claims.errors import ClaimsError


def _recorded_names(ctx: click.Context) -> tuple[list[str], list[str]]:
    """Outlet and source names from the database the command line names, for completing
    them; nothing when there is none yet, or it cannot be read (completing never creates
    a database, never upgrades one, and never prints an error into the shell)."""
    from claims.store.db import Database, resolve_url, sqlite_file

    root = ctx.find_root()
    url = resolve_url(root.params.get("db"))
    path = sqlite_file(url)
    if path is not None and not path.exists():
        return [], []
    try:
        database = Database(url)
    except ClaimsError:
        return [], []
    try:
        from claims.store import known_names

        with database.session() as session:
            return known_names(session)
    except ClaimsError:
        return [], []
    finally:
        database.dispose()


def complete_outlet(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[click.shell_completion.CompletionItem]:
    """--outlet NAME, completed from the outlets on record."""
    from click.shell_completion import CompletionItem

    outlets, _ = _recorded_names(ctx)
    start = incomplete.casefold()
    return [CompletionItem(name) for name in outlets if name.casefold().startswith(start)]


def complete_source(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[click.shell_completion.CompletionItem]:
    """--source KIND:NAME, completed from the sources on record (and the outlets, which
    a claim may cite as outlet:NAME before any claim has)."""
    from click.shell_completion import CompletionItem

    outlets, sources = _recorded_names(ctx)
    cited = sorted(set(sources) | {f"outlet:{name}" for name in outlets}, key=str.casefold)
    start = incomplete.casefold()
    return [CompletionItem(name) for name in cited if name.casefold().startswith(start)]

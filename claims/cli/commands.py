"""The command and group classes every command is made from: library errors turned into
one-line messages, once, at the edge, naming the option or argument they came from.
"""

from __future__ import annotations

import shlex
from typing import Any

import click

from claims.errors import ClaimsError, IncompleteInput, InvalidValue, UnknownOutlet


def date_order_hint(message: str) -> str:
    """An ambiguous date's message, naming the options that settle it (for commands that
    have them)."""
    return message.replace("say which,", "say which with --dayfirst or --monthfirst,")


class ClaimsCommand(click.Command):
    """Turns library errors into one-line messages, once, at the edge."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidValue as exc:
            reason = exc.reason
            if _param(ctx, "dayfirst_flag"):
                reason = date_order_hint(reason)
            raise click.BadParameter(
                f"{exc.value!r} {reason}", ctx=ctx, param_hint=_param_hint(ctx, exc.field)
            ) from None
        except UnknownOutlet as exc:
            raise click.ClickException(
                f"{exc}; to record it as a new outlet: claims outlet add {shell_argument(exc.name)}"
            ) from None
        except IncompleteInput as exc:
            raise click.UsageError(str(exc), ctx=ctx) from None
        except ClaimsError as exc:
            raise click.ClickException(str(exc)) from None


def shell_argument(text: str) -> str:
    """``text`` as one argument of a command to copy: quoted for the shell, and after
    ``--`` when it starts with a dash (which would read as an option)."""
    return ("-- " if text.startswith("-") else "") + shlex.quote(text)


class ClaimsGroup(click.Group):
    """A group whose commands (and sub-groups) all convert errors the same way."""

    command_class = ClaimsCommand
    group_class = type


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


class GroupWithOldSpelling(ClaimsGroup):
    """A noun group whose older one-command spelling still runs, hidden from help, for
    one release: `claims alias A B` runs `claims alias add A B`."""

    def __init__(self, *args: Any, old_spelling: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.old_spelling = old_spelling

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [self.old_spelling, *args]
        return super().parse_args(ctx, args)

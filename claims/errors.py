"""Errors the library raises. The command line turns each into a one-line message."""

from __future__ import annotations


class ClaimsError(Exception):
    """Base class: something the user can fix, reported without a traceback."""


class InvalidValue(ClaimsError):
    """A value given for a field cannot be used; names the field and the value."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}: {value!r} {reason}")


class NotFound(ClaimsError):
    """A claim, outlet or source that the command names is not on record."""


class NotAllowed(ClaimsError):
    """What is on record does not allow the change (a claim already retracted)."""


class AlreadyExists(ClaimsError):
    """Creating something that is already on record (possibly under another spelling)."""


class DatabaseError(ClaimsError):
    """The database cannot be opened, created or upgraded."""


class IncompleteInput(ClaimsError):
    """Fields that only make sense together were given apart (a usage error)."""


class UnknownOutlet(NotFound):
    """An outlet name that is not on record; carries the close matches."""

    def __init__(self, name: str, suggestions: list[str], field: str = "outlet") -> None:
        self.name = name
        self.suggestions = suggestions
        self.field = field
        hint = (
            f" (did you mean {' or '.join(repr(s) for s in suggestions)}?)" if suggestions else ""
        )
        super().__init__(f"{field}: unknown outlet {name!r}{hint}")


class UnreadableArticle(ClaimsError):
    """An article that cannot be read: empty, binary, no article text, not reachable."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"article {where!r}: {reason}")


class MissingDependency(ClaimsError):
    """An optional package a command needs is not installed; says how to get it."""

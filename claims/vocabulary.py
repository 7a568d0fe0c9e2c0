"""The fixed vocabularies of the record. Kept apart from the models so that the command
line can offer them as choices without importing SQLAlchemy."""

from __future__ import annotations

import functools
from collections.abc import Mapping

OUTLET_KINDS = ("newspaper", "wire-agency", "state-media", "broadcaster", "online", "other")
SOURCE_KINDS = ("person", "official", "document", "organization", "anonymous", "outlet")
STANCES = ("asserts", "denies")

# The kinds of change the log of changes keeps (records with no history of their own).
ALIAS_REMOVED = "alias removed"
OUTLET_CHANGED = "outlet changed"
SOURCE_CHANGED = "source changed"
LINK_REMOVED = "link removed"
PARTY_REMOVED = "party removed"
CHANGE_KINDS = (ALIAS_REMOVED, OUTLET_CHANGED, SOURCE_CHANGED, LINK_REMOVED, PARTY_REMOVED)

# Other names people give an outlet kind.
OUTLET_KIND_ALIASES = {"wire": "wire-agency", "agency": "wire-agency", "news-agency": "wire-agency"}


def kind_as_recorded(
    text: str, kinds: tuple[str, ...], aliases: Mapping[str, str] | None = None
) -> str | None:
    """A kind as people write it ('Wire agency', 'STATE_MEDIA', 'Person') in the words
    of ``kinds``; None when it is none of them. The command line and the store (and so
    import) read kinds through this alike."""
    spelled = "-".join(text.replace("_", " ").replace("-", " ").split()).lower()
    spelled = (aliases or {}).get(spelled, spelled)
    return spelled if spelled in kinds else None


def choices(kinds: tuple[str, ...]) -> str:
    """'newspaper, wire-agency ... or other', for help."""
    return f"{', '.join(kinds[:-1])} or {kinds[-1]}"


# Kosovo's XK: a code ISO 3166 leaves for users to assign, so the ISO data lists no
# country for it; the European Commission and many news desks use it all the same.
_RESERVED_IN_USE = frozenset({"XK"})


@functools.cache
def countries() -> frozenset[str]:
    """The country codes an outlet may have: ISO 3166-1 alpha-2 as pycountry carries it
    (the iso-codes data, kept up to date as ISO assigns and withdraws codes), and XK.
    Read when first asked for: importing pycountry takes tens of milliseconds, which the
    commands that name no country should not pay."""
    import pycountry

    return frozenset(country.alpha_2 for country in pycountry.countries) | _RESERVED_IN_USE


# Codes people write for a country that has another.
COUNTRY_ALIASES = {"UK": "GB", "EL": "GR"}

"""The fixed vocabularies of the record. Kept apart from the models so that the command
line can offer them as choices without importing SQLAlchemy."""

from __future__ import annotations

OUTLET_KINDS = ("newspaper", "wire-agency", "state-media", "broadcaster", "online", "other")
SOURCE_KINDS = ("person", "official", "document", "organization", "anonymous", "outlet")
STANCES = ("asserts", "denies")

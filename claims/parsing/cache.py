"""How much parsing remembers, and what it never does.

Apart because dates, values and confidence levels each keep a cache under this one
policy, and the policy belongs to none of them.
"""

from __future__ import annotations

# Readings remembered, so that a feed that writes the same few thousand dates and values
# a million times reads each once. Only good readings are kept (an error names its field,
# a reading does not depend on it), never "today" or "yesterday", whose reading changes
# at midnight; a full cache starts over, so memory stays bounded.
CACHE_SIZE = 16_384
VOLATILE = frozenset({"today", "yesterday"})

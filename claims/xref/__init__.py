"""Cross-referencing: where reports agree, conflict, and how many origins stand behind them.

Pure functions over plain data (``claims.facts.Fact``), no database: the store streams facts grouped
by proposition and ``assess`` judges one proposition at a time, so the cost grows with
the number of claims and memory with the largest proposition. The rules, in order:

1. Same proposition: subject (through declared aliases) and predicate, normalised.
2. Compatible values: text after normalisation, numbers and dates as overlapping
   intervals. Values confirm each other only when one's interval lies within the other's
   ("53" and "about 50"); values that only partly overlap ("20-60" and "dozens") are
   compatible: no conflict, and no origins shared (ICD 203: corroboration is agreement
   on the same judgment, not the absence of contradiction).
3. Time: claims whose as-of periods do not overlap describe a change over time, not a
   conflict; a claim without an as-of date is compared with every claim.
4. Stance: denying a value conflicts with asserting a compatible one.
5. Single-valued predicates (the default) conflict on incompatible values; multi-valued
   ones hold competing values side by side (verdict "several"); a denial still conflicts.
6. Origins: a claim's attribution chain is followed to where it starts. STANAG 2511
   grades information "confirmed" only when confirmation comes from a different
   originating source, so echoes (outlet citing outlet) collapse onto their origin.
7. Unconfirmed: fewer than ``min_origins`` independent origins behind the value.
8. Derived credibility on the Admiralty 1-6 scale, from the evidence alone.

The rules live in modules by concern, each importing only modules above it in this
list (``tests/test_layers.py`` checks it); this package gives every name the rest of
``claims`` imports from ``claims.xref``.

===============  =======================================================================
``origin``       ``Origin``: where a chain starts, and which two count as one body
``values``       rules 2-5: compatible, confirming, conflicting values (cells of claims)
``chains``       rule 6: attribution chains followed to their origins, and drawn
``credibility``  rule 8: how much an origin weighs; the credibility evidence supports
``claim``        rules 7-8 for one claim: unconfirmed and why, lazily (``ClaimVerdict``)
``proposition``  rule 1, and ``assess``: one proposition's verdict and values
``jsondata``     verdicts as plain JSON-ready data
===============  =======================================================================
"""

from __future__ import annotations

from claims.xref.chains import ChainTracer, Traced, origin_tree, trace_origins
from claims.xref.claim import REASONS, ClaimVerdict, assess_unattached
from claims.xref.credibility import (
    IMPROBABLE,
    NOT_GRADED,
    RELIABLE,
    UNRELIABLE,
    derive_confidence,
    origin_weight,
    weight,
)
from claims.xref.jsondata import claim_verdict_as_dict, origin_as_dict, proposition_as_dict
from claims.xref.origin import Origin
from claims.xref.proposition import (
    VERDICTS,
    PropositionVerdict,
    ValueVerdict,
    assess,
    cross_reference,
    proposition_key,
)
from claims.xref.values import periods_overlap

# Every public name of the single module these came from, so nothing that used one breaks.
__all__ = [
    "IMPROBABLE",
    "NOT_GRADED",
    "REASONS",
    "RELIABLE",
    "UNRELIABLE",
    "VERDICTS",
    "ChainTracer",
    "ClaimVerdict",
    "Origin",
    "PropositionVerdict",
    "Traced",
    "ValueVerdict",
    "assess",
    "assess_unattached",
    "claim_verdict_as_dict",
    "cross_reference",
    "derive_confidence",
    "origin_as_dict",
    "origin_tree",
    "origin_weight",
    "periods_overlap",
    "proposition_as_dict",
    "proposition_key",
    "trace_origins",
    "weight",
]

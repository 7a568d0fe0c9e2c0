"""Verdicts as plain JSON-ready data: what ``--json`` prints.

Apart because it only formats what the rules found, and judges nothing."""

from __future__ import annotations

from claims.xref.claim import ClaimVerdict
from claims.xref.origin import Origin
from claims.xref.proposition import PropositionVerdict


def origin_as_dict(origin: Origin) -> dict[str, object]:
    return {
        "kind": origin.kind,
        "name": origin.name,
        "anonymous": origin.anonymous,
        "via": origin.via,  # who spoke for it (claims source link), or null
    }


def claim_verdict_as_dict(v: ClaimVerdict, *, full: bool = True) -> dict[str, object]:
    """One claim's verdict. ``full=False`` leaves out what its proposition's values
    already say (origins and outlets behind the value), to keep ``xref --json`` linear."""
    data: dict[str, object] = {
        "id": v.id,
        "independent_origins": v.independent_origins,
        "own_origins": [o.name for o in v.origins],
        "contradicted": bool(v.conflicts_with),
        "unconfirmed": v.unconfirmed,
        "reasons": list(v.reasons),
        "confidence": v.confidence,
        "derived_confidence": v.derived_confidence,
        "derived_reason": v.derived_reason,
        "citation_cycles": [list(c) for c in v.cycles],
        "misattributed": list(v.misattributed),
        "compatible_with": list(v.compatible_with),
        "rests_on_retracted": list(v.rests_on_retracted),
    }
    if full:
        data["origins"] = [o.name for o in v.supporting_origins]
        data["origin_details"] = [origin_as_dict(o) for o in v.supporting_origins]
        data["outlets"] = list(v.outlets)
        data["conflicts_with"] = list(v.conflicts_with)
    return data


def proposition_as_dict(p: PropositionVerdict, *, assessments: bool = False) -> dict[str, object]:
    """A proposition as JSON data; ``assessments`` adds every claim's own verdict."""
    data: dict[str, object] = {
        "subject": p.subject,
        "predicate": p.predicate,
        "verdict": p.verdict,
        "multi_valued": p.multi_valued,
        "claims": list(p.claims),
        "values": [
            {
                "value": v.value,
                "stance": v.stance,
                "as_of": v.as_of,
                "claims": list(v.claims),
                "outlets": list(v.outlets),
                "independent_origins": v.independent_origins,
                "origins": [o.name for o in v.origins],
                "origin_details": [origin_as_dict(o) for o in v.origins],
                "compatible": list(v.compatible),
            }
            for v in p.values
        ],
        "conflicts": [list(pair) for pair in p.conflicts],
        "citation_cycles": [list(c) for c in p.cycles],
    }
    if assessments:
        data["assessments"] = [claim_verdict_as_dict(p.by_claim[i], full=False) for i in p.claims]
    return data

"""The cross-referencing rules, each on a small case of its own: plain data, no database."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.facts import Cited, Fact, canonical_subjects
from claims.parsing import name_key, parse_date, parse_value, unit_key
from claims.xref import PropositionVerdict, assess, assess_unattached, cross_reference, origin_tree

SPAIN = "DPRK embassy in Spain"


def cite(text: str, reliability: str | None = None) -> Cited:
    kind, _, name = text.partition(":")
    return Cited(kind, name, name_key(name), reliability)


def fact(
    id: int,
    outlet: str,
    value: str,
    *sources: str,
    subject: str = SPAIN,
    predicate: str = "status",
    as_of: str | None = None,
    stance: str = "asserts",
    confidence: int = 3,
    reliability: str = "C",
) -> Fact:
    period = parse_date(as_of) if as_of else None
    return Fact(
        id=id,
        outlet=outlet,
        outlet_key=name_key(outlet),
        confidence=confidence,
        sources=tuple(cite(s) for s in sources),
        subject=subject,
        predicate=predicate,
        value=parse_value(value),
        as_of=(period.start, period.end) if period else None,
        as_of_text=period.iso() if period else None,
        stance=stance,
        outlet_reliability=reliability,
    )


def one(facts: Sequence[Fact], **kwargs: object) -> PropositionVerdict:
    [verdict] = cross_reference(facts, **kwargs)  # type: ignore[arg-type]
    return verdict


# --- rule 1: same proposition ----------------------------------------------------------


def test_subject_and_predicate_match_after_normalisation() -> None:
    verdicts = cross_reference(
        [
            fact(1, "Korea Times", "closed", subject="DPRK Embassy in  Spain."),
            fact(2, "RBC", "closed", subject="dprk embassy in spain", predicate="Status"),
            fact(3, "RBC", "closed", subject="DPRK embassy in Italy"),
        ]
    )
    assert [(v.subject, v.claims) for v in verdicts] == [
        ("DPRK embassy in Italy", (3,)),
        ("DPRK Embassy in  Spain.", (1, 2)),
    ]


def test_aliases_join_subjects_whatever_order_they_were_declared_in() -> None:
    a, b, c = "dprk embassy in madrid", "north korean embassy in spain", "dprk embassy in spain"
    for pairs in ([(a, b), (b, c)], [(c, b), (b, a)], [(b, c), (a, b)]):
        assert canonical_subjects(pairs) == {a: a, b: a, c: a}
    facts = [
        fact(1, "Korea Times", "closed", subject="DPRK embassy in Madrid"),
        fact(2, "RBC", "closed", subject="North Korean embassy in Spain"),
    ]
    assert len(cross_reference(facts)) == 2
    assert one(facts, aliases=canonical_subjects([(a, b)])).claims == (1, 2)


# --- rule 2: compatible values ---------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        ("53", "about 50", "agree"),
        ("53", "more than 12", "agree"),
        ("53", "49", "conflict"),
        ("12", "more than 12", "conflict"),
        ("October 2026", "2026-10-15", "agree"),
        ("October 2026", "2026-11-02", "conflict"),
        ("Closed.", "closed", "agree"),
        ("closed", "open", "conflict"),
        ("41 injured", "about 40", "agree"),
        ("50 km", "50 miles", "conflict"),
        ("53 missions", "about 50 diplomatic missions", "agree"),
        ("53%", "about 50", "agree"),  # a figure without a unit takes the other's
        ("2026", "October 2026", "agree"),  # a bare year is that year
        ("2013", "March 2014", "conflict"),
        ("2026 km", "October 2026", "conflict"),
    ],
)
def test_values_compare_as_normalised_text_or_intervals(a: str, b: str, verdict: str) -> None:
    assert one([fact(1, "Yonhap", a), fact(2, "RBC", b)]).verdict == verdict


def test_figures_in_different_units_are_different_values() -> None:
    p = one([fact(1, "Yonhap", "50 km"), fact(2, "RBC", "50 miles")])
    assert [(v.value, v.independent_origins) for v in p.values] == [("50 km", 1), ("50 miles", 1)]


# --- rule 3: time ------------------------------------------------------------------------


def test_a_value_asserted_then_denied_later_is_a_timeline() -> None:
    # Open in October, not open in November: a change, not agreement.
    p = one(
        [
            fact(1, "A", "open", as_of="October 2026"),
            fact(2, "B", "open", as_of="November 2026", stance="denies"),
        ]
    )
    assert (p.verdict, p.conflicts) == ("timeline", ())
    # "Closed" denied later says nothing of "open" asserted before: they agree.
    other = one(
        [
            fact(1, "A", "open", as_of="October 2026"),
            fact(2, "B", "closed", as_of="November 2026", stance="denies"),
        ]
    )
    assert other.verdict == "agree"


def test_values_in_periods_apart_are_a_timeline_not_a_conflict() -> None:
    p = one(
        [
            fact(1, "RBC", "53", predicate="count", as_of="early October 2026"),
            fact(2, "Yomiuri", "about 50", predicate="count", as_of="October 2026"),
            fact(3, "RBC", "49", predicate="count", as_of="November 2026"),
        ]
    )
    assert p.verdict == "timeline"
    assert [(v.value, v.as_of) for v in p.values] == [
        ("53", "early 2026-10"),
        ("about 50", "2026-10"),
        ("49", "2026-11"),
    ]
    assert p.conflicts == ()


def test_overlapping_periods_and_undated_claims_are_compared() -> None:
    dated = [fact(1, "RBC", "53", as_of="October 2026"), fact(2, "KCNA", "49", as_of="2026-10-20")]
    assert one(dated).verdict == "conflict"
    undated = [fact(1, "RBC", "53", as_of="October 2026"), fact(2, "KCNA", "49")]
    assert one(undated).verdict == "conflict"
    assert one([fact(1, "RBC", "53"), fact(2, "KCNA", "53")]).verdict == "agree"


# --- rules 4 and 5: stance, single- and multi-valued predicates ----------------------


def test_a_denial_conflicts_with_the_assertion() -> None:
    p = one([fact(1, "Korea Times", "closed"), fact(2, "KCNA", "closed", stance="denies")])
    assert (p.verdict, p.conflicts) == ("conflict", ((0, 1),))
    assert [(v.stance, v.claims) for v in p.values] == [("asserts", (1,)), ("denies", (2,))]
    assert p.by_claim[1].conflicts_with == (2,)
    assert (
        one(
            [fact(1, "A", "open", stance="denies"), fact(2, "B", "closed", stance="denies")]
        ).verdict
        == "agree"
    )
    assert one([fact(1, "A", "closed"), fact(2, "B", "open", stance="denies")]).verdict == "agree"


@pytest.mark.parametrize(
    ("asserted", "denied", "verdict"),
    [
        ("49", "about 50", "conflict"),  # 49 is about 50: the denial makes it false
        ("53", "53", "conflict"),
        ("2026-10-26", "October 2026", "conflict"),
        ("more than 12", "53", "agree"),  # not 53 leaves more than 12 standing
        ("about 50", "53", "agree"),
        ("October 2026", "2026-10-26", "agree"),  # in October, if not on the 26th
        ("2026", "October 2026", "agree"),
    ],
)
def test_a_denial_conflicts_only_with_what_it_makes_false(
    asserted: str, denied: str, verdict: str
) -> None:
    p = one(
        [
            fact(1, "A", asserted, predicate="count"),
            fact(2, "B", denied, predicate="count", stance="denies"),
        ]
    )
    assert p.verdict == verdict


def test_multi_valued_predicates_hold_competing_values_side_by_side() -> None:
    reasons = [
        fact(1, "Yonhap", "financial difficulties", predicate="reason"),
        fact(2, "Communist Party of Spain", "sanctions", predicate="reason"),
        fact(3, "NK News", "2017 expulsion of the ambassador", predicate="reason"),
    ]
    assert one(reasons).verdict == "conflict"
    p = one(reasons, multi_valued={"reason"})
    # Several explanations held side by side are not agreement on any one of them.
    assert (p.verdict, p.multi_valued, len(p.values)) == ("several", True, 3)
    same = [fact(1, "Yonhap", "sanctions", predicate="reason")]
    same.append(fact(2, "RBC", "Sanctions", predicate="reason"))
    assert one(same, multi_valued={"reason"}).verdict == "agree"
    denial = fact(4, "RBC", "sanctions", predicate="reason", stance="denies")
    p = one([*reasons, denial], multi_valued={"reason"})
    [(a, b)] = p.conflicts
    assert (p.values[a].claims, p.values[b].claims) == ((2,), (4,))


# --- rule 6: origins -----------------------------------------------------------------


def test_echoes_collapse_onto_their_origin() -> None:
    p = one(
        [
            fact(1, "Korea Times", "closed", "document:DPRK decision on the Madrid embassy"),
            fact(2, "RBC", "closed", "outlet:Korea Times"),
            fact(3, "Lenta", "closed", "outlet:RBC"),  # two hops
        ]
    )
    [value] = p.values
    assert value.independent_origins == 1
    assert [o.label for o in value.origins] == ["document: DPRK decision on the Madrid embassy"]
    assert p.by_claim[3].origins == p.by_claim[1].origins
    assert p.by_claim[3].reasons == ("circular",)


def test_independent_origins_add_up() -> None:
    p = one(
        [
            fact(1, "Korea Times", "closed", "document:DPRK decision on the Madrid embassy"),
            fact(2, "Communist Party of Spain", "closed"),  # its own reporting
            fact(3, "RBC", "closed", "outlet:Korea Times", "outlet:Communist Party of Spain"),
        ]
    )
    assert p.verdict == "agree"
    assert [o.label for o in p.values[0].origins] == [
        "document: DPRK decision on the Madrid embassy",
        "outlet: Communist Party of Spain",
    ]
    assert all(p.by_claim[i].independent_origins == 2 for i in (1, 2, 3))
    assert not p.by_claim[3].unconfirmed


def test_compatible_values_corroborate_each_other() -> None:
    p = one(
        [
            fact(1, "Daily", "41 injured", "official:City hospital", predicate="injured"),
            fact(2, "Wire", "about 40", "official:Fire department", predicate="injured"),
        ]
    )
    assert [v.independent_origins for v in p.values] == [2, 2]


def test_a_unit_compares_singular_however_its_plural_is_spelled() -> None:
    # "embassies" is the story's own unit: "at least one embassy" holds for 3 of them.
    for unit, plural in [("embassy", "embassies"), ("church", "churches"), ("mission", "missions")]:
        p = one(
            [
                fact(1, "Daily", f"at least one {unit}", predicate="closed"),
                fact(2, "Wire", f"3 {plural}", predicate="closed"),
            ]
        )
        assert p.verdict == "agree", (unit, plural)
    assert unit_key("diplomatic embassies") == unit_key("embassy") == "embassy"
    assert unit_key("boxes") == "box" and unit_key("miles") == "mile" != unit_key("km")


def test_citing_an_outlet_without_its_claim_makes_that_outlet_the_origin() -> None:
    p = one([fact(1, "RBC", "to close", "outlet:Yomiuri Shimbun")])
    assert [o.label for o in p.by_claim[1].origins] == ["outlet: Yomiuri Shimbun"]


def test_one_anonymous_description_is_one_origin_and_marked_anonymous() -> None:
    p = one(
        [
            fact(1, "Yomiuri Shimbun", "to close", "anonymous:North Korean sources"),
            fact(2, "Asahi", "to close", "anonymous:north korean sources"),
        ]
    )
    [origin] = p.values[0].origins
    assert origin.anonymous and p.values[0].independent_origins == 1
    assert set(p.by_claim[1].reasons) == {"circular", "anonymous"}


def test_anonymous_sources_however_many_confirm_nothing() -> None:
    p = one(
        [
            fact(1, "Yomiuri Shimbun", "to close", "anonymous:North Korean sources"),
            fact(2, "NHK", "to close", "anonymous:diplomatic sources in Beijing"),
        ]
    )
    verdict = p.by_claim[2]
    assert p.values[0].independent_origins == 2
    assert (verdict.derived_confidence, verdict.derived_reason) == (
        3,
        "2 independent origins, anonymous only",
    )
    # One named origin beside them, and it is a matter of counting again.
    named = one(
        [
            fact(1, "Yomiuri Shimbun", "to close", "anonymous:North Korean sources"),
            fact(2, "NHK", "to close", "official:Chinese foreign ministry"),
        ]
    )
    assert named.by_claim[2].derived_confidence == 1


def test_one_body_named_two_ways_stands_as_its_outlet_whichever_came_first() -> None:
    def judged(party_id: int, rbc_id: int) -> tuple[str, int]:
        p = one(
            [
                fact(party_id, "Communist Party of Spain", "closed", reliability="A"),
                fact(rbc_id, "RBC", "closed", "organization:Communist Party of Spain"),
            ]
        )
        [origin] = p.values[0].origins
        return origin.label, p.by_claim[rbc_id].derived_confidence

    # The outlet's own grade (A) stands for it, not the ungraded organization's.
    assert judged(1, 2) == judged(2, 1) == ("outlet: Communist Party of Spain", 2)


def test_one_body_named_two_ways_is_one_origin() -> None:
    # The party published its statement itself, and RBC quotes "the party": one origin.
    party = [
        fact(1, "Communist Party of Spain", "closed"),
        fact(2, "RBC", "closed", "organization:Communist Party of Spain"),
    ]
    assert one(party).values[0].independent_origins == 1
    # One man, named a person by one outlet and an official by another.
    ryu = [
        fact(1, "Yonhap", "closed", "person:Ryu Hyun Woo"),
        fact(2, "Korea Times", "closed", "official:Ryu Hyun-Woo"),
    ]
    [origin] = one(ryu).values[0].origins
    assert (origin.kind, origin.name) == ("person", "Ryu Hyun Woo")  # as first named
    # A document is not the body it is named after.
    paper = [
        fact(1, "Yonhap", "closed", "document:Communist Party of Spain"),
        fact(2, "Communist Party of Spain", "closed"),
    ]
    assert one(paper).values[0].independent_origins == 2


def test_citing_an_outlet_for_what_it_did_not_say_is_flagged() -> None:
    facts = [
        fact(1, "Yonhap", "open", "document:Notice"),
        fact(2, "RBC", "closed", "outlet:Yonhap"),  # Yonhap said open
        fact(3, "Asahi", "closed", "outlet:Nikkei"),  # Nikkei said nothing here
        fact(4, "KCNA", "open", "outlet:Yonhap", stance="denies"),  # Yonhap asserted it
        fact(5, "Yomiuri", "open", "outlet:Yonhap"),  # what Yonhap said: an echo
    ]
    p = one(facts)
    flagged = {i: p.by_claim[i].misattributed for i in (2, 3, 4, 5)}
    assert flagged == {2: ("Yonhap",), 3: (), 4: ("Yonhap",), 5: ()}
    assert "misattributed" in p.by_claim[4].reasons  # (2 is confirmed, by Nikkei too)
    # The rule of origins is unchanged: an outlet with no such claim is the origin.
    assert [o.name for o in p.by_claim[2].origins] == ["Yonhap"]
    # What Yonhap said about another time is no contradiction.
    later = [
        fact(1, "Yonhap", "open", as_of="October 2026"),
        fact(2, "RBC", "closed", "outlet:Yonhap", as_of="November 2026"),
    ]
    assert one(later).by_claim[2].misattributed == ()


def test_citation_cycles_terminate_are_reported_and_count_once() -> None:
    p = one(
        [
            fact(1, "Outlet A", "closed", "outlet:Outlet B"),
            fact(2, "Outlet B", "closed", "outlet:Outlet A"),
        ]
    )
    assert p.values[0].independent_origins == 1
    assert p.cycles == (("Outlet A", "Outlet B"),)
    assert "citation-cycle" in p.by_claim[1].reasons
    assert p.by_claim[1].origins[0].kind == "circular"
    # A loop with an outside origin keeps that origin.
    p = one(
        [
            fact(1, "Outlet A", "closed", "outlet:Outlet B", "document:Decree"),
            fact(2, "Outlet B", "closed", "outlet:Outlet A"),
        ]
    )
    assert [o.label for o in p.values[0].origins] == ["document: Decree"]


# --- rules 7 and 8: unconfirmed claims, derived credibility ----------------------------


def test_unconfirmed_reasons() -> None:
    p = one(
        [
            fact(1, "Yomiuri Shimbun", "to close", "anonymous:North Korean sources", confidence=5),
            fact(2, "RBC", "to close", "outlet:Yomiuri Shimbun"),
            fact(3, "KCNA", "to close", stance="denies"),
        ]
    )
    assert set(p.by_claim[1].reasons) == {"circular", "anonymous", "contradicted", "low-confidence"}
    assert p.by_claim[3].reasons == ("single-origin", "contradicted")
    assert all(v.unconfirmed for v in p.by_claim.values())


def test_one_body_recorded_under_several_kinds_is_one_origin() -> None:
    p = one(
        [
            fact(1, "Ministry of Transport", "53"),  # publishing its own statement
            fact(2, "Daily", "53", "official:Ministry of Transport"),
            fact(3, "Wire", "53", "organization:Ministry of Transport"),
            fact(4, "Post", "53", "person:ministry of transport"),
        ]
    )
    [value] = p.values
    assert value.independent_origins == 1
    assert [o.label for o in value.origins] == ["outlet: Ministry of Transport"]
    assert p.by_claim[2].reasons == ("circular",)
    # A document is its issuer's account only once its issuer is known: still its own.
    p = one(
        [
            fact(1, "Ministry of Transport", "53"),
            fact(2, "Daily", "53", "document:Ministry of Transport"),
        ]
    )
    assert p.values[0].independent_origins == 2


def test_values_confirm_only_when_one_lies_within_the_other() -> None:
    # An estimate of "20-60" issued to rebut a ministry's "dozens": they overlap, so
    # they do not conflict, but neither says what the other says.
    p = one(
        [
            fact(1, "Ministry of Health", "dozens", predicate="deaths"),
            fact(2, "Rights Watch", "20-60", "document:Field survey", predicate="deaths"),
        ]
    )
    assert (p.verdict, p.conflicts) == ("agree", ())
    assert [(v.value, v.independent_origins, v.compatible) for v in p.values] == [
        ("dozens", 1, (1,)),
        ("20-60", 1, (0,)),
    ]
    ministry = p.by_claim[1]
    assert (ministry.independent_origins, ministry.compatible_with) == (1, (2,))
    assert ministry.unconfirmed and not ministry.conflicts_with
    # "340" lies within "hundreds": that is confirmation.
    p = one([fact(1, "A", "340", "document:D"), fact(2, "B", "hundreds")])
    assert [v.independent_origins for v in p.values] == [2, 2]
    assert p.values[0].compatible == () and p.by_claim[1].compatible_with == ()


def test_abbreviations_with_full_stops_are_one_value_and_one_subject() -> None:
    p = one(
        [
            fact(1, "Wire", "U.S. Army", subject="U.N. report", predicate="blames"),
            fact(2, "Daily", "US Army", "outlet:Wire", subject="UN report", predicate="blames"),
        ]
    )
    assert (p.verdict, len(p.values)) == ("agree", 1)
    assert p.by_claim[2].misattributed == ()  # a faithful echo, not a misattribution
    assert p.by_claim[2].independent_origins == 1


def test_number_words_are_read_as_numbers() -> None:
    p = one([fact(1, "Wire", "53"), fact(2, "Daily", "fifty-three")])
    assert (p.verdict, len(p.values), p.conflicts) == ("agree", 1, ())  # one figure
    assert one([fact(1, "A", "25%"), fact(2, "B", "almost 25%")]).conflicts == ()


def test_a_contradicted_claim_stays_unconfirmed_however_many_origins_back_it() -> None:
    p = one(
        [
            fact(1, "Korea Times", "closed", "document:Decision"),
            fact(2, "Communist Party of Spain", "closed"),
            fact(3, "KCNA", "open"),
        ]
    )
    closed = p.by_claim[1]
    assert closed.independent_origins == 2
    assert (closed.unconfirmed, closed.reasons) == (True, ("contradicted",))
    assert p.is_unconfirmed(1) and p.is_unconfirmed(3)


def test_a_claim_not_graded_is_not_graded_low() -> None:
    # Recorded without --confidence, a claim carries 6, "truth cannot be judged".
    facts = [fact(1, "RBC", "closed", confidence=6), fact(2, "Yonhap", "closed", confidence=5)]
    p = one(facts, min_origins=3)
    assert p.by_claim[1].reasons == ("few-origins",)
    assert p.by_claim[2].reasons == ("few-origins", "low-confidence")
    loose = Fact(id=9, outlet="RBC", outlet_key="rbc", confidence=6)
    assert assess_unattached(loose).reasons == ("no-proposition",)


def test_min_origins_raises_the_bar() -> None:
    facts = [
        fact(1, "Korea Times", "closed", "document:Decision"),
        fact(2, "Communist Party of Spain", "closed"),
    ]
    assert not one(facts).by_claim[1].unconfirmed
    strict = one(facts, min_origins=3).by_claim[1]
    assert (strict.unconfirmed, strict.reasons) == (True, ("few-origins",))


@pytest.mark.parametrize(
    ("facts", "claim", "derived"),
    [
        ([fact(1, "A", "closed", "document:D"), fact(2, "B", "closed")], 1, 1),
        ([fact(1, "A", "closed", "anonymous:Sources")], 1, 3),
        ([fact(1, "A", "closed", reliability="B")], 1, 2),
        ([fact(1, "A", "closed", reliability="E")], 1, 4),
        ([fact(1, "A", "closed"), fact(2, "B", "open")], 1, 4),
        (
            [fact(1, "A", "closed"), fact(2, "B", "closed", "document:D"), fact(3, "C", "open")],
            3,
            5,
        ),
        (
            [fact(1, "A", "closed"), fact(2, "B", "closed", "document:D"), fact(3, "C", "open")],
            1,
            3,
        ),
    ],
)
def test_derived_credibility(facts: list[Fact], claim: int, derived: int) -> None:
    assert one(facts).by_claim[claim].derived_confidence == derived


def test_grades_and_kinds_weigh_when_values_conflict() -> None:
    # STANAG 2511 / ICD 203: a document graded A against one anonymous source is not a tie.
    facts = [
        Fact(1, "Daily", "daily", 3, (cite("document:Army log", "A"),), SPAIN, "deaths",
             parse_value("12")),
        fact(2, "Post", "40", "anonymous:A soldier", predicate="deaths"),
    ]  # fmt: skip
    p = one(facts)
    log, soldier = p.by_claim[1], p.by_claim[2]
    assert (log.derived_confidence, soldier.derived_confidence) == (3, 5)
    assert log.derived_reason == (
        "a document graded A against one anonymous source: the evidence favours this value"
    )
    assert soldier.derived_reason == (
        "one anonymous source against a document graded A: "
        "the evidence favours the conflicting value"
    )
    # Two anonymous sources do not outweigh it either; two named officials graded B do.
    two = [*facts, fact(3, "Wire", "40", "anonymous:Another soldier", predicate="deaths")]
    assert one(two).by_claim[1].derived_confidence == 3
    named = [
        facts[0],
        Fact(2, "Post", "post", 3, (cite("official:Governor", "B"),), SPAIN, "deaths",
             parse_value("40")),
        Fact(3, "Wire", "wire", 3, (cite("official:Mayor", "B"),), SPAIN, "deaths",
             parse_value("40")),
    ]  # fmt: skip
    assert one(named).by_claim[1].derived_confidence == 5


def test_a_chain_through_a_retracted_report_is_flagged_and_counts_no_origin() -> None:
    withdrawn = fact(1, "Wire", "53", "anonymous:A soldier")  # later retracted
    facts = [
        fact(2, "Daily", "53", "outlet:Wire"),
        fact(3, "Post", "53", "outlet:Daily"),  # through Daily, to the retracted report
        fact(4, "Herald", "53", "document:Coroner's list"),
    ]
    p = assess(facts, retracted=[withdrawn])
    daily, post, herald = p.by_claim[2], p.by_claim[3], p.by_claim[4]
    assert (daily.origins, daily.rests_on_retracted) == ((), (1,))
    assert post.rests_on_retracted == (1,) and herald.rests_on_retracted == ()
    # Wire is no origin of its own here: only the coroner's list stands behind "53".
    assert [o.label for o in p.values[0].origins] == ["document: Coroner's list"]
    assert daily.unconfirmed and "rests-on-retracted" in daily.reasons
    assert "rests-on-retracted" in post.reasons and "rests-on-retracted" not in herald.reasons
    alone = assess([facts[0]], retracted=[withdrawn]).by_claim[2]
    assert (alone.independent_origins, alone.derived_confidence) == (0, 6)
    tree = origin_tree([facts[0]], 2, [withdrawn])
    assert tree["cites"] == [
        {
            "source": "outlet:Wire",
            "origin": "none: its report here was retracted (claim 1)",
            "retracted": [1],
        }
    ]
    # Without the retraction known, Wire itself was taken for the origin.
    assert [o.label for o in assess([facts[0]]).by_claim[2].origins] == ["outlet: Wire"]


def test_who_speaks_for_whom_resolves_origins_to_the_principal() -> None:
    ministry = Cited("official", "Ministry of Defence", "ministryofdefence")
    roe = cite("person:Jane Roe")._replace(principal=ministry)
    doe = cite("person:John Doe")._replace(principal=ministry)
    facts = [
        Fact(1, "Daily", "daily", 3, (roe,), SPAIN, "deaths", parse_value("12")),
        Fact(2, "Post", "post", 3, (doe,), SPAIN, "deaths", parse_value("12")),
    ]
    p = one(facts)
    [value] = p.values
    # Two spokesmen of one ministry are one origin, and the chain names both.
    assert value.independent_origins == 1
    assert [o.name for o in value.origins] == ["Ministry of Defence"]
    assert origin_tree(facts, 1)["cites"] == [
        {
            "source": "person:Jane Roe",
            "origin": "official: Ministry of Defence (through person: Jane Roe)",
        }
    ]
    # Unlinked, they were two.
    plain = [Fact(f.id, f.outlet, f.outlet_key, 3, (s._replace(principal=None),), SPAIN,
                  "deaths", f.value) for f, s in zip(facts, (roe, doe), strict=True)]  # fmt: skip
    assert one(plain).values[0].independent_origins == 2


def test_a_party_to_the_matter_does_not_confirm_its_own_side() -> None:
    parties = frozenset({("outlet", "governmentofa")})
    facts = [
        fact(1, "Daily", "army of B", "official:Government of A", predicate="responsible"),
        fact(2, "Post", "army of B", "document:Satellite images", predicate="responsible"),
    ]
    assert not one(facts).by_claim[1].unconfirmed  # two origins: confirmed
    for f in facts:
        f.parties = parties
    p = one(facts)
    accused = p.by_claim[1]
    assert accused.independent_origins == 2  # an origin still, but no confirmation
    assert accused.unconfirmed and "interested-party" in accused.reasons
    assert accused.derived_confidence == 2
    assert "1 of them party to the matter" in accused.derived_reason


def test_claims_without_a_proposition_rest_on_their_own_sources() -> None:
    loose = Fact(
        id=9,
        outlet="RBC",
        outlet_key="rbc",
        confidence=3,
        sources=(cite("person:Konstantin Asmolov"),),
    )
    verdict = assess_unattached(loose)
    assert verdict.reasons == ("no-proposition",) and verdict.independent_origins == 1
    # Two sources of its own: still nothing to check them by, so not "confirmed" (1).
    loose.sources += (cite("official:Ministry of Unification"),)
    verdict = assess_unattached(loose)
    assert (verdict.unconfirmed, verdict.independent_origins) == (True, 2)
    assert verdict.derived_confidence == 2
    assert verdict.derived_reason == "2 origins named, but no proposition to check them by"


def test_origin_tree_follows_the_chain() -> None:
    facts = [
        fact(1, "Korea Times", "closed", "document:Decision"),
        fact(2, "RBC", "closed", "outlet:Korea Times"),
    ]
    assert origin_tree(facts, 2) == {
        "claim": 2,
        "outlet": "RBC",
        "cites": [
            {
                "source": "outlet:Korea Times",
                "via": [
                    {
                        "claim": 1,
                        "outlet": "Korea Times",
                        "cites": [{"source": "document:Decision", "origin": "document: Decision"}],
                    }
                ],
            }
        ],
    }


def test_a_confirmed_claim_carries_no_reasons_to_doubt_it() -> None:
    facts = [
        fact(1, "Korea Times", "closed", "document:Decision"),
        fact(2, "RBC", "closed", "outlet:Korea Times", confidence=5),
        fact(3, "Communist Party of Spain", "closed"),
    ]
    confirmed = one(facts).by_claim[2]
    assert (confirmed.unconfirmed, confirmed.independent_origins, confirmed.reasons) == (
        False,
        2,
        (),
    )
    # Asked for three origins, the same claim is unconfirmed, and says why.
    doubted = one(facts, min_origins=3).by_claim[2]
    assert doubted.reasons == ("circular", "few-origins", "low-confidence")


def test_one_outlet_saying_one_thing_twice_is_still_single() -> None:
    assert one([fact(1, "RBC", "closed"), fact(2, "RBC", "Closed")]).verdict == "single"
    # In other words, or for other periods: still one outlet saying one thing.
    assert one([fact(1, "RBC", "53"), fact(2, "RBC", "about 50")]).verdict == "single"
    closed = [fact(1, "RBC", "closed", as_of="October 2026")]
    closed.append(fact(2, "RBC", "closed", as_of="November 2026"))
    assert one(closed).verdict == "single"
    # Contradicting itself, or changing its figure, it is not.
    assert one([fact(1, "RBC", "53"), fact(2, "RBC", "49")]).verdict == "conflict"
    changed = [fact(1, "RBC", "53", as_of="October 2026")]
    changed.append(fact(2, "RBC", "49", as_of="November 2026"))
    assert one(changed).verdict == "timeline"


# --- properties ----------------------------------------------------------------------

OUTLETS = ["Korea Times", "RBC", "Yonhap", "KCNA", "Yomiuri Shimbun"]
VALUES = ["53", "about 50", "49", "more than 12", "closed", "open"]
SOURCES = [
    "person:Ryu Hyun Woo",
    "anonymous:North Korean sources",
    "document:Decision",
    *(f"outlet:{o}" for o in OUTLETS),
]
PERIODS = [None, "early October 2026", "October 2026", "November 2026"]

claim_sets = st.lists(
    st.tuples(
        st.sampled_from(OUTLETS),
        st.sampled_from(VALUES),
        st.lists(st.sampled_from(SOURCES), max_size=2, unique=True),
        st.sampled_from(["A", "a", "B"]),  # subjects, 'A' and 'a' normalise alike
        st.sampled_from(["count", "reason"]),
        st.sampled_from(PERIODS),
        st.sampled_from(["asserts", "asserts", "denies"]),
    ),
    min_size=1,
    max_size=12,
)


def build(rows: list[tuple[str, str, list[str], str, str, str | None, str]]) -> list[Fact]:
    return [
        fact(
            i,
            outlet,
            value,
            *sources,
            subject=subject,
            predicate=predicate,
            as_of=as_of,
            stance=stance,
        )
        for i, (outlet, value, sources, subject, predicate, as_of, stance) in enumerate(rows, 1)
    ]


def summary(verdicts: list[PropositionVerdict]) -> object:
    return {
        (normalize(v.subject), v.predicate): (
            v.verdict,
            v.conflicts,
            {
                i: (c.independent_origins, c.reasons, c.derived_confidence, c.origins)
                for i, c in v.by_claim.items()
            },
        )
        for v in verdicts
    }


def normalize(subject: str) -> str:
    return subject.lower()


ALIASES = [("a", "b"), ("b", "c")]


@settings(max_examples=150, deadline=None)
@given(claim_sets, st.randoms(use_true_random=False))
def test_order_aliases_and_duplicates_do_not_change_verdicts(
    rows: list[tuple[str, str, list[str], str, str, str | None, str]], rnd: random.Random
) -> None:
    facts = build(rows)
    aliases = canonical_subjects(ALIASES)
    expected = summary(cross_reference(facts, aliases=aliases, multi_valued={"reason"}))
    shuffled = facts + rnd.sample(facts, k=min(3, len(facts)))  # duplicates too
    rnd.shuffle(shuffled)
    pairs = [tuple(rnd.sample(pair, 2)) for pair in ALIASES]
    rnd.shuffle(pairs)
    got = cross_reference(
        shuffled,
        aliases=canonical_subjects(pairs),  # type: ignore[arg-type]
        multi_valued={"reason"},
    )
    assert summary(got) == expected


@settings(max_examples=150, deadline=None)
@given(claim_sets, st.data())
def test_a_copy_recorded_twice_changes_no_verdict(
    rows: list[tuple[str, str, list[str], str, str, str | None, str]], data: st.DataObject
) -> None:
    facts = build(rows)
    original = data.draw(st.sampled_from(facts))
    copy = Fact(**{**{f: getattr(original, f) for f in Fact.__slots__}, "id": 1000})  # type: ignore[attr-defined]
    before = cross_reference(facts, multi_valued={"reason"})
    after = cross_reference([*facts, copy], multi_valued={"reason"})
    assert [(v.subject, v.predicate, v.verdict) for v in after] == [
        (v.subject, v.predicate, v.verdict) for v in before
    ]


@settings(max_examples=200, deadline=None)
@given(claim_sets, st.data())
def test_an_echo_never_raises_an_independent_origin_count(
    rows: list[tuple[str, str, list[str], str, str, str | None, str]], data: st.DataObject
) -> None:
    facts = build(rows)
    echoed = data.draw(st.sampled_from(facts))
    echo = Fact(
        id=1000,
        outlet="Echo Daily",
        outlet_key="echodaily",
        confidence=3,
        sources=(cite(f"outlet:{echoed.outlet}"),),
        subject=echoed.subject,
        predicate=echoed.predicate,
        value=echoed.value,
        as_of=echoed.as_of,
        as_of_text=echoed.as_of_text,
        stance=echoed.stance,
    )
    before = {
        i: c.independent_origins
        for v in cross_reference(facts, multi_valued={"reason"})
        for i, c in v.by_claim.items()
    }
    after = {
        i: c.independent_origins
        for v in cross_reference([*facts, echo], multi_valued={"reason"})
        for i, c in v.by_claim.items()
    }
    assert all(after[i] <= before[i] for i in before)
    assert after[1000] == after[echoed.id]


def test_assess_ignores_input_order_on_the_reference_count_case() -> None:
    facts = [
        fact(1, "RBC", "53", predicate="count", as_of="early October 2026"),
        fact(
            2,
            "Yomiuri",
            "about 50",
            "anonymous:North Korean sources",
            predicate="count",
            as_of="October 2026",
        ),
        fact(3, "RBC", "49", predicate="count", as_of="November 2026"),
    ]
    assert assess(facts).by_claim == assess(facts[::-1]).by_claim

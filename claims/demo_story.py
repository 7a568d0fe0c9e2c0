"""The reference story, modelled as claims: the worked example for docs, tests and demos.

The story is RBC's explainer "Why North Korea is closing its embassies around the world",
the reference article (RBC, November 2026, in English). It sits outside the repository, at
``../shared/reference/dprk-embassies-article.txt`` relative to the project root, and is not part
of the installed package. Everything below is our own wording of what the article says and
who it says said it; no sentence is copied, and no URL is given because we have none. The
article re-reports a chain of outlets (Korea Times, KCNA, Yonhap, Yomiuri Shimbun, NK News,
the Communist Party of Spain), which cite documents, officials, named people and anonymous
sources, so it exercises every part of the cross-referencer:

* the Madrid embassy closure rests on two independent origins: the document Korea Times cites
  and the Communist Party of Spain's own statement (RBC's echo of both adds no third);
* the Hong Kong consulate closure rests on one anonymous origin via Yomiuri Shimbun;
* the Uganda and Angola closures rest on KCNA alone;
* the mission count agrees across "53" and "about 50" in October and changes to 49 later;
* "reason" holds competing explanations side by side (financial difficulties, sanctions, the
  2017 expulsion, Hong Kong's cost of living, plain optimisation);
* a Ministry of Unification official and Konstantin Asmolov disagree on whether the closures
  signal economic hardship.

Plain data only: OUTLETS, SOURCES and CLAIMS, in the shapes the store's import takes. Grades
use the Admiralty (NATO) scale: outlet/source reliability A-F, claim confidence 1-6.
Paragraph numbers in the comments count the article's paragraphs from its standfirst
("North Korea has closed its embassies...") as paragraph 1.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- vocabulary
# Claims about the same thing must share subject and predicate exactly, so they are spelled
# once here. Values that must match across outlets ("closed", "financial difficulties") are
# constants too: an echo only resolves to the cited outlet's claim when the value agrees.

_SPAIN = "DPRK embassy in Spain"
_MADRID = "DPRK embassy in Madrid"
_UGANDA = "DPRK embassy in Uganda"
_ANGOLA = "DPRK embassy in Angola"
_HONG_KONG = "DPRK consulate general in Hong Kong"
_MISSIONS = "DPRK diplomatic missions abroad"
_CLOSURES = "DPRK diplomatic mission closures"
_DPRK = "DPRK"
_ATTACK = "2019 attack on the DPRK embassy in Spain"

_STATUS = "status"
_REASON = "reason"  # multi-valued: competing explanations stand side by side
_COUNT = "count"
_INDICATES = "indicates"
_PLANNED = "missions planned to close"

_CLOSED = "closed"
_TO_CLOSE = "to close"
_FINANCIAL = "financial difficulties"
_SANCTIONS = "sanctions"
_EXPULSION = "expulsion of ambassador Kim Hyok Chol in 2017"
_HARDSHIP = "economic hardship in the DPRK"
_DOZEN_PLUS = "more than a dozen"

# --------------------------------------------------------------------------- dates
# The article's own dateline is not in the text. It reports Korea Times' story of
# 1 November and Yomiuri's of 27 October as already out, so it was published no earlier than
# 1 November 2026; month precision claims no more than that.
_RBC_DATE = "November 2026"
_KOREA_TIMES_DATE = "2026-11-01"
_KCNA_DATE = "2026-10-30"
_YOMIURI_DATE = "2026-10-27"
# Yonhap's, NK News' and the Communist Party of Spain's pieces are undated in the article.
# Each came after 26 October (the party learned of the decision that day; Yonhap followed
# KCNA's 30 October report) and before RBC's November piece: that window straddles a month
# boundary, so only the year is certain.
_UNDATED_2026 = "2026"

_RBC_HEADLINE = "Why North Korea is closing its embassies around the world"

# --------------------------------------------------------------------------- source refs
# "KIND:NAME" strings used by CLAIMS, spelled once so they cannot drift from OUTLETS/SOURCES.

_VIA_KOREA_TIMES = "outlet:Korea Times"
_VIA_KCNA = "outlet:KCNA"
_VIA_YONHAP = "outlet:Yonhap"
_VIA_YOMIURI = "outlet:Yomiuri Shimbun"
_VIA_CPE = "outlet:Communist Party of Spain"

_MADRID_DOCUMENT = "document:DPRK decision to close the Madrid embassy"
_NK_SOURCES = "anonymous:North Korean sources"
_MOU = "official:Ministry of Unification"
_MOU_OFFICIAL = "anonymous:Ministry of Unification official"
_SK_AUTHORITIES = "official:South Korean authorities"
_SPANISH_INVESTIGATORS = "official:Spanish investigators"
_DPRK_EMBASSY_MADRID = "official:DPRK Embassy in Spain"
_RYU = "person:Ryu Hyun Woo"
_OCARROLL = "person:Chad O'Carroll"
_ASMOLOV = "person:Konstantin Asmolov"
_MUSEVENI = "person:Yoweri Kaguta Museveni"
_LOURENCO = "person:João Lourenço"

# --------------------------------------------------------------------------- outlets
# Reliability is about the outlet's track record, not any one claim (that is confidence).

OUTLETS: list[dict[str, str]] = [
    # Russian business media group; this piece attributes carefully, but Russian outlets work
    # under wartime censorship law, so "fairly reliable" rather than "usually".
    {"name": "RBC", "kind": "online", "country": "RU", "reliability": "C"},
    # Established English-language South Korean daily.
    {"name": "Korea Times", "kind": "newspaper", "country": "KR", "reliability": "B"},
    # Pyongyang's mouthpiece: propaganda on most things, hence D. What it reports of the
    # regime's own decisions is nonetheless authoritative, which the claims' confidence (2)
    # reflects; the outlet grade and the information grade are separate on this scale.
    {"name": "KCNA", "kind": "state-media", "country": "KP", "reliability": "D"},
    # South Korea's national wire agency: state-funded but editorially independent.
    {"name": "Yonhap", "kind": "wire-agency", "country": "KR", "reliability": "B"},
    # Major Japanese national daily with a long record on North Korea.
    {"name": "Yomiuri Shimbun", "kind": "newspaper", "country": "JP", "reliability": "B"},
    # Specialist North Korea news site (Korea Risk Group, Seoul); usually well sourced.
    {"name": "NK News", "kind": "online", "country": "KR", "reliability": "B"},
    # A political party publishing its own statement, so an outlet of kind "other" whose
    # claims carry no sources: it is then an origin in its own right, independent of the
    # Korea Times document. It had first-hand word from Pyongyang but a partisan stake in the
    # framing ("American imperialists"), hence C.
    {"name": "Communist Party of Spain", "kind": "other", "country": "ES", "reliability": "C"},
]

# --------------------------------------------------------------------------- sources
# Every non-outlet source CLAIMS names, with the role the article gives it.

SOURCES: list[dict[str, str]] = [
    # Not published; we cannot judge whether it is authentic or what it says beyond the report.
    {
        "kind": "document",
        "name": "DPRK decision to close the Madrid embassy",
        "role": "Pyongyang's decision on closing its Madrid embassy, as cited by Korea Times",
        "reliability": "F",
    },
    {
        "kind": "anonymous",
        "name": "North Korean sources",
        "role": "Unnamed North Korean sources cited by Yomiuri Shimbun",
        "reliability": "F",
    },
    {
        "kind": "official",
        "name": "Ministry of Unification",
        "role": "South Korean ministry responsible for relations with the DPRK",
        "reliability": "B",
    },
    {
        "kind": "anonymous",
        "name": "Ministry of Unification official",
        "role": "South Korean Ministry of Unification official, speaking to Yonhap on condition "
        "of anonymity",
    },
    # The article does not name the office behind the mission count.
    {
        "kind": "official",
        "name": "South Korean authorities",
        "role": "South Korean government (office not named)",
        "reliability": "B",
    },
    {
        "kind": "official",
        "name": "Spanish investigators",
        "role": "Spanish investigators of the February 2019 attack on the DPRK embassy in Madrid",
        "reliability": "B",
    },
    {
        "kind": "official",
        "name": "DPRK Embassy in Spain",
        "role": "North Korea's diplomatic mission in Madrid",
    },
    {
        "kind": "person",
        "name": "Ryu Hyun Woo",
        "role": "Former acting North Korean ambassador to Kuwait",
        "reliability": "C",
    },
    {
        "kind": "person",
        "name": "Chad O'Carroll",
        "role": "Analyst; founder of NK News",
        "reliability": "B",
    },
    {
        "kind": "person",
        "name": "Konstantin Asmolov",
        "role": "Leading researcher, Center for Korean Studies, Institute of China and Modern "
        "Asia, Russian Academy of Sciences",
        "reliability": "B",
    },
    {"kind": "person", "name": "Yoweri Kaguta Museveni", "role": "President of Uganda"},
    {"kind": "person", "name": "João Lourenço", "role": "President of Angola"},
]

# --------------------------------------------------------------------------- claims
# RBC sent a request to the DPRK embassy in Moscow (paragraph 4); no answer is reported, so
# there is no claim for it. Proposition as_of is left None where the article gives no period
# of its own: a status with no period does not split into a timeline.

# Outlets name one embassy by its city or by its country: one subject for cross-referencing.
ALIASES: list[tuple[str, str]] = [(_MADRID, _SPAIN)]

# The reasons given for the closures are competing explanations, not one fact: financial
# difficulties, sanctions and the 2017 expulsion can all be true at once.
MULTI_VALUED_PREDICATES: list[str] = ["reason"]

CLAIMS: list[dict[str, object]] = [
    # --- Korea Times (paragraph 2). Based on a document, corroborated independently by the
    # Communist Party of Spain, but graded on its own footing: 2, probably true.
    {
        "text": "North Korea has decided to close its Madrid embassy for good.",
        "outlet": "Korea Times",
        "date": _KOREA_TIMES_DATE,
        "sources": [_MADRID_DOCUMENT],
        "confidence": 2,
        "headline": None,
        "subject": _MADRID,  # Korea Times names the city; see ALIASES
        "predicate": _STATUS,
        "value": _CLOSED,
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "The DPRK embassy in Italy is to take over diplomatic and consular work for Spain.",
        "outlet": "Korea Times",
        "date": _KOREA_TIMES_DATE,
        "sources": [_MADRID_DOCUMENT],
        "confidence": 2,
        "headline": None,
        "subject": "DPRK representation in Spain",
        "predicate": "handled by",
        "value": "DPRK embassy in Italy",
        "as_of": None,
        "stance": "asserts",
    },
    # --- KCNA (paragraph 3). The regime announcing its own closures: authoritative for the
    # fact (2), though only one origin. Its account of what foreign presidents said is the
    # regime's rendering of friendly words, so 3.
    {
        "text": "North Korea's embassy in Uganda has closed; the ambassador paid a farewell "
        "call to tell the Ugandan authorities.",
        "outlet": "KCNA",
        "date": _KCNA_DATE,
        "sources": [],
        "confidence": 2,
        "headline": None,
        "subject": _UGANDA,
        "predicate": _STATUS,
        "value": _CLOSED,
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "North Korea's embassy in Angola has closed; the ambassador paid a farewell "
        "call to tell the Angolan authorities.",
        "outlet": "KCNA",
        "date": _KCNA_DATE,
        "sources": [],
        "confidence": 2,
        "headline": None,
        "subject": _ANGOLA,
        "predicate": _STATUS,
        "value": _CLOSED,
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "Uganda's president thanked North Korea for its past help and recalled meeting "
        "Kim Il Sung.",
        "outlet": "KCNA",
        "date": _KCNA_DATE,
        "sources": [_MUSEVENI],
        "confidence": 3,
        "headline": None,
        "subject": "Yoweri Kaguta Museveni",
        "predicate": "response to the embassy closure",
        "value": "gratitude for past DPRK assistance",
        "as_of": "October 2026",
        "stance": "asserts",
    },
    {
        "text": "Angola's president wished North Korea economic success and hoped cooperation "
        "would continue.",
        "outlet": "KCNA",
        "date": _KCNA_DATE,
        "sources": [_LOURENCO],
        "confidence": 3,
        "headline": None,
        "subject": "João Lourenço",
        "predicate": "response to the embassy closure",
        "value": "hope for further cooperation",
        "as_of": "October 2026",
        "stance": "asserts",
    },
    # --- KCNA, February 2023 (paragraph 7). The embassy's own statement as carried by the
    # regime's agency: that the demand was made is not in doubt, 2.
    {
        "text": "The DPRK embassy in Madrid demanded a formal US apology, reparations and the "
        "handover of the 2019 attackers, and urged Spain to settle the case.",
        "outlet": "KCNA",
        "date": "February 2023",
        "sources": [_DPRK_EMBASSY_MADRID],
        "confidence": 2,
        "headline": None,
        "subject": _ATTACK,
        "predicate": "DPRK demand",
        "value": "US apology, reparations and handover of the attackers",
        "as_of": "February 2023",
        "stance": "asserts",
    },
    # --- Communist Party of Spain, own statement (paragraph 5). First-hand word of the
    # decision (2); its explanation repeats Pyongyang's framing of US-led sanctions (3).
    {
        "text": "The party says it was told on 26 October of Pyongyang's decision to close the "
        "Madrid embassy.",
        "outlet": "Communist Party of Spain",
        "date": _UNDATED_2026,
        "sources": [],
        "confidence": 2,
        "headline": None,
        "subject": _SPAIN,
        "predicate": _STATUS,
        "value": _CLOSED,
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "The party blames the Madrid closure on US sanctions, adopted by the EU and "
        "Spain, that blocked useful ties with Spanish institutions and businesses.",
        "outlet": "Communist Party of Spain",
        "date": _UNDATED_2026,
        "sources": [],
        "confidence": 3,
        "headline": None,
        "subject": _CLOSURES,
        "predicate": _REASON,
        "value": _SANCTIONS,
        "as_of": None,
        "stance": "asserts",
    },
    # --- Yonhap's own reporting (paragraph 9). A national wire with no named source: 2.
    {
        "text": "The African embassies, like the Spanish one, closed because of money troubles.",
        "outlet": "Yonhap",
        "date": _UNDATED_2026,
        "sources": [],
        "confidence": 2,
        "headline": None,
        "subject": _CLOSURES,
        "predicate": _REASON,
        "value": _FINANCIAL,
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "For years Angola was one of Pyongyang's main African earners of hard currency, "
        "through North Korean labour sent there.",
        "outlet": "Yonhap",
        "date": _UNDATED_2026,
        "sources": [],
        "confidence": 2,
        "headline": None,
        "subject": "Angola",
        "predicate": "role for the DPRK",
        "value": "key African source of hard currency",
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "After the 2017 UN sanctions Angola ended its contracts with the North Korean "
        "builder Mansudae and ordered its workers out.",
        "outlet": "Yonhap",
        "date": _UNDATED_2026,
        "sources": [],
        "confidence": 2,
        "headline": None,
        "subject": "Mansudae workers in Angola",
        "predicate": _STATUS,
        "value": "ordered to leave",
        "as_of": "2017",
        "stance": "asserts",
    },
    # --- Yonhap quoting the Ministry of Unification (paragraph 13). The ministry's stated
    # link to sanctions is an official assessment (2); the anonymous official's "may
    # indicate" is an inference (3), which Asmolov disputes below.
    {
        "text": "The Ministry of Unification ties the closures to international sanctions, "
        "which make the hard currency to run embassies very hard to get.",
        "outlet": "Yonhap",
        "date": _UNDATED_2026,
        "sources": [_MOU],
        "confidence": 2,
        "headline": None,
        "subject": _CLOSURES,
        "predicate": _REASON,
        "value": _SANCTIONS,
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "An unnamed ministry official says the closures may show how hard up North "
        "Korea is, struggling to keep even minimal ties with old friends.",
        "outlet": "Yonhap",
        "date": _UNDATED_2026,
        "sources": [_MOU_OFFICIAL],
        "confidence": 3,
        "headline": None,
        "subject": _CLOSURES,
        "predicate": _INDICATES,
        "value": _HARDSHIP,
        "as_of": None,
        "stance": "asserts",
    },
    # --- Yomiuri Shimbun (paragraphs 10-11). Everything rests on anonymous North Korean
    # sources, so 3 at best; the total "about 50" is 2 because it agrees with the South
    # Korean authorities' 53.
    {
        "text": "North Korea will soon close its consulate general in Hong Kong.",
        "outlet": "Yomiuri Shimbun",
        "date": _YOMIURI_DATE,
        "sources": [_NK_SOURCES],
        "confidence": 3,
        "headline": None,
        "subject": _HONG_KONG,
        "predicate": _STATUS,
        "value": _TO_CLOSE,
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "Economic difficulties have made the Hong Kong consulate hard for Pyongyang to "
        "keep up.",
        "outlet": "Yomiuri Shimbun",
        "date": _YOMIURI_DATE,
        "sources": [_NK_SOURCES],
        "confidence": 3,
        "headline": None,
        "subject": _CLOSURES,
        "predicate": _REASON,
        "value": _FINANCIAL,
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "Hong Kong's high cost of living is part of why the consulate is closing.",
        "outlet": "Yomiuri Shimbun",
        "date": _YOMIURI_DATE,
        "sources": [_NK_SOURCES],
        "confidence": 3,
        "headline": None,
        "subject": _CLOSURES,
        "predicate": _REASON,
        "value": "high cost of living in Hong Kong",
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "Pyongyang told the Chinese authorities of the Hong Kong plan in mid-October.",
        "outlet": "Yomiuri Shimbun",
        "date": _YOMIURI_DATE,
        "sources": [_NK_SOURCES],
        "confidence": 3,
        "headline": None,
        "subject": _HONG_KONG,
        "predicate": "closure notified to Chinese authorities",
        "value": "notified",
        "as_of": "mid-October 2026",
        "stance": "asserts",
    },
    {
        "text": "North Korea's trade mission in Hong Kong may take over the consulate's work.",
        "outlet": "Yomiuri Shimbun",
        "date": _YOMIURI_DATE,
        "sources": [_NK_SOURCES],
        "confidence": 3,
        "headline": None,
        "subject": _HONG_KONG,
        "predicate": "functions taken over by",
        "value": "DPRK trade mission in Hong Kong",
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "Pyongyang plans to shut more than a dozen missions in Africa and elsewhere.",
        "outlet": "Yomiuri Shimbun",
        "date": _YOMIURI_DATE,
        "sources": [_NK_SOURCES],
        "confidence": 3,
        "headline": None,
        "subject": _DPRK,
        "predicate": _PLANNED,
        "value": _DOZEN_PLUS,
        "as_of": None,
        "stance": "asserts",
    },
    # "Now has about 50": as_of is the report's month rather than its day, because the
    # figure is a rounded current total, not a count taken on 27 October; at month precision
    # it overlaps the authorities' "early October" 53 and the two are compared, not timed.
    {
        "text": "North Korea currently has about 50 diplomatic missions in all.",
        "outlet": "Yomiuri Shimbun",
        "date": _YOMIURI_DATE,
        "sources": [_NK_SOURCES],
        "confidence": 2,
        "headline": None,
        "subject": _MISSIONS,
        "predicate": _COUNT,
        "value": "about 50",
        "as_of": "October 2026",
        "stance": "asserts",
    },
    # --- NK News quoting Ryu Hyun Woo (paragraph 6). An insider's opinion, hedged "among
    # other things": 3.
    {
        "text": "A former North Korean diplomat thinks the 2017 expulsion of ambassador Kim "
        "Hyok Chol may be one reason Madrid was closed.",
        "outlet": "NK News",
        "date": _UNDATED_2026,
        "sources": [_RYU],
        "confidence": 3,
        "headline": None,
        "subject": _CLOSURES,
        "predicate": _REASON,
        "value": _EXPULSION,
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "Ryu says that after the expulsion the Madrid mission brought Pyongyang no "
        "political or economic benefit.",
        "outlet": "NK News",
        "date": _UNDATED_2026,
        "sources": [_RYU],
        "confidence": 3,
        "headline": None,
        "subject": _SPAIN,
        "predicate": "practical benefit to Pyongyang after 2017",
        "value": "none",
        "as_of": None,
        "stance": "asserts",
    },
    # --- NK News and its founder Chad O'Carroll (paragraphs 17-18).
    # "Almost 25%" is O'Carroll's arithmetic on Yomiuri's unconfirmed figures and holds only
    # if they do; a projection resting on a 3-rated report is rated a step lower, 4. It is
    # attributed to the Yomiuri report alone: O'Carroll (NK News' founder, speaking as NK
    # News) adds no evidence of his own, so he is not a second origin for the figure.
    {
        "text": "If Yomiuri's report holds, North Korea's diplomatic presence shrinks by almost "
        "a quarter, says Chad O'Carroll.",
        "outlet": "NK News",
        "date": _UNDATED_2026,
        "sources": [_VIA_YOMIURI],
        "confidence": 4,
        "headline": None,
        "subject": _MISSIONS,
        "predicate": "projected reduction",
        "value": "almost 25%",
        "as_of": None,
        "stance": "asserts",
    },
    # Forecasts of consequences: nothing yet to check them against, 6.
    {
        "text": "O'Carroll expects the cuts to hurt Pyongyang's foreign policy, its humanitarian "
        "aid efforts and its sanctions-dodging trade income.",
        "outlet": "NK News",
        "date": _UNDATED_2026,
        "sources": [_OCARROLL],
        "confidence": 6,
        "headline": None,
        "subject": _CLOSURES,
        "predicate": "expected effect",
        "value": "weaker diplomacy, humanitarian aid and trade income",
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "O'Carroll calls this among the biggest foreign-policy shake-ups for Kim "
        "Jong-un in decades.",
        "outlet": "NK News",
        "date": _UNDATED_2026,
        "sources": [_OCARROLL],
        "confidence": 6,
        "headline": None,
        "subject": "DPRK foreign policy",
        "predicate": "scale of shake-up",
        "value": "among the largest in recent decades",
        "as_of": None,
        "stance": "asserts",
    },
    # NK News' own reporting from a specialist desk, unconfirmed elsewhere: 3.
    {
        "text": "North Korea will soon rotate diplomats in its biggest missions, London and the "
        "UN in New York among them, for the first time since the pandemic.",
        "outlet": "NK News",
        "date": _UNDATED_2026,
        "sources": [],
        "confidence": 3,
        "headline": None,
        "subject": "DPRK diplomats in its largest missions",
        "predicate": "rotation",
        "value": "imminent, first since the pandemic",
        "as_of": None,
        "stance": "asserts",
    },
    # --- RBC re-reporting (paragraphs 1-3, 5, 9-11). An echo is graded like what it echoes,
    # except Madrid: RBC cites two independent origins, which is what grade 1 requires.
    {
        "text": "North Korea has shut its embassy in Spain.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [_VIA_KOREA_TIMES, _VIA_CPE],
        "confidence": 1,
        "headline": _RBC_HEADLINE,
        "subject": _SPAIN,
        "predicate": _STATUS,
        "value": _CLOSED,
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "North Korea has shut its embassy in Uganda.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [_VIA_KCNA],
        "confidence": 2,
        "headline": _RBC_HEADLINE,
        "subject": _UGANDA,
        "predicate": _STATUS,
        "value": _CLOSED,
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "North Korea has shut its embassy in Angola.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [_VIA_KCNA],
        "confidence": 2,
        "headline": _RBC_HEADLINE,
        "subject": _ANGOLA,
        "predicate": _STATUS,
        "value": _CLOSED,
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "The closures are officially put down to financial difficulties.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [_VIA_YONHAP],
        "confidence": 2,
        "headline": _RBC_HEADLINE,
        "subject": _CLOSURES,
        "predicate": _REASON,
        "value": _FINANCIAL,
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "North Korea is about to close its Hong Kong consulate general.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [_VIA_YOMIURI],
        "confidence": 3,
        "headline": _RBC_HEADLINE,
        "subject": _HONG_KONG,
        "predicate": _STATUS,
        "value": _TO_CLOSE,
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "More than a dozen further North Korean missions are due to close soon.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [_VIA_YOMIURI],
        "confidence": 3,
        "headline": _RBC_HEADLINE,
        "subject": _DPRK,
        "predicate": _PLANNED,
        "value": _DOZEN_PLUS,
        "as_of": None,
        "stance": "asserts",
    },
    # --- RBC on the Madrid embassy's history (paragraphs 5-7). Background RBC states as
    # fact; public record, but one origin here: 2. The party's hint that Spanish
    # intelligence allowed the attack comes with no evidence: 4.
    {
        "text": "North Korea opened its Madrid embassy in 2013.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [],
        "confidence": 2,
        "headline": _RBC_HEADLINE,
        "subject": _SPAIN,
        "predicate": "opened",
        "value": "2013",
        "as_of": "2013",
        "stance": "asserts",
    },
    {
        "text": "Spain expelled ambassador Kim Hyok Chol in 2017 over North Korea's nuclear and "
        "missile tests; a chargé d'affaires ran the embassy from then on.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [],
        "confidence": 2,
        "headline": _RBC_HEADLINE,
        "subject": _SPAIN,
        "predicate": "ambassador expelled",
        "value": "Kim Hyok Chol",
        "as_of": "2017",
        "stance": "asserts",
    },
    {
        "text": "In February 2019, before the Trump-Kim summit in Hanoi, ten intruders held "
        "embassy staff for hours and left with computers and storage media.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [],
        "confidence": 2,
        "headline": _RBC_HEADLINE,
        "subject": _ATTACK,
        "predicate": "what happened",
        "value": "staff held for hours; computers and storage media taken",
        "as_of": "February 2019",
        "stance": "asserts",
    },
    {
        "text": "Spanish investigators say the attackers were members of the anti-regime group "
        "Free Joseon, reportedly American, who then offered the stolen data to the FBI.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [_SPANISH_INVESTIGATORS],
        "confidence": 2,
        "headline": _RBC_HEADLINE,
        "subject": _ATTACK,
        "predicate": "perpetrators",
        "value": "Free Joseon members, allegedly American",
        "as_of": "February 2019",
        "stance": "asserts",
    },
    {
        "text": "The Communist Party of Spain faulted Spanish authorities for not pressing the "
        "attackers' extradition and suggested Spanish intelligence let the attack happen.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [_VIA_CPE],
        "confidence": 4,
        "headline": _RBC_HEADLINE,
        "subject": _ATTACK,
        "predicate": "Spanish intelligence involvement",
        "value": "possibly permitted the attack",
        "as_of": None,
        "stance": "asserts",
    },
    # --- RBC citing South Korean authorities (paragraph 16). Official counts, 2. The 49 is
    # a projection that assumes the Hong Kong closure (itself 3), so 3; as_of November
    # because it counts the closures announced by then, and it does not overlap early
    # October, so 53 -> 49 reads as a change over time, not a conflict.
    {
        "text": "In early October North Korea had just 53 diplomatic missions abroad.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [_SK_AUTHORITIES],
        "confidence": 2,
        "headline": _RBC_HEADLINE,
        "subject": _MISSIONS,
        "predicate": _COUNT,
        "value": "53",
        "as_of": "early October 2026",
        "stance": "asserts",
    },
    {
        "text": "North Korea maintains diplomatic relations with 159 countries.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [_SK_AUTHORITIES],
        "confidence": 2,
        "headline": _RBC_HEADLINE,
        "subject": _DPRK,
        "predicate": "countries with diplomatic relations",
        "value": "159",
        "as_of": None,
        "stance": "asserts",
    },
    # Worded so the value stays text: a leading "47" would read as one number with a unit.
    {
        "text": "The 53 missions were 47 embassies, three consulates and three offices at "
        "international organisations.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [_SK_AUTHORITIES],
        "confidence": 2,
        "headline": _RBC_HEADLINE,
        "subject": _MISSIONS,
        "predicate": "composition",
        "value": "embassies 47, consulates 3, representative offices 3",
        "as_of": "early October 2026",
        "stance": "asserts",
    },
    {
        "text": "With Uganda, Angola, Spain and Hong Kong gone, the missions fall to 49.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [_SK_AUTHORITIES],
        "confidence": 3,
        "headline": _RBC_HEADLINE,
        "subject": _MISSIONS,
        "predicate": _COUNT,
        "value": "49",
        "as_of": "November 2026",
        "stance": "asserts",
    },
    # --- RBC background on sanctions (paragraphs 14-15). Public record, 2.
    {
        "text": "The UN Security Council first sanctioned North Korea in 2006, after its first "
        "nuclear test, and has widened the sanctions several times since.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [],
        "confidence": 2,
        "headline": _RBC_HEADLINE,
        "subject": "UN sanctions on the DPRK",
        "predicate": "first imposed",
        "value": "2006",
        "as_of": "2006",
        "stance": "asserts",
    },
    # --- Konstantin Asmolov speaking to RBC (paragraph 19). His denial that the closures
    # signal hardship is recorded against the ministry official's "asserts" so the two
    # readings show as a conflict. Analysts' readings, 3; his general warning about
    # exaggerated reporting cannot be judged, 6.
    {
        "text": "Asmolov warns against reading the closures as a sign that North Korea is in "
        "dire straits: these were countries with almost no North Korean presence.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [_ASMOLOV],
        "confidence": 3,
        "headline": _RBC_HEADLINE,
        "subject": _CLOSURES,
        "predicate": _INDICATES,
        "value": _HARDSHIP,
        "as_of": None,
        "stance": "denies",
    },
    {
        "text": "Asmolov suggests Pyongyang may simply be trimming a network that served no "
        "purpose: no diaspora and no political or economic ties.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [_ASMOLOV],
        "confidence": 3,
        "headline": _RBC_HEADLINE,
        "subject": _CLOSURES,
        "predicate": _REASON,
        "value": "optimisation",
        "as_of": None,
        "stance": "asserts",
    },
    {
        "text": "Asmolov notes that media reports on North Korea are often overblown and urges "
        "waiting for official word on further closures.",
        "outlet": "RBC",
        "date": _RBC_DATE,
        "sources": [_ASMOLOV],
        "confidence": 6,
        "headline": _RBC_HEADLINE,
        "subject": "reports of further DPRK mission closures",
        "predicate": "assessment",
        "value": "possibly exaggerated",
        "as_of": None,
        "stance": "asserts",
    },
]

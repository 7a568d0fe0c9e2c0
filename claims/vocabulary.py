"""The fixed vocabularies of the record. Kept apart from the models so that the command
line can offer them as choices without importing SQLAlchemy."""

from __future__ import annotations

from collections.abc import Mapping

OUTLET_KINDS = ("newspaper", "wire-agency", "state-media", "broadcaster", "online", "other")
SOURCE_KINDS = ("person", "official", "document", "organization", "anonymous", "outlet")
STANCES = ("asserts", "denies")

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


# ISO 3166-1 alpha-2: the 249 assigned codes, and XK (Kosovo), in common use though only
# reserved. An outlet's country is one of these.
COUNTRIES = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
    GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
    SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW XK
    """.split()
)
# Codes people write for a country that has another.
COUNTRY_ALIASES = {"UK": "GB", "EL": "GR"}

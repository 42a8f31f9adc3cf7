"""Controlled vocabularies shared by the models, the Table Schemas and the loader.

Each vocabulary is a ``Literal`` type so that the Pydantic models, type checkers and the
schema generator all read the allowed values from one place. Adding a value is a minor
release; removing or renaming one is a major release (see docs/decisions).
"""

from __future__ import annotations

from typing import Literal, get_args

FactTable = Literal[
    "events",
    "trade_flows",
    "energy_shares",
    "arms_deals",
    "member_state_positions",
    "indicators",
]

Basis = Literal["stated", "derived"]

Qualifier = Literal[
    "exact",
    "approximately",
    "nearly",
    "more_than",
    "less_than",
    "at_least",
    "up_to",
]

Unit = Literal[
    "USD",
    "EUR",
    "percent",
    "tonnes",
    "cubic_metres",
    "cubic_metres_per_year",
    "km",
    "count",
    "persons",
    "ratio",
    "rank",
    "years",
]

EventCategory = Literal[
    "diplomatic",
    "military",
    "security_incident",
    "energy",
    "economic",
    "sanctions",
    "defence_industry",
    "domestic_politics",
    "institutional",
    "humanitarian",
]

EventRole = Literal["participant", "initiator", "target", "mediator", "host"]

FlowType = Literal[
    "export",
    "import",
    "turnover",
    "share_of_exports",
    "share_of_imports",
    "share_of_trade",
    "fdi_share",
    "tourist_arrivals",
    "target_turnover",
    "industry_turnover",
    "trading_partner_rank",
    "gdp",
    "gdp_per_capita",
    "domestic_production_share",
    "growth_rate",
    "investment",
]

Commodity = Literal[
    "total",
    "energy",
    "natural_gas",
    "crude_oil",
    "oil_products",
    "coal",
    "arms",
    "agriculture",
    "food",
    "textiles",
    "metals",
    "machinery",
    "tourism",
]

Fuel = Literal[
    "natural_gas",
    "crude_oil",
    "oil_products",
    "oil",
    "coal",
    "fossil_fuels",
    "nuclear",
    "electricity",
    "renewables",
    "all_energy",
]

EnergyMetric = Literal[
    "share_of_imports",
    "share_of_consumption",
    "share_of_energy_imports",
    "share_of_generation",
    "import_volume",
    "import_growth",
    "transit_volume",
    "pipeline_capacity",
    "import_dependence",
    "target_share",
    "rank",  # the supplier's rank among the country's suppliers
    "market_rank",  # the country's rank among the supplier's markets
    "resource_value",
    "project_cost",
    "payment",
    "contract_value",  # the value of a supply or purchase deal as printed
]

DealType = Literal[
    "procurement",
    "sale",
    "co_production",
    "joint_venture",
    "mou",
    "cooperation_agreement",
    "acquisition",
    "investment",
    "licence_decision",
    "embargo",
    "veto",
    "programme_exclusion",
    "sanctions",
    "financing",
]

DealStatus = Literal[
    "proposed",
    "offered",
    "negotiating",
    "mou",
    "agreed",
    "in_production",
    "delivered",
    "completed",
    "approved",
    "restricted",
    "rejected",
    "blocked",
    "cancelled",
    "embargoed",
    "lifted",
    "sanctioned",
    "excluded",
]

ArmsCategory = Literal[
    "air_defence",
    "combat_aircraft",
    "trainer_aircraft",
    "aircraft",
    "uav",
    "naval_vessel",
    "missile",
    "ammunition",
    "artillery",
    "armoured_vehicle",
    "sensors",
    "engines",
    "components",
    "multiple",
    "other",
]

# Ordered from least to most willing: pandas keeps this order in an ordered
# categorical, so ``stance >= "cautious"`` selects cautious, cooperative and supportive.
Stance = Literal["opposed", "reluctant", "cautious", "cooperative", "supportive"]

PositionTopic = Literal[
    "defence_cooperation_with_turkey",
    "turkey_russia_relations",
    "sanctions_against_russia",
    "annexation_of_crimea",
    "ukraine_territorial_integrity",
    "s400_acquisition",
    "nato_enlargement",
    "nato_membership",
    "eu_accession_of_turkey",
    "european_security_role_of_turkey",
    "arms_exports_to_turkey",
    "black_sea_security",
    "straits_regime",
    "military_support_to_ukraine",
    "eu_defence_initiatives_participation",
    "syria",
    "energy_cooperation_with_russia",
    "support_for_syrian_kurdish_groups",
    "cyprus",
    "aegean",
    "eastern_mediterranean",
    "libya",
    "africa",
    "gaza",
    "migration",
    "diaspora_and_religion",
    "mediation",
    "us_policy_towards_russia",
    "nato_as_pillar_of_european_security",
]

# Topics that name a dispute or a field of influence: there a stance is the actor's
# towards a counterpart named in the rationale (docs/curation/METHOD.md, R13).
RELATIONAL_TOPICS: tuple[str, ...] = (
    "cyprus",
    "aegean",
    "eastern_mediterranean",
    "libya",
    "africa",
    "diaspora_and_religion",
)

# What an indicators row measures; each metric has one unit (docs/curation/METHOD.md).
IndicatorMetric = Literal[
    "troops",
    "army_size_rank",
    "coastline_rank",
    "coastline_length",
    "residence_permits",
    "mixed_marriages",
    "poll_support_eu_membership",
    "poll_support_nato_membership",
    "third_country_content_cap",
    "situational_awareness_share",
    "wars_count",
    "democracy_years",
    "nato_membership_years",
    "defence_spending_threshold",
    "states_below_spending_threshold",
    "member_states_count",
    "joint_defence_projects",
    "turkish_diaspora_rank",
]

ActorKind = Literal[
    "state",
    "international_organisation",
    "institution",
    "company",
    "armed_group",
    "political_party",
    "aggregate",
]

# What an actor's other name is (actor_aliases.kind).
AliasKind = Literal[
    "name",
    "short_name",
    "demonym",
    "capital",
    "leader",
    "institution",
    "predecessor",
    "group",
    "other",
]

# What kind of publication a source is: it decides how the source is cited (BibTeX entry
# type, CFF reference type). "article" is any published article that is not in a journal.
DocumentType = Literal["journal_article", "report", "article"]

CitationSupports = Literal["value", "date", "both", "context"]

CitationRelation = Literal["supports", "refutes"]


def values(vocabulary: object) -> tuple[str, ...]:
    """The allowed values of a vocabulary, in declared order."""
    return tuple(get_args(vocabulary))


FACT_TABLES: tuple[str, ...] = values(FactTable)

# What kind of slip an erratum corrects: a misprint in the source, a character the text
# extraction (OCR) misread, a wrong unit, a wrong order of magnitude (scale word).
ErratumKind = Literal["misprint", "ocr_slip", "unit", "scale"]

# ---------------------------------------------------------------- join keys (crosswalks)

# The weapon categories of the SIPRI Arms Transfers Database, under their SIPRI names in
# snake case ("air defence systems" -> "air_defence_systems").
SipriCategory = Literal[
    "aircraft",
    "air_defence_systems",
    "anti_submarine_warfare",
    "armoured_vehicles",
    "artillery",
    "engines",
    "missiles",
    "naval_weapons",
    "satellites",
    "sensors",
    "ships",
    "other",
]

# The 16 event types of the PLOVER ontology (Political Language Ontology for Verifiable
# Event Records), cooperative first, as PLOVER lists them.
PloverEventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]

# CAMEO root codes: 01 make public statement ... 20 use unconventional mass violence.
CameoRoot = Literal[
    "01",
    "02",
    "03",
    "04",
    "05",
    "06",
    "07",
    "08",
    "09",
    "10",
    "11",
    "12",
    "13",
    "14",
    "15",
    "16",
    "17",
    "18",
    "19",
    "20",
]

# How the package's arms_deals.category reads in SIPRI's categories. SIPRI counts every
# military aircraft, trainers and unmanned ones included, as "aircraft". A category
# missing here has no single SIPRI category: unguided ammunition is outside SIPRI's
# coverage, and "components", "multiple" and "other" name no one kind of system.
ARMS_CATEGORY_TO_SIPRI: dict[str, str] = {
    "air_defence": "air_defence_systems",
    "combat_aircraft": "aircraft",
    "trainer_aircraft": "aircraft",
    "aircraft": "aircraft",
    "uav": "aircraft",
    "naval_vessel": "ships",
    "missile": "missiles",
    "artillery": "artillery",
    "armoured_vehicle": "armoured_vehicles",
    "sensors": "sensors",
    "engines": "engines",
}

# The CAMEO root codes each PLOVER event type can stand beside. PLOVER folds CAMEO's
# "express intent to ..." (03) into the type intended; CAMEO 01 (make public statement)
# has no PLOVER type, so a row with 01 has no PLOVER type.
PLOVER_CAMEO_ROOTS: dict[str, tuple[str, ...]] = {
    "AGREE": ("03", "05", "08"),
    "CONSULT": ("03", "04"),
    "SUPPORT": ("05",),
    "CONCEDE": ("03", "08"),
    "COOPERATE": ("03", "05", "06"),
    "AID": ("03", "07"),
    "RETREAT": ("03", "08"),
    "REQUEST": ("02", "10"),
    "ACCUSE": ("09", "11"),
    "REJECT": ("12",),
    "THREATEN": ("13",),
    "PROTEST": ("14",),
    "SANCTION": ("16",),
    "MOBILIZE": ("15",),
    "COERCE": ("17",),
    "ASSAULT": ("18", "19", "20"),
}

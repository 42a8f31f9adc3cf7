"""Pydantic v2 models: the single source of truth for the structure of every table.

The Frictionless Table Schemas in ``schemas/`` are generated from these classes
(``python -m turkey_russia_data.descriptor --write``) and a test fails when the two
disagree, field by field. Field order here is column order in the CSV.

This module imports pydantic; the fast loading path (``trd.load``) never imports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .roles import ActorRole, Bound, Capacity, CueRole, DateRole, Direction, FigureRole, Roles, Subset, Sum, Whole
from .vocab import (
    RELATIONAL_TOPICS,
    ActorKind,
    AliasKind,
    ArmsCategory,
    Basis,
    CameoRoot,
    CitationRelation,
    CitationSupports,
    Commodity,
    DealStatus,
    DealType,
    DocumentType,
    EnergyMetric,
    ErratumKind,
    EventCategory,
    EventRole,
    FactTable,
    FlowType,
    Fuel,
    IndicatorMetric,
    PloverEventType,
    PositionTopic,
    Qualifier,
    SipriCategory,
    Stance,
    Unit,
)

# EDTF level 0-1 subset: year, year-month (or season 21-24), year-month-day, unspecified
# trailing year digits ("196X" = the 1960s), a qualifier (~ approximate, ? uncertain,
# % both) and closed or open intervals ("1853/1856", "2016/..").
_DATE_PART = (
    r"[0-9]{2}[0-9X]{2}"
    r"(?:-(?:0[1-9]|1[0-2]|2[1-4])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?"
    r"[~?%]?"
)
EDTF_PATTERN = rf"^(?:{_DATE_PART}(?:/(?:{_DATE_PART}|\.\.))?|\.\./{_DATE_PART})$"
ACTOR_PATTERN = r"^[A-Z][A-Z0-9_]{1,19}$"
SOURCE_ID_PATTERN = r"^[a-z][a-z0-9-]{1,39}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
QUOTE_MAX = 300


@dataclass(frozen=True)
class ForeignKey:
    """A column whose values must exist in another table's primary key."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class TableMeta:
    """Table-level facts that a field list cannot express."""

    name: str
    title: str
    description: str
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    kind: str = "fact"  # fact | reference | link
    # (column, column it requires): when the first is filled, the second must be too.
    requires: tuple[tuple[str, str], ...] = ()
    # The fact key: the columns that say which fact a row is. Rows sharing them state the
    # same fact, and level 8 compares them. A release may correct any other column of a
    # row; changing one of these makes it a different fact, which needs a new id (the
    # release check rejects the change as a reused id).
    fact_key: tuple[str, ...] = ()
    # The roles the checks read (see roles.py and docs/roles.md).
    figures: tuple[FigureRole, ...] = ()
    dates: tuple[DateRole, ...] = ()
    compared: tuple[str, ...] = ()  # what rows of one fact must agree on
    bounds: tuple[Bound, ...] = ()
    # How rows add up (level 6): shares of one whole, totals and their parts, parts of
    # all goods, volumes within a capacity; and foreign keys to rows that must agree in time.
    wholes: tuple[Whole, ...] = ()
    sums: tuple[Sum, ...] = ()
    subsets: tuple[Subset, ...] = ()
    capacities: tuple[Capacity, ...] = ()
    agrees_in_time: tuple[str, ...] = ()
    # The columns naming actors (level 4 looks for each in the row's quotes).
    actors: tuple[ActorRole, ...] = ()
    direction: Direction | None = None
    cues: tuple[CueRole, ...] = ()  # columns read against a lexicon of cue words
    # An errata table: its (table, row, column) columns name the fact cell each row corrects.
    corrects: tuple[str, ...] = ()

    @property
    def roles(self) -> Roles:
        return Roles(
            self.kind,
            self.fact_key,
            self.figures,
            self.dates,
            self.compared,
            self.bounds,
            self.wholes,
            self.sums,
            self.subsets,
            self.capacities,
            self.agrees_in_time,
            self.actors,
            self.direction,
            self.cues,
            self.corrects,
        )


def _bounds(*entries: tuple[str, str, float, float]) -> tuple[Bound, ...]:
    return tuple(Bound(m, u, float(lo), float(hi)) for m, u, lo, hi in entries)


_ENERGY_WHOLES = ("share_of_imports", "share_of_consumption", "share_of_energy_imports", "share_of_generation")
# Money and counts of trade: a bilateral flow to a world total.
_TRADE = (1e5, 3e12)


def _actor_fk(column: str) -> ForeignKey:
    return ForeignKey((column,), "actors", ("actor_id",))


def col(
    description: str,
    *,
    example: str | None = None,
    ordered: bool = False,
    unit_note: str | None = None,
    **constraints: Any,
) -> Any:
    """A documented column. Constraints are Pydantic's (pattern, ge, le, max_length)."""
    extra: dict[str, Any] = {}
    if example is not None:
        extra["example"] = example
    if ordered:
        extra["categoriesOrdered"] = True
    if unit_note is not None:
        extra["unit_note"] = unit_note
    return Field(description=description, json_schema_extra=extra or None, **constraints)


def opt(description: str, **kwargs: Any) -> Any:
    """An optional column: empty in the CSV, None in the model."""
    return col(description, default=None, **kwargs)


class Row(BaseModel):
    """Common behaviour: an empty CSV cell is a missing value, never an empty string."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    table_meta: ClassVar[TableMeta]

    @model_validator(mode="before")
    @classmethod
    def _empty_is_missing(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: (None if v == "" else v) for k, v in data.items()}
        return data

    @model_validator(mode="after")
    def _co_required(self) -> Row:
        for column, needed in self.table_meta.requires:
            if getattr(self, column) is not None and getattr(self, needed) is None:
                raise ValueError(f"{needed} is required when {column} is given")
        for column, value in self:
            if column.endswith("basis") and value == "derived" and getattr(self, "derivation", None) is None:
                raise ValueError(f"derivation is required when {column} is 'derived'")
        return self


# --------------------------------------------------------------------------- facts


class Event(Row):
    """Something that happened at a time the source states."""

    table_meta: ClassVar[TableMeta] = TableMeta(
        name="events",
        title="Events",
        description=(
            "Dated happenings in Türkiye-Russia relations and their context, historical "
            "ones included. Actors are linked through event_actors."
        ),
        primary_key=("event_id",),
        requires=(("fatalities", "fatalities_as_stated"), ("fatalities_as_stated", "fatalities")),
        figures=(FigureRole("fatalities", "fatalities_as_stated", "fatalities_qualifier"),),
        dates=(DateRole("date", "date_basis"),),
        bounds=_bounds(("fatalities", "*", 0, 1e8)),
    )

    event_id: str = col("Stable identifier; never reused.", example="EV0001", pattern=r"^EV[0-9]{4,}$")
    date: str = col(
        "When it happened, as precisely as the source states it (EDTF level 0-1).",
        example="2015-11-24",
        pattern=EDTF_PATTERN,
    )
    date_basis: Basis = col("'stated' when a quote gives the date; 'derived' when computed.")
    title: str = col("Short title in the curator's words.", example="Turkey downs a Russian Su-24", max_length=200)
    category: EventCategory = col("Kind of event.")
    location: str | None = opt("Place, where the source states one.")
    fatalities: int | None = opt("Deaths, where the source states them.", ge=0)
    fatalities_as_stated: str | None = opt("The death toll as printed.", example="thirty-three")
    fatalities_qualifier: Qualifier | None = opt("How exact the death toll is.")
    derivation: str | None = opt("How a derived date was obtained.")
    erratum: str | None = opt("Why the row differs from what the source prints.")
    notes: str | None = opt("Curator's notes.")


class TradeFlow(Row):
    """A bilateral, bloc-level or national trade or economic figure."""

    table_meta: ClassVar[TableMeta] = TableMeta(
        name="trade_flows",
        title="Trade flows",
        description=(
            "Trade figures as the sources state them: exports, imports, turnover, partner "
            "shares, FDI shares, tourism counts, declared targets, defence exports (commodity "
            "'arms') and the economic indicators the sources compare them with."
        ),
        primary_key=("flow_id",),
        fact_key=("reporter", "partner", "flow", "commodity", "unit", "period"),
        requires=(("period", "period_basis"), ("period_basis", "period")),
        foreign_keys=(_actor_fk("reporter"), _actor_fk("partner")),
        actors=(ActorRole("reporter"), ActorRole("partner")),
        direction=Direction(
            "reporter", "partner", "flow", ("export", "share_of_exports"), ("import", "share_of_imports")
        ),
        figures=(
            FigureRole(
                "value",
                "value_as_stated",
                "qualifier",
                unit="unit",
                basis="value_basis",
                measure="flow",
                shares=(
                    "share_of_exports",
                    "share_of_imports",
                    "share_of_trade",
                    "fdi_share",
                    "domestic_production_share",
                ),
            ),
        ),
        dates=(DateRole("period", "period_basis"),),
        compared=("value",),
        bounds=_bounds(
            ("export", "USD", *_TRADE),
            ("import", "USD", *_TRADE),
            ("turnover", "USD", *_TRADE),
            ("target_turnover", "USD", *_TRADE),
            ("industry_turnover", "USD", 1e6, 1e12),
            ("investment", "USD", 1e5, 1e13),
            ("gdp", "USD", 1e9, 5e13),
            ("gdp_per_capita", "USD", 100, 3e5),
            ("growth_rate", "percent", -100, 10_000),
            ("tourist_arrivals", "persons", 1, 1e9),
        ),
        wholes=(
            Whole(
                "value",
                ("share_of_exports", "share_of_imports", "share_of_trade", "fdi_share"),
                ("reporter", "flow", "commodity", "period"),
                "partner",
                part_kind="state",  # aggregates such as the EU are not added
            ),
        ),
        sums=(Sum("value", "turnover", ("export", "import"), ("reporter", "partner", "period", "unit", "commodity")),),
        # ranks and rates are not amounts: one kind of goods may rank lower than all goods
        subsets=(
            Subset(
                "value",
                "commodity",
                "total",
                ("export", "import", "turnover"),
                ("reporter", "partner", "period", "unit"),
            ),
        ),
    )

    flow_id: str = col("Stable identifier; never reused.", example="TF0001", pattern=r"^TF[0-9]{4,}$")
    period: str | None = opt("Period the figure refers to (EDTF).", example="2021", pattern=EDTF_PATTERN)
    period_basis: Basis | None = opt("'stated' or 'derived' for the period.")
    reporter: str = col(
        "Actor whose exports, imports or indicator the figure is.", example="RUS", pattern=ACTOR_PATTERN
    )
    partner: str | None = opt(
        "Counterpart actor; WLD for all partners; empty for non-bilateral indicators.",
        example="TUR",
        pattern=ACTOR_PATTERN,
    )
    flow: FlowType = col("What is measured, seen from the reporter.")
    commodity: Commodity = col("'total' unless the source narrows the goods.")
    value: float = col("The figure at full scale (28.9 billion = 28900000000).", example="28900000000")
    unit: Unit = col("ISO 4217 code for money, otherwise a unit from the controlled list.")
    qualifier: Qualifier = col("How exact the figure is ('more than', 'almost', ...).")
    value_as_stated: str = col("The figure exactly as printed.", example="$28.9 billion")
    value_basis: Basis = col("'stated' when printed; 'derived' when computed (see derivation).")
    derivation: str | None = opt("How a derived value or period was obtained.")
    erratum: str | None = opt("Why value differs from value_as_stated (misprints, OCR).")
    notes: str | None = opt("Curator's notes.")


class EnergyShare(Row):
    """An energy dependence figure: shares, volumes, capacities, targets."""

    table_meta: ClassVar[TableMeta] = TableMeta(
        name="energy_shares",
        title="Energy shares",
        description=(
            "Energy dependence figures: supplier shares of gas, oil and coal imports, import "
            "volumes, LNG shares, pipeline capacities and splits, import dependence, targets."
        ),
        primary_key=("share_id",),
        fact_key=("country", "supplier", "route", "fuel", "metric", "unit", "period"),
        requires=(("period", "period_basis"), ("period_basis", "period")),
        foreign_keys=(_actor_fk("country"), _actor_fk("supplier")),
        figures=(
            FigureRole(
                "value",
                "value_as_stated",
                "qualifier",
                unit="unit",
                basis="value_basis",
                measure="metric",
                shares=(
                    "share_of_imports",
                    "share_of_consumption",
                    "share_of_energy_imports",
                    "share_of_generation",
                    "import_dependence",
                    "target_share",
                ),
            ),
        ),
        dates=(DateRole("period", "period_basis"),),
        compared=("value",),
        bounds=_bounds(
            ("import_growth", "ratio", 0, 1000),
            ("*", "USD", 1e5, 1e13),
            ("*", "tonnes", 1, 1e10),
            ("*", "cubic_metres_per_year", 1e6, 1e12),
            ("*", "cubic_metres", 1e6, 1e15),
        ),
        # suppliers and routes are two ways of dividing one whole: each adds up separately
        wholes=tuple(
            Whole("value", _ENERGY_WHOLES, ("country", "fuel", "metric", "period"), part, (other,), kind)
            for part, other, kind in (("supplier", "route", "state"), ("route", "supplier", None))
        ),
        capacities=(
            Capacity(
                "value",
                "pipeline_capacity",
                ("import_volume", "transit_volume"),
                ("route", "period", "unit"),
                ("country", "metric"),
            ),
        ),
    )

    share_id: str = col("Stable identifier; never reused.", example="ES0001", pattern=r"^ES[0-9]{4,}$")
    period: str | None = opt("Period the figure refers to (EDTF).", example="2022", pattern=EDTF_PATTERN)
    period_basis: Basis | None = opt("'stated' or 'derived' for the period.")
    country: str = col("Importing or consuming country (or bloc).", example="TUR", pattern=ACTOR_PATTERN)
    supplier: str | None = opt("Supplying country; empty when the figure covers all suppliers.", pattern=ACTOR_PATTERN)
    route: str | None = opt("Supply route or infrastructure as named in the source.", example="TurkStream")
    fuel: Fuel = col("Energy carrier.")
    metric: EnergyMetric = col("What is measured.")
    value: float = col("The figure at full scale.", example="40")
    unit: Unit = col("ISO 4217 code for money, otherwise a unit from the controlled list.")
    qualifier: Qualifier = col("How exact the figure is.")
    value_as_stated: str = col("The figure exactly as printed.", example="almost 40 percent")
    value_basis: Basis = col("'stated' when printed; 'derived' when computed (see derivation).")
    derivation: str | None = opt("How a derived value or period was obtained.")
    erratum: str | None = opt("Why value differs from value_as_stated.")
    notes: str | None = opt("Curator's notes.")


class ArmsDeal(Row):
    """A procurement, sale, co-production, joint venture, MoU, licence decision, embargo,
    veto or programme exclusion."""

    table_meta: ClassVar[TableMeta] = TableMeta(
        name="arms_deals",
        title="Arms deals",
        description=(
            "Defence procurement and industrial cooperation, and the decisions that block it "
            "(embargoes, vetoes, licence restrictions, programme exclusions). For joint "
            "ventures, co-production and acquisitions, supplier and recipient are the two "
            "parties (seller or foreign partner first)."
        ),
        primary_key=("deal_id",),
        fact_key=("deal_type", "supplier", "recipient", "supplier_company", "recipient_company", "system", "currency"),
        figures=(
            FigureRole("value", "value_as_stated", "value_qualifier", unit="currency", basis="value_basis"),
            FigureRole("quantity", "quantity_as_stated", "quantity_qualifier", basis="value_basis"),
        ),
        dates=(DateRole("date", "date_basis"), DateRole("delivery_date", "date_basis", not_before="date")),
        agrees_in_time=("event_id",),
        actors=(ActorRole("supplier"), ActorRole("recipient")),
        direction=Direction("supplier", "recipient", "deal_type", ("sale", "procurement")),
        cues=(CueRole("status", "deal_status"),),
        compared=("quantity", "value"),
        bounds=_bounds(("value", "*", 1e5, 1e12), ("quantity", "*", 0, 100_000)),
        requires=(
            ("value", "currency"),
            ("value", "value_as_stated"),
            ("value", "value_basis"),
            ("quantity", "quantity_as_stated"),
            ("quantity", "value_basis"),
            ("date", "date_basis"),
            ("delivery_date", "date_basis"),
        ),
        foreign_keys=(
            _actor_fk("supplier"),
            _actor_fk("recipient"),
            _actor_fk("supplier_company"),
            _actor_fk("recipient_company"),
            ForeignKey(("event_id",), "events", ("event_id",)),
        ),
    )

    deal_id: str = col("Stable identifier; never reused.", example="AD0001", pattern=r"^AD[0-9]{4,}$")
    deal_type: DealType = col("Kind of deal or decision.")
    supplier: str | None = opt("Supplying state (or organisation).", example="RUS", pattern=ACTOR_PATTERN)
    recipient: str | None = opt("Receiving state.", example="TUR", pattern=ACTOR_PATTERN)
    supplier_company: str | None = opt("Supplying company.", example="LEONARDO", pattern=ACTOR_PATTERN)
    recipient_company: str | None = opt("Receiving or partner company.", example="BAYKAR", pattern=ACTOR_PATTERN)
    system: str | None = opt("Designation as printed.", example="S-400")
    category: ArmsCategory = col("Kind of equipment.")
    quantity: int | None = opt("Number of units.", ge=0)
    quantity_as_stated: str | None = opt("The quantity as printed.", example="more than 100")
    quantity_qualifier: Qualifier | None = opt("How exact the quantity is.")
    value: float | None = opt("Value at full scale.", ge=0)
    currency: str | None = opt("ISO 4217 currency of value.", example="EUR", pattern=CURRENCY_PATTERN)
    value_as_stated: str | None = opt("The value as printed.", example="€1.375 billion")
    value_qualifier: Qualifier | None = opt("How exact the value is.")
    value_basis: Basis | None = opt("'stated' or 'derived' for value and quantity.")
    status: DealStatus = col("State of the deal as of the source.")
    date: str | None = opt(
        "When the deal was agreed, announced or decided (EDTF).", example="2024-12", pattern=EDTF_PATTERN
    )
    date_basis: Basis | None = opt("'stated' or 'derived' for date and delivery_date.")
    delivery_date: str | None = opt("When delivery took place (EDTF).", example="2019-07", pattern=EDTF_PATTERN)
    event_id: str | None = opt(
        "The event that records this agreement, decision or delivery, where the events table holds one; "
        "their dates must agree.",
        example="EV0017",
        pattern=r"^EV[0-9]{4,}$",
    )
    derivation: str | None = opt("How a derived value or date was obtained.")
    erratum: str | None = opt("Why the row differs from what the source prints.")
    notes: str | None = opt("Curator's notes.")


class MemberStatePosition(Row):
    """A state's characterised stance towards defence and security cooperation with
    Turkey or towards Turkey's ties with Russia."""

    table_meta: ClassVar[TableMeta] = TableMeta(
        name="member_state_positions",
        title="Member-state positions",
        description=(
            "The stance of a named state (EU and NATO members first, and any other state or "
            "institution the sources characterise) on a topic, on an ordered scale."
        ),
        primary_key=("position_id",),
        fact_key=("actor", "topic", "as_of"),
        foreign_keys=(_actor_fk("actor"),),
        actors=(ActorRole("actor"),),
        # On a dispute topic the stance is towards a counterpart (R13): "supports X" can be
        # opposed to Türkiye, so the cue words are not read there.
        cues=(CueRole("stance", "stance", unless=(("topic", RELATIONAL_TOPICS),)),),
        dates=(DateRole("as_of", "as_of_basis"),),
        compared=("stance",),
    )

    position_id: str = col("Stable identifier; never reused.", example="MP0001", pattern=r"^MP[0-9]{4,}$")
    actor: str = col("The state whose stance is characterised.", example="POL", pattern=ACTOR_PATTERN)
    topic: PositionTopic = col("What the stance is about.")
    stance: Stance = col("Ordered: opposed < reluctant < cautious < cooperative < supportive.", ordered=True)
    source_grouping: str | None = opt("The source's own grouping or label, verbatim where short.")
    as_of: str = col("When the stance held (EDTF).", example="2025", pattern=EDTF_PATTERN)
    as_of_basis: Basis = col("'stated', or 'derived' (usually from the publication date).")
    derivation: str | None = opt("How a derived as_of date was obtained.")
    rationale: str = col("Why, in the curator's own words.")
    notes: str | None = opt("Curator's notes.")


class Indicator(Row):
    """A figure about an actor that fits no other fact table."""

    table_meta: ClassVar[TableMeta] = TableMeta(
        name="indicators",
        title="Indicators",
        description=(
            "Figures the sources state that are not trade, energy, arms or casualty figures: "
            "troops, coastlines, opinion polls, residence permits, mixed marriages, rule caps, "
            "shares of intelligence, counts of wars or members, durations."
        ),
        primary_key=("indicator_id",),
        fact_key=("subject", "counterpart", "metric", "unit", "period"),
        requires=(("period", "period_basis"), ("period_basis", "period")),
        foreign_keys=(_actor_fk("subject"), _actor_fk("counterpart")),
        figures=(
            FigureRole(
                "value",
                "value_as_stated",
                "qualifier",
                unit="unit",
                basis="value_basis",
                measure="metric",
                shares=(
                    "poll_support_eu_membership",
                    "poll_support_nato_membership",
                    "third_country_content_cap",
                    "situational_awareness_share",
                    "defence_spending_threshold",
                ),
            ),
        ),
        dates=(DateRole("period", "period_basis"),),
        compared=("value",),
        bounds=_bounds(("*", "percent", 0, 100), ("*", "years", 0, 1000)),
    )

    indicator_id: str = col("Stable identifier; never reused.", example="IN0001", pattern=r"^IN[0-9]{4,}$")
    period: str | None = opt("When the figure holds (EDTF).", example="2020-04", pattern=EDTF_PATTERN)
    period_basis: Basis | None = opt("'stated' or 'derived' for the period.")
    subject: str = col("Actor the figure is about.", example="TUR", pattern=ACTOR_PATTERN)
    counterpart: str | None = opt(
        "Other actor the figure relates the subject to, or the group a rank is taken in.",
        example="RUS",
        pattern=ACTOR_PATTERN,
    )
    metric: IndicatorMetric = col("What is measured (one unit per metric).")
    value: float = col("The figure at full scale.", example="402000")
    unit: Unit = col("Unit from the controlled list.")
    qualifier: Qualifier = col("How exact the figure is.")
    value_as_stated: str = col("The figure exactly as printed.", example="around 402,000")
    value_basis: Basis = col("'stated' when printed; 'derived' when computed (see derivation).")
    derivation: str | None = opt("How a derived value or period was obtained.")
    erratum: str | None = opt("Why value differs from value_as_stated.")
    notes: str | None = opt("Curator's notes.")


# ------------------------------------------------------------------------ reference


class Source(Row):
    """One document the facts were extracted from."""

    table_meta: ClassVar[TableMeta] = TableMeta(
        name="sources",
        title="Sources",
        description="Bibliographic record of each source document. Unknown is empty, never guessed.",
        primary_key=("source_id",),
        kind="reference",
    )

    source_id: str = col("Stable identifier.", example="swp-alignment", pattern=SOURCE_ID_PATTERN)
    title: str | None = opt("Title as published.")
    document_type: DocumentType | None = opt(
        "What kind of publication it is (decides how it is cited).", example="journal_article"
    )
    authors: str | None = opt("Authors, 'Family, Given' separated by '; '.", example="Pierini, Marc")
    publisher: str | None = opt("Publishing organisation.")
    container_title: str | None = opt("Journal or series, with number.", example="SWP Comment 2025/C 36")
    date_published: str | None = opt("Publication date (EDTF).", example="2025-08-07", pattern=EDTF_PATTERN)
    url: str | None = opt("Address of the publication, where known.", pattern=r"^https?://\S+$")
    doi: str | None = opt("DOI, without resolver prefix.", example="10.18449/2025C36", pattern=r"^10\.[0-9]{4,9}/\S+$")
    licence: str | None = opt("SPDX identifier of the document's licence, where known.", example="CC-BY-4.0")
    language: str = col("Language of the text checked (ISO 639-1).", example="en", pattern=r"^[a-z]{2}$")
    text_sha256: str = col("SHA-256 of the exact text file the quotes were checked against.", pattern=SHA256_PATTERN)
    text_notes: str | None = opt("Peculiarities of that text (OCR, endnote markers, translation).")
    notes: str | None = opt("Curator's notes.")


class Actor(Row):
    """Every code used in an actor, reporter, partner, supplier or recipient column."""

    table_meta: ClassVar[TableMeta] = TableMeta(
        name="actors",
        title="Actors",
        description=(
            "States (ISO 3166-1 alpha-3), organisations, institutions, companies, armed "
            "groups and aggregates. Membership flags are reference data as of August 2025, "
            "not extracted facts."
        ),
        primary_key=("actor_id",),
        foreign_keys=(ForeignKey(("country",), "actors", ("actor_id",)),),
        kind="reference",
    )

    actor_id: str = col("Code: ISO 3166-1 alpha-3 for states, short upper-case code otherwise.", pattern=ACTOR_PATTERN)
    name: str = col("Common English name.", example="Türkiye")
    kind: ActorKind = col("What the actor is.")
    country: str | None = opt("Home state of a company, group or institution.", pattern=ACTOR_PATTERN)
    nato_member: bool | None = opt("Whether a state is a NATO member (as of August 2025).")
    eu_member: bool | None = opt("Whether a state is an EU member (as of August 2025).")
    notes: str | None = opt("Curator's notes.")


class ActorAlias(Row):
    """Other names of an actor, as the sources write them: level 4 looks for an actor in a
    row's quotes by its name and by these."""

    table_meta: ClassVar[TableMeta] = TableMeta(
        name="actor_aliases",
        title="Actor aliases",
        description=(
            "Names by which the sources refer to an actor besides its name: short names, "
            "demonyms, capitals, leaders, institutions. Only names that stand for the actor "
            "unambiguously in the sources."
        ),
        primary_key=("actor_id", "alias"),
        foreign_keys=(_actor_fk("actor_id"),),
        kind="reference",
    )

    actor_id: str = col("The actor.", example="TUR", pattern=ACTOR_PATTERN)
    alias: str = col("The other name, as printed.", example="Ankara", min_length=2, max_length=80)
    kind: AliasKind = col("What the other name is.")
    notes: str | None = opt("Curator's notes.")


class EventActor(Row):
    """Links an event to the actors involved in it."""

    table_meta: ClassVar[TableMeta] = TableMeta(
        name="event_actors",
        title="Event actors",
        description="Which actors took part in each event, and in what role where the source says.",
        primary_key=("event_id", "actor_id"),
        foreign_keys=(
            ForeignKey(("event_id",), "events", ("event_id",)),
            _actor_fk("actor_id"),
        ),
        kind="link",
        # Who did what to whom, where a quote says so: an initiator acts, a target is acted upon.
        actors=(ActorRole("actor_id", of="event_id", role="role", doer=("initiator",), done_to=("target",)),),
    )

    event_id: str = col("The event.", pattern=r"^EV[0-9]{4,}$")
    actor_id: str = col("The actor.", pattern=ACTOR_PATTERN)
    role: EventRole | None = opt("Role in the event, where the source makes it clear.")


class Citation(Row):
    """Evidence: a verbatim quote from a source that supports (or refutes) a fact row."""

    table_meta: ClassVar[TableMeta] = TableMeta(
        name="citations",
        title="Citations",
        description=(
            "One row per piece of evidence: the fact (table, row_id), the source, and the "
            "shortest verbatim span that carries the fact (a W3C TextQuoteSelector 'exact')."
        ),
        primary_key=("citation_id",),
        fact_key=("table", "row_id", "source_id"),
        foreign_keys=(ForeignKey(("source_id",), "sources", ("source_id",)),),
        kind="reference",
    )

    citation_id: str = col("Stable identifier; never reused.", example="CI00001", pattern=r"^CI[0-9]{5,}$")
    table: FactTable = col("The fact table of the row.")
    row_id: str = col("Primary key of the row in that table.", example="EV0001", pattern=r"^[A-Z]{2}[0-9]{4,}$")
    source_id: str = col("The source quoted.", pattern=SOURCE_ID_PATTERN)
    quote: str = col("Verbatim span of the source text.", max_length=QUOTE_MAX)
    supports: CitationSupports = col("Which part of the row the quote carries.")
    relation: CitationRelation = col("Whether the quote supports or refutes the row.")
    note: str | None = opt("Curator's note on this piece of evidence.")


class Erratum(Row):
    """One cell of a fact row that differs from what the source prints, and why."""

    table_meta: ClassVar[TableMeta] = TableMeta(
        name="errata",
        title="Errata",
        description=(
            "One row per corrected cell: the fact row (table, row_id) and the column whose "
            "cell differs from the print, the kind of slip, and the figure as printed and as "
            "meant. An erratum excuses the checks on that column only; the fact row's "
            "free-text `erratum` cell says why in words."
        ),
        primary_key=("table", "row_id", "column"),
        kind="reference",
        corrects=("table", "row_id", "column"),
    )

    table: FactTable = col("The fact table of the row.")
    row_id: str = col("Primary key of the row in that table.", example="TF0018", pattern=r"^[A-Z]{2}[0-9]{4,}$")
    column: str = col(
        "The column of that row whose cell the erratum explains.", example="value", pattern=r"^[a-z][a-z0-9_]*$"
    )
    kind: ErratumKind = col("What kind of slip: a misprint, an OCR slip, a wrong unit or a wrong scale.")
    printed: str = col(
        "The text exactly as the source prints it (a span of a cited quote).", example="3067 billion dollars"
    )
    corrected: str | None = opt("What the source means, in its own terms.", example="3.067 billion dollars")


# ------------------------------------------------------------ join keys (crosswalks)
# One table per crosswalk, keyed by the row it annotates, so that a join key is added
# without a column on a released table (docs/decisions/0012-join-keys-as-crosswalk-tables.md).


class ActorCode(Row):
    """The codes other datasets use for an actor."""

    table_meta: ClassVar[TableMeta] = TableMeta(
        name="actor_codes",
        title="Actor codes",
        description=(
            "Join keys to other datasets, one row per actor: Wikidata QID; for states also "
            "ISO 3166-1 alpha-2, alpha-3 and numeric, Correlates of War and Gleditsch-Ward "
            "codes. An empty code has its reason in notes (docs/curation/METHOD.md, Join keys)."
        ),
        primary_key=("actor_id",),
        foreign_keys=(_actor_fk("actor_id"),),
        kind="reference",
    )

    actor_id: str = col("The actor.", example="TUR", pattern=ACTOR_PATTERN)
    wikidata_qid: str | None = opt("Wikidata item of the actor.", example="Q43", pattern=r"^Q[1-9][0-9]*$")
    iso_alpha2: str | None = opt("ISO 3166-1 alpha-2 code of a state.", example="TR", pattern=r"^[A-Z]{2}$")
    iso_alpha3: str | None = opt("ISO 3166-1 alpha-3 code of a state.", example="TUR", pattern=r"^[A-Z]{3}$")
    iso_numeric: str | None = opt(
        "ISO 3166-1 numeric code of a state, three digits with leading zeros.", example="792", pattern=r"^[0-9]{3}$"
    )
    cow_code: int | None = opt("Correlates of War state number (ccode).", example="640", ge=1, le=999)
    gw_code: int | None = opt("Gleditsch-Ward state number.", example="640", ge=1, le=999)
    notes: str | None = opt("Why a code is empty, or how it was chosen.")


class ArmsDealCategory(Row):
    """The SIPRI weapon category of the system an arms deal is about."""

    table_meta: ClassVar[TableMeta] = TableMeta(
        name="arms_deal_categories",
        title="Arms deal categories",
        description=(
            "Join key to the SIPRI Arms Transfers Database, one row per arms deal: the SIPRI "
            "weapon category of the deal's system, mapped from arms_deals.category. Empty, with "
            "the reason in notes, when the deal concerns no one kind of system SIPRI counts."
        ),
        primary_key=("deal_id",),
        foreign_keys=(ForeignKey(("deal_id",), "arms_deals", ("deal_id",)),),
        kind="reference",
    )

    deal_id: str = col("The arms deal.", example="AD0001", pattern=r"^AD[0-9]{4,}$")
    sipri_category: SipriCategory | None = opt(
        "SIPRI weapon category of the system, read from arms_deals.category (vocab.ARMS_CATEGORY_TO_SIPRI)."
    )
    notes: str | None = opt("Why the category is empty, or how it was chosen.")


class EventType(Row):
    """The PLOVER event type and CAMEO root code of an event."""

    table_meta: ClassVar[TableMeta] = TableMeta(
        name="event_types",
        title="Event types",
        description=(
            "Join key to event datasets, one row per event: the PLOVER event type and, where "
            "one applies, the CAMEO root code, assigned from the event's title and category by "
            "the rules in docs/curation/METHOD.md (Join keys). Empty, with the reason in notes, "
            "when neither ontology has a type for the event."
        ),
        primary_key=("event_id",),
        foreign_keys=(ForeignKey(("event_id",), "events", ("event_id",)),),
        kind="reference",
    )

    event_id: str = col("The event.", example="EV0001", pattern=r"^EV[0-9]{4,}$")
    plover_event_type: PloverEventType | None = opt(
        "PLOVER event type of the act between the event's actors; empty for a bare statement (CAMEO 01).",
        example="ASSAULT",
    )
    cameo_root: CameoRoot | None = opt(
        "CAMEO root code: 01 make public statement, 02 appeal, 03 express intent to cooperate, 04 consult, "
        "05 engage in diplomatic cooperation, 06 engage in material cooperation, 07 provide aid, 08 yield, "
        "09 investigate, 10 demand, 11 disapprove, 12 reject, 13 threaten, 14 protest, 15 exhibit force "
        "posture, 16 reduce relations, 17 coerce, 18 assault, 19 fight, 20 use unconventional mass violence.",
        example="19",
    )
    notes: str | None = opt("Why a type is empty, or which rule gave it.")


JOIN_KEY_MODELS: tuple[type[Row], ...] = (ActorCode, ArmsDealCategory, EventType)


FACT_MODELS: tuple[type[Row], ...] = (Event, TradeFlow, EnergyShare, ArmsDeal, MemberStatePosition, Indicator)
REFERENCE_MODELS: tuple[type[Row], ...] = (
    Source,
    Actor,
    ActorAlias,
    EventActor,
    Citation,
    Erratum,
    *JOIN_KEY_MODELS,
)
ALL_MODELS: tuple[type[Row], ...] = FACT_MODELS + REFERENCE_MODELS
MODELS: dict[str, type[Row]] = {m.table_meta.name: m for m in ALL_MODELS}

"""Write tables/actor_codes.csv from tables/actors.csv.

State codes come from maintained libraries, never typed by hand: ISO 3166-1 from
pycountry, Correlates of War (``cown``) and Gleditsch-Ward (``gwn``) numbers from
countrycode, both offline. Wikidata QIDs are kept in QIDS below, each one a curator is
sure of; tests/test_join_keys.py holds them to their labels in tests/data/qid_labels.csv.
Re-run after adding actors: ``python scripts/make_actor_codes.py`` (needs the test extra).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pycountry
from countrycode import countrycode

ROOT = Path(__file__).resolve().parents[1]

# Wikidata items of the actors, each one a curator is sure of. A state's item is the
# sovereign state (e.g. Q55 Netherlands, the country ISO 3166-1 "NL" codes).
QIDS: dict[str, str] = {
    "ARE": "Q878",
    "ARM": "Q399",
    "AZE": "Q227",
    "BGR": "Q219",
    "BLR": "Q184",
    "CHN": "Q148",
    "COL": "Q739",
    "CYP": "Q229",
    "CZE": "Q213",
    "DEU": "Q183",
    "EGY": "Q79",
    "ESP": "Q29",
    "EST": "Q191",
    "FIN": "Q33",
    "FRA": "Q142",
    "GBR": "Q145",
    "GEO": "Q230",
    "GRC": "Q41",
    "HRV": "Q224",
    "HUN": "Q28",
    "IND": "Q668",
    "IRN": "Q794",
    "IRQ": "Q796",
    "ISR": "Q801",
    "ITA": "Q38",
    "KOR": "Q884",
    "LBY": "Q1016",
    "LTU": "Q37",
    "LVA": "Q211",
    "MDA": "Q217",
    "NLD": "Q55",
    "POL": "Q36",
    "QAT": "Q846",
    "ROU": "Q218",
    "RUS": "Q159",
    "SAU": "Q851",
    "SRB": "Q403",
    "SWE": "Q34",
    "SYR": "Q858",
    "TUR": "Q43",
    "UKR": "Q212",
    "USA": "Q30",
    "EU": "Q458",
    "NATO": "Q7184",
    "UN": "Q1065",
    "GAZPROM": "Q102673",
    "ISIS": "Q2429253",
}

NO_QID = "QID not verified offline."
# Why countrycode has no code for a state, where its own tables say.
COW_REASONS: dict[str, str] = {
    "SRB": " (its COW table codes 345 as Yugoslavia, not Serbia; not carried over)",
}
COLUMNS = ("actor_id", "wikidata_qid", "iso_alpha2", "iso_alpha3", "iso_numeric", "cow_code", "gw_code", "notes")


def _number(alpha3: str, destination: str) -> str:
    code = countrycode([alpha3], origin="iso3c", destination=destination)[0]
    return "" if code is None or code != code else str(int(code))  # NaN != NaN


def codes(actor: dict[str, str]) -> dict[str, str]:
    """The join keys of one actor row, with the reason for each empty code."""
    actor_id, kind = actor["actor_id"], actor["kind"]
    row = dict.fromkeys(COLUMNS, "")
    row["actor_id"] = actor_id
    row["wikidata_qid"] = QIDS.get(actor_id, "")
    reasons: list[str] = []
    if not row["wikidata_qid"]:
        reasons.append("No QID: an aggregate of the package, not one Wikidata item." if kind == "aggregate" else NO_QID)
    if kind == "state":
        country = pycountry.countries.get(alpha_3=actor_id)
        if country is None:
            reasons.append(f"No ISO 3166-1 code: pycountry has no country {actor_id}.")
        else:
            row["iso_alpha2"], row["iso_alpha3"], row["iso_numeric"] = country.alpha_2, country.alpha_3, country.numeric
            row["cow_code"] = _number(actor_id, "cown")
            row["gw_code"] = _number(actor_id, "gwn")
            for column, name in (("cow_code", "Correlates of War"), ("gw_code", "Gleditsch-Ward")):
                if not row[column]:
                    why = COW_REASONS.get(actor_id, "")
                    reasons.append(f"No {name} code: countrycode gives none for {actor_id}{why}.")
    else:
        what = kind.replace("_", " ")
        article = "an" if what[0] in "aeiou" else "a"
        reasons.append(f"No ISO, COW or GW code: those code states, and this actor is {article} {what}.")
    row["notes"] = " ".join(reasons)
    return row


def main() -> int:
    with (ROOT / "tables" / "actors.csv").open(encoding="utf-8", newline="") as f:
        actors = list(csv.DictReader(f))
    unknown = sorted(set(QIDS) - {a["actor_id"] for a in actors})
    if unknown:
        print(f"QIDS names actors not in tables/actors.csv: {', '.join(unknown)}", file=sys.stderr)
        return 1
    with (ROOT / "tables" / "actor_codes.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(codes(a) for a in actors)
    return 0


if __name__ == "__main__":
    sys.exit(main())

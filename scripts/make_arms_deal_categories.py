"""Write tables/arms_deal_categories.csv from tables/arms_deals.csv.

A deal's SIPRI category is its arms_deals.category read through
``vocab.ARMS_CATEGORY_TO_SIPRI``; a deal that transfers no weapon system, or whose
category has no single SIPRI category, is left empty with the reason. The rules are in
docs/curation/METHOD.md (Join keys). Re-run after adding arms deals:
``python scripts/make_arms_deal_categories.py``.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from turkey_russia_data.vocab import ARMS_CATEGORY_TO_SIPRI

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ("deal_id", "sipri_category", "notes")

# Deals read one by one where the category alone does not settle it: (category, reason).
OVERRIDES: dict[str, tuple[str, str]] = {
    "AD0005": ("", "A sanctions decision (CAATSA), not a transfer of a weapon system."),
    "AD0016": ("", "Acquisition of a company (Piaggio Aerospace), not a transfer of a weapon system."),
    "AD0027": ("", "SAFE is an EU financing instrument, not a weapon system."),
    "AD0030": (
        "air_defence_systems",
        "An initiative to procure air and missile defence systems; the text names no system.",
    ),
}

REASONS: dict[str, str] = {
    "ammunition": "Ammunition: SIPRI records none other than guided missiles, and the text names none.",
    "components": "Components: the text names no system they belong to.",
    "multiple": "Several kinds of equipment: no single SIPRI category.",
    "other": "The text does not say what equipment the deal covers.",
}


def category(deal: dict[str, str]) -> dict[str, str]:
    """The SIPRI category of one arms deal, or the reason there is none."""
    deal_id = deal["deal_id"]
    if deal_id in OVERRIDES:
        sipri, notes = OVERRIDES[deal_id]
    elif deal["category"] in ARMS_CATEGORY_TO_SIPRI:
        sipri = ARMS_CATEGORY_TO_SIPRI[deal["category"]]
        notes = "" if deal["system"] else f"No system named; from category {deal['category']}."
    else:
        sipri, notes = "", REASONS[deal["category"]]
    return {"deal_id": deal_id, "sipri_category": sipri, "notes": notes}


def main() -> int:
    with (ROOT / "tables" / "arms_deals.csv").open(encoding="utf-8", newline="") as f:
        deals = list(csv.DictReader(f))
    with (ROOT / "tables" / "arms_deal_categories.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(category(d) for d in deals)
    return 0


if __name__ == "__main__":
    sys.exit(main())

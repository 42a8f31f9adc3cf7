"""Write tables/event_types.csv from tables/events.csv.

Two passes, as docs/curation/METHOD.md (Join keys) describes. A first pass types each
event by the first pattern in RULES that its title matches. Every title was then read,
and REVIEWED holds the type of each event the first pass got wrong or could not type,
with the reason; its entry wins. An event neither pass types gets the reason in notes.
Re-run after adding events: ``python scripts/make_event_types.py``; a new event with no
REVIEWED entry keeps its first-pass type until a curator reads its title.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ("event_id", "plover_event_type", "cameo_root", "notes")
UNTYPED = "No type: no rule matches the title; to be read."

# (pattern on the title, PLOVER event type, CAMEO root), first match wins.
RULES: tuple[tuple[str, str, str], ...] = (
    (
        r"\b(shoots? down|airstrike|attack|invasion|invades|war\b|war:|operation\b|occup|annex|clashes|combat"
        r"|fighting|military operations)",
        "ASSAULT",
        "19",
    ),
    (r"\bthreatens?\b|\bwarns?\b|casus belli", "THREATEN", "13"),
    (r"\b(sanction|embargo|suspend|suspends|suspended|removes|restricts)", "SANCTION", "16"),
    (r"\b(arrests?|arrested)\b", "COERCE", "17"),
    (r"\bprotests?\b", "PROTEST", "14"),
    (r"\b(rejects?|veto|block|objects?|votes against|unwilling)\b", "REJECT", "12"),
    (r"\b(condemns?|denounces?|criticis|row\b|crisis between|clash over|obsolete)", "ACCUSE", "11"),
    (r"\b(urges?|calls for|demands?)\b", "REQUEST", "02"),
    (r"\b(releases?|frees|phases out|withdraws its veto|exchange prisoners)", "CONCEDE", "08"),
    (r"\b(talks|dialogue|meets?|meeting|visits?|hosts|summit|negotiat|mediate)", "CONSULT", "04"),
    (r"\b(sign|signs|agreement|deal\b|joins?|admits|becomes a NATO member|MoU|agree)", "AGREE", "05"),
    (
        r"\b(delivers|pipeline|built|buy|acquires|refinery|power plant|exports|joint centre|command of)",
        "COOPERATE",
        "06",
    ),
    (r"\b(support|help)", "SUPPORT", "05"),
    (r"\b(rapprochement|convergence|ties|relations|launch|partnership)", "COOPERATE", "05"),
)

# Read title by title: (PLOVER type, CAMEO root, notes); "" where empty.
REVIEWED: dict[str, tuple[str, str, str]] = {
    "EV0003": ("AID", "07", ""),
    "EV0005": ("THREATEN", "13", "A conditional authorisation of force against Greece: a threat of force (CAMEO 138)."),
    "EV0007": ("ASSAULT", "19", "Annexation by force: occupation of territory (CAMEO 192)."),
    "EV0010": (
        "",
        "",
        (
            "No type: the title names no one who acts (the plotters are not named) and no act between "
            "actors in event_actors."
        ),
    ),
    "EV0011": (
        "SUPPORT",
        "05",
        (
            "A call whose content the title gives as support (CAMEO 051), typed by that content rather "
            "than as a consultation by telephone."
        ),
    ),
    "EV0014": ("CONSULT", "04", ""),
    "EV0020": ("ASSAULT", "19", "The type is the attack's; who attacked stays as the title attributes it."),
    "EV0021": ("", "", "No type: a discovery by one state, no act towards another actor."),
    "EV0022": (
        "MOBILIZE",
        "15",
        (
            "A weapons test: demonstration of military power (CAMEO 150). Washington's condemnation "
            "(ACCUSE, 11) is the second happening in the title."
        ),
    ),
    "EV0023": ("ASSAULT", "19", ""),
    "EV0026": ("COOPERATE", "06", ""),
    "EV0035": ("ASSAULT", "19", "A military push (category military) on Ottoman territory: use of force."),
    "EV0036": ("COOPERATE", "05", ""),
    "EV0037": ("REQUEST", "10", ""),
    "EV0039": (
        "AID",
        "07",
        "Support of an armed group, category military: material support (AID), not verbal support (SUPPORT).",
    ),
    "EV0040": ("COOPERATE", "", "The title does not say whether the ties are diplomatic (CAMEO 05) or material (06)."),
    "EV0041": ("REJECT", "12", ""),
    "EV0045": ("", "", "No type: a domestic change of office, no act between actors."),
    "EV0046": ("", "", "No type: a domestic trend over years, no act between actors."),
    "EV0047": ("", "", "No type: a domestic change of government, no act between actors."),
    "EV0048": ("REJECT", "12", ""),
    "EV0049": ("", "", "No type: a domestic change of government; the title does not say how it came about."),
    "EV0054": ("SANCTION", "16", "Suspending negotiating chapters: halting negotiations (CAMEO 164)."),
    "EV0057": ("", "", "No type: an economic crisis, no actor acting."),
    "EV0060": ("ASSAULT", "19", "The title says the two clashed; it does not say who used force."),
    "EV0061": ("REJECT", "12", ""),
    "EV0063": ("", "", "No type: a trend in exports over years, no single act between actors."),
    "EV0064": (
        "COOPERATE",
        "06",
        (
            "Deployment on an ally's territory (Türkiye hosts): military cooperation. Russia's "
            "objection (ACCUSE, 11) is the second happening in the title."
        ),
    ),
    "EV0065": ("REQUEST", "02", "The allies' unwillingness (REJECT, 12) is the second happening in the title."),
    "EV0066": ("", "", "No type: the title names the process but not its parties or form."),
    "EV0067": ("PROTEST", "14", "The EU capitals' criticism (ACCUSE, 11) is the second happening in the title."),
    "EV0068": ("", "", "No type: the title names no one who acts."),
    "EV0069": ("ACCUSE", "11", ""),
    "EV0070": (
        "",
        "01",
        (
            "A public statement of an option, with no demand, criticism or threat in the title: CAMEO "
            "01; PLOVER has no type for statements."
        ),
    ),
    "EV0073": ("", "", "No type: an economic crisis, no actor acting."),
    "EV0074": (
        "COOPERATE",
        "06",
        "Defence planning among allies: military cooperation; the title names no forces moved.",
    ),
    "EV0075": ("MOBILIZE", "15", ""),
    "EV0076": ("", "", "No type: the title names the process but not its parties or how it collapsed."),
    "EV0078": (
        "SANCTION",
        "16",
        (
            "Withdrawing military assets from an ally: reducing material cooperation (CAMEO 16), not a "
            "retreat from an adversary."
        ),
    ),
    "EV0079": ("SUPPORT", "05", "Sending the air defence package (AID, 07) is the second happening in the title."),
    "EV0084": ("COOPERATE", "05", ""),
    "EV0085": (
        "COOPERATE",
        "03",
        (
            "A proposal: intent to cooperate militarily (CAMEO 03). Türkiye's support is the second "
            "happening in the title."
        ),
    ),
    "EV0086": (
        "",
        "01",
        (
            "A statement of view with no demand, criticism or threat in the title: CAMEO 01; PLOVER has"
            " no type for statements."
        ),
    ),
    "EV0087": (
        "COOPERATE",
        "05",
        "Relations resume; Erdoğan's expression of disappointment is a statement that leads into it.",
    ),
    "EV0088": (
        "SUPPORT",
        "05",
        (
            "Typed by the act between the EU and Türkiye; the denunciation is aimed at the coup, not at"
            " an actor of the event."
        ),
    ),
    "EV0101": ("SANCTION", "16", "Suspending a dialogue: halting negotiations (CAMEO 164)."),
    "EV0102": (
        "REQUEST",
        "",
        (
            "A non-binding vote calling for the suspension; the title does not say whether an appeal "
            "(CAMEO 02) or a demand (10)."
        ),
    ),
    "EV0110": (
        "AGREE",
        "08",
        (
            "An end to hostilities secured: a ceasefire (CAMEO 0871, under 08). The deployment of "
            "peacekeepers is the second happening in the title."
        ),
    ),
    "EV0111": ("COOPERATE", "06", ""),
    "EV0112": ("COOPERATE", "03", "An offer: intent to cooperate (CAMEO 03), on a condition."),
    "EV0113": ("", "", "No type: an opinion poll, no act between actors."),
    "EV0115": ("COOPERATE", "03", "An attempt to improve relations: intent to cooperate (CAMEO 03)."),
    "EV0118": (
        "MOBILIZE",
        "15",
        "A military standoff (category military): force posture; the title names no single act.",
    ),
    "EV0119": (
        "ACCUSE",
        "11",
        (
            "Typed by the act towards Russia. The refusal to join sanctions (REJECT, 12) is the second "
            "happening in the title."
        ),
    ),
    "EV0121": (
        "SANCTION",
        "16",
        (
            "Closing the Straits to military vessels: a restriction of passage (CAMEO 16); calling it "
            "an act of war is a statement that leads into it."
        ),
    ),
    "EV0123": ("SANCTION", "16", "Stopping support for a project: reducing material cooperation (CAMEO 16)."),
    "EV0125": (
        "CONCEDE",
        "08",
        "The exchange is a release of persons (CAMEO 084); the helpers' part is mediation (CONSULT, 04).",
    ),
    "EV0126": ("", "", "No type: a movement of people, no act between actors the title names."),
    "EV0127": ("REJECT", "12", "A veto (CAMEO 129)."),
    "EV0133": ("ASSAULT", "", "The title does not say whether by military force (CAMEO 19) or otherwise (18)."),
    "EV0134": ("REQUEST", "02", "Persuading: an appeal (CAMEO 02). Putin's return to the deal is its outcome."),
    "EV0135": ("", "", "No type: a domestic election, no act between actors."),
    "EV0136": ("REJECT", "12", "Leaving an agreement: rejecting it (CAMEO 12)."),
    "EV0137": ("COOPERATE", "06", ""),
    "EV0138": ("", "", "No type: a domestic inauguration, no act towards another actor."),
    "EV0140": ("COOPERATE", "06", ""),
    "EV0141": (
        "AGREE",
        "",
        (
            "The title does not say whether the terms were a formal agreement (CAMEO 05) or Russia "
            "yielding to a request (08)."
        ),
    ),
    "EV0142": ("AID", "07", "A payment deferral granted: economic aid in the form of credit (CAMEO 071)."),
    "EV0143": ("", "", "No type: a level of trade, no single act between actors."),
    "EV0144": ("COOPERATE", "03", ""),
    "EV0145": (
        "",
        "",
        "No type: a disclosure by a party the title does not name; it states no act between Russia and Türkiye.",
    ),
    "EV0146": ("CONSULT", "03", "An invitation: intent to meet (CAMEO 036)."),
    "EV0147": ("AGREE", "05", ""),
    "EV0148": ("", "", "No type: an agreement expiring; the title names no act by either party."),
    "EV0152": ("CONCEDE", "08", ""),
    "EV0154": ("COOPERATE", "03", "An announced investment: intent to cooperate economically (CAMEO 03)."),
    "EV0155": ("COOPERATE", "06", "A company acquisition: economic exchange between the two firms."),
    "EV0158": ("SUPPORT", "05", "Naming Türkiye a 'like-minded' partner: an endorsement (CAMEO 051)."),
    "EV0163": (
        "AGREE",
        "05",
        (
            "Typed by the act between NATO and Türkiye (signing the declaration); naming Russia a "
            "threat (ACCUSE, 11) is aimed at an actor outside the event."
        ),
    ),
    "EV0164": ("CONSULT", "03", "Offers to mediate: intent to mediate (CAMEO 03)."),
    "EV0165": (
        "",
        "",
        (
            "No type: a shift of policy focus over years; the title does not say whether towards China "
            "in cooperation or rivalry."
        ),
    ),
    "EV0166": (
        "COOPERATE",
        "",
        (
            "A turn to integration with partners the title does not name; it does not say whether "
            "diplomatic (CAMEO 05) or material (06)."
        ),
    ),
    "EV0167": (
        "COOPERATE",
        "",
        "Closer ties over years; the title does not say whether diplomatic (CAMEO 05) or material (06).",
    ),
    "EV0169": (
        "REJECT",
        "12",
        "The EU countries' reluctance to extradite: not granting Türkiye's requests (CAMEO 12).",
    ),
    "EV0173": ("ASSAULT", "19", "Combat with drones: aerial weapons (CAMEO 195); who fought is not in the title."),
    "EV0174": ("", "", "No type: a domestic collapse; the title names no one who acts."),
    "EV0175": ("", "", "No type: a domestic change of government, no act between actors."),
    "EV0176": ("", "", "No type: a domestic election, no act between actors."),
    "EV0177": ("CONSULT", "03", "An expected attendance: intent to meet (CAMEO 036)."),
    "EV0178": ("COOPERATE", "05", ""),
    "EV0179": ("COOPERATE", "06", "Reconnaissance carried out for allies: military cooperation."),
}


def first_pass(title: str) -> tuple[str, str]:
    for pattern, plover, cameo in RULES:
        if re.search(pattern, title, re.IGNORECASE):
            return plover, cameo
    return "", ""


def event_type(event: dict[str, str]) -> dict[str, str]:
    """The PLOVER type and CAMEO root of one event, or the reason there is none."""
    if event["event_id"] in REVIEWED:
        plover, cameo, notes = REVIEWED[event["event_id"]]
    else:
        (plover, cameo), notes = first_pass(event["title"]), ""
        if not plover:
            notes = UNTYPED
    return {"event_id": event["event_id"], "plover_event_type": plover, "cameo_root": cameo, "notes": notes}


def main() -> int:
    with (ROOT / "tables" / "events.csv").open(encoding="utf-8", newline="") as f:
        events = list(csv.DictReader(f))
    with (ROOT / "tables" / "event_types.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(event_type(e) for e in events)
    return 0


if __name__ == "__main__":
    sys.exit(main())

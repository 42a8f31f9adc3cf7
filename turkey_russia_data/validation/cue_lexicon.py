"""The cue words level 4 reads a stance or a status against (E409, docs/validation.md).

A lexicon names groups of cue words (each a regular expression matched as whole words,
in any case) and, for each value of the column it judges, the groups that speak for it
(``own``) and those that speak against it (``opposite``). A row whose value-carrying
quotes carry cues of an opposite group and none of an own group fails. A value the
lexicon does not list is not judged (the middle of a scale: "cautious").

Only words that state a stance or a stage themselves are cues: a word whose sense turns
on its object ("backs" a pipeline, "against" the Kremlin, "sanctions") is not.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lexicon:
    groups: dict[str, tuple[str, ...]]
    own: dict[str, tuple[str, ...]]
    opposite: dict[str, tuple[str, ...]]


STANCE = Lexicon(
    groups={
        "against": (
            r"oppos(?:e|ed|es|ing|ition)",
            r"object(?:ed|ion|ions|s)",
            r"block(?:ed|ing|s)",
            r"veto(?:ed|es)",
            r"reject(?:ed|ion|s)",
            r"refus(?:ed|al|es)",
            r"condemn(?:ed|ation|s)",
            r"reluctan(?:t|ce)",
            r"unwilling",
            r"s[ck]eptical",
        ),
        "for": (
            r"support(?:ed|ive|s)?",
            r"welcomed",
            r"endors(?:ed|es|ement)",
            r"cooperative",
            r"friendly",
            r"in favou?r",
        ),
    },
    own={
        "opposed": ("against",),
        "reluctant": ("against",),
        "cooperative": ("for",),
        "supportive": ("for",),
    },
    opposite={
        "opposed": ("for",),
        "reluctant": ("for",),
        "cooperative": ("against",),
        "supportive": ("against",),
    },
)

STATUS = Lexicon(
    groups={
        "early": (
            r"propos(?:ed|al|als|ing)",
            r"offer(?:ed|ing|s)?",
            r"negotiat(?:e|ed|ing|ion|ions)",
            r"talks",
            r"plan(?:s|ned)?",
            r"soon to be",
            r"will be",
        ),
        "mou": (r"memorand(?:um|a)", r"MoUs?"),
        "agreed": (
            r"sign(?:ed|ing|s)?",
            r"agree(?:d|ment|ments)",
            r"approv(?:ed|al)",
            r"contract(?:ed|s)?",
            r"deal",
        ),
        "production": (r"building", r"produc(?:ed|tion|ing)", r"construct(?:ed|ion|ing)"),
        "done": (
            r"deliver(?:ed|y|ies)",
            r"arriv(?:al|ed)",
            r"received",
            r"completed",
            r"acquisition",
            r"purchased",
            r"supplied",
            r"in service",
        ),
        "negative": (
            r"reject(?:ed|ion)",
            r"block(?:ed|ing)",
            r"cancel(?:l?ed|lation)",
            r"restrict(?:ed|ion|ions)",
            r"no longer",
            r"embargo(?:es|ed)?",
            r"sanction(?:s|ed)?",
            r"removed",
            r"exclu(?:ded|sion)",
            r"expel(?:led)?",
            r"veto(?:ed)?",
            r"held up",
        ),
        "lifted": (r"lift(?:ed|ing)", r"withdr(?:ew|awn)"),
    },
    own={
        "proposed": ("early",),
        "offered": ("early",),
        "negotiating": ("early",),
        "mou": ("mou",),
        "in_production": ("production", "done"),
        "delivered": ("done",),
        "completed": ("done",),
        "rejected": ("negative",),
        "blocked": ("negative",),
        "cancelled": ("negative",),
        "restricted": ("negative",),
        "embargoed": ("negative",),
        "sanctioned": ("negative",),
        "excluded": ("negative",),
    },
    opposite={
        "proposed": ("done",),
        "offered": ("done",),
        "negotiating": ("done",),
        "mou": ("done",),
        "in_production": ("early", "mou"),
        "delivered": ("early", "mou"),
        "completed": ("early", "mou"),
        "rejected": ("done", "mou"),
        "blocked": ("done", "mou"),
        "cancelled": ("done", "mou"),
        "restricted": ("done", "mou"),
        "embargoed": ("done", "mou"),
        "sanctioned": ("done", "mou"),
        "excluded": ("done", "mou"),
    },
)

LEXICONS: dict[str, Lexicon] = {"stance": STANCE, "deal_status": STATUS}

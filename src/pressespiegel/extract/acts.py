"""Speech acts that news reports about actors: denying, accusing, warning, criticising.

Reporters word the same act many ways ("bestreitet", "hat die Vorwürfe zurückgewiesen", "weist
das zurück", "denied"); alignment treats a shared act as a shared term, and contradictions set
an accusation against its denial. One lexicon serves both.
"""

from __future__ import annotations

import re

# Word beginnings (lowercase) that name an act, in German and English.
_STEMS = {
    "@deny": (
        "bestreit",
        "bestritt",
        "dementi",
        "zurückgewies",
        "zurückweis",
        "leugn",
        "geleugn",
        "abgelehnt",
        "deny",
        "denied",
        "denies",
        "reject",
    ),
    "@accuse": (
        "vorwerf",
        "vorgeworf",
        "vorwurf",
        "vorwürf",
        "beschuldig",
        "verdächtig",
        "bezichtig",
        "accus",
        "alleg",
        "suspect",
    ),
    "@warn": ("warn",),
    "@criticise": ("kritisier", "kritik", "criticis", "criticiz"),
}
# German separable verbs put the act's particle at the end of the clause.
_SEPARABLE = (
    ("@accuse", re.compile(r"\b(?:wirft|werfen|warf|warfen)\b[^.;]{0,80}\bvor\b", re.I)),
    ("@deny", re.compile(r"\b(?:weist|weisen|wies|wiesen)\b[^.;]{0,80}\bzurück\b", re.I)),
    ("@deny", re.compile(r"\b(?:lehnt|lehnen|lehnte|lehnten)\b[^.;]{0,80}\bab\b", re.I)),
)
_WORD = re.compile(r"\w+")


def word_act(word: str) -> str | None:
    """The act a single word names ("bestritten" -> "@deny"), or None."""
    low = word.lower()
    for act, stems in _STEMS.items():
        if low.startswith(stems):
            return act
    return None


def clause_acts(text: str) -> set[str]:
    """The acts named by separable verbs ("weist ... zurück") in a passage."""
    return {act for act, pattern in _SEPARABLE if pattern.search(text)}


def speech_acts(text: str) -> frozenset[str]:
    """Every act a passage names."""
    acts = clause_acts(text)
    acts.update(a for w in _WORD.findall(text) if (a := word_act(w)))
    return frozenset(acts)

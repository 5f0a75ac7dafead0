"""Coverage: which article covers which aspect of the story.

The aspects are the story's corroborated facts, each named by the words that its passages share
and that the rest of the story uses least (e.g. "Jakutsk, Station"), so a reader of the matrix
sees at a glance who reported the stopover and who left it out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..link.align import Alignment, Unit
from ..model import Fact

#: Aspects shown: the most widely reported facts.
MAX_ASPECTS = 15
#: Words per aspect name.
NAME_WORDS = 3


def aspect_name(passages: Sequence[Unit], idf: dict[str, float], display: dict[str, str]) -> str:
    counts: Counter[str] = Counter()
    for u in passages:
        counts.update(u.terms)
    shared = [
        t for t, c in counts.items() if c >= 2 and not t.isdigit() and not t.startswith("@")
    ] or [t for t in counts if not t.startswith("@")]
    # The most distinctive shared words name the aspect ("Jakutsk", "Vietnam"), not the words
    # every passage of the story uses ("Putin", "Kim").
    shared.sort(key=lambda t: (-idf.get(t, 0.0), -counts[t], t))
    return ", ".join(display.get(t, t) for t in shared[:NAME_WORDS])


def find_coverage(
    facts: Sequence[Fact], alignment: Alignment, articles: Sequence[str]
) -> tuple[dict[str, list[str]], list[str]]:
    """({article: [aspect names]}, aspect names in order)."""
    by_span = {(u.article, u.start, u.end): u for u in alignment.units}
    display = _display_forms(alignment.units)
    coverage: dict[str, list[str]] = {a: [] for a in articles}
    names: list[str] = []
    for fact in facts[:MAX_ASPECTS]:
        passages = [
            by_span[key]
            for s in fact.sources + fact.copies
            if (key := (s.article, s.start, s.end)) in by_span
        ]
        name = aspect_name(passages, alignment.idf, display)
        if not name or name in names:
            continue
        names.append(name)
        for s in fact.sources + fact.copies:
            if s.article in coverage and name not in coverage[s.article]:
                coverage[s.article].append(name)
    return coverage, names


def _display_forms(units: Sequence[Unit]) -> dict[str, str]:
    """A readable surface form for each lemma key: the most frequent capitalised spelling."""
    import re

    from ..link.align import content_terms

    forms: dict[str, Counter[str]] = {}
    for u in units:
        for m in re.finditer(r"\w+(?:-\w+)*", u.text):
            for t in content_terms(m.group()):
                forms.setdefault(t, Counter())[m.group()] += 1
    return {t: c.most_common(1)[0][0] for t, c in forms.items()}

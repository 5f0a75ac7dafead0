"""Organisations referred back to by their head noun: after "das nordkoreanische
Außenministerium", "des Ministeriums" and "das nordkoreanische Ministerium" name the same body.

German news writing names an organisation once in full and then by the last part of its
compound ("Bundesverfassungsgericht" ... "das Gericht", "die Bundesregierung" ... "die
Regierung"). A definite noun phrase whose noun is such a head is a mention of the most recent
organisation of the article whose name ends in it, when:

- the phrase is definite ("der", "des", "dieses" ...): "ein Gericht" introduces a new one;
- a nationality adjective in the phrase ("des russischen Ministeriums") agrees with the
  organisation's country (an adjective or a genitive place in its name);
- only one organisation of the article fits. With two ministries named and no adjective to tell
  them apart, the phrase is left unlinked rather than guessed.

Heads that are also common words in another sense ("Rat": advice, "Amt": a post, "Botschaft":
a message) are left out.
"""

from __future__ import annotations

import bisect

from ..model import Article, Entity, Mention, Token
from .canonical import gazetteer, genitive_base

# Heads of organisation names that, with a definite article, stand for the organisation.
# Not "Partei" or "Konzern": parties and companies are mostly named without that noun (SPD,
# Siemens), so the one whose name ends in it is not the likely referent.
BACK_HEADS = frozenset(
    {
        "ministerium",
        "gericht",
        "gerichtshof",
        "parlament",
        "behörde",
        "kommission",
        "regierung",
        "verband",
        "gewerkschaft",
        "geheimdienst",
        "nachrichtendienst",
        "zentralbank",
        "notenbank",
        "stiftung",
        "staatsanwaltschaft",
        "fraktion",
        "universität",
    }
)
_DEFINITE = frozenset(
    {"der", "die", "das", "des", "dem", "den", "dieser", "diese", "dieses", "diesem", "diesen"}
)
_GENITIVE_ENDS = ("es", "s")


def _head_of(word: str) -> str | None:
    low = word.lower()
    if low in BACK_HEADS:
        return low
    for end in _GENITIVE_ENDS:
        if low.endswith(end) and low[: -len(end)] in BACK_HEADS:
            return low[: -len(end)]
    return None


def _is_bare(name: str) -> bool:
    """ "nordkoreanischen Ministeriums", "Kommission": a head noun with at most lower-case
    adjectives, not a name ("Europäische Kommission")."""
    words = name.split()
    return (
        bool(words) and _head_of(words[-1]) is not None and all(w[:1].islower() for w in words[:-1])
    )


def countries_of(words: list[str]) -> set[str]:
    """Countries a name's words point to: nationality adjectives and places (genitive too)."""
    gaz = gazetteer()
    out: set[str] = set()
    for w in words:
        country = gaz.adjective_place(w)
        if country:
            out.add(country)
        for form in (w, genitive_base(w)):
            entry = gaz.single.get(form) if form else None
            if entry is not None and entry.label == "LOC":
                out.add(entry.canonical)
    return out


def org_back_references(
    article: Article, mentions: list[Mention], index: dict[str, Entity]
) -> list[Mention]:
    """The mentions with each definite head-noun phrase that refers back to an organisation
    added (and the model's own mentions of such phrases linked to it), in text order."""
    text = article.text
    toks = article.tokens
    taken = sorted((m.start, m.end) for m in mentions)
    taken_starts = [s for s, _ in taken]
    orgs = [m for m in mentions if m.label == "ORG"]
    bare = {(m.start, m.end) for m in orgs if _is_bare(m.text)}
    # Named organisations by the head their name ends in, in text order: each phrase looks only
    # at those, so a long text stays linear in its mentions.
    by_head: dict[str, list[Mention]] = {}
    for m in orgs:
        last = m.canonical.split()[-1].lower() if m.canonical.split() else ""
        if (m.start, m.end) in bare:
            continue  # another bare phrase is no antecedent
        for back_head in BACK_HEADS:
            if last.endswith(back_head):
                by_head.setdefault(back_head, []).append(m)
    out = [m for m in mentions if m.label != "ORG" or (m.start, m.end) not in bare]
    for k, t in enumerate(toks):
        head = _head_of(t.text)
        if head is None or not t.text[:1].isupper():
            continue
        first = k
        while (
            first > 0 and toks[first - 1].pos == "ADJ(A)" and toks[first - 1].sentence == t.sentence
        ):
            first -= 1
        if first == 0 or toks[first - 1].text.lower() not in _DEFINITE:
            continue
        start, end = toks[first].start, t.end
        if (start, end) not in bare and _overlaps(taken, taken_starts, start, end):
            continue  # inside a longer name ("des Ministeriums für Staatssicherheit")
        ante = _antecedent(toks[first:k], start, by_head.get(head, []))
        if ante is not None:
            out.append(Mention(start, end, text[start:end], "ORG", ante.canonical, ante.entity_id))
            if ante.entity_id in index and text[start:end] not in index[ante.entity_id].variants:
                index[ante.entity_id].variants.append(text[start:end])
    # The model's mentions of a bare head that found no antecedent stay as they were.
    linked = {(m.start, m.end) for m in out}
    out.extend(m for m in mentions if (m.start, m.end) in bare and (m.start, m.end) not in linked)
    return sorted(out, key=lambda m: m.start)


def _overlaps(taken: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether a mention (``taken``, sorted, ``starts`` their starts) overlaps [start, end)."""
    i = bisect.bisect_left(starts, end) - 1
    # mentions may nest (a place inside an organisation's name): look back a few
    return any(taken[j][1] > start for j in range(max(0, i - 3), i + 1))


def _antecedent(adjectives: list[Token], before: int, named: list[Mention]) -> Mention | None:
    """The one organisation among ``named`` (those whose name ends in the phrase's head) that
    is mentioned before ``before`` and agrees with the phrase's nationality adjectives."""
    wanted = countries_of([a.text for a in adjectives])
    fits: dict[str, Mention] = {}
    for m in named:
        if m.start >= before:
            break
        if wanted and not (wanted & countries_of(m.canonical.split() + m.text.split())):
            continue
        fits[m.entity_id] = m  # the latest mention of each organisation
    if len(fits) != 1:
        return None
    return next(iter(fits.values()))

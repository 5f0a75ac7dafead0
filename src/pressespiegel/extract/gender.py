"""A person's gender as the article shows it, so that a pronoun or a back-reference finds an
antecedent that agrees with it ("sagte sie" is not the man named last).

Evidence, strongest first, each a vote for "f" or "m":

- a form of address right before the name ("Frau Berger", "Herrn Berger"): 3;
- a feminine role noun attached to the person by the labels stage ("die Ministerin", "Kanzlerin
  Anna Berger"): 3. A masculine one counts 1 only: news writing sometimes keeps the masculine
  form of a title for a woman, never the other way round;
- the given name, from ``data/firstnames.txt`` (general knowledge of which names are given to
  whom): 2. Names given to both are marked there and vote for neither.

A person without votes, or with as many for each side, has no gender: every pronoun may refer to
them, as before. Only grammatical evidence in the article and a general name list are used.
"""

from __future__ import annotations

from functools import lru_cache

from ..model import Article
from .canonical import ADDRESS_GENDER, _data_lines
from .entities import role_head
from .labels import is_feminine_role

Gender = str  # "f" or "m"


@lru_cache(maxsize=1)
def given_name_genders() -> dict[str, Gender]:
    """Given name -> "f" or "m"; names given to both (marked "?") are left out. A name listed in
    two sections with different genders is left out too."""
    seen: dict[str, set[str]] = {}
    for row in _data_lines("firstnames.txt"):
        if len(row) > 1 and row[1].strip() in ("f", "m"):
            seen.setdefault(row[0].strip(), set()).add(row[1].strip())
    return {name: next(iter(gs)) for name, gs in seen.items() if len(gs) == 1}


def role_gender(word: str) -> Gender | None:
    """ "Ministerin", "Außenministerinnen" -> "f"; "Minister" -> "m"; a word that is no role noun
    -> None. A role noun that is feminine on its own ("Königin" is listed) stays "f" by its form."""
    head = role_head(word)
    if head is None:
        return None
    return "f" if is_feminine_role(word) or head.lower().endswith("in") else "m"


def person_genders(article: Article) -> dict[str, Gender]:
    """Entity id -> "f" or "m" for the persons of the article with more votes for one side."""
    votes: dict[str, list[int]] = {}  # eid -> [female, male]

    def vote(eid: str, g: Gender, weight: int) -> None:
        v = votes.setdefault(eid, [0, 0])
        v[0 if g == "f" else 1] += weight

    text = article.text
    names = given_name_genders()
    for m in article.entities:
        if m.label != "PER":
            continue
        before = text[max(0, m.start - 8) : m.start].split()
        address = ADDRESS_GENDER.get(before[-1].rstrip(".")) if before else None
        if address is not None:
            vote(m.entity_id, address, 3)
    for eid, ent in article.entity_index.items():
        if ent.label != "PER":
            continue
        first = ent.canonical.split()[0] if ent.canonical.split() else ""
        g = names.get(first)
        if g is not None and len(ent.canonical.split()) > 1:
            vote(eid, g, 2)
    for lb in article.labels:
        for word in lb.text.split():
            g = role_gender(word)
            if g is not None:
                vote(lb.entity_id, g, 3 if g == "f" else 1)
                break
    out: dict[str, Gender] = {}
    for eid, (female, male) in votes.items():
        if female != male:
            out[eid] = "f" if female > male else "m"
    return out

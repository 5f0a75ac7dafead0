"""Framing: the labels each article gives each main actor ("Diktator", "Machthaber", "Führer").

The labels stage attaches descriptors to entities ("der nordkoreanische Diktator" → Kim Jong-un)
and gives each its dictionary form ("nordkoreanischer Diktator"). Framing compares the head noun
of those forms across articles: an adjective of nationality says where, the noun says how the
outlet sees the person.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import Article, Framing, SourceRef

# After the head noun of a descriptor come its complements: a genitive ("Führer Nordkoreas",
# "Sprecher des Weißen Hauses") or a preposition. Words before it that are capitalised but end
# in a genitive -s and are followed by a lowercase adjective ("Putins diplomatischer Berater")
# are possessors, not heads.
_COMPLEMENT = frozenset(
    (
        "des",
        "der",
        "von",
        "vom",
        "im",
        "in",
        "für",
        "aus",
        "am",
        "beim",
        "bei",
        "zu",
        "zur",
        "zum",
        "of",
        "for",
        "at",
        "the",
    )
)


def head_noun(norm: str) -> str | None:
    """The noun that names the role in a descriptor's dictionary form."""
    words = norm.split()
    for k, w in enumerate(words):
        if not w[:1].isupper():
            continue
        nxt = words[k + 1] if k + 1 < len(words) else None
        if nxt is None or nxt in _COMPLEMENT or nxt[:1].isupper():
            return w.strip(",.;:")
    return None


def find_framing(
    articles: Sequence[Article], actors: Sequence[str], canonical: Mapping[str, str]
) -> list[Framing]:
    """Labels per article for each actor in ``actors`` (entity ids), in that order."""
    out: list[Framing] = []
    for entity_id in actors:
        by_article: dict[str, list[str]] = {}
        evidence: list[SourceRef] = []
        for art in articles:
            heads: list[str] = []
            for lb in art.labels:
                if lb.entity_id != entity_id:
                    continue
                head = head_noun(lb.norm or lb.text)
                if head and head not in heads:
                    heads.append(head)
                evidence.append(SourceRef(art.id, lb.start, lb.end, lb.text))
            if heads:
                by_article[art.id] = heads
        if by_article:
            out.append(
                Framing(entity_id, canonical.get(entity_id, entity_id), by_article, evidence)
            )
    return out

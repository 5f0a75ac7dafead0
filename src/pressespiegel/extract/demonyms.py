"""Places named by their adjective or their people: "nordkoreanische Truppen", "die Russen",
"eine Ukrainerin" refer to Nordkorea, Russland, the Ukraine without naming them.

A dossier lists the places a story is about; an article that only writes "die russische
Armee" is about Russia as much as one that writes "Russland". Each such word becomes a
:class:`~pressespiegel.model.Demonym` that carries the place's canonical name and the entity id
the place has everywhere (``entity_id("LOC", place)``), kept apart from the named mentions so
that the entity list, its scores and the story signal stay what they were.

Where the words come from (general knowledge of German word formation, not a list per text):

- the nationality adjectives of the place gazetteer (``places_de.tsv``, third column), in any
  inflection ("nordkoreanischen" has the lemma "nordkoreanisch"), also as a part of a hyphenated
  adjective ("russisch-ukrainische");
- the nouns for a place's people made from an adjective in -isch by the regular German suffixes:
  -er, -e, -ier and their feminines -erin, -in, -ierin (Nordkoreaner, Russe, Kanadier,
  Ukrainerin); the irregular ones are listed (Franzose, Engländer, Pole, Ungar, Israeli);
- the nominalised adjective of an adjective without -isch ("die Deutschen", "ein Schweizer").

Not a demonym:

- the language: "auf Russisch" (a noun that is the bare adjective) names the language;
- a word inside a named entity: "Deutsche Bank" is the bank, not Germany;
- the few words that the suffix rules make but that German uses otherwise ("Maler" from
  "malisch", "Schotter" from "schottisch", "George" from "georgisch").
"""

from __future__ import annotations

from functools import lru_cache

from ..model import Article, Demonym, Mention, Token
from ..textutil import Intervals
from .canonical import entity_id, gazetteer

_SUFFIXES = ("er", "e", "ier", "erin", "in", "ierin")
# Nouns for a place's people that the suffix rules do not make (general knowledge).
_IRREGULAR = {
    "franzose": "frankreich",
    "französin": "frankreich",
    "engländer": "england",
    "engländerin": "england",
    "pole": "polen",
    "polin": "polen",
    "ungar": "ungarn",
    "ungarin": "ungarn",
    "israeli": "israel",
    "saudi": "saudi-arabien",
    "libyer": "libyen",
    "libyerin": "libyen",
    "holländer": "niederlande",
    "holländerin": "niederlande",
    "este": "estland",
    "estin": "estland",
}
# Words the suffix rules make that are ordinary words or names (general knowledge).
_NOT_PEOPLE = frozenset(
    {
        "maler",
        "malerin",
        "male",
        "malin",
        "schotter",
        "letter",
        "george",
        "philippine",
        "spane",
        "engler",
    }
)
_NOUN_ENDINGS = ("nen", "en", "n", "s", "")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(adjective lemma -> place, people noun in lower case -> place)."""
    gaz = gazetteer()
    adjectives = dict(gaz.adjective_country)
    places = {c.lower(): c for c in adjectives.values()}
    people: dict[str, str] = {}
    for adj, place in adjectives.items():
        if adj.endswith("isch"):
            stem = adj[: -len("isch")]
            for suffix in _SUFFIXES:
                people.setdefault(stem + suffix, place)
        elif adj.endswith("ysch"):  # libysch
            continue
        else:  # deutsch, schweizer: the adjective itself is the noun ("die Deutschen")
            for suffix in ("e", "er", "in", ""):
                people.setdefault(adj + suffix, place)
    for noun, place_key in _IRREGULAR.items():
        people[noun] = places[place_key]
    for word in list(people):
        # "ukrain" + "e" is the place's own name, not a demonym.
        if word in _NOT_PEOPLE or word == people[word].lower() or word in places:
            del people[word]
    return adjectives, people


def _adjective_places(tok: Token) -> list[str]:
    gaz = gazetteer()
    for form in ((tok.lemma or "").lower(), tok.text.lower()):
        if not form:
            continue
        place = gaz.adjective_place(form)
        if place is not None:
            return [place]
        if "-" in form:
            parts = [gaz.adjective_place(p) for p in form.split("-")]
            if parts[-1]:
                return list(dict.fromkeys(p for p in parts if p))
    return []


def _people_place(tok: Token, adjectives: dict[str, str], people: dict[str, str]) -> str | None:
    text = tok.text.lower()
    lemma = (tok.lemma or "").lower()
    if text.endswith("sch") and (text in adjectives or lemma in adjectives):
        return None  # "Russisch", "Deutsch": the language
    if lemma in people:
        return people[lemma]
    for end in _NOUN_ENDINGS:
        if end and not text.endswith(end):
            continue
        base = text[: len(text) - len(end)] if end else text
        if base in people:
            return people[base]
    return None


def find_demonyms(article: Article, mentions: list[Mention]) -> list[Demonym]:
    """The article's nationality adjectives and names of peoples, each linked to its place,
    in text order; words inside a named entity are left out."""
    adjectives, people = _tables()
    taken = Intervals((m.start, m.end) for m in mentions)
    out: list[Demonym] = []
    for tok in article.tokens:
        pos = tok.pos or ""
        if pos.startswith("ADJ"):
            places = _adjective_places(tok)
            kind = "adjective"
        elif (pos.startswith("NN") or pos == "NE") and tok.text[:1].isupper():
            place = _people_place(tok, adjectives, people)
            places = [place] if place else []
            kind = "people"
        else:
            continue
        if not places or taken.overlaps(tok.start, tok.end):
            continue
        for place in places:
            out.append(Demonym(tok.start, tok.end, tok.text, place, entity_id("LOC", place), kind))
    return out

"""Named entities (persons, organisations, places) with one canonical name per actor.

Two steps behind one stage: a swappable :class:`NER` finds spans with a label, and
:func:`link` groups the spans of one article into actors (short forms, inflection and
transliteration variants under one entity) and names each with a canonical string and a
deterministic id. The default NER is rule based (:class:`RuleNER`): gazetteers, HanTa's proper-noun
tags, given names, name order of Korean and Chinese names, role nouns and organisation heads.
A trained model can replace it through :func:`set_ner` without touching the linking.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from ..model import Article, Entity, EntityLabel, Mention, Token
from ..registry import stage
from ..textutil import Intervals
from .backrefs import org_back_references
from .canonical import (
    NAME_PARTICLES,
    SURNAME_FIRST,
    GazEntry,
    Gazetteer,
    canonical_person,
    entity_id,
    first_names,
    fold,
    gazetteer,
    genitive_base,
    role_nouns,
    same_name_spelling,
    stem_word,
    surname,
    world_cities,
)
from .demonyms import find_demonyms


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """A span found by an NER backend; ``canonical`` is an optional naming hint."""

    start: int
    end: int
    label: EntityLabel
    canonical: str | None = None
    # How sure the finder is, for merging two finders: RuleNER gives its rule's priority
    # (1: a guess from context, 2: a short form of a name found, 3+: a gazetteer or the
    # structure of a name); 0 means no opinion.
    confidence: int = 0


class NER(Protocol):
    """An NER backend: the spans of named entities in the article's sentences."""

    def __call__(self, article: Article) -> list[EntitySpan]: ...


class NoNER:
    """Pass-through backend: finds nothing (lets a user skip entity recognition)."""

    def __call__(self, article: Article) -> list[EntitySpan]:
        return []


# --- word lists (general knowledge of German news writing) ----------------------------------

# Heads of organisation names; a compound ending in one of these is an organisation when its
# first part says which one ("Außenministerium", "Sicherheitsrat", "Bundesamt"). Value: the
# grammatical gender, for the nominative canonical form of a preceding adjective.
ORG_HEADS: dict[str, str] = {
    "ministerium": "n",
    "amt": "n",
    "gericht": "n",
    "gerichtshof": "m",
    "parlament": "n",
    "rat": "m",
    "behörde": "f",
    "kommission": "f",
    "flotte": "f",
    "bundesagentur": "f",
    "geheimdienst": "m",
    "nachrichtendienst": "m",
    "zentralbank": "f",
    "notenbank": "f",
}
# Compounds with those heads that are ordinary words, not organisations.
ORG_HEAD_STOP = frozenset(
    {
        "verrat",
        "vorrat",
        "apparat",
        "heirat",
        "unrat",
        "hausrat",
        "zierrat",
        "referat",
        "ehrenamt",
        "gesamt",
        "insgesamt",
        "samt",
        "landrat",
        "stadtrat",
        "gemeinderat",
        "beamt",
        "hauptgericht",
        "fleischgericht",
        "gericht",
        "amt",
        "rat",
        "ministerium",
        "behörde",
        "kommission",
        "flotte",
        "parlament",
        "schattenflotte",
        "handelsflotte",
        "fahrzeugflotte",
        "geheimdienst",
        "nachrichtendienst",
        "zentralbank",
        "notenbank",
    }
)
# Nouns for places named after them ("Kim-Il-sung-Platz", "Kumsusan State Guest House").
FACILITY_DE = (
    "platz",
    "straße",
    "strasse",
    "allee",
    "flughafen",
    "stadion",
    "universität",
    "brücke",
    "palast",
    "bahnhof",
    "hafen",
    "gästehaus",
    "kaserne",
    "kathedrale",
    "moschee",
    "kirche",
    "tempel",
    "mausoleum",
    "halle",
    "turm",
)
FACILITY_EN = frozenset(
    {
        "House",
        "Palace",
        "Square",
        "Hall",
        "Airport",
        "Hotel",
        "Center",
        "Centre",
        "Tower",
        "Bridge",
        "Street",
        "Avenue",
        "Stadium",
        "University",
        "Station",
        "Park",
        "Mausoleum",
    }
)
# Nouns after which a proper noun names a place ("des Flusses Taedong", "die Stadt Jakutsk").
GEO_NOUNS = frozenset(
    {
        "Fluss",
        "Flusses",
        "Stadt",
        "Hauptstadt",
        "Provinz",
        "Region",
        "Insel",
        "Bezirk",
        "Kreis",
        "Gemeinde",
        "Dorf",
        "Ort",
        "Ortes",
        "Berg",
        "Berges",
        "Hafenstadt",
        "Großstadt",
        "Kleinstadt",
        "Metropole",
        "Oblast",
        "Gebiet",
        "Gebiets",
        "Republik",
        "Halbinsel",
        "Küstenstadt",
    }
)
# Prepositions of place: an unknown proper noun right after one is most likely a place.
PLACE_PREPS = frozenset({"in", "nach", "aus", "im"})
# Two-letter country codes written as adjectives ("US-Soldaten" = American soldiers): the
# prefix of such a compound is not a mention of the country.
ADJECTIVAL_CODES = frozenset({"US", "UK"})
_WORD = re.compile(r"^[^\W\d_]")
_CAPWORD = re.compile(r"^[A-ZÄÖÜ][\w'’-]*$")


def _is_cap(tok: Token) -> bool:
    return bool(_CAPWORD.match(tok.text))


def _is_name_pos(tok: Token) -> bool:
    return tok.pos in ("NE", "FM")


@lru_cache(maxsize=1)
def _role_forms() -> dict[str, str]:
    """Inflected and feminine forms of every role noun (lower case) -> the role noun."""
    forms: dict[str, str] = {}
    for role in role_nouns():  # longest first, so that a form keeps its longest role
        r = role.lower()
        for end in ("", "s", "en", "n", "in", "innen", "e", "es", "er", "em"):
            forms.setdefault(r + end, role)
    return forms


@lru_cache(maxsize=65536)
def role_head(word: str) -> str | None:
    """The role noun a word is or ends in ("Außenministerin" -> "Minister"), else None."""
    low = word.lower().rstrip("’'")
    forms = _role_forms()
    if low in forms:
        return forms[low]
    # A compound ("Außenminister", "Kreml-Berater") needs at least two letters before the role
    # noun; the longest known tail wins.
    for cut in range(2, len(low) - 1):
        role = forms.get(low[cut:])
        if role is not None:
            return role
    return None


@lru_cache(maxsize=65536)
def org_head(word: str) -> str | None:
    """The organisation head a compound ends in ("Außenministeriums" -> "ministerium")."""
    low = word.lower()
    for head in ORG_HEADS:
        for end in ("", "s", "es"):
            form = head + end
            if low.endswith(form):
                stem = low[: len(low) - len(end)]
                if stem in ORG_HEAD_STOP or len(stem) <= len(head) + 2:
                    return None
                return head
    return None


# --- the rule-based recogniser ---------------------------------------------------------------


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    label: EntityLabel
    prio: int
    canonical: str | None = None


class RuleNER:
    """Rule-based German NER over HanTa-tagged tokens (see the module docstring)."""

    def __call__(self, article: Article) -> list[EntitySpan]:
        gaz = gazetteer()
        text = article.text
        by_sent: dict[int, list[Token]] = {}
        for t in article.tokens:
            by_sent.setdefault(t.sentence, []).append(t)
        cands: list[_Cand] = []
        for toks in by_sent.values():
            cands.extend(self._sentence(text, toks, gaz))
        chosen = _resolve(cands)
        # Short forms ("Putin", "Kims") of the persons found, anywhere in the article; not of
        # the weakest guesses (two unknown proper nouns in a row): "Nexus Camera" would make
        # every "Kamera" of the article a person.
        keys = _short_keys(text, [c for c in chosen if c.label == "PER" and c.prio >= 2])
        # Weak guesses (an unknown proper noun that is also some city's name) give way.
        taken = Intervals((c.start, c.end) for c in chosen if c.prio >= 2 or c.label == "PER")
        extra: list[_Cand] = []
        for toks in by_sent.values():
            for k, t in enumerate(toks):
                if not _is_cap(t) or taken.overlaps(t.start, t.end):
                    continue
                word = (
                    t.text.split("-")[0]
                    if t.text.count("-") == 1 and t.text.split("-")[1][:1].isupper()
                    else t.text
                )
                if _short_form_of(word, keys):
                    # A hyphenated compound ("Putin-Regierung") mentions only its first part;
                    # a surname with particles ("Van der Bellen") begins with them.
                    first = _particles_before(toks, k, keys)
                    if taken.overlaps(toks[first].start, t.start):
                        first = k
                    extra.append(_Cand(toks[first].start, t.start + len(word), "PER", 2))
        chosen = _resolve(chosen + extra)
        return [EntitySpan(c.start, c.end, c.label, c.canonical, c.prio) for c in chosen]

    def _sentence(self, text: str, toks: list[Token], gaz: Gazetteer) -> list[_Cand]:
        out: list[_Cand] = []
        n = len(toks)
        names = first_names()
        stems = [stem_word(x.text) for x in toks]
        firsts = _multi_firsts()
        for i, t in enumerate(toks):
            w = t.text
            # Gazetteer: multi-word names first ("Internationalen Strafgerichtshofs").
            for k in range(min(gaz.max_len, n - i), 1, -1) if stems[i] in firsts else ():
                seg = toks[i : i + k]
                if not _is_cap(seg[-1]):
                    continue
                entry = gaz.multi.get(tuple(stems[i : i + k]))
                if entry is not None and entry.label != "PER":
                    out.append(
                        _Cand(
                            seg[0].start,
                            seg[-1].end,
                            entry.label,  # type: ignore[arg-type]
                            5,
                            entry.canonical,
                        )
                    )
                    break
            if not _WORD.match(w):
                continue
            single = _single_lookup(toks, i, gaz)
            if single is not None:
                out.append(single)
            elif "-" in w:
                out.extend(_compound_prefixes(t, gaz))
            if not _is_cap(t):
                continue
            # Organisation heads: "Außenministerium", "des Nationalen Sicherheitsrates".
            head = org_head(w)
            if head is not None:
                first = i
                if (
                    i > 0
                    and toks[i - 1].pos == "ADJ(A)"
                    and (
                        toks[i - 1].text[:1].isupper()
                        or (toks[i - 1].lemma or "").lower() in gaz.adjective_country
                    )
                ):
                    first = i - 1
                out.append(
                    _Cand(
                        toks[first].start,
                        t.end,
                        "ORG",
                        4,
                        _org_canonical(toks[first : i + 1], head),
                    )
                )
            # Persons.
            per = _person_at(toks, i, names)
            if per is not None:
                j = per  # exclusive token index of the name's end
                start, end = t.start, toks[j - 1].end
                # "Kim Il Sung Platz", "Kim-Il-sung-Platz": a place named after a person.
                if j < n and toks[j].text.lower().endswith(FACILITY_DE):
                    out.append(_Cand(start, toks[j].end, "LOC", 6))
                else:
                    out.append(_Cand(start, end, "PER", 4))
            # Role noun + proper noun(s): "Präsident Erdogan".
            if (
                role_head(w) is not None
                and i + 1 < n
                and _is_cap(toks[i + 1])
                and _is_name_pos(toks[i + 1])
                and _single_lookup(toks, i + 1, gaz) is None
            ):
                j = i + 1
                while j < n and j - i <= 3 and _is_cap(toks[j]) and _is_name_pos(toks[j]):
                    j += 1
                out.append(_Cand(toks[i + 1].start, toks[j - 1].end, "PER", 3))
            # English facility names: "Kumsusan State Guest House".
            if w in FACILITY_EN and i > 0 and _is_cap(toks[i - 1]):
                j = i
                while j > 0 and _is_cap(toks[j - 1]) and toks[j - 1].pos in ("NE", "FM", "NN"):
                    j -= 1
                if j < i:
                    out.append(_Cand(toks[j].start, t.end, "LOC", 6))
            # German facility noun + name: "Staatsgästehaus Kumsusan".
            if (
                w.lower().endswith(FACILITY_DE)
                and i + 1 < n
                and _is_cap(toks[i + 1])
                and _is_name_pos(toks[i + 1])
            ):
                out.append(_Cand(t.start, toks[i + 1].end, "LOC", 4))
            # Geographic noun + name: "des Flusses Taedong".
            if w in GEO_NOUNS and i + 1 < n and _is_cap(toks[i + 1]) and _is_name_pos(toks[i + 1]):
                out.append(_Cand(toks[i + 1].start, toks[i + 1].end, "LOC", 3))
            # Other proper nouns by context.
            if (
                _is_name_pos(t)
                and single is None
                and "-" not in w
                and w in world_cities()
                and w not in names
            ):
                out.append(_Cand(t.start, t.end, "LOC", 1))
            if t.pos == "NE" and single is None:
                if w.isupper() and 3 <= len(w) <= 8 and w.isalpha():
                    out.append(_Cand(t.start, t.end, "ORG", 1))  # acronyms: "KCNA", "POLITICO"
                elif i > 0 and toks[i - 1].text in PLACE_PREPS:
                    out.append(_Cand(t.start, t.end, "LOC", 2))
                elif i + 1 < n and _is_cap(toks[i + 1]) and toks[i + 1].pos == "NE":
                    # Two proper nouns in a row, neither known: most often a person.
                    j = i + 1
                    while (
                        j + 1 < n and j - i < 2 and toks[j + 1].pos == "NE" and _is_cap(toks[j + 1])
                    ):
                        j += 1
                    run = toks[i : j + 1]
                    if not any(
                        x.text in gaz.single
                        or x.text in SURNAME_FIRST
                        or fold(x.text) in gaz.person_surnames
                        for x in run
                    ):
                        out.append(_Cand(t.start, toks[j].end, "PER", 1))
        return out


@lru_cache(maxsize=1)
def _multi_firsts() -> frozenset[str]:
    """First words of the multi-word gazetteer names (most tokens start none)."""
    return frozenset(k[0] for k in gazetteer().multi)


def _single_lookup(toks: list[Token], i: int, gaz: Gazetteer) -> _Cand | None:
    """A one-token gazetteer name, also in genitive ("Russlands") or upper case ("NEU-DELHI")."""
    t = toks[i]
    w = t.text
    entry = gaz.single.get(w)
    if entry is None and w.isupper() and len(w) > 3:
        entry = gaz.single.get(w.title()) or gaz.single.get(w.capitalize())
    if entry is None and w.islower() and len(w) <= 5:
        # Agency credits are often written in lower case: "(dpa, afp)".
        up = gaz.single.get(w.upper())
        near = {toks[j].text for j in (i - 1, i + 1) if 0 <= j < len(toks)}
        if up is not None and up.label == "ORG" and near & {"(", ")", ",", "/"}:
            entry = up
    if entry is None and w[:1].isupper():
        base = genitive_base(w)
        if base is not None:
            entry = gaz.single.get(base)
            if entry is None and w.endswith("es"):
                entry = gaz.single.get(w[:-2])
    if entry is None or entry.label == "PER":
        return None
    if entry.label == "LOC" and i > 0 and toks[i - 1].text in first_names():
        return None  # "George Washington"
    return _Cand(t.start, t.end, entry.label, 3, entry.canonical)  # type: ignore[arg-type]


def _compound_prefixes(t: Token, gaz: Gazetteer) -> list[_Cand]:
    """Known names inside hyphenated compounds: "Kreml-Berater", "NATO-Gipfel",
    "UN-Sicherheitsrat-Resolution" (longest known part first)."""
    parts = t.text.split("-")
    out: list[_Cand] = []
    i = 0
    pos = t.start
    while i < len(parts):
        for k in range(len(parts) - i, 0, -1):
            name = "-".join(parts[i : i + k])
            if i == 0 and k == len(parts):
                continue  # the whole token was looked up already
            entry = gaz.single.get(name)
            if k >= 2 and org_head(parts[i + k - 1]) is not None and parts[i] in gaz.single:
                # "UN-Sicherheitsrat", "US-Außenministerium": prefix + organisation head.
                out.append(
                    _Cand(pos, pos + len(name), "ORG", 4, entry.canonical if entry else None)
                )
                break
            if (
                entry is not None
                and entry.label != "PER"
                and name not in ADJECTIVAL_CODES
                and i + k < len(parts)
            ):
                out.append(
                    _Cand(
                        pos,
                        pos + len(name),
                        entry.label,  # type: ignore[arg-type]
                        3,
                        entry.canonical,
                    )
                )
                break
        else:
            k = 1
        pos += len("-".join(parts[i : i + k])) + 1
        i += k
    return out


def _person_at(toks: list[Token], i: int, names: frozenset[str]) -> int | None:
    """End (exclusive token index) of a person name starting at token ``i``, or None."""
    n = len(toks)
    t = toks[i]
    if i + 1 >= n or not _is_cap(toks[i + 1]):
        return None
    nxt = toks[i + 1]
    if t.text in SURNAME_FIRST:
        # Korean names: surname + one or two short syllables ("Kim Jong Un", "Choe Son Hui",
        # "Kim Jong-un"); Chinese: surname + given name ("Xi Jinping").
        gaz = gazetteer()
        j = i + 1
        while (
            j < n
            and j - i <= 2
            and _is_cap(toks[j])
            and (len(toks[j].text) <= 5 or ("-" in toks[j].text and len(toks[j].text) <= 9))
            and fold(toks[j].text) not in gaz.person_surnames
            and toks[j].text not in names
        ):
            j += 1  # "Kim Putin" (two names in a row) is not one name
        if (
            j == i + 1
            and _is_name_pos(nxt)
            and len(nxt.text) <= 8
            and fold(nxt.text) not in gaz.person_surnames
        ):
            j = i + 2
        return j if j > i + 1 else None
    # Any capitalised word may follow a known given name: surnames are often common words
    # ("Blinken", "Fischer"), and mid-sentence capitals are nouns or names anyway.
    if (
        t.text in names
        and role_head(nxt.text) is None
        and nxt.text not in gazetteer().single
        and (nxt.pos or "") not in ("ART", "APPR", "KON", "PPER", "PIS", "PDS")
    ):
        j = i + 2
        # Middle names and particles: "Recep Tayyip Erdoğan", "Ursula von der Leyen".
        while j < n and j - i <= 4:
            x = toks[j]
            if x.text in NAME_PARTICLES and j + 1 < n and _is_cap(toks[j + 1]):
                j += 1
                continue
            if _is_cap(x) and (_is_name_pos(x) or toks[j - 1].text in NAME_PARTICLES):
                j += 1
                continue
            break
        return j
    return None


def _short_keys(text: str, persons: list[_Cand]) -> list[dict[str, set[str]]]:
    """Folded short forms of the persons found (surnames; the first word of Korean names), each
    with the spellings seen, and those of the well-known people, who are recognised by their
    surname alone."""
    keys: dict[str, set[str]] = {}
    for c in persons:
        words = text[c.start : c.end].split()
        if len(words) < 2:
            continue
        short = words[0] if words[0] in SURNAME_FIRST else words[-1]
        spellings = keys.setdefault(fold(short), set())
        spellings.add(short)
        if short == words[-1]:
            spellings.add(surname(" ".join(words)))  # with its particles: "Van der Bellen"
    return [keys, _known_short_forms()]


def _particles_before(toks: list[Token], k: int, keys: list[dict[str, set[str]]]) -> int:
    """The index of the first token of the short form ending at token ``k``: ``k`` itself, or
    the first of the particles before it when the person's surname has them there ("Van der
    Bellen", "von der Leyen"; any case, a sentence may begin with them)."""
    key = fold(toks[k].text)
    for table in keys:
        for spelling in table.get(key, ()):
            parts = spelling.split()
            n = len(parts) - 1
            if (
                n
                and k >= n
                and all(toks[k - n + i].text.lower() == parts[i].lower() for i in range(n))
            ):
                return k - n
    return k


@lru_cache(maxsize=1)
def _known_short_forms() -> dict[str, set[str]]:
    return {key: {surname(full)} for key, full in gazetteer().person_surnames.items()}


def _short_form_of(word: str, keys: list[dict[str, set[str]]]) -> bool:
    """Whether ``word`` (or its genitive base) is a short form of a person in ``keys``, spelt
    as the person is or not a common word (see :func:`.canonical.same_name_spelling`)."""
    base = genitive_base(word)
    for w in (word, base):
        if w is None:
            continue
        key = fold(w)
        spellings = [s for table in keys for s in table.get(key, ())]
        if spellings:
            return same_name_spelling(word, spellings)
    return False


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates: higher priority first, then longer, then earlier."""
    taken: list[_Cand] = []
    held = Intervals()
    for c in sorted(cands, key=lambda c: (-c.prio, -(c.end - c.start), c.start)):
        if not held.overlaps(c.start, c.end):
            taken.append(c)
            held.add(c.start, c.end)
    return sorted(taken, key=lambda c: c.start)


_ADJ_END = {"m": "er", "f": "e", "n": "es"}


def _org_canonical(toks: list[Token], head: str) -> str:
    """Nominative form of "(adjective) compound": "Nationalen Sicherheitsrates" ->
    "Nationaler Sicherheitsrat"."""
    noun = toks[-1].text
    low = noun.lower()
    for end in ("es", "s"):
        if low.endswith(head + end):
            noun = noun[: -len(end)]
            break
    if len(toks) == 1:
        return noun
    adj = toks[0]
    lemma = adj.lemma or adj.text
    stem = lemma if lemma.lower() != adj.text.lower() else re.sub(r"(en|er|es|em|e)$", "", adj.text)
    if adj.text[:1].isupper():
        stem = stem[:1].upper() + stem[1:]
    return f"{stem}{_ADJ_END[ORG_HEADS[head][0]]} {noun}"


# --- linking: one entity per actor -----------------------------------------------------------


def _person_forms(text: str, span: EntitySpan) -> str:
    return " ".join(text[span.start : span.end].split())


def link(article: Article, spans: list[EntitySpan]) -> tuple[list[Mention], dict[str, Entity]]:
    """Group spans into actors; give each a canonical name and a stable id."""
    gaz = gazetteer()
    text = article.text
    spans = sorted(spans, key=lambda s: s.start)
    pers = [s for s in spans if s.label == "PER"]
    # Full forms (two words or more) grouped by phonetic key.
    group_of: dict[int, int] = {}  # index in pers -> group id
    groups: list[list[int]] = []
    keys = _NameKeys()
    for idx, s in enumerate(pers):
        form = _person_forms(text, s)
        if not _is_full(form):
            continue
        k = _full_key(form)
        g = keys.same_name(k, form)
        if g is None:
            g = keys.other_case(form)
        if g is None:
            groups.append([])
            g = keys.add(k)
        groups[g].append(idx)
        group_of[idx] = g
    # Short forms: to the nearest preceding full form with that surname, else the next one.
    for idx, s in enumerate(pers):
        if idx in group_of:
            continue
        form = _person_forms(text, s)
        cands = keys.short_form_of(form)
        if not cands:
            # A given name alone ("Bashar") names the one full name of the article that begins
            # with it ("Baschar al-Assad"); when two do, it stays apart.
            given = keys.given_name_of(form)
            cands = given if len(given) == 1 else []
        if not cands:
            k = fold(form)
            base = genitive_base(form)
            if (
                base is not None
                and keys.find(k) is None
                and (keys.find(fold(base)) is not None or fold(base) in gaz.person_surnames)
            ):
                k = fold(base)
            found = keys.find(k)
            if found is not None:
                g = found
            else:
                groups.append([])
                g = keys.add(k)
        else:
            g = _pick_group(cands, groups, pers, s.start)
        groups[g].append(idx)
        group_of[idx] = g

    mentions: list[Mention] = []
    index: dict[str, Entity] = {}
    per_name: dict[int, tuple[str, str]] = {}
    for g, members in enumerate(groups):
        forms = [_person_forms(text, pers[i]) for i in members]
        full = [f for f in forms if _is_full(f)]
        if full:
            canonical = canonical_person(_strip_gen_full(f, full) for f in full)
        else:
            canonical = _short_canonical(forms, gaz)
        per_name[g] = (canonical, entity_id("PER", canonical))
    per_pos = {id(s): i for i, s in enumerate(pers)}
    for s in spans:
        surface = text[s.start : s.end]
        if s.label == "PER":
            canonical, eid = per_name[group_of[per_pos[id(s)]]]
        else:
            canonical = s.canonical or _place_canonical(surface, gaz)
            eid = entity_id(s.label, canonical)
        mentions.append(Mention(s.start, s.end, surface, s.label, canonical, eid))
        ent = index.get(eid)
        if ent is None:
            ent = index[eid] = Entity(eid, canonical, s.label)
        if surface not in ent.variants:
            ent.variants.append(surface)
    return mentions, index


def _is_full(form: str) -> bool:
    """A full name (given name and surname), not a surname alone: "von der Leyen" and
    "Kramp-Karrenbauer" are short forms although they have several parts."""
    words = form.split()
    if len(words) < 2:
        return False
    # Capitalised "Al" and "El" also begin given names (Al Gore); other particles begin a
    # surname whatever their case ("Le Pen", "Van der Bellen" at the start of a sentence).
    first = words[0]
    return not (
        first in NAME_PARTICLES or (first.lower() in NAME_PARTICLES and first not in ("Al", "El"))
    )


def _full_key(form: str) -> str:
    return fold(form)


@lru_cache(maxsize=1)
def _surname_first_keys() -> frozenset[str]:
    return frozenset(fold(s) for s in SURNAME_FIRST)


class _NameKeys:
    """The group keys (folded names) of an article's persons, in the order the groups were
    opened, indexed by their words so that a mention finds its group without being compared
    with every key: a long text names thousands of people.
    """

    def __init__(self) -> None:
        self.keys: list[str] = []
        self._first: dict[str, int] = {}
        # Keys of two words or more by (first word, last word); the others by the words a short
        # form may be: every proper tail ("leyen", "der leyen" of "ursula von der leyen"), and
        # a name written surname first by its family name ("Kim" of "Kim Jong-un").
        self._ends: dict[tuple[str, str], list[int]] = {}
        self._tails: dict[tuple[str, ...], list[int]] = {}
        self._family: dict[str, list[int]] = {}
        self._given: dict[str, list[int]] = {}

    def add(self, key: str) -> int:
        """Open a group for ``key``; its number."""
        g = len(self.keys)
        self.keys.append(key)
        self._first.setdefault(key, g)
        words = key.split()
        if len(words) >= 2:
            self._ends.setdefault((words[0], words[-1]), []).append(g)
            if words[0] in _surname_first_keys():
                self._family.setdefault(words[0], []).append(g)
            else:
                self._given.setdefault(words[0], []).append(g)
                for n in range(1, len(words)):
                    self._tails.setdefault(tuple(words[-n:]), []).append(g)
        return g

    def find(self, key: str) -> int | None:
        """The first group opened for exactly this key."""
        return self._first.get(key)

    def same_name(self, key: str, form: str) -> int | None:
        """The group of the same full name, never merging Kim Jong-un/Kim Jong-il.

        Spelling variants meet in :func:`fold`; given names that still differ are different
        people (Jan/Jana, Daniel/Daniela, Hans/Hannes), so no fuzzy match here.
        """
        g = self._first.get(key)
        if g is not None:
            return g
        if form.split()[0] in SURNAME_FIRST:
            return None
        words = key.split()
        # Same given name and surname, one with middle names, the other without (Recep
        # Erdogan/Recep Tayyip Erdogan, Wladimir Putin/Wladimir Wladimirowitsch Putin). Two
        # different middle names are two people (George H. W. Bush/George W. Bush).
        for g in self._ends.get((words[0], words[-1]), ()):
            if min(len(self.keys[g].split()), len(words)) == 2:
                return g
        return None

    def other_case(self, form: str) -> int | None:
        """The group of the same full name in the other case: "David Schalkos" joins "David
        Schalko" seen before, and "David Schalko" joins "David Schalkos" seen before it. A name
        that ends in s with no form without it stays as it is (Evo Morales, Hans Jonas)."""
        words = form.split()
        base = genitive_base(words[-1])
        if base is not None:
            g = self.same_name(_full_key(" ".join([*words[:-1], base])), form)
            if g is not None:
                return g
        return self._first.get(_full_key(form + "s"))

    def short_form_of(self, form: str) -> list[int]:
        """The groups a short form ("Putin", "Putins", "von der Leyen", "Kim") may name, in
        the order they were opened."""
        found: set[int] = set()
        for f in (form, genitive_base(form)):
            if not f:
                continue
            short = fold(f).split()
            if not short:
                continue
            found.update(self._tails.get(tuple(short), ()))
            if len(short) == 1:
                found.update(self._family.get(short[0], ()))
        return sorted(found)

    def given_name_of(self, form: str) -> list[int]:
        """The groups whose given name a one-word form is (not a name written surname first,
        whose first word is the family name: "Kim" stays with the short forms)."""
        if " " in form.strip():
            return []
        return list(self._given.get(fold(form), ()))


def _pick_group(cands: list[int], groups: list[list[int]], pers: list[EntitySpan], at: int) -> int:
    """Most recently mentioned candidate before ``at``; else the first one after; ties by size."""

    def last_before(g: int) -> int:
        return max((pers[i].start for i in groups[g] if pers[i].start < at), default=-1)

    before = [g for g in cands if last_before(g) >= 0]
    if before:
        return max(before, key=lambda g: (last_before(g), len(groups[g])))
    return min(cands, key=lambda g: (min(pers[i].start for i in groups[g]), -len(groups[g])))


def _strip_gen_full(form: str, full: list[str]) -> str:
    """ "Wladimir Putins" -> "Wladimir Putin" when the base form is also seen or known."""
    words = form.split()
    base = genitive_base(words[-1])
    if base is None:
        return form
    cand = " ".join([*words[:-1], base])
    if cand in full or gazetteer().by_key.get(fold(cand)) is not None:
        return cand
    return form


def _short_canonical(forms: list[str], gaz: Gazetteer) -> str:
    """Canonical of a person seen only by one word: a well-known full name, else the word."""
    counts = Counter(forms)
    for f in counts:
        for cand in (f, genitive_base(f)):
            full = gaz.person_surnames.get(fold(cand)) if cand else None
            if full is not None and same_name_spelling(f, (surname(full),)):
                return full
    best = counts.most_common(1)[0][0]
    base = genitive_base(best)
    if base is not None and base in counts:
        return base
    return best


def _place_canonical(surface: str, gaz: Gazetteer) -> str:
    """Canonical name of a place or organisation span that came without one: the gazetteer's
    name for any inflected form ("des Internationalen Strafgerichtshofs", "Bundestages"), else
    the nominative of an organisation name ("Nationalen Sicherheitsrates")."""
    name = " ".join(surface.split())
    entry = _gazetteer_entry(name, gaz)
    if entry is not None:
        return entry.canonical
    return _org_nominative(name)


def _uninflected(word: str) -> list[str]:
    """The word and its forms without a genitive ending (-s, -es, -'), most likely first."""
    out = [word]
    base = genitive_base(word)
    if base is not None:
        out.append(base)
        if word.endswith("es") and len(word) > 5:
            out.append(word[:-2])  # "Bundestages", "Amtes", "Meeres"
    return out


def _gazetteer_entry(name: str, gaz: Gazetteer) -> GazEntry | None:
    # Exact forms before phonetic keys: an abbreviation is no word to fold (OSZE, Ostsee).
    for lookup in (gaz.single.get, gaz.lookup_key):
        for form in _uninflected(name):
            entry = lookup(form)
            if entry is not None:
                return entry
    words = name.split()
    if not 2 <= len(words) <= gaz.max_len or stem_word(words[0]) not in _multi_firsts():
        return None
    # Multi-word names by stems, each word also without its genitive ending ("Nahen Ostens"
    # -> nah ost = "Naher Osten"); the same stems the recogniser matches with.
    for combo in itertools.product(*({stem_word(f) for f in _uninflected(w)} for w in words)):
        entry = gaz.multi.get(combo)
        if entry is not None:
            return entry
    return None


# German adjective endings, and the strong nominative ending by the head noun's gender.
_ADJ_INFLECTION = re.compile(r"(?:en|er|es|em|e)$")


def _org_nominative(name: str) -> str:
    """ "Nationalen Sicherheitsrates" -> "Nationaler Sicherheitsrat", "russischen
    Verteidigungsministeriums" -> "russisches Verteidigungsministerium" (names whose last word
    ends in an organisation head, whose gender says the adjective's ending); else the name."""
    words = name.split()
    head = org_head(words[-1]) if words else None
    if head is None:
        return name
    noun = words[-1]
    for end in ("es", "s"):
        if noun.lower().endswith(head + end):
            noun = noun[: -len(end)]
            break
    adjectives = []
    for w in words[:-1]:
        if not _ADJ_INFLECTION.search(w) or len(w) <= 4:
            return name  # not an adjective + noun name: leave it as written
        adjectives.append(_ADJ_INFLECTION.sub("", w) + _ADJ_END[ORG_HEADS[head][0]])
    return " ".join([*adjectives, noun])


# --- the stage -------------------------------------------------------------------------------

_NER: NER | None = None


def get_ner() -> NER:
    """The NER backend in use: the trained model with the rules beside it
    (:class:`~.ner_model.TrainedNER`), the rules alone where no model is installed, or what
    :func:`set_ner` chose."""
    global _NER
    if _NER is None:
        from .ner_model import TrainedNER, model_installed

        _NER = TrainedNER() if model_installed() else RuleNER()
    return _NER


def set_ner(ner: NER | None) -> None:
    """Swap the NER backend for this process (None restores the default)."""
    global _NER
    _NER = ner


@stage("entities", requires=["sentences", "tokens"], assigns=["entities", "demonyms"])
def entities_stage(article: Article) -> Article:
    mentions, index = link(article, get_ner()(article))
    article.entities = org_back_references(article, mentions, index)
    article.entity_index = index
    article.demonyms = find_demonyms(article, article.entities)
    return article

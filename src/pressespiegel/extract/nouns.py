"""German noun forms: undo the dative plural "-n" so that counted nouns compare across articles
("mit 40 Schiffen" and "40 Schiffe" both count "Schiffe")."""

from __future__ import annotations

from functools import lru_cache

from ..language.dictionary import is_known as _is_known
from ..language.dictionary import lemmatize

# Nouns whose plural ends in -(e)n in every case: feminine suffixes and weak masculines
# (n-Deklination). From German grammar references; the list only needs the common news nouns,
# since the fallback (strip the dative -n) is right for the strong nouns ("Jahren" -> "Jahre").
_EN_PLURAL_SUFFIXES = (
    "ung",
    "heit",
    "keit",
    "schaft",
    "ion",
    "tät",
    "ik",
    "ur",
    "ei",
    "in",
    "enz",
    "anz",
    "ie",
    "ant",
    "ist",
    "graf",
    "graph",
    "loge",
    "soph",
    "nom",
    "ent",
    "or",
)
_STRONG_ENT = ("ment",)  # "Dokumente", "Parlamente", "Momente"
_EN_PLURAL_WORDS = frozenset(
    w.lower()
    for w in (
        # weak masculines
        "Mensch",
        "Held",
        "Herr",
        "Fürst",
        "Graf",
        "Prinz",
        "Bär",
        "Narr",
        "Christ",
        "Nachbar",
        "Bauer",
        "Kamerad",
        "Rebell",
        "Soldat",
        "Kandidat",
        "Diplomat",
        "Demokrat",
        "Bürokrat",
        "Autokrat",
        "Technokrat",
        "Pirat",
        "Automat",
        "Staat",
        "Planet",
        "Prophet",
        "Athlet",
        "Komet",
        "Pilot",
        "Patriot",
        "Idiot",
        "Satellit",
        "Bandit",
        "Architekt",
        "Veteran",
        "Partisan",
        "Tyrann",
        "Untertan",
        "Spatz",
        "Hirt",
        "Typ",
        "Nerv",
        "Strahl",
        "See",
        "Schmerz",
        "Doktorand",
        "Elefant",
        "Ochs",
        # feminines without a telltale suffix
        "Frau",
        "Zahl",
        "Uhr",
        "Welt",
        "Form",
        "Bahn",
        "Flut",
        "Pflicht",
        "Tat",
        "Zeit",
        "Schlacht",
        "Tür",
        "Person",
        "Last",
        "Fahrt",
        "Front",
        "Frist",
        "Spur",
        "Schuld",
        "Saat",
        "Fracht",
        "Tracht",
        "Jagd",
        "Burg",
        "Qual",
        "Wahl",
    )
)
# Feminine nouns in -er/-el: their plural adds -n in every case ("die Mauern").
_FEM_ER_EL = frozenset(
    w.lower()
    for w in (
        "Mauer",
        "Feder",
        "Schwester",
        "Leiter",
        "Ader",
        "Faser",
        "Kammer",
        "Klammer",
        "Nummer",
        "Steuer",
        "Regel",
        "Insel",
        "Kartoffel",
        "Formel",
        "Nadel",
        "Ampel",
        "Tafel",
        "Kugel",
        "Fessel",
        "Wurzel",
        "Klausel",
        "Zwiebel",
        "Schachtel",
        "Partikel",
        "Gabel",
        "Achsel",
        "Staffel",
        "Trommel",
        "Windel",
    )
)
_UMLAUT_BACK = str.maketrans("äöü", "aou")


@lru_cache(maxsize=65536)
def lemma_of(word: str) -> str:
    """Dictionary lemma of a German word (simplemma's; the word itself when unknown)."""
    return lemmatize(word, "de")


@lru_cache(maxsize=65536)
def is_known(word: str, lang: str = "de") -> bool:
    """Whether the word form is in simplemma's dictionary for ``lang``."""
    return _is_known(word, lang)


def _takes_en_plural(lemma: str) -> bool:
    low = lemma.lower()
    if low in _EN_PLURAL_WORDS or any(low.endswith(w) for w in _EN_PLURAL_WORDS if len(w) > 3):
        return True
    if low.endswith(_STRONG_ENT):
        return False
    # the suffix must leave a stem ("Tor" -> "Tore" is not a "-or" noun like "Motoren")
    return any(low.endswith(suf) and len(low) > len(suf) + 2 for suf in _EN_PLURAL_SUFFIXES)


def nominative_plural(word: str) -> str:
    """The nominative plural of a plural noun form ("Schiffen" -> "Schiffe", "Ländern" ->
    "Länder"); the word as written when it already is one or the form is unclear.
    Hyphenated compounds are judged by their last part ("US-Soldaten")."""
    head, sep, last = word.rpartition("-")
    if not last or not last[0].isupper():
        return word
    if not last.endswith("n") or len(last) < 4:
        return word
    lemma = lemma_of(last)
    if lemma == last:
        return word
    stripped = last[:-1]
    if last.endswith(("ern", "eln")):
        if stripped == lemma and lemma.lower() in _FEM_ER_EL:
            return word
        return head + sep + stripped
    if last.endswith("en"):
        if lemma.endswith("e") and last == lemma + "n":
            return word  # "Raketen", "Stunden": -n plural of a noun in -e
        stem = last[:-2]
        if stem == lemma or stem.translate(_UMLAUT_BACK) == lemma:
            if _takes_en_plural(lemma):
                return word
            return head + sep + stripped  # "Schiffen" -> "Schiffe", "Städten" -> "Städte"
    return word

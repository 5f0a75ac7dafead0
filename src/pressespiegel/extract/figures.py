"""Figures: numbers with the noun or unit they count ("fast 80.000 US-Soldaten", "2,5 Millionen
Euro", "zehntägigen Manövers").

Rules over the tagged tokens of each sentence. A figure is a number (digits, a number word, a
scale word or an adjective compound such as "zweistündig") followed by the noun it counts; hedges
("mehr als", "rund", "bis zu") in front belong to the span. Dates, years, clock times, ordinals,
the "(19)" day hint after a weekday and numbers inside names or IDs are not figures.
"""

from __future__ import annotations

from collections import defaultdict

from ..model import Article, Figure, Token
from ..registry import stage
from .nouns import nominative_plural
from .numbers import (
    MONTHS,
    VAGUE_PLURALS,
    WEEKDAYS,
    is_year,
    parse_compound_adjective,
    parse_digits,
    parse_number_word,
    scale_of,
)

#: Words that soften or bound a number; kept inside the figure's span. Longest first.
HEDGES: tuple[tuple[str, ...], ...] = (
    ("mehr", "als"),
    ("weniger", "als"),
    ("bis", "zu"),
    ("knapp", "über"),
    ("knapp", "unter"),
    ("gut", "über"),
    ("deutlich", "mehr", "als"),
    ("more", "than"),
    ("less", "than"),
    ("up", "to"),
    ("über",),
    ("unter",),
    ("fast",),
    ("etwa",),
    ("rund",),
    ("knapp",),
    ("circa",),
    ("ca",),
    ("ungefähr",),
    ("annähernd",),
    ("nahezu",),
    ("beinahe",),
    ("mindestens",),
    ("höchstens",),
    ("maximal",),
    ("bis",),
    ("gut",),
    ("über",),
    ("etliche",),
    ("about",),
    ("nearly",),
    ("almost",),
    ("around",),
    ("over",),
)
# Nouns after which a number is a label, not a count ("Artikel 5", "Resolution 2231").
ID_NOUNS = frozenset(
    w.lower()
    for w in (
        "Nr",
        "Nummer",
        "Artikel",
        "Art",
        "Paragraf",
        "Paragraph",
        "§",
        "Resolution",
        "Seite",
        "Kapitel",
        "Platz",
        "Rang",
        "Folge",
        "Band",
        "Teil",
        "Absatz",
        "Block",
        "Gleis",
        "Zimmer",
        "Linie",
        "Flug",
        "Kanal",
        "Route",
        "Staffel",
        "Runde",
        "Spieltag",
        "Stufe",
        "Version",
        "Jahrgang",
        "Tranche",
        "Sektor",
        "Kategorie",
        "Klasse",
        "Typ",
        "Modell",
        "Gruppe",
        "Bus",
        "Haus",
        "Tor",
        "Etage",
        "Ausgabe",
        "Heft",
        "Nummern",
        "Buslinie",
    )
)
# Nouns that measure an amount of something named right after them, uninflected ("Tonnen
# Weizen", "Schuss Munition"); general German usage.
MEASURE_NOUNS = frozenset(
    w.lower()
    for w in (
        "Schuss",
        "Tonnen",
        "Tonne",
        "Liter",
        "Kilogramm",
        "Kilo",
        "Gramm",
        "Barrel",
        "Fass",
        "Kubikmeter",
        "Stück",
        "Paar",
        "Sack",
        "Säcke",
        "Kisten",
        "Flaschen",
        "Dosen",
        "Megawatt",
        "Gigawatt",
        "Kilowattstunden",
        "Hektar",
        "Quadratmeter",
        "Portionen",
    )
)
CURRENCY_SIGNS = {"€": "Euro", "$": "Dollar", "£": "Pfund", "%": "Prozent", "‰": "Promille"}
# Words between a number and its noun that may be skipped (adjectives, participles, "US-").
_SKIPPABLE_POS = ("ADJ", "ADJ(A)", "ADJ(D)", "ADJA", "ADJD", "VV(PP)")
# Up to this many adjectives may stand between the number and its noun ("40 weitere neue
# Schiffe"); more than that and the noun is rarely the counted thing.
_MAX_ADJECTIVES = 3
_TIME_NOUNS = frozenset({"uhr", "h"})
# Articles that read as "one" only before a scale word ("eine Million Schuss").
_ONE_WORDS = frozenset({"ein", "eine", "einer", "einen", "einem", "eines"})


@stage("figures", requires=["sentences", "tokens"], assigns=["figures"])
def figures_stage(article: Article) -> Article:
    by_sentence: dict[int, list[Token]] = defaultdict(list)
    for tok in article.tokens:
        by_sentence[tok.sentence].append(tok)
    figures: list[Figure] = []
    for i, sent in enumerate(article.sentences):
        english = sent.language == "en"
        figures.extend(find_figures(article.text, by_sentence.get(i, []), english=english))
    article.figures = figures
    return article


def find_figures(text: str, toks: list[Token], *, english: bool = False) -> list[Figure]:
    """All figures in one sentence's tokens (offsets into ``text``)."""
    out: list[Figure] = []
    j = 0
    while j < len(toks):
        found = _figure_at(text, toks, j, english)
        if found is None:
            j += 1
            continue
        fig, next_j = found
        out.append(fig)
        j = next_j
    return out


def _low(tok: Token) -> str:
    return tok.text.lower()


def _figure_at(text: str, toks: list[Token], j: int, english: bool) -> tuple[Figure, int] | None:
    tok = toks[j]
    first = j
    value: float | None = None
    unit: str | None = None
    k = j + 1  # index after the number (and its scale word)

    compound = (
        parse_compound_adjective(tok.text)
        if tok.text[:1].islower() or tok.text[:1].isdigit()
        else None
    )
    if compound is None and tok.text[:1].isdigit() and _glued_compound(text, toks, j):
        # "24-stündigen": digits, hyphen and the adjective are three tokens
        compound = parse_compound_adjective(tok.text + "-" + toks[j + 2].text)
        if compound is not None:
            k = j + 3
    if compound is not None:
        value, unit = compound
        end_tok = toks[k - 1]
        # The noun the adjective qualifies belongs to the span ("zweistündiges privates
        # Treffen"), skipping further adjectives.
        n = k
        while n < len(toks) and n - k < _MAX_ADJECTIVES and _skippable(toks[n], english):
            n += 1
        if n < len(toks) and _is_noun(toks[n]):
            end_tok = toks[n]
            k = n + 1
        return _make(text, toks, first, end_tok, value, unit), k

    if tok.text[:1].isdigit():
        value = _digit_value(text, toks, j, english)
    elif _low(tok) in VAGUE_PLURALS and tok.text[:1].isupper():
        value = VAGUE_PLURALS[_low(tok)]
    elif _low(tok) == "dutzend":
        value = 12.0
    elif _low(tok) in _ONE_WORDS:
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if nxt is None or scale_of(nxt.text) is None:
            return None
        value = 1.0
    elif tok.text[:1].islower() or (j == 0 and tok.text[:1].isupper()):
        value = parse_number_word(tok.text) if not english else _english_word(tok.text)
        if value is None or _low(tok) == "halb":
            return None
    if value is None:
        return None

    # scale word ("Millionen", "Mio.", "Dutzend")
    scaled = False
    if k < len(toks):
        sc = scale_of(toks[k].text)
        if sc is not None and not (toks[k].text[:1].islower() and sc >= 1e6):
            value *= sc
            scaled = True
            k += 1
            if (
                k < len(toks)
                and toks[k].text == "."
                and toks[k - 1].text.lower() in ("mio", "mrd", "bio", "tsd")
            ):
                k += 1
    end_tok = toks[k - 1]

    # the unit or noun
    n = k
    skipped = 0
    while n < len(toks) and skipped < _MAX_ADJECTIVES and _skippable(toks[n], english):
        n += 1
        skipped += 1
    if n < len(toks) and toks[n].text in CURRENCY_SIGNS:
        unit = CURRENCY_SIGNS[toks[n].text]
        end_tok = toks[n]
        n += 1
    elif _english_noun(toks, n) if english else (n < len(toks) and _is_noun(toks[n])):
        noun = toks[n]
        if _low(noun).rstrip(".") in MONTHS or _low(noun) in WEEKDAYS or _low(noun) in _TIME_NOUNS:
            return None  # "19 Juni", "11 Uhr": a date or a time
        if _low(noun) == "jahrhundert" or _low(noun) == "jahrhunderts":
            return None
        unit = noun.text if value == 1 or english else nominative_plural(noun.text)
        end_tok = noun
        n += 1
        # a measure noun takes the measured stuff along ("eine Million Schuss Artillerie")
        if _low(noun) in MEASURE_NOUNS and n < len(toks) and _is_noun(toks[n]):
            unit = f"{unit} {toks[n].text}"
            end_tok = toks[n]
            n += 1
    elif not scaled:
        return None  # a bare number without a noun: too often a label or a stray digit
    else:
        n = k
    return _make(text, toks, first, end_tok, value, unit), n


def _make(
    text: str, toks: list[Token], first: int, end_tok: Token, value: float, unit: str | None
) -> Figure:
    start_i = _hedge_start(toks, first)
    start = toks[start_i].start
    return Figure(start, end_tok.end, text[start : end_tok.end], float(value), unit)


def _hedge_start(toks: list[Token], j: int) -> int:
    for hedge in HEDGES:
        n = len(hedge)
        if j - n < 0:
            continue
        words = tuple(_low(t) for t in toks[j - n : j])
        if words == hedge:
            return j - n
        # "ca." is two tokens
        if hedge == ("ca",) and j >= 2 and toks[j - 1].text == "." and _low(toks[j - 2]) == "ca":
            return j - 2
    return j


def _is_noun(tok: Token) -> bool:
    if tok.pos in ("NN", "NE") or (tok.pos or "").startswith("NN"):
        return (tok.text[:1].isupper() and tok.text.isalpha()) or "-" in tok.text
    return False


def _skippable(tok: Token, english: bool) -> bool:
    if english:
        return False
    return (tok.pos or "") in _SKIPPABLE_POS and tok.text[:1].islower()


def _english_noun(toks: list[Token], n: int) -> bool:
    return n < len(toks) and toks[n].text.isalpha()


def _english_word(word: str) -> float | None:
    words = {
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "twenty": 20,
        "dozen": 12,
        "hundred": 100,
        "thousand": 1000,
        "million": 1e6,
        "billion": 1e9,
    }
    v = words.get(word.lower())
    return None if v is None else float(v)


def _glued_compound(text: str, toks: list[Token], j: int) -> bool:
    return (
        j + 2 < len(toks)
        and toks[j + 1].text == "-"
        and toks[j + 1].start == toks[j].end
        and toks[j + 2].start == toks[j + 1].end
    )


def _digit_value(text: str, toks: list[Token], j: int, english: bool) -> float | None:
    tok = toks[j]
    prev = toks[j - 1] if j > 0 else None
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    nxt2 = toks[j + 2] if j + 2 < len(toks) else None
    # glued to letters ("G7", "5G") or to a hyphen ("COVID-19", "10-Punkte-Plan"): a name or ID
    before = text[tok.start - 1] if tok.start > 0 else " "
    after = text[tok.end] if tok.end < len(text) else " "
    if before.isalpha() or after.isalpha() or before in "-/" or after in "-/":
        return None
    # clock times and scores ("11:35", "3:1")
    if after == ":" or before == ":":
        return None
    # ordinals and dates ("19. Juni", "3. Platz"); a sentence-final "40." is a plain number
    if nxt is not None and nxt.text == "." and nxt.start == tok.end and nxt2 is not None:
        return None
    # the "(19)" day hint after a weekday
    if prev is not None and prev.text == "(" and j >= 2 and _low(toks[j - 2]) in WEEKDAYS:
        return None
    if prev is not None and _low(prev).rstrip(".") in ID_NOUNS:
        return None
    value = parse_digits(tok.text, english=english)
    if value is None:
        return None  # "19.06.2024" and other dotted strings that are not numbers
    if is_year(value, tok.text):
        # a year unless a plural noun follows directly ("2000 Menschen")
        if nxt is None or not _is_noun(nxt) or _low(nxt).rstrip(".") in MONTHS:
            return None
        if prev is not None and _low(prev) in ("jahr", "jahre", "jahres", "seit", "im", "ab"):
            return None
    return value

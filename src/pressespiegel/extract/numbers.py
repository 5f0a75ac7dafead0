"""German (and English) numbers: digit strings, number words, scale words, calendar words.

Shared by the figures and dates stages so that both agree on what a year, a month or a day is.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Cardinal number words as they stand alone or start a compound ("zwanzig", "dreiundzwanzig").
_UNITS = {
    "null": 0,
    "ein": 1,
    "eins": 1,
    "eine": 1,
    "zwei": 2,
    "zwo": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "sieb": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "sechzehn": 16,
    "siebzehn": 17,
}
_TENS = {
    "zwanzig": 20,
    "dreißig": 30,
    "dreissig": 30,
    "vierzig": 40,
    "fünfzig": 50,
    "sechzig": 60,
    "siebzig": 70,
    "achtzig": 80,
    "neunzig": 90,
}

#: Scale words that multiply the number before them ("2,5 Millionen", "drei Dutzend").
SCALES: dict[str, float] = {
    "dutzend": 12,
    "hundert": 100,
    "tausend": 1_000,
    "million": 1e6,
    "millionen": 1e6,
    "mio": 1e6,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "mrd": 1e9,
    "billion": 1e12,
    "billionen": 1e12,
    "bio": 1e12,
    "tsd": 1_000,
}
#: Vague plural quantity words; the value is the smallest amount the word can mean ("Hunderte"
#: is at least two hundred), so that a comparison never reads more into the text than it says.
VAGUE_PLURALS: dict[str, float] = {
    "dutzende": 24,
    "hunderte": 200,
    "tausende": 2_000,
    "zehntausende": 20_000,
    "hunderttausende": 200_000,
}
#: Fractions written as words ("eineinhalb Jahre").
_FRACTIONS = {
    "anderthalb": 1.5,
    "eineinhalb": 1.5,
    "zweieinhalb": 2.5,
    "dreieinhalb": 3.5,
    "halb": 0.5,
}

MONTHS: dict[str, int] = {
    "januar": 1,
    "jänner": 1,
    "jan": 1,
    "februar": 2,
    "feber": 2,
    "feb": 2,
    "märz": 3,
    "mär": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
}
#: Full month names only: the abbreviations are too easily other words for free-text matching.
MONTH_NAMES = (
    "Januar",
    "Jänner",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
WEEKDAYS: dict[str, int] = {
    "montag": 0,
    "dienstag": 1,
    "mittwoch": 2,
    "donnerstag": 3,
    "freitag": 4,
    "samstag": 5,
    "sonnabend": 5,
    "sonntag": 6,
}

# Plausible years for news text; 4-digit numbers outside it are counts, not years.
YEAR_MIN, YEAR_MAX = 1800, 2100

_GERMAN_NUMBER_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d+(?:,\d+)?$")
_ENGLISH_NUMBER_RE = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def parse_digits(s: str, *, english: bool = False) -> float | None:
    """Value of a digit string: German "80.000" / "2,5", English "80,000" / "2.5"; else None."""
    if english:
        if _ENGLISH_NUMBER_RE.match(s):
            return float(s.replace(",", ""))
        return None
    if _GERMAN_NUMBER_RE.match(s):
        return float(s.replace(".", "").replace(",", "."))
    # A lone dot with a non-3-digit group is an English-style decimal in German copy ("1.5").
    if re.fullmatch(r"\d+\.\d{1,2}", s):
        return float(s)
    return None


@lru_cache(maxsize=4096)
def parse_number_word(word: str) -> float | None:
    """Value of a German cardinal written as a word ("zwölf", "dreiundzwanzig",
    "zweihundert", "eineinhalb"); None for anything else. Bare "ein/eine" are left out by
    callers (they are articles far more often than numbers)."""
    w = word.lower()
    if w in _FRACTIONS:
        return _FRACTIONS[w]
    value = _parse_compound(w)
    return None if value is None else float(value)


def _parse_compound(w: str) -> int | None:
    if not w:
        return None
    for scale_word, scale in (("tausend", 1000), ("hundert", 100)):
        i = w.find(scale_word)
        if i >= 0:
            head, tail = w[:i], w[i + len(scale_word) :]
            head_v = 1 if head in ("", "ein") else _parse_compound(head)
            tail_v = 0 if tail == "" else _parse_compound(tail)
            if head_v is None or tail_v is None:
                return None
            return head_v * scale + tail_v
    if w in _UNITS:
        return _UNITS[w]
    if w in _TENS:
        return _TENS[w]
    if w.endswith("zehn") and w[:-4] in ("drei", "vier", "fünf", "acht", "neun"):
        return _UNITS[w[:-4]] + 10
    if "und" in w:
        unit, _, tens = w.partition("und")
        if unit in _UNITS and tens in _TENS and 0 < _UNITS[unit] < 10:
            return _UNITS[unit] + _TENS[tens]
    return None


def scale_of(word: str) -> float | None:
    """Multiplier of a scale word ("Millionen", "Mio", "Dutzend"), else None."""
    return SCALES.get(word.lower().rstrip("."))


def is_year(value: float, raw: str) -> bool:
    """A plain 4-digit number in the plausible range, written without a thousands separator."""
    return raw.isdigit() and len(raw) == 4 and YEAR_MIN <= value <= YEAR_MAX


#: Adjective compounds that hide a duration or a count ("zehntägig", "24-stündig"), with the
#: noun they count in nominative plural.
COMPOUND_UNITS: dict[str, str] = {
    "tägig": "Tage",
    "stündig": "Stunden",
    "jährig": "Jahre",
    "monatig": "Monate",
    "wöchig": "Wochen",
    "minütig": "Minuten",
    "sekündig": "Sekunden",
    "köpfig": "Köpfe",
    "teilig": "Teile",
    "stöckig": "Stockwerke",
    "sitzig": "Sitze",
    "spurig": "Spuren",
    "prozentig": "Prozent",
    "fach": "fach",
}
_COMPOUND_RE = re.compile(
    r"^(?P<num>\d+|[a-zäöüß]+?)-?(?P<unit>" + "|".join(COMPOUND_UNITS) + r")"
    r"(?:e|er|es|en|em)?$",
    re.IGNORECASE,
)


def parse_compound_adjective(word: str) -> tuple[float, str] | None:
    """("zehntägigen") -> (10, "Tage"); ("24-stündige") -> (24, "Stunden"); else None."""
    m = _COMPOUND_RE.match(word)
    if m is None:
        return None
    num, unit = m.group("num"), m.group("unit").lower()
    if unit == "fach":
        return None  # "dreifach" is a factor, not a count of things
    if num.isdigit():
        return float(num), COMPOUND_UNITS[unit]
    # "einjährig": the bare "ein" is one here, although callers never read it as a number alone
    value = 1.0 if num.lower() == "ein" else parse_number_word(num)
    if value is None:
        return None
    return value, COMPOUND_UNITS[unit]

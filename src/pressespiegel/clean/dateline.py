"""Datelines that open a news story: "NEU-DELHI:", "Berlin (dpa) -",
"WASHINGTON, June 3 (Reuters) -", "(AP) —"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .agencies import agency, agency_list

_UPPER = "A-ZÄÖÜÀ-ÖØ-Þ"
_LETTER = r"[^\W\d_]"
# An all-caps place ("NEU-DELHI", "NEW YORK", "ST. PETERSBURG", "KIEW/MOSKAU"): agencies and
# many papers set the dateline in capitals, which sentence openings never are.
_CAPS_PLACE = rf"[{_UPPER}][{_UPPER}'’.\-]*(?:[ /][{_UPPER}][{_UPPER}'’.\-]*){{0,3}}"
# A place in ordinary spelling ("Berlin", "Frankfurt am Main", "Kiew/Moskau"): only taken
# together with an agency in brackets, which makes it unambiguous.
_PLACE = (
    rf"[{_UPPER}]{_LETTER}[\w'’.\-]*"
    rf"(?:(?: (?:am|an der|im|upon|on)| |/)[{_UPPER}][\w'’.\-]*){{0,3}}"
)
_DATE_PART = r"(?:,\s*(?P<date>[^()\n:–—]{3,30}?))?"
_AGENCY_PART = r"\s*\((?P<ag>[^()\n]{2,40})\)"
_SEP = r"\s*(?:[:–—]|\s-|-(?=\s))\s*"

_CAPS = re.compile(rf"^(?P<place>{_CAPS_PLACE}){_DATE_PART}(?:{_AGENCY_PART})?{_SEP}(?=\S)")
_MIXED = re.compile(rf"^(?P<place>{_PLACE}){_DATE_PART}{_AGENCY_PART}{_SEP}(?=\S)")
_AGENCY_ONLY = re.compile(rf"^\((?P<ag>[^()\n]{{2,40}})\){_SEP}(?=\S)")

# "Gruvenau. Die Stadt ...": regional papers set the place before the first sentence with a
# period. One or two capitalised words, then a capitalised sentence start.
_PLACE_DOT = re.compile(
    rf"^(?P<place>[{_UPPER}]{_LETTER}+(?:[-/ ][{_UPPER}]{_LETTER}+)?)\.\s+"
    rf"(?=[{_UPPER}„\"])"
)
# One-word sentences and openers that a period may follow without being a place.
_NOT_PLACES_DOT = frozenset(
    {
        "Ja",
        "Nein",
        "Doch",
        "Gut",
        "Stop",
        "Stopp",
        "Schluss",
        "Ende",
        "Aus",
        "Danke",
        "Hallo",
        "Yes",
        "No",
        "Well",
        "Okay",
        "Fazit",
        "Update",
        "Achtung",
        "Hinweis",
    }
)
# Titles and abbreviations that end in a period ("Gov. Smith said", "Dr. Meier sagte").
_ABBREVIATIONS = frozenset(
    {
        "Dr",
        "Prof",
        "Gov",
        "Sgt",
        "Mr",
        "Mrs",
        "Ms",
        "St",
        "Lt",
        "Col",
        "Gen",
        "Rep",
        "Sen",
        "Jr",
        "Sr",
        "Nr",
        "Abs",
        "Art",
        "Bd",
        "Hr",
        "Fr",
        "Dipl",
        "Ing",
        "Mag",
        "Co",
        "Inc",
        "Ltd",
        "Corp",
        "Mio",
        "Mrd",
        "Mt",
        "Ave",
        "Capt",
        "Cpl",
        "Pres",
        "Rev",
        "Hon",
        "Bros",
        "Nov",
        "Dez",
        "Jan",
        "Feb",
        "Aug",
        "Sept",
        "Okt",
        "Oct",
        "Dec",
        "Sep",
        "Apr",
        "Vol",
        "Bzw",
        "Ca",
    }
)
_QUALIFIER = re.compile(rf"[{_UPPER}][\w.\-]*(?: [{_UPPER}][\w.\-]*){{0,2}}")
_SOURCE_NAME = re.compile(rf"[{_UPPER}][\w.\-]*(?: [{_UPPER}][\w.\-]*)?")

# Words of all-caps labels ("CHARGED WITH MURDER:") that place names do not contain.
_CAPS_FUNCTION_WORDS = frozenset(
    {
        "WITH",
        "FOR",
        "AND",
        "UND",
        "MIT",
        "IS",
        "ARE",
        "TO",
        "IN",
        "IM",
        "ON",
        "AT",
        "BY",
        "VON",
        "FÜR",
        "DER",
        "DIE",
        "DAS",
    }
)

# All-caps openers that are labels, not places.
_NOT_PLACES = frozenset(
    {
        "EILMELDUNG",
        "BREAKING",
        "BREAKING NEWS",
        "UPDATE",
        "EXKLUSIV",
        "EXCLUSIVE",
        "ANALYSE",
        "ANALYSIS",
        "KOMMENTAR",
        "INTERVIEW",
        "LIVE",
        "VIDEO",
        "AUDIO",
        "FOTO",
        "FOTOS",
        "ACHTUNG",
        "HINWEIS",
        "NOTE",
        "OPINION",
        "MEINUNG",
        "WATCH",
        "FAKTENCHECK",
        "FACT CHECK",
        "NATO",
        "UPDATED",
        "POSTED",
        "PUBLISHED",
        "KORREKTUR",
        "CORRECTION",
        "REUTERS",
        "TASS",
        "KCNA",
        "XINHUA",
    }
)


@dataclass(frozen=True, slots=True)
class Dateline:
    end: int  # offset (in the line) where the story text starts
    place: str | None
    agencies: list[str]
    date_text: str | None


def find_dateline(line: str) -> Dateline | None:
    """The dateline that opens ``line``, or None."""
    m = _AGENCY_ONLY.match(line)
    if m is not None:
        credited = agency_list(m.group("ag"))
        return Dateline(m.end(), None, credited, None) if credited else None
    for pattern in (_CAPS, _MIXED):
        m = pattern.match(line)
        if m is None:
            continue
        place = m.group("place").strip()
        letters = re.sub(r"[^\w]", "", place)
        # Three capitals or fewer are nearly always an acronym ("NGO:", "AFP:"), not a place.
        # An all-caps sentence opening ("A FIRE-BOMB attack ...") has one-letter words.
        if pattern is _CAPS and (
            len(letters) <= 3
            or place in _NOT_PLACES
            or agency(place) is not None
            or any(len(w) == 1 or w in _CAPS_FUNCTION_WORDS for w in re.split(r"[ /]", place))
        ):
            continue
        ags: list[str] = []
        if m.group("ag"):
            found = agency_list(m.group("ag"))
            if found is None and not _SOURCE_NAME.fullmatch(m.group("ag").strip()):
                continue
            ags = found or []  # "(Landfunk)": the outlet's own name, not an agency
        date_text = m.group("date")
        if date_text is not None and not re.search(r"\d", date_text):
            # ", Germany" qualifies the place; a lowercase clause is a sentence.
            if not _QUALIFIER.fullmatch(date_text.strip()):
                continue
            place = f"{place}, {date_text.strip()}"
            date_text = None
        return Dateline(m.end(), place, ags, date_text.strip() if date_text else None)
    m = _PLACE_DOT.match(line)
    if (
        m is not None
        and m.group("place") not in _NOT_PLACES_DOT
        and re.split(r"[-/ ]", m.group("place"))[-1] not in _ABBREVIATIONS
    ):
        return Dateline(m.end(), m.group("place"), [], None)
    return None

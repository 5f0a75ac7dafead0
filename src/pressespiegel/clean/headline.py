"""Headline lines: the headline itself and the suffixes pages add (`` – DW – 19.06.2024``,
`` | Site``, `` - Site``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import outlets
from .datetext import find_date
from .lines import fold, words

# Separators that pages put between headline, site name and date: spaced dashes, bars, bullets.
_SEP = re.compile(r"\s+([–—|·•]|-{1,2}|::|//)\s+")
_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}$", re.IGNORECASE)
_TIME = re.compile(
    r"^\s*(?:um\s+)?\d{1,2}[:.]\d\d(?:\s*(?:Uhr|h|[AaPp]\.?[Mm]\.?))?"
    r"(?:\s+[A-Z]{2,5})?\s*$"
)
# Last words of newspaper and broadcaster names (general knowledge of mastheads: "Hochweiler
# Tagblatt", "Münchner Merkur", "The Daily Ledger"); compounds count ("Tageswarte").
_MASTHEAD_ENDS = (
    "zeitung",
    "blatt",
    "anzeiger",
    "kurier",
    "bote",
    "post",
    "rundschau",
    "nachrichten",
    "presse",
    "echo",
    "warte",
    "blick",
    "spiegel",
    "welt",
    "journal",
    "stimme",
    "merkur",
    "tribuene",
    "funk",
    "fernsehen",
    "radio",
    "online",
    "news",
    "times",
    "ledger",
    "herald",
    "gazette",
    "tribune",
    "chronicle",
    "courier",
    "observer",
    "express",
    "telegraph",
    "guardian",
    "standard",
    "review",
    "record",
    "mirror",
    "sun",
    "star",
    "daily",
    "weekly",
    "today",
)


_NOT_MASTHEADS = frozenset(
    fold(s)
    for s in (
        "Breaking News",
        "Latest News",
        "Top News",
        "World News",
        "Local News",
        "Live News",
        "Eilmeldung",
        "Letzte Nachrichten",
        "Neueste Nachrichten",
        "Kurznachrichten",
    )
)


def masthead(line: str) -> str | None:
    """The outlet name if ``line`` is a masthead ("Hochweiler Tagblatt", "Rundblick24 –
    Nachrichten aus der Region", "The Daily Ledger"), else None."""
    name = _SEP.split(line.strip(), maxsplit=1)[0].strip()
    tokens = name.split()
    if not 1 <= len(tokens) <= 3 or name.endswith((".", "!", "?", ":")):
        return None
    known = outlets.by_name(name)
    if known is not None:
        return known.name
    if fold(name) in _NOT_MASTHEADS:
        return None
    if _DOMAIN.match(name):
        return name
    # Names are capitalised throughout ("Ostbrach Anzeiger"; "The" may lead); a lowercase word
    # means a phrase such as a headline ("Ärger bei der Post").
    if not all(t[0].isupper() or t[0].isdigit() for t in tokens):
        return None
    last = fold(tokens[-1]).rstrip("0123456789 ")
    return name if last.endswith(_MASTHEAD_ENDS) else None


# Section names that sites put between headline and site name ("... | Politik | SZ.de").
_SECTIONS = frozenset(
    fold(s)
    for s in (
        "Politik",
        "Ausland",
        "Inland",
        "Wirtschaft",
        "Welt",
        "Nachrichten",
        "News",
        "Aktuell",
        "Sport",
        "Kultur",
        "Panorama",
        "Meinung",
        "Kommentar",
        "Europa",
        "Asien",
        "International",
        "World",
        "World News",
        "Politics",
        "Business",
        "Europe",
        "Asia",
        "Opinion",
        "Latest News",
    )
)


@dataclass(frozen=True, slots=True)
class Headline:
    core: str
    outlet: str | None = None
    date: str | None = None


def split_headline(line: str) -> Headline:
    """The headline without its site/date suffix, with the outlet and date the suffix names.

    A trailing segment is taken as a suffix only when it is clearly not part of the headline:
    a date, a known outlet, a domain, a section name, an all-caps name between dashes
    (`` – POLITICO``), or anything short after a bar (`` | Site``), which headlines do not use.
    """
    parts = _SEP.split(line.strip())
    # parts = [seg0, sep1, seg1, sep2, seg2, ...]
    outlet: str | None = None
    date: str | None = None
    while len(parts) >= 3:
        seg, sep = parts[-1].strip(), parts[-2]
        kind, value = _classify_suffix(seg, sep)
        if (
            kind is None
            and date is not None
            and outlet is None
            and sep != "|"
            and 1 <= len(words(seg)) <= 4
        ):
            # "... – Merve-Kurier – 14.05.2025": the name between the headline and the date.
            kind, value = "outlet", seg
        if kind is None:
            break
        if kind == "date" and date is None:
            date = value
        elif kind == "outlet" and outlet is None:
            outlet = value
        del parts[-2:]
    core = "".join(p if i % 2 == 0 else f" {p} " for i, p in enumerate(parts)).strip()
    return Headline(core, outlet, date)


def _classify_suffix(seg: str, sep: str) -> tuple[str | None, str | None]:
    if not seg:
        return "empty", None
    found = find_date(seg)
    if found is not None:
        iso, start, end = found
        rest = seg[:start] + seg[end:]
        if not words(rest) or _TIME.match(rest):
            return "date", iso
    if _TIME.match(seg):
        return "time", None
    known = outlets.by_name(seg)
    if known is not None:
        return "outlet", known.name
    if _DOMAIN.match(seg):
        by_url = outlets.by_url(seg)
        return "outlet", by_url.name if by_url else seg
    if fold(seg) in _SECTIONS:
        return "section", None
    n = len(words(seg))
    # An unknown all-caps name after a dash is a site brand ("– POLITICO"): headline words are
    # not written in capitals. A bar never occurs inside a German or English headline, so a
    # short segment after one is the site name; six words covers long names like "The Times
    # of India".
    if (seg.isupper() and n <= 3) or (sep == "|" and n <= 6):
        return "outlet", seg
    return None, None


def is_headline_copy(line: str, headline: Headline) -> bool:
    """True if ``line`` repeats the headline: the same words (with or without a suffix, in any
    umlaut spelling) or a truncated start of it of at least three words."""
    core = fold(headline.core)
    if not core:
        return False
    cand = fold(line)
    cand_core = fold(split_headline(line).core)
    if core in (cand, cand_core):
        return True
    # Truncated copies: pages cut long headlines at a word boundary for teasers and alt texts.
    # Three words and a third of the headline keep a short lead-in from counting as a copy.
    for c in (cand, cand_core):
        if core.startswith(c + " ") and len(c.split()) >= 3 and len(c) >= len(core) / 3:
            return True
    return False

"""News agencies and their usual spelling, for signatures such as ``abc (dpa, afp)``."""

from __future__ import annotations

import re

from .lines import fold

#: Usual spelling of each agency, as the agencies write their own name (general knowledge).
_AGENCIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("dpa", ("dpa", "deutsche presse agentur")),
    ("AFP", ("afp", "agence france presse")),
    ("AP", ("ap", "associated press")),
    ("Reuters", ("reuters", "rtr")),
    ("EFE", ("efe",)),
    ("KNA", ("kna",)),
    ("epd", ("epd",)),
    ("dts", ("dts",)),
    ("ddp", ("ddp", "dapd")),
    ("SID", ("sid",)),
    ("APA", ("apa",)),
    ("SDA", ("sda", "keystone sda", "ats")),
    ("ANSA", ("ansa",)),
    ("Kyodo", ("kyodo",)),
    ("Yonhap", ("yonhap",)),
    ("KCNA", ("kcna",)),
    ("TASS", ("tass", "itar tass")),
    ("RIA Nowosti", ("ria", "ria nowosti", "ria novosti")),
    ("Interfax", ("interfax",)),
    ("Xinhua", ("xinhua",)),
    ("Anadolu", ("anadolu", "aa")),
    ("Europa Press", ("europa press",)),
    ("Lusa", ("lusa",)),
    ("PAP", ("pap",)),
    ("Belga", ("belga",)),
    ("ANP", ("anp",)),
    ("UPI", ("upi",)),
    ("PTI", ("pti",)),
    ("IANS", ("ians",)),
    ("ANI", ("ani",)),
    ("Bloomberg", ("bloomberg",)),
    ("AAP", ("aap",)),
    ("PA", ("pa", "pa media")),
    ("CP", ("canadian press",)),
    ("Ukrinform", ("ukrinform",)),
    ("Jiji", ("jiji", "jiji press")),
)

_BY_KEY: dict[str, str] = {alias: name for name, aliases in _AGENCIES for alias in aliases}

# Two-letter keys are also common author initials or words ("aa", "ap", "pa"): they count as
# an agency only inside a credit that holds a longer agency name or sits in brackets.
_WEAK = frozenset(k for k in _BY_KEY if len(k) <= 2)

_SPLIT = re.compile(r"\s*(?:[,/;+&]|\bund\b|\band\b|\bmit\b)\s*", re.IGNORECASE)


def agency(name: str) -> str | None:
    """The usual spelling of the agency ``name`` ("efe" -> "EFE"), or None if not an agency."""
    return _BY_KEY.get(fold(name))


def is_weak(name: str) -> bool:
    """True for agency keys that are also common initials or words (``ap``, ``pa``)."""
    return fold(name) in _WEAK


def agency_list(text: str) -> list[str] | None:
    """The agencies in a list such as ``efe, dpa, afp`` or ``dpa/AFP``, in their usual spelling
    and order; None unless every item is an agency."""
    items = [p for p in _SPLIT.split(text.strip(" ()[]")) if p]
    found: list[str] = []
    for item in items:
        name = agency(item)
        if name is None:
            return None
        if name not in found:
            found.append(name)
    return found or None

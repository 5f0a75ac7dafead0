"""Small text helpers shared by the layers (no dependencies beyond the standard library)."""

from __future__ import annotations

import unicodedata

# Letters that Unicode decomposition does not reduce to an ASCII base letter.
_SPECIAL = str.maketrans({
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
    "ı": "i", "ħ": "h", "ŋ": "ng", "ſ": "s",
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"',
    "«": '"', "»": '"', "‹": "'", "›": "'", "–": "-", "—": "-", "‐": "-", "‑": "-",
})


def ascii_fold(text: str) -> str:
    """Latin text without diacritics ("Pjöngjang" -> "Pjongjang", "Łódź" -> "Lodz").

    Used for matching keys only, never for output. Letters of other scripts are kept, so that
    keys of Cyrillic or Korean names stay distinct rather than collapsing to nothing.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))

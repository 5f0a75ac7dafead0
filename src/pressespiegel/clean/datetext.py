"""Calendar dates as news pages print them (German and English), to ISO ``YYYY-MM-DD``."""

from __future__ import annotations

import datetime as dt
import re

from ..textutil import MONTH_NUMBERS

_MONTHS = MONTH_NUMBERS

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"((?:19|20)\d\d)"

_PATTERNS: tuple[tuple[re.Pattern[str], tuple[int, int, int]], ...] = (
    # 2024-06-19 (also the date part of 2024-06-19T10:00)
    (re.compile(_YEAR + r"-(\d\d)-(\d\d)(?!\d)"), (1, 2, 3)),
    # 19.06.2024, 19. 06. 2024
    (re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?" + _YEAR + r"(?!\d)"), (3, 2, 1)),
    # 19. Juni 2024, 19 June 2024, 19. Jun. 2024
    (
        re.compile(
            r"(?<!\d)(\d{1,2})\.?\s+(" + _MONTH_RE + r")\.?,?\s+" + _YEAR + r"(?!\d)", re.IGNORECASE
        ),
        (3, 2, 1),
    ),
    # June 19, 2024, Jun 19 2024
    (
        re.compile(
            r"\b(" + _MONTH_RE + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s?,?\s+" + _YEAR + r"(?!\d)",
            re.IGNORECASE,
        ),
        (3, 1, 2),
    ),
)


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first valid calendar date in ``text``: (ISO date, start, end), or None."""
    best: tuple[str, int, int] | None = None
    for pattern, (yi, mi, di) in _PATTERNS:
        for m in pattern.finditer(text):
            iso = _iso(m.group(yi), m.group(mi), m.group(di))
            if iso is not None:
                if best is None or m.start() < best[1]:
                    best = (iso, m.start(), m.end())
                break
    return best


def _iso(year: str, month: str, day: str) -> str | None:
    mon = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    if mon is None:
        return None
    try:
        return dt.date(int(year), mon, int(day)).isoformat()
    except ValueError:
        return None

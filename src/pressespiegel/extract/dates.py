"""Date expressions, resolved against the publication date.

Rules, not a date parser: German news writes dates in a few fixed shapes, and rules are about a
hundred times faster than dateparser (which also misses "am Mittwoch (19)" and the tense rules).
``resolved`` is an ISO date, month ("2024-06"), year, a range joined by "/" or None when the text
does not pin the date down (vague: "seit Monaten"; relative without a publication date).

News conventions used for relative dates: a weekday without other hint is the most recent such
day up to the publication date; it is the coming one when the sentence speaks of the future
("wird", "soll", "geplant", "kommenden"). A month without a year is likewise the most recent one
(or the coming one in a future sentence).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import Article, DateRef
from ..registry import stage
from .numbers import MONTH_NAMES, MONTHS, WEEKDAYS, YEAR_MAX, YEAR_MIN

_MONTH = "(?:" + "|".join(MONTH_NAMES) + ")"
_WD = "(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag)"
_DAYPART = "(?:morgen|abend|nachmittag|vormittag|mittag|nacht)"
_PAST = r"(?:letzte[nrs]?|vergangene[nrs]?|vorige[nrs]?)"
_THIS = r"(?:diese[nrs]?|laufende[nrs]?)"
_NEXT = r"(?:nächste[nrs]?|kommende[nrs]?|folgende[nrs]?)"
_YEAR = r"(?:1[89]\d\d|20\d\d|2100)"

# Words that make a sentence speak of the future (or of a plan), so that a bare weekday or
# month points forward. "sollen" after "haben/sein" is reported speech about the past.
_FUTURE_RE = re.compile(
    r"\b(?:wird|werden|(?<!haben )(?<!sein )soll(?:en|te|ten)?|geplant|plant|planen|will|"
    r"wollen|erwartet|voraussichtlich|bevorsteh\w*|anstehend\w*|künftig\w*|kommende[nrs]?|"
    r"nächste[nrs]?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Ctx:
    pub: date | None
    future: bool


Resolver = Callable[[re.Match[str], _Ctx], str | None]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _month_iso(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_of(raw: str | None, ctx: _Ctx, m: int, d: int) -> int | None:
    """The year of a day given without one: the occurrence nearest the publication, except
    that a day more than two months ahead is last year's unless the sentence looks forward
    (past-tense reports far outnumber announcements that leave out the year)."""
    if raw:
        y = int(raw)
        return y + 2000 if y < 100 else y
    pub = ctx.pub
    if pub is None:
        return None
    cands = [
        (c, y)
        for y in (pub.year - 1, pub.year, pub.year + 1)
        if (c := _safe_date(y, m, d)) is not None
    ]
    if not cands:
        return None
    c, y = min(cands, key=lambda cy: abs((cy[0] - pub).days))
    if not ctx.future and (c - pub).days > 60:
        y -= 1
    return y


def _weekday(
    wd_name: str,
    ctx: _Ctx,
    *,
    past: bool | None = None,
    day: int | None = None,
    after: date | None = None,
) -> date | None:
    if ctx.pub is None:
        return None
    wd = WEEKDAYS[wd_name.lower()]
    if day is not None:
        # "am Mittwoch (19)": the Wednesday nearest the publication that falls on a 19th
        for delta in sorted(range(-120, 121), key=abs):
            cand = ctx.pub + timedelta(days=delta)
            if cand.weekday() == wd and cand.day == day:
                return cand
        return None
    if after is not None:
        return after + timedelta(days=(wd - after.weekday()) % 7 or 7)
    forward = ctx.future if past is None else not past
    if forward:
        return ctx.pub + timedelta(days=(wd - ctx.pub.weekday()) % 7)
    return ctx.pub - timedelta(days=(ctx.pub.weekday() - wd) % 7)


def _g(m: re.Match[str], name: str) -> str | None:
    """A named group, or None when the pattern has no such group."""
    return m.groupdict().get(name)


def _r_numeric(m: re.Match[str], ctx: _Ctx) -> str | None:
    d, mo = int(m["d"]), int(m["m"])
    y = _year_of(m["y"], ctx, mo, d)
    return _iso(_safe_date(y, mo, d)) if y else None


def _r_iso(m: re.Match[str], ctx: _Ctx) -> str | None:
    return _iso(_safe_date(int(m["y"]), int(m["m"]), int(m["d"])))


def _r_day_month(m: re.Match[str], ctx: _Ctx) -> str | None:
    d, mo = int(m["d"]), MONTHS[m["mon"].lower()]
    y = _year_of(m["y"], ctx, mo, d)
    return _iso(_safe_date(y, mo, d)) if y else None


def _r_month_year(m: re.Match[str], ctx: _Ctx) -> str | None:
    return _month_iso(int(m["y"]), MONTHS[m["mon"].lower()])


def _r_month(m: re.Match[str], ctx: _Ctx) -> str | None:
    if ctx.pub is None:
        return None
    mo = MONTHS[m["mon"].lower()]
    rel = (_g(m, "rel") or "").lower()
    p = ctx.pub
    if rel.startswith(("letzt", "vergang", "vorig")):
        y = p.year if mo < p.month else p.year - 1
    elif rel.startswith(("nächst", "kommend", "folgend")):
        y = p.year if mo > p.month else p.year + 1
    elif rel.startswith(("dies", "laufend")):
        y = p.year
    elif ctx.future:
        y = p.year if mo >= p.month else p.year + 1
    else:
        y = p.year if mo <= p.month else p.year - 1
    return _month_iso(y, mo)


def _r_year(m: re.Match[str], ctx: _Ctx) -> str | None:
    y1 = m["y1"]
    y2 = m["y2"]
    if y2:
        if len(y2) == 2:
            y2 = y1[:2] + y2
        return f"{y1}/{y2}"
    return y1


def _r_weekday(m: re.Match[str], ctx: _Ctx) -> str | None:
    if m["ed"]:
        mo, d = int(m["em"]), int(m["ed"])
        y = _year_of(m["ey"], ctx, mo, d)
        return _iso(_safe_date(y, mo, d)) if y else None
    rel = (_g(m, "rel") or "").lower()
    pre = (_g(m, "pre") or "").lower()
    past: bool | None = None
    if re.match(_PAST, rel):
        past = True
    elif re.match(_NEXT, rel):
        past = False
    elif pre.startswith(("bis", "ab", "für")):
        # A deadline or a start ("bis Freitag geschlossen", "ab Montag", "für Donnerstag
        # angekündigt") lies ahead of the report; "seit Montag" lies behind it.
        past = False
    elif pre == "seit":
        past = True
    day = int(m["hint"]) if m["hint"] else None
    return _iso(_weekday(m["wd"], ctx, past=past, day=day))


def _r_weekday_range(m: re.Match[str], ctx: _Ctx) -> str | None:
    a = _weekday(m["wd1"], ctx)
    if a is None:
        return None
    b = _weekday(m["wd2"], ctx, after=a)
    return f"{_iso(a)}/{_iso(b)}"


_DAY_OFFSETS = {"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2}


def _r_relday(m: re.Match[str], ctx: _Ctx) -> str | None:
    if ctx.pub is None:
        return None
    return _iso(ctx.pub + timedelta(days=_DAY_OFFSETS[m["rd"].lower()]))


def _offset(rel: str) -> int:
    rel = rel.lower()
    if rel.startswith(("letzt", "vergang", "vorig", "vorjahr")):
        return -1
    if rel.startswith(("nächst", "kommend", "folgend")):
        return 1
    return 0


def _r_week(m: re.Match[str], ctx: _Ctx) -> str | None:
    if ctx.pub is None:
        return None
    d = ctx.pub + timedelta(days=7 * _offset(_g(m, "rel") or ""))
    return _month_iso(d.year, d.month)


def _r_rel_month(m: re.Match[str], ctx: _Ctx) -> str | None:
    if ctx.pub is None:
        return None
    y, mo = _add_months(ctx.pub.year, ctx.pub.month, _offset(_g(m, "rel") or ""))
    return _month_iso(y, mo)


def _r_rel_year(m: re.Match[str], ctx: _Ctx) -> str | None:
    if ctx.pub is None:
        return None
    return str(ctx.pub.year + _offset(_g(m, "rel") or ""))


def _r_vague(m: re.Match[str], ctx: _Ctx) -> str | None:
    return None


def _p(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_I = re.IGNORECASE
# (pattern, resolver). Matches are collected from all patterns; where they overlap the longest
# wins, so the order only breaks ties.
_RULES: list[tuple[re.Pattern[str], Resolver]] = [
    (_p(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d{4}|\d{2})?(?![\d])"), _r_numeric),
    (_p(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d])"), _r_iso),
    (
        _p(
            r"(?:\b(?:[Aa]m|[Vv]om|[Bb]is(?: zum)?|[Ss]eit dem|[Aa]b dem|[Zz]um)\s+)?"
            r"(?<![\d.])(?P<d>[0-3]?\d)\.\s*(?P<mon>"
            + _MONTH
            + r")\b(?:\s+(?P<y>"
            + _YEAR
            + r")\b)?"
        ),
        _r_day_month,
    ),
    (
        _p(
            r"(?:\b(?:[Ii]m|[Ss]eit|[Bb]is|[Aa]b|[Aa]nfang|[Mm]itte|[Ee]nde|[Vv]om|[Vv]on)\s+)?"
            r"\b(?P<mon>" + _MONTH + r")\s+(?P<y>" + _YEAR + r")\b"
        ),
        _r_month_year,
    ),
    (
        _p(
            r"\b(?:[Ii]m|[Ss]eit|[Bb]is|[Aa]b|[Aa]nfang|[Mm]itte|[Ee]nde)\s+(?:(?P<rel>"
            + _PAST
            + "|"
            + _THIS
            + "|"
            + _NEXT
            + r")\s+)?(?P<mon>"
            + _MONTH
            + r")\b(?!\s+\d)"
        ),
        _r_month,
    ),
    # years: "im Jahr 2022", "seit 2000", "(1950-1953)", "2014/15"
    (
        _p(
            r"(?:\((?=" + _YEAR + r"\s*[-–/]\s*\d+\)))?"
            r"(?:\b(?:(?:[Ii]m|[Ss]eit dem|[Bb]is zum|[Aa]b dem|[Vv]or dem)\s+Jahre?|"
            r"[Ss]eit|[Bb]is|"
            r"[Aa]b|[Vv]or|[Nn]ach|[Aa]nfang|[Mm]itte|[Ee]nde|[Vv]on|[Zz]wischen|[Ii]m|[Uu]m)\s+)?"
            r"(?<![\d.,])(?P<y1>"
            + _YEAR
            + r")(?:\s*(?:[-–/]|bis|und)\s*(?P<y2>"
            + _YEAR
            + r"|\d\d(?=\)|\b)))?(?![\d.,]\d)(?:(?<=\d)\))?"
        ),
        _r_year,
    ),
    (
        _p(
            r"\b(?:[Vv]om|[Vv]on)\s+(?P<wd1>"
            + _WD
            + r")\s+(?:auf|bis(?:\s+zum)?|zum)\s+(?P<wd2>"
            + _WD
            + r")\b"
        ),
        _r_weekday_range,
    ),
    (
        _p(
            r"(?:\b(?P<pre>[Aa]m|[Aa]n diesem|[Aa]n jenem|[Bb]is(?: zum| einschließlich)?|[Ss]eit|"
            r"[Aa]b|[Ff]ür|[Vv]om|"
            r"[Vv]on|[Jj]eden|[Dd]iesen|[Dd]iesem)\s+)?(?:(?P<rel>"
            + _PAST
            + "|"
            + _NEXT
            + r")\s+)?\b(?P<wd>"
            + _WD
            + r")(?:"
            + _DAYPART
            + r")?\b"
            r"(?:\s*\((?P<hint>[0-3]?\d)\.?\)"
            r"|\s*\((?P<ed>[0-3]?\d)\.(?P<em>[01]?\d)\.(?P<ey>\d{4})?\)"
            r"|,?\s+(?:den\s+)?(?P<ed2>[0-3]?\d)\.\s*(?P<emon>"
            + _MONTH
            + r")(?:\s+(?P<ey2>"
            + _YEAR
            + r"))?)?"
        ),
        _r_weekday,
    ),
    (
        _p(
            r"\b(?P<rd>[Vv]orgestern|[Gg]estern|[Hh]eute|morgen|übermorgen|Übermorgen)\b"
            r"(?:\s+(?:[Mm]orgen|[Aa]bend|[Nn]achmittag|[Vv]ormittag|[Mm]ittag|[Nn]acht|früh)\b)?"
        ),
        _r_relday,
    ),
    (
        _p(
            r"\b(?:(?:[Ii]n der|[Ii]n)\s+)?(?P<rel>"
            + _PAST
            + "|"
            + _THIS
            + "|"
            + _NEXT
            + r")\s+Woche\b",
            _I,
        ),
        _r_week,
    ),
    (
        _p(
            r"\b(?:(?:[Ii]m|[Ii]n diesem)\s+)?(?P<rel>"
            + _PAST
            + "|"
            + _THIS
            + "|"
            + _NEXT
            + r")\s+Monats?\b",
            _I,
        ),
        _r_rel_month,
    ),
    (_p(r"\b(?:[Aa]nfang|[Mm]itte|[Ee]nde)\s+(?:des|dieses)\s+Monats\b"), _r_rel_month),
    (
        _p(
            r"\b(?:[Ii]m|[Ii]n diesem)?\s*(?P<rel>"
            + _PAST
            + "|"
            + _THIS
            + "|"
            + _NEXT
            + r")\s+Jahr(?:es)?\b",
            _I,
        ),
        _r_rel_year,
    ),
    (
        _p(
            r"\b(?:[Aa]nfang|[Mm]itte|[Ee]nde)\s+(?:des\s+)?(?:(?P<rel>"
            + _PAST
            + "|"
            + _THIS
            + "|"
            + _NEXT
            + r")\s+)?Jahres\b"
        ),
        _r_rel_year,
    ),
    (_p(r"\b(?:im\s+)?(?P<rel>Vorjahr)(?:es)?\b|\b(?P<heuer>heuer)\b", _I), _r_rel_year),
    # vague expressions, kept with resolved None
    (
        _p(
            r"\b(?:seit|vor|nach|binnen|innerhalb von|in den (?:letzten|vergangenen|kommenden|"
            r"nächsten|ersten))\s+(?:(?:vielen|einigen|wenigen|mehreren|etlichen|langen)\s+)?"
            r"(?:Jahrzehnten|Jahrhunderten|Jahren|Monaten|Wochen|Tagen|Stunden)\b",
            _I,
        ),
        _r_vague,
    ),
    (_p(r"\b(?:des|im)\s+(?:letzten|vergangenen|vorigen)\s+Jahrhunderts?\b", _I), _r_vague),
    (
        _p(
            r"\b(?:demnächst|in Kürze|zeitnah|frühzeitig|kürzlich|jüngst|neulich|seit langem|"
            r"zu einem (?:frühen|späteren|späten|frühestmöglichen|spätere[nm]) Zeitpunkt)\b",
            _I,
        ),
        _r_vague,
    ),
]


@stage("dates", requires=["sentences", "figures"], assigns=["dates"])
def dates_stage(article: Article) -> Article:
    pub = _parse_pub(article.published)
    # Numbers the figures stage already claimed ("2000 Menschen") are counts, not years.
    claimed = sorted((f.start, f.end) for f in article.figures)
    starts = [s for s, _ in claimed]
    reach = max((e - s for s, e in claimed), default=0)
    out: list[DateRef] = []
    for sent in article.sentences:
        if sent.language not in (None, "de"):
            continue
        # Only the figures that reach into this sentence: a long text has thousands.
        near = claimed[bisect_left(starts, sent.start - reach) : bisect_left(starts, sent.end)]
        near = [(s, e) for s, e in near if e > sent.start]
        out.extend(find_dates(article.text, sent.start, sent.end, pub, near))
    article.dates = out
    return article


def _parse_pub(published: str | None) -> date | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def find_dates(
    text: str, start: int, end: int, pub: date | None, claimed: list[tuple[int, int]] | None = None
) -> list[DateRef]:
    """Date expressions in ``text[start:end]`` (one sentence), resolved against ``pub``."""
    ctx = _Ctx(pub, bool(_FUTURE_RE.search(text, start, end)))
    found: list[tuple[int, int, str | None]] = []
    for pattern, resolve in _RULES:
        for m in pattern.finditer(text, start, end):
            s, e = m.span()
            while e > s and text[e - 1].isspace():
                e -= 1
            while s < e and text[s].isspace():
                s += 1
            if e <= s:
                continue
            if resolve is _r_year and not _plausible_year(m, claimed or []):
                continue
            if resolve is _r_weekday and m["ed2"]:
                resolved = _r_day_month_alt(m, ctx)
            else:
                resolved = resolve(m, ctx)
            found.append((s, e, resolved))
    # longest match wins where matches overlap
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    kept: list[tuple[int, int, str | None]] = []
    for s, e, r in found:
        if all(e <= ks or s >= ke for ks, ke, _ in kept):
            kept.append((s, e, r))
    kept.sort()
    return [DateRef(s, e, text[s:e], r) for s, e, r in kept]


def _r_day_month_alt(m: re.Match[str], ctx: _Ctx) -> str | None:
    d, mo = int(m["ed2"]), MONTHS[m["emon"].lower()]
    y = _year_of(m["ey2"], ctx, mo, d)
    return _iso(_safe_date(y, mo, d)) if y else None


def _plausible_year(m: re.Match[str], claimed: list[tuple[int, int]]) -> bool:
    ys = m.start("y1")
    y = int(m["y1"])
    if not YEAR_MIN <= y <= YEAR_MAX:
        return False
    return not any(s <= ys < e for s, e in claimed)

"""The timeline chart of the HTML dossier: an SVG with one row per dated event.

A linear axis fails as soon as one sentence mentions a date far from the rest ("seit 1962" in a
story of May 2025): every other event is squashed against one edge. So the axis is cut where long
stretches pass without any event. Each part keeps its own linear scale and gets a share of the
width by how many events it holds, and every cut is drawn as a visible break with the length of
the time left out. When the dates fall into too many separate parts to draw side by side, no
chart is drawn and the caller's ordered list stands alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from itertools import pairwise

from ..model import TimelineEvent

__all__ = ["Chart", "parse_when", "timeline_chart"]

# Layout, in SVG user units (the viewBox is 1000 wide and scales with the page).
_LEFT, _RIGHT, _ROW_H, _TOP = 170, 990, 30, 30
#: Width of a break between two parts of the axis.
_BREAK_W = 30
#: The least width of one part: room for one tick label and a dot.
_MIN_PART_W = 90
#: Width one tick label needs (``2025-05-14`` at 13 px is about 75 units).
_TICK_W = 80
#: More parts than this cannot each get room for a label: the ordered list is shown instead.
_MAX_PARTS = 6

# When a gap is cut out. Both rules count a gap only from a month up: shorter ones never squash
# anything enough to be worth a break. Rule 1: a gap longer than the span of the middle half of
# the events (by start date). Rule 2, for the few-event case where quartiles say nothing: a gap
# more than three times as long as the rest of its part put together (so the rest would get less
# than a quarter of the width). Calibrated on examples/corpus (1962, 2024-10 and 21 events in May
# 2025: both gaps cut) and the bridge story of tests/render (2023-09 and March 2024: not cut).
_MIN_GAP_DAYS = 30
_REST_FACTOR = 3


def _e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def parse_when(when: str) -> tuple[date, date] | None:
    """First and last day of an ISO day, month, year or ``a/b`` range; None if not parseable."""
    if "/" in when:
        a, _, b = when.partition("/")
        ra, rb = parse_when(a), parse_when(b)
        return (ra[0], rb[1]) if ra and rb and ra[0] <= rb[1] else None
    parts = when.strip().split("-")
    try:
        if len(parts) == 3:
            d = date(int(parts[0]), int(parts[1]), int(parts[2]))
            return d, d
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            first = date(y, m, 1)
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
        if len(parts) == 1 and len(parts[0]) == 4:
            y = int(parts[0])
            return date(y, 1, 1), date(y, 12, 31)
    except (ValueError, OverflowError):
        return None
    return None


def _ticks(first: date, last: date, lo: date, hi: date, most: int) -> list[tuple[date, str]]:
    """At most ``most`` axis ticks for a part whose events run from ``first`` to ``last`` (drawn
    from ``lo`` to ``hi``): days when they fit, else months, else years."""
    most = max(1, most)
    days = (last - first).days
    if days + 1 <= 6 * most:
        # Day ticks start at the first event, so that a part with one event shows its day.
        step = -(-(days + 1) // most)
        return [
            (first + timedelta(days=i), (first + timedelta(days=i)).isoformat())
            for i in range(0, days + 1, step)
        ]
    months: list[tuple[date, str]] = []
    y, m = lo.year, lo.month
    while date(y, m, 1) <= hi:
        if date(y, m, 1) >= lo:
            months.append((date(y, m, 1), f"{y}-{m:02d}"))
        y, m = y + (m == 12), m % 12 + 1
    if not months:
        return [(first, first.isoformat())]
    step = -(-len(months) // most)
    years = [(date(y, 1, 1), str(y)) for y in range(lo.year, hi.year + 1) if date(y, 1, 1) >= lo]
    if step >= 12 and years:
        return years[:: -(-len(years) // most)]
    return months[::step]


def _merged(ranges: Sequence[tuple[date, date]]) -> list[tuple[date, date]]:
    """The stretches of time covered by at least one event, in order."""
    out: list[tuple[date, date]] = []
    for first, last in sorted(ranges):
        if out and first <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def _gap(a: tuple[date, date], b: tuple[date, date]) -> int:
    return (b[0] - a[1]).days - 1


def _split_dominant(blocks: list[tuple[date, date]]) -> list[list[tuple[date, date]]]:
    """Rule 2, recursively: cut at the largest gap while it dwarfs the rest of its part."""
    if len(blocks) < 2:
        return [blocks]
    gaps = [_gap(blocks[i], blocks[i + 1]) for i in range(len(blocks) - 1)]
    i = max(range(len(gaps)), key=gaps.__getitem__)
    rest = (blocks[-1][1] - blocks[0][0]).days + 1 - gaps[i]
    if gaps[i] < _MIN_GAP_DAYS or gaps[i] <= _REST_FACTOR * rest:
        return [blocks]
    return _split_dominant(blocks[: i + 1]) + _split_dominant(blocks[i + 1 :])


def axis_parts(ranges: Sequence[tuple[date, date]]) -> list[tuple[date, date]]:
    """The parts of the axis (first and last day of each) once the long empty gaps are cut."""
    blocks = _merged(ranges)
    starts = sorted(r[0] for r in ranges)
    q = len(starts) // 4
    bulk = (starts[len(starts) - 1 - q] - starts[q]).days
    groups: list[list[tuple[date, date]]] = [[blocks[0]]] if blocks else []
    for prev, block in pairwise(blocks):
        gap = _gap(prev, block)
        if q and gap >= _MIN_GAP_DAYS and gap > bulk:
            groups.append([block])
        else:
            groups[-1].append(block)
    parts = [p for g in groups for p in _split_dominant(g)]
    return [(p[0][0], p[-1][1]) for p in parts]


def _duration(days: int) -> str:
    if days >= 365:
        years = round(days / 365.25)
        return f"{years} year" + ("s" if years != 1 else "")
    if days >= 60:
        return f"{round(days / 30.44)} months"
    return f"{days} days"


@dataclass(slots=True)
class _Part:
    first: date
    last: date
    lo: date
    hi: date
    x0: float
    x1: float

    def x(self, d: date) -> float:
        span = max(1, (self.hi - self.lo).days)
        return self.x0 + (self.x1 - self.x0) * (d - self.lo).days / span


@dataclass(slots=True)
class Chart:
    """The SVG and whether its axis is broken (the caller says so in a note)."""

    svg: str
    broken: bool


def _layout(parts: list[tuple[date, date]], counts: list[int]) -> list[_Part]:
    free = (_RIGHT - _LEFT) - _BREAK_W * (len(parts) - 1) - _MIN_PART_W * len(parts)
    total = max(1, sum(counts))
    out: list[_Part] = []
    x = float(_LEFT)
    for (first, last), n in zip(parts, counts, strict=True):
        w = _MIN_PART_W + free * n / total if len(parts) > 1 else float(_RIGHT - _LEFT)
        # Pad so that a dot at either end is not cut in half.
        pad = max(1, (last - first).days // 30)
        out.append(
            _Part(first, last, first - timedelta(days=pad), last + timedelta(days=pad), x, x + w)
        )
        x += w + _BREAK_W
    return out


def timeline_chart(events: Sequence[tuple[TimelineEvent, tuple[date, date], str]]) -> Chart | None:
    """A Gantt-like SVG: one row per ``(event, (first, last), href)``, a dot for a day and a bar
    for a month or range; None when the dates are too scattered to draw on one axis."""
    if not events:
        return None
    parts = axis_parts([r for _, r, _ in events])
    if len(parts) > _MAX_PARTS:
        return None
    where = [next(i for i, p in enumerate(parts) if p[0] <= r[0] <= p[1]) for _, r, _ in events]
    layout = _layout(parts, [where.count(i) for i in range(len(parts))])
    height = _TOP + _ROW_H * len(events) + 10
    out = [
        f'<svg class="chart" viewBox="0 0 1000 {height}" role="img" '
        f'aria-label="Timeline of {len(events)} events">'
    ]
    for part in layout:
        most = max(1, int((part.x1 - part.x0) // _TICK_W))
        for d, label in _ticks(part.first, part.last, part.lo, part.hi, most):
            xd = part.x(d)
            # Keep the label inside its part, clear of the break and the next part's labels.
            half = len(label) * 3.8
            lx = min(max(xd, part.x0 + half), part.x1 - half)
            out.append(
                f'<line class="tick" x1="{xd:.1f}" y1="{_TOP - 8}" x2="{xd:.1f}" '
                f'y2="{height - 6}"/><text class="ticklabel" x="{lx:.1f}" '
                f'y="{_TOP - 14}" text-anchor="middle">{_e(label)}</text>'
            )
    for a, b in pairwise(layout):
        left_out = _duration(max(0, (b.first - a.last).days - 1))
        bx = a.x1 + _BREAK_W / 2
        out.append(
            f'<g class="axisbreak"><title>Axis broken: {left_out} without events left out'
            f'</title><rect class="gap" x="{a.x1 + 4:.1f}" y="{_TOP - 22}" '
            f'width="{_BREAK_W - 8}" height="{height - _TOP + 16}" rx="3"/>'
            f'<path class="zigzag" d="M{bx - 7:.1f} {_TOP - 2} l6 -12 M{bx + 1:.1f} {_TOP - 2} '
            f'l6 -12"/></g>'
        )
    for i, (ev, (first, last), href) in enumerate(events):
        part = layout[where[i]]
        y = _TOP + _ROW_H * i + _ROW_H / 2
        x1, x2 = part.x(first), part.x(last + timedelta(days=1))
        if first == last or x2 - x1 < 10:
            mark = f'<circle class="dot" cx="{(x1 + x2) / 2:.1f}" cy="{y:.1f}" r="6"/>'
        else:
            mark = (
                f'<rect class="bar" x="{x1:.1f}" y="{y - 6:.1f}" width="{x2 - x1:.1f}" '
                f'height="12" rx="4"/>'
            )
        # The label goes on the side with more room, so long texts are not cut by the edge.
        if (x1 + x2) / 2 < _LEFT + (_RIGHT - _LEFT) * 0.55:
            lx, anchor, room = x2 + 10, "start", 995 - (x2 + 10)
        else:
            lx, anchor, room = x1 - 10, "end", x1 - 10 - (_LEFT + 6)
        # About 8 user units per character at this font size (German text, system sans-serif).
        label = _clip(ev.what, max(12, int(room / 8)))
        out.append(
            f'<a href="{href}"><title>{_e(ev.date)}: {_e(ev.what)}</title>'
            f'<text class="rowdate" x="{_LEFT - 12}" y="{y + 4:.1f}" text-anchor="end">'
            f'{_e(ev.date)}</text>{mark}<text class="rowlabel" x="{lx:.1f}" y="{y + 4:.1f}" '
            f'text-anchor="{anchor}">{_e(label)}</text></a>'
        )
    out.append("</svg>")
    return Chart("".join(out), broken=len(layout) > 1)

"""The timeline chart: a broken axis where far-off dates would squash the rest."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

import pytest

from pressespiegel.model import Dossier, TimelineEvent
from pressespiegel.render.html import render_html
from pressespiegel.render.timeline import axis_parts, parse_when, timeline_chart
from tests.render.conftest import Story, build_outlier_story

ROW = re.compile(
    r'<a href="[^"]*"><title>([^:<]*): [^<]*</title>.*?'
    r'(?:<circle class="dot" cx="([\d.]+)"|<rect class="bar" x="([\d.]+)" y="[\d.]+" '
    r'width="([\d.]+)")'
)


def chart_rows(page: str) -> list[tuple[str, float, float]]:
    """(date, left x, width) of every row mark in the chart; a dot has width 0."""
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    rows = []
    for when, cx, x, w in ROW.findall(svg):
        rows.append((when, float(cx), 0.0) if cx else (when, float(x), float(w)))
    return rows


def test_one_outlier_year_leaves_the_bulk_spread_apart() -> None:
    page = render_html(*build_outlier_story())
    rows = chart_rows(page)
    assert len(rows) == 13
    june = sorted(x for when, x, _ in rows if when.startswith("2024"))
    old = [(x, w) for when, x, w in rows if when == "1962"]
    # Twelve days over most of the 820-unit axis, never two dots on top of each other (on a
    # linear 1962-2024 axis they all sat within one unit of the right edge).
    assert june[-1] - june[0] > 400
    assert min(b - a for a, b in pairwise(june)) > 25
    # The old entry stays on the chart, left of the rest, with a visible width.
    assert old and old[0][0] + old[0][1] < june[0] and old[0][1] > 20
    assert page.count('class="axisbreak"') == 1
    assert "Axis broken: 61 years without events left out" in page
    assert "The axis is broken" in page.split('<section id="timeline"', 1)[1]
    # Every row stays inside the drawing area.
    assert all(x >= 170 and x + w <= 990 for _, x, w in rows)


def test_moderate_gaps_keep_one_linear_axis(story: Story) -> None:
    # 2023-09, then March 2024: a five-month gap next to a seven-month story is not cut.
    page = render_html(*story)
    assert 'class="axisbreak"' not in page
    assert "The axis is broken" not in page


def d(s: str) -> tuple[date, date]:
    r = parse_when(s)
    assert r is not None
    return r


@pytest.mark.parametrize(
    ("dates", "parts"),
    [
        # A few events: the quartiles say nothing, the gap dwarfs the rest.
        (["1962", "2024-06-18", "2024-06-19", "2024-06-20"], 2),
        (["1962", "2024-06-18"], 2),
        # Events spread evenly with a three-month hole: one axis.
        (["2024-01-05", "2024-02-10", "2024-03-01", "2024-07-01", "2024-08-15", "2024-09-30"], 1),
        # History in a few lines, the story itself in many.
        (["1945", "1962", "1989", "2001"] + [f"2024-06-{i:02d}" for i in range(1, 13)], 5),
        # Two clusters of days, seven weeks apart.
        (
            [f"2024-03-{i:02d}" for i in range(1, 6)] + [f"2024-04-{i:02d}" for i in range(20, 26)],
            2,
        ),
        # Same day everywhere, and a week later: nothing to cut.
        (["2024-06-01"] * 8 + ["2024-06-08"], 1),
    ],
)
def test_axis_parts(dates: list[str], parts: int) -> None:
    assert len(axis_parts([d(s) for s in dates])) == parts


def test_too_scattered_for_one_axis_falls_back_to_the_list() -> None:
    years = ["1871", "1918", "1945", "1961", "1989", "2001", "2014"]
    events = [(TimelineEvent(y, f"Jahr {y}", []), d(y), "#timeline-list") for y in years]
    events += [
        (TimelineEvent(f"2024-06-{i:02d}", "x", []), d(f"2024-06-{i:02d}"), "#t")
        for i in range(1, 20)
    ]
    assert timeline_chart(events) is None
    dossier = Dossier(id="t", title="t", articles=[], timeline=[e for e, _, _ in events])
    page = render_html(dossier, {})
    block = page.split('<section id="timeline"', 1)[1].split("</section>", 1)[0]
    assert "<svg" not in block
    assert "too far apart to draw on one axis" in block
    assert all(f"Jahr {y}" in block for y in years)


def test_one_part_ticks_fit_their_width() -> None:
    events = [
        (TimelineEvent(f"2025-05-{i:02d}", "x", []), d(f"2025-05-{i:02d}"), "#t")
        for i in range(1, 27)
    ]
    chart = timeline_chart(events)
    assert chart is not None and not chart.broken
    labels = re.findall(r'class="ticklabel" x="([\d.]+)"', chart.svg)
    xs = sorted(float(x) for x in labels)
    assert 3 <= len(xs) <= 11
    # Day labels are about 75 units wide: none may overlap the next.
    assert min(b - a for a, b in pairwise(xs)) >= 75

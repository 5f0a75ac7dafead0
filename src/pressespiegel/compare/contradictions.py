"""Contradictions: claims about the same slot with different values.

The kinds, each from general knowledge of how news reports events:

* **weekday** — when the event's parts happen. A sentence with a weekday and an event word is a
  claim about the visit (``Besuch``, ``Reise``: a day, a range "vom Dienstag bis Donnerstag", or
  an end "bis Mittwoch") or about the main meeting (``Gespräche``, ``Gipfel``, ``Treffen``,
  signing). Two claims contradict when they give the meeting different days, the visit different
  ends, or put the meeting after the end of the visit. A weekday written beside a calendar date
  that falls on another day contradicts itself (kind ``date``).
* **number** and **date** — two passages that report the same thing (aligned, or each the
  other's closest counterpart and similar enough) with figures of the same unit, or dates, of
  different values: "rund 1.200 Menschen" against "rund 1.800 Menschen", "in der Nacht zum
  Mittwoch" against "am Dienstagabend". Only dates of what the passages report as having
  happened are compared, and only when both date one happening (the passages are aligned, or
  the clauses around the dates share a content word): a forecast, plan, deadline or
  anniversary ("für Donnerstag wird Sturm erwartet", "soll bis Ende März", "by Friday"), a day
  after the article's publication, or an earlier occurrence ("zuletzt im September") is not
  set against the event's date.
* **correction** — an article that reports a claim and, right after it, contrasts it with
  another value ("erklärte, die Anlage sei am 3. Mai geprüft worden ... fand die letzte Prüfung
  jedoch im Oktober 2024 statt"); the articles that repeat the claim are set against the
  correction too.
* **claim_vs_denial** — an allegation ("wird verdächtigt", "wirft ... vor", "nach Angaben des
  Weißen Hauses ...") and a denial ("bestreiten", "haben die Vorwürfe abgelehnt") of it. A denial
  answers the allegation a few sentences before it in the same article; an allegation in an
  article that reports no denial is set against the denial answering the most similar
  allegation elsewhere in the story.
* **role** — one person given two different offices ("Außenminister" here, "Verteidigungs-
  minister" there).

The rules find pairs of claims; pairs about one slot that share a passage (or give one value in
aligned passages) are merged, so that each disputed value is one contradiction listing every
outlet's claim once (:func:`merge_disputes`).

A difference between a sentence that speaks of a plan and a later article's report is marked
``apparent``: the plan may simply have been overtaken. Claims are compared only inside one
sub-event: weekdays of an announcement in January say
nothing about the days of the visit in June.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ..extract.acts import speech_acts
from ..link.align import Alignment, Unit, content_terms
from ..model import Article, Claim, Contradiction, DateRef, Figure
from .when import dates_in

_WEEKDAYS = {
    "montag": 0,
    "dienstag": 1,
    "mittwoch": 2,
    "donnerstag": 3,
    "freitag": 4,
    "samstag": 5,
    "sonnabend": 5,
    "sonntag": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_WD = "|".join(_WEEKDAYS)
_RANGE = re.compile(
    rf"\b(?:vo[nm]|from)\s+({_WD})\s+(?:auf|bis(?:\s+zum)?|to|until)\s+({_WD})\b", re.I
)
_UNTIL = re.compile(rf"\b(?:bis(?:\s+zum)?|until|through)\s+({_WD})\b", re.I)
_DAY = re.compile(rf"\b({_WD})\b", re.I)
_NIGHT = re.compile(r"\b(?:Nacht|night)\b", re.I)
# A weekday with a calendar date in brackets or after a comma: "Mittwoch (19.06.2024)".
_WD_DATE = re.compile(rf"\b({_WD})\b,?\s*\(?\s*(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}})", re.I)

# Event words, by slot. The visit is the frame; the meeting (talks, summit, signing) is what
# happens inside it.
_VISIT = re.compile(r"\b(?:Besuch\w*|Reise|Staatsbesuch\w*|Aufenthalt\w*|Visite|visit\w*|trip)\b")
_MEETING = re.compile(
    r"(?:Gespräch\w*|Gipfel\w*|Treffen\w*|Verhandlung\w*|unterzeichn\w*|unterschrieb\w*|"
    r"Unterzeichnung\w*|\btalks\b|\bsummit\w*|\bmeeting\w*|\bsign(?:ed|ing)?\b)",
    re.I,
)

_ALLEGATION_ATTRIBUTED = re.compile(
    r"(?:\bnach Angaben (?:des|der|von)\b|\bberichtete\w*\b[^.]{0,40},? dass\b|"
    r"\baccording to\b|\breported that\b)",
    re.I,
)
#: How many sentences before a denial its allegation may stand.
DENIAL_WINDOW = 8
# Embedding cosine above which an allegation in another article is taken to be the same
# allegation (same actors, same deed). Same-story background pairs sit at 0.45 (90th
# percentile on the seed story), paraphrases of one statement at 0.6 and above.
SAME_ALLEGATION = 0.55


@dataclass(slots=True)
class _DayClaim:
    unit: Unit
    slot: str  # "visit" or "meeting"
    day: int | None  # the day of a single-day claim
    end: int | None  # the last day of the visit
    value: str
    start: int | None = None  # the first day of a visit given as a range


def find_contradictions(
    alignment: Alignment,
    articles: Mapping[str, Article],
    sub_event_of: Mapping[str, str],
    duplicate_of: Mapping[str, str] | None = None,
    reference: Mapping[str, str | None] | None = None,
) -> list[Contradiction]:
    """Contradictions among the articles; near-duplicates (keys of ``duplicate_of``) repeat
    their original's claims and are left out. ``reference`` gives undated articles the date to
    resolve their relative dates against (see :mod:`.when`)."""
    out: list[Contradiction] = []
    copies = duplicate_of or {}
    ref = reference or {}
    sentences = [u for u in alignment.units if not u.clause and u.article not in copies]
    out.extend(_weekday_contradictions(sentences, sub_event_of))
    pairs = _counterparts(alignment, copies, sub_event_of)
    out.extend(_number_contradictions(alignment, articles, pairs))
    out.extend(_date_contradictions(alignment, articles, pairs, ref))
    out.extend(_corrections(alignment, articles, sentences, pairs, ref))
    out.extend(_denials(alignment, sentences))
    out.extend(_roles(articles, copies))
    found = _unique(out)
    for c in found:
        c.apparent = _plan_then_outcome(c, articles)
    merged = merge_disputes(found, alignment)
    for c in merged:
        if c.kind == "number":
            _add_agreeing(c, alignment, articles, pairs)
    return merged


# -- roles ------------------------------------------------------------------------------------
# Offices that one person holds one of at a time: two different ministries (or a ministry and a
# head of government) for one person in one story is a contradiction, or a reshuffle worth a
# look. Titles of standing ("Präsident", "Führer", "Machthaber") are framing, not roles.
_OFFICE = re.compile(
    r"^(?:[A-ZÄÖÜ][\w-]*minister|Ministerpräsident|Bundeskanzler|Kanzler|"
    r"Bürgermeister|Landrat|Landrät|Botschafter|Generalsekretär)(?:in)?$"
)


def _office(head: str) -> str | None:
    word = head.split("-")[-1] if head.startswith(("US-", "EU-", "UN-")) else head
    if not _OFFICE.match(word):
        return None
    word = word[:-2] if word.endswith("in") else word
    return "Landrat" if word == "Landrät" else word


def _roles(articles: Mapping[str, Article], copies: Mapping[str, str]) -> list[Contradiction]:
    from .framing import head_noun

    seen: dict[str, dict[str, Claim]] = {}  # entity -> office -> first claim
    names: dict[str, str] = {}
    for art in articles.values():
        if art.id in copies:
            continue
        names.update((m.entity_id, m.canonical) for m in art.entities)
        for lb in art.labels:
            head = head_noun(lb.norm or lb.text)
            office = _office(head) if head else None
            if office:
                seen.setdefault(lb.entity_id, {}).setdefault(
                    office, Claim(art.id, lb.start, lb.end, lb.text, office)
                )
    out = []
    for entity_id, offices in seen.items():
        claims = list(offices.values())
        for i, a in enumerate(claims):
            for b in claims[i + 1 :]:
                if a.article != b.article:
                    who = names.get(entity_id, entity_id)
                    out.append(Contradiction(f"office of {who}", "role", [a, b]))
    return out


# A sentence that speaks of a plan ("soll", "geplant", "erwartet") may simply be overtaken by
# what happened: a difference with a later article's report is then apparent, not real.
_PLAN = re.compile(
    r"\b(?:soll\w*|geplant|plant|planen|will|wollen|erwartet|voraussichtlich|"
    r"angekündigt|scheduled|expected|planned|will)\b",
    re.I,
)


def _plan_then_outcome(c: Contradiction, articles: Mapping[str, Article]) -> bool:
    if len(c.claims) != 2:
        return False
    dated = []
    for k in c.claims:
        art = articles.get(k.article)
        if art is None or not art.published:
            return False
        dated.append((art.published[:10], k, art))
    (d1, first, art1), (d2, _, _) = sorted(dated, key=lambda t: t[0])
    if d1 == d2:
        return False
    sentence = next(
        (art1.text[s.start : s.end] for s in art1.sentences if s.start <= first.start < s.end),
        first.text,
    )
    return bool(_PLAN.search(sentence))


def _unique(found: list[Contradiction]) -> list[Contradiction]:
    """One contradiction per pair of passages (rules overlap: a date pair is often also a
    weekday pair)."""
    seen: set[frozenset[tuple[str, int, int]]] = set()
    out = []
    for c in found:
        key = frozenset((k.article, k.start, k.end) for k in c.claims)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


# -- one card per dispute -----------------------------------------------------------------
def _same_passage(a: Claim, b: Claim) -> bool:
    return a.article == b.article and a.start < b.end and b.start < a.end


def merge_disputes(
    found: list[Contradiction], alignment: Alignment | None = None
) -> list[Contradiction]:
    """One contradiction per disputed value: the rules find pairs, and three outlets with two
    figures for one count make three pairs. Pairs of one kind and ``about`` are merged when they
    share a claim (overlapping passages of one article) or when two of their claims give the
    same value in sentences the alignment groups together. The merged card lists each passage
    once, claims of one value side by side; it is ``apparent`` only when every pair in it was.
    A pair whose two claims are one passage (a weekday beside a date of another day) stays as
    it is: its passages are not sides of a dispute between outlets."""
    units = alignment.units if alignment is not None else []
    groups = alignment.groups if alignment is not None else []
    group_of: dict[tuple[str, int], int] = {}
    for g, members in enumerate(groups):
        for i in members:
            group_of.setdefault((units[i].article, units[i].sentence), g)
    sentences: dict[str, list[Unit]] = {}
    for u in units:
        if not u.clause:
            sentences.setdefault(u.article, []).append(u)

    def group(c: Claim) -> int | None:
        """The alignment group of the claim's sentence (a clause's group counts for it)."""
        for u in sentences.get(c.article, []):
            if u.start <= c.start < u.end:
                return group_of.get((u.article, u.sentence))
        return None

    parent = list(range(len(found)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        parent[find(b)] = find(a)

    # Per slot, the claims seen so far by article (for shared passages) and by aligned group and
    # value: each new pair is joined to the earlier ones it touches.
    by_article: dict[tuple[str, str, str], list[tuple[Claim, int]]] = {}
    by_group: dict[tuple[str, str, int, str], int] = {}
    for i, c in enumerate(found):
        if any(_same_passage(a, b) for n, a in enumerate(c.claims) for b in c.claims[n + 1 :]):
            continue
        for k in c.claims:
            seen = by_article.setdefault((c.kind, c.about, k.article), [])
            for other, j in seen:
                if _same_passage(k, other):
                    union(j, i)
            seen.append((k, i))
            aligned = group(k)
            if aligned is not None:
                key = (c.kind, c.about, aligned, k.value)
                if key in by_group:
                    union(by_group[key], i)
                else:
                    by_group[key] = i
    merged: dict[int, Contradiction] = {}
    out: list[Contradiction] = []
    for i, c in enumerate(found):
        root = find(i)
        card = merged.get(root)
        if card is None:
            card = merged[root] = Contradiction(c.about, c.kind, list(c.claims), c.apparent)
            out.append(card)
            continue
        card.apparent = card.apparent and c.apparent
        for k in c.claims:
            if not any(_same_passage(k, have) for have in card.claims):
                card.claims.append(k)
    for card in out:
        _sort_by_value(card)
    return out


def _sort_by_value(card: Contradiction) -> None:
    """Claims of one value side by side, values in the order first found."""
    rank: dict[str, int] = {}
    for k in card.claims:
        rank.setdefault(k.value, len(rank))
    card.claims.sort(key=lambda k: rank[k.value])


def _add_agreeing(
    card: Contradiction,
    alignment: Alignment,
    articles: Mapping[str, Article],
    pairs: list[tuple[int, int]],
) -> None:
    """Add to a figure dispute the articles that give one of its values, in the same unit, in
    a counterpart of a claim's passage (``pairs`` from :func:`_counterparts`: no copies, one
    sub-event). The rule only pairs passages that differ, so an outlet that agrees with one side
    is easily left out; the card should show every outlet on each side."""
    units = alignment.units
    partners: dict[int, list[int]] = {}
    for a, b in pairs:
        partners.setdefault(a, []).append(b)
        partners.setdefault(b, []).append(a)
    by_article: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        if not u.clause:
            by_article.setdefault(u.article, []).append(i)
    for k in list(card.claims):
        art = articles.get(k.article)
        figures = art.figures if art is not None else []
        figure = next((f for f in figures if (f.start, f.end) == (k.start, k.end)), None)
        mine = next(
            (i for i in by_article.get(k.article, []) if units[i].start <= k.start < units[i].end),
            None,
        )
        if figure is None or mine is None:
            continue
        for j in partners.get(mine, []):
            u = units[j]
            if any(have.article == u.article for have in card.claims):
                continue
            for f in _figures_in(articles.get(u.article), u):
                if f.unit == figure.unit and _same_number(f.value, figure.value):
                    card.claims.append(Claim(u.article, f.start, f.end, f.text, k.value))
                    break
    _sort_by_value(card)


# Embedding cosine above which a passage and its closest counterpart in another article are
# taken to report the same thing even when the alignment did not group them: a different figure
# or date lowers the lexical overlap of exactly the pairs this rule is for. On the example
# corpus such pairs ("rund 1.200 Menschen ..." / "rund 1.800 Menschen ...") sit at 0.44;
# unrelated closest counterparts inside one story at 0.25-0.35.
COUNTERPART = 0.4


def _counterparts(
    alignment: Alignment, copies: Mapping[str, str], sub_event_of: Mapping[str, str]
) -> list[tuple[int, int]]:
    """Pairs of units (different articles, no copies, one sub-event) that report the same thing:
    grouped together, or closest counterparts with a cosine of at least COUNTERPART."""
    units = alignment.units
    # A clause stands for its sentence: claims are shown as whole sentences, once.
    sentence_of = {(u.article, u.sentence): i for i, u in enumerate(units) if not u.clause}

    def whole(i: int) -> int:
        return sentence_of.get((units[i].article, units[i].sentence), i)

    found: set[tuple[int, int]] = set()
    for group in alignment.groups:
        for a in group:
            for b in group:
                if a < b:
                    found.add((a, b))
    for a, b in alignment.nearest:
        if alignment.similarity(a, b) >= COUNTERPART:
            found.add((a, b))
    pairs = {(min(whole(a), whole(b)), max(whole(a), whole(b))) for a, b in found}
    return sorted(
        (a, b)
        for a, b in pairs
        if units[a].article != units[b].article
        and units[a].article not in copies
        and units[b].article not in copies
        and sub_event_of.get(units[a].article) == sub_event_of.get(units[b].article)
    )


# -- weekdays ---------------------------------------------------------------------------------
def _nearest(pattern: re.Pattern[str], text: str, pos: int) -> int | None:
    dists = [abs(m.start() - pos) for m in pattern.finditer(text)]
    return min(dists) if dists else None


def _day_claims(unit: Unit) -> list[_DayClaim]:
    text = unit.text
    claims: list[_DayClaim] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(text):
        taken.append(m.span())
        # "in der Nacht von Montag auf Dienstag" dates a night, not a visit.
        if _NIGHT.search(text, max(0, m.start() - 20), m.start()):
            continue
        first, last = _WEEKDAYS[m.group(1).lower()], _WEEKDAYS[m.group(2).lower()]
        if _nearest(_VISIT, text, m.start()) is not None:
            claims.append(_DayClaim(unit, "visit", None, last, m.group(0), first))
    for m in _UNTIL.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        taken.append(m.span())
        if _nearest(_VISIT, text, m.start()) is not None:
            claims.append(_DayClaim(unit, "visit", None, _WEEKDAYS[m.group(1).lower()], m.group(0)))
    for m in _DAY.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        day = _WEEKDAYS[m.group(1).lower()]
        meeting = _nearest(_MEETING, text, m.start())
        visit = _nearest(_VISIT, text, m.start())
        if meeting is not None and (visit is None or meeting <= visit):
            claims.append(_DayClaim(unit, "meeting", day, None, m.group(0)))
    return claims


def _after(day: int | None, visit: _DayClaim) -> bool:
    """Whether ``day`` falls after the visit's last day, within one week from its start (a
    visit "vom Freitag bis Montag" runs over the weekend: Saturday is inside it)."""
    if day is None or visit.end is None:
        return False
    if visit.start is None:
        return day > visit.end
    length = (visit.end - visit.start) % 7
    return (day - visit.start) % 7 > length


def _claim(c: _DayClaim) -> Claim:
    u = c.unit
    return Claim(u.article, u.start, u.end, u.text, c.value)


def _weekday_contradictions(
    sentences: list[Unit], sub_event_of: Mapping[str, str]
) -> list[Contradiction]:
    out: list[Contradiction] = []
    claims = [c for u in sentences for c in _day_claims(u)]
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            if a.unit is b.unit:
                continue
            if sub_event_of.get(a.unit.article) != sub_event_of.get(b.unit.article):
                continue
            about = None
            same_article = a.unit.article == b.unit.article
            # One article naming two meeting days may describe a programme of several meetings;
            # two articles naming different days for "the" meeting disagree.
            if a.slot == b.slot == "meeting" and a.day != b.day and not same_article:
                about = "day of the meeting"
            elif a.slot == b.slot == "visit" and a.end != b.end:
                about = "end of the visit"
            elif {a.slot, b.slot} == {"visit", "meeting"}:
                visit, meeting = (a, b) if a.slot == "visit" else (b, a)
                if _after(meeting.day, visit):
                    about = "meeting after the end of the visit"
            if about:
                out.append(Contradiction(about, "weekday", [_claim(a), _claim(b)]))
    for u in sentences:
        for m in _WD_DATE.finditer(u.text):
            try:
                d = date(int(m.group(4)), int(m.group(3)), int(m.group(2)))
            except ValueError:
                continue
            if d.weekday() != _WEEKDAYS[m.group(1).lower()]:
                s, e = u.start + m.start(), u.start + m.end()
                out.append(
                    Contradiction(
                        "weekday and date disagree",
                        "date",
                        [
                            Claim(u.article, s, e, m.group(0), m.group(1)),
                            Claim(u.article, s, e, m.group(0), d.isoformat()),
                        ],
                    )
                )
    return out


# -- numbers ----------------------------------------------------------------------------------
def _figures_in(art: Article | None, u: Unit) -> list[Figure]:
    if art is None:
        return []
    return [f for f in art.figures if f.unit and u.start <= f.start and f.end <= u.end]


def _number_contradictions(
    alignment: Alignment, articles: Mapping[str, Article], pairs: list[tuple[int, int]]
) -> list[Contradiction]:
    out: list[Contradiction] = []
    units = alignment.units
    for a, b in pairs:
        ua, ub = units[a], units[b]
        for fa in _figures_in(articles.get(ua.article), ua):
            for fb in _figures_in(articles.get(ub.article), ub):
                if fa.unit != fb.unit or _same_number(fa.value, fb.value):
                    continue
                out.append(
                    Contradiction(
                        f"number of {fa.unit}",
                        "number",
                        [
                            Claim(ua.article, fa.start, fa.end, fa.text, f"{fa.value:g}"),
                            Claim(ub.article, fb.start, fb.end, fb.text, f"{fb.value:g}"),
                        ],
                    )
                )
    return out


def _same_number(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 * max(abs(a), abs(b))


# -- dates ------------------------------------------------------------------------------------
# Boundaries of a period ("seit dem 9. Mai", "bis Freitag", "ab Montag") date a state, not an
# event: two passages with different boundaries rarely disagree, one is just later news.
_BOUNDARY = re.compile(r"^(?:seit|bis|ab|von|vom|since|until|till|from)\b", re.I)


def _point_dates(
    art: Article | None, u: Unit, reference: Mapping[str, str | None]
) -> list[DateRef]:
    """Resolved single dates (no ranges, no period boundaries) in a passage."""
    if art is None:
        return []
    found, _ = dates_in(art, u.start, u.end, reference)
    return [
        d for d in found if d.resolved and "/" not in d.resolved and not _BOUNDARY.match(d.text)
    ]


def _differ(a: str, b: str) -> bool:
    """Two resolved dates that cannot both be right ("2025-05" and "2025-05-03" can)."""
    return not (a.startswith(b) or b.startswith(a))


# A date is the event's only when the clause around it reports what happened. General knowledge
# of German and English news language: a forecast ("für Donnerstag wird Regen erwartet",
# "forecasters expect showers on Thursday"), a plan ("soll am Freitag abstimmen", "is scheduled
# for"), a deadline ("bis Ende März", "by Friday") or an anniversary dates something else, and
# setting it against the event's date would be a false contradiction.
_AHEAD = re.compile(
    r"\b(?:soll|sollen|sollte|sollten|will|wollen|wollte|wollten|wird|werden|würde|würden|"
    r"erwarte[nt]?|erwartet|geplant|plant|planen|planten|vorgesehen|angesetzt|terminiert|"
    r"voraussichtlich|angekündigt|kündigt\w*|Prognose\w*|prognostiziert\w*|Vorhersage\w*|"
    r"vorhergesagt|vorausgesagt|Frist\w*|spätestens|frühestens|demnächst|künftig\w*|"
    r"bevorstehend\w*|shall|would|expect\w*|forecast\w*|predict\w*|scheduled|planned|plans?|"
    r"deadline|set to|going to|upcoming)\b",
    re.I,
)
# Words just before a date that make it a deadline or the start of a period.
_DEADLINE = re.compile(
    r"\b(?:bis|ab|seit|von|vom|spätestens|frühestens|until|till|since|from|by|before)"
    r"(?:\s+(?:zum|zur|Ende|Anfang|Mitte|spätestens|end of|the end of))?\s*$",
    re.I,
)
_ANNIVERSARY = re.compile(
    r"(?:Jahrestag|Jubiläum|jährt|Gedenk|Todestag|Geburtstag|anniversary|commemorat)", re.I
)
# A clause that dates an earlier occurrence ("als sich beide zuletzt im September trafen", "the
# last time they met"): a happening before the story's, compared only with another such date.
# ("erstmals seit", "for the first time since" date the story's own happening.)
_EARLIER = re.compile(
    r"\b(?:zuletzt|letzte[mnrs]?|vorige[mnrs]?|vorherige[mnrs]?|damals|früher|"
    r"last|previous(?:ly)?|earlier|former(?:ly)?)\b",
    re.I,
)
# Where a clause ends: punctuation, a dash, a bracket.
_CLAUSE_END = re.compile(r"[,;:()\[\]]|\s[–—-]\s")
# Words that say nothing about what happened (time words, counting words): two clauses that
# share only these do not report one happening.
_GENERIC_WORDS = (
    "beide jahr tag woche monat nacht abend morgen mittag zeit mal erst erste letzt letzte "
    "zuletzt neu zwei drei uhr vergangen kommend both year day week month night evening morning "
    "time first last new two three early late after before ago next"
)
_GENERIC = frozenset(_GENERIC_WORDS.split())


def _clause(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause of ``text[lo:hi]`` around the mention ``text[start:end]``."""
    left = lo
    for m in _CLAUSE_END.finditer(text, lo, start):
        left = m.end()
    after = _CLAUSE_END.search(text, end, hi)
    return left, after.start() if after else hi


def _date_role(art: Article, u: Unit, d: DateRef) -> str | None:
    """What ``d`` dates: ``"event"`` (what the passage reports as having happened),
    ``"earlier"`` (an earlier occurrence) or None (a forecast, plan, deadline or anniversary, or
    a day after the article's own publication date)."""
    if _DEADLINE.search(art.text, max(u.start, d.start - 24), d.start):
        return None
    a, b = _clause(art.text, d.start, d.end, u.start, u.end)
    clause = art.text[a : d.start] + " " + art.text[d.end : b]
    if _AHEAD.search(clause) or _ANNIVERSARY.search(clause):
        return None
    # News reports what has happened by the time it is published: a later day is ahead.
    published = (art.published or "")[:10]
    if published and d.resolved and d.resolved[: len(published)] > published:
        return None
    return "earlier" if _EARLIER.search(clause) else "event"


def _event_words(art: Article, u: Unit, d: DateRef) -> frozenset[str]:
    """What the date's clause says happened: its content words without names, descriptors,
    dates, figures and time words."""
    a, b = _clause(art.text, d.start, d.end, u.start, u.end)
    chars = list(art.text[a:b])
    spans = [(m.start, m.end) for m in art.entities] + [(m.start, m.end) for m in art.labels]
    spans += [(m.start, m.end) for m in art.dates] + [(m.start, m.end) for m in art.figures]
    for s, e in spans:
        for p in range(max(s, a), min(e, b)):
            chars[p - a] = " "
    return frozenset(
        t
        for t in content_terms("".join(chars), art.language or "de")
        if t not in _GENERIC and not t.startswith("@") and len(t) > 2
    )


def _share_happening(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two clauses name one happening: a shared content word, compounds counted by
    their head ("Erddamm" and "Damm")."""
    return any(
        x == y or (min(len(x), len(y)) >= 4 and (x.endswith(y) or y.endswith(x)))
        for x in a
        for y in b
    )


def _date_contradictions(
    alignment: Alignment,
    articles: Mapping[str, Article],
    pairs: list[tuple[int, int]],
    reference: Mapping[str, str | None],
) -> list[Contradiction]:
    """Different event dates in two passages that report the same happening: aligned into one
    group, or their dated clauses share what happened."""
    out: list[Contradiction] = []
    units = alignment.units
    grouped = {
        (units[i].article, units[i].sentence, units[j].article, units[j].sentence)
        for g in alignment.groups
        for i in g
        for j in g
    }
    for a, b in pairs:
        ua, ub = units[a], units[b]
        art_a, art_b = articles.get(ua.article), articles.get(ub.article)
        if art_a is None or art_b is None:
            continue
        da = [(d, _date_role(art_a, ua, d)) for d in _point_dates(art_a, ua, reference)]
        db = [(d, _date_role(art_b, ub, d)) for d in _point_dates(art_b, ub, reference)]
        for role in ("event", "earlier"):
            xs = [d for d, r in da if r == role]
            ys = [d for d, r in db if r == role]
            # One date on each side: with several, which one answers which is guesswork.
            if (
                len(xs) != 1
                or len(ys) != 1
                or not _differ(xs[0].resolved or "", ys[0].resolved or "")
            ):
                continue
            x, y = xs[0], ys[0]
            aligned = (ua.article, ua.sentence, ub.article, ub.sentence) in grouped
            if not aligned and not _share_happening(
                _event_words(art_a, ua, x), _event_words(art_b, ub, y)
            ):
                continue
            out.append(
                Contradiction(
                    "date",
                    "date",
                    [
                        Claim(ua.article, ua.start, ua.end, ua.text, f"{x.text} ({x.resolved})"),
                        Claim(ub.article, ub.start, ub.end, ub.text, f"{y.text} ({y.resolved})"),
                    ],
                )
            )
    return out


# A sentence that sets a value against one reported just before it.
_CONTRAST = re.compile(
    r"\b(?:jedoch|dagegen|allerdings|tatsächlich|in Wahrheit|entgegen|however|in fact|actually|"
    r"contrary)\b",
    re.I,
)
_REPORTED = re.compile(
    r"\b(?:erklärt\w*|sagt\w*|teilte\w* mit|hieß es|angegeben|behauptet\w*|versichert\w*|"
    r"sei|seien|habe|said|claimed|stated)\b",
    re.I,
)
#: How many sentences after a claim its correction may come.
CORRECTION_WINDOW = 2


def _corrections(
    alignment: Alignment,
    articles: Mapping[str, Article],
    sentences: list[Unit],
    pairs: list[tuple[int, int]],
    reference: Mapping[str, str | None],
) -> list[Contradiction]:
    out: list[Contradiction] = []
    index = {id(u): i for i, u in enumerate(alignment.units)}
    by_article: dict[str, list[Unit]] = {}
    for u in sentences:
        by_article.setdefault(u.article, []).append(u)
    partners: dict[int, list[int]] = {}
    for a, b in pairs:
        partners.setdefault(a, []).append(b)
        partners.setdefault(b, []).append(a)
    for aid, units in by_article.items():
        art = articles.get(aid)
        units.sort(key=lambda u: u.start)
        for k, fix in enumerate(units):
            if not _CONTRAST.search(fix.text):
                continue
            fixed = _point_dates(art, fix, reference)
            for claim in units[max(0, k - CORRECTION_WINDOW) : k]:
                if not _REPORTED.search(claim.text):
                    continue
                said = _point_dates(art, claim, reference)
                if not (fixed and said) or not any(
                    _differ(x.resolved or "", y.resolved or "") for x in said for y in fixed
                ):
                    continue
                out.append(_correction(claim, fix))
                # Articles that repeat the claim (its counterparts with the same date) are set
                # against the correction as well.
                values = {d.resolved for d in said}
                for j in partners.get(index[id(claim)], []):
                    other = alignment.units[j]
                    theirs = _point_dates(articles.get(other.article), other, reference)
                    if {d.resolved for d in theirs} & values:
                        out.append(_correction(other, fix))
    return out


def _between(about: str, kind: str, a: Unit, a_value: str, b: Unit, b_value: str) -> Contradiction:
    """A contradiction between two whole passages."""
    return Contradiction(
        about,
        kind,
        [
            Claim(a.article, a.start, a.end, a.text, a_value),
            Claim(b.article, b.start, b.end, b.text, b_value),
        ],
    )


def _correction(claim: Unit, fix: Unit) -> Contradiction:
    return _between("claim and later correction", "correction", claim, "claimed", fix, "corrected")


def _denies(text: str) -> bool:
    return "@deny" in speech_acts(text)


def _accuses(text: str) -> bool:
    return "@accuse" in speech_acts(text)


# -- allegation and denial --------------------------------------------------------------------
def _denials(alignment: Alignment, sentences: list[Unit]) -> list[Contradiction]:
    index = {id(u): i for i, u in enumerate(alignment.units)}
    by_article: dict[str, list[Unit]] = {}
    for u in sentences:
        by_article.setdefault(u.article, []).append(u)
    out: list[Contradiction] = []
    answered: list[tuple[Unit, Unit]] = []  # (allegation, denial)
    for units in by_article.values():
        units.sort(key=lambda u: u.start)
        for k, d in enumerate(units):
            if not _denies(d.text) or (
                _accuses(d.text) and not re.search(r"Vorw(?:urf|ürfe)", d.text)
            ):
                continue
            before = [u for u in units[max(0, k - DENIAL_WINDOW) : k] if not _denies(u.text)]
            strong = [u for u in before if _accuses(u.text)]
            attributed = [u for u in before if _ALLEGATION_ATTRIBUTED.search(u.text)]
            nearest = strong + attributed
            chosen = set()
            if nearest:
                chosen.add(id(max(nearest, key=lambda u: u.start)))
            chosen.update(id(u) for u in strong)
            for a in before:
                if id(a) in chosen:
                    answered.append((a, d))
                    out.append(_pair(a, d))
    denied_articles = {d.article for _, d in answered}
    answered_ids = {id(a) for a, _ in answered}
    for u in sentences:
        if u.article in denied_articles or id(u) in answered_ids:
            continue
        if not (_accuses(u.text) or _ALLEGATION_ATTRIBUTED.search(u.text)):
            continue
        best, best_sim = None, SAME_ALLEGATION
        for a, d in answered:
            sim = alignment.similarity(index[id(u)], index[id(a)])
            if sim >= best_sim:
                best, best_sim = d, sim
        if best is not None:
            out.append(_pair(u, best))
    return out


def _pair(allegation: Unit, denial: Unit) -> Contradiction:
    return _between(
        "allegation and denial", "claim_vs_denial", allegation, "claimed", denial, "denied"
    )

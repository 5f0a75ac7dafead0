"""Frames: the tokens of a sentence, the cues in it (speech verbs, "so X", "laut X", "X zufolge",
"heißt es in X" ...) and the subject of each cue."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ...language.tokens import TOKEN_RE
from ...model import Mention
from .. import cues as C
from .marks import DOUBLE, SINGLE, Marks


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str
    pos: str | None = None
    q: int | None = None  # index into the quotation list when this token stands for one
    lemma: str | None = None
    quote_words: int | None = None  # for a quotation token: how many words it holds
    title: str = ""  # for a quotation token: the quoted words

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def cap(self) -> bool:
        return self.q is None and self.text[:1].isupper()

    @property
    def word(self) -> bool:
        return self.q is None and self.text[:1].isalpha()


def frame_tokens(
    text: str,
    s: int,
    e: int,
    quotes: list[Marks],
    qidx: list[int],
    pos: dict[int, str | None],
    lemmas: dict[int, str | None] | None = None,
) -> list[Tok]:
    """Tokens of a sentence with each top-level quotation replaced by one token."""
    out: list[Tok] = []
    lem = lemmas or {}
    cur = s
    for i in qidx:
        q = quotes[i]
        for m in TOKEN_RE.finditer(text, cur, max(cur, q.open)):
            out.append(
                Tok(m.start(), m.end(), m.group(), pos.get(m.start()), None, lem.get(m.start()))
            )
        out.append(
            Tok(
                q.open,
                q.close,
                "<Q>",
                None,
                i,
                None,
                len(TOKEN_RE.findall(text, q.start, q.end)),
                text[q.start : q.end],
            )
        )
        cur = max(cur, q.close)
    for m in TOKEN_RE.finditer(text, cur, e):
        out.append(Tok(m.start(), m.end(), m.group(), pos.get(m.start()), None, lem.get(m.start())))
    return out


# --------------------------------------------------------------------------------------------
# 3. Cues, subjects, speakers, channels
# --------------------------------------------------------------------------------------------

# Words that stand for a speaker named before: ", so letztere".
BACK_REFERENCES = frozenset(
    {"letzterer", "letztere", "ersterer", "erstere", "dieser", "diese", "jener", "jene"}
)
# Adverbs that may follow the source in ", so X weiter."
_SO_ADVERBS = frozenset(
    {
        "weiter",
        "wörtlich",
        "abschließend",
        "ebenfalls",
        "auch",
        "zudem",
        "damals",
        "gestern",
        "heute",
        "außerdem",
        "nun",
        "jetzt",
        "dazu",
    }
)
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
POSSESSIVES = frozenset(
    {"sein", "seine", "seiner", "seinem", "seinen", "ihr", "ihre", "ihrer", "ihrem", "ihren"}
)
QUOTE_CHARS = set(DOUBLE) | set(SINGLE)
# Parts of speech (STTS) that are never the first word of a subject noun phrase.
_NOT_SUBJECT_POS = (
    "ADV",
    "ADJD",
    "ADJ(D)",
    "APPR",
    "APPRART",
    "KOUS",
    "KON",
    "PAV",
    "PROAV",
    "PWAV",
    "PTK",
    "VV",
    "VA",
    "VM",
)
FUNCTION_CAPS = frozenset(
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
class CueHit:
    k: int  # token index of the verb / preposition
    kind: C.CueKind
    lemma: str
    end_k: int  # token index of the last cue token (the particle of "fügte ... hinzu")
    subj: tuple[int, int] | None = None  # token range of the subject / source
    via: str = ""  # how the subject was found: inverted, before, source, document, colon
    channel_from_subject: bool = False  # "berichtete X unter Berufung auf Y": X is the channel


# Longer than any name a mention holds, so that a lookup by start finds every overlap.
_LONGEST_MENTION = 400


@dataclass(slots=True)
class Context:
    """Per-article state the attribution needs."""

    text: str
    mentions: list[Mention]
    labels: list[tuple[int, int, str]]  # start, end, canonical
    quotes: list[Marks] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    # Media names seen so far (start, name), for "die Agentur" as a speaker.
    media_seen: list[tuple[int, str]] = field(default_factory=list)
    # A person's gender where the article shows it (canonical name -> "f"/"m"), for pronouns.
    genders: dict[str, str] = field(default_factory=dict)
    # Lookup tables, built on first use (the mentions are sorted by start; the quotations are
    # all paired before attribution starts): long articles stay linear.
    _starts: list[int] | None = None
    _spans: list[tuple[int, int]] | None = None
    _label_starts: list[int] | None = None

    def mentions_from(self, lo: int, hi: int) -> list[Mention]:
        """Mentions starting in ``[lo, hi)``."""
        if self._starts is None:
            self._starts = [m.start for m in self.mentions]
        return self.mentions[
            bisect.bisect_left(self._starts, lo) : bisect.bisect_left(self._starts, hi)
        ]

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        """Mentions overlapping ``[lo, hi)``."""
        return [m for m in self.mentions_from(lo - _LONGEST_MENTION, hi) if lo < m.end]

    def labels_in(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Actor labels overlapping ``[lo, hi)``."""
        if self._label_starts is None:
            self.labels.sort()
            self._label_starts = [ls for ls, _, _ in self.labels]
        a = bisect.bisect_left(self._label_starts, lo - _LONGEST_MENTION)
        b = bisect.bisect_left(self._label_starts, hi)
        return [x for x in self.labels[a:b] if x[0] < hi and lo < x[1]]

    def in_quotation(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a top-level quotation."""
        if self._spans is None:
            self._spans = sorted((q.open, q.close) for q in self.quotes if q.depth == 0)
        i = bisect.bisect_right(self._spans, (pos, float("inf"))) - 1
        return i >= 0 and pos < self._spans[i][1]


def clause_bounds(toks: list[Tok], k: int) -> tuple[int, int]:
    """Token range of the clause around ``k``: commas and colons end it; a quotation ends it
    after ``k`` but not before, so that "was er „…“ nannte" is one clause."""
    a = k
    while a > 0 and toks[a - 1].text not in _CLAUSE_END:
        a -= 1
    b = k + 1
    while b < len(toks) and toks[b].text not in _CLAUSE_END and toks[b].q is None:
        b += 1
    return a, b


INDEFINITE_SUBJECTS = frozenset(
    {"einer", "keiner", "jeder", "jede", "beide", "viele", "einige", "mehrere", "manche"}
)


def _is_subject_start(t: Tok) -> bool:
    if t.q is not None or not t.word:
        return False
    if t.low in C.SUBJECT_PRONOUNS or t.low in C.NOMINATIVE_DETERMINERS:
        return True
    if t.low in ("dessen", "deren") or t.low in INDEFINITE_SUBJECTS:
        return True  # "teilte dessen Stellvertreter mit", "Einer der Feuerwehrmänner sagte"
    if not t.cap or t.low in FUNCTION_CAPS:
        return False
    return not (t.pos and t.pos.startswith(_NOT_SUBJECT_POS))


def np_end(toks: list[Tok], j: int, stop: int) -> tuple[int, int | None]:
    """End (exclusive) of the noun phrase starting at token ``j``, and where an apposition starts.

    Handles "er", "Weber", "Staatssekretär Max Muster", "die deutsche Ministerin Anna Beispiel",
    "der Sprecher des Amtes in Berlin, Karl Weber", "Webers Berater, Max Muster".
    """
    t = toks[j]
    if t.low in C.SUBJECT_PRONOUNS:
        return j + 1, None
    m = j
    if t.low in INDEFINITE_SUBJECTS and t.cap:
        pass  # "Einer der Feuerwehrmänner" (capitalised: a pronoun heading the phrase)
    elif t.low in C.NOMINATIVE_DETERMINERS or t.low in C.GENITIVE_DETERMINERS:
        m += 1
    elif (
        t.cap and t.low.endswith("s") and m + 1 < stop and toks[m + 1].word and not toks[m + 1].cap
    ):
        m += 1  # a possessive name as determiner: "Webers langjähriger Berater"
    head_start = m
    m = j + 1 if t.low in INDEFINITE_SUBJECTS and t.cap else _noun_group(toks, m, stop)
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
        while n < len(toks) and toks[n].cap and toks[n].low not in FUNCTION_CAPS:
            n += 1
        if n > m + 1 and n - (m + 1) <= 4 and (n >= len(toks) or toks[n].text in ",.;!?"):
            return n, m + 1
    return m, None


def _noun_group(toks: list[Tok], m: int, stop: int) -> int:
    """Adjectives then one or more capitalised words (noun and following names)."""
    start = m
    while (
        m < stop
        and (toks[m].word or (toks[m].q is None and toks[m].text[:1].isdigit()))
        and not toks[m].cap
        and m - start < 4
        and toks[m].low not in FUNCTION_CAPS
        and toks[m].low not in C.ADVERBS
        and not (toks[m].pos or "").startswith(("VV", "VA", "VM"))
    ):
        m += 1  # adjectives (lower case, not verbs)
    first_cap = m
    while (
        m < stop
        and toks[m].cap
        and toks[m].low not in FUNCTION_CAPS
        and not (toks[m].pos or "").startswith(("VV", "VA", "VM"))
    ):
        m += 1
    if m == first_cap:
        return start
    return m


def find_cues(toks: list[Tok]) -> list[CueHit]:
    forms = C.verb_forms()
    seps = C.separable_bases()
    out: list[CueHit] = []
    n = len(toks)
    for k, t in enumerate(toks):
        if not t.word:
            continue
        low = t.low
        prev = toks[k - 1] if k > 0 else None
        if low == "laut" and k + 1 < n and _is_subject_start(toks[k + 1]):
            end, _ = np_end(toks, k + 1, n)
            if end > k + 1:
                out.append(CueHit(k, "source", "laut", k, (k + 1, end), "source"))
            continue
        if (
            low == "so"
            and prev is not None
            and (prev.text == "," or prev.q is not None)
            and k + 1 < n
            and (_is_subject_start(toks[k + 1]) or toks[k + 1].low in BACK_REFERENCES)
        ):
            end, _ = np_end(toks, k + 1, n)
            if toks[k + 1].low in BACK_REFERENCES:
                end = k + 2
            # ", so X." only when the phrase ends the clause ("so groß" is no source); an
            # adverb may close it: ", so X weiter", ", so X wörtlich".
            after = end
            while after < n and toks[after].low in _SO_ADVERBS:
                after += 1
            if end > k + 1 and (after >= n or toks[after].text in ",.;:!?"):
                out.append(CueHit(k, "source", "so", k, (k + 1, end), "source"))
            continue
        if low == "zufolge" and k > 0:
            a = k
            # Back over the source's noun phrase, not over the verb before it: "Ursache dürfte
            # ersten Annahmen zufolge …" names "ersten Annahmen".
            while (
                a > 0
                and toks[a - 1].word
                and toks[a - 1].text not in _CLAUSE_END
                and "FIN" not in (toks[a - 1].pos or "")
            ):
                a -= 1
            if a < k:
                out.append(CueHit(k, "source", "zufolge", k, (a, k), "source"))
            continue
        if low == "nach" and k + 2 < n and toks[k + 1].low in C.SOURCE_NOUNS_AFTER_NACH:
            j = k + 2
            if toks[j].low == "von":
                j += 1
            end, _ = np_end(toks, j, n)
            if end > j:
                out.append(CueHit(k, "source", "nach Angaben", k + 1, (j, end), "source"))
            continue
        if (
            low == "berufung"
            and prev is not None
            and prev.low == "unter"
            and k + 2 < n
            and toks[k + 1].low == "auf"
        ):
            j = k + 2
            end, _ = np_end(toks, j, n)
            if end > j:
                out.append(
                    CueHit(
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
            a, b = clause_bounds(toks, k)
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
            a, b = clause_bounds(toks, k)
            lo = max(0, a - 8)  # "von einem „X“ ... gesprochen": the preposition comes first
            if not any(toks[j].low in need for j in range(lo, b) if j != k):
                continue
        if lemma == "zitieren" and k + 1 < n and toks[k + 1].low == "von":
            continue  # "zitiert von X" names a channel, handled with the channels
        kind = C.cue_kind_of_lemma(lemma)
        out.append(CueHit(k, kind, lemma, end_k))
    return out


def _impersonal(toks: list[Tok], k: int) -> CueHit:
    """ "heißt es in der Erklärung des Ministeriums": the document's owner is the source."""
    n = len(toks)
    cue = CueHit(k, "impersonal", "heißen", k + 1 if k + 1 < n and toks[k + 1].low == "es" else k)
    if k >= 2 and toks[0].low in ("in", "im", "auf", "aus"):
        # "In der Erklärung heißt es", "Aus Paris hieß es": the place of the words.
        end, _ = np_end(toks, 1, k)
        if end > 1:
            cue.subj, cue.via = (1, end), "document"
            return cue
    j = cue.end_k + 1
    while j < n and (toks[j].low in C.ADVERBS - {"im", "am"} or toks[j].low in _SO_ADVERBS):
        j += 1
    if j + 1 < n and toks[j].low in ("von", "vom"):
        # "hieß es vom Abgeordneten X": who said it.
        end, _ = np_end(toks, j + 1, n)
        if end > j + 1:
            cue.subj, cue.via = (j + 1, end), "inverted"
        return cue
    if j < n and toks[j].low in ("in", "im", "auf"):
        j += 1
        end, _ = np_end(toks, j, n)
        # Only a text or an outlet is a source ("in der Erklärung", "im LSVD-Schreiben", "auf
        # der Webseite"), not "in Anspielung auf".
        if end > j and any(_names_a_text(t.low) for t in toks[j:end]):
            cue.subj, cue.via = (j, end), "document"
    return cue


_TEXT_NOUNS = (
    C.DOCUMENT_NOUNS
    | C.PUBLICATION_NOUNS
    | C.MEDIA_SUBJECT_NOUNS
    | frozenset(
        {"webseite", "homepage", "website", "internetseite", "rede", "antrag", "schreiben", "brief"}
    )
)


def _names_a_text(low: str) -> bool:
    """A document or outlet noun, also as the end of a compound ("LSVD-Schreiben")."""
    return low in _TEXT_NOUNS or any(
        low.endswith(n) and len(low) > len(n) + 2 for n in _TEXT_NOUNS if len(n) >= 5
    )


def _quoted_name_at(toks: list[Tok], j: int) -> bool:
    """A short quoted name at ``j``, alone or after an article: „Computerwoche“, die „Zeit“."""
    if toks[j].low in ("die", "der", "das") and j + 1 < len(toks):
        j += 1
    t = toks[j]
    if t.q is None or t.quote_words is None or not 0 < t.quote_words <= 4:
        return False
    first = next((ch for ch in t.title if ch.isalnum()), "")
    return first.isupper() or first.isdigit()  # a name, not a word: die „mögliche“ Einigung


_WERDEN = frozenset({"wird", "wurde", "wurden", "werden", "worden", "würde", "würden"})


def subject_of(cue: CueHit, toks: list[Tok]) -> None:
    """Find the subject of a verb cue: inverted after the verb, or before it in its clause."""
    if cue.subj is not None or cue.kind in ("source", "impersonal"):
        return
    n = len(toks)
    k = cue.k
    a, _b = clause_bounds(toks, k)
    if (
        cue.lemma != "zitieren"
        and "PP" in (toks[k].pos or "")
        and any(toks[i].low in _WERDEN for i in range(a, min(_b + 1, n)))
    ):
        # Passive: "wurde von Kritikern als „…“ bezeichnet" is the critics' wording ("wird X
        # von der Zeitung zitiert" is X's: the agent there is the channel).
        for i in range(a, min(_b, n) - 1):
            if toks[i].low in ("von", "vom") and _is_subject_start(toks[i + 1]):
                end, _ = np_end(toks, i + 1, n)
                if end > i + 1:
                    cue.subj, cue.via = (i + 1, end), "agent"
                    return
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
    if j < n and _quoted_name_at(toks, j) and (j + 1 >= n or toks[j + 1].text != ","):
        # "schrieb „Die Zeit“", "zitiert die „Computerwoche“ X": a quoted title names the outlet.
        end = j + 1 if toks[j].q is not None else j + 2
        cue.subj, cue.via = (j, end), "inverted"
        return
    if (
        before
        and before[-1] == k - 1
        and _quoted_name_at(toks, before[0])
        and (before[0] + (1 if toks[before[0]].q is not None else 2) == k)
    ):
        cue.subj, cue.via = (before[0], k), "before"  # "„Muslix64“ erwähnte"
        return
    starts_with_subject = bool(before) and _is_subject_start(toks[before[0]])
    after_ok = j < n and _is_subject_start(toks[j]) and toks[j].low not in POSSESSIVES
    if after_ok and toks[j].low in ("die", "das", "eine") and starts_with_subject:
        after_ok = False  # "X äußerte die Hoffnung": an object, the subject stands before
    if after_ok and toks[j].pos == "NN" and not _run_has_name(toks, j):
        after_ok = False  # a bare common noun after the verb is an object: "äußerte Vorbehalte"
    if before and starts_with_subject:
        end, _ = np_end(toks, before[0], k)
        if end == k or (end > before[0] and _only_adverbs(toks, end, k)):
            cue.subj, cue.via = (before[0], end), "before"
            obj = j + 1 if j < n and toks[j].low in ("den", "die", "das") else j
            if cue.lemma == "zitieren" and obj < n and toks[obj].cap and toks[obj].q is None:
                # "Ein Sender zitierte Papandreou mit den Worten": Papandreou speaks.
                o_end, _ = np_end(toks, obj, n)
                if o_end > obj:
                    cue.subj = (obj, o_end)
            return
    if after_ok:
        end, _ = np_end(toks, j, n)
        if end > j:
            cue.subj, cue.via = (j, end), "inverted"
            if cue.lemma == "zitieren" and end < n:
                # "zitiert die Zeitung den Minister": the one quoted speaks, the quoting
                # outlet is the channel.
                obj = end + 1 if toks[end].low in ("den", "die", "das") else end
                if obj < n and toks[obj].cap and toks[obj].q is None:
                    o_end, _ = np_end(toks, obj, n)
                    if o_end > obj:
                        cue.subj = (obj, o_end)
            return
    # A verb-final clause: "was er „…“ nannte", "dass sie … sagte".
    for i in before:
        if toks[i].low in C.SUBORDINATORS or toks[i].q is not None:
            continue
        if _is_subject_start(toks[i]):
            end, _ = np_end(toks, i, k)
            if end > i:
                cue.subj, cue.via = (i, end), "before"
                return
        break
    # A verb coordinated with an earlier one in its clause ("biss der Mann … und rief"): that
    # verb's subject.
    for i in range(k - 1, a - 1, -1):
        if (toks[i].pos or "").endswith("(FIN)") or toks[i].pos in ("VVFIN", "VAFIN", "VMFIN"):
            if toks[i].low in C.verb_forms() or i > a:
                inner = CueHit(i, "speech", "", i)
                subject_of(inner, toks)
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
        end, _ = np_end(toks, i, k)
        if end > i:
            cue.subj, cue.via = (i, end), "sentence"


def _run_has_name(toks: list[Tok], j: int) -> bool:
    """Whether the capitalised run at ``j`` holds a proper name ("Staatssekretär Max Muster")."""
    while j < len(toks) and toks[j].cap:
        if toks[j].pos == "NE" or toks[j].low in C.AGENCIES:
            return True
        j += 1
    return False


def _only_adverbs(toks: list[Tok], a: int, b: int) -> bool:
    return all(toks[i].low in C.ADVERBS or toks[i].low == "selbst" for i in range(a, b))


def _skip_apposition_back(toks: list[Tok], a: int) -> int:
    """Move a clause start back over ", Name Name,": "Der Minister, X, sagte" is one clause."""
    while a >= 2 and toks[a - 1].text == ",":
        j = a - 2
        if toks[j].text == ")":
            # "Henning Scherf (SPD), warnte": the party in brackets belongs to the name.
            while j > 0 and toks[j].text != "(":
                j -= 1
            j -= 1
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

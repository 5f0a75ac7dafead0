"""Indirect, reported and free indirect speech: words given without quotation marks.

German news marks reported words by grammar rather than by punctuation:

- *Indirect*: a clause after a speech verb ("sagte, dass …", "erklärte, die Lage sei ernst"), a
  clause before an inverted frame ("Die Lage sei ernst, sagte der Minister"), or a sentence
  framed by a source phrase ("laut X", "nach Angaben von X", "X zufolge", ", so X", "wie X
  mitteilte, …").
- *Reported*: a speech act only named, what it was about as its object ("Die Opposition forderte
  Neuwahlen"). The quotation corpus marks the whole sentence, speaker included.
- *Free indirect*: a main clause in the subjunctive with no frame of its own ("Die Lage sei
  ernst.") goes on with the words of the speaker quoted before (IndirectFreeIndirect); hearsay
  "soll(en)" ("Der Mann soll geflohen sein") reports what somebody said (FreeIndirect).

The functions here look at one sentence at a time and say where such words are and which cue
frames them; the caller resolves the speaker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...model import QuoteType
from .. import cues as C
from .frames import CueHit, Tok, clause_bounds, subject_of

# Words that open a clause of reported content after a speech verb.
COMPLEMENTIZERS = frozenset(
    {
        "dass",
        "daß",
        "ob",
        "warum",
        "weshalb",
        "wieso",
        "weswegen",
        "wann",
        "wo",
        "woher",
        "wohin",
        "wie",
        "inwieweit",
        "inwiefern",
    }
)
# "was", "wer" … open a free relative clause after most verbs ("kritisierte, was sie … nannte"),
# a reported question only after verbs of asking and finding out.
W_PRONOUNS = frozenset({"wer", "wen", "wem", "was", "welche", "welcher", "welches", "welchen"})
ASKING_LEMMAS = frozenset({"fragen", "wissen", "prüfen", "klären", "erklären", "untersuchen"})
# The subjunctive forms that are not the infinitive stem plus -e (handled by rule in mood()).
_KONJ1_FORMS = frozenset({"sei", "seien", "seiest", "seiet"})
# Konjunktiv II forms that stand in for Konjunktiv I in reported speech ("sie hätten …").
_KONJ2_FORMS = frozenset(
    {
        "hätte",
        "hätten",
        "wäre",
        "wären",
        "würde",
        "würden",
        "könnte",
        "könnten",
        "müsste",
        "müssten",
        "dürfte",
        "dürften",
        "gäbe",
        "gäben",
        "käme",
        "kämen",
        "läge",
        "lägen",
        "stünde",
        "stünden",
        "ginge",
        "gingen",
        "bräuchte",
        "bräuchten",
        "wüsste",
        "wüssten",
        "ließe",
        "ließen",
        "hielte",
        "hielten",
        "sähe",
        "sähen",
        "bliebe",
        "blieben",
    }
)
# Hearsay: "Er soll geflohen sein" reports what others say.
_HEARSAY = frozenset({"soll", "sollen"})
# Verbs of thinking, expecting and informing that frame reported content ("hofft, dass …",
# "geht davon aus, dass …"), found by lemma where the cue lists (extract/cues.py) have no forms.
THINK_LEMMAS = frozenset(
    {
        "hoffen",
        "glauben",
        "befürchten",
        "fürchten",
        "vermuten",
        "bezweifeln",
        "erwarten",
        "schätzen",
        "meinen",
        "denken",
        "annehmen",
        "ausgehen",
        "überzeugen",
        "wissen",
        "vorwerfen",
        "beschuldigen",
        "unterstellen",
        "vorschlagen",
        "beteuern",
        "befinden",
        "informieren",
        "bekanntgeben",
        "mitteilen",
        "versichern",
        "behaupten",
        "zweifeln",
        "prüfen",
        "klären",
        "vereinbaren",
        "beschließen",
        "entscheiden",
        "verlauten",
    }
)
# Verbs whose object names a speech act ("forderte Neuwahlen", "kündigte seinen Rücktritt an"):
# with no clause after them, the sentence is reported speech.
REPORTED_LEMMAS = frozenset(
    {
        "fordern",
        "verlangen",
        "kritisieren",
        "bestreiten",
        "dementieren",
        "ankündigen",
        "zurückweisen",
        "begrüßen",
        "loben",
        "beklagen",
        "bedauern",
        "warnen",
        "aufrufen",
        "auffordern",
        "appellieren",
        "drohen",
        "bestätigen",
        "einräumen",
        "zugeben",
        "sprechen",
        "bekräftigen",
        "versprechen",
        "zusichern",
        "verurteilen",
        "ablehnen",
        "vorschlagen",
        "äußern",
        "verkünden",
        "bekanntgeben",
        "berichten",
        "melden",
        "angeben",
        "vorwerfen",
        "beschuldigen",
        "anprangern",
        "beantragen",
        "empfehlen",
        "anmahnen",
        "mahnen",
        "protestieren",
        "bekunden",
        "erklären",
        "nennen",
        "bezeichnen",
        "widersprechen",
        "zustimmen",
        "befürworten",
        "unterstützen",
        "anklagen",
        "klagen",
        "beschweren",
        "rechtfertigen",
        "verteidigen",
        "betonen",
        "erwähnen",
        "anregen",
    }
)
# Nouns that make "nach …" / "… nach" / "… zufolge" at the head of a sentence a source phrase:
# "Nach Angaben der Polizei", "Seiner Meinung nach", "Nach ersten Informationen".
SOURCE_NOUNS = C.SOURCE_NOUNS_AFTER_NACH | frozenset(
    {
        "angaben",
        "angabe",
        "worten",
        "aussage",
        "aussagen",
        "ansicht",
        "einschätzung",
        "meinung",
        "auffassung",
        "darstellung",
        "informationen",
        "erkenntnissen",
        "berichten",
        "bericht",
        "schätzungen",
        "schätzung",
        "vernehmen",
        "überzeugung",
        "einschätzungen",
        "polizeiangaben",
        "medienberichten",
        "zeugenaussagen",
        "augenzeugenberichten",
        "beobachtern",
        "experten",
        "ermittlungen",
        "mitteilung",
        "meldungen",
        "meldung",
        "studie",
        "umfrage",
        "quellen",
        "stellungnahme",
        "analyse",
        "endergebnis",
        "ergebnis",
        "ergebnissen",
        "prognose",
        "hochrechnung",
        "hochrechnungen",
        "zeugenaussage",
        "untersuchungen",
        "sicht",
        "darstellungen",
        "zählung",
        "recherchen",
        "gerüchten",
        "plänen",
    }
)
# Adverbs that refer back to a source named before ("Demnach …").
SOURCE_ADVERBS = frozenset({"demnach", "demzufolge", "angeblich", "mutmaßlich"})
_CLAUSE_STOPS = {",", ";", ":", "–", "—", "(", ")"}
_FINAL = {".", "!", "?", "…"}
_SENTENCE_OPENERS = frozenset({"und", "aber", "doch", "auch", "denn", "zudem", "außerdem"})


@dataclass(slots=True)
class Found:
    """Reported words in a sentence: character span, corpus type, the cue that frames them
    (None for free indirect speech)."""

    start: int
    end: int
    type: QuoteType
    cue: CueHit | None = None


def is_finite(t: Tok) -> bool:
    return t.q is None and "FIN" in (t.pos or "")


def mood(toks: list[Tok], k: int) -> str | None:
    """ "k1" for a Konjunktiv I finite verb, "k2" for a Konjunktiv II one used for reported
    speech, else None."""
    t = toks[k]
    if not is_finite(t):
        return None
    low = t.low
    if low in _KONJ1_FORMS:
        return "k1"
    if low in _KONJ2_FORMS:
        return "k2"
    lemma = (t.lemma or "").lower()
    if len(lemma) > 3 and lemma.endswith("en") and low == lemma[:-1]:
        # "habe", "werde", "könne", "plane": the third person singular; the first person has
        # the same form, so not next to "ich".
        near = {toks[j].low for j in (k - 1, k + 1) if 0 <= j < len(toks)}
        if "ich" not in near:
            return "k1"
    return None


def _content_end(toks: list[Tok], b: int) -> int:
    """Index after the last token before ``b`` that is not final punctuation."""
    while b > 0 and toks[b - 1].text in _FINAL:
        b -= 1
    return b


def _has_mood(toks: list[Tok], a: int, b: int) -> bool:
    """Whether a finite verb in ``[a, b)`` is in the subjunctive."""
    return any(mood(toks, k) is not None for k in range(a, b))


def _has_finite(toks: list[Tok], a: int, b: int) -> bool:
    return any(is_finite(toks[k]) for k in range(a, b))


def _next_stop(toks: list[Tok], j: int) -> int:
    while j < len(toks) and toks[j].text not in _CLAUSE_STOPS:
        j += 1
    return j


def _later_frame(toks: list[Tok], cues: list[CueHit], after: int) -> int | None:
    """Token index of the comma before a later inverted frame (", sagte er"), if any."""
    for c in cues:
        if c.k > after and c.k >= 1 and toks[c.k - 1].text == "," and c.kind != "source":
            return c.k - 1
        if c.k > after and c.kind == "source" and c.lemma == "so" and toks[c.k - 1].text == ",":
            return c.k - 1
    return None


def extra_cues(toks: list[Tok], known: list[CueHit]) -> list[CueHit]:
    """Verbs of thinking and expecting, and speech-act verbs the direct-quote cues leave out,
    found by their lemma (with the separated particle: "wirft … vor" is vorwerfen)."""
    taken = {c.k for c in known}
    out = []
    for k, t in enumerate(toks):
        if (
            k in taken
            or t.q is not None
            or not (t.pos or "").startswith("VV")
            or not t.lemma
            or not t.text[:1].islower()
        ):
            continue
        lemma = t.lemma.lower()
        end_k = k
        _a, b = clause_bounds(toks, k)
        # The last particle of the clause belongs to the verb: "geht davon aus".
        for j in range(b - 1, k, -1):
            if toks[j].pos == "PTKVZ":
                lemma, end_k = toks[j].low + lemma, j
                break
        if lemma in THINK_LEMMAS or lemma in REPORTED_LEMMAS:
            c = CueHit(k, "speech", lemma, end_k)
            subject_of(c, toks)
            out.append(c)
    return out


def _span(toks: list[Tok], a: int, b: int) -> tuple[int, int] | None:
    while a < b and toks[a].text in _CLAUSE_STOPS:
        a += 1
    while b > a and toks[b - 1].text in _CLAUSE_STOPS:
        b -= 1
    if b <= a:
        return None
    return toks[a].start, toks[b - 1].end


def in_sentence(toks: list[Tok], cues: list[CueHit], marked: bool = False) -> list[Found]:
    """Indirect and reported speech framed in this sentence (see the module docstring).
    ``marked``: the sentence frames a direct quotation, so its verb names no reported speech
    of its own and a clause that is only the quotation is not indirect speech."""
    n = len(toks)
    if n < 3:
        return []
    end = _content_end(toks, n)
    out: list[Found] = []

    def add(a: int, b: int, kind: QuoteType, cue: CueHit) -> None:
        if sum(1 for t in toks[a:b] if t.word) < 2:
            return  # "sagte: „…“": the quotation is all there is
        sp = _span(toks, a, b)
        if sp and not any(f.start < sp[1] and sp[0] < f.end for f in out):
            out.append(Found(sp[0], sp[1], kind, cue))

    source = _source_head(toks)
    if source is not None:
        add(source[0], end, "Indirect", source[1])
    verbs = [c for c in cues if c.kind in ("speech", "report", "directive", "impersonal")]
    for c in sorted(verbs + noun_cues(toks), key=lambda c: c.k):
        a, b = clause_bounds(toks, c.k)
        b = max(b, _next_stop(toks, c.end_k))
        if a + 1 < c.k and toks[a].low in _SENTENCE_OPENERS and toks[a + 1].low == "wie":
            a += 1  # "Und wie die Polizei mitteilte, …"
        head = 1 if toks[0].low in _SENTENCE_OPENERS else 0
        if toks[a].low != "wie" and toks[head].low == "wie" and not _has_finite(toks, head, c.k):
            a = head  # "Wie X, Sprecher der Y, mitteilte, …": the appositions belong to it
        if toks[a].low == "wie" and c.via != "inverted":
            # "wie X mitteilte, …" / "…, wie X sagte.": the other part of the sentence.
            if a == 0 or (a == 1 and toks[0].low in _SENTENCE_OPENERS):
                add(b + 1, end, "Indirect", c)
            elif a >= 2 and toks[a - 1].text == ",":
                add(0, a - 1, "Indirect", c)
            continue
        if (
            (c.via == "inverted" or c.kind == "impersonal")
            and c.k == a
            and a >= 2
            and toks[a - 1].text == ","
            and _has_finite(toks, 0, a - 1)
            and not any(t.q is not None for t in toks[: a - 1])
            and toks[0].pos != "KOUS"  # "Bevor er abreiste, sagte er": no content before
        ):
            # "Die Lage sei ernst, sagte der Minister."
            add(0, a - 1, "Indirect", c)
            continue
        if b < end and toks[b].text in (",", ":") and b + 1 < end:
            j = b + 1
            stop = _later_frame(toks, cues, j) or end
            opener = toks[j].low
            zu = c.lemma in THINK_LEMMAS | REPORTED_LEMMAS and any(
                toks[i].low == "zu" and i + 1 < stop and "INF" in (toks[i + 1].pos or "")
                for i in range(j, stop)
            )
            asked = opener in W_PRONOUNS and c.lemma in ASKING_LEMMAS
            mood_clause = _has_mood(toks, j, _next_stop(toks, j))
            if opener in COMPLEMENTIZERS or asked or mood_clause or zu:
                add(j, stop, "Indirect", c)
                continue
        if (
            not marked
            and c.lemma in REPORTED_LEMMAS
            and c.via in ("before", "inverted")
            and is_finite(toks[c.k])
        ):
            add(0, n, "Reported", c)
    # Source phrases last: ", so X" after "Y sagte, …" names a channel, the verb the frame.
    for c in cues:
        if c.kind == "source":
            _source(toks, c, end, add)
    return out


def _source(
    toks: list[Tok], c: CueHit, end: int, add: Callable[[int, int, QuoteType, CueHit], None]
) -> None:
    """ "laut X, …", "nach Angaben von X …", "X zufolge …", "…, so X.": the rest of the sentence."""
    if c.subj is None:
        return
    s0, s1 = c.subj
    first = 1 if toks[0].low in _SENTENCE_OPENERS else 0
    if c.lemma == "so":
        if c.k >= 2 and toks[c.k - 1].text == ",":
            add(0, c.k - 1, "Indirect", c)
        return
    if c.lemma == "zufolge":
        if s0 <= first:
            add(c.k + 1, end, "Indirect", c)
            return
    elif c.k <= first:
        add(s1, end, "Indirect", c)
        return
    # A source phrase inside the sentence: the sentence is the reported content.
    add(0, end, "Indirect", c)


# Nouns that name what somebody said, thinks or wants: "die Ankündigung, …", "die Forderung des
# Ministers, …", "der Meinung, dass …" frame reported content as their verbs do.
SPEECH_NOUNS = frozenset(
    {
        "ankündigung",
        "forderung",
        "forderungen",
        "aussage",
        "meinung",
        "hoffnung",
        "befürchtung",
        "behauptung",
        "behauptungen",
        "vorwurf",
        "vorwürfe",
        "hinweis",
        "erklärung",
        "warnung",
        "einschätzung",
        "auffassung",
        "ansicht",
        "überzeugung",
        "zusage",
        "versprechen",
        "sorge",
        "appell",
        "aufforderung",
        "bitte",
        "vorschlag",
        "drohung",
        "bereitschaft",
        "absicht",
        "zweifel",
        "gerücht",
        "gerüchte",
        "bericht",
        "berichte",
        "meldung",
        "meldungen",
        "theorie",
        "verdacht",
        "annahme",
        "eindruck",
        "standpunkt",
        "argument",
        "beteuerung",
        "begründung",
        "erwartung",
        "prognose",
        "vermutung",
        "angst",
        "kritik",
        "ansage",
        "mitteilung",
        "information",
        "informationen",
        "feststellung",
        "schlussfolgerung",
        "ergebnis",
        "angaben",
        "äußerung",
        "äußerungen",
        "worten",
        "ankündigungen",
        "zusicherung",
        "beschluss",
        "entscheidung",
        "plan",
        "pläne",
        "ziel",
        "wunsch",
        "bedingung",
        "auflage",
        "erlaubnis",
    }
)


def noun_cues(toks: list[Tok]) -> list[CueHit]:
    """Speech nouns right before the comma of a complement ("die Forderung des Ministers, …"):
    a cue whose speaker is the genitive after it, if any."""
    out = []
    for k, t in enumerate(toks):
        if t.q is not None or t.low not in SPEECH_NOUNS or not t.text[:1].isupper():
            continue
        j = k + 1
        # A genitive or "von" phrase may follow: "die Forderung des CSU-Vorsitzenden Stoiber".
        subj = None
        if j < len(toks) and toks[j].low in ("des", "der", "von", "vom", "eines", "einer"):
            m = _next_stop(toks, j)
            if m - j <= 6:
                subj, j = (j + 1 if toks[j].low in ("von", "vom") else j, m), m
        if j < len(toks) and toks[j].text == ",":
            c = CueHit(k, "speech", t.low, k)
            c.subj, c.via = subj, ("noun" if subj else "")
            if subj is None:
                # "Die Experten kamen zu dem Ergebnis, …", "X ist der Meinung, …": the subject
                # of the clause's verb holds the view.
                verb = next((i for i in range(k - 1, -1, -1) if is_finite(toks[i])), None)
                if verb is not None and not any(
                    toks[i].text in _CLAUSE_STOPS for i in range(verb, k)
                ):
                    probe = CueHit(verb, "speech", "", verb)
                    subject_of(probe, toks)
                    c.subj, c.via = probe.subj, probe.via
            out.append(c)
    return out


def _source_head(toks: list[Tok]) -> tuple[int, CueHit] | None:
    """A source phrase heading the sentence ("Nach ersten Informationen", "Seiner Meinung nach",
    "Demnach", "Ersten Angaben zufolge"): the reported content starts at the finite verb that
    follows it (German puts the verb second)."""
    k = next((i for i, t in enumerate(toks) if is_finite(t)), None)
    if k is None or k == 0 or k > 12 or any(t.text in _CLAUSE_STOPS for t in toks[:k]):
        return None
    words = [t.low for t in toks[:k]]
    # The cue's subject is the whole source phrase ("ersten Angaben der Polizei"): the caller
    # names the source after what the phrase holds and shows the phrase as where it is named.
    if len(words) == 1 and words[0] in SOURCE_ADVERBS:
        return k, CueHit(0, "source", words[0], 0, (0, 1), "adverb")
    if words[0] in ("laut", "gemäß") and k > 1:
        return k, CueHit(0, "source", words[0], 0, (1, k), "source")
    nouns = [i for i, w in enumerate(words) if w in SOURCE_NOUNS]
    if not nouns:
        return None
    if words[0] in ("nach", "aus") and (words[0] == "nach" or words[nouns[0]] == "sicht"):
        return k, CueHit(0, "source", words[0], 0, (1, k), "source")
    if words[-1] in ("nach", "zufolge") and nouns[0] < k - 1:
        return k, CueHit(k - 1, "source", words[-1], k - 1, (0, k - 1), "source")
    return None


def hearsay_past(toks: list[Tok]) -> bool:
    """ "soll … geflohen sein", "sollen … gesagt haben": hearsay about the past, which "soll"
    marks with a perfect infinitive at the end of the sentence."""
    words = [t.low for t in toks if t.word]
    return bool(words) and words[-1] in ("sein", "haben", "worden", "gewesen")


def free_kind(toks: list[Tok], after_quote: bool) -> QuoteType | None:
    """The kind of a sentence with no frame: IndirectFreeIndirect when its main verb is in the
    subjunctive (Konjunktiv II only right after reported words), FreeIndirect for hearsay
    "soll(en)", else None."""
    for k, t in enumerate(toks):
        if t.q is not None and k == 0:
            return None
        if not is_finite(t):
            continue
        if toks[k - 1].low in COMPLEMENTIZERS if k > 0 else False:
            continue
        m = mood(toks, k)
        if m == "k1" or (m == "k2" and after_quote):
            return "IndirectFreeIndirect"
        if t.low in _HEARSAY:
            return "FreeIndirect"
        return None
    return None


# Speech verbs that take the hearer in the dative ("sagte den Abgeordneten", "warf dem
# Minister vor"); with other verbs "den"/"der" after the verb start an object or a genitive.
DATIVE_LEMMAS = frozenset(
    {
        "sagen",
        "erklären",
        "mitteilen",
        "versichern",
        "vorwerfen",
        "antworten",
        "versprechen",
        "zusichern",
        "raten",
        "empfehlen",
        "drohen",
        "berichten",
        "schreiben",
        "bestätigen",
        "verraten",
        "erzählen",
        "zurufen",
        "entgegnen",
        "erwidern",
        "schildern",
        "erläutern",
        "bekräftigen",
        "zusagen",
        "signalisieren",
    }
)
_DATIVE_PRONOUNS = frozenset({"ihm", "ihr", "ihnen", "uns", "euch", "mir", "dir"})


def _dative_end(toks: list[Tok], j: int) -> int:
    """End of a noun phrase in the dative: article, adjectives, nouns and names ("den
    versammelten Abgeordneten", "dem Sender ZDF", "Journalisten")."""
    n = len(toks)
    k = j + 1 if toks[j].low in ("dem", "den", "der", "einem", "einer", "einen") else j
    while (
        k < n
        and toks[k].q is None
        and ((toks[k].pos or "").startswith(("ADJ(A)", "ADJA", "NN", "NE", "CARD")) or toks[k].cap)
    ):
        k += 1
    return k if k > j and toks[k - 1].cap else j


def addressee(toks: list[Tok], cue: CueHit) -> tuple[int, int] | None:
    """Token range of whom the words were said to, where the frame names it: "sagte den
    Abgeordneten", "erklärte gegenüber Journalisten", "sagte er der Zeitung", "vor der Presse"."""
    if cue.kind not in ("speech", "report", "directive"):
        return None
    n = len(toks)
    j = cue.k + 1
    if cue.subj is not None and cue.subj[0] == j:
        j = cue.subj[1]  # past an inverted subject: "sagte der Minister den Gästen"
    while (
        j < n
        and (toks[j].low in C.ADVERBS or toks[j].low == "sich")
        and toks[j].low not in ("im", "am")
    ):
        j += 1
    if j >= n or toks[j].q is not None:
        return None
    low = toks[j].low
    if low in _DATIVE_PRONOUNS and cue.lemma in DATIVE_LEMMAS:
        return j, j + 1
    if low in ("gegenüber", "vor") and cue.lemma not in ("warnen", "drohen"):
        j += 1
    elif low in ("dem", "einem") or (low in ("den", "der", "einer") and cue.lemma in DATIVE_LEMMAS):
        pass
    else:
        return None
    end = _dative_end(toks, j)
    if end <= j:
        return None
    # The phrase must close the frame: a comma, colon, quotation or "dass" follows, or the
    # particle of the verb ("warf dem Minister vor").
    after = toks[end] if end < n else None
    if after is not None and not (
        after.text in (",", ":", ".")
        or after.q is not None
        or after.low == "dass"
        or end - 1 < cue.end_k <= end
        or after.pos == "PTKVZ"
    ):
        return None
    return j, end

"""Quotations with speaker, cue and channel: marked ones, and speech given without marks.

Four steps, each in its own module:

1. *Marks* (``marks``): pair quotation marks per paragraph („…“, “…”, "…", »…«, «…», nested
   ‚…‘), tolerant of the mixtures machine translation leaves („…", an opening “ closed by “,
   a stray extra closer, a missing closer at paragraph end).
2. *Frames* (``frames``): split the paragraph into sentences that never break inside a
   quotation, and find in each sentence the cues (speech verbs, "so X", "laut X", "X zufolge",
   "heißt es in X" ...).
3. *Attribution* (``speakers`` and here): pick the cue that frames each quotation, find its
   subject (inverted "sagte Kim", "Kim sagte", "was er „…“ nannte"), resolve it to an entity
   (mentions, labels, pronouns) and look for the channel ("der AFP", "in einem Artikel für die
   Zeitung X"). A quotation is speech when a speech frame holds it or it is a clause of its
   own; short terms without one are scare quotes.
4. *Unmarked speech* (``indirect``): in sentences with no direct quotation, indirect speech
   (a clause after a speech verb, a source phrase), reported speech (a speech act named) and
   free indirect speech (a subjunctive sentence with no frame, given to the speaker before).

``kind`` is the contract's coarse class (direct, indirect, scare); ``type`` the quotation
corpus's category (Direct, Indirect, Reported, FreeIndirect, IndirectFreeIndirect).
"""

from __future__ import annotations

import bisect
import re
from itertools import pairwise

from ...language.tokens import TOKEN_RE
from ...model import Article, Cue, Quote, QuoteKind, Span
from ...registry import stage
from .. import cues as C
from ..gender import person_genders
from . import indirect
from .frames import QUOTE_CHARS, Context, CueHit, Tok, find_cues, frame_tokens, subject_of
from .marks import Marks, pair_marks, split_sentences
from .speakers import Speaker, media_names, metonymic_speakers, quotes_in, resolve_np

__all__ = ["find_quotes", "pair_marks", "quotes_stage"]

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


def _pick_cue(cues: list[CueHit], toks: list[Tok], qk: int) -> CueHit | None:
    """The cue framing the quotation at token ``qk``: one right after it (", sagte X") first,
    then one ending the clause right before it ("X sagte: „…“"), then the nearest."""
    if not cues:
        return None
    n = len(toks)
    j = qk + 1
    while j < n and (toks[j].text in (",") or toks[j].text in QUOTE_CHARS):
        j += 1
    for c in cues:
        if c.k == j or (c.kind == "source" and c.k == j):
            return c
    # A verb directly after the quotation in a verb-final clause: "was er „…“ nannte".
    if qk + 1 < n and any(c.k == qk + 1 for c in cues):
        return next(c for c in cues if c.k == qk + 1)

    def dist(c: CueHit) -> tuple[int, int]:
        d = qk - c.end_k if c.k < qk else c.k - qk
        # Another quotation between cue and quotation breaks the frame unless it is the same
        # quotation continued („A“, sagte er, „B“).
        return (d, 0 if c.k < qk else 1)

    return min(cues, key=dist)


@stage(
    "quotes",
    requires=["body", "removed", "sentences", "tokens", "entities", "labels", "title"],
    assigns=["quotes"],
)
def quotes_stage(article: Article) -> Article:
    article.quotes = find_quotes(article)
    return article


def find_quotes(article: Article) -> list[Quote]:
    """All quotations in the article's headline and body, in text order."""
    text = article.text
    # The tagger calls many surnames common nouns ("Schweinsteiger", "Eisenmann"); where the
    # entity stage found a person or organisation, the frame rules see a proper name.
    named = _name_token_starts(article)
    pos = {
        t.start: "NE" if t.start in named and (t.pos or "").startswith("NN") else t.pos
        for t in article.tokens
    }
    lemmas = {t.start: t.lemma for t in article.tokens}
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
    ctx = Context(text, sorted(article.entities, key=lambda m: m.start), labels)
    ctx.genders = {
        article.entity_index[eid].canonical: g
        for eid, g in person_genders(article).items()
        if eid in article.entity_index
    }
    paragraphs: list[tuple[int, int, list[Marks]]] = []
    for span in _headline(article) + list(article.body):
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
        ss = split_sentences(text, lo, hi, qs)
        sent_of_para.append(ss)
        ctx.sentences.extend(ss)

    results: dict[int, Quote] = {}
    # The last direct quotation with a speaker: sentence index, speaker, channel, paragraph.
    last: tuple[int, Speaker, str | None, int] | None = None
    # The last speech of any type: sentence index, speaker, paragraph (for free indirect speech).
    said: tuple[int, Speaker, int] | None = None
    unmarked: list[Quote] = []
    free_at = -2  # the sentence of the last free indirect speech
    quote_names = {i: text[q.start : q.end] for i, q in enumerate(ctx.quotes) if q.depth == 0}
    top_level = sorted(
        (i for i, q in enumerate(ctx.quotes) if q.depth == 0), key=lambda i: ctx.quotes[i].open
    )
    top_opens = [ctx.quotes[i].open for i in top_level]
    si = -1
    for p_i, ss in enumerate(sent_of_para):
        for s, e in ss:
            si += 1
            qidx = quotes_in(ctx.quotes, top_level, top_opens, s, e)
            toks = frame_tokens(text, s, e, ctx.quotes, qidx, pos, lemmas)
            media = media_names(ctx, toks, quote_names)
            ctx.media_seen.extend(media)
            cues = find_cues(toks)
            for c in cues:
                subject_of(c, toks)
            direct_here = False
            for qi in qidx:
                q = ctx.quotes[qi]
                qk = next(k for k, t in enumerate(toks) if t.q == qi)
                prev_spk = last[1] if last and last[0] >= si - 1 else None
                same_para = last if last and last[3] == p_i else None
                quote, spk = _attribute(
                    ctx, q, toks, qk, cues, si, prev_spk, media, pos, last, same_para
                )
                results[qi] = quote
                if quote.kind == "direct":
                    # A quoted phrase with no frame leaves the sentence to be read for
                    # indirect speech ("Der Airbus sei „weit hinter …“ gelandet").
                    direct_here = direct_here or quote.cue is not None or qk == 0
                    if spk.name:
                        last = (si, spk, quote.channel, p_i)
                        said = (si, spk, p_i)
            prev_spk = said[1] if said and said[0] >= si - 1 else None
            found = indirect.in_sentence(toks, cues + indirect.extra_cues(toks, cues), direct_here)
            for f in found:
                spk = _source_speaker(ctx, toks, f.cue, si, prev_spk, said)
                quote = _unmarked(text, f, toks, spk)
                unmarked.append(quote)
                if spk.name:
                    said = (si, spk, p_i)
                if (
                    f.type == "Indirect"
                    and f.cue is not None
                    and f.cue.kind == "speech"
                    and not spk.is_media
                ):
                    # Words quoted inside indirect speech are the speaker's own („…“ fragments).
                    _own_words(ctx, qidx, results, quote)
            if found or direct_here:
                continue
            recent = (said is not None and said[0] >= si - 1) or free_at == si - 1
            kind = indirect.free_kind(toks, recent)
            if kind is None:
                continue
            free_at = si
            near = said is not None and (said[2] == p_i or said[0] >= si - 2)
            spk = said[1] if said is not None and near else Speaker(None, None)
            if kind == "FreeIndirect" and spk.name is None and not indirect.hearsay_past(toks):
                # "Die Brücke soll im Mai eröffnet werden" with nobody speaking nearby is a
                # plan; "soll geflohen sein" is hearsay wherever it stands.
                continue
            prior = unmarked[-1] if unmarked else None
            s0, s1 = toks[0].start, toks[-1].end
            if (
                prior is not None
                and prior.type == kind
                and prior.speaker == spk.name
                and not text[prior.end : s0].strip()
            ):
                # One speaker's run of subjunctive sentences is one quotation.
                prior.end, prior.text = s1, text[prior.start : s1]
            else:
                unmarked.append(
                    Quote(s0, s1, text[s0:s1], "indirect", spk.name, spk.span, None, None, kind)
                )
            if kind == "IndirectFreeIndirect":
                # Words quoted inside a subjunctive sentence are the reported speaker's (on the
                # corpus's train split 26 of 33 such fragments are annotated as direct speech).
                _own_words(ctx, qidx, results, unmarked[-1])
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
    marked = [results[i] for i in sorted(results, key=lambda i: ctx.quotes[i].start)]
    quotes = sorted(marked + unmarked, key=lambda q: (q.start, -q.end))
    _carry_speakers(quotes, ctx.sentences)
    metonymic_speakers(quotes, article.entities)
    return quotes


# How far back a quotation without a frame of its own looks for the one speaking before it
# (sentences); checked on the quotation corpus's train split, where unframed quotations and
# subjunctive sentences continue the speaker of the last frame.
CARRY_SENTENCES = 6


def _carry_speakers(quotes: list[Quote], sentences: list[tuple[int, int]]) -> None:
    """Speech with no frame continues the last speaker before it, when that one spoke within
    the last few sentences (reporters quote a speaker over several sentences, framing
    only the first)."""
    starts = [s for s, _ in sentences]
    last: tuple[int, Quote] | None = None
    for q in quotes:
        if q.kind == "scare":
            continue
        si = bisect.bisect_right(starts, q.start) - 1
        if (
            q.speaker is None
            and q.cue is None  # a frame that names nobody (passive, "heißt es") says so
            and last is not None
            and si - last[0] <= CARRY_SENTENCES
        ):
            q.speaker, q.speaker_span = last[1].speaker, last[1].speaker_span
        if q.speaker is not None:
            last = (bisect.bisect_right(starts, q.end - 1) - 1, q)


def _own_words(ctx: Context, qidx: list[int], results: dict[int, Quote], around: Quote) -> None:
    """Quoted fragments inside ``around`` (indirect speech) that are not names become the
    speaker's direct words, with its speaker and cue."""
    for qi in qidx:
        q, had = ctx.quotes[qi], results[qi]
        if (
            had.kind == "scare"
            and around.start <= q.open
            and q.close <= around.end
            and not _names_a_thing(ctx, q, False)
        ):
            results[qi] = Quote(
                had.start,
                had.end,
                had.text,
                "direct",
                around.speaker,
                around.speaker_span,
                around.cue,
                None,
                "Direct",
            )


def _name_token_starts(article: Article) -> set[int]:
    """Start offsets of the tokens inside person and organisation mentions."""
    spans = sorted((m.start, m.end) for m in article.entities if m.label in ("PER", "ORG"))
    starts = [a for a, _ in spans]
    out = set()
    for t in article.tokens:
        i = bisect.bisect_right(starts, t.start) - 1
        if i >= 0 and t.start < spans[i][1]:
            out.add(t.start)
    return out


def _sentence_subject(
    ctx: Context, toks: list[Tok], qk: int, si: int, prev_spk: Speaker | None
) -> Speaker:
    """The person or organisation a sentence is about, for words quoted in it without a frame
    ("Der Minister sprach sich für „einen neuen Anlauf“ aus"); else nobody."""
    verb = next((i for i, t in enumerate(toks[:qk]) if "FIN" in (t.pos or "")), None)
    if verb is None:
        return Speaker(None, None)
    probe = CueHit(verb, "speech", "", verb)
    subject_of(probe, toks)
    if probe.subj is None:
        return Speaker(None, None)
    spk = resolve_np(ctx, toks, probe.subj, si, prev_spk)
    a, b = probe.subj
    named = any(m.label in ("PER", "ORG") for m in ctx.mentions_in(toks[a].start, toks[b - 1].end))
    return spk if named or spk.is_pronoun else Speaker(None, None)


def _headline(article: Article) -> list[Span]:
    """The headline, which the cleaner keeps out of the body: headlines quote too ("X sei
    bereit, …, sagt Y"). Only the title itself, not the outlet after it."""
    title = article.title
    for r in article.removed:
        if r.reason == "title" and title:
            at = article.text.find(title, r.start, r.end)
            if at >= 0:
                return [Span(at, at + len(title))]
    return []


def _source_speaker(
    ctx: Context,
    toks: list[Tok],
    cue: CueHit | None,
    si: int,
    prev_spk: Speaker | None,
    said: tuple[int, Speaker, int] | None,
) -> Speaker:
    """The speaker of unmarked speech: the subject of its verb, or the source its phrase names
    ("nach Angaben der Polizei": the police, shown at the whole phrase; "Demnach": whoever
    spoke before)."""
    if cue is None or cue.subj is None:
        return Speaker(None, None)
    a, b = cue.subj
    if cue.via == "adverb":
        before = said[1] if said is not None and said[0] >= si - 3 else None
        return Speaker(before.name if before else None, Span(toks[a].start, toks[b - 1].end))
    if cue.kind != "source":
        return resolve_np(ctx, toks, cue.subj, si, prev_spk)
    # "Angaben der Polizei", "ersten Berichten von Augenzeugen": the owner named after the
    # source noun speaks; a bare "ersten Informationen" names nobody.
    owner = a
    while owner < b and toks[owner].low not in indirect.SOURCE_NOUNS:
        owner += 1
    phrase = Span(toks[a].start, toks[b - 1].end)
    if owner < b:
        rest = owner + 1
        if rest < b and toks[rest].low in ("von", "vom"):
            rest += 1
        if rest >= b:
            return Speaker(None, phrase)
        spk = resolve_np(ctx, toks, (rest, b), si, prev_spk)
    else:
        spk = resolve_np(ctx, toks, cue.subj, si, prev_spk)
    spk.span = phrase
    return spk


_DEFINITE = frozenset(
    {"der", "die", "das", "des", "dem", "den", "vom", "im", "zum", "zur", "am", "beim", "ins"}
)


_ABSTRACT = ("heit", "keit", "schaft", "tät", "ismus", "ion", "arbeit", "ung", "nis")


def _abstract_pair(words: str) -> bool:
    """ "Freundschaft und Zusammenarbeit": coordinated abstract nouns are a phrase somebody used,
    not a name."""
    parts = [w for w in re.findall(r"\w+", words) if w not in ("und", "oder", "sowie")]
    return len(parts) >= 2 and all(w.lower().endswith(_ABSTRACT) for w in parts)


def _names_a_thing(ctx: Context, q: Marks, clause: bool) -> bool:
    """A quoted term that is a name or a distanced word, not somebody's words: after
    "sogenannt", after "Buch", "Zeitung", "Motto" …, in a compound („Bild“-Zeitung), a title in
    title case, or an entity's name the quotation marks only set off („Ärzte ohne Grenzen“)."""
    text = ctx.text
    before_q = text[max(0, q.open - 40) : q.open].lower().rstrip()
    # "sogenannte(n|r|s)": the word before the quotation, inflected or not.
    last_word = re.search(r"(\S+(?: genannt\w*)?)$", before_q)
    if last_word is not None and any(last_word.group(1).startswith(w) for w in C.SO_CALLED):
        return True
    prev_words = re.findall(r"\w+", before_q)[-3:]
    # After a colon come somebody's words ("sagte der Zeitung: „…“"), not a title.
    titled = any(w in C.TITLE_NOUNS for w in prev_words) and not before_q.endswith(":")
    if titled or text[q.close : q.close + 1] == "-":
        return True
    if clause:
        return False
    words = text[q.start : q.end]
    if _is_title_like(words):
        return True
    if (
        words[:1].isupper()
        and prev_words
        and prev_words[-1] in _DEFINITE
        and len(words.split()) <= 6
        and not _abstract_pair(words)
    ):
        # "von der „Aktion Deutschland hilft“", "schreibt die „Computerwoche“": after a definite
        # article a capitalised quotation is mostly a name (train split: 17 of 22).
        return True
    # Calibrated on the quotation corpus's train split: a quoted name is set off, not said.
    return any(
        m.start <= q.start + 1 and m.end >= q.end - 1 and m.label != "PER"
        for m in ctx.mentions_in(q.start, q.end)
    )


def _unmarked(text: str, f: indirect.Found, toks: list[Tok], spk: Speaker) -> Quote:
    cue = None
    if f.cue is not None:
        c0, c1 = toks[f.cue.k].start, toks[f.cue.end_k].end
        cue = Cue(c0, c1, text[c0:c1])
    return Quote(
        f.start,
        f.end,
        text[f.start : f.end],
        "indirect",
        spk.name,
        spk.span,
        cue,
        None,
        f.type,
        _addressee(toks, f.cue),
    )


def _addressee(toks: list[Tok], cue: CueHit | None) -> Span | None:
    rng = indirect.addressee(toks, cue) if cue is not None else None
    if rng is None:
        return None
    return Span(toks[rng[0]].start, toks[rng[1] - 1].end)


def _attribute(
    ctx: Context,
    q: Marks,
    toks: list[Tok],
    qk: int,
    cues: list[CueHit],
    si: int,
    prev_spk: Speaker | None,
    media: list[tuple[int, str]],
    pos: dict[int, str | None],
    last: tuple[int, Speaker, str | None, int] | None,
    same_para: tuple[int, Speaker, str | None, int] | None,
) -> tuple[Quote, Speaker]:
    text = ctx.text
    words = text[q.start : q.end]
    tags = [pos.get(m.start()) for m in TOKEN_RE.finditer(text, q.start, q.end)]
    clause = _is_clause(words, tags)
    cue = _pick_cue(cues, toks, qk)
    reporter: CueHit | None = None
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
    spk = Speaker(None, None)
    if cue is not None and cue.subj is not None:
        spk = resolve_np(ctx, toks, cue.subj, si, prev_spk)
    elif cue is not None and cue.kind == "impersonal" and prev_spk is not None:
        spk = prev_spk  # "hieß es": still the source quoted before
    colon = qk > 0 and toks[qk - 1].text == ":"
    if cue is None and colon:
        # "X in einer Erklärung: „…“": the subject of the clause before the colon.
        fake = CueHit(qk - 1, "speech", "", qk - 1)
        subject_of(fake, toks[:qk])
        if fake.subj is not None:
            spk = resolve_np(ctx, toks, fake.subj, si, prev_spk)
    continued = False
    if cue is None and not colon and clause and qk == 0 and prev_spk is not None:
        # A quoted sentence right after a quotation, with no frame of its own: the same speaker.
        spk, continued = prev_spk, True

    channel = None
    if reporter is not None and reporter.subj is not None:
        ch = resolve_np(ctx, toks, reporter.subj, si, None)
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
    named = _names_a_thing(ctx, q, clause) or (
        cue is not None and toks[cue.k].low == "genannt"  # "X genannt": a name given
    )
    framed = cue is not None or colon or continued
    # An outlet that merely reports or adds ("fügten die Agenturen hinzu") frames no words of its
    # own; one that characterises ("bezeichnete … als") does.
    weak_frame = cue is not None and (
        cue.kind in ("report", "directive")
        or (spk.is_media and cue.lemma in C.NEUTRAL_REPORT_LEMMAS)
    )
    # A quoted phrase of two words or more in lower case is somebody's wording: names and
    # titles start with a capital, and a distanced term is mostly one word (on the train split
    # 47 of 78 such unframed phrases are annotated as direct speech).
    fragment = (
        not framed
        and not clause
        and words[:1].islower()
        and len(words.split()) >= 2
        and not any(t in ("FM", "NE") for t in tags)  # "in dubio pro reo", „iPod nano“
    )
    kind: QuoteKind
    if named:
        kind = "scare"
    elif clause or (framed and not weak_frame):
        kind = "direct"
    elif fragment:
        kind = "direct"
        spk = _sentence_subject(ctx, toks, qk, si, prev_spk)
    else:
        kind = "scare"
    cue_obj = None
    if cue is not None:
        c0, c1 = toks[cue.k].start, toks[cue.end_k].end
        cue_obj = Cue(c0, c1, text[c0:c1])
    if kind == "scare" and cue is None and not colon:
        spk = Speaker(None, None)
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
            "Direct" if kind == "direct" else None,
            _addressee(toks, cue) if kind == "direct" else None,
        ),
        spk,
    )

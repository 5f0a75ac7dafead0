"""Quotations without (or beyond) quotation marks, on invented German sentences.

Covered: indirect speech after a speech verb ("sagte, dass …", a Konjunktiv I clause after
"sagte,", an inverted frame after the content), source phrases heading a sentence ("Nach
Angaben …", "Laut …", "… zufolge", "Demnach"), ", so X." and "wie X mitteilte, …"; reported
speech (a speech act only named) and its absence where the verb frames a direct quotation;
free indirect speech (a run of Konjunktiv I sentences, hearsay "soll"); "was"/"wer" clauses;
quoted fragments inside indirect speech versus quoted names; quotations in the headline; a
quoted outlet as speaker; unframed quotations continuing the last speaker; and the JSON and
SQLite round trip of ``type`` and ``addressee``.

Most inputs go through ``analyze_text`` (real tokenizer, tagger and NER, offline), since the
indirect-speech rules need parts of speech and lemmas.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pressespiegel import analyze_text
from pressespiegel.extract.quotes import CARRY_SENTENCES, find_quotes
from pressespiegel.model import Article, Entity, Mention, Quote, Removed, Span
from pressespiegel.store import Database


def _analyze(text: str, tagger: str = "hanta") -> Article:
    art = analyze_text(text, id="t", language="de", clean=False, tagger=tagger)
    assert not art.errors, art.errors
    for q in art.quotes:  # every offset points into the text
        assert text[q.start : q.end] == q.text
        assert q.cue is None or text[q.cue.start : q.cue.end] == q.cue.text
    return art


def _at(text: str, span: Span | None) -> str | None:
    return None if span is None else text[span.start : span.end]


def _only(quotes: list[Quote], **want: object) -> Quote:
    """The one quote whose attributes match ``want``."""
    hits = [q for q in quotes if all(getattr(q, k) == v for k, v in want.items())]
    assert len(hits) == 1, [(q.kind, q.type, q.text) for q in quotes]
    return hits[0]


def _check_indirect(
    text: str, content: str, speaker: str | None, speaker_text: str | None, cue: str
) -> None:
    """The text holds one quotation: indirect speech with these words, speaker and cue."""
    q = _only(_analyze(text).quotes)
    assert (q.kind, q.type) == ("indirect", "Indirect")
    assert q.text == content
    assert q.speaker == speaker
    assert _at(text, q.speaker_span) == speaker_text
    assert q.cue is not None and q.cue.text == cue


def _unmarked(art: Article) -> list[Quote]:
    return [q for q in art.quotes if q.kind == "indirect"]


# --- indirect speech after a speech verb ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "Ministerin Anna Müller sagte, dass die Brücke in Gruvenau im Herbst eröffnet werde.",
            "dass die Brücke in Gruvenau im Herbst eröffnet werde",
            "Anna Müller",
            "sagte",
        ),
        (
            "Bürgermeister Peter Hansen sagte den Abgeordneten, dass die Kasse leer sei.",
            "dass die Kasse leer sei",
            "Peter Hansen",
            "sagte",
        ),
        (
            "Die Gewerkschaft kritisierte scharf, dass die Stadt an den Schulen spare.",
            "dass die Stadt an den Schulen spare",
            "Gewerkschaft",
            "kritisierte",
        ),
        (
            "Anna Müller hofft, dass die Brücke im Mai öffnet.",
            "dass die Brücke im Mai öffnet",
            "Anna Müller",
            "hofft",
        ),
    ],
)
def test_dass_clause_after_a_speech_verb(text: str, content: str, speaker: str, cue: str) -> None:
    art = _analyze(text)
    q = _only(art.quotes)
    assert (q.kind, q.type) == ("indirect", "Indirect")
    assert q.text == content and q.text.startswith("dass ")
    assert q.speaker == speaker
    assert q.cue is not None and q.cue.text == cue


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "Der Bürgermeister Peter Hansen sagte, die Stadt habe genug Geld für den Umbau.",
            "die Stadt habe genug Geld für den Umbau",
            "Peter Hansen",
            "sagte",
        ),
        (
            "Anna Müller erklärte, die Verhandlungen seien gescheitert.",
            "die Verhandlungen seien gescheitert",
            "Anna Müller",
            "erklärte",
        ),
        (
            "Ministerin Anna Müller betonte, man werde die Schulen nicht schließen.",
            "man werde die Schulen nicht schließen",
            "Anna Müller",
            "betonte",
        ),
    ],
)
def test_subjunctive_clause_after_a_speech_verb(
    text: str, content: str, speaker: str, cue: str
) -> None:
    q = _only(_analyze(text).quotes)
    assert (q.kind, q.type) == ("indirect", "Indirect")
    assert q.text == content
    assert q.speaker == speaker
    assert q.cue is not None and q.cue.text == cue


@pytest.mark.parametrize(
    "text",
    [
        "Nachdem sie das gesagt hatte, verließ die Ministerin den Saal.",
        "Bevor er abreiste, sagte der Bürgermeister nichts.",
        "Die Brücke ist so marode, dass sie gesperrt werden muss.",
    ],
)
def test_no_indirect_speech_without_a_frame_for_content(text: str) -> None:
    assert _analyze(text).quotes == []


@pytest.mark.parametrize(
    ("text", "content", "speaker", "speaker_text", "cue"),
    [
        (
            "Die Lage sei ernst, sagte der Bürgermeister.",
            "Die Lage sei ernst",
            "Bürgermeister",
            "Bürgermeister",
            "sagte",
        ),
        (
            "Die Lage sei ernst, sagte Bürgermeister Peter Hansen am Montag in Gruvenau.",
            "Die Lage sei ernst",
            "Peter Hansen",
            "Peter Hansen",
            "sagte",
        ),
        (
            "Die Brücke sei marode, erklärte die Stadtverwaltung.",
            "Die Brücke sei marode",
            "Stadtverwaltung",
            "Stadtverwaltung",
            "erklärte",
        ),
        (
            "Die Stadt Gruvenau habe kein Geld mehr, teilte der Kämmerer mit.",
            "Die Stadt Gruvenau habe kein Geld mehr",
            "Kämmerer",
            "Kämmerer",
            "teilte der Kämmerer mit",
        ),
    ],
)
def test_inverted_frame_after_the_content(
    text: str, content: str, speaker: str, speaker_text: str, cue: str
) -> None:
    _check_indirect(text, content, speaker, speaker_text, cue)


# --- source phrases ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content", "speaker", "phrase", "cue"),
    [
        (
            "Nach Angaben des Innenministeriums wurden in Gruvenau drei Schulen geschlossen.",
            "wurden in Gruvenau drei Schulen geschlossen",
            "Innenministerium",
            "Angaben des Innenministeriums",
            "Nach",
        ),
        (
            "Nach Angaben von Anna Müller wurden bei dem Unfall drei Menschen verletzt.",
            "wurden bei dem Unfall drei Menschen verletzt",
            "Anna Müller",
            "Angaben von Anna Müller",
            "Nach",
        ),
        (
            "Laut Feuerwehr brannte das Lagerhaus in Gruvenau bis zum Morgen.",
            "brannte das Lagerhaus in Gruvenau bis zum Morgen",
            "Feuerwehr",
            "Feuerwehr",
            "Laut",
        ),
        (
            "Laut Ministerin Anna Müller bleibt die Brücke bis Mai gesperrt.",
            "bleibt die Brücke bis Mai gesperrt",
            "Anna Müller",
            "Ministerin Anna Müller",
            "Laut",
        ),
        (
            # Reports with no named source: the phrase is shown, nobody is named.
            "Ersten Berichten zufolge stürzte das Dach der Halle gegen Mitternacht ein.",
            "stürzte das Dach der Halle gegen Mitternacht ein",
            None,
            "Ersten Berichten",
            "zufolge",
        ),
    ],
)
def test_source_phrase_heading_the_sentence(
    text: str, content: str, speaker: str | None, phrase: str, cue: str
) -> None:
    q = _only(_analyze(text).quotes)
    assert (q.kind, q.type) == ("indirect", "Indirect")
    assert q.text == content  # from the finite verb after the phrase to the end
    assert q.speaker == speaker
    assert _at(text, q.speaker_span) == phrase
    assert q.cue is not None and q.cue.text == cue


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Die Polizei meldete einen Brand in Gruvenau. Demnach brach das Feuer im Keller aus.",
            "Polizei",
        ),
        (
            "„Wir haben das Feuer unter Kontrolle“, sagte Einsatzleiter Jonas Weidner. "
            "Demnach brach der Brand im Keller aus.",
            "Jonas Weidner",
        ),
    ],
)
def test_demnach_refers_to_the_source_before(text: str, speaker: str) -> None:
    art = _analyze(text)
    assert len(art.quotes) == 2
    q = art.quotes[1]
    assert (q.kind, q.type) == ("indirect", "Indirect")
    assert q.text.startswith("brach ") and q.text.endswith(" im Keller aus")
    assert q.speaker == speaker
    assert _at(text, q.speaker_span) == "Demnach"
    assert q.cue is not None and q.cue.text == "Demnach"


@pytest.mark.parametrize(
    ("text", "content", "speaker", "speaker_text", "cue"),
    [
        (
            "Das Feuer brach im Keller aus, so Feuerwehrsprecher Jonas Weidner.",
            "Das Feuer brach im Keller aus",
            "Jonas Weidner",
            "Feuerwehrsprecher Jonas Weidner",
            "so",
        ),
        (
            "Die Brücke bleibt bis Mai gesperrt, so Anna Müller.",
            "Die Brücke bleibt bis Mai gesperrt",
            "Anna Müller",
            "Anna Müller",
            "so",
        ),
        (
            "Wie die Stadtverwaltung mitteilte, bleibt das Rathaus am Freitag geschlossen.",
            "bleibt das Rathaus am Freitag geschlossen",
            "Stadtverwaltung",
            "Stadtverwaltung",
            "mitteilte",
        ),
        (
            "Wie Anna Müller mitteilte, bleibt die Brücke bis Mai gesperrt.",
            "bleibt die Brücke bis Mai gesperrt",
            "Anna Müller",
            "Anna Müller",
            "mitteilte",
        ),
        (
            "Die Brücke bleibt bis Mai gesperrt, wie ein Sprecher der Stadt sagte.",
            "Die Brücke bleibt bis Mai gesperrt",
            "Sprecher der Stadt",
            "Sprecher der Stadt",
            "sagte",
        ),
    ],
)
def test_so_x_and_wie_x_mitteilte(
    text: str, content: str, speaker: str, speaker_text: str, cue: str
) -> None:
    _check_indirect(text, content, speaker, speaker_text, cue)


# --- reported speech --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("Die Opposition forderte Neuwahlen.", "Opposition", "forderte"),
        (
            "Der Bürgermeister kündigte seinen Rücktritt an.",
            "Bürgermeister",
            "kündigte seinen Rücktritt an",
        ),
        ("Anna Müller warnte vor einer neuen Krise.", "Anna Müller", "warnte"),
        (
            "Der Bürgermeister wies die Vorwürfe zurück.",
            "Bürgermeister",
            "wies die Vorwürfe zurück",
        ),
    ],
)
def test_reported_speech_is_the_whole_sentence(text: str, speaker: str, cue: str) -> None:
    q = _only(_analyze(text).quotes)
    assert (q.kind, q.type) == ("indirect", "Reported")
    assert (q.start, q.end) == (0, len(text))  # speaker and final stop included
    assert q.speaker == speaker
    assert q.cue is not None and q.cue.text == cue


@pytest.mark.parametrize(
    "text",
    [
        "Anna Müller forderte: „Wir brauchen sofort mehr Geld für die Schulen.“",
        "„Die Stadt spart an der falschen Stelle“, kritisierte die Gewerkschaft.",
        "Die Gewerkschaft warnte: „Die Streiks werden weitergehen.“",
    ],
)
def test_a_frame_of_a_direct_quotation_is_no_reported_speech(text: str) -> None:
    art = _analyze(text)
    assert [q.kind for q in art.quotes] == ["direct"]
    assert all(q.type != "Reported" for q in art.quotes)
    assert art.quotes[0].speaker is not None


# --- free indirect speech ---------------------------------------------------------------------


def test_subjunctive_run_after_indirect_speech_is_one_free_indirect_quote() -> None:
    text = (
        "Ministerin Anna Müller sagte, die Brücke sei marode. "
        "Sie müsse sofort gesperrt werden. Die Kosten seien hoch."
    )
    art = _analyze(text)
    first = _only(art.quotes, type="Indirect")
    assert first.text == "die Brücke sei marode"
    free = _only(art.quotes, type="IndirectFreeIndirect")
    assert free.kind == "indirect"
    assert free.text == "Sie müsse sofort gesperrt werden. Die Kosten seien hoch."
    assert free.speaker == first.speaker == "Anna Müller"
    assert free.cue is None
    assert len(art.quotes) == 2


def test_indicative_sentence_after_indirect_speech_is_not_free_indirect() -> None:
    art = _analyze("Anna Müller sagte, die Brücke sei marode. Der Rat tagte am Abend.")
    assert [q.type for q in art.quotes] == ["Indirect"]


def test_subjunctive_sentence_with_nobody_speaking_before_has_no_speaker() -> None:
    q = _only(_analyze("Die Lage sei ernst.").quotes)
    assert (q.kind, q.type, q.speaker) == ("indirect", "IndirectFreeIndirect", None)


@pytest.mark.parametrize(
    "text",
    [
        "Der Verdächtige soll das Geld aus der Kasse genommen haben.",
        "Der Täter soll mit einem roten Wagen geflohen sein.",
    ],
)
def test_hearsay_soll_is_free_indirect(text: str) -> None:
    q = _only(_analyze(text).quotes)
    assert (q.kind, q.type) == ("indirect", "FreeIndirect")
    assert q.text == text
    assert q.speaker is None and q.cue is None


# --- "was" and "wer" ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Die Ministerin kritisierte, was der Minister damals beschlossen hatte.",
        "Die Ministerin lobte, was die Helfer in der Nacht geleistet hatten.",
    ],
)
def test_free_relative_after_a_non_asking_verb_is_not_indirect(text: str) -> None:
    art = _analyze(text)
    assert all(q.type != "Indirect" for q in art.quotes)
    assert not any(q.text.startswith("was ") for q in art.quotes)


def test_was_er_nannte_gives_the_quoted_words_to_the_relative_clause_subject() -> None:
    text = (
        "Anna Müller traf den Bürgermeister Peter Hansen. "
        "Sie kritisierte, was er „eine reine Show“ nannte."
    )
    q = _only(_analyze(text).quotes)
    assert (q.kind, q.text) == ("direct", "eine reine Show")
    assert q.speaker == "Peter Hansen"
    assert _at(text, q.speaker_span) == "er"
    assert q.cue is not None and q.cue.text == "nannte"


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "Die Reporterin fragte, wer die Kosten für den Umbau trage.",
            "wer die Kosten für den Umbau trage",
            "Reporterin",
        ),
        (
            "Der Richter fragte, wer den Wagen gefahren habe.",
            "wer den Wagen gefahren habe",
            "Richter",
        ),
        (
            "Die Polizei prüft, wer für den Brand verantwortlich ist.",
            "wer für den Brand verantwortlich ist",
            "Polizei",
        ),
    ],
)
def test_question_after_a_verb_of_asking_is_indirect(text: str, content: str, speaker: str) -> None:
    q = _only(_analyze(text).quotes)
    assert (q.kind, q.type) == ("indirect", "Indirect")
    assert q.text == content
    assert q.speaker == speaker


# --- quotation marks inside indirect speech ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Anna Müller sagte, dass die Stadt „keinen Cent“ mehr ausgeben werde.",
        "Anna Müller sagte, die Stadt werde „keinen Cent“ mehr ausgeben.",
    ],
)
def test_fragment_inside_indirect_speech_is_the_speakers_own_words(text: str) -> None:
    art = _analyze(text)
    outer = _only(art.quotes, kind="indirect")
    inner = _only(art.quotes, text="keinen Cent")
    assert outer.type == "Indirect"
    assert outer.start <= inner.start and inner.end <= outer.end
    assert inner.kind == "direct"
    assert inner.speaker == outer.speaker == "Anna Müller"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Anna Müller sagte, dass die Stadt Geld von der „Gartenhilfe“ erhalte.", "Gartenhilfe"),
        (
            "Anna Müller sagte, dass die Stadt Geld von der „Aktion Grüne Stadt“ erhalte.",
            "Aktion Grüne Stadt",
        ),
        (
            "Anna Müller sagte, dass die sogenannten „Sparpakete“ vor allem die Schulen träfen.",
            "Sparpakete",
        ),
        ("Die Stadt bekam Geld von der „Gartenhilfe“.", "Gartenhilfe"),
        ("Die sogenannten „Sparpakete“ trafen vor allem die Schulen.", "Sparpakete"),
    ],
)
def test_quoted_names_and_so_called_terms_are_scare_quotes(text: str, name: str) -> None:
    art = _analyze(text)
    q = _only(art.quotes, text=name)
    assert q.kind == "scare"
    assert q.type is None
    assert all(other.kind != "direct" for other in art.quotes)


# --- headlines ------------------------------------------------------------------------------


def test_quotation_in_the_headline_is_found() -> None:
    text = (
        "„Die Brücke bleibt bis Mai gesperrt“, sagt Bürgermeisterin Anna Müller\n\n"
        "Die Sanierung der alten Eisenbahnbrücke in Gruvenau dauert länger als geplant. "
        "Die Stadt rechnet mit Mehrkosten von einer Million Euro."
    )
    art = analyze_text(text, id="t", language="de", clean=True)
    assert art.title is not None and art.title.startswith("„Die Brücke")
    title = next(r for r in art.removed if r.reason == "title")
    assert all(not (s.start < title.end and title.start < s.end) for s in art.body)
    q = _only(art.quotes, text="Die Brücke bleibt bis Mai gesperrt")
    assert title.start <= q.start and q.end <= title.end
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.endswith("Anna Müller")
    assert q.cue is not None and q.cue.text == "sagt"


def _headline_article(reason: str) -> Article:
    """A hand-made article: a quoting headline removed for ``reason``, then one body line."""
    title = "„Wir halten an der Brücke fest“, sagt Anna Müller"
    body = "Die Stadt Gruvenau berät am Montag über den Haushalt."
    text = f"{title}\n{body}"
    art = Article(id="t", text=text, title=title)
    art.removed = [Removed(0, len(title), reason)]
    art.body = [Span(len(title) + 1, len(text))]
    at = text.find("Anna Müller")
    art.entities = [Mention(at, at + 11, "Anna Müller", "PER", "Anna Müller", "Anna Müller")]
    art.entity_index["Anna Müller"] = Entity("Anna Müller", "Anna Müller", "PER", ["Anna Müller"])
    return art


def test_headline_is_read_only_when_removed_as_title() -> None:
    q = _only(find_quotes(_headline_article("title")))
    assert (q.kind, q.text) == ("direct", "Wir halten an der Brücke fest")
    assert q.speaker == "Anna Müller"
    assert q.cue is not None and q.cue.text == "sagt"
    assert find_quotes(_headline_article("navigation")) == []


# --- a quoted outlet as speaker ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "outlet", "kind"),
    [
        ("Das Projekt komme zu spät, schrieb die „Morgenpost“.", "Morgenpost", "indirect"),
        (
            "Das Projekt komme zu spät, schrieb die „Gruvenauer Rundschau“.",
            "Gruvenauer Rundschau",
            "indirect",
        ),
        (
            "„Das Projekt kommt viel zu spät für die Stadt“, schrieb die „Gruvenauer Rundschau“.",
            "Gruvenauer Rundschau",
            "direct",
        ),
    ],
)
def test_quoted_title_as_subject_is_the_speaker(text: str, outlet: str, kind: str) -> None:
    art = _analyze(text)
    speech = _only(art.quotes, kind=kind)
    assert speech.speaker == outlet
    assert _at(text, speech.speaker_span) == outlet
    assert speech.cue is not None and speech.cue.text == "schrieb"
    assert _only(art.quotes, text=outlet).kind == "scare"  # the title itself is no speech


# --- unframed quotations continue the last speaker ---------------------------------------------

_FRAMED = "„Wir werden die Schule im Sommer renovieren“, sagte Bürgermeister Peter Hansen."
_UNFRAMED = "„Die Eltern müssen sich keine Sorgen machen, das Geld ist da.“"
_FILLER = [
    "Der Rat tagte bis zum späten Abend.",
    "Danach gingen alle nach Hause.",
    "Am Morgen regnete es stark.",
    "Die Straßen waren nass.",
    "Viele Busse kamen zu spät.",
    "Der Markt öffnete erst um zehn Uhr.",
    "Im Park blühten die ersten Tulpen.",
    "Ein Hund lief über den Platz.",
]


def _between(n: int) -> str:
    return " ".join([_FRAMED, *(_FILLER[i % len(_FILLER)] for i in range(n)), _UNFRAMED])


@pytest.mark.parametrize("gap", [0, 2])
def test_unframed_quotation_continues_the_speaker_nearby(gap: int) -> None:
    art = _analyze(_between(gap))
    assert [q.kind for q in art.quotes] == ["direct", "direct"]
    assert [q.speaker for q in art.quotes] == ["Peter Hansen", "Peter Hansen"]
    assert art.quotes[1].cue is None


def test_unframed_quotation_far_from_any_speaker_has_none() -> None:
    art = _analyze(_between(CARRY_SENTENCES + 2))
    assert [q.kind for q in art.quotes] == ["direct", "direct"]
    assert art.quotes[0].speaker == "Peter Hansen"
    assert art.quotes[1].speaker is None and art.quotes[1].speaker_span is None


# --- store round trip -------------------------------------------------------------------------

_STORED = (
    "Die Opposition forderte Neuwahlen. "
    "Ministerin Anna Müller sagte den Abgeordneten, dass die Kasse leer sei. "
    "„Wir sparen trotzdem nicht an den Schulen“, sagte sie. "
    "Der Täter soll mit einem roten Wagen geflohen sein."
)


def _stored_article() -> Article:
    art = _analyze(_STORED)
    # The extractor leaves ``addressee`` unset; set it by hand to check it survives.
    indirect = _only(art.quotes, type="Indirect")
    at = _STORED.index("den Abgeordneten")
    indirect.addressee = Span(at, at + len("den Abgeordneten"))
    return art


def test_types_of_the_stored_article() -> None:
    art = _stored_article()
    assert [(q.kind, q.type) for q in art.quotes] == [
        ("indirect", "Reported"),
        ("indirect", "Indirect"),
        ("direct", "Direct"),
        ("indirect", "FreeIndirect"),
    ]


def test_json_round_trip_keeps_type_and_addressee() -> None:
    art = _stored_article()
    data = json.loads(json.dumps(art.to_dict(), ensure_ascii=False))
    assert {q["type"] for q in data["quotes"]} == {"Reported", "Indirect", "Direct", "FreeIndirect"}
    back = Article.from_dict(data)
    assert back.quotes == art.quotes
    addressed = _only(back.quotes, type="Indirect")
    assert _at(back.text, addressed.addressee) == "den Abgeordneten"
    assert all(q.addressee is None for q in back.quotes if q is not addressed)


def test_database_round_trip_keeps_type_and_addressee(tmp_path: Path) -> None:
    art = _stored_article()
    with Database(tmp_path / "q.db") as db:
        assert db.add_article(art)
        (back,) = list(db.articles())
    assert back.quotes == art.quotes
    rows = [(q.type, _at(back.text, q.addressee) if q.addressee else None) for q in back.quotes]
    assert rows == [
        ("Reported", None),
        ("Indirect", "den Abgeordneten"),
        ("Direct", None),
        ("FreeIndirect", None),
    ]


# --- frames: who speaks -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The quoted person speaks, not the outlet that quotes.
        ("„Wir bleiben hier“, zitiert die Rundschau Bürgermeister Peter Hansen.", "Peter Hansen"),
        ("Die Rundschau zitiert den Kämmerer mit den Worten „Das Geld reicht nicht.“", "Kämmerer"),
        # A passive frame's agent.
        ("Der Plan wird von Kritikern als „völlig verfehlt“ bezeichnet.", "Kritikern"),
        # An indefinite pronoun heading the subject.
        (
            "Einer der beteiligten Helfer sagte: „So etwas habe ich nie gesehen.“",
            "Einer der beteiligten Helfer",
        ),
        # A number inside the subject.
        ("Der 23-jährige Läufer gab bekannt: „Ich höre auf.“", "23-jährige Läufer"),
        # An adverbial adjective heading the sentence is no subject.
        ("Relativierend fügte Anna Müller hinzu: „Das gilt nicht für alle.“", "Anna Müller"),
    ],
)
def test_speaker_of_a_frame(text: str, speaker: str) -> None:
    q = _only(_analyze(text).quotes, kind="direct")
    assert q.speaker == speaker


def test_a_document_named_after_heisst_es_is_the_source() -> None:
    # HanTa's tags: the fast tagger takes the invented place adjective "Gruvenauer" for a noun.
    text = "„Wir fordern Aufklärung“, heißt es im Gruvenauer Elternschreiben."
    q = _only(_analyze(text, tagger="hanta").quotes, kind="direct")
    assert _at(text, q.speaker_span) == "Gruvenauer Elternschreiben"


@pytest.mark.parametrize(
    ("text", "addressee"),
    [
        (
            "Bürgermeister Peter Hansen sagte den Abgeordneten, dass die Kasse leer sei.",
            "den Abgeordneten",
        ),
        ("Anna Müller erklärte gegenüber Journalisten, die Lage sei ernst.", "Journalisten"),
        (
            "„Wir bleiben“, sagte der Trainer dem Sender Radio Gruvenau.",
            "dem Sender Radio Gruvenau",
        ),
    ],
)
def test_addressee_where_the_frame_names_it(text: str, addressee: str) -> None:
    (q,) = [q for q in _analyze(text).quotes if q.kind != "scare"]
    assert _at(text, q.addressee) == addressee


def test_no_addressee_for_an_object_or_a_warning() -> None:
    for text in ("Sie forderte den Rücktritt des Ministers.", "Er warnte vor einem Streik."):
        assert all(q.addressee is None for q in _analyze(text).quotes)


# --- fragments: wording or name ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "kind"),
    [
        # A lower-case phrase of two words or more is somebody's wording.
        (
            "Die Ministerin hält das Vorhaben für „völlig unrealistisch“.",
            "völlig unrealistisch",
            "direct",
        ),
        # One word, a foreign phrase or a product name is not.
        ("Das Vorhaben gilt als „unrealistisch“.", "unrealistisch", "scare"),
        ("Das Gericht entschied „in dubio pro reo“.", "in dubio pro reo", "scare"),
        ("Die Firma verkauft den „iPod nano“ weiter.", "iPod nano", "scare"),
    ],
)
def test_quoted_phrase_without_a_frame(text: str, fragment: str, kind: str) -> None:
    q = _only(_analyze(text).quotes, text=fragment)
    assert q.kind == kind
    assert q.type == ("Direct" if kind == "direct" else None)


def test_a_title_after_a_colon_is_speech() -> None:
    # "der Zeitung" names a publication, but after the colon come somebody's words.
    text = "Der Sprecher sagte der Zeitung: „Wir prüfen das.“"
    q = _only(_analyze(text).quotes, text="Wir prüfen das.")
    assert (q.kind, q.speaker) == ("direct", "Sprecher")

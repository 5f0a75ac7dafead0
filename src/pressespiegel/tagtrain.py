"""Training the fast German tagger: HanTa's analyses of permissively licensed text, learned.

``pressespiegel train-tagger`` and ``bench/tagger_bench.py`` call into this module; nothing here
runs at tagging time. The recipe:

1. Read the sentences of the permissively licensed corpora of a data folder laid out like
   ``../shared/data`` (only their train and dev files; see :data:`TAGGER_CORPORA`).
2. Tag them with HanTa (STTS tag and lemma per word), exactly as the ``tokens`` stage does.
3. Train the averaged perceptron of :mod:`.language.perceptron` on HanTa's tags, and build its
   lemma table and suffix rules from HanTa's lemmas.

So the fast tagger is taught to say what HanTa says: every rule built on HanTa's tags (quotes,
labels, NER features) keeps its meaning, and HanTa stays available as the reference.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .extract.ner_train import CORPORA, GERMEVAL
from .language.perceptron import (
    MODEL_FILE,
    PerceptronTagger,
    Tagged,
    hanta_lexicon,
    train_perceptron,
)
from .language.tokens import tagger_form

#: Corpora whose text the shipped tagger learns from (all CC BY 4.0): news, tweets and traffic
#: reports (SmartData), court decisions (legal), news and Wikipedia (GermEval 2014 dev).
TAGGER_CORPORA: tuple[str, ...] = ("smartdata", "legal", GERMEVAL.name)


def corpus_sentences(data: Path, names: Sequence[str] = TAGGER_CORPORA) -> list[list[str]]:
    """The words of every sentence of the named corpora."""
    out: list[list[str]] = []
    for name in names:
        corpus = GERMEVAL if name == GERMEVAL.name else CORPORA[name]
        out.extend(words for words, _tags in corpus.read(data))
    return out


def hanta_tag(sentences: Iterable[Sequence[str]]) -> list[Tagged]:
    """(words, STTS tags, lemmas) of each sentence, as HanTa tags them in the pipeline."""
    from .language.tokens import hanta_tag_words

    out: list[Tagged] = []
    for words in sentences:
        pairs = hanta_tag_words(list(words))
        out.append((list(words), [p for _, p in pairs], [lemma for lemma, _ in pairs]))
    return out


def load_tagged(path: Path) -> list[Tagged]:
    out: list[Tagged] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            out.append((d["w"], d["t"], d["l"]))
    return out


def save_tagged(tagged: Iterable[Tagged], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as fh:
        for words, tags, lemmas in tagged:
            fh.write(json.dumps({"w": words, "t": tags, "l": lemmas}, ensure_ascii=False) + "\n")
    tmp.replace(path)


@dataclass(frozen=True, slots=True)
class Agreement:
    """How often the fast tagger says what HanTa says, per token."""

    tokens: int
    tags: float
    lemmas: float

    def __str__(self) -> str:
        return f"{self.tokens} tokens: tag {self.tags:.4f}, lemma {self.lemmas:.4f}"


def agreement(tagger: PerceptronTagger, reference: Sequence[Tagged]) -> Agreement:
    n = same_tag = same_lemma = 0
    for words, tags, lemmas in reference:
        for (lemma, tag), gold_tag, gold_lemma in zip(tagger.tag(words), tags, lemmas, strict=True):
            n += 1
            same_tag += tag == gold_tag
            same_lemma += lemma == gold_lemma
    return Agreement(n, same_tag / max(n, 1), same_lemma / max(n, 1))


def train_tagger(
    data: Path,
    out: Path,
    *,
    epochs: int = 6,
    cache: Path | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, object]:
    """Tag the corpora with HanTa (or read ``cache``), train, write the model to ``out``."""
    t0 = time.perf_counter()
    if cache is not None and cache.is_file():
        tagged = load_tagged(cache)
        log(f"read {len(tagged)} HanTa-tagged sentences from {cache}")
    else:
        sents = corpus_sentences(data)
        log(f"tagging {len(sents)} sentences with HanTa")
        tagged = hanta_tag(sents)
        if cache is not None:
            save_tagged(tagged, cache)
    # Every tenth sentence is held out to report agreement with HanTa on text not trained on.
    train = [s for i, s in enumerate(tagged) if i % 10]
    held = [s for i, s in enumerate(tagged) if not i % 10]
    out.mkdir(parents=True, exist_ok=True)
    # The tagger sees what the pipeline gives it: the ASCII stand-ins of typographic marks.
    train = [([tagger_form(w) for w in words], tags, lemmas) for words, tags, lemmas in train]
    held = [([tagger_form(w) for w in words], tags, lemmas) for words, tags, lemmas in held]
    train_perceptron(train, out / MODEL_FILE, epochs=epochs, lexicon=hanta_lexicon(), log=log)
    tagger = PerceptronTagger.load(out / MODEL_FILE)
    agree = agreement(tagger, held)
    log(f"held-out agreement with HanTa: {agree}")
    card: dict[str, object] = {
        "trained": time.strftime("%Y-%m-%d"),
        "seconds": round(time.perf_counter() - t0),
        "epochs": epochs,
        "corpora": {
            n: (GERMEVAL if n == GERMEVAL.name else CORPORA[n]).licence for n in TAGGER_CORPORA
        },
        "sentences": len(train),
        "tokens": sum(len(s[0]) for s in train),
        "held_out": {
            "tokens": agree.tokens,
            "tag_agreement": round(agree.tags, 4),
            "lemma_agreement": round(agree.lemmas, 4),
        },
        "teacher": "HanTa morphmodel_ger.pgz (STTS, taglevel 1)",
    }
    (out / "TAGGER.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card

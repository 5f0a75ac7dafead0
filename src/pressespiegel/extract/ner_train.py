"""Training the German NER model: corpora, the training recipe, cross-validation.

``pressespiegel train-ner`` and ``eval/ner_germeval.py`` call into this module. The corpora are
read from a data folder laid out like ``../shared/data`` (GermEval 2014 in the GermEval TSV
format, the others as ``token<TAB>BIO-tag`` files; see that folder's README). Nothing here runs
at tagging time.

Labels. The model tags the outer span with PER, ORG, LOC or MISC. GermEval's OTH becomes MISC;
its ``-deriv`` (``deutschen``) and ``-part`` (``EU-weit``, ``Merkel-Regierung``) tags become O,
because a dossier wants actors, and an adjective or a compound is not a mention of one.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import E, ModelError
from ..model import Article, Token
from ..model import Sentence as ModelSentence
from ..pipeline import DEFAULT_TAGGER
from .ner_features import (
    CLASSES_FILE,
    CLUSTERS_FILE,
    NAMES_FILE,
    TARGET_DOMAIN,
    FeatureSet,
    in_domain,
    load_piece_classes,
    load_word_clusters,
)

Sentence = tuple[list[str], list[str]]  # words, BIO tags

LABELS = ("PER", "ORG", "LOC", "MISC")
CARD_FILE = "MODEL.json"
_GERMEVAL_MAP = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": "MISC"}


def read_germeval(path: Path) -> list[Sentence]:
    """GermEval 2014 TSV (``idx token outer inner``); outer tags mapped (module docstring)."""
    out: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):  # a comment line starts a sentence
            if words:
                out.append((words, _repair(tags)))
                words, tags = [], []
            continue
        cols = line.split("\t")
        words.append(cols[1])
        tag = cols[2]
        if tag == "O":
            tags.append("O")
        else:
            prefix, label = tag[:2], tag[2:]
            mapped = _GERMEVAL_MAP.get(label)
            tags.append(prefix + mapped if mapped else "O")
    if words:
        out.append((words, _repair(tags)))
    return out


def read_conll(path: Path) -> list[Sentence]:
    """``token<TAB>BIO-tag`` lines, a blank line between sentences."""
    out: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                out.append((words, _repair(tags)))
                words, tags = [], []
            continue
        tok, _, tag = line.partition("\t")
        if not tok:
            continue
        words.append(tok)
        tags.append(tag.strip() if tag.strip()[2:] in LABELS else "O")
    if words:
        out.append((words, _repair(tags)))
    return out


def _repair(tags: list[str]) -> list[str]:
    """Valid BIO2: an I- without a matching B-/I- before it starts the entity."""
    out: list[str] = []
    prev = "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """(start, end, label) token spans of a BIO2 sequence."""
    from .ner_model import token_spans

    return set(token_spans(tags))


# --- the recipe -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Corpus:
    """One annotated corpus: where it is, how to read it, under what licence."""

    name: str
    files: tuple[str, ...]  # relative to the data folder
    licence: str
    reader: str = "conll"  # or "germeval"
    shippable: bool = True  # may a model shipped to users learn from it?

    def read(self, data: Path) -> list[Sentence]:
        for f in self.files:
            if not (data / f).is_file():
                raise ModelError(E.NO_TRAINING_DATA, path=data / f)
        read = read_germeval if self.reader == "germeval" else read_conll
        out: list[Sentence] = []
        for f in self.files:
            out.extend(read(data / f))
        if self.reader != "germeval":
            out = [(w, harmonize(w, t)) for w, t in out]
        return out


def harmonize(words: Sequence[str], tags: Sequence[str]) -> list[str]:
    """Tags of another corpus brought to GermEval's conventions: an entity starting with a
    lower-case word ("dänischen", "deutsch-französische") is a derivation there, so O here."""
    out = list(tags)
    for start, end, _ in spans(tags):
        if not words[start][:1].isupper():
            out[start:end] = ["O"] * (end - start)
    return out


GERMEVAL = Corpus("germeval2014-dev", ("germeval2014/NER-de-dev.tsv",), "CC BY 4.0", "germeval")

# Other corpora, for the name list and for experiments (``eval/ner_germeval.py --with NAME``).
# Only their train and dev files: test splits are kept for independent evaluation.
CORPORA: dict[str, Corpus] = {
    c.name: c
    for c in (
        Corpus(
            "smartdata",
            ("ner_de/smartdata_de/v1-rest.tsv", "ner_de/smartdata_de/v3-dev.tsv"),
            "CC BY 4.0",
        ),
        Corpus("europeana", ("ner_de/europeana_de/all.tsv",), "CC0 1.0"),
        Corpus("legal", ("ner_de/legal_ler_de/dev.tsv",), "CC BY 4.0"),
        Corpus(
            "hipe-ccby",
            (
                "ner_de/hipe2022_de/newseye-dev.tsv",
                "ner_de/hipe2022_de/newseye-dev2.tsv",
                "ner_de/hipe2022_de/sonar-dev.tsv",
            ),
            "CC BY 4.0",
        ),
        Corpus(
            "wikiann",
            ("ner_de/wikiann_de/train.tsv", "ner_de/wikiann_de/dev.tsv"),
            "CC BY-SA (Wikipedia), silver",
        ),
        Corpus(
            "wikineural",
            ("ner_de/wikineural_de/dev.tsv",),
            "CC BY-NC-SA 4.0, silver",
            shippable=False,
        ),
    )
}

# The name list (a feature: which label a word mostly carries inside entities) is built from
# these permissively licensed gold corpora. On GermEval fold 1 it lifted F1 from .674 to .699,
# as much as the same list built from WikiANN (.695), which is CC BY-SA and silver.
NAME_CORPORA = ("smartdata", "europeana", "legal", "hipe-ccby")
# Sentences of other corpora, mixed in plainly, hurt on GermEval once the name list, POS and rule
# features were in (fold 1: .676 with SmartData's 11k sentences against .699 without; Europeana,
# the legal corpus and WikiANN hurt more): their conventions differ. With domain adaptation
# (ner_features.in_domain) SmartData helps: folds 1 and 3, CRF alone, .698 -> .706 and
# .696 -> .713.
RECIPE: tuple[str, ...] = ("smartdata",)


def build_names(data: Path, corpora: Sequence[str] = NAME_CORPORA) -> dict[str, str]:
    """Capitalised words that mostly stand inside entities of the corpora, with the label they
    mostly carry: seen at least twice in entities, at least 60 % of their occurrences inside an
    entity, and at least 70 % of those with one label (thresholds set on GermEval fold 1)."""
    inside: dict[str, Counter[str]] = {}
    total: Counter[str] = Counter()
    for name in corpora:
        for words, tags in CORPORA[name].read(data):
            total.update(words)
            for start, end, label in spans(tags):
                for w in words[start:end]:
                    inside.setdefault(w, Counter())[label] += 1
    out: dict[str, str] = {}
    for w, labels in inside.items():
        label, n = labels.most_common(1)[0]
        if n >= 2 and n / total[w] >= 0.6 and w[:1].isupper() and n / labels.total() >= 0.7:
            out[w] = label
    return out


# --- training ---------------------------------------------------------------------------------


@dataclass(slots=True)
class TrainConfig:
    # L1 and L2 weights of CRFsuite's L-BFGS training; halving both lost 2.4 points on fold 1.
    c1: float = 0.05
    c2: float = 0.01
    max_iterations: int = 150
    seed: int = 13  # k-means of the word classes; CRFsuite's L-BFGS is deterministic
    # GermEval is the only corpus in the target domain (recent German news and Wikipedia, with
    # GermEval's conventions); repeating it three times beat once (fold 1: F1 .647 vs .634).
    germeval_repeat: int = 3
    extra: tuple[str, ...] = RECIPE  # names in CORPORA whose sentences are added


@dataclass(slots=True)
class Prepared:
    """A training sentence with what the tagger sees at run time: POS tags and rule hints."""

    words: list[str]
    tags: list[str]
    pos: list[str | None]
    hints: list[str]
    domain: str = TARGET_DOMAIN  # the corpus's, for domain adaptation (ner_features.in_domain)


def prepare(sents: Iterable[Sentence], domain: str = TARGET_DOMAIN) -> list[Prepared]:
    """Tag each sentence with the default tagger and the rule-based NER, as the pipeline does."""
    from .entities import RuleNER
    from .ner_model import span_tags

    rules = RuleNER()
    out: list[Prepared] = []
    for words, tags in sents:
        art = sentence_article(words)
        out.append(
            Prepared(
                list(words),
                list(tags),
                [t.pos for t in art.tokens],
                span_tags(art.tokens, rules(art)),
                domain,
            )
        )
    return out


def sentence_article(words: Sequence[str]) -> Article:
    """An article holding one pre-tokenised sentence (words joined by spaces), POS-tagged as the
    pipeline would, so the whole NER backend (model and rules) can run on it."""
    from ..language.tokens import tag_words

    text = " ".join(words)
    tokens: list[Token] = []
    pos = 0
    for w, (lemma, p) in zip(words, tag_words(list(words)), strict=True):
        tokens.append(Token(pos, pos + len(w), w, pos=p, lemma=lemma))
        pos += len(w) + 1
    return Article(
        id="s",
        text=text,
        language="de",
        sentences=[ModelSentence(0, len(text), "de")],
        tokens=tokens,
    )


def train(
    sents: Sequence[Prepared],
    model_path: Path,
    features: FeatureSet,
    config: TrainConfig,
    log: Callable[[str], None] = print,
) -> None:
    """Train a CRF on prepared sentences and write it to ``model_path``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for s in sents:
        trainer.append(in_domain(features.sentence(s.words, s.pos, s.hints), s.domain), s.tags)
    trainer.set_params(
        {
            "c1": config.c1,
            "c2": config.c2,
            "max_iterations": config.max_iterations,
            "feature.possible_transitions": True,
        }
    )
    t0 = time.perf_counter()
    trainer.train(str(model_path))
    log(f"trained on {len(sents)} sentences in {time.perf_counter() - t0:.0f} s")


def training_set(data: Path, germeval: Sequence[Sentence], config: TrainConfig) -> list[Prepared]:
    """GermEval (repeated ``config.germeval_repeat`` times) and the extra corpora, prepared."""
    return prepare(germeval) * config.germeval_repeat + prepare_extra(data, config)


def prepare_extra(data: Path, config: TrainConfig) -> list[Prepared]:
    """The extra corpora's sentences, prepared, in ``config.extra``'s order."""
    out: list[Prepared] = []
    for name in config.extra:
        out.extend(prepare(CORPORA[name].read(data), domain=name))
    return out


def shipped_clusters() -> Path:
    """The word-cluster table shipped with the package (``scripts/build_word_clusters.py``)."""
    from .ner_model import model_dir

    return model_dir() / CLUSTERS_FILE


def clusters_option(value: str | None) -> Path | None:
    """The table a ``--clusters`` option names: the shipped one when not given, none for
    ``none``."""
    if value == "none":
        return None
    return Path(value) if value else shipped_clusters()


def _copy_clusters(clusters: Path | None, folder: Path) -> None:
    target = folder / CLUSTERS_FILE
    if clusters is None:
        target.unlink(missing_ok=True)
    elif clusters.resolve() != target.resolve():
        shutil.copyfile(clusters, target)


def train_model(
    data: Path,
    out: Path,
    config: TrainConfig | None = None,
    classes: Path | None = None,
    clusters: Path | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, object]:
    """Train the shipped model from the data folder into ``out``; returns the model card.

    ``classes``: an existing piece-class file to reuse (they depend only on the USE package and
    the seed, so ``--reuse-classes`` saves the two minutes of k-means). ``clusters``: the
    word-cluster table the model reads (copied into ``out``), None for a model without.
    """
    from .ner_features import build_piece_classes, save_names, save_piece_classes
    from .ner_model import MODEL_FILE, WEIGHTS_FILE, LinearChain

    config = config or TrainConfig()
    restricted = [n for n in config.extra if not CORPORA[n].shippable]
    if restricted:
        log(
            f"warning: {', '.join(restricted)} may not be used for a model given to users "
            "(non-commercial licence); this model is for experiments only"
        )
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    if classes is not None:
        if classes.resolve() != (out / CLASSES_FILE).resolve():
            shutil.copyfile(classes, out / CLASSES_FILE)
    else:
        log("building word classes from the USE piece embeddings (k-means)")
        save_piece_classes(build_piece_classes(seed=config.seed), out / CLASSES_FILE)
    _copy_clusters(clusters, out)
    log("building the name list")
    names = build_names(data)
    save_names(names, out / NAMES_FILE)
    germeval = GERMEVAL.read(data)
    log("tagging the training sentences (part of speech, rules)")
    prepared = training_set(data, germeval, config)
    features = FeatureSet(
        load_piece_classes(out / CLASSES_FILE), names, load_word_clusters(out / CLUSTERS_FILE)
    )
    train(prepared, out / MODEL_FILE, features, config, log)
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(out / MODEL_FILE))
    LinearChain(tagger.info()).save(out / WEIGHTS_FILE, out / MODEL_FILE)
    card: dict[str, object] = {
        "trained": time.strftime("%Y-%m-%d"),
        "seconds": round(time.perf_counter() - t0),
        "config": {
            "c1": config.c1,
            "c2": config.c2,
            "max_iterations": config.max_iterations,
            "germeval_repeat": config.germeval_repeat,
            "seed": config.seed,
        },
        "sentences": {
            GERMEVAL.name: len(germeval),
            **{n: len(CORPORA[n].read(data)) for n in config.extra},
        },
        "name_list_from": {n: CORPORA[n].licence for n in NAME_CORPORA},
        "word_clusters": (
            None if clusters is None else "spacy-lookups-data de_lexeme_cluster (MIT)"
        ),
        "licences": sorted(
            {
                GERMEVAL.licence,
                *(CORPORA[n].licence for n in config.extra),
                *(CORPORA[n].licence for n in NAME_CORPORA),
            }
        ),
        "labels": list(LABELS),
        "pos_tagger": DEFAULT_TAGGER,  # whose part-of-speech tags the features were read from
        "shippable": not restricted,
    }
    (out / CARD_FILE).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card


# --- cross-validation -------------------------------------------------------------------------


@dataclass(slots=True)
class FoldResult:
    fold: int
    gold: list[list[str]]
    model: list[list[str]]  # the CRF alone
    backend: list[list[str]]  # the NER as the pipeline runs it (CRF + rules)
    rules: list[list[str]]  # the rule-based NER alone
    seconds: float


def run_fold(
    fold: int,
    k: int,
    config: TrainConfig,
    classes_path: Path,
    clusters_path: Path | None,
    names: dict[str, str],
    workdir: Path,
    germeval: Sequence[Sentence],
    prepared: Sequence[Prepared],
    extra: Sequence[Prepared],
) -> FoldResult:
    """Train on GermEval minus one fold (plus the extra corpora), score on that fold.

    ``prepared`` is ``prepare(germeval)`` and ``extra`` is ``prepare_extra``: the sentences'
    tags and hints do not depend on the fold, so they are computed once for all folds."""
    from .entities import RuleNER
    from .ner_features import save_names
    from .ner_model import MODEL_FILE, CRFTagger, TrainedNER, span_tags

    t0 = time.perf_counter()
    parts = folds(len(germeval), k)
    held = [germeval[i] for i in parts[fold]]
    rest = [prepared[i] for f in range(k) if f != fold for i in parts[f]]
    folder = workdir / f"fold{fold}"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(classes_path, folder / CLASSES_FILE)
    _copy_clusters(clusters_path, folder)
    save_names(names, folder / NAMES_FILE)
    features = FeatureSet(
        load_piece_classes(classes_path), names, load_word_clusters(folder / CLUSTERS_FILE)
    )
    # the order of training_set(): GermEval repeated, then the extra corpora
    train(
        [*rest * config.germeval_repeat, *extra],
        folder / MODEL_FILE,
        features,
        config,
        log=lambda _m: None,
    )
    tagger = CRFTagger(folder)
    rules = RuleNER()
    ner = TrainedNER(tagger, rules)
    model, backend, ruled = [], [], []
    for words, _ in held:
        art = sentence_article(words)
        found = rules(art)
        hints = span_tags(art.tokens, found)
        model.append(tagger.tag(list(words), [t.pos for t in art.tokens], hints))
        backend.append(span_tags(art.tokens, ner(art)))
        ruled.append(hints)
    return FoldResult(fold, [t for _, t in held], model, backend, ruled, time.perf_counter() - t0)


def cross_validate(
    data: Path,
    config: TrainConfig,
    classes_path: Path,
    clusters_path: Path | None,
    k: int = 5,
    workers: int = 2,
    log: Callable[[str], None] = print,
) -> list[FoldResult]:
    """k-fold cross-validation on the GermEval dev file, ``workers`` folds at a time."""
    from concurrent.futures import ProcessPoolExecutor

    names = build_names(data)
    germeval = GERMEVAL.read(data)
    results: list[FoldResult] = []
    with (
        tempfile.TemporaryDirectory(prefix="ner-cv-") as tmp,
        ProcessPoolExecutor(max_workers=workers) as pool,
    ):
        # tagging the training sentences once, both parts at the same time
        own, other = pool.submit(prepare, germeval), pool.submit(prepare_extra, data, config)
        prepared, extra = own.result(), other.result()
        futures = [
            pool.submit(
                run_fold,
                f,
                k,
                config,
                classes_path,
                clusters_path,
                names,
                Path(tmp),
                germeval,
                prepared,
                extra,
            )
            for f in range(k)
        ]
        for fut in futures:
            res = fut.result()
            log(f"fold {res.fold + 1}/{k}: {len(res.gold)} sentences, {res.seconds:.0f} s")
            results.append(res)
    return results


# --- scoring ----------------------------------------------------------------------------------


@dataclass(slots=True)
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict[str, PRF]:
    """Entity-level exact-match scores per label, and ``ALL`` over PER/ORG/LOC (MISC apart)."""
    out: dict[str, PRF] = {k: PRF() for k in (*LABELS, "ALL")}
    for g, p in zip(gold, pred, strict=True):
        gs, ps = spans(g), spans(p)
        for lab in LABELS:
            gl = {s for s in gs if s[2] == lab}
            pl = {s for s in ps if s[2] == lab}
            for key in (lab, "ALL") if lab != "MISC" else (lab,):
                out[key].tp += len(gl & pl)
                out[key].fp += len(pl - gl)
                out[key].fn += len(gl - pl)
    return out


def folds(n: int, k: int = 5) -> list[list[int]]:
    """Contiguous folds (GermEval keeps sentences of one source together)."""
    return [[i for i in range(n) if i * k // n == f] for f in range(k)]

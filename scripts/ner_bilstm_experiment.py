"""Experiment: a BiLSTM-CRF over the CRF's own feature strings, against the CRF, on GermEval folds.

    python scripts/ner_bilstm_experiment.py [--folds 0,1] [--epochs 2] [--seeds 1,2]

Not part of the package and not a dependency: it needs PyTorch (``pip install torch``, CPU
wheels are enough; one epoch over 16k sentences takes about 40 s on 2 cores). For each fold of
the GermEval dev file (the folds of ``eval/ner_germeval.py``) it trains the shipped recipe's CRF
(GermEval minus the fold, three times, plus SmartData, domain-adapted) and, on the same
sentences, a BiLSTM-CRF whose input for a token is the sum of hashed embeddings of exactly the
feature strings the CRF sees (word, affixes, word classes, Brown clusters, name list, POS, rule
hints, the neighbours' features, each also prefixed with the corpus's domain). It prints the CRF
alone, each BiLSTM, the BiLSTMs' mean, and the mean of the CRF's marginals with the BiLSTMs'
probabilities, all decoded with BIO constraints and scored with the project's scorer.

The recipe (dimension 96, hidden 128, dropout 0.5, 30 % of feature strings dropped while
training, Adam 2e-3, two epochs) was set before scoring and not tuned on the folds it reports.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from pressespiegel.extract.ner_features import (  # noqa: E402
    CLASSES_FILE,
    TARGET_DOMAIN,
    FeatureSet,
    in_domain,
    load_piece_classes,
    load_word_clusters,
)
from pressespiegel.extract.ner_model import model_dir  # noqa: E402
from pressespiegel.extract.ner_train import (  # noqa: E402
    CORPORA,
    GERMEVAL,
    TrainConfig,
    build_names,
    folds,
    prepare,
    prepare_extra,
    run_fold,
    score,
    shipped_clusters,
)

TAGS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
BUCKETS = 1 << 19
ALLOWED = np.array([[not (t.startswith("I-") and s[2:] != t[2:]) for t in TAGS] for s in TAGS])
START_OK = np.array([not t.startswith("I-") for t in TAGS])


def viterbi(scores: np.ndarray, trans: np.ndarray | None = None) -> list[str]:
    """Best BIO-valid tag sequence for per-token scores (log-probabilities or emissions)."""
    tr = np.where(ALLOWED, 0.0 if trans is None else trans, -1e4)
    v = scores[0] + np.where(START_OK, 0.0, -1e4)
    back = np.zeros(scores.shape, dtype=int)
    for t in range(1, len(scores)):
        cand = v[:, None] + tr
        back[t] = cand.argmax(0)
        v = cand.max(0) + scores[t]
    path = [int(v.argmax())]
    for t in range(len(scores) - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return [TAGS[i] for i in reversed(path)]


def hashed(feats: list[list[str]], domain: str) -> list[list[int]]:
    return [[zlib.crc32(f.encode()) % BUCKETS for f in fs] for fs in in_domain(feats, domain)]


def train_bilstm(
    train: list[tuple[list[list[int]], list[int]]],
    test: list[list[list[int]]],
    epochs: int,
    seed: int,
) -> list[np.ndarray]:
    """Emission scores of the test sentences (and the learned transitions in the last row)."""
    import torch
    from torch import nn

    torch.set_num_threads(2)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    feature_drop = 0.3

    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = nn.EmbeddingBag(BUCKETS, 96, mode="sum", sparse=True)
            nn.init.normal_(self.emb.weight, std=0.02)
            self.drop = nn.Dropout(0.5)
            self.lstm = nn.LSTM(96, 128, batch_first=True, bidirectional=True)
            self.out = nn.Linear(256, len(TAGS))
            self.trans = nn.Parameter(torch.zeros(len(TAGS), len(TAGS)))

        def forward(self, batch: list[list[list[int]]]) -> tuple[Any, list[int]]:
            fd = feature_drop if self.training else 0.0
            flat: list[int] = []
            offsets: list[int] = []
            for sent in batch:
                for ids in sent:
                    keep = [x for x in ids if rng.random() >= fd] or ids[:1] if fd else ids
                    offsets.append(len(flat))
                    flat.extend(keep)
            weights = torch.full((len(flat),), 1.0 / (1.0 - fd))
            e = torch.tanh(
                self.emb(torch.tensor(flat), torch.tensor(offsets), per_sample_weights=weights)
            )
            lens = [len(s) for s in batch]
            x = torch.zeros(len(batch), max(lens), e.shape[1])
            k = 0
            for b, n in enumerate(lens):
                x[b, :n] = e[k : k + n]
                k += n
            packed = nn.utils.rnn.pack_padded_sequence(
                self.drop(x), lens, batch_first=True, enforce_sorted=False
            )
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True)
            return self.out(self.drop(h)), lens

    allowed = torch.tensor(ALLOWED)
    start = torch.where(torch.tensor(START_OK), 0.0, -1e4)

    def nll(sc: Any, tags: Any, lens: list[int], trans: Any) -> Any:
        n = sc.shape[0]
        tr = torch.where(allowed, trans, torch.full_like(trans, -1e4))
        lens_t = torch.tensor(lens)
        alpha = sc[:, 0] + start
        gold = sc[torch.arange(n), 0, tags[:, 0]] + start[tags[:, 0]]
        for t in range(1, sc.shape[1]):
            m = (lens_t > t).float().unsqueeze(1)
            nxt = torch.logsumexp(alpha.unsqueeze(2) + tr.unsqueeze(0), dim=1) + sc[:, t]
            alpha = m * nxt + (1 - m) * alpha
            gold = gold + m.squeeze(1) * (
                tr[tags[:, t - 1], tags[:, t]] + sc[torch.arange(n), t, tags[:, t]]
            )
        return (torch.logsumexp(alpha, dim=1) - gold).sum()

    model = Tagger()
    dense = [p for name, p in model.named_parameters() if not name.startswith("emb")]
    opt_dense = torch.optim.Adam(dense, lr=2e-3)
    opt_sparse = torch.optim.SparseAdam(list(model.emb.parameters()), lr=2e-3)
    order = list(range(len(train)))
    for _ in range(epochs):
        rng.shuffle(order)
        for i in range(0, len(order), 32):
            batch = [train[j] for j in order[i : i + 32]]
            sc, lens = model([s for s, _ in batch])
            tags = torch.zeros(len(batch), sc.shape[1], dtype=torch.long)
            for b, (_, tg) in enumerate(batch):
                tags[b, : len(tg)] = torch.tensor(tg)
            loss = nll(sc, tags, lens, model.trans) / len(batch)
            opt_dense.zero_grad()
            opt_sparse.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(dense, 5.0)
            opt_dense.step()
            opt_sparse.step()
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(test), 64):
            sc, lens = model(test[i : i + 64])
            out.extend(sc[b, :n].numpy().copy() for b, n in enumerate(lens))
    out.append(model.trans.detach().numpy())
    return out


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(1, keepdims=True))
    return e / e.sum(1, keepdims=True)


def line(name: str, gold: list[list[str]], pred: list[list[str]]) -> str:
    s = score(gold, pred)
    a = s["ALL"]
    return (
        f"  {name:30s} P/R/F1 {a.precision:.3f}/{a.recall:.3f}/{a.f1:.3f}  PER "
        f"{s['PER'].f1:.3f} ORG {s['ORG'].f1:.3f} LOC {s['LOC'].f1:.3f}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--folds", default="0,1")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--seeds", default="1,2")
    args = ap.parse_args()
    try:
        import torch  # noqa: F401
    except ImportError:
        print("this experiment needs PyTorch: pip install torch", file=sys.stderr)
        return 2
    data = args.data
    config = TrainConfig()
    names = build_names(data)
    features = FeatureSet(
        load_piece_classes(model_dir() / CLASSES_FILE),
        names,
        load_word_clusters(shipped_clusters()),
    )
    germeval = GERMEVAL.read(data)
    prepared = prepare(germeval)
    extra = prepare_extra(data, config)
    assert config.extra == ("smartdata",), "the BiLSTM below reads the recipe's SmartData"
    smart = prepare(CORPORA["smartdata"].read(data), domain="smartdata")
    encoded = [
        (
            hashed(features.sentence(p.words, p.pos, p.hints), p.domain),
            [TAGS.index(t) for t in p.tags],
        )
        for p in prepared
    ]
    encoded_smart = [
        (
            hashed(features.sentence(p.words, p.pos, p.hints), p.domain),
            [TAGS.index(t) for t in p.tags],
        )
        for p in smart
    ]
    parts = folds(len(germeval), 5)
    import pycrfsuite

    for fold in (int(f) for f in args.folds.split(",")):
        t0 = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="bilstm-") as tmp:
            res = run_fold(
                fold,
                5,
                config,
                model_dir() / CLASSES_FILE,
                shipped_clusters(),
                names,
                Path(tmp),
                germeval,
                prepared,
                extra,
            )
            tagger = pycrfsuite.Tagger()
            tagger.open(str(Path(tmp) / f"fold{fold}" / "de.crfsuite"))
            marginals = []
            for i in parts[fold]:
                p = prepared[i]
                tagger.set(in_domain(features.sentence(p.words, p.pos, p.hints), TARGET_DOMAIN))
                labels = set(tagger.labels())
                marginals.append(
                    np.array(
                        [
                            [tagger.marginal(t, k) if t in labels else 0.0 for t in TAGS]
                            for k in range(len(p.words))
                        ]
                    )
                )
        train = [encoded[i] for f in range(5) if f != fold for i in parts[f]] * 3 + encoded_smart
        test = [encoded[i][0] for i in parts[fold]]
        print(f"fold {fold}:")
        print(line("CRF", res.gold, res.model))
        print(line("CRF with the rules (pipeline)", res.gold, res.backend))
        probs = []
        for seed in (int(s) for s in args.seeds.split(",")):
            out = train_bilstm(train, test, args.epochs, seed)
            trans, emis = out[-1], out[:-1]
            print(line(f"BiLSTM-CRF seed {seed}", res.gold, [viterbi(e, trans) for e in emis]))
            probs.append([softmax(e) for e in emis])
        mean = [np.mean([p[i] for p in probs], axis=0) for i in range(len(test))]
        print(line("BiLSTMs, mean", res.gold, [viterbi(np.log(m + 1e-9)) for m in mean]))
        print(
            line(
                "CRF and BiLSTMs, mean",
                res.gold,
                [
                    viterbi(np.log(0.5 * c + 0.5 * m + 1e-9))
                    for c, m in zip(marginals, mean, strict=True)
                ],
            )
        )
        print(f"  ({time.perf_counter() - t0:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

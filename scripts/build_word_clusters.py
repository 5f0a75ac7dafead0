"""Write the NER's word-cluster table from spaCy's lookup data (spacy-lookups-data, MIT).

    python scripts/build_word_clusters.py SOURCE [--limit N] [--out FILE]

SOURCE is a spacy-lookups-data wheel (``pip download --no-deps spacy-lookups-data==1.0.5``) or
its unpacked ``spacy_lookups_data/data`` folder. The German Brown clusters there
(``de_lexeme_cluster``) are integers whose bits, lowest first, are the path from the root of the
cluster tree; they are written as ``word TAB bits`` with the root first, the ``--limit`` most
frequent words (``de_lexeme_prob``) first, words without a cluster left out. The file starts
with comment lines naming the source and its licence, which must travel with the table.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "src" / "pressespiegel" / "data" / "ner" / "word_clusters.tsv.gz"
TABLES = ("de_lexeme_cluster.json.gz", "de_lexeme_prob.json.gz")
NOTICE = """\
# Brown clusters of German words: word<TAB>bit string of its cluster, root first.
# Derived from spacy-lookups-data {version} (de_lexeme_cluster, de_lexeme_prob), written by
# scripts/build_word_clusters.py: the {count} most frequent words that have a cluster.
# MIT License. Copyright (c) 2019 ExplosionAI GmbH. Permission is hereby granted, free of
# charge, to any person obtaining a copy of this software and associated documentation files
# (the "Software"), to deal in the Software without restriction, including without limitation
# the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
# the Software, and to permit persons to whom the Software is furnished to do so, subject to the
# following conditions: The above copyright notice and this permission notice shall be included
# in all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED "AS IS",
# WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES
# OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL
# THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
# IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
# SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def read_tables(source: Path) -> tuple[dict[str, int], dict[str, float], str]:
    """The cluster and probability tables, and the package version (from a wheel's name)."""
    if source.is_file():
        version = source.name.split("-")[1] if source.name.count("-") >= 2 else "?"
        with zipfile.ZipFile(source) as z:
            tables = [
                json.loads(gzip.decompress(z.read(f"spacy_lookups_data/data/{t}"))) for t in TABLES
            ]
    else:
        version = "?"
        tables = [json.loads(gzip.decompress((source / t).read_bytes())) for t in TABLES]
    return tables[0], tables[1], version


def bit_string(value: int) -> str:
    """The cluster's path, root first (spaCy stores it with the root in the lowest bit)."""
    return format(value, "b")[::-1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("--limit", type=int, default=None, help="most frequent words kept (all)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    clusters, prob, version = read_tables(args.source)
    words = sorted(
        (
            w
            for w, v in clusters.items()
            if v > 0 and "\t" not in w and "\n" not in w and w.strip() == w and w
        ),
        key=lambda w: (-prob.get(w, -99.0), w),
    )
    if args.limit is not None:
        words = words[: args.limit]
    body = "".join(f"{w}\t{bit_string(clusters[w])}\n" for w in words)
    text = NOTICE.format(version=version, count=len(words)) + body
    args.out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(
        f"{len(words)} words -> {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

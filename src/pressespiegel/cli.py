"""The command line: a thin layer over the public API. Only here do exceptions become messages.

Exit codes: 0 everything worked; 1 partial failure (some inputs were refused or some stage
failed on some article; the rest is done and stored); 2 nothing could be done (bad usage,
unusable database or output).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from . import __version__
from .app.batch import SMALL_RUN, Options, Outcome, default_jobs, process
from .errors import PressespiegelError
from .ingest import DEFAULT_MAX_BYTES, read_jsonl, read_paths
from .model import Article, Story, free_id
from .pipeline import DEFAULT_TAGGER, TAGGERS

EXIT_OK, EXIT_PARTIAL, EXIT_FATAL = 0, 1, 2
DEFAULT_DB = "pressespiegel.db"
DEFAULT_OUT = "dossiers"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_FATAL
    try:
        return int(args.run(args))
    except PressespiegelError as exc:
        print(f"pressespiegel: error: {exc}", file=sys.stderr)
        return EXIT_FATAL
    except BrokenPipeError:  # e.g. `pressespiegel extract ... | head`
        return EXIT_OK
    except KeyboardInterrupt:
        print("pressespiegel: interrupted; what was stored so far is kept.", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pressespiegel",
        description="Turn scraped news articles into annotated articles and story dossiers.",
        epilog="Exit codes: 0 success, 1 partial failure (some inputs refused or some stage "
        "failed; the rest is done), 2 nothing done (usage or fatal error).",
    )
    parser.add_argument("--version", action="version", version=f"pressespiegel {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "analyze",
        help="ingest files, folders, feeds, WARC archives or URLs; annotate and store",
        description="Ingest text and HTML files, RSS/Atom feeds, WARC archives (.warc, "
        ".warc.gz), JSON Lines files, folders of these, article or feed URLs (or - for standard "
        "input); run the whole per-article pipeline, store the results in the database, group "
        "the stored articles into stories and write one dossier per story to --out. Articles "
        "already stored (same text, or same page bytes) are skipped, so a re-run only does what "
        "is new or failed before; new articles join existing stories without reclustering the "
        "rest. URLs and feed entries that carry only a teaser are fetched politely: one request "
        "per host per --fetch-delay seconds, a clear User-Agent, conditional requests on "
        "re-runs, and never from loopback, private or link-local addresses unless "
        "--allow-private is given.",
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="file, folder, .jsonl, .html, feed, .warc(.gz), http(s) URL or -",
    )
    p.add_argument("--db", default=DEFAULT_DB, help=f"database file (default: ./{DEFAULT_DB})")
    p.add_argument(
        "--out",
        default=DEFAULT_OUT,
        metavar="DIR",
        help=f"folder for the dossiers (default: ./{DEFAULT_OUT}/)",
    )
    p.add_argument(
        "--format",
        default="html,json,md",
        metavar="LIST",
        help="dossier formats, comma-separated: html, json, md (default: all three)",
    )
    p.add_argument(
        "--min-articles",
        type=int,
        default=2,
        metavar="N",
        help="write dossier files only for stories of at least N articles (default: "
        "2; every story is stored and listed in the index page)",
    )
    p.add_argument(
        "--no-fetch",
        action="store_true",
        help="never go over the network: URLs and teaser-only feed entries are "
        "refused with an error instead of fetched",
    )
    p.add_argument(
        "--allow-private",
        action="store_true",
        help="allow fetching from loopback, private and link-local addresses "
        "(an intranet, a local test server); off by default so that a feed cannot "
        "make pressespiegel probe your network",
    )
    p.add_argument(
        "--fetch-delay",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="wait at least this long between two requests to one host (default: 1)",
    )
    p.add_argument(
        "--contact",
        default=None,
        metavar="EMAIL_OR_URL",
        help="added to the User-Agent of every request, so that a site can reach "
        "whoever runs the fetch",
    )
    p.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="at the end, say where the time went: annotating and storing, linking "
        "stories, writing dossiers, with articles per second",
    )
    _similarity_option(p)
    _pipeline_options(p)
    p.set_defaults(run=cmd_analyze)

    p = sub.add_parser(
        "cluster",
        help="group JSON Lines articles into stories, one line per article out",
        description='Read JSON Lines ({"id", "text", "url"?, "published"?, "outlet"?} per line), '
        "annotate each article, group them into stories and write one line per article: "
        '{"id", "story", "duplicate_of"} (duplicate_of: the id of the article it is a '
        "near-duplicate of, or null). Nothing is stored.",
    )
    _io_options(p)
    _similarity_option(p)
    _pipeline_options(p)
    p.set_defaults(run=cmd_cluster)

    p = sub.add_parser(
        "extract",
        help="annotate JSON Lines articles, one Article JSON per line out",
        description='Read JSON Lines ({"id", "text" | "html", "url"?, "published"?, "outlet"?} '
        'per line), write one Article JSON per input line. For "html" the main text is '
        'extracted (trafilatura) and the output\'s "text", to which all offsets refer, is the '
        "page's headline and main text. An input that cannot be used gives a line with empty "
        'text and its error in "errors".',
    )
    _io_options(p)
    p.add_argument("--db", default=None, help="also store the articles in this database")
    _pipeline_options(p)
    p.set_defaults(run=cmd_extract)

    p = sub.add_parser(
        "export",
        help="export stored articles as jsonl, csv or parquet",
        description="Write every stored article: jsonl gives the full Article "
        "JSON with its story, csv and parquet one flat row per article (its story "
        "id in the column 'story').",
    )
    p.add_argument("--db", default=DEFAULT_DB, help=f"database file (default: ./{DEFAULT_DB})")
    p.add_argument("--format", required=True, choices=["jsonl", "csv", "parquet"])
    p.add_argument(
        "--out",
        default="-",
        metavar="FILE",
        help="output file (default: standard output; required for parquet)",
    )
    p.set_defaults(run=cmd_export)

    p = sub.add_parser(
        "errors",
        help="list the inputs and stages that failed, with reasons",
        description="List every input whose latest attempt failed: the input (file, "
        "file:line, WARC record, URL), the stage, the error code and the reason. "
        "Running analyze again on the same inputs retries only these; an input "
        "that then succeeds leaves the list.",
    )
    p.add_argument("--db", default=DEFAULT_DB, help=f"database file (default: ./{DEFAULT_DB})")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument(
        "--stage", default=None, help="only this stage (ingest, or a pipeline stage such as quotes)"
    )
    p.add_argument("--code", default=None, help="only this error code (e.g. E110)")
    p.set_defaults(run=cmd_errors)

    p = sub.add_parser(
        "train-ner",
        help="train the German NER model from annotated corpora",
        description="Train the CRF named-entity model that `analyze` uses, from a data folder "
        "laid out like the project's shared data: germeval2014/NER-de-dev.tsv (GermEval TSV) and "
        "ner_de/<corpus>/*.tsv (token<TAB>BIO tag). Writes de.crfsuite (and its weights as "
        "de.weights.npz), piece_classes.npz, names.tsv and MODEL.json (what it was trained on, "
        "under which licences) to --out. "
        "Deterministic: the same data and options give the same model. To replace the shipped "
        "model, pass --out src/pressespiegel/data/ner in a checkout. Takes about five minutes on "
        "two cores.",
    )
    p.add_argument("--data", required=True, metavar="DIR", help="the data folder")
    p.add_argument("--out", required=True, metavar="DIR", help="where to write the model")
    p.add_argument(
        "--iterations", type=int, default=150, metavar="N", help="L-BFGS iterations (default: 150)"
    )
    p.add_argument(
        "--seed", type=int, default=13, help="seed of the k-means word classes (default: 13)"
    )
    p.add_argument(
        "--reuse-classes",
        metavar="FILE",
        default=None,
        help="reuse this piece_classes.npz instead of building the word classes "
        "(they depend only on the USE package and the seed)",
    )
    p.add_argument(
        "--clusters",
        metavar="FILE",
        default=None,
        help="the word-cluster table the model reads (default: the one shipped, "
        "from scripts/build_word_clusters.py); 'none' for a model without",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    p.set_defaults(run=cmd_train_ner)

    p = sub.add_parser(
        "train-tagger",
        help="train the fast German part-of-speech tagger on HanTa's tags",
        description="Tag the sentences of the permissively licensed corpora of a data folder "
        "(SmartData, the legal corpus, GermEval 2014 dev; laid out as for train-ner) with HanTa "
        "and train the averaged perceptron that `--tagger fast` uses to say what HanTa says. "
        "Writes tagger_de.npz and TAGGER.json (corpora, licences, agreement with HanTa on a "
        "held-out tenth) to --out. To replace the shipped model, pass --out "
        "src/pressespiegel/data/tagger in a checkout. Takes about two minutes on two cores.",
    )
    p.add_argument("--data", required=True, metavar="DIR", help="the data folder")
    p.add_argument("--out", required=True, metavar="DIR", help="where to write the model")
    p.add_argument(
        "--epochs",
        type=int,
        default=6,
        metavar="N",
        help="passes over the training sentences (default: 6)",
    )
    p.add_argument(
        "--cache",
        metavar="FILE",
        default=None,
        help="keep HanTa's tags of the corpora in this JSON Lines file and reuse them "
        "when it exists (HanTa's tagging is most of the time)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    p.set_defaults(run=cmd_train_tagger)
    return parser


def _similarity(value: str) -> str:
    from .link.cluster import preset_weights

    try:
        preset_weights(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def _io_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--in",
        dest="input",
        default="-",
        metavar="FILE",
        help="JSON Lines input (default: - for standard input)",
    )
    p.add_argument(
        "--out",
        default="-",
        metavar="FILE",
        help="JSON Lines output (default: - for standard output)",
    )


def _similarity_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--similarity",
        type=_similarity,
        default="normal",
        metavar="PRESET",
        help="how readily articles share a story: normal (default: the same "
        "real-world event), strict (fewer false merges, more stories split), loose "
        "(follow-ups and reactions join, some same-topic events with them), or a "
        "merge threshold between 0 and 1; see docs/stories.md",
    )


def _pipeline_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--no-clean",
        action="store_true",
        help="treat each text as body only: no boilerplate removal, no title guessing",
    )
    p.add_argument(
        "--lang",
        default=None,
        metavar="CODE",
        help="the articles' language (ISO 639-1, e.g. de) instead of detecting it",
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=default_jobs(),
        metavar="N",
        help="worker processes for annotation (default: the cores this process may "
        f"use, here {default_jobs()}; runs of up to {SMALL_RUN} inputs use one)",
    )
    p.add_argument(
        "--tagger",
        choices=TAGGERS,
        default=DEFAULT_TAGGER,
        help="German part-of-speech tagger: fast (default; a perceptron trained on "
        "HanTa's tags, ten times faster, 96%% of HanTa's tags; the NER model is "
        "trained on its tags) or hanta (HanTa itself; see docs/speed.md)",
    )
    p.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse documents larger than this (default: {DEFAULT_MAX_BYTES:,})",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")


# -- commands ----------------------------------------------------------------------------------
def cmd_analyze(args: argparse.Namespace) -> int:
    from .app.stories import FORMATS, update_stories, write_dossiers
    from .ingest.fetch import USER_AGENT, Fetcher, FetchPolicy
    from .link.cluster import preset_weights
    from .store import open_store

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        from .errors import E, UsageError

        raise UsageError(E.OUTPUT_FORMAT, fmt=", ".join(unknown), known=", ".join(FORMATS))
    agent = USER_AGENT if not args.contact else f"{USER_AGENT[:-1]}; +{args.contact})"
    fetcher = (
        None
        if args.no_fetch
        else Fetcher(
            FetchPolicy(
                max_bytes=args.max_bytes,
                per_host_delay=args.fetch_delay,
                allow_private=args.allow_private,
                user_agent=agent,
            )
        )
    )
    clock = _Clock()
    with open_store(args.db) as db:
        items = read_paths(args.paths, max_bytes=args.max_bytes, fetcher=fetcher, cache=db)
        outcomes = process(items, options=_options(args), jobs=args.jobs, db=db)
        report = _consume(_progress(outcomes, args.quiet, "analyze"), sink=None)
        clock.lap("read, annotate and store")
        total = db.count()
        if not args.quiet:
            report.print(sys.stderr)
            # The hint only when there is something to see: this run's failures, or earlier
            # ones still on record (a clean run says nothing about errors).
            stored_errors = len(db.errors())
            hint = (
                f"; {stored_errors} failed input(s) or stage(s): pressespiegel errors --db "
                f"{args.db}"
                if stored_errors or report.exit_code != EXIT_OK
                else ""
            )
            print(f"{total} article(s) in {args.db}{hint}", file=sys.stderr)
        waiting = len(db.unlinked_ids())
        if not args.quiet and waiting:
            print(f"linking {waiting} new article(s) into stories ...", file=sys.stderr)
        linked = update_stories(
            db,
            progress=None if args.quiet else _story_progress,
            weights=preset_weights(args.similarity),
        )
        clock.lap("link stories, build dossiers")
        try:
            written = write_dossiers(db, args.out, formats, min_articles=args.min_articles)
            clock.lap("write dossier files")
        except OSError as exc:
            # Everything is stored; only the files are missing, and a re-run writes them.
            print(
                f"pressespiegel: error: cannot write dossiers to {args.out}: "
                f"{exc.strerror or exc}; the articles and stories are stored in {args.db}",
                file=sys.stderr,
            )
            return EXIT_PARTIAL
    if not args.quiet:
        new = (
            f"{linked.new_articles} new article(s) linked ({linked.mode}), "
            if linked.new_articles
            else ""
        )
        n_dossiers = len({p.stem for p in written if p.stem != "index"})
        print(
            f"{new}{linked.stories} story(ies); {n_dossiers} dossier(s) of "
            f"{args.min_articles}+ articles in {args.out}/",
            file=sys.stderr,
        )
        if linked.failed:
            print(
                f"{len(linked.failed)} dossier(s) failed; pressespiegel errors --db {args.db}",
                file=sys.stderr,
            )
        if args.verbose:
            clock.print(report.total, sys.stderr)
    return EXIT_PARTIAL if linked.failed else report.exit_code


class _Clock:
    """Wall time per phase of a command, for ``--verbose``."""

    def __init__(self) -> None:
        import time

        self._now = time.perf_counter
        self.start = self.last = self._now()
        self.laps: list[tuple[str, float]] = []

    def lap(self, what: str) -> None:
        now = self._now()
        self.laps.append((what, now - self.last))
        self.last = now

    def print(self, inputs: int, out: IO[str]) -> None:
        total = self.last - self.start
        print("time:", file=out)
        for what, secs in self.laps:
            share = secs / total if total else 0.0
            print(f"  {what:32} {secs:8.1f} s  {share:4.0%}", file=out)
        rate = inputs / total if total else 0.0
        print(f"  {'total':32} {total:8.1f} s  ({inputs} input(s), {rate:.1f} a second)", file=out)


def cmd_cluster(args: argparse.Namespace) -> int:
    from .link import cluster_articles
    from .link.cluster import preset_weights

    with _open_in(args.input) as stream, _open_out(args.out) as out:
        items = read_jsonl(
            stream, args.input if args.input != "-" else "<stdin>", max_bytes=args.max_bytes
        )
        outcomes = process(items, options=_options(args), jobs=args.jobs, db=None)
        arts: list[Article] = []
        failed: list[Article] = []
        report = Report()
        for outcome in _progress(outcomes, args.quiet, "annotate"):
            report.counts[outcome.status] += 1
            report.messages.extend(
                f"{outcome.article.source or outcome.article.id}: {e.stage}: {e.message}"
                for e in outcome.article.errors
            )
            (failed if outcome.status == "failed" else arts).append(outcome.article)
        # Stories name their articles by id: repeated ids get the suffix the store gives them.
        taken: set[str] = set()
        for art in arts:
            base = art.id
            art.id = free_id(base, taken.__contains__)
            if art.id != base:
                report.messages.append(
                    f"{art.source or base}: id {base!r} repeats; written as {art.id!r}"
                )
            taken.add(art.id)
        stories = cluster_articles(arts, weights=preset_weights(args.similarity))
        story_of = {a: st for st in stories for a in st.articles}
        for art in arts:
            st = story_of[art.id]
            out.write(
                json.dumps(
                    {"id": art.id, "story": st.id, "duplicate_of": st.duplicate_of.get(art.id)},
                    ensure_ascii=False,
                )
                + "\n"
            )
        for art in failed:
            out.write(
                json.dumps(
                    {
                        "id": art.id,
                        "story": None,
                        "duplicate_of": None,
                        "errors": [e.message for e in art.errors],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    if not args.quiet:
        report.print(sys.stderr)
        print(f"{len(arts)} article(s) in {len(stories)} story(ies)", file=sys.stderr)
    return report.exit_code


def cmd_extract(args: argparse.Namespace) -> int:
    from .store import open_store

    with _open_in(args.input) as stream, _open_out(args.out) as out:
        items = read_jsonl(
            stream, args.input if args.input != "-" else "<stdin>", max_bytes=args.max_bytes
        )
        db = open_store(args.db) if args.db else None
        try:
            outcomes = process(items, options=_options(args), jobs=args.jobs, db=db, reload=True)
            report = _consume(_progress(outcomes, args.quiet, "extract"), sink=out)
        finally:
            if db is not None:
                db.close()
    if not args.quiet:
        report.print(sys.stderr)
    return report.exit_code


def cmd_export(args: argparse.Namespace) -> int:
    from .render.export import export
    from .store import open_store

    if not Path(args.db).exists():
        print(f"pressespiegel: error: {args.db}: no such database.", file=sys.stderr)
        return EXIT_FATAL
    with open_store(args.db) as db:
        n = export(db, args.format, args.out)
    print(f"exported {n} article(s) as {args.format}", file=sys.stderr)
    return EXIT_OK


def cmd_errors(args: argparse.Namespace) -> int:
    from .store import open_store

    if not Path(args.db).exists():
        print(f"pressespiegel: error: {args.db}: no such database.", file=sys.stderr)
        return EXIT_FATAL
    with open_store(args.db) as db:
        rows = [
            r
            for r in db.errors()
            if (args.stage is None or r.stage == args.stage)
            and (args.code is None or r.code == args.code.upper())
        ]
    for row in rows:
        if args.json:
            print(
                json.dumps(
                    {
                        "source": row.source,
                        "article": row.article_id,
                        "stage": row.stage,
                        "code": row.code,
                        "message": row.message,
                        "at": row.added_at,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            print(f"{row.source}\t{row.stage}\t{row.message}")
    if not args.json:
        by_code = Counter(r.code for r in rows)
        counts = ", ".join(f"{code}: {n}" for code, n in sorted(by_code.items()))
        print(
            f"{len(rows)} error(s)"
            + (
                f" ({counts}); running analyze again on the same inputs retries only these"
                if rows
                else ""
            ),
            file=sys.stderr,
        )
    return EXIT_OK


def _training_run(args: argparse.Namespace) -> tuple[Path | None, Callable[[str], None]]:
    """The data folder of a train-* command (None, said why, when there is none) and its log."""
    data = Path(args.data)
    if not data.is_dir():
        print(f"pressespiegel: error: {data}: no such folder.", file=sys.stderr)

    def log(msg: str) -> None:
        if not args.quiet:
            print(msg, file=sys.stderr)

    return (data if data.is_dir() else None), log


def cmd_train_ner(args: argparse.Namespace) -> int:
    from .extract.ner_train import TrainConfig, clusters_option, train_model

    data, log = _training_run(args)
    if data is None:
        return EXIT_FATAL
    config = TrainConfig(max_iterations=args.iterations, seed=args.seed)
    reuse = Path(args.reuse_classes) if args.reuse_classes else None
    card = train_model(
        data,
        Path(args.out),
        config,
        classes=reuse,
        clusters=clusters_option(args.clusters),
        log=log,
    )
    log(f"model written to {args.out} (trained on {card['sentences']})")
    return EXIT_OK


def cmd_train_tagger(args: argparse.Namespace) -> int:
    from .tagtrain import train_tagger

    data, log = _training_run(args)
    if data is None:
        return EXIT_FATAL
    card = train_tagger(
        data,
        Path(args.out),
        epochs=args.epochs,
        cache=Path(args.cache) if args.cache else None,
        log=log,
    )
    log(
        f"tagger written to {args.out} ({card['tokens']} training tokens; held-out agreement "
        f"with HanTa: {card['held_out']})"
    )
    return EXIT_OK


# -- helpers -----------------------------------------------------------------------------------
def _options(args: argparse.Namespace) -> Options:
    return Options(
        clean=not args.no_clean, language=args.lang, max_bytes=args.max_bytes, tagger=args.tagger
    )


def _progress(outcomes: Iterator[Outcome], quiet: bool, what: str) -> Iterable[Outcome]:
    if quiet or not sys.stderr.isatty():
        return outcomes
    from tqdm import tqdm

    return tqdm(outcomes, desc=what, unit=" articles", file=sys.stderr, dynamic_ncols=True)


def _story_progress(stories: Iterable[Story], total: int) -> Iterable[Story]:
    if not sys.stderr.isatty() or total < 2:
        return stories
    from tqdm import tqdm

    return tqdm(
        stories, total=total, desc="dossiers", unit=" stories", file=sys.stderr, dynamic_ncols=True
    )


@dataclass(slots=True)
class Report:
    """What a batch did: counts by status and one line per error."""

    counts: Counter[str] = field(default_factory=Counter)
    messages: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Inputs seen (each has one status among annotated, stored, exists, failed)."""
        return sum(self.counts[k] for k in ("annotated", "stored", "exists", "failed"))

    @property
    def exit_code(self) -> int:
        return EXIT_PARTIAL if self.counts["failed"] or self.counts["with_errors"] else EXIT_OK

    def print(self, out: IO[str], limit: int = 50) -> None:
        counts = self.counts
        parts = [
            f"{counts[k]} {k}" for k in ("annotated", "stored", "exists", "failed") if counts[k]
        ]
        if counts["with_errors"]:
            parts.append(f"{counts['with_errors']} with stage errors")
        if counts["placeholder"]:
            parts.append(
                f"{counts['placeholder']} placeholder(s) kept out of stories (no article "
                "text: removal notice, paywall, consent wall or error page)"
            )
        print(", ".join(parts) or "no input", file=out)
        for line in self.messages[:limit]:
            print("  " + line, file=out)
        if len(self.messages) > limit:
            print(f"  ... and {len(self.messages) - limit} more", file=out)


def _consume(outcomes: Iterable[Outcome], sink: IO[str] | None) -> Report:
    report = Report()
    for outcome in outcomes:
        art = outcome.article
        report.counts[outcome.status] += 1
        if outcome.status != "failed" and art.errors:
            report.counts["with_errors"] += 1
        if art.placeholder:
            report.counts["placeholder"] += 1
        report.messages.extend(
            f"{art.source or art.id}: {e.stage}: {e.message}" for e in art.errors
        )
        if sink is not None:
            sink.write(json.dumps(art.to_dict(), ensure_ascii=False) + "\n")
    return report


@contextmanager
def _open_in(name: str) -> Iterator[IO[bytes]]:
    if name == "-":
        yield sys.stdin.buffer
        return
    try:
        fh = open(name, "rb")  # noqa: SIM115
    except OSError as exc:
        from .errors import E, InputError

        raise InputError(E.UNREADABLE, name=name, why=exc.strerror or exc) from None
    with fh:
        yield fh


@contextmanager
def _open_out(name: str) -> Iterator[IO[str]]:
    if name == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(name, "w", encoding="utf-8") as fh:
        yield fh


if __name__ == "__main__":
    raise SystemExit(main())

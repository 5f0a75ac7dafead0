"""Stories in the store: link the stored articles into stories and keep their dossiers current.

The first time (no link state in the store) every stored article is clustered in batch. After
that each new article is assigned incrementally to an existing story or opens a new one; only
the stories that received articles get new dossiers. Stories, their dossiers and the link state
are written in one transaction, so a crash leaves the previous, consistent state, and the next
run picks up the articles that are in no story yet.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import E, StoreError, UsageError
from ..link.cluster import StoryIndex, Weights
from ..link.embed import Embedder, default_embedder
from ..model import Article, Dossier, Story
from ..store import Store
from ..summarize.dossier import build_dossier

STATE_KEY = "story_index"
# Batch clustering holds an n x n similarity matrix (8 bytes a cell: 200 MB at 5,000 articles,
# 800 MB at 10,000). A first run over more articles than this clusters the first BATCH_MAX in
# batch and assigns the rest one by one, as later runs do.
BATCH_MAX = 5000
FORMATS = ("html", "json", "md")

Progress = Callable[[Iterable[Story], int], Iterable[Story]]


@dataclass(slots=True)
class LinkReport:
    new_articles: int = 0
    stories: int = 0
    touched: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # stories whose dossier could not be built
    mode: str = "none"  # "batch", "incremental", "rebuild" (failed dossiers only) or "none"


def update_stories(
    db: Store,
    *,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    weights: Weights | None = None,
) -> LinkReport:
    """Put every stored article that is in no story yet into one; rebuild touched dossiers.

    Safe beside another process doing the same on the same store: the stories are saved only if
    nobody saved since this run read them, else it reads again and redoes its part.
    """
    for _ in range(SAVE_ATTEMPTS):
        report = _update_once(db, embedder, progress, weights)
        if report is not None:
            return report
    raise StoreError(E.LINK_CONFLICT, path=db.path, attempts=SAVE_ATTEMPTS)


#: Stories of fewer articles are stored with a dossier to complete when shown (see
#: :func:`pressespiegel.summarize.dossier.build_dossier`).
COMPLETE_FROM = 2

#: How often a run redoes its linking when another process saved stories in between.
SAVE_ATTEMPTS = 5


def _update_once(
    db: Store, embedder: Embedder | None, progress: Progress | None, weights: Weights | None
) -> LinkReport | None:
    report = LinkReport()
    version = db.link_version()
    unlinked = db.unlinked_ids()
    report.new_articles = len(unlinked)
    stale = set(db.stale_stories())
    state = db.link_state(STATE_KEY)
    if not unlinked and (not stale or state is None):
        report.stories = len(db.story_rows())
        return report
    emb = embedder or default_embedder()
    if state is None:
        articles = {a.id: a for a in db.articles()}
        everything = list(articles.values())
        index, stories = StoryIndex.batch(everything[:BATCH_MAX], embedder=emb, weights=weights)
        if len(everything) > BATCH_MAX:
            for art in everything[BATCH_MAX:]:
                index.assign(art)
            stories = index.stories(everything)
        report.mode = "batch"
    else:
        index = StoryIndex.from_bytes(state, embedder=emb)
        if weights is not None:
            # This run's setting decides where its new articles go; the stories already made
            # stay as they are (no reclustering).
            index.weights = weights
        touched: set[str] = set()
        for art in db.articles(unlinked):
            touched.add(index.assign(art))
        touched |= stale & set(index.story_of.values())  # dossiers that failed last time
        members = [a for a, s in index.story_of.items() if s in touched]
        articles = {a.id: a for a in db.articles(members)}
        stories = [s for s in index.stories(list(articles.values())) if s.id in touched]
        report.mode = "incremental" if unlinked else "rebuild"
    dossiers: dict[str, Dossier] = {}
    failures: list[tuple[str, str]] = []
    todo: Iterable[Story] = progress(stories, len(stories)) if progress else stories
    for story in todo:
        try:
            # A story of one article compares nothing: its dossier is completed when shown.
            dossiers[story.id] = build_dossier(
                story, articles, encode=emb.encode, complete=len(story.articles) >= COMPLETE_FROM
            )
        except Exception as exc:  # one story's dossier failing must not lose the others
            failures.append((story.id, f"{type(exc).__name__}: {exc}"))
    if not db.save_stories(
        stories, dossiers, {STATE_KEY: index.to_bytes()}, expect_version=version
    ):
        return None
    for sid, why in failures:
        report.failed.append(sid)
        db.add_error(
            f"story {sid}",
            "dossier",
            E.STAGE_FAILED.code,
            E.STAGE_FAILED.format(stage="dossier", why=why),
        )
    report.touched = [s.id for s in stories]
    report.stories = len(db.story_rows())
    return report


def write_dossiers(
    db: Store, out: str | Path, formats: Sequence[str] = FORMATS, *, min_articles: int = 2
) -> list[Path]:
    """Render every stored story with at least ``min_articles`` articles into ``out``, plus an
    index page that lists every story (those without a file too); returns the story files (the
    ones written now and the ones already up to date) and the index pages.

    A story's files are rewritten only when its stored dossier, the formats asked for or the
    renderers changed since they were written into this folder, or one of them is missing: the
    folder's manifest (:data:`MANIFEST`) records what each was rendered from. So a run that adds
    one article rewrites that article's story and the index, not the whole archive."""
    from ..render.html import render_html
    from ..render.index import Listed, StoryListing, render_index
    from ..render.markdown import render_markdown

    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UsageError(E.OUTPUT_FORMAT, fmt=", ".join(unknown), known=", ".join(FORMATS))
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    listed: list[tuple[Listed, dict[str, str]]] = []
    members: dict[str, list[str]] | None = None
    before = _read_manifest(folder)
    manifest: dict[str, str] = {}
    stamp = _render_stamp(formats)
    # Every story is listed, but only those with files to (re)write are built into a Dossier:
    # the others are listed from their stored JSON as it is.
    for row, stored in db.story_dossiers():
        if stored is None:
            # Not built (its dossier failed): listed from the story row, without a file.
            members = _members(db) if members is None else members
            listed.append(
                (
                    StoryListing(
                        row.id,
                        row.title or "",
                        members.get(row.id, []),
                        row.first_seen,
                        row.last_seen,
                    ),
                    {},
                )
            )
            continue
        data = json.loads(stored)
        if row.n_articles < min_articles:
            listed.append((StoryListing.from_dict(data), {}))
            continue
        digest = hashlib.sha256((stamp + stored).encode()).hexdigest()
        manifest[row.id] = digest
        paths = {fmt: folder / f"{row.id}.{fmt}" for fmt in formats}
        if before.get(row.id) == digest and all(p.is_file() for p in paths.values()):
            written.extend(paths.values())
            listed.append((StoryListing.from_dict(data), {fmt: p.name for fmt, p in paths.items()}))
            continue
        dossier = Dossier.from_dict(data)
        articles: dict[str, Article] = {a.id: a for a in db.articles(dossier.articles)}
        if not dossier.complete:
            story = Story(
                dossier.id,
                list(dossier.articles),
                dict(dossier.duplicate_of),
                list(dossier.sub_events),
            )
            dossier = build_dossier(story, articles, encode=default_embedder().encode)
            data = dossier.to_dict()
        files: dict[str, str] = {}
        for fmt in formats:
            path = folder / f"{row.id}.{fmt}"
            if fmt == "json":
                text = json.dumps(data, ensure_ascii=False, indent=1)
            elif fmt == "md":
                text = render_markdown(dossier, articles)
            else:
                text = render_html(dossier, articles)
            _write_atomic(path, text)
            files[fmt] = path.name
            written.append(path)
        listed.append((dossier, files))
    if "html" in formats or "md" in formats:
        for fmt in ("html", "md"):
            if fmt in formats:
                path = folder / f"index.{fmt}"
                _write_atomic(path, render_index(listed, fmt))
                written.append(path)
    if manifest != before:
        _write_atomic(folder / MANIFEST, json.dumps(manifest, indent=0, sort_keys=True))
    return written


#: The file in a dossier folder that records what each story's files were rendered from.
MANIFEST = ".pressespiegel-dossiers.json"


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or damaged: every file is written again
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def _render_stamp(formats: Sequence[str]) -> str:
    """What a story's files depend on besides its dossier: the formats, the package version and
    the renderers' source (a changed template renders every story again)."""
    from .. import __version__, render

    h = hashlib.sha256(f"{__version__}|{','.join(sorted(formats))}|".encode())
    for path in sorted(Path(render.__file__).parent.glob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()


def _members(db: Store) -> dict[str, list[str]]:
    """story id -> its article ids."""
    out: dict[str, list[str]] = {}
    for aid, (sid, _, _) in db.story_of().items():
        out.setdefault(sid, []).append(aid)
    return out


def _write_atomic(path: Path, text: str) -> None:
    # Write beside and rename: a reader (or a crash) never sees half a dossier. The temporary
    # name is unique, so two processes writing the same folder cannot swap halves.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise

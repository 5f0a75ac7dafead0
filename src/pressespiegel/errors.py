"""All errors in one place, each with a code and a plain sentence (after spaCy's ``errors.py``).

Use ``raise InputError(E.EMPTY, name=path)``: the message template is filled with the keywords.
Only the CLI turns these into messages for people; library code raises or records them.
"""

from __future__ import annotations

from enum import Enum


class E(Enum):
    """Error codes with their message templates."""

    # ingest (E1xx)
    EMPTY = ("E101", "{name}: the input is empty (no text after decoding).")
    BINARY = ("E102", "{name}: this looks like a binary file ({why}), not text.")
    TOO_LARGE = (
        "E103",
        "{name}: {size:,} bytes is over the size limit of {limit:,} bytes "
        "(raise it with --max-bytes).",
    )
    UNDECODABLE = ("E104", "{name}: could not decode the bytes as text ({why}).")
    NOT_FOUND = ("E105", "{name}: no such file or folder.")
    BAD_JSON = ("E106", "{name}: line {line} is not valid JSON ({why}).")
    BAD_RECORD = ("E107", "{name}: line {line}: {why}.")
    UNREADABLE = ("E108", "{name}: could not be read ({why}).")
    NO_TEXT_FILES = (
        "E109",
        "{name}: the folder holds no text, HTML, feed, WARC or JSON Lines files.",
    )
    NO_MAIN_TEXT = ("E110", "{name}: no article text found in the HTML ({why}).")
    BAD_FEED = ("E111", "{name}: not a readable RSS or Atom feed ({why}).")
    BAD_WARC = ("E112", "{name}: the WARC file is broken ({why}); the records before it were read.")
    FETCH_FAILED = ("E113", "{name}: could not fetch ({why}).")
    BLOCKED_ADDRESS = (
        "E114",
        "{name}: refused to fetch from {address}, a {kind} address "
        "(allow it with --allow-private).",
    )
    BAD_CONTENT_TYPE = ("E115", "{name}: the server sent {content_type}, not {expected}.")
    TOO_MANY_REDIRECTS = ("E116", "{name}: more than {limit} redirects.")
    BAD_WARC_RECORD = ("E118", "{name}: this WARC record cannot be read ({why}); the others are.")
    BAD_GZIP = (
        "E119",
        "{name}: the gzip compression is broken ({why}); what came before it was read.",
    )
    NOT_FETCHED = (
        "E117",
        "{name}: the feed entry holds only a teaser and fetching is off "
        "(--no-fetch); the article was not read.",
    )
    # pipeline (E2xx)
    STAGE_FAILED = ("E201", "stage '{stage}' failed: {why}")
    STAGE_SKIPPED = (
        "E202",
        "stage '{stage}' skipped: it needs {missing}, which an earlier stage failed to provide.",
    )
    UNKNOWN_STAGE = ("E203", "unknown stage '{stage}'; registered stages: {known}.")
    STAGE_ORDER = ("E204", "stage '{stage}' needs {missing}, which no earlier stage provides.")
    DUPLICATE_STAGE = ("E205", "a stage named '{stage}' is already registered.")
    # store (E3xx)
    SCHEMA_NEWER = (
        "E301",
        "{path}: the database has schema version {found}, newer than this pressespiegel "
        "understands ({supported}); upgrade pressespiegel.",
    )
    NOT_A_DATABASE = ("E302", "{path}: not a pressespiegel database ({why}).")
    NO_STORE_FOLDER = (
        "E305",
        "{path}: the folder {folder} does not exist; create it first or "
        "give --db a path in an existing folder.",
    )
    STORE_BUSY = (
        "E304",
        "{path}: other processes held the database for {seconds:.0f} s ({why}); "
        "try again when they finish.",
    )
    LINK_CONFLICT = (
        "E303",
        "{path}: other processes kept saving stories; gave up linking after "
        "{attempts} attempts (the articles are stored; run analyze again).",
    )
    # cli / export (E4xx)
    EXPORT_FORMAT = ("E401", "unknown export format '{fmt}'; choose one of {known}.")
    OUTPUT_FORMAT = ("E403", "unknown dossier format '{fmt}'; choose from {known}.")
    MISSING_EXTRA = (
        "E402",
        "{feature} needs the optional package '{package}': pip install 'pressespiegel[{extra}]'.",
    )

    # models (E5xx)
    NO_NER_MODEL = (
        "E501",
        "{path}: no NER model there (train one with `pressespiegel train-ner`).",
    )
    NO_TRAINING_DATA = (
        "E502",
        "{path}: training corpus not found (see `pressespiegel train-ner "
        "--help` for the expected layout).",
    )

    @property
    def code(self) -> str:
        return self.value[0]

    def format(self, **kwargs: object) -> str:
        return f"[{self.code}] " + self.value[1].format(**kwargs)


class PressespiegelError(Exception):
    """Base class: ``code`` is the error code, ``str(err)`` the plain sentence."""

    def __init__(self, error: E, **kwargs: object) -> None:
        self.error = error
        self.code = error.code
        self.details = kwargs
        super().__init__(error.format(**kwargs))


class InputError(PressespiegelError):
    """One input (file, line, record) cannot be turned into an article."""


class PipelineError(PressespiegelError):
    """The pipeline is wrongly put together (unknown stage, wrong order)."""


class StoreError(PressespiegelError):
    """The database cannot be used."""


class UsageError(PressespiegelError):
    """A command was asked for something it cannot do."""


class ModelError(PressespiegelError):
    """A model is missing or cannot be trained from the data given."""

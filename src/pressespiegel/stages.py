"""Imports every built-in stage module so that its stages are registered."""

from .clean import boilerplate, metadata, passthrough, placeholders  # noqa: F401
from .extract import damage, dates, entities, figures, labels, quotes  # noqa: F401
from .language import langid, sentences, tokens  # noqa: F401

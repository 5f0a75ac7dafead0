"""pressespiegel: from scraped news articles to annotated articles and story dossiers."""

from .errors import InputError, PressespiegelError
from .model import Article
from .pipeline import analyze_text, annotate
from .registry import Pipeline, stage

__all__ = [
    "Article",
    "InputError",
    "Pipeline",
    "PressespiegelError",
    "analyze_text",
    "annotate",
    "stage",
]

__version__ = "0.1.0"

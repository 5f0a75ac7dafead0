"""A story's dossier (:func:`build_dossier`), its cited extractive summary and its timeline."""

from .dossier import build_dossier, story_entities
from .summary import summarize
from .timeline import timeline

__all__ = ["build_dossier", "story_entities", "summarize", "timeline"]

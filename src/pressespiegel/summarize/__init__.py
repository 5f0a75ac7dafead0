"""Cited extractive summary and timeline of a story."""

from .summary import summarize
from .timeline import timeline

__all__ = ["summarize", "timeline"]

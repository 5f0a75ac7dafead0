"""Render stories as dossiers (Markdown, self-contained HTML) and export stored articles."""

from .html import render_html
from .markdown import render_markdown

__all__ = ["render_html", "render_markdown"]

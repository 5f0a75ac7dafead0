"""The link layer: near-duplicates and story clustering (batch and incremental)."""

from .cluster import StoryIndex, Weights, cluster_articles, mark_sub_events
from .duplicates import DuplicateIndex, near_duplicates
from .embed import Embedder, NullEmbedder, USEEmbedder, default_embedder

__all__ = [
    "DuplicateIndex",
    "Embedder",
    "NullEmbedder",
    "StoryIndex",
    "USEEmbedder",
    "Weights",
    "cluster_articles",
    "default_embedder",
    "mark_sub_events",
    "near_duplicates",
]

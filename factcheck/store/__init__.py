"""The source store: `open_store(settings, embedder)` for a local directory or a Chroma server."""

from factcheck.store.layout import open_store
from factcheck.store.source_store import ChromaSourceStore

__all__ = ["ChromaSourceStore", "open_store"]

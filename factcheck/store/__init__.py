"""The source store: `open_store(settings, embedder)` for a local directory or a Chroma server.

Design, in short:

- Chroma is the truth. Passages live in one collection (vectors, text, speaker, offsets, revision), and a
  small second collection holds one record per *committed* document, "pending" marks for writes in
  progress and a version marker that changes on every commit or delete.
- A document is written as: pending mark (one per revision), passages (ids carry the revision, so a
  rerun overwrites rather than duplicates), commit record, then removal of the passages of revisions that
  are neither committed nor being written by someone else, and the mark. Readers trust only passages of
  committed revisions, so an ingest killed at any point leaves nothing visible, re-running it finishes the
  job (the same command ends with every document once), and two processes writing different versions of
  one document leave the last committed one whole.
- Lexical search (SQLite FTS5, BM25 and exact phrases) and the speaker registry sit in a SQLite catalog
  that is *derived* from Chroma: whenever the version marker moves, the catalog is brought in line with
  the committed records (fetching passages of documents it lacks). For a local directory the catalog sits
  in the directory; for a Chroma server each client keeps its own cache under the store directory, so
  every client of one server answers from the same committed documents.
- Chroma's local client keeps its vector index in memory and does not see another process's writes; when
  the marker moves because of someone else, the local client is reopened. Several API workers should still
  prefer a Chroma server: one writer process per local directory is what Chroma itself supports.
"""

from factcheck.store.layout import open_store
from factcheck.store.source_store import ChromaSourceStore

__all__ = ["ChromaSourceStore", "open_store"]

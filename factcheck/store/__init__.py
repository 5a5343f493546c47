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
- Everything else a reader needs (documents, passage texts, lexical search with BM25 and exact phrases, word
  counts, the speaker registry) is in a catalog that every writer updates right after its commit, so a
  commit is visible to every reader the moment the writer returns and no reader ever rebuilds anything: a
  SQLite file (FTS5) in the store directory, shared by the processes of one machine, or, for clients of a
  Chroma server on several machines, a PostgreSQL server (`catalog_url`; GIN-indexed tsvectors of the same
  tokens). Of two commits of one document the later one wins in the catalog as in Chroma. A Chroma server's
  collection records which catalog indexes it, and a client given another is refused; a catalog that has
  never seen a collection (one from before, or a move with `ingest --rebuild-catalog`) is brought in line
  with Chroma's commit records once.
- Chroma's local client keeps its vector index in memory and does not see another process's writes; when
  the catalog moves because of someone else, the local client is reopened. Several API workers should still
  prefer a Chroma server: one writer process per local directory is what Chroma itself supports.
"""

from factcheck.store.layout import open_store
from factcheck.store.source_store import ChromaSourceStore

__all__ = ["ChromaSourceStore", "open_store"]

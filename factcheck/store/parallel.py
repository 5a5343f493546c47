"""Ingest with several processes: documents shared out by id, each process a full writer of its own share.

Every process commits through the same protocol as a single ingest (pending marks, revision ids, commit
records, the catalog), so processes on one machine or many, started by `ingest --jobs N` or by hand, lose and
double nothing: a document id always falls to one share, and the same document from two ingests ends once.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from factcheck.config import Settings
from factcheck.types import Document, IngestReport


def shares(documents: Sequence[Document], jobs: int) -> list[list[Document]]:
    """`documents` split into `jobs` shares by a hash of their id (stable across runs and machines)."""
    out: list[list[Document]] = [[] for _ in range(jobs)]
    for document in documents:
        digest = hashlib.sha256(document.id.encode()).digest()
        out[int.from_bytes(digest[:8], "big") % jobs].append(document)
    return out


def _ingest_share(settings: Settings, documents: list[Document], threads: int) -> IngestReport:
    """One process's work: its own model and store connections, then an ordinary ingest of its share."""
    from factcheck.pipeline import Components
    from factcheck.store.layout import open_store

    components = Components(settings)
    if not settings.embeddings_url:
        from factcheck.embed import load_embedder

        components.embedder = load_embedder(threads)
    # The components' store reads whose words each span is before writing, as a single ingest does.
    store = open_store(settings, components.get_embedder(), components.voice_reader())
    try:
        return store.add_documents(documents)
    finally:
        store.close()


def ingest_parallel(settings: Settings, documents: Sequence[Document], jobs: int) -> IngestReport:
    """Ingest with `jobs` processes over one shared store (a Chroma server); the reports added up."""
    started = time.perf_counter()
    parts = [part for part in shares(documents, jobs) if part]
    # The built-in model's threads are shared out, so that the processes do not fight over the cores.
    threads = max(1, (os.cpu_count() or 1) // max(1, len(parts)))
    context = multiprocessing.get_context("spawn")  # no fork of a process holding model and client threads
    with ProcessPoolExecutor(max_workers=max(1, len(parts)), mp_context=context) as pool:
        futures = [pool.submit(_ingest_share, settings, part, threads) for part in parts]
        reports = [future.result() for future in futures]
    return IngestReport(
        documents_added=sum(r.documents_added for r in reports),
        documents_skipped=sum(r.documents_skipped for r in reports),
        documents_replaced=sum(r.documents_replaced for r in reports),
        documents_updated=sum(r.documents_updated for r in reports),
        passages_added=sum(r.passages_added for r in reports),
        seconds=time.perf_counter() - started,
        embed_seconds=max((r.embed_seconds for r in reports), default=0.0),
    )

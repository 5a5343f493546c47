"""Where a store lives on disk, and refusing directories that are not ours."""

from __future__ import annotations

import json
import os
from pathlib import Path

from factcheck.config import Settings
from factcheck.errors import StoreError
from factcheck.stages import Embedder, VoiceReader
from factcheck.store.catalog import SqliteCatalog
from factcheck.store.embedding import StoreEmbeddingFunction
from factcheck.store.records import Catalog
from factcheck.store.source_store import ChromaSourceStore
from factcheck.store.vectors import VectorStore, connect_local, connect_server

MARKER = "factcheck-store.json"
FORMAT = 1


def local_chroma_path(root: Path) -> Path:
    """Where a local store keeps its Chroma data (also what a `chroma run --path` serves)."""
    return root / "chroma"


def is_store(root: Path) -> bool:
    """True when `root` has a marker of a supported format; raises for a corrupt or foreign one."""
    marker = root / MARKER
    if not marker.is_file():
        return False
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{root}: store marker {MARKER} is unreadable or corrupt ({exc})") from exc
    if not isinstance(info, dict) or info.get("format") != FORMAT:
        raise StoreError(f"{root}: store format {info!r} is not supported (expected format {FORMAT})")
    return True


def prepare_directory(root: Path) -> None:
    """Create a store directory, or check that an existing one is a store of ours; never overwrite.

    Several processes (API workers) may create the same new store at once: each writes its own temporary
    marker and renames it into place, and the others' temporary markers do not make a directory foreign.
    """
    if root.exists() and not root.is_dir():
        raise StoreError(f"{root} is a file, not a store directory")
    if is_store(root):
        return
    temporary_prefix = f".{MARKER}."
    if root.is_dir() and any(not p.name.startswith(temporary_prefix) for p in root.iterdir()):
        if is_store(root):  # another process finished creating it since the first look
            return
        raise StoreError(
            f"{root} is not empty and is not a factcheck store (no {MARKER}); use a new or empty directory"
        )
    try:
        root.mkdir(parents=True, exist_ok=True)
        temporary = root / f"{temporary_prefix}{os.getpid()}"
        temporary.write_text(json.dumps({"format": FORMAT}) + "\n", encoding="utf-8")
        temporary.replace(root / MARKER)
    except OSError as exc:
        raise StoreError(f"cannot create the store directory {root}: {exc.strerror or exc}") from exc


def open_store(settings: Settings, embedder: Embedder, voices: VoiceReader | None = None) -> ChromaSourceStore:
    """The configured store: `settings.chroma_url` if set, else the directory `settings.store`; `voices` reads
    whose words each span of a document is before it is stored.

    The catalog is on the PostgreSQL server `settings.catalog_url` if set, else a SQLite file in the store
    directory (which only the processes of one machine can share).
    """
    # Absolute: Chroma keeps one client per path string, and a relative one names another directory after a chdir.
    root = settings.store.expanduser().absolute()
    prepare_directory(root)
    function = StoreEmbeddingFunction(embedder)
    if settings.chroma_url:
        url = settings.chroma_url
        vectors = VectorStore(lambda: connect_server(url), settings.collection, function, url)
    else:
        path = local_chroma_path(root)
        vectors = VectorStore(lambda: connect_local(path), settings.collection, function, str(root), path)
    _check_embedding(vectors, embedder, settings.chroma_url or str(root))
    # Opened second: a store whose Chroma data cannot be read is left exactly as it was.
    catalog = open_catalog(settings, root)
    store = ChromaSourceStore(
        vectors, catalog, embedder, refresh_seconds=settings.store_refresh_seconds, voices=voices
    )
    if settings.chroma_url:
        _check_claim(store, vectors, catalog, settings)
    elif catalog.synced_version() is None or settings.rebuild_catalog:
        # A catalog from before writers kept it current: brought in line with Chroma's records once.
        store.reconcile()
    return store


def open_catalog(settings: Settings, root: Path) -> Catalog:
    """The catalog the settings name: PostgreSQL when `catalog_url` is set, else SQLite in the store directory."""
    if settings.catalog_url:
        from factcheck.store.postgres import PostgresCatalog

        return PostgresCatalog(settings.catalog_url.get_secret_value(), settings.collection)
    return SqliteCatalog(root / f"{settings.collection}.catalog.sqlite")


def _check_embedding(vectors: VectorStore, embedder: Embedder, where: str) -> None:
    """Refuse to mix vectors of two models: their similarities mean nothing to each other."""
    recorded = vectors.embedding_record()
    if recorded is None and vectors.call("count passages", vectors.passages.count) > 0:
        from factcheck.embed import DIMENSION, MODEL_NAME

        recorded = (MODEL_NAME, DIMENSION)  # every store from before the record was made with the built-in model
    mine = (embedder.name, embedder.dimension)
    if recorded is not None and recorded != mine:
        raise StoreError(
            f"the store at {where} holds vectors of the embedding model {recorded[0]!r} ({recorded[1]} dimensions), "
            f"and this process embeds with {mine[0]!r} ({mine[1]} dimensions): vectors of two models cannot be "
            "mixed; use the store's model (FACTCHECK_EMBEDDINGS_URL and FACTCHECK_EMBEDDINGS_MODEL, or neither "
            "for the built-in one), or another store or collection"
        )
    if recorded is None or vectors.embedding_record() is None:
        vectors.record_embedding(*mine)


def _check_claim(store: ChromaSourceStore, vectors: VectorStore, catalog: Catalog, settings: Settings) -> None:
    """Refuse a catalog other than the one this server collection's commits are indexed in."""
    mine = catalog.name
    claimed = vectors.catalog_claim()
    if claimed == mine and not settings.rebuild_catalog:
        return
    if claimed is not None and not settings.rebuild_catalog:
        raise StoreError(
            f"the collection {settings.collection!r} on the Chroma server {settings.chroma_url} is indexed in "
            f"the catalog {claimed}, not in {mine}: give every client of one server the same "
            "FACTCHECK_CATALOG_URL, or move the collection to this catalog with `factcheck ingest "
            "--rebuild-catalog`"
        )
    store.reconcile()
    vectors.claim_catalog(mine)

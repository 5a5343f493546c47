"""Chroma access: the passages collection (vectors) and a small collection of document records.

A document is committed when its record is written, after all its passages; readers only trust passages
of committed revisions, so an interrupted write is never visible.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import chromadb
import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.types import GetResult
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import InternalError

from factcheck.errors import StoreError
from factcheck.stages import Vectors
from factcheck.store.catalog import decode_anchors, encode_anchors
from factcheck.store.embedding import StoreEmbeddingFunction, register
from factcheck.store.records import CommittedDocument
from factcheck.store.voices import dump_voices, load_voices
from factcheck.types import DocumentRef, Passage

T = TypeVar("T")
Metadata = dict[str, Any]
_STATE_ID = "~state"
_CATALOG_ID = "~catalog"
_EMBEDDING_ID = "~embedding"
# Records need a vector; document records are looked up by id or metadata only.
_UNIT = [1.0]
# A write mark this old belongs to an ingest that died: no single document takes this long to write.
PENDING_SECONDS = 6 * 3600
# Pauses before retrying a read the server failed with an internal error (then one last try).
READ_RETRY_PAUSES = (0.05, 0.2, 0.5)
# Records read per call when fetching stored vectors (a server limits the size of one request).
READ_BATCH = 2000


def _blank(value: str | None) -> str:
    return value or ""


def _int(value: Any) -> int:
    return int(value) if isinstance(value, int | float | str) and str(value) else 0


def _seconds(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _none(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def record_id(document_id: str, index: int, rev: str) -> str:
    """Chroma id of one passage revision."""
    return f"{document_id}#{index}@{rev}"


def client_settings() -> ChromaSettings:
    """Chroma settings: no telemetry (no outside network), no reset."""
    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def connect_local(path: Path) -> ClientAPI:
    """A persistent client over `path`."""
    try:
        return chromadb.PersistentClient(path=str(path), settings=client_settings())
    except Exception as exc:  # Chroma raises untyped errors (rust bindings, sqlite) for a bad directory
        raise StoreError(f"cannot open the Chroma store at {path}: {exc}") from exc


def connect_server(url: str) -> ClientAPI:
    """An HTTP client for a Chroma server, e.g. http://127.0.0.1:8000."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"Chroma URL {url!r} must look like http://host:port")
    ssl = parts.scheme == "https"
    port = parts.port or (443 if ssl else 8000)
    try:
        return chromadb.HttpClient(host=parts.hostname, port=port, ssl=ssl, settings=client_settings())
    except Exception as exc:  # connection errors surface as several httpx/chromadb types
        raise StoreError(f"Chroma server at {url} is unreachable: {exc}") from exc


class VectorStore:
    """The two Chroma collections behind a store, every call turned into `StoreError` on failure."""

    def __init__(
        self,
        connect: Callable[[], ClientAPI],
        collection: str,
        function: StoreEmbeddingFunction,
        where: str,
        local_path: Path | None = None,
    ) -> None:
        self._connect = connect
        self._collection = collection
        self._function = function
        self._where = where
        self._local_path = local_path
        register()
        self._open()

    def _open(self) -> None:
        self._client = self.call("connect", self._connect)
        with self._errors("open the collections"):
            self.passages: Collection = self._client.get_or_create_collection(
                self._collection, embedding_function=self._function, configuration={"hnsw": {"space": "cosine"}}
            )
            self.documents: Collection = self._client.get_or_create_collection(
                f"{self._collection}-documents", embedding_function=None
            )

    def reload_local(self) -> None:
        """Reopen a local store, which another process may have written since we loaded it.

        Chroma's local client keeps its vector index in memory and does not see other processes' writes,
        so the cached client for this path is dropped and the index read again from disk.
        """
        if self._local_path is None:
            return
        from chromadb.api.shared_system_client import SharedSystemClient

        system = SharedSystemClient._identifier_to_system.pop(str(self._local_path), None)
        if system is not None:
            system.stop()
        self._open()

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except Exception as exc:  # backend failures of any type become one visible, typed error
            raise StoreError(f"cannot {action} in the Chroma store at {self._where}: {exc}") from exc

    def call(self, action: str, fn: Callable[[], T]) -> T:
        """Run one backend call with error translation."""
        with self._errors(action):
            return fn()

    def read(self, action: str, fn: Callable[[], T]) -> T:
        """Run a read, retried briefly when the server reports an internal error.

        Chroma's server can fail a query while another client's writes make it create the collection's
        index segment ("Error creating hnsw segment reader"); a moment later the same read succeeds.
        Unreachable servers are not retried: that failure is reported at once.
        """
        with self._errors(action):
            for pause in READ_RETRY_PAUSES:
                try:
                    return fn()
                except InternalError:
                    time.sleep(pause)
            return fn()

    def heartbeat(self) -> None:
        """Raise StoreError unless Chroma answers (one round trip)."""
        self.call("reach", self._client.heartbeat)

    def ping(self) -> None:
        """Raise StoreError unless the backend answers."""
        self.call("reach", self._client.heartbeat)
        self.read("read", self.documents.count)

    def _put_records(self, ids: list[str], metas: list[Metadata], action: str) -> None:
        vectors: Any = [_UNIT] * len(ids)
        self.call(action, lambda: self.documents.upsert(ids=ids, embeddings=vectors, metadatas=metas))  # type: ignore[arg-type]

    def version(self) -> str:
        """A marker that changes on every commit or delete."""
        meta = self._record(_STATE_ID, "read the version")
        return "" if meta is None else str(meta.get("version", ""))

    def bump_version(self) -> None:
        """Mark that committed documents changed (what a catalog brought in line with Chroma compares)."""
        self._put_records([_STATE_ID], [{"kind": "state", "version": uuid.uuid4().hex}], "write the version")

    def catalog_claim(self) -> str | None:
        """Where the catalog of this collection lives, as its first client on a Chroma server recorded it."""
        meta = self._record(_CATALOG_ID, "read the catalog claim")
        return None if meta is None else str(meta.get("catalog", "")) or None

    def _record(self, record: str, action: str) -> Metadata | None:
        got = self.read(action, lambda: self.documents.get(ids=[record], include=["metadatas"]))
        metadatas = got["metadatas"] or []
        return dict(metadatas[0]) if metadatas else None

    def embedding_record(self) -> tuple[str, int] | None:
        """The embedding model and dimension this collection's vectors were made with, when recorded."""
        meta = self._record(_EMBEDDING_ID, "read the embedding model")
        return None if meta is None else (str(meta.get("model", "")), _int(meta.get("dimension")))

    def record_embedding(self, model: str, dimension: int) -> None:
        """Record the embedding model and dimension of this collection's vectors."""
        meta: Metadata = {"kind": "embedding", "model": model, "dimension": dimension}
        self._put_records([_EMBEDDING_ID], [meta], "record the embedding model")

    def claim_catalog(self, where: str) -> None:
        """Record where this collection's catalog lives, so that a client given another one is refused."""
        self._put_records([_CATALOG_ID], [{"kind": "catalog", "catalog": where}], "record the catalog")

    def committed_documents(self) -> dict[str, CommittedDocument]:
        """Every committed document record."""
        got = self.read("list documents", lambda: self.documents.get(where={"kind": "doc"}, include=["metadatas"]))
        out = {}
        for meta in got["metadatas"] or []:
            doc = CommittedDocument(
                id=str(meta["id"]), rev=str(meta["rev"]), title=_none(meta.get("title")),
                speaker=_none(meta.get("speaker")), date=_none(meta.get("date")), url=_none(meta.get("url")),
                passages=_int(meta.get("passages")), chars=_int(meta.get("chars")),
                committed=_seconds(meta.get("committed")),
            )  # fmt: skip
            out[doc.id] = doc
        return out

    def pending_documents(self) -> dict[str, set[str]]:
        """Writes started but maybe not finished: document id -> revisions being written."""
        out: dict[str, set[str]] = {}
        for doc, rev, _ in self._pending_marks():
            out.setdefault(doc, set()).add(rev)
        return out

    def _pending_marks(self) -> list[tuple[str, str, float]]:
        got = self.read("list pending", lambda: self.documents.get(where={"kind": "pending"}, include=["metadatas"]))
        return [(str(m["id"]), str(m["rev"]), _seconds(m.get("started"))) for m in got["metadatas"] or []]

    def begin(self, documents: Sequence[tuple[str, str]]) -> None:
        """Mark (document, revision) writes as started; one mark per revision, so writers see each other's."""
        if documents:
            ids = [_pending_id(doc, rev) for doc, rev in documents]
            now = time.time()
            metas: list[Metadata] = [
                {"kind": "pending", "id": doc, "rev": rev, "started": now} for doc, rev in documents
            ]
            self._put_records(ids, metas, "mark pending")

    def write_passages(self, passages: Sequence[Passage], revs: Sequence[str], vectors: Vectors) -> None:
        """Upsert passage vectors with their metadata (idempotent: ids are per revision)."""
        ids = [record_id(p.document.id, p.index, rev) for p, rev in zip(passages, revs, strict=True)]
        metas: list[Metadata] = [
            {
                "doc": p.document.id,
                "rev": rev,
                "index": p.index,
                "start": p.start,
                "end": p.end,
                "speaker": _blank(p.speaker),
                "doc_speaker": _blank(p.document.speaker),
                "title": _blank(p.document.title),
                "date": _blank(p.document.date),
                "url": _blank(p.document.url),
                **_location(p),
                **_voices(p),
            }
            for p, rev in zip(passages, revs, strict=True)
        ]
        texts = [p.text for p in passages]
        self.call(
            "write passages",
            lambda: self.passages.upsert(ids=ids, embeddings=vectors, documents=texts, metadatas=metas),  # type: ignore[arg-type]
        )

    def commit(self, documents: Sequence[CommittedDocument], stale: Sequence[str]) -> None:
        """Commit documents, drop their other revisions' passages (for `stale` ones) and the pending marks."""
        if not documents:
            return
        ids = [f"doc:{d.id}" for d in documents]
        metas: list[Metadata] = [
            {
                "kind": "doc",
                "id": d.id,
                "rev": d.rev,
                "title": _blank(d.title),
                "speaker": _blank(d.speaker),
                "date": _blank(d.date),
                "url": _blank(d.url),
                "passages": d.passages,
                "chars": d.chars,
                "committed": d.committed,
            }
            for d in documents
        ]
        self._put_records(ids, metas, "commit documents")
        self.bump_version()
        if stale:
            self._drop_other_revisions(stale)
        pending = [_pending_id(d.id, d.rev) for d in documents]
        self.call("clear pending", lambda: self.documents.delete(ids=pending))

    def _drop_other_revisions(self, documents: Sequence[str]) -> None:
        """Delete passages of revisions that are neither committed now nor being written by anyone.

        Read after our own commit, so a revision another process is still writing keeps its passages. (Ours
        are kept too while our mark is up: if another process committed a newer revision meanwhile, they stay
        hidden until the document is written again.)
        """
        committed_ids = [f"doc:{doc}" for doc in documents]
        got = self.read("read commits", lambda: self.documents.get(ids=committed_ids, include=["metadatas"]))
        keep: dict[str, set[str]] = {doc: set() for doc in documents}
        for meta in got["metadatas"] or []:
            keep[str(meta["id"])].add(str(meta["rev"]))
        # A mark older than PENDING_SECONDS was left by a killed ingest: it and its passages go.
        dead = []
        oldest = time.time() - PENDING_SECONDS
        for doc, rev, started in self._pending_marks():
            if doc in keep and started > oldest:
                keep[doc].add(rev)
            elif doc in keep:
                dead.append(_pending_id(doc, rev))
        if dead:
            self.call("clear dead pending marks", lambda: self.documents.delete(ids=dead))
        for doc, revs in keep.items():
            where = {"$and": [{"doc": doc}, {"rev": {"$nin": sorted(revs)}}]} if revs else {"doc": doc}
            self._delete_passages(where, "delete old passages")

    def delete(self, document_id: str) -> None:
        """Uncommit a document, then drop its passages."""
        revs = self.pending_documents().get(document_id, set())
        records = [f"doc:{document_id}", *(_pending_id(document_id, rev) for rev in revs)]
        self.call("delete a document", lambda: self.documents.delete(ids=records))
        self.bump_version()
        self._delete_passages({"doc": document_id}, "delete passages")

    def _delete_passages(self, where: Any, action: str) -> None:
        self.call(action, lambda: self.passages.delete(where=where))

    def document_passages(self, document_id: str, rev: str) -> list[Passage]:
        """All passages of one committed revision, from Chroma (used to rebuild the catalog)."""
        got = self.read(
            "read passages",
            lambda: self.passages.get(
                where={"$and": [{"doc": document_id}, {"rev": rev}]}, include=["documents", "metadatas"]
            ),
        )
        out = [_passage(text, meta) for text, meta in zip(got["documents"] or [], got["metadatas"] or [], strict=True)]
        return sorted(out, key=lambda p: p.index)

    def embeddings(self, ids: Sequence[str]) -> tuple[list[str], Vectors]:
        """The stored vectors of these records, as (the ids found, one row each)."""
        found: list[str] = []
        rows: list[Any] = []
        for lo in range(0, len(ids), READ_BATCH):
            got = self._get_embeddings(list(ids[lo : lo + READ_BATCH]))
            embeddings = got["embeddings"]
            if embeddings is None:
                continue
            found.extend(str(i) for i in got["ids"])
            rows.extend(embeddings)
        if not found:
            return [], np.zeros((0, 0), dtype=np.float32)
        return found, np.asarray(rows, dtype=np.float32)

    def _get_embeddings(self, ids: list[str]) -> GetResult:
        return self.read("read vectors", lambda: self.passages.get(ids=ids, include=["embeddings"]))

    def query(
        self, vectors: Sequence[Vectors], n: int, ids: Sequence[str] | None = None
    ) -> list[list[tuple[str, float]]]:
        """Nearest records per vector as (record id, cosine similarity), optionally only among `ids`.

        One call for all vectors, and no texts or metadata: the catalog holds those, and fetching them from
        Chroma cost as much as the search itself.
        """
        if not vectors or (ids is not None and not ids):
            return [[] for _ in vectors]
        got = self.read(
            "search",
            lambda: self.passages.query(
                query_embeddings=[v.astype("float32").tolist() for v in vectors],
                n_results=n,
                ids=list(ids) if ids is not None else None,
                include=["distances"],
            ),
        )
        found = got["ids"] or []
        distances = got["distances"] or []
        return [
            [(str(record), 1.0 - float(distance)) for record, distance in zip(records, dists, strict=True)]
            for records, dists in zip(found, distances, strict=True)
        ]


def parse_record_id(record: str) -> tuple[str, int, str] | None:
    """(document id, passage ordinal, revision) of a record id made by `record_id`; None for other records."""
    rest, _, rev = record.rpartition("@")
    document_id, _, index = rest.rpartition("#")
    if not document_id or not index.isdigit() or not rev:
        return None
    return document_id, int(index), rev


def _pending_id(document_id: str, rev: str) -> str:
    return f"pending:{document_id}:{rev}"


def _location(passage: Passage) -> Metadata:
    """Page and time keys, present only when known (Chroma metadata cannot hold None)."""
    found: Metadata = {}
    if passage.page is not None:
        found["page"] = passage.page
    if passage.timestamp is not None:
        found["timestamp"] = passage.timestamp
    anchors = encode_anchors(passage.anchors)
    if anchors is not None:
        found["anchors"] = anchors
    return found


def _voices(passage: Passage) -> Metadata:
    """Whose words the passage's spans are, as one JSON string (Chroma metadata values are scalars)."""
    return {"voices": dump_voices(passage.voices)} if passage.voices else {}


def _passage(text: str | None, meta: Any) -> Passage:
    ref = DocumentRef(
        id=str(meta["doc"]), title=_none(meta.get("title")), speaker=_none(meta.get("doc_speaker")),
        date=_none(meta.get("date")), url=_none(meta.get("url")),
    )  # fmt: skip
    index = int(meta["index"])
    return Passage(
        id=f"{ref.id}#{index}", document=ref, index=index, text=text or "", start=int(meta["start"]),
        end=int(meta["end"]), speaker=_none(meta.get("speaker")),
        page=_optional_int(meta.get("page")), timestamp=_optional_float(meta.get("timestamp")),
        anchors=decode_anchors(meta.get("anchors")),
        voices=load_voices(meta.get("voices")),
    )  # fmt: skip


def _optional_int(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) else None


def _optional_float(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None

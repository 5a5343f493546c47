"""The source store: Chroma for vectors and commit records, a catalog (SQLite or PostgreSQL) for the rest."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace

import numpy as np

from factcheck.errors import InputError
from factcheck.sources import document_revision, split_passages
from factcheck.sources.documents import content_hash
from factcheck.stages import Embedder, Progress, Vectors, VoiceReader
from factcheck.store.records import Catalog, CommittedDocument, read_at, speaker_keys
from factcheck.store.relabel import FIELDS, relabel
from factcheck.store.vectors import VectorStore, parse_record_id, record_id
from factcheck.types import (
    Candidate,
    Document,
    DocumentInfo,
    DocumentUpdate,
    IngestReport,
    LexicalMatch,
    Passage,
    SpeakerEntry,
)

# Large enough that the model's per-call overhead and Chroma's per-write overhead are amortised,
# small enough that progress moves and memory stays flat.
BATCH_SIZE = 256
# Vectors of texts up to this many characters are reused within one ingest (at most SHORT_CACHE of them).
SHORT_TEXT = 80
SHORT_CACHE = 50_000
# Batches embedded ahead of the writer; one is written while the next is embedded.
IN_FLIGHT = 2
# Documents whose voices are read ahead, on a thread of their own, while the model embeds the batch before them.
READ_AHEAD = 2
# Speaker sets whose passage ids are kept for filtered dense search (dropped whenever the store changes).
SPEAKER_RECORDS_CACHE = 256
# Speakers with at most this many passages are searched exactly, over their vectors held in memory: an
# approximate index filtered to a few hundred records explores most of the graph and is far slower.
EXACT_SEARCH_PASSAGES = 20_000
# Vectors held for exact search across all speakers (384 floats each: 50,000 are about 77 MB).
EXACT_SEARCH_CACHE = 50_000


# Stores (by id) whose reads in the current context are inside a `snapshot()` block.
_PINNED: ContextVar[frozenset[int]] = ContextVar("factcheck_store_snapshots", default=frozenset())
# Phrase speakers read in the current `snapshot()` block, by store, phrase and limit: the retriever reads each
# quote's on its search threads while quotes are embedded, and the verifier asks for them again.
_PHRASES: ContextVar[dict[tuple[int, str, int], tuple[int, list[str]]] | None] = ContextVar(
    "factcheck_store_phrases", default=None
)


@dataclass
class _Batch:
    passages: list[Passage] = field(default_factory=list)
    revs: list[str] = field(default_factory=list)
    # Per passage, the record whose stored vector it takes (its text is stored already), or None to embed it.
    reuse: list[str | None] = field(default_factory=list)
    begun: list[tuple[str, str]] = field(default_factory=list)
    completed: list[tuple[CommittedDocument, list[Passage]]] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


class ChromaSourceStore:
    """`SourceStore` over a local Chroma directory or a Chroma server, with a catalog every writer keeps current."""

    def __init__(
        self,
        vectors: VectorStore,
        catalog: Catalog,
        embedder: Embedder,
        batch_size: int = BATCH_SIZE,
        refresh_seconds: float = 0.0,
        voices: VoiceReader | None = None,
    ) -> None:
        self._vectors = vectors
        self._voices = voices
        self._catalog = catalog
        self._embedder = embedder
        self._batch_size = batch_size
        self._refresh_seconds = refresh_seconds
        self._checked = float("-inf")
        self._seen_version: str | None = None
        self._written_version: str | None = None
        self._embed_seconds = 0.0
        self._short_vectors: dict[str, Vectors] = {}
        self._refresh_lock = threading.Lock()
        # Record ids of some speakers' committed passages, and their vectors, for speaker-filtered dense search.
        self._speaker_records: dict[tuple[str, ...], list[str]] = {}
        self._speaker_vectors: dict[tuple[str, ...], tuple[list[str], Vectors]] = {}
        self._passage_count: tuple[str | None, int] | None = None

    def close(self) -> None:
        """Release this thread's catalog connection."""
        self._catalog.close()

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads in this block share one check for other processes' writes.

        The block is tracked in a context variable, so work handed to threads with a copy of the caller's
        context (`contextvars.copy_context().run`) belongs to it too.
        """
        pinned = _PINNED.get()
        if id(self) in pinned:
            yield
            return
        self.refresh()
        token = _PINNED.set(pinned | {id(self)})
        phrases = _PHRASES.set({}) if _PHRASES.get() is None else None
        try:
            with read_at(self._catalog, self._seen_version or ""):
                yield
        finally:
            if phrases is not None:
                _PHRASES.reset(phrases)
            _PINNED.reset(token)

    def refresh(self, force: bool = False) -> None:
        """Notice other processes' commits: caches are dropped, and a local Chroma client reads its index again."""
        if not force and id(self) in _PINNED.get():
            return
        # Most reads go to the catalog alone; without Chroma the store must still fail visibly, not half-answer.
        self._vectors.heartbeat()
        with self._refresh_lock:
            now = time.monotonic()
            if not force and now - self._checked < self._refresh_seconds:
                return
            version = self._catalog.version()
            if version != self._seen_version:
                if self._seen_version is not None and version != self._written_version:
                    self._vectors.reload_local()
                self._forget_speakers()
                self._seen_version = version
            self._checked = now

    def reconcile(self) -> None:
        """Bring the catalog in line with the documents Chroma's records say are committed.

        Writers keep the catalog current, so this runs only for a catalog that has never been brought in line
        with this collection (one from before writers kept it, or a new catalog for an existing collection),
        and on request (`ingest --rebuild-catalog`).
        """
        with self._refresh_lock:
            version = self._vectors.version()
            remote = self._vectors.committed_documents()
            local = self._catalog.revisions()
            self._catalog.remove_documents([doc for doc in local if doc not in remote])
            for doc in remote.values():
                if local.get(doc.id) != doc.rev:
                    self._catalog.put_documents([(doc, self._vectors.document_passages(doc.id, doc.rev))])
            self._catalog.set_synced_version(version)
            self._forget_speakers()

    def add_documents(self, documents: Iterable[Document], progress: Progress | None = None) -> IngestReport:
        """Store documents; unchanged ones are skipped, changed ones replaced, each committed whole."""
        started = time.perf_counter()
        self._embed_seconds = 0.0
        self._short_vectors = {}
        self.refresh(force=True)
        committed = self._catalog.revisions()
        pending = self._vectors.pending_documents()
        added = replaced = updated = skipped = passages_added = 0
        batch = _Batch()
        in_flight: deque[Future[None]] = deque()
        seen: dict[str, str] = {}
        with (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-writer") as writer,
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="source-voices") as reader,
        ):
            try:
                for document, rev, voiced in self._read_ahead(documents, committed, pending, reader):
                    if document.id in seen:
                        if seen[document.id] != rev:
                            raise InputError(f"document id {document.id!r} appears twice with different content")
                        continue
                    seen[document.id] = rev
                    if committed.get(document.id) == rev and rev not in pending.get(document.id, ()):
                        skipped += 1
                        if progress and (info := self._catalog.get_document(document.id)):
                            progress(info.passages)
                        continue
                    if voiced is not None:
                        # Whose words each span is, read only for documents that may be written. A stored document
                        # of another revision is compared with its new reading: a change of the source analysis
                        # changes whose words its spans are, and nothing else.
                        document = voiced.result()
                    passages = split_passages(document)
                    stored = self._stored_form(document, passages) if document.id in committed else None
                    if stored == "same":
                        skipped += 1
                        if progress:
                            progress(len(passages))
                        continue
                    reuse: list[str | None] = [None] * len(passages)
                    if stored == "text":
                        updated += 1
                        reuse = [record_id(document.id, p.index, committed[document.id]) for p in passages]
                    elif document.id in committed:
                        replaced += 1
                    else:
                        added += 1
                    passages_added += len(passages)
                    batch.begun.append((document.id, rev))
                    for passage, reused in zip(passages, reuse, strict=True):
                        batch.passages.append(passage)
                        batch.revs.append(rev)
                        batch.reuse.append(reused)
                        if len(batch.passages) >= self._batch_size:
                            self._flush(batch, writer, in_flight, progress)
                            batch = _Batch()
                    record = CommittedDocument(
                        id=document.id, rev=rev, title=document.title, speaker=document.speaker,
                        date=document.date, url=document.url, passages=len(passages), chars=len(document.text),
                    )  # fmt: skip
                    batch.completed.append((record, passages))
                    if document.id in committed or document.id in pending:
                        batch.stale.append(document.id)
                self._flush(batch, writer, in_flight, progress)
                while in_flight:
                    in_flight.popleft().result()
            except BaseException:
                for future in in_flight:
                    future.cancel()
                raise
        return IngestReport(
            documents_added=added,
            documents_skipped=skipped,
            documents_replaced=replaced,
            documents_updated=updated,
            passages_added=passages_added,
            seconds=time.perf_counter() - started,
            embed_seconds=self._embed_seconds,
        )

    def _read_ahead(
        self,
        documents: Iterable[Document],
        committed: dict[str, str],
        pending: dict[str, set[str]],
        reader: ThreadPoolExecutor,
    ) -> Iterator[tuple[Document, str, Future[Document] | None]]:
        """Each document with its revision and its voices being read (None when it will not be written or there is
        no analysis), `READ_AHEAD` documents ahead: the parse of the next ones runs while the model embeds, which
        releases the interpreter lock."""
        voices = self._voices
        queue: deque[tuple[Document, str, Future[Document] | None]] = deque()
        try:
            for document in documents:
                rev = document_revision(document)
                unchanged = committed.get(document.id) == rev and rev not in pending.get(document.id, ())
                read = None if voices is None or unchanged else reader.submit(voices.read, document)
                queue.append((document, rev, read))
                if len(queue) > READ_AHEAD:
                    yield queue.popleft()
            while queue:
                yield queue.popleft()
        finally:
            for _, _, future in queue:
                if future is not None:
                    future.cancel()

    def _flush(
        self, batch: _Batch, writer: ThreadPoolExecutor, in_flight: deque[Future[None]], progress: Progress | None
    ) -> None:
        if not batch.passages and not batch.completed:
            return
        vectors = self._vectors_for(batch)
        while len(in_flight) >= IN_FLIGHT:
            in_flight.popleft().result()
        in_flight.append(writer.submit(self._write, batch, vectors))
        if progress and batch.passages:
            progress(len(batch.passages))

    def _vectors_for(self, batch: _Batch) -> Vectors:
        """One vector per passage of the batch: stored ones for text already stored, the model's for the rest."""
        stored: dict[str, Vectors] = {}
        wanted = [record for record in batch.reuse if record is not None]
        if wanted:
            ids, matrix = self._vectors.embeddings(wanted)
            stored = dict(zip(ids, matrix, strict=True))
        fresh = [i for i, record in enumerate(batch.reuse) if record is None or record not in stored]
        started = time.perf_counter()
        embedded = self._embed([batch.passages[i].text for i in fresh])
        self._embed_seconds += time.perf_counter() - started
        out = np.zeros((len(batch.passages), self._embedder.dimension), dtype=np.float32)
        for row, i in enumerate(fresh):
            out[i] = embedded[row]
        for i, record in enumerate(batch.reuse):
            if record is not None and record in stored:
                out[i] = stored[record]
        return out

    def _stored_form(self, document: Document, passages: Sequence[Passage]) -> str | None:
        """How a committed document compares with a new version: "same" stored form (nothing to write), "text"
        the same (only metadata or locations differ: its vectors can be reused), or None (re-embed).

        Revisions differ for metadata given through `update_document` and for documents stored before a
        change of what revisions hash; comparing the stored passages tells what actually changed.
        """
        info = self._catalog.get_document(document.id)
        if info is None or info.passages != len(passages) or info.chars != len(document.text):
            return None
        stored = self._catalog.passages(document.id, range(len(passages)))
        if len(stored) != len(passages):
            return None
        if any((a.start, a.end, a.text) != (b.start, b.end, b.text) for a, b in zip(stored, passages, strict=True)):
            return None
        same_metadata = all(
            getattr(info, name) == getattr(document, name) for name in ("title", "speaker", "date", "url")
        )
        labels = ("speaker", "page", "timestamp", "anchors", "document", "voices")
        same_passages = all(
            all(getattr(a, name) == getattr(b, name) for name in labels) for a, b in zip(stored, passages, strict=True)
        )
        return "same" if same_metadata and same_passages else "text"

    def _embed(self, texts: list[str]) -> Vectors:
        """Each distinct text embedded once; short ones are remembered for the whole call."""
        if not texts:
            return np.zeros((0, self._embedder.dimension), dtype=np.float32)
        cache = self._short_vectors
        fresh = [t for t in dict.fromkeys(texts) if t not in cache]
        found = dict(zip(fresh, self._embedder.embed(fresh), strict=True)) if fresh else {}
        for text, vector in found.items():
            # Transcripts repeat short turns ("Thank you.", "Senator?") thousands of times.
            if len(text) <= SHORT_TEXT and len(cache) < SHORT_CACHE:
                cache[text] = vector
        return np.stack([found[t] if t in found else cache[t] for t in texts]).astype(np.float32)

    def _write(self, batch: _Batch, vectors: Vectors) -> None:
        """Runs on the writer thread, batches strictly in order."""
        self._vectors.begin(batch.begun)
        if batch.passages:
            self._vectors.write_passages(batch.passages, batch.revs, vectors)
        now = time.time()
        completed = [(replace(record, committed=now), passages) for record, passages in batch.completed]
        self._vectors.commit([record for record, _ in completed], batch.stale)
        # Visible to every reader from here: the catalog is where they look.
        self._catalog.put_documents(completed)
        self._written_version = self._catalog.version()
        self._forget_speakers()

    def list_documents(self, offset: int = 0, limit: int = 50, speaker: str | None = None) -> list[DocumentInfo]:
        """Committed documents in ingest order; with `speaker`, those where that speaker has a passage."""
        self.refresh()
        keys = speaker_keys([speaker]) if speaker else []
        if speaker and not keys:
            return []
        return self._catalog.list_documents(offset, limit, keys)

    def update_document(self, document_id: str, update: DocumentUpdate) -> DocumentInfo | None:
        """Change a document's metadata without embedding anything again; None when it is not stored.

        Written as any new revision is (mark, passages, commit, old passages dropped), its passages taking the
        vectors stored with the current revision, so every reader sees the change at the commit.
        """
        self.refresh(force=True)
        info = self._catalog.get_document(document_id)
        rev = self._catalog.revision(document_id)
        if info is None or rev is None:
            return None
        changes = update.changes()
        passages = self._catalog.passages(document_id, range(info.passages))
        new = relabel(info, passages, changes)
        if all(getattr(new.document, name) == getattr(info, name) for name in changes) and new.passages == passages:
            return info
        fields = [getattr(new.document, name) or "" for name in FIELDS]
        new_rev = content_hash("metadata", rev, *fields, *(p.speaker or "" for p in new.passages))
        record = CommittedDocument(
            id=document_id, rev=new_rev, title=new.document.title, speaker=new.document.speaker,
            date=new.document.date, url=new.document.url, passages=len(new.passages), chars=info.chars,
        )  # fmt: skip
        batch = _Batch(
            passages=new.passages,
            revs=[new_rev] * len(new.passages),
            reuse=[record_id(document_id, p.index, rev) for p in new.passages],
            begun=[(document_id, new_rev)],
            completed=[(record, new.passages)],
            stale=[document_id],
        )
        self._write(batch, self._vectors_for(batch))
        return self._catalog.get_document(document_id)

    def get_document(self, document_id: str) -> DocumentInfo | None:
        """One committed document, or None."""
        self.refresh()
        return self._catalog.get_document(document_id)

    def delete_document(self, document_id: str) -> bool:
        """Remove a document from both indexes; False when it was not there."""
        self.refresh(force=True)
        if self._catalog.get_document(document_id) is None and document_id not in self._vectors.pending_documents():
            return False
        self._vectors.delete(document_id)
        self._catalog.remove_documents([document_id])
        self._written_version = self._catalog.version()
        self._forget_speakers()
        return True

    def count_documents(self, speaker: str | None = None) -> int:
        """Number of committed documents (where `speaker` has a passage, when given)."""
        self.refresh()
        keys = speaker_keys([speaker]) if speaker else []
        if speaker and not keys:
            return 0
        return self._catalog.count_documents(keys)

    def count_passages(self) -> int:
        """Number of passages of committed documents."""
        self.refresh()
        # Counting scans an index; the verifier asks for every quote, and the answer only moves on a commit.
        version = self._seen_version
        if self._passage_count is None or self._passage_count[0] != version:
            self._passage_count = (version, self._catalog.count_passages())
        return self._passage_count[1]

    def version(self) -> str:
        """The catalog's change marker: it moves on every commit or delete, by any process."""
        self.refresh()
        return self._seen_version or ""

    def passages(self, document_id: str, indices: Sequence[int]) -> list[Passage]:
        """Passages of one document by ordinal (for neighbouring context)."""
        self.refresh()
        return self._catalog.passages(document_id, indices)

    def dense_search(self, vector: Vectors, k: int, speakers: Sequence[str] | None = None) -> list[Candidate]:
        """Nearest passages by cosine similarity, optionally only by some speakers."""
        return self.dense_search_many([vector], k, speakers)[0]

    def dense_search_many(
        self, vectors: Sequence[Vectors], k: int, speakers: Sequence[str] | None = None
    ) -> list[list[Candidate]]:
        """`dense_search` for several vectors at once (one Chroma call)."""
        self.refresh()
        keys = speaker_keys(speakers)
        if k <= 0 or (speakers and not keys):
            return [[] for _ in vectors]
        records = self._records_of(tuple(keys)) if keys else None
        if records is not None and len(records) <= EXACT_SEARCH_PASSAGES:
            found = self._exact_search(tuple(keys), records, vectors, k)  # committed records only
        else:
            # Over-fetch a little: passages of an unfinished write are found by Chroma but not trusted.
            found = self._vectors.query(vectors, k + 8, ids=records)
        parsed = [[(parse_record_id(record), similarity) for record, similarity in hits] for hits in found]
        live = self._catalog.committed_passages([r for hits in parsed for r, _ in hits if r is not None])
        out = []
        for hits in parsed:
            candidates = [
                Candidate(passage=live[r], score=similarity, dense=similarity)
                for r, similarity in hits
                if r is not None and r in live
            ]
            out.append(candidates[:k])
        return out

    def _exact_search(
        self, keys: tuple[str, ...], records: list[str], vectors: Sequence[Vectors], n: int
    ) -> list[list[tuple[str, float]]]:
        """Nearest of these speakers' records by exact cosine similarity (all vectors are of unit length)."""
        held = self._speaker_vectors.get(keys)
        if held is None:
            if sum(len(ids) for ids, _ in self._speaker_vectors.values()) + len(records) > EXACT_SEARCH_CACHE:
                self._speaker_vectors = {}
            held = self._speaker_vectors[keys] = self._vectors.embeddings(records)
        ids, matrix = held
        if not ids or not vectors:
            return [[] for _ in vectors]
        similarity = np.asarray(vectors, dtype=np.float32) @ matrix.T
        take = min(n, len(ids))
        out = []
        for row in similarity:
            best = np.argpartition(-row, take - 1)[:take]
            best = best[np.argsort(-row[best], kind="stable")]
            out.append([(ids[j], float(row[j])) for j in best])
        return out

    def _forget_speakers(self) -> None:
        self._speaker_records = {}
        self._speaker_vectors = {}

    def _records_of(self, keys: tuple[str, ...]) -> list[str]:
        """Record ids of these speakers' committed passages (Chroma filters by id far faster than by metadata)."""
        found = self._speaker_records.get(keys)
        if found is None:
            if len(self._speaker_records) >= SPEAKER_RECORDS_CACHE:
                self._speaker_records = {}
            found = [record_id(doc, index, rev) for doc, index, rev in self._catalog.speaker_passages(keys)]
            self._speaker_records[keys] = found
        return found

    def lexical_search(
        self, query: str, k: int, speakers: Sequence[str] | None = None, match: LexicalMatch = "both"
    ) -> list[Candidate]:
        """Exact-phrase hits (flagged) first, then BM25 hits on the query words; `match` keeps only the phrase
        hits, or only the word hits (for a query whose phrase was already looked for)."""
        self.refresh()
        return self._catalog.search(query, k, speakers, match)

    def term_passages(self, words: Sequence[str]) -> dict[str, int]:
        """How many passages hold each word, for how rare a quote's words are in this store."""
        self.refresh()
        return self._catalog.term_passages(words)

    def similar_terms(self, word: str) -> dict[str, int]:
        """Index terms that may spell `word` another way, with how many passages hold each."""
        self.refresh()
        return self._catalog.similar_terms(word)

    def phrase_speakers(self, phrase: str, limit: int = 50) -> tuple[int, list[str]]:
        """How many passages (up to `limit`) hold the exact phrase, and the speaker keys among them."""
        self.refresh()
        held = _PHRASES.get() if id(self) in _PINNED.get() else None
        key = (id(self), phrase, limit)
        found = held.get(key) if held is not None else None
        if found is None:
            found = self._catalog.phrase_speakers(phrase, limit)
            if held is not None:
                held[key] = found
        return found[0], list(found[1])

    def speakers(self) -> list[SpeakerEntry]:
        """Speaker registry: canonical name, key, aliases seen, passage count."""
        self.refresh()
        return self._catalog.speakers()

    def ping(self) -> None:
        """Raise StoreError unless Chroma answers."""
        self._vectors.ping()

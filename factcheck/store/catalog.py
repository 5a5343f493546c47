"""The catalog in a SQLite file beside a store: committed documents, passages with an FTS5 index (BM25), the
speaker registry.

Every writer of the store keeps it current as it commits, so it serves any number of processes on the machine
that holds the file; for clients on several machines the catalog lives on a PostgreSQL server instead
(`factcheck.store.postgres`).
"""

from __future__ import annotations

import json
import socket
import sqlite3
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence, Sized
from pathlib import Path

from factcheck.errors import StoreError
from factcheck.names import speaker_key
from factcheck.store.lexical import TermCounts, TermsByInitial, plan_search, query_words
from factcheck.store.records import CommittedDocument, current_version, registry
from factcheck.store.voices import dump_voices, load_voices, quoted_speakers
from factcheck.types import Anchor, Candidate, DocumentInfo, DocumentRef, LexicalMatch, Passage, SpeakerEntry

SCHEMA_VERSION = "1"
# How long a process waits for another one's write lock on the catalog.
LOCK_SECONDS = 30.0
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, rev TEXT NOT NULL, title TEXT, speaker TEXT, date TEXT, url TEXT,
    passages INTEGER NOT NULL, chars INTEGER NOT NULL, seq INTEGER NOT NULL, committed REAL
);
CREATE TABLE IF NOT EXISTS passages (
    rowid INTEGER PRIMARY KEY, doc TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, speaker TEXT, speaker_key TEXT NOT NULL, text TEXT NOT NULL,
    page INTEGER, timestamp REAL, anchors TEXT, voices TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS passages_doc ON passages (doc, idx);
CREATE INDEX IF NOT EXISTS passages_speaker ON passages (speaker_key);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5 (
    text, content='passages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS voice_speakers (
    passage INTEGER NOT NULL, doc TEXT NOT NULL, speaker TEXT NOT NULL, speaker_key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS voice_speakers_key ON voice_speakers (speaker_key);
CREATE INDEX IF NOT EXISTS voice_speakers_doc ON voice_speakers (doc);
CREATE TRIGGER IF NOT EXISTS passages_ai AFTER INSERT ON passages BEGIN
    INSERT INTO passages_fts (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER IF NOT EXISTS passages_ad AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts (passages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
"""
_DOC_COLUMNS = "d.id, d.title, d.speaker, d.date, d.url"
_PASSAGE_COLUMNS = (
    f'p.idx, p.start, p."end", p.speaker AS p_speaker, p.text, p.page, p.timestamp, p.anchors, p.voices, {_DOC_COLUMNS}'
)
# Columns added after schema 1 was released, with their types: catalogs made before get them on open.
_ADDED_COLUMNS = {
    "passages": (("page", "INTEGER"), ("timestamp", "REAL"), ("anchors", "TEXT"), ("voices", "TEXT")),
    "documents": (("committed", "REAL"),),
}
# Passages by some speaker keys: spoken by them, or quoting them (the `voice_speakers` of the passage).
_BY_SPEAKERS = (
    "(p.speaker_key IN ({marks}) OR p.rowid IN (SELECT passage FROM voice_speakers WHERE speaker_key IN ({marks})))"
)


def _marks(values: Sized) -> str:
    """SQL placeholders for one value each: '?,?,?'."""
    return ",".join("?" * len(values))


def encode_anchors(anchors: Sequence[Anchor]) -> str | None:
    """A passage's inner anchors as compact JSON (None when it has none): Chroma and SQLite hold scalars."""
    if not anchors:
        return None
    return json.dumps([[a.start, a.page, a.timestamp] for a in anchors], separators=(",", ":"))


def decode_anchors(value: object) -> list[Anchor]:
    """The anchors `encode_anchors` wrote; nothing for an empty or unreadable value (a record from before)."""
    if not isinstance(value, str) or not value:
        return []
    try:
        return [Anchor(start=start, page=page, timestamp=timestamp) for start, page, timestamp in json.loads(value)]
    except (ValueError, TypeError):
        return []


def _by_speakers(keys: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """The SQL condition for passages by these speaker keys (alias `p`), and its parameters."""
    return _BY_SPEAKERS.format(marks=_marks(keys)), (*keys, *keys)


def _passage_from_row(row: sqlite3.Row) -> Passage:
    ref = DocumentRef(id=row["id"], title=row["title"], speaker=row["speaker"], date=row["date"], url=row["url"])
    return Passage(
        id=f"{row['id']}#{row['idx']}",
        document=ref,
        index=row["idx"],
        text=row["text"],
        start=row["start"],
        end=row["end"],
        speaker=row["p_speaker"],
        page=row["page"],
        timestamp=row["timestamp"],
        anchors=decode_anchors(row["anchors"]),
        voices=load_voices(row["voices"]),
    )


_VOCABULARY_VIEW = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.passages_vocab USING fts5vocab(main, passages_fts, row)"


class SqliteCatalog:
    """One SQLite file; WAL so readers never block the writer, and a busy timeout for several processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.where = str(path)
        # A SQLite file is shared by the processes of one machine only: its name says which machine.
        self.name = f"sqlite: {socket.gethostname()}:{path.resolve()}"
        self._local = threading.local()
        self._terms = TermCounts()
        self._initials = TermsByInitial()
        db = self._db
        try:
            db.executescript(_SCHEMA)
            _add_columns(db)
            stored = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if stored is None:
                db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            elif stored[0] != SCHEMA_VERSION:
                raise StoreError(f"{path}: catalog schema {stored[0]} is not the supported {SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open the store catalog ({exc})") from exc

    @property
    def _db(self) -> sqlite3.Connection:
        """One connection per thread: sqlite3 connections must not interleave transactions."""
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            try:
                db = sqlite3.connect(self.path, timeout=LOCK_SECONDS, isolation_level=None, check_same_thread=False)
                db.row_factory = sqlite3.Row
                _enable_wal(db)
                db.execute("PRAGMA synchronous=NORMAL")
                # A temporary view of the index's vocabulary, made once per connection (it is read lazily, so the
                # index need not exist yet): nothing is added to the catalog file.
                db.execute(_VOCABULARY_VIEW)
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.path}: cannot open the store catalog ({exc})") from exc
            self._local.db = db
        return db

    def close(self) -> None:
        """Close this thread's connection."""
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    def version(self) -> str:
        """A marker that moves on every commit or removal, by any process."""
        row = self._db.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        return "" if row is None else str(row[0])

    def synced_version(self) -> str | None:
        """The Chroma version marker the catalog was last brought in line with (None: never)."""
        row = self._db.execute("SELECT value FROM meta WHERE key='synced'").fetchone()
        return None if row is None else str(row[0])

    def set_synced_version(self, version: str) -> None:
        """Record that the catalog matched Chroma's records at `version`."""
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('synced', ?)", (version,))

    def revisions(self) -> dict[str, str]:
        """Committed revision of every document."""
        return {row[0]: row[1] for row in self._db.execute("SELECT id, rev FROM documents")}

    def put_document(self, document: CommittedDocument, passages: Sequence[Passage]) -> None:
        """Replace one document and its passages."""
        self.put_documents([(document, passages)])

    def put_documents(self, items: Sequence[tuple[CommittedDocument, Sequence[Passage]]]) -> None:
        """Replace documents and their passages in one transaction; a commit older than the stored one loses."""
        if not items:
            return
        with self._transaction():
            self._bump()
            for document, passages in items:
                row = self._db.execute("SELECT committed FROM documents WHERE id = ?", (document.id,)).fetchone()
                if row is not None and (row[0] or 0.0) > document.committed:
                    continue
                rows = [
                    (document.id, p.index, p.start, p.end, p.speaker, speaker_key(p.speaker or ""), p.text, p.page,
                     p.timestamp, encode_anchors(p.anchors), dump_voices(p.voices) if p.voices else None)
                    for p in passages
                ]  # fmt: skip
                self._db.execute("DELETE FROM voice_speakers WHERE doc = ?", (document.id,))
                self._db.execute("DELETE FROM passages WHERE doc = ?", (document.id,))
                self._db.execute("DELETE FROM documents WHERE id = ?", (document.id,))
                seq = self._db.execute("SELECT coalesce(max(seq), 0) + 1 FROM documents").fetchone()[0]
                self._db.execute(
                    "INSERT INTO documents (id, rev, title, speaker, date, url, passages, chars, seq, committed) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (document.id, document.rev, document.title, document.speaker, document.date, document.url,
                     document.passages, document.chars, seq, document.committed),
                )  # fmt: skip
                self._db.executemany(
                    'INSERT INTO passages (doc, idx, start, "end", speaker, speaker_key, text, page, timestamp, '
                    "anchors, voices) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
                self._put_voice_speakers(document.id, passages)

    def _put_voice_speakers(self, document_id: str, passages: Sequence[Passage]) -> None:
        """The people each passage quotes, by passage row (derived from its voices)."""
        quoting = {p.index: found for p in passages if p.voices and (found := quoted_speakers(p))}
        if not quoting:
            return
        rowids = dict(self._db.execute("SELECT idx, rowid FROM passages WHERE doc = ?", (document_id,)).fetchall())
        self._db.executemany(
            "INSERT INTO voice_speakers (passage, doc, speaker, speaker_key) VALUES (?, ?, ?, ?)",
            [(rowids[i], document_id, name, key) for i, found in quoting.items() for key, name in found],
        )

    def remove_documents(self, document_ids: Iterable[str]) -> None:
        """Drop documents and their passages."""
        with self._transaction():
            self._bump()
            for document_id in document_ids:
                self._db.execute("DELETE FROM voice_speakers WHERE doc = ?", (document_id,))
                self._db.execute("DELETE FROM passages WHERE doc = ?", (document_id,))
                self._db.execute("DELETE FROM documents WHERE id = ?", (document_id,))

    def _bump(self) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (uuid.uuid4().hex,))

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    def list_documents(self, offset: int, limit: int, speakers: Sequence[str] = ()) -> list[DocumentInfo]:
        """Documents in ingest order; with speaker keys, only documents with a passage by one of them."""
        where, keys = self._speaker_filter(speakers)
        rows = self._db.execute(
            f"SELECT * FROM documents {where} ORDER BY seq LIMIT ? OFFSET ?", (*keys, max(0, limit), max(0, offset))
        ).fetchall()
        return [self._info(row) for row in rows]

    @staticmethod
    def _speaker_filter(speakers: Sequence[str]) -> tuple[str, tuple[str, ...]]:
        if not speakers:
            return "", ()
        keys = tuple(speakers)
        return f"WHERE id IN (SELECT doc FROM passages WHERE speaker_key IN ({_marks(keys)}))", keys

    def revision(self, document_id: str) -> str | None:
        """The committed revision of one document, or None."""
        row = self._db.execute("SELECT rev FROM documents WHERE id = ?", (document_id,)).fetchone()
        return None if row is None else str(row[0])

    def get_document(self, document_id: str) -> DocumentInfo | None:
        """One document, or None."""
        row = self._db.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
        return None if row is None else self._info(row)

    @staticmethod
    def _info(row: sqlite3.Row) -> DocumentInfo:
        return DocumentInfo(
            id=row["id"], title=row["title"], speaker=row["speaker"], date=row["date"], url=row["url"],
            passages=row["passages"], chars=row["chars"],
        )  # fmt: skip

    def count_documents(self, speakers: Sequence[str] = ()) -> int:
        """Number of committed documents (with a passage by one of these speaker keys, when given)."""
        where, keys = self._speaker_filter(speakers)
        return int(self._db.execute(f"SELECT count(*) FROM documents {where}", keys).fetchone()[0])

    def count_passages(self) -> int:
        """Number of passages of committed documents."""
        return int(self._db.execute("SELECT coalesce(sum(passages), 0) FROM documents").fetchone()[0])

    def term_passages(self, words: Sequence[str]) -> dict[str, int]:
        """How many passages hold each word (FTS5's own vocabulary; words it never saw are absent)."""
        return self._terms.get(words, current_version(self, self.version), self._vocabulary)

    def _vocabulary(self, terms: list[str]) -> dict[str, int]:
        rows = self._db.execute(f"SELECT term, doc FROM temp.passages_vocab WHERE term IN ({_marks(terms)})", terms)
        return {str(row[0]): int(row[1]) for row in rows}

    def similar_terms(self, word: str) -> dict[str, int]:
        """Index terms with the first letter of `word` and about its length, and how many passages hold each."""
        if not word:
            return {}
        return self._initials.window(word, current_version(self, self.version), self._initial)

    def _initial(self, low: str, high: str) -> list[tuple[str, int]]:
        rows = self._db.execute("SELECT term, doc FROM temp.passages_vocab WHERE term >= ? AND term < ?", (low, high))
        return [(str(row[0]), int(row[1])) for row in rows]

    def phrase_speakers(self, phrase: str, limit: int) -> tuple[int, list[str]]:
        """Passages (up to `limit`) holding the exact phrase, and the speaker keys among them."""
        words = query_words(phrase)
        if not words:
            return 0, []
        sql = (
            "SELECT p.speaker_key FROM passages_fts f JOIN passages p ON p.rowid = f.rowid "
            "WHERE passages_fts MATCH ? LIMIT ?"
        )
        try:
            rows = self._db.execute(sql, ('"' + " ".join(words) + '"', limit)).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"lexical search failed: {exc}") from exc
        return len(rows), sorted({str(row[0]) for row in rows})

    def passages(self, document_id: str, indices: Sequence[int]) -> list[Passage]:
        """Passages of one document by ordinal, in order; missing ordinals are skipped."""
        wanted = sorted({int(i) for i in indices})
        if not wanted:
            return []
        marks = _marks(wanted)
        rows = self._db.execute(
            f"SELECT {_PASSAGE_COLUMNS} FROM passages p JOIN documents d ON d.id = p.doc "
            f"WHERE p.doc = ? AND p.idx IN ({marks}) ORDER BY p.idx",
            (document_id, *wanted),
        ).fetchall()
        return [_passage_from_row(row) for row in rows]

    def committed_passages(self, records: Sequence[tuple[str, int, str]]) -> dict[tuple[str, int, str], Passage]:
        """The passages of these (document, ordinal, revision) records whose revision is the committed one."""
        wanted = sorted(set(records))
        if not wanted:
            return {}
        found: dict[tuple[str, int, str], Passage] = {}
        # SQLite allows at most 32,766 variables; a query asks for far fewer, but stay well inside it.
        for chunk in range(0, len(wanted), 4000):
            part = wanted[chunk : chunk + 4000]
            pairs = ",".join("(?,?)" for _ in part)
            # Joined from the wanted pairs (CROSS JOIN fixes that order), so each is an index lookup.
            rows = self._db.execute(
                f"WITH wanted(doc, idx) AS (VALUES {pairs}) SELECT {_PASSAGE_COLUMNS}, d.rev AS rev "
                "FROM wanted w CROSS JOIN passages p ON p.doc = w.doc AND p.idx = w.idx "
                "JOIN documents d ON d.id = p.doc",
                [value for doc, idx, _ in part for value in (doc, idx)],
            ).fetchall()
            for row in rows:
                found[(str(row["id"]), int(row["idx"]), str(row["rev"]))] = _passage_from_row(row)
        return {record: found[record] for record in wanted if record in found}

    def committed(self, document_revs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which (document, revision) pairs are the committed ones."""
        pairs = set(document_revs)
        if not pairs:
            return set()
        ids = sorted({doc for doc, _ in pairs})
        marks = _marks(ids)
        rows = self._db.execute(f"SELECT id, rev FROM documents WHERE id IN ({marks})", ids).fetchall()
        return {(row[0], row[1]) for row in rows} & pairs

    def speaker_passages(self, keys: Sequence[str]) -> list[tuple[str, int, str]]:
        """(document, ordinal, revision) of every committed passage by these speaker keys."""
        if not keys:
            return []
        condition, params = _by_speakers(keys)
        rows = self._db.execute(
            f"SELECT p.doc, p.idx, d.rev FROM passages p JOIN documents d ON d.id = p.doc WHERE {condition}", params
        )
        return [(str(row[0]), int(row[1]), str(row[2])) for row in rows]

    def search(
        self,
        query: str,
        k: int,
        speakers: Sequence[str] | None = None,
        match: LexicalMatch = "both",
    ) -> list[Candidate]:
        """Phrase hits first (flagged), then the best BM25 hits on any of the words; `match` keeps one kind."""
        plan = plan_search(query, k, speakers, match, self)
        if plan is None:
            return []
        words, keys, ranking = plan.words, plan.keys, plan.ranking
        phrase = '"' + " ".join(words) + '"'
        any_word = " OR ".join(f'"{w}"' for w in ranking)
        # A phrase of common words is costly to look for (every posting of 'we' is read): skip it when the
        # caller already did.
        phrase_rows = [] if match == "words" else self._match(phrase, k, keys, fts_sorts=False)
        word_rows = [] if match == "phrase" else self._match(any_word, k, keys, fts_sorts=not keys)
        # Phrase hits are scored with the any-word BM25 as well, so all scores share one scale.
        scores = {row["rowid"]: -float(row["rank"]) for row in word_rows}
        unscored = [row["rowid"] for row in phrase_rows if row["rowid"] not in scores]
        if unscored:
            scores.update(self._ranks(any_word, unscored))
        ranked = sorted(phrase_rows, key=lambda row: -scores.get(row["rowid"], 0.0))
        phrase_ids = {row["rowid"] for row in phrase_rows}
        ranked += [row for row in word_rows if row["rowid"] not in phrase_ids]
        out = []
        for row in ranked[:k]:
            score = scores.get(row["rowid"], 0.0)
            phrase_hit = row["rowid"] in phrase_ids
            out.append(Candidate(passage=_passage_from_row(row), score=score, lexical=score, phrase=phrase_hit))
        return out

    def any_passage_of(self, keys: Sequence[str]) -> bool:
        """Whether any passage is by (or quotes) one of these speaker keys."""
        # An index lookup; otherwise a speaker the store does not know costs a scan of every keyword match.
        condition, params = _by_speakers(keys)
        row = self._db.execute(f"SELECT 1 FROM passages p WHERE {condition} LIMIT 1", params)
        return row.fetchone() is not None

    def _match(self, match: str, k: int, keys: Sequence[str], fts_sorts: bool) -> list[sqlite3.Row]:
        """The k best rows for `match` by BM25, optionally only those of some speaker keys.

        With `fts_sorts`, FTS5 sorts by its rank column itself, scoring every match first (quickest for
        common words over all passages). Otherwise bm25() is computed only for rows that pass the speaker
        filter and SQLite keeps the best k: quickest for phrases, which match few rows, and for one speaker.
        """
        condition, params = _by_speakers(keys) if keys else ("", ())
        speaker_clause = f"AND {condition}" if keys else ""
        rank = "f.rank" if fts_sorts else "bm25(passages_fts)"
        sql = (
            f"SELECT p.rowid AS rowid, {_PASSAGE_COLUMNS}, {rank} AS rank "
            "FROM passages_fts f JOIN passages p ON p.rowid = f.rowid JOIN documents d ON d.id = p.doc "
            f"WHERE passages_fts MATCH ? {speaker_clause} ORDER BY {rank} LIMIT ?"
        )
        try:
            return self._db.execute(sql, (match, *params, k)).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"lexical search failed: {exc}") from exc

    def _ranks(self, match: str, rowids: Sequence[int]) -> dict[int, float]:
        """BM25 of `match` for some passages only (negated rank, higher is better)."""
        # On the FTS table alone the rowids are looked up directly; joined, every match would be ranked first.
        marks = _marks(rowids)
        sql = f"SELECT rowid, rank FROM passages_fts WHERE passages_fts MATCH ? AND rowid IN ({marks})"
        try:
            return {int(row[0]): -float(row[1]) for row in self._db.execute(sql, (match, *rowids))}
        except sqlite3.OperationalError as exc:
            raise StoreError(f"lexical search failed: {exc}") from exc

    def speakers(self) -> list[SpeakerEntry]:
        """Registry: one entry per speaker key with its most used spelling and the others as aliases."""
        names: dict[str, Counter[str]] = defaultdict(Counter)
        # A passage that quotes someone counts as one of theirs too (a press release quoting its director).
        for row in self._db.execute(
            "SELECT speaker_key, speaker, count(*) FROM passages WHERE speaker_key != '' GROUP BY 1, 2 "
            "UNION ALL SELECT speaker_key, speaker, count(*) FROM voice_speakers GROUP BY 1, 2"
        ):
            names[row[0]][row[1]] += int(row[2])
        return registry(names)


def _add_columns(db: sqlite3.Connection) -> None:
    """Give a catalog from before a column existed that column (empty: rows from then have no value)."""
    for table, columns in _ADDED_COLUMNS.items():
        present = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        for name, kind in columns:
            if name not in present:
                try:
                    db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
                except sqlite3.OperationalError as exc:
                    # Another process opening the same old catalog added it first.
                    if "duplicate column" not in str(exc):
                        raise


def _enable_wal(db: sqlite3.Connection) -> None:
    """Switch to WAL; SQLite reports a busy lock at once here when other processes open the file too."""
    deadline = time.monotonic() + LOCK_SECONDS
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on error; takes the write lock up front to avoid deadlocks."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self._db.execute("ROLLBACK" if exc_type else "COMMIT")

"""The catalog on a PostgreSQL server: one copy of documents, passages, word counts and speakers for every
client of a Chroma server, on any machine.

Passages carry a `tsvector` of the same tokens the local catalog indexes, with their positions; the GIN index
over it keeps posting lists only, so a phrase is found through its rarest words and its order checked in each
candidate's tsvector. The passages holding each word and each speaker's passages are counted as documents are
committed, so no read scans the corpus. Writes take the version row first, so commits are serialised and
their counters cannot deadlock. Each collection has its own schema.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from factcheck.errors import StoreError
from factcheck.names import speaker_key
from factcheck.store.lexical import (
    TermCounts,
    any_query,
    bm25,
    phrase_query,
    plan_search,
    query_words,
    spelling_window,
    tokens,
    tsvector,
)
from factcheck.store.records import CommittedDocument, current_version, registry
from factcheck.store.voices import quoted_speakers
from factcheck.types import Candidate, DocumentInfo, DocumentRef, LexicalMatch, Passage, SpeakerEntry

SCHEMA_VERSION = "1"
# Connections per process: the retriever searches on two threads, the API reads on a few more.
POOL_SIZE = 6
CONNECT_SECONDS = 10.0
# Phrase hits read before the best k are chosen by their word score.
PHRASE_READ = 4
# A phrase's rarest tokens that find its candidate passages in the word index (see `_phrase_condition`).
PHRASE_INDEX_WORDS = 2
# Passages scored by BM25 per word search at most: the rarest word of a quote of common words can be in a
# good share of the store, and scoring all of them would cost more than the whole check.
WORD_CANDIDATES = 4000
# Speaker sets whose "has any passage" answer is remembered at one version.
SPEAKER_SETS = 4096
# Passage fields kept in their own columns; every other field of a passage (page, time, whatever a later
# version adds) travels in one JSON column, so the schema does not fix what a passage can carry.
_COLUMN_FIELDS = {"id", "document", "index", "text", "start", "end", "speaker"}
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL);
INSERT INTO meta VALUES ('schema', '{schema}'), ('version', ''), ('passages', '0'), ('tokens', '0')
    ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS documents (
    id text PRIMARY KEY, rev text NOT NULL, title text, speaker text, date text, url text,
    passages integer NOT NULL, chars integer NOT NULL, tokens bigint NOT NULL, committed double precision NOT NULL,
    seq bigserial
);
CREATE INDEX IF NOT EXISTS documents_seq ON documents (seq);
CREATE TABLE IF NOT EXISTS passages (
    doc text NOT NULL, idx integer NOT NULL, start integer NOT NULL, "end" integer NOT NULL, speaker text,
    speaker_key text NOT NULL, text text NOT NULL, extra jsonb, tokens integer NOT NULL, tsv tsvector NOT NULL,
    PRIMARY KEY (doc, idx)
);
CREATE INDEX IF NOT EXISTS passages_speaker ON passages (speaker_key);
CREATE INDEX IF NOT EXISTS passages_tsv ON passages USING gin (tsv);
CREATE TABLE IF NOT EXISTS terms (term text PRIMARY KEY, passages bigint NOT NULL);
CREATE TABLE IF NOT EXISTS speakers (key text NOT NULL, name text NOT NULL, passages bigint NOT NULL,
    PRIMARY KEY (key, name));
CREATE TABLE IF NOT EXISTS voice_speakers (
    doc text NOT NULL, idx integer NOT NULL, speaker text NOT NULL, speaker_key text NOT NULL
);
CREATE INDEX IF NOT EXISTS voice_speakers_key ON voice_speakers (speaker_key);
CREATE INDEX IF NOT EXISTS voice_speakers_doc ON voice_speakers (doc);
"""
# (doc, idx) of passages meeting a condition (`{where}`, on alias `p`) by some speaker keys, as two queries whose
# conditions are plain conjunctions: with the two kinds of passage in one OR, the planner cannot combine the
# speaker index with the word index, and rechecks every passage holding a common phrase. Parameters: the
# condition's, the keys, the condition's again, the keys.
_SPEAKERS_MEETING = (
    "SELECT p.doc, p.idx FROM passages p WHERE {where} AND p.speaker_key = ANY(%s) UNION "
    "SELECT p.doc, p.idx FROM voice_speakers v JOIN passages p ON p.doc = v.doc AND p.idx = v.idx "
    "WHERE {where} AND v.speaker_key = ANY(%s)"
)
_PASSAGE_COLUMNS = (
    'p.doc, p.idx, p.start, p."end", p.speaker AS p_speaker, p.text, p.extra, d.title, d.speaker, d.date, d.url, d.rev'
)


def schema_name(collection: str) -> str:
    """The PostgreSQL schema of one collection (a hash when the name is too long for an identifier)."""
    name = f"factcheck_{collection}"
    return name if len(name.encode()) <= 63 else f"factcheck_{hashlib.sha256(collection.encode()).hexdigest()[:40]}"


def redact(url: str) -> str:
    """A connection URL without its password, for messages and records."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "(unreadable PostgreSQL URL)"
    info.pop("password", None)
    return psycopg.conninfo.make_conninfo("", **{k: v for k, v in info.items() if v is not None})


def _passage(row: dict[str, Any]) -> Passage:
    ref = DocumentRef(id=row["doc"], title=row["title"], speaker=row["speaker"], date=row["date"], url=row["url"])
    extra = row["extra"] or {}
    return Passage(
        id=f"{row['doc']}#{row['idx']}", document=ref, index=row["idx"], text=row["text"], start=row["start"],
        end=row["end"], speaker=row["p_speaker"], **extra,
    )  # fmt: skip


def _extra(passage: Passage) -> str | None:
    fields = passage.model_dump(mode="json", exclude=_COLUMN_FIELDS, exclude_defaults=True)
    return json.dumps(fields, separators=(",", ":")) if fields else None


class PostgresCatalog:
    """Documents, passages, word counts and speakers of one collection, in a PostgreSQL schema."""

    shared = True

    def __init__(self, url: str, collection: str) -> None:
        self.where = redact(url)
        self.name = f"postgresql: {self.where}"
        self._schema = schema_name(collection)
        self._terms = TermCounts()
        self._stats: tuple[str, int, float] | None = None
        # Whether each speaker set has passages, at one version: every search kept to a speaker asks first.
        self._speakers_found: tuple[str | None, dict[tuple[str, ...], bool]] = (None, {})
        schema = sql.Identifier(self._schema)

        def configure(conn: psycopg.Connection[Any]) -> None:
            conn.execute(sql.SQL("SET search_path TO {}").format(schema))

        try:
            with psycopg.connect(url, autocommit=True, connect_timeout=int(CONNECT_SECONDS)) as conn:
                # Several workers may create the schema at once: an advisory lock lets one do it.
                conn.execute("SELECT pg_advisory_lock(hashtext(%s))", (self._schema,))
                try:
                    conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(schema))
                    configure(conn)
                    conn.execute(_SCHEMA.format(schema=SCHEMA_VERSION).encode())
                    stored = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                finally:
                    conn.execute("SELECT pg_advisory_unlock(hashtext(%s))", (self._schema,))
        except psycopg.Error as exc:
            raise StoreError(f"cannot open the catalog on the PostgreSQL server {self.where}: {exc}") from exc
        if stored is None or stored[0] != SCHEMA_VERSION:
            raise StoreError(f"{self.where}: catalog schema {stored!r} is not the supported {SCHEMA_VERSION}")
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=POOL_SIZE,
            kwargs={"autocommit": True, "row_factory": dict_row, "connect_timeout": int(CONNECT_SECONDS)},
            configure=configure,
            timeout=CONNECT_SECONDS,
            open=True,
            name="factcheck-catalog",
        )

    def close(self) -> None:
        """Close every connection."""
        self._pool.close()

    @contextmanager
    def _conn(self) -> Iterator[psycopg.Connection[dict[str, Any]]]:
        try:
            with self._pool.connection() as conn:
                yield conn
        except (psycopg.Error, PoolTimeout) as exc:
            raise StoreError(f"the catalog on the PostgreSQL server {self.where} failed: {exc}") from exc

    def _rows(
        self, query: str | sql.Composable, params: Sequence[Any] = (), indexed: bool = False
    ) -> list[dict[str, Any]]:
        """The query's rows; `indexed`: planned without sequential scans.

        A phrase's selectivity is guessed from its words alone, so for a rare phrase of common words the planner
        expects its LIMIT to be met early in a scan of the table, and reads all of it.
        """
        with self._conn() as conn:
            if not indexed:
                return conn.execute(query, params).fetchall()  # type: ignore[arg-type]
            with conn.transaction():
                conn.execute("SET LOCAL enable_seqscan = off")
                return conn.execute(query, params).fetchall()  # type: ignore[arg-type]

    def _meta(self, key: str) -> str:
        rows = self._rows("SELECT value FROM meta WHERE key = %s", (key,))
        return str(rows[0]["value"]) if rows else ""

    def version(self) -> str:
        """A marker that moves on every change of the catalog, by any client."""
        return self._meta("version")

    def synced_version(self) -> str | None:
        """The Chroma version marker the catalog was last brought in line with (None: never)."""
        return self._meta("synced") or None

    def set_synced_version(self, version: str) -> None:
        """Record that the catalog matched Chroma's records at `version`."""
        with self._conn() as conn:
            conn.execute(
                "INSERT INTO meta VALUES ('synced', %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (version,),
            )

    def revisions(self) -> dict[str, str]:
        """Committed revision of every document."""
        return {row["id"]: row["rev"] for row in self._rows("SELECT id, rev FROM documents")}

    def put_document(self, document: CommittedDocument, passages: Sequence[Passage]) -> None:
        """Replace one document and its passages."""
        self.put_documents([(document, passages)])

    def put_documents(self, items: Sequence[tuple[CommittedDocument, Sequence[Passage]]]) -> None:
        """Replace documents and their passages in one transaction; a commit older than the stored one loses."""
        if not items:
            return
        with self._conn() as conn, conn.transaction():
            self._bump(conn)
            ids = [doc.id for doc, _ in items]
            stored = {
                row["id"]: float(row["committed"])
                for row in conn.execute(
                    "SELECT id, committed FROM documents WHERE id = ANY(%s) FOR UPDATE", (ids,)
                ).fetchall()
            }
            newer = [(doc, ps) for doc, ps in items if doc.committed >= stored.get(doc.id, float("-inf"))]
            if not newer:
                return
            change = self._drop(conn, [doc.id for doc, _ in newer])
            for doc, passages in newer:
                words = [tokens(p.text) for p in passages]
                change.tokens += sum(map(len, words))
                change.passages += len(passages)
                conn.execute(
                    "INSERT INTO documents (id, rev, title, speaker, date, url, passages, chars, tokens, committed) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    (doc.id, doc.rev, doc.title, doc.speaker, doc.date, doc.url, doc.passages, doc.chars,
                     sum(map(len, words)), doc.committed),
                )  # fmt: skip
                keys = [speaker_key(p.speaker or "") for p in passages]
                if passages:
                    conn.execute(
                        'INSERT INTO passages (doc, idx, start, "end", speaker, speaker_key, text, extra, tokens, tsv) '
                        "SELECT %s, * FROM unnest(%s::int[], %s::int[], %s::int[], %s::text[], %s::text[], "
                        "%s::text[], %s::jsonb[], %s::int[], %s::tsvector[])",
                        (
                            doc.id, [p.index for p in passages], [p.start for p in passages],
                            [p.end for p in passages], [p.speaker for p in passages], keys,
                            [p.text for p in passages], [_extra(p) for p in passages], [len(w) for w in words],
                            [tsvector(w) for w in words],
                        ),
                    )  # fmt: skip
                for key, passage, held in zip(keys, passages, words, strict=True):
                    change.terms.update(set(held))
                    if key:
                        change.speakers[(key, passage.speaker or "")] += 1
                self._put_voice_speakers(conn, doc.id, passages, change)
            self._apply(conn, change)

    @staticmethod
    def _put_voice_speakers(
        conn: psycopg.Connection[Any], document_id: str, passages: Sequence[Passage], change: _Change
    ) -> None:
        """The people each passage quotes (derived from its voices); each such passage counts as theirs too."""
        rows = [(p.index, name, key) for p in passages if p.voices for key, name in quoted_speakers(p)]
        if not rows:
            return
        conn.execute(
            "INSERT INTO voice_speakers (doc, idx, speaker, speaker_key) "
            "SELECT %s, * FROM unnest(%s::int[], %s::text[], %s::text[])",
            (document_id, [i for i, _, _ in rows], [name for _, name, _ in rows], [key for _, _, key in rows]),
        )
        change.speakers.update((key, name) for _, name, key in rows)

    def remove_documents(self, document_ids: Iterable[str]) -> None:
        """Drop documents and their passages."""
        ids = list(document_ids)
        if not ids:
            return
        with self._conn() as conn, conn.transaction():
            self._bump(conn)
            self._apply(conn, self._drop(conn, ids))

    @staticmethod
    def _bump(conn: psycopg.Connection[Any]) -> None:
        # Taken first by every write: commits queue here instead of deadlocking on the counters.
        conn.execute("UPDATE meta SET value = %s WHERE key = 'version'", (uuid.uuid4().hex,))

    @staticmethod
    def _drop(conn: psycopg.Connection[Any], ids: Sequence[str]) -> _Change:
        change = _Change()
        for row in conn.execute(
            "DELETE FROM passages WHERE doc = ANY(%s) RETURNING speaker_key, speaker, tokens, "
            "tsvector_to_array(tsv) AS terms",
            (ids,),
        ).fetchall():
            change.terms.subtract(row["terms"])
            change.passages -= 1
            change.tokens -= int(row["tokens"])
            if row["speaker_key"]:
                change.speakers[(row["speaker_key"], row["speaker"] or "")] -= 1
        for row in conn.execute(
            "DELETE FROM voice_speakers WHERE doc = ANY(%s) RETURNING speaker_key, speaker", (ids,)
        ).fetchall():
            change.speakers[(row["speaker_key"], row["speaker"])] -= 1
        conn.execute("DELETE FROM documents WHERE id = ANY(%s)", (ids,))
        return change

    @staticmethod
    def _apply(conn: psycopg.Connection[Any], change: _Change) -> None:
        terms = sorted((t, n) for t, n in change.terms.items() if n)
        if terms:
            conn.execute(
                "INSERT INTO terms SELECT * FROM unnest(%s::text[], %s::bigint[]) "
                "ON CONFLICT (term) DO UPDATE SET passages = terms.passages + excluded.passages",
                ([t for t, _ in terms], [n for _, n in terms]),
            )
            conn.execute("DELETE FROM terms WHERE term = ANY(%s) AND passages <= 0", ([t for t, _ in terms],))
        speakers = sorted((k, name, n) for (k, name), n in change.speakers.items() if n)
        if speakers:
            conn.execute(
                "INSERT INTO speakers SELECT * FROM unnest(%s::text[], %s::text[], %s::bigint[]) "
                "ON CONFLICT (key, name) DO UPDATE SET passages = speakers.passages + excluded.passages",
                ([k for k, _, _ in speakers], [name for _, name, _ in speakers], [n for _, _, n in speakers]),
            )
            conn.execute("DELETE FROM speakers WHERE passages <= 0")
        for key, delta in (("passages", change.passages), ("tokens", change.tokens)):
            if delta:
                conn.execute("UPDATE meta SET value = (value::bigint + %s)::text WHERE key = %s", (delta, key))

    def list_documents(self, offset: int, limit: int, speakers: Sequence[str] = ()) -> list[DocumentInfo]:
        """Documents in ingest order; with speaker keys, only documents with a passage by one of them."""
        where, params = _speaker_filter(speakers)
        rows = self._rows(
            f"SELECT * FROM documents {where} ORDER BY seq LIMIT %s OFFSET %s", (*params, max(0, limit), max(0, offset))
        )
        return [_info(row) for row in rows]

    def revision(self, document_id: str) -> str | None:
        """The committed revision of one document, or None."""
        rows = self._rows("SELECT rev FROM documents WHERE id = %s", (document_id,))
        return str(rows[0]["rev"]) if rows else None

    def get_document(self, document_id: str) -> DocumentInfo | None:
        """One document, or None."""
        rows = self._rows("SELECT * FROM documents WHERE id = %s", (document_id,))
        return _info(rows[0]) if rows else None

    def count_documents(self, speakers: Sequence[str] = ()) -> int:
        """Number of committed documents (with a passage by one of these speaker keys, when given)."""
        where, params = _speaker_filter(speakers)
        return int(self._rows(f"SELECT count(*) AS n FROM documents {where}", params)[0]["n"])

    def count_passages(self) -> int:
        """Number of passages of committed documents."""
        return self._statistics()[1]

    def _statistics(self) -> tuple[str, int, float]:
        """(version, passages, average tokens a passage), read once per version."""
        version = current_version(self, self.version)
        if self._stats is None or self._stats[0] != version:
            rows = self._rows("SELECT key, value FROM meta WHERE key IN ('passages', 'tokens')")
            values = {row["key"]: int(row["value"]) for row in rows}
            passages = values.get("passages", 0)
            self._stats = (version, passages, values.get("tokens", 0) / max(passages, 1))
        return self._stats

    def term_passages(self, words: Sequence[str]) -> dict[str, int]:
        """How many passages hold each word (words the index never saw are absent)."""
        return self._terms.get(words, current_version(self, self.version), self._counted)

    def _counted(self, terms: list[str]) -> dict[str, int]:
        rows = self._rows("SELECT term, passages FROM terms WHERE term = ANY(%s)", (terms,))
        return {row["term"]: int(row["passages"]) for row in rows}

    def similar_terms(self, word: str) -> dict[str, int]:
        """Index terms with the first letter of `word` and about its length, and how many passages hold each."""
        if not word:
            return {}
        rows = self._rows(
            "SELECT term, passages FROM terms WHERE term >= %s AND term < %s AND length(term) BETWEEN %s AND %s",
            spelling_window(word),
        )
        return {row["term"]: int(row["passages"]) for row in rows}

    def phrase_speakers(self, phrase: str, limit: int) -> tuple[int, list[str]]:
        """Passages (up to `limit`) holding the exact phrase, and the speaker keys among them."""
        words = tokens(" ".join(query_words(phrase)))
        holding = self._phrase_condition(words) if words else None
        if holding is None:
            return 0, []
        where, params = holding
        query = f"SELECT p.speaker_key FROM passages p WHERE {where} LIMIT %s"
        rows = self._rows(query, (*params, limit), indexed=True)
        return len(rows), sorted({str(row["speaker_key"]) for row in rows})

    def _phrase_condition(self, words: Sequence[str]) -> tuple[str, tuple[str, str]] | None:
        """The condition (on alias `p`) and its parameters for passages holding the tokens in sequence; None when
        one of the tokens is in no passage, so that nothing can hold the phrase.

        The word index keeps no positions, so every passage it gives for a phrase is read to check the order.
        The candidates come from the phrase's rarest tokens alone: its common ones ('we', 'the') would only add
        long posting lists to intersect, and the order is checked on each candidate either way.
        """
        counts = self.term_passages(words)
        if any(word not in counts for word in words):
            return None
        rarest = sorted(set(words), key=lambda word: (counts[word], word))[:PHRASE_INDEX_WORDS]
        # ts_match_vq is the @@ operator as a plain function: a condition the planner checks, not an index key.
        where = "p.tsv @@ %s::tsquery AND ts_match_vq(p.tsv, %s::tsquery)"
        return where, (" & ".join(f"'{word}'" for word in rarest), phrase_query(words))

    def passages(self, document_id: str, indices: Sequence[int]) -> list[Passage]:
        """Passages of one document by ordinal, in order; missing ordinals are skipped."""
        wanted = sorted({int(i) for i in indices})
        if not wanted:
            return []
        rows = self._rows(
            f"SELECT {_PASSAGE_COLUMNS} FROM passages p JOIN documents d ON d.id = p.doc "
            "WHERE p.doc = %s AND p.idx = ANY(%s) ORDER BY p.idx",
            (document_id, wanted),
        )
        return [_passage(row) for row in rows]

    def committed_passages(self, records: Sequence[tuple[str, int, str]]) -> dict[tuple[str, int, str], Passage]:
        """The passages of these (document, ordinal, revision) records whose revision is the committed one."""
        wanted = sorted(set(records))
        if not wanted:
            return {}
        rows = self._rows(
            f"SELECT {_PASSAGE_COLUMNS} FROM unnest(%s::text[], %s::int[]) AS w(doc, idx) "
            "JOIN passages p ON p.doc = w.doc AND p.idx = w.idx JOIN documents d ON d.id = p.doc",
            ([doc for doc, _, _ in wanted], [idx for _, idx, _ in wanted]),
        )
        found = {(row["doc"], row["idx"], row["rev"]): _passage(row) for row in rows}
        return {record: found[record] for record in wanted if record in found}

    def speaker_passages(self, keys: Sequence[str]) -> list[tuple[str, int, str]]:
        """(document, ordinal, revision) of every committed passage by these speaker keys."""
        if not keys:
            return []
        meeting = _SPEAKERS_MEETING.format(where="TRUE")
        rows = self._rows(
            f"SELECT m.doc, m.idx, d.rev FROM ({meeting}) m JOIN documents d ON d.id = m.doc", (list(keys), list(keys))
        )
        return [(str(row["doc"]), int(row["idx"]), str(row["rev"])) for row in rows]

    def search(
        self, query: str, k: int, speakers: Sequence[str] | None = None, match: LexicalMatch = "both"
    ) -> list[Candidate]:
        """Phrase hits first (flagged), then the best BM25 hits on any of the words; `match` keeps one kind."""
        plan = plan_search(query, k, speakers, match, self)
        if plan is None:
            return []
        words, keys, ranking = plan.words, plan.keys, plan.ranking
        terms = list(dict.fromkeys(t for w in ranking for t in tokens(w)))
        phrase = tokens(" ".join(words))
        phrase_hits: list[tuple[str, int]] = []
        holding = self._phrase_condition(phrase) if match != "words" and phrase else None
        if holding is not None:
            phrase_hits = self._phrase_matching(holding, keys, PHRASE_READ * k)
        # Phrase hits are scored on the words as well, so that all scores share one scale.
        scores = self._scores(terms, keys, None) if match != "phrase" and terms else {}
        unscored = [h for h in phrase_hits if h not in scores]
        if unscored and terms:
            scores.update(self._scores(terms, keys, unscored))
        if match == "phrase":
            word_hits: list[tuple[str, int]] = []
        else:
            word_hits = sorted((h for h in scores if h not in set(phrase_hits)), key=lambda h: -scores[h])[:k]
        phrase_hits = sorted(phrase_hits, key=lambda h: -scores.get(h, 0.0))[:k]
        ranked = (phrase_hits + word_hits)[:k]
        found = self._load(ranked)
        chosen = set(phrase_hits)
        return [
            Candidate(passage=found[h], score=scores.get(h, 0.0), lexical=scores.get(h, 0.0), phrase=h in chosen)
            for h in ranked
            if h in found
        ]

    def any_passage_of(self, keys: Sequence[str]) -> bool:
        """Whether any passage is by (or quotes) one of these speaker keys (remembered until the version moves)."""
        version = current_version(self, self.version)
        held, known = self._speakers_found
        if held != version or len(known) > SPEAKER_SETS:
            known = {}
            self._speakers_found = (version, known)
        wanted = tuple(sorted(set(keys)))
        if wanted not in known:
            # Two index probes: with the two kinds of passage in one OR, the planner scans every passage.
            rows = self._rows(
                "SELECT EXISTS (SELECT 1 FROM passages WHERE speaker_key = ANY(%s)) "
                "OR EXISTS (SELECT 1 FROM voice_speakers WHERE speaker_key = ANY(%s)) AS found",
                (list(wanted), list(wanted)),
            )
            known[wanted] = bool(rows[0]["found"])
        return known[wanted]

    def _phrase_matching(
        self, holding: tuple[str, tuple[str, str]], keys: Sequence[str], limit: int
    ) -> list[tuple[str, int]]:
        """(doc, idx) of up to `limit` passages meeting a `_phrase_condition` (by these speaker keys, if any)."""
        where, params = holding
        if keys:
            query = f"SELECT doc, idx FROM ({_SPEAKERS_MEETING.format(where=where)}) m LIMIT %s"
            values: tuple[Any, ...] = (*params, list(keys), *params, list(keys), limit)
        else:
            query, values = f"SELECT p.doc, p.idx FROM passages p WHERE {where} LIMIT %s", (*params, limit)
        rows = self._rows(query, values, indexed=True)
        return [(row["doc"], row["idx"]) for row in rows]

    def _scores(
        self, terms: Sequence[str], keys: Sequence[str], only: Sequence[tuple[str, int]] | None
    ) -> dict[tuple[str, int], float]:
        """BM25 on `terms` of the passages holding any (up to WORD_CANDIDATES), or of `only` these passages."""
        if only is not None and not only:
            return {}
        columns = "p.doc, p.idx, p.tokens, p.tsv"
        if only is not None:
            listed = "unnest(%s::text[], %s::int[]) AS w(doc, idx)"
            source = f"SELECT {columns} FROM {listed} JOIN passages p USING (doc, idx)"
            params: list[Any] = [[doc for doc, _ in only], [idx for _, idx in only]]
        elif keys:
            meeting = _SPEAKERS_MEETING.format(where="p.tsv @@ %s::tsquery")
            source = (
                f"SELECT {columns} FROM (SELECT doc, idx FROM ({meeting}) m LIMIT {WORD_CANDIDATES}) w "
                "JOIN passages p USING (doc, idx)"
            )
            params = [any_query(terms), list(keys), any_query(terms), list(keys)]
        else:
            source = f"SELECT {columns} FROM passages p WHERE p.tsv @@ %s::tsquery LIMIT {WORD_CANDIDATES}"
            params = [any_query(terms)]
        # Only the query's terms are unnested: the terms are marked (weight A) and the rest filtered out in one
        # pass over the vector, instead of a row for each of the passage's fifty-odd terms.
        rows = self._rows(
            f"SELECT c.doc, c.idx, c.tokens, u.lexeme, cardinality(u.positions) AS tf FROM ({source}) c, "
            "LATERAL unnest(ts_filter(setweight(c.tsv, 'A', %s::text[]), '{a}')) u",
            (*params, list(terms)),
        )
        _, total, average = self._statistics()
        counts = self.term_passages(terms)
        held: dict[tuple[str, int], dict[str, int]] = {}
        lengths: dict[tuple[str, int], int] = {}
        for row in rows:
            hit = (row["doc"], row["idx"])
            held.setdefault(hit, {})[row["lexeme"]] = int(row["tf"] or 1)
            lengths[hit] = int(row["tokens"])
        return {hit: bm25(tf, lengths[hit], counts, total, average) for hit, tf in held.items()}

    def _load(self, hits: Sequence[tuple[str, int]]) -> dict[tuple[str, int], Passage]:
        if not hits:
            return {}
        rows = self._rows(
            f"SELECT {_PASSAGE_COLUMNS} FROM unnest(%s::text[], %s::int[]) AS w(doc, idx) "
            "JOIN passages p ON p.doc = w.doc AND p.idx = w.idx JOIN documents d ON d.id = p.doc",
            ([doc for doc, _ in hits], [idx for _, idx in hits]),
        )
        return {(row["doc"], row["idx"]): _passage(row) for row in rows}

    def speakers(self) -> list[SpeakerEntry]:
        """Registry: one entry per speaker key with its most used spelling and the others as aliases."""
        names: dict[str, Counter[str]] = {}
        for row in self._rows("SELECT key, name, passages FROM speakers WHERE passages > 0"):
            names.setdefault(row["key"], Counter())[row["name"]] += int(row["passages"])
        return registry(names)


class _Change:
    """What a write does to the counters: passages holding each term, passages of each speaker spelling."""

    def __init__(self) -> None:
        self.terms: Counter[str] = Counter()
        self.speakers: Counter[tuple[str, str]] = Counter()
        self.passages = 0
        self.tokens = 0


def _speaker_filter(speakers: Sequence[str]) -> tuple[str, tuple[Any, ...]]:
    """The WHERE clause on documents with a passage by one of these speaker keys (none: every document)."""
    if not speakers:
        return "", ()
    return "WHERE id IN (SELECT doc FROM passages WHERE speaker_key = ANY(%s))", (list(speakers),)


def _info(row: dict[str, Any]) -> DocumentInfo:
    return DocumentInfo(
        id=row["id"], title=row["title"], speaker=row["speaker"], date=row["date"], url=row["url"],
        passages=row["passages"], chars=row["chars"],
    )  # fmt: skip

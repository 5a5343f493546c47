"""The source store over real Chroma (temp dirs and a real `chroma run` server) and the real embedder."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from chroma_server import ChromaServer
from pydantic import SecretStr
from store_checks import committed_documents, write_jsonl

from factcheck.config import Settings
from factcheck.errors import StoreError
from factcheck.processes import chroma_command, free_port
from factcheck.sources import document_revision, split_passages
from factcheck.store import ChromaSourceStore, open_store
from factcheck.store.catalog import CommittedDocument, SqliteCatalog
from factcheck.store.lexical import spelling_window
from factcheck.types import Anchor, Document, DocumentUpdate, Passage, Voice

ROADS = (
    "Our roads and bridges are crumbling across the country. We will rebuild them with American workers. "
    "Every family deserves clean water from the tap, and every child deserves a safe school bus ride."
)
HEALTH = (
    "Health care is a right, not a privilege. No family should go bankrupt because somebody got sick. "
    "We will lower the cost of prescription drugs and protect people with preexisting conditions."
)
DEBATE = (
    "I have a plan for that. We need a wealth tax on the largest fortunes in this country.\n"
    "That plan will not work and it will cost jobs in every state of the union."
)


def _documents() -> list[Document]:
    split = DEBATE.index("\n")
    return [
        Document(id="roads", text=ROADS, speaker="Joe Biden", title="Infrastructure remarks", date="2021-11-15"),
        Document(id="health", text=HEALTH, speaker="Bernie Sanders", title="Town hall", url="https://example.org/h"),
        Document(
            id="debate",
            text=DEBATE,
            title="Debate",
            turns=[
                {"speaker": "Elizabeth Warren", "start": 0, "end": split},  # type: ignore[list-item]
                {"speaker": "John Delaney", "start": split + 1, "end": len(DEBATE)},  # type: ignore[list-item]
            ],
        ),
    ]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `chroma run` on a free loopback port, shared by this module's tests and stopped after them."""
    if chroma_command() is None:
        pytest.skip("the `chroma` command from the chromadb package is not installed")
    with ChromaServer(tmp_path_factory.mktemp("chroma-server") / "server") as server:
        yield server.url


@pytest.fixture(params=["local", "server"])
def store(request: pytest.FixtureRequest, settings: Settings, embedder: Any) -> Iterator[ChromaSourceStore]:
    """The same store tests over a local directory and over a Chroma server (a fresh collection each)."""
    if request.param == "server":
        url = request.getfixturevalue("chroma_server")
        catalog = request.getfixturevalue("catalog_url")
        settings = settings.model_copy(
            update={"chroma_url": url, "catalog_url": SecretStr(catalog), "collection": f"t-{uuid.uuid4().hex[:12]}"}
        )
    opened = open_store(settings, embedder)
    yield opened
    opened.close()


@pytest.fixture
def local_store(settings: Settings, embedder: Any) -> Iterator[ChromaSourceStore]:
    """A store in a local directory (for tests that open the directory from other processes)."""
    opened = open_store(settings, embedder)
    yield opened
    opened.close()


def test_ingest_then_reingest_adds_nothing(store: ChromaSourceStore) -> None:
    docs = _documents()
    first = store.add_documents(docs)
    assert (first.documents_added, first.documents_skipped) == (3, 0)
    expected = sum(len(split_passages(d)) for d in docs)
    assert first.passages_added == expected == store.count_passages()
    second = store.add_documents(docs)
    assert (second.documents_added, second.documents_skipped, second.passages_added) == (0, 3, 0)
    assert store.count_documents() == 3 and store.count_passages() == expected
    info = store.get_document("health")
    assert info is not None and info.speaker == "Bernie Sanders" and info.url == "https://example.org/h"


def test_changed_document_is_replaced(store: ChromaSourceStore, embedder: Any) -> None:
    store.add_documents(_documents())
    changed = Document(id="roads", text="We will build high speed rail between every major city.", speaker="Joe Biden")
    report = store.add_documents([changed])
    assert (report.documents_replaced, report.documents_added) == (1, 0)
    assert store.count_documents() == 3
    assert not [c for c in store.lexical_search("crumbling bridges", 5) if c.passage.document.id == "roads"]
    dense = store.dense_search(embedder.embed(["Our roads and bridges are crumbling"])[0], 10)
    roads = [c for c in dense if c.passage.document.id == "roads"]
    assert [c.passage.text for c in roads] == [changed.text]
    # Nothing of the old revision is left in Chroma either.
    old = document_revision(_documents()[0])
    assert not store._vectors.passages.get(where={"rev": old})["ids"]


def test_lexical_phrase_search_finds_a_verbatim_sentence(store: ChromaSourceStore) -> None:
    store.add_documents(_documents())
    hits = store.lexical_search("no family should go bankrupt because somebody got sick", 3)
    assert hits[0].phrase and hits[0].passage.document.id == "health"
    assert "go bankrupt because somebody got sick" in hits[0].passage.text
    assert all(not h.phrase for h in hits[1:])
    loose = store.lexical_search("bankrupt family sick go", 3)
    assert loose and not loose[0].phrase and loose[0].passage.document.id == "health"
    assert store.lexical_search("!!! ???", 3) == []


def test_a_phrase_matches_its_words_in_order_only(store: ChromaSourceStore) -> None:
    store.add_documents(_documents())
    # Every word of 'we have a plan' is in Warren's turn, in another order; 'zebras' is in no passage.
    assert store.phrase_speakers("have a plan for that") == (1, ["elizabeth warren"])
    assert store.phrase_speakers("we have a plan") == (0, [])
    assert store.phrase_speakers("have a plan for zebras") == (0, [])
    for speakers in (None, ["Elizabeth Warren"]):
        found = store.lexical_search("I have a plan for that", 3, speakers, match="phrase")
        assert [(h.passage.document.id, h.phrase) for h in found] == [("debate", True)]
        assert store.lexical_search("we have a plan", 3, speakers, match="phrase") == []
        assert store.lexical_search("a plan for zebras", 3, speakers, match="phrase") == []


def test_a_snapshot_asks_the_catalog_for_its_version_once(
    store: ChromaSourceStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_documents(_documents())
    catalog = store._catalog
    read = catalog.version
    reads: list[str] = []
    monkeypatch.setattr(catalog, "version", lambda: reads.append(read()) or reads[-1])
    with store.snapshot():
        for query in ("wealth tax", "crumbling bridges", "prescription drugs"):
            assert store.lexical_search(query, 3)
            store.term_passages(query.split())
            store.phrase_speakers(query)
    assert len(reads) == 1


def test_a_snapshot_reads_a_phrases_speakers_once(store: ChromaSourceStore, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add_documents(_documents())
    catalog = store._catalog
    read = catalog.phrase_speakers
    reads: list[str] = []
    monkeypatch.setattr(catalog, "phrase_speakers", lambda phrase, limit: reads.append(phrase) or read(phrase, limit))
    with store.snapshot():
        first = store.phrase_speakers("have a plan for that")
        first[1].append("someone else")  # the caller's copy
        assert store.phrase_speakers("have a plan for that") == (1, ["elizabeth warren"])
        assert store.phrase_speakers("have a plan for that", 1) == (1, ["elizabeth warren"])
    assert reads == ["have a plan for that"] * 2
    store.add_documents([Document(id="plan", text="I have a plan for that, too.", speaker="John Delaney")])
    with store.snapshot():
        assert store.phrase_speakers("have a plan for that") == (2, ["elizabeth warren", "john delaney"])
    assert store.phrase_speakers("have a plan for that") == (2, ["elizabeth warren", "john delaney"])
    assert len(reads) == 4


def test_spelling_lookups_leave_the_catalog_schema_alone(local_store: ChromaSourceStore) -> None:
    # Each check probes several unseen words for their spellings in the index: no statement may change the schema.
    local_store.add_documents(_documents())
    catalog = local_store._catalog
    assert isinstance(catalog, SqliteCatalog)
    statements: list[str] = []
    catalog._db.set_trace_callback(statements.append)
    try:
        found = [catalog.similar_terms(word) for word in ("bridgez", "prescripton", "wealth")]
    finally:
        catalog._db.set_trace_callback(None)
    assert "bridges" in found[0] and "prescription" in found[1] and "wealth" in found[2]
    assert statements and not [s for s in statements if s.lstrip().upper().startswith("CREATE")]


def test_spellings_are_the_vocabulary_window_read_once_a_letter_until_a_commit(local_store: ChromaSourceStore) -> None:
    local_store.add_documents(_documents())
    catalog = local_store._catalog
    assert isinstance(catalog, SqliteCatalog)
    window = "SELECT term, doc FROM temp.passages_vocab WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?"
    words = ("bridgez", "prescripton", "wealth", "we", "zebra")
    for word in words:
        expected = [(row[0], row[1]) for row in catalog._db.execute(window, spelling_window(word))]
        assert list(catalog.similar_terms(word).items()) == expected
    statements: list[str] = []
    catalog._db.set_trace_callback(statements.append)
    try:
        assert catalog.similar_terms("wealthy") and catalog.similar_terms("bridges")
    finally:
        catalog._db.set_trace_callback(None)
    assert not [s for s in statements if "passages_vocab" in s]
    local_store.add_documents([Document(id="zoo", text="The zebras and the wombats grazed.", speaker="Joe Biden")])
    assert "wombats" in catalog.similar_terms("wombat") and "zebras" in catalog.similar_terms("zebra")


def test_speaker_filter_applies_to_both_searches(store: ChromaSourceStore, embedder: Any) -> None:
    store.add_documents(_documents())
    vector = embedder.embed(["a tax on the largest fortunes"])[0]
    warren = store.dense_search(vector, 5, ["Elizabeth Warren"])
    assert warren and {c.passage.speaker for c in warren} == {"Elizabeth Warren"}
    assert store.dense_search(vector, 5, ["Nobody Atall"]) == []
    lexical = store.lexical_search("wealth tax", 5, ["elizabeth  WARREN"])
    assert lexical and all(c.passage.speaker == "Elizabeth Warren" for c in lexical)
    assert store.lexical_search("wealth tax", 5, ["John Delaney"]) == []
    registry = {entry.key: entry for entry in store.speakers()}
    assert registry["elizabeth warren"].name == "Elizabeth Warren"
    assert registry["joe biden"].passages == len(split_passages(_documents()[0]))


def test_dense_search_ranks_the_matching_passage_first(store: ChromaSourceStore, embedder: Any) -> None:
    store.add_documents(_documents())
    hits = store.dense_search(embedder.embed(["prescription drug prices must come down"])[0], 3)
    assert hits[0].passage.document.id == "health"
    assert hits[0].dense is not None and hits[0].dense > hits[-1].dense  # type: ignore[operator]
    passage = hits[0].passage
    assert passage.document.title == "Town hall" and passage.speaker == "Bernie Sanders"


def test_delete_removes_passages_from_both_indexes(store: ChromaSourceStore, embedder: Any) -> None:
    store.add_documents(_documents())
    assert store.delete_document("health")
    assert not store.delete_document("health")
    assert store.get_document("health") is None and store.count_documents() == 2
    assert not store.lexical_search("prescription drugs", 5)
    hits = store.dense_search(embedder.embed([HEALTH])[0], 10)
    assert all(c.passage.document.id != "health" for c in hits)
    assert not store._vectors.passages.get(where={"doc": "health"})["ids"]


def test_repeated_turns_are_stored_with_their_own_vectors(store: ChromaSourceStore, embedder: Any) -> None:
    text = "Thank you.\nWe will win this fight.\nThank you."
    turns = [
        {"speaker": "Ann Lee", "start": 0, "end": 10},
        {"speaker": "Bo Diaz", "start": 11, "end": 34},
        {"speaker": "Cy Young", "start": 35, "end": 45},
    ]
    doc = Document(id="thanks", text=text, turns=turns)  # type: ignore[arg-type]
    store.add_documents([doc])
    got = store._vectors.passages.get(where={"doc": "thanks"}, include=["embeddings", "documents"])
    expected = embedder.embed(got["documents"])
    assert len(got["ids"]) == 3
    for stored, fresh in zip(got["embeddings"], expected, strict=True):
        assert float(np.dot(stored, fresh)) > 0.999
    hits = store.lexical_search("thank you", 5)
    assert {h.passage.speaker for h in hits} == {"Ann Lee", "Cy Young"}


RELEASE = (
    "The Canal Trust confirmed the lock gates will be replaced this autumn. "
    '"The new gates will let boats through in half the time," said Mirela Szabo. '
    "Some boaters have claimed that the towpath will close for a year."
)


def test_voices_anchors_and_metadata_changes_on_both_catalogs(store: ChromaSourceStore) -> None:
    quoted = RELEASE.index('"The new'), RELEASE.index(' said Mirela')
    reported = RELEASE.index("the towpath"), len(RELEASE) - 1
    release = Document(
        id="release", text=RELEASE, speaker="Canal Trust", title="Lock gates",
        anchors=[Anchor(start=0, page=1), Anchor(start=quoted[0], page=2)],
        voices=[
            Voice(kind="quoted", start=quoted[0], end=quoted[1], speaker="Mirela Szabo"),
            Voice(kind="reported", start=reported[0], end=reported[1], source="Some boaters", cue="claimed"),
        ],
    )  # fmt: skip
    store.add_documents([release, *_documents()])
    # A passage quoting someone is theirs too: in the registry, and in searches for them.
    registry = {entry.key: entry.passages for entry in store.speakers()}
    assert registry["mirela szabo"] == 1 and registry["canal trust"] == len(split_passages(release))
    hits = store.lexical_search("let boats through in half the time", 3, ["Mirela Szabo"])
    assert hits and hits[0].phrase and hits[0].passage.document.id == "release"
    assert store.lexical_search("wealth tax", 3, ["Mirela Szabo"]) == []
    (stored,) = store.passages("release", [0])
    assert stored.voices == split_passages(release)[0].voices and len(stored.voices) == 2
    assert stored.page == 1 and [a.page for a in stored.anchors] == [2]
    assert stored.anchor_at(quoted[0] + 1) == (2, None)
    # Listing by speaker: documents with a passage of their own.
    assert [d.id for d in store.list_documents(speaker="canal TRUST")] == ["release"]
    assert store.count_documents(speaker="Canal Trust") == 1 and store.count_documents(speaker="Nobody") == 0
    # New metadata keeps voices and anchors, and the registry follows it.
    info = store.update_document("release", DocumentUpdate(speaker="Harrowgate Canal Trust"))
    assert info is not None and info.speaker == "Harrowgate Canal Trust"
    registry = {entry.key: entry.passages for entry in store.speakers()}
    assert "canal trust" not in registry and registry["harrowgate canal trust"] == len(split_passages(release))
    assert registry["mirela szabo"] == 1
    (updated,) = store.passages("release", [0])
    assert updated.voices == stored.voices and updated.anchors == stored.anchors
    assert store.delete_document("release")
    assert "mirela szabo" not in {entry.key for entry in store.speakers()}
    assert store.lexical_search("let boats through in half the time", 3, ["Mirela Szabo"]) == []


def test_speaker_restricted_searches_take_a_passage_by_its_speaker_or_its_quoted_person_once(
    store: ChromaSourceStore,
) -> None:
    quoted = RELEASE.index('"The new'), RELEASE.index(' said Mirela')
    voice = Voice(kind="quoted", start=quoted[0], end=quoted[1], speaker="Mirela Szabo")
    store.add_documents([Document(id="release", text=RELEASE, speaker="Canal Trust", voices=[voice]), *_documents()])
    everyone = {h.passage.id: h.score for h in store.lexical_search("boats gates autumn", 5, match="words")}
    for speakers in (["Mirela Szabo"], ["Canal Trust"], ["Canal Trust", "Mirela Szabo"]):
        words = store.lexical_search("boats gates autumn", 5, speakers, match="words")
        # Scored on the same scale as a search of every passage, and each passage once.
        assert [h.passage.id for h in words] == ["release#0"] and words[0].score == everyone["release#0"]
        phrase = store.lexical_search("let boats through", 5, speakers, match="phrase")
        assert [(h.passage.id, h.phrase) for h in phrase] == [("release#0", True)]
    assert store.lexical_search("boats gates autumn", 5, ["Some boaters"], match="words") == []


def test_neighbouring_passages_by_index(store: ChromaSourceStore) -> None:
    long = Document(id="long", text=" ".join(f"Sentence number {i} is about topic {i}." for i in range(60)))
    store.add_documents([long])
    expected = split_passages(long)
    got = store.passages("long", [2, 0, 1, 99])
    assert [p.index for p in got] == [0, 1, 2]
    assert [(p.start, p.end, p.text) for p in got] == [(p.start, p.end, p.text) for p in expected[:3]]


def test_interrupted_write_is_invisible_and_redone(store: ChromaSourceStore, embedder: Any) -> None:
    docs = _documents()
    store.add_documents(docs[:1])
    # What a process killed mid-ingest leaves behind: a pending mark and some passages, no commit record.
    victim = docs[1]
    rev = document_revision(victim)
    passages = split_passages(victim)
    store._vectors.begin([(victim.id, rev)])
    store._vectors.write_passages(passages[:1], [rev], embedder.embed([passages[0].text]))
    assert store.count_documents() == 1
    assert all(c.passage.document.id != victim.id for c in store.dense_search(embedder.embed([HEALTH])[0], 5))
    report = store.add_documents(docs)
    assert (report.documents_added, report.documents_skipped) == (2, 1)
    assert store.count_passages() == sum(len(split_passages(d)) for d in docs)
    assert len(store._vectors.passages.get(where={"doc": victim.id})["ids"]) == len(passages)
    assert store._vectors.pending_documents() == {}


def _write(
    store: ChromaSourceStore, embedder: Any, document: Document
) -> tuple[str, CommittedDocument, list[Passage]]:
    """What one ingest process does before committing: mark the write, then write every passage."""
    rev, passages = document_revision(document), split_passages(document)
    store._vectors.begin([(document.id, rev)])
    store._vectors.write_passages(passages, [rev] * len(passages), embedder.embed([p.text for p in passages]))
    record = CommittedDocument(
        id=document.id, rev=rev, title=document.title, speaker=document.speaker, date=None, url=None,
        passages=len(passages), chars=len(document.text),
    )  # fmt: skip
    return rev, record, passages


def _commit(store: ChromaSourceStore, record: CommittedDocument, passages: list[Passage]) -> None:
    """What an ingest process does to commit: the record in Chroma, then the document in the catalog."""
    record = replace(record, committed=time.time())
    store._vectors.commit([record], stale=[record.id])
    store._catalog.put_documents([(record, passages)])


def _revisions(store: ChromaSourceStore, document_id: str) -> dict[str, int]:
    metas = store._vectors.passages.get(where={"doc": document_id}, include=["metadatas"])["metadatas"] or []
    return {rev: sum(1 for m in metas if m["rev"] == rev) for rev in {str(m["rev"]) for m in metas}}


@pytest.mark.parametrize("last", ["first", "second"])
def test_two_writers_of_one_document_leave_the_last_commit_whole(
    store: ChromaSourceStore, embedder: Any, last: str
) -> None:
    first = Document(id="memo", text=f"{ROADS}\n\n{HEALTH}", speaker="Joe Biden", title="Memo")
    second = Document(id="memo", text=HEALTH, speaker="Joe Biden", title="Memo, revised")
    _, record1, passages1 = _write(store, embedder, first)  # process A, still to commit
    _, record2, passages2 = _write(store, embedder, second)  # process B
    early, late = (record2, record1) if last == "first" else (record1, record2)
    _commit(store, early, passages2 if early is record2 else passages1)
    # The other writer has not committed yet: its passages must survive this commit's clean-up.
    assert _revisions(store, "memo")[late.rev] == late.passages
    _commit(store, late, passages1 if late is record1 else passages2)
    assert _revisions(store, "memo") == {late.rev: late.passages}
    assert store._vectors.pending_documents() == {}
    store.refresh(force=True)
    info = store.get_document("memo")
    assert info is not None and info.title == late.title and info.passages == late.passages
    assert store.count_passages() == late.passages
    written = first if late is record1 else second
    assert [p.text for p in store.passages("memo", range(late.passages))] == [p.text for p in split_passages(written)]


def test_a_dead_writers_mark_and_passages_are_cleared_by_the_next_write(
    store: ChromaSourceStore, embedder: Any
) -> None:
    old = Document(id="memo", text=ROADS, speaker="Joe Biden", title="Memo")
    rev_old, _, _ = _write(store, embedder, old)  # then killed: no commit
    # Its mark dates from long ago, so it cannot belong to a write still in progress.
    store._vectors._put_records(
        [f"pending:memo:{rev_old}"], [{"kind": "pending", "id": "memo", "rev": rev_old, "started": 0.0}], "age"
    )
    new = Document(id="memo", text=HEALTH, speaker="Joe Biden", title="Memo")
    assert store.add_documents([new]).documents_added == 1
    assert _revisions(store, "memo") == {document_revision(new): len(split_passages(new))}
    assert store._vectors.pending_documents() == {}


def test_reads_are_retried_when_the_server_fails_them_internally(store: ChromaSourceStore) -> None:
    from chromadb.errors import InternalError

    calls: list[int] = []

    def flaky(failures: int) -> int:
        calls.append(1)
        if len(calls) <= failures:
            raise InternalError("Error executing plan: Internal error: Error creating hnsw segment reader")
        return len(calls)

    assert store._vectors.read("search", lambda: flaky(2)) == 3
    calls.clear()
    with pytest.raises(StoreError, match=r"cannot search .*hnsw segment reader"):
        store._vectors.read("search", lambda: flaky(10))
    assert len(calls) == 4


_REOPEN = """
import json, sys
from pathlib import Path
from factcheck.config import Settings
from factcheck.embed import load_embedder
from factcheck.store import open_store
embedder = load_embedder()
store = open_store(Settings(store=Path(sys.argv[1])), embedder)
dense = store.dense_search(embedder.embed(["clean water for every family"])[0], 1)
lexical = store.lexical_search("wealth tax on the largest fortunes", 1)
# Chroma alone rebuilds our registered embedding function from the stored collection config.
import chromadb
from factcheck.store.vectors import client_settings
client = chromadb.PersistentClient(path=str(Path(sys.argv[1]) / "chroma"), settings=client_settings())
by_text = client.get_collection("passages").query(query_texts=["prescription drugs"], n_results=1)
print(json.dumps({"dense": dense[0].passage.document.id, "lexical": lexical[0].passage.document.id,
                  "phrase": lexical[0].phrase, "documents": store.count_documents(),
                  "by_text": by_text["metadatas"][0][0]["doc"]}))
"""


def test_store_reopened_in_a_new_process(local_store: ChromaSourceStore, settings: Settings) -> None:
    local_store.add_documents(_documents())
    result = subprocess.run(
        [sys.executable, "-c", _REOPEN, str(settings.store)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer == {"dense": "roads", "lexical": "debate", "phrase": True, "documents": 3, "by_text": "health"}


def test_foreign_directory_is_refused_and_untouched(tmp_path: Path, embedder: Any) -> None:
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"\xff\xd8not really")
    with pytest.raises(StoreError, match="not a factcheck store"):
        open_store(Settings(store=foreign), embedder)
    assert sorted(p.name for p in foreign.iterdir()) == ["holiday.jpg"]


_OPEN_AT_ONCE = """
import multiprocessing, sys
from pathlib import Path
from factcheck.store.catalog import SqliteCatalog
from factcheck.store.layout import prepare_directory

def open_new(args):
    root, barrier = args
    barrier.wait()
    try:
        prepare_directory(root)
        SqliteCatalog(root / "catalog.sqlite").version()
        return "ok"
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"

if __name__ == "__main__":
    failures = []
    with multiprocessing.Manager() as manager, multiprocessing.Pool(4) as pool:
        for round in range(int(sys.argv[2])):
            barrier = manager.Barrier(4)
            root = Path(sys.argv[1]) / f"store-{round}"
            failures += [r for r in pool.map(open_new, [(root, barrier)] * 4) if r != "ok"]
    print("\\n".join(failures))
"""


def test_processes_creating_one_new_store_at_once_all_open_it(tmp_path: Path) -> None:
    # API workers start together over one new directory: none may take another's half-made store as foreign.
    done = subprocess.run(
        [sys.executable, "-c", _OPEN_AT_ONCE, str(tmp_path), "40"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
    assert all((tmp_path / f"store-{i}" / "factcheck-store.json").is_file() for i in range(40))


def test_corrupt_store_gives_store_error_and_is_not_overwritten(settings: Settings, embedder: Any) -> None:
    opened = open_store(settings, embedder)
    opened.add_documents(_documents()[:1])
    opened.close()
    sqlite = settings.store / "chroma" / "chroma.sqlite3"
    garbage = b"this is not a database " * 100
    sqlite.write_bytes(garbage)
    with pytest.raises(StoreError):
        open_store(settings, embedder).count_documents()
    assert sqlite.read_bytes() == garbage


def test_corrupt_marker_gives_store_error(settings: Settings, embedder: Any) -> None:
    open_store(settings, embedder).close()
    (settings.store / "factcheck-store.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(StoreError, match="corrupt"):
        open_store(settings, embedder)


def _server_settings(chroma_server: str, catalog_url: str, store: Path, collection: str) -> Settings:
    return Settings(store=store, chroma_url=chroma_server, catalog_url=catalog_url, collection=collection)


def test_chroma_server_store_shares_documents_between_clients(
    chroma_server: str, catalog_url: str, tmp_path: Path, embedder: Any
) -> None:
    collection = f"shared-{uuid.uuid4().hex[:8]}"
    writer = open_store(_server_settings(chroma_server, catalog_url, tmp_path / "a", collection), embedder)
    reader = open_store(_server_settings(chroma_server, catalog_url, tmp_path / "b", collection), embedder)
    writer.ping()
    report = writer.add_documents(_documents())
    assert report.documents_added == 3
    # The reader's lexical index and registry are the shared catalog's: nothing of the writer's own.
    assert reader.count_documents() == 3
    assert reader.lexical_search("go bankrupt because somebody got sick", 1)[0].phrase
    assert reader.dense_search(embedder.embed(["rebuild bridges"])[0], 1)[0].passage.document.id == "roads"
    assert "elizabeth warren" in {s.key for s in reader.speakers()}
    assert writer.add_documents(_documents()).documents_skipped == 3
    assert writer.delete_document("health")
    assert reader.get_document("health") is None
    assert not reader.lexical_search("prescription drugs", 3)


def test_other_clients_commits_are_read_at_once_and_cached_figures_follow_the_version(
    chroma_server: str, catalog_url: str, tmp_path: Path, embedder: Any
) -> None:
    collection = f"snapshot-{uuid.uuid4().hex[:8]}"

    def client(name: str, refresh_seconds: float = 0.0) -> ChromaSourceStore:
        settings = _server_settings(chroma_server, catalog_url, tmp_path / name, collection)
        return open_store(settings.model_copy(update={"store_refresh_seconds": refresh_seconds}), embedder)

    writer, reader, lagging = client("w"), client("r"), client("l", refresh_seconds=3600)
    writer.add_documents(_documents()[:1])
    one = len(split_passages(_documents()[0]))
    with reader.snapshot():
        assert reader.count_passages() == one
        writer.add_documents(_documents()[1:])
        # Passages are read from the shared catalog as they are now: a commit is found the moment it returns.
        assert reader.lexical_search("prescription drugs", 3)[0].passage.document.id == "health"
        assert reader.dense_search(embedder.embed(["prescription drug prices"])[0], 1)[0].passage.document.id == (
            "health"
        )
        # Figures kept per version (the passage count a verdict weighs words against) hold still within a check.
        assert reader.count_passages() == one
    total = sum(len(split_passages(d)) for d in _documents())
    assert reader.count_passages() == total

    assert lagging.count_passages() == total
    assert writer.delete_document("health")
    assert lagging.count_passages() == total  # re-checks the version at most once an hour
    assert reader.count_passages() == total - len(split_passages(_documents()[1]))
    lagging.refresh(force=True)
    assert lagging.count_passages() == reader.count_passages()
    assert not lagging.lexical_search("prescription drugs", 3)


def test_a_second_catalog_for_one_server_collection_is_refused(
    chroma_server: str, catalog_url: str, tmp_path: Path, embedder: Any
) -> None:
    collection = f"claim-{uuid.uuid4().hex[:8]}"
    first = open_store(_server_settings(chroma_server, catalog_url, tmp_path / "a", collection), embedder)
    first.add_documents(_documents())
    # A client on another machine (here: another directory) with its own SQLite catalog would miss every commit.
    alone = Settings(store=tmp_path / "b", chroma_url=chroma_server, collection=collection)
    with pytest.raises(StoreError, match=r"indexed in the catalog postgresql: .*FACTCHECK_CATALOG_URL"):
        open_store(alone, embedder)
    moved = open_store(alone.model_copy(update={"rebuild_catalog": True}), embedder)
    assert moved.count_documents() == 3
    assert moved.lexical_search("go bankrupt because somebody got sick", 1)[0].phrase
    with pytest.raises(StoreError, match=r"indexed in the catalog sqlite: "):
        open_store(_server_settings(chroma_server, catalog_url, tmp_path / "a", collection), embedder)


def test_unreachable_chroma_server_gives_store_error(tmp_path: Path, embedder: Any) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreError, match=r"unreachable|cannot"):
        open_store(Settings(store=tmp_path / "s", chroma_url=url), embedder).ping()


_WRITE = """
import sys
from pathlib import Path
from factcheck.config import Settings
from factcheck.embed import load_embedder
from factcheck.sources import load_path
from factcheck.store import open_store
store = open_store(Settings(store=Path(sys.argv[1])), load_embedder())
report = store.add_documents(load_path(Path(sys.argv[2])))
print(report.documents_added, flush=True)
"""


def test_open_store_sees_documents_written_by_another_process(
    local_store: ChromaSourceStore, settings: Settings, embedder: Any, tmp_path: Path
) -> None:
    store = local_store
    store.add_documents(_documents()[:1])
    assert store.count_documents() == 1
    source = tmp_path / "other.jsonl"
    source.write_text(json.dumps({"id": "rates", "text": "Interest rates will rise again next quarter."}) + "\n")
    result = subprocess.run(
        [sys.executable, "-c", _WRITE, str(settings.store), str(source)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    hits = store.dense_search(embedder.embed(["the central bank raises interest rates"])[0], 2)
    assert hits[0].passage.document.id == "rates"
    assert store.lexical_search("interest rates", 1)[0].passage.document.id == "rates"


@pytest.mark.slow
def test_ingest_killed_halfway_then_rerun_stores_every_document_once(
    settings: Settings, embedder: Any, tmp_path: Path
) -> None:
    sentences = [
        f"Speaker {i} said that item {i} matters for reason {i * 7} and for reason {i * 11}." for i in range(40)
    ]
    records = [{"id": f"d{i}", "text": " ".join(sentences[(i + j) % 40] for j in range(12))} for i in range(150)]
    source = write_jsonl(tmp_path / "big.jsonl", records)
    catalog = settings.store / f"{settings.collection}.catalog.sqlite"
    process = subprocess.Popen([sys.executable, "-c", _WRITE, str(settings.store), str(source)])
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and process.poll() is None:
            if catalog.exists() and committed_documents(catalog) >= 10:
                break
            time.sleep(0.05)
        assert process.poll() is None, "ingest finished before it could be interrupted"
        process.kill()
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
    result = subprocess.run(
        [sys.executable, "-c", _WRITE, str(settings.store), str(source)], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    assert 0 < int(result.stdout) < len(records)
    reopened = open_store(settings, embedder)
    expected = sum(len(split_passages(d)) for d in (Document(**r) for r in records))
    assert reopened.count_documents() == len(records)
    assert reopened.count_passages() == expected
    assert reopened._vectors.passages.count() == expected
    assert reopened._vectors.pending_documents() == {}

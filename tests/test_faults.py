"""Faults: an ingest killed halfway, a Chroma server going away under the API, broken store directories."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_support import ARTICLE, SOURCES, running_client
from chroma_server import ChromaServer
from store_checks import committed_documents, tree_digest, write_jsonl

from benchmarks.corpus import build_corpus
from factcheck.cli import main
from factcheck.config import Settings
from factcheck.pipeline import Components
from factcheck.sources import split_passages
from factcheck.store import open_store


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ChromaServer]:
    with ChromaServer(tmp_path / "chroma-data") as running:
        yield running


@pytest.mark.slow
def test_ingest_killed_halfway_then_rerun_stores_everything_once(
    server: ChromaServer, tmp_path: Path, embedder: Any
) -> None:
    """Over a Chroma server, through the CLI (tests/test_store.py kills a local-directory ingest)."""
    documents = build_corpus(600, real=False, seed=11)
    source = write_jsonl(
        tmp_path / "archive.jsonl",
        ({"id": d.id, "text": d.text, "speaker": d.speaker, "title": d.title} for d in documents),
    )
    store_dir = tmp_path / "store"
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
    env["FACTCHECK_CHROMA_URL"] = server.url
    settings = Settings(store=store_dir, chroma_url=server.url)
    command = [sys.executable, "-m", "factcheck.cli", "ingest", str(source), "--store", str(store_dir)]

    victim = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while committed_documents(store_dir / "passages.catalog.sqlite") == 0:
        assert victim.poll() is None, victim.stderr.read() if victim.stderr else ""
        assert time.monotonic() < deadline, "ingest committed nothing in time"
        time.sleep(0.05)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)
    assert victim.returncode == -signal.SIGKILL

    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr

    store = open_store(settings, embedder)
    expected = {d.id: len(split_passages(d)) for d in documents}
    listed = store.list_documents(0, len(documents) + 10)
    assert sorted(d.id for d in listed) == sorted(expected)
    assert {d.id: d.passages for d in listed} == expected
    assert store.count_passages() == sum(expected.values())
    # Exactly one vector per passage: nothing left over from the killed run, nothing missing.
    assert store._vectors.passages.count() == sum(expected.values())
    assert store._vectors.pending_documents() == {}
    # The synthetic documents reuse real sentences, so the phrase may occur in several of them.
    sample = documents[len(documents) // 2]
    phrase = sample.text.split(". ")[0]
    hits = store.lexical_search(phrase, 50, match="phrase")
    assert sample.id in {h.passage.document.id for h in hits}
    store.close()


def test_chroma_server_outage_gives_503_and_service_resumes(
    server: ChromaServer, tmp_path: Path, embedder: Any, nlp: Any
) -> None:
    settings = Settings(store=tmp_path / "cache", chroma_url=server.url, llm_model=None)
    components = Components(settings, embedder=embedder, nlp=nlp)
    with running_client(components) as (client, _):
        assert client.post("/v1/sources", json={"documents": SOURCES}).status_code == 201
        before = client.post("/v1/check", json={"text": ARTICLE})
        assert before.status_code == 200
        assert client.get("/readyz").status_code == 200

        server.stop()
        down = client.post("/v1/check", json={"text": ARTICLE})
        assert down.status_code == 503
        error = down.json()["error"]
        assert error["code"] == "store_unavailable" and "Chroma" in error["message"]
        assert "Traceback" not in down.text
        ready = client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["status"] == "not_ready"
        assert "Chroma" in ready.json()["reason"]
        listing = client.get("/v1/sources")
        assert listing.status_code == 503 and listing.json()["error"]["code"] == "store_unavailable"
        assert client.get("/healthz").status_code == 200

        server.start()
        deadline = time.monotonic() + 30
        while client.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline, "the API did not recover after the server came back"
            time.sleep(0.2)
        after = client.post("/v1/check", json={"text": ARTICLE})
        assert after.status_code == 200
        assert after.json() == before.json()


@pytest.mark.slow
def test_an_upload_cut_by_a_store_outage_keeps_each_document_whole_and_resending_adds_the_rest(
    server: ChromaServer, tmp_path: Path, embedder: Any, nlp: Any
) -> None:
    documents = build_corpus(400, real=False, seed=13)
    body = {"documents": [{"id": d.id, "text": d.text, "speaker": d.speaker, "title": d.title} for d in documents]}
    settings = Settings(store=tmp_path / "cache", chroma_url=server.url, llm_model=None)
    components = Components(settings, embedder=embedder, nlp=nlp)

    def stop_after_first_commit() -> None:
        deadline = time.monotonic() + 240
        while committed_documents(settings.store / "passages.catalog.sqlite") == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        server.stop()

    with running_client(components) as (client, _):
        watcher = threading.Thread(target=stop_after_first_commit)
        watcher.start()
        cut = client.post("/v1/sources", json=body)
        watcher.join()
        assert cut.status_code == 503 and cut.json()["error"]["code"] == "store_unavailable"
        server.start()
        deadline = time.monotonic() + 30
        while client.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline, "the API did not recover after the server came back"
            time.sleep(0.2)
        again = client.post("/v1/sources", json=body)
        assert again.status_code == 201, again.text
        report = again.json()["report"]
        # The documents stored before the outage were stored whole: the second upload finds them unchanged.
        assert 1 <= report["documents_skipped"] < len(documents)
        assert report["documents_skipped"] + report["documents_added"] == len(documents)
        listed = client.get("/v1/sources", params={"limit": 500}).json()["documents"]
    expected = {d.id: len(split_passages(d)) for d in documents}
    assert {d["id"]: d["passages"] for d in listed} == expected


def _fails_cleanly(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and captured.out == ""
    assert captured.err.startswith("factcheck: error: ")
    return captured.err


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "sources.jsonl", SOURCES)


def test_foreign_directory_is_refused_by_every_command(
    tmp_path: Path, article: Path, sources: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = tmp_path / "thesis"
    (foreign / "chapters").mkdir(parents=True)
    (foreign / "chapters" / "one.md").write_text("# One\n", encoding="utf-8")
    (foreign / "chroma.sqlite3").write_bytes(b"SQLite format 3\x00 but not chroma's")
    before = tree_digest(foreign)
    for argv in (["ingest", str(sources)], ["check", str(article)]):
        err = _fails_cleanly([*argv, "--store", str(foreign)], capsys)
        assert "not a factcheck store" in err and str(foreign) in err
    assert tree_digest(foreign) == before


@pytest.mark.parametrize("damaged", ["chroma/chroma.sqlite3", "passages.catalog.sqlite", "factcheck-store.json"])
def test_corrupted_store_is_a_clear_error_and_left_as_it_is(
    damaged: str, tmp_path: Path, article: Path, sources: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    assert main(["ingest", str(sources), "--store", str(store)]) == 0
    gc.collect()  # closes the in-process ingest's catalog connection, which checkpoints its WAL
    (store / damaged).write_bytes(b"\x00garbage\xff" * 512)
    before = tree_digest(store)
    for argv in (["ingest", str(sources)], ["check", str(article)]):
        err = _fails_cleanly([*argv, "--store", str(store)], capsys)
        assert str(store) in err
    assert tree_digest(store) == before


def test_api_over_a_corrupted_store_reports_it(tmp_path: Path, sources: Path, embedder: Any, nlp: Any) -> None:
    store = tmp_path / "store"
    assert main(["ingest", str(sources), "--store", str(store)]) == 0
    (store / "chroma" / "chroma.sqlite3").write_bytes(b"not a database " * 64)
    components = Components(Settings(store=store, llm_model=None), embedder=embedder, nlp=nlp)
    with running_client(components) as (client, _):
        ready = client.get("/readyz")
        assert ready.status_code == 503 and str(store) in ready.json()["reason"]
        check = client.post("/v1/check", json={"text": ARTICLE})
        assert check.status_code == 503 and check.json()["error"]["code"] == "store_unavailable"

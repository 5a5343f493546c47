"""The CLI over a real `chroma run` server: same verdicts as a local store, shared by several clients."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_support import ARTICLE, SOURCES, running_client
from chroma_server import ChromaServer
from store_checks import write_jsonl

from benchmarks.corpus import build_corpus
from benchmarks.load import requests_for, run_load
from benchmarks.serving import serve
from factcheck.cli import main
from factcheck.config import Settings
from factcheck.pipeline import Components
from factcheck.sources import load_paths, split_passages
from factcheck.store import open_store

MORE = [
    {
        "id": "ferry-plan",
        "text": "The ferry terminal will reopen next spring with twice the number of daily crossings.",
        "speaker": "Maria Delgado",
        "title": "Ferry announcement",
    },
    {
        "id": "library-vote",
        "text": "Libraries are the living rooms of our neighborhoods and they will stay open on Sundays.",
        "speaker": "Thomas Whitfield",
        "title": "Library vote",
    },
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    with ChromaServer(tmp_path_factory.mktemp("server") / "data") as running:
        yield running


@pytest.fixture
def shared(catalog_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The session's PostgreSQL catalog, named in the environment that clients and child processes read."""
    monkeypatch.setenv("FACTCHECK_CATALOG_URL", catalog_url)
    return catalog_url


def _check(capsys: pytest.CaptureFixture[str], article: Path, *flags: str) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert main(["check", str(article), *flags]) == 0
    quotes: list[dict[str, Any]] = json.loads(capsys.readouterr().out)["quotes"]
    return quotes


def _verdicts(quotes: list[dict[str, Any]]) -> list[tuple[str, str | None, str, str | None, list[str]]]:
    return [
        (
            q["text"],
            q["speaker"]["name"],
            q["verdict"]["label"],
            q.get("actual_speaker"),
            [e["document"]["id"] for e in q["evidence"]],
        )
        for q in quotes
    ]


def test_cli_over_a_server_matches_the_local_store(
    server: ChromaServer, catalog_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    sources = write_jsonl(tmp_path / "sources.jsonl", SOURCES)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    collection = "cli-compare"
    monkeypatch.setenv("FACTCHECK_COLLECTION", collection)

    assert main(["ingest", str(sources), "--store", str(tmp_path / "local")]) == 0
    server_flags = ["--chroma-url", server.url, "--catalog-url", catalog_url]
    assert main(["ingest", str(sources), "--store", str(tmp_path / "a"), *server_flags]) == 0
    local = _check(capsys, article, "--store", str(tmp_path / "local"))
    # A second client with its own (empty) directory, configured through the environment only.
    monkeypatch.setenv("FACTCHECK_CHROMA_URL", server.url)
    monkeypatch.setenv("FACTCHECK_CATALOG_URL", catalog_url)
    remote = _check(capsys, article, "--store", str(tmp_path / "b"))

    assert _verdicts(remote) == _verdicts(local)
    labels = {q["verdict"]["label"] for q in remote}
    assert {"verified", "altered"} <= labels
    # Nothing of the server's data went into the local directory of the second client.
    assert not (tmp_path / "b" / "chroma").exists()
    assert not list((tmp_path / "b").glob("*.sqlite"))


_INGEST = [sys.executable, "-m", "factcheck.cli", "ingest"]


def test_concurrent_ingests_from_two_processes_are_all_visible(
    server: ChromaServer, shared: str, tmp_path: Path, embedder: Any
) -> None:
    first = write_jsonl(tmp_path / "first.jsonl", SOURCES)
    second = write_jsonl(tmp_path / "second.jsonl", MORE)
    env = {**os.environ, "FACTCHECK_CHROMA_URL": server.url, "FACTCHECK_COLLECTION": "concurrent"}
    processes = [
        subprocess.Popen(
            [*_INGEST, str(path), "--store", str(tmp_path / name)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path, name in ((first, "p1"), (second, "p2"))
    ]
    for process in processes:
        _, err = process.communicate(timeout=180)
        assert process.returncode == 0, err

    local = open_store(Settings(store=tmp_path / "clean"), embedder)
    local.add_documents([d for _, docs in load_paths([first, second]) for d in docs])

    # The writers and a brand-new client all agree with a clean local ingest.
    for directory in ("p1", "p2", "fresh"):
        settings = Settings(
            store=tmp_path / directory, chroma_url=server.url, catalog_url=shared, collection="concurrent"
        )
        reader = open_store(settings, embedder)
        assert reader.count_documents() == local.count_documents() == 4
        assert reader.count_passages() == local.count_passages()
        assert {d.id for d in reader.list_documents(0, 10)} == {d.id for d in local.list_documents(0, 10)}
        hits = reader.lexical_search("living rooms of our neighborhoods", 1)
        assert hits and hits[0].phrase and hits[0].passage.document.id == "library-vote"
        hits = reader.lexical_search("rebuild the seawall before the next storm season", 1)
        assert hits and hits[0].phrase and hits[0].passage.document.id == "harbor-speech"
        registry = {s.key: s.passages for s in reader.speakers()}
        assert registry == {s.key: s.passages for s in local.speakers()}
        reader.close()


def _stable(checked: dict[str, Any]) -> list[tuple[Any, ...]]:
    quotes = checked["quotes"]
    return [(*v, round(q["verdict"]["confidence"], 3)) for v, q in zip(_verdicts(quotes), quotes, strict=True)]


def _failures(futures: list[Future[httpx.Response]]) -> list[str]:
    return [f.result().text for f in futures if f.result().status_code >= 300]


@pytest.mark.slow
def test_four_workers_over_one_server_answer_like_one_worker(
    server: ChromaServer, shared: str, tmp_path: Path, embedder: Any, nlp: Any
) -> None:
    batches = [SOURCES, MORE[:1], MORE[1:]]
    components = Components(Settings(store=tmp_path / "single", llm_model=None), embedder=embedder, nlp=nlp)
    with running_client(components) as (client, _):
        for batch in batches:
            assert client.post("/v1/sources", json={"documents": batch}).status_code == 201
        reference = client.post("/v1/check", json={"text": ARTICLE}).json()
        reference_sources = client.get("/v1/sources").json()
        reference_speakers = client.get("/v1/speakers").json()

    env = {"FACTCHECK_COLLECTION": "workers", "FACTCHECK_LLM_MODEL": ""}
    flags = ("--workers", "4", "--chroma-url", server.url, "--log-level", "warning")
    with serve(tmp_path / "cache", *flags, env=env, log=tmp_path / "serve.log") as base:

        def post(path: str, body: dict[str, Any]) -> httpx.Response:
            # A new connection per request, so the requests spread over the worker processes.
            return httpx.post(f"{base}{path}", json=body, timeout=300)

        with ThreadPoolExecutor(max_workers=12) as pool:
            # Every batch twice at once: concurrent ingests of the same documents must store them once.
            ingests = [pool.submit(post, "/v1/sources", {"documents": b}) for b in batches * 2]
            during = [pool.submit(post, "/v1/check", {"text": ARTICLE}) for _ in range(6)]
            assert [f.result().status_code for f in ingests] == [201] * len(ingests), _failures(ingests)
            # A check that comes before the first commit finds no sources yet: 409, never an error or a guess.
            assert {f.result().status_code for f in during} <= {200, 409}, _failures(during)
            refused = [f.result().json()["error"]["code"] for f in during if f.result().status_code == 409]
            assert set(refused) <= {"store_empty"}
            after = [pool.submit(post, "/v1/check", {"text": ARTICLE}) for _ in range(12)]
            results = [f.result() for f in after]
        assert {r.status_code for r in results} == {200}
        for result in results:
            assert _stable(result.json()) == _stable(reference)
        listed = httpx.get(f"{base}/v1/sources", timeout=60).json()
        assert listed["total"] == reference_sources["total"] == 4
        assert sorted(listed["documents"], key=lambda d: d["id"]) == sorted(
            reference_sources["documents"], key=lambda d: d["id"]
        )
        assert httpx.get(f"{base}/v1/speakers", timeout=60).json() == reference_speakers


@pytest.mark.slow
def test_mixed_load_on_two_workers_over_a_server_has_no_errors(
    server: ChromaServer, shared: str, tmp_path: Path
) -> None:
    env = {"FACTCHECK_COLLECTION": "load", "FACTCHECK_LLM_MODEL": ""}
    flags = ("--workers", "2", "--chroma-url", server.url, "--log-level", "warning")
    with serve(tmp_path / "cache", *flags, env=env, log=tmp_path / "serve.log") as base:
        assert httpx.post(f"{base}/v1/sources", json={"documents": SOURCES}, timeout=120).status_code == 201
        quotes = [("We will rebuild the seawall before the next storm season", "Maria Delgado")]
        figures = run_load(base, requests_for(ARTICLE, quotes, [s["id"] for s in SOURCES]), clients=16, seconds=15)
    # A failure names the backend call that failed, from the server's own warning lines.
    failed = [line for line in (tmp_path / "serve.log").read_text(errors="replace").splitlines() if "failed" in line]
    assert figures["errors"] == 0, (figures["error_kinds"], failed[:5])
    assert figures["server_errors"] == 0, (figures["statuses"], failed[:5])
    assert figures["requests"] >= 16 and set(figures["statuses"]) == {"200"}
    assert {"check", "sources", "speakers"} <= set(figures["by_kind"])


def test_ingest_with_several_jobs_stores_every_document_once(
    server: ChromaServer, shared: str, tmp_path: Path, embedder: Any
) -> None:
    documents = build_corpus(300, real=False, seed=5)
    source = write_jsonl(
        tmp_path / "archive.jsonl",
        ({"id": d.id, "text": d.text, "speaker": d.speaker, "title": d.title} for d in documents),
    )
    env = {**os.environ, "FACTCHECK_CHROMA_URL": server.url, "FACTCHECK_COLLECTION": "jobs"}
    command = [*_INGEST, str(source), "--store", str(tmp_path / "a"), "--jobs", "2"]
    # The same archive by two ingest commands of two processes each, at once.
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]  # fmt: skip
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
        assert "store now holds" in out
    expected = {d.id: len(split_passages(d)) for d in documents}
    store = open_store(Settings(store=tmp_path / "b", chroma_url=server.url, catalog_url=shared, collection="jobs"),
                       embedder)  # fmt: skip
    listed = store.list_documents(0, len(documents) + 10)
    assert {d.id: d.passages for d in listed} == expected
    assert store.count_passages() == sum(expected.values())
    assert store._vectors.passages.count() == sum(expected.values())
    assert store._vectors.pending_documents() == {}
    store.close()

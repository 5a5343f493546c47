"""The OpenAI-compatible embeddings backend, over real HTTP to a local endpoint serving the real built-in model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from api_support import ARTICLE, SOURCES
from store_checks import write_jsonl

from benchmarks.embeddings_server import EmbeddingsEndpoint, serve_embeddings
from factcheck.cli import main
from factcheck.config import Settings
from factcheck.errors import ModelError, StoreError
from factcheck.pipeline import Components
from factcheck.remote_embed import EndpointEmbedder, endpoint_embedder
from factcheck.sources import load_paths
from factcheck.store import open_store
from factcheck.types import Document

MODEL = "minilm-over-http"


@pytest.fixture
def endpoint(embedder: Any) -> Iterator[EmbeddingsEndpoint]:
    with serve_embeddings(embedder) as running:
        yield running


def _settings(tmp_path: Path, endpoint: EmbeddingsEndpoint, name: str = "store") -> Settings:
    return Settings(store=tmp_path / name, embeddings_url=endpoint.url, embeddings_model=MODEL, llm_model=None)


def test_endpoint_vectors_equal_the_built_in_models(endpoint: EmbeddingsEndpoint, embedder: Any) -> None:
    remote = endpoint_embedder(Settings(embeddings_url=endpoint.url, embeddings_model=MODEL))
    texts = ["We will rebuild the seawall.", "Taxes", "x " * 400, ""] + [f"sentence {i}" for i in range(300)]
    got = remote.embed(texts)
    assert remote.name == MODEL and remote.dimension == embedder.dimension == got.shape[1]
    assert np.allclose(got, embedder.embed(texts), atol=1e-6)
    assert endpoint.requests == 3  # the dimension probe, then 304 texts in requests of at most 256
    assert remote.embed([]).shape == (0, embedder.dimension)


def test_an_article_checks_the_same_through_the_endpoint(
    tmp_path: Path, endpoint: EmbeddingsEndpoint, embedder: Any, nlp: Any
) -> None:
    local = Components(Settings(store=tmp_path / "local", llm_model=None), embedder=embedder, nlp=nlp)
    remote = Components(_settings(tmp_path, endpoint), nlp=nlp)
    results = []
    for components in (local, remote):
        documents = [d for _, docs in load_paths([write_jsonl(tmp_path / "sources.jsonl", SOURCES)]) for d in docs]
        components.get_store().add_documents(documents)
        checked = components.pipeline().check_text(ARTICLE)
        results.append([(q.text, q.verdict.label, round(q.verdict.confidence, 6)) for q in checked.quotes])
    assert results[0] == results[1] and results[0]
    assert endpoint.texts > 0


def test_a_store_refuses_vectors_of_another_model(tmp_path: Path, endpoint: EmbeddingsEndpoint, embedder: Any) -> None:
    built_in = open_store(Settings(store=tmp_path / "store"), embedder)
    built_in.add_documents([Document(id="d", text="We will rebuild the seawall.", speaker="Maria Delgado")])
    built_in.close()
    other = EndpointEmbedder(endpoint.url, MODEL)
    with pytest.raises(StoreError, match=r"all-MiniLM-L6-v2-int8.*384 dimensions.*minilm-over-http.*384"):
        open_store(Settings(store=tmp_path / "store"), other)
    # A store made through the endpoint records its model, and refuses the built-in one in turn.
    made = open_store(_settings(tmp_path, endpoint, "remote"), other)
    made.close()
    with pytest.raises(StoreError, match=r"'minilm-over-http' \(384 dimensions\).*all-MiniLM-L6-v2-int8"):
        open_store(Settings(store=tmp_path / "remote"), embedder)


def test_endpoint_failures_are_model_errors_and_the_cli_says_so(
    tmp_path: Path, endpoint: EmbeddingsEndpoint, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ModelError, match="FACTCHECK_EMBEDDINGS_MODEL"):
        endpoint_embedder(Settings(embeddings_url=endpoint.url))
    remote = EndpointEmbedder(endpoint.url, MODEL, retries=0)
    endpoint.failures = 1
    with pytest.raises(ModelError, match=r"embeddings service at .* failed"):
        remote.embed(["a text"])
    assert remote.embed(["a text"]).shape == (1, remote.dimension)
    sources = write_jsonl(tmp_path / "sources.jsonl", SOURCES)
    monkeypatch.setenv("FACTCHECK_EMBEDDINGS_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("FACTCHECK_EMBEDDINGS_MODEL", MODEL)
    monkeypatch.setenv("FACTCHECK_LLM_RETRIES", "0")
    capsys.readouterr()
    assert main(["ingest", str(sources), "--store", str(tmp_path / "s")]) != 0
    err = capsys.readouterr().err
    assert "embeddings service at http://127.0.0.1:9/v1 failed" in err and "Traceback" not in err

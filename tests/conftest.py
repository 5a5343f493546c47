"""Shared fixtures: real models loaded once per session, a temp store per test, no outside network."""

from __future__ import annotations

import ipaddress
import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openai_server import ScriptedOpenAI, serve

from factcheck.config import Settings
from factcheck.extract import RuleExtractor
from factcheck.pipeline import Components

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = host == "localhost"
        if not loopback:
            raise ConnectionRefusedError(f"tests may not reach the network ({host})")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


@pytest.fixture(scope="session")
def embedder() -> Any:
    """The real embedding model, loaded once."""
    from factcheck.embed import load_embedder

    return load_embedder()


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The real spaCy pipeline, loaded once."""
    from factcheck.nlp import load_spacy

    return load_spacy(Settings().spacy_model)


@pytest.fixture(scope="session")
def rule_extractor(nlp: Any) -> RuleExtractor:
    """The rule extractor over the session's spaCy pipeline, built once."""
    return RuleExtractor(nlp)


@pytest.fixture
def llm_server() -> Iterator[ScriptedOpenAI]:
    """A scripted OpenAI-compatible server on a loopback port, for the LLM tests."""
    with serve() as scripted:
        yield scripted


@pytest.fixture(scope="session")
def catalog_url() -> Iterator[str]:
    """A real PostgreSQL server for the session's shared catalogs (each collection gets its own schema)."""
    from postgres_server import temporary_postgres

    with temporary_postgres() as url:
        yield url


@pytest.fixture(scope="session")
def test_chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str | None]:
    """With FACTCHECK_TEST_CHROMA=1, one real `chroma run` server for the session; else None (local stores)."""
    if os.environ.get("FACTCHECK_TEST_CHROMA") != "1":
        yield None
        return
    from chroma_server import ChromaServer

    with ChromaServer(tmp_path_factory.mktemp("chroma") / "data") as server:
        yield server.url


@pytest.fixture
def settings(tmp_path: Path, test_chroma_url: str | None, request: pytest.FixtureRequest) -> Settings:
    """Settings pointing at a fresh store directory (or a fresh collection on the test Chroma server, indexed in
    the test PostgreSQL catalog)."""
    if test_chroma_url:
        collection = f"t{uuid.uuid4().hex}"
        catalog = request.getfixturevalue("catalog_url")
        return Settings(
            store=tmp_path / "store", chroma_url=test_chroma_url, catalog_url=catalog, collection=collection,
            llm_model=None,
        )  # fmt: skip
    return Settings(store=tmp_path / "store", llm_model=None)


@pytest.fixture
def components(settings: Settings, embedder: Any, nlp: Any) -> Iterator[Components]:
    """Components over a temp store that reuse the session's loaded models."""
    yield Components(settings, embedder=embedder, nlp=nlp)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a downloaded browser), one per test module."""
    from api_support import BROWSER_ARGS, CHROMIUM

    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM} (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A wide page whose dialogs are recorded and dismissed: a page that works opens none of its own."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


@pytest.fixture
def shared_data() -> Path:
    """`../shared/data`, or a skip when the checkout has no shared data beside it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA

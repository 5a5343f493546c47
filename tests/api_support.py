"""Shared pieces of the API, web and browser tests: sample sources and article, app and server start-up."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from factcheck.config import Settings
from factcheck.pipeline import Components
from factcheck.processes import free_port

SOURCES: list[dict[str, Any]] = [
    {
        "id": "harbor-speech",
        "text": (
            "Thank you all for coming to the harbor today. Our city was built by people who worked on these "
            "docks. We will rebuild the seawall before the next storm season, and we will do it without "
            "raising property taxes. Every family deserves a home that stays dry."
        ),
        "speaker": "Maria Delgado",
        "title": "Remarks at the harbor",
        "date": "2024-03-14",
        "url": "https://example.org/harbor",
    },
    {
        "id": "budget-hearing",
        "text": (
            "The budget before you is balanced for the first time in a decade. Public transit ridership has "
            "doubled since the new lines opened. I will not sign any bill that cuts funding for libraries."
        ),
        "speaker": "Thomas Whitfield",
        "title": "Budget hearing testimony",
        "date": "2024-05-02",
    },
]

ARTICLE = (
    'Mayor Maria Delgado spoke at the docks on Thursday. "We will rebuild the seawall before the next storm '
    'season," Delgado said, to applause.\n\n'
    'Council member Thomas Whitfield told reporters: "Public transit ridership has tripled since the new '
    'lines opened."\n\n'
    'Delgado also said "I will not sign any bill that cuts funding for libraries."\n\n'
    'Whitfield added, "Our rivals have no plan for the ferry terminal and never did."'
)
# Words of the first source, quoted by no one the article names and by a speaker it is unsure of.
SEAWALL = "We will rebuild the seawall before the next storm season, and we will do it without raising property taxes"
UNNAMED_ARTICLE = f'Officials were upbeat on Thursday. "{SEAWALL}," an official said.'

BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
CHROMIUM = Path("/usr/bin/chromium")


@contextmanager
def running_client(components: Components, **overrides: Any) -> Iterator[tuple[TestClient, FastAPI]]:
    """A TestClient over an app whose models are warm, with settings overridden as given."""
    settings = Settings(**(components.settings.model_dump() | overrides))
    shared = Components(settings, embedder=components.embedder, nlp=components.nlp, store=components.store)
    app = create_app(settings, shared)
    with TestClient(app, raise_server_exceptions=False) as client:
        app.state.runtime.wait(120)
        yield client, app


@contextmanager
def live_server(app: FastAPI) -> Iterator[str]:
    """Serve `app` with uvicorn on a free loopback port in a thread; yields the base URL."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        app.state.runtime.wait(120)
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)




def stored(raw: list[dict[str, Any]]) -> list[Any]:
    """Documents as the JSON API reads them, for loading a test store directly."""
    from api.schemas import DocumentIn
    from api.uploads import parse_documents

    return parse_documents([DocumentIn.model_validate(d) for d in raw])

"""Every status an operation documents is one it gives, and every status it gives is documented.

Each operation is sent the same probes (good and wrong keys, broken JSON, bodies over the limits, wrong
media types, bad fields, unknown ids, a link this server may not fetch) on servers over a loaded store, an
empty store, an unreachable store and a missing language model; what comes back is compared with
`/openapi.json`, per operation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from api_support import ARTICLE, SOURCES, live_server

from api.app import BODY_SLACK, TEXT_BODY_FACTOR, create_app
from factcheck.config import Settings
from factcheck.pipeline import Components
from factcheck.processes import free_port

KEY = "st4tus-key"
GOOD = {"Authorization": f"Bearer {KEY}"}
MAX_TEXT = 1000
MAX_UPLOAD = 20_000
DOOMED = {"id": "to-delete", "text": "This statement is here to be deleted.", "speaker": "Ana Ruiz"}
Operation = tuple[str, str]
Probe = Callable[[httpx.Client, str, str], httpx.Response]

# A request each operation accepts, and one whose fields it refuses (None: it has no field that can be wrong).
VALID: dict[Operation, dict[str, Any]] = {
    ("POST", "/v1/check"): {"json": {"text": ARTICLE}},
    ("POST", "/v1/extract"): {"json": {"text": ARTICLE}},
    ("POST", "/v1/check/quote"): {"json": {"quote": "We will rebuild the seawall", "speaker": "Maria Delgado"}},
    ("POST", "/v1/check/claimreview"): {"json": {"text": ARTICLE, "publisher": "Harbor Gazette"}},
    ("GET", "/v1/check/claimreview"): {"params": {"text": ARTICLE, "publisher": "Harbor Gazette"}},
    ("POST", "/v1/eval"): {
        "json": {"records": [{"id": "q", "quote": "We will rebuild the seawall", "speaker": None, "label": "verified"}]}
    },
    ("POST", "/v1/sources"): {"json": {"documents": SOURCES}},
    ("GET", "/v1/sources"): {"params": {"limit": 10}},
    ("GET", "/v1/sources/{document_id}"): {},
    ("PATCH", "/v1/sources/{document_id}"): {"json": {"title": "Renamed"}},
    ("DELETE", "/v1/sources/{document_id}"): {},
    ("GET", "/v1/speakers"): {},
    ("GET", "/healthz"): {},
    ("GET", "/readyz"): {},
}
INVALID: dict[Operation, dict[str, Any]] = {
    ("POST", "/v1/check"): {"json": {"text": 5}},
    ("POST", "/v1/extract"): {"json": {"text": "   "}},
    ("POST", "/v1/check/quote"): {"json": {"speaker": "Maria Delgado"}},
    ("POST", "/v1/check/claimreview"): {"json": {"text": ARTICLE, "url": "https://example.org/a"}},
    ("GET", "/v1/check/claimreview"): {"params": {"top_k": 0}},
    ("POST", "/v1/eval"): {"json": {"records": [{"id": "q", "quote": "x", "label": "a lie"}]}},
    ("POST", "/v1/sources"): {"json": {"documents": [{"text": "Fine words.", "date": "yesterday"}]}},
    ("GET", "/v1/sources"): {"params": {"offset": -1}},
    ("PATCH", "/v1/sources/{document_id}"): {"json": {"date": "yesterday"}},
}
# The document each path with an id is called with: one that exists, except for the delete that removes it.
DOCUMENT = {"GET": SOURCES[0]["id"], "PATCH": SOURCES[0]["id"], "DELETE": DOOMED["id"]}


def _path(operation: Operation, document_id: str | None = None) -> str:
    method, template = operation
    return template.replace("{document_id}", document_id or DOCUMENT.get(method, "x"))


def _send(client: httpx.Client, operation: Operation, headers: dict[str, str] | None = None, **kwargs: Any) -> int:
    method, _ = operation
    path = kwargs.pop("path", None) or _path(operation)
    return client.request(method, path, headers={**GOOD, **(headers or {})}, **kwargs).status_code


def _probes(operation: Operation) -> list[dict[str, Any]]:
    """Every request sent to an operation on the loaded server, whatever it is meant to do with it."""
    long_text = {"text": "word " * MAX_TEXT, "quote": "word " * MAX_TEXT}
    over_any_limit = b"x" * (MAX_TEXT * TEXT_BODY_FACTOR + BODY_SLACK + 1)
    probes: list[dict[str, Any]] = [
        VALID[operation],
        {**VALID[operation], "headers": {"Authorization": "Bearer wrong"}},
        {**VALID[operation], "headers": {"Authorization": ""}},
        {"content": b"{oops", "headers": {"content-type": "application/json"}},
        {"content": over_any_limit, "headers": {"content-type": "application/json"}},
        {"content": b"plain words", "headers": {"content-type": "text/plain"}},
        {"json": long_text},
        {"json": {"url": f"http://127.0.0.1:{free_port()}/article"}},
        {"params": {"url": f"http://127.0.0.1:{free_port()}/article"}},
        {"params": {"text": long_text["text"]}},
        {"files": {"file": ("notes.txt", b"")}},
        {"content": b"--x\r\nbroken", "headers": {"content-type": "multipart/form-data; boundary=x"}},
        {"path": _path(operation, "no-such-document")},
        {"params": {"offset": "many", "limit": 0}},
    ]
    if operation in INVALID:
        probes.append(INVALID[operation])
    return probes


@contextmanager
def _server(tmp_path: Path, embedder: Any, nlp: Any, **overrides: Any) -> Iterator[httpx.Client]:
    settings = Settings(
        store=tmp_path / "store",
        api_key=KEY,
        protect="all",
        max_text_chars=MAX_TEXT,
        max_upload_bytes=MAX_UPLOAD,
        llm_model=None,
        **overrides,
    )
    app = create_app(settings, Components(settings, embedder=embedder, nlp=nlp))
    with live_server(app) as base, httpx.Client(base_url=base, timeout=120) as client:
        yield client


def _documented(schema: dict[str, Any]) -> dict[Operation, set[int]]:
    return {
        (method.upper(), path): {int(status) for status in operation["responses"]}
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    }


def test_documented_statuses_are_exactly_the_reachable_ones(tmp_path: Path, embedder: Any, nlp: Any) -> None:
    seen: dict[Operation, set[int]] = defaultdict(set)
    with _server(tmp_path / "loaded", embedder, nlp) as client:
        documented = _documented(client.get("/openapi.json").json())
        assert set(documented) == set(VALID), "an operation without probes, or probes for a missing one"
        assert client.post("/v1/sources", json={"documents": [*SOURCES, DOOMED]}, headers=GOOD).status_code == 201
        for operation in VALID:
            for probe in _probes(operation):
                seen[operation].add(_send(client, operation, **probe))
    # Nothing stored: checking is refused, everything else answers as usual (a missing id is a 404).
    with _server(tmp_path / "empty", embedder, nlp) as client:
        for operation in VALID:
            if operation != ("POST", "/v1/sources"):
                seen[operation].add(_send(client, operation, **VALID[operation]))
    # The store cannot be reached: a Chroma server that is not there.
    with _server(tmp_path / "down", embedder, nlp, chroma_url=f"http://127.0.0.1:{free_port()}") as client:
        for operation in VALID:
            seen[operation].add(_send(client, operation, **VALID[operation]))
    # The language model cannot be loaded.
    with _server(tmp_path / "nomodel", embedder, None, spacy_model="no_such_spacy_pipeline") as client:
        for operation in VALID:
            seen[operation].add(_send(client, operation, **VALID[operation]))
    for operation, statuses in documented.items():
        assert seen[operation] == statuses, (
            f"{operation}: documented but never answered {sorted(statuses - seen[operation])}, "
            f"answered but not documented {sorted(seen[operation] - statuses)}"
        )

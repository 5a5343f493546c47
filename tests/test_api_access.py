"""API keys as API users expect: three protection levels, a bearer scheme in OpenAPI, a wrong key refused anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from api_support import ARTICLE, SOURCES, live_server

from api.app import create_app
from factcheck.config import Settings
from factcheck.pipeline import Components

KEY = "n3wsr00m-key"
GOOD = {"Authorization": f"Bearer {KEY}"}
WRONG = {"Authorization": "Bearer not-the-key"}
CLAIM = {"quote": "We will rebuild the seawall", "speaker": "Maria Delgado"}
SUITE = {"records": [{**CLAIM, "id": "q", "label": "verified"}]}
# (method, path, JSON body) of every operation, by what it does.
WRITES = [
    ("POST", "/v1/sources", {"documents": SOURCES[:1]}),
    ("PATCH", "/v1/sources/nothing-here", {"title": "x"}),
    ("DELETE", "/v1/sources/nothing-here", None),
]
COMPUTE = [
    ("POST", "/v1/check", {"text": ARTICLE}),
    ("POST", "/v1/extract", {"text": ARTICLE}),
    ("POST", "/v1/check/quote", CLAIM),
    ("POST", "/v1/check/claimreview", {"text": ARTICLE}),
    ("GET", "/v1/check/claimreview?text=Words.", None),
    ("POST", "/v1/eval", SUITE),
]
READS = [("GET", "/v1/sources", None), ("GET", f"/v1/sources/{SOURCES[0]['id']}", None), ("GET", "/v1/speakers", None)]
PROBES = [("GET", "/healthz", None), ("GET", "/readyz", None)]
LEVELS = {"writes": WRITES, "compute": WRITES + COMPUTE, "all": WRITES + COMPUTE + READS}


@pytest.fixture(scope="module")
def warm(embedder: Any, nlp: Any) -> tuple[Any, Any]:
    return embedder, nlp


@contextmanager
def _serve(tmp_path: Any, warm: tuple[Any, Any], **overrides: Any) -> Iterator[httpx.Client]:
    settings = Settings(store=tmp_path / "store", llm_model=None, **overrides)
    components = Components(settings, embedder=warm[0], nlp=warm[1])
    components.get_store().add_documents(_documents())
    with live_server(create_app(settings, components)) as base, httpx.Client(base_url=base, timeout=120) as client:
        yield client


def _documents() -> list[Any]:
    from api.schemas import DocumentIn
    from api.uploads import parse_documents

    return parse_documents([DocumentIn.model_validate(d) for d in SOURCES])


def _call(client: httpx.Client, operation: tuple[str, str, Any], headers: dict[str, str] | None = None) -> int:
    method, path, body = operation
    return client.request(method, path, json=body, headers=headers or {}).status_code


@pytest.fixture(params=["writes", "compute", "all"])
def level(request: pytest.FixtureRequest) -> str:
    value: str = request.param
    return value


@pytest.mark.parametrize(
    ("setting", "level"),
    [({"protect": "writes"}, "writes"), ({"protect": "compute"}, "compute"), ({"protect": "all"}, "all"),
     ({}, "writes"), ({"protect_reads": True}, "all")],
)  # fmt: skip
def test_each_level_protects_its_operations_and_no_others(
    tmp_path: Any, warm: tuple[Any, Any], setting: dict[str, Any], level: str
) -> None:
    with _serve(tmp_path, warm, api_key=KEY, **setting) as client:
        protected = LEVELS[level]
        for operation in WRITES + COMPUTE + READS + PROBES:
            without = _call(client, operation)
            if operation in protected:
                assert without == 401, operation
                assert _call(client, operation, GOOD) != 401, operation
            else:
                assert without != 401, operation
            # A wrong key is refused wherever it is sent, even where no key is needed.
            assert _call(client, operation, WRONG) == 401, operation


def test_without_a_key_nothing_is_protected_and_any_key_is_ignored(tmp_path: Any, warm: tuple[Any, Any]) -> None:
    with _serve(tmp_path, warm) as client:
        for operation in COMPUTE + READS + PROBES:
            assert _call(client, operation, WRONG) != 401, operation
        schema = client.get("/openapi.json").json()
        assert "securitySchemes" not in schema.get("components", {})
        for methods in schema["paths"].values():
            for operation in methods.values():
                assert "security" not in operation and "401" not in operation["responses"]


def test_openapi_has_a_bearer_scheme_on_exactly_the_protected_operations(
    tmp_path: Any, warm: tuple[Any, Any], level: str
) -> None:
    with _serve(tmp_path, warm, api_key=KEY, protect=level) as client:
        schema = client.get("/openapi.json").json()
        schemes = schema["components"]["securitySchemes"]
        [(name, scheme)] = schemes.items()
        assert scheme == {"type": "http", "scheme": "bearer"}
        protected = {(m, _template(p)) for m, p, _ in LEVELS[level]}
        for path, methods in schema["paths"].items():
            for method, operation in methods.items():
                if (method.upper(), path) in protected:
                    assert operation.get("security") == [{name: []}], (method, path)
                else:
                    assert "security" not in operation, (method, path)
                # A wrong key is a 401 anywhere, so every operation documents it.
                assert "401" in operation["responses"], (method, path)


def test_get_operations_document_no_body_errors(tmp_path: Any, warm: tuple[Any, Any]) -> None:
    with _serve(tmp_path, warm, api_key=KEY, max_text_chars=1000) as client:
        schema = client.get("/openapi.json").json()
        for path, methods in schema["paths"].items():
            for method in ("get", "delete"):
                if method in methods:
                    operation = methods[method]
                    documented = set(operation["responses"])
                    # 413 only where the query itself carries a text with a length limit (or a link to one).
                    query = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
                    body_errors = {"400", "415"} | ({"413"} if not query & {"text", "url"} else set())
                    assert not documented & body_errors, (method, path, documented)
        # And indeed a GET with a body over every limit is not refused for its size.
        response = client.request("GET", "/v1/speakers", content=b"x" * 200_000)
        assert response.status_code == 200
        headers = {"Authorization": f"Bearer {KEY}"}
        response = client.request("GET", "/v1/check/claimreview?text=Words.", content=b"x" * 200_000, headers=headers)
        assert response.status_code not in (400, 413, 415), response.text


def test_serve_refuses_a_protection_level_without_a_key(tmp_path: Any) -> None:
    env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_API_KEY"} | {"FACTCHECK_PROTECT": "all"}
    command = [sys.executable, "-m", "factcheck.cli", "serve", "--store", str(tmp_path / "store"), "--port", "0"]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("serve started without the key its protection level needs")
    assert done.returncode == 2
    assert "FACTCHECK_API_KEY" in done.stderr and "FACTCHECK_PROTECT" in done.stderr


def _template(path: str) -> str:
    path = path.split("?")[0]
    return "/v1/sources/{document_id}" if path.startswith("/v1/sources/") else path

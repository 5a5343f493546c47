"""`factcheck serve` as a real uvicorn process on 127.0.0.1, over real HTTP."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from api_support import ARTICLE, SOURCES

from benchmarks.serving import serve


def labels(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [q["verdict"]["label"] for q in response.json()["quotes"]]


def test_serve_answers_over_http(tmp_path: Path) -> None:
    with (
        serve(tmp_path / "store", env={"FACTCHECK_MAX_TEXT_CHARS": "20000"}) as base,
        httpx.Client(base_url=base, timeout=60) as http,
    ):
        assert http.get("/healthz").json() == {"status": "ok"}
        assert http.post("/v1/sources", json={"documents": SOURCES}).status_code == 201
        ready = http.get("/readyz").json()
        assert ready["status"] == "ready" and ready["documents"] == 2
        result = labels(http.post("/v1/check", json={"text": ARTICLE}))
        assert result == ["verified", "altered", "misattributed", "not_found"]

        missing = http.get("/v1/sources/nope")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
        bad = http.post("/v1/check", content=b"{", headers={"content-type": "application/json"})
        assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_json"
        too_long = http.post("/v1/check", json={"text": "x" * 20_001})
        assert too_long.status_code == 413 and too_long.json()["error"]["code"] == "too_large"
        huge = http.post("/v1/check", content=b" " * 2_000_000, headers={"content-type": "application/json"})
        assert huge.status_code == 413

        page = http.get("/")
        assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]


@pytest.mark.slow
def test_several_workers_share_one_store_directory(tmp_path: Path) -> None:
    store = tmp_path / "store"

    def fresh(base: str) -> httpx.Client:
        # A new connection per request, so requests spread over the worker processes.
        return httpx.Client(base_url=base, timeout=60, headers={"connection": "close"})

    with serve(store, "--workers", "2") as base:
        with fresh(base) as http:
            assert http.post("/v1/sources", json={"documents": SOURCES}).status_code == 201
        for _ in range(6):
            with fresh(base) as http:
                assert http.get("/v1/sources").json()["total"] == 2
                assert labels(http.post("/v1/check", json={"text": ARTICLE}))[:3] == [
                    "verified",
                    "altered",
                    "misattributed",
                ]
        with fresh(base) as http:
            assert http.delete("/v1/sources/budget-hearing").status_code == 204
        for _ in range(6):
            with fresh(base) as http:
                assert http.get("/v1/sources/budget-hearing").status_code == 404
                result = labels(http.post("/v1/check", json={"text": ARTICLE}))
                assert result[0] == "verified" and "misattributed" not in result

    # What the workers wrote is in the directory for the next single-process run.
    with serve(store) as base, fresh(base) as http:
        assert [d["id"] for d in http.get("/v1/sources").json()["documents"]] == ["harbor-speech"]

"""The HTTP API through TestClient with the real models and a temp store: every endpoint and every error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_support import ARTICLE, SOURCES, free_port, running_client
from fastapi import FastAPI
from fastapi.testclient import TestClient

from factcheck.config import Settings
from factcheck.pipeline import Components
from factcheck.types import CheckResult, ExtractResult

KEY = "s3cret-key"


@pytest.fixture
def client(components: Components) -> Iterator[TestClient]:
    with running_client(components) as (client, _):
        yield client


@pytest.fixture
def loaded(client: TestClient) -> TestClient:
    """A client whose store holds the sample sources."""
    response = client.post("/v1/sources", json={"documents": SOURCES})
    assert response.status_code == 201, response.text
    return client


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]
    assert "Traceback" not in response.text
    if code is not None:
        assert body["error"]["code"] == code
    error: dict[str, Any] = body["error"]
    return error


def quote_with(result: dict[str, Any], words: str) -> dict[str, Any]:
    matches = [q for q in result["quotes"] if words in q["text"]]
    assert len(matches) == 1, [q["text"] for q in result["quotes"]]
    return matches[0]


# --- probes -------------------------------------------------------------------------------------------


def test_healthz_and_readyz_report_store_size(loaded: TestClient) -> None:
    assert loaded.get("/healthz").json() == {"status": "ok"}
    ready = loaded.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"
    assert ready.json()["documents"] == len(SOURCES)
    assert ready.json()["passages"] >= len(SOURCES)


def test_readyz_is_503_with_reason_when_the_store_is_unreachable(settings: Settings, embedder: Any, nlp: Any) -> None:
    # Nothing listens on a fresh free port, so the Chroma server is unreachable.
    broken = Settings(**(settings.model_dump() | {"chroma_url": f"http://127.0.0.1:{free_port()}"}))
    with running_client(Components(broken, embedder=embedder, nlp=nlp)) as (client, _):
        assert client.get("/healthz").status_code == 200
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["status"] == "not_ready"
        assert ready.json()["error"]["code"] == "not_ready"
        assert ready.json()["reason"]
        # A backend failure is an error, never a verdict.
        assert_error(client.post("/v1/check", json={"text": ARTICLE}), 503, "store_unavailable")
        assert_error(client.get("/v1/sources"), 503, "store_unavailable")
        # Extraction needs no store.
        assert client.post("/v1/extract", json={"text": ARTICLE}).status_code == 200


def test_model_failure_is_503_not_a_verdict(settings: Settings, embedder: Any) -> None:
    broken = Settings(**(settings.model_dump() | {"spacy_model": "no_such_spacy_pipeline"}))
    with running_client(Components(broken, embedder=embedder)) as (client, _):
        assert client.get("/readyz").status_code == 503
        assert_error(client.post("/v1/extract", json={"text": ARTICLE}), 503, "model_unavailable")
        assert_error(client.post("/v1/check", json={"text": ARTICLE}), 503, "model_unavailable")


# --- checking -----------------------------------------------------------------------------------------


def test_check_returns_the_cli_contract(loaded: TestClient) -> None:
    response = loaded.post("/v1/check", json={"text": ARTICLE})
    assert response.status_code == 200, response.text
    body = response.json()
    # Exactly the model_dump of CheckResult, as `factcheck check` prints it.
    assert body == CheckResult.model_validate(body).model_dump(mode="json")
    assert len(body["quotes"]) == 4
    for quote in body["quotes"]:
        assert ARTICLE[quote["start"] : quote["end"]].strip('"“” ,.') in ARTICLE
        assert 0.0 <= quote["verdict"]["confidence"] <= 1.0

    verbatim = quote_with(body, "rebuild the seawall")
    assert verbatim["speaker"]["name"] == "Maria Delgado"
    assert verbatim["verdict"]["label"] == "verified"
    assert verbatim["evidence"][0]["document"]["id"] == "harbor-speech"
    assert verbatim["evidence"][0]["document"]["url"] == "https://example.org/harbor"

    changed = quote_with(body, "tripled")
    assert changed["verdict"]["label"] == "altered"
    ops = {op["op"] for op in changed["evidence"][0]["diff"]}
    assert ops & {"replace", "insert", "delete"}

    wrong_speaker = quote_with(body, "libraries")
    assert wrong_speaker["verdict"]["label"] == "misattributed"
    assert wrong_speaker["actual_speaker"] == "Thomas Whitfield"

    invented = quote_with(body, "ferry terminal")
    assert invented["verdict"]["label"] == "not_found"


def test_check_answers_exactly_what_the_cli_prints(loaded: TestClient, settings: Settings, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    command = [sys.executable, "-m", "factcheck.cli", "check", str(article), "--store", str(settings.store)]
    env = dict(os.environ)
    if settings.chroma_url:
        # The same server and collection the app was given, so both read one store.
        command += ["--chroma-url", settings.chroma_url]
        env["FACTCHECK_COLLECTION"] = settings.collection
        if settings.catalog_url:
            command += ["--catalog-url", settings.catalog_url.get_secret_value()]
    printed = subprocess.run(command, capture_output=True, text=True, check=True, timeout=300, env=env).stdout
    assert loaded.post("/v1/check", json={"text": ARTICLE}).json() == json.loads(printed)


def test_check_with_top_k_limits_evidence(loaded: TestClient) -> None:
    body = loaded.post("/v1/check", json={"text": ARTICLE, "top_k": 1}).json()
    # Retrieval keeps k passages of the claimed speaker plus up to k from anyone else.
    assert body["quotes"] and all(len(q["evidence"]) <= 2 for q in body["quotes"])


def test_extract_returns_quotes_without_verdicts(client: TestClient) -> None:
    response = client.post("/v1/extract", json={"text": ARTICLE})
    assert response.status_code == 200
    body = response.json()
    ExtractResult.model_validate(body)
    assert len(body["quotes"]) == 4
    assert all("verdict" not in q and "evidence" not in q for q in body["quotes"])
    assert {q["speaker"]["name"] for q in body["quotes"]} == {"Maria Delgado", "Thomas Whitfield"}


def test_check_one_quote_with_its_claimed_speaker(loaded: TestClient) -> None:
    right = loaded.post(
        "/v1/check/quote", json={"quote": "Every family deserves a home that stays dry.", "speaker": "Maria Delgado"}
    )
    assert right.status_code == 200, right.text
    assert right.json()["verdict"]["label"] == "verified"
    wrong = loaded.post(
        "/v1/check/quote", json={"quote": "Every family deserves a home that stays dry.", "speaker": "Thomas Whitfield"}
    )
    assert wrong.json()["verdict"]["label"] == "misattributed"
    assert wrong.json()["actual_speaker"] == "Maria Delgado"


# --- request errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/v1/check", "/v1/extract"])
@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({}, 422, "invalid_input"),
        ({"text": ""}, 422, "invalid_input"),
        ({"text": "   \n "}, 422, "invalid_input"),
        ({"text": 42}, 422, "invalid_input"),
        ({"text": ["a"]}, 422, "invalid_input"),
        ({"text": "fine", "unknown": 1}, 422, "invalid_input"),
        ([], 422, "invalid_input"),
        (None, 422, "invalid_input"),
    ],
)
def test_bad_bodies_are_rejected(client: TestClient, path: str, body: Any, status: int, code: str) -> None:
    assert_error(client.post(path, json=body), status, code)


def test_top_k_out_of_range(client: TestClient) -> None:
    error = assert_error(client.post("/v1/check", json={"text": ARTICLE, "top_k": 0}), 422)
    assert "top_k" in error["message"]


@pytest.mark.parametrize("raw", [b"{not json", b'{"text": "unterminated', b"\xff\xfe"])
def test_invalid_json_is_400(client: TestClient, raw: bytes) -> None:
    response = client.post("/v1/check", content=raw, headers={"content-type": "application/json"})
    assert_error(response, 400, "invalid_json")


def test_missing_body_and_wrong_content_type(client: TestClient) -> None:
    assert_error(client.post("/v1/check"), 422)
    assert_error(client.post("/v1/check", content=b"text=hi", headers={"content-type": "text/plain"}), 422)


def test_claim_needs_a_quote(client: TestClient) -> None:
    assert_error(client.post("/v1/check/quote", json={"speaker": "X"}), 422)
    assert_error(client.post("/v1/check/quote", json={"quote": " ", "speaker": "X"}), 422)
    assert_error(client.post("/v1/check/quote", json={"quote": "x", "speaker": 5}), 422)


def test_text_over_the_limit_is_413(components: Components) -> None:
    with running_client(components, max_text_chars=500) as (client, _):
        error = assert_error(client.post("/v1/check", json={"text": "word " * 200}), 413, "too_large")
        assert "500" in error["message"]
        assert_error(client.post("/v1/extract", json={"text": "x" * 501}), 413)
        assert_error(client.post("/v1/check/quote", json={"quote": "x" * 501}), 413)
        assert client.post("/v1/extract", json={"text": '"Fine," she said.'}).status_code == 200


def test_raw_body_over_the_limit_is_413_before_parsing(components: Components) -> None:
    with running_client(components, max_text_chars=100, max_upload_bytes=2000) as (client, _):
        declared = client.post(
            "/v1/check", content=b"{" + b" " * 100_000 + b"}", headers={"content-type": "application/json"}
        )
        assert_error(declared, 413, "too_large")

        def chunks() -> Iterator[bytes]:
            yield b'{"text": "'
            for _ in range(100):
                yield b"x" * 1000
            yield b'"}'

        # Streamed without Content-Length: counted as it arrives.
        streamed = client.post("/v1/check", content=chunks(), headers={"content-type": "application/json"})
        assert_error(streamed, 413, "too_large")
        upload = client.post("/v1/sources", files={"file": ("big.txt", b"word " * 1000, "text/plain")})
        assert_error(upload, 413, "too_large")


def test_unknown_route_and_method(client: TestClient) -> None:
    assert_error(client.get("/v1/nothing-here"), 404, "not_found")
    assert_error(client.get("/v1/check"), 405, "method_not_allowed")


def test_unexpected_errors_are_500_json_without_traceback(client: TestClient) -> None:
    app: FastAPI = client.app  # type: ignore[assignment]

    def explode() -> None:
        raise RuntimeError("internal detail that must not leak")

    app.add_api_route("/v1/explode", explode)
    error = assert_error(client.get("/v1/explode"), 500, "internal_error")
    assert "internal detail" not in error["message"]


# --- sources ------------------------------------------------------------------------------------------


def test_sources_crud(client: TestClient) -> None:
    added = client.post("/v1/sources", json={"documents": SOURCES})
    assert added.status_code == 201
    assert added.json()["ids"] == ["harbor-speech", "budget-hearing"]
    assert added.json()["report"]["documents_added"] == 2
    again = client.post("/v1/sources", json={"documents": SOURCES})
    assert again.json()["report"]["documents_added"] == 0
    assert again.json()["report"]["documents_skipped"] == 2

    listing = client.get("/v1/sources").json()
    assert listing["total"] == 2
    by_id = {d["id"]: d for d in listing["documents"]}
    assert by_id["harbor-speech"]["speaker"] == "Maria Delgado"
    assert by_id["harbor-speech"]["title"] == "Remarks at the harbor"
    assert by_id["harbor-speech"]["date"] == "2024-03-14"
    assert by_id["harbor-speech"]["passages"] >= 1

    page = client.get("/v1/sources", params={"offset": 1, "limit": 1}).json()
    assert page["total"] == 2 and len(page["documents"]) == 1 and page["offset"] == 1
    assert page["documents"][0]["id"] in by_id and page["documents"][0]["id"] != listing["documents"][0]["id"]

    one = client.get("/v1/sources/budget-hearing")
    assert one.status_code == 200 and one.json()["speaker"] == "Thomas Whitfield"

    speakers = client.get("/v1/speakers").json()["speakers"]
    assert {s["name"] for s in speakers} == {"Maria Delgado", "Thomas Whitfield"}

    assert client.delete("/v1/sources/budget-hearing").status_code == 204
    assert_error(client.get("/v1/sources/budget-hearing"), 404, "not_found")
    assert_error(client.delete("/v1/sources/budget-hearing"), 404, "not_found")
    assert client.get("/v1/sources").json()["total"] == 1


def test_reads_answer_while_a_computation_holds_the_worker(components: Components) -> None:
    with running_client(components) as (client, app):
        assert client.post("/v1/sources", json={"documents": SOURCES}).status_code == 201
        runtime = app.state.runtime
        started, release = threading.Event(), threading.Event()

        def long_check() -> None:
            started.set()
            release.wait(10)

        busy = threading.Thread(target=runtime.run, args=(long_check,))
        busy.start()
        try:
            assert started.wait(10)
            # Reads are answered now; before, they queued behind the running check.
            assert client.get("/v1/sources").json()["total"] == len(SOURCES)
            assert client.get(f"/v1/sources/{SOURCES[0]['id']}").status_code == 200
            assert client.get("/v1/speakers").status_code == 200
            assert busy.is_alive()
        finally:
            release.set()
            busy.join(10)


def test_source_ids_with_slashes(client: TestClient) -> None:
    doc = {**SOURCES[0], "id": "speeches/2024/harbor"}
    assert client.post("/v1/sources", json={"documents": [doc]}).status_code == 201
    assert client.get("/v1/sources/speeches/2024/harbor").json()["id"] == "speeches/2024/harbor"
    assert client.delete("/v1/sources/speeches%2F2024%2Fharbor").status_code == 204


def test_paging_parameters_are_validated(client: TestClient) -> None:
    assert_error(client.get("/v1/sources", params={"offset": -1}), 422)
    assert_error(client.get("/v1/sources", params={"offset": 2**63}), 422)
    assert_error(client.get("/v1/sources", params={"limit": 0}), 422)
    assert_error(client.get("/v1/sources", params={"limit": "many"}), 422)


def test_upload_files_in_ingest_formats(client: TestClient, tmp_path: Path) -> None:
    jsonl = "\n".join(json.dumps(d) for d in SOURCES).encode()
    text = b"We will build a library in every neighborhood. Reading is a right."
    response = client.post(
        "/v1/sources",
        files=[("file", ("sources.jsonl", jsonl, "application/json")), ("file", ("talk.txt", text, "text/plain"))],
        data={"speaker": "Ana Ruiz", "title": "Library talk", "date": "2023-09-01"},
    )
    assert response.status_code == 201, response.text
    assert response.json()["report"]["documents_added"] == 3
    talk = [d for d in client.get("/v1/sources").json()["documents"] if d["title"] == "Library talk"]
    assert len(talk) == 1 and talk[0]["speaker"] == "Ana Ruiz" and talk[0]["date"] == "2023-09-01"


def test_upload_a_shared_transcript(client: TestClient, shared_data: Path) -> None:
    path = sorted((shared_data / "transcripts" / "clef2020_task5").glob("*.tsv"))[0]
    response = client.post("/v1/sources", files={"file": (path.name, path.read_bytes(), "text/tab-separated-values")})
    assert response.status_code == 201, response.text
    assert response.json()["report"]["passages_added"] > 10
    assert len(client.get("/v1/speakers").json()["speakers"]) >= 2


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"json": {"documents": []}}, 422),
        ({"json": {"documents": [{"id": "x"}]}}, 422),
        ({"json": {"documents": [{"text": "hi", "date": "yesterday"}]}}, 422),
        ({"json": {"docs": SOURCES}}, 422),
        ({"content": b"{oops", "headers": {"content-type": "application/json"}}, 400),
        ({"content": b"plain", "headers": {"content-type": "text/plain"}}, 415),
        ({"files": {"file": ("bad.jsonl", b'{"text": "ok"}\n{broken\n', "application/json")}}, 422),
        ({"files": {"file": ("empty.txt", b"", "text/plain")}}, 422),
        ({"files": {"file": ("image.png", b"\x89PNG\r\n", "image/png")}}, 422),
        ({"data": {"speaker": "nobody"}, "files": {}}, 400),
    ],
)
def test_bad_uploads_are_rejected_and_nothing_is_written(
    client: TestClient, kwargs: dict[str, Any], status: int
) -> None:
    if kwargs.get("files") == {}:
        response = client.post(
            "/v1/sources", data=kwargs["data"], headers={"content-type": "multipart/form-data; boundary=x"}
        )
    else:
        response = client.post("/v1/sources", **kwargs)
    assert_error(response, status)
    assert client.get("/v1/sources").json()["total"] == 0


def test_malformed_jsonl_upload_names_the_line(client: TestClient) -> None:
    data = b'{"text": "first line is fine"}\n{"text": 3}\n'
    error = assert_error(client.post("/v1/sources", files={"file": ("bad.jsonl", data, "application/json")}), 422)
    assert "bad.jsonl" in error["message"] and "2" in error["message"]


def test_json_document_errors_name_the_document_and_field(client: TestClient) -> None:
    documents = [SOURCES[0], {"text": "Fine words.", "date": "yesterday"}]
    error = assert_error(client.post("/v1/sources", json={"documents": documents}), 422)
    assert error["message"].startswith("documents[1].date:") and "yesterday" in error["message"]
    assert "documents.jsonl" not in error["message"]
    missing = assert_error(client.post("/v1/sources", json={"documents": [SOURCES[0], {"id": "x"}]}), 422)
    assert missing["message"].startswith("documents[1].text:")
    twice = assert_error(client.post("/v1/sources", json={"documents": [SOURCES[0], SOURCES[0]]}), 422)
    assert twice["message"].startswith("documents[1].id:") and "documents[0]" in twice["message"]


def test_uploads_keep_stored_metadata_and_warn_about_missing_speakers(client: TestClient) -> None:
    speech = b"We will build a library in every neighborhood. Reading is a right."
    first = client.post("/v1/sources", files={"file": ("talk.txt", speech)}, data={"speaker": "Ana Ruiz"})
    assert first.status_code == 201 and first.json()["warnings"] == []
    # The same file again without a speaker: the stored one is kept, nothing to warn about.
    again = client.post("/v1/sources", files={"file": ("talk.txt", speech + b" Really.")})
    assert again.status_code == 201 and again.json()["warnings"] == []
    assert again.json()["report"]["documents_replaced"] == 1
    assert client.get("/v1/sources/talk.txt").json()["speaker"] == "Ana Ruiz"
    anonymous = client.post("/v1/sources", json={"documents": [{"id": "anon", "text": "Words from nobody known."}]})
    [warning] = anonymous.json()["warnings"]
    assert "documents[0]" in warning and "'anon'" in warning and "no speaker" in warning


def test_metadata_is_changed_in_place_and_lists_filter_by_speaker(loaded: TestClient) -> None:
    changed = loaded.patch("/v1/sources/budget-hearing", json={"speaker": "Ana Ruiz", "date": ""})
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert (body["speaker"], body["date"], body["title"]) == ("Ana Ruiz", None, "Budget hearing testimony")
    listed = loaded.get("/v1/sources", params={"speaker": "ana ruiz"}).json()
    assert [d["id"] for d in listed["documents"]] == ["budget-hearing"] and listed["total"] == 1
    assert loaded.get("/v1/sources", params={"speaker": "Nobody Known"}).json()["total"] == 0
    # The check sees the new speaker at once.
    checked = loaded.post(
        "/v1/check/quote", json={"quote": "The budget before you is balanced for the first time in a decade",
                                 "speaker": "Ana Ruiz"},
    ).json()  # fmt: skip
    assert checked["verdict"]["label"] == "verified" and checked["evidence"][0]["speaker"] == "Ana Ruiz"
    assert_error(loaded.patch("/v1/sources/nope", json={"title": "x"}), 404)
    assert "nothing to change" in assert_error(loaded.patch("/v1/sources/budget-hearing", json={}), 422)["message"]
    assert_error(loaded.patch("/v1/sources/budget-hearing", json={"date": "2024-13-01"}), 422)
    assert_error(loaded.patch("/v1/sources/budget-hearing", json={"author": "x"}), 422)


def test_upload_answers_say_what_to_do_per_file(client: TestClient) -> None:
    speech = b"We will build a library in every neighborhood. Reading is a right."
    first = client.post("/v1/sources", files=[("file", ("talk.txt", speech)), ("file", ("copy.txt", speech))])
    details = first.json()["warning_details"]
    assert [(d["kind"], d["file"], d["documents"]) for d in details] == [
        ("no_speaker", "talk.txt", ["talk.txt"]),
        ("no_speaker", "copy.txt", ["copy.txt"]),
        ("same_text", None, ["talk.txt", "copy.txt"]),
    ]
    again = client.post("/v1/sources", files={"file": ("talk.txt", speech)}, data={"speaker": "Ana Ruiz"})
    # An upload's label is its file name, which is also the id: the note names it once.
    assert again.json()["notes"] == ["updated speaker of 'talk.txt' (was none, now 'Ana Ruiz')"]
    assert again.json()["report"]["documents_updated"] == 1


# --- keys and CORS ------------------------------------------------------------------------------------


def test_writes_need_the_api_key(components: Components) -> None:
    with running_client(components, api_key=KEY) as (client, _):
        for headers in (
            {},
            {"Authorization": "Bearer wrong"},
            {"Authorization": KEY},
            {"Authorization": f"Basic {KEY}"},
        ):
            response = client.post("/v1/sources", json={"documents": SOURCES}, headers=headers)
            assert_error(response, 401, "unauthorized")
            assert response.headers["www-authenticate"].startswith("Bearer")
        assert client.get("/v1/sources").json()["total"] == 0
        ok = client.post("/v1/sources", json={"documents": SOURCES}, headers={"Authorization": f"Bearer {KEY}"})
        assert ok.status_code == 201
        assert_error(client.delete("/v1/sources/harbor-speech"), 401)
        # Reads stay open.
        assert client.get("/v1/sources").status_code == 200
        assert client.post("/v1/extract", json={"text": ARTICLE}).status_code == 200
        assert client.delete("/v1/sources/harbor-speech", headers={"Authorization": f"Bearer {KEY}"}).status_code == 204


def test_protected_reads(components: Components) -> None:
    with running_client(components, api_key=KEY, protect_reads=True) as (client, _):
        loaded = client.post("/v1/sources", json={"documents": SOURCES}, headers={"Authorization": f"Bearer {KEY}"})
        assert loaded.status_code == 201
        for method, path, body in (
            ("GET", "/v1/sources", None),
            ("GET", "/v1/speakers", None),
            ("POST", "/v1/extract", {"text": ARTICLE}),
            ("POST", "/v1/check", {"text": ARTICLE}),
        ):
            assert_error(client.request(method, path, json=body), 401)
            ok = client.request(method, path, json=body, headers={"Authorization": f"Bearer {KEY}"})
            assert ok.status_code == 200
        assert client.get("/healthz").status_code == 200


def test_cors_origins_from_settings(components: Components) -> None:
    with running_client(components, cors_origins=["https://newsroom.example"]) as (client, _):
        preflight = client.options(
            "/v1/check",
            headers={"Origin": "https://newsroom.example", "Access-Control-Request-Method": "POST"},
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "https://newsroom.example"
        other = client.get("/healthz", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
    with running_client(components) as (client, _):
        assert (
            "access-control-allow-origin" not in client.get("/healthz", headers={"Origin": "https://a.example"}).headers
        )


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path, method in (
        ("/v1/check", "post"),
        ("/v1/extract", "post"),
        ("/v1/check/quote", "post"),
        ("/v1/sources", "post"),
        ("/v1/sources", "get"),
        ("/v1/sources/{document_id}", "get"),
        ("/v1/sources/{document_id}", "delete"),
        ("/v1/speakers", "get"),
        ("/healthz", "get"),
        ("/readyz", "get"),
    ):
        assert method in paths[path], (path, method)
    assert "multipart/form-data" in paths["/v1/sources"]["post"]["requestBody"]["content"]
    assert "/" not in paths and "/check" not in paths

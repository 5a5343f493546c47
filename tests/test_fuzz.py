"""Fuzzing: schemathesis against the OpenAPI schema of a real uvicorn server; hypothesis on the ingest parsers
(arbitrary input fails with InputError or not at all)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_support import SOURCES, live_server
from hypothesis import given, settings
from hypothesis import strategies as st

from api.app import create_app
from factcheck.config import Settings
from factcheck.errors import InputError
from factcheck.pipeline import Components
from factcheck.sources import LoadDefaults, parse_upload, split_passages

# Every check that judges our answers. Left out: positive_data_acceptance (a schema-valid body can still be
# refused with 422 on meaning: a blank text, an eval suite of empty records), allow_header_conformance
# (Starlette's 405 lists the methods of the first matching route only) and the stateful resource checks.
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "missing_required_header",
]
MIN_REQUESTS = 1000


@pytest.mark.slow
def test_schemathesis_finds_no_5xx_and_no_schema_mismatch(tmp_path: Path, embedder: Any, nlp: Any) -> None:
    config = Settings(store=tmp_path / "store", max_text_chars=4000, max_upload_bytes=200_000, llm_model=None)
    app = create_app(config, Components(config, embedder=embedder, nlp=nlp))
    report = tmp_path / "report.json"
    with live_server(app) as base:
        assert httpx.post(f"{base}/v1/sources", json={"documents": SOURCES}, timeout=120).status_code == 201
        run = subprocess.run(
            [
                str(Path(sys.executable).with_name("schemathesis")),
                "run",
                f"{base}/openapi.json",
                "--checks",
                ",".join(CHECKS),
                "--phases",
                "examples,coverage,fuzzing",
                "--max-examples",
                "150",
                "--seed",
                "20261127",
                "--workers",
                "1",
                "--request-timeout",
                "120",
                "--generation-database",
                "none",
                "--no-color",
                "--report",
                "json",
                "--report-json-path",
                str(report),
            ],
            capture_output=True,
            text=True,
            timeout=900,
        )
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-2000:]
    summary = json.loads(report.read_text(encoding="utf-8"))
    assert summary["operations"]["tested"] == summary["operations"]["total"] >= 10
    assert summary["test_cases"]["generated"] >= MIN_REQUESTS
    assert summary["failures"] == [] and summary["errors"] == []
    assert not summary["warnings"]["unresolvable_reference"]


SUFFIXES = [".jsonl", ".txt", ".md", ".html", ".htm", ".csv", ".tsv", ".exe", ""]
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
record = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=30), st.integers(), st.none()),
        "text": st.one_of(st.text(max_size=200), json_value),
        "speaker": st.one_of(st.text(max_size=30), json_value),
        "title": st.text(max_size=30),
        "date": st.one_of(st.sampled_from(["2020-02-30", "2020-01-05", "1999", "yesterday", ""]), st.text(max_size=12)),
        "url": st.text(max_size=30),
    },
)
jsonl_bytes = st.lists(st.one_of(record.map(json.dumps), st.text(max_size=40)), max_size=6).map(
    lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")
)
table_bytes = st.lists(
    st.lists(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=25), min_size=1, max_size=5),
    max_size=8,
).map(lambda rows: "\n".join(",".join(row) for row in rows).encode())
upload_bytes = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=600).map(lambda t: t.encode("utf-8", "surrogatepass")),
    jsonl_bytes,
    table_bytes,
    st.sampled_from(
        [
            b"speaker,text\nJoe Biden,We will build back better.\n",
            b"line\tspeaker\ttext\n1\tKELLY\tGood evening.\n",
            b"id,text,first_name,last_name,title,time\n1,Hello there.,Lester,Holt,Debate,now\n",
            b"<html><title>T</title><script>x</script><p>Words &amp; more.</p></html>",
            b"\xef\xbb\xbf\r\n\r\n",
        ]
    ),
)


@settings(max_examples=500, deadline=None)
@given(suffix=st.sampled_from(SUFFIXES), stem=st.text(max_size=20), data=upload_bytes)
def test_ingest_parsers_accept_or_raise_input_error_only(suffix: str, stem: str, data: bytes) -> None:
    try:
        documents = parse_upload(stem + suffix, data, LoadDefaults())
    except InputError as exc:
        assert exc.message
        return
    assert documents
    for document in documents:
        assert document.id and document.text.strip()
        for passage in split_passages(document):
            assert 0 <= passage.start <= passage.end <= len(document.text)
            assert passage.text.strip()

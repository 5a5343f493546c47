"""Fuzzing: schemathesis against the OpenAPI schema of a real uvicorn server; hypothesis on the ingest parsers
(arbitrary input fails with InputError or not at all)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_support import SOURCES, live_server
from hypothesis import given, settings
from hypothesis import strategies as st

from api.app import create_app
from benchmarks.fuzz_api import run_schemathesis, summary
from factcheck.config import Settings
from factcheck.errors import InputError
from factcheck.pipeline import Components
from factcheck.sources import LoadDefaults, parse_upload, split_passages

MIN_REQUESTS = 1000


@pytest.mark.slow
def test_schemathesis_finds_no_5xx_and_no_schema_mismatch(tmp_path: Path, embedder: Any, nlp: Any) -> None:
    config = Settings(store=tmp_path / "store", max_text_chars=4000, max_upload_bytes=200_000, llm_model=None)
    app = create_app(config, Components(config, embedder=embedder, nlp=nlp))
    report = tmp_path / "report.json"
    with live_server(app) as base:
        assert httpx.post(f"{base}/v1/sources", json={"documents": SOURCES}, timeout=120).status_code == 201
        run = run_schemathesis(base, report, max_examples=150)
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-2000:]
    figures = summary(report)
    assert figures["operations_tested"] == figures["operations_total"] >= 10
    assert figures["requests"] >= MIN_REQUESTS
    assert figures["failures"] == [] and figures["errors"] == []
    assert not figures["unresolvable_references"]


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

"""Turning uploaded files or JSON documents into stored documents, all-or-nothing per request."""

from __future__ import annotations

import json
from collections.abc import Sequence

from api.runtime import Runtime
from api.schemas import DocumentIn, IngestResponse
from factcheck.errors import InputError
from factcheck.types import Document


def parse_files(files: Sequence[tuple[str, bytes]], defaults: dict[str, str | None]) -> list[Document]:
    """Documents from uploaded files in any format `factcheck ingest` reads; raises InputError naming the file."""
    from factcheck.sources import LoadDefaults, parse_upload

    load_defaults = LoadDefaults(**{k: v for k, v in defaults.items() if v})
    documents: list[Document] = []
    for filename, data in files:
        if not data:
            raise InputError(f"{filename}: the file is empty")
        documents.extend(parse_upload(filename, data, load_defaults))
    return documents


def parse_documents(documents: Sequence[DocumentIn]) -> list[Document]:
    """Documents from the JSON API body, read exactly like the lines of an ingest JSONL file."""
    lines = "\n".join(json.dumps(d.model_dump(exclude_none=True), ensure_ascii=False) for d in documents)
    return parse_files([("documents.jsonl", lines.encode())], {})


def ingest(runtime: Runtime, documents: Sequence[Document]) -> IngestResponse:
    """Add parsed documents to the store."""
    if not documents:
        raise InputError("the upload contains no documents")
    store = runtime.pipeline().store
    report = runtime.run(lambda: store.add_documents(documents))
    return IngestResponse(ids=[d.id for d in documents], report=report)

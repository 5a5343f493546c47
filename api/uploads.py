"""Turning uploaded files or JSON documents into stored documents.

Every file is parsed before anything is stored, so a bad file stores nothing. Storing then goes document
by document, each one whole: a store outage part-way keeps the documents stored before it, and sending
the same upload again stores the rest (the stored ones are skipped as unchanged).
"""

from __future__ import annotations

from collections.abc import Sequence

from api.runtime import Runtime
from api.schemas import DocumentIn, IngestResponse
from factcheck.errors import InputError
from factcheck.sources.budget import ReadLimits
from factcheck.sources.prepare import Loaded, prepare
from factcheck.types import Document


def parse_files(
    files: Sequence[tuple[str, bytes]], defaults: dict[str, str | None], limits: ReadLimits | None = None
) -> list[Loaded]:
    """Documents from uploaded files in any format `factcheck ingest` reads; raises InputError naming the file."""
    from factcheck.sources import LoadDefaults, parse_upload

    load_defaults = LoadDefaults(**{k: v for k, v in defaults.items() if v})
    loaded: list[Loaded] = []
    for filename, data in files:
        if not data:
            raise InputError(f"{filename}: the file is empty")
        loaded.append(Loaded(filename, parse_upload(filename, data, load_defaults, limits)))
    return loaded


def parse_documents(documents: Sequence[DocumentIn]) -> list[Document]:
    """Documents from the JSON API body, read like the lines of an ingest JSONL file; errors say `documents[0].date`."""
    from factcheck.sources.jsonl import documents_from_records

    return documents_from_records([d.model_dump(exclude_none=True) for d in documents])


def each_document(documents: Sequence[Document]) -> list[Loaded]:
    """JSON documents labelled as the request names them, for warnings."""
    return [Loaded(f"documents[{index}]", [document]) for index, document in enumerate(documents)]


def ingest(runtime: Runtime, loaded: Sequence[Loaded]) -> IngestResponse:
    """Add parsed documents to the store, keeping stored metadata the upload does not give."""
    if not any(item.documents for item in loaded):
        raise InputError("the upload contains no documents")
    store = runtime.pipeline().store

    def work() -> IngestResponse:
        prepared = prepare(loaded, store)
        report = store.add_documents(prepared.documents)
        return IngestResponse(
            ids=[d.id for d in prepared.documents],
            report=report,
            warnings=[w.message for w in prepared.warnings],
            warning_details=prepared.warnings,
            notes=prepared.notes,
        )

    return runtime.run(work)

"""Source documents and the speaker registry."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from api.errors import APIError
from api.runtime import RuntimeDep
from api.schemas import DocumentsRequest, IngestResponse, SourceList, SpeakerList, errors
from api.security import READ, WRITE
from api.uploads import each_document, ingest, parse_documents, parse_files
from factcheck.sources import SUPPORTED_SUFFIXES
from factcheck.sources.budget import read_limits
from factcheck.sources.formats import MEDIA_TYPES
from factcheck.sources.prepare import update_metadata
from factcheck.types import DocumentInfo, DocumentUpdate

router = APIRouter(prefix="/v1", tags=["sources"])
Reads = [Depends(READ)]
Writes = [Depends(WRITE)]
MAX_FILES = 100
# SQLite integers are 64-bit; no store holds anywhere near this many documents.
MAX_OFFSET = 2**31 - 1
DEFAULT_FIELDS = ("speaker", "title", "date", "url")
# The media types of the formats `ingest` reads, and the one browsers send for files they do not know.
UPLOAD_MEDIA_TYPES = (*MEDIA_TYPES, "application/octet-stream")


def inline_definitions(schema: dict[str, Any]) -> dict[str, Any]:
    """A pydantic JSON schema with its local `$defs` inlined: an OpenAPI document resolves `#/...` from its root."""
    definitions = schema.get("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return resolve(definitions[ref.removeprefix("#/$defs/")])
            return {key: resolve(value) for key, value in node.items() if key != "$defs"}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved


_UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": inline_definitions(DocumentsRequest.model_json_schema())},
            "multipart/form-data": {
                "encoding": {"file": {"contentType": ", ".join(UPLOAD_MEDIA_TYPES)}},
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "Files named with one of "
                            + ", ".join(SUPPORTED_SUFFIXES)
                            + "; the extension and the content choose the reader, not the part's media type.",
                        },
                        **{name: {"type": "string"} for name in DEFAULT_FIELDS},
                    },
                },
            },
        },
    }
}


@router.post(
    "/sources",
    response_model=IngestResponse,
    status_code=201,
    dependencies=Writes,
    openapi_extra=_UPLOAD_BODY,
    responses=errors(400, 413, 415, 422, 503),
    summary="Add documents (JSON) or files (multipart, any format `factcheck ingest` reads)",
)
async def add_sources(request: Request, runtime: RuntimeDep) -> IngestResponse:
    """Add the documents of an upload: all of it is parsed first, so a bad file stores nothing.

    Documents are then stored one by one, each whole; if the store fails part-way (503), the documents
    stored before it stay, and sending the same upload again adds the rest.
    """
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json" or content_type.endswith("+json"):
        raw = await request.body()
        try:
            body = DocumentsRequest.model_validate_json(raw)
        except ValidationError as exc:
            raise RequestValidationError(exc.errors(include_url=False)) from exc
        loaded = each_document(await run_in_threadpool(parse_documents, body.documents))
    elif content_type == "multipart/form-data":
        files, defaults = await read_form(request)
        loaded = await run_in_threadpool(parse_files, files, defaults, read_limits(runtime.components.settings))
    else:
        raise APIError(415, "unsupported_media_type", "send application/json documents or multipart/form-data files")
    return await run_in_threadpool(ingest, runtime, loaded)


async def read_form(request: Request) -> tuple[list[tuple[str, bytes]], dict[str, str | None]]:
    """Uploaded files (field `file`, repeatable) and the metadata defaults sent with them."""
    form = await request.form(max_files=MAX_FILES)
    # A form submitted with no file chosen still sends an empty part without a filename.
    uploads = [f for f in form.getlist("file") if isinstance(f, UploadFile) and f.filename]
    if not uploads:
        raise APIError(422, "invalid_input", "file: attach at least one file")
    files = [(u.filename or "upload.txt", await u.read()) for u in uploads]
    defaults: dict[str, str | None] = {}
    for name in DEFAULT_FIELDS:
        value = form.get(name)
        defaults[name] = value.strip() if isinstance(value, str) and value.strip() else None
    return files, defaults


@router.get(
    "/sources",
    response_model=SourceList,
    dependencies=Reads,
    responses=errors(422, 503),
    summary="List stored documents",
)
def list_sources(
    runtime: RuntimeDep,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    speaker: Annotated[
        str | None, Query(max_length=512, description="Only documents with a passage by this speaker.")
    ] = None,
) -> SourceList:
    """One page of documents with speaker, title, date and passage count."""
    store = runtime.pipeline().store
    speaker = speaker.strip() if speaker and speaker.strip() else None
    # Reads skip the compute lock, so listing never waits behind a check: they touch only the SQLite
    # catalog (a connection per thread) and Chroma's clients (which lock internally).
    documents, total = store.list_documents(offset, limit, speaker), store.count_documents(speaker)
    return SourceList(documents=documents, offset=offset, limit=limit, total=total)


@router.get(
    "/sources/{document_id:path}",
    response_model=DocumentInfo,
    dependencies=Reads,
    responses=errors(404, 503),
    summary="One document",
)
def get_source(document_id: str, runtime: RuntimeDep) -> DocumentInfo:
    """A stored document's metadata and passage count."""
    store = runtime.pipeline().store
    info = store.get_document(document_id)  # a read: no compute lock
    if info is None:
        raise APIError(404, "not_found", f"no document with id {document_id!r}")
    return info


@router.patch(
    "/sources/{document_id:path}",
    response_model=DocumentInfo,
    dependencies=Writes,
    responses=errors(400, 404, 413, 422, 503),
    summary="Change a document's metadata (nothing is embedded again)",
)
def update_source(document_id: str, body: DocumentUpdate, runtime: RuntimeDep) -> DocumentInfo:
    """Fields sent replace the stored ones (an empty string or null clears one); fields left out stay.

    A speaker fills every passage of a single-speaker document, and the passages without one in a transcript,
    as `factcheck sources set` and an upload's speaker do.
    """
    store = runtime.pipeline().store
    after, _ = runtime.run(lambda: update_metadata(store, document_id, body))
    return after


@router.delete(
    "/sources/{document_id:path}",
    status_code=204,
    dependencies=Writes,
    responses=errors(404, 503),
    summary="Delete a document",
)
def delete_source(document_id: str, runtime: RuntimeDep) -> Response:
    """Remove a document and its passages."""
    store = runtime.pipeline().store
    if not runtime.run(lambda: store.delete_document(document_id)):
        raise APIError(404, "not_found", f"no document with id {document_id!r}")
    return Response(status_code=204)


@router.get(
    "/speakers", response_model=SpeakerList, dependencies=Reads, responses=errors(503), summary="The speaker registry"
)
def speakers(runtime: RuntimeDep) -> SpeakerList:
    """Every speaker in the store with aliases and passage counts."""
    store = runtime.pipeline().store
    return SpeakerList(speakers=store.speakers())  # a read: no compute lock

"""The web page: check an article, manage sources; works as plain HTML forms, enhanced by /static JS."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from api.errors import APIError, shorten, status_for
from api.presenter import article_segments, verdict_counts
from api.routes_check import fetch_article, limit_blank, limit_text, require_sources
from api.routes_sources import MAX_FILES, MAX_OFFSET, read_form
from api.runtime import Runtime, RuntimeDep, SettingsDep
from api.security import bearer_token, check_key, needs_key
from api.uploads import ingest, parse_files
from factcheck.config import Settings
from factcheck.errors import FactcheckError
from factcheck.sources.budget import read_limits
from factcheck.types import CheckResult, IngestWarning

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """A template rendered with the settings every page needs."""
    settings: Settings = request.app.state.settings
    base = {
        "needs_read_key": needs_key(settings, "read"),
        "needs_compute_key": needs_key(settings, "compute"),
        "needs_write_key": needs_key(settings, "write"),
        "allow_fetch": settings.allow_fetch,
    }
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, name, {**base, **context}, status_code=status
    )
    return response


def failure(exc: APIError | FactcheckError) -> tuple[str, int]:
    """Message and status for an error shown on a page."""
    if isinstance(exc, APIError):
        return exc.message, exc.status_code
    return shorten(exc.message), status_for(exc)


def form_key(request: Request, form: FormData) -> str | None:
    """The API key typed into a page form, or sent as a bearer token."""
    value = form.get("api_key")
    if isinstance(value, str) and value.strip():
        return value.strip()
    return bearer_token(request)


def sources_missing(runtime: Runtime) -> bool:
    """True when the loaded store holds no documents (not known while the models load or the store fails)."""
    if not runtime.ready:
        return False
    try:
        return runtime.pipeline().store.count_documents() == 0
    except FactcheckError:
        return False


@router.get("/", response_class=HTMLResponse)
def index(request: Request, runtime: RuntimeDep) -> HTMLResponse:
    """The empty check form."""
    return render(request, "index.html", {"text": "", "result": None, "no_sources": sources_missing(runtime)})


@router.post("/check", response_class=HTMLResponse)
async def check_page(request: Request, runtime: RuntimeDep, settings: SettingsDep) -> HTMLResponse:
    """Server-rendered results for the plain form post."""
    form = await request.form()
    value = form.get("text")
    text = value if isinstance(value, str) else ""
    link = form.get("url")
    url = link.strip() if isinstance(link, str) else ""
    try:
        if needs_key(settings, "compute"):
            check_key(settings, form_key(request, form))
        if url and not text.strip():
            # The extracted text replaces the empty box, so the highlighted quotes are in what is shown.
            text = (await run_in_threadpool(fetch_article, runtime, settings, url)).text
        limit_text(settings, text)
        limit_blank(text)
        result = await run_in_threadpool(_check, runtime, text)
    except (APIError, FactcheckError) as exc:
        message, status = failure(exc)
        no_sources = await run_in_threadpool(sources_missing, runtime)
        context: dict[str, Any] = {"text": text, "url": url, "result": None, "error": message, "no_sources": no_sources}
        return render(request, "index.html", context, status)
    context = {
        "text": text,
        "url": url,
        "result": result,
        "segments": article_segments(text, result.quotes),
        "counts": verdict_counts(result.quotes),
    }
    return render(request, "index.html", context)


def _check(runtime: Runtime, text: str) -> CheckResult:
    pipeline = require_sources(runtime.pipeline())
    return runtime.run(lambda: pipeline.check_text(text))


@router.get("/sources", response_class=HTMLResponse)
def sources_page(
    request: Request,
    runtime: RuntimeDep,
    settings: SettingsDep,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    added: Annotated[int | None, Query(ge=0)] = None,
    skipped: Annotated[int | None, Query(ge=0)] = None,
    deleted: Annotated[int | None, Query(ge=0)] = None,
) -> HTMLResponse:
    """Stored documents, the upload form and delete buttons."""
    notice = None
    if added is not None:
        notice = upload_notice(added, skipped or 0)
    elif deleted:
        notice = "Document deleted."
    return _sources(request, runtime, settings, offset, notice=notice)


@router.post("/sources/list", response_class=HTMLResponse)
async def sources_with_key(request: Request, runtime: RuntimeDep, settings: SettingsDep) -> HTMLResponse:
    """The list behind protected reads, for the plain form: the key comes in the body, never in the URL."""
    form = await request.form()
    value = form.get("offset")
    offset = int(value) if isinstance(value, str) and value.isdigit() else 0
    key = form_key(request, form) or ""
    return await run_in_threadpool(_sources, request, runtime, settings, min(offset, MAX_OFFSET), None, None, 200, key)


def _sources(
    request: Request,
    runtime: Runtime,
    settings: Settings,
    offset: int = 0,
    notice: str | None = None,
    error: str | None = None,
    status: int = 200,
    key: str | None = None,
    warnings: Sequence[IngestWarning] = (),
) -> HTMLResponse:
    context: dict[str, Any] = {
        "notice": notice,
        "error": error,
        "warnings": list(warnings),
        "documents": [],
        "total": None,
        "offset": offset,
        "page_size": PAGE_SIZE,
        "locked": False,
    }
    try:
        if needs_key(settings, "read"):
            # Listed once the key is given: by the page script (kept for the browser session) or the plain form.
            context["locked"] = key is None
            if key is None:
                return render(request, "sources.html", context, status)
            check_key(settings, key)
        store = runtime.pipeline().store
        context["documents"] = store.list_documents(offset, PAGE_SIZE)
        context["total"] = store.count_documents()
    except (APIError, FactcheckError) as exc:
        message, status = failure(exc)
        return render(request, "sources.html", {**context, "error": message, "locked": True}, status)
    return render(request, "sources.html", context, status)


@router.post("/sources", response_model=None)
async def upload_page(request: Request, runtime: RuntimeDep, settings: SettingsDep) -> Response:
    """Upload files from the plain form, then show the list again."""
    try:
        form = await request.form(max_files=MAX_FILES)
        check_key(settings, form_key(request, form))
        files, defaults = await read_form(request)
        loaded = await run_in_threadpool(parse_files, files, defaults, read_limits(settings))
        answer = await run_in_threadpool(ingest, runtime, loaded)
    except (APIError, FactcheckError) as exc:
        message, status = failure(exc)
        return await run_in_threadpool(_sources, request, runtime, settings, 0, None, message, status)
    report = answer.report
    added = report.documents_added + report.documents_replaced + report.documents_updated
    if answer.warning_details:
        # Shown at once with what to do about each; a redirect would lose them.
        notice = upload_notice(added, report.documents_skipped)
        key = form_key(request, form) or ""
        return await run_in_threadpool(
            _sources, request, runtime, settings, 0, notice, None, 200, key, answer.warning_details
        )
    return RedirectResponse(f"/sources?added={added}&skipped={report.documents_skipped}", status_code=303)


def upload_notice(added: int, skipped: int) -> str:
    """What an upload did, in one line."""
    return f"Added {added} document(s)" + (f"; {skipped} already stored." if skipped else ".")


@router.post("/sources/delete", response_model=None)
async def delete_page(request: Request, runtime: RuntimeDep, settings: SettingsDep) -> Response:
    """Delete one document from the plain form, after a confirmation page."""
    form = await request.form()
    value = form.get("id")
    document_id = value if isinstance(value, str) else ""
    if form.get("confirmed") != "yes":
        return await run_in_threadpool(_confirm_delete, request, runtime, settings, document_id)
    try:
        check_key(settings, form_key(request, form))
        store = await run_in_threadpool(lambda: runtime.pipeline().store)
        if not document_id or not await run_in_threadpool(runtime.run, lambda: store.delete_document(document_id)):
            raise APIError(404, "not_found", f"No document with id {document_id!r}.")
    except (APIError, FactcheckError) as exc:
        message, status = failure(exc)
        return await run_in_threadpool(_sources, request, runtime, settings, 0, None, message, status)
    return RedirectResponse("/sources?deleted=1", status_code=303)


def _confirm_delete(request: Request, runtime: Runtime, settings: Settings, document_id: str) -> HTMLResponse:
    """Ask before deleting; the document's title and size are shown unless reads need the key."""
    document = None
    if not needs_key(settings, "read"):
        try:
            document = runtime.pipeline().store.get_document(document_id)
        except FactcheckError as exc:
            message, status = failure(exc)
            return _sources(request, runtime, settings, error=message, status=status)
        if document is None:
            return _sources(request, runtime, settings, error=f"No document with id {document_id!r}.", status=404)
    return render(request, "confirm_delete.html", {"document_id": document_id, "document": document})

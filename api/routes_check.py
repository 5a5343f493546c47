"""Checking endpoints: a whole article, extraction only, and one quote with its claimed speaker."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from api.errors import APIError
from api.runtime import Runtime, RuntimeDep, SettingsDep
from api.schemas import CheckRequest, ClaimRequest, ExtractRequest, errors
from api.security import COMPUTE
from factcheck.config import Settings
from factcheck.errors import EmptyStoreError, FetchRefused
from factcheck.pipeline import Pipeline
from factcheck.types import CheckedQuote, CheckResult, ExtractResult, FetchedArticle

NO_SOURCES = "no sources loaded yet: add documents on the /sources page, with POST /v1/sources or `factcheck ingest`"

router = APIRouter(prefix="/v1", tags=["check"], dependencies=[Depends(COMPUTE)])


def limit_text(settings: Settings, text: str, field: str = "text") -> None:
    """413 when a text is longer than the configured limit."""
    if len(text) > settings.max_text_chars:
        raise APIError(413, "too_large", f"{field} has {len(text)} characters; the limit is {settings.max_text_chars}")


def limit_blank(text: str, field: str = "text") -> None:
    """422 for a text that is only whitespace."""
    if not text.strip():
        raise APIError(422, "invalid_input", f"{field}: must not be blank")


def require_sources(pipeline: Pipeline) -> Pipeline:
    """409 while the store holds no documents, where every quote would come back not_found."""
    if pipeline.store.count_documents() == 0:
        raise EmptyStoreError(NO_SOURCES)
    return pipeline


def fetch_article(runtime: Runtime, settings: Settings, url: str) -> FetchedArticle:
    """The article behind a link, when this server may fetch it (403 fetch_refused when it may not, 503 busy)."""
    from factcheck.sources.budget import read_limits
    from factcheck.sources.remote import fetch_policy, read_article

    if not settings.allow_fetch:
        raise FetchRefused(f"{url}: this server does not fetch links (FACTCHECK_ALLOW_FETCH is off); paste the text")
    with runtime.fetch_slot():
        fetched = read_article(url, fetch_policy(settings, anywhere=False), limits=read_limits(settings))
    limit_text(settings, fetched.text, "the linked article")
    return fetched


@router.post(
    "/check",
    response_model=CheckResult,
    responses=errors(400, 403, 409, 413, 422, 503),
    summary="Check every quote in an article or a linked one",
)
def check(body: CheckRequest, runtime: RuntimeDep, settings: SettingsDep) -> JSONResponse:
    """Every quote in the article with its speaker, verdict, confidence and evidence."""
    fetched = fetch_article(runtime, settings, body.url) if body.url is not None else None
    text = fetched.text if fetched is not None else body.text or ""
    limit_text(settings, text)
    limit_blank(text)
    pipeline = require_sources(runtime.pipeline())
    result = runtime.run(lambda: pipeline.check_text(text, body.top_k))
    # Serialised exactly as `factcheck check` prints it; a link's answer carries the text offsets refer to.
    return JSONResponse(result.model_copy(update={"fetched": fetched}).model_dump(mode="json"))


@router.post(
    "/extract",
    response_model=ExtractResult,
    responses=errors(400, 413, 422, 503),
    summary="Find quotes and speakers only",
)
def extract(body: ExtractRequest, runtime: RuntimeDep, settings: SettingsDep) -> JSONResponse:
    """Quotes and their speakers, without verdicts; needs no store."""
    limit_text(settings, body.text)
    limit_blank(body.text)
    extractor = runtime.extractor()
    quotes = runtime.run(lambda: extractor.extract(body.text))
    return JSONResponse(ExtractResult(quotes=quotes).model_dump(mode="json"))


@router.post(
    "/check/quote",
    response_model=CheckedQuote,
    responses=errors(400, 409, 413, 422, 503),
    summary="Check one quote and its claimed speaker",
)
def check_quote(body: ClaimRequest, runtime: RuntimeDep, settings: SettingsDep) -> JSONResponse:
    """Verdict and evidence for a single quote typed by a user."""
    limit_text(settings, body.quote, "quote")
    limit_blank(body.quote, "quote")
    speaker = body.speaker.strip() if body.speaker and body.speaker.strip() else None
    pipeline = require_sources(runtime.pipeline())
    checked = runtime.run(lambda: pipeline.check_claim(body.quote, speaker, body.top_k))
    return JSONResponse(checked.model_dump(mode="json"))

"""Checking endpoints: a whole article, extraction only, and one quote with its claimed speaker."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse, Response

from api.errors import APIError
from api.runtime import Runtime, RuntimeDep, SettingsDep
from api.schemas import CheckRequest, ClaimRequest, ClaimReviewRequest, ExtractRequest, errors
from api.security import COMPUTE
from factcheck.claimreview import claim_reviews
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


LD_JSON = "application/ld+json"
_CLAIMREVIEW_ANSWER: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "One schema.org ClaimReview per quote (JSON-LD), in article order",
        "content": {LD_JSON: {"schema": {"type": "array", "items": {"type": "object"}}}},
    }
}


def _claim_reviews(
    runtime: Runtime, settings: Settings, body: CheckRequest, publisher: str | None, article_url: str | None
) -> Response:
    fetched = fetch_article(runtime, settings, body.url) if body.url is not None else None
    text = fetched.text if fetched is not None else body.text or ""
    limit_text(settings, text)
    limit_blank(text)
    pipeline = require_sources(runtime.pipeline())
    result = runtime.run(lambda: pipeline.check_text(text, body.top_k))
    url = fetched.url if fetched is not None else article_url
    reviews = claim_reviews(result.quotes, url, fetched.title if fetched else None, publisher)
    return Response(json.dumps(reviews, ensure_ascii=False), media_type=LD_JSON)


@router.post(
    "/check/claimreview",
    response_class=Response,
    responses={**_CLAIMREVIEW_ANSWER, **errors(400, 403, 409, 413, 422, 503)},
    summary="Check an article and answer schema.org ClaimReview JSON-LD, one per quote",
)
def check_claimreview(body: ClaimReviewRequest, runtime: RuntimeDep, settings: SettingsDep) -> Response:
    """As POST /v1/check, written as the ClaimReview records a fact-checking site publishes."""
    request = CheckRequest(text=body.text, url=body.url, top_k=body.top_k)
    return _claim_reviews(runtime, settings, request, body.publisher, body.article_url)


@router.get(
    "/check/claimreview",
    response_class=Response,
    responses={**_CLAIMREVIEW_ANSWER, **errors(403, 409, 413, 422, 503)},
    summary="The same, with the article (or its link) in the query: a link a CMS can call",
)
def check_claimreview_query(
    params: Annotated[ClaimReviewRequest, Query()], runtime: RuntimeDep, settings: SettingsDep
) -> Response:
    """`?url=...` (when the server fetches links) or `?text=...`, with `publisher` and `article_url` as in the body."""
    request = CheckRequest(text=params.text, url=params.url, top_k=params.top_k)
    return _claim_reviews(runtime, settings, request, params.publisher, params.article_url)


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

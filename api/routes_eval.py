"""`POST /v1/eval`: a small labeled suite in the body, answered with the same report as `factcheck eval`."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import Field

from api.routes_check import limit_text, require_sources
from api.runtime import RuntimeDep, SettingsDep
from api.schemas import RequestBody, errors
from api.security import COMPUTE
from factcheck.evaluation import EvalReport, LabeledArticle, parse_records, run_extraction, run_suite

# Each record is checked synchronously under the compute lock, so a request stays small.
MAX_RECORDS = 50

router = APIRouter(prefix="/v1", tags=["eval"], dependencies=[Depends(COMPUTE)])


class EvalRequest(RequestBody):
    """A suite in the body: the records of a suite file as a JSON list."""

    records: list[dict[str, Any]] = Field(
        min_length=1, max_length=MAX_RECORDS, description="Labeled quotes or articles, as in eval/README.md."
    )
    kind: Literal["quotes", "articles", "extraction"] | None = Field(
        default=None, description="Suite kind; detected from the first record when absent."
    )
    name: str = Field(default="request", min_length=1, max_length=100)


@router.post(
    "/eval",
    response_model=EvalReport,
    responses=errors(400, 409, 413, 422, 503),
    summary="Score a small labeled suite",
)
def evaluate(body: EvalRequest, runtime: RuntimeDep, settings: SettingsDep) -> JSONResponse:
    """Per-label scores, calibration, speaker and evidence figures, and every item's outcome."""
    kind, records = parse_records(body.records, body.kind, where="records")
    for record in records:
        limit_text(settings, record.text if isinstance(record, LabeledArticle) else record.quote, "record text")
    masked = settings.masked()
    if kind == "extraction":
        extractor = runtime.extractor()
        articles = [r for r in records if isinstance(r, LabeledArticle)]
        report = runtime.run(lambda: run_extraction(extractor, articles, name=body.name, settings=masked))
    else:
        pipeline = require_sources(runtime.pipeline())
        report = runtime.run(lambda: run_suite(pipeline, records, kind, name=body.name, settings=masked))
    return JSONResponse(report.model_dump(mode="json"))

"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.runtime import RuntimeDep
from api.schemas import ErrorDetail, Health, Readiness

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="Liveness")
async def healthz() -> Health:
    """The process is up and answering."""
    return Health()


@router.get("/readyz", response_model=Readiness, responses={503: {"model": Readiness}}, summary="Readiness")
def readyz(runtime: RuntimeDep) -> JSONResponse:
    """200 when the models are loaded and the store answers, else 503 with the reason."""
    ready, reason = runtime.readiness()
    if not ready:
        body = Readiness(status="not_ready", reason=reason, error=ErrorDetail(code="not_ready", message=reason))
        return JSONResponse(body.model_dump(), status_code=503)
    store = runtime.pipeline().store
    # Outside the compute lock: a probe must not wait behind a long check.
    documents, passages = store.count_documents(), store.count_passages()
    body = Readiness(status="ready", reason=reason, documents=documents, passages=passages)
    return JSONResponse(body.model_dump(exclude_none=True))

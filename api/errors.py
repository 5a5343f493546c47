"""The JSON error envelope `{"error": {"code", "message"}}` and the handlers that always produce it."""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from typing import Any, cast

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import iter_route_contexts
from starlette.exceptions import HTTPException
from starlette.routing import Match

from factcheck.errors import (
    BusyError,
    EmptyStoreError,
    FactcheckError,
    FetchRefused,
    InputError,
    LLMError,
    ModelError,
    NotFoundError,
    StoreError,
)

log = logging.getLogger(__name__)

_STATUS_CODES: Mapping[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


MAX_MESSAGE = 400


class APIError(HTTPException):
    """An HTTP error with a stable machine-readable code."""

    def __init__(self, status_code: int, code: str, message: str, headers: Mapping[str, str] | None = None):
        super().__init__(status_code=status_code, detail=message, headers=dict(headers) if headers else None)
        self.code = code
        self.message = message


def error_response(status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    """The envelope every 4xx and 5xx answer uses."""
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def wants_html(request: Request) -> bool:
    """True for a browser navigating to a page rather than a client calling the API."""
    path = request.url.path
    if path.startswith("/v1/") or path in ("/healthz", "/readyz", "/openapi.json"):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_page(request: Request, status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    """The error as an HTML page, for people using the web page."""
    templates = request.app.state.templates
    response: Response = templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status, headers=headers
    )
    return response


def shorten(message: str, limit: int = MAX_MESSAGE) -> str:
    """A backend message cut to a readable length (some libraries echo whole inputs)."""
    return message if len(message) <= limit else message[: limit - 1] + "…"


def status_for(exc: FactcheckError) -> int:
    """HTTP status for a domain error: backend failures are 503, never a verdict."""
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, EmptyStoreError):
        return 409
    if isinstance(exc, FetchRefused):
        return 403
    if isinstance(exc, StoreError | ModelError | LLMError | BusyError):
        return 503
    if isinstance(exc, InputError):
        return 422
    return 400


def location(loc: Sequence[Any]) -> str:
    """A validation error's place as a request names it: `documents[0].date` (the body itself is `body`)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part != "body":
            out += f".{part}" if out else str(part)
    return out or "body"


def describe_validation(errors: Sequence[Any]) -> tuple[int, str, str]:
    """Status, code and a readable message for request validation errors."""
    if any(e.get("type") == "json_invalid" for e in errors):
        detail = next(e for e in errors if e.get("type") == "json_invalid")
        reason = (detail.get("ctx") or {}).get("error", "malformed JSON")
        return 400, "invalid_json", f"request body is not valid JSON ({reason})"
    parts = [f"{location(e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in errors[:10]]
    return 422, "invalid_input", "; ".join(parts) or "invalid request"


async def _validation_handler(request: Request, exc: RequestValidationError) -> Response:
    status, code, message = describe_validation(exc.errors())
    if wants_html(request):
        return error_page(request, status, message)
    return error_response(status, code, message)


async def _http_handler(request: Request, exc: HTTPException) -> Response:
    headers = dict(exc.headers) if exc.headers else None
    if exc.status_code == 405:
        headers = {**(headers or {}), "Allow": allowed_methods(request)}
    if exc.status_code < 400:
        return Response(status_code=exc.status_code, headers=headers)
    code = exc.code if isinstance(exc, APIError) else _STATUS_CODES.get(exc.status_code, "error")
    message = exc.message if isinstance(exc, APIError) else str(exc.detail)
    if wants_html(request):
        return error_page(request, exc.status_code, message, headers)
    return error_response(exc.status_code, code, message, headers)


def retry_after(request: Request, exc: FactcheckError) -> dict[str, str] | None:
    """A Retry-After header for work refused while the server is busy: about as long as a fetch may take."""
    if not isinstance(exc, BusyError):
        return None
    return {"Retry-After": str(math.ceil(request.app.state.settings.fetch_timeout))}


async def _domain_handler(request: Request, exc: FactcheckError) -> Response:
    status = status_for(exc)
    if status >= 500:
        log.warning("%s %s failed: %s", request.method, request.url.path, shorten(exc.message))
    return error_response(status, exc.code, shorten(exc.message), retry_after(request, exc))


def allowed_methods(request: Request) -> str:
    """Every method some route answers at this path (Starlette's 405 names only the first route's)."""
    methods: set[str] = set()
    for context in iter_route_contexts(request.app.routes):
        if context.methods and context.route.matches(request.scope)[0] != Match.NONE:
            methods |= set(context.methods)
    return ", ".join(sorted(methods))


async def _unexpected_handler(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(500, "internal_error", "the server failed to handle this request; see the server log")


def install_error_handlers(app: FastAPI) -> None:
    """Route validation, HTTP, domain and unexpected errors to the JSON envelope."""
    # Starlette types handlers as taking any Exception; each of ours is registered for its own class.
    app.add_exception_handler(RequestValidationError, cast(Any, _validation_handler))
    app.add_exception_handler(HTTPException, cast(Any, _http_handler))
    app.add_exception_handler(FactcheckError, cast(Any, _domain_handler))
    app.add_exception_handler(Exception, _unexpected_handler)

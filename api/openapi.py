"""The OpenAPI document for the configured server: the bearer scheme where a key is needed, only reachable answers."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts

from api.security import Guard, needs_key
from factcheck.config import Settings

SCHEME = "bearerKey"
ERROR_BODY = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
# FastAPI documents a 422 with its own body on every operation with parameters; ours have the error envelope,
# and operations whose parameters cannot be invalid (a path id) never answer 422 at all.
_GENERATED = ("HTTPValidationError", "ValidationError")


def _access(route: RouteContext) -> Guard | None:
    return next((d.dependency for d in route.dependencies if isinstance(d.dependency, Guard)), None)


def _generated_validation(response: dict[str, Any]) -> bool:
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    return str(schema.get("$ref", "")).endswith("/HTTPValidationError")


def openapi_document(app: FastAPI, settings: Settings) -> dict[str, Any]:
    """The schema FastAPI builds, with security and 401 answers as this server's key and protection level make them."""
    schema = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
    keyed = settings.api_key is not None
    if keyed:
        schema.setdefault("components", {})["securitySchemes"] = {SCHEME: {"type": "http", "scheme": "bearer"}}
    # Route contexts carry what included routers add: the full path and the router's dependencies.
    for route in iter_route_contexts(app.routes):
        if not isinstance(route.original_route, APIRoute) or not route.include_in_schema:
            continue
        guard = _access(route)
        protected = guard is not None and needs_key(settings, guard.access)
        for method in route.methods or ():
            operation = schema["paths"][route.path_format][method.lower()]
            responses = operation["responses"]
            for status in [s for s, r in responses.items() if _generated_validation(r)]:
                del responses[status]
            if protected:
                operation["security"] = [{SCHEME: []}]
            if keyed:
                # A wrong key is refused wherever it is sent, so every operation can answer 401.
                reason = "Missing or wrong API key" if protected else "Wrong API key (none is needed here)"
                responses["401"] = {"description": reason, "content": ERROR_BODY}
    schemas = schema.get("components", {}).get("schemas", {})
    for name in _GENERATED:
        schemas.pop(name, None)
    return schema


def install_openapi(app: FastAPI, settings: Settings) -> None:
    """Serve `openapi_document` at /openapi.json, built once."""

    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = openapi_document(app, settings)
        return app.openapi_schema

    app.openapi = build  # type: ignore[method-assign]

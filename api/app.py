"""The application factory: one FastAPI app serving the JSON API and the web page."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import Scope

from api import presenter, routes_check, routes_docs, routes_eval, routes_health, routes_pages, routes_sources
from api.errors import install_error_handlers
from api.limits import BodyLimitMiddleware
from api.openapi import install_openapi
from api.runtime import Runtime
from api.security import SecurityHeadersMiddleware, WrongKeyMiddleware
from factcheck.config import Settings
from factcheck.pipeline import Components

HERE = Path(__file__).resolve().parent
UPLOAD_PATHS = ("/v1/sources", "/sources")
# Room for JSON escapes and form percent-encoding around a text at the character limit.
TEXT_BODY_FACTOR = 12
BODY_SLACK = 64 * 1024


def create_app(settings: Settings | None = None, components: Components | None = None) -> FastAPI:
    """Build the app; models load in the background at startup, never at import."""
    if settings is None:
        settings = components.settings if components is not None else Settings()
    runtime = Runtime(components if components is not None else Components(settings))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime.start_warm_up()
        yield

    app = FastAPI(
        title="factcheck",
        summary="Find quotations in an article, resolve who said them and verify them against primary sources.",
        version="0.1.0",
        lifespan=lifespan,
        # /docs is our own page over local Swagger UI files; FastAPI's loads them from a CDN.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.runtime = runtime
    app.state.templates = build_templates()
    install_error_handlers(app)
    install_openapi(app, settings)
    for module in (routes_check, routes_eval, routes_sources, routes_health, routes_pages, routes_docs):
        app.include_router(module.router)
    app.mount(routes_docs.ASSET_URL, StaticFiles(directory=routes_docs.swagger_assets()), name="swagger-ui")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def body_limit(scope: Scope) -> int | None:
        if scope["method"] not in ("POST", "PATCH"):
            return None  # no other method's body is read
        if scope["path"] in UPLOAD_PATHS:
            return settings.max_upload_bytes
        return settings.max_text_chars * TEXT_BODY_FACTOR + BODY_SLACK

    app.add_middleware(BodyLimitMiddleware, limit_for=body_limit)
    app.add_middleware(WrongKeyMiddleware, settings=settings)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(SecurityHeadersMiddleware)
    return app


def build_templates() -> Jinja2Templates:
    """Jinja2 templates (autoescaped) with the page's view helpers."""
    from factcheck.findings import whose_evidence
    from factcheck.meaning import CONFIDENCE_MEANING, LABEL_NAMES, LOW_CONFIDENCE
    from factcheck.sources import SUPPORTED_SUFFIXES

    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(
        label_names=presenter.LABEL_NAMES,
        safe_url=presenter.safe_url,
        passage_parts=presenter.passage_parts,
        percent=presenter.percent,
        clock=presenter.clock,
        evidence_heading=presenter.evidence_heading,
        unchecked_speaker=presenter.unchecked_speaker,
        reported=presenter.reported,
        voice_line=whose_evidence,
        same_words_note=presenter.same_words_note,
        upload_suffixes=SUPPORTED_SUFFIXES,
        confidence_meaning=CONFIDENCE_MEANING,
        low_confidence=LOW_CONFIDENCE,
        # Keyed by the verdicts' names: the page's script shows names, and a page without results names no label.
        meanings={"confidence": CONFIDENCE_MEANING, "low": {LABEL_NAMES[k]: v for k, v in LOW_CONFIDENCE.items()}},
        warning_advice=presenter.WARNING_ADVICE,
    )
    return templates

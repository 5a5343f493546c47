"""Response headers that keep the page inert against injected markup, and API-key checks."""

from __future__ import annotations

import hmac
from typing import Literal

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import APIError, error_page, error_response, wants_html
from factcheck.config import Settings

# Scripts and styles only from our own /static; no inline code, no plugins, no framing.
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy and related headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", PAGE_POLICY.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def key_matches(settings: Settings, presented: str | None) -> bool:
    """Constant-time comparison of a presented key with the configured one."""
    if settings.api_key is None:
        return True
    expected = settings.api_key.get_secret_value().encode()
    return presented is not None and hmac.compare_digest(presented.encode(), expected)


def bearer_token(request: Request) -> str | None:
    """The token of an `Authorization: Bearer` header, if any."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def check_key(settings: Settings, presented: str | None) -> None:
    """Raise 401 unless the presented key is right (or no key is configured)."""
    if not key_matches(settings, presented):
        message = "this endpoint needs an API key" if presented is None else "the API key is not valid"
        raise APIError(401, "unauthorized", message, headers={"WWW-Authenticate": 'Bearer realm="factcheck"'})


Access = Literal["write", "compute", "read"]
# The kinds of operation each protection level puts behind the key.
GUARDED: dict[str, frozenset[Access]] = {
    "writes": frozenset({"write"}),
    "compute": frozenset({"write", "compute"}),
    "all": frozenset({"write", "compute", "read"}),
}


def needs_key(settings: Settings, access: Access) -> bool:
    """Whether this kind of operation needs the API key under the configured protection level."""
    return settings.api_key is not None and access in GUARDED[settings.protection]


class Guard:
    """Dependency for one kind of operation (write, compute, read): the key, when the level covers the kind."""

    def __init__(self, access: Access) -> None:
        self.access: Access = access

    # Asynchronous, like every dependency here: a synchronous one waits for a thread-pool thread, and slow
    # requests holding all of them would hold up every other route.
    async def __call__(self, request: Request) -> None:
        settings: Settings = request.app.state.settings
        if needs_key(settings, self.access):
            check_key(settings, bearer_token(request))


WRITE, COMPUTE, READ = Guard("write"), Guard("compute"), Guard("read")


class WrongKeyMiddleware:
    """A bearer key that is not the configured one is refused on every path, routes, files and schema alike."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.settings.api_key is None:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        presented = bearer_token(request)
        if presented is None or key_matches(self.settings, presented):
            await self.app(scope, receive, send)
            return
        message, headers = "the API key is not valid", {"WWW-Authenticate": 'Bearer realm="factcheck"'}
        if wants_html(request):
            response = error_page(request, 401, message, headers)
        else:
            response = error_response(401, "unauthorized", message, headers)
        await response(scope, receive, send)

"""Articles and sources read from links: fetched under a policy, then read like a file of the same kind."""

from __future__ import annotations

import ipaddress
from dataclasses import replace
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit, urlunsplit

from factcheck.config import Settings
from factcheck.errors import FetchError, InputError
from factcheck.sources.budget import ReadLimits
from factcheck.sources.documents import LoadDefaults
from factcheck.sources.fetch import EVERYWHERE, FetchPolicy, Resolver, fetch, system_resolver
from factcheck.sources.formats import MEDIA_TYPES, SUFFIX_FORMATS
from factcheck.sources.loaders import parse_bytes
from factcheck.types import Document, FetchedArticle

ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
# Servers often label files they do not know as octet-stream: the content then decides.
SOURCE_TYPES = frozenset({*MEDIA_TYPES, "application/octet-stream"})
_SUFFIX_OF = {fmt: suffix for suffix, fmt in reversed(SUFFIX_FORMATS.items())}


def is_link(value: str) -> bool:
    """Whether a command-line argument is an http(s) link rather than a path."""
    return value.strip().lower().startswith(("http://", "https://"))


def fetch_policy(settings: Settings, anywhere: bool) -> FetchPolicy:
    """The policy from settings; `anywhere` (the command line, run by its own user) allows every address."""
    try:
        allowed = EVERYWHERE if anywhere else tuple(ipaddress.ip_network(n) for n in settings.fetch_allow_networks)
    except ValueError as exc:
        raise InputError(f"FACTCHECK_FETCH_ALLOW_NETWORKS: {exc}") from exc
    return FetchPolicy(
        timeout=settings.fetch_timeout,
        connect_timeout=min(settings.fetch_timeout, 5.0),
        max_bytes=settings.fetch_max_bytes,
        max_redirects=settings.fetch_max_redirects,
        allowed_networks=allowed,
    )


def read_article(
    url: str, policy: FetchPolicy, resolve: Resolver = system_resolver, limits: ReadLimits | None = None
) -> FetchedArticle:
    """The main text of the article at `url` (an HTML page or plain text)."""
    fetched = fetch(url, replace(policy, media_types=ARTICLE_TYPES), resolve)
    if fetched.media_type == "text/plain":
        text = _decode_text(fetched.data, fetched.charset).replace("\r\n", "\n")
        if not text.strip():
            raise FetchError(f"{fetched.url}: the page is empty")
        return FetchedArticle(url=fetched.url, title=None, text=text)
    from factcheck.sources.web import read_page

    page = read_page(fetched.data, fetched.url, url=fetched.url, limits=limits)
    return FetchedArticle(url=fetched.url, title=page.title, text=page.text)


def _decode_text(data: bytes, charset: str | None) -> str:
    """A plain-text body in its declared charset; UTF-8 when the charset is missing or one Python does not know."""
    try:
        return data.decode(charset or "utf-8", errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def link_id(url: str) -> str:
    """The document id of a linked source: the link without its fragment, scheme and host in lower case."""
    parts = urlsplit(url.strip())
    # Credentials in a link keep their case; only the host name is case-insensitive.
    netloc = parts.netloc if "@" in parts.netloc else parts.netloc.lower()
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def load_url(
    url: str,
    policy: FetchPolicy,
    defaults: LoadDefaults | None = None,
    resolve: Resolver = system_resolver,
    limits: ReadLimits | None = None,
) -> list[Document]:
    """Documents from a linked file of any format `ingest` reads, identified by `link_id(url)`.

    The address the file finally came from is their URL unless one is given.
    """
    fetched = fetch(url, replace(policy, media_types=SOURCE_TYPES), resolve)
    parts = urlsplit(fetched.url)
    name = PurePosixPath(unquote(parts.path)).name or parts.hostname or "page"
    hinted = MEDIA_TYPES.get(fetched.media_type)
    if PurePosixPath(name).suffix.lower() not in SUFFIX_FORMATS and hinted is not None:
        name += _SUFFIX_OF[hinted]
    base = defaults or LoadDefaults()
    with_url = replace(base, url=base.url or link_id(fetched.url))
    # Errors name the link the user gave, and where it led when that is elsewhere.
    given = url.strip()
    label = given if fetched.url == given else f"{given} (redirected to {fetched.url})"
    return parse_bytes(name, fetched.data, with_url, label=label, document_id=link_id(url), limits=limits)

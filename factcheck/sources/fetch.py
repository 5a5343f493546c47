"""Fetching a link: one deadline, a size limit on the decoded body, allowed media types, bounded redirects, no SSRF.

Every host is resolved and each of its addresses checked before connecting, after every redirect too;
the connection then goes to the checked address (the name kept for the Host header and TLS), so a DNS
answer that changes between the check and the connection cannot send the request elsewhere. Requests go
through httpcore directly: the body arrives undecoded, so its decoded size is counted as it streams.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urljoin

import httpcore
import httpx

from factcheck.errors import FetchError, FetchRefused
from factcheck.sources.addresses import IPAddress, IPNetwork, refusal
from factcheck.sources.decoding import ACCEPT_ENCODING, codings, decoded
from factcheck.sources.network import Deadline, DeadlineBackend

EVERYWHERE: tuple[IPNetwork, ...] = (ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0"))
USER_AGENT = "factcheck/0.1 (quote checker)"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# A DNS name: letters, digits, hyphens and underscores in dot-separated labels (after IDNA encoding).
_HOST_NAME = re.compile(r"^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_-]{1,63})*\.?$")
# Failures of the connection or of the server's HTTP, as httpcore and the socket layer raise them.
_TRANSPORT_ERRORS = (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol, OSError)
Resolver = Callable[[str, int], Sequence[str]]


@dataclass(frozen=True)
class FetchPolicy:
    """What a fetch may do: how long in all, how much, which media types, how many redirects, which addresses."""

    # Seconds for the whole fetch: connecting, every redirect, the headers and the body.
    timeout: float = 15.0
    connect_timeout: float = 5.0
    # Bytes of the body once decoded (and as received).
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    # Non-public addresses (private, loopback, link-local, ...) allowed anyway; public ones always are.
    allowed_networks: tuple[IPNetwork, ...] = ()
    media_types: frozenset[str] = frozenset({"text/html", "application/xhtml+xml", "text/plain"})


@dataclass(frozen=True)
class Fetched:
    """A fetched body with the address it finally came from and its media type and charset."""

    url: str
    data: bytes
    media_type: str
    charset: str | None = None
    redirects: list[str] = field(default_factory=list)


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for `host`."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host!r} ({exc})") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def check_address(text: str, policy: FetchPolicy, url: str) -> IPAddress:
    """The address to connect to, or FetchRefused when it is not public and not explicitly allowed."""
    address = ipaddress.ip_address(text.split("%")[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    why = refusal(address)
    if why is not None and not any(address in network for network in policy.allowed_networks):
        raise FetchRefused(f"{url}: {address} is {why}; fetching it is not allowed")
    return address


@dataclass(frozen=True)
class _Target:
    url: httpx.URL
    host: str
    port: int
    address: IPAddress


def parse_link(url: str, label: str) -> httpx.URL:
    """A link as httpx reads it; FetchError for anything that is not a well-formed http(s) link to a host."""
    try:
        parsed = httpx.URL(url)
        raw_host = parsed.raw_host.decode("ascii")
        port = parsed.port
    except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
        raise FetchError(f"{label}: not a valid link ({exc or type(exc).__name__})") from exc
    if parsed.scheme not in ("http", "https"):
        raise FetchError(f"{label}: only http:// and https:// links can be fetched")
    if not raw_host:
        raise FetchError(f"{label}: the link names no host")
    if not _is_address(raw_host) and not _HOST_NAME.match(raw_host):
        raise FetchError(f"{label}: {parsed.host!r} is not a valid host name")
    if port == 0:
        raise FetchError(f"{label}: port 0 cannot be fetched")
    return parsed


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    return True


def _target(current: str, label: str, policy: FetchPolicy, resolve: Resolver) -> _Target:
    """The parsed link and the checked address to connect to (errors name `label`)."""
    parsed = parse_link(current, label)
    host = parsed.raw_host.decode("ascii")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        addresses = [host] if _is_address(host) else list(resolve(host, port))
    except FetchError as exc:
        raise FetchError(f"{label}: {exc.message}") from exc
    if not addresses:
        raise FetchError(f"{label}: {host!r} has no address")
    checked = [check_address(a, policy, label) for a in addresses]
    return _Target(parsed, host, port, checked[0])


def _media_type(header: str | None) -> tuple[str, str | None]:
    message = Message()
    message["content-type"] = header or "application/octet-stream"
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


def fetch(url: str, policy: FetchPolicy, resolve: Resolver = system_resolver) -> Fetched:
    """GET `url` under `policy`; FetchError (or FetchRefused) naming the link for anything it refuses."""
    given = url.strip()
    deadline = Deadline(policy.timeout)
    seen: list[str] = []
    current = given
    # No proxies: the checked address must be the one connected to.
    with httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False), network_backend=DeadlineBackend(deadline), retries=0
    ) as pool:
        while True:
            # Errors name the link the user gave, and where its redirects led.
            label = current if current == given else f"{given} (redirected to {current})"
            target = _target(current, label, policy, resolve)
            seen.append(current)
            try:
                with _request(pool, target, policy) as response:
                    headers = httpx.Headers(response.headers)
                    if response.status in _REDIRECTS and "location" in headers:
                        current = _follow(given, current, headers["location"], seen, policy)
                        continue
                    return _read(response, headers, current, seen, policy)
            except httpcore.TimeoutException as exc:
                raise FetchError(f"{label}: timed out after {policy.timeout:g} s ({type(exc).__name__})") from exc
            except _TRANSPORT_ERRORS as exc:
                raise FetchError(f"{label}: cannot fetch ({exc or type(exc).__name__})") from exc


def _request(
    pool: httpcore.ConnectionPool, target: _Target, policy: FetchPolicy
) -> AbstractContextManager[httpcore.Response]:
    address = str(target.address).encode("ascii")
    url = httpcore.URL(scheme=target.url.raw_scheme, host=address, port=target.port, target=target.url.raw_path)
    netloc = target.url.netloc.decode("ascii")
    headers = [
        (b"Host", netloc.encode("ascii")),
        (b"User-Agent", USER_AGENT.encode("ascii")),
        (b"Accept-Encoding", ACCEPT_ENCODING.encode("ascii")),
        (b"Accept", b"*/*"),
    ]
    wait = policy.timeout
    timeouts = {"connect": policy.connect_timeout, "read": wait, "write": wait, "pool": wait}
    extensions: dict[str, object] = {"timeout": timeouts}
    if target.url.scheme == "https":
        extensions["sni_hostname"] = target.host
    return pool.stream("GET", url, headers=headers, extensions=extensions)


def _follow(given: str, current: str, location: str, seen: list[str], policy: FetchPolicy) -> str:
    try:
        following = urljoin(current, location)
    except ValueError as exc:
        raise FetchError(f"{given}: redirected to a malformed link {location!r} ({exc})") from exc
    if following in seen:
        raise FetchError(f"{given}: redirects in a loop (back to {following})")
    if len(seen) > policy.max_redirects:
        raise FetchError(f"{given}: more than {policy.max_redirects} redirects")
    return following


def _read(
    response: httpcore.Response, headers: httpx.Headers, url: str, seen: list[str], policy: FetchPolicy
) -> Fetched:
    """The decoded body of a final response, within the size limit and of an allowed media type."""
    reason = response.extensions.get("reason_phrase", b"").decode("ascii", "replace")
    if response.status >= 400:
        raise FetchError(f"{url}: the server answered {response.status} {reason}".rstrip())
    if response.status != 200:
        raise FetchError(f"{url}: unexpected answer {response.status} {reason}".rstrip())
    media_type, charset = _media_type(headers.get("content-type"))
    if media_type not in policy.media_types:
        allowed = ", ".join(sorted(policy.media_types))
        raise FetchError(f"{url}: the server sent {media_type}, not one of {allowed}")
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchError(f"{url}: {int(declared):,} bytes is over the limit of {policy.max_bytes:,}")
    applied = codings(headers.get("content-encoding"), url)
    chunks: list[bytes] = []
    size = 0
    for piece in decoded(_counted(response.iter_stream(), url, policy.max_bytes), applied, url):
        size += len(piece)
        if size > policy.max_bytes:
            raise FetchError(f"{url}: the page is larger than the limit of {policy.max_bytes:,} bytes once decoded")
        chunks.append(piece)
    return Fetched(url=url, data=b"".join(chunks), media_type=media_type, charset=charset, redirects=seen[:-1])


def _counted(chunks: Iterator[bytes], url: str, limit: int) -> Iterator[bytes]:
    """The raw body, refused once more than `limit` bytes have arrived."""
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise FetchError(f"{url}: the page is larger than the limit of {limit:,} bytes")
        yield chunk

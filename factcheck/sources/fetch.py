"""Fetching a link with httpx: timeouts, a size limit, allowed media types, bounded redirects and no SSRF.

Every host is resolved and each of its addresses checked before connecting, after every redirect too;
the connection then goes to the checked address (the name kept for the Host header and TLS), so a DNS
answer that changes between the check and the connection cannot send the request elsewhere.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urljoin, urlsplit

import httpx

from factcheck.errors import FetchError, FetchRefused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
EVERYWHERE: tuple[IPNetwork, ...] = (ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0"))
USER_AGENT = "factcheck/0.1 (quote checker)"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
Resolver = Callable[[str, int], Sequence[str]]


@dataclass(frozen=True)
class FetchPolicy:
    """What a fetch may do: how long, how much, which media types, how many redirects, which addresses."""

    connect_timeout: float = 5.0
    read_timeout: float = 15.0
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
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host!r} ({exc})") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _refusal(address: IPAddress) -> str | None:
    """Why an address is not public, or None for a public one."""
    for test, kind in (
        (address.is_loopback, "a loopback"),
        (address.is_link_local, "a link-local"),
        (address.is_private, "a private"),
        (address.is_multicast, "a multicast"),
        (address.is_reserved, "a reserved"),
        (address.is_unspecified, "an unspecified"),
    ):
        if test:
            return kind
    return None


def check_address(text: str, policy: FetchPolicy, url: str) -> IPAddress:
    """The address, or FetchRefused when it is not public and not explicitly allowed."""
    address = ipaddress.ip_address(text.split("%")[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    kind = _refusal(address)
    if kind is not None and not any(address in network for network in policy.allowed_networks):
        raise FetchRefused(f"{url}: {address} is {kind} address; fetching it is not allowed")
    return address


def _target(url: str, label: str, policy: FetchPolicy, resolve: Resolver) -> tuple[str, str, IPAddress]:
    """Scheme, host and the checked address to connect to for `url` (errors name `label`)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{label}: only http:// and https:// links can be fetched")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"{label}: bad port ({exc})") from exc
    host = parts.hostname
    try:
        ipaddress.ip_address(host)
        addresses = [host]
    except ValueError:
        addresses = list(resolve(host, port))
    if not addresses:
        raise FetchError(f"{label}: {host!r} has no address")
    checked = [check_address(a, policy, label) for a in addresses]
    return parts.scheme, host, checked[0]


def _media_type(header: str | None) -> tuple[str, str | None]:
    message = Message()
    message["content-type"] = header or "application/octet-stream"
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


def fetch(url: str, policy: FetchPolicy, resolve: Resolver = system_resolver) -> Fetched:
    """GET `url` under `policy`; FetchError (or FetchRefused) naming the link for anything it refuses."""
    timeout = httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout)
    seen: list[str] = []
    current = url.strip()
    # No proxies from the environment: the checked address must be the one connected to.
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
        while True:
            # Errors name the link the user gave, and where its redirects led.
            label = current if current == url.strip() else f"{url.strip()} (redirected to {current})"
            scheme, host, address = _target(current, label, policy, resolve)
            seen.append(current)
            pinned = httpx.URL(current).copy_with(host=str(address))
            headers = {"Host": httpx.URL(current).netloc.decode("ascii"), "User-Agent": USER_AGENT}
            extensions = {"sni_hostname": host} if scheme == "https" else {}
            try:
                with client.stream("GET", pinned, headers=headers, extensions=extensions) as response:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        following = urljoin(current, response.headers["location"])
                        if following in seen:
                            raise FetchError(f"{url}: redirects in a loop (back to {following})")
                        if len(seen) > policy.max_redirects:
                            raise FetchError(f"{url}: more than {policy.max_redirects} redirects")
                        current = following
                        continue
                    return _read(response, current, seen, policy)
            except httpx.TimeoutException as exc:
                raise FetchError(f"{current}: timed out ({type(exc).__name__})") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"{current}: cannot fetch ({exc or type(exc).__name__})") from exc


def _read(response: httpx.Response, url: str, seen: list[str], policy: FetchPolicy) -> Fetched:
    """The body of a final response, within the size limit and of an allowed media type."""
    if response.status_code >= 400:
        raise FetchError(f"{url}: the server answered {response.status_code} {response.reason_phrase}")
    if response.status_code != 200:
        raise FetchError(f"{url}: unexpected answer {response.status_code} {response.reason_phrase}")
    media_type, charset = _media_type(response.headers.get("content-type"))
    if media_type not in policy.media_types:
        allowed = ", ".join(sorted(policy.media_types))
        raise FetchError(f"{url}: the server sent {media_type}, not one of {allowed}")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchError(f"{url}: {int(declared):,} bytes is over the limit of {policy.max_bytes:,}")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchError(f"{url}: the page is larger than the limit of {policy.max_bytes:,} bytes")
        chunks.append(chunk)
    return Fetched(url=url, data=b"".join(chunks), media_type=media_type, charset=charset, redirects=seen[:-1])

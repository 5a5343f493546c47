"""Which IP addresses a fetch may reach: only globally routable ones, judged after unwrapping embedded IPv4.

The tables follow the IANA special-purpose address registries (RFC 6890 and its updates), not the
`ipaddress` flags, whose ranges changed between Python patch releases. IPv6 outside global unicast
(2000::/3) is never public, which also covers deprecated site-local fec0::/10; addresses that carry an
IPv4 address (IPv4-mapped and -compatible, NAT64, 6to4, Teredo) are judged by the address they carry.
"""

from __future__ import annotations

import ipaddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def _networks(*specs: tuple[str, str]) -> tuple[tuple[IPNetwork, str], ...]:
    return tuple((ipaddress.ip_network(network), kind) for network, kind in specs)


# IPv4 blocks that are not globally reachable, with what they are (the first match names the refusal).
IPV4_NOT_GLOBAL = _networks(
    ("0.0.0.0/8", "an unspecified ('this network')"),
    ("10.0.0.0/8", "a private"),
    ("100.64.0.0/10", "a shared (carrier-grade NAT)"),
    ("127.0.0.0/8", "a loopback"),
    ("169.254.0.0/16", "a link-local"),
    ("172.16.0.0/12", "a private"),
    # All of it: its two globally reachable anycast hosts (.9, .10) never serve pages.
    ("192.0.0.0/24", "an IETF protocol"),
    ("192.0.2.0/24", "a documentation"),
    ("192.88.99.0/24", "a 6to4 relay anycast"),
    ("192.168.0.0/16", "a private"),
    ("198.18.0.0/15", "a benchmarking"),
    ("198.51.100.0/24", "a documentation"),
    ("203.0.113.0/24", "a documentation"),
    ("224.0.0.0/4", "a multicast"),
    ("240.0.0.0/4", "a reserved"),
)
GLOBAL_UNICAST = ipaddress.ip_network("2000::/3")
# Special-purpose blocks inside global unicast that are not globally reachable (Teredo among them).
IPV6_NOT_GLOBAL = _networks(
    ("2001::/23", "an IETF protocol"),
    ("2001:db8::/32", "a documentation"),
    ("3fff::/20", "a documentation"),
)
# What the commonest blocks outside global unicast are, to name them in a refusal.
IPV6_LOCAL = _networks(
    ("::/128", "an unspecified"),
    ("::1/128", "a loopback"),
    ("64:ff9b:1::/48", "a local-use NAT64"),
    ("100::/64", "a discard-only"),
    ("fc00::/7", "a unique local (private)"),
    ("fe80::/10", "a link-local"),
    ("fec0::/10", "a site-local"),
    ("ff00::/8", "a multicast"),
)
NAT64 = ipaddress.ip_network("64:ff9b::/96")
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
SIXTOFOUR = ipaddress.ip_network("2002::/16")
TEREDO = ipaddress.ip_network("2001::/32")


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[tuple[ipaddress.IPv4Address, str]]:
    """The IPv4 addresses an IPv6 address carries, each with the mechanism that embeds it."""
    if address.ipv4_mapped is not None:
        return [(address.ipv4_mapped, "IPv4-mapped")]
    low = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address in IPV4_COMPATIBLE and int(address) > 1:
        return [(low, "IPv4-compatible")]
    if address in NAT64 or address in IPV6_LOCAL[2][0]:
        return [(low, "NAT64")]
    if address.sixtofour is not None:
        return [(address.sixtofour, "6to4")]
    if address.teredo is not None:
        server, client = address.teredo
        return [(server, "Teredo server"), (client, "Teredo client")]
    return []


def _kind(table: tuple[tuple[IPNetwork, str], ...], address: IPAddress) -> str | None:
    return next((kind for network, kind in table if address in network), None)


def refusal(address: IPAddress) -> str | None:
    """Why an address is not globally routable ("a loopback address", ...), or None for a public address."""
    if isinstance(address, ipaddress.IPv4Address):
        kind = _kind(IPV4_NOT_GLOBAL, address)
        return f"{kind} address" if kind else None
    for inner, how in embedded_ipv4(address):
        kind = _kind(IPV4_NOT_GLOBAL, inner)
        if kind:
            return f"{kind} address ({inner}) carried by {how}"
    if address.ipv4_mapped is not None or address in NAT64:
        return None  # it reaches the public IPv4 address it carries
    if address not in GLOBAL_UNICAST:
        return f"{_kind(IPV6_LOCAL, address) or 'a reserved'} address"
    kind = _kind(IPV6_NOT_GLOBAL, address)
    return f"{kind} address" if kind else None

"""Content-Encoding decoded as the body streams, never more than a bounded piece at a time.

A compressed body of a few kilobytes can inflate to gigabytes; decoding each piece with an output bound
lets the caller count decoded bytes against its limit before they pile up. Only the codings asked for
(gzip, deflate) are decoded; a server that sends another one (br, zstd, compress) is refused.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

from factcheck.errors import FetchError

ACCEPT_ENCODING = "gzip, deflate"
# The most a single decompression step may produce.
PIECE = 64 * 1024
_ZLIB = zlib.MAX_WBITS
_GZIP = zlib.MAX_WBITS | 16
_RAW_DEFLATE = -zlib.MAX_WBITS


def codings(header: str | None, label: str) -> list[str]:
    """The codings of a Content-Encoding header in the order they were applied; FetchError for unknown ones."""
    found = [c.strip().lower() for c in (header or "").split(",") if c.strip()]
    found = [c for c in found if c != "identity"]
    for coding in found:
        if coding not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(f"{label}: the server sent a body encoded with {coding!r}, which was not asked for")
    return found


def _inflate(chunks: Iterable[bytes], wbits: int, label: str) -> Iterator[bytes]:
    decoder = zlib.decompressobj(wbits)
    started = False
    try:
        for chunk in chunks:
            if not started and chunk and wbits == _ZLIB and (chunk[0] & 0x0F) != 8:
                # "deflate" is meant to be zlib-wrapped, but some servers send raw deflate data.
                decoder = zlib.decompressobj(_RAW_DEFLATE)
            started = started or bool(chunk)
            data = chunk
            while data:
                yield decoder.decompress(data, PIECE)
                data = decoder.unconsumed_tail
                if decoder.eof:
                    break
        yield decoder.flush(PIECE)
    except zlib.error as exc:
        raise FetchError(f"{label}: the compressed body is damaged ({exc})") from exc


def decoded(chunks: Iterable[bytes], applied: list[str], label: str) -> Iterator[bytes]:
    """The body with `applied` codings undone, last applied first, in pieces of at most PIECE bytes."""
    stream: Iterable[bytes] = chunks
    for coding in reversed(applied):
        stream = _inflate(stream, _ZLIB if coding == "deflate" else _GZIP, label)
    return (piece for piece in stream if piece)

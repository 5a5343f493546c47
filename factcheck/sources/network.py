"""An httpcore network backend that holds every socket operation of a fetch to one deadline.

httpx's timeouts apply to each read or write on its own, so a server that sends a byte a second never
trips them; here each connect, TLS handshake, read and write may wait only for what is left of the
whole fetch's time.
"""

from __future__ import annotations

import math
import ssl
import time
from collections.abc import Iterable
from typing import Any

import httpcore

SocketOption = tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]


class Deadline:
    """A point in monotonic time; `left()` is what remains of it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def left(self) -> float:
        """Seconds until the deadline (0 once passed)."""
        return max(0.0, self.at - time.monotonic())

    def clamp(self, timeout: float | None, error: type[httpcore.TimeoutException]) -> float:
        """The shorter of `timeout` and the time left; `error` when none is left."""
        left = self.left()
        if left <= 0:
            raise error(f"the fetch took longer than {self.seconds:g} s")
        return min(left, timeout if timeout is not None else math.inf)


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose operations never wait past the deadline."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: Deadline) -> None:
        self.stream = stream
        self.deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, self.deadline.clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, self.deadline.clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        wait = self.deadline.clamp(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self.stream.start_tls(ssl_context, server_hostname, wait), self.deadline)

    def get_extra_info(self, info: str) -> Any:
        return self.stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's own synchronous backend, every wait cut to what is left of `deadline`."""

    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline
        self.backend = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        wait = self.deadline.clamp(timeout, httpcore.ConnectTimeout)
        stream = self.backend.connect_tcp(host, port, wait, local_address, socket_options)
        return DeadlineStream(stream, self.deadline)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[SocketOption] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.UnsupportedProtocol("fetches go over TCP only")

    def sleep(self, seconds: float) -> None:
        time.sleep(min(seconds, self.deadline.left()))

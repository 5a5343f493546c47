"""How far reading one file may go: the memory its unpacked content may take, and the time.

Readers turn what they are about to build (XML elements, caption cues, PDF content tokens) into bytes
with the cost measured for their library, and spend it from one budget per file, so a small file that
unpacks to a huge structure is refused before it is built.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from factcheck.config import Settings
from factcheck.errors import InputError


@dataclass(frozen=True)
class ReadLimits:
    """Bytes a file's content may take once unpacked and parsed, and seconds reading it may take."""

    max_bytes: int = 100_000_000
    seconds: float = 60.0


def read_limits(settings: Settings) -> ReadLimits:
    """The limits `FACTCHECK_PARSE_MAX_BYTES` and `FACTCHECK_PARSE_TIMEOUT` set."""
    return ReadLimits(max_bytes=settings.parse_max_bytes, seconds=settings.parse_timeout)


class Budget:
    """The limits applied to reading one file; InputError naming the file once it goes over either."""

    def __init__(self, limits: ReadLimits | None, label: str) -> None:
        self.limits = limits or ReadLimits()
        self.label = label
        self.used = 0
        self.ends = time.monotonic() + self.limits.seconds

    def spend(self, size: int, what: str) -> None:
        """Count `size` bytes of unpacked content (`what` says which, for the message)."""
        self.used += size
        if self.used > self.limits.max_bytes:
            raise InputError(
                f"{self.label}: {what} would take more than the limit of {self.limits.max_bytes:,} bytes "
                "once unpacked (FACTCHECK_PARSE_MAX_BYTES)"
            )

    def check_time(self) -> None:
        """InputError once reading has taken longer than the limit."""
        if time.monotonic() > self.ends:
            raise InputError(
                f"{self.label}: reading the file took longer than {self.limits.seconds:g} s (FACTCHECK_PARSE_TIMEOUT)"
            )

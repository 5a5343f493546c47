"""Reading JSON Lines with errors that name the file and line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from factcheck.errors import InputError


def json_lines(lines: Iterable[str], label: str) -> Iterator[tuple[int, str, Any]]:
    """(line number, "LABEL:LINE", value) for every non-blank line; InputError on the first bad one."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{label}:{number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
        yield number, where, value

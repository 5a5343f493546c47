"""`factcheck eval` (being built)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    """Add the `eval` parser."""
    p: argparse.ArgumentParser = sub.add_parser("eval", help="eval (being built)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Not available yet."""
    raise SystemExit("factcheck eval: not available yet")

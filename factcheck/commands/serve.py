"""`factcheck serve` (being built)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    """Add the `serve` parser."""
    p: argparse.ArgumentParser = sub.add_parser("serve", help="serve (being built)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Not available yet."""
    raise SystemExit("factcheck serve: not available yet")

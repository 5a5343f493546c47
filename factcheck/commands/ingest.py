"""`factcheck ingest` (being built)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    """Add the `ingest` parser."""
    p: argparse.ArgumentParser = sub.add_parser("ingest", help="ingest (being built)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Not available yet."""
    raise SystemExit("factcheck ingest: not available yet")

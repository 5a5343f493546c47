"""CLI commands; each module exposes `register(subparsers)` and sets `func` on its parser."""

from __future__ import annotations

from types import ModuleType

from factcheck.commands import check, eval, extract, ingest, serve, sources

COMMANDS: tuple[ModuleType, ...] = (ingest, sources, extract, check, serve, eval)

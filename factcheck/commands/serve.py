"""`factcheck serve`: the HTTP API and web page under uvicorn."""

from __future__ import annotations

import argparse
import os
from typing import Any

from factcheck.commands.common import add_store_options, settings_from_args
from factcheck.errors import InputError

# Workers are separate processes that build their own app from this factory and the environment.
APP_FACTORY = "api.app:create_app"


def register(sub: Any) -> None:
    """Add the `serve` parser."""
    p: argparse.ArgumentParser = sub.add_parser("serve", help="serve the HTTP API and the web page")
    add_store_options(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to bind (default: 8000)")
    p.add_argument("--workers", type=int, default=1, help="worker processes, each loading the models once")
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Start uvicorn with the app factory; settings reach every worker through the environment."""
    import uvicorn

    if args.workers < 1:
        raise InputError("--workers must be at least 1")
    if not 0 <= args.port <= 65535:
        raise InputError("--port must be between 0 and 65535")
    settings = settings_from_args(args)
    os.environ["FACTCHECK_STORE"] = str(settings.store)
    if settings.chroma_url:
        os.environ["FACTCHECK_CHROMA_URL"] = settings.chroma_url
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        proxy_headers=False,
    )
    return 0

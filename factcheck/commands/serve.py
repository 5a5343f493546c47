"""`factcheck serve`: the HTTP API and web page under uvicorn."""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from factcheck.commands.common import add_store_options, settings_from_args
from factcheck.errors import InputError, StoreError
from factcheck.processes import chroma_command, free_port, stop_process

# Workers are separate processes that build their own app from this factory and the environment.
APP_FACTORY = "api.app:create_app"
CHROMA_START_SECONDS = 60.0
log = logging.getLogger(__name__)


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
    from factcheck.store.layout import prepare_directory

    settings = settings_from_args(args)
    if (settings.protect or settings.protect_reads) and settings.api_key is None:
        level = "FACTCHECK_PROTECT" if settings.protect else "FACTCHECK_PROTECT_READS"
        raise InputError(f"{level} is set but FACTCHECK_API_KEY is not: without a key nothing would be protected")
    # Made (or refused) once here, not by every worker at the same moment.
    prepare_directory(settings.store.expanduser())
    with ExitStack() as stack:
        chroma_url = settings.chroma_url
        if args.workers > 1 and not chroma_url:
            # Chroma's embedded client keeps per-process index state, so separate worker processes writing
            # one directory would diverge; they share it through one Chroma server over that directory.
            chroma_url = stack.enter_context(chroma_server(settings.store.expanduser()))
        os.environ["FACTCHECK_STORE"] = str(settings.store)
        if chroma_url:
            os.environ["FACTCHECK_CHROMA_URL"] = chroma_url
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


@contextmanager
def chroma_server(root: Path) -> Iterator[str]:
    """A `chroma run` child process serving the store directory on a free loopback port."""
    from factcheck.store.layout import local_chroma_path

    command = chroma_command()
    if command is None:
        raise StoreError("several workers need the `chroma` command (from the chromadb package) on PATH")
    port = free_port()
    path = local_chroma_path(root)
    process = subprocess.Popen(
        [str(command), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_heartbeat(process, url, path)
        log.info("Chroma server for %s on %s", path, url)
        yield url
    finally:
        stop_process(process)


def _wait_for_heartbeat(process: subprocess.Popen[bytes], url: str, path: Path) -> None:
    deadline = time.monotonic() + CHROMA_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StoreError(f"the Chroma server for {path} exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise StoreError(f"the Chroma server for {path} did not start within {CHROMA_START_SECONDS:.0f} s")

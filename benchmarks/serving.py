"""`factcheck serve` as a child process on a free loopback port, for benchmarks and tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx

from factcheck.processes import free_port, stop_process


@contextmanager
def serve(
    store: Path,
    *args: str,
    env: Mapping[str, str] | None = None,
    log: Path | None = None,
    timeout: float = 300.0,
    cwd: Path | None = None,
) -> Iterator[str]:
    """Run `factcheck serve --store STORE ARGS` (in `cwd`) until /readyz answers 200; yields the base URL."""
    with serve_process(store, *args, env=env, log=log, timeout=timeout, cwd=cwd) as (base, _):
        yield base


@contextmanager
def serve_process(
    store: Path,
    *args: str,
    env: Mapping[str, str] | None = None,
    log: Path | None = None,
    timeout: float = 300.0,
    cwd: Path | None = None,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`serve`, yielding the base URL and the server process (with one worker, the worker itself)."""
    port = free_port()
    command = [sys.executable, "-m", "factcheck.cli", "serve", "--store", str(store), "--port", str(port), *args]
    # Output goes to a file: an unread pipe would block the server once its access log fills the buffer.
    sink = log.open("ab") if log else open(os.devnull, "wb")  # noqa: SIM115 - closed in finally
    process = subprocess.Popen(
        command,
        env={**os.environ, **(env or {})},
        stdout=sink,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                tail = log.read_text(errors="replace")[-2000:] if log else ""
                raise RuntimeError(f"factcheck serve exited with {process.returncode}\n{tail}")
            try:
                if httpx.get(f"{base}/readyz", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("factcheck serve did not become ready in time")
            time.sleep(0.25)
        yield base, process
    finally:
        stop_process(process, grace=30)
        sink.close()

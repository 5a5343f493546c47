"""A throwaway PostgreSQL server for tests: a temp data directory, a free loopback port, removed after."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from factcheck.catalog_server import SYSTEM_ACCOUNT, PostgresServer, postgres_bin

# A test catalog need not survive a power cut: no flush to disk on every commit.
TEST_OPTIONS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


@contextmanager
def temporary_postgres() -> Iterator[str]:
    """The URL of a new PostgreSQL server, or a skip when PostgreSQL is not installed."""
    if postgres_bin() is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    # Not under pytest's root-only temp dir: a root run hands the directory to the `postgres` account.
    base = Path(tempfile.mkdtemp(prefix="factcheck-pg-"))
    try:
        if os.geteuid() == 0:
            shutil.chown(base, SYSTEM_ACCOUNT, SYSTEM_ACCOUNT)
        with PostgresServer(base / "data", options=TEST_OPTIONS) as server:
            yield server.url
    finally:
        shutil.rmtree(base, ignore_errors=True)

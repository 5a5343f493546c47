"""Options and helpers shared by several commands."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from factcheck.config import Settings
from factcheck.errors import EmptyStoreError, InputError
from factcheck.pipeline import Components
from factcheck.stages import SourceStore


def add_store_options(parser: argparse.ArgumentParser) -> None:
    """`--store`, `--chroma-url` and `--catalog-url`, which every store-backed command accepts."""
    parser.add_argument("--store", type=Path, help="store directory (default: $FACTCHECK_STORE or per-user dir)")
    parser.add_argument("--chroma-url", help="use a Chroma server instead of a local directory")
    parser.add_argument(
        "--catalog-url",
        help="keep the catalog (documents, lexical index, speakers) on this PostgreSQL server, shared by every "
        "client of the Chroma server (default: $FACTCHECK_CATALOG_URL, else a file in the store directory)",
    )


def settings_from_args(args: argparse.Namespace, **extra: Any) -> Settings:
    """Settings from the environment, overridden by the flags the user actually gave."""
    overrides: dict[str, Any] = {k: v for k, v in extra.items() if v is not None}
    if getattr(args, "store", None) is not None:
        overrides["store"] = args.store
    if getattr(args, "chroma_url", None):
        overrides["chroma_url"] = args.chroma_url
    if getattr(args, "catalog_url", None):
        overrides["catalog_url"] = args.catalog_url
    return Settings(**overrides)


def existing_store(components: Components) -> SourceStore:
    """The configured store, refused unless it exists: only `ingest` creates stores."""
    from factcheck.store.layout import is_store, prepare_directory

    settings = components.settings
    # Checked before opening: opening a local store directory would create it.
    root = settings.store.expanduser()
    if not settings.chroma_url and not is_store(root):
        if root.is_file() or (root.is_dir() and any(root.iterdir())):
            prepare_directory(root)  # refuses a file or a foreign directory, saying which
        where, fill = _fill_command(settings)
        raise EmptyStoreError(f"there is no store at {where} (nothing was ingested there); create one with {fill}")
    return components.get_store()


def filled_store(components: Components) -> SourceStore:
    """The configured store, refused unless it exists and holds documents."""
    store = existing_store(components)
    if store.count_documents() == 0:
        where, fill = _fill_command(components.settings)
        raise EmptyStoreError(f"the store at {where} holds no documents; fill it with {fill}")
    return store


def _fill_command(settings: Settings) -> tuple[str, str]:
    """Where the store is, and the command that fills it."""
    if settings.chroma_url:
        where, option = settings.chroma_url, f"--chroma-url {shlex.quote(settings.chroma_url)}"
    else:
        where, option = str(settings.store), f"--store {shlex.quote(str(settings.store))}"
    return where, f"`factcheck ingest FILE... {option}`"


def read_input(path: str, limit: int | None = None) -> str:
    """Text of a file, or of standard input for `-`, with a clear error for unreadable input."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if limit is not None and len(data) > limit * 4:
        raise InputError(f"{path}: input is larger than the limit of {limit} characters")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise InputError(f"{path}: looks like a binary file, not text")
    if limit is not None and len(text) > limit:
        raise InputError(f"{path}: input is larger than the limit of {limit} characters")
    return text

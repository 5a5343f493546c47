"""Store and file helpers shared by the store, fault, upload and CLI tests."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def write_jsonl(path: Path, records: Iterable[Any]) -> Path:
    """`records` written to `path` as JSON lines."""
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def committed_documents(*catalogs: Path) -> int:
    """Documents committed so far, read from the first readable catalog the way another process would."""
    for path in catalogs:
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
                return int(db.execute("SELECT count(*) FROM documents").fetchone()[0])
        except sqlite3.Error:
            continue
    return 0


def tree_digest(root: Path, skip: Path | None = None) -> dict[str, str]:
    """A hash of every file below `root` (those below `skip` left out), by relative path."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file() and (skip is None or skip not in p.parents)
    }

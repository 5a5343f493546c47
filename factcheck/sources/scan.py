"""Which files an ingest reads, the id each file's documents get, and which files it passes over (and why)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import InputError
from factcheck.sources.formats import SUFFIX_FORMATS


@dataclass(frozen=True)
class SourceFile:
    """A file to load, and the id of its document (the prefix of its documents' ids, for a grouped transcript)."""

    path: Path
    document_id: str

    def other_ids(self) -> list[str]:
        """Ids the same file gets when reached another way: each tail of its absolute path, shortest first."""
        parts = self.path.resolve().parts[1:]
        tails = ("/".join(parts[i:]) for i in range(len(parts) - 1, -1, -1))
        return [tail for tail in tails if tail != self.document_id]


@dataclass(frozen=True)
class Scan:
    """The files found, and one line per file passed over saying why."""

    files: list[SourceFile] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def file_id(path: Path, folder: Path | None = None) -> str:
    """A file's document id: its path relative to the folder given, or as given, with POSIX separators."""
    return (path.relative_to(folder) if folder is not None else path).as_posix()


def _hidden(path: Path, folder: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(folder).parts)


def _why_not(path: Path) -> str | None:
    """Why a file found in a folder is not read, or None when it is."""
    suffix = path.suffix.lower()
    if suffix in SUFFIX_FORMATS:
        return None
    supported = ", ".join(SUFFIX_FORMATS)
    kind = f"{suffix!r} is not a format ingest reads" if suffix else "a file without an extension is not read"
    return f"{kind} ({supported})"


def scan_paths(paths: Iterable[Path]) -> Scan:
    """Files named directly, plus the files under named folders (sorted); hidden files and folders are left out."""
    scan = Scan()
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
            readable = []
            for candidate in found:
                reason = _why_not(candidate)
                if reason:
                    scan.skipped.append(f"{candidate}: skipped, {reason}")
                else:
                    readable.append(SourceFile(candidate, file_id(candidate, path)))
            if not readable:
                raise InputError(f"{path}: no supported files ({', '.join(SUFFIX_FORMATS)})")
            scan.files.extend(readable)
        elif path.exists():
            scan.files.append(SourceFile(path, file_id(path)))
        else:
            raise InputError(f"{path}: no such file or directory")
    return scan

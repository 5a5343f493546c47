"""Files and uploads to `Document`s: the format chosen, its reader run; a file is validated whole first."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath

from factcheck.errors import InputError
from factcheck.sources.budget import ReadLimits
from factcheck.sources.documents import LoadDefaults, RawSource
from factcheck.sources.formats import SUFFIX_FORMATS, Format, detect_format
from factcheck.sources.readers import READERS
from factcheck.sources.scan import file_id, scan_paths
from factcheck.types import Document

SUPPORTED_SUFFIXES = tuple(SUFFIX_FORMATS)


def _safe_name(filename: str) -> str:
    """The last component of a client-supplied file name, whatever its path style, at most 200 chars."""
    name = PureWindowsPath(PurePosixPath(filename).name).name
    suffix = PurePosixPath(name).suffix
    return name if len(name) <= 200 else name[: 200 - len(suffix)] + suffix


def parse_upload(
    filename: str, data: bytes, defaults: LoadDefaults | None = None, limits: ReadLimits | None = None
) -> list[Document]:
    """Documents from uploaded bytes; the file name (no folders) chooses the format and is the document id."""
    name = _safe_name(filename)
    label = name or "upload"
    return parse_bytes(name, data, defaults or LoadDefaults(), label=label, document_id=label, limits=limits)


def load_path(
    path: Path, defaults: LoadDefaults | None = None, document_id: str | None = None, limits: ReadLimits | None = None
) -> list[Document]:
    """Documents from one file on disk, identified by `document_id` (default: the path as given)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    doc_id = document_id or file_id(path)
    return parse_bytes(path.name, data, defaults or LoadDefaults(), str(path), document_id=doc_id, limits=limits)


def load_paths(
    paths: Sequence[Path], defaults: LoadDefaults | None = None, limits: ReadLimits | None = None
) -> list[tuple[Path, list[Document]]]:
    """Every file loaded and validated before any is stored (files a folder holds in other formats are passed over)."""
    return [(f.path, load_path(f.path, defaults, f.document_id, limits)) for f in scan_paths(paths).files]


def parse_bytes(
    name: str,
    data: bytes,
    defaults: LoadDefaults,
    label: str,
    kind: Format | None = None,
    document_id: str | None = None,
    limits: ReadLimits | None = None,
) -> list[Document]:
    """Documents from the bytes of a file called `name` (its extension, or `kind`, and its stem only).

    The file's document is identified by `document_id` (default: `name`); a transcript grouped into
    several documents gives each the id `DOCUMENT_ID:group-slug`. Readers keep within `limits` (read limits).
    """
    kind = kind or detect_format(PurePosixPath(name).suffix.lower(), data, label)
    doc_id = (document_id or name)[:400]
    source = RawSource(name, data, doc_id, label, defaults, limits or ReadLimits())
    return READERS[kind](source)

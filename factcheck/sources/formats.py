"""Which reader a file needs, from its content first and its extension second."""

from __future__ import annotations

import io
import zipfile
from typing import Literal

from factcheck.errors import InputError
from factcheck.sources.captions import looks_like_srt
from factcheck.sources.transcripts import is_numbered_table
from factcheck.sources.web import looks_like_html

Format = Literal["jsonl", "text", "markdown", "html", "csv", "tsv", "pdf", "docx", "vtt", "srt"]
SUFFIX_FORMATS: dict[str, Format] = {
    ".jsonl": "jsonl",
    ".txt": "text",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".tsv": "tsv",
    ".pdf": "pdf",
    ".docx": "docx",
    ".vtt": "vtt",
    ".srt": "srt",
}
# Media types a web server may send for each format (for fetched links, before the content is looked at).
MEDIA_TYPES: dict[str, Format] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/vtt": "vtt",
    "application/x-subrip": "srt",
    "application/jsonl": "jsonl",
    "application/x-ndjson": "jsonl",
}
SNIFF_BYTES = 4096
# Lines of a text file looked at to recognise a headerless transcript table.
SNIFF_LINES = 20
_BINARY: tuple[Format, ...] = ("pdf", "docx")


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _sniff_text(head: str) -> Format | None:
    """A text format recognisable from the start of the file."""
    stripped = head.lstrip("\ufeff")
    if stripped.startswith("WEBVTT") and stripped[6:7] in ("", " ", "\t", "\n", "\r"):
        return "vtt"
    if looks_like_srt(stripped):
        return "srt"
    if looks_like_html(stripped):
        return "html"
    lines = [line for line in stripped.replace("\r\n", "\n").split("\n")[:SNIFF_LINES] if line.strip()]
    # The last line of the sample may be cut short; the rest decide.
    sample = lines[:-1] if len(lines) > 2 else lines
    if sample and is_numbered_table([line.split("\t") for line in sample]):
        return "tsv"
    return None


def detect_format(suffix: str, data: bytes, label: str) -> Format:
    """The format of a file called `*suffix` holding `data`; InputError when it is none we read."""
    by_suffix = SUFFIX_FORMATS.get(suffix)
    if data.startswith(b"%PDF-"):
        by_content: Format | None = "pdf"
    elif _is_docx(data):
        by_content = "docx"
    else:
        by_content = _sniff_text(data[:SNIFF_BYTES].decode("utf-8", errors="ignore"))
    if by_suffix in _BINARY and by_content != by_suffix:
        kind = "a PDF" if by_suffix == "pdf" else "a Word (.docx) file"
        raise InputError(f"{label}: not {kind} (the content does not match the {suffix} extension)")
    if by_content is not None:
        # JSONL and CSV files are not second-guessed: a JSON line can hold any text.
        return by_suffix if by_suffix in ("jsonl", "csv") else by_content
    if by_suffix is None:
        supported = ", ".join(SUFFIX_FORMATS)
        raise InputError(f"{label}: unsupported file type {suffix or '(none)'!r}; use one of {supported}")
    return by_suffix

"""One reader per format, all of one shape: a file's bytes and the user's defaults in, documents out."""

from __future__ import annotations

from collections.abc import Callable

from factcheck.sources.captions import read_srt, read_vtt
from factcheck.sources.documents import RawSource
from factcheck.sources.docx import read_docx_file
from factcheck.sources.formats import Format
from factcheck.sources.jsonl import read_jsonl
from factcheck.sources.pdf import read_pdf_file
from factcheck.sources.plaintext import read_markdown, read_text
from factcheck.sources.transcripts import read_csv, read_tsv
from factcheck.sources.web import read_html
from factcheck.types import Document

Reader = Callable[[RawSource], list[Document]]

# The heavy libraries (pypdf, python-docx, trafilatura, webvtt, srt) are imported inside the readers, when a
# file of their format is read.
READERS: dict[Format, Reader] = {
    "jsonl": read_jsonl,
    "text": read_text,
    "markdown": read_markdown,
    "html": read_html,
    "csv": read_csv,
    "tsv": read_tsv,
    "pdf": read_pdf_file,
    "docx": read_docx_file,
    "vtt": read_vtt,
    "srt": read_srt,
}

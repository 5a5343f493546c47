"""Source loading (JSONL, text, Markdown, HTML, CSV/TSV transcripts) and passage chunking."""

from factcheck.sources.chunking import CHUNKER_VERSION, split_passages, split_sentences
from factcheck.sources.loaders import (
    SUPPORTED_SUFFIXES,
    LoadDefaults,
    document_revision,
    load_path,
    load_paths,
    parse_upload,
    validate_date,
)

__all__ = [
    "CHUNKER_VERSION",
    "SUPPORTED_SUFFIXES",
    "LoadDefaults",
    "document_revision",
    "load_path",
    "load_paths",
    "parse_upload",
    "split_passages",
    "split_sentences",
    "validate_date",
]

"""Reading sources (one reader per format, registered in `readers.READERS`) and splitting them into passages.

The way through, top to bottom: `scan` finds files and their ids, `formats` tells each file's format,
`loaders` runs its reader (`readers`), which builds documents with `documents`; `chunking` splits them.
"""

from factcheck.sources.chunking import CHUNKER_VERSION, split_passages, split_sentences
from factcheck.sources.documents import LoadDefaults, document_revision, validate_date
from factcheck.sources.loaders import SUPPORTED_SUFFIXES, load_path, load_paths, parse_upload

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

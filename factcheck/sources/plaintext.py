"""Plain text and Markdown files: the text as it is ("NAME: text" lines make a transcript), front matter read."""

from __future__ import annotations

from factcheck.errors import InputError
from factcheck.sources.documents import Found, RawSource, decode, text_document
from factcheck.sources.frontmatter import read_front_matter
from factcheck.types import Document


def read_text(source: RawSource) -> list[Document]:
    """One document from a UTF-8 text file."""
    return [_document(source, decode(source.data, source.label), Found())]


def read_markdown(source: RawSource) -> list[Document]:
    """One document from a Markdown file; its front matter fills metadata and is left out of the text."""
    matter = read_front_matter(decode(source.data, source.label), source.label)
    found = Found(title=matter.title, speaker=matter.speaker, date=matter.date, url=matter.url)
    return [_document(source, matter.body, found)]


def _document(source: RawSource, text: str, found: Found) -> Document:
    if not text.strip():
        raise InputError(f"{source.label}: no text in the file")
    return text_document(source.document_id, text, source.defaults, found)

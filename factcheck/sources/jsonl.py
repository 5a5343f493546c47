"""JSON Lines sources, and the same records sent as a JSON request: one document per object."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from factcheck.errors import InputError
from factcheck.jsonlines import json_lines
from factcheck.sources.documents import (
    Found,
    LoadDefaults,
    RawSource,
    content_hash,
    decode,
    text_document,
    validate_date,
)
from factcheck.types import Document

_FIELDS = ("id", "text", "speaker", "title", "date", "url")

# Where a problem is, for error messages: the record (field None) or one of its fields.
Place = Callable[[str | None], str]


def read_jsonl(source: RawSource) -> list[Document]:
    """Documents from a JSONL file; a bad line is an error naming `FILE:LINE`."""
    documents: list[Document] = []
    seen: dict[str, int] = {}
    for number, where, record in json_lines(decode(source.data, source.label).split("\n"), source.label):
        document = _document_from_record(record, source.defaults, _line_place(where))
        if document.id in seen:
            raise InputError(f"{where}: duplicate id {document.id!r} (first on line {seen[document.id]})")
        seen[document.id] = number
        documents.append(document)
    if not documents:
        raise InputError(f"{source.label}: no documents in the file")
    return documents


def _line_place(where: str) -> Place:
    """`file.jsonl:3:` and `file.jsonl:3: "date"`."""
    return lambda field: f'{where}: "{field}"' if field else f"{where}:"


def _item_place(where: str) -> Place:
    """`documents[0]:` and `documents[0].date:`, as a JSON request names its parts."""
    return lambda field: f"{where}.{field}:" if field else f"{where}:"


def documents_from_records(records: Sequence[Any], label: str = "documents") -> list[Document]:
    """Documents from decoded JSON objects (a request's list), read like ingest JSONL lines.

    Errors name the item and field as the request does: `documents[0].date: ...`.
    """
    documents: list[Document] = []
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        where = f"{label}[{index}]"
        document = _document_from_record(record, LoadDefaults(), _item_place(where))
        if document.id in seen:
            raise InputError(f"{where}.id: duplicate id {document.id!r} (first in {label}[{seen[document.id]}])")
        seen[document.id] = index
        documents.append(document)
    return documents


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _document_from_record(record: Any, defaults: LoadDefaults, place: Place) -> Document:
    if not isinstance(record, dict):
        raise InputError(f"{place(None)} expected a JSON object, got {type(record).__name__}")
    for key in _FIELDS:
        value = record.get(key)
        if isinstance(value, str) and not _encodable(value):
            raise InputError(f"{place(key)} holds an invalid \\u escape (a lone surrogate)")
        if isinstance(value, str) and "\x00" in value:
            # As a text file with NUL bytes is refused as binary, so is a record that spells them out.
            raise InputError(f"{place(key)} holds a NUL character (\\u0000)")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{place('text')} must be a non-empty string")
    values: dict[str, str | None] = {}
    for key in _FIELDS[2:]:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{place(key)} must be a string, got {type(value).__name__}")
        values[key] = (value.strip() or None) if isinstance(value, str) else None
    if values["date"] is not None:
        try:
            values["date"] = validate_date(values["date"])
        except InputError as exc:
            raise InputError(f"{place('date')} {exc.message.removeprefix('date ')}") from exc
    raw_id = record.get("id")
    if raw_id is None:
        doc_id = f"doc-{content_hash(text)}"
    elif isinstance(raw_id, str | int) and not isinstance(raw_id, bool) and str(raw_id).strip():
        doc_id = str(raw_id).strip()
        if len(doc_id) > 512:
            raise InputError(f"{place('id')} is longer than 512 characters")
    else:
        raise InputError(f"{place('id')} must be a non-empty string or integer")
    # A record's own fields win over the defaults given for the whole file; its text is read as a file's
    # is, so "NAME:" lines make it a transcript with a turn per speaker.
    given = LoadDefaults(
        speaker=values["speaker"] or defaults.speaker,
        title=values["title"] or defaults.title,
        date=values["date"] or defaults.date,
        url=values["url"] or defaults.url,
    )
    return text_document(doc_id, text.replace("\r\n", "\n"), given, Found())

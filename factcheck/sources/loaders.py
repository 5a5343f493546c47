"""Files and uploads to `Document`s; a file is validated whole before anything is returned."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from factcheck.errors import InputError
from factcheck.jsonlines import json_lines
from factcheck.sources.budget import ReadLimits
from factcheck.sources.chunking import CHUNKER_VERSION
from factcheck.sources.formats import SUFFIX_FORMATS, Format, detect_format
from factcheck.sources.frontmatter import read_front_matter
from factcheck.sources.scan import file_id, scan_paths
from factcheck.sources.transcripts import parse_table
from factcheck.sources.turns import dialogue_turns
from factcheck.types import Anchor, Document, Turn

SUPPORTED_SUFFIXES = tuple(SUFFIX_FORMATS)
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_JSONL_FIELDS = ("id", "text", "speaker", "title", "date", "url")


@dataclass(frozen=True)
class LoadDefaults:
    """Metadata for documents whose file does not carry its own (from CLI flags or a form)."""

    speaker: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None


def validate_date(value: str) -> str:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD), or InputError."""
    value = value.strip()
    if not _ISO_DATE.match(value):
        raise InputError(f"date {value!r} is not in YYYY-MM-DD form")
    if len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError as exc:
            raise InputError(f"date {value!r} is not a real calendar date") from exc
    return value


def content_hash(*parts: str) -> str:
    """A short stable hash of some strings."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()[:16]


def document_revision(document: Document) -> str:
    """Changes whenever the stored form of a document would change (text, metadata, turns, chunking)."""
    turns = json.dumps([[t.speaker, t.start, t.end] for t in document.turns])
    fields = (document.text, document.speaker, document.title, document.date, document.url)
    # Only documents that have anchors hash them, so the revisions of all others stay as they were.
    anchors = [json.dumps([[a.start, a.page, a.timestamp] for a in document.anchors])] if document.anchors else []
    return content_hash(CHUNKER_VERSION, *(f or "" for f in fields), turns, *anchors)


def decode(data: bytes, label: str) -> str:
    """UTF-8 text of a file, with Windows newlines normalised; binary or other encodings are refused."""
    _refuse_binary(data, label)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{label}: not valid UTF-8 (byte {exc.start}); save the file as UTF-8") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _refuse_binary(data: bytes, label: str) -> None:
    if b"\x00" in data[:65536]:
        raise InputError(f"{label}: looks like a binary file, not text")


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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
    several documents gives each the id `DOCUMENT_ID:group-slug`. Readers of packed formats keep within `limits`.
    """
    suffix = PurePosixPath(name).suffix.lower()
    stem = PurePosixPath(name).stem[:200] or "document"
    doc_id = (document_id or name)[:400]
    kind = kind or detect_format(suffix, data, label)
    if kind == "pdf":
        from factcheck.sources.pdf import read_pdf

        pdf = read_pdf(data, label, limits)
        return [_text_document(doc_id, pdf.text, defaults, Found(title=pdf.title, anchors=pdf.anchors))]
    if kind == "docx":
        from factcheck.sources.docx import read_docx

        word = read_docx(data, label, limits)
        return [_text_document(doc_id, word.text, defaults, Found(title=word.title))]
    if kind == "html":
        from factcheck.sources.web import read_page

        _refuse_binary(data, label)
        page = read_page(data, label, url=defaults.url, limits=limits)
        found = Found(title=page.title, speaker=page.author, date=_known_date(page.date), url=page.url)
        return [_text_document(doc_id, page.text, defaults, found)]
    text = decode(data, label)
    if kind == "jsonl":
        return _parse_jsonl(text, stem, defaults, label)
    if kind in ("csv", "tsv"):
        return parse_table(text, stem, "\t" if kind == "tsv" else ",", defaults, label, document_id=doc_id)
    if kind in ("vtt", "srt"):
        from factcheck.sources.captions import read_captions

        captions = read_captions(text, kind, label, limits)
        return [_text_document(doc_id, captions.text, defaults, Found(anchors=captions.anchors), captions.turns)]
    found = Found()
    if kind == "markdown":
        matter = read_front_matter(text, label)
        text = matter.body
        found = Found(title=matter.title, speaker=matter.speaker, date=matter.date, url=matter.url)
    if not text.strip():
        raise InputError(f"{label}: no text in the file")
    return [_text_document(doc_id, text, defaults, found)]


@dataclass(frozen=True)
class Found(LoadDefaults):
    """Metadata a file carries itself (and its anchors); what the user gives (`LoadDefaults`) wins over it."""

    anchors: list[Anchor] = field(default_factory=list)


def _known_date(value: str | None) -> str | None:
    """A metadata date when it is a valid ISO date, else None (metadata is a hint, not an input error)."""
    try:
        return validate_date(value) if value else None
    except InputError:
        return None


def _text_document(
    document_id: str, text: str, defaults: LoadDefaults, found: Found, turns: list[Turn] | None = None
) -> Document:
    """One document from a file's text; "NAME: text" lines make it a transcript with a turn per speaker."""
    turns = turns if turns is not None else dialogue_turns(text) or []
    turns = [t.model_copy(update={"speaker": t.speaker or defaults.speaker}) for t in turns]
    speakers = {t.speaker for t in turns}
    single = speakers.pop() if len(speakers) == 1 else None
    return Document(
        id=document_id,
        text=text,
        speaker=single if turns else defaults.speaker or found.speaker,
        title=defaults.title or found.title,
        date=defaults.date or found.date,
        url=defaults.url or found.url,
        turns=turns,
        anchors=found.anchors,
    )


def _parse_jsonl(text: str, stem: str, defaults: LoadDefaults, label: str) -> list[Document]:
    documents: list[Document] = []
    seen: dict[str, int] = {}
    for number, where, record in json_lines(text.split("\n"), label):
        document = _document_from_record(record, defaults, _line_place(where))
        if document.id in seen:
            raise InputError(f"{where}: duplicate id {document.id!r} (first on line {seen[document.id]})")
        seen[document.id] = number
        documents.append(document)
    if not documents:
        raise InputError(f"{label}: no documents in the file")
    return documents


# Where a problem is, for error messages: the record (field None) or one of its fields.
Place = Callable[[str | None], str]


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


def _document_from_record(record: Any, defaults: LoadDefaults, place: Place) -> Document:
    if not isinstance(record, dict):
        raise InputError(f"{place(None)} expected a JSON object, got {type(record).__name__}")
    for key in _JSONL_FIELDS:
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
    for key in _JSONL_FIELDS[2:]:
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
    return Document(
        id=doc_id,
        text=text.replace("\r\n", "\n"),
        speaker=values["speaker"] or defaults.speaker,
        title=values["title"] or defaults.title,
        date=values["date"] or defaults.date,
        url=values["url"] or defaults.url,
    )

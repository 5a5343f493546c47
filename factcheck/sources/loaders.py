"""Files and uploads to `Document`s; a file is validated whole before anything is returned."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from factcheck.errors import InputError
from factcheck.jsonlines import json_lines
from factcheck.sources.chunking import CHUNKER_VERSION
from factcheck.sources.formats import SUFFIX_FORMATS, Format, detect_format
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


def parse_upload(filename: str, data: bytes, defaults: LoadDefaults | None = None) -> list[Document]:
    """Documents from uploaded bytes; the file name only chooses the format and the default title."""
    name = _safe_name(filename)
    return parse_bytes(name, data, defaults or LoadDefaults(), label=name or "upload")


def load_path(path: Path, defaults: LoadDefaults | None = None) -> list[Document]:
    """Documents from one file on disk."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    return parse_bytes(path.name, data, defaults or LoadDefaults(), label=str(path))


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus supported files found under named directories (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            if not found:
                raise InputError(f"{path}: no supported files ({', '.join(SUPPORTED_SUFFIXES)})")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return files


def load_paths(paths: Sequence[Path], defaults: LoadDefaults | None = None) -> list[tuple[Path, list[Document]]]:
    """Every file loaded and validated before any is stored."""
    return [(path, load_path(path, defaults)) for path in expand_paths(paths)]


def parse_bytes(
    name: str, data: bytes, defaults: LoadDefaults, label: str, kind: Format | None = None
) -> list[Document]:
    """Documents from the bytes of a file called `name` (its extension, or `kind`, and its stem only)."""
    suffix = PurePosixPath(name).suffix.lower()
    stem = PurePosixPath(name).stem[:200] or "document"
    kind = kind or detect_format(suffix, data, label)
    if kind == "pdf":
        from factcheck.sources.pdf import read_pdf

        pdf = read_pdf(data, label)
        return [_text_document(stem, pdf.text, defaults, Found(title=pdf.title, anchors=pdf.anchors))]
    if kind == "docx":
        from factcheck.sources.docx import read_docx

        word = read_docx(data, label)
        return [_text_document(stem, word.text, defaults, Found(title=word.title))]
    if kind == "html":
        from factcheck.sources.web import read_page

        _refuse_binary(data, label)
        page = read_page(data, label, url=defaults.url)
        found = Found(title=page.title, speaker=page.author, date=_known_date(page.date), url=page.url)
        return [_text_document(stem, page.text, defaults, found)]
    text = decode(data, label)
    if kind == "jsonl":
        return _parse_jsonl(text, stem, defaults, label)
    if kind in ("csv", "tsv"):
        return parse_table(text, stem, "\t" if kind == "tsv" else ",", defaults, label)
    if kind in ("vtt", "srt"):
        from factcheck.sources.captions import read_captions

        captions = read_captions(text, kind, label)
        return [_text_document(stem, captions.text, defaults, Found(anchors=captions.anchors), captions.turns)]
    if not text.strip():
        raise InputError(f"{label}: no text in the file")
    return [_text_document(stem, text, defaults, Found())]


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
    stem: str, text: str, defaults: LoadDefaults, found: Found, turns: list[Turn] | None = None
) -> Document:
    """One document from a file's text; "NAME: text" lines make it a transcript with a turn per speaker."""
    turns = turns if turns is not None else dialogue_turns(text) or []
    turns = [t.model_copy(update={"speaker": t.speaker or defaults.speaker}) for t in turns]
    speakers = {t.speaker for t in turns}
    single = speakers.pop() if len(speakers) == 1 else None
    return Document(
        id=f"{stem}-{content_hash(text)}",
        text=text,
        speaker=single if turns else defaults.speaker or found.speaker,
        title=defaults.title or found.title or stem,
        date=defaults.date or found.date,
        url=defaults.url or found.url,
        turns=turns,
        anchors=found.anchors,
    )


def _parse_jsonl(text: str, stem: str, defaults: LoadDefaults, label: str) -> list[Document]:
    documents: list[Document] = []
    seen: dict[str, int] = {}
    for number, where, record in json_lines(text.split("\n"), label):
        document = _document_from_record(record, defaults, where)
        if document.id in seen:
            raise InputError(f"{where}: duplicate id {document.id!r} (first on line {seen[document.id]})")
        seen[document.id] = number
        documents.append(document)
    if not documents:
        raise InputError(f"{label}: no documents in the file")
    return documents


def _document_from_record(record: Any, defaults: LoadDefaults, where: str) -> Document:
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
    for key in _JSONL_FIELDS:
        value = record.get(key)
        if isinstance(value, str) and not _encodable(value):
            raise InputError(f'{where}: "{key}" holds an invalid \\u escape (a lone surrogate)')
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f'{where}: "text" must be a non-empty string')
    values: dict[str, str | None] = {}
    for key in _JSONL_FIELDS[2:]:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f'{where}: "{key}" must be a string, got {type(value).__name__}')
        values[key] = (value.strip() or None) if isinstance(value, str) else None
    if values["date"] is not None:
        try:
            values["date"] = validate_date(values["date"])
        except InputError as exc:
            raise InputError(f"{where}: {exc.message}") from exc
    raw_id = record.get("id")
    if raw_id is None:
        doc_id = f"doc-{content_hash(text)}"
    elif isinstance(raw_id, str | int) and not isinstance(raw_id, bool) and str(raw_id).strip():
        doc_id = str(raw_id).strip()
        if len(doc_id) > 512:
            raise InputError(f'{where}: "id" is longer than 512 characters')
    else:
        raise InputError(f'{where}: "id" must be a non-empty string or integer')
    return Document(
        id=doc_id,
        text=text.replace("\r\n", "\n"),
        speaker=values["speaker"] or defaults.speaker,
        title=values["title"] or defaults.title,
        date=values["date"] or defaults.date,
        url=values["url"] or defaults.url,
    )

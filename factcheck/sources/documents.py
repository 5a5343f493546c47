"""What every reader builds on: a file's bytes and defaults, dates, revisions, and one document from a file's text."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath

from factcheck.errors import InputError
from factcheck.sources.budget import ReadLimits
from factcheck.sources.chunking import CHUNKER_VERSION
from factcheck.sources.turns import dialogue_turns
from factcheck.types import Anchor, Document, Turn

# Part of every document revision, like the chunker's: a change to the source analysis (`voices.py`) re-ingests
# documents on their next load, so the stored voices are rebuilt.
VOICES_VERSION = "24"
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class LoadDefaults:
    """Metadata for documents whose file does not carry its own (from CLI flags or a form)."""

    speaker: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Found(LoadDefaults):
    """Metadata a file carries itself (and its anchors); what the user gives (`LoadDefaults`) wins over it."""

    anchors: list[Anchor] = field(default_factory=list)


@dataclass(frozen=True)
class RawSource:
    """What a reader is given: a file's bytes, its name, the id its document gets, the user's defaults, the limits."""

    name: str
    data: bytes
    document_id: str
    label: str
    defaults: LoadDefaults = field(default_factory=LoadDefaults)
    # How far reading the file may go (unpacked size, time); each reader keeps within it as it parses.
    limits: ReadLimits = field(default_factory=ReadLimits)

    @property
    def stem(self) -> str:
        """The file name without its extension (a transcript's title and date may be in it)."""
        return PurePosixPath(self.name).stem[:200] or "document"


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


def known_date(value: str | None) -> str | None:
    """A metadata date when it is a valid ISO date, else None (metadata is a hint, not an input error)."""
    try:
        return validate_date(value) if value else None
    except InputError:
        return None


def content_hash(*parts: str) -> str:
    """A short stable hash of some strings."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()[:16]


def document_revision(document: Document) -> str:
    """Changes whenever the stored form of a document would change (text, metadata, turns, chunking, analysis)."""
    turns = json.dumps([[t.speaker, t.start, t.end] + ([True] if t.asks else []) for t in document.turns])
    fields = (document.text, document.speaker, document.title, document.date, document.url)
    # Only documents that have anchors hash them, so the revisions of all others stay as they were. The tag
    # moved when passages began to carry the anchors inside them: such documents are rewritten on their next
    # ingest (their stored vectors are reused, nothing is embedded again).
    anchors = (
        ["anchors-inside", json.dumps([[a.start, a.page, a.timestamp] for a in document.anchors])]
        if document.anchors
        else []
    )
    return content_hash(CHUNKER_VERSION, VOICES_VERSION, *(f or "" for f in fields), turns, *anchors)


def refuse_binary(data: bytes, label: str) -> None:
    """InputError for bytes that are not text at all."""
    if b"\x00" in data[:65536]:
        raise InputError(f"{label}: looks like a binary file, not text")


def decode(data: bytes, label: str) -> str:
    """UTF-8 text of a file, with Windows newlines normalised; binary or other encodings are refused."""
    refuse_binary(data, label)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{label}: not valid UTF-8 (byte {exc.start}); save the file as UTF-8") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_document(
    document_id: str, text: str, defaults: LoadDefaults, found: Found, turns: list[Turn] | None = None
) -> Document:
    """One document from a file's text; "NAME: text" lines make it a transcript with a turn per speaker."""
    if turns is None:
        # A questioner's turns stay another voice than the speaker given for the document.
        turns = dialogue_turns(text, defaults.speaker) or []
    else:
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

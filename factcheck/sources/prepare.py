"""Loaded documents made ready for a store: one id per file however it is reached, metadata kept from stored
versions, and what a user should be told (warnings, and what happens to documents stored already)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from factcheck.errors import InputError, NotFoundError
from factcheck.sources.documents import validate_date
from factcheck.sources.scan import SourceFile
from factcheck.stages import SourceStore
from factcheck.types import Document, DocumentInfo, DocumentUpdate, IngestWarning, Passage, Turn

METADATA = ("speaker", "title", "date", "url")
_PAGE = 500


@dataclass(frozen=True)
class Loaded:
    """The documents of one file (or upload, or request item), with the label that names it to people."""

    label: str
    documents: Sequence[Document]
    # The file on disk they were read from, when they were: it may be stored already under another of its ids.
    file: SourceFile | None = None


@dataclass(frozen=True)
class Prepared:
    """Documents to store, one warning per thing a user should know before trusting them, and one note per
    document stored already whose id or metadata the ingest settles ("updated speaker of 'speech.docx'")."""

    documents: list[Document]
    warnings: list[IngestWarning]
    notes: list[str] = field(default_factory=list)


def stored_documents(store: SourceStore) -> dict[str, DocumentInfo]:
    """Every committed document of a store, by id."""
    found: dict[str, DocumentInfo] = {}
    while page := store.list_documents(len(found), _PAGE):
        found.update((d.id, d) for d in page)
        if len(page) < _PAGE:
            break
    return found


def keep_stored(
    document: Document,
    stored: DocumentInfo | None,
    cleared: Collection[str] = (),
    stored_passages: Sequence[Passage] = (),
) -> Document:
    """The document with the metadata it lacks taken from its stored version, except fields the user cleared.

    A transcript's turns that name no speaker take the speaker the stored version gave them (a `--speaker`
    given once, for captions without speaker labels): from the stored passages at the same offsets when the
    text is unchanged, else the stored document's speaker.
    """
    if stored is None:
        return document
    update: dict[str, object] = {
        name: getattr(stored, name)
        for name in METADATA
        if getattr(document, name) is None and getattr(stored, name) is not None and name not in cleared
    }
    if document.turns:
        # A transcript's speakers are its turns': a document speaker follows from them.
        update.pop("speaker", None)
        if "speaker" not in cleared and any(t.speaker is None for t in document.turns):
            turns = [_stored_turn(turn, stored, stored_passages) for turn in document.turns]
            voices = {t.speaker for t in turns}
            update |= {"turns": turns, "speaker": voices.pop() if len(voices) == 1 else None}
    return document.model_copy(update=update) if update else document


def _stored_turn(turn: Turn, stored: DocumentInfo, passages: Sequence[Passage]) -> Turn:
    if turn.speaker is not None:
        return turn
    if not passages:
        return turn.model_copy(update={"speaker": stored.speaker}) if stored.speaker else turn
    inside = {p.speaker for p in passages if turn.start <= p.start and p.end <= turn.end}
    speaker = inside.pop() if len(inside) == 1 else None
    return turn.model_copy(update={"speaker": speaker}) if speaker else turn


def has_speaker(document: Document) -> bool:
    """Whether any passage of the document will name who spoke it."""
    return document.speaker is not None or any(t.speaker for t in document.turns)


def same_text(document: Document, stored: DocumentInfo, store: SourceStore) -> list[Passage]:
    """The stored passages when a stored document holds exactly this text (same length, each passage at its
    offsets); nothing otherwise."""
    if stored.chars != len(document.text):
        return []
    passages = store.passages(stored.id, range(stored.passages))
    if passages and all(document.text[p.start : p.end] == p.text for p in passages):
        return passages
    return []


def _stored_ids(item: Loaded, stored: dict[str, DocumentInfo], store: SourceStore) -> tuple[list[Document], str | None]:
    """The file's documents under the ids it is stored with already, when it was ingested another way (through
    its folder, then by its own path, or from another directory), and the id it was found under.

    Only the same text counts: another file may share a tail of this one's path.
    """
    documents = list(item.documents)
    if item.file is None:
        return documents, None
    base = item.file.document_id
    own = [d for d in documents if d.id == base or d.id.startswith(base + ":")]
    if not own or any(d.id in stored for d in own):
        return documents, None
    for other in item.file.other_ids():
        renamed = {d.id: d.model_copy(update={"id": other + d.id[len(base) :]}) for d in own}
        held = [d for d in renamed.values() if d.id in stored]
        if held and all(same_text(d, stored[d.id], store) for d in held):
            return [renamed.get(d.id, d) for d in documents], other
    return documents, None


def update_metadata(store: SourceStore, document_id: str, update: DocumentUpdate) -> tuple[DocumentInfo, str | None]:
    """Apply new metadata to a stored document (nothing re-embedded): the document after, and what changed.

    NotFoundError for an unknown id; InputError for no field given, a bad date or a speaker its turns refuse.
    """
    changes = update.changes()
    if not changes:
        raise InputError("nothing to change: give a speaker, title, date or url (an empty value clears it)")
    if changes.get("date"):
        update = update.model_copy(update={"date": validate_date(changes["date"] or "")})
    before = store.get_document(document_id)
    after = store.update_document(document_id, update) if before is not None else None
    if before is None or after is None:
        raise NotFoundError(f"no document with id {document_id!r}")
    return after, _changes(after, before)


def _changes(document: Document | DocumentInfo, stored: DocumentInfo) -> str | None:
    """What metadata the new version changes, as "speaker of 'x.docx' (was none, now 'Ines Calder')"; or None."""
    changed = [name for name in METADATA if getattr(stored, name) != getattr(document, name)]
    if not changed:
        return None
    values = [f"was {_shown(getattr(stored, name))}, now {_shown(getattr(document, name))}" for name in changed]
    if len(changed) == 1:
        return f"{changed[0]} of {document.id!r} ({values[0]})"
    named = "; ".join(f"{name} {value}" for name, value in zip(changed, values, strict=True))
    return f"{', '.join(changed[:-1])} and {changed[-1]} of {document.id!r} ({named})"


def _shown(value: str | None) -> str:
    return repr(value) if value is not None else "none"


def prepare(loaded: Sequence[Loaded], store: SourceStore | None, cleared: Collection[str] = ()) -> Prepared:
    """Documents with their stored ids and metadata kept, warnings (no speaker, the same text under two ids) and
    notes on documents stored already.

    `store` is None for a store that does not exist yet (nothing stored to keep or to compare with).
    """
    stored = stored_documents(store) if store is not None else {}
    documents: list[Document] = []
    warnings: list[IngestWarning] = []
    notes: list[str] = []
    labels: dict[str, str] = {}
    for item in loaded:
        found, other = _stored_ids(item, stored, store) if store is not None else (list(item.documents), None)
        for document in found:
            before = stored.get(document.id)
            passages = same_text(document, before, store) if before and store and document.turns else []
            document = keep_stored(document, before, cleared, passages)
            labels[document.id] = item.label
            documents.append(document)
            if not has_speaker(document):
                message = (
                    f"{item.label}: {document.id!r} has no speaker, so its words can be verified but never "
                    "attributed to anyone"
                )
                warnings.append(
                    IngestWarning(kind="no_speaker", file=item.label, documents=[document.id], message=message)
                )
            if before is not None:
                note = _note(item.label, document, before, other)
                if note:
                    notes.append(note)
    warnings += _duplicates(documents, labels, stored, store)
    return Prepared(documents, warnings, notes)


def _note(label: str, document: Document, before: DocumentInfo, other: str | None) -> str | None:
    changes = _changes(document, before)
    where = f"{label}: " if label != document.id else ""
    if other is not None:
        where += f"stored already as {document.id!r} (the same file, reached another way); "
    if changes:
        return f"{where}updated {changes}"
    return f"{where}nothing new" if other is not None else None


def _duplicates(
    documents: Sequence[Document], labels: dict[str, str], stored: dict[str, DocumentInfo], store: SourceStore | None
) -> list[IngestWarning]:
    """One warning per text held under two ids, in this ingest or between it and the store."""
    warnings = []
    by_text: dict[str, list[str]] = defaultdict(list)
    for document in documents:
        by_text[document.text].append(document.id)
    for found in by_text.values():
        ids = list(dict.fromkeys(found))
        if len(ids) > 1:
            message = f"the same text is in {len(ids)} documents: " + ", ".join(repr(i) for i in ids)
            warnings.append(IngestWarning(kind="same_text", documents=ids, message=message))
    if store is None:
        return warnings
    incoming = {d.id for d in documents}
    by_length: dict[int, list[DocumentInfo]] = defaultdict(list)
    for info in stored.values():
        if info.id not in incoming:
            by_length[info.chars].append(info)
    for document in documents:
        for other in by_length.get(len(document.text), []):
            if same_text(document, other, store):
                label = labels[document.id]
                message = f"{label}: {document.id!r} has the same text as the stored document {other.id!r}"
                warnings.append(
                    IngestWarning(kind="same_text", file=label, documents=[document.id, other.id], message=message)
                )
    return warnings

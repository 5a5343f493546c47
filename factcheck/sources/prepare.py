"""Loaded documents made ready for a store: metadata kept from stored versions, and what a user should be told."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from factcheck.stages import SourceStore
from factcheck.types import Document, DocumentInfo

METADATA = ("speaker", "title", "date", "url")
_PAGE = 500


@dataclass(frozen=True)
class Loaded:
    """The documents of one file (or upload, or request item), with the label that names it to people."""

    label: str
    documents: Sequence[Document]


@dataclass(frozen=True)
class Prepared:
    """Documents to store, and one warning per thing a user should know before trusting them."""

    documents: list[Document]
    warnings: list[str]


def stored_documents(store: SourceStore) -> dict[str, DocumentInfo]:
    """Every committed document of a store, by id."""
    found: dict[str, DocumentInfo] = {}
    while page := store.list_documents(len(found), _PAGE):
        found.update((d.id, d) for d in page)
        if len(page) < _PAGE:
            break
    return found


def keep_stored(document: Document, stored: DocumentInfo | None, cleared: Collection[str] = ()) -> Document:
    """The document with the metadata it lacks taken from its stored version, except fields the user cleared."""
    if stored is None:
        return document
    update = {
        name: getattr(stored, name)
        for name in METADATA
        if getattr(document, name) is None and getattr(stored, name) is not None and name not in cleared
    }
    # A transcript's speakers are its turns': a single document speaker would contradict them.
    if document.turns:
        update.pop("speaker", None)
    return document.model_copy(update=update) if update else document


def has_speaker(document: Document) -> bool:
    """Whether any passage of the document will name who spoke it."""
    return document.speaker is not None or any(t.speaker for t in document.turns)


def _same_text(document: Document, stored: DocumentInfo, store: SourceStore) -> bool:
    """Whether a stored document holds exactly this text: same length, and each stored passage at its offsets."""
    if stored.chars != len(document.text):
        return False
    passages = store.passages(stored.id, range(stored.passages))
    return bool(passages) and all(document.text[p.start : p.end] == p.text for p in passages)


def prepare(loaded: Sequence[Loaded], store: SourceStore | None, cleared: Collection[str] = ()) -> Prepared:
    """Documents with stored metadata kept, and warnings: no speaker, the same text under two ids.

    `store` is None for a store that does not exist yet (nothing stored to keep or to compare with).
    """
    stored = stored_documents(store) if store is not None else {}
    documents: list[Document] = []
    warnings: list[str] = []
    labels: dict[str, str] = {}
    for item in loaded:
        for document in item.documents:
            document = keep_stored(document, stored.get(document.id), cleared)
            labels[document.id] = item.label
            documents.append(document)
            if not has_speaker(document):
                warnings.append(
                    f"{item.label}: {document.id!r} has no speaker, so its words can be verified but never "
                    "attributed to anyone (give a speaker)"
                )
    by_text: dict[str, list[str]] = defaultdict(list)
    for document in documents:
        by_text[document.text].append(document.id)
    for found in by_text.values():
        ids = list(dict.fromkeys(found))
        if len(ids) > 1:
            warnings.append(f"the same text is in {len(ids)} documents: " + ", ".join(repr(i) for i in ids))
    if store is not None:
        incoming = {d.id for d in documents}
        by_length: dict[int, list[DocumentInfo]] = defaultdict(list)
        for info in stored.values():
            if info.id not in incoming:
                by_length[info.chars].append(info)
        for document in documents:
            for other in by_length.get(len(document.text), []):
                if _same_text(document, other, store):
                    warnings.append(
                        f"{labels[document.id]}: {document.id!r} has the same text as the stored document "
                        f"{other.id!r}; delete one of them if they are the same source"
                    )
    return Prepared(documents, warnings)

"""What the catalogs share: a committed document's record, speaker keys, and the `Catalog` protocol."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Protocol

from factcheck.names import speaker_key
from factcheck.types import Candidate, DocumentInfo, LexicalMatch, Passage, SpeakerEntry


@dataclass(frozen=True)
class CommittedDocument:
    """A document as recorded in Chroma's document collection once all its passages are written."""

    id: str
    rev: str
    title: str | None
    speaker: str | None
    date: str | None
    url: str | None
    passages: int
    chars: int
    # When the commit record was written (seconds since the epoch): of two commits of one document, the later
    # one is the one every index keeps.
    committed: float = 0.0


# The version each catalog (by id) was read at for the reads in progress (one check): those reads key their
# caches by it instead of asking the catalog again, a round trip per word lookup on a catalog server.
_READ_AT: ContextVar[tuple[tuple[int, str], ...]] = ContextVar("factcheck_catalog_read_at", default=())


@contextmanager
def read_at(catalog: object, version: str) -> Iterator[None]:
    """Reads of `catalog` in this block (threads given a copy of the context included) take `version` as current."""
    token = _READ_AT.set(((id(catalog), version), *_READ_AT.get()))
    try:
        yield
    finally:
        _READ_AT.reset(token)


def current_version(catalog: object, read: Callable[[], str]) -> str:
    """The version the enclosing `read_at` block saw, or a fresh `read()` outside one."""
    for held, version in _READ_AT.get():
        if held == id(catalog):
            return version
    return read()


def speaker_keys(names: Sequence[str] | None) -> list[str]:
    """The distinct, non-empty speaker keys of some names, sorted."""
    return sorted({key for key in map(speaker_key, names or []) if key})


def registry(names: dict[str, Counter[str]]) -> list[SpeakerEntry]:
    """Speaker entries from each key's spellings and their passage counts, most passages first."""
    entries = []
    for key, spellings in names.items():
        ranked = [name for name, _ in spellings.most_common()]
        count = sum(spellings.values())
        entries.append(SpeakerEntry(key=key, name=ranked[0], aliases=sorted(ranked[1:]), passages=count))
    return sorted(entries, key=lambda e: (-e.passages, e.key))


class Catalog(Protocol):
    """Committed documents and their passages with lexical search and the speaker registry, kept by writers."""

    # Where it is, for messages; and what a Chroma server's collection records as its catalog.
    where: str
    name: str

    def close(self) -> None: ...

    def version(self) -> str:
        """A marker that moves on every change, by any process."""
        ...

    def synced_version(self) -> str | None: ...

    def set_synced_version(self, version: str) -> None: ...

    def revisions(self) -> dict[str, str]: ...

    def put_documents(self, items: Sequence[tuple[CommittedDocument, Sequence[Passage]]]) -> None: ...

    def remove_documents(self, document_ids: Iterable[str]) -> None: ...

    def list_documents(self, offset: int, limit: int, speakers: Sequence[str] = ()) -> list[DocumentInfo]: ...

    def revision(self, document_id: str) -> str | None: ...

    def get_document(self, document_id: str) -> DocumentInfo | None: ...

    def count_documents(self, speakers: Sequence[str] = ()) -> int: ...

    def count_passages(self) -> int: ...

    def term_passages(self, words: Sequence[str]) -> dict[str, int]: ...

    def similar_terms(self, word: str) -> dict[str, int]: ...

    def phrase_speakers(self, phrase: str, limit: int) -> tuple[int, list[str]]: ...

    def passages(self, document_id: str, indices: Sequence[int]) -> list[Passage]: ...

    def committed_passages(self, records: Sequence[tuple[str, int, str]]) -> dict[tuple[str, int, str], Passage]: ...

    def speaker_passages(self, keys: Sequence[str]) -> list[tuple[str, int, str]]: ...

    def search(
        self, query: str, k: int, speakers: Sequence[str] | None = None, match: LexicalMatch = "both"
    ) -> list[Candidate]: ...

    def speakers(self) -> list[SpeakerEntry]: ...

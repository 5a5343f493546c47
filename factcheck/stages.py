"""One Protocol per pipeline stage; concrete implementations are wired in `factcheck.pipeline`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from factcheck.types import (
    Candidate,
    CheckedQuote,
    Document,
    DocumentInfo,
    DocumentUpdate,
    IngestReport,
    LexicalMatch,
    Passage,
    Quote,
    SpeakerEntry,
)

Vectors = npt.NDArray[np.float32]
Progress = Callable[[int], None]


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised vectors."""

    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> Vectors: ...


@runtime_checkable
class VoiceReader(Protocol):
    """Finds whose words each span of a source document is: the people it quotes, the claims it reports."""

    def read(self, document: Document) -> Document: ...


@runtime_checkable
class Extractor(Protocol):
    """Finds quotations and their speakers in a text."""

    def extract(self, text: str) -> list[Quote]: ...


@runtime_checkable
class SourceStore(Protocol):
    """Passages with vectors, lexical index and speaker registry."""

    def add_documents(self, documents: Iterable[Document], progress: Progress | None = None) -> IngestReport: ...

    def list_documents(self, offset: int = 0, limit: int = 50, speaker: str | None = None) -> list[DocumentInfo]: ...

    def get_document(self, document_id: str) -> DocumentInfo | None: ...

    def update_document(self, document_id: str, update: DocumentUpdate) -> DocumentInfo | None:
        """New metadata for a stored document, its passages' vectors kept; None when it is not stored."""
        ...

    def delete_document(self, document_id: str) -> bool: ...

    def count_documents(self, speaker: str | None = None) -> int: ...

    def count_passages(self) -> int: ...

    def version(self) -> str:
        """A marker that changes whenever the committed documents change (by any process)."""
        ...

    def passages(self, document_id: str, indices: Sequence[int]) -> list[Passage]: ...

    def dense_search(self, vector: Vectors, k: int, speakers: Sequence[str] | None = None) -> list[Candidate]: ...

    def dense_search_many(
        self, vectors: Sequence[Vectors], k: int, speakers: Sequence[str] | None = None
    ) -> list[list[Candidate]]: ...

    def lexical_search(
        self, query: str, k: int, speakers: Sequence[str] | None = None, match: LexicalMatch = "both"
    ) -> list[Candidate]: ...

    def term_passages(self, words: Sequence[str]) -> dict[str, int]: ...

    def similar_terms(self, word: str) -> dict[str, int]:
        """Index terms that may spell `word` another way (its first letter, about its length), with how many
        passages hold each."""
        ...

    def phrase_speakers(self, phrase: str, limit: int = 50) -> tuple[int, list[str]]: ...

    def speakers(self) -> list[SpeakerEntry]: ...

    def ping(self) -> None: ...

    def snapshot(self) -> AbstractContextManager[None]: ...


@runtime_checkable
class Retriever(Protocol):
    """Finds candidate passages for a quote, or for several at once (sharing their embedding batch)."""

    def retrieve(self, quote: str, speaker: str | None, k: int) -> list[Candidate]: ...

    def retrieve_many(self, queries: Sequence[tuple[str, str | None]], k: int) -> list[list[Candidate]]: ...


@runtime_checkable
class Statements(Protocol):
    """Reads a quote's grammar: whether it states something (a clause) or only names something (a phrase), the part
    of speech of each word, and whether a stretch of a passage is what a clause says of its subject."""

    def states(self, text: str) -> bool: ...

    def parts_of_speech(self, text: str) -> Sequence[tuple[int, str, str, str]]: ...

    def predicates(self, text: str, start: int, end: int) -> bool: ...


@runtime_checkable
class Verifier(Protocol):
    """Decides the verdict for one quote from its candidates (and the article text its offsets index, if known)."""

    def verify(self, quote: Quote, candidates: Sequence[Candidate], article: str | None = None) -> CheckedQuote: ...

"""A retriever wrapper that keeps what retrieval returned, so a run can score retrieval apart from verdicts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

from factcheck.pipeline import Pipeline
from factcheck.stages import Retriever
from factcheck.types import Candidate

RECALL_AT = 5


@dataclass
class RecordingRetriever:
    """Delegates to `inner` and appends every candidate list it returns to `batches`, in call order."""

    inner: Retriever
    batches: list[list[Candidate]] = field(default_factory=list)

    def retrieve(self, quote: str, speaker: str | None, k: int) -> list[Candidate]:
        """Candidates for one quote, recorded."""
        candidates = self.inner.retrieve(quote, speaker, k)
        self.batches.append(candidates)
        return candidates

    def retrieve_many(self, queries: Sequence[tuple[str, str | None]], k: int) -> list[list[Candidate]]:
        """Candidates for several quotes in one batch, recorded."""
        found = self.inner.retrieve_many(queries, k)
        self.batches.extend(found)
        return list(found)

    def take(self) -> list[list[Candidate]]:
        """The batches recorded since the last call, and a fresh start."""
        taken, self.batches = self.batches, []
        return taken


def recording(pipeline: Pipeline) -> tuple[Pipeline, RecordingRetriever]:
    """The same pipeline with its retriever wrapped in a recorder."""
    recorder = RecordingRetriever(pipeline.retriever)
    return replace(pipeline, retriever=recorder), recorder


def is_source(source_id: str, passage_id: str, document_id: str) -> bool:
    """Whether a gold `source_id` names this passage or its document (a file's id may carry folders and suffix)."""
    if source_id in (passage_id, document_id):
        return True
    stem = PurePosixPath(document_id.split(":", 1)[0]).name
    return source_id in (stem, stem.rsplit(".", 1)[0])


def retrieval_hit(candidates: Sequence[Candidate], source_id: str | None, at: int = RECALL_AT) -> bool | None:
    """Whether the gold passage (or document) is among the first `at` candidates; None without a gold id."""
    if not source_id:
        return None
    return any(is_source(source_id, c.passage.id, c.passage.document.id) for c in candidates[:at])

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
    """Whether a gold `source_id` names this passage or its document.

    A file's id carries its folders and suffix (`transcripts/debates.csv:first-debate`); a gold id may name
    it by file name or stem alone (`debates:first-debate#3`), as suites written before path ids do.
    """
    if source_id in (passage_id, document_id):
        return True
    file_part, colon, group = document_id.partition(":")
    name = PurePosixPath(file_part).name
    ordinal = passage_id.removeprefix(document_id)
    for short in {name + colon + group, name.rsplit(".", 1)[0] + colon + group}:
        if source_id in (short, short + ordinal):
            return True
    return False


def retrieval_hit(candidates: Sequence[Candidate], source_id: str | None, at: int = RECALL_AT) -> bool | None:
    """Whether the gold passage (or document) is among the first `at` candidates; None without a gold id."""
    if not source_id:
        return None
    return any(is_source(source_id, c.passage.id, c.passage.document.id) for c in candidates[:at])

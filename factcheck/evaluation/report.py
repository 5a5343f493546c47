"""The evaluation report: one typed model shared by the CLI files, the terminal table and the API."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from factcheck.evaluation.metrics import Classification, ReliabilityBin
from factcheck.evaluation.records import SuiteKind

MISSED = "(missed)"
# The parts of an item's outcome that can be wrong, each judged on its own.
Part = Literal["label", "speaker", "actual_speaker", "evidence"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ItemResult(_Frozen):
    """One gold quote (or one spurious prediction, with `quote` null) with what the pipeline said about it."""

    id: str
    article_id: str | None = None
    quote: str | None = Field(description="Gold quote text; null for a prediction matching no gold quote.")
    predicted_quote: str | None = None
    gold_label: str | None = None
    predicted_label: str | None = Field(default=None, description=f"`{MISSED}` when no prediction matched.")
    confidence: float | None = None
    correct: bool | None = None
    gold_speaker: str | None = None
    predicted_speaker: str | None = None
    speaker_correct: bool | None = None
    gold_actual_speaker: str | None = None
    predicted_actual_speaker: str | None = None
    gold_source: str | None = None
    evidence: list[str] = Field(default_factory=list, description="Passage ids of the evidence, best first.")
    evidence_hit: bool | None = None
    retrieved: list[str] = Field(
        default_factory=list, description="Passage ids of the first retrieved candidates (recall@5), best first."
    )
    retrieval_hit: bool | None = Field(default=None, description="Gold passage among the first five retrieved.")
    latency_ms: float | None = None
    error: str | None = None
    wrong: list[Part] = Field(
        default_factory=list,
        description="What was wrong: the label, the speaker, the actual speaker of a misattribution, the evidence.",
    )
    meta: dict[str, Any] = Field(default_factory=dict)


class ItemError(_Frozen):
    """A record the pipeline failed on; it is counted here and left out of every score."""

    id: str
    error: str


class EvalReport(_Frozen):
    """Scores of one suite run, every item's outcome, and the settings it ran with (secrets masked)."""

    suite: str
    kind: SuiteKind
    path: str | None = None
    description: str | None = None
    unit: str = Field(description="What one latency sample and one item/s count: quote or article.")
    records: int = Field(description="Records read from the suite (quotes or articles).")
    scored: int = Field(description="Gold items that entered the scores.")
    errors: int
    metrics: dict[str, float] = Field(description="Flat figures by name; the names `--min`/`--max` accept.")
    support: dict[str, int] = Field(
        default_factory=dict, description="How many items each rate in `metrics` is computed over."
    )
    classification: Classification | None = None
    reliability: list[ReliabilityBin] = Field(default_factory=list)
    items: list[ItemResult] = Field(default_factory=list, description="Every gold item with its outcome.")
    spurious: list[ItemResult] = Field(
        default_factory=list, description="Predicted quotes that match no gold quote (article and extraction suites)."
    )
    error_list: list[ItemError] = Field(default_factory=list)
    settings: dict[str, Any] = Field(default_factory=dict)
    seconds: float = 0.0
    created: str | None = None


class Shortfall(_Frozen):
    """A figure that missed its `--min` / `--max` bound."""

    suite: str
    metric: str
    value: float
    bound: float
    direction: str

    def describe(self) -> str:
        """One line for the terminal."""
        rel = "below the minimum" if self.direction == "min" else "above the maximum"
        return f"{self.suite}: {self.metric} = {self.value:.4f} is {rel} {self.bound:g}"

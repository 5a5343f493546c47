"""Typed records of the evaluation suites: labeled quotes and articles with gold quotes."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from factcheck.types import Label

SuiteKind = Literal["quotes", "articles", "extraction", "polnear"]
SUITE_KINDS: tuple[SuiteKind, ...] = ("quotes", "articles", "extraction", "polnear")


class _Record(BaseModel):
    """Frozen record that keeps unknown keys in `meta` instead of rejecting or dropping them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    meta: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _collect_meta(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        known = set(cls.model_fields)
        extra = {k: v for k, v in data.items() if k not in known}
        if not extra:
            return data
        kept = {k: v for k, v in data.items() if k in known}
        kept["meta"] = {**dict(data.get("meta") or {}), **extra}
        return kept


class LabeledQuote(_Record):
    """One quote credited to a speaker, with the verdict a person gave it."""

    id: str = Field(min_length=1)
    quote: str = Field(min_length=1)
    speaker: str | None
    label: Label
    actual_speaker: str | None = Field(default=None, description="Who really said it, for misattributions.")
    source_id: str | None = Field(default=None, description="Gold passage or document id, for evidence hits.")


class GoldQuote(_Record):
    """A quotation a person marked in an article; `label` is absent in extraction-only suites."""

    text: str = Field(min_length=1)
    start: int | None = Field(default=None, ge=0, description="Offset of `text` in the article; found if absent.")
    end: int | None = Field(default=None, ge=0, description="End offset of `text` (checked when given).")
    speaker: str | None = None
    label: Label | None = None
    kind: str | None = None
    content: str | None = None
    actual_speaker: str | None = None
    source_id: str | None = None


class LabeledArticle(_Record):
    """An article with every quotation in it marked."""

    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    quotes: list[GoldQuote]


class SuiteHeader(BaseModel):
    """The optional `{"suite": {...}}` first line (or `<name>.suite.json` sidecar) of a suite file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: SuiteKind | None = None
    name: str | None = None
    description: str | None = None

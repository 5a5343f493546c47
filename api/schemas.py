"""Request and response bodies of the HTTP API; quote and document models come from `factcheck.types`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from factcheck.types import DocumentInfo, IngestReport, IngestWarning, SpeakerEntry


class RequestBody(BaseModel):
    """Base for request bodies: unknown fields are errors, so typos do not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _whole_number(value: object) -> object:
    """5.0 as 5: JSON Schema counts it as an integer, so the API does too (never "5" or true)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


TOP_K_SCHEMA: dict[str, Any] = {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 50}, {"type": "null"}]}
TopK = Annotated[int, BeforeValidator(_whole_number), Field(ge=1, le=50, strict=True)]
# Exactly one of text and url, as the validator below requires.
TEXT_OR_URL: dict[str, Any] = {
    "oneOf": [
        {"required": ["text"], "properties": {"text": {"type": "string"}, "url": {"type": "null"}}},
        {"required": ["url"], "properties": {"url": {"type": "string"}, "text": {"type": "null"}}},
    ]
}


class CheckRequest(RequestBody):
    """An article to check: its text, or a link to it (give either, not both)."""

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra=TEXT_OR_URL)

    text: str | None = Field(default=None, min_length=1, description="The article, as plain text or HTML.")
    url: str | None = Field(
        default=None,
        min_length=1,
        max_length=2048,
        description="A link to the article (http or https), when the server allows fetching; "
        "the answer's `fetched.text` is the text the quote offsets refer to.",
    )
    top_k: TopK | None = Field(
        default=None, description="Passages to consider per quote.", json_schema_extra=TOP_K_SCHEMA
    )

    @model_validator(mode="after")
    def _text_or_url(self) -> CheckRequest:
        if (self.text is None) == (self.url is None):
            raise ValueError("give either text or url")
        return self


class ClaimReviewRequest(CheckRequest):
    """An article to check, answered as schema.org ClaimReview JSON-LD."""

    publisher: str | None = Field(
        default=None, max_length=200, description="The organisation publishing the reviews (their author)."
    )
    article_url: str | None = Field(
        default=None,
        max_length=2048,
        description="Where the article is published, for pasted text (a link checked gives its own).",
    )


class ExtractRequest(RequestBody):
    """An article to extract quotes from."""

    text: str = Field(min_length=1)


class ClaimRequest(RequestBody):
    """One quote and the person or organisation it is credited to."""

    quote: str = Field(min_length=1)
    speaker: str | None = Field(default=None, description="Claimed speaker; null when unknown.")
    top_k: TopK | None = Field(
        default=None, description="Passages to consider for the quote.", json_schema_extra=TOP_K_SCHEMA
    )


class DocumentIn(RequestBody):
    """A source document as in an ingest JSONL line."""

    id: str | None = Field(default=None, min_length=1, max_length=512)
    text: str = Field(min_length=1)
    speaker: str | None = None
    title: str | None = None
    date: str | None = Field(default=None, description="YYYY-MM-DD")
    url: str | None = None


class DocumentsRequest(RequestBody):
    """Documents to add to the store."""

    documents: list[DocumentIn] = Field(min_length=1)


class IngestResponse(BaseModel):
    """What an upload added, with the ids of the documents it contained."""

    ids: list[str]
    report: IngestReport
    warnings: list[str] = Field(
        default_factory=list,
        description="What to know before trusting the documents: no speaker, the same text under two ids.",
    )
    warning_details: list[IngestWarning] = Field(
        default_factory=list, description="The same warnings, each with its kind, file and the document ids concerned."
    )
    notes: list[str] = Field(
        default_factory=list, description="Documents stored already whose metadata this upload changed, and how."
    )


class SourceList(BaseModel):
    """One page of stored documents."""

    documents: list[DocumentInfo]
    offset: int
    limit: int
    total: int


class SpeakerList(BaseModel):
    """The speaker registry."""

    speakers: list[SpeakerEntry]


class Health(BaseModel):
    """Liveness."""

    status: Literal["ok"] = "ok"


class ErrorDetail(BaseModel):
    """A machine-readable code and a message for people."""

    code: str
    message: str


class Readiness(BaseModel):
    """Readiness of this worker, with store size when ready; when not, the error envelope too."""

    status: Literal["ready", "not_ready"]
    reason: str
    documents: int | None = None
    passages: int | None = None
    error: ErrorDetail | None = None


class ErrorBody(BaseModel):
    """The body of every 4xx and 5xx answer."""

    error: ErrorDetail


# What each error status means; every operation documents the ones it can give (see `api.openapi`).
ERROR_MEANINGS: dict[int, str] = {
    400: "Invalid JSON (or a malformed multipart upload)",
    403: "Fetching links is off on this server, or the link leads to a refused address",
    404: "No document with this id",
    409: "No sources loaded yet: every quote would come back not_found",
    413: "Body or text over the limit",
    415: "Neither JSON documents nor a multipart upload",
    422: "Missing, empty or wrongly typed fields",
    503: "Store or model unavailable, or this worker is fetching as many links as it may (see Retry-After)",
}


def errors(*statuses: int) -> dict[int | str, dict[str, object]]:
    """OpenAPI responses for these error statuses, each with the error envelope."""
    return {status: {"model": ErrorBody, "description": ERROR_MEANINGS[status]} for status in statuses}

"""Typed, frozen models that cross every stage boundary; they double as the JSON and API schemas."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from factcheck.meaning import CONFIDENCE_MEANING, low_confidence_meaning

Label = Literal["verified", "altered", "misattributed", "out_of_context", "not_found"]
LABELS: tuple[Label, ...] = ("verified", "altered", "misattributed", "out_of_context", "not_found")
QuoteKind = Literal["direct", "partial", "indirect"]
DiffOpName = Literal["equal", "insert", "delete", "replace"]
# Whose words a span of a source is, when not its speaker's own: a person it quotes, or a claim it reports from others.
VoiceKind = Literal["quoted", "reported"]
# What a lexical search returns: exact-phrase hits, word (BM25) hits, or both, phrase hits first.
LexicalMatch = Literal["both", "phrase", "words"]


class Frozen(BaseModel):
    """Base for immutable models; unknown fields are rejected so contracts stay explicit."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Turn(Frozen):
    """One speaker's span of a transcript document."""

    speaker: str | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    asks: bool = Field(
        default=False, description="A questioner's turn the source does not name: another voice than its speaker's."
    )


class Anchor(Frozen):
    """Where the document text from `start` on (to the next anchor) sits in its original file."""

    start: int = Field(ge=0)
    page: int | None = Field(default=None, ge=1, description="Page number of a PDF.")
    timestamp: float | None = Field(default=None, ge=0, description="Seconds into the recording (a caption cue).")


class Voice(Frozen):
    """A span of a source in someone else's words than its speaker's: a quotation, or a claim reported from others."""

    kind: VoiceKind
    start: int = Field(ge=0, description="Offset of the span in the document (a passage's: in its text).")
    end: int = Field(ge=0)
    speaker: str | None = Field(
        default=None, description="Who said the words, resolved; null for someone the source does not name."
    )
    confidence: float = Field(default=1.0, ge=0.0, le=1.0, description="How sure the source analysis is of `speaker`.")
    source: str | None = Field(default=None, description="The source's words for who said them ('Some analysts').")
    cue: str | None = Field(default=None, description="The verb that reports them ('said', 'have argued', 'call').")
    response: str | None = Field(
        default=None, description="The source's own next sentence answering a reported claim ('They are mistaken.')."
    )
    respondent: str | None = Field(
        default=None,
        description="Who answered the claim when it was put to them in another speaker's turn (an interview's guest).",
    )
    denied: bool = Field(
        default=False, description="Whether the respondent's answer says what was put to them is not so."
    )

    def moved(self, offset: int, limit: int) -> Voice | None:
        """The span shifted by `-offset` and cut to [0, limit); None when nothing of it is left."""
        start, end = max(0, self.start - offset), min(limit, self.end - offset)
        return self.model_copy(update={"start": start, "end": end}) if end > start else None


class Document(Frozen):
    """A source document as loaded, before it is split into passages."""

    id: str = Field(min_length=1, max_length=512)
    text: str
    speaker: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    turns: list[Turn] = Field(
        default_factory=list, description="Speaker turns of a transcript; empty for a single-speaker text."
    )
    anchors: list[Anchor] = Field(
        default_factory=list, description="Pages or caption times, in text order; empty when the file has none."
    )
    voices: list[Voice] = Field(
        default_factory=list, description="Spans in others' words (quoted or reported), from the source analysis."
    )


class DocumentRef(Frozen):
    """The document a passage comes from, as shown next to evidence."""

    id: str
    title: str | None = None
    speaker: str | None = None
    date: str | None = None
    url: str | None = None


class DocumentUpdate(Frozen):
    """New metadata for a stored document: a field left out stays, an empty string (or null) clears it."""

    speaker: str | None = None
    title: str | None = None
    date: str | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    url: str | None = None

    def changes(self) -> dict[str, str | None]:
        """The fields given, each with its new value (None to clear)."""
        return {name: (getattr(self, name) or "").strip() or None for name in sorted(self.model_fields_set)}


class DocumentInfo(Frozen):
    """A stored document with its passage count."""

    id: str
    title: str | None = None
    speaker: str | None = None
    date: str | None = None
    url: str | None = None
    passages: int
    chars: int


class Passage(Frozen):
    """A span of a document, with offsets into the document text and its own speaker."""

    id: str
    document: DocumentRef
    index: int = Field(ge=0, description="Ordinal of the passage within its document.")
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    speaker: str | None = None
    page: int | None = Field(default=None, description="PDF page the passage starts on.")
    timestamp: float | None = Field(default=None, description="Seconds into the recording where the passage starts.")
    anchors: list[Anchor] = Field(
        default_factory=list,
        description="Pages or caption cues that begin inside the passage (document offsets), in text order.",
    )

    def anchor_at(self, offset: int) -> tuple[int | None, float | None]:
        """Page and time in force at a document offset inside the passage."""
        page, timestamp = self.page, self.timestamp
        for anchor in self.anchors:
            if anchor.start > offset:
                break
            page = anchor.page if anchor.page is not None else page
            timestamp = anchor.timestamp if anchor.timestamp is not None else timestamp
        return page, timestamp
    voices: list[Voice] = Field(default_factory=list, description="Spans of the passage in others' words.")


class Candidate(Frozen):
    """A passage returned by retrieval with the scores that found it."""

    passage: Passage
    score: float
    dense: float | None = None
    lexical: float | None = None
    phrase: bool = False


class Speaker(Frozen):
    """Who a quote is attributed to in the article."""

    name: str | None = Field(description="Canonical full name or organisation; null when unknown.")
    mention: str | None = Field(default=None, description="The words in the text that name the speaker.")
    start: int | None = None
    end: int | None = None
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)


class Quote(Frozen):
    """A quotation found in a text; offsets index the input exactly as given."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: QuoteKind
    speaker: Speaker
    cue: str | None = None
    content: str | None = None
    content_start: int | None = None
    content_end: int | None = None
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    llm: LLMTrace | None = Field(default=None, description="What the optional LLM step did, when it ran.")


class DiffOp(Frozen):
    """One word-level edit between the quote and a passage."""

    op: DiffOpName
    quote: str = Field(description="Words on the quote side (empty for a deletion from the source).")
    source: str = Field(description="Words on the source side (empty for an insertion by the quote).")
    # Left out of the JSON on plain equal words, so a diff keeps its shape where nothing differs.
    change: str | None = Field(
        default=None,
        exclude_if=lambda value: value is None,
        description=(
            "What kind of difference this is: one a transcript or an editor makes (filler, repetition, false_start, "
            "aside, discourse, spelling, abbreviation, number_format, contraction, function_word, omission, "
            "insertion, comparative_form, backshift) or one that changes the meaning (negation, quantifier, modal, "
            "number, comparison, name, person, word_form, word, wording). See eval/README.md."
        ),
    )
    tolerated: bool | None = Field(
        default=None,
        exclude_if=lambda value: value is None,
        description="True for a transcript's or an editor's difference (shown as 'transcript / editor'), which "
        "never makes a quote altered; false for a change of meaning.",
    )


class Evidence(Frozen):
    """A passage that supports or contradicts a quote, with the word-level diff."""

    text: str
    document: DocumentRef
    passage_id: str
    speaker: str | None = None
    start: int = Field(description="Offset of the passage in its document.")
    end: int
    score: float
    match_start: int | None = Field(default=None, description="Offset of the aligned words in `text`.")
    match_end: int | None = None
    diff: list[DiffOp] = Field(default_factory=list)
    context: str | None = Field(default=None, description="Surrounding source text when it matters.")
    page: int | None = Field(
        default=None, description="PDF page of the first matched word (of the passage start when nothing is matched)."
    )
    page_end: int | None = Field(
        default=None, description="PDF page of the last matched word, when the words run across a page break."
    )
    timestamp: float | None = Field(
        default=None,
        description="Start (seconds into the recording) of the caption cue holding the first matched word "
        "(of the passage start when nothing is matched).",
    )
    link: str | None = Field(
        default=None,
        description="The source URL pointing at the matched words: a text fragment of them, their PDF page or "
        "their cue's time.",
    )
    voice: Voice | None = Field(
        default=None,
        description="Whose words the matched span is when not the source speaker's (offsets in `text`).",
    )


class Verdict(Frozen):
    """The label for one quote and the probability that it is right."""

    label: Label = Field(
        description=(
            "verified: the words are the speaker's (tolerated, shown in the diff as 'transcript / editor': case, "
            "punctuation, contractions, fillers, repetitions and false starts, an opening 'And', a dropped aside, up "
            "to two function words, spellings, abbreviations, numbers and dates written another way, marked "
            "insertions and omissions, the other comparative form; indirect speech may paraphrase). altered: the "
            "quote comes from one place of the speaker's passage, which carries most of it, but a negation, "
            "quantifier, modal, number, comparison, name, pronoun, content word or word form differs, words are "
            "reordered or sentences spliced. misattributed: distinctive words found for another resolved speaker "
            "(never for an unnamed or generic speaker, a source with no speaker, or a stock phrase). "
            "out_of_context: the speaker's words inside a denial, someone else's reported words, a condition or a "
            "question answered no. not_found: the store does not hold the words. See eval/README.md."
        )
    )
    confidence: float = Field(ge=0.0, le=1.0, description=f"{CONFIDENCE_MEANING} {low_confidence_meaning()}")
    reasons: list[str] = Field(default_factory=list)
    explanation: str | None = None


class LLMTrace(Frozen):
    """What the optional LLM step did for one result."""

    model: str
    prompts: list[str] = Field(default_factory=list)
    ok: bool = True
    error: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    cached: bool = False


class CheckedQuote(Quote):
    """A quote with its verdict and evidence."""

    verdict: Verdict
    actual_speaker: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    llm: LLMTrace | None = None


class ExtractResult(Frozen):
    """Quotes found in one text."""

    quotes: list[Quote]


class FetchedArticle(Frozen):
    """An article read from a link: the text that quote offsets refer to, and where it came from."""

    url: str = Field(description="The address the text came from, after redirects.")
    title: str | None = None
    text: str


class CheckResult(Frozen):
    """Checked quotes for one text."""

    quotes: list[CheckedQuote]
    # Left out of the JSON when the article was pasted, so that answer keeps its one-key shape.
    fetched: FetchedArticle | None = Field(
        default=None, exclude_if=lambda value: value is None, description="Set when the article came from a link."
    )


class SpeakerEntry(Frozen):
    """A speaker in the store's registry."""

    key: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    passages: int = 0


IngestWarningKind = Literal["no_speaker", "same_text"]


class IngestWarning(Frozen):
    """Something to know about ingested documents before trusting them."""

    kind: IngestWarningKind = Field(
        description="no_speaker: its words can be verified, never attributed; same_text: one text under two ids."
    )
    file: str | None = Field(default=None, description="The file (or request item) the documents came from.")
    documents: list[str] = Field(description="The document ids concerned (for same_text, every id of the text).")
    message: str


class IngestReport(Frozen):
    """What one ingest call did."""

    documents_added: int = 0
    documents_skipped: int = 0
    documents_replaced: int = 0
    documents_updated: int = Field(
        default=0, description="Documents whose text was stored already and only metadata changed: nothing re-embedded."
    )
    passages_added: int = 0
    seconds: float = 0.0
    embed_seconds: float = Field(default=0.0, description="Time spent inside the embedding model.")

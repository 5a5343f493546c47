"""View helpers for the web page: the article cut into highlighted segments, verdict names, safe links."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.attribution import UncheckedAttribution, reported_speech, unchecked_attribution
from factcheck.findings import clock as clock
from factcheck.links import web_link
from factcheck.meaning import LABEL_NAMES as LABEL_NAMES
from factcheck.types import LABELS, CheckedQuote, Evidence, Label, Quote


@dataclass(frozen=True)
class Segment:
    """A run of article text: plain, a quote (with its card number and verdict) or a speaker mention."""

    text: str
    kind: str = "text"
    number: int | None = None
    label: str | None = None


def article_segments(text: str, quotes: Sequence[Quote]) -> list[Segment]:
    """Cut `text` at quote and speaker spans; overlapping spans keep the quote, then the earliest."""
    spans: list[tuple[int, int, str, int, str | None]] = []
    for number, quote in enumerate(quotes, 1):
        label: str | None = quote.verdict.label if isinstance(quote, CheckedQuote) else None
        # Indirect speech is highlighted as reported speech, never as a quotation.
        spans.append((quote.start, quote.end, "reported" if quote.kind == "indirect" else "quote", number, label))
    for number, quote in enumerate(quotes, 1):
        s = quote.speaker
        if s.start is not None and s.end is not None:
            spans.append((s.start, s.end, "speaker", number, None))
    kept: list[tuple[int, int, str, int, str | None]] = []
    for span in spans:
        start, end = max(0, span[0]), min(len(text), span[1])
        if start >= end or any(start < k[1] and k[0] < end for k in kept):
            continue
        kept.append((start, end, *span[2:]))
    kept.sort()
    segments: list[Segment] = []
    cursor = 0
    for start, end, kind, number, label in kept:
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], kind, number, label))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments


def verdict_counts(quotes: Sequence[CheckedQuote]) -> list[tuple[Label, int]]:
    """How many quotes got each verdict, in the fixed label order."""
    counts = Counter(q.verdict.label for q in quotes)
    return [(label, counts[label]) for label in LABELS]


def safe_url(url: str | None) -> str | None:
    """A source link only when it is plain http(s), so a stored `javascript:` URL never becomes a link."""
    return web_link(url)


def passage_parts(evidence: Evidence) -> tuple[str, str, str]:
    """The passage split around the words aligned with the quote (all in the first part when unknown)."""
    start, end = evidence.match_start, evidence.match_end
    text = evidence.text
    if start is None or end is None or not 0 <= start < end <= len(text):
        return text, "", ""
    return text[:start], text[start:end], text[end:]


def unchecked_speaker(quote: CheckedQuote) -> UncheckedAttribution | None:
    """Who said the words and why the article's attribution went unchecked, when the verifier judged them alone."""
    return unchecked_attribution(quote.verdict.reasons, quote.actual_speaker)


def reported(quote: Quote) -> str | None:
    """Indirect speech as reported speech ('Calder denied that ...'); None for a quotation."""
    return reported_speech(quote.kind, quote.text, quote.speaker.mention, quote.speaker.name, quote.cue)



def same_words_note(quote: CheckedQuote) -> str:
    """The legend under a diff with no change: an out-of-context card says what the frame is."""
    if quote.verdict.label == "out_of_context" and quote.verdict.reasons:
        return f"Word for word the same, but {quote.verdict.reasons[-1]}."
    return "Word for word the same."


def evidence_heading(label: str) -> str:
    """What the first passage is, in the words of the verdict."""
    if label == "misattributed":
        return "Where these words were said"
    if label == "not_found":
        return "Nearest passages (none of them matches)"
    return "Best source passage"


def percent(value: float) -> str:
    """A confidence as a whole percentage."""
    return f"{round(value * 100)}%"


# What to do about each kind of ingest warning, on the sources page.
WARNING_ADVICE: dict[str, str] = {
    "no_speaker": (
        "Give its speaker: upload the file again with the Speaker field filled in (nothing is embedded again), "
        "or run `factcheck sources set ID --speaker NAME`."
    ),
    "same_text": "If they are the same source, delete one of them with its Delete button below.",
}

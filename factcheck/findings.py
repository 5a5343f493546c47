"""What a checked quote comes to, in short phrases every report shows alike: the table, Markdown, HTML and
ClaimReview say the same thing as the page's card."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.attribution import reported_speech, unchecked_attribution, whose_words
from factcheck.links import web_link
from factcheck.meaning import LABEL_NAMES
from factcheck.types import CheckedQuote, DiffOp, Evidence

# Characters of the framing sentence shown beside an out_of_context verdict.
CONTEXT_CHARS = 160


@dataclass(frozen=True)
class Finding:
    """One checked quote as people read it."""

    number: int
    quote: CheckedQuote
    label_name: str
    claimed: str
    actual: str | None
    unchecked: str | None
    what: str
    where: str | None
    link: str | None
    evidence: Evidence | None
    shown: str
    voiced: str | None = None

    @property
    def confidence(self) -> str:
        """The confidence as a whole percentage."""
        return f"{round(self.quote.verdict.confidence * 100)}%"


def changed_words(diff: Sequence[DiffOp]) -> list[str]:
    """Each difference of the quote from the source, "source -> quote" ("four -> three", '"not" dropped')."""
    changes = []
    for op in diff:
        if op.op == "replace":
            changes.append(f"{op.source} -> {op.quote}")
        elif op.op == "delete":
            changes.append(f'"{op.source}" dropped')
        elif op.op == "insert":
            changes.append(f'"{op.quote}" added')
    return changes


def location(evidence: Evidence) -> str:
    """Where the evidence is: its document, date, speaker and the page or time of the matched words."""
    parts = [evidence.document.title or evidence.document.id]
    if evidence.document.date:
        parts.append(evidence.document.date)
    if evidence.page is not None:
        pages = f"{evidence.page}-{evidence.page_end}" if evidence.page_end else str(evidence.page)
        parts.append(f"page{'s' if evidence.page_end else ''} {pages}")
    if evidence.timestamp is not None:
        parts.append(f"at {clock(evidence.timestamp)}")
    return ", ".join(parts)


def clock(seconds: float) -> str:
    """A time into a recording as M:SS, or H:MM:SS from an hour on."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _what(quote: CheckedQuote, evidence: Evidence | None) -> str:
    """The reason in a few words: the changed words, the frame, or why nothing matched."""
    label = quote.verdict.label
    reasons = quote.verdict.reasons
    if label == "altered" and evidence is not None and (changes := changed_words(evidence.diff)):
        return "; ".join(changes)
    if label == "out_of_context":
        frame = next((r for r in reasons if "frames them" in r), reasons[-1] if reasons else "framed in the source")
        if evidence is not None and evidence.context:
            context = evidence.context
            if len(context) > CONTEXT_CHARS:
                context = context[: CONTEXT_CHARS - 1].rstrip() + "…"
            return f'{frame}: "{context}"'
        return frame
    if label == "not_found":
        return reasons[0] if reasons else "nothing in the store matches"
    return reasons[-1] if reasons else ""


def findings(quotes: Sequence[CheckedQuote]) -> list[Finding]:
    """The findings of a checked article, numbered as the page numbers its cards."""
    out = []
    for number, quote in enumerate(quotes, 1):
        label = quote.verdict.label
        # A not_found quote's evidence is only the nearest passages: none of them is its source.
        evidence = quote.evidence[0] if quote.evidence and label != "not_found" else None
        # Words judged alone say who said them and why no one was checked; otherwise the other speaker is named.
        unchecked = unchecked_attribution(quote.verdict.reasons, quote.actual_speaker)
        other = quote.actual_speaker if quote.actual_speaker != quote.speaker.name else None
        out.append(
            Finding(
                number=number,
                quote=quote,
                label_name=LABEL_NAMES[label],
                claimed=quote.speaker.name or "(unknown)",
                actual=None if unchecked is not None else other,
                unchecked=unchecked.text if unchecked is not None else None,
                what=_what(quote, evidence),
                where=location(evidence) if evidence is not None else None,
                link=web_link(evidence.link or evidence.document.url) if evidence is not None else None,
                evidence=evidence,
                shown=shown_text(quote),
                voiced=whose_evidence(evidence) if evidence is not None else None,
            )
        )
    return out


def shown_text(quote: CheckedQuote) -> str:
    """The quote as reports show it: indirect speech as reported speech ('Calder denied that ...'), never as
    quoted words."""
    who = quote.speaker
    return reported_speech(quote.kind, quote.text, who.mention, who.name, quote.cue) or quote.text


def whose_evidence(evidence: Evidence) -> str | None:
    """Whose words the matched span is when not its source's own voice ('said by X, quoted by Y')."""
    voice = evidence.voice.model_dump() if evidence.voice is not None else None
    return whose_words(evidence.speaker, evidence.document.speaker, voice)

"""Extraction help from the LLM for what rules find hard, merged with the rule output and checked against the text."""

from __future__ import annotations

import logging
import re
from typing import Literal

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, ConfigDict

from factcheck.config import Settings
from factcheck.errors import LLMError
from factcheck.llm.client import StructuredLLM
from factcheck.prompts import load_prompt, unescape_data
from factcheck.stages import Extractor
from factcheck.types import LLMTrace, Quote, Speaker

log = logging.getLogger(__name__)

_DOUBLE_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'
_SINGLE_MARKS = "'\u2018\u2019\u201a\u2039\u203a"
_QUOTE_MARKS = _DOUBLE_MARKS + _SINGLE_MARKS
_DOUBLE = f"[{_DOUBLE_MARKS}]"
_SINGLE = f"[{_SINGLE_MARKS}]"
_TOKEN = re.compile(r"\w+|[^\w\s]")
# A one-word "quote" is usually a scare quote or a term and matches too many places to place safely.
_MIN_WORDS = 2
# Rule speakers below this confidence are open to correction by the model.
_WEAK_SPEAKER = 0.5
# Confidence of a quote only the model found; the rules' own quotes keep theirs.
_LLM_QUOTE_CONFIDENCE = 0.5


class FoundQuote(BaseModel):
    """A quotation the model reports, copied from the article."""

    model_config = ConfigDict(extra="forbid")

    text: str
    kind: Literal["direct", "partial", "indirect"]
    speaker: str | None
    speaker_mention: str | None
    cue: str | None


class FoundQuotes(BaseModel):
    """The model's extraction answer."""

    model_config = ConfigDict(extra="forbid")

    quotes: list[FoundQuote]
    scare_quotes: list[str]


def locate(needle: str, text: str, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Where `needle` occurs in `text` (quote marks and spacing tolerated), preferring a free span."""
    needle = unescape_data(needle).strip()
    while len(needle) > 1 and needle[0] in _QUOTE_MARKS and needle[-1] in _QUOTE_MARKS:
        needle = needle[1:-1].strip()
    tokens = _TOKEN.findall(needle)
    if sum(1 for t in tokens if t[0].isalnum() or t[0] == "_") < _MIN_WORDS:
        return None
    parts = [_DOUBLE if t in _DOUBLE_MARKS else _SINGLE if t in _SINGLE_MARKS else re.escape(t) for t in tokens]
    spans = [(m.start(), m.end()) for m in re.finditer(r"\s*".join(parts), text)]
    if not spans:
        return None
    free = [s for s in spans if not any(_overlaps(s, t) for t in taken)]
    return (free or spans)[0]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _span(quote: Quote) -> tuple[int, int]:
    return quote.start, quote.end


def _nearest(pattern: str, text: str, anchor: int) -> tuple[int, int] | None:
    spans = [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(pattern)}(?!\w)", text)]
    return min(spans, key=lambda s: abs(s[0] - anchor)) if spans else None


def resolve_speaker(found: FoundQuote, text: str, anchor: int) -> Speaker | None:
    """The model's speaker, kept only when the article itself names it."""
    name = unescape_data(found.speaker).strip() if found.speaker else ""
    mention = unescape_data(found.speaker_mention).strip() if found.speaker_mention else ""
    surname = name.split()[-1] if name else ""
    name_ok = bool(surname) and _nearest(surname, text, anchor) is not None
    mention_span = _nearest(mention, text, anchor) if mention else None
    if not name_ok:
        return None
    if mention_span is None:
        mention_span = _nearest(name, text, anchor) or _nearest(surname, text, anchor)
        mention = text[mention_span[0] : mention_span[1]] if mention_span else surname
    start, end = mention_span if mention_span else (None, None)
    return Speaker(name=name, mention=mention, start=start, end=end, confidence=0.6)


def merge(rule_quotes: list[Quote], reply: FoundQuotes, text: str, trace: LLMTrace) -> list[Quote]:
    """Rule quotes, corrected speakers and scare quotes removed, plus model quotes found verbatim in `text`."""
    scare = {_norm(s) for s in reply.scare_quotes}
    quotes = [q for q in rule_quotes if not (q.speaker.name is None and _norm(q.text) in scare)]
    taken = [_span(q) for q in quotes]
    added: list[Quote] = []
    dropped = 0
    for found in reply.quotes:
        span = locate(found.text, text, taken)
        if span is None:
            dropped += 1
            continue
        speaker = resolve_speaker(found, text, span[0])
        same = [i for i, q in enumerate(quotes) if _overlaps(_span(q), span)]
        if same:
            i = same[0]
            weak = quotes[i].speaker.name is None or quotes[i].speaker.confidence < _WEAK_SPEAKER
            if speaker is not None and weak:
                quotes[i] = quotes[i].model_copy(update={"speaker": speaker})
            continue
        taken.append(span)
        cue = found.cue if found.cue and _nearest(found.cue, text, span[0]) else None
        added.append(
            Quote(
                text=text[span[0] : span[1]],
                start=span[0],
                end=span[1],
                kind=found.kind,
                speaker=speaker or Speaker(name=None),
                cue=cue,
                content=text[span[0] : span[1]],
                content_start=span[0],
                content_end=span[1],
                confidence=_LLM_QUOTE_CONFIDENCE,
            )
        )
    if dropped:
        log.info("dropped %d LLM quotes not found in the text", dropped)
    merged = sorted([*quotes, *added], key=lambda q: (q.start, q.end))
    return [_with_trace(q, trace, first=i == 0) for i, q in enumerate(merged)]


def _norm(text: str) -> str:
    return " ".join(unescape_data(text).strip(_QUOTE_MARKS + " ").lower().split())


def _with_trace(quote: Quote, trace: LLMTrace, first: bool) -> Quote:
    if "llm" not in type(quote).model_fields:
        return quote
    # The extraction call serves the whole article: its tokens are counted once, on the first quote.
    share = trace if first else trace.model_copy(update={"prompt_tokens": 0, "completion_tokens": 0, "cost_usd": 0.0})
    return quote.model_copy(update={"llm": share})


class LLMAssistedExtractor:
    """Rule extraction first, then the model for indirect speech, unclear speakers and scare quotes."""

    def __init__(self, rule_extractor: Extractor, llm: BaseChatModel, settings: Settings) -> None:
        self.rules = rule_extractor
        self.settings = settings
        self.client = StructuredLLM(llm, settings)
        self.prompt = load_prompt("extract_quotes", 1)

    def extract(self, text: str) -> list[Quote]:
        """Quotes in `text`; the rule output alone, flagged, when the model fails and fallback is allowed."""
        rule_quotes = self.rules.extract(text)
        if not self.settings.llm_extract:
            return rule_quotes
        found = [{"kind": q.kind, "speaker": q.speaker.name, "text": q.text} for q in rule_quotes]
        try:
            answer = self.client.ask(self.prompt, FoundQuotes, text=text, found=found)
        except LLMError as exc:
            if self.settings.llm_only:
                raise
            trace = self.client.failed(self.prompt, exc.message)
            return [_with_trace(q, trace, first=i == 0) for i, q in enumerate(rule_quotes)]
        return merge(rule_quotes, answer.value, text, answer.trace)

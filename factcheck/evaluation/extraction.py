"""The attribution-extraction metric: token-overlap matching of predicted quotes to gold contents."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from factcheck.types import Quote

_WORD = re.compile(r"\w+")
# Double marks and opening single marks; a closing single mark is nearly always an apostrophe.
_QUOTE_MARKS = re.compile(r"[\"“”„«»\u2018]|(?:^|\s)'")
# Function words that do not count as a shared speaker word.
_FUNCTION_WORDS = frozenset(
    ["the", "a", "an", "of", "and", "in", "on", "for", "to", "at", "by", "with", "from", "'s", "s"]
)
MATCH_THRESHOLD = 0.5


class GoldAttribution(BaseModel):
    """One gold attribution: content span(s) and optional source span, offsets into the article."""

    model_config = ConfigDict(frozen=True)

    content: tuple[tuple[int, int], ...]
    content_text: str
    source: tuple[tuple[int, int], ...] = ()
    source_text: str = ""

    @property
    def direct(self) -> bool:
        """A direct (or mixed) attribution: its content contains a quote mark."""
        return _QUOTE_MARKS.search(self.content_text) is not None


class GoldArticle(BaseModel):
    """An article text with its gold attributions."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    attributions: tuple[GoldAttribution, ...]


class ExtractionScores(BaseModel):
    """Content precision/recall/F1, direct-content recall and speaker agreement on matched pairs."""

    model_config = ConfigDict(frozen=True)

    articles: int
    gold: int
    predicted: int
    matched: int
    precision: float
    recall: float
    f1: float
    direct_gold: int
    direct_matched: int
    direct_recall: float
    speaker_pairs: int
    speaker_agreed: int
    speaker_agreement: float


def _token_positions(text: str, spans: Sequence[tuple[int, int]]) -> set[int]:
    """Start offsets of the word tokens inside `spans` (a token counts if it starts inside a span)."""
    positions: set[int] = set()
    for start, end in spans:
        for match in _WORD.finditer(text, start, end):
            positions.add(match.start())
    return positions


def overlap_ratio(text: str, gold: Sequence[tuple[int, int]], predicted: tuple[int, int]) -> float:
    """Shared tokens between the gold spans and a predicted span, over the longer of the two."""
    gold_tokens = _token_positions(text, gold)
    predicted_tokens = _token_positions(text, [predicted])
    longest = max(len(gold_tokens), len(predicted_tokens))
    return len(gold_tokens & predicted_tokens) / longest if longest else 0.0


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)} - _FUNCTION_WORDS


def speaker_agrees(quote: Quote, gold: GoldAttribution) -> bool:
    """The predicted speaker mention or name shares a word with the gold source span."""
    predicted = _words(quote.speaker.mention or "") | _words(quote.speaker.name or "")
    return bool(predicted & _words(gold.source_text))


def _quote_spans(quote: Quote) -> list[tuple[int, int]]:
    spans = [(quote.start, quote.end)]
    if quote.content_start is not None and quote.content_end is not None:
        spans.append((quote.content_start, quote.content_end))
    return spans


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def score_article(article: GoldArticle, predictions: Sequence[Quote]) -> list[tuple[int, int, float]]:
    """Matched (gold index, prediction index, overlap) pairs, greedy by overlap, each used once."""
    pairs: list[tuple[float, int, int]] = []
    for g, gold in enumerate(article.attributions):
        for p, quote in enumerate(predictions):
            best = max(overlap_ratio(article.text, gold.content, span) for span in _quote_spans(quote))
            if best >= MATCH_THRESHOLD:
                pairs.append((best, g, p))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matches: list[tuple[int, int, float]] = []
    for ratio, g, p in pairs:
        if g in used_gold or p in used_pred:
            continue
        used_gold.add(g)
        used_pred.add(p)
        matches.append((g, p, ratio))
    return matches


def score_extraction(gold_articles: Sequence[GoldArticle], predictions: Sequence[Sequence[Quote]]) -> ExtractionScores:
    """Score predicted quotes (one list per article, same order) against the gold attributions."""
    if len(gold_articles) != len(predictions):
        raise ValueError(f"{len(gold_articles)} gold articles but {len(predictions)} prediction lists")
    gold_total = predicted_total = matched = direct_gold = direct_matched = 0
    speaker_pairs = speaker_agreed = 0
    for article, quotes in zip(gold_articles, predictions, strict=True):
        gold_total += len(article.attributions)
        predicted_total += len(quotes)
        direct_gold += sum(1 for a in article.attributions if a.direct)
        for g, p, _ratio_value in score_article(article, quotes):
            matched += 1
            gold = article.attributions[g]
            direct_matched += gold.direct
            if gold.source_text:
                speaker_pairs += 1
                speaker_agreed += speaker_agrees(quotes[p], gold)
    precision = _ratio(matched, predicted_total)
    recall = _ratio(matched, gold_total)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ExtractionScores(
        articles=len(gold_articles),
        gold=gold_total,
        predicted=predicted_total,
        matched=matched,
        precision=round(precision, 4),
        recall=round(recall, 4),
        f1=round(f1, 4),
        direct_gold=direct_gold,
        direct_matched=direct_matched,
        direct_recall=round(_ratio(direct_matched, direct_gold), 4),
        speaker_pairs=speaker_pairs,
        speaker_agreed=speaker_agreed,
        speaker_agreement=round(_ratio(speaker_agreed, speaker_pairs), 4),
    )

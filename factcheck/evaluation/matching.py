"""Gold quotes located in their article, and speaker-name agreement."""

from __future__ import annotations

from factcheck.errors import InputError
from factcheck.evaluation.extraction import GoldArticle, GoldAttribution
from factcheck.evaluation.records import LabeledArticle
from factcheck.names import more_specific
from factcheck.names import same_speaker as names_agree


def _find(text: str, target: str, start: int | None, cursor: int, where: str) -> tuple[int, int]:
    if start is not None:
        if text[start : start + len(target)] != target:
            raise InputError(f"{where}: does not occur at offset {start} of the article text")
        return start, start + len(target)
    found = text.find(target, cursor)
    if found < 0:
        found = text.find(target)
    if found < 0:
        raise InputError(f"{where}: not found in the article text")
    return found, found + len(target)


_MARKS = "\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019'"


def _with_marks(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span widened over quote marks right around it, so a quoted gold counts as direct content."""
    start, end = span
    if start > 0 and text[start - 1] in _MARKS:
        start -= 1
    if end < len(text) and text[end] in _MARKS:
        end += 1
    return start, end


def gold_article(article: LabeledArticle) -> GoldArticle:
    """The article's gold quotes as offset spans, in order; a quote absent from the text is an InputError.

    Without an explicit `start`, each quote is looked for after the previous one, so a repeated
    phrase is located where the annotator most likely meant it.
    """
    attributions: list[GoldAttribution] = []
    cursor = 0
    for i, quote in enumerate(article.quotes):
        span = _find(article.text, quote.text, quote.start, cursor, f"quotes.{i}.text")
        if quote.end is not None and quote.end != span[1]:
            raise InputError(f"quotes.{i}.end: the quote ends at offset {span[1]}, not {quote.end}")
        cursor = span[0] + 1
        content = span if quote.kind == "indirect" else _with_marks(article.text, span)
        if quote.content:
            content = _find(
                article.text, quote.content, None, max(0, span[1] - len(quote.content)), f"quotes.{i}.content"
            )
        attributions.append(
            GoldAttribution(
                content=(content,),
                content_text=article.text[content[0] : content[1]],
                source_text=quote.speaker or "",
            )
        )
    return GoldArticle(id=article.id, text=article.text, attributions=tuple(attributions))


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    """Whether a predicted name denotes the gold speaker (aliases and titles allowed; both null agrees)."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    return names_agree(predicted, gold)


def resolved_speaker(predicted: str | None, gold: str | None) -> bool:
    """Like `same_speaker`, but the prediction must name the entity as fully as the gold: a bare surname
    ("Merkel") or an owner-less organisation ("Foreign Ministry") does not count for a fuller gold name."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    return more_specific(predicted, gold)

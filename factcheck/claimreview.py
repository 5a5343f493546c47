"""schema.org `ClaimReview` JSON-LD, one per checked quote: the form fact-checking sites publish and search
engines read."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from factcheck.findings import Finding, findings
from factcheck.names import is_organisation
from factcheck.types import CheckedQuote, Label

CONTEXT = "https://schema.org"
# The verdict on a 1 (worst) to 5 (best) scale, as fact-checkers rate a claim; not_found gets no number: a
# closed corpus cannot rate words it does not hold.
RATINGS: dict[Label, int | None] = {
    "verified": 5,
    "out_of_context": 3,
    "altered": 2,
    "misattributed": 1,
    "not_found": None,
}
BEST, WORST = 5, 1


def _agent(name: str) -> dict[str, Any]:
    """A Person, or an Organization when the name reads as one."""
    return {"@type": "Organization" if is_organisation(name) else "Person", "name": name}


def _rating(f: Finding) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": f.label_name}
    value = RATINGS[f.quote.verdict.label]
    if value is not None:
        rating |= {"ratingValue": value, "bestRating": BEST, "worstRating": WORST}
    explanation = "; ".join(
        part for part in (f.what, f.unchecked or (f"said by {f.actual}" if f.actual else "")) if part
    )
    if explanation:
        rating["ratingExplanation"] = explanation
    return rating


def _claim(f: Finding, article_url: str | None, article_title: str | None) -> dict[str, Any]:
    claim: dict[str, Any] = {"@type": "Claim"}
    if f.quote.speaker.name:
        claim["author"] = _agent(f.quote.speaker.name)
    if article_url or article_title:
        appearance: dict[str, Any] = {"@type": "CreativeWork"}
        if article_url:
            appearance["url"] = article_url
        if article_title:
            appearance["headline"] = article_title
        claim["appearance"] = appearance
    return claim


def _citation(f: Finding) -> dict[str, Any] | None:
    """The best evidence: the source document, with the link to the matched words."""
    evidence = f.evidence
    if evidence is None:
        return None
    source: dict[str, Any] = {"@type": "CreativeWork", "name": evidence.document.title or evidence.document.id}
    if f.link:
        source["url"] = f.link
    if evidence.document.date:
        source["datePublished"] = evidence.document.date
    speaker = evidence.speaker or evidence.document.speaker
    if speaker:
        source["author"] = _agent(speaker)
    source["text"] = evidence.text
    return source


def claim_reviews(
    quotes: Sequence[CheckedQuote],
    article_url: str | None = None,
    article_title: str | None = None,
    publisher: str | None = None,
    published: date | None = None,
) -> list[dict[str, Any]]:
    """One ClaimReview per checked quote, in article order."""
    day = (published or date.today()).isoformat()
    reviews = []
    for f in findings(quotes):
        review: dict[str, Any] = {
            "@context": CONTEXT,
            "@type": "ClaimReview",
            "claimReviewed": f.quote.text,
            "itemReviewed": _claim(f, article_url, article_title),
            "reviewRating": _rating(f),
            "datePublished": day,
        }
        if publisher:
            review["author"] = {"@type": "Organization", "name": publisher}
        citation = _citation(f)
        if citation is not None:
            review["citation"] = citation
        reviews.append(review)
    return reviews

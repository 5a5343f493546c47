"""Extraction scored on PolNeAR dev and on the hand-written suite in eval/suites."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from factcheck.evaluation.extraction import GoldArticle, GoldAttribution, score_extraction
from factcheck.evaluation.polnear import load_polnear, parse_ann
from factcheck.extract import RuleExtractor
from factcheck.types import Quote, Speaker

SUITE = Path(__file__).resolve().parents[1] / "eval" / "suites" / "extraction_handwritten.jsonl"


def test_parse_ann_reads_discontinuous_content_and_source() -> None:
    text = "Smith said the plan, he added, was bad."
    ann = (
        "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 19;31 38\tthe plan was bad\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    )
    article = parse_ann(text, ann)
    assert article.attributions[0].content == ((11, 19), (31, 38))
    assert article.attributions[0].source_text == "Smith"


def test_metric_matches_by_half_the_tokens_of_the_longer_span() -> None:
    text = "Smith said the new plan was very bad for all of the farmers here."
    gold = GoldArticle(
        id="a",
        text=text,
        attributions=(GoldAttribution(content=((11, 64),), content_text=text[11:64], source_text="Smith"),),
    )

    def quote(start: int, end: int, mention: str) -> Quote:
        return Quote(text=text[start:end], start=start, end=end, kind="indirect",
                     speaker=Speaker(name=None, mention=mention))  # fmt: skip

    good = score_extraction([gold], [[quote(11, 64, "Smith"), quote(11, 20, "Jones")]])
    assert (good.matched, good.precision, good.recall, good.speaker_agreement) == (1, 0.5, 1.0, 1.0)
    short = score_extraction([gold], [[quote(11, 23, "Jones")]])
    assert short.matched == 0


@pytest.mark.slow
def test_polnear_dev_floors(nlp: Any, shared_data: Path) -> None:
    split = shared_data / "polnear" / "dev"
    if not split.is_dir():
        pytest.skip("PolNeAR dev split not present")
    gold = load_polnear(split)
    predictions = list(RuleExtractor(nlp).extract_many(a.text for a in gold))
    scores = score_extraction(gold, predictions)
    # Regression floors a little under the measured dev figures (P 0.749, R 0.527, F1 0.619, direct recall
    # 0.915, agreement 0.923). PolNeAR also annotates verbs with a topic or a plan as their content ('called for
    # releasing the videos', 'decided against recommending charges'); those report no statement and are
    # not extracted, which is most of the recall gap.
    assert scores.direct_recall >= 0.90
    assert scores.precision >= 0.73
    assert scores.f1 >= 0.60
    assert scores.speaker_agreement >= 0.91


def test_handwritten_suite_speakers(nlp: Any) -> None:
    extractor = RuleExtractor(nlp)
    total = resolved = 0
    for line in SUITE.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        quotes = extractor.extract(article["text"])
        for gold in article["quotes"]:
            total += 1
            core = gold["text"].strip(" ,.")
            found = [q for q in quotes if core in q.text or (q.text and q.text in gold["text"])]
            if found and found[0].speaker.name == gold["speaker"]:
                resolved += 1
    assert total >= 25
    assert resolved / total >= 0.95

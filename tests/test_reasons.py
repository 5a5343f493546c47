"""Every reason a verdict gives agrees with the evidence it shows, over the newsroom trial (real models and store)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from factcheck.align import is_content, tokenize
from factcheck.config import Settings
from factcheck.evaluation.suites import load_suites
from factcheck.pipeline import Components, Pipeline
from factcheck.types import CheckedQuote

ROOT = Path(__file__).resolve().parent.parent
SUITES = ROOT / "eval" / "suites"
# Each town's sources and its articles.
TRIALS = [
    (SUITES / "newsroom", [SUITES / "newsroom_dev.jsonl", SUITES / "newsroom_heldout.jsonl"]),
    (SUITES / "newsroom2", [SUITES / "newsroom2_dev.jsonl", SUITES / "newsroom2_heldout.jsonl"]),
    (SUITES / "newsroom3", [SUITES / "newsroom3_dev.jsonl", SUITES / "newsroom3_heldout.jsonl"]),
]
# Words that name a frame in an out-of-context reason.
FRAMES = ("reported as what", "quoted by", "asked by", "denies them", "in a condition", "as a question", "frames them")
# A quote this long, with this many content words, found word for word is distinctive enough that 'too common'
# cannot be its reason.
DISTINCTIVE_WORDS = 6
DISTINCTIVE_CONTENT = 3


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory, embedder: object, nlp: object) -> list[CheckedQuote]:
    sys.path.insert(0, str(ROOT / "eval"))
    from newsroom import build

    found: list[CheckedQuote] = []
    for sources, suites in TRIALS:
        store = tmp_path_factory.mktemp(sources.name) / "store"
        build(store, sources)
        settings = Settings(store=store, llm_model=None)
        pipeline: Pipeline = Components(settings, embedder=embedder, nlp=nlp).pipeline()  # type: ignore[arg-type]
        for suite in load_suites(suites):
            for record in suite.records:
                found += pipeline.check_text(record.text).quotes  # type: ignore[union-attr]
    return found


def _exact(quote: CheckedQuote) -> bool:
    return bool(quote.evidence) and quote.evidence[0].score >= 0.99 and all(
        op.op == "equal" for op in quote.evidence[0].diff
    )


def test_the_trial_has_quotes_of_every_label(checked: list[CheckedQuote]) -> None:
    assert {q.verdict.label for q in checked} >= {"verified", "misattributed", "out_of_context", "not_found"}


def test_no_too_common_beside_a_distinctive_exact_match(checked: list[CheckedQuote]) -> None:
    for quote in checked:
        if any("too common" in r for r in quote.verdict.reasons):
            content = [t for t in tokenize(quote.text) if is_content(t)]
            long = len(quote.text.split()) >= DISTINCTIVE_WORDS and len(content) >= DISTINCTIVE_CONTENT
            assert not (_exact(quote) and long), quote
            # The reason says where the words were found, as the evidence shows.
            if _exact(quote):
                assert any(r.startswith("the words are") for r in quote.verdict.reasons), quote.verdict.reasons


def test_out_of_context_names_its_frame(checked: list[CheckedQuote]) -> None:
    for quote in (q for q in checked if q.verdict.label == "out_of_context"):
        assert any(frame in r for r in quote.verdict.reasons for frame in FRAMES), quote.verdict.reasons


def test_whose_words_in_the_reasons_are_the_evidence_speakers(checked: list[CheckedQuote]) -> None:
    for quote in checked:
        if quote.verdict.label == "misattributed":
            assert quote.evidence and quote.evidence[0].speaker == quote.actual_speaker
        for reason in quote.verdict.reasons:
            if reason.startswith("the words are ") and "'s, quoted" in reason and quote.evidence:
                said_by = reason.removeprefix("the words are ").split("'s, quoted")[0]
                assert quote.evidence[0].speaker == said_by, (reason, quote.evidence[0])


def test_an_organisation_credited_through_its_document_is_that_documents_issuer(checked: list[CheckedQuote]) -> None:
    credited = [q for q in checked if any("own document quotes them" in r for r in q.verdict.reasons)]
    assert credited
    for quote in credited:
        reason = next(r for r in quote.verdict.reasons if "own document quotes them" in r)
        assert quote.evidence and reason.startswith(f"{quote.evidence[0].document.speaker}'s own document"), reason

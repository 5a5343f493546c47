"""Hybrid retrieval over a real temp store: verbatim quotes, short quotes, speaker aliases, batches."""

from __future__ import annotations

import pytest

from factcheck.pipeline import Components
from factcheck.retrieve import HybridRetriever, search_text, written_variants
from factcheck.types import Document

DOCS = [
    Document(id="a", speaker="Joseph R. Biden Jr.", text=(
        "The price of prescription drugs is unacceptable. We capped insulin at thirty-five dollars a month "
        "for seniors on Medicare. Our infrastructure law is rebuilding roads, bridges and ports.")),
    Document(id="b", speaker="Donald J. Trump", text=(
        "What they did to our steel workers was unacceptable. We built the greatest economy in the history "
        "of our country. Our border wall is going up fast and it is working.")),
    Document(id="c", speaker="Barack Obama", text=(
        "The state of our union is stronger. We ended the war in Iraq and brought our troops home. "
        "Health insurance is now within reach for millions of families.")),
]  # fmt: skip


@pytest.fixture
def retriever(components: Components) -> HybridRetriever:
    store = components.get_store()
    store.add_documents(DOCS)
    return HybridRetriever(store, components.get_embedder())


def test_verbatim_quote_is_found_with_a_phrase_hit(retriever: HybridRetriever) -> None:
    found = retriever.retrieve("we ended the war in Iraq and brought our troops home", None, 3)
    assert found[0].passage.document.id == "c"
    assert found[0].phrase


def test_short_quote_prefers_the_claimed_speaker(retriever: HybridRetriever) -> None:
    for speaker, doc in (("President Biden", "a"), ("Trump", "b")):
        found = retriever.retrieve("unacceptable", speaker, 3)
        assert found[0].passage.document.id == doc


def test_misattributed_quote_is_found_across_speakers(retriever: HybridRetriever) -> None:
    found = retriever.retrieve("We built the greatest economy in the history of our country", "Barack Obama", 2)
    assert "b" in {c.passage.document.id for c in found}


def test_aliases_resolve_to_registry_names(retriever: HybridRetriever) -> None:
    assert retriever.speaker_names("Joe Biden") == ["Joseph R. Biden Jr."]
    assert retriever.speaker_names("Hillary Clinton") == []


def test_registry_follows_a_replaced_document_of_the_same_length(
    retriever: HybridRetriever, components: Components
) -> None:
    assert retriever.speaker_names("Obama") == ["Barack Obama"]
    store = components.get_store()
    before = store.count_passages()
    # Same text, so the same passages: only the speaker changes.
    store.add_documents([DOCS[2].model_copy(update={"speaker": "Michelle Obama"})])
    assert store.count_passages() == before
    assert retriever.speaker_names("Michelle Obama") == ["Michelle Obama"]
    assert retriever.speaker_names("Barack Obama") == []


def test_batch_matches_single_queries(retriever: HybridRetriever) -> None:
    queries = [("capped insulin at thirty-five dollars", "Biden"), ("border wall", None)]
    batch = retriever.retrieve_many(queries, 2)
    assert [[c.passage.id for c in lst] for lst in batch] == [
        [c.passage.id for c in retriever.retrieve(q, s, 2)] for q, s in queries
    ]


def test_searches_run_side_by_side_give_the_one_at_a_time_answer(retriever: HybridRetriever) -> None:
    queries = [
        ("The price of prescription drugs is unacceptable", "Joe Biden"),  # verbatim, own speaker
        ("We built the greatest economy in the history of our country", "Barack Obama"),  # someone else's
        ("We capped insulin at forty dollars a month for seniors", "Biden"),  # altered: dense search too
        ("health insurance for millions of families is now within reach", None),  # reordered, no speaker
        ("unacceptable", "Trump"),
    ]
    one_at_a_time = HybridRetriever(retriever.store, retriever.embedder, workers=1)
    expected = one_at_a_time.retrieve_many(queries, 3)
    with retriever.store.snapshot():
        assert retriever.retrieve_many(queries, 3) == expected


def test_search_text_drops_editor_marks() -> None:
    assert search_text("[T]he state ... of our [nation's] union") == "The state of our union"


def test_a_name_spelled_another_way_finds_its_passage(retriever: HybridRetriever) -> None:
    retriever.store.add_documents([Document(id="d", speaker="Barack Obama", text=(
        "Tonight I want to thank Kathryn Moore, who ran the shelter through the storm. "
        "Our schools are opening their doors to more children than ever."))])  # fmt: skip
    assert retriever.store.term_passages(["katherine"]) == {}
    found = retriever.retrieve("thank Katherine Moore", "Barack Obama", 3)
    assert found[0].passage.document.id == "d"
    assert found[0].phrase


def test_an_abbreviation_in_capitals_finds_its_dotted_spelling(retriever: HybridRetriever) -> None:
    # The index holds 'U.S.' as its letters: 'the US' is probed as 'the u.s.' as well.
    assert "the u.s." in written_variants("the US")
    retriever.store.add_documents([Document(id="e", speaker="Barack Obama", text=(
        "The reform is supported by everyone from labor unions to the U.S. Chamber of Commerce. "
        "Let us get it done this year."))])  # fmt: skip
    found = retriever.retrieve("the US", "Barack Obama", 3)
    assert found[0].passage.document.id == "e"
    assert found[0].phrase


def test_a_quote_with_a_filler_or_an_aside_is_searched_without_it(retriever: HybridRetriever) -> None:
    assert "the power" in written_variants("the, you know, power")
    assert "have a" in written_variants("have uh, a")
    found = retriever.retrieve("the state, you know, of our union", "Barack Obama", 3)
    assert found[0].passage.document.id == "c"
    assert found[0].phrase


def test_a_small_figure_is_searched_as_a_transcript_spells_it() -> None:
    assert "a mother of two young boys" in written_variants("a mother of 2 young boys")
    assert "forty-five days" in written_variants("45 days")
    assert "it won't take" in written_variants("it will not take")
    assert "you can't get" in written_variants("you cannot get")
    # A sum, a share, a decimal, a thousand and a time stay figures.
    for text in ("$5 more", "20% more", "3.5 more", "15,000 more", "10:30 more"):
        assert not any(w in v for v in written_variants(text) for w in ("five", "twenty", "fifteen", "ten"))

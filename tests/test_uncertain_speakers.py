"""An accusation rests on a speaker the article names: inferred speakers and organisations that speak through
their people never turn words found elsewhere into a misattribution (real models, real store)."""

from __future__ import annotations

import pytest

from factcheck.config import Settings
from factcheck.pipeline import Components, Pipeline
from factcheck.types import CheckedQuote, Document

CLUB_STATEMENT = (
    "The Lowmoor Sailing Association will keep its slipway open to the public through the winter. "
    '"Nobody who wants to learn to sail should be turned away because of the season," said Commodore Fenella Drake. '
    "The association's treasurer, Idris Okafor, said: \"The new boathouse roof was paid for entirely by members.\""
)
HARBOUR_NOTICE = (
    "Mooring fees in the inner basin will rise by four percent from April to cover dredging of the channel mouth."
)
LIFEBOAT_LOG = "The lifeboat crew trained twice a week all through the storms of January, and nobody missed a launch."
GAZETTE_STORY = (
    "Lowmoor's harbour has a new pontoon. \"The pontoon lets the rescue boat launch at any state of the tide,\" "
    "Commodore Fenella Drake told the Gazette."
)


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory, embedder: object, nlp: object) -> Pipeline:
    settings = Settings(store=tmp_path_factory.mktemp("uncertain") / "store", llm_model=None)
    components = Components(settings, embedder=embedder, nlp=nlp)  # type: ignore[arg-type]
    components.get_store().add_documents(
        [
            Document(id="club", text=CLUB_STATEMENT, speaker="Lowmoor Sailing Association", title="Winter slipway"),
            Document(id="notice", text=HARBOUR_NOTICE, speaker="Aled Pryce", title="Harbourmaster's notice"),
            Document(id="gazette", text=GAZETTE_STORY, speaker="Lowmoor Gazette", title="New pontoon"),
            Document(id="lifeboat", text=LIFEBOAT_LOG, speaker="Peter Lund", title="Coxswain's report"),
        ]
    )
    return components.pipeline()


def _quote(pipeline: Pipeline, article: str, words: str) -> CheckedQuote:
    result = pipeline.check_text(article)
    return next(q for q in result.quotes if words in q.text)


def test_an_organisation_is_credited_with_words_its_own_statement_quotes(pipeline: Pipeline) -> None:
    article = (
        "Winter sailing stays open at Lowmoor. In a statement, the Lowmoor Sailing Association said: "
        '"The new boathouse roof was paid for entirely by members."'
    )
    checked = _quote(pipeline, article, "boathouse roof")
    assert checked.speaker.name == "Lowmoor Sailing Association"
    assert checked.verdict.label == "verified"
    assert any("own document quotes them" in r and "Idris Okafor" in r for r in checked.verdict.reasons)


def test_an_organisation_credited_with_its_persons_words_elsewhere_is_not_accused(pipeline: Pipeline) -> None:
    article = (
        "The Lowmoor Sailing Association welcomed the pontoon. "
        '"The pontoon lets the rescue boat launch at any state of the tide," the Lowmoor Sailing Association said.'
    )
    checked = _quote(pipeline, article, "rescue boat")
    assert checked.verdict.label != "misattributed"
    assert "Fenella Drake" in (checked.actual_speaker or "")
    assert any("organisation" in r for r in checked.verdict.reasons)


def test_a_body_the_article_gives_members_speaks_as_itself(pipeline: Pipeline) -> None:
    article = (
        "The collective's treasurer, Marta Quell, joined the crews on the quay on Sunday. "
        '"Nobody who wants to learn to sail should be turned away because of the season," the collective said.'
    )
    checked = _quote(pipeline, article, "learn to sail")
    assert checked.speaker.name != "Marta Quell"
    assert checked.verdict.label != "misattributed"


def test_a_pronoun_cannot_turn_a_found_quote_into_a_misattribution(pipeline: Pipeline) -> None:
    article = (
        "Harbourmaster Aled Pryce walked the new pontoon with reporters on Monday. Drake had asked for it for years. "
        '"The pontoon lets the rescue boat launch at any state of the tide," he said.'
    )
    checked = _quote(pipeline, article, "rescue boat")
    assert checked.verdict.label != "misattributed"
    assert "Fenella Drake" in (checked.actual_speaker or "")


def test_a_description_cannot_turn_a_found_quote_into_a_misattribution(pipeline: Pipeline) -> None:
    article = (
        "Aled Pryce, the harbourmaster, praised the association. "
        '"Nobody who wants to learn to sail should be turned away because of the season," the harbourmaster said.'
    )
    checked = _quote(pipeline, article, "learn to sail")
    assert checked.verdict.label != "misattributed"
    assert any("inferred" in r or "uncertain" in r for r in checked.verdict.reasons)


def test_a_named_speaker_is_still_contradicted(pipeline: Pipeline) -> None:
    article = (
        'Harbourmaster Aled Pryce said: "Nobody who wants to learn to sail should be turned away because of the '
        'season."'
    )
    checked = _quote(pipeline, article, "learn to sail")
    assert checked.verdict.label == "misattributed"
    assert "Fenella Drake" in (checked.actual_speaker or "")


@pytest.mark.parametrize(
    "article",
    [
        "Harbour committee chair Susan Vale visited the station on Friday.\n\n"
        '"The lifeboat crew trained twice a week all through the storms of January," she said.',
        # A surname the article never gives in full is an unsure speaker, but it is not Peter Lund's.
        'The committee heard from Vale on Friday. Vale said: "The lifeboat crew trained twice a week all through '
        'the storms of January."',
    ],
)
def test_a_speaker_the_articles_own_words_rule_out_is_contradicted(pipeline: Pipeline, article: str) -> None:
    # Whoever 'she' or 'Vale' turns out to be, it cannot be Peter Lund, whose words these are.
    checked = _quote(pipeline, article, "lifeboat crew")
    assert checked.verdict.label == "misattributed"
    assert checked.actual_speaker == "Peter Lund"


def test_a_pronoun_that_fits_the_one_who_said_the_words_is_not_contradicted(pipeline: Pipeline) -> None:
    article = (
        "Harbour committee chair Susan Vale visited the station on Friday with the coxswain.\n\n"
        '"The lifeboat crew trained twice a week all through the storms of January," he said.'
    )
    checked = _quote(pipeline, article, "lifeboat crew")
    assert checked.verdict.label != "misattributed"


def test_a_qa_puts_its_questions_to_the_one_person_it_introduces(pipeline: Pipeline) -> None:
    article = (
        "Three questions for Idris Okafor\n\n"
        "Idris Okafor keeps the books of the Lowmoor Sailing Association. We asked him about the winter.\n\n"
        "Q: Who paid for the slipway?\nA: The council paid for the slipway in full.\n\n"
        "Q: And the pontoon?\nA: The pontoon lets the rescue boat launch at any state of the tide.\n\n"
        "Q: Will fees rise?\nA: The new boathouse roof was paid for entirely by members."
    )
    result = pipeline.check_text(article)
    answers = [q for q in result.quotes if q.kind == "direct"]
    assert answers and all(q.speaker.name == "Idris Okafor" and q.speaker.confidence >= 0.8 for q in answers)
    # His own words are his; words the Gazette quotes from the commodore are not.
    assert next(q for q in answers if "boathouse roof" in q.text).verdict.label == "verified"
    pontoon = next(q for q in answers if "pontoon" in q.text)
    assert pontoon.verdict.label == "misattributed"
    assert "Fenella Drake" in (pontoon.actual_speaker or "")


def test_a_qa_introducing_two_people_leaves_whose_answers_they_are_unsure(pipeline: Pipeline) -> None:
    article = (
        "Idris Okafor and Fenella Drake run the Lowmoor Sailing Association together.\n\n"
        "Q: And the pontoon?\nA: The pontoon lets the rescue boat launch at any state of the tide."
    )
    checked = _quote(pipeline, article, "pontoon lets")
    assert checked.speaker.confidence < 0.8
    assert checked.verdict.label != "misattributed"


def test_a_qa_naming_its_interviewee_only_after_the_questions_leaves_the_answers_unsure(pipeline: Pipeline) -> None:
    article = (
        "The association's treasurer took questions on Lowmoor Radio on Sunday, with host Bryn Talley.\n\n"
        "Q: And the pontoon?\nA: The pontoon lets the rescue boat launch at any state of the tide.\n\n"
        'Idris Okafor said the club would keep its slipway open. Okafor added: "We never close in winter."'
    )
    checked = _quote(pipeline, article, "pontoon lets")
    assert checked.speaker.confidence < 0.8
    assert checked.verdict.label != "misattributed"


def test_words_changed_from_a_passage_with_no_speaker_named_say_which_passage(pipeline: Pipeline) -> None:
    # A short changed quote with no one named is not pinned on anyone; the reason still says what the closest
    # passage holds, not that no passage carries anything like it.
    article = 'Posters around the harbour read: "Mooring fees in the inner basin will fall."'
    checked = _quote(pipeline, article, "Mooring fees")
    assert checked.speaker.name is None
    assert checked.verdict.label == "not_found"
    assert checked.evidence and checked.evidence[0].speaker == "Aled Pryce"
    assert any("the closest, Aled Pryce's, differs" in r for r in checked.verdict.reasons), checked.verdict.reasons

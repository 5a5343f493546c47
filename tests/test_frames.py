"""Frames read from the dependency parse, in wordings of our own; a frame the article keeps is not dropped."""

from __future__ import annotations

from typing import Any

import pytest

from factcheck.config import Settings
from factcheck.context import FrameReader
from factcheck.pipeline import Components, Pipeline
from factcheck.types import Document


@pytest.fixture(scope="module")
def frames(nlp: Any) -> FrameReader:
    return FrameReader(nlp)


@pytest.mark.parametrize(
    ("sentence", "words", "frame"),
    [
        ("It simply isn't the case that the tram line will be scrapped.", "the tram line will be scrapped", "negation"),
        ("At no point have I claimed that rents would fall next year.", "rents would fall next year", "negation"),
        ("No councillor believes the depot should be sold off.", "the depot should be sold off", "negation"),
        ("I flatly deny that the audit found any missing money.", "the audit found any missing money", "negation"),
        ("The story that the pool will close for good is pure fantasy.", "the pool will close for good", "negation"),
        ("We won't be cutting the night bus routes this winter.", "be cutting the night bus routes", "negation"),
        ("Should the grant fall through, the library will shut on Sundays.", "the library will shut on Sundays",
         "hypothetical"),
        ("Unless the weather turns, the harvest festival goes ahead on Saturday.",
         "the harvest festival goes ahead on Saturday", "hypothetical"),
        ("The market will move to the square provided the traders agree.", "The market will move to the square",
         "hypothetical"),
        ("If you ask the drivers, the new timetable is working well.", "the new timetable is working well", None),
        ("If I may say so, the ferry timetable has never been better.", "the ferry timetable has never been better",
         None),
        ("If I could just add, the swimming pool reopens on Monday.", "the swimming pool reopens on Monday", None),
        ("If the council says no, the swimming pool stays shut.", "the swimming pool stays shut", "hypothetical"),
        ("Even if costs rise, the school roof will be finished by June.", "the school roof will be finished by June",
         None),
        ("Imagine the bridge were closed for a whole year.", "the bridge were closed for a whole year", "hypothetical"),
        ("Can you imagine the bridge closed for a whole year?", "the bridge closed for a whole year", "hypothetical"),
        ("The depot will close in August, not in July.", "The depot will close in August", None),
        ("The tram line opens in spring after a long delay.", "The tram line opens in spring", None),
        # A result clause after the words negates only itself; a negation before its own subordinator still scopes.
        ("The new rota gives nurses a full weekend off, so wards are not left short on Mondays.",
         "gives nurses a full weekend off", None),
        ("The council shut the pier because its engineers could not say the deck was safe.", "the deck was safe",
         "negation"),
        # A clause joined by a comma to one whose verb has its own complement is a sentence of its own; a verb
        # with nothing after it, or a pronoun pointing back, still frames it.
        ("So I take responsibility for that, I'm not going to hide behind a committee of the board.",
         "So I take responsibility for that", None),
        ("The depot will close in May, I don't think.", "The depot will close in May", "negation"),
        ("The pool will reopen, nobody believes that.", "The pool will reopen", "negation"),
        # A negative subject of a comparison says the compared is the most: it denies nothing of it.
        ("Nothing is more reckless than the council's scheme to sell off the harbour and close the ferry.",
         "close the ferry", None),
        ("No mayor in this county has built more homes for young families than we have.",
         "built more homes for young families", None),
        ("Nobody thinks the ferry will close before the summer.", "the ferry will close before the summer",
         "negation"),
        # A condition after the first clause's verb is that clause's; one before both puts both under it.
        ("Clinics only work if people know about them, and the council has not told parents where they are.",
         "the council has not told parents where they are", None),
        ("If it rains, we will close the pier and the council will refund every ticket.",
         "the council will refund every ticket", "hypothetical"),
        # A reason is asserted in its own right: the clause it hangs from does not frame it.
        ("I don't think the hearing will take long, because as a lawyer I know a confession when I see it.",
         "as a lawyer I know a confession when I see it", None),
        # ... unless it is offered as a maybe.
        ("Now, maybe because he praised the mayor, maybe because he wants to sell the farm, I don't know the reasons.",
         "he wants to sell the farm", "negation"),
    ],
)
def test_frames_by_structure(frames: FrameReader, sentence: str, words: str, frame: str | None) -> None:
    start = sentence.index(words)
    assert frames.framing(sentence, start, start + len(words)) == frame


def test_a_question_answered_no_and_one_answered_yes(frames: FrameReader) -> None:
    asked = "Will the ferry fares go up again this year? Certainly not. They are frozen."
    words = "the ferry fares go up again this year"
    start = asked.index(words)
    assert frames.framing(asked, start, start + len(words)) == "question"
    answered = "Will the ferry fares go up again this year? Sadly, yes, by about a tenth."
    assert frames.framing(answered, start, start + len(words)) is None


def test_a_tag_question_after_the_words_denies_nothing(frames: FrameReader) -> None:
    for sentence, words in [
        ("The old ferry is going to be sold for scrap, isn't it?", "going to be sold for scrap"),
        ("Fares will double next summer, won't they?", "Fares will double next summer"),
    ]:
        start = sentence.index(words)
        assert frames.framing(sentence, start, start + len(words)) is None
    denial = "Fares will not double next summer, will they?"
    start = denial.index("double")
    assert frames.framing(denial, start, denial.index(",")) == "negation"


def test_a_negation_on_a_clause_joined_before_the_words_is_not_on_them(frames: FrameReader) -> None:
    for sentence, words in [
        ("The night ferry is not running tonight and we will refund every ticket.", "we will refund every ticket"),
        ("Nobody was hurt, and the crew will stay aboard until morning.", "the crew will stay aboard until morning"),
        ("I never liked the old timetable but the new one works well.", "the new one works well"),
    ]:
        start = sentence.index(words)
        assert frames.framing(sentence, start, start + len(words)) is None, sentence
    # A denial above both clauses is still on the second one.
    sentence = "It is not true that the pier is closing and the boats are leaving."
    start = sentence.index("the boats")
    assert frames.framing(sentence, start, len(sentence) - 1) == "negation"


def test_a_frame_inside_the_words_is_theirs(frames: FrameReader) -> None:
    sentence = "If the council sells the depot, the buses will have nowhere to park."
    assert frames.framing(sentence, 0, len(sentence) - 1) is None


SPEECH = (
    "Thank you all for coming. If the county cuts our grant, the swimming pool will close in the autumn. "
    "Nobody on this council wants that. It is not true that the library will lose its Sunday hours. "
    "If the lottery bid succeeds, we can reopen the lido in May."
)

# The speaker reports what others told her, then doubts it.
SCHOOLS = "Parents have told me the early bell will make the school run impossible. I do not think it will."


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory, embedder: object, nlp: object) -> Pipeline:
    settings = Settings(store=tmp_path_factory.mktemp("frames") / "store", llm_model=None)
    components = Components(settings, embedder=embedder, nlp=nlp)  # type: ignore[arg-type]
    components.get_store().add_documents(
        [
            Document(id="speech", text=SPEECH, speaker="Orla Menzies", title="Budget meeting"),
            Document(id="schools", text=SCHOOLS, speaker="Orla Menzies", title="Schools meeting"),
        ]
    )
    return components.pipeline()


def _label(pipeline: Pipeline, article: str, words: str) -> str:
    result = pipeline.check_text(article)
    return next(q.verdict.label for q in result.quotes if words in q.text)


def test_a_dropped_condition_is_out_of_context(pipeline: Pipeline) -> None:
    article = 'Council leader Orla Menzies said: "The swimming pool will close in the autumn."'
    assert _label(pipeline, article, "swimming pool") == "out_of_context"


def test_a_condition_the_article_keeps_is_not_out_of_context(pipeline: Pipeline) -> None:
    article = (
        'Council leader Orla Menzies warned that if the county cut its grant, "the swimming pool will close in the '
        'autumn".'
    )
    assert _label(pipeline, article, "swimming pool") == "verified"


def test_a_verb_phrase_of_a_conditional_clause_quoted_without_its_condition_is_out_of_context(
    pipeline: Pipeline,
) -> None:
    # 'close in the autumn' parses alone as no clause, but in the source it is what the conditional clause says.
    article = 'Council leader Orla Menzies said the swimming pool will "close in the autumn".'
    assert _label(pipeline, article, "close in the autumn") == "out_of_context"


def test_a_negation_the_article_keeps_is_not_out_of_context(pipeline: Pipeline) -> None:
    article = (
        'Council leader Orla Menzies said it was not true that "the library will lose its Sunday hours".'
    )
    assert _label(pipeline, article, "Sunday hours") != "out_of_context"


def test_a_condition_the_article_keeps_with_a_conditional_modal_is_not_out_of_context(pipeline: Pipeline) -> None:
    # 'would' outside the quoted words puts them under a condition in the article's own sentence: after 'said' it
    # may also be only the source's 'will' reported in the past, and a condition it may keep is not called dropped.
    article = 'Council leader Orla Menzies said the swimming pool would "close in the autumn".'
    assert _label(pipeline, article, "close in the autumn") == "verified"
    article = 'Council leader Orla Menzies said the council would "reopen the lido in May".'
    assert _label(pipeline, article, "reopen the lido") == "verified"


def test_a_reporting_verb_inside_the_marks_is_part_of_the_quote(pipeline: Pipeline) -> None:
    article = 'Council leader Orla Menzies said the grant cut would "show that the pool cannot stay open".'
    quote = next(q for q in pipeline.check_text(article).quotes if "pool cannot" in q.text)
    assert quote.speaker.name == "Orla Menzies" and quote.cue == "said"


@pytest.mark.parametrize(
    ("sentence", "others"),
    [
        ('He added that Kim had told him the north was "already closing the old test site".', "Kim"),
        ('Menzies said parents had told her the early bell would "make the school run impossible".', "parents"),
        ('Menzies said they warned her that the bell would "make the school run impossible".', "they"),
        ('Menzies said the early bell would "make the school run impossible".', None),
        ('Menzies said she had told them the bell would "make the school run impossible".', None),
        ('Menzies said we had argued that the bell would "make the school run impossible".', None),
        # A report of what the speaker said, inside another's claim, reports the speaker's words.
        ('A post claims that head teacher Ailsa Menzies told parents the bell would "make the run impossible".', None),
    ],
)
def test_words_reported_inside_a_report_name_the_others(frames: FrameReader, sentence: str, others: str | None) -> None:
    words = sentence.split('"')[1]
    start = sentence.index(words)
    assert frames.reported_within(sentence, start, start + len(words), "Ailsa Menzies") == others


def test_others_words_the_article_reports_as_theirs_are_not_out_of_context(pipeline: Pipeline) -> None:
    dropped = 'Council leader Orla Menzies said the early bell would "make the school run impossible".'
    assert _label(pipeline, dropped, "school run") == "out_of_context"
    kept = 'Councillor Orla Menzies said parents had told her the early bell would "make the school run impossible".'
    checked = next(q for q in pipeline.check_text(kept).quotes if "school run" in q.text)
    assert checked.verdict.label == "verified"
    assert any("reported as what parents said" in r for r in checked.verdict.reasons)


def test_a_noun_phrase_with_a_relative_clause_names_something_and_a_predicate_states(nlp: Any) -> None:
    from factcheck.verify.statement import ParsedStatements

    statements = ParsedStatements(lambda: nlp)
    assert not statements.states("the quiet despair that this drought is bringing to our farms")
    assert statements.states("support legislation that punished farmers who sold their land")

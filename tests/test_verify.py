"""Verdicts over a real temp store: one hand-made case of each label, plus evidence and calibration."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from factcheck.context import FrameReader
from factcheck.evaluation.metrics import expected_calibration_error
from factcheck.pipeline import Components
from factcheck.retrieve import HybridRetriever
from factcheck.score import FEATURES, LogisticCalibrator, fit_logistic, read_calibrator
from factcheck.types import CheckedQuote, Document, Quote, Speaker, Turn
from factcheck.verify import AlignmentVerifier, load_calibrator
from factcheck.verify.statement import ParsedStatements

SPEECH = (
    "Tonight I want to talk about the economy and our families. "
    "We will not raise taxes on anyone making less than $400,000 a year. "
    "It is a myth that immigrants take jobs away from American workers. "
    "If we cut the child tax credit for working families, the deficit will grow by two trillion dollars. "
    "The cost of insulin for seniors is now capped at thirty-five dollars a month. "
    "Letting big pharmaceutical companies charge whatever they want is simply unacceptable. "
    "Our bridges and roads are being rebuilt in every state of the union."
)
TURNS = [
    ("Elizabeth Warren", "I have a plan to cancel student loan debt for ninety-five percent of borrowers."),
    ("Bernie Sanders", "Medicare for all will guarantee health care to every man, woman and child in this country."),
    ("Elizabeth Warren", "We need a wealth tax of two cents on every dollar above fifty million."),
]


def _debate() -> Document:
    text, turns = "", []
    for speaker, words in TURNS:
        start = len(text)
        text += words
        turns.append(Turn(speaker=speaker, start=start, end=len(text)))
        text += "\n"
    return Document(id="debate-1", text=text, title="Debate", turns=turns)


@pytest.fixture
def check(components: Components, nlp: Any) -> object:
    store = components.get_store()
    store.add_documents(
        [Document(id="sotu-1", text=SPEECH, speaker="Joseph R. Biden Jr.", title="Address", date="2023-02-07"),
         _debate()]
    )  # fmt: skip
    retriever = HybridRetriever(store, components.get_embedder())
    verifier = AlignmentVerifier(store, load_calibrator(None), FrameReader(nlp), ParsedStatements(components.get_nlp))

    def run(text: str, speaker: str | None) -> CheckedQuote:
        quote = Quote(text=text, start=0, end=len(text), kind="direct", speaker=Speaker(name=speaker, confidence=1.0))
        return verifier.verify(quote, retriever.retrieve(text, speaker, 5))

    return run


def test_verified_with_alias_and_ellipsis(check: object) -> None:
    result = check("We will not raise taxes on anyone ... less than $400,000 a year", "President Biden")  # type: ignore[operator]
    assert result.verdict.label == "verified"
    assert result.evidence[0].document.id == "sotu-1"
    assert 0.0 <= result.verdict.confidence <= 1.0


def test_short_quote_finds_the_claimed_speaker(check: object) -> None:
    result = check("unacceptable", "Joe Biden")  # type: ignore[operator]
    assert result.verdict.label == "verified"
    assert result.evidence[0].speaker == "Joseph R. Biden Jr."


def test_altered_negation_and_number(check: object) -> None:
    dropped = check("We will raise taxes on anyone making less than $400,000 a year", "Biden")  # type: ignore[operator]
    assert dropped.verdict.label == "altered"
    assert any(op.op == "delete" and op.source == "not" for op in dropped.evidence[0].diff)
    number = check("The cost of insulin for seniors is now capped at fifty dollars a month", "Biden")  # type: ignore[operator]
    assert number.verdict.label == "altered"


def test_misattributed_names_the_actual_speaker(check: object) -> None:
    result = check("We need a wealth tax of two cents on every dollar above fifty million", "Bernie Sanders")  # type: ignore[operator]
    assert result.verdict.label == "misattributed"
    assert result.actual_speaker == "Elizabeth Warren"
    assert result.evidence[0].speaker == "Elizabeth Warren"


def test_out_of_context_frames(check: object) -> None:
    myth = check("immigrants take jobs away from American workers", "Joe Biden")  # type: ignore[operator]
    assert myth.verdict.label == "out_of_context"
    assert myth.evidence[0].context and "myth" in myth.evidence[0].context
    hypothetical = check("we cut the child tax credit for working families", "Biden")  # type: ignore[operator]
    assert hypothetical.verdict.label == "out_of_context"
    # What would follow from the condition is hedged by it too.
    consequence = check("the deficit will grow by two trillion dollars", "Biden")  # type: ignore[operator]
    assert consequence.verdict.label == "out_of_context"


def test_a_phrase_inside_a_frame_is_not_out_of_context(check: object) -> None:
    # A phrase that names something commits the speaker to nothing the condition around it could change.
    phrase = check("the child tax credit for working families", "Biden")  # type: ignore[operator]
    assert phrase.verdict.label == "verified"
    named = check("jobs away from American workers", "Joe Biden")  # type: ignore[operator]
    assert named.verdict.label == "verified"


def test_not_found_still_shows_nearest_passages(check: object) -> None:
    result = check("The moon landing was staged in a studio in the desert", "Joe Biden")  # type: ignore[operator]
    assert result.verdict.label == "not_found"
    assert result.actual_speaker is None


def test_calibrator_roundtrip_and_fit(tmp_path: Path) -> None:
    rows = [{"label_verified": 1.0, "claimed_coverage": c / 10} for c in range(11)] * 4
    correct = [c >= 5 for c in range(11)] * 4
    fitted = fit_logistic(rows, correct, l2=0.01)
    assert fitted.probability(rows[10]) > 0.8 > 0.2 > fitted.probability(rows[0])
    path = tmp_path / "cal.json"
    path.write_text(fitted.to_json(), encoding="utf-8")
    assert read_calibrator(path).weights == fitted.weights
    assert expected_calibration_error([1.0, 0.0], [True, False]) == 0.0
    assert LogisticCalibrator().probability({}) == 0.5


def test_an_alteration_of_a_line_told_in_several_places_says_so(components: Components, nlp: Any) -> None:
    store = components.get_store()
    line = "We can put fifty billion dollars into our historically black colleges and universities."
    store.add_documents([
        Document(id=f"rally-{n}", text=f"{opening} {line} Thank you all.", speaker="Elizabeth Warren", title="Rally")
        for n, opening in enumerate(("Hello Iowa!", "It is good to be in Atlanta tonight.", "Thank you, Detroit."))
    ] + [Document(id="speech", text=SPEECH, speaker="Joseph R. Biden Jr.", title="Address")])  # fmt: skip
    retriever = HybridRetriever(store, components.get_embedder())
    verifier = AlignmentVerifier(store, load_calibrator(None), FrameReader(nlp), ParsedStatements(components.get_nlp))

    def assess(text: str, speaker: str) -> Any:
        return verifier.assess(text, speaker, retriever.retrieve(text, speaker, 8))

    retold = assess("We will put fifty billion dollars into our historically black colleges and universities", "Warren")
    assert retold.label == "altered" and retold.features["altered_retold"] > 0
    # Told word for word at three rallies, the line is one place: the modal is the change, the words are in order.
    assert any("'can' -> 'will' (modal)" in r for r in retold.reasons), retold.reasons
    once = assess("The cost of insulin for seniors is now capped at fifty dollars a month", "Biden")
    assert once.label == "altered" and once.features["altered_retold"] == 0
    # Every feature the verifier computes is one the calibration fits: none is computed and then left out.
    for assessment in (retold, once):
        assert set(assessment.features) <= set(FEATURES), set(assessment.features) - set(FEATURES)


def test_a_line_told_differently_in_several_places_is_another_telling(components: Components, nlp: Any) -> None:
    tellings = (
        "We can build forty new ferry docks along the northern coast.",
        "We could build forty new ferry docks along the northern coast.",
    )
    assess = _okafor(components, nlp, [
        Document(id=f"stop-{n}", text=f"Good evening, friends. {line} Thank you all.", speaker="Rosa Okafor",
                 title=f"Campaign stop {n}")
        for n, line in enumerate(tellings)
    ] + [
        Document(id="works", text="Last spring the crews repaired all of the old piers.", speaker="Rosa Okafor",
                 title="Works report"),
        Document(id="budget", text="The budget has paid for most of the old piers.", speaker="Rosa Okafor",
                 title="Budget"),
    ])  # fmt: skip

    # The modal is where the tellings themselves differ: a third telling, not a change of either.
    other = assess("We will build forty new ferry docks along the northern coast")
    assert other.label == "not_found"
    assert any("tellings" in r and "Campaign stop 1" in r for r in other.reasons)
    # Where every telling says the same, a change is an alteration.
    changed = assess("We can build ninety new ferry docks along the northern coast")
    assert changed.label == "altered"
    # Two sentences that share a short phrase are not two tellings of one line.
    framed = assess("some of the old piers")
    assert framed.label == "altered" and any("'all' -> 'some'" in r for r in framed.reasons)


def test_a_short_quote_with_a_closed_class_word_swapped_is_placed_by_its_slot(
    components: Components, nlp: Any
) -> None:
    said = (
        "The island needs two sturdy ferries before the winter storms arrive.",
        "Our harbour wall is sturdy and it will hold.",
        "A sturdy budget keeps the night clinic open on the island.",
        "These sturdy docks were built by people from this town.",
        "We thank our wardens, medics and nurses.",
        "The wardens at the port work long nights.",
        "Our wardens need faster boats.",
        "Every employer on the island pays the harbour levy.",
        "The employer survey came back in May.",
        "Our largest employer is the hospital.",
        "Our summers are longer, hotter and drier than they were.",
        "The harbour is hotter in August.",
        "Hotter nights keep the clinic busy.",
    )
    assess = _okafor(components, nlp, _hers("Talk", said))

    # 'sturdy' alone is in every talk; 'two sturdy' in one: the number in its slot is the change.
    swapped = assess("five sturdy")
    assert swapped.label == "altered" and any("'two' -> 'five'" in r for r in swapped.reasons)
    # A content word in that slot is another phrase, not placed by it; nor is a modal in the slot of a conjunction.
    assert assess("new sturdy").label != "altered"
    assert assess("wardens may").label != "altered"
    # A negation that quantifies ('no employer') stands where 'every' does: that stretch is in one talk.
    negated = assess("no employer")
    assert negated.label == "altered" and any("'every' -> 'no'" in r.lower() for r in negated.reasons)
    assert negated.primary is not None and negated.primary.passage.document.id == "talk-7"
    # Another degree of a word stands in its slot too: 'longest' where 'longer' is, beside 'hotter'.
    degree = assess("longest, hotter")
    assert degree.label == "altered" and any("'longer' -> 'longest'" in r for r in degree.reasons)


def _hers(kind: str, lines: Sequence[str]) -> list[Document]:
    """Rosa Okafor's documents, one per line, titled '<kind> <n>'."""
    return [
        Document(id=f"{kind.lower()}-{n}", text=line, speaker="Rosa Okafor", title=f"{kind} {n}")
        for n, line in enumerate(lines)
    ]


def _okafor(components: Components, nlp: Any, documents: list[Document]) -> Any:
    """A store with Rosa Okafor's documents and the address; a function assessing a quote credited to her."""
    store = components.get_store()
    address = Document(id="speech", text=SPEECH, speaker="Joseph R. Biden Jr.", title="Address")
    store.add_documents([*documents, address])
    retriever = HybridRetriever(store, components.get_embedder())
    verifier = AlignmentVerifier(store, load_calibrator(None), FrameReader(nlp), ParsedStatements(components.get_nlp))

    def assess(text: str) -> Any:
        return verifier.assess(text, "Rosa Okafor", retriever.retrieve(text, "Rosa Okafor", 8))

    return assess


def test_a_negation_added_to_a_short_quote_is_placed_by_the_rest_of_it(components: Components, nlp: Any) -> None:
    assess = _okafor(components, nlp, _hers("Note", (
        "The ferry crews were unafraid of the winter sea, and we will not be silent about the night clinic.",
        "The harbour budget is not finished yet, and we will not be rushed.",
    )))
    added = assess("were not unafraid")
    assert added.label == "altered" and any("'not' added" in r for r in added.reasons)
    assert assess("were unafraid").label == "verified"
    # One word found alone places no quote ('no clinic' of 'the night clinic'; in real news, 'without delay' of 'he
    # would delay implementing'): many passages have it.
    assert assess("no clinic").label == "not_found"


def test_a_quote_that_parts_from_a_passage_into_words_of_another_kind_is_another_sentence(
    components: Components, nlp: Any
) -> None:
    # The first line sits deep in a long rally speech, the others are short statements: the rule is the same.
    before = " ".join(f"Stop number {n} on this tour is about roads, schools and the bus depot." for n in range(40))
    after = " ".join(f"And promise {n} is about the clinic, the dairy and the port jobs." for n in range(40))
    assess = _okafor(components, nlp, _hers("Briefing", (
        f"{before} Next week we want to find out about the ferry timetable from the harbour board. {after}",
        "The harbour board is a risk to the northern coast if nobody watches it.",
        "Our wardens keep the night clinic open for the island.",
    )))

    # A name where the passage has a verb: the quote's own sentence goes on there; it only shares the rest.
    shared = assess("Lund to find out about the ferry timetable")
    assert shared.label == "not_found"
    assert any("another kind" in r for r in shared.reasons)
    # A noun in the slot of a noun at the same edge is this sentence, changed.
    changed = assess("we want to find out about the ferry fares")
    assert changed.label == "altered" and any("'timetable' -> 'fares'" in r for r in changed.reasons)
    # A negation put over the verb at the quote's edge negates this sentence.
    negated = assess("not a risk to the northern coast")
    assert negated.label == "altered" and any("negation" in r for r in negated.reasons)


def test_a_negation_added_to_a_short_quote_is_not_her_wording_elsewhere_unless_all_of_it_is(
    components: Components, nlp: Any
) -> None:
    assess = _okafor(components, nlp, _hers("Remarks", (
        "I met the nurse who tends to him till he can run a marathon.",
        "The people expect us to solve problems, not run for the hills.",
    )))  # fmt: skip
    # 'not run' is hers elsewhere, but not 'he can not run': the quote is the first sentence, negated.
    negated = assess("he can not run")
    assert negated.label == "altered" and any("'not' added" in r for r in negated.reasons)


def test_a_name_only_a_transcript_spells_its_way_is_how_it_was_heard(components: Components, nlp: Any) -> None:
    assess = _okafor(components, nlp, _hers("Captions", (
        "He accepts the verdict. He wants Roseanne's family to know that he thinks about her every single day.",
        "Rosemary Linnell was cycling home from work when the van struck her.",
    )))  # fmt: skip
    # The store spells the name the quote's way elsewhere and the captions' way nowhere else: the captions heard it.
    heard = assess("He wants Rosemary's family to know that he thinks about her every single day")
    assert heard.label == "verified", heard.reasons
    assert any(op.change == "spelling" and op.source == "Roseanne's" for op in heard.matches[0].alignment.ops)
    # A name the store holds nowhere is another name.
    other = assess("He wants Rosalind's family to know that he thinks about her every single day")
    assert other.label == "altered" and any("(name)" in r for r in other.reasons)


def test_a_negation_added_to_a_short_quote_finds_the_rest_among_lower_ranked_passages(
    components: Components, nlp: Any
) -> None:
    # Sentences that say 'the crews have not' come first; the one with the rest as it is has a 'not' further on,
    # which the search reaches for, leaving words out between: it ranks after them.
    verbs = ("finished", "painted", "measured", "inspected")
    said = [f"The crews have not {verb} the pier." for verb in verbs]
    said += ["The crews have cleared the old sheds, so the ferries are not late this week."]
    assess = _okafor(components, nlp, _hers("Log", said))
    added = assess("crews have not cleared")
    assert added.label == "altered" and any("'not' added" in r for r in added.reasons)
    assert added.primary is not None and added.primary.passage.document.id == f"log-{len(said) - 1}"



def test_a_common_phrase_of_the_speaker_elsewhere_is_no_other_occasion(components: Components, nlp: Any) -> None:
    assess = _okafor(components, nlp, _hers("Remarks", (
        "It would take one hour for the new ferry to reach the city.",
        "It will take courage to finish the pier, and we will take the long view.",
        "Last night the harbour board voted with Labour and Plaid for the pier budget.",
        "Since the spring, the pier gates stop the smuggling boats before they reach the beach.",
    )))
    # 'will take' is hers elsewhere, but never about the ferry: the modal is changed, not another occasion's.
    modal = assess("It will take one hour for the new ferry to reach the city")
    assert modal.label == "altered" and any("'would' -> 'will'" in r for r in modal.reasons)
    # A name for a name at the quote's edge is a name changed, though a fragment's parse reads it as an adjective.
    name = assess("the harbour board voted with Labour and Irish")
    assert name.label == "altered" and any("'Plaid' -> 'Irish'" in r for r in name.reasons)
    # An adjective where the passage has a noun modifying a noun stands in that noun's slot.
    modifier = assess("rusty gates stop the smuggling boats")
    assert modifier.label == "altered" and any("'pier' -> 'rusty'" in r for r in modifier.reasons)

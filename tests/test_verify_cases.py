"""The verifier on the cases that made it accuse genuine quotes, over a real temp store and the real models."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.align import diff_text
from factcheck.pipeline import Components, Pipeline
from factcheck.sources import split_passages
from factcheck.types import CheckedQuote, Document, Quote, QuoteKind, Speaker, Turn
from factcheck.verify.decision import _in_order

BUSH = (
    "We must act now. Some have said we must not act until the threat is imminent. Since when have terrorists "
    "and tyrants announced their intentions, politely putting us on notice before they strike? America is "
    "addicted to oil, which is often imported from unstable parts of the world. This, in fact, is our new "
    "American moment. We cannot wait for the next attack."
)
OBAMA = (
    "Some say that we do big things only in wartime, that it takes a crisis. They are wrong. We do big things. "
    "We put a man on the moon and we connected a continent by rail."
)
CRITIC = (
    "It would be a mistake to think that tariffs protect the workers of this country. My critics keep telling "
    "everyone that I want to close every factory in the valley. That is a lie. Do I think we should abolish "
    "the port authority? Of course not. We will rebuild the harbor piers and we will hire four hundred welders "
    "before the winter storms arrive on the coast."
)
MINISTRY = (
    "The Government of Japan calls on all parties to exercise maximum restraint and to refrain from unilateral "
    "actions that raise tensions in the East China Sea."
)
# Long enough that the chunker cuts it: a quote across the cut must still be found whole.
TOWN_HALL = " ".join(
    f"On the {n} street of the old mill district we counted {n} broken lamps and {n} closed shops." for n in (
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"
    )
)  # fmt: skip
DEBATE = [
    ("Rosa Delgado", "Our county will build nine hundred affordable homes on the old rail yard by next spring."),
    ("Victor Hale", "My opponent has no plan for the rail yard, and the voters in this county know it."),
]
FARMS = (
    "Property taxes on small family farms will fall by a fifth next year. The county fair returns in August with "
    "a new livestock barn and a bigger rodeo arena. Our public libraries will open on Sundays again."
)
FOCUS = "We will make this economy work for everyone in the valley, not just those at the top of it."
# A stump speech says one line several ways.
STUMP = (
    "We have the best schools in the state, and everybody knows it. The teachers here work harder than anyone. "
    "Nobody builds like we build. These are the greatest schools in the region, and we will keep them that way."
)
RESERVOIR = "If the weather holds, the first water will reach the reservoir in the spring of 2028."
WATER_BOARD = "The new plant will supply a third of the drinking water of the county by the summer of 2028."
CITIZEN = "Citizen is a word that doesn't just describe a status on paper. It describes how we treat each other."
TILL = "Three hundred and eighty dollars and some change. We drop everything over a hundred into the safe."
# A speaker whose passages say 'have to buy in' three times, and the health plan's line once.
BUY_IN = (
    "If you like your plan, you keep your plan. They do not have to buy in.",
    "Shops that have to buy in bulk pay less for every crate.",
    "Schools have to buy in books from the county supplier.",
    "Farms that have to buy in feed lose money in a dry summer.",
)
# A speaker who says 'every single' in one passage after another, each time of something else.
EVERY_SINGLE = (
    "We inspected every single bridge in the county before the floods.",
    "Every single poll. They all say the same thing now.",
    "My office answered every single letter the families sent us.",
    "Every single farm on the river road will get the drainage grant.",
)
# The rest of that speaker's passages, enough that 'every' and 'single' are each in few of them.
ROUNDS = tuple(
    f"Stop {n} of the tour: the crowd in {town} cheered for the new {thing}."
    for n, (town, thing) in enumerate(
        (town, thing)
        for town in ("Ashby", "Brill", "Corfe", "Delph", "Eyam", "Flint", "Goole", "Hythe")
        for thing in ("road", "school", "clinic", "library")
    )
)
DREDGING = "I did not sign or even read or approve any contract for the dredging of the harbour last spring."
# A false start: the quote leaves out the first 'I'm not', and later says 'not' again ('isn't').
STUTTER = "I'm not, I'm not going to shut the lido and pretend that's fine. It isn't. The pool stays open all winter."
# A turn of phrase the speaker goes on from in two ways, in two passages.
TOWN = (
    "I found the old charters from the days when our town was rich, really rich, and we read every one.",
    "Our town was going the wrong way. Nobody built anything down by the river for twenty years.",
)
NO_SPEAKER = "The bridge inspection found corrosion on eleven of the fourteen steel girders of the river crossing."

Check = Callable[..., CheckedQuote]


def _debate() -> Document:
    text, turns = "", []
    for speaker, words in DEBATE:
        start = len(text)
        text += words
        turns.append(Turn(speaker=speaker, start=start, end=len(text)))
        text += "\n"
    return Document(id="county-debate", text=text, title="County debate", turns=turns)


def _interview() -> Document:
    host = "Some listeners say the island ferry will stop running in March. Will it?"
    guest = "No. The island ferry runs all year, and it always has."
    text = f"{host}\n{guest}"
    turns = [Turn(speaker="Ada Brine", start=0, end=len(host)), Turn(speaker="Colm Rafferty", start=len(host) + 1,
                                                                      end=len(text))]  # fmt: skip
    return Document(id="ferry-interview", text=text, title="Radio interview", turns=turns)


def _quoted_question() -> Document:
    host = (
        'Quoting now Ingrid Salo on the plan, quote, "a fantasy written by people who never ride the night bus". '
        "How do you answer her, Minister?"
    )
    guest = "Ingrid Salo has never read the plan. Every route in it has been costed twice."
    text = f"{host}\n{guest}"
    turns = [Turn(speaker="Tomas Birk", start=0, end=len(host)), Turn(speaker="Aino Lehto", start=len(host) + 1,
                                                                      end=len(text))]  # fmt: skip
    return Document(id="transport-debate", text=text, title="Transport debate", turns=turns)


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory, embedder: object, nlp: object) -> Pipeline:
    from factcheck.config import Settings

    components = Components(Settings(store=tmp_path_factory.mktemp("cases") / "store", llm_model=None),
                            embedder=embedder, nlp=nlp)  # type: ignore[arg-type]  # fmt: skip
    components.get_store().add_documents(
        [
            Document(id="bush", text=BUSH, speaker="George W. Bush", title="Address"),
            Document(id="obama", text=OBAMA, speaker="Barack Obama", title="Address"),
            Document(id="marsh", text=CRITIC, speaker="Alma Marsh", title="Harbor speech"),
            Document(id="mofa", text=MINISTRY, speaker="Ministry of Foreign Affairs of Japan", title="Statement"),
            Document(id="town-hall", text=TOWN_HALL, speaker="Ines Moreau", title="Town hall"),
            Document(id="farms", text=FARMS, speaker="Lena Park", title="Budget speech"),
            Document(id="inspection", text=NO_SPEAKER, title="Inspection report"),
            Document(id="citizen", text=CITIZEN, speaker="Ruth Okafor", title="Naturalisation ceremony"),
            Document(id="till", text=TILL, speaker="Tamsin Reed", title="Trial transcript"),
            Document(id="economy", text=FOCUS, speaker="Dana Whitfield", title="Town meeting"),
            Document(id="stump", text=STUMP, speaker="Tom Reyes", title="Rally"),
            Document(id="reservoir", text=RESERVOIR, speaker="Nora Quist", title="Radio interview"),
            Document(id="water-board", text=WATER_BOARD, speaker="Kestrel Water Board", title="Release"),
            _debate(),
            Document(id="dredging", text=DREDGING, speaker="Maren Holt", title="Statement"),
            Document(id="lido", text=STUTTER, speaker="Owen Tarrant", title="Public meeting"),
            *(Document(id=f"charter-{k}", text=t, speaker="Pell Ambrose", title="Rally") for k, t in enumerate(TOWN)),
            _interview(),
            _quoted_question(),
            *(Document(id=f"plan-{k}", text=t, speaker="Gil Ferrer", title="Forum") for k, t in enumerate(BUY_IN)),
            *(
                Document(id=f"brody-{k}", text=t, speaker="Hal Brody", title="Rally")
                for k, t in enumerate(EVERY_SINGLE + ROUNDS)
            ),
        ]
    )
    return components.pipeline()


@pytest.fixture
def check(pipeline: Pipeline) -> Check:
    def run(text: str, speaker: str | None, confidence: float = 0.95, kind: QuoteKind = "direct",
            cue: str | None = None) -> CheckedQuote:  # fmt: skip
        quote = Quote(text=text, start=0, end=len(text), kind=kind, cue=cue,
                      speaker=Speaker(name=speaker, confidence=confidence if speaker else 0.0))  # fmt: skip
        return pipeline.check_quote(quote)

    return run


def test_the_senator_example_is_no_accusation(pipeline: Pipeline) -> None:
    checked = pipeline.check_text('"We must act now," the senator said.')
    assert len(checked.quotes) == 1
    verdict = checked.quotes[0].verdict
    assert verdict.label != "misattributed"
    assert verdict.label == "not_found"
    assert any("attribution itself could not be checked" in r for r in verdict.reasons)


def test_a_stock_phrase_credited_to_a_named_other_is_not_misattributed(check: Check) -> None:
    result = check("We must act now", "Jane Roe")
    assert result.verdict.label == "not_found"
    assert result.actual_speaker is None


def test_a_less_specific_mention_of_the_right_speaker_is_not_another_speaker(check: Check) -> None:
    ministry = check("calls on all parties to exercise maximum restraint", "Foreign Ministry")
    assert ministry.verdict.label == "verified"
    assert any("less specific" in r for r in ministry.verdict.reasons)
    first_name = check("We do big things. We put a man on the moon", "Barack")
    assert first_name.verdict.label == "verified"


def test_an_uncertain_speaker_gets_the_words_judged_alone(check: Check) -> None:
    # 'he' resolved among rivals (0.7): a genuine quote of someone else is not an accusation.
    result = check("Our county will build nine hundred affordable homes on the old rail yard", "Victor Hale", 0.7)
    assert result.verdict.label == "verified"
    assert result.actual_speaker == "Rosa Delgado"
    assert any("uncertain" in r for r in result.verdict.reasons)
    sure = check("Our county will build nine hundred affordable homes on the old rail yard", "Victor Hale", 0.95)
    assert sure.verdict.label == "misattributed" and sure.actual_speaker == "Rosa Delgado"
    assert any("passages by Victor Hale" in r for r in sure.verdict.reasons)


def test_a_source_without_a_speaker_verifies_words_only(check: Check) -> None:
    result = check("corrosion on eleven of the fourteen steel girders", "Rafael Mendes")
    assert result.verdict.label == "verified"
    assert result.actual_speaker is None
    assert any("names no speaker" in r for r in result.verdict.reasons)


@pytest.mark.parametrize(
    "words",
    [
        "tariffs protect the workers of this country",
        "I want to close every factory in the valley",
        "we should abolish the port authority",
    ],
)
def test_denials_and_answers_no_are_out_of_context(check: Check, words: str) -> None:
    assert check(words, "Alma Marsh").verdict.label == "out_of_context"


def test_someone_elses_words_in_the_sentence_frame_the_quote(check: Check) -> None:
    framed = check("we must not act until the threat is imminent", "George W. Bush")
    assert framed.verdict.label == "out_of_context"
    assert framed.evidence[0].context and "Some have said" in framed.evidence[0].context


def test_the_unframed_occurrence_counts(check: Check) -> None:
    assert check("We do big things", "Barack Obama").verdict.label == "verified"


def test_indirect_speech_is_a_paraphrase(check: Check) -> None:
    result = check("America was addicted to oil imported from unstable parts of the world", "Bush", kind="indirect")
    assert result.verdict.label == "verified"
    assert any("paraphrase" in r for r in result.verdict.reasons)
    changed = check("America was never addicted to oil imported from unstable parts of the world", "Bush",
                    kind="indirect")  # fmt: skip
    assert changed.verdict.label == "altered"
    # Credited to a speaker the article may not mean, a paraphrase that shares some words accuses no one.
    unsure = check("America was never addicted to oil imported from unstable parts of the world", "Bush", 0.7,
                   kind="indirect")  # fmt: skip
    assert unsure.verdict.label == "not_found"
    assert any("uncertain" in r for r in unsure.verdict.reasons)
    # 'not just those at the top' adds to the claim; it negates nothing the paraphrase says.
    focus = check("the economy would work for everyone in the valley", "Dana Whitfield", kind="indirect")
    assert focus.verdict.label == "verified"


def test_a_negation_over_the_verb_phrase_is_the_paraphrases_negation(check: Check) -> None:
    # 'did not sign or even read or approve any contract': the 'not' denies the approving too.
    said = check("no contract for the dredging of the harbour was approved by her", "Maren Holt", kind="indirect")
    assert said.verdict.label == "verified"
    flipped = check("she approved a contract for the dredging of the harbour", "Maren Holt", kind="indirect")
    assert flipped.verdict.label == "altered"


def test_a_denial_of_the_claim_put_to_the_speaker_is_verified(check: Check) -> None:
    # 'Rafferty denied that the ferry would stop in March': the claim the host put to him, which he answered.
    denied = check("the island ferry would stop running in March", "Colm Rafferty", kind="indirect", cue="denied")
    assert denied.verdict.label == "verified"
    assert any("denial" in r and "answered" in r for r in denied.verdict.reasons)
    said = check("the island ferry would stop running in March", "Colm Rafferty", kind="indirect", cue="said")
    assert said.verdict.label == "out_of_context"


def test_a_clause_reported_as_denied_is_not_accused_for_its_negation(check: Check) -> None:
    # 'Bush denied that America was addicted to oil': the clause is the opposite of what the speaker said, and
    # how a denial is worded varies; the missing negation is no alteration.
    said = "America was addicted to oil imported from unstable parts of the world"
    assert check(said, "Bush", kind="indirect", cue="denied").verdict.label != "altered"
    assert check(said, "Bush", kind="indirect", cue="said").verdict.label == "verified"


def test_alterations_reporters_make_are_altered(check: Check) -> None:
    first, _, third = FARMS.split(". ")[:3]
    spliced = check(f"{first}. {third}", "Lena Park")
    assert spliced.verdict.label == "altered"
    assert any("without an ellipsis" in r for r in spliced.verdict.reasons)
    marked = check(f"{first} ... {third}", "Lena Park")
    assert marked.verdict.label == "verified"
    joined = check("We will rebuild the harbor piers and hire four hundred welders before the winter", "Alma Marsh")
    assert joined.verdict.label == "altered"
    tense = check("We will rebuilt the harbor piers and we will hire four hundred welders", "Alma Marsh")
    assert tense.verdict.label == "altered"
    reordered = check("four hundred welders we will hire, and the harbor piers we will rebuild", "Alma Marsh")
    assert reordered.verdict.label == "altered"


def test_a_negation_left_out_of_a_short_quote_alters_it(check: Check) -> None:
    # The words on either side of the gap ('does' and 'just describe') are side by side nowhere: no other occasion.
    dropped = check("does just describe", "Ruth Okafor")
    assert dropped.verdict.label == "altered"
    assert any("negation" in r for r in dropped.verdict.reasons)


def test_two_phrases_that_share_one_word_are_not_one_changed(check: Check) -> None:
    # 'public parks' and 'public libraries' share an adjective and nothing around the noun: another phrase.
    assert check("public parks", "Lena Park").verdict.label == "not_found"
    # A closed-class word changed beside the one kept still changes that phrase.
    assert check("no public libraries", "Lena Park").verdict.label != "verified"


def test_a_whole_sentence_of_common_words_with_its_negation_left_out_is_altered(check: Check) -> None:
    # 'have to buy in' is in every passage of the speaker's, but the quote is the whole of one sentence, 'not' left
    # out.
    dropped = check("They do have to buy in", "Gil Ferrer")
    assert dropped.verdict.label == "altered", dropped.verdict
    assert check("They do not have to buy in", "Gil Ferrer").verdict.label == "verified"


def test_a_sum_changed_at_the_quotes_edge_alters_it(check: Check) -> None:
    # '$480' stands where the source says 'Three hundred and eighty dollars': one number for another, in its place.
    changed = check("$480 and some change", "Tamsin Reed")
    assert changed.verdict.label == "altered"
    assert check("$380 and some change", "Tamsin Reed").verdict.label == "verified"


def test_a_sentence_the_quote_adds_after_the_passages_is_another_text(check: Check) -> None:
    # 'Us.' after the passage's sentence has ended is no word changed in it.
    assert check("over a hundred into the safe. Us.", "Tamsin Reed").verdict.label == "not_found"


def test_words_of_two_sentences_in_another_order_are_not_one_sentence_reordered(check: Check) -> None:
    # 'a new livestock barn' and 'next year' stand in two sentences; together they are no reordering of either.
    mixed = check("next year the livestock barn and the farms will fall by a fifth", "Lena Park")
    assert not any("reordered" in r for r in mixed.verdict.reasons)


def test_a_word_the_quote_repeats_is_no_reordering(check: Check) -> None:
    # 'not' stands twice in the quote ('not going', 'isn't') and three times in the passage: still in order.
    tidied = check("I'm not going to shut the lido and pretend that's fine. It isn't", "Owen Tarrant")
    assert tidied.verdict.label == "verified", tidied.verdict
    quoted = ["not", "going", "shut", "lido", "pretend", "fine", "not"]
    said = ["not", "not", "going", "shut", "lido", "pretend", "fine", "is", "not"]
    assert _in_order(quoted, said)
    assert not _in_order(["lido", "shut", "not"], said)


def test_another_persons_words_read_out_in_a_question_are_the_askers_out_of_context(check: Check) -> None:
    # The host said them, reading out Ingrid Salo's words to put them to the minister: not the host's own.
    asked = check("a fantasy written by people who never ride the night bus", "Tomas Birk")
    assert asked.verdict.label == "out_of_context", asked.verdict
    assert any("from Ingrid Salo" in r for r in asked.verdict.reasons)
    assert check("a fantasy written by people who never ride the night bus", "Ingrid Salo").verdict.label == "verified"


def test_a_turn_of_phrase_the_speaker_goes_on_from_in_two_ways_is_no_one_place(check: Check) -> None:
    # 'our town was' is in two passages, going on as 'rich' and as 'going': not one sentence told twice.
    assert check("Our town was choking", "Pell Ambrose").verdict.label == "not_found"
    # The whole of one sentence with a word changed is still that sentence.
    assert check("Our town was going the right way", "Pell Ambrose").verdict.label == "altered"


def test_a_stretch_with_another_figure_is_not_the_quotes_words_reordered(check: Check) -> None:
    # 'five hundred' is not among the passage's words: whatever else it is, it is no reordering of them.
    figure = check("five hundred welders we will hire, and the harbor piers we will rebuild", "Alma Marsh")
    assert not any("reordered" in r for r in figure.verdict.reasons)


def test_another_sentence_that_shares_a_phrase_is_not_an_alteration(check: Check) -> None:
    # 'the harbor piers' and 'four hundred welders' are the speaker's; the sentence around them is not.
    other = check("Tonight I am proud to hire four hundred welders from the valley", "Alma Marsh")
    assert other.verdict.label == "not_found"
    scattered = check("the workers abolish the winter coast", "Alma Marsh")
    assert scattered.verdict.label != "altered"


def test_a_phrase_the_speaker_says_of_many_things_is_no_place_for_a_short_quote(check: Check) -> None:
    # 'every single' is in one passage after another: 'every single debate' is not 'Every single poll.' changed.
    common = check("every single debate", "Hal Brody")
    assert common.verdict.label == "not_found"
    assert any("many of the speaker's passages" in r for r in common.verdict.reasons)
    # Words the speaker says side by side only once are that place, however common each word is.
    changed = check("answered every single email", "Hal Brody")
    assert changed.verdict.label == "altered"


def test_a_change_of_meaning_alters_a_short_quote(check: Check) -> None:
    negated = check("will not open on Sundays again", "Lena Park")
    assert negated.verdict.label == "altered"
    assert any("negation" in r for r in negated.verdict.reasons)
    compared = check("a smaller rodeo arena", "Lena Park")
    assert compared.verdict.label == "altered"
    assert any("comparison" in r for r in compared.verdict.reasons)


def test_words_found_as_written_elsewhere_are_not_altered_from_the_speakers_own(check: Check) -> None:
    # 'in the summer of 2028' is the board's, word for word: Quist's 'spring' is no proof it was changed.
    result = check("in the summer of 2028", "Nora Quist")
    assert result.verdict.label == "not_found"
    doctored = check("in the spring of 2029", "Nora Quist")
    assert doctored.verdict.label == "altered"
    assert any("number" in r for r in doctored.verdict.reasons)


def test_a_quote_that_runs_on_past_the_sentence_is_another_sentence(check: Check) -> None:
    result = check("the harbor piers for the ferry company", "Alma Marsh")
    assert result.verdict.label == "not_found"
    assert any("goes on" in r for r in result.verdict.reasons)


def test_a_change_to_the_speakers_own_wording_elsewhere_is_no_alteration(check: Check) -> None:
    # 'the greatest schools' is the speaker's own phrase: the quote may be another occasion's words.
    result = check("We have the greatest schools in the state", "Tom Reyes")
    assert result.verdict.label == "not_found"
    assert any("own wording" in r for r in result.verdict.reasons)
    doctored = check("We have the worst schools in the state", "Tom Reyes")
    assert doctored.verdict.label == "altered"


def test_a_quote_across_a_passage_boundary_is_found_whole(check: Check, pipeline: Pipeline) -> None:
    cut = split_passages(Document(id="t", text=TOWN_HALL, speaker="Ines Moreau"))
    assert len(cut) > 1
    boundary = cut[0].end
    words = TOWN_HALL[:boundary].split()[-6:] + TOWN_HALL[boundary:].split()[:6]
    result = check(" ".join(words), "Ines Moreau")
    assert result.verdict.label == "verified"


def test_diffs_show_dropped_words_as_dropped_and_each_word_once(check: Check) -> None:
    result = check("This is our new American moment", "George W. Bush")
    assert result.verdict.label == "verified"
    shown = diff_text(result.evidence[0].diff)
    assert shown == "This [-in fact-](transcript / editor: aside) is our new American moment"
    dropped = check("We can wait for the next attack", "George W. Bush")
    assert dropped.verdict.label == "altered"
    assert "cannot cannot" not in diff_text(dropped.evidence[0].diff)
    assert any(op.op == "delete" and op.source == "not" for op in dropped.evidence[0].diff)


SPEAKER_FORMS = ["George W. Bush", "Bush", "President Bush", "George Bush", "president george w. bush"]
SENTENCES = [s.strip() for s in BUSH.split(".") if len(s.split()) >= 4 and "Some have said" not in s]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sentence=st.sampled_from(SENTENCES), speaker=st.sampled_from(SPEAKER_FORMS), upper=st.booleans())
def test_a_verbatim_quote_with_a_compatible_speaker_is_never_an_accusation(
    check: Check, sentence: str, speaker: str, upper: bool
) -> None:
    quote = sentence.upper() if upper else sentence
    label = check(quote, speaker).verdict.label
    assert label in ("verified", "out_of_context")



def test_a_speaker_called_by_one_name_is_shown_with_the_stores_full_name(pipeline: Pipeline) -> None:
    article = (
        'Park told the budget meeting: "Our public libraries will open on Sundays again." '
        'Okonjo, her deputy, said: "The libraries need more staff."'
    )
    park, okonjo = pipeline.check_text(article).quotes
    assert park.speaker.name == "Lena Park" and park.speaker.mention == "Park"
    assert park.verdict.label == "verified"
    # Nobody of that name is in the store: the article's name stands.
    assert okonjo.speaker.name == "Okonjo"

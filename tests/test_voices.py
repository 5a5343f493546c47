"""Whose words each span of a source is, read at ingest, and the verdicts that use it (real models, real store)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from chroma_server import ChromaServer

from factcheck.config import Settings
from factcheck.extract import RuleExtractor
from factcheck.pipeline import Components, Pipeline
from factcheck.processes import chroma_command
from factcheck.sources import document_revision, documents
from factcheck.sources.turns import dialogue_turns
from factcheck.sources.voices import SourceVoices, affirms, denies
from factcheck.store.layout import open_store
from factcheck.types import CheckedQuote, Document, DocumentRef, Passage, Quote, QuoteKind, Speaker, Turn, Voice
from factcheck.verify.matches import join_passages, voice_at

RELEASE = (
    "HARROWGATE, 2 May - The Harrowgate Canal Trust today confirmed that the lock gates will be replaced this "
    'autumn. "The new gates will let boats through in half the time," said Operations Director Mirela Szabo. '
    'Trustee Bernard Okoye said: "Every contractor was vetted by two separate panels."\n\n'
    "Some boaters have claimed that the towpath will close for a year. That claim is simply untrue. "
    "Others have described the scheme as a waste of heritage money. The Trust rejects that description. "
    "The work will cost 3 million pounds."
)
SPEECH = (
    "Thank you for coming tonight. Plenty of people call this bypass a road to nowhere. I could not disagree "
    "more. Many residents fear that the bypass will split the village in two. They are wrong. As the surveyors "
    "have shown, the bypass can be built without demolishing a single home. I said last year that we would "
    "publish every contract, and we have. If the county withdrew its grant, we would have to pause the work."
)
SPEECH_SPEAKER = "Colm Reilly"


@pytest.fixture(scope="module")
def voices(nlp: Any) -> SourceVoices:
    return SourceVoices(RuleExtractor(nlp))


def _spans(document: Document) -> list[tuple[str, str, str | None, str | None]]:
    return [(v.kind, document.text[v.start : v.end], v.speaker, v.response) for v in document.voices]


def _reported(document: Document) -> dict[str, str | None]:
    """The claims the document reports from others, with the answer each gets."""
    return {text: response for kind, text, _, response in _spans(document) if kind == "reported"}


def test_a_claim_answered_by_a_contracted_denial_is_rejected(voices: SourceVoices) -> None:
    text = (
        "I'm often asked how we're funded. People assume the council pays for all of it. It doesn't. "
        "The rest comes from you."
    )
    read = voices.read(Document(id="gala", text=text, speaker="Imelda Oakenfold"))
    assert _reported(read) == {"the council pays for all of it": "It doesn't."}


def test_a_release_quotes_two_people_and_reports_two_claims(voices: SourceVoices) -> None:
    read = voices.read(Document(id="release", text=RELEASE, speaker="Harrowgate Canal Trust"))
    spans = _spans(read)
    assert ("quoted", "The new gates will let boats through in half the time", "Mirela Szabo", None) in spans
    assert ("quoted", "Every contractor was vetted by two separate panels", "Bernard Okoye", None) in spans
    reported = {text: response for kind, text, _, response in spans if kind == "reported"}
    assert reported["the towpath will close for a year"] == "That claim is simply untrue."
    assert "a waste of heritage money" in next(t for t in reported if "waste" in t)
    # The issuer's own narration is no one else's.
    assert not any("3 million" in text for _, text, _, _ in spans)


def test_claims_of_others_in_a_speech_new_wordings(voices: SourceVoices) -> None:
    read = voices.read(Document(id="speech", text=SPEECH, speaker=SPEECH_SPEAKER))
    reported = _reported(read)
    called = next(text for text in reported if "road to nowhere" in text)
    assert reported[called] == "I could not disagree more."
    assert reported["the bypass will split the village in two"] == "They are wrong."
    # 'As the surveyors have shown, ...' is the speaker's own claim; so is what the speaker said before.
    assert not any("demolishing" in text or "publish every contract" in text for text in reported)


def test_evidence_and_goals_in_the_speakers_own_voice_are_no_one_elses_claims(voices: SourceVoices) -> None:
    text = (
        "If we fund the ferry, it will show that island routes can pay their way. The trial is meant to prove "
        "that a night crossing is safe. The new timetables will show that the boats leave on time. "
        "Harbour pilots keep writing in to say the channel is too shallow. They are wrong."
    )
    read = voices.read(Document(id="ferry", text=text, speaker="Nell Garvey"))
    reported = _reported(read)
    # A person's or a group's report, even through an infinitive, is theirs; what evidence shows is the speaker's.
    assert reported == {"the channel is too shallow": "They are wrong."}


def test_assent_foretold_is_the_speakers_own_claim(voices: SourceVoices) -> None:
    text = (
        "Marta, you'll agree that the years we both spent on the council do not make us ready to run the city. "
        "Any engineer would admit that the old bridge cannot carry buses. "
        "Some councillors may agree that the tram is a luxury. They are mistaken."
    )
    read = voices.read(Document(id="forum", text=text, speaker="Iris Vane"))
    reported = _reported(read)
    # Assent foretold ('you'll agree', 'would admit') asserts the clause; assent only allowed ('may agree') reports it.
    assert not any("council" in t or "bridge" in t for t in reported)
    assert reported == {"the tram is a luxury": "They are mistaken."}


def test_a_report_no_one_makes_and_a_supposition_are_the_speakers_own(voices: SourceVoices) -> None:
    text = (
        "It is worth pointing out that the quarry owners have paid for every leaflet against the park. "
        "Can you imagine, if the council had lost one planning file, it would be front-page news for a month. "
        "Consider that the quarry has been shut every winter. "
        "Rival bidders keep pointing out that the quarry floods every spring. They are wrong."
    )
    read = voices.read(Document(id="hustings", text=text, speaker="Iris Vane"))
    # Nobody but the speaker points out the first; the listener is asked to suppose the second and to consider the
    # third; the bidders' claim is theirs.
    assert _reported(read) == {"the quarry floods every spring": "They are wrong."}


@pytest.mark.parametrize(
    ("sentence", "claim", "source"),
    [
        (
            "Rival ferry operators keep saying the harbour board's own survey shows that the pier is sinking.",
            "the harbour board's own survey shows that the pier is sinking",
            "rival ferry operators",
        ),
        (
            "Some residents have told reporters the latest audit proves the mill lost money.",
            "the latest audit proves the mill lost money",
            "some residents",
        ),
        (
            "Several of the growers wrote the council's own survey shows that the orchard road floods every winter.",
            "the council's own survey shows that the orchard road floods every winter",
            "several of the growers",
        ),
        (
            "Opponents of the scheme said the new data show most tenants want to leave.",
            "the new data show most tenants want to leave",
            "opponents of the scheme",
        ),
        (
            "Campaigners say the water company's report confirms that the river is polluted.",
            "the water company's report confirms that the river is polluted",
            "campaigners",
        ),
        (
            "A few anglers insist recent tests have shown the lake is not safe to swim in.",
            "recent tests have shown the lake is not safe to swim in",
            "A few anglers",
        ),
    ],
)
def test_a_claim_that_nests_what_evidence_shows_is_reported_whole(
    voices: SourceVoices, sentence: str, claim: str, source: str
) -> None:
    # However the parser hangs the evidence verb, what others report is the whole clause, theirs alone: not cut to
    # what the evidence shows, and not the survey's or the report's words.
    read = voices.read(Document(id="claims", text=sentence + " They are wrong.", speaker="Wyncombe Parish Council"))
    assert [(v.kind, read.text[v.start : v.end], v.source) for v in read.voices] == [("reported", claim, source)]


def test_a_transcript_reports_its_opponent_in_a_turn(voices: SourceVoices) -> None:
    text = "My opponent says the harbour will close by spring. That is false.\nThe harbour will stay open."
    cut = text.index("\n")
    turns = [Turn(speaker="Ada Voss", start=0, end=cut), Turn(speaker="Ben Kray", start=cut + 1, end=len(text))]
    read = voices.read(Document(id="debate", text=text, turns=turns))
    assert _spans(read) == [("reported", "the harbour will close by spring", None, "That is false.")]


INTERVIEW = (
    "Listeners have told us the swimming baths will be sold. Will they?\n"
    "No. The baths stay public, and the diving pool reopens in May.\n"
    "Our callers say the night bus is always late.\n"
    "Yes, and we are adding two buses."
)
HOST, GUEST = "Mara Quist", "Tobias Lund"


def _interview() -> Document:
    lines, turns, start = INTERVIEW.split("\n"), [], 0
    for k, line in enumerate(lines):
        turns.append(Turn(speaker=(HOST, GUEST)[k % 2], start=start, end=start + len(line)))
        start += len(line) + 1
    return Document(id="interview", text=INTERVIEW, turns=turns, title="Evening call-in")


def test_a_claim_put_to_a_guest_is_answered_in_the_next_turn(voices: SourceVoices) -> None:
    read = voices.read(_interview())
    reported = {read.text[v.start : v.end]: v for v in read.voices if v.kind == "reported"}
    baths = reported["the swimming baths will be sold"]
    # The host's own question only puts the claim; the guest's first words answer it.
    assert (baths.response, baths.respondent) == ("No.", GUEST)
    # A guest who agrees takes no claim back.
    assert reported["the night bus is always late"].respondent is None


@pytest.mark.parametrize(
    ("answer", "agrees"),
    [
        ("That is so.", True), ("Quite right.", True), ("Correct, yes.", True), ("Of course.", True),
        ("Indeed it will.", True), ("Certainly, and the timetable is printed.", True),
        ("Not at all.", False), ("Wrong.", False), ("That's not how it works.", False), ("It won't.", False),
        ("The tram line gets a new depot next year.", False), ("Nonsense.", False), ("I disagree entirely.", False),
    ],
)  # fmt: skip
def test_an_answer_agrees_by_its_structure_not_its_wording(nlp: Any, answer: str, agrees: bool) -> None:
    assert affirms(nlp(answer)[:]) is agrees


TRAM = (
    "Commuters keep saying the tram line will be scrapped. Will it?\n"
    "The tram line gets a new depot next year.\n"
    "Shop owners tell us the market square is closing for repairs.\n"
    "That is so.\n"
    "Some riders say the fares go up in June.\n"
    "That's not how fares are set."
)


def test_a_guest_who_answers_with_the_opposite_or_a_correction_rejects_what_was_put(voices: SourceVoices) -> None:
    lines, turns, start = TRAM.split("\n"), [], 0
    for k, line in enumerate(lines):
        turns.append(Turn(speaker=("Ivo Brandt", "Selma Okafor")[k % 2], start=start, end=start + len(line)))
        start += len(line) + 1
    read = voices.read(Document(id="tram", text=TRAM, turns=turns))
    reported = {read.text[v.start : v.end]: v for v in read.voices if v.kind == "reported"}
    scrapped = reported["the tram line will be scrapped"]
    assert (scrapped.respondent, scrapped.response) == ("Selma Okafor", "The tram line gets a new depot next year.")
    assert reported["the fares go up in June"].respondent == "Selma Okafor"
    assert reported["the market square is closing for repairs"].respondent is None  # agreed to


def test_claims_reported_by_a_noun_are_others_claims(voices: SourceVoices) -> None:
    text = (
        "There are reports that the lido will be sold to a hotel chain. They are mistaken. The rumour that the "
        "bandstand has been condemned reached me on Monday. There is talk of a ferry to the islands. "
        "The survey that the council commissioned last spring is thorough."
    )
    read = voices.read(Document(id="lido", text=text, speaker="Orla Finch"))
    found = [(v.kind, text[v.start : v.end], v.source, v.response) for v in read.voices]
    reported = {t: (source, response) for kind, t, source, response in found if kind == "reported"}
    assert reported["the lido will be sold to a hotel chain"] == ("reports", "They are mistaken.")
    assert reported["the bandstand has been condemned"][0] == "the rumour"
    assert reported["a ferry to the islands"][0] == "talk"
    # A clause that describes the noun ('that the council commissioned') reports nothing.
    assert not any("commissioned" in t for t in reported)


def test_a_claim_a_noun_names_through_the_copula_is_its_owners(voices: SourceVoices) -> None:
    text = (
        "Northsea Ferries' case was that the new timetable would cut waiting times by half. I could find no evidence "
        "for it. My own view is that the timetable is sound."
    )
    read = voices.read(Document(id="appeal", text=text, speaker="Ruth Amadi"))
    reported = {text[v.start : v.end]: v.source for v in read.voices if v.kind == "reported"}
    assert "the new timetable would cut waiting times by half" in reported
    # The speaker's own view, however named, is no one else's claim.
    assert not any("sound" in t for t in reported)


def test_a_clause_the_parse_hangs_on_there_been_is_what_the_talk_reports(voices: SourceVoices) -> None:
    text = (
        "There's been talk at the yacht club this month that the harbour board has been bought off by the "
        "marina. Not one member has been bought off, and I would like to see anyone try. There is a rumour that "
        "the slipway will close. No slipway is closing."
    )
    read = voices.read(Document(id="marina", text=text, speaker="Orla Finch"))
    reported = {text[v.start : v.end]: v for v in read.voices if v.kind == "reported"}
    bought = reported["the harbour board has been bought off by the marina"]
    assert bought.response == "Not one member has been bought off, and I would like to see anyone try."
    assert reported["the slipway will close"].response == "No slipway is closing."


def test_a_belief_held_by_no_one_or_by_others_is_reported_and_ones_own_is_not(voices: SourceVoices) -> None:
    text = (
        "There is a view among traders that the market hall is really a car park scheme. That view is wrong. "
        "Some stallholders share the belief that rents will double. I have the impression that footfall is up. "
        "We heard the claim that the market will move to the quay."
    )
    reported = _reported(voices.read(Document(id="hall", text=text, speaker="Orla Finch")))
    assert reported["the market hall is really a car park scheme"] == "That view is wrong."
    assert "rents will double" in reported
    # The speaker's own impression is the speaker's claim; a claim the speaker only heard is not.
    assert not any("footfall" in t for t in reported)
    assert "the market will move to the quay" in reported


def test_a_stance_noun_with_no_owner_is_the_speakers_own(voices: SourceVoices) -> None:
    text = (
        "The hope that the ferry will run all winter is shared by the crew. There are claims that the pier will "
        "be closed for a year. Our harbour master's warning that the channel will silt up is on the website."
    )
    read = voices.read(Document(id="ferry", text=text, speaker="Nell Garvey"))
    reported = [text[v.start : v.end] for v in read.voices if v.kind == "reported"]
    assert reported == ["the pier will be closed for a year", "the channel will silt up"]


QANDA = (
    "Q: Ms. Holm, people say the gallery will charge for entry. Is that right?\n"
    "A: Entry stays free for everyone who lives in the county.\n"
    "Q: Will the east wing be turned into offices?\n"
    "A: Correct, for two years.\n"
)


def test_words_of_a_question_credited_to_the_one_answering_are_never_theirs(components: Components) -> None:
    turns = dialogue_turns(QANDA, "Greta Holm")
    assert turns is not None
    document = Document(id="gallery", text=QANDA, turns=turns, title="Gallery interview")
    components.get_store().add_documents([document])
    pipeline = components.pipeline()
    asked = _check(pipeline, "turned into offices", "Greta Holm", kind="partial")
    assert asked.verdict.label == "out_of_context"
    assert any('put to Greta Holm, who answered: "Correct, for two years."' in r for r in asked.verdict.reasons)
    reported = _check(pipeline, "the gallery will charge for entry", "Greta Holm")
    assert reported.verdict.label == "out_of_context"
    own = _check(pipeline, "Entry stays free for everyone who lives in the county", "Greta Holm")
    assert own.verdict.label == "verified"


def test_a_named_hosts_question_credited_to_the_guest_is_the_hosts(components: Components) -> None:
    lines = [
        "Will the old tannery be turned into flats?",
        "We are keeping it as a workshop for the college.",
        "Is the towpath reopening before Easter?",
        "Quite right, on the first of April.",
    ]
    text, turns, start = "\n".join(lines), [], 0
    for k, line in enumerate(lines):
        turns.append(Turn(speaker=("Ivo Brandt", "Selma Okafor")[k % 2], start=start, end=start + len(line)))
        start += len(line) + 1
    components.get_store().add_documents([Document(id="tannery", text=text, turns=turns, title="Evening call-in")])
    pipeline = components.pipeline()
    for phrase in ("turned into flats", "reopening before Easter"):
        asked = _check(pipeline, phrase, "Selma Okafor", kind="partial")
        # However short, the words are the host's, asked of the guest: never the guest's own.
        assert asked.verdict.label == "misattributed" and asked.actual_speaker == "Ivo Brandt", asked.verdict
        assert any("Ivo Brandt asked them of Selma Okafor, who answered" in r for r in asked.verdict.reasons)
    assert _check(pipeline, "turned into flats", "Ivo Brandt", kind="partial").verdict.label == "verified"


def _call_in(components: Components, doc_id: str, host: str, guest: str) -> Pipeline:
    """A call-in show of two turns, the host Ivo Brandt's and the guest Selma Okafor's, in the store."""
    text = f"{host}\n{guest}"
    turns = [
        Turn(speaker="Ivo Brandt", start=0, end=len(host)),
        Turn(speaker="Selma Okafor", start=len(host) + 1, end=len(text)),
    ]
    components.get_store().add_documents([Document(id=doc_id, text=text, turns=turns, title="Evening call-in")])
    return components.pipeline()


def test_a_named_hosts_claim_the_guest_denies_is_out_of_context_for_the_guest(components: Components) -> None:
    pipeline = _call_in(
        components,
        "flood-report",
        "Ms Okafor, your office sat on the flood report for a whole year and warned nobody, didn't it?",
        "I don't accept that characterisation. The report went to the board in March.",
    )
    denied = _check(pipeline, "sat on the flood report for a whole year", "Selma Okafor", kind="partial")
    # Credited to the guest, the host's words say what she denied: hers to answer, not hers to have said.
    assert denied.verdict.label == "out_of_context", denied.verdict
    assert any("who answered: \"I don't accept that characterisation.\"" in r for r in denied.verdict.reasons)


def test_a_bare_no_denies_the_question_not_the_premises_put_before_it(components: Components) -> None:
    pipeline = _call_in(
        components,
        "depot-budget",
        "The new bus depot opened in the spring with a budget of two million pounds. Has it gone over that budget?",
        "No.",
    )
    words = "opened in the spring with a budget of two million pounds"
    premise = _check(pipeline, words, "Selma Okafor", kind="partial")
    # The guest answered whether it went over budget; the host's premise is still only the host's words.
    assert premise.verdict.label == "misattributed" and premise.actual_speaker == "Ivo Brandt", premise.verdict


@pytest.mark.parametrize(
    ("answer", "denied"),
    [
        ("I don't accept that characterisation.", True),
        ("I've spoken to the ten largest shareholders myself, and not one of them has told me that.", True),
        ("No.", True),
        ("Absolutely not.", True),
        ("That is simply wrong.", True),
        ("It's a fair challenge.", False),
        ("I don't know.", False),
        ("We don't comment on rumours.", False),
        ("Oh, the internet.", False),
    ],
)
def test_an_answer_denies_what_was_put_when_a_negated_clause_is_about_it(
    voices: SourceVoices, answer: str, denied: bool
) -> None:
    parsed = voices.extractor.nlp(answer)[:]
    assert denies(parsed) is denied
    # A bare 'No.' answers the question a turn ends with, not the premises before it; a clause about 'that' may.
    bare = not any(t.pos_ in ("VERB", "AUX") for t in parsed)
    assert denies(parsed, one_thing=False) is (denied and not bare)


def test_a_phrase_of_a_claim_the_host_put_is_the_hosts_wording_and_never_the_guests(components: Components) -> None:
    pipeline = _call_in(
        components,
        "meters",
        "Allotment holders keep telling us the water meters will cost every plot forty pounds a year.",
        "I have seen the tender, and that figure is invented.",
    )
    phrase = "every plot forty pounds a year"
    assert _check(pipeline, phrase, "Ivo Brandt", kind="partial").verdict.label == "verified"
    assert _check(pipeline, phrase, "Selma Okafor", kind="partial").verdict.label == "out_of_context"


def test_a_view_the_host_puts_is_out_of_context_for_the_guest_named_by_surname(components: Components) -> None:
    pipeline = _call_in(
        components,
        "orchard",
        "Selma, there is a view among growers that the orchard scheme is really a housing deal. Is it?",
        "No. The land stays an orchard under the covenant.",
    )
    asked = _check(pipeline, "really a housing deal", "Okafor", kind="partial")
    assert asked.verdict.label == "out_of_context", asked.verdict
    # The surname is compared with the guest it was put to, not with the host who put it.
    assert any("a less specific name for Selma Okafor" in r for r in asked.verdict.reasons), asked.verdict.reasons


def test_a_claim_reported_by_a_noun_is_out_of_context_for_the_speaker(components: Components) -> None:
    text = (
        "Thank you all for coming. There have been suggestions that the library will lose its Sunday hours. "
        "Those suggestions are baseless. The library keeps its Sunday hours and adds a late night on Thursdays."
    )
    components.get_store().add_documents([Document(id="library", text=text, speaker="Orla Finch", title="Talk")])
    pipeline = components.pipeline()
    hours = _check(pipeline, "the library will lose its Sunday hours", "Orla Finch")
    assert hours.verdict.label == "out_of_context"
    assert any("Those suggestions are baseless." in r for r in hours.verdict.reasons)


def test_the_revision_follows_the_analysis_version(monkeypatch: pytest.MonkeyPatch) -> None:
    document = Document(id="d", text="Words.", speaker="A B")
    before = document_revision(document)
    monkeypatch.setattr(documents, "VOICES_VERSION", "next")
    assert document_revision(document) != before


@pytest.fixture(scope="module", params=["local", "server"])
def pipeline(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, embedder: object, nlp: object
) -> Iterator[Pipeline]:
    """The verdicts over a local store, and over a Chroma server with the catalog on PostgreSQL."""
    root = tmp_path_factory.mktemp("voices")
    with ExitStack() as stack:
        settings = Settings(store=root / "store", llm_model=None)
        if request.param == "server":
            if chroma_command() is None:
                pytest.skip("the `chroma` command from the chromadb package is not installed")
            server = stack.enter_context(ChromaServer(root / "chroma"))
            catalog = request.getfixturevalue("catalog_url")
            collection = f"voices-{uuid.uuid4().hex[:8]}"
            settings = Settings(
                store=root / "client", chroma_url=server.url, catalog_url=catalog, collection=collection, llm_model=None
            )
        yield _pipeline(settings, embedder, nlp)


def _pipeline(settings: Settings, embedder: object, nlp: object) -> Pipeline:
    components = Components(settings, embedder=embedder, nlp=nlp)  # type: ignore[arg-type]
    components.get_store().add_documents(
        [
            Document(id="release", text=RELEASE, speaker="Harrowgate Canal Trust", title="Lock gates release"),
            Document(id="speech", text=SPEECH, speaker=SPEECH_SPEAKER, title="Bypass meeting"),
            _interview(),
        ]
    )
    return components.pipeline()


def _one_source(components: Components, document: Document) -> Pipeline:
    """A pipeline over a store holding one source."""
    components.get_store().add_documents([document])
    return components.pipeline()


def _check(
    pipeline: Pipeline, text: str, speaker: str, kind: QuoteKind = "direct", cue: str | None = None
) -> CheckedQuote:
    quote = Quote(text=text, start=0, end=len(text), kind=kind, cue=cue, speaker=Speaker(name=speaker, confidence=0.95))
    return pipeline.check_quote(quote)


def test_words_quoted_in_a_release_are_the_quoted_persons(pipeline: Pipeline) -> None:
    szabo = _check(pipeline, "The new gates will let boats through in half the time", "Mirela Szabo")
    assert szabo.verdict.label == "verified"
    assert "Mirela Szabo's, quoted in a passage by Harrowgate Canal Trust" in szabo.verdict.reasons[0]
    assert szabo.evidence[0].voice is not None and szabo.evidence[0].speaker == "Mirela Szabo"
    okoye = _check(pipeline, "Every contractor was vetted by two separate panels", "Bernard Okoye")
    assert okoye.verdict.label == "verified"
    # Said by one, credited to the other.
    wrong = _check(pipeline, "Every contractor was vetted by two separate panels", "Mirela Szabo")
    assert wrong.verdict.label == "misattributed" and wrong.actual_speaker == "Bernard Okoye"
    # The speaker registry and a speaker's search know the people a source quotes.
    names = {entry.name for entry in pipeline.store.speakers()}
    assert {"Mirela Szabo", "Bernard Okoye"} <= names
    assert pipeline.store.lexical_search("vetted by two separate panels", 5, ["Bernard Okoye"], match="phrase")


def test_claims_reported_from_others_are_out_of_context_with_the_frame_named(pipeline: Pipeline) -> None:
    towpath = _check(pipeline, "the towpath will close for a year", "Harrowgate Canal Trust")
    assert towpath.verdict.label == "out_of_context"
    assert any("reported as what some boaters have claimed" in r and "That claim is simply untrue." in r
               for r in towpath.verdict.reasons)  # fmt: skip
    nowhere = _check(pipeline, "a road to nowhere", SPEECH_SPEAKER, kind="partial")
    assert nowhere.verdict.label == "out_of_context"
    split = _check(pipeline, "the bypass will split the village in two", SPEECH_SPEAKER)
    assert split.verdict.label == "out_of_context"
    # Reported speech is in the reporting speaker's words: a phrase of it names something, it claims nothing.
    village = _check(pipeline, "the village in two", SPEECH_SPEAKER, kind="partial")
    assert village.verdict.label == "verified"
    assert any("a phrase that names something" in r for r in village.verdict.reasons)
    adopted = _check(pipeline, "the bypass can be built without demolishing a single home", SPEECH_SPEAKER)
    assert adopted.verdict.label == "verified"
    # The article reporting the denial says what the source says.
    denied = _check(pipeline, "the bypass will split the village in two", SPEECH_SPEAKER, "indirect", "denied")
    assert denied.verdict.label == "verified"


def test_an_article_naming_a_group_is_not_contradicted_by_its_report(pipeline: Pipeline) -> None:
    result = _check(pipeline, "the towpath will close for a year", "some boaters")
    # (In a store this small no phrase is rare enough to name whose words it is: found, not framed.)
    assert result.verdict.label != "out_of_context"


def test_a_claim_a_guest_rejected_is_out_of_context_for_the_guest(pipeline: Pipeline) -> None:
    baths = _check(pipeline, "the swimming baths will be sold", GUEST)
    assert baths.verdict.label == "out_of_context"
    assert any(f'put to {GUEST}, who answered: "No."' in r for r in baths.verdict.reasons)
    own = _check(pipeline, "The baths stay public, and the diving pool reopens in May", GUEST)
    assert own.verdict.label == "verified"


def test_what_the_speaker_says_others_know_is_the_speakers_own_claim(components: Components) -> None:
    rally = (
        "They want to shut the plant with crippling rules, and you know the new plant has created four hundred jobs "
        "in this county. "
        "The critics claim that the new plant will close within a year. They are wrong."
    )
    pipeline = _one_source(components, Document(id="rally", text=rally, speaker=SPEECH_SPEAKER, title="Rally"))
    known = _check(pipeline, "the new plant has created four hundred jobs in this county", SPEECH_SPEAKER)
    assert known.verdict.label == "verified"
    claimed = _check(pipeline, "the new plant will close within a year", SPEECH_SPEAKER)
    assert claimed.verdict.label == "out_of_context"


def test_a_finding_made_known_is_the_speakers_claim_and_a_described_thing_their_wording(
    components: Components,
) -> None:
    rally = (
        "Just last week, it was announced that the county economy grew at four percent last quarter. "
        "If you think any of this paperwork is going to deal with the quiet despair that this drought is bringing to "
        "our farms, then we will lose the valley. Some say that the reservoir will never fill again."
    )
    pipeline = _one_source(components, Document(id="growth", text=rally, speaker=SPEECH_SPEAKER, title="Rally"))
    announced = _check(pipeline, "the county economy grew at four percent last quarter", SPEECH_SPEAKER)
    assert announced.verdict.label == "verified", announced.verdict
    # A noun phrase inside a supposed belief, described by a relative clause, names something: her words.
    described = _check(pipeline, "the quiet despair that this drought is bringing to our farms", SPEECH_SPEAKER,
                       kind="partial")  # fmt: skip
    assert described.verdict.label == "verified", described.verdict
    claimed = _check(pipeline, "the reservoir will never fill again", SPEECH_SPEAKER)
    assert claimed.verdict.label == "out_of_context"


def test_words_a_release_quotes_from_someone_it_is_unsure_of_are_not_called_common(components: Components) -> None:
    release = (
        "Cases of measles rose again this week, the trust said. \"If cases keep rising, we will open a second bay,\" "
        "Dr Ana Lim said. \"Parents should not wait for a letter from school before checking the red book.\" "
        "\"I want to thank every family who came forward,\" said chief executive Jo Pryce."
    )
    pipeline = _one_source(components, Document(id="release", text=release, speaker="Valley Hospitals Trust"))
    checked = _check(pipeline, "Parents should not wait for a letter from school before checking the red book",
                     "Jo Pryce")  # fmt: skip
    assert checked.verdict.label in ("misattributed", "not_found")
    # Fifteen rare words found as they are: whatever the verdict says, it is not that they are too common.
    assert not any("common" in r for r in checked.verdict.reasons), checked.verdict.reasons


def test_a_store_read_by_an_older_source_analysis_is_read_again_on_its_next_ingest(
    settings: Settings, embedder: Any, nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = Document(id="release", text=RELEASE, speaker="Harrowgate Canal Trust", title="Lock gates release")
    unread = open_store(settings, embedder)  # as a store built before whose words were read
    unread.add_documents([release])
    assert not any(p.voices for p in unread.passages("release", range(3)))
    monkeypatch.setattr(documents, "VOICES_VERSION", "next")
    store = Components(settings, embedder=embedder, nlp=nlp).get_store()
    report = store.add_documents([release])
    assert (report.documents_updated, report.documents_replaced) == (1, 0)  # nothing re-embedded
    assert any(v.kind == "reported" for p in store.passages("release", range(3)) for v in p.voices)
    # Read again, the same: nothing to write.
    assert store.add_documents([release]).documents_skipped == 1


def test_a_nested_claim_and_a_co_authors_words_keep_their_owners(components: Components) -> None:
    text = (
        "The Wyncombe Soil Institute today published its study of the orchard drainage trial. Several of the growers "
        "keep saying the council's own survey shows that the orchard road floods every winter. The study does not "
        'bear that out. "The road flooded twice in ten years, both times after a blocked culvert," said co-author '
        "Dr. Petra Lindqvist."
    )
    pipeline = _one_source(components, Document(id="study", text=text, speaker="Wyncombe Soil Institute",
                                                title="Orchard drainage study"))
    claim = "the council's own survey shows that the orchard road floods every winter"
    framed = _check(pipeline, claim, "Wyncombe Soil Institute")
    assert framed.verdict.label == "out_of_context"
    assert any("several of the growers" in r for r in framed.verdict.reasons)
    # A co-author's words are hers, and the growers' claim credited to her is no one's to accuse her with.
    own = "The road flooded twice in ten years, both times after a blocked culvert"
    assert _check(pipeline, own, "Petra Lindqvist").verdict.label == "verified"
    assert _check(pipeline, claim, "Petra Lindqvist").verdict.label not in ("misattributed", "verified")


def test_a_claim_a_quoted_person_reports_from_others_is_out_of_context_for_them(components: Components) -> None:
    text = (
        "The Wyncombe Soil Institute today published its study of the orchard drainage trial.\n\n"
        '"Several growers have claimed that the new drains prove the orchard road will never flood again. They are '
        'mistaken," said the institute\'s director, Dr. Mira Kessel.\n\n'
        'Trustee Owen Parry said: "We have published every reading from the trial."'
    )
    document = Document(id="drains", text=text, speaker="Wyncombe Soil Institute", title="Drainage study")
    components.get_store().add_documents([document])
    pipeline = components.pipeline()
    claim = "the new drains prove the orchard road will never flood again"
    for speaker in ("Mira Kessel", "Wyncombe Soil Institute"):
        checked = _check(pipeline, claim, speaker)
        assert checked.verdict.label == "out_of_context"
        assert any("several growers" in r and "They are mistaken" in r for r in checked.verdict.reasons)
    # Her own words around the report stay hers, and the trustee's are his.
    assert _check(pipeline, "We have published every reading from the trial", "Owen Parry").verdict.label == "verified"


@pytest.mark.parametrize(
    ("text", "claim", "response"),
    [
        (
            '"Plenty of boaters call the new lock a white elephant. I could not disagree more," said Mayor Colm '
            "Reilly.",
            "the new lock a white elephant",
            "I could not disagree more",
        ),
        (
            '"There are rumours that the lido will be sold. That is nonsense," said Councillor Ada Pike.',
            "the lido will be sold",
            "That is nonsense",
        ),
    ],
)
def test_claims_named_or_rumoured_inside_a_quotation_are_others(
    voices: SourceVoices, text: str, claim: str, response: str
) -> None:
    read = voices.read(Document(id="quoted", text=text, speaker="Wyncombe Parish Council"))
    reported = [(read.text[v.start : v.end], v.response) for v in read.voices if v.kind == "reported"]
    assert reported == [(claim, response)]


def test_a_company_the_tagger_takes_for_a_person_speaks_through_its_own_people(components: Components) -> None:
    statement = (
        "Corran Milling is proud to renew its sponsorship of the rowing club. "
        '"The club does things the right way, on the water and off it," said Corran Milling\'s marketing director, '
        'Ada Strand. "Our name will be on the boats," said the club captain, Tomas Rigg.'
    )
    pipeline = _one_source(
        components, Document(id="sponsor", text=statement, speaker="Corran Milling", title="Sponsorship statement")
    )
    # Its director's words in its own statement are the company's words; the club captain's are not.
    own = _check(pipeline, "The club does things the right way, on the water and off it", "Corran Milling")
    assert own.verdict.label == "verified"
    other = _check(pipeline, "Our name will be on the boats", "Corran Milling")
    assert other.verdict.label != "verified"


def test_a_body_speaks_through_the_officer_its_statement_quotes(components: Components) -> None:
    statement = (
        "Northmere Water today confirmed new investment in the Coldbrook works. "
        '"We will spend every penny needed to protect the river," said Adrian Kell, chief executive. '
        '"Our critics have never seen the plant," said local councillor Ruth Amis.'
    )
    pipeline = _one_source(components, Document(id="water", text=statement, speaker="Northmere Water", title="News"))
    # Its chief executive's words in its own statement are the body's; a councillor it quotes speaks for no one else.
    officer = _check(pipeline, "We will spend every penny needed to protect the river", "Northmere Water")
    assert officer.verdict.label == "verified"
    councillor = _check(pipeline, "Our critics have never seen the plant", "Northmere Water")
    assert councillor.verdict.label != "verified"


def test_a_quoter_the_article_describes_is_not_credited_with_what_they_quoted(components: Components) -> None:
    decision = (
        "1. The appeal concerns the closure of the Brackwater footbridge. The council's structural engineer was "
        'Ms. Dana Ferris. In her evidence she said: "The main girder had lost a third of its steel to rust, and '
        'no load test would have passed." 2. I accept that evidence.'
    )
    components.get_store().add_documents(
        [
            Document(id="release", text=RELEASE, speaker="Harrowgate Canal Trust", title="Lock gates release"),
            Document(id="speech", text=SPEECH, speaker=SPEECH_SPEAKER, title="Bypass meeting"),
        ]
    )
    pipeline = _one_source(
        components,
        Document(id="inspector", text=decision, speaker="Owen Talbot", title="Appeal decision of Inspector Talbot"),
    )
    words = "had lost a third of its steel to rust, and no load test would have passed"
    described = Quote(
        text=words, start=0, end=len(words), kind="partial", cue="said",
        speaker=Speaker(name="Owen Talbot", mention="the inspector", confidence=0.8),
    )  # fmt: skip
    result = pipeline.check_quote(described)
    # The inspector only quotes his witness: the article's 'the inspector said' credits him with her words, as
    # surely as 'the inspector' means him.
    assert result.verdict.label == "misattributed" and result.actual_speaker == "Dana Ferris"
    assert result.verdict.confidence <= 0.8
    assert any("only quotes" in reason for reason in result.verdict.reasons)
    witness = _check(pipeline, words, "Dana Ferris", kind="partial")
    assert witness.verdict.label == "verified"
    # A pronoun may mean the one quoted as well as the one quoting: no accusation rests on it.
    pronoun = described.model_copy(update={"speaker": Speaker(name="Owen Talbot", mention="she", confidence=0.85)})
    assert pipeline.check_quote(pronoun).verdict.label != "misattributed"


def test_a_report_after_a_phrase_or_an_aside_is_others_claim(voices: SourceVoices) -> None:
    text = (
        "Tenants have been warned on a community forum that the deposit scheme will close in June. That is wrong. "
        "One email this week says, and I quote it in full, the lifts have been broken since Easter. They have not."
    )
    read = voices.read(Document(id="letting", text=text, speaker="Brightwell Lettings"))
    reported = _reported(read)
    assert reported["the deposit scheme will close in June"] == "That is wrong."
    assert reported["the lifts have been broken since Easter"] == "They have not."


def test_a_report_whose_verb_the_tagger_takes_for_a_noun_is_others_claim(voices: SourceVoices) -> None:
    text = (
        "Posts circulating on social media claim that the children's ward has closed and that sick children are "
        "being sent to hospitals in Kellsby. Neither claim is true."
    )
    read = voices.read(Document(id="trust", text=text, speaker="Valley Hospitals Trust"))
    reported = [t for kind, t, _, _ in _spans(read) if kind == "reported"]
    assert any("being sent to hospitals in Kellsby" in t and "ward has closed" in t for t in reported), reported


def test_a_phrase_that_is_what_a_rejected_claim_says_of_its_subject_is_out_of_context(
    components: Components,
) -> None:
    bulletin = (
        "Rain will spread east through the afternoon. A few posts on social media say the flood will be the highest "
        "in two centuries. We have seen no evidence for that figure. Rivers will peak on Friday."
    )
    pipeline = _one_source(components, Document(id="bulletin", text=bulletin, speaker="Valley Met Office"))
    phrase = _check(pipeline, "the highest in two centuries", "Valley Met Office", kind="partial")
    # Quoted alone it is no clause, but in the source it is what the rejected claim says of the flood.
    assert phrase.verdict.label == "out_of_context", phrase.verdict
    own = _check(pipeline, "Rivers will peak on Friday", "Valley Met Office")
    assert own.verdict.label == "verified"


def test_a_claim_set_off_after_an_aside_is_still_the_reported_one(voices: SourceVoices) -> None:
    text = (
        "I have heard residents say at these meetings, and I have seen it on the posters, that the library will be "
        "sold. That is simply false. The library stays open."
    )
    read = voices.read(Document(id="library", text=text, speaker="Mara Quist"))
    reported = _reported(read)
    assert reported == {"the library will be sold": "That is simply false."}


def test_a_quotation_the_passage_split_cut_in_two_is_one_again_when_joined() -> None:
    ref = DocumentRef(id="notice", speaker="Corvane Technologies")
    first_text = 'The recall covers every unit. "I am sorry.'
    second_text = 'We let down the people who trusted us," said Karin Lindgren.'
    quoted = {"kind": "quoted", "speaker": "Karin Lindgren", "source": "Karin Lindgren", "cue": "said"}
    first = Passage(id="notice#0", document=ref, index=0, text=first_text, start=0, end=len(first_text),
                    voices=[Voice(start=31, end=len(first_text), **quoted)])  # fmt: skip
    second = Passage(id="notice#1", document=ref, index=1, text=second_text, start=len(first_text) + 1,
                     end=len(first_text) + 1 + len(second_text), voices=[Voice(start=0, end=36, **quoted)])  # fmt: skip
    joined = join_passages([first, second])
    start = joined.text.index("I am sorry")
    end = joined.text.index(" said") - 2
    voice = voice_at(joined.voices, start, end)
    assert voice is not None and voice.speaker == "Karin Lindgren"


def test_a_quotation_that_goes_on_after_its_tag_is_no_one_elses(components: Components) -> None:
    statement = (
        "The Harbour Safety Board has opened an inquiry into the ferry fire. "
        '"An inquiry is only as good as the evidence it gathers," said the board\'s chair, Imelda Rourke. '
        '"Most inquiries take a year. We will report by the spring."'
    )
    pipeline = _one_source(components, Document(id="board", text=statement, speaker="Harbour Safety Board"))
    # The second quotation has no tag of its own: it is the chair's going on, surely not a stranger's words.
    for speaker in ("Harbour Safety Board", "Imelda Rourke"):
        result = _check(pipeline, "Most inquiries take a year. We will report by the spring.", speaker)
        assert result.verdict.label == "verified", (speaker, result.verdict)



def test_a_transcripts_answers_are_its_speakers_not_quotations(voices: SourceVoices) -> None:
    lines = [
        ("Mina Osei", "Were you angry with Paul Reyes when he went public?"),
        ("Carl Dunne", "I was surprised he said it but I was not angry."),
        ("Mina Osei", "Did you ask him to stay?"),
        ("Carl Dunne", "I asked him twice, and he said no both times."),
    ]
    text, turns = "", []
    for speaker, words in lines:
        turns.append(Turn(speaker=speaker, start=len(text), end=len(text) + len(words)))
        text += words + "\n"
    read = voices.read(Document(id="call", text=text, turns=turns))
    # The answers are Carl Dunne's turns: no quotation of anyone, however the questions and answers alternate.
    assert not [v for v in read.voices if v.kind == "quoted" and v.speaker not in ("Mina Osei", None)]


@pytest.mark.parametrize(
    ("text", "claim", "source"),
    [
        # Whatever the verb, an empty 'it' before a passive and the clause after it put a claim, here rejected.
        (
            "It was submitted on the tenant's behalf that the landlord had approved the works. The Tribunal does "
            "not accept that submission: the landlord's evidence, which we accept, is that he never saw the plans.",
            "the landlord had approved the works",
            "on behalf of the tenant",
        ),
        (
            "It has been mooted by the operators that the ferry will stop at Easter. I reject that.",
            "the ferry will stop at Easter",
            "the operators",
        ),
        # The same frame states a body's own decision when nothing rejects it, and its own finding always.
        ("It was ordered that the tenant pay the landlord's costs. The hearing ended at noon.", None, None),
        ("It was resolved that the depot would close in May. We do not expect that to change.", None, None),
        ("It was found that the roof had leaked for years. No one disputes that.", None, None),
    ],
)
def test_an_extraposed_passive_puts_a_claim_only_when_it_is_rejected(
    voices: SourceVoices, text: str, claim: str | None, source: str | None
) -> None:
    read = voices.read(Document(id="tribunal", text=text, speaker="Northwick Property Tribunal"))
    expected = [("reported", claim, source)] if claim else []
    assert [(v.kind, read.text[v.start : v.end], v.source) for v in read.voices] == expected


def test_a_claim_put_by_no_one_named_is_named_so_in_the_reason(components: Components) -> None:
    text = "It was submitted on the tenant's behalf that the landlord had approved the works. We reject that."
    components.get_store().add_documents(
        [Document(id="decision", text=text, speaker="Northwick Property Tribunal", title="Decision")]
    )
    checked = _check(components.pipeline(), "the landlord had approved the works", "Northwick Property Tribunal")
    assert checked.verdict.label == "out_of_context"
    assert any("reported as what was submitted on behalf of the tenant, not as" in r for r in checked.verdict.reasons)


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("Reports in this weekend's papers that the singer threw a guitar at a rehearsal are simply untrue.",
         "the singer threw a guitar at a rehearsal"),
        # The parser may hang the 'that' on the preposition after the verb, beside its object.
        ("Reports in this weekend's papers that Maeve Quill and Tobias Renner came to blows at a rehearsal in Derry "
         "are simply untrue.", "Maeve Quill and Tobias Renner came to blows at a rehearsal in Derry"),
    ],
)  # fmt: skip
def test_a_report_noun_opening_a_paragraph_reports_its_clause(voices: SourceVoices, sentence: str, claim: str) -> None:
    # The capital makes the tagger read 'Reports' as a name; it is still the noun that reports the clause.
    text = f"Issued by Ines Calder, Calder Reid Publicity, 2 October\n\n{sentence} There was no fight."
    read = voices.read(Document(id="statement", text=text, speaker="Ines Calder"))
    assert [(v.kind, read.text[v.start : v.end], v.source) for v in read.voices] == [("reported", claim, "reports")]


def test_a_mark_the_tagger_takes_for_a_name_is_no_one(voices: SourceVoices) -> None:
    # Escaped marks and a stray carriage return, as a scraped transcript has them: the analysis reads on.
    text = (
        "Look, I've said it many times, and I think everyone agrees with this. \\\"... that takes parents away "
        "from their kids, and dealing with environmental justice as a major pillar of any climate policy.\\\"\\r "
        "No matter how red or rural, we did not write you off."
    )
    read = voices.read(Document(id="scraped", text=text, speaker="Ada Lind"))
    assert read.text == text

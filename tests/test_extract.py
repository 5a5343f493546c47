"""Quote and speaker extraction on the hard cases, with the real spaCy pipeline."""

from __future__ import annotations

from typing import Any

import pytest
from quote_checks import assert_offsets

from factcheck.errors import ModelError
from factcheck.extract import RuleExtractor
from factcheck.nlp import load_spacy
from factcheck.stages import Extractor
from factcheck.types import Quote


@pytest.fixture
def extractor(rule_extractor: RuleExtractor) -> RuleExtractor:
    return rule_extractor


def _find(quotes: list[Quote], words: str) -> Quote:
    matches = [q for q in quotes if words in q.text]
    assert matches, f"no quote containing {words!r} in {[q.text for q in quotes]}"
    return matches[0]


def test_implements_the_extractor_protocol(extractor: RuleExtractor) -> None:
    assert isinstance(extractor, Extractor)


def test_missing_model_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="not installed"):
        load_spacy("no_such_pipeline_xx")


def test_direct_quote_split_by_attribution_and_follow_up(extractor: RuleExtractor) -> None:
    text = (
        "Gerald Osei opened the hearing on Monday.\n"
        "\u201cThe budget is late,\u201d Osei said, \u201cand nobody wants to admit it.\u201d\n"
        "\u201cWe will fix it this week.\u201d"
    )
    quotes = extractor.extract(text)
    assert_offsets(text, quotes)
    for words in ("The budget is late", "and nobody wants", "We will fix it"):
        quote = _find(quotes, words)
        assert quote.kind == "direct"
        assert quote.speaker.name == "Gerald Osei"
    assert _find(quotes, "We will fix").confidence < _find(quotes, "The budget").confidence


def test_a_quotation_after_an_attributed_one_in_its_paragraph_goes_on_with_its_speaker(
    extractor: RuleExtractor,
) -> None:
    text = (
        '"If cases keep rising, we will open a second bay," Dr Sam Okoro said. "Parents should not wait for a '
        'letter from school."'
    )
    following = _find(extractor.extract(text), "Parents should not wait")
    assert following.speaker.name == "Sam Okoro"
    assert following.speaker.confidence >= 0.8


def test_partial_quote_keeps_the_reported_clause(extractor: RuleExtractor) -> None:
    text = "Press secretary Lena Morrow said the tariff was \u201ca gift to smugglers\u201d for border towns."
    quote = _find(extractor.extract(text), "a gift to smugglers")
    assert quote.kind == "partial"
    assert quote.speaker.name == "Lena Morrow"
    assert quote.content is not None and "the tariff was" in quote.content


def test_titles_and_appositives_are_peeled(extractor: RuleExtractor) -> None:
    text = "Ravi Patel, a nurse at the clinic, said, \u201cWe have not had a day off in weeks.\u201d"
    quote = _find(extractor.extract(text), "We have not had")
    assert quote.speaker.name == "Ravi Patel"


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        # spaCy tags 'Barack' here as a preposition; the parse still compounds it with 'Obama'.
        pytest.param(
            'He spoke first. Barack Obama later said "The state of our Union is strong."',
            "state",
            "Barack Obama",
            id="tagger-misses-first-name",
        ),
        pytest.param(
            'Meanwhile Rihanna said "I am not done yet, not even close."', "not done", "Rihanna", id="single-name"
        ),
        pytest.param(
            "Leticia Duarte won the vote.\n\u201cThis belongs to the volunteers,\u201d Duarte said.",
            "This belongs",
            "Leticia Duarte",
            id="short-name-resolves-to-full-name",
        ),
        pytest.param(
            "Treasurer Nikhil Rao was blunt: \u201cThe numbers do not add up and they never did.\u201d",
            "The numbers do not",
            "Nikhil Rao",
            id="colon-introduced",
        ),
        pytest.param(
            "\u201cKindness is never wasted on anyone who needs it.\u201d \u2014 Maria Lindqvist",
            "Kindness is never",
            "Maria Lindqvist",
            id="dash-attribution",
        ),
        pytest.param(
            "Councillor Derek Vogt wrote on Twitter that the new bus lanes were \u201ca total failure.\u201d",
            "a total failure",
            "Derek Vogt",
            id="post-attribution",
        ),
        pytest.param(
            # The parse hangs 'Osterby' on 'conceded' as an adverb.
            "Finance chief Lise Osterby and auditor Femi Ade met the press. Osterby conceded that \u201cthe fund "
            "lost money last year\u201d, but Ade said: \u201cIt will recover within two years.\u201d",
            "the fund lost",
            "Lise Osterby",
            id="name-parsed-as-modifier-and-a-colon-after",
        ),
        pytest.param(
            "Mayor Ines Calder and councillor Jo Brant argued. When Councillor Jo Brant interjected, \u201cyou "
            "cannot promise that, Ines,\u201d Calder replied: \u201cI can and I will.\u201d",
            "cannot promise",
            "Jo Brant",
            id="clause-ending-in-a-colon-introduces-what-follows",
        ),
    ],
)
def test_speaker_is_the_full_name(extractor: RuleExtractor, text: str, words: str, name: str) -> None:
    assert _find(extractor.extract(text), words).speaker.name == name


def test_name_suffixes_are_kept_and_the_surname_still_resolves(extractor: RuleExtractor) -> None:
    text = (
        'President Joseph R. Biden Jr. said "We will rebuild the roads." Later Biden said "We will fix the bridges."'
        ' "We shall overcome," said Martin Luther King Jr., smiling. King added: "And we will do it soon."'
    )
    quotes = extractor.extract(text)
    assert [q.speaker.name for q in quotes] == [
        "Joseph R. Biden Jr.",
        "Joseph R. Biden Jr.",
        "Martin Luther King Jr.",
        "Martin Luther King Jr.",
    ]
    assert [q.speaker.mention for q in quotes] == ["Joseph R. Biden Jr.", "Biden", "Martin Luther King Jr.", "King"]


def test_organisation_speaker_and_indirect_speech(extractor: RuleExtractor) -> None:
    text = "The Health Ministry said in a statement that the clinics would stay open through the winter."
    quote = _find(extractor.extract(text), "the clinics would stay open")
    assert quote.kind == "indirect"
    assert quote.speaker.name is not None and "Ministry" in quote.speaker.name


@pytest.mark.parametrize("cue", ["warned", "insisted", "told reporters", "denied"])
def test_indirect_cues(extractor: RuleExtractor, cue: str) -> None:
    text = f"Governor Alan Brooks {cue} that the bridge repairs would take at least two more years."
    quote = _find(extractor.extract(text), "the bridge repairs would take")
    assert quote.kind == "indirect"
    assert quote.speaker.name == "Alan Brooks"


def test_according_to(extractor: RuleExtractor) -> None:
    text = "According to the Coast Guard, the ferry left the harbour two hours late."
    quote = _find(extractor.extract(text), "the ferry left the harbour")
    assert quote.kind == "indirect"
    assert quote.speaker.mention is not None and "Coast Guard" in quote.speaker.mention


def test_pronouns_resolve_by_gender_to_the_nearest_compatible_speaker(extractor: RuleExtractor) -> None:
    text = (
        "Mayor Helen Ortiz toured the flooded district with Police Chief Robert Kane.\n"
        "\u201cEvery family here will get help,\u201d she said.\n"
        "\u201cWe have officers on every corner tonight,\u201d he said."
    )
    quotes = extractor.extract(text)
    assert _find(quotes, "Every family").speaker.name == "Helen Ortiz"
    assert _find(quotes, "officers on every corner").speaker.name == "Robert Kane"
    assert _find(quotes, "Every family").speaker.mention == "she"


def test_multi_paragraph_quote(extractor: RuleExtractor) -> None:
    text = (
        "Coach Irene Salo spoke after the game.\n"
        "\u201cWe made too many mistakes in the first half.\n"
        "\u201cThe second half showed who we really are,\u201d Salo said."
    )
    quote = _find(extractor.extract(text), "too many mistakes")
    assert "second half showed" in quote.text
    assert quote.speaker.name == "Irene Salo"


def test_scare_quotes_titles_and_nicknames_are_not_quotes(extractor: RuleExtractor) -> None:
    text = (
        "Opponents attacked the so-called \u201creform\u201d again.\n"
        "The documentary \u201cRivers of Salt\u201d premieres on Friday.\n"
        "Wrestler Tomas \u201cThe Anvil\u201d Berg retired."
    )
    texts = [q.text for q in extractor.extract(text)]
    assert not any(t in ("reform", "Rivers of Salt", "The Anvil") for t in texts)


@pytest.mark.parametrize(
    ("opening", "closing"),
    [('"', '"'), ("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u201e", "\u201c"), ("''", "''")],
)
def test_quote_mark_styles(extractor: RuleExtractor, opening: str, closing: str) -> None:
    text = f"{opening}We will rebuild the school before winter,{closing} said Principal Ann Weber."
    quotes = extractor.extract(text)
    assert_offsets(text, quotes)
    assert _find(quotes, "We will rebuild").speaker.name == "Ann Weber"


def test_single_quotes_inside_double(extractor: RuleExtractor) -> None:
    text = "\u201cHe told me \u2018not today\u2019 and walked out,\u201d said Omar Haddad."
    quote = _find(extractor.extract(text), "not today")
    assert quote.text.startswith("He told me")
    assert quote.speaker.name == "Omar Haddad"


def test_unbalanced_marks_and_apostrophes_do_not_crash(extractor: RuleExtractor) -> None:
    text = "The players' union said \u201cwe're not signing this deal.\nIt's the '90s again, isn't it?\u201d\u201d"
    assert_offsets(text, extractor.extract(text))


def test_no_speaker_is_null_with_low_confidence(extractor: RuleExtractor) -> None:
    text = "Banners reading \u201cThe forest belongs to all of us forever\u201d hung from the trees."
    quote = _find(extractor.extract(text), "The forest belongs")
    assert quote.speaker.name is None
    assert quote.confidence < 0.5


def test_markup_never_yields_quotes(extractor: RuleExtractor) -> None:
    text = (
        '<div data-x="&quot;not a quote here at all today&quot;"><p>&ldquo;The pool reopens in May,'
        "&rdquo; said Lena Ruiz.</p>"
        '<img src="https://pixel.example/t.gif?q=%22tracking%20words%20go%20here%22"></div>'
        '<script>var t = "another fake quote inside a script";</script>'
    )
    quotes = extractor.extract(text)
    assert_offsets(text, quotes)
    assert [q.text for q in quotes] == ["The pool reopens in May"]
    assert quotes[0].speaker.name == "Lena Ruiz"


def test_split_quote_parts_share_one_content(extractor: RuleExtractor) -> None:
    text = (
        "\u201cThe depot will close in March,\u201d said Priya Nand, the transit director, "
        "\u201cand the buses will move to Eastfield.\u201d"
    )
    quotes = extractor.extract(text)
    assert_offsets(text, quotes)
    first, second = _find(quotes, "The depot will close"), _find(quotes, "the buses will move")
    assert first.text == "The depot will close in March" and second.text.startswith("and the buses")
    for quote in (first, second):
        assert (quote.content_start, quote.content_end) == (first.start, second.end)
        assert quote.speaker.name == "Priya Nand"


def test_quoted_fragment_in_an_object_takes_the_object_as_content(extractor: RuleExtractor) -> None:
    text = "Senator Ada Fenwick called both candidates \u201creckless\u201d and said the party would lose in November."
    quotes = extractor.extract(text)
    assert_offsets(text, quotes)
    fragment = _find(quotes, "reckless")
    assert fragment.kind == "partial"
    assert fragment.speaker.name == "Ada Fenwick"
    assert fragment.content == "both candidates \u201creckless\u201d"


def test_headline_name_and_colon_attribute_the_quote(extractor: RuleExtractor) -> None:
    text = (
        "Okafor: Rail Plan Is \u2018A Promise We Cannot Keep\u2019\n"
        "Transport minister Chidi Okafor spoke in Leeds on Monday."
    )
    quotes = extractor.extract(text)
    assert_offsets(text, quotes)
    quote = _find(quotes, "A Promise We Cannot Keep")
    assert quote.speaker.name == "Chidi Okafor"
    assert quote.content is not None and quote.content.startswith("Rail Plan Is")


def test_a_single_quoted_line_opening_before_a_colon_is_a_quotation(extractor: RuleExtractor) -> None:
    text = (
        "'It's the only road we've got': an island counts the cost of a ferry cut\n\n"
        "The hall was full. Some called the plan 'sensible'.\n"
    )
    quotes = extractor.extract(text)
    assert_offsets(text, quotes)
    assert [q.text for q in quotes] == ["It's the only road we've got"]


def test_title_cased_headline_quote_goes_to_the_person_the_body_names(extractor: RuleExtractor) -> None:
    text = (
        "Harbour Plan Will Cost \u2018Far Less Than Feared,\u2019 Miriam Achebe Says\n"
        "Port commissioner Miriam Achebe told reporters on Friday that the dredging budget would hold.\n\n"
        "Ilse Brandt Calls Ferry Deal \u2018A Bad Bargain\u2019 For Islanders\n"
        "Councillor Ilse Brandt spoke at the island hall.\n\n"
        "Ferry \u2018Will Never Sail Again\u2019 Under Current Rules\n"
        "Nobody at the hall would say who had warned of that."
    )
    quotes = extractor.extract(text)
    assert_offsets(text, quotes)
    assert _find(quotes, "Far Less Than Feared").speaker.name == "Miriam Achebe"
    brandt = _find(quotes, "A Bad Bargain")
    assert brandt.speaker.name == "Ilse Brandt"
    assert brandt.content is not None and brandt.content.startswith("Ferry Deal")
    # No person the article names opens the line or says it: the headline's words are no one's.
    assert all(q.speaker.name is None for q in quotes if "Never Sail" in q.text)


def test_names_come_from_proper_noun_runs(nlp: Any) -> None:
    from factcheck.extract.entities import mark_names

    doc = nlp(
        "Police Chief Robert Kane met the Interior Ministry and FBI agents in New Mexico. Kane left.",
        disable=["ner"],
    )
    mark_names(doc)
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels["Robert Kane"] == "PERSON"
    assert labels["Kane"] == "PERSON"
    assert labels["Interior Ministry"] == "ORG"
    assert labels["FBI"] == "ORG"
    assert labels["New Mexico"] == "GPE"


def test_clause_before_a_mid_sentence_frame_belongs_to_the_content(extractor: RuleExtractor) -> None:
    text = (
        "These filings and the earlier rulings, the lawyers said, \u201call point to the same answer\u201d "
        "on the residency question."
    )
    quotes = extractor.extract(text)
    assert_offsets(text, quotes)
    quote = _find(quotes, "all point to the same answer")
    assert quote.content is not None and quote.content.startswith("These filings")


def test_coarse_tags_match_the_attribute_ruler(nlp: Any) -> None:
    from factcheck.extract.tags import CoarseTagger

    text = (
        "There is something odd: the senator, who has said little, did not answer. "
        "\u201cWe were told nothing,\u201d she said, but that was that."
    )
    reference = [t.pos_ for t in nlp(text)]
    doc = nlp(text, disable=["attribute_ruler", "lemmatizer", "ner"])
    assert [t.pos_ for t in CoarseTagger(nlp)(doc)] == reference


def test_fragment_content_ends_before_a_following_clause(extractor: RuleExtractor) -> None:
    text = (
        "Councillor Mara Voss said the tram extension was \u201ca costly detour\u201d \u2014 and she promised "
        "to vote against it at the next meeting."
    )
    quotes = extractor.extract(text)
    assert_offsets(text, quotes)
    fragment = _find(quotes, "a costly detour")
    assert fragment.kind == "partial"
    assert fragment.content is not None and "the tram extension" in fragment.content
    assert "promised" not in fragment.content


def test_adverbial_before_the_reported_clause_is_content(extractor: RuleExtractor) -> None:
    text = (
        "House Speaker Paul Ryan says no matter what unilateral action President Barack Obama takes on gun "
        "control, \u201chis word does not trump the Second Amendment.\u201d"
    )
    quote = _find(extractor.extract(text), "his word does not trump")
    assert quote.speaker.name == "Paul Ryan"
    assert quote.content is not None and quote.content.startswith("no matter what")


@pytest.mark.parametrize(
    "sentence",
    [
        "Governor Alan Brooks criticized the plan to close the rural clinics before the winter.",
        "Mayor Grace Lee defended the transit levy on Tuesday.",
        "Senator Ruth Adler warned Congress about a shortage of nurses in rural hospitals.",
        "Former president Tom Hale spoke for an hour at the convention center.",
        "The senator was asked about the loan from her brother.",
        "Maria Lopez's support for the new zoning rules surprised her colleagues on the council.",
    ],
)
def test_narration_about_speech_is_not_a_quote(extractor: RuleExtractor, sentence: str) -> None:
    assert extractor.extract(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "words", "speaker"),
    [
        ("Governor Alan Brooks vowed to reopen the rural clinics before winter.", "to reopen the rural", "Alan Brooks"),
        ("Senator Ruth Adler urged Congress to fund rural hospitals this winter.", "Congress to fund", "Ruth Adler"),
        ("Maria Lopez's claim that the zoning rules were illegal surprised us.", "the zoning rules", "Maria Lopez"),
        ("The bridge will reopen in March, according to the engineer Dana Ward.", "The bridge will", "Dana Ward"),
        ("Senator Ruth Adler is calling for the state to reopen the clinics.", "the state to reopen", "Ruth Adler"),
        ("As Governor Alan Brooks observed Monday, the clinics lost half their nurses.", "the clinics", "Alan Brooks"),
        ("Maria Lopez, who chairs the council, posted Friday to say the vote would wait.", "the vote", "Maria Lopez"),
        ("The Harbor Authority released a statement saying the port would close.", "the port", "Harbor Authority"),
        ("Economist Dana Ward wrote in a column arguing that wages would stall.", "wages would", "Dana Ward"),
        ("The plan, Mayor Grace Lee said, would fail within a year.", "would fail within", "Grace Lee"),
        ("In 2008, Governor Alan Brooks said, the gift had made his father a patron.", "the gift had", "Alan Brooks"),
        ("We met Dana Ward, 41, of Porto, who said the clinics are best suited to towns.", "the clinics", "Dana Ward"),
        # A share of a group speaks without a name.
        ("In Ohio, 85% of nurses said the night shift was understaffed.", "the night shift", None),
        ("One in four nurses said the rural clinics were short of staff.", "the rural clinics", None),
        ("About four out of 10 nurses said pay for the night shift would fall.", "pay for the night shift", None),
        ("One of the nurses at the clinic said the night shift was understaffed.", "the night shift", None),
    ],
)
def test_statements_reported_with_their_content_are_indirect_quotes(
    extractor: RuleExtractor, sentence: str, words: str, speaker: str | None
) -> None:
    quote = _find(extractor.extract(sentence), words)
    assert quote.kind == "indirect"
    assert quote.text.startswith(words)
    assert quote.speaker.name == speaker
    assert quote.speaker.mention is not None


def test_nickname_inside_a_name_is_not_part_of_the_canonical_name(extractor: RuleExtractor) -> None:
    text = (
        "Coach Dana \u201cThe Comet\u201d Okoye signed a new contract on Friday.\n"
        "\u201cThis club gave me my first chance,\u201d Okoye said."
    )
    quotes = extractor.extract(text)
    assert all("The Comet" not in q.text for q in quotes)
    assert _find(quotes, "This club gave me").speaker.name == "Dana Okoye"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("The keeper, Oswin Tarrant, known to the whole ground as Ozzy, signed on Friday. "
         '"I am staying put," Ozzy said.', "I am staying put", "Oswin Tarrant"),
        ("Tarrant, who has been known as Ozzy since his schooldays, was relaxed. Oswin Tarrant turned 30 this week. "
         '"I am staying put," Ozzy said.', "I am staying put", "Oswin Tarrant"),
        ("So the keeper Oswin Tarrant, Ozzy to everyone at the club, spoke first. "
         '"I am staying put," Ozzy said.', "I am staying put", "Oswin Tarrant"),
        # The idioms that give the name one is called by through a preposition ('answers to', 'goes by').
        ('The drummer, Oswin Tarrant, who answers to Ozzy, posted on Friday. "I am staying put," Ozzy wrote.',
         "I am staying put", "Oswin Tarrant"),
        # A name set off after a person that is a place, or that a verb's preposition takes, is not theirs.
        ('Oswin Tarrant, who played for Corran, signed on Friday. "We are back," Corran said.', "We are back",
         "Corran"),
        ('Oswin Tarrant, who reports to Corran, signed on Friday. "We are back," Corran said.', "We are back",
         "Corran"),
    ],
)  # fmt: skip
def test_another_name_the_article_gives_a_person_is_theirs(
    extractor: RuleExtractor, text: str, words: str, speaker: str
) -> None:
    assert _find(extractor.extract(text), words).speaker.name == speaker


def test_wrong_way_marks_and_dash_signatures(extractor: RuleExtractor) -> None:
    text = (
        "Readers wrote in.\n\n"
        "\u201dThe levy helps nobody I know and it never will.\u201d \u2015 Sonya Herridge\n"
        "\u201cWe should fund the buses before the roads.\u201d\u2015 Carla Sanchez.\n"
    )
    quotes = extractor.extract(text)
    assert_offsets(text, quotes)
    first = _find(quotes, "The levy helps nobody")
    assert first.text.rstrip(".") == "The levy helps nobody I know and it never will"
    assert first.speaker.name == "Sonya Herridge"
    assert _find(quotes, "fund the buses").speaker.name == "Carla Sanchez"


def test_a_call_on_someone_to_act_is_reported_speech(extractor: RuleExtractor) -> None:
    text = "Mayor Ana Lee called on the council to drop the levy before the vote."
    quote = _find(extractor.extract(text), "drop the levy")
    assert quote.kind == "indirect"
    assert quote.text.startswith("the council to drop the levy")
    assert quote.speaker.name == "Ana Lee"


def test_words_described_as_someones_statement_are_theirs(extractor: RuleExtractor) -> None:
    text = (
        "Politifact ruled that Donald Trump's statement about \"thousands of shootings\" in Chicago was true. "
        "The panel mocked Senator Ana Ruiz's promise of \"a new day for farmers\" at length."
    )
    quotes = extractor.extract(text)
    assert _find(quotes, "thousands of shootings").speaker.name == "Donald Trump"
    assert _find(quotes, "a new day for farmers").speaker.name == "Ana Ruiz"


def test_a_name_given_inside_a_reported_clause_is_the_namers(extractor: RuleExtractor) -> None:
    text = (
        "Donald Trump said at a rally that Hillary Clinton once described the trade pact as "
        "\"the gold standard\" of trade deals."
    )
    assert _find(extractor.extract(text), "the gold standard").speaker.name == "Hillary Clinton"


def test_a_verb_in_a_later_subordinate_clause_is_not_the_frame(extractor: RuleExtractor) -> None:
    text = (
        "New Jersey Gov. Chris Christie described Hillary Clinton as a \"disgrace\" after she attacked "
        "the police in a speech."
    )
    assert _find(extractor.extract(text), "disgrace").speaker.name == "Chris Christie"


def test_a_closing_mark_after_a_stray_space_closes_the_quote(extractor: RuleExtractor) -> None:
    text = 'Somewhere in there, Donald Trump tossed in a "lyin\' " Ted Cruz and moved on to the polls.'
    quotes = extractor.extract(text)
    assert_offsets(text, quotes)
    assert [q.text.rstrip("'") for q in quotes] == ["lyin"]


def test_a_question_put_to_someone_is_not_their_statement(extractor: RuleExtractor) -> None:
    text = (
        'Economist Dana Ward spoke in Lisbon. "It was a fair deal," Ward told reporters when asked if she had '
        "met the governor before the vote."
    )
    quotes = extractor.extract(text)
    assert [q.text for q in quotes] == ["It was a fair deal"]
    assert quotes[0].speaker.name == "Dana Ward"


@pytest.mark.parametrize(
    "head",
    [
        "By Jo Martins, Transport Correspondent\nNORTHWICK, 4 March - ",
        "By Jo Martins, Transport Correspondent / NORTHWICK, 4 March - ",
        "NORTHWICK, 4 March (Gazette) - ",
        "NORTHWICK, March 4, 2026 - ",
    ],
)
def test_bylines_and_datelines_never_speak_in_any_order(extractor: RuleExtractor, head: str) -> None:
    text = (
        f"Berth to open in March\n\n{head}Director Ines Calder said the berth \"will open to ships in March\".\n\n"
        '"We checked every figure twice," she said.\n\nPhoto: Ana Ruiz/Northwick Gazette\n\nReporting by Jo Martins; '
        "Editing by Sam Holt"
    )
    quotes = extractor.extract(text)
    assert {q.speaker.name for q in quotes} == {"Ines Calder"}
    assert not any("Holt" in q.text or "Martins" in q.text for q in quotes)


def test_words_that_end_their_own_sentence_take_no_speaker_from_the_next(extractor: RuleExtractor) -> None:
    text = (
        'Councillor Ana Ruiz called the budget the work of "a city hall that has stopped listening to its people." '
        'Mayor Tom Haines replied that "the budget speaks for itself."\n\n'
        'Senator Paul Okafor pressed for an end to "the yearly fight over the ferry subsidy." '
        'Commissioner Lena Brandt said: "We will keep the ferry running."'
    )
    quotes = extractor.extract(text)
    expected = {"stopped listening": "Ana Ruiz", "speaks for itself": "Tom Haines", "yearly fight": "Paul Okafor",
                "keep the ferry": "Lena Brandt"}  # fmt: skip
    assert {words: _find(quotes, words).speaker.name for words in expected} == expected


def test_a_verb_after_a_relative_clause_set_off_by_commas_is_the_main_clause_verb(extractor: RuleExtractor) -> None:
    # The parser may hang the verb on the last noun of the relative clause ('the "Hallelujah" chorus called').
    text = (
        'The Polish soprano Ewa Nowak, who sings in the "Hallelujah" chorus, called the evening '
        '"the finest of my life." The hall stayed full long after the last chord.'
    )
    quotes = extractor.extract(text)
    assert_offsets(text, quotes)
    assert _find(quotes, "the finest of my life").speaker.name == "Ewa Nowak"


def test_a_body_acting_in_the_sentence_before_a_bare_quotation_is_its_speaker(extractor: RuleExtractor) -> None:
    # One reading of who can speak for the source analysis and the extractor: a body speaks as a person does.
    text = 'The Lowmoor Rail Authority replied within the hour. "Every platform will be lengthened by June."'
    quotes = extractor.extract(text)
    assert [q.text for q in quotes] == ["Every platform will be lengthened by June"]
    assert quotes[0].speaker.name == "Lowmoor Rail Authority"


@pytest.mark.parametrize(
    "text",
    [
        'The Gazette quoted Dr. Ines Okafor as saying the ward would reopen "by the end of the month."',
        'Dr. Ines Okafor was quoted as saying the ward would reopen "by the end of the month."',
        'A trade paper quoted the surgeon, Ines Okafor, as saying the ward would reopen "by the end of the month."',
    ],
)
def test_words_quoted_as_someones_saying_are_theirs(extractor: RuleExtractor, text: str) -> None:
    quotes = extractor.extract(text)
    assert_offsets(text, quotes)
    assert _find(quotes, "by the end of the month").speaker.name == "Ines Okafor"


def test_a_description_that_names_a_team_as_its_modifier_is_a_person_of_that_team(extractor: RuleExtractor) -> None:
    text = (
        "Dana Whitlock said on Sunday that the players had given everything after Kelso Harriers were beaten "
        'by two goals.\n\n"The second goal knocked the wind out of us," the Harriers team manager said.'
    )
    quotes = extractor.extract(text)
    assert_offsets(text, quotes)
    assert _find(quotes, "knocked the wind").speaker.name == "Dana Whitlock"


def test_a_modifying_title_takes_its_role_noun_off_the_name(extractor: RuleExtractor) -> None:
    text = (
        '"The ferry timetable is final," said Senior Harbourmaster Ola Brandt. Later, Deputy Librarian Kofi Mensah '
        'said: "The reading room stays open." Chief Surveyor Ruth Okonkwo said the wall "will hold for fifty years".'
    )
    quotes = extractor.extract(text)
    assert [q.speaker.name for q in quotes] == ["Ola Brandt", "Kofi Mensah", "Ruth Okonkwo"]


def test_words_a_speaker_reports_from_someone_else_are_the_speakers(extractor: RuleExtractor) -> None:
    text = (
        "Mayor Tom Reed spoke after the vote. He added that Calder had told him the ferry was "
        '"already carrying more passengers than last year."'
    )
    quotes = extractor.extract(text)
    assert_offsets(text, quotes)
    assert _find(quotes, "already carrying").speaker.name == "Tom Reed"


def test_a_verb_the_parser_swallows_into_a_name_does_not_make_its_object_the_speaker(
    extractor: RuleExtractor,
) -> None:
    # The tagger reads 'Trump' as a noun and 'praised' as a modifier, making the secretary the subject of 'saying'.
    text = 'Trump praised Labor Secretary Alex Acosta, saying he "is doing a terrific job, highly respected."'
    quotes = extractor.extract(text)
    assert_offsets(text, quotes)
    assert _find(quotes, "terrific job").speaker.name != "Alex Acosta"


def test_the_subject_of_what_was_said_is_not_who_said_it(extractor: RuleExtractor) -> None:
    # The parser leaves 'said' without a subject; the body after it is the subject of the reported clause.
    text = 'Trump himself, at the rally, said the Federal Reserve would "wreck every small business in America."'
    quotes = extractor.extract(text)
    assert_offsets(text, quotes)
    assert _find(quotes, "wreck every small business").speaker.name != "Federal Reserve"


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        (
            '"We see forty patients a day and the waiting room holds twelve," the head of the clinic said. '
            "Dr Ana Lim has run the clinic since 2019.",
            "forty patients",
            "Ana Lim",
        ),
        (
            "The footbridge stays shut. \"Nobody crosses until the welds are tested,\" said the chief engineer. "
            "Tomas Reyes, who has led the county's engineers for a decade, expects the tests to take six weeks.",
            "welds are tested",
            "Tomas Reyes",
        ),
        # The one the next sentence introduces with another role is someone else: the description stays unresolved.
        ('"We will vote today," the mayor said. Jon Smith, the opposition leader, walked out.', "vote today", None),
    ],
)
def test_a_description_before_the_name_means_the_person_the_next_sentence_introduces(
    extractor: RuleExtractor, text: str, words: str, name: str | None
) -> None:
    quote = _find(extractor.extract(text), words)
    assert quote.speaker.name == name
    # A name read from the next sentence is an inference, never sure enough to accuse anyone with.
    assert quote.speaker.confidence < 0.8


def test_words_in_front_of_a_full_name_do_not_become_the_speakers_name(extractor: RuleExtractor) -> None:
    text = 'Rivals mocked "Sleepy Daniel Okafor" all week. "We will win the ward," Daniel Okafor said on Friday.'
    quotes = extractor.extract(text)
    assert _find(quotes, "We will win the ward").speaker.name == "Daniel Okafor"


def test_a_caption_that_quotes_someone_speaks_but_its_label_and_credit_do_not(extractor: RuleExtractor) -> None:
    text = (
        "Witness tells the jury what she saw\n\n"
        'PHOTO: Tamika Rhodes leaves the courthouse on Wednesday. "He was right in front of me," she told the jury. '
        "(Lena Ortiz/Dayton Ledger)\n\n"
        "Caption: Margaret Oduya at the town hall. \"We are going to hire nurses again,\" she said.\n\n"
        "Photo: Ana Ruiz/Northwick Gazette"
    )
    speakers = {q.text: q.speaker.name for q in extractor.extract(text)}
    assert speakers["He was right in front of me"] == "Tamika Rhodes", speakers
    assert speakers["We are going to hire nurses again"] == "Margaret Oduya", speakers
    assert not any(name in ("Caption", "Photo", "Ana Ruiz", "Lena Ortiz") for name in speakers.values())

"""Speaker resolution outside politics: the error classes of sport, business, courts, local, science and world news."""

from __future__ import annotations

import pytest

from factcheck.extract import RuleExtractor
from factcheck.types import Quote
from factcheck.verify.decision import TRUSTED_SPEAKER


def _speaker(extractor: RuleExtractor, text: str, words: str) -> Quote:
    quotes = [q for q in extractor.extract(text) if words in q.text]
    assert quotes, f"no quote containing {words!r} in {[q.text for q in extractor.extract(text)]}"
    return quotes[0]


def test_she_skips_an_ensemble_named_with_the(rule_extractor: RuleExtractor) -> None:
    text = (
        "Greta Holmqvist conducted for the last time on Sunday. It was her final season as music director of the "
        'Harbor Philharmonic. "I heard the hall breathe," she said.'
    )
    assert _speaker(rule_extractor, text, "hall breathe").speaker.name == "Greta Holmqvist"


def test_a_name_in_apposition_with_a_firm_is_an_organisation_it_means(rule_extractor: RuleExtractor) -> None:
    text = (
        "Karlsson Haulage, a family firm based in Malmo, runs nine trucks on the coast road. It said in a filing "
        "that the route would close in May."
    )
    assert _speaker(rule_extractor, text, "route would close").speaker.name == "Karlsson Haulage"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("One of them, Petra Lindahl, said the water had reached the second floor.", "Petra Lindahl"),
        ("One of them, a 17-year-old apprentice named Omar Haddad, said the water had reached the second floor.",
         "Omar Haddad"),
        ("A curator at Velden Art Trust, Mirela Kos, said the water had reached the second floor.", "Mirela Kos"),
        ("Her rival, the engineer Bastian Roth, said the water had reached the second floor.", "Bastian Roth"),
    ],
)
def test_the_name_explaining_a_subject_is_the_speaker(rule_extractor: RuleExtractor, sentence: str, name: str) -> None:
    text = "Rescuers reached the flats at dawn. " + sentence
    assert _speaker(rule_extractor, text, "second floor").speaker.name == name


def test_she_after_an_unnamed_person_is_no_one_named(rule_extractor: RuleExtractor) -> None:
    text = (
        "The hospital's director, Ingrid Moe, said the ward would reopen. One nurse, who asked not to be named "
        'because she was not allowed to speak to reporters, said the staff were exhausted. "We sleep in the '
        'car park," she said.'
    )
    quote = _speaker(rule_extractor, text, "car park")
    assert quote.speaker.name is None


def test_a_quotation_standing_after_a_sentence_about_a_person_is_theirs(rule_extractor: RuleExtractor) -> None:
    text = (
        "The striker Lucia Ortega scored twice for Harwich Town on Saturday.\n\n"
        'Asked whether she would sign a new contract, Ortega grinned. "Ask my agent. He likes long lunches."'
    )
    quote = _speaker(rule_extractor, text, "long lunches")
    assert quote.speaker.name == "Lucia Ortega"
    assert quote.speaker.confidence < TRUSTED_SPEAKER  # inferred, never the ground for a misattribution


def test_a_fragment_no_one_in_its_sentence_says_goes_on_the_last_speaker(rule_extractor: RuleExtractor) -> None:
    text = (
        "Tomas Berg, the county's bridge engineer, inspected the span in March. "
        '"The bridge is tired," the engineer wrote. It is "one hard winter from closing."'
    )
    quote = _speaker(rule_extractor, text, "hard winter")
    assert quote.speaker.name == "Tomas Berg"
    assert quote.kind == "partial"


def test_a_document_speaks_for_whoever_the_article_says_issued_it(rule_extractor: RuleExtractor) -> None:
    text = (
        "The inquiry's chairwoman, Ruth Obi, presented the report in Lagos on Monday. The report recommended "
        "charges against the ferry's owner. It said the inspectors had taken bribes.\n\n"
        "A letter written by a passenger's daughter was read aloud. The letter said the boat had no life jackets."
    )
    assert _speaker(rule_extractor, text, "taken bribes").speaker.name == "Ruth Obi"
    assert _speaker(rule_extractor, text, "no life jackets").speaker.name is None


def test_the_bare_surname_is_the_one_the_article_calls_that(rule_extractor: RuleExtractor) -> None:
    text = (
        'Ciaran Doyle won the Marsh Prize on Tuesday. "I wrote it at night," Doyle said.\n\n'
        'His brother, Declan Doyle, was in the audience. "He was always the clever one," Declan Doyle said.\n\n'
        'Doyle said he had started a second book. "It is about brothers," he said.'
    )
    assert _speaker(rule_extractor, text, "second book").speaker.name == "Ciaran Doyle"


def test_a_first_name_joined_to_a_full_name_shares_its_surname(rule_extractor: RuleExtractor) -> None:
    text = (
        "Anna and Maria Kowalska met in the final on Sunday.\n\n"
        '"She played the better tennis today," Anna said.'
    )
    assert _speaker(rule_extractor, text, "better tennis").speaker.name == "Anna Kowalska"


def test_the_spokeswoman_is_the_person_the_apposition_named(rule_extractor: RuleExtractor) -> None:
    text = (
        "The club's spokeswoman, Noor Haddad, said the stand had passed inspection. "
        '"We take safety seriously," the spokeswoman said.'
    )
    assert _speaker(rule_extractor, text, "safety seriously").speaker.name == "Noor Haddad"


def test_a_speaker_after_a_long_quote_and_a_who_clause(rule_extractor: RuleExtractor) -> None:
    text = (
        '"My grandfather fished these waters, and his father before him," Arvid Nyqvist, who keeps two boats in '
        "the harbour, said by telephone."
    )
    assert _speaker(rule_extractor, text, "grandfather").speaker.name == "Arvid Nyqvist"


def test_a_colon_after_a_question_put_to_the_speaker(rule_extractor: RuleExtractor) -> None:
    text = (
        "Harriet Lowe will keep coaching the juniors. Asked what she would miss most, she did not hesitate: "
        '"The early mornings on the river."'
    )
    assert _speaker(rule_extractor, text, "early mornings").speaker.name == "Harriet Lowe"


def test_an_organisation_owned_by_a_common_noun_names_no_one(rule_extractor: RuleExtractor) -> None:
    text = "The state's transport department said the line would reopen in June."
    quote = _speaker(rule_extractor, text, "reopen in June")
    assert quote.speaker.name is None

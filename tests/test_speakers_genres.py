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


def test_a_document_no_one_is_named_for_speaks_for_no_one(rule_extractor: RuleExtractor) -> None:
    text = "A letter written by a passenger's daughter was read aloud. The letter said the boat had no life jackets."
    assert _speaker(rule_extractor, text, "no life jackets").speaker.name is None


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        # A body its own report calls 'it' or 'its' speaks as itself, not as the person named beside it.
        ("Tom Reyes spoke to reporters. The trust said it was \"on the brink of insolvency\".", "brink", None),
        ("Tom Reyes spoke to reporters. The trust said its wards \"will reopen on Monday\".", "reopen", None),
        ("Tom Reyes spoke to reporters. The trust said it has \"cut forty jobs this year\".", "forty jobs", None),
        # An 'it' for the scene or the weather says nothing of who speaks.
        ("Maria Lenz watched the rehearsal. The maestra said it was \"cold in the hall\".", "cold", "Maria Lenz"),
    ],
)
def test_a_body_that_calls_itself_it_is_no_person(
    rule_extractor: RuleExtractor, text: str, words: str, name: str | None
) -> None:
    assert _speaker(rule_extractor, text, words).speaker.name == name


def test_an_organisation_owned_by_a_common_noun_names_no_one(rule_extractor: RuleExtractor) -> None:
    text = "The state's transport department said the line would reopen in June."
    quote = _speaker(rule_extractor, text, "reopen in June")
    assert quote.speaker.name is None


WEEK_IN_QUOTES = (
    "Week in quotes\n\nMayor Ruth Calloway opened the new lido on Monday.\n\n"
    'Verdict: "This is the best money the town has spent in a decade." — Calloway\n\n'
    'Quote of the week, from council leader Priya Nandra: "We will keep the lido open all winter."\n'
)


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        pytest.param(
            (
                "Greta Holmqvist conducted for the last time on Sunday. It was her final season as music director "
                'of the Harbor Philharmonic. "I heard the hall breathe," she said.'
            ),
            "hall breathe",
            "Greta Holmqvist",
            id="she-skips-an-ensemble-named-with-the",
        ),
        pytest.param(
            (
                "Karlsson Haulage, a family firm based in Malmo, runs nine trucks on the coast road. It said in a "
                "filing that the route would close in May."
            ),
            "route would close",
            "Karlsson Haulage",
            id="a-name-in-apposition-with-a-firm-is-an-organisation-it-means",
        ),
        pytest.param(
            (
                "The inquiry's chairwoman, Ruth Obi, presented the report in Lagos on Monday. The report recommended "
                "charges against the ferry's owner. It said the inspectors had taken bribes."
            ),
            "taken bribes",
            "Ruth Obi",
            id="a-document-speaks-for-whoever-the-article-says-issued-it",
        ),
        pytest.param(
            (
                'Ciaran Doyle won the Marsh Prize on Tuesday. "I wrote it at night," Doyle said.\n\n'
                'His brother, Declan Doyle, was in the audience. "He was always the clever one," Declan Doyle said.\n\n'
                'Doyle said he had started a second book. "It is about brothers," he said.'
            ),
            "second book",
            "Ciaran Doyle",
            id="the-bare-surname-is-the-one-the-article-calls-that",
        ),
        pytest.param(
            (
                "Anna and Maria Kowalska met in the final on Sunday.\n\n"
                '"She played the better tennis today," Anna said.'
            ),
            "better tennis",
            "Anna Kowalska",
            id="a-first-name-joined-to-a-full-name-shares-its-surname",
        ),
        pytest.param(
            (
                "The club's spokeswoman, Noor Haddad, said the stand had passed inspection. "
                '"We take safety seriously," the spokeswoman said.'
            ),
            "safety seriously",
            "Noor Haddad",
            id="the-spokeswoman-is-the-person-the-apposition-named",
        ),
        pytest.param(
            (
                '"My grandfather fished these waters, and his father before him," Arvid Nyqvist, who keeps two boats '
                "in the harbour, said by telephone."
            ),
            "grandfather",
            "Arvid Nyqvist",
            id="a-speaker-after-a-long-quote-and-a-who-clause",
        ),
        pytest.param(
            (
                "Harriet Lowe will keep coaching the juniors. Asked what she would miss most, she did not hesitate: "
                '"The early mornings on the river."'
            ),
            "early mornings",
            "Harriet Lowe",
            id="a-colon-after-a-question-put-to-the-speaker",
        ),
        pytest.param(
            'Live: the phone-in\n\n23:22\nPauline Rudd from Holt End: "The airfield floods. It floods every winter."',
            "airfield floods",
            "Pauline Rudd",
            id="a-lead-names-the-person-before-their-place",
        ),
        pytest.param(
            "Headline: 'Nobody has asked me,' says Ada Quinlan of the casting rumour\n\n"
            "Ada Quinlan, whose drama opens on Friday, sat down with the host on Tuesday night.",
            "Nobody has asked me",
            "Ada Quinlan",
            id="an-editors-label-for-the-headline-never-speaks",
        ),
        pytest.param(WEEK_IN_QUOTES, "best money", "Ruth Calloway", id="a-topic-label-gives-way-to-a-signature"),
        pytest.param(WEEK_IN_QUOTES, "all winter", "Priya Nandra", id="a-topic-label-gives-way-to-the-person-named"),
        pytest.param(
            'Councillor Ama Boateng opened the depot on Monday.\n\n"We start the routes in June," Cllr Boateng said.\n',
            "routes in June",
            "Ama Boateng",
            id="a-councillors-abbreviated-title-is-a-title",
        ),
        # A clause about a thing before a colon elaborates; the last speaker goes on.
        pytest.param(
            'Dev Achterberg runs the depot. "The lorries are ten years old," he said. The fleet "has done a '
            'million miles", and the spare parts budget has run dry: "we are patching tyres by hand".\n',
            "patching tyres",
            "Dev Achterberg",
            id="a-clause-about-a-thing-before-a-colon-elaborates",
        ),
        # ... also when its subject is a lone capitalised word, which may be no one at all.
        pytest.param(
            'LIVE: the budget\n\n10:02\nDean Ilse Moravec presents the accounts: "We are short of money." Enrolment '
            'has fallen: "We took forty students last year."\n',
            "forty students",
            "Ilse Moravec",
            id="a-word-capitalised-only-where-a-sentence-opens-is-a-thing",
        ),
        # A label's value ending before the quote leaves it to the sentence that holds it; a lone word that labels a
        # line is no one a pronoun looks back to.
        pytest.param(
            'Claims checked\n\nPosts say Ines Barrow, who runs the food bank, blamed the council. Verdict: Wrong. '
            'Mrs Barrow said the opposite. Verdict: Partly true. The video has: "The shelves were empty by '
            'noon."\n\nVerdict: Misleading. She said: "We have never turned anyone away."\n',
            "turned anyone",
            "Ines Barrow",
            id="a-labels-value-ending-before-the-quote",
        ),
        pytest.param(
            'Claims checked\n\nPosts say Ines Barrow, who runs the food bank, blamed the council. Verdict: Wrong. '
            'Mrs Barrow said the opposite. Verdict: Partly true. The video has: "The shelves were empty by '
            'noon."\n',
            "shelves were empty",
            "Ines Barrow",
            id="a-video-has-a-labels-value-no-one-in-focus",
        ),
        # A pronoun looks back to the nearest subject, not to a lone word that spoke further back.
        pytest.param(
            'Trump spoke first. "Jobs are leaving," Trump said, drawing applause. He said a plant was moving.\n\n'
            'Clinton stood by her record. "My husband did a great job," she said.\n',
            "great job",
            "Clinton",
            id="a-pronoun-looks-back-to-the-nearest-subject",
        ),
        # A clause that sets the scene ('As the shouting grew') is not the one that speaks.
        pytest.param(
            'Dev Achterberg runs the depot.\n\nAs the shouting grew, Achterberg asked for quiet: "One at a time, '
            'please."\n',
            "One at a time",
            "Dev Achterberg",
            id="an-adverbial-clause-sets-the-scene",
        ),
        # A label gives way to a clause of its line that names the speaker.
        pytest.param(
            'Claim check\n\nTorvald Rask leads the port union.\n\nRuling: Wrong. He said: "We never agreed to '
            'nights."\n',
            "agreed to nights",
            "Torvald Rask",
            id="a-label-gives-way-to-a-clause-naming-the-speaker",
        ),
        # A caption that places its subject in the picture ('centre') names a person, not a body.
        pytest.param(
            "Count night\n\nMs Ilse Varro chairs the tenants' association.\n\nPHOTO: Jonas Pettersen, centre, at "
            'Marlow Leisure Centre on Friday. "The volunteers won it," he said.\n',
            "volunteers won",
            "Jonas Pettersen",
            id="a-placing-word-in-a-caption-is-no-body",
        ),
        # A name in the clause a parenthetical report interrupts is what is reported, not who reports it: 'he' is
        # Halvorsen, not a word of the plan's name.
        pytest.param(
            'The rally filled the square. "We are winning," Halvorsen said. Pharmacare for All, he said, would '
            '"cost nothing".\n',
            "cost nothing",
            "Halvorsen",
            id="a-parenthetical-reports-pronoun-one-word-plan",
        ),
        pytest.param(
            'The rally filled the square. "We are winning," Halvorsen said. Free Buses for All, he said, would '
            '"cost nothing".\n',
            "cost nothing",
            "Halvorsen",
            id="a-parenthetical-reports-pronoun-two-word-plan",
        ),
        # A surname the tagger took for a common noun is a name when it utters something ('Education said' is no
        # English).
        pytest.param(
            'Budget night\n\nThe hall was full. Trump joked about the weather: "At least the roof holds." Later he '
            'praised the treasurer, who he said had "balanced every book".\n',
            "every book",
            "Trump",
            id="a-surname-tagged-a-common-noun-utters",
        ),
        # Words in lower case credited 'with' are a characterisation, the subject's own.
        pytest.param(
            'Mayor Ines Okafor credited the volunteers with "an effort this town will never forget".\n',
            "never forget",
            "Ines Okafor",
            id="a-characterisation-credited-with-is-the-subjects",
        ),
        # A later 'she' finds the woman of the sentence before an unnamed subject of no known gender, and before
        # a man of her rank whose gender no list knows.
        pytest.param(
            "A fan account says team principal Anna Dahlberg confirmed that her driver Tavi Orsini had signed "
            'for Corvani. Verdict: False. She said: "I spoke to him this morning, and that is simply not the '
            'case."\n',
            "spoke to him",
            "Anna Dahlberg",
            id="a-pronoun-agrees-with-the-woman-before-an-unnamed-subject",
        ),
        # A capitalised word that names no one, explained by the name beside it, is that person.
        pytest.param(
            'The Provost, Kwabena Boakye, backed him, saying "the financial position is real".\n',
            "financial position",
            "Kwabena Boakye",
            id="a-capitalised-office-explained-by-the-name-beside-it",
        ),
        # The one spoken to ('Thank you, Madam Mayor.') is 'you', not whom a later 'she' means.
        pytest.param(
            "Thank you, Madam Mayor. I have had dozens of emails this week, and I want to read one out, from a "
            'resident on Quay Street. She writes: "The plant has been poisoning the creek for years."\n',
            "poisoning the creek",
            None,
            id="the-one-spoken-to-is-not-a-later-she",
        ),
        # 'One of ...' that the sentence says is a named person is that person, not someone unnamed.
        pytest.param(
            "One of the valley's longest-serving midwives is Orla Brennagh. She says of the ward, \"We never "
            'closed a single night in thirty years."\n',
            "single night",
            "Orla Brennagh",
            id="one-of-them-who-is-named-is-that-person",
        ),
        pytest.param(
            'Calder Mhute is one of the harbour pilots. He told the inquiry: "The channel markers were wrong."\n',
            "channel markers",
            "Calder Mhute",
            id="a-name-who-is-one-of-them-is-that-person",
        ),
        # A description no one in the article is given ('the governor') is someone unnamed, not the last person
        # named, and a 'he' after it is that unnamed one.
        pytest.param(
            "The hearing opened a week after Tobias Wrenfield was dismissed. The governor took the stand and said: "
            '"I would dismiss him again tomorrow."\n',
            "dismiss him again",
            None,
            id="an-unnamed-office-holder-is-not-the-last-person-named",
        ),
        pytest.param(
            "The hearing opened a week after Tobias Wrenfield was dismissed. The governor took the stand and said: "
            '"I would dismiss him again tomorrow." He added: "The board agreed with me."\n',
            "board agreed",
            None,
            id="he-after-an-unnamed-office-holder-is-no-one-named",
        ),
        # A quotation of several sentences is one step of the telling: the person before it is still in focus.
        pytest.param(
            'Halvard Okafor answered on Sunday, writing "I was there. I saw it. We all did. Nobody asked us." The '
            'candidate also hit back at the council: "They never once came to the estate."\n',
            "never once came",
            "Halvard Okafor",
            id="a-long-quotation-does-not-push-its-speaker-out-of-focus",
        ),
        # A description with no role on record names whom the last sentences are about: the subject of a main
        # clause before the subject of a clause it reports, and that one before no one.
        pytest.param(
            "The tribunal ruled that Mirela Dancu had broken the anti-doping code. The 31-year-old said afterwards: "
            '"I will appeal this all the way."\n',
            "all the way",
            "Mirela Dancu",
            id="a-description-names-the-subject-of-a-reported-clause",
        ),
        pytest.param(
            "On Monday, Conrad Ostrander announced that Elias Kell would run his campaign. In a statement, the "
            'billionaire said that he was "putting the best people in charge".\n',
            "best people in charge",
            "Conrad Ostrander",
            id="a-description-names-the-main-subject-before-a-reported-one",
        ),
        # The pronoun that takes up an unnamed description tells its gender: a later 'him' is that one still, not
        # a man named in passing.
        pytest.param(
            "Filming resumed a month after Peter Lindqvist was dropped from the cast. The director came out to meet "
            'reporters and said: "We made the right call." Of Lindqvist he said: "He was never right for the part." '
            'And then, in a line the studio must have loved: "We wish him well." In the next breath: "We start '
            'again on Monday."\n\nOn the budget he was blunt. "We are over by a third," the set report has him '
            "saying.\n",
            "over by a third",
            None,
            id="a-pronoun-tells-the-gender-of-an-unnamed-description",
        ),
        # What a cleft sets out ('it was the director who declared') is the subject of its relative clause: the
        # unnamed director stays the one a later 'he' means, not the man named in the sentence before it.
        pytest.param(
            "The director gave two interviews this month, and both were revealing.\n\nThe first was short. Then "
            'came Magnus Rehorst and his late show. Here the director told a story about the set: "It rained for a '
            "week.\" He went on: \"We lost four days.\" Rehorst's own contribution was a joke, but it was the director "
            'who declared that "the part is recast."\n\nOn the budget he was blunt. The overrun, he said, "is a '
            'third, believe it or not."\n',
            "believe it or not",
            None,
            id="the-one-a-cleft-sets-out-is-its-subject",
        ),
        # A phrase of 'by' or 'in' beside the quotation whose noun has an owner: whose count or words they are.
        pytest.param(
            "The quay was crowded on Saturday - \"half the harbour\", by Ewan Dalgleish's count - for the regatta.\n",
            "half the harbour",
            "Ewan Dalgleish",
            id="by-someones-count-beside-a-quotation",
        ),
        # A description no one before it holds, which the article later gives a name beside it, is that person.
        pytest.param(
            'The show drew "the biggest crowd since the war", by the director\'s reckoning. The director, Annika Lowe, '
            "said the museum would keep it open until March.\n",
            "biggest crowd",
            "Annika Lowe",
            id="a-description-named-later-beside-its-name",
        ),
        # A noun the article sets beside a person's name is a role, whatever the word ('the verger, Orla Kinsale').
        pytest.param(
            'The abbey was packed on Sunday - "half the parish", by the verger\'s count - for the last service.\n\n'
            "The bishop spoke first. Later, the verger, Orla Kinsale, locked the doors for good.\n",
            "half the parish",
            "Orla Kinsale",
            id="a-noun-set-beside-a-name-is-a-role",
        ),
        # A pronoun does not mean a name its own clause holds ('Of Wrenfield he said', 'With Ms Iyer she agreed').
        pytest.param(
            'Marguerite Olsson spoke first. On the vote she said: "We lost it fairly." Of Agnes Wrenfield she said: '
            '"She was never one of us."\n',
            "never one of us",
            "Marguerite Olsson",
            id="a-pronoun-does-not-mean-a-name-in-its-own-clause",
        ),
        # A name set before the clause, ungoverned, is the topic the pronoun takes up.
        pytest.param(
            'Priya Nandakumar, on transport: she promised that buses "will run every ten minutes by spring."\n',
            "every ten minutes",
            "Priya Nandakumar",
            id="a-name-heading-a-round-up-line-is-the-pronouns",
        ),
        # 'NAME, on the plan OTHER backed:' parsed as one verb with two subjects: the relative clause's subject does
        # not speak.
        pytest.param(
            'Marguerite Olsson, on the levy Tobias Wrenfield proposed: "nobody in this town can afford another '
            'tax."\n',
            "afford another tax",
            "Marguerite Olsson",
            id="the-subject-of-a-relative-clause-in-a-topic-does-not-speak",
        ),

    ],
)
def test_the_article_names_the_speaker(rule_extractor: RuleExtractor, text: str, words: str, name: str | None) -> None:
    assert _speaker(rule_extractor, text, words).speaker.name == name


def test_a_surname_used_before_a_namesake_with_a_suffix_is_not_him(rule_extractor: RuleExtractor) -> None:
    text = (
        "Before Governor Brandt took the stage, his son spoke. Martin Brandt Jr. said \"my father has kept every "
        "promise he made to this town.\" Brandt then said the new bridge would \"open before the first snow.\" "
        '"We will not raise the toll," the governor said.'
    )
    assert _speaker(rule_extractor, text, "every promise").speaker.name == "Martin Brandt Jr."
    for words in ("first snow", "raise the toll"):
        assert _speaker(rule_extractor, text, words).speaker.name == "Brandt"


def test_a_qa_answers_for_the_one_introduced_though_its_questions_name_a_place(rule_extractor: RuleExtractor) -> None:
    text = (
        "Four questions for Morag Ellery\n\nMorag Ellery, chair of Dunmore Rovers, answered our questions.\n\n"
        "Q: Why leave Quarry Row?\nA: Quarry Row gave us a century of memories, but no future.\n\n"
        "Q: And the fans?\nA: Most of them will follow us to the new ground.\n\n"
        "Q: Is it costly?\nA: Not a penny more than Quarry Row ever cost them."
    )
    for words in ("century of memories", "follow us", "penny more"):
        quote = _speaker(rule_extractor, text, words)
        assert quote.speaker.name == "Morag Ellery" and quote.speaker.confidence >= 0.8


def test_a_qa_with_the_answerers_name_in_capitals(rule_extractor: RuleExtractor) -> None:
    # The tagger reads "OWEN PRICE" as an adjective and a noun; the article names him before the questions.
    text = (
        "Dunmore Rovers chair Owen Price spoke after the board meeting.\n\n"
        "Q: Why leave Quarry Row?\nOWEN PRICE: Quarry Row gave us a century of memories, but no future.\n\n"
        "Q: And the fans?\nPRICE: Most of them will follow us to the new ground."
    )
    for words in ("century of memories", "follow us"):
        assert _speaker(rule_extractor, text, words).speaker.name == "Owen Price"


def test_round_up_leads_that_describe_their_speaker(rule_extractor: RuleExtractor) -> None:
    text = (
        "Corvane Technologies recalled the headset on Monday. The regulator's chair, Rosalind Achebe, was blunt.\n\n"
        "Felix Arnaud, the engineer who designed the charger: \u201cWe had tested it thousands of times before "
        "launch.\u201d\n\n"
        "The company: \u201cWe will replace every unit by the end of the month.\u201d\n\n"
        "The regulator's chair: \u201cThat is not good enough for the families who bought it.\u201d"
    )
    # A clause that describes the engineer makes no clause of the lead; a body or a role the article named speaks.
    assert _speaker(rule_extractor, text, "thousands of times").speaker.name == "Felix Arnaud"
    assert _speaker(rule_extractor, text, "replace every unit").speaker.name == "Corvane Technologies"
    assert _speaker(rule_extractor, text, "not good enough").speaker.name == "Rosalind Achebe"


def test_a_pull_quote_signed_on_the_next_line_and_a_caption_that_names_its_speaker(
    rule_extractor: RuleExtractor,
) -> None:
    text = (
        "Akinde was banned for six months on Tuesday.\n\n"
        "\u201cIt is harsh, but rules are rules\u201d\n- Lewis Drummond, former Albion captain, on a podcast\n\n"
        "Photo: Nathaniel Osterby, chief executive of Halcombe Group, at the ground on Friday: \u201cThe new "
        "stadium will be more than a football ground.\u201d"
    )
    assert _speaker(rule_extractor, text, "rules are rules").speaker.name == "Lewis Drummond"
    assert _speaker(rule_extractor, text, "more than a football").speaker.name == "Nathaniel Osterby"


def test_the_members_a_body_is_named_for_speak_as_it(rule_extractor: RuleExtractor) -> None:
    text = (
        "The letter, published by the Harwick Growers' Cooperative, asks for a fair price. \"A market that hides "
        "its prices is no market,\" the cooperative wrote. The growers said \"half a harvest does not pay a "
        "farm\". The Royal College of Nursing backed the strike. The nurses said \"we are tired of waiting\"."
    )
    assert _speaker(rule_extractor, text, "half a harvest").speaker.name == "Harwick Growers' Cooperative"
    # 'nurses' is no word of 'Nursing': no body is named for them.
    assert _speaker(rule_extractor, text, "tired of waiting").speaker.name is None


def test_a_company_described_by_a_word_of_its_name(rule_extractor: RuleExtractor) -> None:
    text = (
        'Corran Milling said it was "proud to stay with the club". Its marketing director, Ada Strand, said the '
        'deal was "the best in the league". The milling company said new sails would cost "half the old price".'
    )
    assert _speaker(rule_extractor, text, "half the old price").speaker.name == "Corran Milling"


def test_a_body_described_by_its_trade_in_another_form_of_a_word_of_its_name(rule_extractor: RuleExtractor) -> None:
    text = (
        "Penrose Broadcasting said it would move its studios to Leith. \"We will keep every job,\" said Ola Ness, "
        "Penrose's director. The studio lease runs to 2031, and staff were told in a meeting on Monday. "
        "Rents in the old building had doubled. The broadcaster said the move would \"save two million a year\"."
    )
    assert _speaker(rule_extractor, text, "save two million a year").speaker.name == "Penrose Broadcasting"


def test_a_round_up_line_names_its_speaker_or_only_its_topic(rule_extractor: RuleExtractor) -> None:
    text = (
        'THE BENCH\n\nHarbour Athletic coach Nadia Brill, after a 3-0 win at Elmfield, on the pitch: "It played '
        'like a car park."\n\nOn the title race: "We are not thinking about it."\n\nTHE CHAMBER\n\nTransport '
        'minister Olu Bakare appeared before the committee on Monday. On fares: "They will not rise this year." '
        'And, on the new line: "Trains will run from May."\n\nOn his critics: "They have not read the plan."'
    )
    for words, name in (("car park", "Nadia Brill"), ("not thinking", "Nadia Brill"), ("will not rise", "Olu Bakare"),
                        ("run from May", "Olu Bakare"), ("read the plan", "Olu Bakare")):  # fmt: skip
        assert _speaker(rule_extractor, text, words).speaker.name == name, words


def test_a_setting_in_front_of_the_verb_is_not_what_was_said(rule_extractor: RuleExtractor) -> None:
    text = (
        "Ruth Calloway spoke first. Discussing veteran suicides, she said: \"The number of veterans we lose is "
        'far above the national rate."'
    )
    quotes = rule_extractor.extract(text)
    assert [q.kind for q in quotes] == ["direct"]
    assert quotes[0].speaker.name == "Ruth Calloway"


def test_the_owner_of_an_answer_is_its_speaker(rule_extractor: RuleExtractor) -> None:
    text = (
        "Dara Quinlan and Ivo Berglund took questions from the floor.\n\n"
        'Quinlan\'s answer to the nurse was blunt: "I am going to fix it, because I agree with you."\n\n'
        "Berglund's reply on the harbour tax deserved a follow-up it never got. He allowed that the tax was "
        '"a heavy burden" and moved on.'
    )
    assert _speaker(rule_extractor, text, "fix it").speaker.name == "Dara Quinlan"
    assert _speaker(rule_extractor, text, "heavy burden").speaker.name == "Ivo Berglund"


def test_what_evidence_shows_inside_a_statement_is_the_statements(rule_extractor: RuleExtractor) -> None:
    text = (
        "Judge Miriam Okafor gave the ruling on Monday. The judge found that the company's own logs showed the "
        'plant had leaked "on nine nights in a row". The audit showed "a pattern of neglect".'
    )
    assert _speaker(rule_extractor, text, "nine nights").speaker.name == "Miriam Okafor"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ('Striker Tom Bell, who scored the winner, added: "It is the best feeling in the world."', "Tom Bell"),
        ('Midfielder Anna Kovacs said: "We owed the fans that."', "Anna Kovacs"),
        ('Cornell William Brooks said: "We owed the fans that."', "Cornell William Brooks"),
    ],
)
def test_a_role_noun_in_front_of_a_given_name_is_no_part_of_the_name(
    rule_extractor: RuleExtractor, sentence: str, name: str
) -> None:
    quote = rule_extractor.extract("The match ended late on Saturday. " + sentence)[0]
    assert quote.speaker.name == name


def test_a_peoples_name_in_the_singular_describes_the_person_in_focus(rule_extractor: RuleExtractor) -> None:
    text = 'City manager Ana Silva was unhappy. "We gave away two soft goals," the Portuguese said.'
    assert _speaker(rule_extractor, text, "soft goals").speaker.name == "Ana Silva"
    # With nobody in focus, a people speaks for no one.
    alone = 'Foreign ministers met in Paris. "We will not sign," the French said.'
    assert _speaker(rule_extractor, alone, "not sign").speaker.name is None


def test_the_company_is_the_body_the_tagger_took_for_a_person(rule_extractor: RuleExtractor) -> None:
    text = (
        "Orland Energy posted record profits on Thursday. According to a statement from the company, output rose "
        '"by nearly a fifth".'
    )
    assert _speaker(rule_extractor, text, "nearly a fifth").speaker.name == "Orland Energy"
    # A person the article calls 'he' is no company.
    person = (
        "Cornell Brooks posted record profits on Thursday, he said. According to a statement from the company, "
        'output rose "by nearly a fifth".'
    )
    assert _speaker(rule_extractor, person, "nearly a fifth").speaker.name is None


def test_a_spokesperson_speaks_for_the_one_named_after_for_but_cannot_accuse(rule_extractor: RuleExtractor) -> None:
    company = (
        'Orland Energy posted record profits. "These claims are baseless," a spokesperson for Orland said.'
    )
    quote = _speaker(rule_extractor, company, "baseless")
    assert quote.speaker.name == "Orland Energy" and quote.speaker.confidence < TRUSTED_SPEAKER
    named = 'The ministry was asked about the plan. "We will not comment," a spokesman, John Doe, said.'
    assert _speaker(rule_extractor, named, "not comment").speaker.confidence >= TRUSTED_SPEAKER


def test_a_live_blog_entry_names_its_speaker_after_the_time(rule_extractor: RuleExtractor) -> None:
    text = (
        "Live: the Harrowgate hustings\n\n7:02 p.m. — Okafor on the bypass: \"Not one more lane.\"\n\n"
        "7:09 p.m. — Erik Lindqvist: \"We will build it by 2029.\"\n\n7:15 p.m. — Moment of the night, say readers: "
        "\"Sit down, both of you.\""
    )
    assert _speaker(rule_extractor, text, "one more lane").speaker.name == "Okafor"
    assert _speaker(rule_extractor, text, "build it by 2029").speaker.name == "Erik Lindqvist"
    text = (
        '8:10 pm - Head of design Nora Lindgren: "The casing is recycled aluminium."\n\n8:14 pm - Science teacher '
        'Paul Ebbers, for the parents\' group, on learning to code: "Every child should get the chance."'
    )
    assert _speaker(rule_extractor, text, "recycled aluminium").speaker.name == "Nora Lindgren"
    assert _speaker(rule_extractor, text, "get the chance").speaker.name == "Paul Ebbers"


def test_a_question_and_answer_printed_without_labels(rule_extractor: RuleExtractor) -> None:
    interview = (
        "Ola Brandvik on boats, debt and the harbour\n\n"
        "The boatbuilder Ola Brandvik spoke to us at his yard. The interview has been edited for length.\n\n"
        "Why did you keep the yard open?\n\nBecause my father built boats here, and I could not be the one to stop.\n\n"
        "Is the yard in debt?\n\nWe owe the bank less than we did a year ago.\n\n"
        "You launched a ferry last spring.\n\nThe first in forty years, and I steered her out myself.\n"
    )
    quotes = rule_extractor.extract(interview)
    answers = {q.text: q.speaker.name for q in quotes}
    assert answers == {
        "Because my father built boats here, and I could not be the one to stop": "Ola Brandvik",
        "We owe the bank less than we did a year ago": "Ola Brandvik",
        # The asker's turn need not ask: the paragraphs alternate.
        "The first in forty years, and I steered her out myself": "Ola Brandvik",
    }
    # An explainer answering its own questions speaks for no one.
    explainer = (
        "What happens to the boats now?\n\nThe yard will finish the three hulls it has started.\n\n"
        "Who pays the workers?\n\nThe administrators will pay wages until the end of the month.\n"
    )
    assert not [q for q in rule_extractor.extract(explainer) if q.kind == "direct"]


def test_a_title_and_surname_before_a_relative_named_in_full_is_not_the_relative(
    rule_extractor: RuleExtractor,
) -> None:
    text = (
        "Governor Carver phoned the breakfast show on Friday, Ruth Carver's birthday, and stayed on for an hour.\n\n"
        '"The bridge will open in May," Carver told the hosts. He added: "Nobody will pay a toll."'
    )
    assert _speaker(rule_extractor, text, "open in May").speaker.name == "Carver"
    assert _speaker(rule_extractor, text, "pay a toll").speaker.name == "Carver"


def test_a_title_the_tagger_takes_for_a_name_is_explained_by_the_name_beside_it(
    rule_extractor: RuleExtractor,
) -> None:
    text = (
        "Former Vice President Joe Biden, arguing for the new depot, said that \"anyone who drives a bus should be "
        'paid for the hours they wait."'
    )
    assert _speaker(rule_extractor, text, "drives a bus").speaker.name == "Joe Biden"


def test_one_member_is_not_the_body_named_for_its_members(rule_extractor: RuleExtractor) -> None:
    text = (
        'The Dockers\' Union called the closure "a betrayal." Its secretary, Ann Rigg, said the union would fight.\n\n'
        'Staff heard the news from the radio. "Nobody told us a thing," said one docker, who asked not to be named.'
    )
    assert _speaker(rule_extractor, text, "Nobody told us").speaker.name != "Dockers' Union"


def test_the_one_asked_about_someone_is_not_that_someone(rule_extractor: RuleExtractor) -> None:
    text = (
        "Mayor Ivan Calder spoke to the station for twenty minutes on Monday.\n\n"
        'Asked about Tom Varga\'s criticism, he said, "I read every word of his letter, and he has a point."'
    )
    assert _speaker(rule_extractor, text, "every word of his letter").speaker.name == "Ivan Calder"


def test_a_body_named_with_a_plurals_apostrophe_is_called_back_by_its_head_noun(
    rule_extractor: RuleExtractor,
) -> None:
    text = (
        "The letter, published by the Marrowby Filmmakers' Collective and signed by 112 filmmakers, calls for the "
        'contracts. "A public festival should not have secret agreements," the collective wrote. The collective '
        'accepted that the sponsor "has no say over the programme".'
    )
    assert _speaker(rule_extractor, text, "secret agreements").speaker.name == "Marrowby Filmmakers' Collective"
    assert _speaker(rule_extractor, text, "no say").speaker.name == "Marrowby Filmmakers' Collective"
    # A head noun no body's name ends in names no one.
    other = 'The Harbour Trust met on Monday. "We will appeal," the committee said.'
    assert _speaker(rule_extractor, other, "appeal").speaker.name is None


def test_a_quote_in_the_sentence_of_the_last_goes_on_its_speaker(rule_extractor: RuleExtractor) -> None:
    # The next sentence's 'answered' is about something else: the colon's clause has no subject of its own.
    text = (
        'Sen. Mara Quist, asked about it, said that "a woman cannot win the state," then turned to the polls: '
        '"Of course, a woman can win." Sen. Ida Brandt answered with a tally of the men on the stage.'
    )
    assert _speaker(rule_extractor, text, "can win").speaker.name == "Mara Quist"


def test_a_verb_after_a_quote_that_says_its_own_object_is_no_attribution(rule_extractor: RuleExtractor) -> None:
    text = (
        'Ida Brandt answered first. "They have lost ten elections," she said. "The only people here who have won '
        'every race are the women." Sen. Mara Quist added her own refrain about winning.'
    )
    assert _speaker(rule_extractor, text, "every race").speaker.name == "Ida Brandt"
    # Whom the words were told to is no object said: 'told reporters' attributes the quote before it.
    told = '"We will appeal, and we will win." Ana Ruiz told reporters on Monday.'
    assert _speaker(rule_extractor, told, "appeal").speaker.name == "Ana Ruiz"


def test_a_clause_that_sets_the_scene_before_a_colon_does_not_speak(rule_extractor: RuleExtractor) -> None:
    text = 'When Piet Vos needled her over a forgotten name, Ada Klee snapped: "Are you trying to say that I\'m dumb?"'
    assert _speaker(rule_extractor, text, "dumb").speaker.name == "Ada Klee"


def test_a_description_between_a_quote_and_a_verb_left_without_subject_speaks(rule_extractor: RuleExtractor) -> None:
    # The parser hangs 'the minister' on the quote's verb; the description opens the frame before 'said'.
    text = (
        "Haruto Sakamoto, on his first visit as Japan's foreign minister, faced reporters. \"The memorandum says "
        'nothing about seabed mining," the minister, speaking through an interpreter, said.'
    )
    assert _speaker(rule_extractor, text, "seabed").speaker.name == "Haruto Sakamoto"


def test_a_description_with_an_owner_names_that_owners_officer(rule_extractor: RuleExtractor) -> None:
    # The hospital's chief executive on record is not Lumora's: the person the last sentence is about is.
    text = (
        'Margaret Oduya, the hospital\'s chief executive, opened the meeting. "We will hire nurses," she said. '
        "Months earlier, on a stage in San Jose, Marcus Feld had made the same promise. \"The audio is deleted as "
        'soon as the note is signed," Lumora\'s chief executive told the launch crowd.'
    )
    assert _speaker(rule_extractor, text, "audio is deleted").speaker.name == "Marcus Feld"


def test_a_transcript_label_in_capitals_is_the_person_not_an_acronym(rule_extractor: RuleExtractor) -> None:
    text = (
        "Sienna Marlowe was back on The Late Hour with Brett Halloway this week.\n\n"
        "HALLOWAY: Welcome back. It's been, what, two years?\n\n"
        "MARLOWE: Two years. Last time I was here I fell off that step."
    )
    assert _speaker(rule_extractor, text, "Welcome back").speaker.name == "Brett Halloway"
    assert _speaker(rule_extractor, text, "fell off").speaker.name == "Sienna Marlowe"


def test_a_capitalised_word_of_a_name_in_a_sentence_case_headline_is_no_verb(rule_extractor: RuleExtractor) -> None:
    text = (
        "Kelso State 64, Brandon 60: 'We found a way,' Adebayo told her players\n\n"
        'Kelso State came from 12 down to win on Friday. Coach Ruth Adebayo said the second half "was the best we '
        'have played".\n'
    )
    assert _speaker(rule_extractor, text, "found a way").speaker.name == "Ruth Adebayo"


def test_the_owner_of_a_role_is_not_the_one_who_holds_it(rule_extractor: RuleExtractor) -> None:
    text = (
        "Rail boss tells MPs he will go if trains stay late\n\nBy Ann Lees, Transport Correspondent\n\n"
        "The chief executive of Dunmore Rail told MPs on Tuesday that he would resign if punctuality did not improve "
        "by the summer.\n\nOwen Pellow was questioned by the Transport Committee about cancellations. "
        '"We cancelled too many trains last winter," he said.\n\n'
        'On fares, the chief executive was blunt. "Fares will rise in January," he told the committee.\n'
    )
    assert _speaker(rule_extractor, text, "Fares will rise").speaker.name == "Owen Pellow"


def test_a_name_hung_beside_a_speakers_name_is_not_the_subject(rule_extractor: RuleExtractor) -> None:
    text = (
        "Anouk Brevel, chief executive of the ferry's main sponsor, Saltmarsh Gin, said the deal was safe. "
        '"We are not going anywhere," she said.\n'
    )
    assert _speaker(rule_extractor, text, "going anywhere").speaker.name == "Anouk Brevel"


@pytest.mark.parametrize(
    ("text", "words", "name"),
    [
        ("At the launch: Dr Ottoline Varga, director of Marrick Abbey Trust, which is shortlisted for Restoration "
         'Project of the Year for rebuilding the Abbey Gatehouse. "The stones were numbered one by one," she said.\n',
         "numbered", "Ottoline Varga"),
        ("Awards night\n\nOn the stage: Mr Tobias Quill, founder of Harbour Lights Theatre, which won Community Venue "
         'of the Year for its youth programme. "The children run this place," he said.\n', "children", "Tobias Quill"),
    ],
)
def test_a_line_without_a_verb_is_about_the_person_it_names(
    rule_extractor: RuleExtractor, text: str, words: str, name: str
) -> None:
    assert _speaker(rule_extractor, text, words).speaker.name == name



def test_a_verb_of_address_takes_its_listeners_as_object(rule_extractor: RuleExtractor) -> None:
    text = (
        'Marit Solberg chairs the water board. "We will not raise the charge this year. Not by a penny," Solberg '
        "told the meeting.\n"
    )
    quote = _speaker(rule_extractor, text, "Not by a penny")
    assert (quote.speaker.name, quote.cue) == ("Marit Solberg", "told")  # the frame speaks, not the sentence before




def test_a_caption_crediting_words_tagged_a_noun_still_credits_them(rule_extractor: RuleExtractor) -> None:
    # The parse takes 'credits' for a plural noun, the subject of the quoted verb.
    text = 'A caption credits Ada Lind with "We will keep every course."\n'
    assert _speaker(rule_extractor, text, "every course").speaker.name == "Ada Lind"


@pytest.mark.parametrize(
    ("line", "words", "name"),
    [
        ('One widely shared post quotes him: "The board will close the clinic."', "board will close", "Oskar Brandt"),
        ('A video caption credits Haapala with "We were never told about the cuts."', "never told", "Leena Haapala"),
        ('A meme attributes to Oskar Brandt the words "The clinic failed us."', "failed us", "Oskar Brandt"),
    ],
)
def test_the_one_credited_with_words_is_their_claimed_speaker(
    rule_extractor: RuleExtractor, line: str, words: str, name: str
) -> None:
    text = (
        "Fact check\n\nLeena Haapala runs the Norrvik clinic.\n\nMr Oskar Brandt sits on the health board, which "
        f"meets on Fridays.\n\n{line}\n"
    )
    assert _speaker(rule_extractor, text, words).speaker.name == name


def test_an_office_is_its_holder_and_a_deputy_is_not_the_office(rule_extractor: RuleExtractor) -> None:
    text = (
        "Budget day\n\n09:10\nVice-Principal Maud Ferreira opens the meeting.\n\n"
        '09:30\nA short word from the Vice-Principal: "These cuts are the last."\n\n'
        "09:40\nThe Deputy Provost, Idris Kahale, answered questions. Then the Deputy Provost added: "
        '"No department will close."\n\n'
        '09:50\nFinally, a message from the Provost: "I thank you all."\n'
    )
    assert _speaker(rule_extractor, text, "cuts are the last").speaker.name == "Maud Ferreira"
    assert _speaker(rule_extractor, text, "No department").speaker.name == "Idris Kahale"
    # Nor is a shadow minister the minister in focus.
    shadow = (
        "Health Secretary Ada Marsh opened the ward on Monday. Marsh was asked about the shadow health secretary's "
        'attack. Later the shadow health secretary said the ward "will close within a year".\n'
    )
    assert _speaker(rule_extractor, shadow, "close within").speaker.name is None
    # The Provost is not named: the words are no one's, neither the deputy's nor anyone's.
    assert all(q.speaker.name is None for q in rule_extractor.extract(text) if "thank you" in q.text)

"""What counts as a change: each class of difference, tolerated or of meaning, at the word level."""

from __future__ import annotations

import pytest

from factcheck.align import align, diff_text
from factcheck.changes import TOLERATED, pair_kind, respelled, spellings_of
from factcheck.numbers import Quantity, quantity
from factcheck.tokens import Token, tokenize


def _kinds(quote: str, passage: str) -> tuple[bool, list[str]]:
    a = align(quote, passage)
    assert a is not None
    return a.verbatim, [c.kind for c in a.changes]


@pytest.mark.parametrize(
    ("quote", "passage", "kind"),
    [
        ("we are fixing the bridge", "Uh, we are, um, fixing the bridge", "filler"),
        ("it was amazing for the fans", "it was, like, amazing for the fans", "filler"),
        ("my uncle, Jim, was a docker", "my uncle, yeah, Jim, was a docker", "filler"),
        ("we shut the gates at 2028 prices", "we shut the gates at twenty twenty-eight prices", "number_format"),
        ("we will never allow it again", "we will never, never allow it again", "repetition"),
        ("we said the bridge will be fixed", "we said the bridge will be -- the bridge will be fixed", "repetition"),
        ("I -- we are fixing the bridge", "we are fixing the bridge", "false_start"),
        ("and all of -- and Susan Rice said so", "and Susan Rice said so", "false_start"),
        ("Betsy DeVos is doing a terrific job", "Betsy DeVos is -- she's doing a terrific job", "false_start"),
        ("the depot is an old building", "the depot is a, it's an old building", "false_start"),
        ("This is our new American moment", "This, in fact, is our new American moment.", "aside"),
        ("Kathryn Smith said the plan works", "Katherine Smith said the plan works", "spelling"),
        ("Al Qaeda attacked the embassy", "Al Qaida attacked the embassy", "spelling"),
        ("Muammar Gaddafi has to go", "Muammar Qaddafi has to go", "spelling"),
        ("we were bused to school", "we were bussed to school", "spelling"),
        ("the U.N. said it would act", "the UN said it would act", "abbreviation"),
        ("a nurse in Fort Worth pays more", "a nurse in Ft. Worth pays more", "abbreviation"),
        ("the vote is on Nov. 3", "the vote is on November 3rd", "abbreviation"),
        ("taxes went up five percent", "taxes went up 5%", "number_format"),
        ("taxes of thirty-five percent", "taxes of 35 percent", "number_format"),
        ("a plan of $1.3 trillion over ten years", "a plan of 1.3 trillion dollars over ten years", "number_format"),
        ("we have 32 thousand soldiers there", "we have, now, 32,000 soldiers there", "number_format"),
        # The unit written out where the source's sentence ends, before the next one opens.
        ("a ferry costing 85 million dollars", "a ferry costing $85 million. Work starts in June.", "number_format"),
        ("a levy of four dollars", 'They set a levy of $4.\n\n"Nobody likes it," she said.', "number_format"),
        # A decimal said aloud, and a pound sign for the currency written out.
        ("£4.2 million is a lot of money to you", "Four point two million pounds is a lot of money to you",
         "number_format"),
        ("the stand cost £4.2m last year", "the stand cost £4.2 million last year", "number_format"),
        ("a £3bn deal for the port", "a three billion pound deal for the port", "number_format"),
        ("ammonia reached 2.4 mg/l on the worst days", "ammonia reached 2.4 milligrams per litre on the worst days",
         "abbreviation"),
        ("a 40 km route to the coast", "a 40 kilometre route to the coast", "abbreviation"),
        ("a rise of 10 per cent this year", "a rise of 10% this year", "number_format"),
        ("about 240 jobs were cut", "about two hundred and forty jobs were cut", "number_format"),
        ("we treated 410 people on May 6", "we treated, um, four hundred and ten people on May the 6th",
         "number_format"),
        ("we share the same hopes for the port", "we share the same, ah, the same hopes for the port", "repetition"),
        ("the pupils who are too young are the ones we watch",
         "the pupils who are too young are, you know, they're the ones we watch", "repetition"),
        ("a premium of 35 dollars most pay", "a premium of $35, most pay", "number_format"),
        ("the repair cost £430,000", "the repair cost four hundred and thirty thousand pounds, and more",
         "number_format"),
        # The 'and' of a number said aloud is the number's, not the conjunction after the figure.
        ("the repair cost £430,000, and we paid it",
         "the repair cost, er, four hundred and thirty thousand pounds, and we, we paid it", "number_format"),
        # Two figures said aloud in one sentence, the second without the unit the first gave it.
        ("rents rose by 20 per cent, from £950 to £1,140",
         "rents rose by twenty per cent, from nine hundred and fifty pounds to eleven hundred and forty",
         "number_format"),
        # An ordinal said with its scale word.
        ("the school opens before the 300th family moves in",
         "the school opens before the three hundredth family moves in", "number_format"),
        # The word after an omission is the source's word after the words left out, though the same word comes
        # right after the first stretch too.
        ("the levy pays for two rangers ... and the council keeps the rest",
         "the levy pays for two rangers and a van for the summer months, and the council keeps the rest", "omission"),
        # A date and a time of day in another order or form, a filler inside.
        ("the winter timetable starts on November 1", "the winter timetable starts on the first of November",
         "number_format"),
        ("the report goes to the board on May 12", "the report goes to the board on the, er, twelfth of May",
         "number_format"),
        ("the boat leaves at 7.10 instead of 6.45", "the boat leaves at ten past seven instead of quarter to seven",
         "number_format"),
        ("the night shift ends at 7.30", "the night shift ends at half seven", "number_format"),
        # A time of day said aloud, written with a point or a colon.
        ("the gates shut at 9.50, two hours early", "the gates shut at nine fifty, two hours early", "number_format"),
        ("the gates shut at 7:15 that night", "the gates shut at seven fifteen that night", "number_format"),
        # 'a hundred', 'and a half', and a year said in two numbers at the quote's end.
        ("We had 131 reported assaults on staff", "We had, uh, a hundred and thirty-one reported assaults on staff",
         "number_format"),
        ("The 3.5 percent raise takes effect", "The three and a half percent raise takes effect", "number_format"),
        ("it will fall another 6 percent by 2030.", "it will fall another six percent by twenty thirty. We are facing",
         "number_format"),
        # The hour said as the figure's own word ('nine' for the '9' of '9:15'), the minutes around it.
        ("great until about 9:15, and then less", "great until about a quarter past nine, and then less",
         "number_format"),
        # British and American spellings, a word with a hyphen or without.
        ("the programme at the centre will defend the licence", "the program at the center will defend the license",
         "spelling"),
        ("we will co-operate by email with the police", "we will cooperate by e-mail with the police", "spelling"),
        ("we learnt a lot whilst we moved towards the town", "we learned a lot while we moved toward the town",
         "spelling"),
        ("they practise corners on Tuesdays", "they practice corners on Tuesdays", "spelling"),
        ("on 5 January the No. 1 job is the grey bridge", "on January 5 the number one job is the gray bridge",
         "spelling"),
        ("the (state) party will win the seat", "the party will win the seat", "insertion"),
        ("[The senator] will vote no", "He will vote no", "insertion"),
        ("this is more simple than that", "this is simpler than that", "comparative_form"),
        ("We won't raise taxes", "We will not raise taxes", "contraction"),
        # A few words broken off mid-sentence and abandoned, the restart going on in their place.
        ("I have been personally opposed to it", "I have been opposed -- personally opposed to it", "false_start"),
        ("we will fix the road", "we will cut -- fix the road", "false_start"),
        # A start broken off before an aside, the restart taking it up again.
        ("No, that's what they say", "No, that's just -- I mean, that's what they say", "false_start"),
        # A word said twice before a word spelled another way.
        ("a play in a theatre with 150 seats", "a play in a, a theater with a hundred and fifty seats", "repetition"),
        # A clause reported after a past verb of saying, its verb put in the past with it.
        ("I said it was going to destabilize the region", "I said it's going to destabilize the region", "backshift"),
        ("she told us the plant would close", "she told us the plant will close", "backshift"),
        # A participle's ending a transcript dropped after 'have', where only the participle is grammar.
        ("they've raised an additional $33 billion", "they've raise an additional $33 billion", "spelling"),
        # The listener's name, set off at the end of a sentence.
        ("We can't afford one lounge. We are fine", "We can't afford one lounge, Ferdie. We are fine", "address"),
    ],
)
def test_a_transcripts_or_an_editors_difference_is_tolerated_and_named(quote: str, passage: str, kind: str) -> None:
    verbatim, kinds = _kinds(quote, passage)
    assert verbatim
    assert kind in kinds
    assert all(k in TOLERATED for k in kinds)


@pytest.mark.parametrize(
    ("quote", "passage", "kind", "word"),
    [
        ("this is not a risk", "this is a risk", "negation", "not"),
        ("all of you will pay", "some of you will pay", "quantifier", "all"),
        ("most families will get the credit", "every family will get the credit", "quantifier", "most"),
        ("the rate fell in 65 years", "the rate fell in only 65 years", "quantifier", "only"),
        ("we may cut the tax", "we will cut the tax", "modal", "may"),
        # Without 'have' before it the ending is the tense: 'raised' for 'raise' is another time.
        ("they raised the tax", "they raise the tax", "word_form", "raised"),
        # With no verb of saying before it, the tense is the claim's own.
        ("the plant was going to close", "the plant is going to close", "word_form", "was"),
        ("the 4.5 percent raise", "the three and a half percent raise", "number", "4.5"),
        ("they have raise the tax", "they have raised the tax", "word_form", "raise"),
        ("a plan of 5 million jobs", "a plan of 4 million jobs", "number", "5"),
        ("the smallest tax cut since Reagan", "the biggest tax cut since Reagan", "comparison", "smallest"),
        ("this is simpler than that", "this is simple than that", "comparison", "simpler"),
        ("the longer streak of job growth", "the longest streak of job growth", "comparison", "longer"),
        ("we stand with Iran today", "we stand with Iraq today", "name", "Iran"),
        # A name left out mid-sentence is who the sentence is about, not the listener; a name set off at the end of
        # a sentence no one says to anyone is in apposition.
        ("we will thank today", "we will thank Ferdie today", "name", "Ferdie"),
        ("the mother of the officer. Listen", "the mother of the officer, Chaznea. Listen", "name", "Chaznea"),
        ("they will cut the tax on fuel", "we will cut the tax on fuel", "person", "they"),
        ("cut the tax on food", "cut the tax on fuel", "word", "food"),
        # A word the quote adds where the source's sentence ends is an addition, not the next sentence's word.
        ("a ferry costing 85 million pounds", "a ferry costing $85 million. Work starts in June.", "number", "pounds"),
        ("£4.3 million is a lot of money to you", "Four point two million pounds is a lot of money to you", "number",
         "£4.3"),
        ("a rise of 11 per cent this year", "a rise of 10% this year", "number", "11"),
        ("the repair cost £440,000", "the repair cost four hundred and thirty thousand pounds, and more", "number",
         "£440,000"),
        ("the gates shut at 9.55, before the tide", "the gates shut at nine fifty, before the tide", "number", "9.55"),
        ("the report goes to the board on May 13", "the report goes to the board on the twelfth of May", "number",
         "13"),
        # A duration is one value with its unit: another duration is one changed number, not two words.
        ("the pumps ran for about six hours that night", "the pumps ran for about sixty minutes that night", "number",
         "six hours"),
        # Conventions of spelling are read on the word as written: 'waitress' is no 'waiters'.
        ("the waitress was fired on Monday", "the waiters was fired on Monday", "word", "waitress"),
    ],
)
def test_a_change_of_meaning_alters_and_the_diff_names_the_word(quote: str, passage: str, kind: str, word: str) -> None:
    a = align(quote, passage)
    assert a is not None and not a.verbatim
    assert kind in [c.kind for c in a.meaning_changes]
    assert word in a.critical_words
    named = [op for op in a.ops if op.change == kind]
    assert named and named[0].tolerated is False and word in named[0].quote + named[0].source


def test_a_negation_in_brackets_is_no_clarification() -> None:
    verbatim, kinds = _kinds("the plan will [not] work", "the plan will work")
    assert not verbatim and "negation" in kinds


def test_function_words_are_tolerated_twice_and_words_the_quote_adds_count_double() -> None:
    assert _kinds("That is the promise I made", "That is a promise I made")[0]
    assert not _kinds("on the up and up", "on the")[0]


def test_a_quote_that_only_repeats_a_word_is_not_the_word() -> None:
    assert not _kinds("jobs, jobs, jobs", "We need jobs")[0]


def test_the_tolerated_difference_is_shown_as_a_transcripts_or_an_editors() -> None:
    a = align("Uh, we are fixing the bridge", "we are fixing the bridge")
    assert a is not None
    assert "(transcript / editor: filler)" in diff_text(a.ops)


def test_a_dropped_negation_is_placed_right_in_a_long_passage() -> None:
    passage = "That's a mischaracterization of my position across the board. I did not praise racists. That is true."
    a = align("I did praise racists", passage)
    assert a is not None
    assert diff_text(a.ops) == "I did [-not-] praise racists"


def _word(sentence: str, word: str) -> Token:
    return next(t for t in tokenize(sentence) if t.text == word)


@pytest.mark.parametrize(
    ("quoted", "source", "kind"),
    [
        (("I told him he would win", "he"), ("I told him her would win", "her"), "person"),
        (("the tax is bigger now", "bigger"), ("the tax is smaller now", "smaller"), "comparison"),
        (("the tax is late now", "late"), ("the tax is later now", "later"), "comparison"),
        (("we need more jobs", "more"), ("we need fewer jobs", "fewer"), "comparison"),
        (("cut the tax on food", "food"), ("cut the tax on fuel", "fuel"), "word"),
        (("the cold war is over", "cold"), ("the gold war is over", "gold"), "word"),
    ],
)
def test_one_word_for_another_is_classed_by_what_the_words_are(
    quoted: tuple[str, str], source: tuple[str, str], kind: str
) -> None:
    assert pair_kind(_word(*quoted), _word(*source)) == kind


def test_only_a_name_may_be_respelled_from_its_first_letter() -> None:
    assert respelled(_word("Muammar Gaddafi spoke", "Gaddafi"), _word("Muammar Qaddafi spoke", "Qaddafi"))
    assert respelled(_word("we were bused there", "bused"), _word("we were bussed there", "bussed"))
    assert not respelled(_word("the cold war", "cold"), _word("the gold war", "gold"))
    assert not respelled(_word("we fixed it", "fixed"), _word("we mixed it", "mixed"))


def test_a_texts_respellings_of_a_word_are_those_respelled_finds_word_by_word() -> None:
    passage = tokenize(
        "Qaddafi said the judgement of Kathryn Smith, honour bound, was the judgment of 2016: Qaddafi's men bussed "
        "in. Gaddafi? Katherine and kathryn agreed; the honor, the honour and the Honour."
    )
    spellings = spellings_of(passage)
    quoted = tokenize("Gaddafi judgment Katherine honor bused Qaida the 2016 Kathryn gold")
    found = 0
    for word in quoted:
        numbers = set(spellings.respellings(word))
        assert [spellings.at[k] in numbers for k in range(len(passage))] == [respelled(word, w) for w in passage]
        found += bool(numbers)
    assert found >= 5


@pytest.mark.parametrize(
    ("quote", "passage"),
    [
        ("we will never allow it again", "we will never, never allow it again"),
        ("we have 32 thousand soldiers there", "we have, now, 32,000 soldiers there"),
        ("I -- we are fixing the bridge", "we are fixing the bridge"),
        ("we stand with Iran today", "we stand with Iraq today"),
        ("this is not a risk", "this is a risk"),
    ],
)
def test_a_difference_is_classed_the_same_deep_in_a_long_document(quote: str, passage: str) -> None:
    before = " ".join(f"Sentence number {n} of the rally speech talks about roads and bridges." for n in range(30))
    after = " ".join(f"And then sentence {n} goes on about schools, and jobs, and taxes." for n in range(30))
    short, long = align(quote, passage), align(quote, f"{before} {passage}. {after}")
    assert short is not None and long is not None
    assert [(c.kind, c.tolerated) for c in long.changes] == [(c.kind, c.tolerated) for c in short.changes]
    assert long.verbatim == short.verbatim


def test_words_read_again_are_a_fresh_list() -> None:
    words = tokenize("we are fixing the bridge")
    words.clear()
    assert [t.text for t in tokenize("we are fixing the bridge")] == ["we", "are", "fixing", "the", "bridge"]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["thirty", "five", "percent"], Quantity(35, "%")),
        (["$1.3", "trillion"], Quantity(1.3e12, "$")),
        (["1.3", "trillion", "dollars"], Quantity(1.3e12, "$")),
        (["one", "hundred", "and", "five"], Quantity(105)),
        (["3rd"], Quantity(3, ordinal=True)),
        (["5%"], Quantity(5, "%")),
        (["four", "point", "two", "million", "pounds"], Quantity(4.2e6, "£")),
        (["£4.2", "million"], Quantity(4.2e6, "£")),
        (["one", "point", "two", "five"], Quantity(1.25)),
        (["€30"], Quantity(30, "€")),
        (["£4.2m"], Quantity(4.2e6, "£")),
        (["$30k"], Quantity(3e4, "$")),
        (["3bn"], Quantity(3e9)),
        (["three", "and", "a", "half"], Quantity(3.5)),
        (["two", "and", "a", "half", "million"], Quantity(2.5e6)),
        (["forty", "minutes"], Quantity(40, "minute")),
        (["1.5", "hours"], Quantity(1.5, "hour")),
    ],
)
def test_numbers_are_read_as_values(words: list[str], value: Quantity) -> None:
    assert quantity(words) == value


def test_two_numbers_side_by_side_are_not_one() -> None:
    assert quantity(["five", "six"]) is None
    assert quantity(["5", "6"]) is None
    assert quantity(["half"]) is None and quantity(["three", "half"]) is None
    # A 'point' with no digits after it, or no number before it, is no decimal point.
    assert quantity(["four", "point"]) is None
    assert quantity(["point", "two"]) is None
    # 'm' after a bare figure may be metres ('the 100m final'): only after a currency sign is it millions.
    assert quantity(["100m"]) is None


def test_a_word_said_again_after_an_aside_is_a_repetition() -> None:
    source = "the crews kept the channel clear, and the new boats had, you know, had room to turn."
    quote = "kept the channel clear, and the new boats had room to turn"
    ops = [op for op in align(quote, source).ops if op.op != "equal"]
    assert ops and all(op.tolerated for op in ops), ops


def test_a_number_at_the_quotes_edge_takes_in_no_word_of_the_next_sentence() -> None:
    passage = 'Upstream it never rose above 0.3."\n\n3. The appellant argued otherwise.'
    a = align("Upstream it never rose above 0.3", passage)
    assert a is not None and a.verbatim and not a.changes


def test_a_restart_needs_a_break_before_it() -> None:
    # Without a comma or a dash the words left out are a clause of the sentence, not a start taken back.
    _, kinds = _kinds("the problem is expensive", "the problem is that it is expensive")
    assert "false_start" not in kinds and not all(k in TOLERATED for k in kinds)



def test_times_said_in_words_are_read_as_times() -> None:
    from factcheck.numbers import clock_time, spoken_year

    assert clock_time(["a", "quarter", "past", "nine"]) == clock_time(["9", "15"]) == (9, 15)
    assert clock_time(["a", "quarter", "to", "ten"]) == (9, 45)
    assert clock_time(["eleven", "forty-five"]) == clock_time(["11.45"]) == (11, 45)
    assert clock_time(["ten", "past", "seven"]) == (7, 10) and clock_time(["twenty-five", "to", "eight"]) == (7, 35)
    assert clock_time(["half", "seven"]) == (7, 30)
    assert spoken_year(["twenty", "twenty-eight"]) == 2028 and spoken_year(["two", "thousand"]) is None


def test_a_quote_that_starts_inside_a_number_said_in_words_is_not_widened_to_all_of_it() -> None:
    a = align("hundred thousand jobs were created last year", "We saw two hundred thousand jobs were created last year")
    assert a is not None and a.verbatim
    b = align("$380 and some change", "It was three hundred and eighty dollars and some change.")
    assert b is not None and b.verbatim

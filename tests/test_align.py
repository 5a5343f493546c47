"""Word-level alignment: tolerated edits cost nothing, meaningful ones are reported and weighed."""

from __future__ import annotations

from factcheck.align import align, content_bound, diff_text, parse_quote

PASSAGE = (
    "We will not raise taxes on the middle class. That is a promise I made in 2020, and it is one I keep. "
    "If we cut spending by 10 percent, the economy will grow."
)


def _check(quote: str) -> tuple[bool, float, int]:
    a = align(quote, PASSAGE)
    assert a is not None
    return a.verbatim, a.coverage, a.critical_edits


def test_verbatim_with_case_punctuation_and_curly_marks() -> None:
    assert _check("we will NOT raise taxes on the middle class")[0]
    assert _check("We won\u2019t raise taxes on the middle class")[0]
    assert _check("If we cut spending by 10%, the economy will grow")[0]


def test_ellipsis_and_brackets_are_tolerated() -> None:
    a = align("We will not raise taxes \u2026 That is a promise", PASSAGE)
    assert a is not None and a.verbatim
    assert any(op.quote == "\u2026" and "middle class" in op.source for op in a.ops)
    assert _check("We will not raise taxes ... That is a promise I made")[0]
    assert _check("[T]hat is a promise I made in 2020")[0]
    assert _check("we will not raise taxes on [working families]")[0]


def test_dropped_negation_is_critical_and_placed_right() -> None:
    a = align("We will raise taxes on the middle class", PASSAGE)
    assert a is not None and not a.verbatim
    assert a.critical_edits == 1
    assert "[-not-]" in diff_text(a.ops)
    assert PASSAGE[a.match_start : a.match_end] == "We will not raise taxes on the middle class"


def test_changed_number_weighs_more_than_a_function_word() -> None:
    number = align("That is a promise I made in 2021", PASSAGE)
    article = align("That is the promise I made in 2020", PASSAGE)
    assert number is not None and article is not None
    assert number.critical_edits == 1 and not number.verbatim
    assert article.cost < number.cost
    assert any(op.op == "replace" and op.quote == "2021" and op.source == "2020" for op in number.ops)


def test_added_words_are_reported() -> None:
    a = align("We will not raise taxes on the hardworking middle class", PASSAGE)
    assert a is not None and not a.verbatim
    assert any(op.op == "insert" and op.quote == "hardworking" for op in a.ops)


def test_unrelated_quote_has_low_coverage() -> None:
    _, coverage, _ = _check("Our alliance with Canada has never been stronger")
    assert coverage < 0.3
    assert align("", PASSAGE) is None


def test_diff_is_taken_over_the_span_the_quote_covers() -> None:
    a = align("This is our new American moment", "This, in fact, is our new American moment.")
    assert a is not None and a.verbatim and not a.word_for_word
    assert diff_text(a.ops) == "This [-in fact-](transcript / editor: aside) is our new American moment"


def test_contractions_equal_their_expansions_and_show_once() -> None:
    a = align("I've never heard of it, there's no problem", "I have never heard of it. There is no problem.")
    assert a is not None and a.word_for_word
    split = align("We can wait", "We cannot wait.")
    assert split is not None and split.critical_edits == 1
    assert diff_text(split.ops) == "We can [-not-] wait"


def test_tolerated_differences_and_changes_that_matter() -> None:
    passage = "Well, uh, we will rebuild the bridges and we will rebuild the roads."
    assert (a := align("And we will rebuild the bridges", passage)) is not None and a.verbatim
    assert (b := align("we will rebuild the bridge", passage)) is not None
    assert not b.verbatim and b.form_edits == 1 and b.critical_edits == 0
    assert (c := align("we will repair the bridges", passage)) is not None and c.content_edits == 1


def test_only_the_first_part_of_a_capitalised_contraction_can_be_a_name() -> None:
    tokens = parse_quote("So I'm sure I'll go with Trump's plan").tokens
    assert [t.norm for t in tokens if t.critical] == ["trump's"]


def test_a_short_quote_is_placed_over_its_kept_word_with_the_swapped_one_beside_it() -> None:
    # The changed word is one of the class of the source word beside the kept one: the quote is placed there,
    # not over the same modal or number elsewhere in the passage.
    passage = "We must cut red tape for farmers. Together we can bridge old divisions and heal old wounds."
    a = align("must bridge", passage)
    assert a is not None
    assert [(c.kind, c.source[0].norm, c.quote[0].norm) for c in a.meaning_changes] == [("modal", "can", "must")]
    scale = align("least vulnerable", "Drugs pour into our most vulnerable communities, and we have least time.")
    assert scale is not None
    assert [c.source[0].norm for c in scale.meaning_changes] == ["most"]
    assert all(c.swap for c in scale.meaning_changes)


def test_the_other_comparative_form_is_placed_over_the_single_word() -> None:
    passage = "With a booster you have the highest degree of protection, and it will be harder to fall ill."
    passage += " Some proposed making even bigger cuts to schools."
    for quote in ("the most high degree", "it will be more hard", "more big cuts"):
        a = align(quote, passage)
        assert a is not None and a.verbatim
        assert [c.kind for c in a.changes] == ["comparative_form"]


def test_an_opening_and_is_not_the_and_of_the_sentence_before() -> None:
    passage = "He raised wages and boosted their morale. Tonight I ask more business leaders to follow his lead."
    a = align("And tonight I ask more business leaders to follow his lead", passage)
    assert a is not None and a.verbatim
    assert [c.kind for c in a.changes] == ["discourse"]
    # A left-out word inside one sentence is still reported.
    dropped = align("It works", "We tried it twice. It never works.")
    assert dropped is not None and not dropped.verbatim


def test_a_respelled_name_is_placed_over_its_other_spelling_and_counts_as_found() -> None:
    passage = "For his courage, the sergeant was awarded the Silver Star. We thank the families."
    a = align("the Silvar", passage)
    assert a is not None and a.verbatim
    replaced = [(op.quote, op.source, op.change) for op in a.ops if op.op == "replace"]
    assert replaced == [("Silvar", "Silver", "spelling")]
    assert a.content_coverage == 1.0
    assert content_bound(parse_quote("the Silvar"), passage) == 1.0


def test_a_quote_cut_inside_a_contraction_drops_its_negation() -> None:
    source = "The county says the new wells don't run dry before August, and the pumps can't fail twice."
    cut = align("The county says the new wells do", source)
    assert cut is not None and not cut.verbatim
    assert "negation" in [c.kind for c in cut.changes]
    whole = align("the new wells don't run dry", source)
    assert whole is not None and whole.verbatim


def test_no_before_a_noun_stands_in_the_slot_of_a_quantifier() -> None:
    # 'no employer' quantifies the noun as 'every employer' does: the quote is placed over that stretch, and the
    # swap is the change; a 'No,' set off by a comma at the edge is still an opening word.
    a = align("no employer", "It should be so for every employer and every job seeker.")
    assert a is not None and not a.verbatim
    assert [(c.source[0].norm, c.quote[0].norm) for c in a.meaning_changes] == [("every", "no")]
    never = align("never again", "We must always again remember the fallen.")
    assert never is not None and [c.source[0].norm for c in never.meaning_changes] == ["always"]


def test_a_unit_written_out_after_a_number_is_the_sign_on_the_source_figure() -> None:
    # At the end of a quote the unit is not put in place of the word after the source's figure.
    a = align("100 billion dollars", "We have secured more than $100 billion of increase in defense spending.")
    assert a is not None and a.verbatim
    assert [c.kind for c in a.changes] == ["number_format"]


def test_an_aside_in_a_short_quote_is_one_thing_said_in_passing() -> None:
    a = align("the, you know, largest", "GM is making the largest investment in its history.")
    assert a is not None and a.verbatim
    assert [c.kind for c in a.changes] == ["aside"]
    # Words said again are still counted one by one: 'jobs, jobs, jobs' is not 'jobs'.
    repeated = align("jobs, jobs, jobs", "We need jobs now.")
    assert repeated is not None and not repeated.verbatim


def test_a_number_written_with_a_hyphen_is_one_number() -> None:
    # 'ninety-five' is 95, not a 'ninety' with a 'five' added.
    a = align("than ninety-five percent.", "Exports grew by more than 95 percent of the target, and 90 percent held.")
    assert a is not None and a.verbatim
    assert a.match_end - a.match_start == len("than 95 percent")
    dollars = align("thirty-five dollars", "Insulin is now capped at $35 a month for seniors.")
    assert dollars is not None and dollars.verbatim
    assert {c.kind for c in dollars.changes} == {"number_format"}


def test_more_or_most_with_a_word_is_placed_over_its_other_comparative_form() -> None:
    passage = "The rate dropped to a record low. The unemployment rate for women is the lowest unemployment rate yet."
    a = align("most low unemployment rate", passage)
    assert a is not None and a.verbatim
    assert [c.kind for c in a.changes] == ["comparative_form"]


def test_a_contracted_word_said_twice_is_a_repetition() -> None:
    a = align("you're you're flying high", "When the plant reopens you feel like you're flying high again.")
    assert a is not None and a.verbatim
    assert [c.kind for c in a.changes] == ["repetition"]


def test_a_quote_is_not_widened_into_the_sentence_before() -> None:
    # 'They' of the sentence before is not where the quote opens: 'We' is, changed.
    a = align("They can all play a", "Our schools have the money. They have the money. We can all play a part.")
    assert a is not None
    assert [(c.kind, c.source[0].text) for c in a.meaning_changes] == [("person", "We")]


def test_a_function_word_the_quote_adds_needs_more_of_what_it_says_kept() -> None:
    # 'also' added beside one kept word that says something is the quote's own wording, not a transcript's slip.
    added = align("You also hear", "Every week you hear from workers who lost a shift.")
    assert added is not None and not added.verbatim
    kept = align("fix the bridge on Main Street", "We will fix bridge on Main Street first.")
    assert kept is not None and kept.verbatim


def test_little_is_a_quantifier_in_the_slot_of_much() -> None:
    a = align("little disappointment.", "No wonder there's so much disappointment.")
    assert a is not None
    assert [c.kind for c in a.meaning_changes] == ["quantifier"]


def test_a_pronoun_with_a_capital_is_still_a_pronoun() -> None:
    a = align("before You came to office", "Four years ago, before I came to office, the country was hit hard.")
    assert a is not None
    assert [c.kind for c in a.meaning_changes] == ["person"]

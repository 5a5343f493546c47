"""What counts as a change: every word-level difference between a quote and its source, classified.

A difference is either one that transcripts and editors make without changing what was said (a filler, a false
start, a word said twice, a spelling, an abbreviation, a number written another way, a marked omission or
insertion, the other comparative form) or one that changes the meaning (a negation, a quantifier, a modal, a
number's value, a comparison, a name, who does what, a content word). The rule is written for people in
eval/README.md ("What the verdicts mean"); this module is its one implementation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz, process

from factcheck.extract.lexicon import CUE_VERBS, regular_forms
from factcheck.names import wordset
from factcheck.numbers import (
    Quantity,
    clock_time,
    date_of,
    is_number_word,
    is_scale_word,
    is_time_unit,
    is_unit_word,
    quantity,
    same_units,
    year_of,
)
from factcheck.tokens import FILLERS, Token, same_word

ChangeKind = Literal[
    # How speech is transcribed, or what an editor may do.
    "filler", "repetition", "false_start", "aside", "discourse", "spelling", "abbreviation", "number_format",
    "contraction", "function_word", "omission", "insertion", "comparative_form", "backshift", "address",
    # What changes the meaning.
    "negation", "quantifier", "modal", "number", "comparison", "name", "person", "word_form", "word", "wording",
    "splice",
]
TOLERATED: frozenset[ChangeKind] = frozenset(
    {"filler", "repetition", "false_start", "aside", "discourse", "spelling", "abbreviation", "number_format",
     "contraction", "function_word", "omission", "insertion", "comparative_form", "backshift", "address"}
)  # fmt: skip
# The meaning classes that are about the claim's logic rather than its topic words.
CRITICAL: frozenset[ChangeKind] = frozenset({"negation", "quantifier", "modal", "number", "comparison", "name"})
# How a tolerated difference is labelled for readers.
TOLERATED_NOTE = "transcript / editor"

# The pronouns of the one speaking and the one spoken to.
_FIRST_AND_SECOND = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours"})
# A couple of changed function words ('a' for 'the', a dropped 'that') are how quotes get transcribed; more
# change the wording.
FUNCTION_EDITS_TOLERATED = 2
# Two spellings of one name: similar enough by edit distance, in percent ...
SPELLING_SIMILARITY = 80
# ... or, for names of at least this many letters, the same consonants in the same order ('Katherine' / 'Kathryn').
SKELETON_MIN_LETTERS = 5
# The present and past of the verbs a reported clause shifts back after a past verb of saying ('is' / 'was').
_BACKSHIFTS = frozenset({("is", "was"), ("are", "were"), ("am", "was"), ("has", "had"), ("have", "had"),
                         ("does", "did"), ("do", "did"), ("will", "would"), ("can", "could")})  # fmt: skip
# Verbs of saying and thinking in the past, which a reported clause follows.
_SAID = frozenset({form for verb in CUE_VERBS for form in regular_forms(verb) if form.endswith("d")} | {
    "said", "told", "thought", "knew", "wrote", "felt", "understood", "foresaw", "saw", "heard"})
# How many words before the changed verb the verb of saying may stand ('I said it's going to').
BACKSHIFT_REACH = 6
# A false start the speaker took back is short; one that the next words merely take up again, shorter.
FALSE_START_WORDS = 8
RESTART_WORDS = 4
# Source words left out in one place without an ellipsis that make a splice rather than a trimmed phrase.
SPLICE_GAP = 6
# Words that open or close a quoted stretch without adding to it ('And we will ...').
EDGE_WORDS = wordset("and but so well now look oh yes no okay ok")
# Asides a speaker drops into a sentence; a quote that leaves one out says the same thing.
ASIDES = frozenset(
    {"in fact", "of course", "frankly", "actually", "honestly", "basically", "you know", "i mean", "by the way",
     "look", "again", "really", "believe me", "let me tell you", "i think", "i believe", "remember this",
     "if you think about it", "as you know", "think of that", "i have to say", "i must say", "right"}
)  # fmt: skip
_KIND_OF_CLASS: dict[str, ChangeKind] = {
    "negation": "negation", "quantifier": "quantifier", "modal": "modal", "number": "number", "name": "name",
    "degree": "comparison", "person": "person",
}  # fmt: skip
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLES = re.compile(r"(.)\1+")
# Endings spelling conventions vary, each with the one `spelling_key` writes for it.
_SPELLING_ENDINGS = (
    (re.compile(r"our(s|ed|ing)?$"), r"or\1"),
    (re.compile(r"is(e|ed|es|ing|ation)$"), r"iz\1"),
    (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"ement(s?)$"), r"ment\1"),
)
# Conventions read on the word as written, before doubled letters are dropped ('waitress' is no 'waiters').
_WRITTEN_ENDINGS = (
    (re.compile(r"(\w{2,}[tbg])re(s|d)?$"), r"\1er\2"),  # centre / center, fibre / fiber, meagre / meager
    (re.compile(r"(\w{2,}[ln])ce(s)?$"), r"\1se\2"),  # licence / license, defence / defense, offence / offense
    (re.compile(r"gramme(s)?$"), r"gram\1"),  # programme / program
    (re.compile(r"(\w{3,})ogue(s)?$"), r"\1og\2"),  # catalogue / catalog, dialogue / dialog
)


@dataclass(frozen=True)
class Change:
    """One difference: its class and the words on each side (quote first)."""

    kind: ChangeKind
    quote: tuple[Token, ...]
    source: tuple[Token, ...]
    at: int = 0  # index of the first quote word at or after the change
    swap: bool = False  # one word in place of one other, the words around both the same
    crosses: bool = False  # the source side of its stretch runs across a sentence boundary

    @property
    def tolerated(self) -> bool:
        """A transcript's or an editor's difference, never an alteration."""
        return self.kind in TOLERATED


@dataclass(frozen=True)
class Edit:
    """One stretch where the quote and the passage differ, with the words around it."""

    quote: Sequence[Token]
    source: Sequence[Token]
    quote_before: Sequence[Token]  # quote words before the stretch, nearest last
    quote_after: Sequence[Token]
    source_before: Sequence[Token]
    source_after: Sequence[Token]

    @property
    def at_edge(self) -> bool:
        """The stretch opens or closes the quote."""
        return not self.quote_before or not self.quote_after


def classify(edit: Edit) -> list[Change]:
    """The changes one differing stretch is made of."""
    at = len(edit.quote_before)
    crosses = _crosses_sentence(edit)
    whole = _whole(edit)
    if whole is not None:
        return [Change(whole, tuple(edit.quote), tuple(edit.source), at, crosses=crosses)]
    peeled = _peel_fillers(edit) or _peel_repetition(edit)
    if peeled is not None:
        fillers, without = peeled
        return sorted([*fillers, *classify(without)], key=lambda c: c.at)
    inner = _inside(edit)
    if inner is not None:
        kind, (k, k2), (j, j2), rest = inner
        found = Change(kind, tuple(edit.quote[k:k2]), tuple(edit.source[j:j2]), at + k, crosses=crosses)
        return sorted([found, *(c for r in rest for c in classify(r))], key=lambda c: c.at)
    quoted, source = list(edit.quote), list(edit.source)
    paired = min(len(quoted), len(source))
    pairs = zip(quoted[:paired], source[:paired], strict=True)
    swap = len(quoted) == len(source) == 1
    changes = [Change(pair_kind(a, b), (a,), (b,), at + k, swap, crosses) for k, (a, b) in enumerate(pairs)]
    if swap and changes[0].kind == "word_form" and _participle_restored(edit):
        changes[0] = replace(changes[0], kind="spelling")
    if swap and changes[0].kind in ("word_form", "modal", "function_word") and _backshifted(edit):
        changes[0] = replace(changes[0], kind="backshift")
    for k, t in enumerate(quoted[paired:], start=paired):
        kind = _single_kind(t, quoted, k, edit.quote_before, edit.quote_after, edit)
        changes.append(Change(kind, (t,), (), at + k, crosses=crosses))
    for k, t in enumerate(source[paired:], start=paired):
        kind = _single_kind(t, source, k, edit.source_before, edit.source_after, edit)
        changes.append(Change(kind, (), (t,), at + len(quoted), crosses=crosses))
    return _merged(changes)


def _participle_restored(edit: Edit) -> bool:
    """After 'have' on both sides the transcript has a verb's bare form where only its participle is grammar
    ("they've raise an additional $33 billion"): the quote writing the participle restores a dropped ending."""
    (quoted,), (source,) = edit.quote, edit.source
    perfect = {"have", "has", "had"}
    if not edit.source_before or not edit.quote_before:
        return False
    if edit.source_before[-1].norm not in perfect or edit.quote_before[-1].norm != edit.source_before[-1].norm:
        return False
    return quoted.norm in (source.norm + "ed", source.norm + "d")


def _backshifted(edit: Edit) -> bool:
    """The verb of a clause reported after a verb of saying in the past, put in the past with it or taken out of
    it ("I said it's going to" / "I said it was going to"): the sequence of tenses, the same statement."""
    (quoted,), (source,) = edit.quote, edit.source
    pair = (source.norm, quoted.norm)
    if pair not in _BACKSHIFTS and pair[::-1] not in _BACKSHIFTS:
        return False
    return all(
        any(t.norm in _SAID for t in before[-BACKSHIFT_REACH:])
        for before in (edit.quote_before, edit.source_before)
    )


def _peel_fillers(edit: Edit) -> tuple[list[Change], Edit] | None:
    """Fillers at the edges of the source's side of a stretch that also changes words ('saw, um, four hundred and
    ten' for 'saw 410'): each is a filler, and the rest is read without them."""
    source = list(edit.source)
    lead = next((k for k, t in enumerate(source) if not _is_filler(t)), len(source))
    trail = next((k for k, t in enumerate(reversed(source)) if not _is_filler(t)), len(source))
    if not edit.quote or lead + trail == 0 or lead + trail >= len(source):
        return None
    at = len(edit.quote_before)
    fillers = [Change("filler", (), (t,), at) for t in source[:lead]]
    fillers += [Change("filler", (), (t,), at + len(edit.quote)) for t in source[len(source) - trail :]]
    return fillers, _source_without(edit, lead, trail)


def _peel_repetition(edit: Edit) -> tuple[list[Change], Edit] | None:
    """A word said twice at the start of the source's side of a stretch that also changes words ('in a, a theater'
    for 'in a theatre'): the second saying is a repetition, and the rest is read without it."""
    source = list(edit.source)
    if not edit.quote or len(source) < 2 or not edit.source_before or source[0].norm != edit.source_before[-1].norm:
        return None
    return [Change("repetition", (), (source[0],), len(edit.quote_before))], _source_without(edit, 1, 0)


def _source_without(edit: Edit, lead: int, trail: int) -> Edit:
    """The stretch with its source side's first `lead` and last `trail` words moved into the words around it."""
    source = list(edit.source)
    cut = len(source) - trail
    return Edit(
        edit.quote, source[lead:cut], edit.quote_before, edit.quote_after,
        [*edit.source_before, *source[:lead]], [*source[cut:], *edit.source_after],
    )  # fmt: skip


def _is_filler(t: Token) -> bool:
    """A filler word ('uh', 'um'), however the tokenizer classed it."""
    return t.kind == "filler" or t.norm in FILLERS


def _merged(changes: Sequence[Change]) -> list[Change]:
    """Words added or left out side by side with one class are one change ('Abu Bakr' left out)."""
    out: list[Change] = []
    for c in changes:
        last = out[-1] if out else None
        one_sided = not (c.quote and c.source)
        if (last is not None and one_sided and not (last.quote and last.source) and last.kind == c.kind
                and bool(last.quote) == bool(c.quote) and c.kind not in ("function_word", "repetition")):
            out[-1] = Change(c.kind, last.quote + c.quote, last.source + c.source, last.at, False, last.crosses)
            continue
        out.append(c)
    return out


def _inside(edit: Edit) -> tuple[ChangeKind, tuple[int, int], tuple[int, int], list[Edit]] | None:
    """One tolerated difference inside a longer stretch ('more fast' against 'faster', '32 thousand' against
    '32,000' with other words around them): its class, where it is on each side, and the stretches around it."""
    q, src = edit.quote, edit.source
    if len(q) + len(src) <= 3:
        return None
    for k in range(len(q) - 1):
        for j in range(len(src)):
            if _comparative_forms(q[k : k + 2], src[j : j + 1]):
                return "comparative_form", (k, k + 2), (j, j + 1), _around(edit, k, k + 2, j, j + 1)
    qr, sr = _number_run(q), _number_run(src)
    if qr and sr:
        qw = [t.text for t in _unique(q[qr[0] : qr[1]])]
        sw = [t.text for t in _unique(src[sr[0] : sr[1]])]
        a, b = quantity(qw), quantity(sw)
        same = a is not None and b is not None and a.value == b.value
        year = year_of(qw)
        if same or (year is not None and year == year_of(sw)):
            return "number_format", qr, sr, _around(edit, *qr, *sr)
    return None


def _number_run(tokens: Sequence[Token]) -> tuple[int, int] | None:
    """The one stretch of number words among the tokens, if there is exactly one."""
    runs: list[tuple[int, int]] = []
    for k, t in enumerate(tokens):
        if is_number_word(t.text):
            if runs and runs[-1][1] == k:
                runs[-1] = (runs[-1][0], k + 1)
            else:
                runs.append((k, k + 1))
    return runs[0] if len(runs) == 1 else None


def _around(edit: Edit, k: int, k2: int, j: int, j2: int) -> list[Edit]:
    """The stretches of an edit before and after quote[k:k2] / source[j:j2]."""
    q, src = edit.quote, edit.source
    before = Edit(q[:k], src[:j], edit.quote_before, [*q[k:], *edit.quote_after],
                  edit.source_before, [*src[j:], *edit.source_after])  # fmt: skip
    after = Edit(q[k2:], src[j2:], [*edit.quote_before, *q[:k2]], edit.quote_after,
                 [*edit.source_before, *src[:j2]], edit.source_after)  # fmt: skip
    return [e for e in (before, after) if e.quote or e.source]


def _crosses_sentence(edit: Edit) -> bool:
    """The source words of the stretch hold a sentence boundary: a sentence begins inside them, or after the
    kept words before them, or (for a stretch that opens the match) with the kept words after them."""
    source = edit.source
    if not source:
        return False
    if any(t.sentence_start for t in source[1:]) or (source[0].sentence_start and edit.source_before):
        return True
    return not edit.source_before and bool(edit.source_after) and edit.source_after[0].sentence_start


def transcript_words(tokens: Sequence[Token]) -> list[int]:
    """Positions of the words in a quote that a transcript carries and a prepared text may not: fillers, asides,
    a word said twice, a start broken off with a dash."""
    found: set[int] = set()
    norms = [t.norm for t in tokens]
    for k, t in enumerate(tokens):
        if t.kind == "filler" or (k and norms[k - 1] == t.norm):
            found.add(k)
        # A written word of several parts said twice ("you're you're"): its second saying.
        n = t.parts
        if t.start != (tokens[k - 1].start if k else -1) and n > 1 and norms[k : k + n] == norms[max(0, k - n) : k]:
            found.update(range(k, k + n))
        if t.broken_off and k < RESTART_WORDS and k + 1 < len(tokens):
            found.update(range(k + 1))  # 'I -- we are fixing': the quote opens with a start broken off
    for aside in ASIDES:
        words = aside.split()
        for k in range(len(norms) - len(words) + 1):
            if norms[k : k + len(words)] == words and len(words) > 1:
                found.update(range(k, k + len(words)))
    return sorted(found)


def limit_function_words(changes: Sequence[Change]) -> list[Change]:
    """Changed function words beyond the first couple change the wording, and count as such. A function word the
    quote has and the source lacks counts twice: the quote adding words is more than a transcript's variant."""
    out: list[Change] = []
    seen = 0
    for change in changes:
        if change.kind == "function_word":
            seen += 2 if change.quote and not change.source else 1
            if seen > FUNCTION_EDITS_TOLERATED:
                change = Change("wording", change.quote, change.source, change.at, change.swap, change.crosses)
        out.append(change)
    return out


def surface_kind(quoted: Sequence[Token], source: Sequence[Token]) -> ChangeKind | None:
    """For words the alignment counts as equal: the class of a visible difference in how they are written
    ('U.N.' / 'UN', "don't" / 'do not', '5%' / '5 percent', 'Nov.' / 'November'), or None when there is none."""
    q = " ".join(dict.fromkeys(t.text for t in quoted)).lower()
    s = " ".join(dict.fromkeys(t.text for t in source)).lower()
    if _letters(q) == _letters(s):
        return "abbreviation" if q != s and "." in q + s else None
    if any(t.parts > 1 and "'" in t.text for t in (*quoted, *source)):
        return "contraction"
    if any(t.kind == "number" or "%" in t.text for t in (*quoted, *source)):
        return "number_format"
    shortened = q.startswith(s) or s.startswith(q)  # 'Nov' / 'November'
    if "." not in q + s and _letters(q).isalpha() and _letters(s).isalpha() and not shortened:
        return "spelling"  # 'learnt' / 'learned', 'grey' / 'gray', 'alright' / 'all right'
    return "abbreviation"


def _letters(text: str) -> str:
    return re.sub(r"[^\w]", "", text)


def _whole(edit: Edit) -> ChangeKind | None:
    """A class for the stretch as a whole, when it is one tolerated difference."""
    quoted, source = edit.quote, edit.source
    if quoted and source:
        if _same_quantity(edit) or _same_date(quoted, source):
            return "number_format"
        if same_units([t.norm for t in quoted], [t.norm for t in source]) or same_units(
            [t.norm for t in source], [t.norm for t in quoted]
        ):
            return "abbreviation"  # 'mg/l' / 'milligrams per litre'
        if len(quoted) + len(source) > 2 and _other_quantity(edit):
            return "number"  # one number spelled in several words on a side: one change, not a word for each
        if _comparative_forms(quoted, source) or _comparative_forms(source, quoted):
            return "comparative_form"
        if len(quoted) == len(source) and all(respelled(a, b) for a, b in zip(quoted, source, strict=True)):
            return "spelling"
        if len(quoted) != len(source) and "".join(t.norm for t in quoted) == "".join(t.norm for t in source):
            return "spelling"  # a word written with a hyphen or without: 'e-mail' / 'email', 'co-operate'
        return None
    side, before, after = (source, edit.source_before, edit.source_after) if source else (
        quoted, edit.quote_before, edit.quote_after
    )
    if all(_is_filler(t) for t in side):
        return "filler"
    if " ".join(t.norm for t in side) in ASIDES or (
        len(side) > 1 and " ".join(t.norm for t in side[1:]) in ASIDES and side[0].norm in EDGE_WORDS
    ):
        return "aside"
    if _repeats(side, before, after) or _repeats_around_aside(side, before, after):
        return "repetition"
    if _false_start(side, before, after, in_source=bool(source)):
        return "false_start"
    if _number_unit(edit):
        return "number_format"  # '$5' / '5 dollars'
    both = _quantities(edit) if side and all(is_unit_word(t.text) for t in side) else None
    if both is not None and (both[0].value != both[1].value or _other_unit(*both)):
        # A unit written out where the other side signs another ('3.5 million pounds' / '$3.5 million'); where only
        # the value differs, that is the change, and the unit word is the figure's sign.
        return "number" if _other_unit(*both) else "number_format"
    if source and len(source) >= SPLICE_GAP:
        return "splice"  # stretches joined with the words between them left out, and no ellipsis
    return None


def _same_date(quoted: Sequence[Token], source: Sequence[Token]) -> bool:
    """Both sides write one date, the same ('November 1' / 'the first of November')."""
    date = date_of([t.text for t in quoted if t.kind != "filler"])
    return date is not None and date == date_of([t.text for t in source if t.kind != "filler"])


def _quantities(edit: Edit) -> tuple[Quantity, Quantity] | None:
    """The number each side writes, read with the number words next to the stretch; None unless both write one."""
    q = _number_phrase(edit.quote, edit.quote_before, edit.quote_after)
    s = _number_phrase(edit.source, edit.source_before, edit.source_after)
    a, b = (quantity(q) if q else None), (quantity(s) if s else None)
    return (a, b) if a is not None and b is not None else None


def _same_quantity(edit: Edit) -> bool:
    """Both sides write the same value ('thirty-five percent' / '35%', '$1.3 trillion' / '1.3 trillion
    dollars')."""
    if _same_time(edit):
        return True
    both = _quantities(edit)
    if both is None or both[0].value != both[1].value:
        return False
    a, b = both
    units_agree = a.unit == b.unit or not a.unit or not b.unit
    # '3rd' for '3' only in a date, where both are the day.
    ordinal_ok = a.ordinal == b.ordinal or _after_month(edit)
    return units_agree and ordinal_ok


def one_number(quoted: Sequence[Token], source: Sequence[Token]) -> bool:
    """The two stretches write one time of day, one year or one value, each whole ('9:15' / 'a quarter past nine')."""
    return bool(quoted and source) and _same_quantity(Edit(quoted, source, (), (), (), ()))


def _same_time(edit: Edit) -> bool:
    """Both sides write one time of day or one year, the same ('11.45' / 'eleven forty-five', '9:15' / 'a quarter
    past nine', '2028' / 'twenty twenty-eight'), in different words."""
    q = _number_phrase(edit.quote, edit.quote_before, edit.quote_after) or [t.text for t in _unique(edit.quote)]
    s = _number_phrase(edit.source, edit.source_before, edit.source_after) or [t.text for t in _unique(edit.source)]
    if not q or not s:
        return False
    a, b = clock_time(q), clock_time(s)
    if a is not None and a == b:
        return True
    years = [year_of(q), year_of(s)]
    return years[0] is not None and years[0] == years[1]



def _other_unit(a: Quantity, b: Quantity) -> bool:
    return bool(a.unit and b.unit and a.unit != b.unit)


def _other_quantity(edit: Edit) -> bool:
    """Both sides write one number, of another value or in another unit ('£4.3 million' / 'four point two million
    pounds', '3.5 million pounds' / '$3.5 million'): one changed number, however many words each side spells."""
    both = _quantities(edit)
    return both is not None and (both[0].value != both[1].value or _other_unit(*both))


def _number_unit(edit: Edit) -> bool:
    """A unit word added or dropped where the other side writes the unit as a sign ('$5' / '5 dollars')."""
    both = _quantities(edit)
    return both is not None and both[0] == both[1]


def _number_phrase(stretch: Sequence[Token], before: Sequence[Token], after: Sequence[Token]) -> list[str] | None:
    """The written words of the number the stretch is part of: the stretch with number words on either side."""
    line = [*before, *stretch, *after]
    first, stop = len(before), len(before) + len(stretch)
    if any(not _in_number(line, k) for k in range(first, stop)):
        return None
    # A comma ends a number: '11.45, two hours' is a time, then another number. (A unit added where the other side
    # has none is added to the figure before it, comma or not: '$35, most' / '35 dollars most'.)
    while first > 0 and _in_number(line, first - 1) and not (stretch and line[first - 1].paused):
        first -= 1
    while stop < len(line) and _in_number(line, stop) and not (stop > 0 and line[stop - 1].paused):
        stop += 1
    tokens = line[first:stop]
    if not any(t.kind == "number" for t in tokens):
        return None
    return [t.text for t in _unique(tokens)]


def _in_number(line: Sequence[Token], k: int) -> bool:
    """A word of a written number, or the 'and' inside one ('two hundred and forty')."""
    t = line[k]
    if is_number_word(t.text):
        return True
    if k > 0 and is_time_unit(t.text) and is_number_word(line[k - 1].text):
        return True  # 'forty minutes': the unit of a duration is part of its value
    after = line[k + 1] if k + 1 < len(line) else None
    if t.norm in ("a", "an") and after is not None and is_scale_word(after.text):
        return True  # 'a hundred and thirty-one'
    # 'three and a half': the 'and', the 'a' and the 'half' after a number said in words.
    for start in range(max(1, k - 2), k + 1):
        if [w.norm for w in line[start : start + 3]] == ["and", "a", "half"] and is_number_word(line[start - 1].text):
            return True
    inside = 0 < k < len(line) - 1 and is_scale_word(line[k - 1].text) and is_number_word(line[k + 1].text)
    return t.norm == "and" and inside


def _unique(tokens: Sequence[Token]) -> list[Token]:
    """Each original word once ('5%' is two tokens of one word)."""
    out: list[Token] = []
    for t in tokens:
        if not out or (out[-1].start, out[-1].end) != (t.start, t.end):
            out.append(t)
    return out


def _after_month(edit: Edit) -> bool:
    before = [*edit.quote_before[-1:], *edit.source_before[-1:]]
    return bool(before) and all(t.norm in _MONTH_NAMES for t in before)


_MONTH_NAMES = wordset(
    "january february march april may june july august september october november december"
)


def _comparative_forms(more: Sequence[Token], single: Sequence[Token]) -> bool:
    """'more simple' for 'simpler', 'most simple' for 'simplest': the other form of one comparison."""
    if len(more) != 2 or len(single) != 1 or more[0].norm not in ("more", "most"):
        return False
    suffix = "er" if more[0].norm == "more" else "est"
    return degree_of(more[1].norm, single[0].norm) == suffix


def degree_of(base: str, word: str) -> str | None:
    """'er' or 'est' when `word` is the comparative or superlative of `base` ('big' / 'bigger', 'easy' /
    'easiest', 'simple' / 'simpler'), else None."""
    for suffix in ("er", "est"):
        if word in _suffixed(base, suffix):
            return suffix
    return None


def same_scale(a: str, b: str) -> bool:
    """A word and one of its degrees, or two degrees of one word ('big' / 'bigger', 'longer' / 'longest')."""
    return bool(degree_of(a, b) or degree_of(b, a) or one_word_graded(a, b))


def one_word_graded(a: str, b: str) -> bool:
    """Two degrees of one word ('longer' / 'longest', 'faster' / 'fastest', 'bigger' / 'biggest')."""
    if a == b:
        return False
    for word in (a, b):
        for suffix in ("er", "est"):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                stem = word[: -len(suffix)]
                bases = {stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else stem, stem[:-1]}
                if any({a, b} <= graded_forms(base) | {base} for base in bases):
                    return True
    return False


@lru_cache(maxsize=16384)
def graded_forms(base: str) -> frozenset[str]:
    """Every spelling `degree_of` takes for the comparative or superlative of `base` (cached: alignment asks it
    of each quote word for every passage)."""
    return _suffixed(base, "er") | _suffixed(base, "est")


def _suffixed(base: str, suffix: str) -> frozenset[str]:
    stems = {base + suffix, base + suffix[1:] if base.endswith("e") else "", base + base[-1:] + suffix}
    if base.endswith("y"):
        stems.add(base[:-1] + "i" + suffix)
    return frozenset(stems - {""})


def respelled(a: Token, b: Token) -> bool:
    """One word spelled two ways: a name by a transcriber ('Qaeda' / 'Qaida', 'Katherine' / 'Kathryn'), or a
    common word by a spelling convention ('bused' / 'bussed', 'judgment' / 'judgement', 'honor' / 'honour')."""
    x, y = a.norm, b.norm
    if x == y or not x.isalpha() or not y.isalpha():
        return False
    names = _name_like(a) or _name_like(b)
    # A spelling convention keeps a word's first letter; only a name's transcription may change it ('Gaddafi' /
    # 'Qaddafi'). Most pairs compared differ there, so this is also the cheap way out.
    if (x[0] != y[0] and not names) or same_word(x, y):
        return False
    if spelling_key(x) == spelling_key(y):
        return True
    if not names:
        return False
    if fuzz.ratio(x, y) >= SPELLING_SIMILARITY:
        return True
    return min(len(x), len(y)) >= SKELETON_MIN_LETTERS and x[0] == y[0] and _skeleton(x) == _skeleton(y)


@dataclass(frozen=True)
class Spellings:
    """A text's words once each as `respelled` reads them (form, class, capital), indexed by what another spelling
    of a word shares with it: its spelling key, unless either word may be a name."""

    words: tuple[Token, ...]
    at: tuple[int, ...]  # each token's number among `words`
    keys: dict[str, tuple[int, ...]]  # the words of letters only, by spelling key
    letters: tuple[tuple[int, str], ...]  # the words of letters only, numbered
    names: tuple[tuple[int, str], ...]  # those of them that may be names

    def respellings(self, token: Token) -> list[int]:
        """The numbers of the words that spell `token` another way (`respelled`)."""
        x = token.norm
        if not x.isalpha():
            return []
        pool = set(self.keys.get(spelling_key(x), ()))
        # Where either word may be a name, its other spelling may have another key: it is then as alike by edit
        # distance as `respelled` asks, or begins with the same letter.
        scope = self.letters if _name_like(token) else self.names
        norms = [norm for _, norm in scope]
        alike = process.extract(
            x, norms, scorer=fuzz.ratio, processor=None, score_cutoff=SPELLING_SIMILARITY, limit=None
        )
        pool.update(scope[k][0] for _, _, k in alike)
        pool.update(i for i, norm in scope if norm[0] == x[0])
        return [i for i in sorted(pool) if respelled(token, self.words[i])]


def spellings_of(tokens: Sequence[Token]) -> Spellings:
    """The distinct words of `tokens` as `respelled` reads them; a passage says 'the' and 'tax' many times over."""
    number: dict[tuple[str, str, bool], int] = {}
    words: list[Token] = []
    at: list[int] = []
    for t in tokens:
        key = (t.norm, t.kind, t.text[:1].isupper())
        if key not in number:
            number[key] = len(words)
            words.append(t)
        at.append(number[key])
    letters = tuple((i, w.norm) for i, w in enumerate(words) if w.norm.isalpha())
    keys: dict[str, list[int]] = {}
    for i, norm in letters:
        keys.setdefault(spelling_key(norm), []).append(i)
    return Spellings(
        words=tuple(words), at=tuple(at), keys={k: tuple(v) for k, v in keys.items()}, letters=letters,
        names=tuple((i, norm) for i, norm in letters if _name_like(words[i])),
    )


def _name_like(token: Token) -> bool:
    """A name, or a capitalised content word at a sentence start, which may be one ('Kathryn Smith said')."""
    return token.kind == "name" or (token.kind == "content" and token.text[:1].isupper())


@lru_cache(maxsize=16384)
def spelling_key(word: str) -> str:
    """A word with the letters spelling conventions vary dropped: doubled letters, -our/-or, -ise/-ize, the e of
    'judgement'. Cached: a check compares the same few thousand words many times over."""
    key = word
    for ending, written in _WRITTEN_ENDINGS:
        key = ending.sub(written, key)
    key = _DOUBLES.sub(r"\1", key)
    for ending, written in _SPELLING_ENDINGS:
        key = ending.sub(written, key)
    return key


def _skeleton(word: str) -> str:
    return _DOUBLES.sub(r"\1", _VOWELS.sub("", word[1:]))


def pair_kind(quoted: Token, source: Token) -> ChangeKind:
    """The class of one quote word standing in place of a different source word."""
    if respelled(quoted, source):
        return "spelling"
    if _written_short(quoted, source) or _written_short(source, quoted):
        return "abbreviation"  # 'Ft. Worth' / 'Fort Worth', 'Mt. Vernon' / 'Mount Vernon'
    for kind in ("negation", "quantifier", "modal", "number", "name", "degree"):
        if kind in (quoted.kind, source.kind):
            return _KIND_OF_CLASS[kind]
    # '-er' and '-est' are read on content words only: 'her' is no degree of 'he'.
    a, b = quoted.norm, source.norm
    if quoted.kind == source.kind == "content" and (same_scale(a, b) or _superlatives(a, b)):
        return "comparison"
    if "person" in (quoted.kind, source.kind):
        return "person"  # who does what: 'we' for 'they', 'you' for the people named
    if same_word(quoted.norm, source.norm):
        return "word_form"
    if quoted.kind in ("function", "filler") and source.kind in ("function", "filler"):
        return "function_word"
    return "word"


def _written_short(short: Token, full: Token) -> bool:
    """A capitalised word written short with a full stop, its letters in the full word's order from its first:
    'Ft.' of 'Fort', 'Mt.' of 'Mount', 'Sgt.' of 'Sergeant'."""
    a, b = short.text.lower(), full.text.lower()
    if not short.dotted or not short.text[:1].isupper() or not 2 <= len(a) <= 4 or len(b) <= len(a) or a[0] != b[0]:
        return False
    rest = iter(b[1:])
    return a.isalpha() and all(letter in rest for letter in a[1:])


def _superlatives(a: str, b: str) -> bool:
    """Two comparatives or two superlatives ('smaller' for 'bigger', 'smallest' for 'biggest'): one comparison for
    another. (A pair of other words ending alike may be named a comparison too; it is a change of meaning either
    way.)"""
    return any(all(len(w) > len(suffix) + 2 and w.endswith(suffix) for w in (a, b)) for suffix in ("est", "er"))


def _single_kind(
    token: Token,
    side: Sequence[Token],
    k: int,
    before: Sequence[Token],
    after: Sequence[Token],
    edit: Edit,
) -> ChangeKind:
    """The class of a word on one side only: added to the quote, or left out of it."""
    prev = side[k - 1] if k > 0 else (before[-1] if before else None)
    nxt = side[k + 1] if k + 1 < len(side) else (after[0] if after else None)
    if (prev is not None and prev.norm == token.norm) or (nxt is not None and nxt.norm == token.norm):
        return "repetition"  # 'never, never again', 'I I think'
    if token.kind == "filler":
        return "filler"
    ends = prev is not None and prev.paused and (nxt is None or nxt.sentence_start)
    if token.kind == "name" and ends and _spoken_to(side[:k], before):
        return "address"  # 'We can't afford one lounge, Ferdie.': the listener named, set off at the sentence's end
    at_edge = (k == 0 and not before) or (k == len(side) - 1 and not after)
    if (at_edge or token.sentence_start) and token.norm in EDGE_WORDS and token.kind != "negation":
        return "discourse"  # an opening 'And', 'So', 'Well'
    if token.kind in _KIND_OF_CLASS:
        return _KIND_OF_CLASS[token.kind]
    if token.kind == "function":
        return "function_word"
    return "word"


def _spoken_to(side: Sequence[Token], before: Sequence[Token]) -> bool:
    """The sentence up to a word is said by someone to someone: a pronoun of the first or second person in it
    ('We can't afford one lounge, Ferdie.'), which a name in apposition has no need of ('the mother of the officer,
    Chaznea')."""
    for token in reversed([*before, *side]):
        if token.kind == "person" and token.norm in _FIRST_AND_SECOND:
            return True
        if token.sentence_start:
            return False
    return False


def _repeats(side: Sequence[Token], before: Sequence[Token], after: Sequence[Token]) -> bool:
    """The stretch repeats the words right before or after it ('we will, we will fix'; 'very, very')."""
    n = len(side)
    norms = [t.norm for t in side]
    return (len(before) >= n and [t.norm for t in before[-n:]] == norms) or (
        len(after) >= n and [t.norm for t in after[:n]] == norms
    )


def _repeats_around_aside(side: Sequence[Token], before: Sequence[Token], after: Sequence[Token]) -> bool:
    """A word said again after an aside or a filler ('had, you know, had space', 'the same, ah, the same worries'),
    with its subject's pronoun or not ('are, you know, they're'): the stretch is the aside and one saying of the
    words it interrupts."""
    for k in range(1, len(side)):
        head, tail = side[:k], side[k:]
        if _is_aside(tail) and _repeats(head, before, after):
            return True
        if _is_aside(head) and _repeats(tail, before, after):
            return True
        if _is_aside(head) and len(tail) > 1 and tail[0].kind == "person" and _repeats(tail[1:], before, after):
            return True  # 'are, you know, they're the ones': the subject taken up again by its pronoun
    return False


def _is_aside(tokens: Sequence[Token]) -> bool:
    """One thing said in passing: an aside ('you know', 'I mean') or a run of fillers."""
    return " ".join(t.norm for t in tokens) in ASIDES or all(_is_filler(t) for t in tokens)


def _without_trailing_aside(side: Sequence[Token]) -> Sequence[Token]:
    """The stretch without an aside or a run of fillers at its end ('that's just -- I mean' -> 'that's just')."""
    return next((side[:k] for k in range(1, len(side)) if _is_aside(side[k:])), side)


def _false_start(side: Sequence[Token], before: Sequence[Token], after: Sequence[Token], in_source: bool) -> bool:
    """A start the speaker took back: a stretch broken off with a dash where a sentence began ('I'm -- we're
    fixing'), or, in the source, a short start the words after it take up again ('Biden and all of -- and Susan
    Rice') or the restart after a dash that restates the words before it ('Betsy DeVos is -- she's doing'), or a
    few words broken off mid-sentence and abandoned ('opposed -- personally opposed'), or a start of function
    words only, broken off by a comma or a dash, that the restart restates ('which is a,
    it's an older defence')."""
    if len(side) > FALSE_START_WORDS:
        return False
    # Words set off by dashes on both sides are an aside, not a false start.
    if side[-1].broken_off and (not before or side[0].sentence_start) and not (before and before[-1].broken_off):
        return True
    if not in_source:
        return False
    if after and side[0].norm == after[0].norm and (len(side) <= RESTART_WORDS or side[-1].broken_off):
        return True
    # 'that's just -- I mean, that's what Trump says': the start broken off, then an aside before the restart.
    head = _without_trailing_aside(side)
    if len(head) < len(side) and head[-1].broken_off and after and head[0].norm == after[0].norm:
        return True
    if side[-1].broken_off and len(side) <= RESTART_WORDS:
        # 'I have been opposed -- personally opposed', 'we will cut -- fix the road': a few words broken off and
        # abandoned, the words after the dash going on in their place.
        return True
    if not before or side[-1].norm != before[-1].norm:
        return False
    if before[-1].broken_off:
        return True
    abandoned = side[:-1]
    return (
        bool(abandoned)
        and len(side) <= RESTART_WORDS
        and all(t.kind == "function" for t in abandoned)
        and any(t.paused or t.broken_off for t in abandoned)
    )

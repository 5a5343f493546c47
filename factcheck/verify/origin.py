"""Whether a passage is where a changed quote came from, or another sentence that shares some of its words.

An alteration claims that the speaker said these words in one place and the quote changed them. That needs:
the quote covered by one stretch of the source (a sentence or a short run of them) with most of its content
kept in order; the quote not running on past that stretch with words of its own; few changes against what it
keeps; kept words that point to this place rather than to a phrase the speaker uses everywhere; and changed
words that are not the speaker's own wording somewhere else (a stump speech says one line many ways). The
criterion counts words and looks phrases up in the speaker's passages, so it holds for a two-hour rally as well
as for a debate turn.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from factcheck.align import Alignment
from factcheck.changes import Change, one_word_graded
from factcheck.numbers import is_unit_word
from factcheck.stages import SourceStore
from factcheck.tokens import Token, is_content, says_something, tokenize
from factcheck.types import DiffOp
from factcheck.verify.slots import SlotReader, closed_slot

# Most of the quote's content words must be kept: a share of them, or less with a close dense match.
KEPT_CONTENT_SHARE = 0.6
KEPT_DENSE_SHARE = 0.45
CLOSE_DENSE = 0.85
# Changed words at most this share of the content words kept; a word swapped in place counts half.
CHANGE_SHARE = 0.5
SWAP_WEIGHT = 0.5
# Content words kept around a swapped content word for the swap to stand in a sentence.
SWAP_CONTEXT = 2
# The kept words must point to one place: by chance, fewer than this many of the speaker's passages would hold
# them all ('strong' is in hundreds of a politician's passages, 'bad hombres' in one) ...
CHANCE_PLACES = 1.0
# ... or a stretch of them, as the source has them side by side, is in at most this many of the speaker's
# passages (a sentence can sit in two transcripts of one event).
PHRASE_PLACES = 2
# A word's passages are counted up to this many: beyond it, the word is common for the speaker anyway.
WORD_COUNT_CAP = 64
# Passages holding the quote's own wording read to find another occasion of the quote.
OCCASIONS = 32
# Words on each side of a splice must be a stretch, not a stray word.
SPLICE_PART = 3
_INDEX_WORDS = re.compile(r"\w+")
# A quote this long that is a whole sentence of the passage, word for word but for a closed-class word, is that
# sentence however common its words.
SENTENCE_TOKENS = 5
# The changes a whole sentence may carry and stay that sentence: one closed-class word in its place.
_SENTENCE_CHANGES = frozenset({"negation", "quantifier", "modal", "number", "comparison"})
# Differences that add words outside what was said: they do not move the quote's edge.
_OUTSIDE = frozenset({"filler", "discourse", "function_word", "aside", "insertion"})


@dataclass
class SpeakerPhrases:
    """How often a phrase occurs in one speaker's passages, looked up in the store and remembered per check."""

    store: SourceStore | None
    _counts: dict[tuple[str, str | None], int] = field(default_factory=dict)
    _texts: dict[tuple[str, str | None, int], list[str]] = field(default_factory=dict)

    def count(self, phrase: str, speaker: str | None, limit: int = 1) -> int:
        """Passages by `speaker` (anyone when None) holding the exact phrase, counted up to `limit`."""
        if self.store is None or not phrase.strip():
            return 0
        key = (phrase.lower(), speaker)
        if key not in self._counts:
            hits = self.store.lexical_search(phrase, limit, [speaker] if speaker else None, match="phrase")
            self._counts[key] = sum(1 for h in hits if h.phrase)
        return self._counts[key]

    def texts(self, phrase: str, speaker: str | None, limit: int) -> list[str]:
        """The texts of up to `limit` passages by `speaker` (anyone when None) holding the exact phrase."""
        if self.store is None or not phrase.strip():
            return []
        key = (phrase.lower(), speaker, limit)
        if key not in self._texts:
            hits = self.store.lexical_search(phrase, limit, [speaker] if speaker else None, match="phrase")
            self._texts[key] = [h.passage.text for h in hits if h.phrase]
        return self._texts[key]

    def chance(
        self, words: Sequence[str], speaker: str | None, passages: int | None, runs: Sequence[str] = ()
    ) -> float:
        """How many of the speaker's `passages` passages would hold all the words by chance, from how many of
        them hold each (the whole store's passages when there is no speaker or no count); 0 without a store.
        Words the passage has side by side in one of `runs` count as one unit, by the passages holding that
        phrase: 'every single' is said as one, and is in more passages than its words' shares would suggest."""
        if self.store is None:
            return 0.0
        distinct = set(words)
        units: list[str] = []
        for run in runs:
            inside = {w.lower() for w in _INDEX_WORDS.findall(run)} & distinct
            if len(inside) >= 2:
                units.append(run)
                distinct -= inside
        counts = self.store.term_passages(sorted(distinct))
        rarest = sorted(distinct, key=lambda w: counts.get(w, 0))
        held: Iterable[int]
        if speaker is None or not passages:
            total = float(max(1, self.store.count_passages()))
            held = itertools.chain(
                (self.count(run, None, limit=WORD_COUNT_CAP) for run in units), (counts.get(w, 0) for w in rarest)
            )
        else:
            total = float(passages)
            held = (self.count(unit, speaker, limit=WORD_COUNT_CAP) for unit in [*units, *rarest])
        expected = total
        for n in held:
            expected *= n / total  # the passage itself holds each word: one place at least
            if expected < CHANCE_PLACES / 100:
                break  # rare enough already: the rest of the words are not looked up
        return expected


@dataclass(frozen=True)
class Origin:
    """The verdict on a passage as the source of a changed quote, and the changes that count."""

    same_place: bool
    changes: tuple[Change, ...] = ()
    why_not: str | None = None


@dataclass(frozen=True)
class Place:
    """Whose passage it is and how much the store holds by them."""

    speaker: str | None
    passages: int | None  # the speaker's passages in the store; None: count the whole store
    dense: float  # the passage's dense similarity to the quote
    # Passages of the speaker with the same words word for word over the stretch (this one included): a line told
    # the same way at several events is one line, and its tellings one place.
    tellings: int = 1
    # The stretch aligned is a whole sentence of the passage, from its first word to its last.
    sentence: bool = False


def origin(
    alignment: Alignment, quote: Sequence[Token], place: Place, phrases: SpeakerPhrases, slots: SlotReader | None = None
) -> Origin:
    """Whether the aligned passage is the place the quote was changed from, and which changes count there; `slots`
    reads the grammar of the quote and the passage (without it, words at the quote's edge are taken to stand in the
    passage words' slot)."""
    a = alignment
    kept = kept_words(a.ops)
    if not kept:
        return Origin(False, why_not="no word of the quote that says something is in the passage")
    if _runs_on(a, quote):
        return Origin(False, why_not="the quote goes on where the passage's sentence does not")
    if slots is not None and _parts_at_edge(a, len(quote), slots):
        return Origin(False, why_not="where the quote parts from the passage, its words are of another kind")
    if not _splices_hold(a.ops):
        return Origin(False, why_not="the quote's words are scattered over the passage")
    # A word swapped in place for one other keeps the sentence around it: it counts half kept. A content word
    # swapped beside a single kept one ('nasty guy' of 'nasty commercials') has no sentence around it: two
    # phrases that share a word.
    swaps = [c for c in a.meaning_changes if c.swap and (a.matched_content >= SWAP_CONTEXT or not _content_swap(c))]
    swapped = sum(len(c.quote) for c in swaps)
    swapped_content = sum(1 for c in swaps for t in c.quote if is_content(t))
    share = max(
        (a.matched_content + SWAP_WEIGHT * swapped_content) / a.content_weight if a.content_weight else 0.0,
        (a.tokens_matched + SWAP_WEIGHT * swapped) / max(1, a.quote_tokens),
    )
    if share < KEPT_CONTENT_SHARE and not (place.dense >= CLOSE_DENSE and share >= KEPT_DENSE_SHARE):
        return Origin(False, why_not="the passage holds too little of the quote")
    if changed_weight(a) > max(1.0, a.matched_content * CHANGE_SHARE):
        return Origin(False, why_not="as many words changed as kept: another sentence")
    tellings = max(1, place.tellings)
    if (
        phrases.chance(kept, place.speaker, place.passages, _source_runs(a.ops)) > CHANCE_PLACES * tellings + 1e-9
        and not _pinned(a.ops, place.speaker, phrases, tellings)
        and not _whole_sentence(a, quote, place)
    ):
        kept_text = " ".join(kept) or "none"
        return Origin(False, why_not=f"the words kept ({kept_text}) are in many of the speaker's passages")
    speaker = place.speaker
    counted = tuple(c for c in a.meaning_changes if not _own_wording(c, quote, speaker, phrases))
    if not counted:
        return Origin(False, why_not="the changed words are the speaker's own wording elsewhere")
    return Origin(True, counted)


def _whole_sentence(a: Alignment, quote: Sequence[Token], place: Place) -> bool:
    """'They do have to buy in' of 'They do not have to buy in.': the quote is a whole sentence of the passage,
    every word in place but one closed-class word, so it is that sentence however common its words are."""
    changes = a.meaning_changes
    return (
        place.sentence
        and len(quote) >= SENTENCE_TOKENS
        and len(changes) == 1
        and changes[0].kind in _SENTENCE_CHANGES
        and len(changes[0].quote) + len(changes[0].source) == 1
    )


def _content_swap(change: Change) -> bool:
    return change.kind == "word" and any(is_content(t) for t in change.quote)


def changed_weight(a: Alignment) -> float:
    """Content words changed, added or dropped, and changed negations, numbers, quantifiers and the like; a word
    swapped for one other word in place counts half (the sentence around it is the same). A splice is judged
    apart and not counted."""
    total = 0.0
    for c in a.meaning_changes:
        if c.kind == "splice":
            continue
        # A stretch of content words counts each; any other change (a name, a negation, a number) counts once.
        weight = float(sum(1 for t in (c.quote or c.source) if is_content(t))) if c.kind == "word" else 1.0
        total += weight * (SWAP_WEIGHT if c.swap else 1.0)
    return total


def _runs_on(a: Alignment, quote: Sequence[Token]) -> bool:
    """The quote opens or closes with words of its own where the passage's sentence has none: it is another
    sentence that shares the rest ('a total disaster [for workers]' against 'NAFTA is a total disaster. [We]')."""
    n = len(quote)
    # Words a transcript or an editor adds ('And', a filler) stand outside what was said: the edge is past them.
    outside = _quote_positions(a, lambda c: c.kind in _OUTSIDE)
    for c in a.meaning_changes:
        leading, trailing = _edge(c, n, outside)
        if trailing and c.quote and not c.source and c.quote[0].sentence_start:
            return True  # a sentence of the quote's own after the passage's ('not me. [Us.]')
        if not (leading or trailing) or not any(is_content(t) for t in c.quote):
            continue
        if c.kind == "number" and all(is_unit_word(t.text) for t in c.quote):
            continue  # another currency written out after the figure ('3.5 million pounds' for '$3.5 million')
        if not c.source or (c.swap and not any(says_something(t) for t in c.source)):
            return True  # words of the quote's own at its edge (in place of a function word at most)
        if c.crosses:
            return True  # in place of source words across a sentence boundary: another sentence
    return False


def _parts_at_edge(a: Alignment, n: int, slots: SlotReader) -> bool:
    """The quote opens or closes with words in place of the passage's that are of another kind (a name where the
    passage has a verb, 'the people' where it has 'if we'): the two sentences part there, and the quote is another
    sentence that shares the words between."""
    # The stretch where they part may be several changes side by side ('My plan will' for 'me finish, please').
    changed = _quote_positions(a, lambda c: c.kind in _OUTSIDE or not c.tolerated)
    for c in a.meaning_changes:
        if not c.quote or not c.source or c.kind == "splice":
            continue
        if c.kind == "number" and all(any(t.kind == "number" for t in side) for side in (c.quote, c.source)):
            continue  # one number for another, however many words each side spells it in ('$480' for 'Three ...')
        leading, trailing = _edge(c, n, changed)
        if (leading or trailing) and not slots.same_slot(c.quote, c.source, from_end=leading):
            return True
    return False


def _edge(change: Change, n: int, outside: set[int]) -> tuple[bool, bool]:
    """Whether the change opens and whether it closes the quote, past the quote words at `outside`."""
    leading = all(k in outside for k in range(change.at))
    trailing = all(k in outside for k in range(change.at + len(change.quote), n))
    return leading, trailing


def _quote_positions(a: Alignment, chosen: Callable[[Change], bool]) -> set[int]:
    """The positions of the quote words in the chosen changes."""
    return {c.at + k for c in a.changes if chosen(c) for k in range(len(c.quote))}


def _content_words(text: str) -> int:
    return sum(1 for t in tokenize(text) if is_content(t))


def _splices_hold(ops: Sequence[DiffOp]) -> bool:
    """Every stretch left out without an ellipsis lies between two kept stretches (a few words, or a number or
    name that pins the place), not between stray words."""
    for k, op in enumerate(ops):
        if op.change != "splice":
            continue
        if not (_stretch(_kept_run(reversed(ops[:k]))) and _stretch(_kept_run(ops[k + 1 :]))):
            return False
    return True


def _stretch(run: Sequence[DiffOp]) -> bool:
    tokens = [t for op in run for t in tokenize(op.quote)]
    return len(tokens) >= SPLICE_PART or any(t.kind in ("number", "name") for t in tokens)


def _kept_run(ops: Iterable[DiffOp]) -> list[DiffOp]:
    run: list[DiffOp] = []
    for op in ops:
        if op.op != "equal" and not op.tolerated:
            break
        if op.op == "equal":
            run.append(op)
    return run


def _pinned(ops: Sequence[DiffOp], speaker: str | None, phrases: SpeakerPhrases, tellings: int = 1) -> bool:
    """A stretch of kept words that the source has side by side, with a word that says something, is in few of
    the speaker's passages ('must begin' of 'must not begin'), besides the line's other tellings."""
    places = PHRASE_PLACES + tellings - 1
    for run, after in _source_runs_followed(ops):
        n = phrases.count(run, speaker, limit=places + 1)
        if n > places:
            continue
        # More places than one are the line told again only when they go on alike ('our country was rich' and
        # 'our country was going in the wrong direction' are a turn of phrase, not one sentence).
        if n <= tellings or after is None or phrases.count(f"{run} {after}", speaker, limit=places + 1) >= n:
            return True
    return False


def _source_runs_followed(ops: Sequence[DiffOp]) -> list[tuple[str, str | None]]:
    """Each run of `_source_runs` with the source's next word after it, when the source goes on."""
    runs = _source_runs(ops)
    out: list[tuple[str, str | None]] = []
    for run in runs:
        after = None
        words = run.split()
        for k, op in enumerate(ops):
            ends_run = op.op == "equal" and op.source.split()[-1:] == words[-1:] and run.endswith(op.source)
            if ends_run and k + 1 < len(ops) and ops[k + 1].source:
                after = ops[k + 1].source.split()[0]
        out.append((run, after))
    return out


def _source_runs(ops: Sequence[DiffOp]) -> list[str]:
    """The kept words in runs that stand side by side in the source (words only the quote has, and a closed-class
    word swapped in its slot, do not part them), those of at least two words with one that says something."""
    runs: list[list[str]] = [[]]
    for op in ops:
        if op.op == "equal" and op.quote != "…":
            runs[-1].append(op.source)
        elif op.op == "replace" and _slot_swap(op):
            # One closed-class word in place of another ('two brilliant' quoted 'three brilliant') keeps the
            # source's stretch: the words around the slot, with the source's word in it, are the place.
            runs[-1].append(op.source)
        elif op.source:
            runs.append([])
    texts = [" ".join(run) for run in runs if run]
    return [t for t in texts if len(tokenize(t)) >= 2 and any(says_something(x) for x in tokenize(t))]


def _slot_swap(op: DiffOp) -> bool:
    """One word in place of one other of its closed class ('two' for 'three', 'will' for 'may', 'we' for 'they'), or
    of its degree ('longest' for 'longer')."""
    quoted, source = tokenize(op.quote), tokenize(op.source)
    if len(quoted) != 1 or len(source) != 1:
        return False
    if one_word_graded(quoted[0].norm, source[0].norm):
        return True  # another degree of the same word ('longest' for 'longer') stands in its slot
    return closed_slot(quoted[0], source[0])


def kept_words(ops: Sequence[DiffOp]) -> list[str]:
    """The quote's kept words that say something (not function words or pronouns), as the store indexes them."""
    words: list[str] = []
    for op in ops:
        if op.op == "equal" and op.quote != "…" and not op.tolerated:
            words += [w.lower() for t in tokenize(op.quote) if t.kind not in ("function", "person", "filler")
                      for w in _INDEX_WORDS.findall(t.text)]  # fmt: skip
    return words


def _own_wording(change: Change, quote: Sequence[Token], speaker: str | None, phrases: SpeakerPhrases) -> bool:
    """The quote's words at the change, with the nearest content word on either side, are words the speaker says
    in another passage: the quote may be their words from another occasion, not a changed copy of this one."""
    if change.kind in ("splice", "word_form") or not quote:
        return False
    # The changed quote words, or for words left out, the gap between the quote words around them.
    lo, hi = _extend(quote, change.at, change.at + len(change.quote))
    if not change.quote:
        # Words left out: the phrase spans the gap, or it is only words the passage itself has side by side.
        lo, hi = min(lo, max(0, change.at - 1)), max(hi, min(len(quote), change.at + 1))
    words = quote[lo:hi]
    if len(words) < 2 or not any(is_content(t) for t in words if not any(t is c for c in change.quote)):
        return False
    phrase = " ".join(dict.fromkeys(t.text for t in words))
    # The other occasion must be about what the quote is about: a passage with the phrase that also holds half the
    # quote's other content words. 'will take' is in many of a president's passages, none of them about 'one vial,
    # one canister'; 'the greatest economy' of a stump line comes back with 'history' and 'country' around it.
    context = {t.norm for k, t in enumerate(quote) if is_content(t) and not lo <= k < hi}
    if not context:
        # The phrase is all the quote says: the other occasion must hold the quote as quoted ('not run' of 'solve
        # problems, not run for the hills' is not 'he can not run').
        return phrases.count(" ".join(t.text for t in quote), speaker, limit=1) > 0
    needed = (len(context) + 1) // 2
    for text in phrases.texts(phrase, speaker, limit=OCCASIONS):
        if len(context & {t.norm for t in tokenize(text)}) >= needed:
            return True
    return False


def _extend(quote: Sequence[Token], lo: int, hi: int) -> tuple[int, int]:
    """Widen [lo, hi) to take in the nearest content word on each side that has one."""
    left = next((k for k in range(lo - 1, -1, -1) if is_content(quote[k])), None)
    right = next((k for k in range(hi, len(quote)) if is_content(quote[k])), None)
    return (lo if left is None else left), (hi if right is None else right + 1)

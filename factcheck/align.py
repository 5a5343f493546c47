"""Word-level alignment of a quote to a source passage; what differs is classified by `factcheck.changes`."""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from factcheck.changes import (
    CRITICAL,
    EDGE_WORDS,
    TOLERATED,
    TOLERATED_NOTE,
    Change,
    ChangeKind,
    Edit,
    Spellings,
    classify,
    graded_forms,
    limit_function_words,
    one_number,
    spellings_of,
    surface_kind,
    transcript_words,
)
from factcheck.numbers import Quantity, clock_time, date_of, is_number_word, is_scale_word, is_unit_word, quantity
from factcheck.tokens import (
    WEIGHT_WORD,
    QuotePattern,
    Token,
    is_content,
    normalise,
    parse_quote,
    slot_kinds,
    stem,
    tokenize,
)
from factcheck.types import DiffOp, DiffOpName

__all__ = [
    "Alignment", "QuotePattern", "Token", "align", "content_bound", "diff_text", "normalise", "parse_quote",
    "tokenize",
]  # fmt: skip

# A tolerated difference weighs this little in the search for the best placement.
MINOR_COST = 0.05
# Morphological variants (tax / taxes) cost a fraction of a full substitution; a word for a different word costs
# a little more than the heavier of the two, so that a placement over words the quote shares beats one over
# stray words of the same weight.
VARIANT_FACTOR = 0.35
SUBSTITUTE_FACTOR = 1.2
# Closed classes whose words stand in for one another (a quantifier for a quantifier, a modal for a modal, a
# number for a number): one in place of another of its class is the change the rule names, placed where the
# words around it are, so it costs what a morphological variant does rather than pulling the quote elsewhere.
# Quantifiers and degree words are one scale ('most' is both: 'most Americans', 'most vulnerable').
# Each class is a bit: a negation that quantifies ('no', 'never') is in the negations' and the quantifiers'.
SWAP_CLASSES: dict[str, int] = {"negation": 1, "quantifier": 2, "degree": 2, "modal": 4, "number": 8}
# Source words on either side of a differing stretch that its classification may look at.
CONTEXT = 8
# A [bracketed] insertion may stand for up to this many source words.
BRACKET_SPAN = 6
# While searching, a quote word left unmatched costs more than a skipped source word, so the quote is
# placed over the passage words it shares (a dropped "not" is then reported, not dodged); and more than
# putting it in place of another word of its weight.
SEARCH_INSERT_FACTOR = 1.25
SEARCH_INSERT_EXTRA = 0.25


@dataclass(frozen=True)
class Alignment:
    """The best placement of a quote in a passage and what differs, every difference classified."""

    ops: tuple[DiffOp, ...]
    changes: tuple[Change, ...]
    cost: float
    quote_weight: float
    matched_weight: float
    match_start: int
    match_end: int
    tokens_matched: int
    quote_tokens: int
    content_weight: float = 0.0  # content words of the quote (each counts one, numbers and names too)
    matched_content: float = 0.0

    @property
    def meaning_changes(self) -> tuple[Change, ...]:
        """The differences that change what was said."""
        return tuple(c for c in self.changes if not c.tolerated)

    @property
    def critical_edits(self) -> int:
        """Changed negations, quantifiers, modals, numbers, comparisons and names."""
        return sum(1 for c in self.changes if c.kind in CRITICAL)

    @property
    def form_edits(self) -> int:
        """Words in another form ('taxes' for 'tax')."""
        return sum(1 for c in self.changes if c.kind == "word_form")

    @property
    def content_edits(self) -> int:
        """Content words, pronouns and wording changed, added or dropped."""
        return sum(1 for c in self.changes if c.kind in ("word", "person", "wording"))

    @property
    def minor_edits(self) -> int:
        """Differences a transcript or an editor makes."""
        return sum(1 for c in self.changes if c.tolerated)

    @property
    def critical_words(self) -> tuple[str, ...]:
        """The words of every change of meaning, as the quote has them (as the source has them if dropped)."""
        return tuple(_text(c.quote or c.source) for c in self.meaning_changes)

    @property
    def distortion(self) -> float:
        """Weighted edits relative to the quote's weight (0 = verbatim)."""
        return self.cost / max(self.quote_weight, 1e-9)

    @property
    def content_coverage(self) -> float:
        """Share of the quote's content words (not function words) found unchanged, or spelled another way, in the
        passage."""
        return self.matched_content / self.content_weight if self.content_weight else self.coverage

    @property
    def coverage(self) -> float:
        """Share of the quote's weight found in the passage."""
        return self.matched_weight / max(self.quote_weight, 1e-9)

    @property
    def verbatim(self) -> bool:
        """Only differences a transcript or an editor makes (see `factcheck.changes`), and more of the quote found
        than words it adds of its own ('jobs, jobs, jobs' is not 'jobs')."""
        # An aside or a run of fillers is one thing said in passing, however many words it takes ('you know'); a
        # unit written out ('dollars' for the '$' of '$35') and an editor's marked insertion add nothing.
        added = sum(
            1 if c.kind in ("aside", "filler") else len(c.quote)
            for c in self.changes if c.quote and not c.source and c.kind not in ("insertion", "number_format")
        )
        # A function word of the quote's own is a transcript's slip only beside more of what the words say than it
        # adds ('you also hear' is not 'you hear'; 'fix the bridge' is 'fix bridge').
        own = sum(len(c.quote) for c in self.changes if c.kind == "function_word" and c.quote and not c.source)
        kept_enough = not own or self.matched_content > own
        return not self.meaning_changes and added < max(1, self.tokens_matched) and kept_enough

    @property
    def word_for_word(self) -> bool:
        """Not even a tolerated difference (a contraction written out is none)."""
        return all(c.kind == "contraction" for c in self.changes)


@dataclass(frozen=True)
class _Words:
    """Tokens of a text with what alignment compares, computed once per text."""

    tokens: list[Token]
    norms: tuple[str, ...]
    stems: tuple[str, ...]
    weights: npt.NDArray[np.float64]
    critical: npt.NDArray[np.bool_]
    classes: npt.NDArray[np.int64]  # the bits of the word's classes in SWAP_CLASSES, 0 for words of other classes
    spellings: Spellings
    spelling_at: npt.NDArray[np.int64]  # each token's number in `spellings`


def _words(tokens: Sequence[Token]) -> _Words:
    spellings = spellings_of(tokens)
    return _Words(
        tokens=list(tokens),
        norms=tuple(t.norm for t in tokens),
        stems=tuple(stem(t.norm) for t in tokens),
        weights=np.array([t.weight for t in tokens], dtype=np.float64),
        critical=np.array([t.critical for t in tokens], dtype=bool),
        classes=np.array([_swap_class(t) for t in tokens], dtype=np.int64),
        spellings=spellings,
        spelling_at=np.array(spellings.at, dtype=np.int64),
    )


def _swap_class(token: Token) -> int:
    return sum({SWAP_CLASSES.get(kind, 0) for kind in slot_kinds(token)})


@dataclass(frozen=True)
class _QuoteVocabulary:
    """Quote words and their numbering; passage words are looked up in `norm_codes` / `stem_codes`."""

    words: _Words
    norm_codes: dict[str, int]
    stem_codes: dict[str, int]
    ids: npt.NDArray[np.int64]
    stem_ids: npt.NDArray[np.int64]
    insert_costs: npt.NDArray[np.float64]  # what leaving each quote word unmatched costs the search


@lru_cache(maxsize=256)
def _quote_vocabulary(tokens: tuple[Token, ...]) -> _QuoteVocabulary:
    """The quote's words numbered for alignment, built once however many passages it is aligned to."""
    words = _words(tokens)
    # Only equality matters, so the quote's own words are numbered and passage words looked up.
    norm_codes = {w: i for i, w in enumerate(dict.fromkeys(words.norms))}
    stem_codes = {w: i for i, w in enumerate(dict.fromkeys(words.stems))}
    return _QuoteVocabulary(
        words, norm_codes, stem_codes, _codes(words.norms, norm_codes), _codes(words.stems, stem_codes),
        _insert_costs(tokens),
    )


def _insert_costs(tokens: Sequence[Token]) -> npt.NDArray[np.float64]:
    """A quote word left unmatched costs more than a skipped source word, so the quote is placed over the words it
    shares (a dropped 'not' is then reported, not dodged); but a filler, an aside, a word said twice or a start
    broken off costs little, since a transcript-based quote carries them where the source has none."""
    costs = np.array(
        [max(t.weight, WEIGHT_WORD) * SEARCH_INSERT_FACTOR + SEARCH_INSERT_EXTRA for t in tokens], dtype=np.float64
    )
    for k in transcript_words(tokens):
        costs[k] = MINOR_COST
    # 'more' or 'most' before an adjective may be the other comparative form of one source word ('more big' for
    # 'bigger'): the search places the adjective over that word, and the diff tells which it is.
    for k, (t, after) in enumerate(itertools.pairwise(tokens)):
        if t.norm in ("more", "most") and _graded(after):
            costs[k] = MINOR_COST
        # A unit written out after a number ('100 billion dollars') may be a sign on the source's figure ('$100
        # billion'): the search leaves it over no word rather than over the word after the figure.
        if t.kind == "number" and is_unit_word(after.text):
            costs[k + 1] = MINOR_COST
    return costs


@lru_cache(maxsize=4096)
def _passage_words(text: str) -> _Words:
    """Passage words, cached: the same passages come back for many quotes."""
    return _words(tokenize(text))


def _codes(words: Sequence[str], vocabulary: dict[str, int]) -> npt.NDArray[np.int64]:
    """Each word's number in the quote's vocabulary; -1 for words the quote does not have."""
    return np.array([vocabulary.get(w, -1) for w in words], dtype=np.int64)


def content_bound(pattern: QuotePattern, passage: str) -> float:
    """An upper bound on `align(pattern, passage).content_coverage`, at a fraction of its cost: the share of
    the quote's content words the passage has in some form or spelling. 1.0 for a quote with no content words."""
    content = [t for t in pattern.tokens if is_content(t)]
    if not content:
        return 1.0
    words = _passage_words(passage)
    norms, stems = set(words.norms), set(words.stems)
    found = [t.norm in norms or stem(t.norm) in stems or bool(_graded(t) & norms) for t in content]
    # Only a word found in no form is looked for in another spelling (the slower test).
    found = [f or bool(words.spellings.respellings(t)) for t, f in zip(content, found, strict=True)]
    return sum(found) / len(content)


def _graded(token: Token) -> frozenset[str]:
    """The comparative and superlative of a content word: 'more high' is how a quote may write 'higher'."""
    return graded_forms(token.norm) if is_content(token) and token.norm.isalpha() else frozenset()


def align(quote: str | QuotePattern, passage: str) -> Alignment | None:
    """Align every quote word to the passage (free ends in the passage); None when either has no words."""
    pattern = quote if isinstance(quote, QuotePattern) else parse_quote(quote)
    q = pattern.tokens
    pw = _passage_words(passage)
    p = pw.tokens
    n, m = len(q), len(p)
    if n == 0 or m == 0:
        return None
    qv = _quote_vocabulary(pattern.tokens)
    qw = qv.words
    q_id, p_id = qv.ids, _codes(pw.norms, qv.norm_codes)
    q_stem, p_stem = qv.stem_ids, _codes(pw.stems, qv.stem_codes)
    q_w, p_w = qw.weights, pw.weights
    # prefix[j] = cost of skipping p[0:j]. A skipped word costs its weight up to a content word's: placing the quote
    # over the words it shares with one 'not' left out beats placing it over stray words.
    skips = np.minimum(p_w, WEIGHT_WORD)
    # A figure said aloud in several words ('a hundred and ten thousand pounds' for '£110,000') is one word to
    # place: the figure stands over the run's last word, and the run's other words cost nothing to pass over.
    said = _said_spans(q, passage)
    insert_costs = qv.insert_costs
    for qa, qb, start, stop in said:
        skips[start + (qb - qa > 1) : stop - 1] = 0.0
        if qb - qa > 2:
            insert_costs = insert_costs.copy()
            insert_costs[qa + 1 : qb - 1] = 0.0
    prefix = np.concatenate([[0.0], np.cumsum(skips)])
    cols = np.arange(m + 1)
    # Substitution cost of every quote word against every passage word (rows: quote words).
    same = q_id[:, None] == p_id[None, :]
    variant = (q_stem[:, None] == p_stem[None, :]) & ~same & ~(pw.critical[None, :] | qw.critical[:, None])
    variant |= ((qw.classes[:, None] & pw.classes[None, :]) != 0) & ~same
    passage_norms = set(pw.norms)
    # 'more big' over 'bigger' is the other comparative form, a tolerated difference: it costs what one does.
    other_form = np.zeros_like(same)
    for qi, token in enumerate(q):
        forms = _graded(token) & passage_norms
        if forms:
            variant[qi] |= np.array([w in forms for w in pw.norms], dtype=bool)
            if qi and q[qi - 1].norm in ("more", "most"):
                other_form[qi] = np.array([w in forms for w in pw.norms], dtype=bool)
        if is_content(token) and not (same[qi] | variant[qi]).any():
            # A word in no form here may be here spelled another way ('Qaida' for 'Qaeda').
            spelled = np.zeros(len(pw.spellings.words), dtype=bool)
            spelled[pw.spellings.respellings(token)] = True
            variant[qi] |= spelled[pw.spelling_at]
    substitute = np.where(
        same, 0.0, np.where(variant, VARIANT_FACTOR, SUBSTITUTE_FACTOR) * np.maximum(p_w[None, :], q_w[:, None])
    )
    substitute[other_form] = MINOR_COST
    for qa, qb, start, stop in said:
        substitute[qb - 1, stop - 1] = 0.0
        if qb - qa > 1:
            substitute[qa, start] = 0.0

    d_prev = np.zeros(m + 1)
    diag_choice = np.zeros((n + 1, m + 1), dtype=bool)
    horiz_from = np.zeros((n + 1, m + 1), dtype=np.int64)
    horiz_from[0] = cols
    diag = np.empty(m + 1)
    diag[0] = np.inf
    for i in range(1, n + 1):
        qi = i - 1
        np.add(d_prev[:-1], substitute[qi], out=diag[1:])
        up = d_prev + insert_costs[qi]
        use_diag = diag <= up
        e = np.where(use_diag, diag, up)
        diag_choice[i] = use_diag
        # Passage words skipped after quote word i: free inside a marked omission, else their weight.
        gap = pattern.gaps[i] if i < n else None
        if gap == "ellipsis":
            d_cur, frm = _running_min(e, cols)
        elif gap == "bracket":
            d_cur, frm = _window_min(e, BRACKET_SPAN)
        else:
            shifted, frm = _running_min(e - prefix, cols)
            d_cur = shifted + prefix
        horiz_from[i] = frm
        d_prev = d_cur

    end = int(np.argmin(d_prev))
    return _traceback(pattern, p, same, substitute, diag_choice, horiz_from, end)


def _figure(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _said_spans(q: Sequence[Token], passage: str) -> list[tuple[int, int, int, int]]:
    """(quote start, quote stop, start, stop): a figure of the quote ('£110,000', '7.10') that a run of passage words
    says aloud with the same value ('a hundred and ten thousand pounds', 'ten past seven'), the unit left out on
    either side or the same; or a date or time both write in other words ('March 12' / 'the twelfth of March')."""
    found = [(k, k + 1, start, stop) for k, start, stop in _said_figures(q, passage)]
    said = _said_values(passage)
    for qa, qb, key in _values(q) if said else ():
        found.extend((qa, qb, start, stop) for start, stop, other in said if other == key)
    return found


def _said_figures(q: Sequence[Token], passage: str) -> list[tuple[int, int, int]]:
    """(quote index, start, stop): a figure of the quote ('£110,000') that a run of passage words says aloud with
    the same value ('a hundred and ten thousand pounds'), the unit left out on either side or the same."""
    written = [(k, quantity([t.text])) for k, t in enumerate(q) if t.kind == "number" and _figure(t.text)]
    figures = [(k, v) for k, v in written if v is not None]
    if not figures:
        return []
    found: list[tuple[int, int, int]] = []
    for start, stop, value in _spoken_runs(passage):
        for k, figure in figures:
            units = figure.unit == value.unit or not figure.unit or not value.unit
            if figure.value == value.value and figure.ordinal == value.ordinal and units:
                found.append((k, start, stop))
    return found


@lru_cache(maxsize=4096)
def _said_values(passage: str) -> tuple[tuple[int, int, tuple[object, ...]], ...]:
    """The passage's dates and times of day written in several words."""
    return tuple((a, b, key) for a, b, key in _values(_passage_words(passage).tokens) if b - a > 1)


@lru_cache(maxsize=4096)
def _spoken_runs(passage: str) -> tuple[tuple[int, int, Quantity], ...]:
    """Runs of two or more passage words that say one number aloud ('a hundred and ten thousand pounds'), with
    its value; an 'a' before a scale word and an 'and' between number words belong to the run."""
    tokens = _passage_words(passage).tokens

    def said(k: int) -> bool:
        return 0 <= k < len(tokens) and tokens[k].kind == "number" and not _figure(tokens[k].text)

    runs: list[tuple[int, int, Quantity]] = []
    k = 0
    while k < len(tokens):
        stop = k + 1 if said(k) or (tokens[k].norm == "a" and said(k + 1)) else k
        while stop > k and stop < len(tokens) and not tokens[stop].sentence_start:
            if said(stop) or (tokens[stop].norm == "and" and said(stop - 1) and said(stop + 1)):
                stop += 1
            else:
                break
        if k < stop < len(tokens) and is_unit_word(tokens[stop].text) and not tokens[stop].sentence_start:
            stop += 1
        value = quantity([t.text for t in tokens[k:stop]]) if stop - k >= 2 else None
        if value is not None:
            runs.append((k, stop, value))
        k = max(stop, k + 1)
    return tuple(runs)


def _running_min(values: npt.NDArray[np.float64], cols: npt.NDArray[np.int64]) -> tuple[
    npt.NDArray[np.float64], npt.NDArray[np.int64]
]:
    best = np.minimum.accumulate(values)
    at = np.maximum.accumulate(np.where(values <= best, cols, 0))
    return best, at


def _window_min(values: npt.NDArray[np.float64], span: int) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    best = values.copy()
    at = np.arange(len(values))
    for shift in range(1, span + 1):
        cand = np.full(len(values), np.inf)
        cand[shift:] = values[:-shift]
        better = cand < best
        best = np.where(better, cand, best)
        at = np.where(better, np.arange(len(values)) - shift, at)
    return best, at


def _traceback(
    pattern: QuotePattern,
    p: list[Token],
    same: npt.NDArray[np.bool_],
    substitute: npt.NDArray[np.float64],
    diag_choice: npt.NDArray[np.bool_],
    horiz_from: npt.NDArray[np.int64],
    end: int,
) -> Alignment:
    """Where the search placed the quote: the first and last passage words it used, then the diff of that span."""
    i, j = len(pattern.tokens), end
    first_p: int | None = None
    last_p: int | None = None
    while i > 0:
        j = int(horiz_from[i][j])
        if diag_choice[i][j] and j > 0:
            first_p = j - 1
            last_p = j - 1 if last_p is None else last_p
            j -= 1
        i -= 1
    if first_p is None or last_p is None:
        return _span_diff(pattern, p, 0, 0)
    lo, hi = _covering_span(pattern, p, first_p, last_p + 1)
    best = _span_diff(pattern, p, lo, hi)
    if best.coverage < 1.0:
        # Sentences joined from further apart ('A. [...] B.' without an ellipsis): the search put the second
        # in place of the words between; where its last (or the first's first) word really is tells.
        # A wider span wins when it is cheaper, or keeps a stretch of the quote more (a stray word found far off
        # does not make a splice).
        for wider in _farther_spans(pattern, p, lo, hi):
            found = _span_diff(pattern, p, *wider)
            if found.cost < best.cost or found.tokens_matched >= best.tokens_matched + SPLICE_STRETCH:
                best = found
    return best


# How far beyond the searched placement the quote's first or last word is looked for ('This, in fact, is').
_SPAN_REACH = 6


def _covering_span(pattern: QuotePattern, p: list[Token], lo: int, hi: int) -> tuple[int, int]:
    """The passage span the quote covers: the placement widened to where its first and last words really are."""
    q = pattern.tokens
    # Not across a sentence's start: 'They' of the sentence before is not where 'They can all play a' opens when
    # the placement is 'We can all play a'.
    if p[lo].norm != q[0].norm:
        for k in range(lo - 1, max(-1, lo - _SPAN_REACH - 1), -1):
            if p[k + 1].sentence_start:
                break
            if p[k].norm == q[0].norm:
                lo = k
                break
    if p[hi - 1].norm != q[-1].norm:
        for k in range(hi, min(len(p), hi + _SPAN_REACH)):
            if p[k].sentence_start:
                break
            if p[k].norm == q[-1].norm:
                hi = k + 1
                break
    return lo, hi


# How far beyond the placement the far end of a spliced quote is looked for, and how many more quote words the
# far end must match to be taken.
_SPLICE_REACH = 80
SPLICE_STRETCH = 2


def _farther_spans(pattern: QuotePattern, p: list[Token], lo: int, hi: int) -> list[tuple[int, int]]:
    q = pattern.tokens
    spans: list[tuple[int, int]] = []
    ahead = [k for k in range(hi, min(len(p), hi + _SPLICE_REACH)) if p[k].norm == q[-1].norm]
    if ahead:
        spans.append((lo, ahead[0] + 1))
    behind = [k for k in range(max(0, lo - _SPLICE_REACH), lo) if p[k].norm == q[0].norm]
    if behind:
        spans.append((behind[-1], hi))
    return spans


_Opcode = tuple[str, int, int, int, int]


def _one_number_format(q: Sequence[Token], window: Sequence[Token], i1: int, i2: int, j1: int, j2: int) -> bool:
    """The stretch, read with the words around it as the diff reads it, is one number written another way."""
    before, after = window[max(0, j1 - CONTEXT) : j1], window[j2 : j2 + CONTEXT]
    edit = Edit(q[i1:i2], window[j1:j2], q[:i1], q[i2:], before, after)
    return one_number(edit.quote, edit.source) and [c.kind for c in classify(edit)] == ["number_format"]


def _opcodes(q: Sequence[Token], window: Sequence[Token]) -> Sequence[_Opcode]:
    matcher = difflib.SequenceMatcher(None, _aligned_words(q), _aligned_words(window), autojunk=False)
    return matcher.get_opcodes()


def _aligned_words(tokens: Sequence[Token]) -> list[str]:
    """The words the diff pairs up. The 'and' inside a number said aloud ('four hundred and twelve thousand', 'three
    and a half') is part of the number, never the conjunction beside a figure ('£412,000, and I've asked')."""
    words = [t.norm for t in tokens]
    for k in range(1, len(tokens) - 1):
        after = tokens[k + 2] if tokens[k + 1].norm == "a" and k + 2 < len(tokens) else tokens[k + 1]
        if words[k] == "and" and tokens[k - 1].kind == after.kind == "number" and not tokens[k - 1].paused:
            words[k] = "and (of a number)"
    return words


def _whole_number_stretches(q: Sequence[Token], window: Sequence[Token], codes: Sequence[_Opcode]) -> list[_Opcode]:
    """A number both sides share a word of, written otherwise around it ('9:15' / 'a quarter past nine', where
    '9' and 'nine' are equal), is one stretch: the words around the shared one are the same time, not changes."""
    out = list(codes)
    k = 0
    while k < len(out):
        tag, i1, i2, _, _ = out[k]
        if tag == "equal" and all(t.kind == "number" for t in q[i1:i2]):
            lo = k - 1 if k > 0 and out[k - 1][0] != "equal" else k
            hi = k + 1 if k + 1 < len(out) and out[k + 1][0] != "equal" else k
            a, b = out[lo], out[hi]
            if (lo, hi) != (k, k) and _one_number_format(q, window, a[1], b[2], a[3], b[4]):
                out[lo : hi + 1] = [("replace", a[1], b[2], a[3], b[4])]
                k = lo
        k += 1
    return out


def _value_of(span: Sequence[Token]) -> tuple[object, ...] | None:
    """The date or time of day a run of words writes ('the first of November', 'ten past seven', '7.10'), as a key
    that two ways of writing it share; None when it writes neither."""
    words = [t.text for t in span if t.kind != "filler"]
    date = date_of(words)
    if date is not None:
        return ("date", *date)
    said = len(words) > 1 and any(w.lower() in ("past", "to", "half") for w in words)
    written = len(words) == 1 and any(c in words[0] for c in ".:")
    time = clock_time(words) if said or written else None
    return ("time", *time) if time is not None else None


def _values(tokens: Sequence[Token]) -> list[tuple[int, int, tuple[object, ...]]]:
    """(start, stop, key) of each run of one to five words that writes one date or time of day ('the, er, first of
    November', 'a quarter to seven')."""
    found: list[tuple[int, int, tuple[object, ...]]] = []
    k = 0
    while k < len(tokens):
        for size in (5, 4, 3, 2, 1):
            span = tokens[k : k + size]
            # It opens with 'the', a number or a month, ends with the month, the day or the hour, and may hold a filler.
            edges = len(span) == size and span[0].norm not in ("of", "past", "to") and span[-1].norm not in (
                "the", "of", "past", "to"
            )
            key = _value_of(span) if edges else None
            if key is not None:
                found.append((k, k + size, key))
                k += size - 1
                break
        k += 1
    return found


def _value_stretches(q: Sequence[Token], window: Sequence[Token], codes: Sequence[_Opcode]) -> list[_Opcode]:
    """A date or a time of day both sides write in another order or form ('November 1' / 'the first of November',
    '7.10' / 'ten past seven') is one stretch, whose words the diff would otherwise pair one by one across it."""
    out = list(codes)
    written = _values(q)
    said = _values(window) if written else []
    for qa, qb, date in written:
        for wa, wb, other in said:
            if other != date:
                continue
            touched = [k for k, (_, i1, i2, j1, j2) in enumerate(out) if (i1 < qb and qa < i2) or (j1 < wb and wa < j2)]
            if not touched or touched != list(range(touched[0], touched[-1] + 1)):
                continue
            ops = [out[k] for k in touched]
            spans = (min(o[1] for o in ops), max(o[2] for o in ops), min(o[3] for o in ops), max(o[4] for o in ops))
            if spans == (qa, qb, wa, wb) and any(o[0] != "equal" for o in ops):
                out[touched[0] : touched[-1] + 1] = [("replace", qa, qb, wa, wb)]
    return out


def _slid_to_marks(
    q: Sequence[Token], window: Sequence[Token], gaps: Sequence[str | None], codes: Sequence[_Opcode]
) -> list[_Opcode]:
    """Source words left out just after the word that follows a marked omission, when they end with that word
    ('two ponds ... and the Council's' over 'two ponds and release it ... now, and the Council's'), are the words
    the omission stands for: the diff pairs the quote's word with the source's last one."""
    out = list(codes)
    for k in range(1, len(out)):
        tag, i1, _, j1, j2 = out[k]
        prev = out[k - 1]
        if tag != "insert" or prev[0] != "equal" or (0 < i1 < len(q) and gaps[i1] is not None):
            continue
        for shift in range(1, min(i1 - prev[1], j2 - j1) + 1):
            if gaps[i1 - shift] is None:
                continue
            if [t.norm for t in q[i1 - shift : i1]] == [t.norm for t in window[j2 - shift : j2]]:
                mark, b1 = i1 - shift, prev[3]
                head = [("equal", prev[1], mark, b1, j1 - shift)] if mark > prev[1] else []
                moved = [("insert", mark, mark, j1 - shift, j2 - shift), ("equal", mark, i1, j2 - shift, j2)]
                out[k - 1 : k + 1] = [*head, *moved]
            break
    return out


def _slight(tokens: Sequence[Token], after: Token | None = None) -> bool:
    """Function words, fillers and words that open or close a stretch ('And', 'Well', a 'No,' set off by a
    comma); a 'no' that runs straight on into the next word ('no employer') quantifies it and is not slight."""
    if not tokens:
        return True
    *head, last = tokens
    run_on = after is not None and after.start - last.end <= 1
    edge = last.norm in EDGE_WORDS and not (last.kind == "negation" and run_on)
    return _slight(head, last) and (last.kind in ("function", "filler") or edge)


def _trimmed(q: Sequence[Token], p: list[Token], lo: int, hi: int) -> tuple[int, int]:
    """An added 'And' or 'one' at either end of the quote is not a substitute for the passage word beside
    the match ('moment. [And] We cannot'): that word lies outside the quoted span ..."""
    codes = _opcodes(q, p[lo:hi])
    first, last = codes[0], codes[-1]
    start, stop = lo, hi
    if len(codes) > 1 and first[0] == "replace" and _slight(q[first[1] : first[2]], _at(q, first[2])):
        start = lo + first[4] - first[3]
    # ... nor is an opening 'And' the same word in the sentence before, with its words left out between ('and
    # boosted their morale. [And] Tonight I ask'): the quote starts where the rest of it does.
    if len(codes) > 2 and first[0] == "equal" and codes[1][0] == "insert" and codes[1][4] < hi - lo:
        opening = all(t.norm in EDGE_WORDS for t in q[first[1] : first[2]])
        if opening and p[lo + codes[1][4]].sentence_start:
            start = lo + codes[1][4]
    if len(codes) > 1 and last[0] == "replace" and _slight(q[last[1] : last[2]]):
        stop = hi - (last[4] - last[3])
    # Nor are words the quote adds at its end a substitute for the first words of the passage's next sentence
    # ('120 million [dollars]' against '$120 million. [The]'), nor at its start for the last of the sentence before:
    # the quote stops where its sentence does, and what it adds is an addition ('dollars' a number's unit).
    if len(codes) > 1 and last[0] == "replace" and p[lo + last[3]].sentence_start:
        stop = min(stop, lo + last[3])
    if len(codes) > 1 and first[0] == "replace" and p[lo + first[4]].sentence_start:
        start = max(start, lo + first[4])
    return start, stop


def _at(tokens: Sequence[Token], k: int) -> Token | None:
    return tokens[k] if k < len(tokens) else None


def _whole_words(p: list[Token], lo: int, hi: int) -> tuple[int, int]:
    """The span widened over a meaning-bearing part of a written word it cuts: a quote ending at the 'do' of
    "don't" leaves out the source's negation, which the diff must show."""
    while lo > 0 and p[lo - 1].start == p[lo].start and p[lo - 1].critical:
        lo -= 1
    while hi < len(p) and p[hi].start == p[hi - 1].start and p[hi].critical:
        hi += 1
    return lo, hi


def _whole_numbers(q: Sequence[Token], p: list[Token], lo: int, hi: int) -> tuple[int, int]:
    """The span widened over the rest of a number the source says in words where the quote writes it as a figure
    at either edge: '£4.2 million' against 'Four point two million pounds' takes in 'Four point', not the 'two'
    alone; '£430,000' against 'four hundred and thirty thousand pounds' takes in all of it."""

    def decimal(a: Token, b: Token) -> bool:
        return "point" in (a.norm, b.norm) and is_number_word(a.text) and is_number_word(b.text)

    def goes_on(k: int) -> bool:
        """p[k] carries on the number said in words before it: a decimal's next word, a scale ('four | hundred'),
        what follows a scale ('hundred | and thirty', 'hundred and | thirty'), or a number word after another."""
        a, b = p[k - 1], p[k]
        if decimal(a, b):
            return True
        if is_number_word(a.text) and not a.text[:1].isdigit() and is_scale_word(b.text):
            return True
        spoken = is_number_word(b.text) and not b.text[:1].isdigit()
        if spoken and is_number_word(a.text) and not a.text[:1].isdigit() and not a.paused:
            return True  # a year said in two numbers ('twenty | thirty', 'nineteen | ninety-nine')
        after_scale = is_scale_word(a.text) or (a.norm == "and" and k > 1 and is_scale_word(p[k - 2].text))
        joined = b.norm == "and" and k + 1 < len(p) and is_number_word(p[k + 1].text)
        return after_scale and (spoken or (is_scale_word(a.text) and joined))

    def figure(t: Token) -> bool:
        """Written as a figure ('£430,000', '2.4'), so the whole number said in words stands for it; a number word
        at the quote's edge ('hundred thousand jobs') is only the part of the source's number the quote took."""
        return t.kind == "number" and (t.text[:1].isdigit() or t.text[:1] in "$£€")

    if q and q[0].kind == "number":
        while 0 < lo < len(p) and not p[lo].sentence_start and (
            decimal(p[lo - 1], p[lo]) or (figure(q[0]) and goes_on(lo))
        ):
            lo -= 1
    if q and q[-1].kind == "number":
        # Not into the next sentence: a judgment's next paragraph opens with its number ('0.3. 3. The appellant').
        while 0 < hi < len(p) and not p[hi].sentence_start and (
            decimal(p[hi - 1], p[hi]) or (figure(q[-1]) and goes_on(hi))
        ):
            hi += 1
    return lo, hi


def _span_diff(pattern: QuotePattern, p: list[Token], lo: int, hi: int) -> Alignment:
    """The word-level diff of the quote against passage words p[lo:hi], with every difference classified."""
    q = pattern.tokens
    if hi > lo:
        lo, hi = _whole_numbers(q, p, *_whole_words(p, *_trimmed(q, p, lo, hi)))
    window = p[lo:hi]
    matched = matched_content = 0.0
    matched_tokens = 0
    ops: list[DiffOp] = []
    changes: list[Change] = []
    shown: set[int] = set()  # quote positions whose [insertion] is already in the diff
    codes = _whole_number_stretches(q, window, _opcodes(q, window))
    codes = _slid_to_marks(q, window, pattern.gaps, _value_stretches(q, window, codes))
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal":
            matched += sum(t.weight for t in q[i1:i2])
            matched_content += sum(1.0 for t in q[i1:i2] if is_content(t))
            matched_tokens += i2 - i1
            # An editor's [insertion] between words the source has side by side is shown, not hidden.
            cuts = [k for k in range(i1, i2) if pattern.gaps[k] == "bracket" and k not in shown]
            for lo_q, hi_q in itertools.pairwise(sorted({i1, *cuts, i2})):
                if lo_q in cuts:
                    shown.add(lo_q)
                    kind = _bracket_kind(pattern.brackets[lo_q])
                    changes.append(Change(kind, tuple(tokenize(pattern.brackets[lo_q][1:-1])), (), lo_q))
                    ops.append(DiffOp(op="insert", quote=pattern.brackets[lo_q], source="", change=kind,
                                      tolerated=kind in TOLERATED))  # fmt: skip
                if hi_q > lo_q:
                    _equal_ops(ops, changes, q[lo_q:hi_q], window[j1 + lo_q - i1 : j1 + hi_q - i1])
            continue
        gap = pattern.gaps[i1] if 0 < i1 < len(q) else None
        if tag == "insert" and gap is not None and (gap == "ellipsis" or j2 - j1 <= BRACKET_SPAN):
            # Source words left out where the editor marked an omission or put a [bracketed] insertion.
            shown.add(i1)
            kind = "omission" if gap == "ellipsis" else _bracket_kind(pattern.brackets[i1])
            mark = "…" if gap == "ellipsis" else pattern.brackets[i1]
            changes.append(Change(kind, (), tuple(window[j1:j2]), i1))
            ops.append(DiffOp(op="equal", quote=mark, source=_text(window[j1:j2]), change=kind,
                              tolerated=kind in TOLERATED))  # fmt: skip
            continue
        # The source words around a stretch, as far as any rule looks (a repeated phrase, a number's words).
        before, after = window[max(0, j1 - CONTEXT) : j1], window[j2 : j2 + CONTEXT]
        edit = Edit(q[i1:i2], window[j1:j2], q[:i1], q[i2:], before, after)
        for change in classify(edit):
            changes.append(change)
            if change.kind == "spelling":
                # A name spelled another way is the same word, found.
                matched += sum(t.weight for t in change.quote)
                matched_content += sum(1.0 for t in change.quote if is_content(t))
                matched_tokens += len(change.quote)
            op: DiffOpName = "replace" if change.quote and change.source else ("insert" if change.quote else "delete")
            _add(ops, op, change.quote, change.source, change.kind)
    changes = limit_function_words(changes)
    ops = _relabel_excess(ops, changes)
    start = window[0].start if window else 0
    stop = window[-1].end if window else 0
    return Alignment(
        ops=tuple(ops),
        changes=tuple(changes),
        cost=sum(_cost(c) for c in changes),
        quote_weight=float(sum(t.weight for t in q)),
        matched_weight=matched,
        match_start=start,
        match_end=stop,
        tokens_matched=matched_tokens,
        quote_tokens=len(q),
        content_weight=float(sum(1 for t in q if is_content(t))),
        matched_content=matched_content,
    )


def _bracket_kind(bracket: str) -> ChangeKind:
    """An editor's insertion clarifies; one that puts in a negation ('[not]') changes what was said."""
    return "negation" if any(t.kind == "negation" for t in tokenize(bracket[1:-1])) else "insertion"


def _cost(change: Change) -> float:
    if change.tolerated:
        return MINOR_COST
    weights = [t.weight for t in (*change.quote, *change.source)]
    if change.kind == "word_form":
        return max(weights) * VARIANT_FACTOR
    return max(weights) if change.quote and change.source else sum(weights)


def _equal_ops(ops: list[DiffOp], changes: list[Change], quoted: Sequence[Token], source: Sequence[Token]) -> None:
    """Equal words, with any word written another way ('U.N.' / 'UN', "don't" / 'do not') marked as such."""
    k = 0
    while k < len(quoted):
        j = k + 1
        while j < len(quoted) and quoted[j].start == quoted[k].start:
            j += 1  # the parts of one written word ("don't") stay together
        same = all(a.text.lower() == b.text.lower() for a, b in zip(quoted[k:j], source[k:j], strict=True))
        kind = None if same else surface_kind(quoted[k:j], source[k:j])
        if kind is not None:
            changes.append(Change(kind, tuple(quoted[k:j]), tuple(source[k:j])))
        _add(ops, "equal", quoted[k:j], source[k:j], kind)
        k = j


def _relabel_excess(ops: list[DiffOp], changes: Sequence[Change]) -> list[DiffOp]:
    """Ops of function words over the tolerated couple carry the class they were given."""
    excess = sum(1 for c in changes if c.kind == "wording")
    if not excess:
        return ops
    out: list[DiffOp] = []
    for op in reversed(ops):
        if excess and op.change == "function_word":
            op = op.model_copy(update={"change": "wording", "tolerated": False})
            excess -= 1
        out.append(op)
    return out[::-1]


def _text(tokens: Sequence[Token]) -> str:
    """The words as written, each original word once ("I've" for 'i' and 'have'); a word split between two
    edits shows only its part ('can' of "cannot")."""
    out: list[str] = []
    k = 0
    while k < len(tokens):
        word = [t for t in tokens[k : k + tokens[k].parts] if t.start == tokens[k].start]
        if len(word) == tokens[k].parts:
            out.append(tokens[k].text)
        else:
            out.extend(t.norm for t in word)
        k += len(word)
    return " ".join(out)


def _add(
    ops: list[DiffOp], op: DiffOpName, quoted: Sequence[Token], source: Sequence[Token], kind: ChangeKind | None
) -> None:
    """Append an op, merged with the previous one when it is the same edit of the same class."""
    tolerated = None if kind is None else kind in TOLERATED
    quote_text, source_text = _text(quoted), _text(source)
    if ops and ops[-1].op == op and ops[-1].change == kind and (op != "equal" or kind is None):
        last = ops[-1]
        quote_text, source_text = f"{last.quote} {quote_text}".strip(), f"{last.source} {source_text}".strip()
        ops[-1] = DiffOp(op=op, quote=quote_text, source=source_text, change=kind, tolerated=tolerated)
        return
    ops.append(DiffOp(op=op, quote=quote_text, source=source_text, change=kind, tolerated=tolerated))


def diff_text(ops: tuple[DiffOp, ...] | list[DiffOp]) -> str:
    """A compact human-readable rendering of a diff: [-source-]{+quote+}; a difference a transcript or an editor
    makes is followed by its class ('(transcript / editor: filler)')."""
    parts: list[str] = []
    for op in ops:
        if op.op == "equal":
            parts.append(op.source if op.quote != "…" else f"…({op.source})")
        elif op.op == "insert":
            parts.append(f"{{+{op.quote}+}}")
        elif op.op == "delete":
            parts.append(f"[-{op.source}-]")
        else:
            parts.append(f"[-{op.source}-]{{+{op.quote}+}}")
        if op.tolerated and op.change and op.op != "equal":
            parts[-1] += f"({TOLERATED_NOTE}: {op.change.replace('_', ' ')})"
    return " ".join(parts)

"""Word-level alignment of a quote to a source passage, tolerant of what editors legitimately change."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from factcheck.names import wordset
from factcheck.types import DiffOp, DiffOpName

NEGATIONS = frozenset(
    {"not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "without", "nowhere", "cannot"}
)
_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13",
    "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18",
    "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60",
    "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100", "thousand": "1000",
    "million": "million", "billion": "billion", "trillion": "trillion", "percent": "percent",
    "half": "half", "first": "1st", "second": "2nd", "third": "3rd", "once": "once", "twice": "twice",
}
_MODALS = frozenset({"will", "would", "shall", "should", "may", "might", "can", "could", "must", "always"})
FUNCTION_WORDS = wordset(
    """
    a an the and or but so of to in on at by for with from as into onto about than then that this these
    those there here it its it's is are was were be been being am do does did have has had i me my we us
    our you your he him his she her they them their what which who whom whose when where why how all
    any some just very really also too up out over again well oh yes okay um uh now going gonna get got
    let let's i'm we're you're they're that's there's we've i've we'll i'll he's she's one
    """
)
_CONTRACTIONS = {"won't": "will not", "can't": "can not", "cannot": "can not", "shan't": "shall not",
                 "ain't": "is not", "let's": "let us", "gonna": "going to", "wanna": "want to"}
_CONTRACTED = {"'ve": "have", "'re": "are", "'ll": "will", "'m": "am", "'d": "would"}
# Words whose "'s" is "is" (or "has"), not a possessive.
_IS_CONTRACTED = wordset(
    "it he she that there here what who where how when why this everything nothing something someone everyone"
)

# Spoken filler words a transcript or a reporter may leave out without changing what was said.
FILLERS = wordset("uh um er ah uhm hmm mm")
# Words that open or close a quoted stretch without adding to it ('And we will ...').
EDGE_WORDS = wordset("and but so well now look oh yes no okay ok")
# Asides a speaker drops into a sentence; a quote that leaves one out says the same thing.
ASIDES = frozenset(
    {"in fact", "of course", "frankly", "actually", "honestly", "basically", "you know", "i mean", "by the way",
     "look", "again", "really", "believe me", "let me tell you", "i think", "i believe"}
)
MINOR_COST = 0.05
# Two spellings of one word (a transliterated name, a hyphen): similar enough by edit distance, in percent.
SPELLING_SIMILARITY = 80
FUNCTION_EDITS_TOLERATED = 2

WEIGHT_NEGATION = 3.0
WEIGHT_NUMBER = 2.5
WEIGHT_NAME = 2.0
WEIGHT_MODAL = 1.5
WEIGHT_WORD = 1.0
WEIGHT_FUNCTION = 0.35
# Morphological variants (tax / taxes) cost a fraction of a full substitution.
VARIANT_FACTOR = 0.35
# A [bracketed] insertion may stand for up to this many source words.
BRACKET_SPAN = 6
# While searching, a quote word left unmatched costs more than a skipped source word, so the quote is
# placed over the passage words it shares (a dropped "not" is then reported, not dodged).
SEARCH_INSERT_FACTOR = 1.5

_TOKEN = re.compile(r"\$?\d[\d,.]*\d%?|\$?\d%?|[^\W\d_]+(?:['\u2019][^\W\d_]+)*|%|\.{3}|…|\[[^\]]*\]", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…]['\"\u201d\u2019)]*$")
_TRANSLATE = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2010": "-", "\u2013": "-", "\u2014": "-"}
)


@dataclass(frozen=True)
class Token:
    """One word of a text: original spelling, normalised form, offsets and weight."""

    text: str
    norm: str
    start: int
    end: int
    weight: float
    critical: bool = False
    parts: int = 1  # how many words the original spelling stands for ("can't": 'can' and 'not')
    sentence_start: bool = False


@dataclass(frozen=True)
class QuotePattern:
    """Quote words with the tolerated gaps an editor marked ("..." omissions, [bracketed] insertions)."""

    tokens: tuple[Token, ...]
    gaps: tuple[str | None, ...]  # gaps[i]: gap kind before token i ("ellipsis" | "bracket" | None)
    brackets: tuple[str, ...]  # bracket text before token i, for display ("" when none)
    trailing: str | None = None

    @cached_property
    def _vocabulary(self) -> _QuoteVocabulary:
        """The quote's words numbered for alignment, built once however many passages it is aligned to."""
        return _quote_vocabulary(self.tokens)


@dataclass(frozen=True)
class Alignment:
    """The best placement of a quote in a passage and what differs."""

    ops: tuple[DiffOp, ...]
    cost: float
    quote_weight: float
    matched_weight: float
    critical_edits: int
    content_edits: int
    match_start: int
    match_end: int
    tokens_matched: int
    quote_tokens: int
    critical_words: tuple[str, ...] = field(default=())
    form_edits: int = 0
    minor_edits: int = 0
    content_weight: float = 0.0  # content words of the quote (each counts one, numbers and names too)
    matched_content: float = 0.0

    @property
    def distortion(self) -> float:
        """Weighted edits relative to the quote's weight (0 = verbatim)."""
        return self.cost / max(self.quote_weight, 1e-9)

    @property
    def content_coverage(self) -> float:
        """Share of the quote's content words (not function words) found unchanged in the passage."""
        return self.matched_content / self.content_weight if self.content_weight else self.coverage

    @property
    def coverage(self) -> float:
        """Share of the quote's weight found in the passage."""
        return self.matched_weight / max(self.quote_weight, 1e-9)

    @property
    def verbatim(self) -> bool:
        """Only tolerated differences: case, punctuation, contractions, marked omissions, filler words, a
        sentence-initial 'And', at most a couple of function words. A word in another form is a change."""
        return self.critical_edits == 0 and self.content_edits == 0 and self.form_edits == 0

    @property
    def word_for_word(self) -> bool:
        """Not even a tolerated difference."""
        return self.verbatim and self.minor_edits == 0


def normalise(text: str) -> str:
    """Unicode-folded text with straight quotes and plain dashes."""
    return unicodedata.normalize("NFKC", text).translate(_TRANSLATE)


def _norm_word(raw: str) -> list[str]:
    word = raw.lower().replace("\u2019", "'")
    if word in _CONTRACTIONS:
        return _CONTRACTIONS[word].split()
    if word.endswith("n't"):
        return [word[:-3], "not"]
    for ending, full in _CONTRACTED.items():
        if word.endswith(ending) and len(word) > len(ending):
            return [word[: -len(ending)], full]
    if word.endswith("'s") and word[:-2] in _IS_CONTRACTED:
        return [word[:-2], "is"]
    if word[0].isdigit() or word[0] == "$":
        return [word.replace(",", "").replace("$", "").rstrip("%").rstrip(".")] + (
            ["percent"] if word.endswith("%") else []
        )
    if word == "%":
        return ["percent"]
    return [_NUMBER_WORDS.get(word, word)]


def _weight(norm: str, original: str, sentence_start: bool) -> tuple[float, bool]:
    if norm in NEGATIONS:
        return WEIGHT_NEGATION, True
    if original.lower() == "one":
        return WEIGHT_FUNCTION, False  # 'this one', 'one of them': a pronoun as often as a number
    if norm[0].isdigit() or original.lower() in _NUMBER_WORDS:
        return WEIGHT_NUMBER, True
    if original[:1].isupper() and not sentence_start and norm != "i":
        return WEIGHT_NAME, True
    if norm in _MODALS:
        return WEIGHT_MODAL, False
    if norm in FUNCTION_WORDS:
        return WEIGHT_FUNCTION, False
    return WEIGHT_WORD, False


@dataclass(frozen=True)
class _Words:
    """Tokens of a text with what alignment compares, computed once per text."""

    tokens: list[Token]
    norms: tuple[str, ...]
    stems: tuple[str, ...]
    weights: npt.NDArray[np.float64]
    critical: npt.NDArray[np.bool_]


def _words(tokens: Sequence[Token]) -> _Words:
    return _Words(
        tokens=list(tokens),
        norms=tuple(t.norm for t in tokens),
        stems=tuple(_stem(t.norm) for t in tokens),
        weights=np.array([t.weight for t in tokens], dtype=np.float64),
        critical=np.array([t.critical for t in tokens], dtype=bool),
    )


@dataclass(frozen=True)
class _QuoteVocabulary:
    """Quote words and their numbering; passage words are looked up in `norm_codes` / `stem_codes`."""

    words: _Words
    norm_codes: dict[str, int]
    stem_codes: dict[str, int]
    ids: npt.NDArray[np.int64]
    stem_ids: npt.NDArray[np.int64]


def _quote_vocabulary(tokens: Sequence[Token]) -> _QuoteVocabulary:
    words = _words(tokens)
    # Only equality matters, so the quote's own words are numbered and passage words looked up.
    norm_codes = {w: i for i, w in enumerate(dict.fromkeys(words.norms))}
    stem_codes = {w: i for i, w in enumerate(dict.fromkeys(words.stems))}
    return _QuoteVocabulary(
        words, norm_codes, stem_codes, _codes(words.norms, norm_codes), _codes(words.stems, stem_codes)
    )


@lru_cache(maxsize=4096)
def _passage_words(text: str) -> _Words:
    """Passage words, cached: the same passages come back for many quotes."""
    return _words(tokenize(text))


def _codes(words: Sequence[str], vocabulary: dict[str, int]) -> npt.NDArray[np.int64]:
    """Each word's number in the quote's vocabulary; -1 for words the quote does not have."""
    return np.array([vocabulary.get(w, -1) for w in words], dtype=np.int64)


def tokenize(text: str) -> list[Token]:
    """Words of `text` with offsets into it; ellipses and brackets are dropped (see `parse_quote`)."""
    return list(parse_quote(text, keep_marks=False).tokens)


def parse_quote(text: str, keep_marks: bool = True) -> QuotePattern:
    """Words of a quote, noting where "..." / "…" omissions and [bracketed] insertions sit."""
    folded = normalise(text)
    tokens: list[Token] = []
    gaps: list[str | None] = []
    brackets: list[str] = []
    pending: str | None = None
    pending_bracket = ""
    sentence_start = True
    for m in _TOKEN.finditer(folded):
        raw = m.group(0)
        if raw in ("...", "…"):
            if keep_marks:
                pending = "ellipsis"
            continue
        if raw.startswith("["):
            inner = raw[1:-1].strip()
            glued = (m.end() < len(folded) and folded[m.end()].isalnum()) or (
                m.start() > 0 and folded[m.start() - 1].isalnum()
            )
            if glued and inner:
                # "[T]he": an editor's capitalisation, the letters belong to the word.
                continue
            if keep_marks and pending != "ellipsis":
                pending = "bracket"
                pending_bracket = raw
            continue
        start, end = m.start(), m.end()
        # A "[T]he" fix-up: take the bracketed letters into the word.
        if start > 0 and folded[start - 1] == "]":
            open_at = folded.rfind("[", 0, start)
            if open_at >= 0 and "]" not in folded[open_at : start - 1]:
                raw = folded[open_at + 1 : start - 1] + raw
                start = open_at
        norms = _norm_word(raw)
        for part, norm in enumerate(norms):
            # The capital of "I'm" belongs to its first part: the "am" of it is no name.
            weight, critical = _weight(norm, raw if part == 0 else raw.lower(), sentence_start)
            tokens.append(Token(text=folded[start:end], norm=norm, start=start, end=end, weight=weight,
                                critical=critical, parts=len(norms), sentence_start=sentence_start))
            gaps.append(pending)
            brackets.append(pending_bracket)
            pending = None
            pending_bracket = ""
        tail = folded[end : end + 2]
        sentence_start = bool(_SENTENCE_END.match(raw)) or tail[:1] in (".", "!", "?", ":")
    tokens, gaps, brackets = _spelled_currency(tokens, gaps, brackets)
    return QuotePattern(tuple(tokens), tuple(gaps), tuple(brackets), trailing=pending)


def _spelled_currency(
    tokens: list[Token], gaps: list[str | None], brackets: list[str]
) -> tuple[list[Token], list[str | None], list[str]]:
    """'$120 million' read as an editor reads it, '120 million dollars': the sign becomes the word after the
    amount and its magnitude, so either spelling aligns word for word with the other."""
    if not any(t.text.startswith("$") for t in tokens):
        return tokens, gaps, brackets
    out: list[Token] = []
    out_gaps: list[str | None] = []
    out_brackets: list[str] = []
    pending: Token | None = None
    for token, gap, bracket in zip(tokens, gaps, brackets, strict=True):
        if pending is not None and token.norm not in _MAGNITUDES:
            out.append(_dollars(pending))
            out_gaps.append(None)
            out_brackets.append("")
            pending = None
        out.append(token)
        out_gaps.append(gap)
        out_brackets.append(bracket)
        if token.text.startswith("$"):
            pending = token
        elif pending is not None:
            pending = token  # the magnitude: the currency word follows it
    if pending is not None:
        out.append(_dollars(pending))
        out_gaps.append(None)
        out_brackets.append("")
    return out, out_gaps, out_brackets


def _dollars(after: Token) -> Token:
    return Token(text="", norm="dollars", start=after.end, end=after.end, weight=WEIGHT_FUNCTION)


_MAGNITUDES = frozenset({"thousand", "million", "billion", "trillion", "m", "bn"})
_IRREGULAR = {
    "was": "be", "were": "be", "is": "be", "are": "be", "am": "be", "been": "be", "being": "be",
    "has": "have", "had": "have", "having": "have", "did": "do", "does": "do", "done": "do", "said": "say",
    "says": "say", "made": "make", "went": "go", "gone": "go", "goes": "go", "took": "take", "taken": "take",
    "gave": "give", "given": "give", "got": "get", "gotten": "get", "came": "come", "knew": "know",
    "known": "know", "thought": "think", "told": "tell", "won": "win", "lost": "lose", "paid": "pay",
    "built": "build", "brought": "bring", "bought": "buy", "left": "leave", "felt": "feel", "kept": "keep",
    "meant": "mean", "met": "meet", "ran": "run", "saw": "see", "seen": "see", "spent": "spend", "stood": "stand",
    "wrote": "write", "written": "write", "children": "child", "people": "person", "men": "man", "women": "woman",
}  # fmt: skip


def forms(word: str) -> set[str]:
    """The bare forms a word may be an inflection of ('rescued' -> rescue, rescu; 'bridges' -> bridge)."""
    found = {word, _IRREGULAR.get(word, word)}
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                                ("d", ""), ("ing", ""), ("ing", "e"), ("er", ""), ("est", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            found.add(word[: -len(suffix)] + replacement)
    return found


def is_content(token: Token) -> bool:
    """A word that says what the quote is about: not a function word, a negation or a modal."""
    return token.weight > WEIGHT_FUNCTION and token.norm not in NEGATIONS and token.norm not in _MODALS


def same_word(a: str, b: str) -> bool:
    """Whether two different words are forms of one word (tense, number, degree)."""
    return a != b and bool(forms(a) & forms(b))


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_bound(pattern: QuotePattern, passage: str) -> float:
    """An upper bound on `align(pattern, passage).content_coverage`, at a fraction of its cost: the share of
    the quote's content words the passage has in some form. 1.0 for a quote with no content words."""
    content = [t for t in pattern.tokens if is_content(t)]
    if not content:
        return 1.0
    words = _passage_words(passage)
    norms, stems = set(words.norms), set(words.stems)
    return sum(1 for t in content if t.norm in norms or _stem(t.norm) in stems) / len(content)


def align(quote: str | QuotePattern, passage: str) -> Alignment | None:
    """Align every quote word to the passage (free ends in the passage); None when either has no words."""
    pattern = quote if isinstance(quote, QuotePattern) else parse_quote(quote)
    q = pattern.tokens
    pw = _passage_words(passage)
    p = pw.tokens
    n, m = len(q), len(p)
    if n == 0 or m == 0:
        return None
    qv = pattern._vocabulary
    qw = qv.words
    q_id, p_id = qv.ids, _codes(pw.norms, qv.norm_codes)
    q_stem, p_stem = qv.stem_ids, _codes(pw.stems, qv.stem_codes)
    q_w, p_w = qw.weights, pw.weights
    prefix = np.concatenate([[0.0], np.cumsum(p_w)])  # prefix[j] = cost of deleting p[0:j]
    cols = np.arange(m + 1)
    # Substitution cost of every quote word against every passage word (rows: quote words).
    same = q_id[:, None] == p_id[None, :]
    variant = (q_stem[:, None] == p_stem[None, :]) & ~same & ~(pw.critical[None, :] | qw.critical[:, None])
    substitute = np.where(same, 0.0, np.where(variant, VARIANT_FACTOR, 1.0) * np.maximum(p_w[None, :], q_w[:, None]))

    d_prev = np.zeros(m + 1)
    diag_choice = np.zeros((n + 1, m + 1), dtype=bool)
    horiz_from = np.zeros((n + 1, m + 1), dtype=np.int64)
    horiz_from[0] = cols
    diag = np.empty(m + 1)
    diag[0] = np.inf
    for i in range(1, n + 1):
        qi = i - 1
        np.add(d_prev[:-1], substitute[qi], out=diag[1:])
        up = d_prev + max(float(q_w[qi]), WEIGHT_WORD) * SEARCH_INSERT_FACTOR
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
        for wider in _farther_spans(pattern, p, lo, hi):
            found = _span_diff(pattern, p, *wider)
            if (found.matched_weight, -found.cost) > (best.matched_weight, -best.cost):
                best = found
    return best


# How far beyond the searched placement the quote's first or last word is looked for ('This, in fact, is').
_SPAN_REACH = 6


def _covering_span(pattern: QuotePattern, p: list[Token], lo: int, hi: int) -> tuple[int, int]:
    """The passage span the quote covers: the placement widened to where its first and last words really are."""
    q = pattern.tokens
    if p[lo].norm != q[0].norm:
        for k in range(lo - 1, max(-1, lo - _SPAN_REACH - 1), -1):
            if p[k].norm == q[0].norm:
                lo = k
                break
    if p[hi - 1].norm != q[-1].norm:
        for k in range(hi, min(len(p), hi + _SPAN_REACH)):
            if p[k].norm == q[-1].norm:
                hi = k + 1
                break
    return lo, hi


# How far beyond the placement the far end of a spliced quote is looked for.
_SPLICE_REACH = 80


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


@dataclass
class _Tally:
    """Edits of one diff by kind, with what the alignment reports."""

    cost: float = 0.0
    matched: float = 0.0
    matched_content: float = 0.0
    matched_tokens: int = 0
    critical: int = 0
    content: int = 0
    forms: int = 0
    minor: int = 0
    function: int = 0
    critical_words: list[str] = field(default_factory=list)

    def word(self, token: Token, at_edge: bool, repeated: bool) -> None:
        """A word on one side only (added to the quote, or dropped from the source)."""
        if token.critical:
            self.critical += 1
            self.critical_words.append(token.text)
            self.cost += token.weight
        elif token.norm in FILLERS or repeated or ((at_edge or token.sentence_start) and token.norm in EDGE_WORDS):
            self.minor += 1  # 'uh', 'I I', a sentence-initial 'And': how speech is transcribed, not what was said
            self.cost += MINOR_COST
        elif token.weight <= WEIGHT_FUNCTION:
            self.function += 1
            self.cost += token.weight
        else:
            self.content += 1
            self.cost += token.weight

    def pair(self, quoted: Token, source: Token) -> None:
        """A quote word in place of a different source word."""
        respelled = (
            quoted.norm[:1].isalpha()
            and (quoted.critical or source.critical)
            and not same_word(quoted.norm, source.norm)
            and fuzz.ratio(quoted.norm, source.norm) >= SPELLING_SIMILARITY
        )
        if respelled:
            self.minor += 1  # 'Qaeda' for 'Qaida': one name spelled two ways
            self.cost += MINOR_COST
        elif quoted.critical or source.critical:
            self.critical += 1
            self.critical_words.append(quoted.text)
            self.cost += max(quoted.weight, source.weight)
        elif same_word(quoted.norm, source.norm):
            self.forms += 1  # 'taxes' for 'tax', 'rescued' for 'rescue': the same word in another form
            self.cost += max(quoted.weight, source.weight) * VARIANT_FACTOR
        elif quoted.weight <= WEIGHT_FUNCTION and source.weight <= WEIGHT_FUNCTION:
            self.function += 1
            self.cost += max(quoted.weight, source.weight)
        else:
            self.content += 1
            self.cost += max(quoted.weight, source.weight)


_Opcode = tuple[str, int, int, int, int]


def _opcodes(q: Sequence[Token], window: Sequence[Token]) -> Sequence[_Opcode]:
    matcher = difflib.SequenceMatcher(None, [t.norm for t in q], [t.norm for t in window], autojunk=False)
    return matcher.get_opcodes()


def _slight(tokens: Sequence[Token]) -> bool:
    return all(t.weight <= WEIGHT_FUNCTION or t.norm in EDGE_WORDS or t.norm in FILLERS for t in tokens)


def _trimmed(q: Sequence[Token], p: list[Token], lo: int, hi: int) -> tuple[int, int]:
    """An added 'And' or 'one' at either end of the quote is not a substitute for the passage word beside
    the match ('moment. [And] We cannot'): that word lies outside the quoted span."""
    codes = _opcodes(q, p[lo:hi])
    first, last = codes[0], codes[-1]
    if len(codes) > 1 and first[0] == "replace" and _slight(q[first[1] : first[2]]):
        lo += first[4] - first[3]
    if len(codes) > 1 and last[0] == "replace" and _slight(q[last[1] : last[2]]):
        hi -= last[4] - last[3]
    return lo, hi


def _span_diff(pattern: QuotePattern, p: list[Token], lo: int, hi: int) -> Alignment:
    """The word-level diff of the quote against passage words p[lo:hi], with every edit classified."""
    q = pattern.tokens
    if hi > lo:
        lo, hi = _trimmed(q, p, lo, hi)
    window = p[lo:hi]
    tally = _Tally()
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in _opcodes(q, window):
        if tag == "equal":
            for t in q[i1:i2]:
                tally.matched += t.weight
                if is_content(t):
                    tally.matched_content += 1.0
            tally.matched_tokens += i2 - i1
            _add(ops, "equal", q[i1:i2], window[j1:j2])
            continue
        gap = pattern.gaps[i1] if 0 < i1 < len(q) else None
        if tag == "insert" and gap is not None and (gap == "ellipsis" or j2 - j1 <= BRACKET_SPAN):
            # Source words left out where the editor marked an omission or put a [bracketed] insertion.
            mark = "…" if gap == "ellipsis" else pattern.brackets[i1]
            ops.append(DiffOp(op="equal", quote=mark, source=_text(window[j1:j2])))
            continue
        quoted, source = q[i1:i2], window[j1:j2]
        restart = not quoted and j2 < len(window) and window[j2].norm == source[0].norm and len(source) <= 4
        if restart:
            tally.minor += 1  # 'Biden and all of -- and Susan Rice': a false start the speaker took back
            tally.cost += MINOR_COST
            _add(ops, "delete", quoted, source)
            continue
        if not quoted and " ".join(t.norm for t in source) in ASIDES:
            tally.minor += 1  # 'This, in fact, is ...': a dropped aside, not a changed claim
            tally.cost += MINOR_COST
            _add(ops, "delete", quoted, source)
            continue
        paired = min(len(quoted), len(source)) if tag == "replace" else 0
        for a, b in zip(quoted[:paired], source[:paired], strict=True):
            tally.pair(a, b)
        for t in quoted[paired:]:
            tally.word(t, at_edge=i1 == 0 or i2 == len(q), repeated=_repeated(q, t))
        for t in source[paired:]:
            tally.word(t, at_edge=j1 == 0 or j2 == len(window), repeated=_repeated(window, t))
        op: DiffOpName = "replace" if quoted and source else ("insert" if quoted else "delete")
        _add(ops, op, quoted, source)
    # A couple of changed function words ('a' for 'the') are how quotes get transcribed; more change the words.
    excess = max(0, tally.function - FUNCTION_EDITS_TOLERATED)
    start = window[0].start if window else 0
    stop = window[-1].end if window else 0
    return Alignment(
        ops=tuple(ops),
        cost=tally.cost,
        quote_weight=float(sum(t.weight for t in q)),
        matched_weight=tally.matched,
        critical_edits=tally.critical,
        content_edits=tally.content + excess,
        match_start=start,
        match_end=stop,
        tokens_matched=tally.matched_tokens,
        quote_tokens=len(q),
        critical_words=tuple(tally.critical_words),
        form_edits=tally.forms,
        minor_edits=tally.minor + min(tally.function, FUNCTION_EDITS_TOLERATED),
        content_weight=float(sum(1 for t in q if is_content(t))),
        matched_content=tally.matched_content,
    )


def _repeated(tokens: Sequence[Token], token: Token) -> bool:
    """A word said twice in a row ('I I think'), one of which a transcript or a reporter drops."""
    k = next((i for i, t in enumerate(tokens) if t is token), -1)
    before = k > 0 and tokens[k - 1].norm == token.norm
    return before or (0 <= k < len(tokens) - 1 and tokens[k + 1].norm == token.norm)


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


def _add(ops: list[DiffOp], op: DiffOpName, quoted: Sequence[Token], source: Sequence[Token]) -> None:
    quote_text, source_text = _text(quoted), _text(source)
    if ops and ops[-1].op == op and op != "equal":
        last = ops[-1]
        quote_text, source_text = f"{last.quote} {quote_text}".strip(), f"{last.source} {source_text}".strip()
        ops[-1] = DiffOp(op=op, quote=quote_text, source=source_text)
        return
    ops.append(DiffOp(op=op, quote=quote_text, source=source_text))


def diff_text(ops: tuple[DiffOp, ...] | list[DiffOp]) -> str:
    """A compact human-readable rendering of a diff: [-source-]{+quote+}."""
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
    return " ".join(parts)

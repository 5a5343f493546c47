"""Word-level alignment of a quote to a source passage, tolerant of what editors legitimately change."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
import numpy.typing as npt

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
    let let's i'm we're you're they're that's there's we've i've we'll i'll he's she's
    """
)
_CONTRACTIONS = {"won't": "will not", "can't": "can not", "cannot": "can not", "shan't": "shall not",
                 "ain't": "is not"}

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

    @property
    def distortion(self) -> float:
        """Weighted edits relative to the quote's weight (0 = verbatim)."""
        return self.cost / max(self.quote_weight, 1e-9)

    @property
    def coverage(self) -> float:
        """Share of the quote's weight found in the passage."""
        return self.matched_weight / max(self.quote_weight, 1e-9)

    @property
    def verbatim(self) -> bool:
        """Only tolerated differences (case, punctuation, marked omissions, at most a stray function word)."""
        return self.critical_edits == 0 and self.content_edits == 0 and self.cost < 0.5


def normalise(text: str) -> str:
    """Unicode-folded text with straight quotes and plain dashes."""
    return unicodedata.normalize("NFKC", text).translate(_TRANSLATE)


def _norm_word(raw: str) -> list[str]:
    word = raw.lower().replace("\u2019", "'")
    if word in _CONTRACTIONS:
        return _CONTRACTIONS[word].split()
    if word.endswith("n't"):
        return [word[:-3], "not"]
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
        for norm in _norm_word(raw):
            weight, critical = _weight(norm, raw, sentence_start)
            tokens.append(Token(text=folded[start:end], norm=norm, start=start, end=end, weight=weight,
                                critical=critical))
            gaps.append(pending)
            brackets.append(pending_bracket)
            pending = None
            pending_bracket = ""
        tail = folded[end : end + 2]
        sentence_start = bool(_SENTENCE_END.match(raw)) or tail[:1] in (".", "!", "?", ":")
    return QuotePattern(tuple(tokens), tuple(gaps), tuple(brackets), trailing=pending)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class _Step:
    op: DiffOpName
    quote: str
    source: str
    cost: float
    critical: bool
    gap: bool = False
    weight_q: float = 0.0


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
    q = pattern.tokens
    steps: list[_Step] = []
    i, j = len(q), end
    first_p: int | None = None
    last_p: int | None = None
    while i > 0:
        k = int(horiz_from[i][j])
        if k < j:
            skipped = p[k:j]
            gap = pattern.gaps[i] if i < len(q) else None
            if gap is None:
                steps.extend(_Step("delete", "", t.text, t.weight, t.critical) for t in reversed(skipped))
            else:
                mark = "…" if gap == "ellipsis" else pattern.brackets[i]
                steps.append(_Step("equal", mark, " ".join(t.text for t in skipped), 0.0, False, gap=True))
            j = k
        qt = q[i - 1]
        if diag_choice[i][j] and j > 0:
            pt = p[j - 1]
            if same[i - 1, j - 1]:
                steps.append(_Step("equal", qt.text, pt.text, 0.0, False, weight_q=qt.weight))
            else:
                cost = float(substitute[i - 1, j - 1])
                steps.append(_Step("replace", qt.text, pt.text, cost, pt.critical or qt.critical))
            first_p = j - 1
            last_p = j - 1 if last_p is None else last_p
            j -= 1
        else:
            steps.append(_Step("insert", qt.text, "", qt.weight, qt.critical))
        i -= 1
    steps.reverse()
    return _summarise(pattern, p, steps, first_p, last_p)


def _summarise(
    pattern: QuotePattern,
    p: list[Token],
    steps: list[_Step],
    first_p: int | None,
    last_p: int | None,
) -> Alignment:
    ops: list[DiffOp] = []
    critical_edits = 0
    content_edits = 0
    critical_words: list[str] = []
    previous_gap = False
    for step in steps:
        if step.op != "equal":
            if step.critical:
                critical_edits += 1
                critical_words.append(step.quote or step.source)
            elif step.cost >= WEIGHT_WORD * VARIANT_FACTOR * 2:
                content_edits += 1
        merged = _merge(ops[-1], step) if ops and not step.gap and not previous_gap else None
        if merged is not None:
            ops[-1] = merged
        else:
            ops.append(DiffOp(op=step.op, quote=step.quote, source=step.source))
        previous_gap = step.gap
    start = p[first_p].start if first_p is not None else 0
    stop = p[last_p].end if last_p is not None else 0
    return Alignment(
        ops=tuple(ops),
        cost=float(sum(s.cost for s in steps)),
        quote_weight=float(sum(t.weight for t in pattern.tokens)),
        matched_weight=float(sum(s.weight_q for s in steps if s.op == "equal")),
        critical_edits=critical_edits,
        content_edits=content_edits,
        match_start=start,
        match_end=stop,
        tokens_matched=sum(1 for s in steps if s.op == "equal" and not s.gap),
        quote_tokens=len(pattern.tokens),
        critical_words=tuple(critical_words),
    )


def _merge(last: DiffOp, step: _Step) -> DiffOp | None:
    def join(a: str, b: str) -> str:
        return f"{a} {b}".strip()

    if last.op == step.op or {last.op, step.op} <= {"insert", "delete", "replace"}:
        op: DiffOpName = step.op if last.op == step.op else "replace"
        return DiffOp(op=op, quote=join(last.quote, step.quote), source=join(last.source, step.source))
    return None


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

"""Words of a quote or a passage: normalised forms, offsets, word classes and the marks an editor leaves."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from factcheck.names import wordset
from factcheck.numbers import (
    COMPOUND_NUMBER,
    CURRENCY_SIGNS,
    MONTHS,
    ORDINAL_FIGURES,
    compound_number,
    month_of,
    short_scale,
)

# What a word does in a sentence, as far as a change to it matters: the meaning-bearing closed classes, names,
# numbers, pronouns (who), function words and the open-class content words.
WordKind = Literal[
    "negation", "quantifier", "modal", "number", "name", "degree", "person", "filler", "function", "content"
]

NEGATIONS = wordset("not no never nobody nothing none neither nor without nowhere cannot")
# Negations that quantify ('no employer', 'never', 'nothing'): they stand where a quantifier does ('every employer',
# 'always', 'everything') as well as where a plain negation does.
NEGATIVE_QUANTIFIERS = wordset("no none nobody nothing never neither nowhere")
# Quantifiers, their pronouns and frequency adverbs: 'all of you' and 'some of you' are different claims.
QUANTIFIERS = wordset(
    """
    all any some every each most many few several both either only much little enough half
    everyone everybody everything anyone anybody anything someone somebody something
    always sometimes often usually rarely seldom ever
    """
)
MODALS = wordset("will would shall should may might can could must")
# Comparison by degree: the closed class ('more', 'best'); '-er' / '-est' forms are read from the word pairs.
DEGREE = wordset("more less fewer fewest least better best worse worst further furthest farther farthest")
# Personal and possessive pronouns: swapping one for another changes who does what to whom.
PERSONS = wordset("i me my mine we us our ours you your yours he him his she her hers they them their theirs")
# Spoken filler words a transcript or a reporter may leave out without changing what was said.
FILLERS = wordset("uh um er ah uhm hmm mm")
FUNCTION_WORDS = wordset(
    """
    a an the and or but so of to in on at by for with from as into onto about than then that this these
    those there here it its it's is are was were be been being am do does did have has had
    what which who whom whose when where why how just very really also too up out over again well oh yes okay
    now going gonna get got let let's one
    """
)

_CONTRACTIONS = {"won't": "will not", "can't": "can not", "cannot": "can not", "shan't": "shall not",
                 "ain't": "is not", "let's": "let us", "gonna": "going to", "wanna": "want to",
                 "gotta": "got to", "okay": "ok", "alright": "all right"}  # fmt: skip
# One word in its British and its American form, or in two forms of one meaning ('learnt' / 'learned').
_VARIANTS = {"learnt": "learned", "spelt": "spelled", "burnt": "burned", "dreamt": "dreamed", "leapt": "leaped",
             "spoilt": "spoiled", "towards": "toward", "amongst": "among", "whilst": "while", "grey": "gray",
             "afterwards": "afterward", "upwards": "upward", "downwards": "downward", "practise": "practice",
             "practised": "practiced", "practises": "practices", "practising": "practicing"}  # fmt: skip
# Words that say nothing when set off by commas inside a sentence.
_SET_OFF_FILLERS = frozenset({"like", "yeah"})
_CONTRACTED = {"'ve": "have", "'re": "are", "'ll": "will", "'m": "am", "'d": "would"}
# Words whose "'s" is "is" (or "has"), not a possessive.
_IS_CONTRACTED = wordset(
    "it he she that there here what who where how when why this everything nothing something someone everyone"
)
_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13",
    "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18",
    "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60",
    "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100", "thousand": "1000",
    "million": "million", "billion": "billion", "trillion": "trillion", "percent": "percent",
    "half": "half", "first": "1st", "second": "2nd", "third": "3rd", "once": "once", "twice": "twice",
}  # fmt: skip
# Ordinals in words, as the figure writes them ('twelfth' / '12th').
_NUMBER_WORDS |= ORDINAL_FIGURES

WEIGHTS: dict[WordKind, float] = {
    "negation": 3.0, "number": 2.5, "name": 2.0, "quantifier": 1.5, "modal": 1.5, "degree": 1.0, "content": 1.0,
    "person": 0.35, "filler": 0.35, "function": 0.35,
}  # fmt: skip
WEIGHT_WORD = WEIGHTS["content"]
WEIGHT_FUNCTION = WEIGHTS["function"]
# Kinds whose words the alignment never treats as another form of a different word.
CRITICAL: frozenset[WordKind] = frozenset({"negation", "number", "name"})

_TOKEN = re.compile(
    # A number written as a tens word and a unit joined by a hyphen is one number: 'ninety-five', 'twenty-first'.
    COMPOUND_NUMBER + r"(?![^\W\d_])"
    r"|[^\W\d_](?:\.[^\W\d_])+\.?"  # a dotted abbreviation: 'U.N.', 'D.C.'
    r"|\d+(?:st|nd|rd|th)(?![^\W\d_])"  # an ordinal figure: '3rd'
    r"|[$£€]\d[\d,.]*(?:m|k|bn|tn)(?![^\W\d_])|\d[\d,.]*(?:bn|tn)(?![^\W\d_])"  # a sum written short: '£4.2m'
    r"|[$£€]?\d[\d,.]*\d%?|[$£€]?\d%?|[^\W\d_]+(?:['\u2019][^\W\d_]+)*|%|\.{3}|…|\[[^\]]*\]|\([^)]*\)",
    re.UNICODE,
)
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_SENTENCE_END = re.compile(r"[.!?…]['\"\u201d\u2019)]*$")
# A dash set off by a space, or doubled, after a word: the speaker broke off ('I'm -- we're fixing').
_BREAK = re.compile(r"[,;]?\s+-|[,;]?\s*--|-\s")
_TRANSLATE = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2010": "-", "\u2013": "-", "\u2014": "-"}
)


@dataclass(frozen=True)
class Token:
    """One word of a text: original spelling, normalised form, offsets, word class and weight."""

    text: str
    norm: str
    start: int
    end: int
    weight: float
    critical: bool = False
    parts: int = 1  # how many words the original spelling stands for ("can't": 'can' and 'not')
    sentence_start: bool = False
    kind: WordKind = "content"
    broken_off: bool = False  # a dash follows: the speaker broke off here
    paused: bool = False  # a comma follows
    dotted: bool = False  # a full stop follows ('Ft.', 'Mt.'), which may mark the word as written short


@dataclass(frozen=True)
class QuotePattern:
    """Quote words with the tolerated gaps an editor marked ("..." omissions, [bracketed] insertions)."""

    tokens: tuple[Token, ...]
    gaps: tuple[str | None, ...]  # gaps[i]: gap kind before token i ("ellipsis" | "bracket" | None)
    brackets: tuple[str, ...]  # bracket text before token i, for display ("" when none)
    trailing: str | None = None


# A dash mangled by a wrong encoding, as some transcripts carry it: a run of Latin-1 characters led by a
# capital, glued to an ASCII letter ('veryÛÒit', 'IÛÒI').
_MANGLED = r"[\u00c0-\u00de][\u00a0-\u00ff_]+"
_MANGLED_DASH = re.compile(rf"(?<=[A-Za-z]){_MANGLED}|{_MANGLED}(?=[A-Za-z])")


def normalise(text: str) -> str:
    """Unicode-folded text with straight quotes and plain dashes (a mangled dash read as one), as long as the
    text it comes from so that offsets carry over."""
    folded = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    return _MANGLED_DASH.sub(lambda m: " -" + " " * (len(m.group()) - 2) if len(m.group()) >= 2 else m.group(), folded)


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
    short = short_scale(word)
    if short is not None:
        return [*_norm_word(short[0]), short[1]]
    if word[0].isdigit() or (word[0] in CURRENCY_SIGNS and len(word) > 1):
        return [word.replace(",", "").lstrip(CURRENCY_SIGNS).rstrip("%").rstrip(".")] + (
            ["percent"] if word.endswith("%") else []
        )
    compound = compound_number(word)
    if compound is not None:
        return [compound]
    if word == "%":
        return ["percent"]
    if "." in word:
        return [word.replace(".", "")]  # 'u.n.' and 'un' are one abbreviation
    return [_VARIANTS.get(word) or _NUMBER_WORDS.get(word, word)]


def word_kind(norm: str, original: str, sentence_start: bool) -> WordKind:
    """The class of a word: closed meaning-bearing classes first, then names, pronouns and function words."""
    lower = original.lower()
    if norm in NEGATIONS:
        return "negation"
    if lower == "one":
        return "function"  # 'this one', 'one of them': a pronoun as often as a number
    if norm[0].isdigit() or lower in _NUMBER_WORDS:
        return "number"
    # A pronoun written with a capital is still a pronoun ('before You came'); in capitals it may be a name ('US').
    if original[:1].isupper() and not sentence_start and norm != "i" and (norm not in PERSONS or original.isupper()):
        return "name"
    for kind, words in (("quantifier", QUANTIFIERS), ("modal", MODALS), ("degree", DEGREE), ("person", PERSONS),
                        ("filler", FILLERS), ("function", FUNCTION_WORDS)):  # fmt: skip
        if norm in words:
            return kind  # type: ignore[return-value]
    return "content"


def tokenize(text: str) -> list[Token]:
    """Words of `text` with offsets into it; ellipses and brackets are dropped (see `parse_quote`)."""
    return list(_tokens(text))


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[Token, ...]:
    # The same passages and sentences are read for many quotes.
    return parse_quote(text, keep_marks=False).tokens


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
        if raw[0] in "[(":  # an editor's insertion, in brackets or parentheses ('the (state) party')
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
        tail = folded[end : end + 3]
        before_digit = tail.lstrip(". ")[:1].isdigit()
        month = month_of(raw, tail[:1] == ".", before_digit)
        norms = [month] if month else _norm_word(raw)
        if raw.lower() == "no" and tail[:1] == "." and before_digit:
            norms = ["number"]  # 'No. 1' is 'number one'
        day = _ORDINAL.match(norms[0])
        if day and tokens and (tokens[-1].norm in MONTHS or (len(tokens) > 1 and tokens[-1].norm == "the"
                                                           and tokens[-2].norm in MONTHS)):
            norms = [day.group(1)]  # 'November 3rd' and 'November the 3rd' are November 3
        if norms == ["cent"] and tokens and tokens[-1].norm == "per" and tokens[-1].parts == 1:
            # 'per cent' is one word, the 'percent' of '10%': it takes the place of its 'per'.
            per = tokens.pop()
            gaps.pop()
            brackets.pop()
            start, norms, raw = per.start, ["percent"], folded[per.start : end]
        broken = bool(_BREAK.match(folded, end))
        paused = folded[end : end + 1] == ","
        for part, norm in enumerate(norms):
            # The capital of "I'm" belongs to its first part: the "am" of it is no name.
            kind = word_kind(norm, raw if part == 0 else raw.lower(), sentence_start)
            if norm in _SET_OFF_FILLERS and folded[:start].rstrip().endswith(",") and folded[end:].lstrip()[:1] == ",":
                kind = "filler"  # 'it was, like, amazing', 'my aunt, yeah, Jean': set off by commas, it says nothing
            tokens.append(Token(text=folded[start:end], norm=norm, start=start, end=end, weight=WEIGHTS[kind],
                                critical=kind in CRITICAL, parts=len(norms), sentence_start=sentence_start,
                                kind=kind, broken_off=broken and part == len(norms) - 1,
                                paused=paused and part == len(norms) - 1,
                                dotted=tail[:1] == "." and part == len(norms) - 1))  # fmt: skip
            gaps.append(pending)
            brackets.append(pending_bracket)
            pending = None
            pending_bracket = ""
        sentence_start = bool(_SENTENCE_END.match(raw)) or tail[:1] in (".", "!", "?", ":")
    return QuotePattern(tuple(_day_first(tokens)), tuple(gaps), tuple(brackets), trailing=pending)


def _day_first(tokens: list[Token]) -> list[Token]:
    """'5 January' read as 'January 5': a date written day first is the same date (each word keeps its place and
    text; only what it is read as moves)."""
    for k in range(len(tokens) - 1):
        day, month = tokens[k], tokens[k + 1]
        if day.norm.isdigit() and 1 <= int(day.norm) <= 31 and month.norm in MONTHS and day.parts == month.parts == 1:
            tokens[k] = replace(day, norm=month.norm, kind=month.kind, weight=month.weight, critical=month.critical)
            tokens[k + 1] = replace(month, norm=day.norm, kind=day.kind, weight=day.weight, critical=day.critical)
    return tokens


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


def slot_kinds(token: Token) -> frozenset[str]:
    """The closed classes whose slot the word can stand in: its own kind, and a negation that quantifies ('no',
    'never') a quantifier's too."""
    if token.kind == "negation" and token.norm in NEGATIVE_QUANTIFIERS:
        return frozenset({"negation", "quantifier"})
    return frozenset({token.kind})


def is_content(token: Token) -> bool:
    """A word that says what the quote is about: not a function word, a negation, a quantifier or a modal."""
    return token.kind in ("content", "name", "number", "degree")


def says_something(token: Token) -> bool:
    """A word that carries meaning: a content word, a name or number, or a negation, quantifier or modal."""
    return token.kind not in ("function", "person", "filler")


def same_word(a: str, b: str) -> bool:
    """Whether two different words are forms of one word (tense, number, degree)."""
    return a != b and not _bare_forms(a).isdisjoint(_bare_forms(b))


@lru_cache(maxsize=16384)
def _bare_forms(word: str) -> frozenset[str]:
    """`forms`, cached: alignment asks it of the same passage words for quote after quote."""
    return frozenset(forms(word))


def stem(word: str) -> str:
    """A crude stem that makes 'taxes' and 'tax', 'bridges' and 'bridge' look alike while aligning."""
    if word.endswith("es") and len(word) > 5 and not word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        return word[:-1]  # 'bridges' -> 'bridge'; 'taxes' -> 'tax' below
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word

"""Generate quote pairs for every class of the rule of what counts as a change, over the demo corpus.

    python eval/change_pairs.py --out eval/suites

Each pair is a stretch of 2, 3, 5, 10 or 20 words from a State of the Union address (the corpus `factcheck
ingest --demo` loads), changed in one way: a difference a transcript or an editor makes (label `verified`) or
one that changes the meaning (label `altered`). The classes are those of `factcheck.changes` and
eval/README.md. A changed stretch is only taken where the words it keeps point to one place: no other passage
of the speaker holds them all (a two-word fragment of common words could come from anywhere, and the rule
rightly calls it not found). Pairs are split by a hash of their id into a tuning part and a held-out part.

Written: `change_pairs_tune.jsonl` and `change_pairs_heldout.jsonl`, quotes suites with the keys
{"id", "quote", "speaker", "label", "source_id", "class", "length", "passage"}.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from spacy.language import Language

from factcheck.changes import degree_of
from factcheck.config import Settings
from factcheck.context import FrameReader
from factcheck.demo import load_demo
from factcheck.extract import RuleExtractor
from factcheck.names import wordset
from factcheck.nlp import load_spacy
from factcheck.sources import split_passages, split_sentences
from factcheck.sources.voices import SourceVoices
from factcheck.tokens import word_kind
from factcheck.types import Document

SEED = 20262
LENGTHS = (2, 3, 5, 10, 20)
PER_CELL = 8
_WORD = re.compile(r"[A-Za-z][A-Za-z'.\-]*[A-Za-z]|[A-Za-z]|\$?\d[\d,.]*%?")
_AUXILIARIES = wordset("is are was were will would can could should must do does did has have had")
_NUMBER_NAMES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
# Quantifiers across the scale: a universal for an existential and back, many for few.
_QUANTIFIER_SWAPS = {
    "all": "some", "every": "no", "each": "no", "always": "sometimes", "everyone": "someone",
    "everything": "something", "everybody": "somebody", "some": "all", "sometimes": "always", "many": "few",
    "few": "many", "most": "few", "several": "all", "any": "every", "both": "neither", "much": "little",
}  # fmt: skip
_MODAL_SWAPS = {"will": "may", "would": "will", "can": "must", "could": "will", "should": "will", "must": "may",
                "may": "will", "might": "will", "shall": "may"}  # fmt: skip
_PERSON_SWAPS = {"we": "they", "our": "their", "us": "them", "i": "you", "my": "your", "they": "we", "their": "our",
                 "them": "us", "you": "we", "your": "our", "he": "she", "his": "her", "she": "he"}  # fmt: skip
_CONTRACT = {"do not": "don't", "will not": "won't", "we are": "we're", "it is": "it's", "can not": "can't",
             "is not": "isn't", "we have": "we've", "i am": "I'm", "they are": "they're"}  # fmt: skip
_DEGREE_SWAPS = {"more": "less", "less": "more", "better": "worse", "worse": "better", "best": "worst",
                 "worst": "best", "most": "least", "least": "most"}  # fmt: skip


@dataclass(frozen=True)
class Span:
    """A stretch of a source sentence: its words, the passage that holds it, its speaker and where it is."""

    words: tuple[str, ...]
    speaker: str
    passage_id: str
    sentence: str
    document: str
    start: int
    end: int


class Framing(Protocol):
    """Whether a stretch of a document is not its speaker's plain assertion."""

    def __call__(self, span: Span) -> bool: ...


class SourceFrames:
    """The source analysis the verifier relies on, asked of a stretch: words the document quotes or reports from
    others (the voices ingest reads), or words its own sentence frames (a denial, a condition, a question answered
    no). The rule rightly calls such a stretch out of context, so it is no pair for a verified or altered label."""

    def __init__(self, nlp: Language, documents: Sequence[Document]) -> None:
        voices = SourceVoices(RuleExtractor(nlp))
        self._read = {doc.id: voices.read(doc) for doc in documents}
        self._frames = FrameReader(nlp)

    def __call__(self, span: Span) -> bool:
        doc = self._read[span.document]
        if any(v.start < span.end and span.start < v.end for v in doc.voices):
            return True
        return self._frames.framing(doc.text, span.start, span.end) is not None


@dataclass
class Corpus:
    """Spans by length, and per speaker which passages hold each word (to test that kept words point to one)."""

    spans: dict[int, list[Span]]
    holders: dict[str, dict[str, set[str]]]
    vocabulary: list[str]
    names: list[str]
    texts: dict[str, list[str]]  # speaker -> normalised passage texts
    words: set[str]  # every lower-case word of the corpus
    framed: Framing = field(default=lambda span: False)

    def unique(self, span: Span, kept: Sequence[str]) -> bool:
        """Only the span's own passage, among its speaker's, holds every kept word."""
        sets = [self.holders[span.speaker].get(w.lower().strip(".,"), set()) for w in kept if _bare(w)]
        if not sets:
            return False
        return set.intersection(*sets) == {span.passage_id}

    def said(self, quote: str) -> bool:
        """Someone in the corpus says the quote's words, as they are: the changed words are theirs, not a change."""
        needle = _normal(quote)
        return any(needle in text for texts in self.texts.values() for text in texts)


def _bare(word: str) -> str:
    return re.sub(r"[^\w']", "", word.lower())


def _normal(text: str) -> str:
    return " " + " ".join(_bare(w) for w in text.split() if _bare(w)) + " "


def load_corpus(rng: random.Random, framing: Callable[[Sequence[Document]], Framing] | None = None) -> Corpus:
    """Spans of every length from every sentence of the demo corpus; `framing` reads which stretches the documents
    frame."""
    documents = load_demo()
    spans: dict[int, list[Span]] = defaultdict(list)
    holders: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    texts: dict[str, list[str]] = defaultdict(list)
    vocabulary: set[str] = set()
    names: set[str] = set()
    lower: set[str] = set()
    for doc in documents:
        speaker = doc.speaker or ""
        for passage in split_passages(doc):
            texts[speaker].append(_normal(passage.text))
            for w in passage.text.split():
                holders[speaker][_bare(w)].add(passage.id)
                lower.add(_bare(w))
            for start, end in split_sentences(doc.text, passage.start, passage.end):
                sentence = doc.text[start:end]
                # Words as written, punctuation attached, so a quoted stretch reads as the sentence does; a stage
                # direction in brackets is nobody's words (blanked, so every offset stays the document's).
                bare = re.sub(r"\[[^\]]*\]", lambda m: " " * len(m.group()), sentence)
                found = [(m.start() + start, m.end() + start, m.group().strip("\"'()\u201c\u201d"))
                         for m in re.finditer(r"\S+", bare)]  # fmt: skip
                found = [f for f in found if _WORD.search(f[2])]
                words = [w for _, _, w in found]
                for w in words[1:]:
                    w = w.strip(".,;:!?")
                    if w[:1].isupper() and w.isalpha() and len(w) >= 4:
                        names.add(w)
                    elif w.isalpha() and w.islower() and len(w) >= 5:
                        vocabulary.add(w)
                for length in LENGTHS:
                    for i in range(0, max(0, len(words) - length + 1), max(1, length // 2)):
                        at, to = found[i][0], found[i + length - 1][1]
                        spans[length].append(
                            Span(tuple(words[i : i + length]), speaker, passage.id, sentence, doc.id, at, to)
                        )
    for length in spans:
        rng.shuffle(spans[length])
    corpus = Corpus(dict(spans), holders, sorted(vocabulary), sorted(names), dict(texts), lower)
    if framing is not None:
        corpus.framed = framing(documents)
    return corpus


Transform = Callable[[list[str], random.Random, Corpus], tuple[list[str], int] | None]


def _w(word: str) -> str:
    """A word without the punctuation written around it."""
    return word.strip(".,;:!?")


def _at(words: list[str], test: Callable[[str], bool], rng: random.Random, skip_first: bool = False) -> int | None:
    spots = [i for i, w in enumerate(words) if _w(w) and test(_w(w)) and not (skip_first and i == 0)]
    return rng.choice(spots) if spots else None


def _replace(words: list[str], i: int, new: str) -> tuple[list[str], int]:
    """The words with word i replaced, its punctuation kept."""
    out = list(words)
    bare = _w(words[i])
    out[i] = words[i].replace(bare, new, 1) if bare else new
    return out, i


# -- changes of meaning: each returns the new words and the index of the changed word ------------------------


def negation(words: list[str], rng: random.Random, corpus: Corpus) -> tuple[list[str], int] | None:
    """Insert a 'not' after an auxiliary or modal, or drop the one there is."""
    i = _at(words, lambda w: w.lower() in ("not", "never"), rng)
    if i is not None and len(words) > 2:
        return words[:i] + words[i + 1 :], i
    i = _at(words, lambda w: w.lower().endswith("n't") and w.lower() not in ("can't", "won't"), rng)
    if i is not None:
        return _replace(words, i, _w(words[i])[:-3])
    i = _at(words, lambda w: w.lower() in _AUXILIARIES, rng)
    if i is None or i == len(words) - 1:
        return None
    return [*words[:i + 1], "not", *words[i + 1:]], i + 1


def quantifier(words: list[str], rng: random.Random, corpus: Corpus) -> tuple[list[str], int] | None:
    """A quantifier for one from another part of the scale ('all' for 'some'), or 'only' dropped."""
    i = _at(words, lambda w: w.lower() in _QUANTIFIER_SWAPS or w.lower() == "only", rng)
    if i is None:
        return None
    if _w(words[i]).lower() == "only":
        return (words[:i] + words[i + 1 :], i) if len(words) > 2 else None
    return _replace(words, i, _case(words[i], _QUANTIFIER_SWAPS[_w(words[i]).lower()]))


def modal(words: list[str], rng: random.Random, corpus: Corpus) -> tuple[list[str], int] | None:
    """One modal for another ('will' for 'may')."""
    i = _at(words, lambda w: w.lower() in _MODAL_SWAPS, rng)
    return None if i is None else _replace(words, i, _case(words[i], _MODAL_SWAPS[_w(words[i]).lower()]))


def number(words: list[str], rng: random.Random, corpus: Corpus) -> tuple[list[str], int] | None:
    """Another value: a figure doubled, a number word moved on by one."""
    i = _at(words, lambda w: bool(re.fullmatch(r"\$?\d[\d,]*%?", w)) or w.lower() in _NUMBER_NAMES[2:], rng)
    if i is None:
        return None
    w = _w(words[i])
    if w.lower() in _NUMBER_NAMES:
        k = _NUMBER_NAMES.index(w.lower())
        return _replace(words, i, _case(w, _NUMBER_NAMES[k + 1 if k + 1 < len(_NUMBER_NAMES) else k - 1]))
    digits = re.sub(r"[^\d]", "", w)
    prefix, suffix = ("$" if w.startswith("$") else ""), ("%" if w.endswith("%") else "")
    return _replace(words, i, f"{prefix}{int(digits) * 2 + 1}{suffix}")


def comparison(words: list[str], rng: random.Random, corpus: Corpus) -> tuple[list[str], int] | None:
    """A comparison changed: 'more' for 'less', 'best' for 'worst', a comparative for its superlative."""
    i = _at(words, lambda w: w.lower() in _DEGREE_SWAPS, rng)
    if i is not None:
        return _replace(words, i, _case(words[i], _DEGREE_SWAPS[_w(words[i]).lower()]))
    for k, w in enumerate(words):
        other = _other_degree(_w(w).lower(), corpus) if _w(w).isalpha() else None
        if other:
            return _replace(words, k, _case(w, other))
    return None


def _other_degree(word: str, corpus: Corpus) -> str | None:
    """The other degree of a comparative or superlative adjective whose base and other degree the corpus also
    has ('stronger' -> 'strongest'): an adjective that is graded, not a word that ends like one ('teenager')."""
    for suffix, other in (("er", "est"), ("est", "er")):
        if not word.endswith(suffix):
            continue
        stem = word[: -len(suffix)]
        for base in (stem, stem + "e", stem[:-1], stem[:-1] + "y" if stem.endswith("i") else ""):
            if (len(base) >= 3 and base in corpus.words and degree_of(base, word) == suffix
                    and stem + other in corpus.words):
                return stem + other
    return None


def name(words: list[str], rng: random.Random, corpus: Corpus) -> tuple[list[str], int] | None:
    """A name for another name of the corpus."""
    i = _at(words, lambda w: w[:1].isupper() and w.isalpha() and len(w) >= 4, rng, skip_first=True)
    if i is None:
        return None
    other = rng.choice([n for n in corpus.names if n != _w(words[i])])
    return _replace(words, i, other)


def person(words: list[str], rng: random.Random, corpus: Corpus) -> tuple[list[str], int] | None:
    """Who does what: one personal pronoun for another."""
    i = _at(words, lambda w: w.lower() in _PERSON_SWAPS, rng)
    return None if i is None else _replace(words, i, _case(words[i], _PERSON_SWAPS[_w(words[i]).lower()]))


def content_word(words: list[str], rng: random.Random, corpus: Corpus) -> tuple[list[str], int] | None:
    """A content word for another content word of the corpus."""
    i = _at(words, lambda w: w.isalpha() and w.islower() and len(w) >= 5 and word_kind(w, w, False) == "content",
            rng)  # fmt: skip
    if i is None:
        return None
    return _replace(words, i, rng.choice([v for v in corpus.vocabulary if v != _w(words[i])]))


# -- differences a transcript or an editor makes: each returns the new words ---------------------------------


def filler(words: list[str], rng: random.Random, corpus: Corpus) -> list[str] | None:
    i = rng.randrange(1, len(words))
    return [*words[:i], rng.choice(["uh,", "um,", "you know,"]), *words[i:]]


def repetition(words: list[str], rng: random.Random, corpus: Corpus) -> list[str] | None:
    i = rng.randrange(len(words))
    return [*words[:i + 1], words[i], *words[i + 1:]]


def false_start(words: list[str], rng: random.Random, corpus: Corpus) -> list[str] | None:
    opener = rng.choice(["We", "They", "I", "You"])
    return [opener, "--", words[0][:1].lower() + words[0][1:] if words[0] != "I" else words[0], *words[1:]]


def spelling(words: list[str], rng: random.Random, corpus: Corpus) -> list[str] | None:
    spots = [i for i, w in enumerate(words) if i and w[:1].isupper() and w.isalpha() and len(w) >= 5]
    if not spots:
        return None
    i = rng.choice(spots)
    w = words[i]
    vowels = [k for k in range(1, len(w)) if w[k] in "aeiou"]
    if not vowels:
        return None
    k = rng.choice(vowels)
    out = list(words)
    out[i] = w[:k] + ("e" if w[k] != "e" else "a") + w[k + 1 :]
    return out


def abbreviation(words: list[str], rng: random.Random, corpus: Corpus) -> list[str] | None:
    out = []
    changed = False
    for w in words:
        if re.fullmatch(r"(?:[A-Z]\.){2,}", w):
            out.append(w.replace(".", ""))
            changed = True
        elif re.fullmatch(r"[A-Z]{2,3}", w) and w not in ("I", "OK"):
            out.append(".".join(w) + ".")
            changed = True
        else:
            out.append(w)
    return out if changed else None


def number_format(words: list[str], rng: random.Random, corpus: Corpus) -> list[str] | None:
    for i, w in enumerate(words):
        bare = w.rstrip(",.")
        if re.fullmatch(r"\d{1,2}", bare) and int(bare) < 100:
            n = int(bare)
            units = "-" + _NUMBER_NAMES[n % 10] if n % 10 else ""
            spelled = _NUMBER_NAMES[n] if n < 20 else _TENS[n // 10 - 2] + units
            return [*words[:i], spelled, *words[i + 1:]]
        if bare.lower() in _NUMBER_NAMES[1:]:
            return [*words[:i], str(_NUMBER_NAMES.index(bare.lower())), *words[i + 1:]]
        if bare.lower() == "percent" and i:
            return [*words[:i - 1], words[i - 1] + "%", *words[i + 1:]]
        if re.fullmatch(r"\$\d[\d,.]*", bare):
            scale = i + 1 < len(words) and words[i + 1].lower().strip(",.") in ("million", "billion", "trillion")
            if scale:
                return [*words[:i], bare[1:], words[i + 1].rstrip(",."), "dollars", *words[i + 2:]]
            return [*words[:i], bare[1:], "dollars", *words[i + 1:]]
    return None


def insertion(words: list[str], rng: random.Random, corpus: Corpus) -> list[str] | None:
    spots = [i for i, w in enumerate(words) if w.lower() in ("he", "she", "it", "they", "this", "that")]
    if spots:
        i = rng.choice(spots)
        return [*words[:i], rng.choice(["[the president]", "[the plan]", "[Congress]"]), *words[i + 1:]]
    spots = [i for i, w in enumerate(words) if i and w.isalpha() and w.islower() and len(w) >= 5]
    if not spots:
        return None
    i = rng.choice(spots)
    return [*words[:i], rng.choice(["(federal)", "(state)", "[new]"]), *words[i:]]


def omission(words: list[str], rng: random.Random, corpus: Corpus) -> list[str] | None:
    if len(words) < 5:
        return None
    i = rng.randrange(1, len(words) - 3)
    n = rng.randint(1, min(3, len(words) - i - 2))
    return [*words[:i], "...", *words[i + n:]]


def comparative_form(words: list[str], rng: random.Random, corpus: Corpus) -> list[str] | None:
    for i, w in enumerate(words):
        bare = w.strip(".,;:!?")
        other = _other_degree(bare, corpus)
        if not other:
            continue
        suffix, more = ("er", "more") if bare.endswith("er") else ("est", "most")
        base = next((b for b in (bare[: -len(suffix)], bare[: -len(suffix)] + "e", bare[: -len(suffix) - 1])
                     if b in corpus.words and degree_of(b, bare) == suffix), None)  # fmt: skip
        if base:
            return [*words[:i], more, base + w[len(bare):], *words[i + 1 :]]
    return None


def contraction(words: list[str], rng: random.Random, corpus: Corpus) -> list[str] | None:
    text = " ".join(words)
    for long, short in _CONTRACT.items():
        pattern = re.compile(rf"\b{long}\b", re.I)
        if pattern.search(text):
            return pattern.sub(short, text, count=1).split()
        back = re.compile(rf"\b{re.escape(short)}\b", re.I)
        if back.search(text):
            return back.sub(long, text, count=1).split()
    return None


def discourse(words: list[str], rng: random.Random, corpus: Corpus) -> list[str] | None:
    if words[0].lower() in ("and", "but", "so"):
        return words[1:] if len(words) > 2 else None
    return [rng.choice(["And", "So"]), words[0][:1].lower() + words[0][1:] if words[0] != "I" else "I", *words[1:]]


def case_punctuation(words: list[str], rng: random.Random, corpus: Corpus) -> list[str] | None:
    out = [w.strip(",;:") for w in words]
    out[0] = out[0][:1].swapcase() + out[0][1:] if out[0] != "I" else out[0]
    return out if out != words else [*out[:-1], out[-1] + ","]


def _case(old: str, new: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


MEANING: dict[str, Transform] = {
    "negation": negation, "quantifier": quantifier, "modal": modal, "number": number, "comparison": comparison,
    "name": name, "person": person, "word": content_word,
}  # fmt: skip
Tolerated = Callable[[list[str], random.Random, Corpus], list[str] | None]
TOLERATED: dict[str, Tolerated] = {
    "filler": filler, "repetition": repetition, "false_start": false_start, "spelling": spelling,
    "abbreviation": abbreviation, "number_format": number_format, "insertion": insertion, "omission": omission,
    "comparative_form": comparative_form, "contraction": contraction, "discourse": discourse,
    "case_punctuation": case_punctuation,
}  # fmt: skip


def heldout(pair_id: str) -> bool:
    """The held-out half, fixed by the id."""
    return int(hashlib.sha256(pair_id.encode()).hexdigest()[0], 16) >= 8


def _altered(span: Span, corpus: Corpus, rng: random.Random, meaning: Transform) -> str | None:
    """The span with a change of meaning, when the words it keeps point to its one passage."""
    out = meaning(list(span.words), rng, corpus)
    if out is None:
        return None
    words, at = out
    kept = [w for k, w in enumerate(span.words) if k != at or len(words) != len(span.words)]
    quote = " ".join(words).strip(",;:")
    return None if not corpus.unique(span, kept) or corpus.said(quote) else quote


def _tolerated(span: Span, corpus: Corpus, rng: random.Random, transform: Tolerated) -> str | None:
    changed = transform(list(span.words), rng, corpus)
    if changed is None or changed == list(span.words) or len(changed) < 2:
        return None
    # A word put before the span that its own sentence has elsewhere ('So' of 'So I ask Congress to double ...')
    # makes the quote a different cut of the sentence, not the span with a transcript's word.
    opener = _w(changed[0]).lower()
    if opener != _w(span.words[0]).lower() and opener in (_w(w).lower() for w in span.sentence.split()):
        return None
    return " ".join(changed).strip(",;:")


def build(corpus: Corpus, rng: random.Random, per_cell: int) -> list[dict[str, object]]:
    """Up to `per_cell` pairs for every class and length."""
    records: list[dict[str, object]] = []
    cells: list[tuple[str, str, Callable[[Span], str | None]]] = [
        *((cls, "altered", functools.partial(_altered, corpus=corpus, rng=rng, meaning=f))
          for cls, f in MEANING.items()),
        *((cls, "verified", functools.partial(_tolerated, corpus=corpus, rng=rng, transform=f))
          for cls, f in TOLERATED.items()),
    ]  # fmt: skip
    for length in LENGTHS:
        for cls, label, make in cells:
            made = 0
            for span in corpus.spans[length]:
                if made >= per_cell:
                    break
                quote = make(span)
                # Asked only of a stretch a pair is made from: the frame reader parses its sentence.
                if quote is not None and not corpus.framed(span):
                    records.append(_record(cls, length, made, quote, span, label))
                    made += 1
    return records


def _record(cls: str, length: int, n: int, quote: str, span: Span, label: str) -> dict[str, object]:
    return {"id": f"pair-{cls}-{length}-{n}", "quote": quote, "speaker": span.speaker, "label": label,
            "source_id": span.passage_id, "class": cls, "length": length, "passage": span.sentence}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    """Write the tuning and held-out parts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "suites")
    parser.add_argument("--per-cell", type=int, default=PER_CELL, help="pairs per class and length")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--development", type=int, metavar="SEED",
        help="instead, write one development set made with this seed at 2, 3 and 5 words from passages the held-out "
        "part does not use (change_pairs_dev_SEED.jsonl)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    nlp = load_spacy(Settings().spacy_model)
    if args.development is not None:
        return _development(args.out, args.development, args.per_cell, nlp)
    rng = random.Random(args.seed)
    records = build(load_corpus(rng, lambda documents: SourceFrames(nlp, documents)), rng, args.per_cell)
    counts: dict[str, int] = defaultdict(int)
    for part in ("tune", "heldout"):
        chosen = [r for r in records if heldout(str(r["id"])) == (part == "heldout")]
        header = {"suite": {"kind": "quotes", "name": f"change_pairs_{part}", "description": (
            f"Generated pairs over the demo corpus, {part} part: every class of the rule of what counts as a change "
            "at 2, 3, 5, 10 and 20 words (eval/change_pairs.py)")}}  # fmt: skip
        with (args.out / f"change_pairs_{part}.jsonl").open("w", encoding="utf-8") as fh:
            fh.write(json.dumps(header) + "\n")
            for r in chosen:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
                counts[f"{part}:{r['label']}"] += 1
    print(json.dumps(counts, sort_keys=True))
    return 0


# A development set's lengths: where the rule's short-quote cases are.
DEVELOPMENT_LENGTHS = (2, 3, 5)


def _development(out: Path, seed: int, per_cell: int, nlp: Language) -> int:
    """Pairs made with another seed from the passages the held-out part never takes a stretch from."""
    heldout_part = out / "change_pairs_heldout.jsonl"
    held = {json.loads(line).get("source_id") for line in heldout_part.read_text(encoding="utf-8").splitlines()[1:]}
    rng = random.Random(seed)
    corpus = load_corpus(rng, lambda documents: SourceFrames(nlp, documents))
    corpus.spans = {
        n: [s for s in spans if s.passage_id not in held] if n in DEVELOPMENT_LENGTHS else []
        for n, spans in corpus.spans.items()
    }
    records = [r for r in build(corpus, rng, per_cell) if r["length"] in DEVELOPMENT_LENGTHS]
    name = f"change_pairs_dev_{seed}"
    header = {"suite": {"kind": "quotes", "name": name, "description": (
        f"Generated pairs over the demo corpus, a development set (seed {seed}) at 2, 3 and 5 words from passages the "
        "held-out part does not use (eval/change_pairs.py --development)")}}  # fmt: skip
    with (out / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
        fh.write(json.dumps(header) + "\n")
        for r in records:
            fh.write(json.dumps({**r, "id": f"{name}-{r['id']}"}, ensure_ascii=False) + "\n")
    print(f"{len(records)} pairs in {out / (name + '.jsonl')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

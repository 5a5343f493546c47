"""What both catalogs mean by a word, a phrase and a BM25 score, so their lexical search answers alike."""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from factcheck.store.records import speaker_keys
from factcheck.types import LexicalMatch

# Query words, as the caller's text is split before the index tokenizes them.
WORDS = re.compile(r"\w+")
# Index tokens: runs of letters and digits (SQLite FTS5's unicode61 tokenizer, which the local catalog uses).
_TOKEN = re.compile(r"[^\W_]+")
# Dropped from the any-word query only (never from phrase queries): they match nearly every passage.
STOPWORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "i",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "we",
        "were",
        "will",
        "with",
        "you",
    }
)
# Ranked keyword search uses a quote's rarest words, at most this many, while the passages holding them add up
# to no more than the budget (the rarest word is always used).
MAX_RANKING_TERMS = 8
# Another spelling of a word is about as long: this many letters more or fewer ('Qaeda' / 'Qaida', 'Kathryn' /
# 'Katherine').
SPELLING_LENGTH_SLACK = 2
RANKING_PASSAGES = 1000
# Word counts remembered between commits (a word and its count are about 100 bytes).
TERM_CACHE = 200_000
# BM25 parameters of SQLite FTS5's bm25(), which the local catalog ranks with.
BM25_K1 = 1.2
BM25_B = 0.75


def query_words(text: str) -> list[str]:
    """The lowercased words of a query, in order."""
    return [w.lower() for w in WORDS.findall(text)]


def tokens(text: str) -> list[str]:
    """Index tokens of a text: lowercased, diacritics removed, split at anything but letters and digits."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return _TOKEN.findall(folded)


def spelling_window(word: str) -> tuple[str, str, int, int]:
    """Index terms that could spell `word` another way lie in this range: the same first letter (low <= term <
    high) and a length in [shortest, longest]."""
    first = word[:1]
    return first, chr(ord(first) + 1), max(1, len(word) - SPELLING_LENGTH_SLACK), len(word) + SPELLING_LENGTH_SLACK


def content_words(words: Sequence[str]) -> list[str]:
    """The distinct words worth ranking by: stopwords dropped, unless nothing else is left."""
    distinct = list(dict.fromkeys(words))
    return [w for w in distinct if w not in STOPWORDS] or distinct


def ranking_terms(words: Sequence[str], counts: Mapping[str, int]) -> list[str]:
    """The words that rank passages for a quote: its rarest, as many as fit a budget of matching passages.

    BM25 scores every passage holding any query word, so a common word ('people', 'going') would make the
    search score a good part of the store while adding almost nothing to the ranking.
    """
    known = sorted((w for w in words if counts.get(w, 0) > 0), key=lambda w: counts[w])
    if not known:
        return list(words)
    chosen: list[str] = []
    budget = RANKING_PASSAGES
    for word in known[:MAX_RANKING_TERMS]:
        if chosen and counts[word] > budget:
            break
        chosen.append(word)
        budget -= counts[word]
    return chosen


def bm25(
    frequencies: Mapping[str, int], length: int, counts: Mapping[str, int], passages: int, average_length: float
) -> float:
    """BM25 of one passage for some terms, as FTS5 computes it (higher is better).

    `frequencies` are the terms' occurrences in the passage, `counts` the passages holding each term.
    """
    score = 0.0
    norm = BM25_K1 * (1 - BM25_B + BM25_B * length / max(average_length, 1e-9))
    for term, tf in frequencies.items():
        n = counts.get(term, 0)
        # FTS5 floors the idf of a term in over half the passages at a tiny positive value.
        idf = max(math.log((passages - n + 0.5) / (n + 0.5)), 1e-6)
        score += idf * tf * (BM25_K1 + 1) / (tf + norm)
    return score


def tsvector(words: Sequence[str]) -> str:
    """A PostgreSQL tsvector literal holding these tokens at their positions (1-based)."""
    positions: dict[str, list[str]] = {}
    for at, word in enumerate(words[:16383], start=1):  # PostgreSQL's largest position
        positions.setdefault(word, []).append(str(at))
    return " ".join(f"'{word}':{','.join(at)}" for word, at in positions.items())


def phrase_query(words: Sequence[str]) -> str:
    """A PostgreSQL tsquery literal for the tokens in sequence."""
    return " <-> ".join(f"'{w}'" for w in words)


def any_query(words: Sequence[str]) -> str:
    """A PostgreSQL tsquery literal for any of the tokens."""
    return " | ".join(f"'{w}'" for w in dict.fromkeys(words))


def frequencies(words: Sequence[str], wanted: Sequence[str]) -> dict[str, int]:
    """How often each wanted token occurs among `words`."""
    counted = Counter(words)
    return {w: counted[w] for w in wanted if counted[w]}


class TermCounts:
    """How many passages hold each word, remembered until the catalog's version moves.

    Every quote asks about its words, and the same words come back from one check to the next.
    """

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self._version: str | None = None
        self._lock = threading.Lock()

    def get(
        self, words: Sequence[str], version: str, fetch: Callable[[list[str]], Mapping[str, int]]
    ) -> dict[str, int]:
        """Counts of the lowercased words (absent: in no passage); `fetch` reads those not remembered."""
        terms = sorted({w.lower() for w in words if w})
        if not terms:
            return {}
        with self._lock:
            if self._version != version or len(self._counts) > TERM_CACHE:
                self._counts, self._version = {}, version
            missing = [t for t in terms if t not in self._counts]
        found: dict[str, int] = {}
        if missing:
            found = {t: 0 for t in missing} | dict(fetch(missing))
            with self._lock:
                if self._version == version:
                    self._counts.update(found)
        with self._lock:
            known = {t: self._counts.get(t, found.get(t, 0)) for t in terms}
        return {t: n for t, n in known.items() if n > 0}


class TermsByInitial:
    """An index's terms with the passages holding each, by first letter, remembered until the catalog's version
    moves: reading a vocabulary range counts every posting of every term in it, so the terms about a word's
    length cost as much as all the terms of its letter."""

    def __init__(self) -> None:
        self._terms: dict[str, list[tuple[str, int]]] = {}
        self._version: str | None = None
        self._lock = threading.Lock()

    def window(self, word: str, version: str, fetch: Callable[[str, str], list[tuple[str, int]]]) -> dict[str, int]:
        """The terms in `word`'s `spelling_window`, in term order; `fetch(low, high)` reads the terms in [low, high)."""
        low, high, shortest, longest = spelling_window(word)
        with self._lock:
            if self._version != version:
                self._terms, self._version = {}, version
            terms = self._terms.get(low)
        if terms is None:
            terms = fetch(low, high)
            with self._lock:
                if self._version == version:
                    self._terms[low] = terms
        return {term: count for term, count in terms if shortest <= len(term) <= longest}


class _Counted(Protocol):
    def any_passage_of(self, keys: Sequence[str]) -> bool: ...

    def term_passages(self, words: Sequence[str]) -> dict[str, int]: ...


@dataclass(frozen=True)
class SearchPlan:
    """What a lexical search looks for: the query's words, the speaker keys it is kept to, the ranking words."""

    words: list[str]
    keys: list[str]
    ranking: list[str]


def plan_search(
    query: str, k: int, speakers: Sequence[str] | None, match: LexicalMatch, catalog: _Counted
) -> SearchPlan | None:
    """The plan of one search, or None when it cannot find anything (no words, or no passage by the speakers)."""
    words = query_words(query)
    if not words or k <= 0:
        return None
    keys = speaker_keys(speakers)
    # An index lookup; otherwise a speaker the store does not know costs a scan of every keyword match.
    if speakers and not (keys and catalog.any_passage_of(keys)):
        return None
    content = content_words(words)
    ranking = content if match == "phrase" else ranking_terms(content, catalog.term_passages(content))
    return SearchPlan(words, keys, ranking)

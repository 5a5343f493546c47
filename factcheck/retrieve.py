"""Hybrid retrieval: dense (Chroma) and lexical (phrase + BM25) search, within the claimed speaker and overall."""

from __future__ import annotations

import contextvars
import re
import threading
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from rapidfuzz import fuzz

from factcheck.changes import respelled, transcript_words
from factcheck.names import matching_names
from factcheck.numbers import spelled_out
from factcheck.stages import Embedder, SourceStore, Vectors
from factcheck.store.lexical import tokens
from factcheck.tokens import Token, tokenize
from factcheck.types import Candidate

T = TypeVar("T")
R = TypeVar("R")

# Reciprocal-rank fusion constant; 60 is the usual choice and ranks far down still count a little.
RRF_K = 60
# A verbatim phrase hit is the strongest signal there is: it outranks any fused score.
PHRASE_BONUS = 1.0
# Passages kept per half of an altered quote; a half in more passages than this is a common phrase.
HALF_HITS = 4
# Quotes up to this long are also looked for with one word left out, within the claimed speaker's passages.
SHORT_QUOTE_WORDS = 6
# A word the index does not hold is looked up in other spellings when it is at least this long ...
RESPELL_MIN_LETTERS = 4
# ... for at most this many such words of a quote, and this many spellings of each.
RESPELL_WORDS = 2
RESPELL_SPELLINGS = 3
# Claimed speakers whose registry matches are remembered until the registry changes.
MATCH_CACHE = 4096
_BRACKETS = re.compile(r"\[[^\]]*\]|\([^)]*\)")
_DOTTED = re.compile(r"\b[^\W\d_](?:\.[^\W\d_])+\.?")
_ELLIPSIS = re.compile(r"\.\s*\.\s*\.|\u2026")
_SENTENCE = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+")


def search_text(quote: str) -> str:
    """The words to search for: editor's [bracketed] insertions dropped, omissions as spaces, an abbreviation's
    dots dropped ('I.N.F.' is searched as 'INF')."""
    text = _ELLIPSIS.sub(" ", _drop_brackets(quote))
    text = _DOTTED.sub(lambda m: m.group().replace(".", ""), text)
    return " ".join(text.split())


def _drop_brackets(quote: str) -> str:
    """Insertions go; an editor's "[T]he" keeps its letters since they belong to the word."""

    def keep_if_glued(m: re.Match[str]) -> str:
        after = quote[m.end() : m.end() + 1]
        return m.group(0)[1:-1] if after.isalnum() else " "

    return _BRACKETS.sub(keep_if_glued, quote)


def _segments(quote: str) -> list[str]:
    """The quote's runs of words between "..." omissions, longest first."""
    parts = [" ".join(_drop_brackets(p).split()) for p in _ELLIPSIS.split(quote)]
    return sorted((p for p in parts if p), key=len, reverse=True)


_CONTRACTIBLE = re.compile(r"\b(I|you|we|they|he|she|it|that|there|what|who)\s+(am|are|is|have|will|would)\b", re.I)
_NEGATED = re.compile(r"\b(do|does|did|is|are|was|were|have|has|had|would|should|could)\s+not\b", re.I)
# Negations whose contraction is spelled apart from the verb ('will not' / "won't", 'can not' / "can't").
_IRREGULAR = {"will": "won't", "can": "can't", "shall": "shan't"}
_NEGATED_IRREGULAR = re.compile(r"\b(will|can|shall)\s*not\b", re.I)
_GRADED = re.compile(r"\b(more|most)\s+([a-z]{3,})\b", re.I)
# A word in capitals, short enough to be read letter by letter ('US', 'NATO' is read as a word but may be dotted).
_CAPITALS = re.compile(r"\b[A-Z]{2,4}\b")
# A small whole number standing alone (not a sum, a share, a decimal or a part of a date).
_FIGURE = re.compile(r"(?<![\d$£€.,/:-])\b\d{1,2}\b(?!%|\d|[.,/:-]\d)")
_SHORT = {"am": "'m", "are": "'re", "is": "'s", "have": "'ve", "will": "'ll", "would": "'d"}


def written_variants(text: str) -> list[str]:
    """The phrase written the other ways a transcript may write it: with its contractions undone and numbers as
    figures, with small figures in words ('15 years' / 'fifteen years'), with contractions made ('we are' /
    "we're", 'did not' / "didn't"), with an abbreviation dotted ('US' / 'U.S.', which the index holds as its
    letters), and without a transcript's fillers and asides."""
    expanded = " ".join(t.norm for t in tokenize(text))
    contracted = _NEGATED.sub(lambda m: m.group(1) + "n't", text)
    contracted = _NEGATED_IRREGULAR.sub(lambda m: _IRREGULAR[m.group(1).lower()], contracted)
    contracted = _CONTRACTIBLE.sub(lambda m: m.group(1) + _SHORT[m.group(2).lower()], contracted)
    graded = _GRADED.sub(lambda m: _graded(m.group(2), "er" if m.group(1).lower() == "more" else "est"), text)
    dotted = _CAPITALS.sub(lambda m: ".".join(m.group()) + ".", text)
    spelled = _FIGURE.sub(lambda m: spelled_out(m.group()) or m.group(), text)
    plain = " ".join(text.lower().split())
    variants = (expanded, contracted.lower(), graded.lower(), dotted.lower(), spelled.lower(), _as_written(text))
    return [v for v in dict.fromkeys(variants) if v and v != plain]


def _as_written(text: str) -> str:
    """The quote without what a transcript carries and a prepared text leaves out: fillers, asides, a word said
    twice, a start broken off ('the, you know, power' is searched as 'the power')."""
    words = tokenize(text)
    spoken = set(transcript_words(words))
    if not spoken:
        return ""
    kept = dict.fromkeys((t.start, t.text) for k, t in enumerate(words) if k not in spoken)
    return " ".join(word for _, word in kept).lower()


def _graded(base: str, suffix: str) -> str:
    """The comparative or superlative of an adjective as English spells it ('big' -> 'bigger', 'easy' ->
    'easiest', 'simple' -> 'simpler')."""
    b = base.lower()
    if b.endswith("e"):
        return b + suffix[1:]
    if b.endswith("y") and len(b) > 2 and b[-2] not in "aeiou":
        return b[:-1] + "i" + suffix
    if len(b) <= 4 and b[-1] not in "aeiouwxy" and b[-2] in "aeiou" and (len(b) < 3 or b[-3] not in "aeiou"):
        return b + b[-1] + suffix  # a short word ending consonant-vowel-consonant doubles its last letter
    return b + suffix


def _without_one(text: str, max_words: int = SHORT_QUOTE_WORDS) -> list[str]:
    """For a short quote, its words with one left out: a word added to the quote (a 'not', a quantifier) leaves
    the rest a phrase of the source."""
    words = text.split()
    if not 3 <= len(words) <= max_words:
        return []
    return [" ".join(words[:k] + words[k + 1 :]) for k in range(len(words))]


def _halves(text: str, min_words: int = 3) -> list[str]:
    """The quote's sentences when it has several (a chunk boundary or a splice may fall between them), else the
    first and second half of its words, when each is long enough to be a phrase."""
    sentences = [s for s in _SENTENCE.split(text) if len(s.split()) >= min_words]
    if len(sentences) >= 2:
        return sentences
    words = text.split()
    if len(words) < 2 * min_words:
        return []
    mid = len(words) // 2
    return [" ".join(words[:mid]), " ".join(words[mid:])]


@dataclass
class _Registry:
    version: str | None = None
    names: list[str] = field(default_factory=list)
    # Claimed speaker -> matching registry names; articles credit the same few people again and again.
    matches: dict[str, list[str]] = field(default_factory=dict)

    def matching(self, speaker: str) -> list[str]:
        found = self.matches.get(speaker)
        if found is None:
            if len(self.matches) >= MATCH_CACHE:
                self.matches.clear()
            found = self.matches[speaker] = matching_names(speaker, self.names)
        return list(found)


class HybridRetriever:
    """Finds passages for a quote; the claimed speaker's passages are searched on their own as well."""

    def __init__(self, store: SourceStore, embedder: Embedder, depth: int = 12, workers: int = 2) -> None:
        self.store = store
        self.embedder = embedder
        self.depth = depth
        self.workers = workers
        self._registry = _Registry()
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()

    def speaker_names(self, speaker: str | None, fresh: bool = True) -> list[str]:
        """Every spelling in the store's registry that can denote `speaker`."""
        if not speaker:
            return []
        if fresh:
            self._refresh_registry()
        return self._registry.matching(speaker)

    def _refresh_registry(self) -> None:
        # The store's commit marker, not a count: a document replaced by one as long can change speakers.
        version = self.store.version()
        if version != self._registry.version:
            names: list[str] = []
            for entry in self.store.speakers():
                names.append(entry.name)
                names.extend(entry.aliases)
            self._registry = _Registry(version, names)

    def retrieve(self, quote: str, speaker: str | None, k: int) -> list[Candidate]:
        """Candidates for one quote, best first."""
        return self.retrieve_many([(quote, speaker)], k)[0]

    def retrieve_many(self, queries: Sequence[tuple[str, str | None]], k: int) -> list[list[Candidate]]:
        """Candidates for several quotes; the quotes no verbatim phrase settles are embedded while the others'
        phrases are still being probed (a text's vector does not depend on the texts embedded with it)."""
        self._refresh_registry()
        searches = [_Search(q, search_text(q) or q, self.speaker_names(s, fresh=False)) for q, s in queries]
        depth = max(self.depth, k)
        # Every quote's phrase probes, then the ranked keyword searches of those no verbatim phrase settled, run
        # on the search threads; meanwhile this thread embeds the unsettled quotes and asks Chroma.
        probes = self._start(lambda search: self._probed(search, k), searches)
        keyword = self._start(lambda search: self._unsettled_words(search, depth), searches)
        # Who else says each quote's exact words is what the verifier asks next: read here, it is kept for the
        # store snapshot, and this thread does not wait for it there.
        speakers = self._start(lambda search: self.store.phrase_speakers(search.quote), searches)
        # Dense search only where no verbatim phrase settled the quote (altered, paraphrased, unknown).
        pending: list[_Search] = []
        vectors: list[Vectors] = []
        for search in searches:
            if len(vectors) < len(pending) and not search.probed.is_set():
                vectors += list(self.embedder.embed([s.text for s in pending[len(vectors) :]]))
            search.probed.wait()
            if not search.settled:
                pending.append(search)
        if len(vectors) < len(pending):
            vectors += list(self.embedder.embed([s.text for s in pending[len(vectors) :]]))
        # Chroma is asked one query after another in a fixed order: its approximate nearest neighbours can depend
        # on earlier queries.
        dense = self._nearest(pending, vectors, depth) if pending else []
        probes()  # what a search thread raised
        words = [found for found in keyword() if found is not None]
        speakers()
        for search, (dense_all, dense_own), (words_all, words_own) in zip(pending, dense, words, strict=True):
            search.others += [dense_all, words_all]
            if search.names:
                search.own += [dense_own, words_own]
        return [self._fused(s, k) for s in searches]

    def _probed(self, search: _Search, k: int) -> None:
        try:
            self._probe(search, k)
        finally:
            search.probed.set()

    def _unsettled_words(self, search: _Search, depth: int) -> tuple[list[Candidate], list[Candidate]] | None:
        """The ranked keyword hits of a quote its phrase probes did not settle (they run first: tasks start in
        the order given)."""
        search.probed.wait()
        return None if search.settled else self._keyword(search, depth)

    def _start(self, work: Callable[[T], R], items: Sequence[T]) -> Callable[[], list[R]]:
        """Start `work` on every item on the search threads; the returned function waits for the results."""
        # SQLite runs outside the GIL. Each task runs in a copy of the caller's context, so it reads the
        # caller's store snapshot.
        if self.workers < 2 or not items:
            done = [work(item) for item in items]
            return lambda: done
        pool = self._executor()
        futures = [pool.submit(contextvars.copy_context().run, work, item) for item in items]
        return lambda: [future.result() for future in futures]

    def _executor(self) -> ThreadPoolExecutor:
        # Kept for the retriever's life: search threads keep their SQLite connections and page caches warm.
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="retrieve")
                weakref.finalize(self, self._pool.shutdown, wait=False)
            return self._pool

    def _probe(self, search: _Search, k: int) -> None:
        self._lexical(search, k)
        # Another speaker's verbatim hit settles the costlier searches, but the claimed speaker's own passages are
        # still probed for the quote as they may have it (written otherwise, or changed in one place).
        if search.settled and not (search.names and not _has_phrase(search.own)):
            return
        settled = search.settled
        search.settled = False
        self._written_otherwise(search, k)
        if not search.settled:
            self._respelled(search, k)
        if not search.settled:
            self._halves(search)
        search.settled = search.settled or settled

    def _written_otherwise(self, search: _Search, k: int) -> None:
        # The quote's phrase as a transcript may write it: contractions made or undone, numbers as figures.
        scope = search.own if search.names else search.others
        for variant in written_variants(search.text):
            hits = self.store.lexical_search(variant, k, search.names or None, match="phrase")
            scope.append(hits)
            if _has_phrase([hits]):
                search.settled = True
                return

    def _respelled(self, search: _Search, k: int) -> None:
        # A name a transcriber spelled another way ('Qaida' for 'Qaeda') is a word the index never saw: the
        # phrase is probed again with the index's own spellings of it (the change classes' test of a respelling).
        scope = search.own if search.names else search.others
        for variant in self._spelled_as_indexed(search.text):
            hits = self.store.lexical_search(variant, k, search.names or None, match="phrase")
            scope.append(hits)
            search.settled = search.settled or _has_phrase([hits])

    def _spelled_as_indexed(self, text: str) -> list[str]:
        """The text with each word the index does not hold replaced by an indexed word that spells it another way
        (the closest spellings first), one word at a time."""
        words = [t for t in tokenize(text) if t.text.isalpha() and len(t.norm) >= RESPELL_MIN_LETTERS]
        folded = {t.norm: tokens(t.text) for t in words}
        known = self.store.term_passages(sorted({f[0] for f in folded.values() if len(f) == 1}))
        unknown = [t for t in words if len(folded[t.norm]) == 1 and folded[t.norm][0] not in known]
        variants: list[str] = []
        for word in unknown[:RESPELL_WORDS]:
            spellings = self.store.similar_terms(folded[word.norm][0])
            alike = sorted((t for t in spellings if _respelling(word, t)), key=lambda t: -fuzz.ratio(t, word.norm))
            variants += [text[: word.start] + term + text[word.end :] for term in alike[:RESPELL_SPELLINGS]]
        return variants

    def _lexical(self, search: _Search, k: int) -> None:
        # A phrase probe is cheap; the ranked keyword search runs only for quotes no phrase settles.
        segments = _segments(search.quote)
        probe = segments[0] if len(segments) > 1 else search.text
        if search.names:
            search.own.append(self.store.lexical_search(probe, k, search.names, match="phrase"))
            if _has_phrase(search.own):
                search.settled = True
                return
        search.others.append(self.store.lexical_search(probe, k, None, match="phrase"))
        search.settled = _has_phrase(search.others)

    def _halves(self, search: _Search) -> None:
        # An altered quote is no phrase, but its unchanged halves usually are: the claimed speaker's
        # passage is then found without the costlier dense and ranked keyword searches.
        # A half found in more passages than fetched is a common phrase: its hits may all be other
        # sentences, so they settle nothing.
        scope = search.own if search.names else search.others
        settled = False
        for half in _halves(search.text):
            hits = self.store.lexical_search(half, HALF_HITS + 1, search.names or None, match="phrase")
            scope.append(hits[:HALF_HITS])
            settled = settled or (_has_phrase([hits]) and len(hits) <= HALF_HITS)
        if search.names:
            for shorter in _without_one(search.text):
                hits = self.store.lexical_search(shorter, HALF_HITS + 1, search.names, match="phrase")
                # Where the shortened phrase is rare, its passages are candidates (not hits of the quote's phrase).
                if len(hits) <= HALF_HITS:
                    search.own.append([hit.model_copy(update={"phrase": False}) for hit in hits])
        search.settled = settled

    def _nearest(
        self, searches: Sequence[_Search], vectors: Sequence[Vectors], depth: int
    ) -> list[tuple[list[Candidate], list[Candidate]]]:
        """Dense hits within each claimed speaker's passages, one store call per speaker, and across all
        speakers for quotes whose speaker the store does not know (in a fixed order: Chroma's approximate
        neighbours can depend on earlier queries).

        A named quote needs no search of everyone's meanings: what could make it someone else's words is a
        (near) verbatim match, which the phrase and keyword searches over all speakers find.
        """
        unnamed = [i for i, search in enumerate(searches) if not search.names]
        everyone: list[list[Candidate]] = [[] for _ in searches]
        for i, found in zip(unnamed, self.store.dense_search_many([vectors[i] for i in unnamed], depth, None),
                            strict=True):  # fmt: skip
            everyone[i] = found
        own: list[list[Candidate]] = [[] for _ in searches]
        groups: dict[tuple[str, ...], list[int]] = {}
        for position, search in enumerate(searches):
            if search.names:
                groups.setdefault(tuple(search.names), []).append(position)
        for names, positions in groups.items():
            hits = self.store.dense_search_many([vectors[i] for i in positions], depth, list(names))
            for i, found in zip(positions, hits, strict=True):
                own[i] = found
        return list(zip(everyone, own, strict=True))

    def _keyword(self, search: _Search, depth: int) -> tuple[list[Candidate], list[Candidate]]:
        """Ranked keyword hits across all speakers and within the claimed speaker's passages."""
        # The quote's phrase was looked for by the probe; only its words are searched here.
        everyone = self.store.lexical_search(search.text, depth, None, match="words")
        own = self.store.lexical_search(search.text, depth, search.names, match="words") if search.names else []
        return everyone, own

    def _fused(self, search: _Search, k: int) -> list[Candidate]:
        fused = _fuse(search.own + search.others)
        speaker_ids = {c.passage.id for lst in search.own for c in lst}
        own = [c for c in fused if c.passage.id in speaker_ids][:k]
        chosen = {c.passage.id for c in own}
        rest = [c for c in fused if c.passage.id not in chosen][: max(k, 2 * k - len(own))]
        return sorted(own + rest, key=lambda c: -c.score)


@dataclass
class _Search:
    """One quote's searches so far: lists within the claimed speaker's passages and across all."""

    quote: str
    text: str
    names: list[str]
    own: list[list[Candidate]] = field(default_factory=list)
    others: list[list[Candidate]] = field(default_factory=list)
    settled: bool = False
    # Set once the phrase probes are done: `settled` is final.
    probed: threading.Event = field(default_factory=threading.Event)


def _respelling(word: Token, term: str) -> bool:
    """An index term is the quote's word spelled another way."""
    other = tokenize(term)
    return len(other) == 1 and respelled(word, other[0])


def _has_phrase(lists: Sequence[Sequence[Candidate]]) -> bool:
    return any(c.phrase for lst in lists for c in lst)


def _fuse(lists: Sequence[Sequence[Candidate]]) -> list[Candidate]:
    """Reciprocal-rank fusion keeping each passage's best dense and lexical scores."""
    score: dict[str, float] = {}
    first: dict[str, Candidate] = {}
    dense: dict[str, float] = {}
    lexical: dict[str, float] = {}
    phrase: dict[str, bool] = {}
    for lst in lists:
        for rank, cand in enumerate(lst):
            pid = cand.passage.id
            score[pid] = score.get(pid, 0.0) + 1.0 / (RRF_K + rank + 1)
            first.setdefault(pid, cand)
            if cand.dense is not None:
                dense[pid] = max(dense.get(pid, cand.dense), cand.dense)
            if cand.lexical is not None:
                lexical[pid] = max(lexical.get(pid, cand.lexical), cand.lexical)
            phrase[pid] = phrase.get(pid, False) or cand.phrase
    out = [
        Candidate(
            passage=first[pid].passage,
            score=score[pid] + (PHRASE_BONUS if phrase[pid] else 0.0),
            dense=dense.get(pid),
            lexical=lexical.get(pid),
            phrase=phrase[pid],
        )
        for pid in score
    ]
    return sorted(out, key=lambda c: -c.score)

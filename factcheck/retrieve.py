"""Hybrid retrieval: dense (Chroma) and lexical (phrase + BM25) search, within the claimed speaker and overall."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from factcheck.names import matching_names
from factcheck.stages import Embedder, SourceStore, Vectors
from factcheck.types import Candidate

# Reciprocal-rank fusion constant; 60 is the usual choice and ranks far down still count a little.
RRF_K = 60
# A verbatim phrase hit is the strongest signal there is: it outranks any fused score.
PHRASE_BONUS = 1.0
_BRACKETS = re.compile(r"\[[^\]]*\]")
_ELLIPSIS = re.compile(r"\.\s*\.\s*\.|\u2026")


def search_text(quote: str) -> str:
    """The words to search for: editor's [bracketed] insertions dropped, omissions as spaces."""
    text = _ELLIPSIS.sub(" ", _drop_brackets(quote))
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


@dataclass
class _Registry:
    version: int = -1
    names: list[str] = field(default_factory=list)


class HybridRetriever:
    """Finds passages for a quote; the claimed speaker's passages are searched on their own as well."""

    def __init__(self, store: SourceStore, embedder: Embedder, depth: int = 12) -> None:
        self.store = store
        self.embedder = embedder
        self.depth = depth
        self._registry = _Registry()

    def speaker_names(self, speaker: str | None) -> list[str]:
        """Every spelling in the store's registry that can denote `speaker`."""
        if not speaker:
            return []
        version = self.store.count_passages()
        if version != self._registry.version:
            names: list[str] = []
            for entry in self.store.speakers():
                names.append(entry.name)
                names.extend(entry.aliases)
            self._registry = _Registry(version, names)
        return matching_names(speaker, self._registry.names)

    def retrieve(self, quote: str, speaker: str | None, k: int) -> list[Candidate]:
        """Candidates for one quote, best first."""
        return self.retrieve_many([(quote, speaker)], k)[0]

    def retrieve_many(self, queries: Sequence[tuple[str, str | None]], k: int) -> list[list[Candidate]]:
        """Candidates for several quotes; their embeddings are computed in one batch."""
        if not queries:
            return []
        texts = [search_text(q) or q for q, _ in queries]
        vectors = self.embedder.embed(texts)
        return [
            self._retrieve_one(quote, text, speaker, vectors[i], k)
            for i, ((quote, speaker), text) in enumerate(zip(queries, texts, strict=True))
        ]

    def _retrieve_one(self, quote: str, text: str, speaker: str | None, vector: Vectors, k: int) -> list[Candidate]:
        depth = max(self.depth, k)
        lists: list[list[Candidate]] = []
        names = self.speaker_names(speaker)
        scopes: list[Sequence[str] | None] = [names, None] if names else [None]
        segments = _segments(quote)
        for scope in scopes:
            lists.append(self.store.dense_search(vector, depth, scope))
            lists.append(self.store.lexical_search(text, depth, scope))
            # With "..." omissions the whole quote is no phrase; its longest run still is.
            if len(segments) > 1:
                lists.append(self.store.lexical_search(segments[0], depth, scope))
        fused = _fuse(lists)
        speaker_ids = {c.passage.id for lst in lists[: len(lists) // len(scopes)] for c in lst} if names else set()
        own = [c for c in fused if c.passage.id in speaker_ids][:k]
        chosen = {c.passage.id for c in own}
        rest = [c for c in fused if c.passage.id not in chosen][: max(k, 2 * k - len(own))]
        return sorted(own + rest, key=lambda c: -c.score)


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

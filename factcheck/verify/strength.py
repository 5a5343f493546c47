"""How much a match proves: how rare the quote's words are in the store, and who else says them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from factcheck.names import PersonName, matching_names, parse_name, same_speaker, speaker_key
from factcheck.stages import SourceStore
from factcheck.tokens import QuotePattern, is_content

_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Distinctiveness:
    """How identifying a quote's words are, and who says them verbatim.

    `information` is the surprise of finding all its content words in one passage by chance, in nats:
    -log(expected passages holding them all) = sum of log(N / df) over the words, less log N. Above about 3
    (fewer than one chance hit in 20) a match identifies its speaker; near or below zero, any speaker could have
    said the words ('we must act now').
    """

    information: float
    phrase_passages: int
    phrase_speakers: tuple[str, ...]
    content_words: int = 0
    store_passages: int = 0  # the passages rarity was measured against

    def speakers_besides(self, claimed: str | None) -> int:
        """How many people other than the claimed speaker carry the exact words (spellings of one person, such
        as 'Bernie Sanders' and 'Bernard Sanders', count once)."""
        people: list[str] = []
        for key in self.phrase_speakers:
            if not key or (claimed and same_speaker(key, claimed)):
                continue
            if not any(same_speaker(key, person) for person in people):
                people.append(key)
        return len(people)


def distinctiveness(pattern: QuotePattern, text: str, store: SourceStore | None) -> Distinctiveness:
    """How identifying the quote's words are: summed inverse passage frequency of its content words."""
    content = sorted({t.norm for t in pattern.tokens if is_content(t) and t.norm.isalpha()})
    if store is None:
        # No store to measure against: length alone (about a nat a content word).
        return Distinctiveness(len(content) - 2.0, 0, (), len(content))
    total = max(1, store.count_passages())
    counts = store.term_passages(content)
    information = sum(math.log((total + 0.5) / (counts.get(w, 0) + 0.5)) for w in content) - math.log(total + 0.5)
    # A word of the phrase that no passage holds: the phrase is nowhere, and the search for it can be skipped.
    # (Only plain ASCII words: the index folds accents, so 'café' is counted under 'cafe'.)
    words = sorted({w for w in _WORDS.findall(text.lower()) if w.isascii()})
    held = store.term_passages(words)
    if any(w not in held for w in words):
        return Distinctiveness(round(information, 3), 0, (), len(content), total)
    passages, speakers = store.phrase_speakers(text)  # the store's first hits, as the retriever read them
    return Distinctiveness(round(information, 3), passages, tuple(speakers), len(content), total)


@dataclass(frozen=True)
class Coverage:
    """How much the store holds by the claimed speaker: no passages makes an absence weak evidence."""

    passages: int
    keys: frozenset[str]
    # The store's full name for a speaker the article calls by one name only, when the store has one such person.
    full_name: str | None = None


def claimed_coverage(claimed: str | None, store: SourceStore | None) -> Coverage:
    """Passages the store holds by every registry name the claimed speaker can denote."""
    if not claimed or store is None:
        return Coverage(0, frozenset())
    entries = store.speakers()
    names = set(matching_names(claimed, [e.name for e in entries] + [a for e in entries for a in e.aliases]))
    chosen = [e for e in entries if e.name in names or names & set(e.aliases)]
    return Coverage(sum(e.passages for e in chosen), frozenset(speaker_key(e.name) for e in chosen) | {
        speaker_key(e.key) for e in chosen
    }, _full_name(claimed, [e.name for e in chosen]))


def _full_name(claimed: str, chosen: list[str]) -> str | None:
    """'Donald Trump' for an article's 'Trump' when he is the one speaker of the store the name can denote."""
    parsed = parse_name(claimed)
    if not isinstance(parsed, PersonName) or parsed.given is not None:
        return None
    # The registry may hold the one name as well (a source that calls him 'Trump'): that is no second person.
    full = {n for n in chosen if isinstance(p := parse_name(n), PersonName) and p.given is not None}
    if len(full) != 1:
        return None
    name = full.pop()
    return name if all(same_speaker(n, name) for n in chosen) else None

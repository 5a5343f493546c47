"""Candidate passages aligned to a quote: across passage boundaries of one turn, every occurrence weighed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.align import Alignment, QuotePattern, align, content_bound
from factcheck.context import framing
from factcheck.names import Relation, speaker_relation
from factcheck.stages import SourceStore
from factcheck.types import Candidate, Passage

# Quotes of fewer words carry no claim a frame could flip ('unacceptable').
FRAME_MIN_WORDS = 4
# Passages on either side of a match searched for the rest of a quote the chunker cut, or that a moderator's
# interjection split, within one speaker's words.
NEIGHBOURS = 3
# Candidates tried with their neighbours: the first few when they hold a sixth of the quote, others a third.
JOIN_TOP = 4
JOIN_COVERAGE_TOP = 0.15
JOIN_COVERAGE = 0.3
# Further occurrences of verbatim words looked at in one passage, for one that is not framed.
OCCURRENCES = 3


def speaker_of(passage: Passage) -> str | None:
    """Who spoke the passage: its own speaker, else the document's."""
    return passage.speaker or passage.document.speaker


@dataclass(frozen=True)
class Match:
    """One candidate passage (possibly joined with its neighbours) aligned to the quote."""

    passage: Passage
    alignment: Alignment
    retrieval: Candidate
    relation: Relation | None
    frame: str | None = None

    @property
    def speaker(self) -> str | None:
        """Who spoke the passage."""
        return speaker_of(self.passage)

    @property
    def claimed(self) -> bool:
        """Said by the claimed speaker, or by someone the claimed name can denote."""
        return self.relation in ("same", "compatible")

    @property
    def rank_key(self) -> tuple[bool, bool, float, float]:
        """Verbatim first, unframed before framed, then fewest weighted edits, then most of the quote found."""
        a = self.alignment
        return (not a.verbatim, self.frame is not None, a.distortion, -a.coverage)

    @property
    def quality(self) -> float:
        """0..1: how much of the quote this passage carries, less what was changed."""
        a = self.alignment
        return max(0.0, min(1.0, a.coverage * (1.0 - min(1.0, a.distortion))))


def collect_matches(
    pattern: QuotePattern,
    claimed: str | None,
    candidates: Sequence[Candidate],
    store: SourceStore | None,
    limit: int,
) -> list[Match]:
    """Align the quote to the first `limit` candidates, best match first."""
    matches: list[Match] = []
    seen: set[str] = set()
    for rank, cand in enumerate(candidates[:limit]):
        passage = cand.passage
        if passage.id in seen:
            continue
        # Most candidates of a quote the store does not hold share a few words at most: skip aligning those
        # that cannot carry enough of it to matter (the bound is never below the aligned coverage).
        if content_bound(pattern, passage.text) < (JOIN_COVERAGE_TOP if rank < JOIN_TOP else JOIN_COVERAGE):
            continue
        alignment = align(pattern, passage.text)
        if alignment is None:
            continue
        # The best few candidates are tried with their neighbours even when they hold only part of the quote.
        enough = alignment.coverage >= (JOIN_COVERAGE_TOP if rank < JOIN_TOP else JOIN_COVERAGE)
        if not alignment.verbatim and enough and store is not None:
            joined = _across_boundaries(pattern, passage, alignment, store)
            if joined is not None:
                passage, alignment = joined
        seen.add(cand.passage.id)
        relation = speaker_relation(claimed, speaker_of(passage)) if claimed else None
        frame = _frame(pattern, passage.text, alignment) if alignment.verbatim else None
        matches.append(Match(passage, alignment, cand, relation, frame))
    matches.sort(key=lambda m: m.rank_key)
    return matches


def _frame(pattern: QuotePattern, text: str, alignment: Alignment) -> str | None:
    """The frame of the best occurrence: words said once plainly are the speaker's own, however often framed."""
    if len(pattern.tokens) < FRAME_MIN_WORDS:
        return None
    frame = framing(text, alignment.match_start, alignment.match_end)
    rest = text
    for _ in range(OCCURRENCES):
        if frame is None:
            return None
        # Blank out this occurrence and look for the words again further on.
        rest = rest[: alignment.match_start] + " " * (alignment.match_end - alignment.match_start) + rest[
            alignment.match_end :
        ]
        again = align(pattern, rest)
        if again is None or not again.verbatim:
            return frame
        if framing(text, again.match_start, again.match_end) is None:
            return None
        alignment = again
    return frame


def _touches_edge(alignment: Alignment, passage: Passage) -> bool:
    """The quote runs off the start or end of the passage: the rest may be in the next one."""
    ops = alignment.ops
    unmatched_start = bool(ops) and ops[0].op == "insert"
    unmatched_end = bool(ops) and ops[-1].op == "insert"
    near_start = alignment.match_start <= 2
    near_end = alignment.match_end >= len(passage.text.rstrip()) - 2
    return (unmatched_start and near_start) or (unmatched_end and near_end) or alignment.coverage < 1.0


def _across_boundaries(
    pattern: QuotePattern, passage: Passage, alignment: Alignment, store: SourceStore
) -> tuple[Passage, Alignment] | None:
    """The quote aligned over this passage and its speaker's neighbouring passages in the same turn, when the
    chunker cut it, or another speaker's brief interjection split it; None when that explains no more."""
    if not _touches_edge(alignment, passage):
        return None
    indices = list(range(passage.index - NEIGHBOURS, passage.index + NEIGHBOURS + 1))
    around = store.passages(passage.document.id, [i for i in indices if i >= 0])
    speaker = speaker_of(passage)
    same_turn = [p for p in around if speaker_of(p) == speaker]
    if len(same_turn) < 2:
        return None
    best: tuple[Passage, Alignment] | None = None
    alone = content_bound(pattern, passage.text)
    position = next((k for k, p in enumerate(same_turn) if p.index == passage.index), 0)
    # The passage with one neighbour on either side, then both: fewest joined words that explain the quote.
    for lo, hi in ((position - 1, position + 1), (position, position + 2), (position - 1, position + 2)):
        window = same_turn[max(0, lo) : hi]
        if len(window) < 2:
            continue
        merged = join_passages(window)
        # Aligning is the costly part: skip windows whose extra passages hold none of the quote's words that
        # this passage lacks.
        if content_bound(pattern, merged.text) <= alone:
            continue
        joined = align(pattern, merged.text)
        if joined is not None and joined.cost < (best[1] if best else alignment).cost - 1e-9:
            best = (merged, joined)
    return best


def join_passages(passages: Sequence[Passage]) -> Passage:
    """Passages of one document and speaker as one span (overlaps taken once, gaps as a space)."""
    first = passages[0]
    text = first.text
    end = first.end
    for p in passages[1:]:
        if p.start >= end:
            text += " " + p.text
        else:
            text += p.text[end - p.start :]
        end = max(end, p.end)
    return Passage(
        id=first.id,
        document=first.document,
        index=first.index,
        text=text,
        start=first.start,
        end=end,
        speaker=first.speaker,
    )

"""Verdicts from word alignment, the passage's speaker and its context, with a calibrated confidence."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from factcheck.align import Alignment, QuotePattern, align, parse_quote
from factcheck.context import framing, sentence_bounds
from factcheck.links import passage_link
from factcheck.names import same_speaker
from factcheck.score import LogisticCalibrator, read_calibrator
from factcheck.stages import SourceStore
from factcheck.types import Candidate, CheckedQuote, Evidence, Label, Passage, Quote, Verdict

DEFAULT_CALIBRATION = "calibration.json"


def _speaker_of(passage: Passage) -> str | None:
    """Who spoke the passage: its own speaker, else the document's."""
    return passage.speaker or passage.document.speaker


@dataclass(frozen=True)
class Match:
    """One candidate passage (possibly joined with a neighbour) aligned to the quote."""

    passage: Passage
    alignment: Alignment
    retrieval: Candidate
    claimed: bool

    @property
    def speaker(self) -> str | None:
        """Who spoke the passage."""
        return _speaker_of(self.passage)

    @property
    def rank_key(self) -> tuple[bool, float, float]:
        """Verbatim first, then fewest weighted edits, then most of the quote found."""
        a = self.alignment
        return (not a.verbatim, a.distortion, -a.coverage)

    @property
    def quality(self) -> float:
        """0..1: how much of the quote this passage carries, less what was changed."""
        a = self.alignment
        return max(0.0, min(1.0, a.coverage * (1.0 - min(1.0, a.distortion))))


@dataclass(frozen=True)
class Assessment:
    """The decision before it is rendered: label, the match behind it and the calibration features."""

    label: Label
    actual_speaker: str | None
    matches: tuple[Match, ...]
    primary: Match | None
    frame: str | None
    features: dict[str, float]
    reasons: tuple[str, ...]


def load_calibrator(path: Path | None = None) -> LogisticCalibrator:
    """The calibration file at `path`, or the one shipped with the package."""
    if path is not None:
        return read_calibrator(path)
    shipped = resources.files("factcheck") / "resources" / DEFAULT_CALIBRATION
    with resources.as_file(shipped) as file:
        if not file.is_file():
            return LogisticCalibrator()
        return read_calibrator(file)


class AlignmentVerifier:
    """Aligns the quote to each candidate and decides from wording, speaker and context."""

    # Thresholds chosen on the generated training split (eval/generate.py), never on test strings.
    near_coverage = 0.55
    near_dense = 0.80
    near_dense_coverage = 0.35
    misattribution_min_words = 4
    misattribution_near_coverage = 0.85
    speaker_margin = 0.1
    frame_min_words = 4
    candidates_aligned = 10
    evidence_after_verbatim = 2
    neighbours_tried = 3
    evidence_items = 5

    def __init__(self, store: SourceStore | None, calibrator: LogisticCalibrator) -> None:
        self.store = store
        self.calibrator = calibrator

    def verify(self, quote: Quote, candidates: Sequence[Candidate]) -> CheckedQuote:
        """The verdict and evidence for `quote` given retrieved candidates."""
        assessment = self.assess(quote.text, quote.speaker.name, candidates)
        confidence = self.calibrator.probability(assessment.features) if self.calibrator.weights else _prior(
            assessment
        )
        return CheckedQuote(
            **quote.model_dump(),
            verdict=Verdict(label=assessment.label, confidence=round(confidence, 4), reasons=list(assessment.reasons)),
            actual_speaker=assessment.actual_speaker,
            evidence=self._evidence(assessment),
        )

    def assess(self, text: str, speaker: str | None, candidates: Sequence[Candidate]) -> Assessment:
        """Label and features for a quote credited to `speaker`."""
        pattern = parse_quote(text)
        matches = self._matches(pattern, speaker, candidates)
        claimed = [m for m in matches if m.claimed]
        others = [m for m in matches if not m.claimed]
        best_claimed = claimed[0] if claimed else None
        best_other = others[0] if others else None
        words = len(pattern.tokens)
        frame: str | None = None
        actual: str | None = None
        reasons: list[str] = []

        if best_claimed is not None and best_claimed.alignment.verbatim:
            primary: Match | None = best_claimed
            a = best_claimed.alignment
            # One or two words carry no claim a frame could flip.
            if words >= self.frame_min_words:
                frame = framing(best_claimed.passage.text, a.match_start, a.match_end)
            label: Label = "out_of_context" if frame else "verified"
            reasons.append(f"the words are in a passage by {best_claimed.speaker or 'the source'}")
            if frame:
                reasons.append(f"the source sentence frames them ({frame})")
        elif best_other is not None and words >= self.misattribution_min_words and best_other.alignment.verbatim:
            primary, label, actual = best_other, "misattributed", best_other.speaker
            reasons.append(f"the words were said by {actual}, not by {speaker}")
        elif best_claimed is not None and self._near(best_claimed) and (
            best_other is None or best_claimed.quality >= best_other.quality - self.speaker_margin
        ):
            primary, label = best_claimed, "altered"
            changed = best_claimed.alignment.critical_words
            reasons.append("words differ from the closest passage" + (f": {', '.join(changed)}" if changed else ""))
        elif best_other is not None and self._misattributed(best_other, words):
            primary, label, actual = best_other, "misattributed", best_other.speaker
            reasons.append(f"close to words said by {actual}, not by {speaker}")
        elif best_claimed is not None and self._near(best_claimed):
            primary, label = best_claimed, "altered"
            reasons.append("words differ from the closest passage")
        else:
            primary, label = None, "not_found"
            reasons.append("no passage in the store carries these words" + (f" for {speaker}" if speaker else ""))

        ordered = sorted(matches, key=lambda m: (m is not primary, m.rank_key))
        features = self._features(label, pattern, best_claimed, best_other, matches, frame, speaker)
        return Assessment(label, actual, tuple(ordered), primary, frame, features, tuple(reasons))

    def _near(self, m: Match) -> bool:
        a = m.alignment
        dense = m.retrieval.dense or 0.0
        return a.coverage >= self.near_coverage or (
            dense >= self.near_dense and a.coverage >= self.near_dense_coverage
        )

    def _misattributed(self, m: Match, words: int) -> bool:
        if words < self.misattribution_min_words:
            return False
        a = m.alignment
        return a.verbatim or (a.coverage >= self.misattribution_near_coverage and a.critical_edits == 0)

    def _matches(self, pattern: QuotePattern, speaker: str | None, candidates: Sequence[Candidate]) -> list[Match]:
        matches: list[Match] = []
        tried = 0
        settled_at: int | None = None
        for i, cand in enumerate(candidates[: self.candidates_aligned]):
            # Once the claimed speaker's verbatim passage is found, a few more are enough for evidence.
            if settled_at is not None and i - settled_at > self.evidence_after_verbatim:
                break
            alignment = align(pattern, cand.passage.text)
            if alignment is None:
                continue
            passage = cand.passage
            if not alignment.verbatim and alignment.coverage >= 0.3 and tried < self.neighbours_tried:
                tried += 1
                joined = self._with_neighbours(pattern, passage, alignment)
                if joined is not None:
                    passage, alignment = joined
            claimed = speaker is None or same_speaker(speaker, _speaker_of(passage))
            matches.append(Match(passage, alignment, cand, claimed))
            if claimed and alignment.verbatim and settled_at is None:
                settled_at = i
        matches.sort(key=lambda m: m.rank_key)
        return matches

    def _with_neighbours(
        self, pattern: QuotePattern, passage: Passage, alignment: Alignment
    ) -> tuple[Passage, Alignment] | None:
        """The quote aligned over this passage and its neighbours, when that explains more of it."""
        if self.store is None:
            return None
        around = self.store.passages(passage.document.id, [passage.index - 1, passage.index, passage.index + 1])
        same_turn = [p for p in around if (p.speaker or "") == (passage.speaker or "")]
        if len(same_turn) < 2:
            return None
        merged = _join(same_turn)
        joined = align(pattern, merged.text)
        if joined is None or joined.cost >= alignment.cost - 1e-9:
            return None
        return merged, joined

    def _features(
        self,
        label: Label,
        pattern: QuotePattern,
        claimed: Match | None,
        other: Match | None,
        matches: Sequence[Match],
        frame: str | None,
        speaker: str | None,
    ) -> dict[str, float]:
        feats: dict[str, float] = {f"label_{label}": 1.0}
        if claimed is not None:
            feats["claimed_coverage"] = claimed.alignment.coverage
            feats["claimed_distortion"] = min(2.0, claimed.alignment.distortion)
            feats["claimed_critical"] = float(min(3, claimed.alignment.critical_edits))
        if other is not None:
            feats["other_coverage"] = other.alignment.coverage
            feats["other_distortion"] = min(2.0, other.alignment.distortion)
        feats["best_dense"] = max((m.retrieval.dense or 0.0 for m in matches), default=0.0)
        feats["phrase_hit"] = float(any(m.retrieval.phrase for m in matches))
        feats["log_quote_words"] = math.log1p(len(pattern.tokens))
        feats["framed"] = float(frame is not None)
        verbatim_speakers = {m.speaker for m in matches if m.alignment.verbatim}
        feats["speakers_verbatim"] = float(min(3, len(verbatim_speakers)))
        feats["speaker_known"] = float(speaker is not None)
        return feats

    def _evidence(self, assessment: Assessment) -> list[Evidence]:
        items: list[Evidence] = []
        for m in assessment.matches[: self.evidence_items]:
            a = m.alignment
            show_diff = a.coverage >= 0.3
            context = None
            if m is assessment.primary and assessment.frame:
                left, right = sentence_bounds(m.passage.text, a.match_start, a.match_end)
                context = m.passage.text[left:right]
            items.append(
                Evidence(
                    text=m.passage.text,
                    document=m.passage.document,
                    passage_id=m.passage.id,
                    speaker=m.speaker,
                    start=m.passage.start,
                    end=m.passage.end,
                    score=round(m.quality, 4),
                    match_start=a.match_start if show_diff else None,
                    match_end=a.match_end if show_diff else None,
                    diff=list(a.ops) if show_diff else [],
                    context=context,
                    page=m.passage.page,
                    timestamp=m.passage.timestamp,
                    link=passage_link(m.passage),
                )
            )
        return items


def _join(passages: Sequence[Passage]) -> Passage:
    """Adjacent passages of one document as one span (overlaps taken once)."""
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
        page=first.page,
        timestamp=first.timestamp,
    )


def _prior(assessment: Assessment) -> float:
    """Before calibration: a plain reading of alignment quality."""
    if assessment.primary is None:
        return 0.6
    return 0.5 + 0.45 * assessment.primary.quality

"""The `Verifier` stage: matches, decision and a calibrated confidence, rendered as a checked quote."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from factcheck.context import FrameReader, sentence_bounds
from factcheck.links import locate
from factcheck.score import LogisticCalibrator, read_calibrator
from factcheck.stages import SourceStore, Statements
from factcheck.tokens import parse_quote
from factcheck.types import Candidate, CheckedQuote, Evidence, Quote, QuoteKind, Verdict
from factcheck.verify.decision import Assessment, Claim, decide, frame_kept
from factcheck.verify.frames import VOICE_FRAMES, around_claim
from factcheck.verify.matches import Match, collect_matches
from factcheck.verify.origin import SpeakerPhrases
from factcheck.verify.strength import Coverage, claimed_coverage, distinctiveness

DEFAULT_CALIBRATION = "calibration.json"
# Alignments covering less of the quote than this point at words too scattered to locate: the passage is.
LOCATED_COVERAGE = 0.3
# Claimed speakers whose store coverage is remembered until the store changes.
COVERAGE_CACHE = 4096


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
    """Aligns the quote to each candidate and decides from wording, speaker, context and word rarity."""

    candidates_aligned = 10
    evidence_items = 5

    def __init__(
        self,
        store: SourceStore | None,
        calibrator: LogisticCalibrator,
        frames: FrameReader,
        statements: Statements | None = None,
    ) -> None:
        self.store = store
        self.calibrator = calibrator
        self.frames = frames
        # Without it every quote is read as a claim, and a frame around its words always counts.
        self.statements = statements
        self._coverage: dict[str, Coverage] = {}
        self._coverage_version: str | None = None

    def verify(self, quote: Quote, candidates: Sequence[Candidate], article: str | None = None) -> CheckedQuote:
        """The verdict and evidence for `quote` given retrieved candidates; with the `article` its offsets index, a
        frame the article keeps around the words is no frame dropped."""
        assessment = self.assess(
            quote.text, quote.speaker.name, candidates, quote.speaker.confidence, quote.kind, quote.cue,
            quote.speaker.mention,
        )
        if article is not None and assessment.label == "out_of_context":
            if assessment.frame in VOICE_FRAMES:
                # The source has the words as others'; an article that reports them as what others told the
                # speaker keeps that frame.
                others = self.frames.reported_within(article, quote.start, quote.end, quote.speaker.name)
                kept = None if others is None else f"reported as what {others} said"
            else:
                kept = self.frames.framing(article, quote.start, quote.end, modal=assessment.frame == "hypothetical")
            if kept is not None:
                assessment = frame_kept(assessment, kept)
        confidence = self.calibrator.probability(assessment.features) if self.calibrator.weights else _prior(
            assessment
        )
        confidence *= assessment.premise
        # An article that calls the speaker by one name only ('Trump') is read with the store's full name for them.
        full_name = self._claimed(quote.speaker.name).full_name
        speaker = quote.speaker.model_copy(update={"name": full_name}) if full_name else quote.speaker
        return CheckedQuote(
            **{**quote.model_dump(), "speaker": speaker.model_dump()},
            verdict=Verdict(label=assessment.label, confidence=round(confidence, 4), reasons=list(assessment.reasons)),
            actual_speaker=assessment.actual_speaker,
            evidence=self._evidence(assessment, candidates),
        )

    def assess(
        self,
        text: str,
        speaker: str | None,
        candidates: Sequence[Candidate],
        speaker_confidence: float = 1.0,
        kind: QuoteKind = "direct",
        cue: str | None = None,
        mention: str | None = None,
    ) -> Assessment:
        """Label and features for a quote credited to `speaker` (as sure as `speaker_confidence`), reported with
        the verb `cue`, by the article's words `mention`."""
        claim = Claim(speaker, speaker_confidence, kind, cue, mention)
        pattern = parse_quote(text)
        matches = collect_matches(pattern, speaker if claim.named else None, candidates, self.store,
                                  self.candidates_aligned, self.frames)  # fmt: skip
        strength = distinctiveness(pattern, text, self.store)
        coverage = self._claimed(speaker if claim.named else None)
        # Parsed only when a frame around a claim in the speaker's wording could change the verdict.
        claim_frame = any(around_claim(m) for m in matches)
        states = self.statements is None or not claim_frame or self.statements.states(text) or self._predicated(matches)
        phrases = SpeakerPhrases(self.store)
        return decide(text, pattern, claim, matches, strength, coverage, phrases, states, self.statements)

    def _predicated(self, matches: Sequence[Match]) -> bool:
        """A phrase found as what a framed claim says of its subject ('the worst in a hundred years' of 'some say
        the storm will be the worst in a hundred years', 'close in the autumn' of 'if ..., the pool will close in
        the autumn') carries the claim, though it is no clause by itself."""
        statements = self.statements
        return statements is not None and any(
            statements.predicates(m.passage.text, m.alignment.match_start, m.alignment.match_end)
            for m in matches
            if around_claim(m) and m.alignment.verbatim
        )

    def _claimed(self, speaker: str | None) -> Coverage:
        if not speaker or self.store is None:
            return Coverage(0, frozenset())
        version = self.store.version()
        if version != self._coverage_version or len(self._coverage) >= COVERAGE_CACHE:
            self._coverage, self._coverage_version = {}, version
        found = self._coverage.get(speaker)
        if found is None:
            found = self._coverage[speaker] = claimed_coverage(speaker, self.store)
        return found

    def _evidence(self, assessment: Assessment, candidates: Sequence[Candidate]) -> list[Evidence]:
        items = self._aligned_evidence(assessment)
        # Candidates too far from the quote to be aligned are still the nearest passages the store has.
        shown = {item.passage_id for item in items}
        for cand in candidates:
            if len(items) >= self.evidence_items:
                break
            passage = cand.passage
            if passage.id in shown:
                continue
            shown.add(passage.id)
            where = locate(passage)
            nearest = Evidence(
                text=passage.text, document=passage.document, passage_id=passage.id,
                speaker=passage.speaker or passage.document.speaker, start=passage.start, end=passage.end,
                score=0.0, page=where.page, page_end=where.page_end, timestamp=where.timestamp, link=where.link,
            )  # fmt: skip
            items.append(nearest)
        return items

    def _aligned_evidence(self, assessment: Assessment) -> list[Evidence]:
        items: list[Evidence] = []
        for m in assessment.matches[: self.evidence_items]:
            a = m.alignment
            show_diff = a.coverage >= LOCATED_COVERAGE
            context = None
            if m is assessment.primary and assessment.frame:
                left, right = sentence_bounds(m.passage.text, a.match_start, a.match_end)
                context = m.passage.text[left : min(len(m.passage.text), right + 160)].strip()
            # The words matched are located even when the diff is not shown: the page of a quote is where they are.
            where = (
                locate(m.passage, a.match_start, a.match_end) if a.coverage >= LOCATED_COVERAGE else locate(m.passage)
            )
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
                    page=where.page,
                    page_end=where.page_end,
                    timestamp=where.timestamp,
                    link=where.link,
                    voice=m.voice,
                )
            )
        return items


def _prior(assessment: Assessment) -> float:
    """Before calibration: a plain reading of alignment quality."""
    if assessment.primary is None:
        return 0.6
    return 0.5 + 0.45 * assessment.primary.quality

"""Candidate passages aligned to a quote: across passage boundaries of one turn, every occurrence weighed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.align import Alignment, QuotePattern, align, content_bound
from factcheck.context import FrameReader, sentence_bounds
from factcheck.extract.lexicon import FACTIVE_VERBS, regular_forms
from factcheck.extract.mentions import name_gender
from factcheck.names import Relation, is_organisation, speaker_relation
from factcheck.stages import SourceStore
from factcheck.types import Candidate, Passage, Voice
from factcheck.verify.hearing import heard_names

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
# Characters a match may reach past a voice's span and still be inside it (the marks, a comma).
VOICE_SLACK = 2
# A source's attribution this sure can make its words someone else's than the claimed speaker's; a less sure one
# (a pronoun among several people) can only confirm the claim.
TRUSTED_VOICE = 0.8
# The forms of the factive verbs ('knew', 'realizes', 'understood' ...).
_FACTIVE_FORMS = frozenset({form for verb in FACTIVE_VERBS for form in regular_forms(verb)} | {
    "knew", "known", "understood", "forgot", "forgotten", "shown", "proven", "learnt"})


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
    voice: Voice | None = None
    said_by: str | None = None
    # The claimed speaker is the organisation whose own document quotes the words from one of its people.
    through_issuer: bool = False
    # The words were put to the claimed speaker, who answered them: a named asker's question, or a claim the asker
    # reports from others.
    asked_claimed: bool = False

    @property
    def speaker(self) -> str | None:
        """Whose words the matched span is: a person the passage quotes, else who spoke the passage."""
        return self.said_by if self.voice is not None and self.said_by else speaker_of(self.passage)

    @property
    def quoted_from_unsure(self) -> bool:
        """Words the source quotes from someone it does not name surely."""
        return self.voice is not None and self.voice.kind == "quoted" and not self.said_by

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
    frames: FrameReader,
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
        if store is not None:
            alignment = heard_names(alignment, store)
        # The best few candidates are tried with their neighbours even when they hold only part of the quote.
        enough = alignment.coverage >= (JOIN_COVERAGE_TOP if rank < JOIN_TOP else JOIN_COVERAGE)
        if not alignment.verbatim and enough and store is not None:
            joined = _across_boundaries(pattern, passage, alignment, store)
            if joined is not None:
                passage, alignment = joined
        seen.add(cand.passage.id)
        matches.append(_best_occurrence(pattern, claimed, passage, alignment, cand, frames))
    matches.sort(key=lambda m: m.rank_key)
    return matches


def _best_occurrence(
    pattern: QuotePattern,
    claimed: str | None,
    passage: Passage,
    alignment: Alignment,
    cand: Candidate,
    frames: FrameReader,
) -> Match:
    """The match at the occurrence of the words that says most for the claim: words said once by the claimed
    speaker, plainly, are theirs however often they are framed or quoted from others elsewhere."""
    best = _read(pattern, claimed, passage, alignment, cand, frames)
    rest = passage.text
    for _ in range(OCCURRENCES if alignment.verbatim else 0):
        if best.frame is None and (claimed is None or best.claimed):
            break
        # Blank out this occurrence and look for the words again further on.
        rest = rest[: alignment.match_start] + " " * (alignment.match_end - alignment.match_start) + rest[
            alignment.match_end :
        ]
        again = align(pattern, rest)
        if again is None or not again.verbatim:
            break
        found = _read(pattern, claimed, passage, again, cand, frames)
        if (not found.claimed, found.frame is not None) < (not best.claimed, best.frame is not None):
            best = found
        alignment = again
    return best


def _read(
    pattern: QuotePattern,
    claimed: str | None,
    passage: Passage,
    alignment: Alignment,
    cand: Candidate,
    frames: FrameReader,
) -> Match:
    """One occurrence read with whose words it is: a quoted person's, a claim reported from others (framed unless
    the article credits those others), or the passage speaker's own (framed by a denial, a condition ...)."""
    voice = voice_at(passage.voices, alignment.match_start, alignment.match_end)
    if voice is not None and voice.kind == "reported" and _presupposed(voice):
        voice = None  # 'you know, the market is up': the speaker takes the words as true, their own claim
    own = speaker_of(passage)
    said_by = voice.speaker if voice is not None else None
    relation = speaker_relation(claimed, said_by or own) if claimed else None
    uncertain = voice is not None and bool(said_by) and voice.confidence < TRUSTED_VOICE
    if uncertain and relation not in ("same", "compatible"):
        # An uncertain attribution in the source ('"..." | "Most recalls ..."' after the speaker's tag) accuses no
        # one: the words stand as the passage's, its speaker's to be credited with, nobody's to be accused by.
        said_by = None
        relation = speaker_relation(claimed, own) if claimed else None
    through_issuer = False
    if voice is not None and voice.kind == "quoted" and said_by and relation not in ("same", "compatible"):
        # An organisation speaks through the people its own release or statement quotes: their words are its words.
        speaks_for = own is not None and (is_organisation(own) or _affiliated(passage.text, voice, own))
        issuer = speaker_relation(claimed, own) if claimed and own and speaks_for else None
        if issuer in ("same", "compatible"):
            relation, through_issuer = issuer, True
    if (
        voice is not None and voice.kind == "quoted" and said_by and relation not in ("same", "compatible")
        and claimed and own and speaker_relation(claimed, own) in ("same", "compatible")
        and _put_to_someone(passage, alignment, own)
    ):  # fmt: skip
        # 'Quoting now Romney, quote, "...". How do you answer him?' credited to the one who asked: they said the
        # words, as another's put to someone, not as their own.
        return Match(passage, alignment, cand, speaker_relation(claimed, own), "quoted", voice, None)
    if voice is not None and voice.kind == "reported" and (said_by is None or relation not in ("same", "compatible")):
        # Someone else's claim in the speaker's report (unless the article credits that someone): the speaker's
        # passage, framed; the report of a person the passage quotes is framed for them as well.
        relation = speaker_relation(claimed, own) if claimed else None
        reporter = quoting(passage, voice)
        if claimed and reporter and speaker_relation(claimed, reporter) in ("same", "compatible"):
            relation = speaker_relation(claimed, reporter)
        answered = speaker_relation(claimed, voice.respondent) if claimed and voice.respondent else None
        if answered in ("same", "compatible"):
            # A claim put to the claimed speaker, who answered it: theirs to answer, not theirs to have said.
            return Match(passage, alignment, cand, answered, "reported", voice, None, asked_claimed=True)
        return Match(passage, alignment, cand, relation, "reported", voice, None)
    if voice is not None and voice.kind == "quoted" and voice.respondent and relation not in ("same", "compatible"):
        answered = speaker_relation(claimed, voice.respondent) if claimed else None
        if answered in ("same", "compatible") and said_by and not voice.denied:
            # A named asker's question put to the claimed speaker, who answered it: the asker's words.
            return Match(passage, alignment, cand, relation, None, voice, said_by, asked_claimed=True)
        if answered in ("same", "compatible"):
            # Put to the claimed speaker by someone the source does not name, or denied by them: words said to them,
            # never their own (credited to them, a denied claim says what they denied).
            return Match(passage, alignment, cand, answered, "quoted", voice, None)
    if voice is not None and voice.kind == "quoted" and said_by is None and not uncertain:
        # Words the source quotes from someone it does not name: not its speaker's own.
        return Match(passage, alignment, cand, relation, "quoted", voice, None)
    frame = None
    if alignment.verbatim and len(pattern.tokens) >= FRAME_MIN_WORDS:
        frame = frames.framing(passage.text, alignment.match_start, alignment.match_end)
    return Match(passage, alignment, cand, relation, frame, voice, said_by, through_issuer)


# Offices in an organisation, as an attribution gives them.
_OFFICE = re.compile(
    r"\b(?:chief executive|ceo|chair(?:man|woman|person)?|president|(?:managing |finance |marketing )?director|"
    r"spokes(?:man|woman|person)|founder|general manager|chief \w+ officer)\b",
    re.IGNORECASE,
)


def _affiliated(text: str, voice: Voice, issuer: str) -> bool:
    """The source's attribution of the quotation names the person as the issuer's own ('said Orland Energy's
    marketing director, Priya Venn', 'Priya Venn of Orland Energy'): the sentence around the quotation holds the
    issuer's name as an owner or after 'of', outside the quoted words."""
    left, right = sentence_bounds(text, voice.start, voice.end)
    outside = text[left : voice.start] + " " + text[voice.end : right]
    name = re.escape(issuer)
    if re.search(rf"\b{name}(?:'s|\u2019s)\s|\bof\s+(?:the\s+)?{name}\b", outside) is not None:
        return True
    # A body whose name has no word of a body in it ('Orland Energy'): the attribution gives the person an office
    # in an organisation ('said Jane Doe, chief executive', 'our managing director, Jane Doe, said'), and the issuer
    # is no one a given name shows to be a person.
    return name_gender(issuer) is None and _OFFICE.search(outside) is not None


def quoting(passage: Passage, voice: Voice) -> str | None:
    """The person whose quotation in the passage holds a claim they report from others, if one does."""
    holder = next(
        (v for v in passage.voices if v.kind == "quoted" and v.start <= voice.start and voice.end <= v.end), None
    )
    return holder.speaker if holder is not None else None


def _presupposed(voice: Voice) -> bool:
    """A report by a factive verb, whose speaker takes what it reports as true."""
    cue = (voice.cue or "").lower().split()
    return bool(cue) and cue[-1] in _FACTIVE_FORMS


def _put_to_someone(passage: Passage, alignment: Alignment, own: str) -> bool:
    """The words stand in a turn of the passage's speaker that the source shows put to someone, who answered."""
    start, end = alignment.match_start, alignment.match_end
    return any(
        v.kind == "quoted" and v.respondent and v.speaker and speaker_relation(v.speaker, own) in ("same", "compatible")
        and v.start - VOICE_SLACK <= start and end <= v.end + VOICE_SLACK
        for v in passage.voices
    )


def voice_at(voices: Sequence[Voice], start: int, end: int) -> Voice | None:
    """The voice whose span holds the words text[start:end], the innermost when several do."""
    holding = [v for v in voices if v.start - VOICE_SLACK <= start and end <= v.end + VOICE_SLACK]
    return min(holding, key=lambda v: v.end - v.start, default=None)


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
        # this passage lacks. A passage with every word somewhere may still lack the quote's last ones where the
        # cut fell ('... acceptable. | It isn't.'): the bound says nothing then.
        if alone < 1.0 and content_bound(pattern, merged.text) <= alone:
            continue
        joined = align(pattern, merged.text)
        if joined is not None and joined.cost < (best[1] if best else alignment).cost - 1e-9:
            best = (merged, joined)
    return best


def _continued(before: list[Voice], after: list[Voice]) -> list[Voice]:
    """The voices of two joined passages, a span the split cut in two made one again ('"I am sorry. | We let down
    ...," said Karin Lindgren')."""
    out = list(before)
    for v in after:
        cut = next(
            (k for k, u in enumerate(out) if u.end + VOICE_SLACK >= v.start >= u.start
             and (u.kind, u.speaker, u.source, u.cue) == (v.kind, v.speaker, v.source, v.cue)),
            None,
        )  # fmt: skip
        if cut is None:
            out.append(v)
        else:
            out[cut] = out[cut].model_copy(update={"end": max(out[cut].end, v.end)})
    return out


def join_passages(passages: Sequence[Passage]) -> Passage:
    """Passages of one document and speaker as one span (overlaps taken once, gaps as a space)."""
    first = passages[0]
    text = first.text
    end = first.end
    voices = list(first.voices)
    for p in passages[1:]:
        if p.start >= end:
            text += " "
            at = len(text)
            text += p.text
        else:
            at = len(text) - (end - p.start)
            text += p.text[end - p.start :]
        voices = _continued(voices, [v for v in (v.moved(-at, len(text)) for v in p.voices) if v is not None])
        end = max(end, p.end)
    return Passage(
        id=first.id,
        document=first.document,
        index=first.index,
        text=text,
        start=first.start,
        end=end,
        speaker=first.speaker,
        voices=voices,
    )

"""The verdict from aligned matches, the speaker the article names, and how much the words prove.

The worst error is to accuse a genuine quote, so an accusation needs more than a match: `misattributed` needs
a claimed speaker resolved to a specific entity, words rare enough to identify their speaker, and one other
speaker who says them; `altered` needs the claimed speaker's passage to carry most of the quote.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from factcheck.align import Alignment, align
from factcheck.changes import Change
from factcheck.extract.lexicon import DENIAL_FORMS, PRONOUN_GENDER
from factcheck.extract.mentions import name_gender
from factcheck.names import is_generic, is_organisation, speaker_key, speaker_relation
from factcheck.stages import Statements
from factcheck.tokens import NEGATIONS, QuotePattern, Token, forms, is_content, parse_quote, says_something, tokenize
from factcheck.types import Label, QuoteKind
from factcheck.verify.frames import VOICE_FRAMES, around_claim, frame_reason, voiced_as, whose_words
from factcheck.verify.matches import Match, speaker_of
from factcheck.verify.origin import KEPT_CONTENT_SHARE, Origin, Place, SpeakerPhrases, kept_words, origin
from factcheck.verify.slots import SlotReader
from factcheck.verify.strength import Coverage, Distinctiveness

# A quote this short (in words) with one closed-class word added is placed by the rest of its words, found as they
# are in one of the claimed speaker's passages aligned (the search may rank that passage low: it reaches for the
# added word elsewhere and leaves words out between).
SLOT_MIN_WORDS = 2
SHORT_QUOTE_MAX_WORDS = 6
ADDED_CANDIDATES = 10
_ADDED_KINDS = frozenset({"negation", "quantifier", "modal", "number", "degree"})
# The words of a short quote besides its added word that place it in a passage: at least a phrase.
ADDED_REST_MIN_WORDS = 2
# A resolved speaker this sure (a name in the sentence; not a guess from a pronoun among rivals or from focus)
# can be the target of a misattribution.
TRUSTED_SPEAKER = 0.8
# Surprise (nats, see `Distinctiveness`) a phrase needs before its match identifies a speaker: fewer than one
# chance hit in 20 ('we must act now' is below zero) ...
INFORMATION_TO_ACCUSE = 3.0
# ... and before words found without a named speaker are taken as that source's words (one in 5).
INFORMATION_TO_ASSIGN = 1.6
SENTENCE_WORDS = 6
SENTENCE_CONTENT_WORDS = 3
INFORMATION_OF_SENTENCE = 1.0
# A store of fewer passages cannot show that words are common or rare.
RARITY_PASSAGES = 20
MISATTRIBUTION_MIN_WORDS = 4
# A question put to the claimed speaker names its asker from this many words (two may be any answer's words too).
ASKED_MIN_WORDS = 3
# 'not just those at the top', 'not only ... but': a focus, not a negation.
_FOCUS_WORDS = frozenset({"just", "only", "merely", "simply", "least"})
# How many words after a negation it may deny in a source's sentence ('did not send or receive any emails marked').
NEGATION_SCOPE = 8
# Indirect speech needs this many content words to be compared with a source.
PARAPHRASE_MIN_CONTENT = 2.0
# Indirect speech restates; it is consistent with the source when most of its content words are there.
PARAPHRASE_COVERAGE = 0.55
PARAPHRASE_PASSAGES = 4
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+")
REORDERED_SHARE = 0.8
REORDERED_MIN_WORDS = 4
# A reordered quote is a stretch of the source about as long as the quote: at most this many words longer.
REORDERED_SLACK = 2
NEAR_MISATTRIBUTION = 0.85
# A changed quote with no speaker named: most of a long quote must be there.
NEAR_ALONE_COVERAGE = 0.8
NEAR_ALONE_CONTENT = 5.0


@dataclass(frozen=True)
class Claim:
    """Who the article says spoke, and how sure the extraction is of it."""

    name: str | None
    confidence: float
    kind: QuoteKind
    cue: str | None = None  # the reporting verb ('said', 'denied')
    mention: str | None = None

    @property
    def inferred(self) -> bool:
        """The article's words for the speaker do not name them ('he', 'the chair'): the name is the extractor's
        inference, which a match elsewhere cannot contradict."""
        if not self.mention or not self.name:
            return False
        return not set(speaker_key(self.mention).split()) & set(speaker_key(self.name).split())

    @property
    def denial(self) -> bool:
        """The article reports that the speaker denied the words ('Calder denied that ...'): the clause is not
        what the speaker said."""
        return self.kind == "indirect" and any(w in DENIAL_FORMS for w in (self.cue or "").lower().split())

    @property
    def named(self) -> bool:
        """The article names someone in particular."""
        return bool(self.name) and not is_generic(self.name)

    @property
    def trusted(self) -> bool:
        """Resolved surely enough to be contradicted by another speaker's passage."""
        return self.named and self.confidence >= TRUSTED_SPEAKER and not self.inferred


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
    premise: float = 1.0  # the calibrated confidence is scaled by it


@dataclass(frozen=True)
class _Case:
    """What one decision is made from."""

    text: str
    pattern: QuotePattern
    claim: Claim
    matches: tuple[Match, ...]
    strength: Distinctiveness
    coverage: Coverage
    phrases: SpeakerPhrases
    states: bool = True  # the quote is a clause, not a phrase that names something
    grammar: Statements | None = None

    def origin(self, match: Match, passage: str | None = None, edges: bool = True) -> Origin:
        """Whether the match is the place the quote was changed from (see `factcheck.verify.origin`); `passage` is
        the text the alignment's offsets index when it is not the whole passage's; without `edges`, the grammar at
        the quote's edges is not read (a telling of a line may be worded into another sentence)."""
        # The claimed speaker's passages, or for words judged alone, the whole store (the most a chance hit has).
        passages = self.coverage.passages if match.claimed and self.coverage.passages else None
        said = _source_words(match).lower()
        tellings = sum(1 for m in self.matches if m.speaker == match.speaker and _source_words(m).lower() == said)
        text = match.passage.text if passage is None else passage
        place = Place(match.speaker, passages, match.retrieval.dense or 0.0, tellings, _sentence(text, match.alignment))
        slots = SlotReader(self.grammar, self.text, text) if edges else None
        return origin(match.alignment, self.pattern.tokens, place, self.phrases, slots)


@dataclass(frozen=True)
class _Decision:
    label: Label
    primary: Match | None
    actual: str | None
    reasons: tuple[str, ...]
    alone: bool = False
    # How likely what the verdict takes for granted holds, beside its evidence: an accusation that rests on the
    # extractor's reading of who the article means is right only when that reading is.
    premise: float = 1.0


def decide(
    text: str,
    pattern: QuotePattern,
    claim: Claim,
    matches: Sequence[Match],
    strength: Distinctiveness,
    coverage: Coverage,
    phrases: SpeakerPhrases | None = None,
    states: bool = True,
    grammar: Statements | None = None,
) -> Assessment:
    """Label, evidence order, reasons and features for one quote; `phrases` looks phrases up in the speaker's
    passages (without it, nothing counts as said elsewhere); `states` is False for a quote that only names
    something (no frame in the source can change what it commits its speaker to); `grammar` reads parts of speech
    (without it, a quote's edge is not read for where it parts from a passage)."""
    case = _Case(
        text, pattern, claim, tuple(matches), strength, coverage, phrases or SpeakerPhrases(None), states, grammar
    )
    decision = _with_speaker(case) if claim.named else _words_alone(case, "the article does not name the speaker")
    primary = decision.primary
    ordered = sorted(matches, key=lambda m: (m is not primary, m.rank_key))
    frame = primary.frame if primary is not None and decision.label == "out_of_context" else None
    features = _features(decision, pattern, claim, matches, strength, coverage)
    return Assessment(
        decision.label, decision.actual, tuple(ordered), primary, frame, features, decision.reasons, decision.premise
    )


def frame_kept(assessment: Assessment, kept: str) -> Assessment:
    """The article keeps a frame around the words (its own condition, negation or question): the source's frame
    is not dropped, so the words are verified, with both frames named."""
    features = {k: v for k, v in assessment.features.items() if not k.endswith("out_of_context")}
    features["label_verified"] = 1.0
    features["information_verified"] = assessment.features.get("information", 0.0)
    features["framed"] = 0.0
    said = f"the article keeps the words in a frame of its own ({kept}), as the source does"
    return replace(assessment, label="verified", frame=None, features=features, reasons=(*assessment.reasons, said))


def _said_by(match: Match) -> str:
    return match.speaker or "a source that names no speaker"


def _verbatim_label(match: Match, named: bool = True, states: bool = True) -> tuple[Label, tuple[str, ...]]:
    """Verified, or out of context with the frame named; when the article names no one, words the source
    quotes or reports from others are no frame: the article does not make them the source speaker's. The
    speaker's own frame (a denial, a condition) or a claim they report in their own words is around a claim: a
    quoted phrase that names something is not taken out of it; words quoted from someone else stay theirs, a
    phrase or not."""
    reasons = [whose_words(match)]
    if not match.alignment.word_for_word:
        reasons.append("only differences a transcript or an editor makes (shown in the diff)")
    if around_claim(match) and not states:
        reasons.append("a phrase that names something, not a claim the frame around it could change")
        return "verified", tuple(reasons)
    if match.frame and (named or match.frame not in VOICE_FRAMES):
        reasons.append(frame_reason(match))
        return "out_of_context", tuple(reasons)
    if match.frame:
        reasons.append(voiced_as(match))
    return "verified", tuple(reasons)


def _with_speaker(case: _Case) -> _Decision:
    text, pattern, claim, matches, strength, coverage = (
        case.text, case.pattern, case.claim, case.matches, case.strength, case.coverage
    )
    claimed = [m for m in matches if m.claimed]
    others = [m for m in matches if m.relation == "different"]
    unnamed = [m for m in matches if m.speaker is None]
    best_claimed = claimed[0] if claimed else None
    indirect = claim.kind == "indirect"
    if best_claimed is not None and best_claimed.alignment.verbatim and claim.denial and best_claimed.frame:
        # What the article says the speaker denied, the source shows them reporting or denying.
        said = f"the article reports that {claim.name} denied them; in the source they are {frame_reason(best_claimed)}"
        return _Decision("verified", best_claimed, None, (whose_words(best_claimed), said))
    if best_claimed is not None and best_claimed.alignment.verbatim:
        label, reasons = _verbatim_label(best_claimed, states=case.states)
        credited = speaker_of(best_claimed.passage) if best_claimed.through_issuer else best_claimed.speaker
        voice = best_claimed.voice
        if best_claimed.asked_claimed and voice is not None and voice.respondent:
            credited = voice.respondent  # the claim was put to them: the name is compared with theirs
        if best_claimed.through_issuer:
            reasons = (*reasons, f"{credited}'s own document quotes them: it speaks through {best_claimed.speaker}")
        if best_claimed.relation == "compatible":
            reasons = (*reasons, f"the article names {claim.name}, a less specific name for {credited}")
        return _Decision(label, best_claimed, None, reasons)
    verbatim_other = next((m for m in others if m.alignment.verbatim), None)
    if verbatim_other is not None:
        accusation = _accusation(case, verbatim_other)
        if accusation is not None:
            return accusation
    if unnamed and unnamed[0].alignment.verbatim and not claimed:
        reasons = ("the words are in a source that names no speaker", "who said them could not be checked")
        return _Decision("verified", unnamed[0], None, reasons, alone=True)
    elsewhere: str | None = None
    # Words found as they are in a passage not the claimed speaker's came from there as far as the store shows:
    # a passage of the claimed speaker that differs from them is no proof that they were changed.
    as_written = verbatim_other is not None or bool(unnamed and unnamed[0].alignment.verbatim)
    if claimed and indirect:
        paraphrase = _paraphrase(pattern, claimed, claim.denial, claim.name)
        if paraphrase is not None and paraphrase.label == "altered" and claim.confidence < TRUSTED_SPEAKER:
            # A paraphrase shares only some words with a sentence: credited to a speaker the article may not mean
            # ('As the paper noted, ...'), it may restate someone else's words entirely, and accuses no one.
            speaker = paraphrase.primary.speaker if paraphrase.primary else claim.name
            reasons = (f"{paraphrase.reasons[0]} of a sentence by {speaker}",
                       f"{_unsure(claim)}: the paraphrase may restate someone else's words")  # fmt: skip
            return _Decision("not_found", None, None, reasons, alone=True)
        if paraphrase is not None:
            return paraphrase
    elif not as_written:
        # The fewest weighted edits can be a passage that shares only a phrase; the one the quote came from is
        # the first that passes as its origin.
        for m in claimed:
            place = case.origin(m)
            if place.same_place:
                telling = _other_telling(case, m, place, claimed)
                if telling is not None:
                    return _Decision("not_found", None, None, (telling,))
                reason = f"words differ from {m.speaker}'s passage{_changes(place)}"
                return _Decision("altered", m, None, (reason,))
            elsewhere = elsewhere or (place.why_not if m.alignment.matched_content >= 1 else None)
    if claimed and not indirect and not as_written:
        added = _word_added(case, claimed)
        if added is not None:
            m, place = added
            return _Decision("altered", m, None, (f"words differ from {m.speaker}'s passage{_changes(place)}",))
    reordered = _reordered(pattern, claimed)
    if reordered is not None and not indirect:
        return _Decision("altered", reordered, None, (f"the words of {reordered.speaker}'s passage, reordered",))
    spliced = _spliced(text, claimed)
    if spliced is not None:
        return _Decision("altered", spliced, None, ("stretches of one answer joined without an ellipsis",))
    near_other = next((m for m in others if _near_misattribution(m)), None)
    if near_other is not None:
        accusation = _accusation(case, near_other)
        if accusation is not None:
            return accusation
    if verbatim_other is not None and verbatim_other.frame is not None:
        # Found, but as someone's report or denial: no one's claim, and not the claimed speaker's words.
        reasons = (f"{whose_words(verbatim_other)}: {frame_reason(verbatim_other)}",
                   f"no passage shows {claim.name} saying them")  # fmt: skip
        return _Decision("not_found", None, None, reasons)
    if verbatim_other is not None and indirect:
        reason = f"a paraphrase close to words of {verbatim_other.speaker}; it says nothing of what {claim.name} said"
        return _Decision("not_found", None, None, (reason,))
    if verbatim_other is not None or (unnamed and unnamed[0].alignment.verbatim):
        found = verbatim_other or unnamed[0]
        if found.quoted_from_unsure:
            # Not for want of rare words: the source quotes them from someone it does not name surely.
            unsure = (f"{_said_by(found)}'s passage quotes them from someone it does not name surely: they show "
                      f"neither that {claim.name} said them nor who did")  # fmt: skip
            return _Decision("not_found", None, None, (unsure,))
        return _Decision("not_found", None, None, (whose_words(found), *_common_words(strength, claim)))
    reason = f"no passage in the store carries these words for {claim.name}"
    if coverage.passages == 0:
        reason += f" (the store holds nothing by {claim.name})"
    closest = (f"the closest passage is not where they came from: {elsewhere}",) if elsewhere else ()
    return _Decision("not_found", None, None, (reason, *closest))


def _accusation(case: _Case, match: Match) -> _Decision | None:
    """`misattributed` when the words identify their speaker and the claimed one is surely resolved; the
    words judged alone when the attribution itself is in doubt; None when the words prove nothing."""
    pattern, claim, strength, coverage = case.pattern, case.claim, case.strength, case.coverage
    # Words of a question the source shows put to the claimed speaker are the asker's however few and plain.
    asked = match.asked_claimed and match.alignment.verbatim and len(pattern.tokens) >= ASKED_MIN_WORDS
    if not asked and (len(pattern.tokens) < MISATTRIBUTION_MIN_WORDS or not _identifying(pattern, strength)):
        return None
    if claim.kind == "indirect":
        return None  # a paraphrase close to someone else's words says nothing of what the claimed speaker said
    if strength.speakers_besides(claim.name) > 1 and not asked:
        return None  # several speakers say it: it identifies none of them
    unsure = not claim.trusted and not _rules_out(claim, match.speaker) and not _quoter_credited(claim, match)
    if unsure or (is_organisation(claim.name or "") and not is_organisation(match.speaker or "")):
        return _words_alone(replace(case, matches=(match,)), _unsure(claim))
    if match.frame is not None:
        return None  # someone else's framed words ('they say ...') are no one's claim
    if match.quoted_from_unsure:
        return None  # words the source quotes from someone it is unsure of accuse no one, its speaker least of all
    if not claim.trusted and _quoter_credited(claim, match):
        said = (f"the words are {match.speaker}'s, which {claim.name}'s own document only quotes; the article credits "
                f"{claim.name}, inferred from '{claim.mention}'")
        return _Decision("misattributed", match, match.speaker, (said,), premise=claim.confidence)
    said = f"the words were said by {match.speaker}, not by {claim.name}"
    if asked and match.voice is not None:
        said += f': {match.speaker} asked them of {claim.name}, who answered: "{match.voice.response}"'
    if not match.alignment.verbatim:
        said = f"close to words said by {match.speaker}, not by {claim.name}"
    if coverage.passages:
        absence = f"the store holds {coverage.passages} passages by {claim.name}, none with these words"
    else:
        absence = f"the store holds nothing by {claim.name}, so it cannot show what they said"
    return _Decision("misattributed", match, match.speaker, (said, absence))


def _rules_out(claim: Claim, speaker: str | None) -> bool:
    """The article's own words for its speaker cannot mean the one who said the words, whoever they resolve
    to: another person's name ('Lindqvist said' of Peter Walsh's words), or 'she' of a man's."""
    if not claim.named or not claim.mention or not claim.cue or not speaker or is_organisation(speaker):
        # Without a reporting verb of its own the quote's speaker is carried over from other words, and that, not
        # the name, is what is unsure.
        return False
    if is_organisation(claim.name or ""):
        return False
    gender = PRONOUN_GENDER.get(claim.mention.lower())
    if gender in ("m", "f"):
        return name_gender(speaker) not in (None, gender)
    if claim.inferred or not all(word[:1].isupper() for word in claim.mention.split()):
        return False  # a description ('the chair', 'the cooperative') may mean anyone
    return all(speaker_relation(name, speaker) == "different" for name in (claim.mention, claim.name))


def _quoter_credited(claim: Claim, match: Match) -> bool:
    """The article's description of its speaker ('the judge') resolves, surely, to a person whose own document
    holds the words only as a quotation of someone else: the quoter is credited with what they quoted. (Any other
    description may mean anyone, and accuses no one; nor does a pronoun, which may mean the one quoted as well as
    the one quoting.)"""
    if not claim.inferred or claim.confidence < TRUSTED_SPEAKER or is_organisation(claim.name or ""):
        return False
    if (claim.mention or "").lower() in PRONOUN_GENDER:
        return False
    if match.voice is None or match.voice.kind != "quoted" or not match.said_by or match.through_issuer:
        return False
    if is_organisation(match.said_by):
        return False
    quoter = match.passage.document.speaker
    return bool(quoter) and speaker_relation(claim.name or "", quoter or "") == "same"


def _unsure(claim: Claim) -> str:
    """Why the attribution cannot be contradicted: an inferred or unsure speaker, or a body that speaks through
    its people."""
    if claim.confidence < TRUSTED_SPEAKER:
        return f"the article's speaker ({claim.name}) is uncertain"
    if claim.inferred:
        return f"the article does not name the speaker: {claim.name} is inferred from '{claim.mention}'"
    return f"the article credits {claim.name}, an organisation, which may speak through any of its people"


def _words_alone(case: _Case, why: str) -> _Decision:
    """No one to check the attribution against: the words are verified, altered or not found by themselves."""
    text, claim, matches, strength = case.text, case.claim, case.matches, case.strength
    unchecked = f"{why}; the attribution itself could not be checked"
    best = matches[0] if matches else None
    if best is not None and best.alignment.verbatim and strength.information >= INFORMATION_TO_ASSIGN:
        # Crediting a group or a role ('critics', 'a fisher') with words the source reports from others is no
        # distortion; with no attribution found at all, the words are judged in their frame.
        label, reasons = _verbatim_label(best, named=claim.name is None, states=case.states)
        return _Decision(label, best, best.speaker, (*reasons, unchecked), alone=True)
    if best is not None and best.alignment.verbatim:
        return _Decision("not_found", None, None, (*_common_words(strength, claim), unchecked), alone=True)
    if claim.kind != "indirect" and strength.information >= INFORMATION_TO_ASSIGN:
        # With no one named, only a close and long match says the quote is someone's words, changed.
        for near in (m for m in matches if _near_alone(m)):
            place = case.origin(near)
            if not place.same_place:
                continue
            telling = _other_telling(case, near, place, [m for m in matches if m.speaker == near.speaker])
            if telling is not None:
                return _Decision("not_found", None, None, (telling, unchecked), alone=True)
            reason = f"words differ from {_said_by(near)}'s passage{_changes(place)}"
            return _Decision("altered", near, near.speaker, (reason, unchecked), alone=True)
        spliced = _spliced(text, matches)
        if spliced is not None:
            reason = f"stretches of {_said_by(spliced)}'s words joined without an ellipsis"
            return _Decision("altered", spliced, spliced.speaker, (reason, unchecked), alone=True)
    reason = "no passage in the store carries these words"
    if best is not None and best.alignment.content_coverage >= NEAR_ALONE_COVERAGE:
        # Most of the words are in a passage, changed: say so, and why that is not enough with no one named.
        reason = (f"no passage carries these words as quoted; the closest, {_said_by(best)}'s, differs"
                  f"{_changes(case.origin(best))}, too short a match to show whose words were changed when the "
                  "article names no one")  # fmt: skip
    return _Decision("not_found", None, None, (reason, unchecked), alone=True)


def _identifying(pattern: QuotePattern, strength: Distinctiveness) -> bool:
    """Rare enough words to name their speaker: by frequency, or, in a store too small to measure rarity, a
    longer sentence with several content words that only one speaker says."""
    if strength.information >= INFORMATION_TO_ACCUSE:
        return True
    return (
        len(pattern.tokens) >= SENTENCE_WORDS
        and strength.content_words >= SENTENCE_CONTENT_WORDS
        and strength.information >= INFORMATION_OF_SENTENCE
        and strength.speakers_besides(None) == 1
    )


def _common_words(strength: Distinctiveness, claim: Claim) -> tuple[str, ...]:
    speakers = strength.speakers_besides(None)
    if speakers > 1:
        return (f"the words are common: {speakers} speakers in the store say them, none of them {claim.name}",)
    if strength.store_passages < RARITY_PASSAGES:
        # Rarity is measured against the store: a few passages cannot show that any words are rare.
        return (f"the store holds too few passages ({strength.store_passages}) to tell whether the words are rare "
                "enough to name who said them",)  # fmt: skip
    return ("the words are too common to tell who said them",)


def _near_alone(m: Match) -> bool:
    a = m.alignment
    return a.content_coverage >= NEAR_ALONE_COVERAGE and a.matched_content >= NEAR_ALONE_CONTENT


def _near_misattribution(m: Match) -> bool:
    a = m.alignment
    return a.coverage >= NEAR_MISATTRIBUTION and a.critical_edits == 0 and a.content_edits <= 1


def _word_added(case: _Case, claimed: Sequence[Match]) -> tuple[Match, Origin] | None:
    """A short quote that is a passage's words with one closed-class word added ('were not unafraid' of 'were
    unafraid'): the search may place the added word over the same word elsewhere and lose the rest; the rest, found
    as it is, places the quote, and the added word is the change."""
    tokens = case.pattern.tokens
    if not SLOT_MIN_WORDS <= len(tokens) <= SHORT_QUOTE_MAX_WORDS:
        return None
    for k, token in enumerate(tokens):
        if token.kind not in _ADDED_KINDS or token.parts != 1:
            continue
        if len(tokens) - 1 < ADDED_REST_MIN_WORDS:
            continue  # one word found alone ('delay' of 'without delay') places no quote: many passages have it
        rest = case.text[: token.start] + case.text[token.end :]
        for m in claimed[:ADDED_CANDIDATES]:
            text = m.passage.text
            found = align(rest, text)
            if found is None or not found.verbatim:
                continue
            # The whole quote over just the words the rest was found as: the added word has nowhere else to go.
            left, right = found.match_start, found.match_end
            whole = align(case.pattern, text[left:right])
            if whole is None or not any(c.at == k for c in whole.meaning_changes):
                continue
            moved = replace(whole, match_start=whole.match_start + left, match_end=whole.match_end + left)
            match = replace(m, alignment=moved)
            place = case.origin(match, text[left:right])
            if place.same_place:
                return match, place
    return None


def _sentence(text: str, alignment: Alignment) -> bool:
    """The aligned stretch of `text` runs from a sentence's start to its end."""
    before = text[: alignment.match_start].rstrip(" \t\"'\u201c\u2018")
    after = text[alignment.match_end :].lstrip(" \t\"'\u201d\u2019")
    opens = not before or before[-1] in ".!?\n"
    return opens and (not after or after[0] in ".!?\n")


def _other_telling(case: _Case, match: Match, place: Origin, claimed: Sequence[Match]) -> str | None:
    """The speaker says the line in several tellings that differ among themselves, and the quote differs from the
    closest one only where they do: another telling of it, which the store does not hold, not a change of this
    one. Returns the reason naming the tellings, or None."""
    if len(case.pattern.tokens) < SENTENCE_WORDS:
        return None  # a line told at several events is a sentence, not a phrase two sentences share
    # Another telling of the line keeps every word the closest one keeps that says something; a stretch that shares
    # a short frame with it ('all of you' for 'most of you') is another line.
    line = set(kept_words(match.alignment.ops))
    tellings = [
        m for m in claimed
        if m.passage.id != match.passage.id and _source_words(m).lower() != _source_words(match).lower()
        and line <= set(kept_words(m.alignment.ops)) and case.origin(m, edges=False).same_place
    ]  # fmt: skip
    if not tellings or not place.changes:
        return None
    if not all(any(_differs_at(t, change) for t in tellings) for change in place.changes):
        return None
    named = ", ".join(dict.fromkeys(_telling(t) for t in (match, *tellings)))
    return (
        f"{match.speaker} says these words in several tellings that differ among themselves where the quote differs "
        f"({named}): another telling, not a change of one the store holds"
    )


def _telling(match: Match) -> str:
    document = match.passage.document
    return f"'{_source_words(match)}' in {document.title or document.id}"


def _source_words(match: Match) -> str:
    """The passage's words the quote was aligned over, spaced as one line."""
    a = match.alignment
    return " ".join(match.passage.text[a.match_start : a.match_end].split())


def _differs_at(telling: Match, change: Change) -> bool:
    """Another telling has other words than the changed passage where the quote was changed."""
    end = change.at + max(1, len(change.quote))
    there = [c for c in telling.alignment.changes if c.at < end and change.at < c.at + max(1, len(c.quote))]
    return not any([t.norm for t in c.source] == [t.norm for t in change.source] for c in there)


def _changes(place: Origin) -> str:
    """The changes named: the words and what kind of change each is ('not (negation)')."""
    splice = next((c for c in place.changes if c.kind == "splice"), None)
    if splice is not None:
        return f": stretches joined without an ellipsis ({len(splice.source)} words left out between them)"
    # Two parts of one written word ("they're" for "I'm") are named once, by the first part's change.
    words = {_words(c): c.kind for c in reversed(place.changes)}
    named = [f"{text} ({kind.replace('_', ' ')})" for text, kind in reversed(words.items())]
    return f": {', '.join(named)}" if named else ""


def _words(change: Change) -> str:
    quoted = " ".join(dict.fromkeys(t.text for t in change.quote))
    source = " ".join(dict.fromkeys(t.text for t in change.source))
    if quoted and source:
        return f"'{source}' -> '{quoted}'"
    return f"'{quoted}' added" if quoted else f"'{source}' left out"


def _answered_by(match: Match, speaker: str | None) -> bool:
    """The reported claim was answered by `speaker`: the guest it was put to, or the source's own speaker."""
    voice = match.voice
    answerer = (voice.respondent if voice is not None else None) or speaker_of(match.passage)
    return bool(speaker and answerer) and speaker_relation(speaker or "", answerer or "") == "same"


def _paraphrase(
    pattern: QuotePattern, claimed: Sequence[Match], denied: bool = False, speaker: str | None = None
) -> _Decision | None:
    """Indirect speech: tense, pronouns, word order and dropped clauses are how it restates; what must hold is
    its meaning: its content words in one or two sentences of the claimed speaker, its numbers and negations."""
    quote = pattern.tokens
    content = {t.norm for t in quote if is_content(t) and not t.critical}
    if len(content) < PARAPHRASE_MIN_CONTENT:
        return None
    best: tuple[float, Match, list[Token]] | None = None
    for m in claimed[:PARAPHRASE_PASSAGES]:
        for window in _sentence_windows(m.passage.text):
            said = set().union(*(forms(t.norm) for t in window)) if window else set()
            share = sum(1 for w in content if forms(w) & said) / len(content)
            if best is None or share > best[0]:
                best = (share, m, window)
    if best is None or best[0] < PARAPHRASE_COVERAGE:
        return None
    _, m, window = best
    changed = _changed_facts(quote, window, denied)
    if changed:
        return _Decision("altered", m, None, (f"the paraphrase changes {', '.join(changed)}",))
    if denied and m.frame == "reported" and m.voice is not None and m.voice.response and _answered_by(m, speaker):
        # 'Kittering denied that Thistlecourt had sold any of the houses': the claim put to him, which he answered.
        return _Decision("verified", m, None, (f"a denial of a claim {frame_reason(m)}",))
    if m.frame:
        return _Decision("out_of_context", m, None, (f"the paraphrased words are {frame_reason(m)}",))
    return _Decision("verified", m, None, (f"a paraphrase consistent with {m.speaker}'s words",))


def _sentence_windows(text: str) -> list[list[Token]]:
    """The words of each sentence of a passage, and of each pair of neighbouring sentences."""
    sentences = _sentence_tokens(text)
    return sentences + [a + b for a, b in itertools.pairwise(sentences)]


def _sentence_tokens(text: str) -> list[list[Token]]:
    return [tokenize(part) for part in _SENTENCE_END.split(text) if part.strip()]


def _changed_facts(quote: Sequence[Token], window: Sequence[Token], denied: bool = False) -> list[str]:
    """Numbers and negations the paraphrase has that the source does not, or drops from it. A clause reported as
    denied ('she denied that she mishandled ...') is the opposite of what the speaker said, and a denial in the
    source may be worded many ways: its negation is not compared."""
    numbers = {t.norm for t in window if t.norm[:1].isdigit()}
    changed = [t.text for t in quote if t.norm[:1].isdigit() and t.norm not in numbers and numbers]
    if denied:
        return changed
    negated = any(_negates(quote, k) for k in range(len(quote)))
    wanted = set().union(*(forms(t.norm) for t in quote if is_content(t)))
    # A source negation counts when it stands by the words the paraphrase shares, in its sentence: just before them,
    # or over the verb phrase it negates ('I did not send or receive any emails marked classified').
    sentence = _sentence_numbers(window)
    source_negated = any(
        _negates(window, k)
        and any(
            forms(window[j].norm) & wanted and sentence[j] == sentence[k]
            for j in range(max(0, k - 3), min(len(window), k + 1 + NEGATION_SCOPE))
        )
        for k in range(len(window))
    )
    if negated != source_negated:
        changed.append("a negation")
    return changed


def _negates(tokens: Sequence[Token], k: int) -> bool:
    """A negation that denies what follows; 'not just', 'not only' add to it instead."""
    if tokens[k].norm not in NEGATIONS:
        return False
    return k + 1 >= len(tokens) or tokens[k + 1].norm not in _FOCUS_WORDS


def _content(tokens: Sequence[Token]) -> list[str]:
    return [t.norm for t in tokens if says_something(t)]


def _reordered(pattern: QuotePattern, claimed: Sequence[Match]) -> Match | None:
    """The claimed speaker's passage holds the words of a sentence of the quote in another order ('reordered
    words'): a stretch about as long as that sentence with most of its words, and nearly all of those that say
    something. A sentence is reordered within itself; the next one may stand past the passage's end."""
    sentence = _sentence_numbers(pattern.tokens)
    for number in range(sentence[-1] + 1 if sentence else 0):
        words = [t for t, n in zip(pattern.tokens, sentence, strict=True) if n == number]
        found = _sentence_reordered(words, claimed)
        if found is not None:
            return found
    return None


def _sentence_numbers(tokens: Sequence[Token]) -> list[int]:
    """For each token, the number of the sentence it is in (0 for the first)."""
    return list(itertools.accumulate(int(t.sentence_start and k > 0) for k, t in enumerate(tokens)))


def _sentence_reordered(tokens: Sequence[Token], claimed: Sequence[Match]) -> Match | None:
    wanted = set(_content(tokens))
    if len(wanted) < REORDERED_MIN_WORDS:
        return None
    everything = {t.norm for t in tokens}
    # Its figures and names are the passage's too: a stretch with another figure in it ('4.3 million' where it says
    # 'nearly 5 million') holds other words, not these words in another order.
    fixed = {t.norm for t in tokens if t.kind in ("number", "name")}
    # The words must stand together as the quote has them, not in a longer stretch with others between.
    width = len(tokens) + REORDERED_SLACK
    quoted = _content(tokens)
    for m in claimed[:3]:
        # Within one sentence: words of two sentences are two things said, not one sentence reordered.
        for words in ([t.norm for t in sentence] for sentence in _sentence_tokens(m.passage.text)):
            for start in range(max(1, len(words) - width + 1)):
                stretch = words[start : start + width]
                window = set(stretch)
                if (len(wanted & window) >= REORDERED_SHARE * len(wanted)
                        and len(everything & window) >= REORDERED_SHARE * len(everything) and fixed <= window
                        and not _in_order(quoted, stretch)):
                    return m
    return None


def _in_order(quoted: Sequence[str], stretch: Sequence[str]) -> bool:
    """The quote's words that the stretch holds stand there in the quote's order: not reordered, only changed, and
    whether that is a change of this sentence is for the place's own test."""
    # The stretch need only hold them as a subsequence: a word said twice ('I'm not, I'm not going ... It isn't')
    # is in order wherever its first occurrence stands.
    rest = iter(stretch)
    return all(w in rest for w in quoted if w in stretch)


def _spliced(text: str, claimed: Sequence[Match]) -> Match | None:
    """Two sentences, each verbatim in the claimed speaker's passages of one document, but not side by side."""
    parts = [p for p in _sentences(text) if len(p.split()) >= 3]
    if len(parts) < 2 or not claimed:
        return None
    found: list[Match] = []
    for part in parts:
        pattern = parse_quote(part)
        hit = next((m for m in claimed if (a := align(pattern, m.passage.text)) is not None and a.verbatim), None)
        if hit is None:
            return None
        found.append(hit)
    documents = {m.passage.document.id for m in found}
    return found[0] if len(documents) == 1 else None


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for word in text.split():
        current.append(word)
        if word.rstrip("\"'\u201d\u2019)").endswith((".", "!", "?")):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def _features(
    decision: _Decision,
    pattern: QuotePattern,
    claim: Claim,
    matches: Sequence[Match],
    strength: Distinctiveness,
    coverage: Coverage,
) -> dict[str, float]:
    label = decision.label
    feats: dict[str, float] = {f"label_{label}": 1.0}
    claimed = next((m for m in matches if m.claimed), None)
    other = next((m for m in matches if not m.claimed), None)
    primary = decision.primary
    if claimed is not None:
        feats["claimed_coverage"] = claimed.alignment.content_coverage
        feats["claimed_distortion"] = min(2.0, claimed.alignment.distortion)
        feats["claimed_critical"] = float(min(3, claimed.alignment.critical_edits))
    if other is not None:
        feats["other_coverage"] = other.alignment.content_coverage
    if primary is not None:
        feats["primary_changes"] = float(min(3, primary.alignment.content_edits + primary.alignment.form_edits))
        # How much a transcript or an editor changed, and how many changes of meaning: a verdict resting on many
        # of either is less sure than one on a word-for-word match or a single changed word.
        feats["primary_tolerated"] = min(3, primary.alignment.minor_edits) / 3.0
        feats["primary_meaning"] = float(min(3, len(primary.alignment.meaning_changes)))
    if label == "altered" and primary is not None:
        # A line the speaker tells in several places (a stump line) may come from a telling the store does not
        # hold: the more tellings the store has, the less a changed word proves a change.
        retold = [m for m in matches if m.claimed and m is not primary and m.passage.id != primary.passage.id
                  and m.alignment.content_coverage >= KEPT_CONTENT_SHARE]  # fmt: skip
        feats["altered_retold"] = min(3, len(retold)) / 3.0
    feats["best_dense"] = max((m.retrieval.dense or 0.0 for m in matches), default=0.0)
    feats["best_coverage"] = max((m.alignment.content_coverage for m in matches), default=0.0)
    feats["phrase_hit"] = float(any(m.retrieval.phrase for m in matches))
    feats["log_quote_words"] = math.log1p(len(pattern.tokens))
    information = max(-5.0, min(25.0, strength.information)) / 10.0
    feats["information"] = information
    feats[f"information_{label}"] = information
    feats["phrase_speakers"] = float(min(3, strength.speakers_besides(None)))
    feats["framed"] = float(decision.primary is not None and decision.primary.frame is not None)
    # Words a named asker put to the claimed speaker: whether crediting them to the one who answered is a
    # misattribution or words taken out of their context is an editor's call, not a matter of the words.
    feats["asked"] = float(decision.primary is not None and decision.primary.asked_claimed)
    feats["speaker_unchecked"] = float(decision.alone)
    feats["speaker_compatible"] = float(primary is not None and primary.relation == "compatible")
    feats["speaker_confidence"] = claim.confidence if claim.named else 0.0
    feats["claimed_store_passages"] = math.log1p(coverage.passages) / 5.0
    feats["kind_indirect"] = float(claim.kind == "indirect")
    feats["kind_partial"] = float(claim.kind == "partial")
    return feats

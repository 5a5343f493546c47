"""What the reasons say about whose words a match is and the frame around it, in the source's own terms."""

from __future__ import annotations

from factcheck.extract.lexicon import NAMING_VERBS, NOUN_CUES, regular_forms
from factcheck.verify.matches import Match, quoting, speaker_of

# Frames that say whose words they are (someone the source quotes or reports), not how its speaker says them.
VOICE_FRAMES = frozenset({"reported", "quoted"})
# The forms of the verbs that give others' name for a thing ('some call it a death tax').
_NAMING_FORMS = frozenset(form for verb in NAMING_VERBS for form in regular_forms(verb))
# A report's verb phrase with one of these and a participle is passive ('was argued', 'has been claimed').
_BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_PREPOSITIONS = frozenset({"on", "for", "by", "from", "in"})
_POSSESSIVE = ("'s", "\u2019s")
_OWN_FRAMES = {
    "negation": "the source sentence denies them",
    "hypothetical": "the source sentence puts them in a condition",
    "question": "the source asks them as a question and answers no",
}


def _own(match: Match) -> str:
    voice = match.voice
    reporter = quoting(match.passage, voice) if match.frame == "reported" and voice is not None else None
    return reporter or speaker_of(match.passage) or "the source"


def around_claim(match: Match) -> bool:
    """The frame is around a claim worded by the source's speaker: a denial, a condition or a question of their
    own, or a claim they report from others in their own words (indirect speech, answered or not). A phrase
    inside it that names something is the speaker's wording, which the frame cannot change; words quoted from
    someone, others' name for a thing ('some call it ...') and, for the guest, a claim put to them, which they
    answered, stay the others'; for the one who put it, its phrases are their wording as any report's are."""
    if match.frame is None or match.frame == "quoted":
        return False
    voice = match.voice
    if match.frame == "reported" and voice is not None:
        cue = (voice.cue or "").lower().split()
        return not match.asked_claimed and not (cue and cue[-1] in _NAMING_FORMS)
    return match.frame != "reported"


def voiced_as(match: Match) -> str:
    """Who a match's words are the source's report or quotation of: 'reported as what some analysts have said'."""
    voice = match.voice
    if match.frame == "reported" and voice is not None:
        cue = voice.cue or "said"
        words = cue.lower().split()
        if set(words) & _BE_FORMS and not words[-1].endswith("ing"):
            # 'It was submitted on the player's behalf that ...': what was put, and by or for whom, if named.
            if not voice.source:
                return f"reported as what {cue}, by no one named"
            by = "" if voice.source.split()[0].lower() in _PREPOSITIONS else "by "
            return f"reported as what {cue} {by}{voice.source}"
        if words[-1] in NOUN_CUES and (voice.source or "").endswith(_POSSESSIVE):
            # 'The Council's case was that ...': the claim is named by a noun, whose owner is the source.
            return f"reported as {voice.source} {cue}"
        return f"reported as what {voice.source or 'others'} {cue}"
    if voice is not None and voice.respondent:
        return f"asked by {voice.source or 'someone the source does not name'}"
    if voice is not None and voice.speaker:
        return f"quoted by {_own(match)} from {voice.speaker}"  # read out by its speaker, another's words
    return f"quoted by {_own(match)} from someone the source does not name"


def frame_reason(match: Match) -> str:
    """The frame around a match, named: who the words are reported or quoted from, or the speaker's denial."""
    voice = match.voice
    if match.frame == "reported" and voice is not None:
        reason = f"{voiced_as(match)}, not as {_own(match)}'s own words"
        if voice.response and voice.respondent:
            return f'{reason}, put to {voice.respondent}, who answered: "{voice.response}"'
        if voice.response:
            return f'{reason}, then answered: "{voice.response}"'
        return f"{reason}; the source does not adopt them"
    if match.frame == "quoted" and voice is not None and voice.respondent:
        return f'{voiced_as(match)}, put to {voice.respondent}, who answered: "{voice.response}"'
    if match.frame == "quoted":
        return f"{voiced_as(match)}, not said as {_own(match)}'s own"
    return _OWN_FRAMES.get(match.frame or "", f"the source sentence frames them ({match.frame})")


def whose_words(match: Match) -> str:
    """Where the words were found: 'in a passage by X', or 'Y's words, quoted in a passage by X'."""
    own = speaker_of(match.passage)
    voice = match.voice
    if voice is not None and match.said_by and match.said_by != own:
        how = "quoted" if voice.kind == "quoted" else "reported, not quoted,"
        where = f"in a passage by {own}" if own else "in a source that names no speaker"
        return f"the words are {match.said_by}'s, {how} {where}"
    return f"the words are in a passage by {match.speaker or 'a source that names no speaker'}"

"""What the reasons say about whose words a match is and the frame around it, in the source's own terms."""

from __future__ import annotations

from factcheck.verify.matches import Match, speaker_of

# Frames that say whose words they are (someone the source quotes or reports), not how its speaker says them.
VOICE_FRAMES = frozenset({"reported", "quoted"})
_OWN_FRAMES = {
    "negation": "the source sentence denies them",
    "hypothetical": "the source sentence puts them in a condition",
    "question": "the source asks them as a question and answers no",
}


def _own(match: Match) -> str:
    return speaker_of(match.passage) or "the source"


def voiced_as(match: Match) -> str:
    """Who a match's words are the source's report or quotation of: 'reported as what some analysts have said'."""
    voice = match.voice
    if match.frame == "reported" and voice is not None:
        return f"reported as what {voice.source or 'others'} {voice.cue or 'said'}"
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

"""WebVTT and SRT captions: cues joined into speaker turns, each cue's start time kept as an anchor."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from factcheck.errors import InputError
from factcheck.sources.budget import Budget, ReadLimits
from factcheck.sources.documents import Found, RawSource, decode, text_document
from factcheck.sources.turns import name_speakers
from factcheck.types import Anchor, Document, Turn

_TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")
# ">> HOLT: Good evening" names the new speaker; a bare ">>" (or a "- " dialogue dash) only says one began.
_CHEVRON = re.compile(r"^(?:>>+|-\s)\s*")
_CHEVRON_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z.'\u2019-]*(?:\s+[A-Z][A-Za-z.'\u2019-]*){0,3})\s*:\s*")
# Sound and music descriptions: "[APPLAUSE]", "(LAUGHTER)", "♪ ... ♪".
_NOT_SPEECH = re.compile(r"^(?:\[[^\]]*\]|\([^)]*\)|\u266a.*)$")
_SPACES = re.compile(r"\s+")
# A speaker label that no caption line gave: the speaker is unknown until the next one.
_UNKNOWN = ""
# Bytes the caption libraries hold per cue (measured: ~1,000 for short cues); each cue has one "-->".
CUE_COST = 1000


@dataclass(frozen=True)
class _Cue:
    seconds: float
    voice: str | None
    text: str


@dataclass(frozen=True)
class CaptionText:
    """Caption words as one text, with speaker turns and one time anchor per cue."""

    text: str
    turns: list[Turn]
    anchors: list[Anchor]


def _vtt_cues(text: str, label: str) -> list[_Cue]:
    import webvtt
    from webvtt.errors import MalformedFileError

    try:
        captions = webvtt.from_buffer(io.StringIO(text))
    except (MalformedFileError, ValueError) as exc:
        raise InputError(f"{label}: not a valid WebVTT file ({exc})") from exc
    return [_Cue(c.start_time.in_milliseconds() / 1000, c.voice or None, c.text) for c in captions.captions]


def _srt_cues(text: str, label: str) -> list[_Cue]:
    import srt

    try:
        subtitles = list(srt.parse(text))
    except (srt.SRTParseError, ValueError) as exc:
        raise InputError(f"{label}: not a valid SRT file ({exc})") from exc
    return [_Cue(s.start.total_seconds(), None, _TAG.sub("", s.content)) for s in subtitles]


def read_vtt(source: RawSource) -> list[Document]:
    """One document from WebVTT captions."""
    return _caption_document(source, "vtt")


def read_srt(source: RawSource) -> list[Document]:
    """One document from SRT subtitles."""
    return _caption_document(source, "srt")


def _caption_document(source: RawSource, kind: str) -> list[Document]:
    captions = read_captions(decode(source.data, source.label), kind, source.label, source.limits)
    found = Found(anchors=captions.anchors)
    return [text_document(source.document_id, captions.text, source.defaults, found, captions.turns)]


def read_captions(text: str, kind: str, label: str, limits: ReadLimits | None = None) -> CaptionText:
    """Captions (kind "vtt" or "srt") as text, turns and anchors; InputError when no cue has words or over limits."""
    budget = Budget(limits, label)
    budget.spend(len(text) + text.count("-->") * CUE_COST, "the captions")
    cues = _vtt_cues(text, label) if kind == "vtt" else _srt_cues(text, label)
    # (speaker label, words, start time of the cue the words open) per line of speech.
    segments: list[tuple[str, str, float | None]] = []
    speaker = _UNKNOWN
    previous_lines: set[str] = set()
    for cue in cues:
        budget.check_time()
        if cue.voice:
            speaker = cue.voice
        lines = [_SPACES.sub(" ", line).strip() for line in cue.text.split("\n")]
        kept = []
        first = True
        for line in lines:
            # Roll-up captions repeat the last cue's line above the new one.
            if not line or line in previous_lines:
                continue
            kept.append(line)
            changed = _CHEVRON.match(line)
            if changed:
                line = line[changed.end() :]
                named = _CHEVRON_LABEL.match(line)
                speaker = named.group("label") if named else _UNKNOWN
                line = line[named.end() :] if named else line
            if not line or _NOT_SPEECH.match(line):
                continue
            segments.append((speaker, line, cue.seconds if first else None))
            first = False
        previous_lines = set(kept)
    if not segments:
        raise InputError(f"{label}: the captions have no spoken text")
    return _assemble(segments)


def _assemble(segments: list[tuple[str, str, float | None]]) -> CaptionText:
    """One turn per run of one speaker's lines (turns separated by newlines), an anchor per cue."""
    runs: list[tuple[str, list[tuple[str, float | None]]]] = []
    for speaker, words, seconds in segments:
        if runs and runs[-1][0] == speaker:
            runs[-1][1].append((words, seconds))
        else:
            runs.append((speaker, [(words, seconds)]))
    names = name_speakers([(speaker, " ".join(w for w, _ in lines)) for speaker, lines in runs])
    parts: list[str] = []
    turns: list[Turn] = []
    anchors: list[Anchor] = []
    length = 0
    for (_, lines), name in zip(runs, names, strict=True):
        if parts:
            parts.append("\n")
            length += 1
        start = length
        for index, (words, seconds) in enumerate(lines):
            if index:
                parts.append(" ")
                length += 1
            if seconds is not None:
                anchors.append(Anchor(start=length, timestamp=seconds))
            parts.append(words)
            length += len(words)
        turns.append(Turn(speaker=name, start=start, end=length))
    return CaptionText(text="".join(parts), turns=turns, anchors=anchors)


def looks_like_srt(head: str) -> bool:
    """Whether a text starts like an SRT file: a cue number, then a "00:00:01,000 --> ..." timing line."""
    return re.match(r"^\s*\d+\s*\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->", head.lstrip("\ufeff")) is not None

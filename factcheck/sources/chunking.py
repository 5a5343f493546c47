"""Sentence-aware passages with exact offsets, never crossing a speaker turn."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from factcheck.types import Anchor, Document, DocumentRef, Passage, Turn, Voice

# Part of every document revision: a change here re-ingests documents on their next load.
CHUNKER_VERSION = "3"
MIN_WORDS = 40
MAX_WORDS = 80
# MiniLM reads at most 256 word pieces; a run-on sentence is cut so none of it is silently dropped.
MAX_SENTENCE_WORDS = 120

_WORD = re.compile(r"\S+")
# A sentence ends at . ! ? (or an ellipsis), optionally followed by closing quotes or brackets, then
# whitespace; a paragraph break always ends one.
_BOUNDARY = re.compile(r"(?:[.!?\u2026]+[\"'\u201d\u2019)\]]*)(?=\s)|\n\s*\n")
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "pres",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "univ",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "d.c",
    }
)
# Abbreviations of 'number', which stand only before one.
_NUMBER_SIGNS = frozenset({"no", "nos"})
_NEXT_START = re.compile(r"\s+[\"'\u201c\u2018(\[]*[A-Z0-9\u00c0-\u00de]")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at `dot` closes an abbreviation or an initial rather than a sentence."""
    begin = dot
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    # Marks that open a quotation or an aside are not part of the word; an apostrophe inside one is ("doesn't."
    # ends a sentence, where "t." would be an initial).
    token = text[begin:dot].lstrip("\"'(\u201c\u2018[").lower()
    if token in _NUMBER_SIGNS:
        # 'No. 10' abbreviates 'number'; 'No. The depot is on schedule' answers a question.
        return bool(re.match(r"\s*\d", text[dot + 1 : dot + 4]))
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) within text[start:end], whitespace trimmed."""
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, stop):
        if match.group().strip():
            last = match.group().rstrip("\"'\u201d\u2019)]")
            dot = match.start() + len(last) - 1
            if text[dot] == "." and _is_abbreviation(text, dot):
                continue
            if not _NEXT_START.match(text, match.end(), stop) and match.end() < stop:
                continue
        _append_trimmed(text, cursor, match.end(), spans)
        cursor = match.end()
    _append_trimmed(text, cursor, stop, spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _cut_long(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    words = [m.span() for m in _WORD.finditer(text, span[0], span[1])]
    if len(words) <= MAX_SENTENCE_WORDS:
        return [span]
    pieces = []
    for i in range(0, len(words), MAX_WORDS):
        chunk = words[i : i + MAX_WORDS]
        pieces.append((chunk[0][0], chunk[-1][1]))
    return pieces


def _turns(document: Document) -> list[Turn]:
    if document.turns:
        return list(document.turns)
    return [Turn(speaker=document.speaker, start=0, end=len(document.text))]


def _anchor_at(anchors: list[Anchor], starts: list[int], offset: int) -> Anchor | None:
    """The anchor in force at `offset`: the last one starting at or before it."""
    at = bisect_right(starts, offset) - 1
    return anchors[at] if at >= 0 else None


def _voices_in(voices: list[Voice], start: int, end: int) -> list[Voice]:
    """The voices of a document that reach into text[start:end], with offsets into that span."""
    found = (v.moved(start, end - start) for v in voices if v.start < end and v.end > start)
    return [v for v in found if v is not None]


def split_passages(document: Document) -> list[Passage]:
    """Passages of a few sentences (about 40-80 words) with document.text[start:end] == passage.text."""
    text = document.text
    ref = DocumentRef(
        id=document.id, title=document.title, speaker=document.speaker, date=document.date, url=document.url
    )
    passages: list[Passage] = []
    anchors = sorted(document.anchors, key=lambda a: a.start)
    anchor_starts = [a.start for a in anchors]

    def emit(start: int, end: int, speaker: str | None) -> None:
        index = len(passages)
        anchor = _anchor_at(anchors, anchor_starts, start)
        # Anchors met inside the passage, so the page or cue of any word in it is known, not only of its start.
        inside = anchors[bisect_right(anchor_starts, start) : bisect_left(anchor_starts, end)]
        passages.append(
            Passage(
                id=f"{document.id}#{index}",
                document=ref,
                index=index,
                text=text[start:end],
                start=start,
                end=end,
                speaker=speaker,
                page=anchor.page if anchor else None,
                timestamp=anchor.timestamp if anchor else None,
                anchors=inside,
                voices=_voices_in(document.voices, start, end),
            )
        )

    for turn in _turns(document):
        group_start: int | None = None
        group_end = 0
        group_words = 0
        for sentence in split_sentences(text, turn.start, turn.end):
            for piece in _cut_long(text, sentence):
                words = len(_WORD.findall(text, piece[0], piece[1]))
                if group_start is not None and group_words >= MIN_WORDS and group_words + words > MAX_WORDS:
                    emit(group_start, group_end, turn.speaker)
                    group_start = None
                if group_start is None:
                    group_start, group_words = piece[0], 0
                group_end = piece[1]
                group_words += words
        if group_start is not None:
            emit(group_start, group_end, turn.speaker)
    return passages

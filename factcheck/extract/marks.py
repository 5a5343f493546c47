"""Quotation-mark pairing: spans between marks, tolerant of every mark style and of unbalanced marks."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_DOUBLE_OPEN = "“„‟«"
_DOUBLE_CLOSE = "”»"
# Every double quotation mark, straight or typographic, opening or closing.
DOUBLE_MARKS = _DOUBLE_OPEN + _DOUBLE_CLOSE + '"'
_SINGLE_OPEN = "\u2018\u2039"
_SINGLE_CLOSE = "\u2019\u203a"
SINGLE_MARKS = _SINGLE_OPEN + _SINGLE_CLOSE + "'"
_OPEN_CONTEXT = " \t\n([{—\u2013-/:;,"  # characters after which a straight mark opens
_PARAGRAPH = re.compile(r"\n")
# Where the marks of each kind are: a scan in C rather than a look at every character.
_MARK_CHARS = {False: re.compile(f"[{re.escape(DOUBLE_MARKS)}]"), True: re.compile(f"[{re.escape(SINGLE_MARKS)}]")}


@dataclass(frozen=True)
class MarkedSpan:
    """Words between a pair of quote marks; `start`/`end` exclude the marks, `outer_*` include them."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    single: bool = False
    closed: bool = True


def _role(text: str, i: int, single: bool) -> str | None:
    """'open', 'close' or None (an apostrophe or a mark that cannot be placed) for the mark at `i`."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in _DOUBLE_OPEN or ch in _SINGLE_OPEN:
        if single and prev.isalnum() and nxt.isalnum():
            return None
        if not single and ch == "\u201c" and prev not in _OPEN_CONTEXT and (nxt.isspace() or nxt in ",;:"):
            return "close"  # a wrong-way mark typed at the end: 'he left.“ Then'
        return "open"
    if not single and ch in _DOUBLE_CLOSE and prev in _OPEN_CONTEXT and (nxt.isalnum() or nxt in "'\u2018"):
        return "open"  # a wrong-way mark typed at the start: '”Mr. Trump embodies ...”'
    if ch in _DOUBLE_CLOSE or ch in _SINGLE_CLOSE:
        if single and (nxt.isalnum() or (prev.isalnum() is False and prev not in ".,!?;:…—\u2013-")):
            return None  # don't, the 90s with an apostrophe, rock and roll
        return "close"
    opens = prev in _OPEN_CONTEXT or prev in _DOUBLE_OPEN or prev in _SINGLE_OPEN
    closes = not nxt.isalnum() or nxt in _DOUBLE_CLOSE
    if single and prev.isalnum() and nxt.isalnum():
        return None
    if opens and not nxt.isspace() and nxt != "\n":
        return "open"
    if closes and not prev.isspace():
        return "close"
    if not single and prev in " \t" and (nxt.isspace() or nxt in ".,;:!?"):
        return "close"  # a stray space before a closing mark ('a "lyin\' " Ted Cruz'); with no quote open it is dropped
    return None


def _marks(text: str, single: bool) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for match in _MARK_CHARS[single].finditer(text):
        role = _role(text, match.start(), single)
        if role is not None:
            found.append((match.start(), role))
    return found


def _paragraph_ends(text: str) -> list[int]:
    return [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]


def _pair(text: str, single: bool, ends: list[int]) -> list[MarkedSpan]:
    """Spans between paired marks of one kind; `ends` are the paragraph ends of `text`."""
    marks = _marks(text, single)

    def window(pos: int) -> int:
        # End of the paragraph holding `pos`.
        return ends[bisect.bisect_left(ends, pos)]

    spans: list[MarkedSpan] = []
    origin: int | None = None
    window_end = 0

    def unclosed(start: int, end: int) -> None:
        # A missing closing mark: keep the paragraph as a low-confidence quote if it has some substance.
        if not single and len(text[start + 1 : end].split()) >= 3:
            spans.append(MarkedSpan(start + 1, end, start, end, single, False))

    for pos, role in marks:
        if origin is not None and pos > window_end:
            if role == "open" and text[window_end:pos].strip() == "":
                # An opening mark on the next paragraph continues a multi-paragraph quote.
                window_end = window(pos)
                continue
            unclosed(origin, window_end)
            origin = None
        if role == "open" and origin is not None and text[origin] == "\u201e" and text[pos] == "\u201c":
            role = "close"  # German style: low-9 opens, high-6 closes
        if role == "open":
            if origin is None or not single:
                if origin is not None:
                    unclosed(origin, pos)
                origin, window_end = pos, window(pos)
        elif origin is not None:
            spans.append(MarkedSpan(origin + 1, pos, origin, pos + 1, single, True))
            origin = None
    if origin is not None:
        unclosed(origin, window_end)
    return spans


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """Top-level quoted spans: double-quoted ones, then single-quoted ones outside them."""
    ends = _paragraph_ends(text)
    doubles = [s for s in _pair(text, single=False, ends=ends) if s.end > s.start]
    masked = list(text)
    for span in doubles:
        for i in range(span.outer_start, span.outer_end):
            if masked[i] != "\n":
                masked[i] = "x"
    # Masking keeps every newline in place, so the paragraph ends carry over.
    singles = [s for s in _pair("".join(masked), single=True, ends=ends) if s.end > s.start]
    return sorted(doubles + singles, key=lambda s: s.start)

"""Markup and tracking-junk removal that keeps a map from every cleaned character back into the input."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# Blocks whose whole content is junk, not just their tags.
_JUNK_BLOCK = re.compile(
    r"<(script|style|noscript|template|iframe|svg|head)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<!\[CDATA\[.*?\]\]>",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s+[^<>]*?)?/?>|<![A-Za-z][^<>]*>|<\?[^<>]*\?>")
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|hr)\b", re.I)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Markdown images and bare tracking/pixel URLs carry no prose.
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\s]*\)")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'“”«»]+", re.IGNORECASE)
# Typewriter-style doubled marks (''quote'' or ``quote'') stand for one double quote mark.
_DOUBLED_MARK = re.compile(r"''|``")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_NEEDS_CLEANING = re.compile("[<&\u200b\u200c\u200d\u2060\ufeff\u00ad\u00a0]|''|``|https?://|www\\.|!\\[", re.I)


@dataclass(frozen=True)
class CleanText:
    """Cleaned text plus, for each cleaned character, its offset in the original input."""

    text: str
    offsets: tuple[int, ...]
    original: str

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned half-open span [start, end) to the smallest covering span of the input."""
        if end <= start:
            point = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return point, point
        return self.offsets[start], self.offsets[end - 1] + 1


def clean(text: str) -> CleanText:
    """Strip tags, scripts, comments, entities, pixels and invisible characters from `text`."""
    if not _NEEDS_CLEANING.search(text):
        return CleanText(text=text, offsets=tuple(range(len(text))), original=text)
    removed = [False] * len(text)
    replaced: dict[int, tuple[str, int]] = {}

    def drop(match: re.Match[str], as_break: bool = False) -> None:
        start, end = match.span()
        for i in range(start, end):
            removed[i] = True
        # A block-level tag stands for a paragraph break; inline tags for a space.
        replaced[start] = ("\n\n" if as_break else " ", end)

    for match in _JUNK_BLOCK.finditer(text):
        drop(match)
    for match in _TAG.finditer(text):
        if not removed[match.start()]:
            drop(match, as_break=bool(_BLOCK_TAG.match(match.group())))
    for pattern in (_MD_IMAGE, _URL, _INVISIBLE):
        for match in pattern.finditer(text):
            if not any(removed[match.start() : match.end()]):
                for i in range(match.start(), match.end()):
                    removed[i] = True
                if pattern is not _INVISIBLE:
                    replaced[match.start()] = (" ", match.end())
    for match in _DOUBLED_MARK.finditer(text):
        if not any(removed[match.start() : match.end()]):
            removed[match.start()] = removed[match.start() + 1] = True
            replaced[match.start()] = ('"', match.end())
    for match in _ENTITY.finditer(text):
        if any(removed[match.start() : match.end()]):
            continue
        decoded = html.unescape(match.group())
        if decoded == match.group():
            continue
        for i in range(match.start(), match.end()):
            removed[i] = True
        decoded = decoded.replace("\u00a0", " ")
        replaced[match.start()] = (decoded if not _INVISIBLE.fullmatch(decoded) else "", match.end())

    out: list[str] = []
    offsets: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        if i in replaced:
            chunk, end = replaced[i]
            for ch in chunk:
                out.append(ch)
                offsets.append(i)
            i = end
            continue
        if removed[i]:
            i += 1
            continue
        ch = text[i]
        out.append(" " if ch == "\u00a0" else ch)
        offsets.append(i)
        i += 1
    return CleanText(text="".join(out), offsets=tuple(offsets), original=text)

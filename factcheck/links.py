"""Where words of a passage are in their source (page, cue time) and links that open it there: a PDF page, a
media time, or a text fragment."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from factcheck.types import Passage

# Words at each end of a passage that a text fragment names; enough to be unique on a page, short enough
# that small differences between the page and the extracted text rarely fall inside them.
FRAGMENT_WORDS = 4


def _fragment_part(words: list[str]) -> str:
    # "-", "," and "&" delimit text fragment parts, so they are escaped along with everything else.
    return quote(" ".join(words), safe="")


def text_fragment(text: str) -> str:
    """A `:~:text=` directive that finds `text` on a page (its first and last words)."""
    words = text.split()
    if len(words) <= 2 * FRAGMENT_WORDS:
        return ":~:text=" + _fragment_part(words)
    head, tail = words[:FRAGMENT_WORDS], words[-FRAGMENT_WORDS:]
    return f":~:text={_fragment_part(head)},{_fragment_part(tail)}"


@dataclass(frozen=True)
class Location:
    """Where some words of a passage are: the page of the first and of the last (when later), the start of the
    caption cue holding the first, and a link that opens the source there."""

    page: int | None
    page_end: int | None
    timestamp: float | None
    link: str | None


def locate(passage: Passage, match_start: int | None = None, match_end: int | None = None) -> Location:
    """The location of `passage.text[match_start:match_end]` (of the whole passage when no match is given)."""
    if match_start is None or match_end is None or not 0 <= match_start < match_end <= len(passage.text):
        match_start, match_end = 0, len(passage.text)
    words = passage.text[match_start:match_end]
    # Offsets of the first and last characters of the words themselves, in the document.
    first = passage.start + match_start + (len(words) - len(words.lstrip()))
    last = passage.start + match_end - 1 - (len(words) - len(words.rstrip()))
    page, timestamp = passage.anchor_at(first)
    last_page, _ = passage.anchor_at(max(first, last))
    page_end = last_page if last_page is not None and page is not None and last_page > page else None
    return Location(page, page_end, timestamp, _link(passage, page, timestamp, words))


def _link(passage: Passage, page: int | None, timestamp: float | None, words: str) -> str | None:
    """The document's http(s) URL pointing at the words, or None when the document has no web address."""
    url = (passage.document.url or "").strip()
    if not url.lower().startswith(("http://", "https://")):
        return None
    base, _, fragment = url.partition("#")
    if page is not None:
        return f"{base}#page={page}"
    if timestamp is not None:
        # A media fragment (W3C Media Fragments URI): players of a direct media link start there.
        return f"{base}#t={timestamp:g}"
    if not words.strip():
        return url
    return f"{base}#{fragment}{text_fragment(words)}"


def web_link(url: str | None) -> str | None:
    """A link only when it is plain http(s), so a stored `javascript:` URL never becomes one."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def passage_link(passage: Passage) -> str | None:
    """The document's http(s) URL pointing at the passage, or None when the document has no web address."""
    return locate(passage).link

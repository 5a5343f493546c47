"""Links that open a source where a passage is: a PDF page, a media time, or a text fragment."""

from __future__ import annotations

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


def passage_link(passage: Passage) -> str | None:
    """The document's http(s) URL pointing at the passage, or None when the document has no web address."""
    url = (passage.document.url or "").strip()
    if not url.lower().startswith(("http://", "https://")):
        return None
    base, _, fragment = url.partition("#")
    if passage.page is not None:
        return f"{base}#page={passage.page}"
    if passage.timestamp is not None:
        # A media fragment (W3C Media Fragments URI): players of a direct media link start there.
        return f"{base}#t={passage.timestamp:g}"
    if not passage.text.strip():
        return url
    return f"{base}#{fragment}{text_fragment(passage.text)}"

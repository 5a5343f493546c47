"""Web pages: the main text and its metadata through trafilatura, without menus, banners or footers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.errors import InputError
from factcheck.sources.budget import Budget, ReadLimits
from factcheck.sources.documents import Found, RawSource, known_date, refuse_binary, text_document
from factcheck.types import Document

_SPACES = re.compile(r"[ \t\u00a0]+")
# A page has main text when at least one paragraph reads as prose: a sentence of this many words or more.
# What remains of a page without an article ("Was this page helpful?") is shorter.
MIN_SENTENCE_WORDS = 6
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
# Bytes trafilatura holds per element while it extracts (measured: ~360 on a page of empty paragraphs);
# every element opens with "<", so the count of "<" bounds the elements before anything is parsed.
ELEMENT_COST = 360


@dataclass(frozen=True)
class WebPage:
    """The main text of a page (paragraphs separated by blank lines) and what its metadata says."""

    text: str
    title: str | None
    author: str | None
    date: str | None
    url: str | None


def _single_author(author: str | None) -> str | None:
    # trafilatura joins several authors with "; ": then no one person is the page's speaker.
    if not author or ";" in author:
        return None
    return " ".join(author.split()) or None


def read_html(source: RawSource) -> list[Document]:
    """One document from a web page's main text; its title, author (as speaker) and date fill the metadata."""
    refuse_binary(source.data, source.label)
    page = read_page(source.data, source.label, url=source.defaults.url, limits=source.limits)
    found = Found(title=page.title, speaker=page.author, date=known_date(page.date), url=page.url)
    return [text_document(source.document_id, page.text, source.defaults, found)]


def read_page(markup: bytes | str, label: str, url: str | None = None, limits: ReadLimits | None = None) -> WebPage:
    """The main text of an HTML page; InputError naming `label` when it has none or is over the read limits."""
    import trafilatura
    from trafilatura.settings import Document as Extracted

    budget = Budget(limits, label)
    tags = markup.count(b"<") if isinstance(markup, bytes) else markup.count("<")
    budget.spend(len(markup) + tags * ELEMENT_COST, "the page")

    # Precision over recall, and no generic fallback extractors: a sentence of menu or footer stored as the
    # speaker's words is worse than a missing caption. Comments are other people's words, never the page's.
    found = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        favor_precision=True,
        fast=True,
        include_comments=False,
        include_images=False,
    )
    budget.check_time()
    page = found if isinstance(found, Extracted) else Extracted()
    title = " ".join(page.title.split()) if page.title else None
    paragraphs = [_SPACES.sub(" ", line).strip() for line in (page.text or "").split("\n")]
    paragraphs = [p for p in paragraphs if p]
    # The headline is the document's title, not something the speaker said.
    if paragraphs and title and paragraphs[0] == title:
        paragraphs.pop(0)
    if not any(len(p.split()) >= MIN_SENTENCE_WORDS and _SENTENCE_END.search(p) for p in paragraphs):
        raise InputError(f"{label}: no main text found in the page (only navigation, banners or an empty body)")
    return WebPage(
        text="\n\n".join(paragraphs), title=title, author=_single_author(page.author), date=page.date, url=page.url
    )


def looks_like_html(head: str) -> bool:
    """Whether the start of a text file is an HTML document rather than text that mentions a tag."""
    start = head.lstrip("\ufeff \t\r\n").lower()
    return start.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in start[:2048]

"""Article structure: the lines that never speak (headlines, bylines, datelines, captions) and Q&A blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

_BYLINE = re.compile(
    r"^[ \t]*(?:by|BY|By)[ \t]+[A-Z][\w.'\u2019-]*(?:[ \t,]+(?:and[ \t]+)?[A-Z][\w.'\u2019-]*){0,6}[ \t]*$"
)
# 'WASHINGTON —', 'LONDON (Reuters) -', 'HARLOW, England —' at the start of a paragraph.
_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'\u2019 -]{1,30}(?:,[ \t]*[A-Z][\w.]*(?:[ \t][A-Z][\w.]*){0,2})?"
    r"(?:[ \t]*\([A-Za-z .]{1,30}\))?[ \t]*[\u2014\u2013-]{1,2}[ \t]"
)
_CAPTION = re.compile(
    r"\((?:AP|Reuters|AFP|Getty|EPA)?[ \t]*Photo\b|\bPhoto(?:graph)?:|\bImage:|\bCredit:|Getty Images|\(AP Photo|"
    r"\bphoto by\b|\bPhotograph by\b",
    re.IGNORECASE,
)
_LINE_END = re.compile(r"[.!?…:;\"\u201d\u2019')\]]\s*$")
_QA = re.compile(r"^[ \t]*(Q|A)[ \t]*[:.][ \t]+\S", re.MULTILINE)
_MAX_HEADLINE_WORDS = 18


@dataclass(frozen=True)
class Layout:
    """Character ranges of an article that name no speaker, and the question and answer lines of a Q&A."""

    quiet: tuple[tuple[int, int], ...]
    headlines: tuple[tuple[int, int], ...]
    questions: tuple[tuple[int, int], ...]
    answers: tuple[tuple[int, int], ...]

    def is_quiet(self, position: int) -> bool:
        """Inside a byline, dateline or caption."""
        return any(start <= position < end for start, end in self.quiet)

    def is_headline(self, position: int) -> bool:
        """Inside a headline or subhead line."""
        return any(start <= position < end for start, end in self.headlines)


def _lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def _is_headline(line: str, first: bool) -> bool:
    words = line.split()
    if not words or len(words) > _MAX_HEADLINE_WORDS or _LINE_END.search(line):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    # A title-cased line, or the article's first line, without a sentence end.
    return first or capitalised >= 0.6 * len(words)


def read_layout(text: str) -> Layout:
    """Headlines, bylines, datelines and captions of `text`, and its Q&A lines."""
    quiet: list[tuple[int, int]] = []
    headlines: list[tuple[int, int]] = []
    questions: list[tuple[int, int]] = []
    answers: list[tuple[int, int]] = []
    seen_text = False
    for start, end in _lines(text):
        line = text[start:end]
        if not line.strip():
            continue
        if _BYLINE.match(line) or (_CAPTION.search(line) and len(line.split()) < 60):
            quiet.append((start, end))
        elif _is_headline(line, not seen_text):
            headlines.append((start, end))
        else:
            dateline = _DATELINE.match(line)
            if dateline:
                quiet.append((start, start + dateline.end()))
        qa = _QA.match(line)
        if qa:
            (questions if qa.group(1) == "Q" else answers).append((start, end))
        seen_text = True
    return Layout(tuple(quiet), tuple(headlines), tuple(questions), tuple(answers))


def lines_doc(nlp: Language, text: str) -> Doc:
    """The tokenised text with sentence starts set after line breaks (the parser keeps preset starts)."""
    doc = nlp.make_doc(text)
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].text and not tok.is_space:
            tok.is_sent_start = True
    return doc

"""PDF text through pypdf: pages joined into paragraphs, running headers, footers and page numbers dropped."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.errors import InputError
from factcheck.sources.budget import Budget, ReadLimits
from factcheck.sources.documents import Found, RawSource, text_document
from factcheck.types import Anchor, Document

if TYPE_CHECKING:
    from pypdf import PdfReader

# Lines this close to a page's top or bottom may be running heads or feet.
EDGE_LINES = 2
# A line at the same edge of at least this share of pages (and of two pages or more) repeats: a running head.
RUNNING_SHARE = 0.5
# A line this much shorter than the page's long lines, ending a sentence, ends its paragraph.
SHORT_LINE = 0.75
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-\u2013\u2014\s]*(?:\d{1,4}|[ivxlcdm]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?[-\u2013\u2014\s]*$", re.I
)
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
# A line that opens with a speaker label ("MR. SMITH:", "Senator Warren:") starts a new paragraph.
_LABEL_START = re.compile(r"^[A-Z][A-Za-z.'\u2019-]*(?:\s+[A-Z][A-Za-z.'\u2019-]*){0,3}:\s")
_SENTENCE_END = re.compile(r"[.!?:\"'\u201d\u2019)\]]$")
_HYPHENATED = re.compile(r"[A-Za-z\u00c0-\u024f]-$")
_FILE_NAME = re.compile(r"\.[A-Za-z]{2,4}$")
# Bytes pypdf holds per content-stream token while it parses a page (measured: ~110 on a page of drawing
# operators); a page may hold as many tokens as the read limit pays for.
TOKEN_COST = 110
# pypdf's own caps on what one stream may decode to; each is lowered to half the read limit when that is
# smaller, since pypdf holds about two copies of a stream while it decodes it (measured: +151 MB at 75 MB).
_OUTPUT_CAPS = (
    "zlib_maximum_output_length",
    "lzw_maximum_output_length",
    "run_length_maximum_output_length",
    "array_based_stream_maximum_output_length",
    "brotli_maximum_output_length",
    "maximum_declared_stream_length",
)
# Operators between two looks at the clock while a page's text is extracted.
_CLOCK_EVERY = 4096


@dataclass(frozen=True)
class PdfText:
    """The text of a PDF with one anchor per page, and the title its metadata gives."""

    text: str
    anchors: list[Anchor]
    title: str | None


def _edge_key(line: str) -> str:
    """A line with its numbers masked, so "Page 3 of 9" and "Page 4 of 9" count as one running line."""
    return _DIGITS.sub("#", _SPACES.sub(" ", line.strip().lower()))


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Edge lines (numbers masked) that repeat at the top or bottom of many pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edges = {_edge_key(line) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}
        counts.update(edges)
    needed = max(2, RUNNING_SHARE * len(pages))
    return {key for key, count in counts.items() if count >= needed}


def _body(lines: list[str], running: set[str]) -> list[str]:
    """A page's lines without running heads and feet or page numbers at its edges."""
    kept = list(lines)
    for _ in range(EDGE_LINES):
        if kept and (_edge_key(kept[0]) in running or _PAGE_NUMBER.match(kept[0])):
            kept.pop(0)
        if kept and (_edge_key(kept[-1]) in running or _PAGE_NUMBER.match(kept[-1])):
            kept.pop()
    return kept


def _join(previous: str, line: str, long_line: int) -> str:
    """What goes between two lines: nothing after a hyphen, a paragraph break, or a space."""
    if _HYPHENATED.search(previous) and line[:1].islower():
        return ""
    if _LABEL_START.match(line):
        return "\n\n"
    if _SENTENCE_END.search(previous) and len(previous) < SHORT_LINE * long_line:
        return "\n\n"
    return " "


def _long_line(pages: list[list[str]]) -> int:
    """The length of a full line of body text (the 90th percentile of line lengths)."""
    lengths = sorted(len(line) for lines in pages for line in lines)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def read_pdf_file(source: RawSource) -> list[Document]:
    """One document from a PDF, with the page of every stretch of its text."""
    pdf = read_pdf(source.data, source.label, source.limits)
    found = Found(title=pdf.title, anchors=pdf.anchors)
    return [text_document(source.document_id, pdf.text, source.defaults, found)]


def _pypdf_limits(limits: ReadLimits) -> dict[str, int]:
    """pypdf configuration values that keep one stream within `limits`."""
    from pypdf import get_configuration

    current = get_configuration()
    caps = {name: min(getattr(current, name), max(1, limits.max_bytes // 2)) for name in _OUTPUT_CAPS}
    tokens = min(current.stream_parsing_work_maximum_count, max(1, limits.max_bytes // TOKEN_COST))
    return {**caps, "stream_parsing_work_maximum_count": tokens}


def _page_texts(reader: PdfReader, budget: Budget) -> list[str]:
    """Each page's text, its size spent from the budget, the clock checked while pypdf works."""
    seen = 0

    def tick(*_: object) -> None:
        nonlocal seen
        seen += 1
        if seen % _CLOCK_EVERY == 0:
            budget.check_time()

    texts = []
    for page in reader.pages:
        budget.check_time()
        text = page.extract_text(visitor_operand_before=tick) or ""
        budget.spend(len(text), "the PDF's text")
        texts.append(text)
    return texts


def read_pdf(data: bytes, label: str, limits: ReadLimits | None = None) -> PdfText:
    """Text of a PDF, one anchor per page; InputError for encrypted, image-only, broken or over-limit files."""
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError, PyPdfError

    budget = Budget(limits, label)
    try:
        with apply_configuration(None, **_pypdf_limits(budget.limits)):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(f"{label}: the PDF is encrypted with a password; save an unprotected copy")
            raw_pages = _page_texts(reader, budget)
            title = reader.metadata.title if reader.metadata else None
    except InputError:
        raise
    except LimitReachedError as exc:
        raise InputError(
            f"{label}: the PDF unpacks to more than the read limit allows ({exc}; FACTCHECK_PARSE_MAX_BYTES)"
        ) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        # pypdf reports damaged files through several exception types.
        raise InputError(f"{label}: not a readable PDF ({exc or type(exc).__name__})") from exc
    except NotImplementedError as exc:
        raise InputError(f"{label}: the PDF uses an encryption pypdf cannot open ({exc})") from exc
    pages = [[_SPACES.sub(" ", line).strip() for line in page.splitlines()] for page in raw_pages]
    pages = [[line for line in lines if line] for lines in pages]
    if not any(pages):
        raise InputError(
            f"{label}: the PDF has no text layer (scanned or image-only?); run OCR on it first"
            if reader.pages
            else f"{label}: the PDF has no pages"
        )
    running = _running_lines(pages)
    bodies = [_body(lines, running) for lines in pages]
    long_line = _long_line(bodies)
    parts: list[str] = []
    anchors: list[Anchor] = []
    length = 0
    previous = ""
    for number, lines in enumerate(bodies, start=1):
        for index, line in enumerate(lines):
            if previous:
                glue = _join(previous, line, long_line)
                if glue == "":
                    # The hyphen at the line end is dropped: "fami-" + "lies" is "families".
                    parts[-1] = parts[-1][:-1]
                    length -= 1
                parts.append(glue)
                length += len(glue)
            if index == 0:
                anchors.append(Anchor(start=length, page=number))
            parts.append(line)
            length += len(line)
            previous = line
    text = "".join(parts)
    if not text.strip():
        raise InputError(f"{label}: the PDF has no text outside its running headers and page numbers")
    clean_title = " ".join(title.split()) if isinstance(title, str) and title.strip() else None
    if clean_title and _FILE_NAME.search(clean_title):
        # Writers often store the source file's name ("Microsoft Word - remarks.docx") as the title.
        clean_title = None
    return PdfText(text=text, anchors=anchors, title=clean_title)

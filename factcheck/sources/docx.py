"""Word documents through python-docx: paragraphs (and table cells) in document order."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from factcheck.errors import InputError
from factcheck.sources.budget import Budget, ReadLimits
from factcheck.sources.documents import Found, RawSource, text_document
from factcheck.types import Document

# Bytes python-docx holds per XML element of a parsed part (measured: a body of empty paragraphs takes
# ~235 bytes per element once parsed). Elements are counted before parsing, from the tags.
ELEMENT_COST = 240
_CHUNK = 1 << 20


@dataclass(frozen=True)
class WordText:
    """The paragraphs of a .docx file, separated by blank lines, and the title its properties give."""

    text: str
    title: str | None


def read_docx_file(source: RawSource) -> list[Document]:
    """One document from a Word file; its title from the file's properties."""
    word = read_docx(source.data, source.label, source.limits)
    return [text_document(source.document_id, word.text, source.defaults, Found(title=word.title))]


def _measure(data: bytes, budget: Budget) -> None:
    """Spend the package's unpacked size and its XML parts' element count, without parsing anything."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        # zipfile never unpacks more than a member's declared size, so the directory bounds the work.
        budget.spend(sum(m.file_size for m in members), "the Word document")
        for member in members:
            if member.filename.endswith((".xml", ".rels")):
                _count_elements(archive, member, budget)


def _count_elements(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: Budget) -> None:
    # Each element has a start tag and an end tag, or one self-closing tag: (tags + self-closings) / 2.
    last = b""
    with archive.open(member) as part:
        while chunk := part.read(_CHUNK):
            # The previous chunk's last byte finds a "/>" split between the two.
            marks = chunk.count(b"<") + (last + chunk).count(b"/>")
            budget.spend((marks + 1) // 2 * ELEMENT_COST, "the Word document's XML")
            budget.check_time()
            last = chunk[-1:]


def read_docx(data: bytes, label: str, limits: ReadLimits | None = None) -> WordText:
    """Text of a .docx file; InputError for a damaged file, one without text, or one over the read limits."""
    import docx
    from docx.opc.exceptions import OpcError
    from docx.table import Table
    from lxml.etree import LxmlError

    budget = Budget(limits, label)
    try:
        _measure(data, budget)
        document = docx.Document(io.BytesIO(data))
        paragraphs: list[str] = []
        for block in document.iter_inner_content():
            budget.check_time()
            if isinstance(block, Table):
                for row in block.rows:
                    # A merged cell is returned once for every grid column it spans.
                    paragraphs.extend(dict.fromkeys(cell.text for cell in row.cells))
            else:
                paragraphs.append(block.text)
        title = document.core_properties.title
    except (OpcError, LxmlError, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        # python-docx and zipfile report damaged packages and parts through several exception types.
        raise InputError(f"{label}: not a readable Word (.docx) file ({exc or type(exc).__name__})") from exc
    except (NotImplementedError, RuntimeError) as exc:
        # zipfile: a compression method it lacks, or an encrypted member.
        raise InputError(f"{label}: the Word document's package cannot be opened ({exc})") from exc
    lines = [" ".join(p.split()) for p in paragraphs]
    text = "\n\n".join(line for line in lines if line)
    if not text:
        raise InputError(f"{label}: the Word document has no text")
    return WordText(text=text, title=" ".join(title.split()) if title and title.strip() else None)

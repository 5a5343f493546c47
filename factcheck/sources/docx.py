"""Word documents through python-docx: paragraphs (and table cells) in document order."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from factcheck.errors import InputError
from factcheck.sources.documents import Found, RawSource, text_document
from factcheck.types import Document


@dataclass(frozen=True)
class WordText:
    """The paragraphs of a .docx file, separated by blank lines, and the title its properties give."""

    text: str
    title: str | None


def read_docx_file(source: RawSource) -> list[Document]:
    """One document from a Word file; its title from the file's properties."""
    word = read_docx(source.data, source.label)
    return [text_document(source.document_id, word.text, source.defaults, Found(title=word.title))]


def read_docx(data: bytes, label: str) -> WordText:
    """Text of a .docx file; InputError for a damaged file or one without text."""
    import docx
    from docx.opc.exceptions import OpcError
    from docx.table import Table
    from lxml.etree import LxmlError

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    # A merged cell is returned once for every grid column it spans.
                    paragraphs.extend(dict.fromkeys(cell.text for cell in row.cells))
            else:
                paragraphs.append(block.text)
        title = document.core_properties.title
    except (OpcError, LxmlError, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        # python-docx reports damaged packages and parts through several exception types.
        raise InputError(f"{label}: not a readable Word (.docx) file ({exc or type(exc).__name__})") from exc
    lines = [" ".join(p.split()) for p in paragraphs]
    text = "\n\n".join(line for line in lines if line)
    if not text:
        raise InputError(f"{label}: the Word document has no text")
    return WordText(text=text, title=" ".join(title.split()) if title and title.strip() else None)

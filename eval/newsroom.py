"""Build the newsroom trial's store: the Kestrel Bay sources, each ingested as a user would, with its speaker.

    python eval/newsroom.py --store DIR [--sources eval/suites/newsroom2]

The press release (PDF) and the mayor's speech (Word) are written from their text in eval/suites/newsroom/ with
fpdf2 and python-docx (the same way every run), into a temporary folder; the other sources are read as they are.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from factcheck.config import Settings
from factcheck.pipeline import Components
from factcheck.sources import LoadDefaults, load_path
from factcheck.sources.prepare import Loaded, prepare

SOURCES = Path(__file__).resolve().parent / "suites" / "newsroom"


def write_pdf(text: str, path: Path) -> None:
    """A one-column PDF of the text, paragraph by paragraph."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(datetime(2026, 3, 4, tzinfo=UTC))  # a fixed date: the same bytes every run
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for paragraph in text.strip().split("\n\n"):
        pdf.multi_cell(0, 6, paragraph.strip())
        pdf.ln(4)
    path.write_bytes(bytes(pdf.output()))


def write_docx(text: str, path: Path) -> None:
    """A Word file with one paragraph per paragraph of the text."""
    import docx

    document = docx.Document()
    for paragraph in text.strip().split("\n\n"):
        document.add_paragraph(paragraph.strip())
    document.save(str(path))


def build(store: Path, sources: Path = SOURCES) -> int:
    """Ingest every source of a trial (its `sources.json`) into `store`; returns the passages it holds."""
    manifest = json.loads((sources / "sources.json").read_text(encoding="utf-8"))
    components = Components(Settings(store=store))
    with tempfile.TemporaryDirectory(prefix="newsroom-") as temp:
        loaded = []
        for entry in manifest:
            path = sources / entry["file"]
            if "text" in entry:
                path = Path(temp) / entry["file"]
                text = (sources / entry["text"]).read_text(encoding="utf-8")
                (write_pdf if path.suffix == ".pdf" else write_docx)(text, path)
            defaults = LoadDefaults(speaker=entry.get("speaker"), title=entry.get("title"), date=entry.get("date"))
            loaded.append(Loaded(entry["file"], load_path(path, defaults, document_id=entry["file"])))
        prepared = prepare(loaded, None)
        components.get_store().add_documents(prepared.documents)
    return components.get_store().count_passages()


def main(argv: list[str] | None = None) -> int:
    """Command line: --store DIR."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="store directory to build (new or empty)")
    parser.add_argument("--sources", type=Path, default=SOURCES, help="folder with the trial's sources.json")
    args = parser.parse_args(argv)
    print(f"newsroom store: {build(args.store, args.sources)} passages in {args.store}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

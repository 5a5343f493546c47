"""Ingest of PDF, Word and caption files against the bare embedding rate, measured in one run.

Run: .venv/bin/python -m benchmarks.formats [--passages 1000] [--out FILE]

The benchmark corpus (real text, benchmarks/corpus.py) is written out as files of each format: PDFs by
fpdf2 (a running header and page numbers on every page), Word files by python-docx, WebVTT captions with a
voice tag and a timestamp per sentence. Each format is then ingested from its files into a new store as
`factcheck ingest` does (read, parse, split, embed, write), and compared with the bare model embedding the
same passages in the same run: the ratio says whether parsing is ever the bottleneck, and `model_share`
(time in the model over the whole ingest) says it without the noise of two separate timings.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.corpus import SHARED_DATA, build_corpus
from benchmarks.measure import emit, machine, source_voices
from factcheck.config import Settings
from factcheck.embed import embedding_rate, load_embedder
from factcheck.sources import LoadDefaults, load_path, split_passages
from factcheck.stages import Embedder, VoiceReader
from factcheck.store import open_store
from factcheck.store.source_store import BATCH_SIZE
from factcheck.types import Document

MAX_PASSAGES = 20_000
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _pdf(document: Document) -> bytes:
    from fpdf import FPDF

    class _Pdf(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, document.title or "Transcript", align="C")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, f"Page {self.page_no()}", align="C")

    pdf = _Pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    # The core fonts are Latin-1; the corpus is English.
    pdf.multi_cell(0, 6, document.text.encode("latin-1", "replace").decode("latin-1"))
    return bytes(pdf.output())


def _docx(document: Document) -> bytes:
    import docx

    word = docx.Document()
    for paragraph in document.text.split("\n"):
        if paragraph.strip():
            word.add_paragraph(paragraph)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _vtt(document: Document) -> bytes:
    speaker = document.speaker or "Speaker"
    cues = ["WEBVTT", ""]
    for n, sentence in enumerate(s for s in _SENTENCE.split(" ".join(document.text.split())) if s):
        start, end = 4 * n, 4 * n + 4
        cues += [f"{_stamp(start)} --> {_stamp(end)}", f"<v {speaker}>{sentence}", ""]
    return "\n".join(cues).encode("utf-8")


def _stamp(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.000"


WRITERS: dict[str, tuple[str, Callable[[Document], bytes]]] = {
    "pdf": (".pdf", _pdf),
    "docx": (".docx", _docx),
    "vtt": (".vtt", _vtt),
}


def _ingest(
    files: list[Path], store_dir: Path, embedder: Embedder, voices: VoiceReader
) -> tuple[int, float, float, float]:
    """Passages stored, seconds from reading the files to the commit, seconds parsing, seconds in the model."""
    began = time.perf_counter()
    documents = [d for path in files for d in load_path(path, LoadDefaults())]
    parsed = time.perf_counter() - began
    store = open_store(Settings(store=store_dir), embedder, voices)
    report = store.add_documents(documents)
    store.close()
    return report.passages_added, time.perf_counter() - began, parsed, report.embed_seconds


def main() -> int:
    """Write the corpus in each format, then time the bare model and each ingest."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, default=1000, help=f"corpus size (at most {MAX_PASSAGES})")
    parser.add_argument("--data", type=Path, default=SHARED_DATA, help="the shared data directory")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    if not 0 < args.passages <= MAX_PASSAGES:
        parser.error(f"--passages must be between 1 and {MAX_PASSAGES}")
    # One document per speaker turn run: the formats carry one speaker per file.
    documents = [d for d in build_corpus(args.passages, args.data) if d.text.strip()]
    # Both models are loaded before any timing, as one ingest of many files loads each once: the spaCy pipeline
    # of the source analysis is no more part of the ingest rate than the embedding model is of the bare one.
    embedder = load_embedder()
    loading = time.perf_counter()
    voices = source_voices()
    voices.read(documents[0])  # a first document loads what the pipeline defers
    analysis_load = time.perf_counter() - loading
    results: dict[str, object] = {"analysis_load_seconds": round(analysis_load, 2)}
    with tempfile.TemporaryDirectory(prefix="factcheck-formats-") as temp:
        root = Path(temp)
        for name, (suffix, write) in WRITERS.items():
            folder = root / name
            folder.mkdir()
            files = []
            for n, document in enumerate(documents):
                path = folder / f"doc{n:05d}{suffix}"
                path.write_bytes(write(document))
                files.append(path)
            passages = [p.text for path in files for d in load_path(path) for p in split_passages(d)]
            # The reference, in the same run: the bare model on these very passages, in the store's batch size.
            bare = embedding_rate(embedder, passages, BATCH_SIZE)
            stored, seconds, parsing, model = _ingest(files, root / f"store-{name}", embedder, voices)
            rate = stored / seconds
            results[name] = {
                "files": len(files),
                "passages": stored,
                "bare_embedding_passages_per_s": round(bare, 1),
                "ingest_passages_per_s": round(rate, 1),
                "ratio": round(rate / bare, 3),
                "parse_seconds": round(parsing, 2),
                "ingest_seconds": round(seconds, 1),
                # Share of the ingest spent in the model: the direct answer to "is parsing a bottleneck".
                "model_share": round(model / seconds, 3),
            }
    emit({"formats": results, "machine": machine()}, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

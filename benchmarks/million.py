"""A store of a million passages on `chroma run` with the catalog on PostgreSQL: build it once, then measure.

Run (long: build once, outside the repository, under `nice`):
  nice -n 10 .venv/bin/python -m benchmarks.million build --root /work/stores/million --passages 1000000
  nice -n 10 .venv/bin/python -m benchmarks.million measure --root /work/stores/million [--out FILE]

The corpus is `benchmarks/corpus.py`'s: every State of the Union address and the CLEF transcripts (embedded
by the model), then documents of 12 real 2020 debate sentences each. Their vectors are *reused*: every
distinct debate sentence is embedded once by the same model, and a synthesised passage's vector is the
normalised mean of the vectors of the sentences it holds, so a million passages are built in about an hour
instead of the model's four to five. Searches see real texts and model vectors of the same kind.
`measure` starts both servers over the built data and times what a deployment cares about (see `measure`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from pydantic import SecretStr

from benchmarks.corpus import DEBATES, SHARED_DATA, debate_sentences, real_documents, synthetic_parts
from factcheck.catalog_server import PostgresServer
from factcheck.commands.serve import chroma_server
from factcheck.config import Settings
from factcheck.embed import load_embedder
from factcheck.sources import split_passages
from factcheck.stages import Embedder, Vectors
from factcheck.store import open_store
from factcheck.types import Document

# Documents handed to the store per call: their passage vectors are prepared just before.
CHUNK_DOCUMENTS = 5000
# The server's memory for a million passages (the defaults are sized for a small machine).
POSTGRES = {"shared_buffers": "1GB", "effective_cache_size": "4GB", "work_mem": "32MB", "max_wal_size": "4GB"}


class PreparedVectors:
    """An `Embedder` that answers prepared texts from a table and embeds any other text with the model."""

    def __init__(self, model: Embedder) -> None:
        self.model = model
        self.name = model.name
        self.dimension = model.dimension
        self.table: dict[str, Vectors] = {}
        self.embedded = 0

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Rows from the table where prepared, from the model otherwise."""
        missing = [t for t in dict.fromkeys(texts) if t not in self.table]
        if missing:
            self.embedded += len(missing)
            self.table.update(zip(missing, self.model.embed(missing), strict=True))
        return np.stack([self.table[t] for t in texts]).astype(np.float32)


def sentence_vectors(root: Path, sentences: list[tuple[str, str]], model: Embedder) -> Vectors:
    """The model's vector of every debate sentence, computed once and kept in `root`."""
    path = root / "sentence-vectors.npy"
    if path.is_file():
        found: Vectors = np.load(path)
        if len(found) == len(sentences):
            return found
    vectors = model.embed([text for _, text in sentences])
    np.save(path, vectors)
    return vectors


@contextmanager
def servers(root: Path) -> Iterator[tuple[str, str]]:
    """`chroma run` over root/chroma and PostgreSQL over root/postgres, on free loopback ports."""
    with chroma_server(root) as chroma_url, PostgresServer(root / "postgres", options=POSTGRES) as postgres:
        yield chroma_url, postgres.url


def build(root: Path, passages: int, data: Path) -> dict[str, object]:
    """Ingest the corpus until the store holds `passages` passages (resumable: committed documents are kept)."""
    root.mkdir(parents=True, exist_ok=True)
    model = load_embedder()
    sentences = debate_sentences(data / DEBATES)
    vectors = sentence_vectors(root, sentences, model)
    embedder = PreparedVectors(model)
    started = time.perf_counter()
    log = (root / "build.log").open("a", encoding="utf-8")
    with servers(root) as (chroma_url, catalog_url):
        settings = Settings(store=root / "client", chroma_url=chroma_url, catalog_url=SecretStr(catalog_url))
        store = open_store(settings, embedder)
        total = 0
        real = real_documents(data)
        report = store.add_documents(real)
        total += sum(len(split_passages(d)) for d in real)
        print(json.dumps({"real_documents": len(real), "passages": total, "report": report.model_dump()}), file=log)
        chunk: list[Document] = []
        for document, picked in synthetic_parts(sentences):
            if total >= passages:
                break
            total += _prepare_passages(document, picked, sentences, vectors, embedder.table)
            chunk.append(document)
            if len(chunk) >= CHUNK_DOCUMENTS or total >= passages:
                report = store.add_documents(chunk)
                line = {"passages": total, "seconds": round(time.perf_counter() - started), **report.model_dump()}
                print(json.dumps(line), file=log, flush=True)
                chunk, embedder.table = [], {}
        figures: dict[str, object] = {
            "documents": store.count_documents(),
            "passages": store.count_passages(),
            "build_seconds": round(time.perf_counter() - started),
            "model_embedded_texts": embedder.embedded,
        }
        store.close()
    (root / "build.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return figures


def _prepare_passages(
    document: Document, picked: list[int], sentences: list[tuple[str, str]], vectors: Vectors,
    table: dict[str, Vectors],
) -> int:  # fmt: skip
    """Put each passage's vector in `table`: the normalised mean of the sentences it overlaps."""
    spans = []
    cursor = 0
    for index in picked:
        length = len(sentences[index][1])
        spans.append((cursor, cursor + length, index))
        cursor += length + 1  # the joining space
    found = split_passages(document)
    for passage in found:
        held = [index for start, end, index in spans if start < passage.end and end > passage.start]
        mean = vectors[held].mean(axis=0)
        table[passage.text] = (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)
    return len(found)


def main() -> int:
    """`build` or `measure`."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    making = sub.add_parser("build", help="build the store")
    making.add_argument("--root", type=Path, required=True, help="where the servers keep their data")
    making.add_argument("--passages", type=int, default=1_000_000)
    making.add_argument("--data", type=Path, default=SHARED_DATA, help="the shared data directory")
    args = parser.parse_args()
    if args.command == "build":
        print(json.dumps(build(args.root, args.passages, args.data), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

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
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from pydantic import SecretStr

from benchmarks.corpus import DEBATES, SHARED_DATA, debate_sentences, real_documents, synthetic_parts
from benchmarks.measure import emit, machine
from factcheck.catalog_server import PostgresServer
from factcheck.commands.serve import chroma_server
from factcheck.config import Settings
from factcheck.embed import load_embedder
from factcheck.sources import split_passages
from factcheck.stages import Embedder, Vectors
from factcheck.store import open_store
from factcheck.store.postgres import PostgresCatalog
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
    """`chroma run` over root/chroma and PostgreSQL over root/postgres, on loopback ports.

    PostgreSQL keeps the port it was first given (in root/postgres.port): the Chroma collection records its
    catalog by URL, and refuses a client naming the same catalog on another port.
    """
    kept = root / "postgres.port"
    port = int(kept.read_text(encoding="utf-8")) if kept.is_file() else None
    with chroma_server(root) as chroma_url, PostgresServer(root / "postgres", port=port, options=POSTGRES) as postgres:
        kept.write_text(str(postgres.port), encoding="utf-8")
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


REAL_ARTICLE = Path("polnear/dev/text/usa-today_2016-09-08_candidates-vie-for-vets-support-.txt")
# A passage no corpus holds, spoken by a speaker no corpus knows: found only once its ingest is visible.
FRESH = "The lighthouse keepers of Varnholm will be paid double for every storm night, {tag} said today."


def _rss_mb(pid: int, field: str = "VmHWM") -> float:
    """Peak (VmHWM) or current (VmRSS) resident memory of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _engine_pids(root: Path) -> dict[str, list[int]]:
    """Processes of the two servers over `root` (PostgreSQL's children included)."""
    commands: dict[int, str] = {}
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                commands[int(entry.name)] = (
                    (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                )
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    chroma = [pid for pid, command in commands.items() if f"run --path {root / 'chroma'}" in command]
    main = [pid for pid, command in commands.items() if f"-D {root / 'postgres'}" in command]
    postgres = main + [pid for pid, parent in parents.items() if parent in main]
    return {"chroma": chroma, "postgres": postgres}


def _disk_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20, 1)


def measure(root: Path, runs: int, data: Path, not_found: Path) -> dict[str, object]:
    """Check latency (real and not-found-heavy article), worker start, commit-to-visible, memory and disk."""
    import subprocess

    from benchmarks.serving import serve_process

    with servers(root) as (chroma_url, catalog_url):
        figures: dict[str, object] = {"store": _built(root, catalog_url)}
        env = {**os.environ, "FACTCHECK_CHROMA_URL": chroma_url, "FACTCHECK_CATALOG_URL": catalog_url,
               "FACTCHECK_LLM_MODEL": ""}  # fmt: skip
        for name, article in (("real_article", data / REAL_ARTICLE), ("not_found_article", not_found)):
            out = root / f"{name}.json"
            subprocess.run(
                [sys.executable, "-m", "benchmarks.check", "--store", str(root / "client"), "--chroma-url",
                 chroma_url, "--runs", str(runs), "--article", str(article), "--out", str(out)],
                env=env, check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            figures[name] = json.loads(out.read_text(encoding="utf-8"))
        flags = ("--workers", "1", "--log-level", "warning")
        started = time.perf_counter()
        with serve_process(root / "worker-a", *flags, env=env, log=root / "worker-a.log") as (a, worker_a):
            figures["fresh_worker_ready_s"] = round(time.perf_counter() - started, 2)
            with serve_process(root / "worker-b", *flags, env=env, log=root / "worker-b.log") as (b, worker_b):
                figures["commit_to_visible_s"] = [_commit_to_visible(a, b, f"Keeper {i}") for i in range(5)]
                figures["worker_peak_rss_mb"] = [_rss_mb(worker_a.pid), _rss_mb(worker_b.pid)]
            engines = _engine_pids(root)
            figures["engine_rss_mb"] = {
                name: round(sum(_rss_mb(pid, "VmRSS") for pid in pids), 1) for name, pids in engines.items()
            }
    figures["disk_mb"] = {"chroma": _disk_mb(root / "chroma"), "postgres": _disk_mb(root / "postgres")}
    figures["machine"] = machine()
    return figures


def _built(root: Path, catalog_url: str) -> dict[str, object]:
    """What `build` reported; for a build stopped before its end, what the catalog holds (and that it stopped)."""
    report = root / "build.json"
    if report.is_file():
        found: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
        return found
    catalog = PostgresCatalog(catalog_url, Settings().collection)
    try:
        return {"documents": catalog.count_documents(), "passages": catalog.count_passages(), "build_finished": False}
    finally:
        catalog.close()


def _commit_to_visible(writer: str, reader: str, speaker: str) -> float:
    """Seconds from an ingest on `writer` returning to a check on `reader` verifying the new passage."""
    import httpx

    tag = f"{speaker} {time.time_ns()}"
    text = FRESH.format(tag=tag)
    document = {"id": f"fresh-{time.time_ns()}", "text": text, "speaker": tag, "title": "Fresh"}
    response = httpx.post(f"{writer}/v1/sources", json={"documents": [document]}, timeout=300)
    response.raise_for_status()
    returned = time.perf_counter()
    article = f'"The lighthouse keepers of Varnholm will be paid double for every storm night," {tag} said.'
    while time.perf_counter() - returned < 60:
        checked = httpx.post(f"{reader}/v1/check", json={"text": article}, timeout=300).json()
        if any(q["verdict"]["label"] == "verified" for q in checked.get("quotes", [])):
            return round(time.perf_counter() - returned, 3)
    return float("inf")


def main() -> int:
    """`build` or `measure`."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    making = sub.add_parser("build", help="build the store")
    making.add_argument("--root", type=Path, required=True, help="where the servers keep their data")
    making.add_argument("--passages", type=int, default=1_000_000)
    making.add_argument("--data", type=Path, default=SHARED_DATA, help="the shared data directory")
    timing = sub.add_parser("measure", help="measure over a built store")
    timing.add_argument("--root", type=Path, required=True, help="what `build` made")
    timing.add_argument("--runs", type=int, default=30)
    timing.add_argument("--data", type=Path, default=SHARED_DATA, help="the shared data directory")
    timing.add_argument("--not-found-article", type=Path, required=True, help="an article whose quotes are elsewhere")
    timing.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    if args.command == "build":
        print(json.dumps(build(args.root, args.passages, args.data), indent=2))
    else:
        emit(measure(args.root, args.runs, args.data, args.not_found_article), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

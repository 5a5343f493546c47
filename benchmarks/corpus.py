"""Benchmark corpora from real text: State of the Union addresses, debate transcripts, and documents
synthesised from their real sentences when more passages are needed."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from pathlib import Path

from factcheck.demo import DEFAULT_SINCE, load_demo
from factcheck.sources import load_path, split_passages
from factcheck.types import Document

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
# Inside the shared data directory.
DEBATES = Path("transcripts") / "debates_2020.csv"
CLEF = Path("transcripts") / "clef2020_task5"
SENTENCES_PER_DOCUMENT = 12


def debate_sentences(path: Path = SHARED_DATA / DEBATES) -> list[tuple[str, str]]:
    """(speaker, sentence) rows of the 2020 primary debates."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (f"{row['first_name']} {row['last_name']}".strip(), row["text"].strip())
            for row in csv.DictReader(handle)
            if row["text"].strip()
        ]


def real_documents(data: Path = SHARED_DATA, first_since: int = DEFAULT_SINCE) -> list[Document]:
    """Every State of the Union address and the CLEF transcripts (one speaker per turn).

    Addresses from `first_since` on come first, so even a small corpus holds what `benchmarks.check` quotes.
    """
    recent = load_demo(first_since)
    ids = {d.id for d in recent}
    documents = recent + [d for d in load_demo(None) if d.id not in ids]
    clef = data / CLEF
    if clef.is_dir():
        for path in sorted(clef.glob("*.tsv")):
            documents.extend(load_path(path))
    return documents


def synthetic_documents(sentences: list[tuple[str, str]], seed: int = 7) -> Iterator[Document]:
    """Endless documents, each a speaker's run of real sentences drawn at random from `sentences`."""
    for document, _ in synthetic_parts(sentences, seed):
        yield document


def synthetic_parts(sentences: list[tuple[str, str]], seed: int = 7) -> Iterator[tuple[Document, list[int]]]:
    """`synthetic_documents`, each with the positions in `sentences` of the sentences it joins (by one space)."""
    rng = random.Random(seed)
    n = 0
    while True:
        speaker = rng.choice(sentences)[0]
        picked = [rng.randrange(len(sentences)) for _ in range(SENTENCES_PER_DOCUMENT)]
        text = " ".join(sentences[i][1] for i in picked)
        yield Document(id=f"mix-{seed}-{n}", text=text, speaker=speaker, title=f"Remarks {n}"), picked
        n += 1


def build_corpus(passages: int, data: Path = SHARED_DATA, real: bool = True, seed: int = 7) -> list[Document]:
    """Documents holding at least `passages` passages: the real sources first, then synthesised ones."""
    documents: list[Document] = []
    total = 0
    if real:
        for document in real_documents(data):
            if total >= passages:
                return documents
            documents.append(document)
            total += len(split_passages(document))
    for document in synthetic_documents(debate_sentences(data / DEBATES), seed):
        if total >= passages:
            break
        documents.append(document)
        total += len(split_passages(document))
    return documents

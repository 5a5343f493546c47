"""`factcheck ingest`: load source files, linked pages (or the demo corpus) into the store."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from factcheck.commands.common import add_store_options, settings_from_args
from factcheck.config import Settings
from factcheck.errors import InputError
from factcheck.pipeline import Components
from factcheck.sources import LoadDefaults, load_path, split_passages, validate_date
from factcheck.sources.budget import read_limits
from factcheck.sources.prepare import METADATA, Loaded, prepare
from factcheck.sources.remote import fetch_policy, is_link, load_url
from factcheck.sources.scan import scan_paths
from factcheck.stages import Embedder, Progress, SourceStore
from factcheck.types import Document, IngestReport, IngestWarning

BENCHMARK_SAMPLE = 2048
# How alike (difflib's ratio) a new store's name and an existing store's beside it are when one is taken for a
# typo of the other: "newsrom" and "newsroom" are 0.93, "store-2024" and "store-2025" 0.9, "news" and "store" 0.4.
TYPO_SIMILARITY = 0.8


def register(sub: Any) -> None:
    """Add the `ingest` parser."""
    p: argparse.ArgumentParser = sub.add_parser(
        "ingest",
        help="load source documents into the store",
        description=(
            "Load source files (.jsonl, .txt, .md, .html, .csv/.tsv, .pdf, .docx, .vtt, .srt), directories of "
            "them and http(s) links to them."
        ),
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="files, directories or http(s) links (a link's id is the link)"
    )
    p.add_argument(
        "--speaker",
        help='speaker of single-speaker files and links (.txt/.md/.html, ...); "" clears a speaker given before',
    )
    p.add_argument("--title", help="title for documents without their own")
    p.add_argument("--date", type=date_option, help="date YYYY-MM-DD for documents without their own")
    p.add_argument("--url", help="source URL for documents without their own")
    p.add_argument(
        "--strict",
        action="store_true",
        help="treat every warning (a document without a speaker, a file passed over, ...) as an error",
    )
    p.add_argument(
        "--new",
        action="store_true",
        help="create the store (a new or empty directory) without a note; refused when it exists already",
    )
    p.add_argument("--demo", action="store_true", help="also ingest the State of the Union demo corpus")
    p.add_argument(
        "--demo-since",
        type=int,
        default=None,
        metavar="YEAR",
        help="first year of the demo corpus (default: a recent subset; 0 for all 1790-2026)",
    )
    p.add_argument(
        "--benchmark",
        action="store_true",
        help="first time the raw embedding model on the same passages and report ingest speed against it",
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="ingest with N processes at once (a local store directory gets its own `chroma run` meanwhile)",
    )
    p.add_argument(
        "--rebuild-catalog",
        action="store_true",
        help="first bring the catalog in line with the documents committed in Chroma (after moving a server "
        "collection to another catalog, e.g. to a PostgreSQL server); PATHs may then be left out",
    )
    add_store_options(p)
    p.set_defaults(func=run)


def date_option(value: str) -> str:
    """An argparse type: a valid ISO date, or "" (which clears a stored date)."""
    if not value:
        return value  # clears the stored date
    try:
        return validate_date(value)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.message) from exc


def run(args: argparse.Namespace) -> int:
    """Validate every input first, then write; prints a one-line summary."""
    if not args.paths and not args.demo and not args.rebuild_catalog:
        raise InputError("nothing to ingest: give one or more PATHs, or --demo")
    if args.jobs < 1:
        raise InputError("--jobs must be at least 1")
    settings = settings_from_args(args, rebuild_catalog=args.rebuild_catalog or None)
    given = {name: getattr(args, name) for name in METADATA}
    # An empty flag clears the field: it is neither a default nor kept from the stored document.
    cleared = {name for name, value in given.items() if value == ""}
    defaults = LoadDefaults(**{name: value or None for name, value in given.items()})
    links = [value for value in args.paths if is_link(value)]
    scan = scan_paths(Path(value) for value in args.paths if not is_link(value))
    limits = read_limits(settings)
    loaded = [Loaded(str(f.path), load_path(f.path, defaults, f.document_id, limits), f) for f in scan.files]
    if links:
        # Fetched like `check URL`: the command line's user may reach any address, within the same limits.
        policy = fetch_policy(settings, anywhere=True)
        loaded += [Loaded(link, load_url(link, policy, defaults, limits=limits)) for link in links]
    if args.demo:
        from factcheck.demo import DEFAULT_SINCE, load_demo

        since = DEFAULT_SINCE if args.demo_since is None else (args.demo_since or None)
        loaded.append(Loaded("--demo", load_demo(since)))
    components = Components(settings)
    existing = _existing_store(components, args.new)
    prepared = prepare(loaded, existing, cleared)
    warnings = scan.skipped + [f"{w.message}; {command_advice(w)}" for w in prepared.warnings]
    for warning in warnings:
        print(f"factcheck: warning: {warning}", file=sys.stderr)
    if warnings and args.strict:
        raise InputError(f"{len(warnings)} warning(s) with --strict: nothing was stored")
    if existing is None and not args.new:
        announce_new_store(settings.store.expanduser())
    for note in prepared.notes:
        print(note)
    documents = prepared.documents
    embedder = components.get_embedder()
    store = components.get_store()
    raw_rate = measure_embedding(embedder, documents) if args.benchmark else None
    if args.jobs > 1 and len(documents) > 1:
        report = _parallel(settings, documents, args.jobs)
    else:
        with _progress(documents) as progress:
            report = store.add_documents(documents, progress)
    print(summary(report, raw_rate, store.count_documents(), store.count_passages()))
    return 0


def _parallel(settings: Settings, documents: Sequence[Document], jobs: int) -> IngestReport:
    """`--jobs N`: N writer processes; over a local directory they share a `chroma run` of it meanwhile."""
    from factcheck.store.parallel import ingest_parallel

    if settings.chroma_url:
        return ingest_parallel(settings, documents, jobs)
    from factcheck.commands.serve import chroma_server

    # Chroma's local client is one writer per directory: the processes write through a server over it.
    with chroma_server(settings.store.expanduser()) as url:
        return ingest_parallel(settings.model_copy(update={"chroma_url": url}), documents, jobs)


def command_advice(warning: IngestWarning) -> str:
    """What to do about an ingest warning, as the command that does it."""
    if warning.kind == "no_speaker":
        return f"give one with `factcheck sources set {shlex.quote(warning.documents[0])} --speaker NAME`"
    return f"if they are the same source, delete one (`factcheck sources delete {shlex.quote(warning.documents[-1])}`)"


def _existing_store(components: Components, new: bool) -> SourceStore | None:
    """The configured store when it already exists (a new one holds nothing to keep or compare)."""
    from factcheck.store.layout import is_store

    settings = components.settings
    root = settings.store.expanduser()
    if new and (settings.chroma_url or is_store(root)):
        where = settings.chroma_url or str(root.resolve())
        raise InputError(f"--new: there is a store at {where} already; leave out --new to add to it")
    if settings.chroma_url or is_store(root):
        return components.get_store()
    return None


def announce_new_store(root: Path) -> None:
    """Say on stderr that a store is being created, and where, unless a directory was made (empty) for it.

    A path one or two letters off an existing store beside it is most likely a typo of it: that store is named.
    """
    from difflib import get_close_matches

    root = root.resolve()
    if root.exists():
        return  # an empty directory made for the store, or something not a store, which opening refuses
    parent = root.parent
    stores = []
    if parent.is_dir():
        stores = [p.name for p in parent.iterdir() if p != root and _looks_like_store(p)]
    close = get_close_matches(root.name, stores, n=3, cutoff=TYPO_SIMILARITY)
    line = f"factcheck: creating a new store at {root}"
    if close:
        named = " or ".join(str(parent / name) for name in close)
        line += f" (did you mean the existing store {named}? this one is new)"
    print(line, file=sys.stderr)


def measure_embedding(embedder: Embedder, documents: Sequence[Document]) -> float:
    """Raw `embed` throughput (passages/s) on up to BENCHMARK_SAMPLE passages of the input."""
    from factcheck.embed import embedding_rate
    from factcheck.store.source_store import BATCH_SIZE

    passages = (p.text for doc in documents for p in split_passages(doc))
    return embedding_rate(embedder, list(islice(passages, BENCHMARK_SAMPLE)), BATCH_SIZE)


def summary(report: IngestReport, raw_rate: float | None, documents: int, passages: int) -> str:
    """The closing line."""
    rate = report.passages_added / report.seconds if report.seconds > 0 else 0.0
    updated = f", {report.documents_updated} updated (metadata only)" if report.documents_updated else ""
    line = (
        f"ingested: {report.documents_added} added, {report.documents_replaced} replaced, "
        f"{report.documents_skipped} unchanged{updated}; {report.passages_added} passages in {report.seconds:.1f} s "
        f"({rate:.0f} passages/s); store now holds {documents} documents, {passages} passages"
    )
    if raw_rate:
        line += f"; raw embedding {raw_rate:.0f} passages/s, ingest at {100 * rate / raw_rate:.0f}% of it"
        if report.seconds > 0:
            line += f" (the model ran {100 * report.embed_seconds / report.seconds:.0f}% of the ingest time)"
    return line


def _looks_like_store(path: Path) -> bool:
    from factcheck.errors import StoreError
    from factcheck.store.layout import is_store

    try:
        return path.is_dir() and is_store(path)
    except (StoreError, OSError):
        return False


@contextmanager
def _progress(documents: Sequence[Document]) -> Iterator[Progress | None]:
    """A progress bar on stderr when it is a terminal; nothing otherwise."""
    # Counting passages means chunking every document once more: only worth it for a bar someone sees.
    total = sum(len(split_passages(doc)) for doc in documents) if sys.stderr.isatty() else 0
    if total == 0:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("passages"))
    with Progress(*columns, TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingest", total=total)
        yield lambda n: bar.advance(task, n)

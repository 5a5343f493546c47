"""`factcheck eval`: run evaluation suites, print the figures, write the reports, gate on bounds."""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from factcheck.commands.common import filled_store, settings_from_args
from factcheck.config import Settings
from factcheck.errors import InputError
from factcheck.evaluation import (
    Bound,
    EvalReport,
    Suite,
    check_bounds,
    load_suites,
    parse_bound,
    run_extraction,
    run_suite,
    write_report,
)
from factcheck.evaluation.records import LabeledArticle
from factcheck.evaluation.terminal import print_report
from factcheck.pipeline import Components, Pipeline

if TYPE_CHECKING:
    from factcheck.llm.compare import ModeComparison


def register(sub: Any) -> None:
    """Add the `eval` parser."""
    p: argparse.ArgumentParser = sub.add_parser(
        "eval",
        help="run evaluation suites on labeled quotes or articles",
        description="Run labeled-quote, labeled-article, extraction or PolNeAR suites and report the figures.",
    )
    p.add_argument("suites", nargs="+", type=Path, metavar="SUITE", help="suite file (JSONL) or PolNeAR split dir")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--store", type=Path, help="check against this store (default: $FACTCHECK_STORE)")
    where.add_argument(
        "--corpus",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="load these source files (any format `ingest` reads) into a temporary store and check against it",
    )
    p.add_argument("--chroma-url", help="use a Chroma server instead of a local directory")
    p.add_argument("--out", type=Path, help="write report.json, report.md and plots here (a folder per suite)")
    p.add_argument("--min", action="append", default=[], metavar="METRIC=VALUE", help="fail (exit 1) below this")
    p.add_argument("--max", action="append", default=[], metavar="METRIC=VALUE", help="fail (exit 1) above this")
    p.add_argument("--limit", type=int, metavar="N", help="use only the first N records of each suite")
    p.add_argument(
        "--llm",
        action="store_true",
        help="run each suite offline and with the configured LLM (FACTCHECK_LLM_*) and compare both modes",
    )
    p.set_defaults(func=run)


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[str, int], Callable[[], None]]]:
    """A factory of per-suite `advance` callbacks drawing a bar on stderr (only when it is a terminal)."""
    if not enabled:
        yield lambda _name, _total: lambda: None
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=sys.stderr),
        transient=True,
    )
    with bar:

        def start(name: str, total: int) -> Callable[[], None]:
            task = bar.add_task(name, total=total)
            return lambda: bar.advance(task)

        yield start


def _run_one(
    suite: Suite,
    components: Components,
    pipeline: Callable[[], Pipeline],
    settings: dict[str, Any],
    advance: Callable[[], None],
) -> EvalReport:
    common: dict[str, Any] = {"name": suite.name, "settings": settings, "advance": advance, "path": suite.path}
    if suite.kind == "polnear":
        from factcheck.evaluation.polnear_suite import run_polnear

        return run_polnear(components.extractor(), Path(suite.path), limit=suite.limit, **common)
    if suite.kind == "extraction":
        articles = [r for r in suite.records if isinstance(r, LabeledArticle)]
        return run_extraction(components.extractor(), articles, description=suite.description, **common)
    return run_suite(pipeline(), suite.records, suite.kind, description=suite.description, **common)


def _suite_size(suite: Suite) -> int:
    if suite.kind == "polnear":
        count = len(list((Path(suite.path) / "text").glob("*.txt")))
        return min(count, suite.limit) if suite.limit else count
    return len(suite.records)


def _load_corpus(components: Components, files: Sequence[Path]) -> int:
    """Load corpus files into the (temporary) store; returns the passages stored."""
    from factcheck.sources import load_paths
    from factcheck.sources.budget import read_limits

    loaded = load_paths(files, limits=read_limits(components.settings))
    documents = [doc for _, docs in loaded for doc in docs]
    if not documents:
        raise InputError("--corpus: the files hold no documents")
    return components.get_store().add_documents(documents).passages_added


def run(args: argparse.Namespace) -> int:
    """Run every suite, print and write the reports, then check the bounds."""
    bounds: list[Bound] = [parse_bound(t, "min") for t in args.min] + [parse_bound(t, "max") for t in args.max]
    if args.limit is not None and args.limit < 1:
        raise InputError("--limit must be at least 1")
    suites = [s.limited(args.limit) for s in load_suites(args.suites)]
    temp = tempfile.TemporaryDirectory(prefix="factcheck-eval-") if args.corpus else nullcontext(None)
    with temp as temp_dir:
        settings: Settings = settings_from_args(args, store=Path(temp_dir) / "store" if temp_dir else None)
        components = Components(settings)
        masked = settings.masked()
        needs_store = any(s.kind in ("quotes", "articles") for s in suites)
        if args.corpus:
            masked["corpus"] = [str(p) for p in args.corpus]
            if needs_store:
                passages = _load_corpus(components, args.corpus)
                print(f"factcheck eval: loaded {passages} passages from the corpus", file=sys.stderr)
        elif needs_store:
            filled_store(components)
        # Built on first use only: extraction-only suites need no store.
        pipeline = functools.cache(components.pipeline)

        reports: list[EvalReport] = []
        comparisons: list[ModeComparison] = []
        with _progress(sys.stderr.isatty()) as start:
            for suite in suites:
                advance = start(suite.name, _suite_size(suite) * (2 if args.llm else 1))
                if args.llm:
                    from factcheck.llm.compare import compare_modes

                    run_mode = partial(_run_one, suite, settings=masked, advance=advance)
                    comparisons.append(compare_modes(run_mode, components))
                    reports.append(comparisons[-1].llm)
                else:
                    reports.append(_run_one(suite, components, pipeline, masked, advance))
    for report in reports:
        print_report(report, sys.stdout)
        if args.out:
            folder = args.out if len(reports) == 1 else args.out / report.suite
            written = write_report(report, folder)
            print(f"wrote {', '.join(str(p) for p in written)}", file=sys.stderr)
    for comparison in comparisons:
        from factcheck.llm.compare import write_comparison

        print(comparison.markdown())
        if args.out:
            folder = args.out if len(comparisons) == 1 else args.out / comparison.suite
            written = write_comparison(comparison, folder)
            print(f"wrote {', '.join(str(p) for p in written)}", file=sys.stderr)
    shortfalls = check_bounds(reports, bounds)
    for shortfall in shortfalls:
        print(f"factcheck eval: {shortfall.describe()}", file=sys.stderr)
    return 1 if shortfalls else 0

"""`factcheck extract`: quotes and speakers only, no store needed."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from factcheck.commands.common import read_input, settings_from_args
from factcheck.pipeline import Components
from factcheck.render import quotes_table


def register(sub: Any) -> None:
    """Add the `extract` parser."""
    p: argparse.ArgumentParser = sub.add_parser("extract", help="find quotations and their speakers")
    p.add_argument("files", nargs="+", metavar="FILE", help="article files, or - for standard input")
    p.add_argument("--format", choices=["json", "jsonl", "table"], default=None)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Extract from each input, loading the models once for all of them."""
    settings = settings_from_args(args)
    fmt = args.format or ("json" if len(args.files) == 1 else "jsonl")
    texts = [(path, read_input(path, settings.max_text_chars)) for path in args.files]
    extractor = Components(settings).extractor()
    for path, text in texts:
        quotes = [q.model_dump(mode="json") for q in extractor.extract(text)]
        if fmt == "table":
            quotes_table(path, quotes, sys.stdout)
        elif fmt == "jsonl":
            sys.stdout.write(json.dumps({"file": path, "quotes": quotes}, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(json.dumps({"quotes": quotes}, ensure_ascii=False, indent=2) + "\n")
    return 0

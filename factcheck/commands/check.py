"""`factcheck check`: every quote in an article with its verdict and evidence."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from factcheck.commands.common import add_store_options, filled_store, read_input, settings_from_args
from factcheck.pipeline import Components
from factcheck.render import quotes_table


def register(sub: Any) -> None:
    """Add the `check` parser."""
    p: argparse.ArgumentParser = sub.add_parser("check", help="verify every quote in an article")
    p.add_argument("file", metavar="FILE", help="article file, or - for standard input")
    p.add_argument("--format", choices=["json", "table"], default="json")
    p.add_argument("--top-k", type=int, default=None, help="passages to consider per quote")
    add_store_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check the article against the store and print the result."""
    settings = settings_from_args(args, top_k=args.top_k)
    text = read_input(args.file, settings.max_text_chars)
    components = Components(settings)
    filled_store(components)
    result = components.pipeline().check_text(text)
    quotes = [q.model_dump(mode="json") for q in result.quotes]
    if args.format == "table":
        quotes_table(args.file, quotes, sys.stdout)
    else:
        sys.stdout.write(json.dumps({"quotes": quotes}, ensure_ascii=False, indent=2) + "\n")
    return 0

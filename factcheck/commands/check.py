"""`factcheck check`: every quote in an article with its verdict and evidence."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from factcheck.claimreview import claim_reviews
from factcheck.commands.common import add_store_options, filled_store, read_input, settings_from_args
from factcheck.errors import InputError
from factcheck.pipeline import Components
from factcheck.render import checked_table, markdown_report
from factcheck.sources.budget import read_limits
from factcheck.sources.remote import fetch_policy, is_link, read_article
from factcheck.types import FetchedArticle

FORMATS = ("json", "table", "markdown", "html", "claimreview")


def register(sub: Any) -> None:
    """Add the `check` parser."""
    p: argparse.ArgumentParser = sub.add_parser("check", help="verify every quote in an article")
    p.add_argument("file", metavar="FILE", help="article file, an http(s) link to one, or - for standard input")
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="json",
        help="json (the contract), table (terminal), markdown (a report to paste), html (a self-contained report "
        "with the page's cards), claimreview (schema.org ClaimReview JSON-LD, one per quote)",
    )
    p.add_argument("--publisher", help="claimreview: the organisation publishing the reviews (their author)")
    p.add_argument(
        "--article-url", help="claimreview: where the checked article is published (a link checked gives its own)"
    )
    p.add_argument("--top-k", type=int, default=None, help="passages to consider per quote")
    add_store_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check the article against the store and print the result."""
    settings = settings_from_args(args, top_k=args.top_k)
    fetched: FetchedArticle | None = None
    if is_link(args.file):
        fetched = read_article(args.file, fetch_policy(settings, anywhere=True), limits=read_limits(settings))
        text = fetched.text
        if len(text) > settings.max_text_chars:
            limit = settings.max_text_chars
            raise InputError(f"{args.file}: the article is longer than the limit of {limit} characters")
    else:
        text = read_input(args.file, settings.max_text_chars)
    components = Components(settings)
    filled_store(components)
    result = components.pipeline().check_text(text).model_copy(update={"fetched": fetched})
    title = (
        fetched.title or fetched.url if fetched is not None else ("standard input" if args.file == "-" else args.file)
    )
    if args.format == "table":
        checked_table(args.file, result.quotes, sys.stdout)
    elif args.format == "markdown":
        markdown_report(title, result.quotes, sys.stdout)
    elif args.format == "html":
        from api.report import html_report

        sys.stdout.write(html_report(result, text, title))
    elif args.format == "claimreview":
        url = fetched.url if fetched is not None else args.article_url
        reviews = claim_reviews(result.quotes, url, fetched.title if fetched else None, args.publisher)
        sys.stdout.write(json.dumps(reviews, ensure_ascii=False, indent=2) + "\n")
    else:
        # A fetched article comes with its extracted text: the quotes' offsets index it.
        sys.stdout.write(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")
    return 0

"""A checked article as one self-contained HTML file: the page's cards and highlighted article, no server needed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from api.presenter import article_segments, safe_url, verdict_counts
from factcheck.types import CheckResult

STYLESHEET = Path(__file__).resolve().parent / "static" / "app.css"


def html_report(result: CheckResult, text: str, title: str, checked_on: date | None = None) -> str:
    """The report: the page's styles inlined, no script, every link opening the sources themselves."""
    from api.app import build_templates

    template = build_templates().env.get_template("report.html")
    source_url = safe_url(result.fetched.url) if result.fetched is not None else None
    return template.render(
        title=title,
        css=STYLESHEET.read_text(encoding="utf-8"),
        checked_on=(checked_on or date.today()).isoformat(),
        source_url=source_url,
        result=result,
        segments=article_segments(text, result.quotes),
        counts=verdict_counts(result.quotes),
    )

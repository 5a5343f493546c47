"""The terminal table of `factcheck check --format table`."""

from __future__ import annotations

import io
from typing import Any

from factcheck.render import quotes_table


def _quote(label: str, titles: list[str]) -> dict[str, Any]:
    evidence = [{"text": "Some passage.", "document": {"id": t.lower(), "title": t}} for t in titles]
    return {
        "text": "Words someone said",
        "kind": "direct",
        "speaker": {"name": "Ana Ruiz"},
        "verdict": {"label": label, "confidence": 0.9},
        "evidence": evidence,
    }


def _table(*quotes: dict[str, Any]) -> str:
    out = io.StringIO()
    quotes_table("article.txt", list(quotes), out)
    return out.getvalue()


def test_a_not_found_row_names_no_source() -> None:
    table = _table(_quote("verified", ["Harbor remarks"]), _quote("not_found", ["Budget hearing"]))
    assert "Harbor remarks" in table
    # The nearest passage of a quote nothing matched is not its source.
    assert "Budget hearing" not in table
    assert "best source" not in table
    assert "nothing matched" in table

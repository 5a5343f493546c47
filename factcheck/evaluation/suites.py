"""Reading suite files: kind detection, the optional header, and line-numbered errors."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from factcheck.errors import InputError
from factcheck.evaluation.matching import gold_article
from factcheck.evaluation.records import (
    SUITE_KINDS,
    LabeledArticle,
    LabeledQuote,
    SuiteHeader,
    SuiteKind,
)
from factcheck.jsonlines import json_lines

SuiteRecord = LabeledQuote | LabeledArticle


@dataclass(frozen=True)
class Suite:
    """A loaded suite: its kind, a name for reports, and its records (or a PolNeAR directory)."""

    name: str
    kind: SuiteKind
    path: str
    records: tuple[SuiteRecord, ...] = ()
    description: str | None = None
    limit: int | None = None

    def limited(self, limit: int | None) -> Suite:
        """The first `limit` records or PolNeAR articles (all when `limit` is None)."""
        if limit is None:
            return self
        return replace(self, records=self.records[:limit], limit=limit)


def describe_error(exc: ValidationError) -> str:
    """The first validation problem as `field: message`, short enough for one line."""
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "record"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{where}: {first['msg']}{more}"


def detect_kind(record: Mapping[str, Any]) -> SuiteKind:
    """Kind of a suite from the keys of its first record."""
    if "quote" in record:
        return "quotes"
    if ("text" in record or "text_file" in record) and "quotes" in record:
        quotes = record.get("quotes")
        labeled = isinstance(quotes, list) and any(isinstance(q, dict) and "label" in q for q in quotes)
        return "articles" if labeled else "extraction"
    raise InputError(
        "cannot tell the suite kind from the first record: expected a `quote` key (labeled quotes) or "
        '`text` and `quotes` keys (articles); or declare it with a first line {"suite": {"kind": ...}}'
    )


def parse_record(kind: SuiteKind, data: Any) -> SuiteRecord:
    """Validate one record of a suite of `kind`; raises pydantic's ValidationError."""
    if kind == "quotes":
        return LabeledQuote.model_validate(data)
    article = LabeledArticle.model_validate(data)
    gold_article(article)
    if kind == "articles":
        missing = [i for i, q in enumerate(article.quotes) if q.label is None]
        if missing:
            raise InputError(f"quotes.{missing[0]}.label: required in a labeled-articles suite")
    return article


def parse_records(
    items: Iterable[Any], kind: SuiteKind | None = None, where: str = "suite"
) -> tuple[SuiteKind, list[SuiteRecord]]:
    """Records from already-decoded JSON objects (the API body), numbered from 1 in errors."""
    records: list[SuiteRecord] = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise InputError(f"{where}: record {number}: expected a JSON object")
        if kind is None:
            kind = detect_kind(item)
        records.append(_validated(kind, item, f"{where}: record {number}"))
    if kind is None:
        raise InputError(f"{where}: no records")
    return kind, records


def _validated(kind: SuiteKind, data: Any, where: str) -> SuiteRecord:
    try:
        return parse_record(kind, data)
    except ValidationError as exc:
        raise InputError(f"{where}: {describe_error(exc)}") from None
    except InputError as exc:
        raise InputError(f"{where}: {exc.message}") from None


def _header(data: Any, where: str) -> SuiteHeader:
    try:
        return SuiteHeader.model_validate(data)
    except ValidationError as exc:
        kinds = ", ".join(SUITE_KINDS)
        raise InputError(f"{where}: bad suite header ({describe_error(exc)}); kinds are {kinds}") from None


def sidecar_path(path: Path) -> Path:
    """Where a suite's optional header lives when it is not the first line: `NAME.suite.json`."""
    return path.with_name(path.name.split(".")[0] + ".suite.json")


def load_suite(path: Path, kind: SuiteKind | None = None) -> Suite:
    """Load a suite file (JSONL) or a PolNeAR brat directory, with errors naming file and line."""
    if path.is_dir():
        return _load_directory(path, kind)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: no such suite file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    header = SuiteHeader()
    sidecar = sidecar_path(path)
    if sidecar.is_file():
        try:
            header = _header(json.loads(sidecar.read_text(encoding="utf-8"))["suite"], str(sidecar))
        except (json.JSONDecodeError, KeyError, TypeError):
            raise InputError(f'{sidecar}: expected {{"suite": {{"kind": ...}}}}') from None
    kind = kind or header.kind
    records: list[SuiteRecord] = []
    for _, where, data in json_lines(lines, str(path)):
        if not records and isinstance(data, dict) and set(data) == {"suite"}:
            header = _header(data["suite"], where)
            kind = kind or header.kind
            continue
        if not isinstance(data, dict):
            raise InputError(f"{where}: expected a JSON object, got {type(data).__name__}")
        if kind is None:
            try:
                kind = detect_kind(data)
            except InputError as exc:
                raise InputError(f"{where}: {exc.message}") from None
        if kind == "polnear":
            raise InputError(f"{where}: a PolNeAR suite is a brat directory, not a JSONL file")
        records.append(_validated(kind, _with_text_file(data, path.parent, where), where))
    if kind is None or not records:
        raise InputError(f"{path}: the suite has no records")
    name = header.name or path.name.split(".")[0]
    return Suite(name=name, kind=kind, path=str(path), records=tuple(records), description=header.description)


def _with_text_file(data: dict[str, Any], base: Path, where: str) -> dict[str, Any]:
    """An article given as `text_file` (relative to the suite file) with quotes given as offsets, read in.

    Suites over data the project may not copy (PolNeAR articles) keep only the path and character offsets.
    """
    if "text_file" not in data or "text" in data:
        return data
    file = data["text_file"]
    if not isinstance(file, str) or not file:
        raise InputError(f"{where}: text_file: expected a path relative to the suite file")
    path = base / file
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{where}: the article text {path} is not there (this suite reads it from outside the "
                         "repository)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{where}: cannot read the article text {path} ({exc})") from None
    quotes = []
    for i, quote in enumerate(data.get("quotes") or []):
        if isinstance(quote, dict) and "text" not in quote:
            start, end = quote.get("start"), quote.get("end")
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
                raise InputError(f"{where}: quotes.{i}: give `text`, or `start` and `end` within {path.name}")
            quote = {**quote, "text": text[start:end]}
        quotes.append(quote)
    return {**data, "text": text, "quotes": quotes}


def _load_directory(path: Path, kind: SuiteKind | None) -> Suite:
    if kind not in (None, "polnear"):
        raise InputError(f"{path}: a directory can only be a PolNeAR suite, not {kind!r}")
    if not (path / "text").is_dir() or not (path / "attributions").is_dir():
        raise InputError(f"{path}: expected a PolNeAR split with text/ and attributions/ folders")
    return Suite(name=f"polnear-{path.name}", kind="polnear", path=str(path))


def load_suites(paths: Sequence[Path]) -> list[Suite]:
    """Load several suites, giving each a unique name for its report folder."""
    suites: list[Suite] = []
    seen: set[str] = set()
    for path in paths:
        suite = load_suite(path)
        name, n = suite.name, 2
        while name in seen:
            name, n = f"{suite.name}-{n}", n + 1
        seen.add(name)
        suites.append(replace(suite, name=name))
    return suites

"""Markdown front matter: a YAML block between `---` lines at the top of a file, read for metadata and removed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

from factcheck.errors import InputError
from factcheck.sources.documents import validate_date

# The block opens on the first line and closes at the next line of three dashes (or dots, as YAML allows).
_BLOCK = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL | re.MULTILINE)
FIELDS = ("speaker", "title", "date", "url")
# Names other tools write for the same fields (Jekyll, Hugo, Pandoc).
_ALIASES = {"author": "speaker", "link": "url", "source": "url"}


@dataclass(frozen=True)
class FrontMatter:
    """The metadata a file's front matter gives, and the text that follows it."""

    speaker: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    body: str = ""


def _scalar(value: object, key: str, label: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip() or None
    raise InputError(f'{label}: front matter "{key}" must be a single value, got {type(value).__name__}')


def read_front_matter(text: str, label: str) -> FrontMatter:
    """Metadata from a leading `---` block (speaker or author, title, date, url) and the text after it.

    Text without such a block, or whose block is not a YAML mapping, is all body. A block that is
    not valid YAML, or gives a field a list or a bad date, is an error naming the file.
    """
    match = _BLOCK.match(text)
    if match is None:
        return FrontMatter(body=text)
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise InputError(f"{label}: the front matter is not valid YAML{where}") from exc
    if not isinstance(data, dict):
        return FrontMatter(body=text)
    values: dict[str, str | None] = {}
    for raw_key, value in data.items():
        key = _ALIASES.get(str(raw_key).lower(), str(raw_key).lower())
        if key in FIELDS and values.get(key) is None:
            values[key] = _scalar(value, str(raw_key), label)
    if values.get("date"):
        try:
            values["date"] = validate_date(values["date"] or "")
        except InputError as exc:
            raise InputError(f'{label}: front matter "date": {exc.message}') from exc
    return FrontMatter(**values, body=text[match.end() :])

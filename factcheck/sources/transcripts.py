"""CSV/TSV transcripts: one turn per row with a speaker column, grouped into documents."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from factcheck.errors import InputError
from factcheck.sources.documents import LoadDefaults, RawSource, decode
from factcheck.sources.turns import name_speakers
from factcheck.types import Document, Turn

_TEXT_COLUMNS = ("text", "content", "utterance", "sentence", "transcript")
_SPEAKER_COLUMNS = ("speaker", "speaker_name", "name")
_GROUP_COLUMNS = ("title", "document", "document_id", "doc_id", "debate", "event")
_DATE_COLUMNS = ("date", "time", "datetime")
_URL_COLUMNS = ("url", "source_url", "link")
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, start=1)}
_WRITTEN_DATE = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_ISO_PREFIX = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
_SLUG = re.compile(r"[^a-z0-9]+")
_STAGE_DIRECTION = re.compile(r"\[[^\]]*\]|\([^)]*\)")


@dataclass
class _Group:
    title: str | None
    date: str | None = None
    url: str | None = None
    # (raw speaker label, words) per row; labels become names once the whole group is read.
    rows: list[tuple[str, str]] = field(default_factory=list)


def parse_date(value: str) -> str | None:
    """YYYY-MM-DD from an ISO or written date ("June 26, 2019, 9 p.m. ET"), else None."""
    iso = _ISO_PREFIX.match(value.strip())
    if iso:
        return f"{iso.group(1)}-{iso.group(2)}-{iso.group(3)}"
    written = _WRITTEN_DATE.search(value)
    if written:
        month = _MONTHS.get(written.group(1)[:3].lower())
        if month:
            return f"{written.group(3)}-{month:02d}-{int(written.group(2)):02d}"
    return None


# Escapes an export wrote out as text: '\\"' for a quote mark, '\\r' for a line end.
_LITERAL_ESCAPE = re.compile(r"\\[rnt]")


def utterance(cell: str) -> str:
    """A cell's words as spoken: escapes an export left in the text undone, and quote marks that an export put
    around the whole utterance (written as '\\"...\\"') dropped, since they quote nobody."""
    text = _LITERAL_ESCAPE.sub(" ", cell).strip()
    if len(text) > 4 and text.startswith('\\"') and text.endswith('\\"'):
        text = text[2:-2]
    return " ".join(text.replace('\\"', '"').split())


def is_numbered_table(rows: list[list[str]]) -> bool:
    """Headerless transcript rows: line number, speaker, text, and optionally a label column (CLEF)."""
    return bool(rows) and all(len(r) in (3, 4) and r[0].strip().isdigit() for r in rows)


def _find(header: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:
        if name in header:
            return header.index(name)
    return None


def read_csv(source: RawSource) -> list[Document]:
    """Documents from a comma-separated transcript table."""
    return _read_table(source, ",")


def read_tsv(source: RawSource) -> list[Document]:
    """Documents from a tab-separated transcript table (or CLEF's headerless `line, SPEAKER, text` rows)."""
    return _read_table(source, "\t")


def _read_table(source: RawSource, delimiter: str) -> list[Document]:
    text = decode(source.data, source.label)
    return parse_table(text, source.stem, delimiter, source.defaults, source.label, source.document_id)


def parse_table(
    text: str, stem: str, delimiter: str, defaults: LoadDefaults, label: str, document_id: str | None = None
) -> list[Document]:
    """Documents from a transcript table; a header names the columns, or rows are line, speaker, text.

    The file's document is `document_id` (default: `stem`); with a group column each group is a document
    `DOCUMENT_ID:group-slug`.
    """
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise InputError(f"{label}:{reader.line_num}: {exc}") from exc
    rows = [(n, r) for n, r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise InputError(f"{label}: no rows in the file")
    header = [h.strip().lower() for h in rows[0][1]]
    text_col = _find(header, _TEXT_COLUMNS)
    if text_col is not None:
        groups = _groups_with_header(header, text_col, rows[1:], defaults, label)
    elif is_numbered_table([r for _, r in rows]):
        cells = [(r[1], utterance(r[2])) for _, r in rows]
        groups = {"": _Group(title=None, rows=[(speaker, words) for speaker, words in cells if words])}
    else:
        raise InputError(
            f"{label}:1: expected a header with 'text' and 'speaker' (or first_name/last_name) columns, "
            "or headerless rows of line, speaker, text (and optionally a label)"
        )
    file_date = parse_date(stem)
    file_title = re.sub(r"^\d{8}[_-]*", "", stem).replace("_", " ").strip() or stem
    base = document_id or stem
    documents = []
    for key, group in groups.items():
        if not group.rows:
            continue
        named = zip(name_speakers(group.rows), (words for _, words in group.rows), strict=True)
        doc_text, turns = _join_turns(list(named), defaults.speaker)
        speakers = {t.speaker for t in turns}
        documents.append(
            Document(
                id=f"{base}:{_SLUG.sub('-', key.lower()).strip('-')[:100] or 'untitled'}" if key else base,
                text=doc_text,
                speaker=speakers.pop() if len(speakers) == 1 else None,
                title=group.title or defaults.title or file_title,
                date=group.date or file_date or defaults.date,
                url=group.url or defaults.url,
                turns=turns,
            )
        )
    if not documents:
        raise InputError(f"{label}: no transcript rows with text")
    return documents


def _groups_with_header(
    header: list[str], text_col: int, rows: list[tuple[int, list[str]]], defaults: LoadDefaults, label: str
) -> dict[str, _Group]:
    speaker_col = _find(header, _SPEAKER_COLUMNS)
    first_col, last_col = _find(header, ("first_name",)), _find(header, ("last_name",))
    if speaker_col is None and first_col is None and last_col is None:
        raise InputError(f"{label}:1: no speaker column (speaker, name, or first_name/last_name) in the header")
    group_col = _find(header, _GROUP_COLUMNS)
    date_col = _find(header, _DATE_COLUMNS)
    url_col = _find(header, _URL_COLUMNS)
    groups: dict[str, _Group] = {}
    for number, row in rows:
        if len(row) != len(header):
            raise InputError(f"{label}:{number}: {len(row)} columns, the header has {len(header)}")
        words = utterance(row[text_col])
        if not words:
            continue
        if speaker_col is not None:
            raw_speaker = row[speaker_col]
        else:
            raw_speaker = " ".join(row[c].strip() for c in (first_col, last_col) if c is not None)
        key = row[group_col].strip() if group_col is not None else ""
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(title=key or None)
            if date_col is not None and row[date_col].strip():
                group.date = parse_date(row[date_col])
                if group.date is None:
                    raise InputError(f"{label}:{number}: cannot read the date {row[date_col]!r}")
            if url_col is not None:
                group.url = row[url_col].strip() or None
        group.rows.append((raw_speaker, words))
    return groups


def _interruptions(rows: list[tuple[str | None, str]]) -> set[int]:
    """Stage directions ("[ booing ]", "(APPLAUSE)") with no speaker between two rows of one speaker."""
    found = set()
    for index in range(1, len(rows) - 1):
        speaker, utterance = rows[index]
        before, after = rows[index - 1][0], rows[index + 1][0]
        if not speaker and before and before == after and _STAGE_DIRECTION.fullmatch(utterance.strip()):
            found.add(index)
    return found


def _join_turns(rows: list[tuple[str | None, str]], default_speaker: str | None) -> tuple[str, list[Turn]]:
    """Consecutive rows by one speaker become one turn; turns are separated by newlines.

    A stage direction that interrupts a speaker stays in the text, in square brackets so that alignment
    skips it, and the speaker's turn goes on past it: a quote may run across the applause.
    """
    interruptions = _interruptions(rows)
    rows = [
        (rows[i - 1][0], "[" + utterance.strip().strip("[]()").strip() + "]") if i in interruptions else (s, utterance)
        for i, (s, utterance) in enumerate(rows)
    ]
    parts: list[str] = []
    turns: list[Turn] = []
    length = 0
    current: str | None = None
    turn_start = 0
    for index, (speaker, utterance) in enumerate(rows):
        speaker = speaker or None
        if index and speaker == current:
            parts.append(" ")
            length += 1
        else:
            if index:
                turns.append(Turn(speaker=current or default_speaker, start=turn_start, end=length))
                parts.append("\n")
                length += 1
            current, turn_start = speaker, length
        parts.append(utterance)
        length += len(utterance)
    turns.append(Turn(speaker=current or default_speaker, start=turn_start, end=length))
    return "".join(parts), turns

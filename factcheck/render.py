"""Rendering for people: terminal tables (`--format table`) and a Markdown report (`--format markdown`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.attribution import reported_speech
from factcheck.findings import Finding, findings
from factcheck.links import web_link
from factcheck.meaning import CONFIDENCE_MEANING, LABEL_NAMES, low_confidence_meaning
from factcheck.types import LABELS, CheckedQuote, DocumentInfo

WIDTH = 160


def _console(out: TextIO) -> Console:
    return Console(file=out, soft_wrap=False, width=WIDTH)


def quotes_table(title: str, quotes: list[dict[str, Any]], out: TextIO) -> None:
    """Print extracted quotes and their speakers as a table."""
    # Every cell is a Text: quotes and names are shown as written, never read as rich markup ("[the mayor]").
    table = Table(title=Text(title), show_lines=True)
    for name, justify in (("#", "right"), ("quote", "left"), ("kind", "left"), ("speaker", "left")):
        table.add_column(name, justify=justify, overflow="fold", max_width=60 if name == "quote" else None)  # type: ignore[arg-type]
    for i, q in enumerate(quotes, 1):
        # Indirect speech is shown as reported speech, never as quoted words.
        who = q["speaker"]
        speech = reported_speech(q["kind"], q["text"], who.get("mention"), who.get("name"), q.get("cue"))
        kind = "reported speech" if speech else q["kind"]
        cells = [str(i), speech or q["text"], kind, who.get("name") or "(unknown)"]
        table.add_row(*(Text(cell) for cell in cells))
    _console(out).print(table)


def checked_table(title: str, quotes: Sequence[CheckedQuote], out: TextIO) -> None:
    """Print checked quotes as the page's cards say them: verdict, confidence, claimed and actual speaker, what
    differs or frames the words, and where the best evidence is (page, time, link)."""
    console = _console(out)
    console.print(Text(f"conf: {CONFIDENCE_MEANING}"))
    table = Table(title=Text(title), show_lines=True)
    columns = (("#", 3), ("quote", 40), ("speaker", 18), ("verdict", 28), ("conf", 5), ("what", 36), ("where", 36))
    for name, width in columns:
        table.add_column(name, justify="right" if name in ("#", "conf") else "left", overflow="fold", max_width=width)
    for f in findings(quotes):
        verdict: str = f.quote.verdict.label
        if f.unchecked is not None:
            verdict += f"\n{f.unchecked}"
        elif f.actual is not None:
            verdict += f" (by {f.actual})"
        if f.quote.verdict.label == "not_found":
            where = "(nothing matched)"
        else:
            where = f.where or "-"
            if f.voiced:
                where += f"\n({f.voiced})"
            link = web_link(f.link)
            if link:
                where += f"\n{link}"
        cells = [str(f.number), f.shown, f.claimed, verdict, f.confidence, f.what, where]
        table.add_row(*(Text(cell) for cell in cells))
    console.print(table)


def documents_table(documents: Sequence[DocumentInfo], out: TextIO) -> None:
    """Stored documents: id, title, speaker, date and passage count."""
    table = Table(show_lines=False)
    for name in ("id", "title", "speaker", "date", "passages"):
        table.add_column(name, justify="right" if name == "passages" else "left", overflow="fold")
    for d in documents:
        cells = [d.id, d.title or "-", d.speaker or "-", d.date or "-", str(d.passages)]
        table.add_row(*(Text(cell) for cell in cells))
    _console(out).print(table)


# Characters Markdown may read as markup anywhere in a line, and what it may read as markup at a line's start.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+[.)])")


def md(text: str, strip: bool = True) -> str:
    """Text as Markdown shows it literally: markup characters escaped, runs of whitespace made one space."""
    flat = re.sub(r"\s+", " ", text)
    escaped = _MARKDOWN.sub(r"\\\1", flat.strip() if strip else flat)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def _md_link(url: str | None, label: str) -> str:
    link = web_link(url)
    if link is None:
        return ""
    # In a link target, only spaces and brackets could end it early.
    target = link.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return f"[{md(label)}]({target})"


def markdown_report(title: str, quotes: Sequence[CheckedQuote], out: TextIO) -> None:
    """A report an editor can paste: counts, then each quote with its verdict, speakers, reason and evidence."""
    found = findings(quotes)
    lines = [f"# Quote check: {md(title)}", ""]
    counts = [(label, sum(1 for q in quotes if q.verdict.label == label)) for label in LABELS]
    summary = ", ".join(f"{LABEL_NAMES[label].lower()} {n}" for label, n in counts if n)
    lines += [f"{len(quotes)} quote(s){': ' + summary if summary else ''}.", ""]
    lines += [f"*{md(CONFIDENCE_MEANING)} {md(low_confidence_meaning())}*", ""]
    if not found:
        lines.append("No quotations were found in this text.")
    for f in found:
        lines += _markdown_finding(f)
    out.write("\n".join(lines).rstrip() + "\n")


def _markdown_finding(f: Finding) -> list[str]:
    lines = [f"## {f.number}. {f.label_name} ({f.confidence} confident)", "", f"> {md(f.shown)}", ""]
    lines.append(f"- Attributed to: **{md(f.claimed)}**" + (f" ({md(f.quote.kind)} quote)"))
    if f.unchecked:
        lines.append(f"- Speaker not checked: {md(f.unchecked)}")
    elif f.actual:
        lines.append(f"- Actually said by: **{md(f.actual)}**")
    if f.what:
        lines.append(f"- {'Changed (source -> quote)' if f.quote.verdict.label == 'altered' else 'Why'}: {md(f.what)}")
    evidence = f.evidence
    if evidence is not None and f.where:
        link = _md_link(f.link, "open source")
        lines.append(f"- Evidence: {md(f.where)}" + (f" ({link})" if link else ""))
        if f.voiced:
            lines.append(f"- Whose words: {md(f.voiced)}")
        if evidence.match_start is not None and evidence.match_end is not None:
            before = evidence.text[: evidence.match_start]
            matched = evidence.text[evidence.match_start : evidence.match_end]
            after = evidence.text[evidence.match_end :]
            # Bold hugs the words (no space inside the markers); the spaces around them are kept outside.
            bold = f"**{md(matched)}**" if matched.strip() else ""
            lines += ["", f"  > {md(before, strip=False).lstrip()}{bold}{md(after, strip=False).rstrip()}"]
        else:
            lines += ["", f"  > {md(evidence.text)}"]
    elif f.quote.verdict.label == "not_found":
        lines.append("- Evidence: no passage in the loaded sources matches")
    lines.append("")
    return lines

"""Build the cross-genre resolved-speaker suites from the marked-up articles beside this file.

    python eval/speakers_genres/build.py

Each `articles-*.txt` file holds articles, each opening with a line `### NN | genre | slug`. A quotation is
marked where it stands in the text: `{{words|kind|Speaker Name|via}}`, where kind is d (direct), p (partial)
or i (indirect), the speaker is the canonical name or `-` for none, and `via` says how the article ties the
words to the speaker (see speakers_genres.md). The marks are removed from the text and each quote keeps its
words, kind, speaker and `via`.

Articles are numbered in the order they were written; every third one (NN divisible by 3) is held out of
tuning and goes to `speakers_genres_heldout.jsonl`, the rest to `speakers_genres.jsonl`.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SUITES = HERE.parent / "suites"
_HEADER = re.compile(r"^### (\d+) \| (\w+) \| ([\w-]+)\s*$", re.MULTILINE)
_QUOTE = re.compile(r"\{\{([^{}|]+)\|([dpi])\|([^{}|]+)\|([a-z_]+)\}\}")
_KINDS = {"d": "direct", "p": "partial", "i": "indirect"}
VIA = frozenset(
    ["name", "surname", "first", "pronoun", "description", "epithet", "apposition", "document", "org",
     "continuation", "prev_sentence", "after", "colon", "dash", "group", "none", "label", "headline"]
)


def parse(source: str) -> list[dict[str, Any]]:
    """The articles of one source file, marks removed, quotes with their labels."""
    headers = list(_HEADER.finditer(source))
    articles: list[dict[str, Any]] = []
    for k, header in enumerate(headers):
        body_end = headers[k + 1].start() if k + 1 < len(headers) else len(source)
        body = source[header.end() : body_end].strip("\n")
        text_parts: list[str] = []
        quotes: list[dict[str, Any]] = []
        cursor = 0
        length = 0
        for match in _QUOTE.finditer(body):
            before = body[cursor : match.start()]
            text_parts.append(before)
            length += len(before)
            words, kind, speaker, via = match.groups()
            if via not in VIA:
                raise SystemExit(f"article {header.group(1)}: unknown via {via!r} at {words[:40]!r}")
            start = length
            text_parts.append(words)
            length += len(words)
            quotes.append(
                {"text": words, "start": start, "end": length, "kind": _KINDS[kind],
                 "speaker": None if speaker.strip() == "-" else speaker.strip(), "via": via}
            )
            cursor = match.end()
        text_parts.append(body[cursor:])
        text = "".join(text_parts).rstrip() + "\n"
        if "{{" in text or "}}" in text:
            raise SystemExit(f"article {header.group(1)}: a malformed mark is left in the text")
        number = int(header.group(1))
        articles.append(
            {"id": f"{number:02d}-{header.group(3)}", "genre": header.group(2), "number": number, "text": text,
             "quotes": quotes}
        )
    return articles


def main() -> int:
    articles = [a for path in sorted(HERE.glob("articles-*.txt")) for a in parse(path.read_text(encoding="utf-8"))]
    numbers = [a["number"] for a in articles]
    if len(set(numbers)) != len(numbers):
        raise SystemExit("article numbers repeat")
    description = (
        "Cross-genre resolved-speaker suite: news articles written for this suite in the style of sport, business, "
        "courts, local government, science, culture, world and politics coverage, every quotation labeled with its "
        "canonical speaker or null; see speakers_genres.md"
    )
    for name, held in (("speakers_genres", False), ("speakers_genres_heldout", True)):
        chosen = [a for a in articles if (a["number"] % 3 == 0) == held]
        header = {"suite": {"kind": "extraction", "name": name, "description": description}}
        lines = [json.dumps(header, ensure_ascii=False)]
        for article in chosen:
            record = {k: v for k, v in article.items() if k != "number"}
            lines.append(json.dumps(record, ensure_ascii=False))
        (SUITES / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        quotes = sum(len(a["quotes"]) for a in chosen)
        print(f"{name}: {len(chosen)} articles, {quotes} quotes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

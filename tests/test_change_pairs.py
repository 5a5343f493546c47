"""The generated pairs of eval/change_pairs.py are taken only from a speaker's plain assertions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from factcheck.types import Document

ROOT = Path(__file__).resolve().parents[1]

TEXT = (
    "Our harbour will reopen in the spring. If the council sells the depot, the fares will double. "
    "Some critics have argued that the ferry service loses money every winter. "
    "It is not true that we closed the night clinic."
)


def _span(text: str, words: str) -> Any:
    sys.path.insert(0, str(ROOT / "eval"))
    from change_pairs import Span

    start = text.index(words)
    return Span(tuple(words.split()), "Mayor Ilse Varga", "d#0", text, "d", start, start + len(words))


def test_a_stretch_inside_a_condition_a_report_or_a_denial_is_framed(nlp: Any) -> None:
    sys.path.insert(0, str(ROOT / "eval"))
    from change_pairs import SourceFrames

    framed = SourceFrames(nlp, [Document(id="d", text=TEXT, speaker="Mayor Ilse Varga")])
    assert not framed(_span(TEXT, "harbour will reopen in the spring"))
    assert framed(_span(TEXT, "the fares will double"))
    assert framed(_span(TEXT, "the ferry service loses money every winter"))
    assert framed(_span(TEXT, "we closed the night clinic"))


def test_a_changed_stretch_someone_else_says_as_it_is_is_no_change() -> None:
    sys.path.insert(0, str(ROOT / "eval"))
    from change_pairs import Corpus, _normal

    texts = {"Mayor Ilse Varga": [_normal("The ferry will not run on Sundays.")],
             "Councillor Ben Asare": [_normal("The ferry will run on Sundays.")]}  # fmt: skip
    corpus = Corpus({}, {}, [], [], texts, set())
    assert corpus.said("ferry will run")
    assert not corpus.said("ferry may run")


def test_a_development_set_never_takes_a_stretch_from_a_held_out_passage(nlp: Any, tmp_path: Path) -> None:
    import json
    import shutil

    sys.path.insert(0, str(ROOT / "eval"))
    from change_pairs import _development

    shutil.copy(ROOT / "eval" / "suites" / "change_pairs_heldout.jsonl", tmp_path)
    held = {json.loads(line).get("source_id") for line in (tmp_path / "change_pairs_heldout.jsonl").open()}
    assert _development(tmp_path, 5, 1, nlp) == 0
    records = [json.loads(line) for line in (tmp_path / "change_pairs_dev_5.jsonl").open()][1:]
    assert records and all(r["length"] in (2, 3, 5) for r in records)
    assert not {r["source_id"] for r in records} & held

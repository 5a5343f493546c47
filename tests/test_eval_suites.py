"""Suite files: kind detection, headers, sidecars and line-numbered errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.evaluation import LabeledArticle, LabeledQuote, load_suite, load_suites, parse_records
from factcheck.evaluation.matching import gold_article

QUOTE = {"id": "q1", "quote": "We will win.", "speaker": "Ann Lee", "label": "verified"}
ARTICLE = {
    "id": "a1",
    "text": 'Ann Lee said: "We will win."',
    "quotes": [{"text": "We will win.", "speaker": "Ann Lee", "label": "verified"}],
}


def _write(path: Path, *lines: object) -> Path:
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", "utf-8")
    return path


def test_detects_quotes_suite_and_keeps_unknown_keys(tmp_path: Path) -> None:
    suite = load_suite(_write(tmp_path / "mine.jsonl", {**QUOTE, "split": "test"}, "", {**QUOTE, "id": "q2"}))
    assert (suite.kind, suite.name, len(suite.records)) == ("quotes", "mine", 2)
    first = suite.records[0]
    assert isinstance(first, LabeledQuote)
    assert first.meta == {"split": "test"}


def test_detects_articles_and_extraction(tmp_path: Path) -> None:
    assert load_suite(_write(tmp_path / "a.jsonl", ARTICLE)).kind == "articles"
    unlabeled = {**ARTICLE, "quotes": [{"text": "We will win.", "speaker": "Ann Lee"}]}
    suite = load_suite(_write(tmp_path / "e.jsonl", unlabeled))
    assert suite.kind == "extraction"
    assert isinstance(suite.records[0], LabeledArticle)


def test_header_line_declares_kind_and_name(tmp_path: Path) -> None:
    header = {"suite": {"kind": "extraction", "name": "speakers", "description": "who said it"}}
    suite = load_suite(_write(tmp_path / "x.jsonl", header, ARTICLE))
    assert (suite.kind, suite.name, suite.description) == ("extraction", "speakers", "who said it")


def test_sidecar_declares_kind(tmp_path: Path) -> None:
    _write(tmp_path / "x.suite.json", {"suite": {"kind": "extraction"}})
    assert load_suite(_write(tmp_path / "x.jsonl", ARTICLE)).kind == "extraction"


def test_bad_json_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.jsonl", QUOTE, "", '{"id": "q3", "quote": ')
    with pytest.raises(InputError) as err:
        load_suite(path)
    assert f"{path}:3:" in err.value.message
    assert "not valid JSON" in err.value.message


def test_bad_label_names_line_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.jsonl", QUOTE, {**QUOTE, "id": "q2", "label": "false"})
    with pytest.raises(InputError) as err:
        load_suite(path)
    assert f"{path}:2: label:" in err.value.message


def test_missing_field_and_wrong_shape(tmp_path: Path) -> None:
    missing = {k: v for k, v in QUOTE.items() if k != "speaker"}
    with pytest.raises(InputError, match=r":2: speaker: Field required"):
        load_suite(_write(tmp_path / "m.jsonl", QUOTE, missing))
    with pytest.raises(InputError, match=r":1: expected a JSON object"):
        load_suite(_write(tmp_path / "l.jsonl", [QUOTE]))


def test_article_without_labels_in_labeled_suite(tmp_path: Path) -> None:
    unlabeled = {**ARTICLE, "id": "a2", "quotes": [{"text": "We will win.", "speaker": "Ann Lee"}]}
    with pytest.raises(InputError, match=r":2: quotes.0.label: required"):
        load_suite(_write(tmp_path / "a.jsonl", ARTICLE, unlabeled))


def test_gold_quote_must_occur_in_the_article(tmp_path: Path) -> None:
    absent = {**ARTICLE, "quotes": [{"text": "We will lose.", "speaker": "Ann Lee", "label": "verified"}]}
    with pytest.raises(InputError, match=r":1: quotes.0.text: not found in the article text"):
        load_suite(_write(tmp_path / "a.jsonl", absent))
    moved = {**ARTICLE, "quotes": [{"text": "We will win.", "start": 0, "speaker": "Ann Lee", "label": "verified"}]}
    with pytest.raises(InputError, match=r"quotes.0.text: does not occur at offset 0"):
        load_suite(_write(tmp_path / "b.jsonl", moved))


def test_article_read_from_a_file_with_quotes_as_offsets(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "story.txt").write_text('Ann Lee said: "We will win." Then she left.', "utf-8")
    suites = tmp_path / "suites"
    suites.mkdir()
    record = {"id": "a1", "text_file": "../data/story.txt", "quotes": [{"start": 15, "end": 27, "label": "verified"}]}
    suite = load_suite(_write(suites / "ref.jsonl", record))
    article = suite.records[0]
    assert isinstance(article, LabeledArticle) and suite.kind == "articles"
    assert article.text.startswith("Ann Lee said") and article.quotes[0].text == "We will win."
    assert article.meta == {"text_file": "../data/story.txt"}
    beyond = {**record, "quotes": [{"start": 15, "end": 400, "label": "verified"}]}
    with pytest.raises(InputError, match=r"ref2.jsonl:1: quotes.0: give `text`, or `start` and `end`"):
        load_suite(_write(suites / "ref2.jsonl", beyond))
    with pytest.raises(InputError, match=r"the article text .*missing.txt is not there"):
        load_suite(_write(suites / "ref3.jsonl", {**record, "text_file": "../data/missing.txt"}))
    with pytest.raises(InputError, match=r"quotes.0.end: the quote ends at offset 27, not 26"):
        short = {**ARTICLE["quotes"][0], "start": 15, "end": 26}
        load_suite(_write(suites / "ref4.jsonl", {**ARTICLE, "quotes": [short]}))


def test_undetectable_and_empty(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r":1: cannot tell the suite kind"):
        load_suite(_write(tmp_path / "u.jsonl", {"id": "x"}))
    with pytest.raises(InputError, match="no records"):
        load_suite(_write(tmp_path / "e.jsonl", ""))
    with pytest.raises(InputError, match="no such suite file"):
        load_suite(tmp_path / "absent.jsonl")
    with pytest.raises(InputError, match=r":1: bad suite header"):
        load_suite(_write(tmp_path / "h.jsonl", {"suite": {"kind": "poems"}}, QUOTE))


def test_directory_must_be_a_polnear_split(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="PolNeAR split"):
        load_suite(tmp_path)
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    assert load_suite(tmp_path).kind == "polnear"


def test_same_names_get_unique_report_folders(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    one = _write(tmp_path / "s.jsonl", QUOTE)
    two = _write(tmp_path / "b" / "s.jsonl", QUOTE)
    assert [s.name for s in load_suites([one, two])] == ["s", "s-2"]


def test_parse_records_for_api_bodies() -> None:
    kind, records = parse_records([QUOTE, {**QUOTE, "id": "q2"}])
    assert kind == "quotes" and len(records) == 2
    with pytest.raises(InputError, match="record 2: label"):
        parse_records([QUOTE, {**QUOTE, "label": "nope"}])
    with pytest.raises(InputError, match="no records"):
        parse_records([])


def test_gold_quotes_in_marks_count_as_direct_content() -> None:
    text = "Ann Lee said \u201cwe will win\u201d and that taxes would fall."
    article = LabeledArticle.model_validate(
        {
            "id": "a",
            "text": text,
            "quotes": [
                {"text": "we will win", "speaker": "Ann Lee"},
                {"text": "taxes would fall", "speaker": "Ann Lee", "kind": "indirect"},
            ],
        }
    )
    direct, indirect = gold_article(article).attributions
    assert direct.direct and direct.content_text == "\u201cwe will win\u201d"
    assert not indirect.direct and indirect.content_text == "taxes would fall"

"""Loaders for every source format, and passages with exact offsets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.errors import InputError
from factcheck.sources import LoadDefaults, load_path, parse_upload, split_passages, split_sentences
from factcheck.types import Document, Turn


def _offsets_exact(document: Document) -> None:
    passages = split_passages(document)
    assert passages
    for passage in passages:
        assert document.text[passage.start : passage.end] == passage.text
    assert [p.index for p in passages] == list(range(len(passages)))


def test_jsonl_documents_with_metadata_and_stable_ids(tmp_path: Path) -> None:
    path = tmp_path / "sources.jsonl"
    lines = [
        {"id": "a", "text": "We choose to go to the moon.", "speaker": "John F. Kennedy", "date": "1962-09-12"},
        {"text": "Ask not what your country can do for you.", "title": "Inaugural"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n", encoding="utf-8")
    first = load_path(path, LoadDefaults(speaker="Default Speaker"))
    again = load_path(path, LoadDefaults(speaker="Default Speaker"))
    assert [d.id for d in first] == [d.id for d in again]
    assert first[0].id == "a" and first[0].speaker == "John F. Kennedy" and first[0].date == "1962-09-12"
    assert first[1].id.startswith("doc-") and first[1].speaker == "Default Speaker"
    assert first[1].title == "Inaugural"


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"id": "x"}', '"text"'),
        ('{"text": "   "}', '"text"'),
        ('{"text": "ok", "speaker": 3}', '"speaker"'),
        ('{"text": "ok", "date": "last tuesday"}', "date"),
        ('["a list"]', "JSON object"),
        ('{"text": "ok", "id": ""}', '"id"'),
    ],
)
def test_malformed_jsonl_names_file_and_line(tmp_path: Path, bad_line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": "A fine first line."}) + "\n" + bad_line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_path(path)
    assert "bad.jsonl:2:" in info.value.message
    assert message in info.value.message


def test_duplicate_jsonl_id_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    path.write_text('{"id": "x", "text": "one"}\n{"id": "x", "text": "two"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"dup.jsonl:2: duplicate id"):
        load_path(path)


def test_text_file_takes_metadata_from_defaults(tmp_path: Path) -> None:
    path = tmp_path / "speech.txt"
    path.write_text("First sentence here. Second one follows.\r\nThird line.", encoding="utf-8")
    defaults = LoadDefaults(speaker="Ada Lovelace", title="Notes", date="1843-01-01", url="https://example.org")
    [doc] = load_path(path, defaults)
    assert (doc.speaker, doc.title, doc.date, doc.url) == ("Ada Lovelace", "Notes", "1843-01-01", "https://example.org")
    assert "\r" not in doc.text
    assert doc.id == path.as_posix()
    _offsets_exact(doc)


def test_html_reduced_to_text_with_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Remarks</title><style>p {color: red}</style></head><body>"
        "<script>var tracking = 1;</script><p>First &amp; foremost, we act on the budget today.</p>"
        "<p>Second paragraph\nwith a break.</p></body></html>",
        encoding="utf-8",
    )
    [doc] = load_path(path)
    assert doc.text == "First & foremost, we act on the budget today.\n\nSecond paragraph with a break."
    assert doc.title == "Remarks"
    assert "tracking" not in doc.text and "color" not in doc.text


def test_debates_csv_groups_by_debate_with_speakers_and_dates(shared_data: Path) -> None:
    docs = load_path(shared_data / "transcripts" / "debates_2020.csv")
    titles = {d.title for d in docs}
    assert len(docs) == len(titles) == 13
    first = next(d for d in docs if d.title == "1st 2020 Democratic Party Primary Debate (A)")
    assert first.date == "2019-06-26"
    assert first.turns[0].speaker == "Lester Holt"
    assert first.text.startswith("Good evening, everyone.")
    speakers = {t.speaker for d in docs for t in d.turns}
    assert {"Elizabeth Warren", "Bernard Sanders", "Joe Biden"} <= speakers
    assert all(d.date and len(d.date) == 10 for d in docs)
    _offsets_exact(first)


def test_clef_tsv_one_document_per_file(shared_data: Path) -> None:
    path = shared_data / "transcripts" / "clef2020_task5" / "20160303_GOP_michigan.tsv"
    [doc] = load_path(path)
    assert doc.id == path.as_posix()
    assert doc.date == "2016-03-03"
    speakers = {t.speaker for t in doc.turns}
    # Upper-case surnames take the full names the transcript introduces them by.
    assert {"Megyn Kelly", "Donald Trump", "Marco Rubio"} <= speakers
    assert "KELLY" not in speakers and "Kelly" not in speakers and "System" not in speakers
    _offsets_exact(doc)


def test_every_shared_transcript_loads(shared_data: Path) -> None:
    files = sorted((shared_data / "transcripts").rglob("*.?sv"))
    assert len(files) >= 20
    for path in files:
        for doc in load_path(path):
            assert doc.turns and doc.text
            for turn in doc.turns:
                assert 0 <= turn.start < turn.end <= len(doc.text)


def test_passages_never_cross_turns_and_keep_their_speaker() -> None:
    first = "I will fix the roads. " * 30
    second = "No, you will not."
    text = first.strip() + "\n" + second
    turns = [
        Turn(speaker="Ann Lee", start=0, end=len(first.strip())),
        Turn(speaker="Bo Diaz", start=len(first), end=len(text)),
    ]
    doc = Document(id="t", text=text, turns=turns)
    passages = split_passages(doc)
    for passage in passages:
        turn = next(t for t in turns if t.start <= passage.start < t.end)
        assert passage.end <= turn.end
        assert passage.speaker == turn.speaker
    assert passages[-1].text == second and passages[-1].speaker == "Bo Diaz"
    assert all(len(p.text.split()) <= 80 for p in passages)
    assert len(passages) >= 2


def test_generic_csv_with_speaker_column() -> None:
    data = b"speaker,text\nJANE DOE,Hello there.\nJANE DOE,Again.\nJohn Roe,Goodbye now.\n"
    [doc] = parse_upload("panel.csv", data)
    assert doc.text == "Hello there. Again.\nGoodbye now."
    assert [(t.speaker, doc.text[t.start : t.end]) for t in doc.turns] == [
        ("Jane Doe", "Hello there. Again."),
        ("John Roe", "Goodbye now."),
    ]


def test_a_stage_direction_inside_a_turn_does_not_end_it() -> None:
    data = (
        b"1\tRAMOS\tYou sent an e-mail to your daughter...\n2\tSYSTEM\t[ booing ]\n"
        b"3\tRAMOS\t...saying that it was a video.\n4\tSYSTEM\t(APPLAUSE)\n5\tCLINTON\tThat is not true.\n"
    )
    [doc] = parse_upload("debate.tsv", data)
    assert [(t.speaker, doc.text[t.start : t.end]) for t in doc.turns] == [
        ("Ramos", "You sent an e-mail to your daughter... [booing] ...saying that it was a video."),
        (None, "(APPLAUSE)"),
        ("Clinton", "That is not true."),
    ]


def test_csv_without_speaker_column_is_rejected() -> None:
    with pytest.raises(InputError, match="speaker"):
        parse_upload("x.csv", b"text,when\nhello,today\n")


def test_csv_short_row_names_the_line() -> None:
    with pytest.raises(InputError, match=r"x.csv:3:"):
        parse_upload("x.csv", b"speaker,text\nA,hello\nB\n")


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("../../etc/passwd.txt", b"\x00\x01\x02binary", "binary"),
        ("notes.txt", "caf\u00e9".encode("latin-1"), "UTF-8"),
        ("archive.zip", b"PK", "unsupported"),
        ("empty.txt", b"   \n", "no text"),
    ],
)
def test_bad_uploads_are_rejected(filename: str, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_upload(filename, data)


def test_upload_file_name_is_never_a_path() -> None:
    [doc] = parse_upload("..\\..\\windows\\evil.txt", b"Some text.")
    assert doc.id == "evil.txt" and doc.title is None
    assert "/" not in doc.id and "\\" not in doc.id and ".." not in doc.id


def test_sentences_respect_abbreviations() -> None:
    text = "Mr. Smith went to Washington, D.C. on Monday. He met Dr. Jones at 3 p.m. today! Was it U.S. policy?"
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert sentences == [
        "Mr. Smith went to Washington, D.C. on Monday.",
        "He met Dr. Jones at 3 p.m. today!",
        "Was it U.S. policy?",
    ]


def test_a_sentence_ending_in_a_contraction_ends_there() -> None:
    # The apostrophe is inside the word: "doesn't." is no initial 't.'; a mark opening a quotation is not.
    text = "People assume the NHS pays for all of it. It doesn't. The rest comes from you. 'Dr. Lind came.' We can't."
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert sentences == [
        "People assume the NHS pays for all of it.",
        "It doesn't.",
        "The rest comes from you.",
        "'Dr. Lind came.'",
        "We can't.",
    ]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*"ab .!?\n\"'\u201c", "Mr.", "U.S.", "The ", "word " * 30]), min_size=1))
def test_passages_cover_every_word_with_exact_offsets(pieces: list[str]) -> None:
    text = "".join(pieces)
    if not text.strip():
        return
    doc = Document(id="h", text=text)
    passages = split_passages(doc)
    for passage in passages:
        assert text[passage.start : passage.end] == passage.text
    assert " ".join(p.text for p in passages).split() == text.split()


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([".jsonl", ".txt", ".md", ".html", ".csv", ".tsv", ".bin", ""]),
    st.one_of(
        st.binary(max_size=400),
        st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(
            st.dictionaries(
                st.sampled_from(["id", "text", "speaker", "date", "title", "url", "other"]),
                st.one_of(st.none(), st.integers(), st.text(max_size=30), st.lists(st.integers(), max_size=2)),
            ),
            max_size=4,
        ).map(lambda rows: "\n".join(json.dumps(r) for r in rows).encode("utf-8", "surrogatepass")),
    ),
)
def test_any_upload_is_parsed_or_rejected_with_input_error(suffix: str, data: bytes) -> None:
    try:
        documents = parse_upload(f"../x/upload{suffix}", data)
    except InputError as exc:
        assert exc.message
        return
    for document in documents:
        assert document.text.strip()
        for passage in split_passages(document):
            assert document.text[passage.start : passage.end] == passage.text

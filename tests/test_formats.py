"""PDF, web page, Word and caption sources and NAME: transcripts, over files the tests write, into a real store."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from source_files import BOILERPLATE, SRT, STATEMENT, VTT, docx_bytes, image_only_pdf, official_page, pdf_bytes

from factcheck.errors import InputError
from factcheck.pipeline import Components
from factcheck.sources import LoadDefaults, load_path, parse_upload, split_passages
from factcheck.sources.chunking import split_sentences
from factcheck.sources.turns import dialogue_turns, name_speakers
from factcheck.types import Document

HEADER = "Senate Committee on Finance - Hearing on the State Budget"
PAGES = [
    "SENATOR WARREN: The committee will come to order. We are here to examine the budget and what it means "
    "for working fami-\nlies across the country, and for the teachers who were promised a raise last year.",
    "MR. SMITH: Thank you, Senator. The pension fund is fully funded through the end of the decade, and the "
    "reserve has grown every quarter since the new rules took effect.",
    "SENATOR WARREN: Then explain why retirees in three counties received letters warning of reduced "
    "payments this spring. The numbers you gave this committee do not add up.",
]


def _all_text(components: Components, document_id: str) -> list[str]:
    store = components.get_store()
    info = store.get_document(document_id)
    assert info is not None
    return [p.text for p in store.passages(document_id, range(info.passages))]


def test_official_page_stores_the_statement_and_no_boilerplate(components: Components) -> None:
    [doc] = parse_upload("statement.html", official_page().encode())
    report = components.get_store().add_documents([doc])
    assert report.documents_added == 1
    stored = " ".join(_all_text(components, doc.id))
    leaked = [sentence for sentence in BOILERPLATE if sentence.lower() in stored.lower()]
    assert leaked == []
    for paragraph in STATEMENT:
        assert paragraph in stored
    # Title, author (the speaker) and date come from the page's metadata; the headline is not a passage.
    assert (doc.title, doc.speaker, doc.date) == ("Governor Lopez on the State Budget", "Maria Lopez", "2026-03-02")
    assert doc.url == "https://governor.example.gov/news/statement-budget"
    assert not doc.text.startswith("Governor Lopez on the State Budget")


def test_page_metadata_yields_to_what_the_user_gives() -> None:
    defaults = LoadDefaults(speaker="Office of the Governor", title="Budget statement", date="2026-03-03")
    [doc] = parse_upload("statement.html", official_page().encode(), defaults)
    assert (doc.speaker, doc.title, doc.date) == ("Office of the Governor", "Budget statement", "2026-03-03")


def test_page_without_main_text_is_refused_naming_it() -> None:
    page = official_page(statement=[]).replace('<p class="date">March 2, 2026</p>', "")
    with pytest.raises(InputError, match=r"menu.html: no main text"):
        parse_upload("menu.html", page.encode())


def test_html_saved_as_txt_is_read_as_a_page() -> None:
    [doc] = parse_upload("saved.txt", official_page().encode())
    assert "cookies" not in doc.text and STATEMENT[1] in doc.text


def test_pdf_pages_without_running_heads_page_numbers_or_hyphens() -> None:
    [doc] = parse_upload("hearing.pdf", pdf_bytes(PAGES, header=HEADER))
    assert "Committee on Finance" not in doc.text and "Page 1" not in doc.text and "of 3" not in doc.text
    assert "working families across" in doc.text and "fami-" not in doc.text
    assert [a.page for a in doc.anchors] == [1, 2, 3]
    passages = split_passages(doc)
    pages = {p.page for p in passages if "pension fund" in p.text}
    assert pages == {2}
    assert {p.page for p in passages if "retirees" in p.text} == {3}
    # "NAME:" lines make the PDF a transcript, one speaker per passage.
    assert {p.speaker for p in passages} == {"Senator Warren", "Mr. Smith"}
    assert all(not p.text.startswith(("SENATOR", "MR.")) for p in passages)
    assert doc.title == "Hearing on the state budget"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (pdf_bytes(["Secret testimony."], encrypt="letmein"), "encrypted with a password"),
        (image_only_pdf(), "no text layer"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntruncated", "not a readable PDF"),
        (b"This is not a PDF at all.", "not a PDF"),
    ],
)
def test_bad_pdfs_are_refused_naming_the_file(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as info:
        load_path(path)
    assert str(path) in info.value.message


def test_docx_paragraphs_table_and_transcript_turns() -> None:
    paragraphs = [
        "Remarks at the bill signing",
        "THE PRESIDENT: Thank you all for coming today. This bill lowers the cost of insulin for every family.",
        "Q: Mr. President, will you sign the second bill this week?",
        "THE PRESIDENT: I will sign it as soon as it reaches my desk.",
    ]
    data = docx_bytes(paragraphs, title="Bill signing", table=[["Bill", "Status"], ["HR 12", "Signed"]])
    [doc] = parse_upload("remarks.docx", data)
    assert doc.title == "Bill signing"
    assert "insulin" in doc.text and "HR 12" in doc.text
    spoken = [(t.speaker, doc.text[t.start : t.end]) for t in doc.turns]
    # The title line before the first label has no speaker, the reporter's question stays anonymous, and
    # unlabelled paragraphs (here the table) continue the turn before them.
    assert spoken[0] == (None, "Remarks at the bill signing")
    assert spoken[2] == (None, "Mr. President, will you sign the second bill this week?")
    assert spoken[3][0] == "The President"
    assert spoken[3][1].startswith("I will sign it as soon as it reaches my desk.\n\nBill")
    assert all(p.speaker != "Q" for p in split_passages(doc))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 truncated archive", "not a Word"),
        (zipfile.ZipFile.__name__.encode(), "not a Word"),
        (b"", "not a Word"),
    ],
)
def test_bad_docx_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_upload("letter.docx", data)


def test_docx_with_a_damaged_document_part_is_refused() -> None:
    good = docx_bytes(["Some words."])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(out, "w") as damaged:
        for item in source.infolist():
            body = source.read(item)
            damaged.writestr(item, body[: len(body) // 2] if item.filename == "word/document.xml" else body)
    with pytest.raises(InputError, match=r"letter.docx: not a readable Word"):
        parse_upload("letter.docx", out.getvalue())


def test_vtt_speakers_from_voice_tags_and_chevrons_with_times() -> None:
    [doc] = parse_upload("debate.vtt", VTT.encode())
    passages = split_passages(doc)
    by_speaker = {p.speaker: p for p in passages}
    # ">> CLINTON:" and ">> TRUMP:" take the full names the captions introduce.
    assert set(by_speaker) == {"Lester Holt", "Hillary Clinton", "Donald Trump"}
    assert by_speaker["Lester Holt"].timestamp == 1.0
    assert by_speaker["Hillary Clinton"].timestamp == 7.5
    assert by_speaker["Donald Trump"].timestamp == 70.0
    trump = by_speaker["Donald Trump"].text
    # Cues are joined into sentences, the roll-up repeat is dropped, sound descriptions are not speech.
    assert trump == "We are going to bring jobs back to this country. Our jobs are fleeing the country right now."
    assert "APPLAUSE" not in doc.text and "<v" not in doc.text


def test_srt_speakers_and_times() -> None:
    [doc] = parse_upload("debate.srt", SRT.encode())
    passages = split_passages(doc)
    assert [(p.speaker, p.timestamp) for p in passages] == [("Warren", 2.0), ("Delaney", 750.0)]
    assert passages[0].text == "I have a plan for that. We need a wealth tax on the largest fortunes in this country."


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "music.vtt",
            "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n[MUSIC]\n\n00:00:04.000 --> 00:00:05.000\n\u266a\n",
            "no spoken",
        ),
        ("empty.vtt", "WEBVTT\n", "no spoken"),
        # webvtt-py passes over a cue whose timing it cannot read: what is left has no words.
        ("broken.vtt", "WEBVTT\n\n00:00:01.000 --> nonsense\nwords\n", "no spoken|WebVTT"),
        ("broken.srt", "1\n00:00:01,000 --> soon\nwords\n", "not a valid SRT"),
    ],
)
def test_captions_without_text_or_broken_are_refused(name: str, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        parse_upload(name, text.encode())
    assert name in info.value.message


def test_plain_text_transcript_has_one_speaker_per_turn() -> None:
    text = (
        "Transcript: Senate floor, June 3\n"
        "SENATOR KAINE: I rise today to speak about the budget. Senator Tim Kaine, for the record.\n"
        "It is a budget that fails our veterans.\n"
        "SENATOR PENCE: I thank my colleague. Governor Mike Pence here.\n"
        "SENATOR KAINE: The numbers are clear.\n"
    )
    [doc] = parse_upload("floor.txt", text.encode())
    turns = [(t.speaker, doc.text[t.start : t.end]) for t in doc.turns]
    assert turns[1] == (
        "Tim Kaine",
        "I rise today to speak about the budget. Senator Tim Kaine, for the record.\n"
        "It is a budget that fails our veterans.",
    )
    assert turns[2][0] == "Mike Pence" and turns[3] == ("Tim Kaine", "The numbers are clear.")
    assert turns[0][0] is None
    assert doc.speaker is None


def test_a_question_and_answer_layout_gives_the_answers_to_the_speaker() -> None:
    text = (
        "Q: Critics say the ferry is a waste of money. Is it?\nA: No. The ferry carried nine thousand people.\n"
        "Q: What next?\nA: Two more crossings a day from June."
    )
    [doc] = parse_upload("qa.txt", text.encode(), LoadDefaults(speaker="Ilse Brandt"))
    turns = [(t.speaker, doc.text[t.start : t.end]) for t in doc.turns]
    assert turns[0] == (None, "Critics say the ferry is a waste of money. Is it?")
    assert turns[1] == ("Ilse Brandt", "No. The ferry carried nine thousand people.")
    assert [speaker for speaker, _ in turns] == [None, "Ilse Brandt", None, "Ilse Brandt"]
    # 'No.' before a sentence is an answer, not the abbreviation of 'number'.
    assert [doc.text[s:e] for s, e in split_sentences(doc.text, doc.turns[1].start, doc.turns[1].end)] == [
        "No.", "The ferry carried nine thousand people."
    ]
    assert split_sentences("Room No. 5 is shut.") == [(0, 19)]


def test_q_dot_questions_and_a_caller_named_once_are_their_own_turns() -> None:
    text = (
        "Briefing at the harbour office\n\n"
        "Q. Is the ferry ticket going up to ten pounds?\n\n"
        "HARBOUR MASTER: It is not. Fares stay where they are.\n\n"
        "Host: Let's take a call. Go ahead, Priya Lal.\n\n"
        "Priya Lal: The night boat is always late. Why?\n\n"
        "Host: Captain?\n\n"
        "HARBOUR MASTER: Two engines were in for repair."
    )
    [doc] = parse_upload("briefing.txt", text.encode(), LoadDefaults(speaker="Edda Moor"))
    turns = [(t.speaker, doc.text[t.start : t.end]) for t in doc.turns]
    assert (None, "Is the ferry ticket going up to ten pounds?") in turns
    assert ("Priya Lal", "The night boat is always late. Why?") in turns
    assert ("Harbour Master", "It is not. Fares stay where they are.") in turns


def test_a_host_known_only_by_the_role_is_an_unnamed_voice() -> None:
    text = (
        "Harbour Hour, episode 9\n\nINTERVIEWER: Is the night ferry being scrapped?\n\n"
        "EDDA MOOR: No. It runs all winter.\n\nINTERVIEWER: And the fares?\n\nEDDA MOOR: They stay as they are."
    )
    [doc] = parse_upload("episode.txt", text.encode(), LoadDefaults(speaker="Edda Moor"))
    turns = [(t.speaker, doc.text[t.start : t.end]) for t in doc.turns]
    assert (None, "Is the night ferry being scrapped?") in turns
    assert ("Edda Moor", "No. It runs all winter.") in turns


def test_prose_with_a_note_is_not_a_transcript() -> None:
    text = "Note: this story was updated.\nThe mayor spoke on Monday. She said the budget was fair.\nMore follows."
    assert dialogue_turns(text) is None


def test_questioner_named_by_the_moderator_or_left_anonymous() -> None:
    rows = [
        ("COOPER", "Our next question comes from Ann Carver. Ann?"),
        ("QUESTION", "Will you lower drug prices?"),
        ("SMITH", "I will. I'm Jane Smith and I mean it."),
        ("COOPER", "We have a question from Bo Diaz and Cy Lee together."),
        ("QUESTION", "What about rent?"),
        ("COOPER", "Thank you."),
        ("SYSTEM", "(APPLAUSE)"),
        ("QUESTION", "And schools?"),
    ]
    names = name_speakers(rows)
    assert names == ["Cooper", "Ann Carver", "Jane Smith", "Cooper", None, "Cooper", None, None]
    assert "Question" not in names


def test_clef2018_debates_read_as_transcripts(shared_data: Path) -> None:
    folder = shared_data / "transcripts" / "clef2018_task1"
    first = load_path(folder / "Task1-English-1st-Presidential.txt")[0]
    speakers = {t.speaker for t in first.turns}
    assert speakers == {"Lester Holt", "Donald Trump", "Hillary Clinton", None}
    assert "(APPLAUSE)" in {first.text[t.start : t.end] for t in first.turns if t.speaker is None}
    vice = load_path(folder / "Task1-English-Vice-Presidential.txt")[0]
    assert {"Tim Kaine", "Mike Pence", "Elaine Quijano"} <= {t.speaker for t in vice.turns}
    town_hall = load_path(folder / "Task1-English-2nd-Presidential.txt")[0]
    questioners = {t.speaker for t in town_hall.turns} - {"Donald Trump", "Hillary Clinton", "Cooper", "Raddatz", None}
    assert {"Patrice Brock", "Ken Bone", "Karl Becker", "Beth Miller"} <= questioners
    assert not any(s and "question" in s.lower() for s in questioners)


def test_clef2020_tables_still_load(shared_data: Path) -> None:
    for path in sorted((shared_data / "transcripts" / "clef2020_task5").glob("*.tsv")):
        [doc] = load_path(path)
        assert doc.turns and all(0 <= t.start < t.end <= len(doc.text) for t in doc.turns)


def _claims(components: Components, documents: list[Document], claims: list[tuple[str, str]]) -> list[Any]:
    components.get_store().add_documents(documents)
    pipeline = components.pipeline()
    return [pipeline.check_claim(quote, speaker) for quote, speaker in claims]


def test_evidence_says_where_page_time_and_text_fragment(components: Components) -> None:
    [pdf] = parse_upload(
        "hearing.pdf", pdf_bytes(PAGES, header=HEADER), LoadDefaults(url="https://senate.example/h.pdf")
    )
    [vtt] = parse_upload("debate.vtt", VTT.encode(), LoadDefaults(url="https://video.example/debate.mp4"))
    [page] = parse_upload("statement.html", official_page().encode())
    checked = _claims(
        components,
        [pdf, vtt, page],
        [
            ("The pension fund is fully funded through the end of the decade", "Smith"),
            ("Our jobs are fleeing the country right now", "Donald Trump"),
            ("We will not raise taxes this year.", "Maria Lopez"),
        ],
    )
    # (The statement is a quotation inside a press release, so its verdict depends on that framing.)
    assert [c.verdict.label for c in checked[:2]] == ["verified"] * 2
    from_pdf, from_vtt, from_page = (c.evidence[0] for c in checked)
    assert from_pdf.page == 2 and from_pdf.link == "https://senate.example/h.pdf#page=2"
    # The words are in the cue at 1:13 (after a roll-up repeat), not the one at 1:10 where their passage begins.
    assert from_vtt.timestamp == 73.0 and from_vtt.link == "https://video.example/debate.mp4#t=73"
    assert from_page.link is not None
    assert from_page.link.startswith("https://governor.example.gov/news/statement-budget#:~:text=")
    # The fragment names the matched words themselves, not the start of their passage.
    assert from_page.match_start is not None and from_page.match_end is not None
    matched = from_page.text[from_page.match_start : from_page.match_end]
    first_words = " ".join(matched.split()[:4]).replace(" ", "%20").replace(",", "%2C")
    assert from_page.link.split("#:~:text=")[1].startswith(first_words)


def test_bracketed_caption_labels_are_turns_and_sound_tags_are_not() -> None:
    text = (
        "Parks committee, 3 May: captions\n"
        "[COUNCILLOR MAEVE ORTIZ] The pond will be drained in June.\n"
        "[APPLAUSE] Thank you all.\n"
        "[PARKS OFFICER IDRIS BANKOLE] We expect the work to take six weeks.\n"
        "[COUNCILLOR MAEVE ORTIZ] And the playground stays open.\n"
    )
    turns = dialogue_turns(text, "Parks Committee")
    assert turns is not None
    said = {text[t.start : t.end].split(".")[0]: t.speaker for t in turns}
    assert said["The pond will be drained in June"] == "Councillor Maeve Ortiz"
    assert said["We expect the work to take six weeks"] == "Parks Officer Idris Bankole"
    assert not any(t.speaker and "Applause" in t.speaker for t in turns)


def test_a_parliamentary_record_names_its_members_and_the_holders_of_offices() -> None:
    text = (
        "Mr Speaker: Order. I call the Secretary of State.\n\n"
        "The Secretary of State for Rural Affairs (Imran Qadir): I will make a statement on the drought. Every "
        "reservoir in the valley is below half.\n\n"
        "Mrs Gwen Tallis (Upper Brenton) (Lab): Farmers in my constituency have had no water for a month.\n\n"
        "Dr Piers Okonedo (Lowmoor South) (Ind): Will the Secretary of State meet them?\n\n"
        "The Secretary of State for Rural Affairs (Imran Qadir): I will meet them on Friday.\n"
    )
    turns = dialogue_turns(text, "House of Commons")
    assert turns is not None
    said = {text[t.start : t.end].split(".")[0].split("?")[0]: t.speaker for t in turns}
    assert said["I will make a statement on the drought"] == "Imran Qadir"
    assert said["I will meet them on Friday"] == "Imran Qadir"
    assert said["Farmers in my constituency have had no water for a month"] == "Gwen Tallis"
    # A constituency in parentheses is where the member sits, not who speaks.
    assert said["Will the Secretary of State meet them"] == "Piers Okonedo"

"""`factcheck sources` (list, show, delete, set), one document however a file is reached, metadata kept in
every format, and stores created only where the user says."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from source_files import docx_bytes, pdf_bytes
from store_checks import write_jsonl

from factcheck.cli import main
from factcheck.config import Settings
from factcheck.pipeline import Components
from factcheck.stages import Vectors
from factcheck.store import open_store
from factcheck.types import DocumentInfo, DocumentUpdate

PIER = "The pier will reopen to fishing boats on the first of May, and the ferry will follow in June."
SEAWALL = "We will rebuild the seawall before the next storm season. The harbor deserves nothing less."
HEARING = "speaker,text\nAna Ruiz,The committee will come to order.\nBo Diaz,The bridge will open to cyclists.\n"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _documents(store: Path, embedder: Any) -> dict[str, DocumentInfo]:
    opened = open_store(Settings(store=store), embedder)
    try:
        return {d.id: d for d in opened.list_documents(0, 500)}
    finally:
        opened.close()


class CountingEmbedder:
    """The real model, counting the texts it is asked to embed."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self.texts = 0

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.texts += len(texts)
        result: Vectors = self.inner.embed(texts)
        return result


def _srt(lines: list[str], step: float = 4.0) -> str:
    def stamp(seconds: float) -> str:
        whole = int(seconds)
        return f"00:{whole // 60:02d}:{whole % 60:02d},{round((seconds - whole) * 1000):03d}"

    cues = [f"{i}\n{stamp(i * step)} --> {stamp(i * step + step)}\n{line}\n" for i, line in enumerate(lines, 1)]
    return "\n".join(cues)


def _desk(root: Path) -> Path:
    """A folder with one speakerless source in every format ingest reads."""
    sources = root / "sources"
    (sources / "2024").mkdir(parents=True)
    (sources / "remarks.txt").write_text(SEAWALL, encoding="utf-8")
    (sources / "notes.md").write_text(f"---\ntitle: Pier notes\n---\n{PIER}\n", encoding="utf-8")
    body = f"<article><p>{SEAWALL} Every family deserves a home.</p></article>"
    page = f"<html><head><title>Statement</title></head><body>{body}</body></html>"
    (sources / "statement.html").write_text(page, encoding="utf-8")
    (sources / "2024" / "hearing.csv").write_text(
        "speaker,text\n,The bridge will open to cyclists in spring.\n", encoding="utf-8"
    )
    (sources / "2024" / "hearing.tsv").write_text(
        "speaker\ttext\n\tThe ferry terminal will open in autumn.\n", encoding="utf-8"
    )
    write_jsonl(sources / "posts.jsonl", [{"id": "post-1", "text": "Night buses will run every fifteen minutes."}])
    (sources / "report.pdf").write_bytes(pdf_bytes(["The library will open on Sundays.", "The museum will stay free."]))
    (sources / "speech.docx").write_bytes(docx_bytes(["Every branch library will have evening hours this year."]))
    (sources / "talk.vtt").write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nThe market moves to the square in July.\n", encoding="utf-8"
    )
    (sources / "talk.srt").write_text(_srt(["The pool reopens", "on the first of June."]), encoding="utf-8")
    return sources


# One file per format, and the document id a folder ingest gives it.
FORMAT_IDS = {
    ".txt": "remarks.txt",
    ".md": "notes.md",
    ".html": "statement.html",
    ".csv": "2024/hearing.csv",
    ".tsv": "2024/hearing.tsv",
    ".jsonl": "post-1",
    ".pdf": "report.pdf",
    ".docx": "speech.docx",
    ".vtt": "talk.vtt",
    ".srt": "talk.srt",
}


@pytest.mark.parametrize("suffix", list(FORMAT_IDS))
def test_a_speaker_given_by_path_from_elsewhere_updates_the_folder_document_and_is_kept(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = _desk(tmp_path / "desk")
    store = tmp_path / "desk" / "newsroom"
    assert _run(capsys, "ingest", str(sources), "--store", str(store))[0] == 0
    before = _documents(store, embedder)
    document_id = FORMAT_IDS[suffix]
    assert before[document_id].speaker is None
    # The speaker is fixed by the file's own path, from another directory.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    path = next(p for p in sources.rglob(f"*{suffix}"))
    status, out, _ = _run(capsys, "ingest", f"../desk/sources/{path.relative_to(sources).as_posix()}",
                          "--store", "../desk/newsroom", "--speaker", "Ines Calder")  # fmt: skip
    assert status == 0
    assert "1 updated (metadata only)" in out and f"speaker of {document_id!r} (was none, now 'Ines Calder')" in out
    after = _documents(store, embedder)
    assert set(after) == set(before), "one document, not a second one under the longer path"
    assert after[document_id].speaker == "Ines Calder"
    # The folder again, without the flag: the speaker stays, and nothing is written.
    monkeypatch.chdir(tmp_path / "desk")
    status, out, _ = _run(capsys, "ingest", "sources", "--store", "newsroom")
    assert status == 0 and f"0 added, 0 replaced, {len(before)} unchanged" in out
    assert _documents(store, embedder)[document_id].speaker == "Ines Calder"


def test_the_same_file_reached_by_a_longer_path_first_is_found_from_its_folder_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "remarks.txt").write_text(SEAWALL, encoding="utf-8")
    (sources / "pier.txt").write_text(PIER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _run(capsys, "ingest", "sources/remarks.txt", "--store", "store", "--speaker", "Ana Ruiz")[0] == 0
    status, out, _ = _run(capsys, "ingest", "sources", "--store", "store", "--speaker", "Ana Ruiz")
    assert status == 0 and "stored already as 'sources/remarks.txt'" in out
    assert set(_documents(tmp_path / "store", embedder)) == {"sources/remarks.txt", "pier.txt"}


def test_another_file_sharing_a_path_tail_stays_a_document_of_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a", tmp_path / "b" / "a"
    second.mkdir(parents=True)
    first.mkdir(exist_ok=True)
    (first / "remarks.txt").write_text(SEAWALL, encoding="utf-8")
    (second / "remarks.txt").write_text(PIER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _run(capsys, "ingest", "a", "--store", "store", "--speaker", "Ana Ruiz")[0] == 0
    status, out, _ = _run(capsys, "ingest", "b/a/remarks.txt", "--store", "store", "--speaker", "Bo Diaz")
    assert status == 0 and "1 added" in out
    documents = _documents(tmp_path / "store", embedder)
    assert {i: d.speaker for i, d in documents.items()} == {"remarks.txt": "Ana Ruiz", "b/a/remarks.txt": "Bo Diaz"}


def test_sources_list_show_set_and_delete(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    (tmp_path / "hearing.csv").write_text(HEARING, encoding="utf-8")
    (tmp_path / "remarks.txt").write_text(SEAWALL, encoding="utf-8")
    assert (
        _run(capsys, "ingest", str(tmp_path / "hearing.csv"), str(tmp_path / "remarks.txt"), "--store", str(store))[0]
        == 0
    )
    hearing, remarks = str(tmp_path / "hearing.csv"), str(tmp_path / "remarks.txt")

    status, out, _ = _run(capsys, "sources", "list", "--store", str(store), "--format", "json")
    listed = json.loads(out)
    assert status == 0 and listed["total"] == 2 and [d["id"] for d in listed["documents"]] == [hearing, remarks]
    status, out, _ = _run(capsys, "sources", "list", "--store", str(store))
    assert status == 0 and "remarks.txt" in out and "passages" in out
    # A transcript is listed under each of its speakers, matched as names are (case, spacing).
    status, out, _ = _run(capsys, "sources", "list", "--store", str(store), "--speaker", "bo  DIAZ", "--format", "json")
    assert [d["id"] for d in json.loads(out)["documents"]] == [hearing]
    assert (
        "no documents with a passage by 'Nobody'"
        in _run(capsys, "sources", "list", "--store", str(store), "--speaker", "Nobody")[1]
    )

    status, out, _ = _run(capsys, "sources", "show", hearing, "--store", str(store))
    assert status == 0 and "speakers:" in out and "Ana Ruiz" in out and "Bo Diaz" in out
    shown = json.loads(_run(capsys, "sources", "show", remarks, "--store", str(store), "--format", "json")[1])
    assert shown["speaker"] is None and shown["passages"] == 1

    status, out, _ = _run(
        capsys, "sources", "set", remarks, "--speaker", "Maria Delgado", "--date", "2024-05-02", "--store", str(store)
    )
    assert status == 0 and "speaker and date of" in out and "now 'Maria Delgado'" in out
    assert [
        d["id"]
        for d in json.loads(
            _run(capsys, "sources", "list", "--speaker", "Maria Delgado", "--format", "json", "--store", str(store))[1]
        )["documents"]
    ] == [remarks]
    status, out, _ = _run(capsys, "sources", "set", remarks, "--date", "", "--store", str(store))
    assert status == 0 and "date of" in out and "now none" in out

    # The rules of the API: unknown ids, no field, a bad date, a speaker a transcript's turns contradict.
    for args, message in (
        (["set", "nope", "--title", "x"], "no document with id 'nope'"),
        (["set", remarks], "nothing to change"),
        (["set", hearing, "--speaker", "Cy Park"], "turns all name their speakers"),
        (["show", "nope"], "no document with id 'nope'"),
        (["delete", "nope", remarks, "--yes"], "no document with id 'nope'; nothing was deleted"),
        (["delete", remarks], "needs --yes"),
    ):
        status, _, err = _run(capsys, "sources", *args, "--store", str(store))
        assert status == 2 and message in err, (args, err)
    with pytest.raises(SystemExit):
        main(["sources", "set", remarks, "--date", "2024-13-01", "--store", str(store)])
    assert "not a real calendar date" in capsys.readouterr().err
    assert json.loads(_run(capsys, "sources", "list", "--store", str(store), "--format", "json")[1])["total"] == 2

    status, out, _ = _run(capsys, "sources", "delete", remarks, "--yes", "--store", str(store))
    assert status == 0 and f"deleted {remarks!r} (1 passages)" in out
    assert json.loads(_run(capsys, "sources", "list", "--store", str(store), "--format", "json")[1])["total"] == 1
    # No store there: an error naming it, and nothing is created.
    status, _, err = _run(capsys, "sources", "list", "--store", str(tmp_path / "typo"))
    assert status == 2 and "there is no store at" in err and not (tmp_path / "typo").exists()


def test_metadata_changes_reuse_the_stored_vectors(components: Components, embedder: Any, tmp_path: Path) -> None:
    counting = CountingEmbedder(embedder)
    shared = Components(components.settings, embedder=counting, nlp=components.nlp)
    store = shared.get_store()
    sources = _desk(tmp_path)
    from factcheck.sources import load_path

    documents = [d for path in sorted(sources.rglob("*.*")) for d in load_path(path)]
    store.add_documents(documents)
    embedded = counting.texts
    assert embedded > 0
    talk = next(d for d in documents if d.id.endswith("talk.srt"))
    info = store.update_document(talk.id, DocumentUpdate(speaker="Ines Calder", title="Pool talk"))
    assert info is not None and (info.speaker, info.title) == ("Ines Calder", "Pool talk")
    assert counting.texts == embedded, "a metadata change embeds nothing"
    # Searches see the new speaker at once: by name, and in the passages' own speaker.
    assert [d.id for d in store.list_documents(0, 10, "Ines Calder")] == [talk.id]
    [passage] = store.passages(talk.id, [0])
    assert passage.speaker == "Ines Calder" and passage.document.title == "Pool talk"
    hits = store.lexical_search("pool reopens", 5, ["Ines Calder"])
    assert [h.passage.document.id for h in hits] == [talk.id]
    # The file again with another speaker: rewritten with its stored vectors, reported as a metadata update.
    report = store.add_documents(
        [
            talk.model_copy(
                update={
                    "turns": [t.model_copy(update={"speaker": "Bo Diaz"}) for t in talk.turns],
                    "speaker": "Bo Diaz",
                }
            )
        ]
    )
    assert (report.documents_updated, report.documents_replaced, counting.texts) == (1, 0, embedded)
    # An edited text is embedded again.
    report = store.add_documents([talk.model_copy(update={"text": talk.text + " Bring a towel."})])
    assert report.documents_replaced == 1 and counting.texts > embedded
    assert store.update_document("nope", DocumentUpdate(title="x")) is None


def test_ingest_says_where_it_creates_a_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "remarks.txt"
    source.write_text(SEAWALL, encoding="utf-8")
    status, _, err = _run(capsys, "ingest", str(source), "--store", str(tmp_path / "newsroom"), "--speaker", "Ana Ruiz")
    assert status == 0 and f"creating a new store at {tmp_path / 'newsroom'}" in err
    # A name one letter off the store beside it: that store is named.
    status, _, err = _run(capsys, "ingest", str(source), "--store", str(tmp_path / "newsrom"), "--speaker", "Ana Ruiz")
    assert status == 0 and f"did you mean the existing store {tmp_path / 'newsroom'}?" in err
    # Into the existing store, an empty directory, or with --new: nothing said.
    for target, extra in ((tmp_path / "newsroom", []), (tmp_path / "empty", []), (tmp_path / "fresh", ["--new"])):
        target.mkdir(exist_ok=True) if target.name == "empty" else None
        status, _, err = _run(capsys, "ingest", str(source), "--store", str(target), "--speaker", "Ana Ruiz", *extra)
        assert status == 0 and "creating" not in err, (target, err)
    status, _, err = _run(capsys, "ingest", str(source), "--store", str(tmp_path / "newsroom"), "--new")
    assert status == 2 and "there is a store at" in err
    # A relative path is named absolutely.
    monkeypatch.chdir(tmp_path / "empty")
    status, _, err = _run(capsys, "ingest", str(source), "--store", "../rel", "--speaker", "Ana Ruiz")
    assert status == 0 and f"creating a new store at {tmp_path / 'rel'}\n" in err

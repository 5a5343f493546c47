"""Hostile uploads: path tricks in file names, over-limit, binary and wrongly encoded files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_support import running_client
from fastapi.testclient import TestClient
from store_checks import tree_digest

from factcheck.config import Settings
from factcheck.pipeline import Components

LIMIT = 64_000
SPEECH = "We will build a new bridge over the river before the next election. Every town deserves one."


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory tree around the store, and the working directory inside it, that uploads must not touch."""
    (tmp_path / "home" / "docs").mkdir(parents=True)
    (tmp_path / "home" / "docs" / "notes.txt").write_text("private\n", encoding="utf-8")
    work = tmp_path / "home" / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path


@pytest.fixture
def client(world: Path, embedder: Any, nlp: Any) -> Iterator[TestClient]:
    settings = Settings(store=world / "home" / "store", max_upload_bytes=LIMIT, llm_model=None)
    components = Components(settings, embedder=embedder, nlp=nlp)
    with running_client(components) as (test_client, _):
        yield test_client


def _upload(client: TestClient, *files: tuple[str, bytes]) -> Any:
    return client.post(
        "/v1/sources", files=[("file", (name, data, "application/octet-stream")) for name, data in files]
    )


def _documents(client: TestClient) -> list[dict[str, Any]]:
    listing = client.get("/v1/sources", params={"limit": 500})
    assert listing.status_code == 200
    documents: list[dict[str, Any]] = listing.json()["documents"]
    return documents


TRICKY_NAMES = [
    "../../escape.txt",
    "../home/docs/notes.txt",
    "/etc/cron.d/job.txt",
    "..\\..\\windows.txt",
    "C:\\Users\\x\\speech.md",
    "a/b/../../../../up.txt",
    "%2e%2e%2fencoded.txt",
    "....//....//dots.txt",
    "name\r\nX-Injected: 1.txt",
    "ünïcödé \u2013 speech.txt",
    "x" * 3000 + ".txt",
    ".txt",
]


def test_path_tricks_in_file_names_write_nothing_outside_the_store(client: TestClient, world: Path) -> None:
    before = tree_digest(world, world / "home" / "store")
    for number, name in enumerate(TRICKY_NAMES):
        # A different text each time, so every accepted upload is a new document.
        response = _upload(client, (name, f"{SPEECH} Upload number {number}.".encode()))
        assert response.status_code in (201, 422), (name, response.text)
        if response.status_code == 422:
            assert response.json()["error"]["code"] == "invalid_input"
    stored = _documents(client)
    assert len(stored) >= len(TRICKY_NAMES) - 2
    # The name only gives the id: no directory parts survive.
    for document in stored:
        for value in (document["id"], document["title"] or ""):
            assert "/" not in value and "\\" not in value and ".." not in value and "\n" not in value
            assert len(value) <= 300
    assert tree_digest(world, world / "home" / "store") == before
    assert not (world / "escape.txt").exists() and not Path("/etc/cron.d/job.txt").exists()


def test_file_over_the_upload_limit_is_413_and_stores_nothing(client: TestClient) -> None:
    words = (SPEECH + " ").encode()
    huge = words * (LIMIT // len(words) + 10)
    response = _upload(client, ("huge.txt", huge))
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"
    assert str(LIMIT) in response.json()["error"]["message"]
    just_under = words * ((LIMIT - 2000) // len(words))
    assert _upload(client, ("fits.txt", just_under)).status_code == 201
    assert [d["id"] for d in _documents(client)] == ["fits.txt"]


BAD_FILES = [
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ("archive.jsonl", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200), "binary"),
    ("latin1.txt", "Le café est très bon, déclara-t-il.".encode("latin-1"), "UTF-8"),
    ("utf16.md", SPEECH.encode("utf-16"), "binary"),
    ("cp1252.csv", "speaker,text\nJos\xe9,Se\xf1or\n".encode("latin-1"), "UTF-8"),
    ("random.html", bytes((i * 97 + 13) % 256 for i in range(4000)), ""),
    ("program.exe", b"MZ\x90\x00" + bytes(100), "unsupported"),
    ("README", SPEECH.encode(), "unsupported"),
]


def test_binary_and_wrongly_encoded_files_are_rejected_clearly(client: TestClient) -> None:
    for name, data, reason in BAD_FILES:
        response = _upload(client, (name, data))
        assert response.status_code in (415, 422), (name, response.text)
        message = response.json()["error"]["message"]
        assert name in message and reason in message, (name, message)
    assert _documents(client) == []


def test_one_bad_file_in_a_batch_stores_none_of_them(client: TestClient) -> None:
    good = ("good.txt", SPEECH.encode())
    bad = ("bad.txt", "Caf\xe9".encode("latin-1"))
    response = _upload(client, good, bad)
    assert response.status_code == 422 and "bad.txt" in response.json()["error"]["message"]
    assert _documents(client) == []


def test_bom_and_windows_newlines_are_handled(client: TestClient) -> None:
    data = ("\ufeff" + SPEECH.replace(". ", ".\r\n")).encode("utf-8")
    assert _upload(client, ("windows.txt", data)).status_code == 201
    check = client.post("/v1/check/quote", json={"quote": "Every town deserves one."})
    assert check.status_code == 200
    evidence = check.json()["evidence"]
    assert evidence and "\ufeff" not in evidence[0]["text"] and "\r" not in evidence[0]["text"]

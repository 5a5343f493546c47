"""`factcheck ingest URL`: linked pages fetched from a local web server the tests start, stored under their link."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from source_files import BOILERPLATE, STATEMENT, official_page
from store_checks import write_jsonl

from factcheck.cli import main
from factcheck.config import Settings
from factcheck.store import open_store
from factcheck.types import DocumentInfo

NOTE = {"id": "ferry-note", "speaker": "Ana Ruiz", "text": "The harbor ferry will run every hour from June."}
REVISED = [
    STATEMENT[0],
    "\u201cWe will cut the sales tax on groceries by half this year, and every county clinic will stay open on "
    "weekends through the winter.\u201d",
]


class _Site:
    """A local web server whose pages a test can change between requests; `/slow` answers after 3 s."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, bytes]] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                if self.path == "/slow":
                    time.sleep(3)
                media, body = site.pages.get(self.path, ("text/plain", b"not here"))
                self.send_response(200 if self.path in site.pages else 404)
                self.send_header("Content-Type", media)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def page(self, path: str, html: str) -> str:
        """Serve `html` at `path`; its full link."""
        self.pages[path] = ("text/html; charset=utf-8", html.encode())
        return self.url + path


@pytest.fixture
def site() -> Iterator[_Site]:
    """A fresh local site per test, on a loopback port."""
    served = _Site()
    served.pages["/slow"] = ("text/html", official_page().encode())
    served.pages["/seal.png"] = ("image/png", b"\x89PNG\r\n\x1a\n")
    thread = threading.Thread(target=served.server.serve_forever, daemon=True)
    thread.start()
    yield served
    served.server.shutdown()
    served.server.server_close()


def _ingest(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["ingest", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _stored(store: Path, embedder: Any) -> dict[str, tuple[DocumentInfo, str]]:
    """Every document of a store with the text of its passages."""
    opened = open_store(Settings(store=store), embedder)
    try:
        return {
            d.id: (d, " ".join(p.text for p in opened.passages(d.id, range(d.passages))))
            for d in opened.list_documents(0, 500)
        }
    finally:
        opened.close()


def test_a_link_is_stored_as_one_document_with_the_pages_metadata(
    site: _Site, tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Any
) -> None:
    link = site.page("/news/statement", official_page())
    store = tmp_path / "store"
    status, out, err = _ingest(capsys, f"{link}#top", "--store", str(store))
    assert status == 0, err
    assert "1 added" in out and "warning" not in err
    [(doc, text)] = _stored(store, embedder).values()
    # The id is the link without its fragment; title, author (as speaker) and date come from the page.
    assert doc.id == link and doc.url == link
    assert (doc.speaker, doc.title, doc.date) == ("Maria Lopez", "Governor Lopez on the State Budget", "2026-03-02")
    assert "We will not raise taxes this year." in text
    assert [b for b in BOILERPLATE if b in text] == []


def test_flags_win_over_the_pages_metadata(
    site: _Site, tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Any
) -> None:
    link = site.page("/news/statement", official_page())
    store = tmp_path / "store"
    flags = ["--speaker", "Office of the Governor", "--title", "Budget statement", "--date", "2026-03-03"]
    status, _, err = _ingest(capsys, link, "--store", str(store), *flags, "--url", "https://governor.example.gov/b")
    assert status == 0, err
    [(doc, _)] = _stored(store, embedder).values()
    assert doc.id == link
    assert (doc.speaker, doc.title, doc.date, doc.url) == (
        "Office of the Governor", "Budget statement", "2026-03-03", "https://governor.example.gov/b"
    )  # fmt: skip


def test_ingesting_a_link_again_replaces_its_document(
    site: _Site, tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Any
) -> None:
    link = site.page("/news/statement", official_page())
    store = tmp_path / "store"
    assert _ingest(capsys, link, "--store", str(store))[0] == 0
    # The same link spelled with an upper-case host and a fragment is the same document.
    spelled = link.replace("http://", "HTTP://") + "#budget"
    status, out, _ = _ingest(capsys, spelled, "--store", str(store))
    assert status == 0 and "0 added, 0 replaced, 1 unchanged" in out
    site.page("/news/statement", official_page(statement=REVISED))
    status, out, _ = _ingest(capsys, link, "--store", str(store))
    assert status == 0 and "0 added, 1 replaced" in out
    [(doc, text)] = _stored(store, embedder).values()
    assert doc.id == link
    assert "cut the sales tax on groceries" in text and "We will not raise taxes" not in text


def test_a_link_and_a_file_in_one_command(
    site: _Site, tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Any
) -> None:
    link = site.page("/statement", official_page())
    notes = write_jsonl(tmp_path / "notes.jsonl", [NOTE])
    store = tmp_path / "store"
    status, out, err = _ingest(capsys, str(notes), link, "--store", str(store))
    assert status == 0, err
    assert "2 added" in out
    stored = _stored(store, embedder)
    assert set(stored) == {"ferry-note", link}
    assert stored["ferry-note"][0].speaker == "Ana Ruiz" and stored[link][0].speaker == "Maria Lopez"


@pytest.mark.parametrize(
    ("path", "problem"),
    [("/gone", "404"), ("/slow", "timed out"), ("/seal.png", "image/png")],
)
def test_a_failing_link_stores_nothing_and_names_the_link(
    site: _Site,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    embedder: Any,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    problem: str,
) -> None:
    monkeypatch.setenv("FACTCHECK_FETCH_TIMEOUT", "1")
    store = tmp_path / "store"
    assert _ingest(capsys, str(write_jsonl(tmp_path / "first.jsonl", [NOTE])), "--store", str(store))[0] == 0
    before = _stored(store, embedder)
    good = site.page("/statement", official_page())
    other = write_jsonl(tmp_path / "other.jsonl", [{**NOTE, "id": "other-note", "text": "A second note."}])
    status, out, err = _ingest(capsys, good, str(other), site.url + path, "--store", str(store))
    assert status == 2 and out == ""
    assert f"{site.url}{path}" in err and problem in err
    # Every input is read before anything is written: neither the good link nor the file was stored.
    assert _stored(store, embedder) == before

"""Links: fetching against a local HTTP server the tests start, the SSRF guard, `check URL` and {"url": ...}."""

from __future__ import annotations

import ipaddress
import json
import threading
import time
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from api_support import ARTICLE, SOURCES, running_client
from source_files import BOILERPLATE, official_page
from store_checks import write_jsonl

from benchmarks.hostile_inputs import Site
from factcheck.cli import main
from factcheck.errors import FetchError, FetchRefused, InputError
from factcheck.pipeline import Components
from factcheck.sources.fetch import FetchPolicy, fetch
from factcheck.sources.remote import read_article
from factcheck.types import Document

LOCAL = (ipaddress.ip_network("127.0.0.1/32"),)
BIG = 50 * 1024 * 1024
ARTICLE_PAGE = official_page(statement=ARTICLE.split("\n\n"), title="Delgado vows seawall").encode()


class _Site(Site):
    def do_GET(self) -> None:
        path = self.path
        if path == "/article":
            self._send(200, ARTICLE_PAGE)
        elif path == "/hop":
            self._send(302, b"", Location="/article")
        elif path == "/plain":
            self._send(200, ARTICLE.encode(), "text/plain; charset=utf-8")
        elif path in ("/loop-a", "/loop-b"):
            self._send(302, b"", Location="/loop-b" if path == "/loop-a" else "/loop-a")
        elif path == "/to-private":
            self._send(301, b"", Location="http://10.20.30.40/admin")
        elif path == "/to-metadata":
            self._send(307, b"", Location="http://169.254.169.254/latest/meta-data/")
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n", "image/png")
        elif path == "/menu":
            self._send(200, official_page(statement=[]).replace("March 2, 2026", "").encode())
        elif path == "/slow":
            time.sleep(3)
            self._send(200, ARTICLE_PAGE)
        elif path in ("/big", "/big-declared"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            if path == "/big-declared":
                self.send_header("Content-Length", str(BIG))
            self.end_headers()
            chunk = b"<p>" + b"word " * 2000 + b"</p>"
            try:
                for _ in range(BIG // len(chunk) + 1):
                    self.wfile.write(chunk)
            except OSError:
                pass  # the client stops reading at its limit
        else:
            self._send(404, b"not here")


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """A local web server on a loopback port for the module's tests."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _policy(**overrides: object) -> FetchPolicy:
    base = FetchPolicy(allowed_networks=LOCAL, connect_timeout=2.0, timeout=1.0, max_redirects=3)
    return FetchPolicy(**{**base.__dict__, **overrides})  # type: ignore[arg-type]


def test_article_from_a_link_is_the_main_text(site: str) -> None:
    article = read_article(f"{site}/hop", _policy())
    assert article.url == f"{site}/article" and article.title == "Delgado vows seawall"
    assert "We will rebuild the seawall before the next storm" in article.text
    assert not [b for b in BOILERPLATE if b in article.text]
    plain = read_article(f"{site}/plain", _policy())
    assert plain.text == ARTICLE


@pytest.mark.parametrize(
    ("path", "error", "message"),
    [
        ("/slow", FetchError, "timed out"),
        ("/loop-a", FetchError, "redirects in a loop"),
        ("/big", FetchError, "larger than the limit"),
        ("/big-declared", FetchError, "over the limit"),
        ("/image", FetchError, "sent image/png"),
        ("/menu", InputError, "no main text"),
        ("/missing", FetchError, "404"),
        ("/to-private", FetchRefused, "10.20.30.40 is a private address"),
        ("/to-metadata", FetchRefused, "169.254.169.254 is a link-local address"),
    ],
)
def test_bad_links_fail_clearly_naming_the_link(site: str, path: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message) as info:
        read_article(f"{site}{path}", _policy())
    assert site in str(info.value)


def test_private_and_loopback_addresses_are_refused_unless_allowed(site: str) -> None:
    closed = _policy(allowed_networks=())
    with pytest.raises(FetchRefused, match="loopback"):
        fetch(f"{site}/article", closed)
    # A name is resolved and every address checked before any connection.
    with pytest.raises(FetchRefused, match=r"10\.0\.0\.7 is a private"):
        fetch("http://intranet.example/", closed, resolve=lambda host, port: ["93.184.216.34", "10.0.0.7"])
    with pytest.raises(FetchRefused, match="loopback"):
        fetch("http://[::ffff:127.0.0.1]/", closed)
    with pytest.raises(FetchError, match="only http"):
        fetch("file:///etc/passwd", closed)


def test_check_url_gives_the_same_quotes_as_check_of_its_text(
    site: str, components: Components, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(components.settings.store)
    assert main(["ingest", str(write_jsonl(tmp_path / "sources.jsonl", SOURCES)), "--store", store]) == 0
    capsys.readouterr()
    assert main(["check", f"{site}/article", "--store", store]) == 0
    linked = json.loads(capsys.readouterr().out)
    text = linked["fetched"]["text"]
    (tmp_path / "extracted.txt").write_text(text, encoding="utf-8")
    assert main(["check", str(tmp_path / "extracted.txt"), "--store", store]) == 0
    pasted = json.loads(capsys.readouterr().out)
    assert linked["quotes"] == pasted["quotes"] and len(pasted["quotes"]) == 4
    assert {q["verdict"]["label"] for q in pasted["quotes"]} >= {"verified", "altered"}
    for quote in linked["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]


def test_check_url_that_fails_exits_2_naming_it(site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", f"{site}/image", "--store", str(tmp_path / "store")]) == 2
    assert f"{site}/image" in capsys.readouterr().err


def test_api_checks_a_link_only_when_fetching_is_allowed(site: str, components: Components) -> None:
    components.get_store().add_documents([Document(**s) for s in SOURCES])
    with running_client(components) as (client, _):
        off = client.post("/v1/check", json={"url": f"{site}/article"})
        assert off.status_code == 403 and off.json()["error"]["code"] == "fetch_refused"
        both = client.post("/v1/check", json={"url": f"{site}/article", "text": "x"})
        assert both.status_code == 422
    with running_client(components, allow_fetch=True) as (client, _):
        loopback = client.post("/v1/check", json={"url": f"{site}/article"})
        assert loopback.status_code == 403 and "loopback" in loopback.json()["error"]["message"]
    with running_client(components, allow_fetch=True, fetch_allow_networks=["127.0.0.1/32"]) as (client, _):
        answer = client.post("/v1/check", json={"url": f"{site}/article"})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["fetched"]["url"] == f"{site}/article" and len(body["quotes"]) == 4
        text = body["fetched"]["text"]
        assert all(text[q["start"] : q["end"]] == q["text"] for q in body["quotes"])
        bad = client.post("/v1/check", json={"url": f"{site}/image"})
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "fetch_failed"
        page = client.post("/check", data={"text": "", "url": f"{site}/article"})
        assert page.status_code == 200 and page.text.count('<article class="card v-') == 4

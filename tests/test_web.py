"""The web page as a browser without JavaScript meets it: forms, server-rendered results, safe output."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from api_support import ARTICLE, SOURCES, running_client
from fastapi.testclient import TestClient

from factcheck.pipeline import Components

PAYLOAD_ARTICLE = (
    'Maria Delgado said "<script>alert(1)</script> we will rebuild the seawall" and '
    '<img src=x onerror="alert(2)"> Thomas Whitfield said "<b onmouseover=alert(3)>hello</b> there friends."'
)


@pytest.fixture
def client(components: Components) -> Iterator[TestClient]:
    with running_client(components) as (client, _):
        assert client.post("/v1/sources", json={"documents": SOURCES}).status_code == 201
        yield client


def scripts_and_handlers(html: str) -> tuple[list[str], list[str]]:
    """Script tags and inline event-handler attributes in a page."""
    scripts = re.findall(r"<script\b[^>]*>", html, flags=re.IGNORECASE)
    handlers = re.findall(r"<[a-z]+\b[^>]*\son[a-z]+\s*=", html, flags=re.IGNORECASE)
    return scripts, handlers


def test_index_is_a_plain_form_with_a_strict_policy(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    assert '<form id="check-form"' in html and 'method="post" action="/check#results"' in html
    assert '<label for="text">' in html and 'name="text"' in html
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "default-src 'none'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    scripts, handlers = scripts_and_handlers(html)
    assert scripts == ['<script src="/static/check.js" defer>']
    assert handlers == []
    assert "http://" not in html.replace("https://", "") and "//cdn" not in html


def test_static_assets_are_served_locally(client: TestClient) -> None:
    for path, kind in (
        ("/static/app.css", "text/css"),
        ("/static/check.js", "javascript"),
        ("/static/sources.js", "javascript"),
    ):
        response = client.get(path)
        assert response.status_code == 200 and kind in response.headers["content-type"]
    for name in ("check.js", "sources.js"):
        source = client.get(f"/static/{name}").text
        assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|eval\(", source)


def test_form_post_renders_results_on_the_server(client: TestClient) -> None:
    page = client.post("/check", data={"text": ARTICLE})
    assert page.status_code == 200, page.text
    html = page.text
    assert html.count('<mark class="q v-') == 4
    assert html.count('<article class="card v-') == 4
    assert '<span class="spk"' in html
    assert 'class="badge v-verified">Verified<' in html
    assert "Remarks at the harbor" in html and "2024-03-14" in html
    # The source link opens the page at the passage (a text fragment).
    assert 'href="https://example.org/harbor#:~:text=' in html
    assert 'class="d-ins"' in html or 'class="d-del"' in html
    assert "Actually said by <strong>Thomas Whitfield</strong>" in html
    assert re.search(
        r'class="chip v-verified[^"]*" data-label="verified"><span class="dot" aria-hidden="true"></span>'
        r"Verified <strong>\d+",
        html,
    )


def test_form_errors_render_a_page_with_a_message(components: Components) -> None:
    with running_client(components, max_text_chars=50) as (client, _):
        empty = client.post("/check", data={"text": "   "})
        assert empty.status_code == 422 and 'role="alert"' in empty.text and "blank" in empty.text
        long = client.post("/check", data={"text": "x" * 51})
        assert long.status_code == 413 and "limit is 50" in long.text
        # What the user typed is kept in the form.
        assert "x" * 51 in long.text


def test_payloads_in_an_article_are_escaped(client: TestClient) -> None:
    html = client.post("/check", data={"text": PAYLOAD_ARTICLE}).text
    body = html.split('<main id="main"', 1)[1]
    assert "<script>alert" not in body and "<img src=x" not in body and "<b onmouseover" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=" in body
    scripts, handlers = scripts_and_handlers(html)
    assert scripts == ['<script src="/static/check.js" defer>'] and handlers == []


def test_payloads_in_sources_are_escaped_and_bad_links_dropped(client: TestClient) -> None:
    hostile = {
        "id": "x<script>alert(4)</script>",
        "text": "<img src=x onerror=alert(5)> We will rebuild the seawall <script>alert(6)</script>",
        "speaker": "<b>Eve</b>",
        "title": "<script>alert(7)</script>",
        "url": "javascript:alert(8)",
    }
    assert client.post("/v1/sources", json={"documents": [hostile]}).status_code == 201
    html = client.get("/sources").text
    assert "<script>alert" not in html and "javascript:" not in html and "<b>Eve" not in html
    assert "&lt;script&gt;alert(7)&lt;/script&gt;" in html
    checked = client.post("/check", data={"text": 'Eve said "We will rebuild the seawall."'}).text
    assert "<img src=x" not in checked and "javascript:" not in checked and "<script>alert" not in checked


def test_sources_page_upload_list_and_delete_without_javascript(client: TestClient) -> None:
    page = client.get("/sources")
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.text and "Remarks at the harbor" in page.text
    assert '<span id="total">2</span>' in page.text

    uploaded = client.post(
        "/sources",
        files={"file": ("town-hall.txt", b"The ferry will run every hour starting in June.", "text/plain")},
        data={"speaker": "Ana Ruiz", "title": "Town hall", "date": "2024-06-01", "url": ""},
        follow_redirects=False,
    )
    assert uploaded.status_code == 303 and uploaded.headers["location"].startswith("/sources?added=1")
    listed = client.get(uploaded.headers["location"])
    assert "Added 1 document(s)." in listed.text and "Town hall" in listed.text and "Ana Ruiz" in listed.text

    # The delete button asks first; the confirmation deletes.
    asked = client.post("/sources/delete", data={"id": "harbor-speech"}, follow_redirects=False)
    assert asked.status_code == 200 and "Delete “Remarks at the harbor”?" in asked.text
    assert "Remarks at the harbor" in client.get("/sources").text
    deleted = client.post("/sources/delete", data={"id": "harbor-speech", "confirmed": "yes"}, follow_redirects=False)
    assert deleted.status_code == 303
    after = client.get(deleted.headers["location"]).text
    assert "Document deleted." in after and "Remarks at the harbor" not in after
    missing = client.post("/sources/delete", data={"id": "harbor-speech", "confirmed": "yes"})
    assert missing.status_code == 404 and 'role="alert"' in missing.text


def test_sources_page_upload_errors(client: TestClient) -> None:
    none = client.post("/sources", files={"file": ("", b"", "application/octet-stream")})
    assert none.status_code == 422 and "at least one file" in none.text
    bad = client.post("/sources", files={"file": ("bad.jsonl", b"{nope\n", "application/json")})
    assert bad.status_code == 422 and "bad.jsonl" in bad.text


def test_page_writes_need_the_key_when_one_is_set(components: Components) -> None:
    with running_client(components, api_key="k3y") as (client, _):
        page = client.get("/sources").text
        assert 'name="api_key"' in page
        files = {"file": ("a.txt", b"Some words spoken aloud.", "text/plain")}
        refused = client.post("/sources", files=files, data={"speaker": "A"})
        assert refused.status_code == 401 and "API key" in refused.text
        accepted = client.post("/sources", files=files, data={"speaker": "A", "api_key": "k3y"}, follow_redirects=False)
        assert accepted.status_code == 303


def test_unknown_page_is_an_html_error_for_browsers_and_json_for_clients(client: TestClient) -> None:
    browser = client.get("/no-such-page", headers={"accept": "text/html"})
    assert browser.status_code == 404 and browser.headers["content-type"].startswith("text/html")
    assert client.get("/no-such-page").json()["error"]["code"] == "not_found"
    bad_query = client.get("/sources?offset=-1", headers={"accept": "text/html"})
    assert bad_query.status_code == 422 and bad_query.headers["content-type"].startswith("text/html")


def test_narrow_screen_and_keyboard_basics(client: TestClient) -> None:
    html = client.get("/").text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert 'class="skip-link" href="#main"' in html
    css = client.get("/static/app.css").text
    assert ":focus-visible" in css and "@media (max-width" in css


def test_docs_page_uses_local_assets_and_no_inline_script(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "unsafe-inline" not in page.headers["content-security-policy"]
    scripts, handlers = scripts_and_handlers(page.text)
    assert scripts == ['<script src="/static/swagger-ui/swagger-ui-bundle.js">', '<script src="/static/docs.js">']
    assert handlers == [] and "//cdn" not in page.text
    for asset in ("/static/swagger-ui/swagger-ui-bundle.js", "/static/swagger-ui/swagger-ui.css", "/static/docs.js"):
        assert client.get(asset).status_code == 200
    assert client.get("/redoc").status_code == 404


def test_sources_behind_a_key_are_listed_from_a_posted_key_never_one_in_the_url(components: Components) -> None:
    with running_client(components, api_key="k3y", protect="all") as (client, _):
        loaded = client.post("/v1/sources", json={"documents": SOURCES}, headers={"Authorization": "Bearer k3y"})
        assert loaded.status_code == 201
        locked = client.get("/sources").text
        assert "Stored documents (0)" not in locked and "Remarks at the harbor" not in locked
        assert '<form id="key-form"' in locked and 'action="/sources/list"' in locked
        listed = client.post("/sources/list", data={"api_key": "k3y"})
        assert listed.status_code == 200 and "Remarks at the harbor" in listed.text
        assert '<span id="total">2</span>' in listed.text
        wrong = client.post("/sources/list", data={"api_key": "nope"})
        assert wrong.status_code == 401 and "Remarks at the harbor" not in wrong.text

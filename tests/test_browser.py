"""The web page in a real Chromium (Debian's, driven by Playwright): checking, sources, hostile input."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_support import ARTICLE, SOURCES, live_server, stored

from api.app import create_app
from factcheck.pipeline import Components

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(os.environ.get("FACTCHECK_SCREENSHOTS", "")) if os.environ.get("FACTCHECK_SCREENSHOTS") else None
HOSTILE_ARTICLE = (
    'Maria Delgado said "<script>window.__pwned = 1; alert(1)</script> we will rebuild the seawall" and '
    '<img src=x onerror="window.__pwned = 2; alert(2)"> then Thomas Whitfield said '
    '"<img src=y onerror=alert(3)> public transit ridership has doubled."'
)
HOSTILE_SOURCE = {
    "id": "hostile<script>alert(4)</script>",
    "text": '<img src=z onerror="alert(5)"> Public transit ridership has doubled. <script>alert(6)</script>',
    "speaker": "<img src=w onerror=alert(7)>",
    "title": "<script>window.__pwned = 3; alert(8)</script>Hostile title",
    "url": "javascript:alert(9)",
}


@pytest.fixture
def site(components: Components) -> Iterator[str]:
    app = create_app(components.settings, components)
    with live_server(app) as base:
        yield base


@pytest.fixture
def loaded_site(site: str, components: Components) -> str:
    components.get_store().add_documents(stored(SOURCES))
    return site


def shoot(page: Any, name: str) -> None:
    if SCREENSHOTS is not None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def assert_inert(page: Any) -> None:
    assert page.dialogs == []
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.locator("main script, main img, main [onerror], main [onmouseover]").count() == 0
    assert page.locator("main a[href^='javascript']").count() == 0


def test_paste_submit_and_see_highlights_and_diff(loaded_site: str, page: Any) -> None:
    page.goto(loaded_site + "/")
    page.locator("#text").focus()
    page.keyboard.insert_text(ARTICLE)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "check-button"
    page.keyboard.press("Enter")
    page.wait_for_selector("#results .card")
    assert page.locator("#results mark.q").count() == 4
    assert page.locator("#results .card").count() == 4
    assert page.locator("#results .article .spk").count() >= 2
    assert page.locator("#results mark.q.v-verified").count() >= 1
    assert page.locator("#results .card ins.d-ins, #results .card del.d-del").count() >= 1
    assert page.locator("#results .card .actual").first.inner_text() == "Actually said by Thomas Whitfield"
    # The highlighted text is exactly the article's quote text.
    quoted = page.locator("#results mark.q.v-verified").first.inner_text()
    assert "rebuild the seawall" in quoted
    total = page.locator("#results .summary .total strong").inner_text()
    assert total == "4"
    counts = [int(x) for x in page.locator("#results .summary .chip strong").all_inner_texts()]
    assert sum(counts) == 4
    assert page.url.endswith("/")  # rendered in place by the script, no navigation
    shoot(page, "results.png")
    page.set_viewport_size({"width": 380, "height": 800})
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    shoot(page, "results-narrow.png")
    assert page.dialogs == []


def test_plain_form_without_javascript(loaded_site: str, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(loaded_site + "/")
    page.fill("#text", ARTICLE)
    page.click("#check-button")
    page.wait_for_url("**/check#results")
    assert page.locator("mark.q").count() == 4
    assert page.locator(".card del.d-del, .card ins.d-ins").count() >= 1
    context.close()


def test_blank_article_shows_a_message(site: str, page: Any) -> None:
    page.goto(site + "/")
    page.fill("#text", "   ")
    page.click("#check-button")
    assert page.locator("#error").inner_text() == "Paste an article first."
    assert page.locator("#results").is_hidden()


def test_upload_a_source_and_find_it_listed_then_delete_it(site: str, page: Any, tmp_path: Path) -> None:
    source = tmp_path / "town-hall.txt"
    source.write_text("The ferry will run every hour starting in June, and tickets will cost one dollar.")
    page.goto(site + "/sources")
    page.set_input_files("#file", str(source))
    assert "town-hall.txt" in page.locator("#file-list").inner_text()
    page.fill("input[name=speaker]", "Ana Ruiz")
    page.fill("input[name=title]", "Town hall on ferries")
    page.click("#upload-button")
    page.wait_for_url("**/sources?added=1*")
    row = page.locator("table.sources tbody tr", has_text="Town hall on ferries")
    assert row.count() == 1 and "Ana Ruiz" in row.inner_text()
    assert page.locator("#notice").inner_text().startswith("Added 1 document")
    shoot(page, "sources.png")
    page.set_viewport_size({"width": 380, "height": 800})
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    shoot(page, "sources-narrow.png")
    page.set_viewport_size({"width": 1280, "height": 900})

    # Drag and drop a second file onto the drop zone.
    transfer = page.evaluate_handle(
        """() => { const dt = new DataTransfer();
                   const text = 'Ferries are the future of this city.';
                   dt.items.add(new File([text], 'dropped.md', {type: 'text/markdown'}));
                   return dt; }"""
    )
    page.dispatch_event("#drop-zone", "drop", {"dataTransfer": transfer})
    assert "dropped.md" in page.locator("#file-list").inner_text()
    page.click("#upload-button")
    page.wait_for_selector("table.sources tbody tr >> text=dropped")
    assert page.locator("#total").inner_text() == "2"

    page.locator("table.sources tbody tr", has_text="Town hall on ferries").get_by_role("button").click()
    page.locator("dialog#confirm-delete[open]").get_by_role("button", name="Delete").click()
    page.wait_for_selector("#notice >> text=Document deleted.")
    assert page.locator("table.sources tbody tr", has_text="Town hall on ferries").count() == 0
    assert page.locator("#total").inner_text() == "1"
    assert page.dialogs == []


def test_an_upload_shows_its_warnings_per_file_with_what_to_do(
    site: str, browser: Any, page: Any, tmp_path: Path
) -> None:
    words = "The ferry will run every hour starting in June, and tickets will cost one dollar."
    for name in ("ferry.txt", "ferry-copy.txt"):
        (tmp_path / name).write_text(words, encoding="utf-8")
    files = [str(tmp_path / "ferry.txt"), str(tmp_path / "ferry-copy.txt")]
    page.goto(site + "/sources")
    page.set_input_files("#file", files)
    page.click("#upload-button")
    page.wait_for_selector("#upload-warnings:not([hidden]) li")
    items = page.locator("#upload-warnings li")
    assert items.count() == 3
    speakerless = page.locator("#upload-warnings li[data-kind=no_speaker]").all_inner_texts()
    assert [("ferry.txt" in t, "Speaker field" in t) for t in speakerless] == [(True, True), (False, True)]
    assert "Delete button" in page.locator("#upload-warnings li[data-kind=same_text]").inner_text()
    assert page.locator("#notice").inner_text().startswith("Added 2 document")
    page.wait_for_selector("table.sources tbody tr >> text=ferry-copy.txt")
    shoot(page, "upload-warnings.png")
    # Without the script, the plain form shows the same warnings.
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(site + "/sources")
    plain.set_input_files("#file", files)
    plain.click("#upload-button")
    plain.wait_for_load_state()
    assert plain.locator("#upload-warnings li").count() == 3
    assert (
        "0 document" in plain.locator("#notice").inner_text()
        and "2 already stored" in plain.locator("#notice").inner_text()
    )
    context.close()


def test_a_card_says_what_its_confidence_means(loaded_site: str, page: Any) -> None:
    page.goto(loaded_site + "/")
    page.fill("#text", ARTICLE)
    page.click("#check-button")
    page.wait_for_selector("#results .card")
    card = page.locator("#results .card.v-not_found")
    help_text = card.locator(".conf-help")
    help_text.locator("summary").click()
    said = help_text.inner_text()
    assert "estimated chance that the verdict is right" in said and "verify_realworld" in said
    assert "other wording" in said  # what low means for not_found


def test_hostile_article_and_source_render_inert(site: str, components: Components, page: Any) -> None:
    components.get_store().add_documents(stored([*SOURCES, HOSTILE_SOURCE]))
    page.goto(site + "/sources")
    assert page.locator("table.sources", has_text="Hostile title").count() == 1
    assert page.locator("table.sources", has_text="<script>").count() == 1  # shown as text
    assert_inert(page)

    page.goto(site + "/")
    page.fill("#text", HOSTILE_ARTICLE)
    page.click("#check-button")
    page.wait_for_selector("#results .card")
    assert "<script>" in page.locator("#results .article").inner_text()
    assert_inert(page)

    # The same through the server-rendered form.
    page.goto(site + "/")
    page.evaluate("() => document.getElementById('check-form').submit()")
    page.wait_for_url("**/check#results")
    assert_inert(page)
    page.fill("#text", HOSTILE_ARTICLE)
    page.evaluate("() => document.getElementById('check-form').submit()")
    page.wait_for_selector(".card")
    assert_inert(page)


def test_api_docs_render_offline_under_the_strict_policy(site: str, page: Any) -> None:
    errors: list[str] = []
    requested: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site + "/docs")
    page.locator(".opblock-summary-path", has_text="/v1/check").first.wait_for(timeout=15_000)
    assert page.locator(".opblock").count() >= 10
    # Open one operation: its request body schema comes from our OpenAPI document.
    page.locator(".opblock-summary", has_text="/v1/check/quote").first.click()
    page.get_by_text("Check one quote and its claimed speaker").first.wait_for()
    shoot(page, "docs.png")
    assert errors == []
    assert requested and all(url.startswith(site) for url in requested)

"""Cards of quotes whose words were judged alone, in a real Chromium: who said them, why no one was checked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from api_support import SEAWALL, SOURCES, UNNAMED_ARTICLE, live_server, stored

from api.app import create_app
from factcheck.pipeline import Components
from factcheck.types import CheckResult, Document, Quote, Speaker

pytestmark = pytest.mark.browser

FERRY = "The night ferry to the islands will carry bicycles free of charge from the first of July."
# A speaker name that is markup: the card must show it as text.
HOSTILE_SPEAKER = '<img src=x onerror="window.__pwned = 1">Ines Moreau'
ARTICLE = f'{UNNAMED_ARTICLE}\n\nA notice at the pier read "{FERRY}"'
UNNAMED = "the article does not name the speaker"


@pytest.fixture
def site(components: Components) -> Iterator[str]:
    notice = Document(id="ferry-notice", text=FERRY, speaker=HOSTILE_SPEAKER, title="Ferry notice")
    components.get_store().add_documents([*stored(SOURCES), notice])
    with live_server(create_app(components.settings, components)) as base:
        yield base


def _unchecked_lines(page: Any) -> list[str]:
    return [" ".join(text.split()) for text in page.locator(".card .actual.unchecked").all_inner_texts()]


def _assert_inert(page: Any) -> None:
    assert page.dialogs == []
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.locator("main img, main [onerror]").count() == 0


def test_cards_say_who_said_words_no_one_named_in_the_article_said(site: str, page: Any) -> None:
    page.goto(site + "/")
    page.fill("#text", ARTICLE)
    page.click("#check-button")
    page.wait_for_selector("#results .card")
    assert page.url.endswith("/")  # rendered by the script
    assert _unchecked_lines(page) == [f"said by Maria Delgado; {UNNAMED}", f"said by {HOSTILE_SPEAKER}; {UNNAMED}"]
    assert page.locator(".card .actual.unchecked strong").all_inner_texts() == ["Maria Delgado", HOSTILE_SPEAKER]
    # No one is accused: the misattribution line is not shown.
    assert page.locator(".card .actual:not(.unchecked)").count() == 0
    _assert_inert(page)


def test_the_page_without_javascript_says_the_same(site: str, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.dialogs = []
    page.goto(site + "/")
    page.fill("#text", ARTICLE)
    page.click("#check-button")
    page.wait_for_url("**/check#results")
    assert _unchecked_lines(page) == [f"said by Maria Delgado; {UNNAMED}", f"said by {HOSTILE_SPEAKER}; {UNNAMED}"]
    _assert_inert(page)
    context.close()


def test_an_uncertain_speaker_is_shown_as_the_reason(site: str, components: Components, page: Any) -> None:
    # The verifier's own answer for a speaker the extraction is unsure of, served to the page as the API's.
    speaker = Speaker(name="Thomas Whitfield", mention="he", confidence=0.7)
    quote = components.pipeline().check_quote(
        Quote(text=SEAWALL, start=0, end=len(SEAWALL), kind="direct", speaker=speaker)
    )
    body = json.dumps(CheckResult(quotes=[quote]).model_dump(mode="json"))
    page.route("**/v1/check", lambda route: route.fulfill(status=200, content_type="application/json", body=body))
    page.goto(site + "/")
    page.fill("#text", SEAWALL)
    page.click("#check-button")
    page.wait_for_selector("#results .card")
    assert _unchecked_lines(page) == ["said by Maria Delgado; the article's speaker is uncertain"]
    assert page.locator(".card .badge").inner_text() == "Verified"
    _assert_inert(page)

"""The page in a real Chromium as a fact-checker works with it: filtering, following a long article, deleting
with care, sources behind a key, and the API docs with a key."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from api_support import ARTICLE, SOURCES, live_server, stored

from api.app import create_app
from factcheck.config import Settings
from factcheck.pipeline import Components

pytestmark = pytest.mark.browser

KEY = "br0wser-key"
FILLER = (
    "The council met in the old hall, where residents lined up along the walls to speak about rents, parking "
    "and the harbor. Several of them had waited since the afternoon, and the chair let each of them finish. "
    "Reporters counted more than two hundred people in the room by the time the first vote was called. "
)
QUOTES = [
    ("We will rebuild the seawall before the next storm season", "Maria Delgado"),
    ("Public transit ridership has tripled since the new lines opened", "Thomas Whitfield"),
    ("I will not sign any bill that cuts funding for libraries", "Maria Delgado"),
    ("Every family deserves a home that stays dry", "Maria Delgado"),
    ("Our rivals have no plan for the ferry terminal and never did", "Thomas Whitfield"),
    ("The budget before you is balanced for the first time in a decade", "Thomas Whitfield"),
]
# Long enough that the article is much taller than the window beside its cards.
LONG_ARTICLE = "\n\n".join(f'{FILLER * 2}"{quote}," {speaker} said.' for quote, speaker in QUOTES * 2)


@contextmanager
def _site(components: Components, **overrides: Any) -> Iterator[str]:
    settings = Settings(**(components.settings.model_dump() | overrides))
    shared = Components(settings, embedder=components.embedder, nlp=components.nlp)
    shared.get_store().add_documents(stored(SOURCES))
    with live_server(create_app(settings, shared)) as base:
        yield base


@pytest.fixture
def site(components: Components) -> Iterator[str]:
    with _site(components) as base:
        yield base


def _check(page: Any, base: str, text: str) -> None:
    page.goto(base + "/")
    page.fill("#text", text)
    page.click("#check-button")
    page.wait_for_selector("#results .card")


def _visible_cards(page: Any) -> list[str]:
    labels: list[str] = page.eval_on_selector_all(
        "#results article.card",
        "cards => cards.filter(c => c.offsetParent !== null).map(c => c.className.match(/v-(\\w+)/)[1])",
    )
    return labels


def _rect(page: Any, selector: str) -> dict[str, float]:
    rect: dict[str, float] = page.eval_on_selector(
        selector, "e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; }"
    )
    return rect


NAMES = {
    "verified": "Verified",
    "altered": "Altered",
    "misattributed": "Misattributed",
    "out_of_context": "Out of context",
    "not_found": "Not found",
}


def test_verdict_chips_filter_the_cards_and_the_highlights(site: str, page: Any) -> None:
    _check(page, site, ARTICLE)
    labels = _visible_cards(page)
    assert len(labels) == 4
    first, *others = sorted(set(labels), key=labels.index)
    assert others, "the sample article gets more than one verdict"
    chip = page.get_by_role("button", name=NAMES[first])
    assert chip.get_attribute("aria-pressed") == "false"
    chip.click()
    assert chip.get_attribute("aria-pressed") == "true"
    assert _visible_cards(page) == [first] * labels.count(first)
    # Highlights of other verdicts are dimmed in the article; the chosen ones stay marked.
    assert page.locator(f"#results mark.q.v-{first}:not(.dimmed)").count() == labels.count(first)
    assert page.locator("#results mark.q.dimmed").count() == len(labels) - labels.count(first)
    assert f"{labels.count(first)} of 4" in page.locator("#filter-status").inner_text()
    page.get_by_role("button", name=NAMES[others[0]]).click()
    assert sorted(_visible_cards(page)) == sorted(label for label in labels if label in (first, others[0]))
    page.get_by_role("button", name=NAMES[first]).click()
    page.get_by_role("button", name=NAMES[others[0]]).click()
    assert len(_visible_cards(page)) == 4 and page.locator("#results mark.q.dimmed").count() == 0
    # A verdict no quote has cannot be chosen.
    [unused, *_] = [label for label in NAMES if label not in labels]
    assert page.get_by_role("button", name=NAMES[unused]).is_disabled()
    assert page.dialogs == []


def test_results_scroll_into_view_and_announce_themselves(site: str, page: Any, browser: Any) -> None:
    page.set_viewport_size({"width": 1280, "height": 700})
    _check(page, site, ARTICLE)
    heading = _rect(page, "#results-title")
    assert 0 <= heading["top"] <= 80, heading
    assert page.evaluate("() => document.activeElement.id") == "results-title"
    announced = page.locator("#announce").inner_text()
    labels = _visible_cards(page)
    assert announced.startswith("4 quotes checked: ")
    for label in set(labels):
        assert f"{labels.count(label)} {NAMES[label].lower()}" in announced
    assert page.locator("#announce").get_attribute("aria-live") == "polite"

    # Without JavaScript the answer page opens at the results too.
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 700})
    plain = context.new_page()
    plain.goto(site + "/")
    plain.fill("#text", ARTICLE)
    plain.click("#check-button")
    plain.wait_for_selector("#results .card")
    assert plain.url.endswith("/check#results")
    assert 0 <= _rect(plain, "#results")["top"] <= 80
    context.close()


def test_the_article_stays_beside_the_cards_and_marks_the_current_quote(site: str, page: Any) -> None:
    page.set_viewport_size({"width": 1400, "height": 800})
    _check(page, site, LONG_ARTICLE)
    cards = page.locator("#results article.card").count()
    assert cards == len(QUOTES) * 2
    height = page.evaluate("() => window.innerHeight")
    for number in (cards - 2, 2, cards):
        page.eval_on_selector(f"#card-{number}", "card => card.scrollIntoView({block: 'center'})")
        page.wait_for_function(f"() => document.getElementById('q-{number}').classList.contains('current')")
        view = _rect(page, "#results .article-view")
        if number != cards:
            assert view["top"] >= -1 and view["bottom"] <= height + 1, (number, view, height)
        # The quote of the card in view is shown inside the article's box, and so in the window.
        box, mark = _rect(page, "#results .article"), _rect(page, f"#q-{number}")
        assert box["top"] - 1 <= mark["top"] and mark["bottom"] <= box["bottom"] + 1, (number, box, mark)
        assert mark["top"] >= 0 and mark["bottom"] <= height, (number, mark)
        assert page.locator("#results mark.q.current").count() == 1
    # On a narrow screen the article simply comes first.
    page.set_viewport_size({"width": 420, "height": 800})
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_not_found_cards_show_nearest_passages_only_when_there_are_any(site: str, page: Any) -> None:
    _check(page, site, ARTICLE)
    cards = page.locator("#results article.card.v-not_found")
    assert cards.count() >= 1
    for card in cards.all():
        assert card.locator("h4").first.text_content() == "Nearest passages (none of them matches)"
        assert card.locator(".diff").count() == 0
        assert "Best source" not in card.inner_text()
        assert card.locator(".nearest li").count() >= 1

    # A not_found answer with no passage at all: no "nearest" heading, just the plain statement.
    answer = {
        "quotes": [
            {
                "text": "Nothing like this was said",
                "start": 1,
                "end": 27,
                "kind": "direct",
                "speaker": {"name": "Ana Ruiz", "mention": "Ruiz", "start": 35, "end": 39, "confidence": 0.9},
                "verdict": {"label": "not_found", "confidence": 0.9, "reasons": []},
                "evidence": [],
            }
        ]
    }
    page.route("**/v1/check", lambda route: route.fulfill(status=200, body=json.dumps(answer),
                                                          content_type="application/json"))  # fmt: skip
    _check(page, site, '"Nothing like this was said," said Ruiz.')
    lonely = page.locator("#results article.card.v-not_found")
    assert "Nearest" not in lonely.inner_text()
    assert lonely.locator(".none").inner_text() == "No passage in the loaded sources comes close to this quote."


def test_deleting_a_source_asks_first(site: str, page: Any, browser: Any) -> None:
    page.goto(site + "/sources")
    row = page.locator("table.sources tbody tr", has_text="Remarks at the harbor")
    row.get_by_role("button", name="Delete Remarks at the harbor").click()
    dialog = page.locator("dialog#confirm-delete[open]")
    assert "Remarks at the harbor" in dialog.inner_text()
    dialog.get_by_role("button", name="Cancel").click()
    assert page.locator("dialog#confirm-delete[open]").count() == 0
    assert row.count() == 1 and page.locator("#total").inner_text() == "2"
    row.get_by_role("button", name="Delete Remarks at the harbor").click()
    page.locator("dialog#confirm-delete[open]").get_by_role("button", name="Delete").click()
    page.wait_for_selector("#notice >> text=Document deleted.")
    assert row.count() == 0 and page.locator("#total").inner_text() == "1"
    assert page.dialogs == []

    # Without JavaScript the delete button leads to a confirmation page first.
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(site + "/sources")
    plain.locator("table.sources tbody tr", has_text="Budget hearing testimony").get_by_role("button").click()
    assert "Delete “Budget hearing testimony”?" in plain.locator("main").inner_text()
    plain.goto(site + "/sources")
    assert plain.locator("table.sources tbody tr", has_text="Budget hearing testimony").count() == 1
    plain.locator("table.sources tbody tr", has_text="Budget hearing testimony").get_by_role("button").click()
    plain.get_by_role("button", name="Delete").click()
    assert "Document deleted." in plain.locator("#notice").inner_text()
    assert plain.locator("table.sources tbody tr").count() == 0
    context.close()


def test_sources_behind_a_key_are_listed_once_it_is_given_and_it_stays_out_of_the_url(
    components: Components, page: Any
) -> None:
    with _site(components, api_key=KEY, protect="all") as base:
        page.goto(base + "/sources")
        assert "Stored documents (0)" not in page.locator("main").inner_text()
        page.fill("#session-key", KEY)
        page.click("#session-key-button")
        page.wait_for_selector("table.sources tbody tr >> text=Remarks at the harbor")
        assert page.locator("#total").inner_text() == "2"
        assert KEY not in page.url
        # The key stays for this browser session: other pages and a reload need it no more.
        page.goto(base + "/")
        page.goto(base + "/sources")
        page.wait_for_selector("table.sources tbody tr >> text=Budget hearing testimony")
        assert KEY not in page.url
        # A check with the session's key, and a wrong key is said to be wrong.
        _check(page, base, ARTICLE)
        assert page.locator("#results article.card").count() == 4
        page.evaluate("() => sessionStorage.setItem('factcheck-api-key', 'wrong')")
        page.goto(base + "/sources")
        page.wait_for_selector("#error:not([hidden])")
        assert "API key" in page.locator("#error").inner_text()
        assert page.dialogs == []


def test_api_docs_offer_authorize_and_try_it_out_with_the_key(components: Components, page: Any) -> None:
    with _site(components, api_key=KEY, protect="all") as base:
        page.goto(base + "/docs")
        page.locator(".btn.authorize").first.wait_for(timeout=15_000)
        page.locator(".btn.authorize").first.click()
        page.locator(".modal-ux input").first.fill(KEY)
        page.locator(".modal-ux .btn.authorize").first.click()
        page.locator(".modal-ux .btn-done").first.click()
        page.locator(".opblock-summary", has_text="/v1/speakers").first.click()
        page.get_by_role("button", name="Try it out").click()
        page.get_by_role("button", name="Execute").click()
        status = page.locator(".live-responses-table .response .response-col_status").first
        status.wait_for(timeout=15_000)
        assert status.inner_text().strip() == "200"

"""The dashboard in headless Chromium (Debian's ``chromium`` driven by Playwright).

A real ``uvicorn`` serves a store built by the real ``dragoman code`` on the bundled samples
(what ``make demo`` codes). Every page must load without a console error or a failed request;
the tests also filter the event browser, open an article, paste the seed article, and use a
narrow window and the keyboard. Screenshots go to ``docs/screenshots/`` (or to
``$DRAGOMAN_SCREENSHOTS``).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from dragoman.api import LOOPBACK_HOSTS, create_app
from dragoman.cli import main
from dragoman.store import open_store

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"  # the corpus of `make demo`, so the screenshots show the demo
SEED = ROOT / "samples" / "2014-04-29-russia-cuba-talks.txt"
SCREENSHOTS = Path(os.environ.get("DRAGOMAN_SCREENSHOTS", ROOT / "docs" / "screenshots"))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CHROMIUM.exists():
        pytest.skip(
            "Debian chromium is not installed at /usr/bin/chromium "
            "(apt-get install chromium, or make test as root installs it)"
        )
    db = tmp_path_factory.mktemp("browser") / "dashboard.duckdb"
    assert main(["code", str(SAMPLES), "--db", str(db)]) == 0
    return db


@pytest.fixture(scope="module")
def base_url(store_path: Path) -> Iterator[str]:
    port = free_port()
    app = create_app(store_path, allowed_hosts=LOOPBACK_HOSTS)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive(), "the server stopped while starting"
        assert time.monotonic() < deadline, "the server did not start in 20 s"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


@dataclass
class Watched:
    """A page with every console error, page error and failed request it produced."""

    page: Any
    problems: list[str] = field(default_factory=list)


@pytest.fixture()
def tab(browser: Any) -> Iterator[Watched]:
    page = browser.new_page()
    watched = Watched(page)
    page.on(
        "console",
        lambda m: (
            watched.problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda e: watched.problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: watched.problems.append(f"request failed: {r.url}"))
    page.on(
        "response",
        lambda r: watched.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    yield watched
    page.close()


def shoot(page: Any, name: str, *, full_page: bool = True) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def seed_doc_id(store_path: Path) -> str:
    with open_store(store_path, read_only=True) as store:
        rows = store.query("documents", q="Lavrov").dicts()
    assert rows, "the seed article is not in the store"
    return str(rows[0]["doc_id"])


def test_each_page_loads_without_console_errors(
    tab: Watched, base_url: str, store_path: Path
) -> None:
    doc_id = seed_doc_id(store_path)
    pages = {
        "overview": "/",
        "browse": "/browse",
        "article": f"/articles/{doc_id}",
        "dyad": "/dyad?source=RUS&target=CUB",
        "network": "/network",
        "paste": "/paste",
    }
    for name, path in pages.items():
        tab.page.goto(base_url + path)
        tab.page.wait_for_selector("body[data-ready=true]")
        assert tab.page.title().endswith("dragoman"), name
        shoot(tab.page, name)
    for chart in ("/", "/dyad?source=RUS&target=CUB", "/network"):
        tab.page.goto(base_url + chart)
        tab.page.wait_for_selector("body[data-ready=true]")
        assert tab.page.locator(".chart canvas").count() >= 1, f"no chart drawn on {chart}"
    tab.page.goto(base_url + "/docs")
    tab.page.wait_for_selector(".swagger-ui .info .title")
    assert "dragoman" in tab.page.inner_text(".swagger-ui .info .title")
    shoot(tab.page, "api-docs", full_page=False)
    assert tab.problems == []


def test_filter_narrows_the_event_browser(tab: Watched, base_url: str) -> None:
    page = tab.page
    page.goto(base_url + "/browse")
    all_rows = page.locator("tr.event-row").count()
    page.fill("input[name=source]", "RUS")
    page.select_option("select[name=quad_class]", "1")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    narrowed = page.locator("tr.event-row")
    assert 0 < narrowed.count() < all_rows
    for text in narrowed.locator("td:nth-child(2)").all_inner_texts():
        assert "RUS" in text
    assert re.match(r"Events 1–\d+ of \d+", page.inner_text("#result-count"))
    assert "source=RUS" in page.url and "quad_class=1" in page.url
    shoot(page, "browse-filtered")
    assert tab.problems == []


def test_article_shows_its_events_highlighted_and_keys_move_between_them(
    tab: Watched, base_url: str, store_path: Path
) -> None:
    page = tab.page
    page.goto(f"{base_url}/articles/{seed_doc_id(store_path)}")
    page.wait_for_selector("body[data-ready=true]")
    marks = page.locator("#article-text mark.ev")
    cards = page.locator("#event-list .card[data-index]")
    assert marks.count() >= 5
    assert cards.count() >= 5
    page.keyboard.press("j")
    assert "active" in (cards.nth(0).get_attribute("class") or "")
    assert page.evaluate("document.activeElement.classList.contains('jump')")
    page.keyboard.press("j")
    assert "active" in (cards.nth(1).get_attribute("class") or "")
    assert page.locator("#article-text mark.ev.active").count() >= 1
    marks.nth(0).click()
    assert page.locator("#event-list .card.active").count() == 1
    assert tab.problems == []


def test_pasted_seed_article_shows_its_events(tab: Watched, base_url: str) -> None:
    page = tab.page
    page.goto(base_url + "/paste")
    page.fill("#paste-text", SEED.read_text(encoding="utf-8"))
    page.fill("input[name=date]", "2014-04-29")
    with page.expect_navigation(timeout=120_000):
        page.click("#paste-submit")
    page.wait_for_selector("body[data-ready=true]")
    assert "nothing was stored" in page.inner_text("main")
    marks = page.locator("#article-text mark.ev")
    assert marks.count() >= 5
    highlighted = " ".join(marks.all_inner_texts())
    assert "Lavrov" in highlighted
    first_card = page.inner_text("#event-list .card[data-index='0']")
    assert "CONSULT" in first_card and "RUS" in first_card and "CUB" in first_card
    shoot(page, "pasted-article", full_page=False)
    assert tab.problems == []


def test_keyboard_reaches_the_content_and_focus_is_visible(tab: Watched, base_url: str) -> None:
    page = tab.page
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.tagName")
    assert focused in ("INPUT", "A", "BUTTON", "SUMMARY", "SELECT")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    assert tab.problems == []


@pytest.mark.parametrize("path", ["/", "/browse", "/network", "/paste"])
def test_narrow_window_has_no_sideways_scrolling(browser: Any, base_url: str, path: str) -> None:
    page = browser.new_page()
    page.set_viewport_size({"width": 380, "height": 800})
    try:
        page.goto(base_url + path)
        page.wait_for_selector("body[data-ready=true]")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px at 380px"
        if path == "/":
            shoot(page, "overview-narrow")
    finally:
        page.close()

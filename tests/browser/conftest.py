"""Browser tests: Debian's chromium, driven by Playwright's sync API, against pytest-django's live server.

Never `playwright install` (it downloads a browser). Without /usr/bin/chromium the tests are skipped with
how to install it; under CI (CI=true) a missing browser is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test (fixtures)
# would otherwise be refused as "async unsafe".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run",
]  # fmt: skip
SCREENS = Path(os.environ.get("TONGKET_SCREENS", "/tmp/screens"))


def pytest_collection_modifyitems(items):
    """Every test in this folder is a browser test."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    """The headless browser, once for the session."""
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: install it with `apt-get install chromium` (never `playwright install`)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def live_world(transactional_db, settings):
    """The test world in a database the live server's thread sees (committed, not in a transaction)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from tongket.core.testing import make_world

    return make_world()


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser context (no cookies) with a desktop-sized window."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot into /tmp/screens/ (to look at)."""
    SCREENS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take

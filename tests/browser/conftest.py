"""A real server (``calcidx serve``) and Debian's headless Chromium driven by Selenium.

The browser is never downloaded: ``scripts/ci/browser.sh`` (``make browser``) installs Debian's
``chromium`` and ``chromium-driver`` and a pinned axe-core from npm. Missing pieces fail the tests
in CI (``CI=true``) and skip them, with the reason, elsewhere.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
AXE = HERE / ".cache" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = HERE / "screenshots"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
]


def missing(what: str) -> None:
    """Fail in CI, skip elsewhere: a browser test never passes without its browser."""
    reason = f"{what} is missing; run `make browser` (scripts/ci/browser.sh)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serving(log: Path, *, extra_env: dict[str, str] | None = None, wait_s: float = 180) -> Iterator[str]:
    """``calcidx serve`` on a free loopback port (development settings, no token), once it answers
    its health check; yields its base URL and stops it afterwards."""
    port = _free_port()
    env = {**os.environ, "CALCIDX_ENVIRONMENT": "development", **(extra_env or {})}
    env.pop("CALCIDX_API_TOKEN", None)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "calcidx", "serve", "--host", "127.0.0.1", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/v1/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"calcidx serve did not start: {log.read_text()[-2000:]}")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``calcidx serve`` on a free loopback port, warmed; yields its base URL."""
    with serving(tmp_path_factory.mktemp("server") / "serve.log") as base:
        yield base


@pytest.fixture(scope="session")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Headless Debian Chromium with a fresh profile and no background networking."""
    chromium = shutil.which("chromium")
    chromedriver = shutil.which("chromedriver")
    if chromium is None:
        missing("chromium (Debian package chromium)")
    if chromedriver is None:
        missing("chromedriver (Debian package chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(chromium)
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(str(chromedriver)), options=options)
    browser.set_page_load_timeout(120)
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core, installed from the npm registry by scripts/ci/browser.sh."""
    if not AXE.exists():
        missing(f"axe-core ({AXE.relative_to(ROOT)})")
    return AXE.read_text(encoding="utf-8")


def screenshot(driver: object, name: str, *, width: int = 1280, full: bool = True) -> Path:
    """Save a screenshot (whole page height when ``full``) under tests/browser/screenshots/."""
    SHOTS.mkdir(exist_ok=True)
    resize(driver, width)
    if full:
        height = driver.execute_script("return document.documentElement.scrollHeight")  # type: ignore[attr-defined]
        driver.set_window_size(width, min(int(height) + 120, 8000))  # type: ignore[attr-defined]
    path = SHOTS / f"{name}.png"
    driver.save_screenshot(str(path))  # type: ignore[attr-defined]
    resize(driver, 1280)
    return path


def submit(driver: object, button: object, *, timeout: float = 90) -> None:
    """Click ``button`` (or press Enter with it focused) and wait until the next page has loaded."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")  # type: ignore[attr-defined]
    if button is None:
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        ActionChains(driver).send_keys(Keys.ENTER).perform()  # type: ignore[arg-type]
    else:
        button.click()  # type: ignore[attr-defined]
    WebDriverWait(driver, timeout).until(lambda _d: _gone(old))  # type: ignore[arg-type]
    _wait_loaded(driver, timeout)


def _gone(element: object) -> bool:
    """True once ``element`` no longer belongs to the page (the next page has replaced it).

    Chromium answers a check on a node of the unloading page either with a stale-element error or,
    mid-navigation, with "Node with given id does not belong to the document": both mean it is gone.
    """
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    try:
        element.is_enabled()  # type: ignore[attr-defined]
    except StaleElementReferenceException:
        return True
    except WebDriverException as exc:
        if "does not belong to the document" in str(exc):
            return True
        raise
    return False


def _wait_loaded(driver: object, timeout: float) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # The footer is the last element of every page: once it exists the whole page is parsed.
    WebDriverWait(driver, timeout).until(  # type: ignore[arg-type]
        lambda d: (
            d.execute_script("return document.readyState") == "complete"
            and d.find_elements(By.CSS_SELECTOR, "footer.site")
        )
    )


def load(driver: object, url: str, *, timeout: float = 90) -> None:
    """Open ``url`` and wait until the page is fully parsed."""
    driver.get(url)  # type: ignore[attr-defined]
    _wait_loaded(driver, timeout)


def resize(driver: object, width: int, height: int = 900) -> None:
    """Resize the window and wait until the page sees the new width."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.set_window_size(width, height)  # type: ignore[attr-defined]
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return window.innerWidth") <= width)  # type: ignore[arg-type]

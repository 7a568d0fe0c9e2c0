"""Browser tests: headless Chromium via Playwright, the Nu Html Checker and axe-core.

Fixtures (register with ``pytest_plugins = ["tests.browser_support"]``):

- ``browser``: one headless Chromium for the session (Debian's ``/usr/bin/chromium``;
  Playwright cannot download its own browsers here).
- ``page``: a fresh browser context and page per test, closed afterwards.

Helpers:

- ``block_network(page)``: aborts every request that is not ``file:``, ``data:``,
  ``about:`` or ``blob:``, and returns the list it records their URLs in.
- ``page_errors(page)``: records uncaught exceptions and ``console.error`` messages.
- ``validate_html(path)``: the W3C Nu Html Checker's errors for a file (``[]``: valid).
- ``run_axe(page)``: axe-core's violations for the loaded page;
  ``serious_violations`` keeps the serious and critical ones, ``describe_violations``
  formats them for an assertion message.
- ``require_browser_tools()``: skips (fails under ``CI=true``) when Chromium, Java,
  Playwright or the npm tools in ``tests/browser/node_modules`` are missing.
  ``scripts/test.sh`` installs all of them.

A test module may also say ``pytest_plugins = ["tests.browser_support"]`` itself after
importing helpers from here: PYTEST_DONT_REWRITE (this module has no asserts to
rewrite) keeps pytest from warning that it was imported first.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request, Route, WebSocketRoute

IN_CI = os.environ.get("CI", "").lower() == "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

BROWSER_TOOLS = Path(__file__).resolve().parent / "browser"
NODE_MODULES = BROWSER_TOOLS / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"

# Schemes a self-contained page may load from; anything else is a request leaving it.
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")
SERIOUS_IMPACTS = ("serious", "critical")


def missing_browser_tools() -> list[str]:
    """What the browser tests need and this machine lacks (empty: all there)."""
    missing: list[str] = []
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if shutil.which("java") is None:
        missing.append("java (apt-get install default-jre-headless)")
    if importlib.util.find_spec("playwright") is None:
        missing.append("the playwright Python package (pip install -e '.[test]')")
    for tool in (VNU_JAR, AXE_JS):
        if not tool.is_file():
            missing.append(f"{tool} (npm ci in tests/browser)")
    return missing


def require_browser_tools() -> None:
    """Skip the test when a browser tool is missing; under CI=true, fail it instead."""
    missing = missing_browser_tools()
    if not missing:
        return
    message = "browser tools missing, run scripts/test.sh to install: " + "; ".join(missing)
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


# --- fixtures ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium, shared by the whole session."""
    require_browser_tools()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh browser context (no cookies or storage from other tests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    try:
        yield context.new_page()
    finally:
        context.close()


# --- helpers -------------------------------------------------------------------------


def block_network(page: Page) -> list[str]:
    """Abort every request that would leave the page; return the list of their URLs.

    Call it before ``page.goto``. It covers the page's context (frames, popups,
    workers) and WebSockets. Assert the returned list is empty to prove the page
    loaded nothing from outside.
    """
    blocked: list[str] = []

    def on_request(route: Route, request: Request) -> None:
        if request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            blocked.append(request.url)
            route.abort("blockedbyclient")

    def on_websocket(ws: WebSocketRoute) -> None:
        blocked.append(ws.url)
        ws.close()

    page.context.route("**/*", on_request)
    page.context.route_web_socket("**/*", on_websocket)
    return blocked


def page_errors(page: Page) -> list[str]:
    """Record the page's uncaught exceptions and console.error messages from now on."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.on(
        "console",
        lambda message: (
            errors.append(f"console.error: {message.text}") if message.type == "error" else None
        ),
    )
    return errors


def validate_html(path: Path) -> list[dict[str, Any]]:
    """The Nu Html Checker's errors for an HTML file: an empty list means valid.

    Each error is vnu's JSON message (``message``, ``extract``, ``lastLine``,
    ``firstColumn``, ...). Raises RuntimeError when the checker itself fails.
    """
    require_browser_tools()
    if not Path(path).is_file():
        raise FileNotFoundError(path)
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        messages: list[dict[str, Any]] = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError) as exc:
        raise RuntimeError(
            f"vnu gave no JSON report (exit {result.returncode}): {result.stderr[-2000:]}"
        ) from exc
    failures = [m for m in messages if m.get("type") == "non-document-error"]
    if failures or result.returncode not in (0, 1):
        raise RuntimeError(f"vnu could not check {path} (exit {result.returncode}): {failures}")
    return [m for m in messages if m.get("type") == "error"]


def describe_html_errors(errors: list[dict[str, Any]]) -> str:
    """One line per vnu error, for an assertion message."""
    return "\n".join(
        f"line {e.get('lastLine', '?')}: {e.get('message')} [{e.get('extract', '').strip()}]"
        for e in errors
    )


def run_axe(page: Page, options: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """axe-core's violations for the page as loaded (all impacts).

    ``options`` goes to ``axe.run`` (e.g. ``{"runOnly": ["wcag2a", "wcag2aa"]}``).
    axe is injected as a script tag; where the page's Content-Security-Policy refuses
    it, through the DevTools protocol instead (which CSP does not govern).
    """
    require_browser_tools()
    from playwright.sync_api import Error as PlaywrightError

    if not page.evaluate("() => typeof window.axe === 'object'"):
        try:
            page.add_script_tag(path=AXE_JS)
        except PlaywrightError:
            pass  # refused by the page's CSP: injected below instead
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    violations: list[dict[str, Any]] = page.evaluate(
        """async (options) => {
            const results = await window.axe.run(document, options);
            return results.violations;
        }""",
        {"resultTypes": ["violations"], **(options or {})},
    )
    return violations


def serious_violations(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The violations whose impact is serious or critical."""
    return [v for v in violations if v.get("impact") in SERIOUS_IMPACTS]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """One line per axe violation (rule, impact, help, offending elements)."""
    return "\n".join(
        f"{v.get('id')} ({v.get('impact')}): {v.get('help')} at "
        + ", ".join(str(node.get("target")) for node in v.get("nodes", []))
        for v in violations
    )

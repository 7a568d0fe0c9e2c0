"""The browser-test tools work, and can fail: Chromium, the Nu Html Checker, axe-core."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tests.browser_support import (
    block_network,
    describe_html_errors,
    describe_violations,
    page_errors,
    run_axe,
    serious_violations,
    validate_html,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page

# The fixtures (browser, page); harmless once tests/conftest.py registers them too.
pytest_plugins = ["tests.browser_support"]

GOOD_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Browser tools check</title>
</head>
<body>
<main>
<h1>Browser tools check</h1>
<p id="status">Not clicked yet.</p>
<button type="button" id="go">Click me</button>
</main>
<script>
document.getElementById("go").addEventListener("click", () => {
  window.clicked = true;
  document.getElementById("status").textContent = "Clicked.";
});
</script>
</body>
</html>
"""

# No <title>, and a <div> inside a <p>, so that the </p> closes nothing.
INVALID_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"></head>
<body><p>Text <div>block</div> more</p></body>
</html>
"""

# An image without alt text: axe's image-alt rule (critical).
INACCESSIBLE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Inaccessible</title></head>
<body><main><h1>Picture</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20">
</main></body>
</html>
"""

# Tries to reach the network three ways: a stylesheet, an image and fetch().
LEAKY_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Leaky</title>
<link rel="stylesheet" href="https://example.invalid/style.css"></head>
<body><main><h1>Leaky</h1><img alt="remote" src="http://example.invalid/pixel.png"></main>
<script>fetch("https://example.invalid/api").catch(() => { window.fetchFailed = true; });</script>
</body>
</html>
"""


def _write(tmp_path: Path, name: str, html: str) -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def test_page_opens_clicks_validates_and_passes_axe(page: Page, tmp_path: Path) -> None:
    path = _write(tmp_path, "good.html", GOOD_PAGE)
    requests = block_network(page)
    errors = page_errors(page)

    page.goto(path.as_uri())
    assert page.title() == "Browser tools check"
    assert page.evaluate("() => window.clicked") is None
    page.get_by_role("button", name="Click me").click()
    assert page.evaluate("() => window.clicked") is True
    assert page.locator("#status").text_content() == "Clicked."

    screenshot = tmp_path / "good.png"
    page.screenshot(path=screenshot, full_page=True)
    assert screenshot.read_bytes().startswith(b"\x89PNG")

    assert requests == []
    assert errors == []
    html_errors = validate_html(path)
    assert html_errors == [], describe_html_errors(html_errors)
    violations = serious_violations(run_axe(page))
    assert violations == [], describe_violations(violations)


def test_validate_html_reports_invalid_markup(tmp_path: Path) -> None:
    errors = validate_html(_write(tmp_path, "invalid.html", INVALID_PAGE))
    text = describe_html_errors(errors)
    assert any("title" in e["message"] for e in errors), text
    assert any("No “p” element in scope" in e["message"] for e in errors), text


def test_run_axe_reports_image_without_alt(page: Page, tmp_path: Path) -> None:
    page.goto(_write(tmp_path, "inaccessible.html", INACCESSIBLE_PAGE).as_uri())
    violations = serious_violations(run_axe(page))
    assert [v["id"] for v in violations] == ["image-alt"], describe_violations(violations)


def test_block_network_records_requests_leaving_the_page(page: Page, tmp_path: Path) -> None:
    requests = block_network(page)
    page.goto(_write(tmp_path, "leaky.html", LEAKY_PAGE).as_uri())
    page.wait_for_function("() => window.fetchFailed === true")
    assert sorted(requests) == [
        "http://example.invalid/pixel.png",
        "https://example.invalid/api",
        "https://example.invalid/style.css",
    ]


def test_run_axe_works_under_a_strict_content_security_policy(page: Page, tmp_path: Path) -> None:
    csp = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
    html = INACCESSIBLE_PAGE.replace(
        '<meta charset="utf-8">',
        f'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{csp}">',
    )
    page.goto(_write(tmp_path, "csp.html", html).as_uri())
    violations = serious_violations(run_axe(page))
    assert [v["id"] for v in violations] == ["image-alt"], describe_violations(violations)

"""An accessibility audit of the page a browser test is on: axe-core in both colour schemes, at a
desktop and a phone width, plus the one thing axe cannot see, a page wider than the screen.

axe-core comes from web/'s devDependencies (or AXE_CORE_JS, which the Nix check sets): it runs in
the page, evaluated through the DevTools protocol, so the production Content Security Policy stays
in force while it runs.
"""

import os
from functools import cache
from pathlib import Path

import pytest
from playwright.sync_api import Page, ViewportSize

DESKTOP = ViewportSize(width=1280, height=900)
PHONE = ViewportSize(width=390, height=844)
# The narrowest screen WCAG 1.4.10 (reflow) asks a page to fit without sideways scrolling.
NARROWEST = ViewportSize(width=320, height=640)
SCHEMES = ("light", "dark")

DEFAULT_AXE = Path(__file__).parents[2] / "web" / "node_modules" / "axe-core" / "axe.min.js"

# Waits until colour transitions started by a change of scheme or width have ended, so contrast is
# measured on the final colours, then reports every violation of every rule axe runs by default.
RUN_AXE = """async () => {
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const transitions = document.getAnimations().filter((a) => a instanceof CSSTransition);
  await Promise.all(transitions.map((a) => a.finished.catch(() => null)));
  const { violations } = await axe.run(document, { resultTypes: ["violations"] });
  return violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}"""


@cache
def _axe_source() -> str:
    path = Path(os.environ.get("AXE_CORE_JS") or DEFAULT_AXE)
    if not path.is_file():
        pytest.fail(
            f"axe-core not found at {path}: run `pnpm --dir web install` (scripts/setup does), "
            "or set AXE_CORE_JS to axe-core's axe.min.js",
            pytrace=False,
        )
    return path.read_text()


def _axe_violations(page: Page) -> list[str]:
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(v['targets'])}"
        for v in page.evaluate(RUN_AXE)
    ]


def _overflow(page: Page) -> str | None:
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    return f"the page is {width}px wide on a {viewport}px screen" if width > viewport else None


def audit(page: Page, what: str) -> list[str]:
    """Every problem found on the current page, each line naming the state it was found in."""
    problems: list[str] = []
    original = page.viewport_size
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        for viewport in (DESKTOP, PHONE):
            page.set_viewport_size(viewport)
            where = f"{what}, {scheme}, {viewport['width']}px"
            problems += [f"{where}: {violation}" for violation in _axe_violations(page)]
    for viewport in (PHONE, NARROWEST):
        page.set_viewport_size(viewport)
        if overflow := _overflow(page):
            problems.append(f"{what}, {viewport['width']}px: {overflow}")
    page.emulate_media(color_scheme="light")
    if original is not None:
        page.set_viewport_size(original)
    return problems

"""An accessibility audit of the page a browser test is on: axe-core in both colour schemes, at a
desktop and a phone width, plus two things axe cannot see: a page wider than the screen, and a
focus indicator too faint to find.

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


# The focused element's outline, and its contrast with the nearest opaque background around it
# (the outline sits outside the element, on that background). Colours go through a canvas, which
# turns any CSS colour (oklch included) into sRGB bytes.
DESCRIBE_FOCUS = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const context = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
  const rgba = (color) => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = color;
    context.fillRect(0, 0, 1, 1);
    return context.getImageData(0, 0, 1, 1).data;
  };
  const luminance = (c) => {
    const linear = (v) => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    return 0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2]);
  };
  let background = [255, 255, 255, 255];
  for (let node = element.parentElement; node; node = node.parentElement) {
    const color = rgba(getComputedStyle(node).backgroundColor);
    if (color[3] === 255) { background = color; break; }
  }
  const style = getComputedStyle(element);
  const [lighter, darker] = [luminance(rgba(style.outlineColor)), luminance(background)].sort(
    (a, b) => b - a,
  );
  return {
    name: element.tagName.toLowerCase() + " " + (element.textContent || "").trim().slice(0, 30),
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    contrast: (lighter + 0.05) / (darker + 0.05),
  };
}"""
# WCAG 2.4.13 (focus appearance): at least 2px thick and 3:1 against what is around it.
MIN_FOCUS_WIDTH = 2
MIN_FOCUS_CONTRAST = 3


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


def focus_problems(page: Page, what: str, stops: int) -> list[str]:
    """Tabs through the first `stops` controls in both schemes; lists each faint focus indicator.

    The indicator must be an outline: a box-shadow ring disappears in forced-colours mode.
    """
    problems: list[str] = []
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        page.locator("body").focus()
        for _ in range(stops):
            page.keyboard.press("Tab")
            focus = page.evaluate(DESCRIBE_FOCUS)
            if focus is None:
                continue
            if (
                focus["style"] in ("none", "hidden")
                or focus["width"] < MIN_FOCUS_WIDTH
                or focus["contrast"] < MIN_FOCUS_CONTRAST
            ):
                problems.append(
                    f"{what}, {scheme}: focus on {focus['name']!r} is a {focus['width']}px "
                    f"{focus['style']} outline at {focus['contrast']:.2f}:1"
                )
    page.emulate_media(color_scheme="light")
    return problems

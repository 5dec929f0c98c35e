"""Emails from Jinja templates: an HTML part (shared layout, CSS inlined) and a plain-text part."""

import html as html_entities
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import css_inline
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    html: str
    text: str


@lru_cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache
def _inliner() -> css_inline.CSSInliner:
    return css_inline.CSSInliner()


def render_email(template: str, context: dict[str, Any]) -> RenderedEmail:
    """Renders `<template>.html` and `<template>.txt`; the HTML template sets the subject block."""
    env = _environment()
    html_template = env.get_template(f"{template}.html")
    # The subject block is rendered HTML-escaped (it is also the page title); the header wants text.
    subject_html = "".join(html_template.blocks["subject"](html_template.new_context(context)))
    subject = html_entities.unescape(subject_html).strip()
    html = _inliner().inline(html_template.render(context))
    text = env.get_template(f"{template}.txt").render(context).strip() + "\n"
    return RenderedEmail(subject=subject, html=html, text=text)

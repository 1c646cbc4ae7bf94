"""Markdown to safe HTML: markdown-it-py renders, nh3 removes anything unsafe."""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "td": {"style"},
    "th": {"style"},
}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # CommonMark plus tables; raw HTML in the source is escaped, not passed through.
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render_markdown(text: str) -> Markup:
    """Render an article body to sanitized HTML that templates may output as is.

    Pure function of the text, so recent results are kept: an article page renders its body
    twice (the page and the description) and popular pages are asked for again and again."""
    return _render(text or "")


@lru_cache(maxsize=256)
def _render(text: str) -> Markup:
    html = _parser().render(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
    )
    return Markup(clean)

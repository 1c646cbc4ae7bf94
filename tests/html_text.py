"""Reading pages the way the chrome-language tests need: visible UI text without content."""

from __future__ import annotations

import re
from html.parser import HTMLParser

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN = re.compile(r"[A-Za-z]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _ChromeText(HTMLParser):
    """Collects text outside <title>, <script>, <style> and any element with a lang attribute
    (the article content carries its own lang; everything else is the page's chrome)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.parts: list[str] = []
        self.attr_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skipped = tag in ("title", "script", "style") or (tag != "html" and "lang" in attrs)
        if not (self.stack and self.stack[-1]) and not skipped:
            # Visible attribute text (labels for screen readers, placeholders) is chrome too.
            for name in ("aria-label", "placeholder", "alt", "title"):
                if attrs.get(name):
                    self.attr_text.append(attrs[name])
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.attr_text.append(attrs["value"])
        if tag not in VOID:
            self.stack.append(skipped or bool(self.stack and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def chrome_text(html: str) -> str:
    """The UI text of a page: everything a reader sees that is not article content."""
    parser = _ChromeText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts + parser.attr_text).split())


def html_lang(html: str) -> str | None:
    match = re.search(r'<html lang="([a-z]+)"', html)
    return match.group(1) if match else None

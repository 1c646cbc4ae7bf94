"""Reading public pages the way crawlers and link previews do, and making test images."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from lxml import html as lxml_html
from PIL import Image

BASE = "http://localhost"


def path_of(url: str) -> str:
    """The path (and query) of an absolute URL on the test host."""
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == BASE, url
    return parts.path + (f"?{parts.query}" if parts.query else "")


def parse(page: str):
    return lxml_html.fromstring(page)


def hreflang_links(page: str) -> dict[str, str]:
    """hreflang → href of the page's <link rel=alternate hreflang> (no duplicates allowed)."""
    links = parse(page).xpath("//head/link[@rel='alternate'][@hreflang]")
    found = [(link.get("hreflang"), link.get("href")) for link in links]
    assert len(found) == len(dict(found)), f"duplicate hreflang: {found}"
    return dict(found)


def canonical(page: str) -> str | None:
    links = parse(page).xpath("//head/link[@rel='canonical']/@href")
    assert len(links) <= 1
    return links[0] if links else None


def meta(page: str, key: str) -> list[str]:
    """Contents of <meta property=key> or <meta name=key>, in order."""
    tree = parse(page)
    return tree.xpath(f"//head/meta[@property='{key}' or @name='{key}']/@content")


def text_of(page: str, css_class: str) -> list[str]:
    """Whitespace-normalized text of the elements with this class."""
    tree = parse(page)
    nodes = tree.xpath(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {css_class} ')]")
    return [" ".join(node.text_content().split()) for node in nodes]


def image_bytes(
    width: int = 800,
    height: int = 500,
    fmt: str = "JPEG",
    exif: dict | None = None,
    mode: str = "RGB",
    **save,
) -> bytes:
    """A real image in ``fmt``: a gradient in RGB, or a blank bilevel one (cheap when huge)."""
    if mode == "1":
        image = Image.new("1", (width, height))
    else:
        image = Image.linear_gradient("L").resize((width, height)).convert(mode)
    out = io.BytesIO()
    if exif:
        data = Image.Exif()
        for tag, value in exif.items():
            data[tag] = value
        save["exif"] = data
    image.save(out, fmt, **save)
    return out.getvalue()

"""QA of a whole article: the source's block structure (headings, list items, quotations,
tables) and its links, reference definitions included, as Markdown renders them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from flask_babel import gettext as _

from newsdesk.machine_translation.blocks import markdown_parser, parse_blocks
from newsdesk.review.checks import ERROR, Result

_MARKDOWN = markdown_parser()


def _rendered_links(body: str) -> tuple[Counter, dict[str, str]]:
    """The addresses of the links and images Markdown renders, and the definitions."""
    env: dict = {}
    addresses: Counter = Counter()
    for token in _MARKDOWN.parse(body, env):
        for child in token.children or ():
            if child.type == "link_open" or child.type == "image":
                addresses[str(child.attrs.get("href") or child.attrs.get("src") or "")] += 1
    definitions = {label: ref["href"] for label, ref in env.get("references", {}).items()}
    return addresses, definitions


def check_article_links(source_body: str, target_body: str) -> Iterator[Result]:
    """Every link of the source renders as a link in the translation (a changed reference
    label or a broken bracket leaves plain text), with the same address."""
    wanted, wanted_refs = _rendered_links(source_body)
    found, found_refs = _rendered_links(target_body)
    # Labels may be translated too: the definitions' addresses are what must survive.
    lost = Counter(wanted_refs.values()) - Counter(found_refs.values())
    for url in lost.elements():
        yield ERROR, _("The link to %(url)s is missing from the translation.", url=url)
    if lost:
        return
    referenced = set(wanted_refs.values())
    for url in (wanted - found).elements():
        if url in referenced:  # inline links are checked sentence by sentence
            yield (
                ERROR,
                _(
                    "The link to %(url)s no longer works in the translation: check its label "
                    "in brackets.",
                    url=url,
                ),
            )


def check_structure(source_body: str, target_body: str) -> Iterator[Result]:
    """The same blocks in the same order: headings, list items, quotes, tables, paragraphs."""
    kinds = [block.kind for block in parse_blocks(source_body).blocks]
    found = [block.kind for block in parse_blocks(target_body).blocks]
    if kinds != found:
        names = {
            "heading": _("heading"),
            "list_item": _("list item"),
            "blockquote": _("quotation"),
            "table_cell": _("table cell"),
            "paragraph": _("paragraph"),
        }
        for n, (want, have) in enumerate(zip(kinds, found, strict=False), 1):
            if want != have:
                yield (
                    ERROR,
                    _(
                        "Block %(number)d is a %(found)s in the translation but a %(wanted)s in "
                        "the source: keep the source's Markdown structure.",
                        number=n,
                        found=names.get(have, have),
                        wanted=names.get(want, want),
                    ),
                )
                return
        yield (
            ERROR,
            _(
                "The source has %(wanted)d blocks (paragraphs, headings, list items, quotes), "
                "the translation %(found)d: keep the source's Markdown structure.",
                wanted=len(kinds),
                found=len(found),
            ),
        )

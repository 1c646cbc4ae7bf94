"""The translation memory as TMX 1.4 (readable by CAT tools and translate-toolkit).

A memory unit is a Markdown sentence; its markup is written as TMX inline codes, so a CAT
tool protects it instead of offering URLs and asterisks as text to translate: a paired
mark or a link's brackets become ``<bpt>``/``<ept>`` around the words they mark, an image,
code span, HTML, escape, entity, autolink or footnote mark one ``<ph>``, the half of a
pair whose other half is in another sentence an ``<it>``. Each code holds the Markdown it
stands for, so a segment's text content (what translate-toolkit reads) is the sentence
exactly. Codes with the same Markdown in both languages share their ``x``.
"""

from __future__ import annotations

from collections import defaultdict, deque

from lxml import etree
from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.interop.inline import is_code
from newsdesk.machine_translation.mask import Token, find_tokens
from newsdesk.models import MemoryEntry

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA_TYPE = "application/x-tmx+xml"
_EMPHASIS = {"**": "bold", "__": "bold", "*": "italic", "_": "italic", "~~": "struck"}
_ATOMS = {"image": "image", "footnote": "fnote"}


def _stamp(entry: MemoryEntry) -> str:
    return (entry.updated_at or entry.created_at).strftime("%Y%m%dT%H%M%SZ")


def export_memory(source: str | None = None, target: str | None = None) -> bytes:
    """Every memory unit (or one direction's) as a TMX 1.4 document (UTF-8 bytes)."""
    query = select(MemoryEntry).order_by(MemoryEntry.id)
    if source:
        query = query.where(MemoryEntry.source_lang == source)
    if target:
        query = query.where(MemoryEntry.target_lang == target)
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool="newsdesk",
        creationtoolversion="0.1.0",
        segtype="sentence",
        datatype="plaintext",
        adminlang="en",
        srclang=source or "*all*",
        **{"o-tmf": "newsdesk"},
    )
    body = etree.SubElement(root, "body")
    segs = []
    for entry in db.session.scalars(query):
        unit = etree.SubElement(body, "tu", tuid=str(entry.id), srclang=entry.source_lang)
        unit.set("changedate", _stamp(entry))
        numbers = Numbers()
        for lang, other, text, side in (
            (entry.source_lang, entry.target_lang, entry.source_text, "source"),
            (entry.target_lang, entry.source_lang, entry.target_text, "target"),
        ):
            variant = etree.SubElement(unit, "tuv")
            variant.set(XML_LANG, lang)
            seg = etree.SubElement(variant, "seg")
            segs.append((seg, text, lang, other, numbers, side))
    etree.indent(root)  # before the segments are filled: their content is never indented
    for seg, *rest in segs:
        write_seg(seg, *rest)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


class Numbers:
    """``x`` numbers of one ``<tu>``: a target code takes the number of its source twin."""

    def __init__(self) -> None:
        self.count = 0
        self.free: dict[str, deque[int]] = defaultdict(deque)

    def take(self, markup: str, side: str) -> str:
        if side == "target" and self.free[markup]:
            return str(self.free[markup].popleft())
        self.count += 1
        if side == "source":
            self.free[markup].append(self.count)
        return str(self.count)


def write_seg(seg: etree._Element, text: str, lang: str, other: str, numbers, side: str) -> None:
    """Fill ``<seg>`` with ``text``, its Markdown markup as TMX 1.4 inline codes."""
    tokens = find_tokens(text, lang, other)
    codes = [n for n, token in enumerate(tokens) if is_code(token)]
    is_written, images = {n: True for n in codes}, set()
    end = -1
    for n in codes:  # an image is written whole as one <ph>, with the codes inside it
        token = tokens[n]
        if token.start < end:
            is_written[n] = False
        elif token.text == "![" and token.mate > n and token.mate in is_written:
            images.add(n)
            end = tokens[token.mate].end
    written = [n for n in codes if is_written[n]]
    paired = {
        n
        for n in written
        if is_written.get(tokens[n].mate) and (tokens[n].mate > n) == (tokens[n].role == "open")
    }
    pos, pairs = 0, 0
    i_of: dict[int, str] = {}  # an opening code's token number -> its pair's i
    for n in written:
        token = tokens[n]
        _text(seg, text[pos : token.start])
        pos = token.end
        if n in images:
            pos = tokens[token.mate].end
            markup = text[token.start : pos]
            _code(seg, "ph", markup, type="image", x=numbers.take(markup, side))
        elif n in paired and token.role == "open":
            pairs += 1
            i_of[n] = str(pairs)
            x = numbers.take(token.text, side)
            _code(seg, "bpt", token.text, i=i_of[n], type=_pair_type(token), x=x)
        elif n in paired:
            _code(seg, "ept", token.text, i=i_of[token.mate])
        elif token.role in ("open", "close"):
            position = "begin" if token.role == "open" else "end"
            _code(seg, "it", token.text, pos=position, type=_pair_type(token))
        else:
            kind = _ATOMS.get(token.kind, f"x-{token.kind}")
            _code(seg, "ph", token.text, type=kind, x=numbers.take(token.text, side))
    _text(seg, text[pos:])


def _pair_type(token: Token) -> str:
    if token.kind == "link":
        return "link"
    return _EMPHASIS.get(token.text, f"x-{token.kind}")


def _code(seg: etree._Element, tag: str, markup: str, **attributes: str) -> None:
    element = etree.SubElement(seg, tag, **attributes)
    element.text = markup


def _text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    try:
        last = parent[-1]
    except IndexError:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text

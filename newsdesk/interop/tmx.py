"""The translation memory as TMX 1.4 (readable by CAT tools and translate-toolkit)."""

from __future__ import annotations

from lxml import etree
from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.models import MemoryEntry

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA_TYPE = "application/x-tmx+xml"


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
    for entry in db.session.scalars(query):
        unit = etree.SubElement(body, "tu", tuid=str(entry.id), srclang=entry.source_lang)
        unit.set("changedate", _stamp(entry))
        for lang, text in (
            (entry.source_lang, entry.source_text),
            (entry.target_lang, entry.target_text),
        ):
            variant = etree.SubElement(unit, "tuv")
            variant.set(XML_LANG, lang)
            etree.SubElement(variant, "seg").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

"""XLIFF 2.0 export of one story's sentences in one direction (import: :mod:`.xliff_import`).

Units are the story's sentences (:mod:`.xliff_units`): the review's aligned segments
(``<unit id="s{segment id}">``, stable across exports), a hand-written translation
aligned on the fly, or the source alone with empty targets. Inline Markdown markup
travels as inline codes (:mod:`.inline`), QA findings and MT flags as notes. The
``<file>`` names the story and the versions of both articles it was made from, so an
import of a file for another story, language or version is refused before anything is
written. Sources and targets are written exactly (``xml:space="preserve"``, never
indented), so an unmodified file always imports back unchanged.
"""

from __future__ import annotations

from lxml import etree

from newsdesk.extensions import db
from newsdesk.interop.inline import NS, CodeBook, encode, q
from newsdesk.interop.xliff_import import (
    ImportResult,
    after_import_notes,
    import_story,
    read_changes,
)
from newsdesk.interop.xliff_units import ND, FileUnit, Plan, XliffError, plan_for, unit_status
from newsdesk.models import Story, User
from newsdesk.review import qa, sentences
from newsdesk.review import service as review

__all__ = [
    "MEDIA_TYPE",
    "ND",
    "ImportResult",
    "XliffError",
    "after_import_notes",
    "export_story",
    "filename",
    "import_story",
    "read_changes",
]

MEDIA_TYPE = "application/xliff+xml"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def filename(story: Story, lang: str, *, empty: bool = False) -> str:
    """A download name such as ``story-12-en-ru.xlf`` (``…-source.xlf`` with empty targets)."""
    source = sentences.other_lang(lang)
    return f"story-{story.id}-{source}-{lang}{'-source' if empty else ''}.xlf"


def export_story(
    story: Story, lang: str, *, user: User | None = None, empty: bool = False
) -> bytes:
    """The story's sentences for translation into ``lang`` as XLIFF 2.0 (UTF-8 bytes).

    The targets are the translation as it stands (aligned on the fly when no review has
    started; nothing is written for that), or empty with ``empty``."""
    review.require_edit(user, lang)
    plan = plan_for(story, lang, empty=empty)
    db.session.commit()  # a re-sync with a changed source is kept, as the workspace does
    root = etree.Element(q("xliff"), nsmap={None: NS, "nd": ND})
    root.set("version", "2.0")
    root.set("srcLang", plan.source_lang)
    root.set("trgLang", lang)
    file = etree.SubElement(root, q("file"))
    file.set("id", f"story{story.id}-{lang}")
    file.set("original", f"newsdesk/stories/{story.id}/{lang}")
    file.set("canResegment", "no")
    file.set(f"{{{ND}}}story", str(story.id))
    file.set(f"{{{ND}}}sourceVersion", str(plan.source.version))
    file.set(f"{{{ND}}}targetVersion", str(plan.target_version))
    notes = etree.SubElement(etree.SubElement(file, q("notes")), q("note"))
    notes.text = plan.source.title
    notes.set("category", "newsdesk:title")
    glossary = sentences.terms()
    texts = [_unit(file, unit, plan, glossary) for unit in plan.units]
    # Indent the structure only: a <source>/<target> goes in after, so its content (a
    # sentence that is all markup included) is never padded with whitespace.
    etree.indent(root)
    for placeholders, elements in texts:
        for placeholder, element in zip(placeholders, elements, strict=True):
            element.tail = placeholder.tail
            placeholder.getparent().replace(placeholder, element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _unit(parent, unit: FileUnit, plan: Plan, glossary) -> tuple[list, list]:
    """Add ``<unit>``; returns its empty source/target placeholders and their contents."""
    element = etree.SubElement(parent, q("unit"))
    element.set("id", unit.id)
    element.set(XML_SPACE, "preserve")
    element.set("name", unit.name)
    notes = _notes(unit, plan, glossary)
    if notes:
        box = etree.SubElement(element, q("notes"))
        for severity, code, message in notes:
            note = etree.SubElement(box, q("note"))
            note.set("category", f"newsdesk:{code}")
            note.set("priority", "1" if severity == qa.ERROR else "5")
            note.text = message
    data = etree.SubElement(element, q("originalData"))
    seg = etree.SubElement(element, q("segment"))
    state, sub_state = unit_status(unit)
    seg.set("state", state)
    seg.set("subState", sub_state)
    book = CodeBook()
    source, target = etree.Element(q("source")), etree.Element(q("target"))
    encode(source, unit.source, plan.source_lang, plan.target_lang, book, "source")
    encode(target, unit.target, plan.target_lang, plan.source_lang, book, "target")
    for key, text in book.data.items():
        item = etree.SubElement(data, q("data"))
        item.set("id", key)
        item.text = text
    if not book.data:
        element.remove(data)
    placeholders = [etree.SubElement(seg, q("source")), etree.SubElement(seg, q("target"))]
    return placeholders, [source, target]


def _notes(unit: FileUnit, plan: Plan, glossary) -> list[tuple[str, str, str]]:
    """QA findings of a translated sentence and the MT flags of its segment."""
    notes = []
    if unit.target:
        findings = qa.check_sentence(
            unit.source,
            unit.target,
            plan.source_lang,
            plan.target_lang,
            glossary,
            unit.position + 1,
        )
        notes += [(f.severity, f.code, f.message) for f in findings]
    if unit.segment is not None:
        notes += [("flag", flag, flag) for flag in unit.segment.flag_list]
    return notes

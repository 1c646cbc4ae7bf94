"""XLIFF 2.0 export and import of one story's translation into one language.

Units are the review's aligned sentences (``<unit id="s{segment id}">``, stable across
exports), inline Markdown markup travels as inline codes (:mod:`.inline`), QA findings
and MT flags as notes. The ``<file>`` names the story and the versions of both articles
it was made from; an import of a file for another story, language or version is refused
before anything is written, and only sentences whose target changed are saved (through
the review service, so revisions, audit entries and staleness stay right).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from flask_babel import gettext as _
from lxml import etree

from newsdesk.extensions import db
from newsdesk.interop.inline import NS, CodeBook, InlineError, decode, encode, original_data, q
from newsdesk.models import LANGS, Article, Segment, SegmentStatus, Story, User
from newsdesk.review import qa, sentences
from newsdesk.review import service as review
from newsdesk.stories.errors import StoryError

log = logging.getLogger(__name__)

ND = "urn:x-newsdesk:xliff"  # our attributes on <file>: story and article versions
MEDIA_TYPE = "application/xliff+xml"
_STATES = {
    SegmentStatus.MACHINE: "translated",
    SegmentStatus.EDITED: "translated",
    SegmentStatus.APPROVED: "reviewed",
    SegmentStatus.STALE: "initial",
}


class XliffError(StoryError):
    """The file cannot be imported; the message says why. Nothing was changed."""


@dataclass
class ImportResult:
    story: Story
    lang: str
    changed: list[int] = field(default_factory=list)  # 1-based sentence numbers
    unchanged: int = 0


def _translation(story: Story, lang: str) -> tuple[Article, Article]:
    if lang not in LANGS or lang == story.source_lang:
        raise XliffError(_("This story has no translation into this language."))
    source, target = story.article(story.source_lang), story.article(lang)
    if source is None or target is None or not sentences.has_segments(target):
        raise XliffError(
            _(
                "The translation is not aligned sentence by sentence yet: machine-translate "
                "it or start its review first."
            )
        )
    return source, target


def filename(story: Story, lang: str) -> str:
    """A download name such as ``story-12-en-ru.xlf``."""
    return f"story-{story.id}-{story.source_lang}-{lang}.xlf"


def export_story(story: Story, lang: str, *, user: User | None = None) -> bytes:
    """The story's translation into ``lang`` as an XLIFF 2.0 document (UTF-8 bytes)."""
    review.require_edit(user, lang)
    source, target = _translation(story, lang)
    skeleton = sentences.source_layout(story)
    segments = sentences.aligned_segments(target, skeleton)
    db.session.commit()  # a re-sync with a changed source is kept, as the workspace does
    findings = sentences.findings_for(segments, story.source_lang, lang, sentences.terms())
    root = etree.Element(q("xliff"), nsmap={None: NS, "nd": ND})
    root.set("version", "2.0")
    root.set("srcLang", story.source_lang)
    root.set("trgLang", lang)
    file = etree.SubElement(root, q("file"))
    file.set("id", f"story{story.id}-{lang}")
    file.set("original", f"newsdesk/stories/{story.id}/{lang}")
    file.set("canResegment", "no")
    file.set(f"{{{ND}}}story", str(story.id))
    file.set(f"{{{ND}}}sourceVersion", str(source.version))
    file.set(f"{{{ND}}}targetVersion", str(target.version))
    notes = etree.SubElement(etree.SubElement(file, q("notes")), q("note"))
    notes.text = source.title
    notes.set("category", "newsdesk:title")
    for segment in segments:
        _unit(file, segment, story.source_lang, lang, findings.get(segment.id, []))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _unit(parent, segment: Segment, source_lang: str, lang: str, findings) -> None:
    unit = etree.SubElement(parent, q("unit"))
    unit.set("id", f"s{segment.id}")
    unit.set("name", f"{segment.part}-{segment.block + 1}-{segment.index + 1}")
    notes = [(f.severity, f.code, f.message) for f in findings]
    notes += [("flag", flag, flag) for flag in segment.flag_list]
    if notes:
        box = etree.SubElement(unit, q("notes"))
        for severity, code, message in notes:
            note = etree.SubElement(box, q("note"))
            note.set("category", f"newsdesk:{code}")
            note.set("priority", "1" if severity == qa.ERROR else "5")
            note.text = message
    data = etree.SubElement(unit, q("originalData"))
    seg = etree.SubElement(unit, q("segment"))
    state = _STATES[segment.status] if segment.target_text else "initial"
    seg.set("state", state)
    seg.set("subState", f"newsdesk:{segment.status.value}")
    book = CodeBook()
    encode(
        etree.SubElement(seg, q("source")), segment.source_text, source_lang, lang, book, "source"
    )
    encode(
        etree.SubElement(seg, q("target")), segment.target_text, lang, source_lang, book, "target"
    )
    for key, text in book.data.items():
        item = etree.SubElement(data, q("data"))
        item.set("id", key)
        item.text = text
    if not book.data:
        unit.remove(data)


def _parse(content: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        message = _("This is not a well-formed XML file: %(error)s", error=str(exc))
        raise XliffError(message) from None
    if root.tag != q("xliff") or root.get("version") != "2.0":
        raise XliffError(_("This is not an XLIFF 2.0 file."))
    return root


def _header(root: etree._Element) -> tuple[etree._Element, Story, str, int, int]:
    files = root.findall(q("file"))
    story_id = files[0].get(f"{{{ND}}}story", "") if len(files) == 1 else ""
    versions = [files[0].get(f"{{{ND}}}{n}", "") for n in ("sourceVersion", "targetVersion")]
    if not (story_id.isdigit() and all(v.isdigit() for v in versions)):
        raise XliffError(_("This file was not exported by newsdesk (or its header was changed)."))
    story = db.session.get(Story, int(story_id))
    if story is None:
        raise XliffError(_("There is no story %(id)s.", id=story_id))
    lang = root.get("trgLang", "")
    if root.get("srcLang") != story.source_lang or lang not in LANGS:
        raise XliffError(_("This file's languages do not match the story's."))
    return files[0], story, lang, int(versions[0]), int(versions[1])


def read_changes(
    content: bytes, *, user: User | None, story_id: int | None = None
) -> tuple[ImportResult, list]:
    """Check a whole file against the story (``story_id`` when the caller expects one) and
    return the sentences to change; writes nothing, so a refused file changes nothing."""
    file, story, lang, source_version, target_version = _header(_parse(content))
    if story_id is not None and story.id != story_id:
        raise XliffError(_("This file is for story %(id)s, not this one.", id=story.id))
    review.require_edit(user, lang)
    source, target = _translation(story, lang)
    if (source.version, target.version) != (source_version, target_version):
        raise XliffError(
            _(
                "This file was made from another version of the story (source %(s1)s, "
                "translation %(t1)s; now %(s2)s and %(t2)s). Export it again.",
                s1=source_version,
                t1=target_version,
                s2=source.version,
                t2=target.version,
            )
        )
    segments = {f"s{s.id}": s for s in sentences.segments_of(target)}
    result, changes, seen = ImportResult(story, lang), [], set()
    for unit in file.iter(q("unit")):
        unit_id = unit.get("id", "")
        segment = segments.get(unit_id)
        parts = unit.findall(q("segment"))
        if segment is None or unit_id in seen or len(parts) != 1:
            raise XliffError(_("Unit %(id)s is not a sentence of this translation.", id=unit_id))
        seen.add(unit_id)
        try:
            data = original_data(unit)
            text = decode(parts[0].find(q("source")), data)
            element = parts[0].find(q("target"))
            new = None if element is None else decode(element, data)
        except (InlineError, TypeError, AttributeError):
            message = _("Unit %(id)s has an inline code without data.", id=unit_id)
            raise XliffError(message) from None
        if text != segment.source_text:
            raise XliffError(_("The source of unit %(id)s was changed.", id=unit_id))
        new = " ".join(line.strip() for line in (new or "").splitlines()).strip()
        if new and new != segment.target_text:
            changes.append((segment, new))
        else:
            result.unchanged += 1
    return result, changes


def import_story(
    content: bytes, *, user: User | None = None, story_id: int | None = None
) -> ImportResult:
    """Apply an XLIFF 2.0 file: each changed target is saved as an edited sentence."""
    result, changes = read_changes(content, user=user, story_id=story_id)
    for segment, text in changes:
        review.save_segment(segment, text, user=user)
        result.changed.append(segment.position + 1)
    log.info(
        "XLIFF import into story %s (%s): %s changed",
        result.story.id,
        result.lang,
        len(result.changed),
    )
    return result

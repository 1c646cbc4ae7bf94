"""XLIFF 2.0 import: check a whole file, then save only the sentences whose target changed.

Everything is checked before anything is written (story, languages, versions, units,
inline codes, sources), so a refused file changes nothing. Changed sentences are saved
through the review service (revisions, audit entries and staleness stay right); a story
whose translation is not aligned yet is aligned first (its review starts), and one
without the translation gets it. Suspicious targets are imported and flagged
(:mod:`.import_flags`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import ngettext
from lxml import etree

from newsdesk.extensions import db
from newsdesk.interop.import_flags import ImportFlag, flags_for
from newsdesk.interop.inline import InlineError, decode, original_data, q
from newsdesk.interop.xliff_units import ND, FileUnit, XliffError, plan_for
from newsdesk.models import LANGS, Segment, Story, User
from newsdesk.review import sentences
from newsdesk.review import service as review

log = logging.getLogger(__name__)


@dataclass
class ImportResult:
    story: Story
    lang: str
    changed: list[int] = field(default_factory=list)  # 1-based sentence numbers
    unchanged: int = 0
    flags: list[ImportFlag] = field(default_factory=list)

    def flag_messages(self, limit: int | None = None) -> list[str]:
        """The flags' messages, the first ``limit`` of them and how many more there are."""
        shown = self.flags if limit is None else self.flags[:limit]
        messages = [flag.message for flag in shown]
        if len(self.flags) > len(shown):
            messages.append(
                ngettext(
                    "%(num)d more warning about the imported sentences is not shown.",
                    "%(num)d more warnings about the imported sentences are not shown.",
                    len(self.flags) - len(shown),
                )
            )
        return messages


def after_import_notes(result: ImportResult) -> list[str]:
    """What a translator needs to know after an import: the QA problems that keep the
    imported translation from being marked ready, and that a live one's changes wait for an
    editor (readers keep the published text)."""
    article = result.story.article(result.lang)
    if article is None:
        return []
    notes = []
    found = sentences.blockers(article) if sentences.has_segments(article) else None
    if found:
        notes.append(
            " ".join([_("Check the imported translation in the review:"), *found.messages()])
        )
    if article.unpublished_changes:
        notes.append(
            _(
                "The site still shows the published version: the imported text is saved as "
                "unpublished changes until an editor publishes them."
            )
        )
    return notes


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


def _header(root: etree._Element) -> tuple[etree._Element, Story, str, tuple[int, int]]:
    files = root.findall(q("file"))
    story_id = files[0].get(f"{{{ND}}}story", "") if len(files) == 1 else ""
    versions = [files[0].get(f"{{{ND}}}{n}", "") for n in ("sourceVersion", "targetVersion")]
    if not (story_id.isdigit() and all(v.isdigit() for v in versions)):
        raise XliffError(_("This file was not exported by newsdesk (or its header was changed)."))
    story = db.session.get(Story, int(story_id))
    if story is None:
        raise XliffError(_("There is no story %(id)s.", id=story_id))
    lang = root.get("trgLang", "")
    if lang not in LANGS or root.get("srcLang") != sentences.other_lang(lang):
        raise XliffError(_("This file's languages do not match the story's."))
    return files[0], story, lang, (int(versions[0]), int(versions[1]))


def _check_versions(story: Story, lang: str, versions: tuple[int, int]) -> None:
    source, target = story.article(sentences.other_lang(lang)), story.article(lang)
    if source is None:
        raise XliffError(_("This story has no translation into this language."))
    now = (source.version, target.version if target is not None else 0)
    if now != versions:
        raise XliffError(
            _(
                "This file was made from another version of the story (source %(s1)s, "
                "translation %(t1)s; now %(s2)s and %(t2)s). Export it again.",
                s1=versions[0],
                t1=versions[1],
                s2=now[0],
                t2=now[1],
            )
        )


def _same_text(a: str, b: str) -> bool:
    """Equal but for whitespace, which XML tools may reflow."""
    return a.split() == b.split()


def read_changes(
    content: bytes, *, user: User | None, story_id: int | None = None
) -> tuple[ImportResult, list[tuple[FileUnit, str]]]:
    """Check a whole file against the story (``story_id`` when the caller expects one) and
    return the sentences to change; writes nothing, so a refused file changes nothing."""
    file, story, lang, versions = _header(_parse(content))
    if story_id is not None and story.id != story_id:
        raise XliffError(_("This file is for story %(id)s, not this one.", id=story.id))
    review.require_edit(user, lang)
    _check_versions(story, lang, versions)
    plan = plan_for(story, lang, empty=lang == story.source_lang, sync=False)
    units = plan.by_id()
    glossary = sentences.terms()
    result, changes, seen = ImportResult(story, lang), [], set()
    for element in file.iter(q("unit")):
        unit_id = element.get("id", "")
        unit = units.get(unit_id)
        parts = element.findall(q("segment"))
        if unit is None or unit.position in seen or len(parts) != 1:
            raise XliffError(_("Unit %(id)s is not a sentence of this translation.", id=unit_id))
        seen.add(unit.position)
        source, target = parts[0].find(q("source")), parts[0].find(q("target"))
        try:
            data = original_data(element)
            text = decode(source, data)
            new = None if target is None else decode(target, data)
        except (InlineError, TypeError, AttributeError):
            message = _("Unit %(id)s has an inline code without data.", id=unit_id)
            raise XliffError(message) from None
        if not _same_text(text, unit.source):
            raise XliffError(_("The source of unit %(id)s was changed.", id=unit_id))
        new = " ".join(line.strip() for line in (new or "").splitlines()).strip()
        if new and new != unit.target:
            changes.append((unit, new))
            result.flags += flags_for(
                unit_id, unit, new, source, target, plan.source_lang, lang, glossary
            )
        else:
            result.unchanged += 1
    if changes and plan.reverse:
        raise XliffError(
            _(
                "This file translates the story into the language it was written in; "
                "newsdesk does not replace a story's own text from a file. Edit that "
                "version instead."
            )
        )
    return result, changes


def _segments(story: Story, lang: str, user: User | None) -> list[Segment]:
    """The translation's segments by place; a translation not aligned yet is aligned now."""
    if not sentences.has_segments(story.article(lang)):
        review.start_review(story, lang, user=user)
    return sentences.segments_of(story.article(lang))


def import_story(
    content: bytes, *, user: User | None = None, story_id: int | None = None
) -> ImportResult:
    """Apply an XLIFF 2.0 file: each changed target is saved as an edited sentence."""
    result, changes = read_changes(content, user=user, story_id=story_id)
    segments = _segments(result.story, result.lang, user) if changes else []
    for unit, text in changes:
        segment = unit.segment or segments[unit.position]
        review.save_segment(segment, text, user=user)
        result.changed.append(unit.position + 1)
    log.info(
        "XLIFF import into story %s (%s): %s changed, %s flagged",
        result.story.id,
        result.lang,
        len(result.changed),
        len(result.flags),
    )
    return result

"""Which sentences an XLIFF file carries, for export and for import alike.

A translation the review already aligned travels as its segments (``s{segment id}``).
Any other pair is aligned on the fly with the review's aligner, read-only: nothing is
written to export it. A story without the translation, or an export asked for with
empty targets, carries the source's sentences alone. Such units are numbered by their
place in the source (``u{n}``); the file's versions keep that numbering meaningful.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _

from newsdesk.models import LANGS, Article, Segment, SegmentStatus, Story
from newsdesk.review import sentences, units
from newsdesk.review.alignment import align
from newsdesk.stories.errors import StoryError

ND = "urn:x-newsdesk:xliff"  # our attributes on <file>: story and article versions


class XliffError(StoryError):
    """The file cannot be exported or imported; the message says why. Nothing was changed."""


@dataclass
class FileUnit:
    """One sentence of the file: its unit id, place in the source, source and target text."""

    id: str
    position: int  # 0-based, in the source's sentences
    source: str
    target: str
    name: str  # part-block-sentence, 1-based: ``body-2-1``
    segment: Segment | None = None


@dataclass
class Plan:
    """A story's sentences in one direction, as a file carries them."""

    story: Story
    source_lang: str
    target_lang: str
    source: Article
    target: Article | None
    units: list[FileUnit] = field(default_factory=list)

    @property
    def reverse(self) -> bool:
        """Is the story's own language the target (its translation exported as a source)?"""
        return self.target_lang == self.story.source_lang

    @property
    def target_version(self) -> int:
        return self.target.version if self.target is not None else 0

    def by_id(self) -> dict[str, FileUnit]:
        """Units by id; segments also by place, for a file made before the review began."""
        found = {unit.id: unit for unit in self.units}
        found.update({f"u{unit.position + 1}": unit for unit in self.units})
        return found


def plan_for(story: Story, lang: str, *, empty: bool = False, sync: bool = True) -> Plan:
    """The sentences of ``story`` translated into ``lang``; with ``empty``, no targets.

    ``lang`` may be the story's own language only with ``empty`` (its translation is then
    the source). ``sync`` re-syncs a review's segments with a changed source, as the
    workspace does (the caller commits); an import checks without syncing.
    """
    if lang not in LANGS:
        raise XliffError(_("This story has no translation into this language."))
    other = sentences.other_lang(lang)
    source, target = story.article(other), story.article(lang)
    if source is None or (lang == story.source_lang and not empty):
        raise XliffError(_("This story has no translation into this language."))
    plan = Plan(story, other, lang, source, target)
    if lang == story.source_lang:
        skeleton = units.layout(
            source.title, source.lead, source.body, other, lang, sentences.terms()
        )
        plan.units = _numbered(skeleton, [""] * len(skeleton.units))
    elif sentences.has_segments(target):
        skeleton = sentences.source_layout(story)
        found = (
            sentences.aligned_segments(target, skeleton) if sync else sentences.segments_of(target)
        )
        plan.units = [
            FileUnit(
                f"s{s.id}",
                s.position,
                s.source_text,
                "" if empty else s.target_text,
                _name(s.part, s.block, s.index),
                s,
            )
            for s in found
        ]
    else:
        skeleton = sentences.source_layout(story)
        plan.units = _numbered(skeleton, _aligned(skeleton, target, story, empty))
    return plan


def _numbered(skeleton: units.Layout, texts: list[str]) -> list[FileUnit]:
    return [
        FileUnit(f"u{n + 1}", n, unit.text, text.strip(), _name(unit.part, unit.block, unit.index))
        for n, (unit, text) in enumerate(zip(skeleton.units, texts, strict=True))
    ]


def _name(part: str, block: int, index: int) -> str:
    return f"{part}-{block + 1}-{index + 1}"


def _aligned(skeleton: units.Layout, target: Article | None, story: Story, empty: bool):
    """The hand-written translation spread over the source's sentences (nothing saved)."""
    if target is None or empty:
        return [""] * len(skeleton.units)
    aligned = align(
        skeleton,
        [""] * len(skeleton.units),
        target.title,
        target.lead,
        target.body,
        target.lang,
        story.source_lang,
        sentences.terms(),
    )
    return aligned.texts


def unit_status(unit: FileUnit) -> tuple[str, str]:
    """The XLIFF ``state`` and our ``subState`` of a unit."""
    if unit.segment is not None:
        status = unit.segment.status
        state = {
            SegmentStatus.APPROVED: "reviewed",
            SegmentStatus.STALE: "initial",
        }.get(status, "translated")
        return (state if unit.target else "initial"), f"newsdesk:{status.value}"
    return ("translated", "newsdesk:aligned") if unit.target else ("initial", "newsdesk:new")

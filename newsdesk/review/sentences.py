"""What every review operation needs: the source's skeleton, a target's aligned sentences,
the article rebuilt from them, and what keeps an article from being ready."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.glossary import service as glossary
from newsdesk.machine_translation.mask import GlossaryTerm
from newsdesk.models import Article, Segment, SegmentStatus, Story
from newsdesk.review import qa, units
from newsdesk.review.staleness import is_missing, segments_of, sync_with_source
from newsdesk.stories import service as stories

__all__ = ["is_missing", "segments_of"]

HUMAN_ORIGIN = "human"


def other_lang(lang: str) -> str:
    return "ru" if lang == "en" else "en"


def terms() -> list[GlossaryTerm]:
    """The glossary as the pipeline and the QA checks take it."""
    return glossary.pipeline_terms()


def source_layout(story: Story, glossary_terms: Sequence[GlossaryTerm] | None = None):
    """The story's source article cut into blocks and sentences (as MT cut it)."""
    source = story.article(story.source_lang)
    return units.layout(
        source.title if source else "",
        source.lead if source else "",
        source.body if source else "",
        story.source_lang,
        other_lang(story.source_lang),
        terms() if glossary_terms is None else glossary_terms,
    )


def has_segments(article: Article | None) -> bool:
    """Is this article a translation aligned sentence by sentence with its source?"""
    if article is None or article.id is None:
        return False
    query = select(Segment.id).where(Segment.article_id == article.id).limit(1)
    return db.session.scalar(query) is not None


def aligned_segments(article: Article, skeleton: units.Layout) -> list[Segment]:
    """The target's sentences, re-synced first if they no longer match the source's."""
    segments = segments_of(article)
    if [s.source_text for s in segments] != [u.text for u in skeleton.units]:
        sync_with_source(article, skeleton)
        segments = segments_of(article)
    return segments


def render_into(article: Article, skeleton: units.Layout, segments: Sequence[Segment]) -> bool:
    """Write the article's title, lead and body from its sentences; True if they changed."""
    title, lead, body = units.render(skeleton, [s.target_text for s in segments])
    changed = (title, lead, body) != (article.title, article.lead, article.body)
    stories.retitle(article, title)  # an unpublished slug follows the title
    article.lead, article.body = lead, body
    return changed


def text_token(text: str) -> str:
    """A short fingerprint of a sentence's text, to notice concurrent edits."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def findings_for(
    segments: Sequence[Segment], source_lang: str, target_lang: str, glossary_terms
) -> dict[int, list[qa.Finding]]:
    """QA findings per segment id."""
    return {
        s.id: qa.check_sentence(
            s.source_text, s.target_text, source_lang, target_lang, glossary_terms, s.position + 1
        )
        for s in segments
    }


@dataclass
class Blockers:
    """What keeps a translation from being marked ready (or published as up to date)."""

    machine: int = 0
    stale: int = 0
    missing: int = 0
    errors: list[qa.Finding] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.machine or self.stale or self.missing or self.errors)

    def messages(self) -> list[str]:
        out = []
        if self.machine:
            out.append(
                ngettext(
                    "%(num)d sentence is untouched machine output.",
                    "%(num)d sentences are untouched machine output.",
                    self.machine,
                )
            )
        if self.stale:
            out.append(
                ngettext(
                    "%(num)d sentence changed in the source since it was translated.",
                    "%(num)d sentences changed in the source since they were translated.",
                    self.stale,
                )
            )
        if self.missing:
            out.append(
                ngettext(
                    "%(num)d new source sentence is not translated yet.",
                    "%(num)d new source sentences are not translated yet.",
                    self.missing,
                )
            )
        if self.errors:
            out.append(
                ngettext(
                    "%(num)d blocking QA finding remains.",
                    "%(num)d blocking QA findings remain.",
                    len(self.errors),
                )
            )
        return out

    def as_dict(self) -> dict:
        return {
            "machine": self.machine,
            "stale": self.stale,
            "missing": self.missing,
            "errors": [f.as_dict() for f in self.errors],
        }


def blockers(article: Article, glossary_terms=None) -> Blockers:
    """Machine and stale sentences and blocking QA findings of an aligned translation."""
    story = article.story
    segments = segments_of(article)
    result = Blockers()
    glossary_terms = terms() if glossary_terms is None else glossary_terms
    found = findings_for(segments, story.source_lang, article.lang, glossary_terms)
    for seg in segments:
        if is_missing(seg):
            result.missing += 1
            continue
        if seg.status == SegmentStatus.STALE:
            result.stale += 1
        elif seg.status == SegmentStatus.MACHINE:
            result.machine += 1
        result.errors += qa.blocking(found[seg.id])
    return result


def unresolved_counts(story_ids: Sequence[int]) -> dict[int, int]:
    """Per story: how many sentences of its translation are stale or missing."""
    if not story_ids:
        return {}
    rows = db.session.execute(
        select(Article.story_id, db.func.count(Segment.id))
        .join(Segment, Segment.article_id == Article.id)
        .where(Article.story_id.in_(list(story_ids)), Segment.status == SegmentStatus.STALE)
        .group_by(Article.story_id)
    )
    return {story_id: count for story_id, count in rows}


def stale_message(lang: str, count: int) -> str:
    """Why a side cannot be published as is."""
    if lang == "ru":
        return ngettext(
            "The Russian version is out of date: %(num)d sentence changed in the source.",
            "The Russian version is out of date: %(num)d sentences changed in the source.",
            count,
        )
    return ngettext(
        "The English version is out of date: %(num)d sentence changed in the source.",
        "The English version is out of date: %(num)d sentences changed in the source.",
        count,
    )


def describe_part(part: str, kind: str, paragraph: int = 0) -> str:
    """A label for where a sentence sits (shown at block boundaries); ``paragraph`` is the
    block's number among the body's paragraphs."""
    if part == "title":
        return _("Title")
    if part == "lead":
        return _("Lead")
    labels = {
        "heading": _("Heading"),
        "list_item": _("List item"),
        "blockquote": _("Quotation"),
        "table_cell": _("Table cell"),
    }
    return labels.get(kind) or _("Paragraph %(n)d", n=paragraph)

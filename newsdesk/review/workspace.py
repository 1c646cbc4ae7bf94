"""What the review workspace shows, loaded in one place: rows of aligned sentences with
their status, QA findings, source diffs, memory suggestions and glossary hints; counts;
notes about removed sentences (the post-edit report is :mod:`.report`)."""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

from flask_babel import get_locale
from markupsafe import Markup

from newsdesk.machine_translation.mask import GlossaryTerm
from newsdesk.models import Article, Segment, Story, TranslationJob
from newsdesk.review import diff, finding_kinds, fixes, memory_matches, qa, report, sentences
from newsdesk.review.staleness import stale_sources
from newsdesk.stories import audit
from newsdesk.translation_jobs import service as mt_service

STATES = ("missing", "stale", "machine", "edited", "approved")
# Sentences per workspace page. Counts, blockers and QA cover every sentence; diffs, memory
# suggestions and glossary hints are computed, and rows rendered, for one page only.
PAGE_SIZE = 50
FINDINGS_CACHE_SIZE = 50_000  # sentences whose QA findings this process remembers


@dataclass
class Row:
    segment: Segment
    number: int
    state: str  # missing | stale | machine | edited | approved
    findings: list[qa.Finding]
    label: str  # where the sentence sits ("Title", "Paragraph 3"...)
    block_start: bool
    old_source: str | None = None
    source_diff: Markup | None = None
    suggestions: list[memory_matches.Suggestion] = field(default_factory=list)
    terms: list[GlossaryTerm] = field(default_factory=list)
    distance: float | None = None
    preview: fixes.Preview | None = None  # what "Apply the suggested fixes" would change

    @property
    def errors(self) -> list[qa.Finding]:
        return qa.blocking(self.findings)

    @property
    def warnings(self) -> list[qa.Finding]:
        return [f for f in self.findings if not f.blocking]

    @property
    def needs_attention(self) -> bool:
        return self.state in ("missing", "stale", "machine") or bool(self.errors)

    @property
    def fixable(self) -> bool:
        return any(f.fix is not None for f in self.findings)

    @property
    def risk(self) -> int:
        """Lower is riskier: changed sources, blocking findings, pipeline flags, machine."""
        if self.state in ("missing", "stale"):
            return 0
        if self.errors:
            return 1
        if self.segment.flag_list and self.state == "machine":
            return 2
        if self.state == "machine":
            return 3
        if self.warnings:
            return 4
        return 5 if self.state == "edited" else 6


@dataclass
class Workspace:
    story: Story
    source: Article
    target: Article
    rows: list[Row]
    counts: dict[str, int]
    removed: list[dict]
    order: str = "document"
    show: str = "all"
    all_rows: list[Row] = field(default_factory=list)  # every sentence, whatever is shown
    job: TranslationJob | None = None  # the translation job running for this side, if any
    page: int = 1
    pages: int = 1
    shown: int = 0  # rows in the current order/filter, over all pages
    finding: str = ""  # show only sentences with this kind of finding (a QA code)

    @property
    def first_number(self) -> int:
        """1-based index of the page's first row among ``shown`` (0 when empty)."""
        return (self.page - 1) * PAGE_SIZE + 1 if self.rows else 0

    def page_for(self, number: int) -> int | None:
        """The page (document order, all sentences) of sentence ``number``; None for page 1."""
        page = (number - 1) // PAGE_SIZE + 1
        return page if page > 1 else None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def approved(self) -> int:
        return self.counts["approved"]

    @property
    def errors(self) -> int:
        return sum(len(r.errors) for r in self.all_rows)

    @property
    def warnings(self) -> int:
        return sum(len(r.warnings) for r in self.all_rows)

    @property
    def distance(self) -> float | None:
        return report.article_distance(r.segment for r in self.all_rows)

    @property
    def blockers(self) -> sentences.Blockers:
        """What keeps the translation from being marked ready (all rows, whatever the view)."""
        return sentences.Blockers(
            machine=self.counts["machine"],
            stale=self.counts["stale"],
            missing=self.counts["missing"],
            errors=[f for r in self.all_rows for f in r.errors],
        )

    @property
    def findings_by_code(self) -> list[finding_kinds.Kind]:
        """One line per kind of finding over the article (count, sentences), errors first."""
        return finding_kinds.summarize(f for r in self.all_rows for f in r.findings)

    @property
    def glossary(self) -> list[GlossaryTerm]:
        """The glossary terms of the sentences on this page (the always-visible panel)."""
        return finding_kinds.glossary_terms(r.terms for r in self.rows)


def state_of(segment: Segment) -> str:
    if sentences.is_missing(segment):
        return "missing"
    return segment.status.value


def _removed_notes(story: Story, target: Article) -> list[dict]:
    """Sentences removed because the source dropped them, since the last time the
    translation was marked ready or published."""
    notes = []
    for entry in audit.entries(story, lang=target.lang):
        if entry.action in ("marked_ready", "review_started"):
            break
        if entry.action == "source_changed":
            for item in entry.detail.get("removed", []):
                notes.append({**item, "when": entry.created_at, "who": entry.username})
    return notes


def load(
    story: Story,
    lang: str,
    *,
    order: str = "document",
    show: str = "all",
    details: bool | int = True,
    page: int = 1,
    finding: str = "",
) -> Workspace:
    """Everything the workspace page shows for the translation of ``story`` into ``lang``.

    ``rows`` is page ``page`` (PAGE_SIZE rows) of the chosen order and filter, with diffs,
    glossary hints and memory suggestions; ``all_rows`` has every sentence with its state and
    QA findings. ``details`` False leaves out the per-row extras (and keeps every row); a
    segment id gives that sentence's row alone, complete (the in-place update of one row).
    """
    source = story.article(story.source_lang)
    target = story.article(lang)
    terms = sentences.terms()
    skeleton = sentences.source_layout(story, terms)
    segments = sentences.segments_of(target)
    kinds = {(u.part, u.block): u.kind for u in skeleton.units}
    paragraphs = {}  # body block -> its number among the paragraphs
    for part, block in sorted(kinds):
        if part == "body" and kinds[(part, block)] == "paragraph":
            paragraphs[block] = len(paragraphs) + 1
    found = _findings(segments, story.source_lang, lang, terms)
    rows = [
        Row(
            segment=seg,
            number=seg.position + 1,
            state=state_of(seg),
            findings=found[seg.id],
            label=sentences.describe_part(
                seg.part, kinds.get((seg.part, seg.block), ""), paragraphs.get(seg.block, 0)
            ),
            block_start=seg.index == 0,
        )
        for seg in segments
    ]
    counts = Counter(r.state for r in rows)
    workspace = Workspace(
        story,
        source,
        target,
        rows,
        {state: counts.get(state, 0) for state in STATES},
        _removed_notes(story, target),
        order,
        show,
        list(rows),
    )
    job = mt_service.active_job(story, lang)
    workspace.job = job if job is not None and job.active else None
    if order == "risk":
        workspace.rows.sort(key=lambda r: (r.risk, r.number))
    if show == "todo":
        workspace.rows = [r for r in workspace.rows if r.needs_attention]
    if finding in qa.CODES:
        workspace.finding = finding
        workspace.rows = [r for r in workspace.rows if any(f.code == finding for f in r.findings)]
    workspace.shown = len(workspace.rows)
    workspace.pages = max(1, -(-workspace.shown // PAGE_SIZE))
    if details is False:
        return workspace
    if details is True:
        workspace.page = min(max(1, page), workspace.pages)
        start = (workspace.page - 1) * PAGE_SIZE
        workspace.rows = workspace.rows[start : start + PAGE_SIZE]
    else:
        workspace.rows = [r for r in workspace.all_rows if r.segment.id == details]
    _add_details(workspace.rows, story, lang, terms)
    return workspace


_findings_cache: OrderedDict[tuple, list[qa.Finding]] = OrderedDict()
_findings_lock = threading.Lock()


def _findings(segments: list[Segment], source_lang: str, target_lang: str, terms):
    """QA findings per segment id, remembered per (texts, number, glossary, UI locale): the
    workspace needs them for every sentence (counts, blockers) on every view, and QA costs
    about a millisecond a sentence; only the sentences changed since are checked again."""
    context = (source_lang, target_lang, str(get_locale()), hash(tuple(map(repr, terms))))
    keys = {s.id: (s.source_text, s.target_text, s.position, context) for s in segments}
    with _findings_lock:
        out = {sid: _findings_cache.get(key) for sid, key in keys.items()}
    todo = [s for s in segments if out[s.id] is None]
    if todo:
        fresh = sentences.findings_for(todo, source_lang, target_lang, terms)
        with _findings_lock:
            for sid, found in fresh.items():
                out[sid] = found
                _findings_cache[keys[sid]] = found
            while len(_findings_cache) > FINDINGS_CACHE_SIZE:
                _findings_cache.popitem(last=False)
    return {sid: list(found) for sid, found in out.items()}


def _add_details(rows: list[Row], story: Story, lang: str, terms) -> None:
    """Source diffs of stale sentences, glossary hints, distances and memory suggestions."""
    shown = [r.segment for r in rows]
    stale = stale_sources(shown)
    suggestions = memory_matches.suggestions(shown, story.source_lang, lang)
    for row in rows:
        seg = row.segment
        old = stale.get(seg.id)
        if old:
            row.old_source = old.old_source_text
            row.source_diff = diff.to_html(diff.word_diff(old.old_source_text, seg.source_text))
        row.suggestions = suggestions.get(seg.id, [])
        row.terms = qa.terms_in(seg.source_text, story.source_lang, terms)
        row.distance = report.distance(seg)
        if row.fixable:
            row.preview = fixes.preview(seg.target_text, lang)


def page_of(segment: Segment) -> int:
    """The workspace page (document order, all sentences) that shows ``segment``."""
    return segment.position // PAGE_SIZE + 1


def next_to_review(segment: Segment) -> Segment | None:
    """The next sentence after ``segment`` that needs attention (wrapping around)."""
    workspace = load(segment.article.story, segment.article.lang, details=False)
    rows = workspace.all_rows
    start = next((i for i, r in enumerate(rows) if r.segment.id == segment.id), -1)
    for r in rows[start + 1 :] + rows[: start + 1]:
        if r.needs_attention and r.segment.id != segment.id:
            return r.segment
    return None

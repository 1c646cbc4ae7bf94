"""Stories announce their events and pages through signals; review subscribes once per app."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from newsdesk.extensions import db
from newsdesk.models import Status, Story
from newsdesk.stories import service as stories
from newsdesk.stories import signals

STORIES = Path(__file__).resolve().parents[1] / "newsdesk" / "stories"
SIGNALS = (
    signals.article_saved,
    signals.before_ready,
    signals.before_publish,
    signals.story_page,
    signals.story_list_page,
)


def _imported(path: Path) -> list[str]:
    """Every module a file imports, at the top or inside functions."""
    names = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return names


def test_stories_import_nothing_of_review():
    found = {
        path.name: name
        for path in sorted(STORIES.glob("*.py"))
        for name in _imported(path)
        if name == "newsdesk.review" or name.startswith("newsdesk.review.")
    }
    assert found == {}


def test_each_app_has_reviews_receivers_once(app_factory):
    first, second = app_factory(), app_factory()
    # the story page also gets the MT panel's context (translation_jobs) and the preview link
    expected = [3 if signal is signals.story_page else 1 for signal in SIGNALS]
    for app in (first, second):
        assert [len(list(signal.receivers_for(app))) for signal in SIGNALS] == expected


def _ready_pair(make_story) -> int:
    return make_story(
        en={"title": "Dam opens", "status": Status.READY},
        ru={"title": "Плотина открыта", "status": Status.READY},
    ).id


def test_publish_chooses_pair_or_one_language(ctx, make_story):
    pair, single = _ready_pair(make_story), _ready_pair(make_story)
    stories.publish(db.session.get(Story, pair), "pair")
    stories.publish(db.session.get(Story, single), "ru", override_reason=None)
    both, one = db.session.get(Story, pair), db.session.get(Story, single)
    assert [a.status for a in both.articles] == [Status.PUBLISHED, Status.PUBLISHED]
    assert both.single_language is None
    assert (one.article("ru").status, one.article("en").status) == (Status.PUBLISHED, Status.READY)
    assert one.single_language == "ru"


def test_a_before_publish_receiver_vetoes_and_nothing_is_published(ctx, make_story):
    story_id = _ready_pair(make_story)
    seen = []

    def refuse(app, **kwargs):
        seen.append((app, kwargs["langs"], kwargs["override_reason"]))
        raise stories.PublishError("Not today.")

    signals.before_publish.connect(refuse, sender=ctx)
    try:
        with pytest.raises(stories.PublishError, match="Not today."):
            stories.publish(db.session.get(Story, story_id), "pair", override_reason="urgent")
    finally:
        signals.before_publish.disconnect(refuse, sender=ctx)
    db.session.rollback()
    assert seen == [(ctx, ["en", "ru"], "urgent")]
    assert db.session.get(Story, story_id).published_at is None


def test_page_context_joins_panels_and_merges_data(ctx, make_story):
    story = db.session.get(Story, _ready_pair(make_story))

    def one(app, **kwargs):
        return {"side_panels": ["a.html"], "count": 1}

    def two(app, **kwargs):
        return {"side_panels": ["b.html"], "story_panels": ["c.html"], "other": kwargs["story"]}

    signals.story_page.connect(one, sender=ctx)
    signals.story_page.connect(two, sender=ctx)
    try:
        with ctx.test_request_context():
            context = signals.page_context(signals.story_page, story=story)
    finally:
        signals.story_page.disconnect(one, sender=ctx)
        signals.story_page.disconnect(two, sender=ctx)
    side = ["a.html", "b.html", "review/_story_side.html", "site/_preview_panel.html"]
    assert sorted(context["side_panels"]) == side
    assert sorted(context["story_panels"]) == ["c.html", "review/_story_review.html"]
    assert (context["count"], context["other"]) == (1, story)
    assert context["list_cell_panels"] == []

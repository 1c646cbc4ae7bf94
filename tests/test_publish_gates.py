"""The publishing gates, each checked by what readers get: an unreviewed machine draft is
never published, a stale translation is never published (in a pair or alone) without an
editor's reason, and published text never turns into unreviewed machine output."""

from __future__ import annotations

import pytest

from newsdesk.extensions import db
from newsdesk.models import SegmentStatus, Status, Story
from newsdesk.review import service
from newsdesk.stories import service as stories
from tests.mt_fakes import transliterate
from tests.review_helpers import approve_all, edit_source, segments

pytest_plugins = ["tests.review_fixtures"]


def _ru_public(client, story_id, app) -> int:
    with app.app_context():
        slug = db.session.get(Story, story_id).article("ru").slug
    return client.get(f"/ru/news/{slug}").status_code


def _ready_en(app, story_id):
    with app.app_context():
        en = db.session.get(Story, story_id).article("en")
        en.status = Status.READY
        db.session.commit()


@pytest.mark.parametrize("mode", ["pair", "ru"])
def test_unreviewed_machine_draft_cannot_be_published(
    app, client, login, make_user, mt_story, mode
):
    _ready_en(app, mt_story)
    login(make_user("ed"))
    with app.app_context():
        ru = db.session.get(Story, mt_story).article("ru")
        assert ru.status == Status.MT_DRAFT
        assert {s.status for s in segments(mt_story)} == {SegmentStatus.MACHINE}
    response = client.post(f"/editor/stories/{mt_story}/publish", data={"mode": mode})
    assert response.status_code in (200, 400)
    assert _ru_public(client, mt_story, app) == 404
    with app.app_context():
        story = db.session.get(Story, mt_story)
        with pytest.raises(stories.PublishError):
            stories.publish_pair(story)
        with pytest.raises(stories.PublishError):
            stories.publish_single(story, "ru")
    assert _ru_public(client, mt_story, app) == 404


def test_machine_draft_cannot_be_marked_ready_through_the_edit_form(
    app, client, login, make_user, mt_story
):
    login(make_user("ed"))
    with app.app_context():
        ru = db.session.get(Story, mt_story).article("ru")
        form = {"title": ru.title, "lead": ru.lead, "body": ru.body, "slug": ru.slug}
        form |= {"status": "ready", "base_version": str(ru.version), "save": "1"}
    response = client.post(f"/editor/stories/{mt_story}/ru/edit", data=form)
    assert "cannot be marked ready yet" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Story, mt_story).article("ru").status == Status.MT_DRAFT
        with pytest.raises(stories.PublishError):
            stories.publish_single(db.session.get(Story, mt_story), "ru")


@pytest.fixture
def stale_pair(app, mt_story, make_user):
    """A reviewed, published pair whose English source was then edited (Russian is stale),
    then taken off the site: the Russian side is ready but out of date."""
    editor = make_user("boss")
    _ready_en(app, mt_story)
    with app.app_context():
        approve_all(mt_story)
        story = db.session.get(Story, mt_story)
        service.mark_ready(story.article("ru"), user=editor)
        stories.publish_pair(db.session.get(Story, mt_story))
        edit_source(mt_story, lambda body: body.replace("noon", "one o'clock"))
        assert SegmentStatus.STALE in {s.status for s in segments(mt_story)}
        stories.unpublish(db.session.get(Story, mt_story))
        ru = db.session.get(Story, mt_story).article("ru")
        ru.status = Status.READY  # as an editor's "ready" override leaves it
        db.session.commit()
    return mt_story


@pytest.mark.parametrize("mode", ["pair", "ru"])
def test_stale_translation_is_not_published_without_a_reason(
    app, client, login, make_user, stale_pair, mode
):
    login(make_user("ed"))
    response = client.post(f"/editor/stories/{stale_pair}/publish", data={"mode": mode})
    assert "out of date" in response.get_data(as_text=True)
    assert _ru_public(client, stale_pair, app) == 404
    with app.app_context():
        story = db.session.get(Story, stale_pair)
        publish = stories.publish_pair if mode == "pair" else stories.publish_single
        args = () if mode == "pair" else ("ru",)
        with pytest.raises(stories.PublishError, match="out of date"):
            publish(story, *args)
        assert story.published_at is None


def test_stale_translation_is_published_with_an_editors_reason(app, client, make_user, stale_pair):
    editor = make_user("ed")
    with app.app_context():
        story = db.session.get(Story, stale_pair)
        stories.publish_single(story, "ru", user=editor, override_reason="urgent correction")
    assert _ru_public(client, stale_pair, app) == 200


def test_retranslating_a_published_translation_does_not_publish_machine_text(
    app, client, make_user, mt_story, engine
):
    editor = make_user("boss")
    _ready_en(app, mt_story)
    with app.app_context():
        approve_all(mt_story)
        service.mark_ready(db.session.get(Story, mt_story).article("ru"), user=editor)
        stories.publish_pair(db.session.get(Story, mt_story))
        slug = db.session.get(Story, mt_story).article("ru").slug
    before = client.get(f"/ru/news/{slug}").get_data(as_text=True)
    with app.app_context():
        edit_source(mt_story, lambda body: body.replace("noon", "one o'clock"))
        ru = db.session.get(Story, mt_story).article("ru")
        try:  # refusing is one acceptable fix; writing unreviewed text to the site is not
            service.retranslate_changed(ru, user=editor)
        except service.ReviewError:
            pass
    page = client.get(f"/ru/news/{slug}").get_data(as_text=True)
    machine = transliterate("The lab closes at one o'clock on Fridays.", "ru")
    assert transliterate("The lab closes at noon", "ru") in before
    assert machine not in page, "unreviewed machine text is on the public page"
    with app.app_context():  # publishing the changes meets the checks of "Mark ready"
        story = db.session.get(Story, mt_story)
        assert story.article("ru").unpublished_changes
        with pytest.raises(stories.PublishError, match="machine"):
            stories.publish(story, "ru", user=editor)

"""Honest staleness: a source edit makes exactly the changed sentences stale, keeps their
old translation, shows new ones as missing, removes deleted ones with a note; re-translate
sends only those through MT; the publish gate refuses stale sides unless overridden."""

from __future__ import annotations

import pytest

from newsdesk.extensions import db
from newsdesk.models import SegmentStatus, Status, Story
from newsdesk.models.review import AuditEntry, StaleSource
from newsdesk.review import service, workspace
from newsdesk.stories import service as stories
from tests.review_helpers import approve_all, edit_source, segments

pytest_plugins = ["tests.review_fixtures"]


def _states(story_id):
    return [workspace.state_of(s) for s in segments(story_id)]


def test_editing_one_source_sentence_makes_exactly_that_sentence_stale(app, mt_story):
    with app.app_context():
        approve_all(mt_story)
        before = {s.position: s.target_text for s in segments(mt_story)}
        edit_source(mt_story, lambda body: body.replace("new laboratory", "new physics laboratory"))
        segs = segments(mt_story)
        assert _states(mt_story).count("stale") == 1
        stale = next(s for s in segs if s.status == SegmentStatus.STALE)
        assert stale.source_text == "The university opened a new physics laboratory."
        assert stale.target_text == before[stale.position]  # the old translation is kept
        old = db.session.get(StaleSource, stale.id)
        assert old.old_source_text == "The university opened a new laboratory."
        assert old.prior_status == "approved"
        assert all(s.status == SegmentStatus.APPROVED for s in segs if s is not stale)
        row = next(
            r
            for r in workspace.load(db.session.get(Story, mt_story), "ru").rows
            if r.segment.id == stale.id
        )
        assert "<ins>physics </ins>" in str(row.source_diff)
        assert row.state == "stale" and row.needs_attention


@pytest.mark.parametrize(
    "change",
    [
        lambda b: b.replace("It cost", "It  cost"),  # double space
        lambda b: b.replace("laboratory. It", "laboratory.\nIt"),  # reflowed line
        lambda b: b.replace("new laboratory", "**new** laboratory"),  # emphasis added
        lambda b: b.replace("## Open days", "### Open days"),  # heading level
        lambda b: b.replace("Visitors are welcome", "[Visitors](https://x.example) are welcome"),
        lambda b: b + "\n\n",  # trailing blank lines
    ],
    ids=["double-space", "line-break", "emphasis", "heading-level", "link-added", "blank-lines"],
)
def test_whitespace_and_markup_only_source_edits_make_nothing_stale(app, mt_story, change):
    with app.app_context():
        approve_all(mt_story)
        edit_source(mt_story, change)
        assert set(_states(mt_story)) == {"approved"}
        assert not db.session.scalars(
            db.select(AuditEntry).where(AuditEntry.action == "source_changed")
        ).all()


def test_new_sentence_is_missing_and_deleted_one_disappears_with_a_note(app, mt_story):
    with app.app_context():
        approve_all(mt_story)
        removed_target = segments(mt_story)[3].target_text  # "It cost $2.5 million."
        edit_source(
            mt_story,
            lambda b: b.replace(" It cost $2.5 million.", "").replace(
                "on weekdays.", "on weekdays. Guided tours start at ten."
            ),
        )
        segs = segments(mt_story)
        assert [s.source_text for s in segs][2:] == [
            "The university opened a new laboratory.",
            "Open days",
            "Visitors are welcome on weekdays.",
            "Guided tours start at ten.",
            "The lab closes at noon on Fridays.",
        ]
        assert _states(mt_story) == ["approved"] * 5 + ["missing", "approved"]
        ru = db.session.get(Story, mt_story).article("ru")
        assert removed_target not in ru.body
        entry = db.session.scalar(
            db.select(AuditEntry).where(AuditEntry.action == "source_changed")
        )
        assert entry.detail["missing"] == [6]
        assert entry.detail["removed"] == [
            {"source": "It cost $2.5 million.", "target": removed_target}
        ]
        ws = workspace.load(db.session.get(Story, mt_story), "ru")
        assert ws.removed[0]["target"] == removed_target
        assert ws.counts["missing"] == 1


def test_undoing_a_source_edit_restores_the_sentence_status(app, mt_story):
    with app.app_context():
        approve_all(mt_story)
        edit_source(mt_story, lambda b: b.replace("noon", "one o'clock"))
        assert _states(mt_story).count("stale") == 1
        edit_source(mt_story, lambda b: b.replace("one o'clock", "noon"))
        assert set(_states(mt_story)) == {"approved"}
        assert db.session.scalars(db.select(StaleSource)).all() == []


def test_retranslate_sends_only_stale_and_missing_sentences_to_the_engine(app, mt_story, engine):
    with app.app_context():
        approve_all(mt_story)
        edit_source(
            mt_story,
            lambda b: b.replace("noon", "one o'clock").replace(
                "on weekdays.", "on weekdays. Guided tours start at ten."
            ),
        )
        kept = {
            s.position: s.target_text
            for s in segments(mt_story)
            if s.status == SegmentStatus.APPROVED
        }
        seen = engine.sentences_seen
        article = db.session.get(Story, mt_story).article("ru")
        assert service.retranslate_changed(article, user=None) == 2
        assert engine.sentences_seen == seen + 2
        assert sorted(engine.calls[-1]) == [
            "Guided tours start at ten.",
            "The lab closes at one o'clock on Fridays.",
        ]
        segs = segments(mt_story)
        assert {s.position: s.target_text for s in segs if s.position in kept} == kept
        assert _states(mt_story).count("machine") == 2 and "stale" not in _states(mt_story)
        assert "Гуидед тоурс" in article.body
        entry = db.session.scalars(
            db.select(AuditEntry)
            .where(AuditEntry.action == "machine_translated")
            .order_by(AuditEntry.id.desc())
        ).first()
        assert entry.detail["scope"] == "changed" and entry.detail["sentences"] == [7, 8]
        assert entry.detail["package"] == "fake-en-ru"
        assert service.retranslate_changed(article, user=None) == 0  # nothing left to do


def test_stale_ready_translation_drops_back_to_draft(app, mt_story):
    with app.app_context():
        approve_all(mt_story)
        ru = db.session.get(Story, mt_story).article("ru")
        service.mark_ready(ru, user=None)
        assert ru.status == Status.READY
        edit_source(mt_story, lambda b: b.replace("noon", "one o'clock"))
        assert db.session.get(Story, mt_story).article("ru").status == Status.DRAFT


def test_publish_gate_refuses_a_stale_side_unless_an_editor_overrides(app, mt_story, make_user):
    editor = make_user("ed", role="editor")
    translator = make_user("tr", role="translator", languages="ru")
    with app.app_context():
        approve_all(mt_story)
        story = db.session.get(Story, mt_story)
        service.mark_ready(story.article("ru"), user=None)
        en = story.article("en")
        stories.update_article(en, title=en.title, lead=en.lead, body=en.body, status=Status.READY)
        stories.publish_pair(story, user=editor)
        edit_source(mt_story, lambda b: b.replace("noon", "one o'clock"))
        story = db.session.get(Story, mt_story)
        with pytest.raises(stories.PublishError, match="out of date: 1 sentence"):
            stories.publish_pair(story, user=editor)
        with pytest.raises(stories.PublishError, match="Only editors"):
            stories.publish_pair(story, user=translator, override_reason="urgent")
        stories.publish_pair(story, user=editor, override_reason="Correction must go out now")
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "overrode"))
        assert entry.reason == "Correction must go out now"
        assert entry.detail == {"gate": "publish", "stale": {"ru": 1}}
        assert entry.username == "ed"


def test_story_list_shows_translation_out_of_date(app, client, login, make_user, mt_story):
    with app.app_context():
        approve_all(mt_story)
        edit_source(mt_story, lambda b: b.replace("noon", "one o'clock"))
    login(make_user("ed"))
    page = client.get("/editor/").get_data(as_text=True)
    assert page.count("Translation out of date") == 1
    story_page = client.get(f"/editor/stories/{mt_story}").get_data(as_text=True)
    assert "Translation out of date" in story_page and "Publish anyway" in story_page


def test_the_done_when_flow(app, client, login, make_user, mt_story, engine):
    """Translator reviews and marks ready; the editor publishes, then changes one source
    sentence; exactly one stale sentence with its old translation and a diff; re-translate,
    approve, republish."""
    login(make_user("tr", role="translator", languages="ru"))
    with app.app_context():
        ids = [s.id for s in segments(mt_story)]
    url = f"/editor/stories/{mt_story}/review/ru"
    for seg_id in ids:
        response = client.post(
            f"{url}/sentences/{seg_id}",
            data={"text": _current_text(app, seg_id), "approve_next": "1"},
        )
        assert response.status_code == 302
    assert "7 of 7 sentences approved" in client.get(url).get_data(as_text=True)
    assert client.post(f"{url}/ready").status_code == 302
    client.post("/editor/logout")
    login(make_user("ed"))
    with app.app_context():
        en = db.session.get(Story, mt_story).article("en")
        stories.update_article(en, title=en.title, lead=en.lead, body=en.body, status=Status.READY)
    assert (
        client.post(f"/editor/stories/{mt_story}/publish", data={"mode": "pair"}).status_code == 302
    )
    with app.app_context():
        edit_source(mt_story, lambda b: b.replace("noon", "one o'clock"))
    page = client.get(url).get_data(as_text=True)
    assert page.count('class="seg seg-stale') == 1
    assert "<ins>one o&#39;clock</ins>" in page or "<ins>one o'clock</ins>" in page
    response = client.post(f"/editor/stories/{mt_story}/publish", data={"mode": "pair"})
    assert response.status_code == 400 and "out of date" in response.get_data(as_text=True)
    client.post(f"{url}/retranslate")
    with app.app_context():
        machine = [s for s in segments(mt_story) if s.status == SegmentStatus.MACHINE]
        assert len(machine) == 1
        client.post(
            f"{url}/sentences/{machine[0].id}",
            data={"text": machine[0].target_text, "approve": "1"},
        )
    assert (
        client.post(f"/editor/stories/{mt_story}/publish", data={"mode": "pair"}).status_code == 302
    )
    with app.app_context():
        story = db.session.get(Story, mt_story)
        assert {a.status for a in story.articles} == {Status.PUBLISHED}
        assert "о'цлоцк" in story.article("ru").body


def _current_text(app, seg_id):
    from newsdesk.models import Segment

    with app.app_context():
        return db.session.get(Segment, seg_id).target_text

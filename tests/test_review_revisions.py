"""Revisions (word-level diffs, restore as a new revision), the append-only audit log, the
public MT note flag, and role enforcement on every review route."""

from __future__ import annotations

import re

import pytest
from sqlalchemy.exc import DatabaseError

from newsdesk.extensions import db
from newsdesk.models import Revision, Segment, SegmentStatus, Story
from newsdesk.models.review import AuditEntry, AuditLogError
from newsdesk.review import diff, service
from newsdesk.stories import service as stories
from tests.review_helpers import approve_all, segments

pytest_plugins = ["tests.review_fixtures"]


def test_word_diff():
    pieces = diff.word_diff("The lab closes at noon.", "The lab closes at one o'clock.")
    assert [(p.op, p.text) for p in pieces] == [
        ("equal", "The lab closes at "),
        ("delete", "noon"),
        ("insert", "one o'clock"),
        ("equal", "."),
    ]
    assert str(diff.to_html(diff.word_diff("a <b>", "a <i>"))) == (
        "a &lt;<del>b</del><ins>i</ins>&gt;"
    )
    old, new = "One.\n\nTwo three.\n\nSix.\n", "One.\n\nTwo four.\n\nFive.\n\nSix.\n"
    long = diff.text_diff(old, new)
    assert "".join(p.text for p in long if p.op != "insert") == old
    assert "".join(p.text for p in long if p.op != "delete") == new
    assert ("delete", "three") in [(p.op, p.text) for p in long]


def test_restore_is_a_new_revision_and_realigns(app, client, login, make_user, mt_story):
    with app.app_context():
        approve_all(mt_story)
        seg = segments(mt_story)[2]
        original = seg.target_text
        service.save_segment(seg, "Совсем другой текст.", user=None, approve=True)
        ru = db.session.get(Story, mt_story).article("ru")
        old = next(r for r in ru.revisions if original in r.body and r.version > 1)
        latest = ru.revisions[-1]
        count = len(ru.revisions)
    login(make_user("tr", role="translator", languages="ru"))
    page = client.get(f"/editor/stories/{mt_story}/ru/history/diff?a={old.id}&b={latest.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert re.search(r"<ins>[^<]*Совсем другой текст", html)
    response = client.post(f"/editor/stories/{mt_story}/ru/history/{old.id}/restore")
    assert response.status_code == 302
    with app.app_context():
        ru = db.session.get(Story, mt_story).article("ru")
        assert len(ru.revisions) == count + 1  # nothing is destroyed
        assert ru.revisions[-1].note == f"restored version {old.version}"
        assert ru.body == old.body
        segs = segments(mt_story)
        assert segs[2].target_text == original and segs[2].status == SegmentStatus.EDITED
        assert sum(s.status == SegmentStatus.APPROVED for s in segs) == 6
        assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "restored"))


def test_history_lists_every_revision_of_the_source_too(app, client, login, make_user, mt_story):
    with app.app_context():
        en = db.session.get(Story, mt_story).article("en")
        stories.update_article(en, title="Lab opens today", lead=en.lead, body=en.body)
    login(make_user("ed"))
    html = client.get(f"/editor/stories/{mt_story}/en/history").get_data(as_text=True)
    assert html.count('name="a"') == 2 and "Compare" in html


def test_audit_log_records_the_story_life(app, client, login, make_user, mt_story):
    editor = make_user("ed")
    with app.app_context():
        approve_all(mt_story, user=editor)
        story = db.session.get(Story, mt_story)
        service.mark_ready(story.article("ru"), user=editor)
        en = story.article("en")
        stories.update_article(
            en, title=en.title, lead=en.lead, body=en.body, status=stories.Status.READY, user=editor
        )
        stories.publish_pair(story, user=editor)
        actions = [
            e.action for e in db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id))
        ]
        assert actions[:3] == ["created", "created", "machine_translated"]
        assert actions.count("approved") == 7
        assert actions[-3:] == ["marked_ready", "edited", "published"]
        mt = db.session.scalar(
            db.select(AuditEntry).where(AuditEntry.action == "machine_translated")
        )
        assert (mt.detail["engine"], mt.detail["package"], mt.detail["version"]) == (
            "fake",
            "fake-en-ru",
            "0",
        )
    login(editor)
    html = client.get(f"/editor/stories/{mt_story}/audit").get_data(as_text=True)
    assert "fake fake-en-ru 0" in html and "Published the story" in html


def test_audit_log_is_append_only(app, mt_story):
    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry))
        entry.reason = "rewritten history"
        with pytest.raises(AuditLogError):
            db.session.commit()
        db.session.rollback()
        db.session.delete(db.session.scalar(db.select(AuditEntry)))
        with pytest.raises(AuditLogError):
            db.session.commit()
        db.session.rollback()
        # The database refuses too, whatever client writes to it.
        with pytest.raises(DatabaseError, match="append-only"):
            db.session.execute(db.text("UPDATE audit_log SET reason = 'x'"))
        db.session.rollback()
        with pytest.raises(DatabaseError, match="append-only"):
            db.session.execute(db.text("DELETE FROM audit_log"))
        db.session.rollback()


def test_mt_note_flag(app, client, login, make_user, mt_story):
    login(make_user("ed"))
    page = client.get(f"/editor/stories/{mt_story}").get_data(as_text=True)
    assert "Machine-translated and reviewed by the editorial team" in page
    assert (
        client.post(f"/editor/stories/{mt_story}/mt-note", data={"mt_note": "y"}).status_code == 302
    )
    with app.app_context():
        assert db.session.get(Story, mt_story).mt_note is True
        assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "mt_note"))
    client.post(f"/editor/stories/{mt_story}/mt-note", data={})
    with app.app_context():
        assert db.session.get(Story, mt_story).mt_note is False


def _routes(story_id, seg_id, rev_id, lang):
    base = f"/editor/stories/{story_id}"
    return [
        ("GET", f"{base}/review/{lang}"),
        ("POST", f"{base}/review/{lang}/start"),
        ("POST", f"{base}/review/{lang}/sentences/{seg_id}"),
        ("POST", f"{base}/review/{lang}/sentences/{seg_id}/fix"),
        ("POST", f"{base}/review/{lang}/retranslate"),
        ("POST", f"{base}/review/{lang}/ready"),
        ("GET", f"{base}/review/{lang}/markdown"),
        ("POST", f"{base}/review/{lang}/markdown"),
        ("GET", f"{base}/review/{lang}/report"),
        ("GET", f"{base}/{lang}/history"),
        ("GET", f"{base}/{lang}/history/diff?a={rev_id}&b={rev_id}"),
        ("POST", f"{base}/{lang}/history/{rev_id}/restore"),
    ]


@pytest.fixture
def ids(app, mt_story):
    with app.app_context():
        story = db.session.get(Story, mt_story)
        seg = db.session.scalar(db.select(Segment))
        rev = db.session.scalar(
            db.select(Revision).where(Revision.article_id == story.article("ru").id)
        )
        return mt_story, seg.id, rev.id


def test_translators_get_403_outside_their_languages(app, client, login, make_user, ids):
    story_id, seg_id, rev_id = ids
    login(make_user("tr", role="translator", languages="en"))
    for method, path in _routes(story_id, seg_id, rev_id, "ru"):
        response = client.open(path, method=method, data={"text": "x", "save": "1"})
        assert response.status_code == 403, (method, path)
    with app.app_context():
        assert db.session.get(Segment, seg_id).target_text != "x"


def test_translators_cannot_publish_override_or_flag_the_note(client, login, make_user, ids):
    story_id, seg_id, rev_id = ids
    login(make_user("tr", role="translator", languages="ru"))
    base = f"/editor/stories/{story_id}"
    assert (
        client.post(f"{base}/publish-override", data={"mode": "pair", "reason": "x"}).status_code
        == 403
    )
    assert client.post(f"{base}/mt-note", data={"mt_note": "y"}).status_code == 403
    assert client.post(f"{base}/review/ru/ready", data={"reason": "x"}).status_code == 403
    assert client.get(f"{base}/review/ru").status_code == 200  # their own language
    assert client.get(f"{base}/audit").status_code == 200


def test_editors_can_use_every_route(client, login, make_user, ids):
    story_id, seg_id, rev_id = ids
    login(make_user("ed"))
    for method, path in _routes(story_id, seg_id, rev_id, "ru"):
        response = client.open(path, method=method, data={"text": "Текст.", "save": "1"})
        assert response.status_code in (200, 302), (method, path, response.status_code)


def test_anonymous_users_are_sent_to_login(client, ids):
    story_id, seg_id, rev_id = ids
    for method, path in _routes(story_id, seg_id, rev_id, "ru"):
        response = client.open(path, method=method)
        assert response.status_code == 302 and "/editor/login" in response.headers["Location"]

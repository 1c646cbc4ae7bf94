"""History that reads well: a working session's sentence saves make one revision, and
revision notes are shown in the interface language."""

from __future__ import annotations

from datetime import timedelta

import pytest

from newsdesk.extensions import db
from newsdesk.models import Revision
from newsdesk.models.review import AuditEntry
from newsdesk.review import service
from newsdesk.stories import history
from tests.review_helpers import segments

pytest_plugins = ["tests.review_fixtures"]


@pytest.fixture
def translator(make_user):
    return make_user("tr", role="translator", languages="ru")


def _revisions(article_id):
    return db.session.scalars(
        db.select(Revision).where(Revision.article_id == article_id).order_by(Revision.id)
    ).all()


def _save(seg, text, user):
    return service.save_segment(seg, text, user=user)


def test_two_saves_of_a_session_make_one_revision(app, mt_story, translator):
    with app.app_context():
        segs = segments(mt_story)
        ru = segs[0].article
        before = len(_revisions(ru.id))
        _save(segs[2], "Университет открыл новую лабораторию.", translator)
        _save(segs[1], "Хорошая новость для всех.", translator)
        _save(segs[3], "Она стоила 2,5 млн долларов.", translator)
        revisions = _revisions(ru.id)
        assert len(revisions) == before + 1
        last = revisions[-1]
        assert last.note == "sentences 2–4" and last.version == ru.version
        assert last.body == ru.body and "Университет открыл" in last.body
        edits = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "edited"))
        assert sorted(e.detail["sentence"] for e in edits) == [2, 3, 4]  # audit stays per sentence


def test_a_save_after_the_gap_starts_a_new_revision(app, mt_story, translator):
    with app.app_context():
        segs = segments(mt_story)
        ru = segs[0].article
        _save(segs[2], "Университет открыл новую лабораторию.", translator)
        first = _revisions(ru.id)[-1]
        first.created_at -= history.SESSION_GAP + timedelta(minutes=1)
        db.session.commit()
        _save(segs[1], "Хорошая новость для всех.", translator)
        revisions = _revisions(ru.id)
        assert [r.note for r in revisions[-2:]] == ["sentence 3", "sentence 2"]


def test_another_users_save_starts_a_new_revision(app, mt_story, translator, make_user):
    other = make_user("tr2", role="translator", languages="ru")
    with app.app_context():
        segs = segments(mt_story)
        ru = segs[0].article
        _save(segs[2], "Университет открыл новую лабораторию.", translator)
        _save(segs[1], "Хорошая новость для всех.", other)
        _save(segs[3], "Она стоила 2,5 млн долларов.", translator)
        notes = [(r.note, r.user_id) for r in _revisions(ru.id)[-3:]]
        assert notes == [
            ("sentence 3", translator.id),
            ("sentence 2", other.id),
            ("sentence 4", translator.id),
        ]


def test_sentences_note_writes_runs_and_reads_back():
    assert history.sentences_note({4}) == "sentence 4"
    assert history.sentences_note({1, 2, 3, 7, 9, 10}) == "sentences 1–3, 7, 9–10"
    assert history.parse_numbers("1–3, 7, 9–10") == {1, 2, 3, 7, 9, 10}


def test_history_notes_in_russian(app, mt_story, translator, make_user, login):
    with app.app_context():
        segs = segments(mt_story)
        _save(segs[2], "Университет открыл новую лабораторию.", translator)
        _save(segs[1], "Хорошая новость для всех.", translator)
        ru = segs[0].article
        db.session.add(
            Revision(
                article_id=ru.id,
                version=ru.version,
                title="",
                slug="",
                lead="",
                body="",
                note="typed by hand",
            )
        )
        db.session.commit()
    client = login(make_user("ed", locale="ru"))
    page = client.get(f"/editor/stories/{mt_story}/ru/history").get_data(as_text=True)
    assert "предложения 2–3" in page
    assert "машинный перевод (fake-en-ru 0)" in page
    assert "sentences 2–3" not in page and "machine translation (" not in page
    assert '<span lang="en">typed by hand</span>' in page

"""Machine drafts in the product: jobs, provenance, memory reuse, protection of human work.

These tests use a fake engine (tests.mt_fakes) behind the real pipeline, database and
job queue; tests/test_mt_real_model.py runs the same path on the real argos model.
"""

from __future__ import annotations

import pytest

from newsdesk.extensions import db
from newsdesk.models import JobState, Segment, SegmentStatus, Status, Story, TranslationJob
from newsdesk.stories import service as stories
from newsdesk.translation_jobs import service
from tests.mt_fakes import FakeEngine, fake_package, transliterate

BODY = """The university opened a new laboratory. It cost $2.5 million.

## Open days

Visit the [lab website](https://example.edu/lab) on **March 3**.
"""


@pytest.fixture
def engine(app, monkeypatch):
    """A transliterating fake engine installed as en→ru; counts its calls."""
    fake = FakeEngine("en", "ru", transform=lambda text: transliterate(text, "ru"))
    fake_package(app)
    monkeypatch.setattr(service, "load_engine", lambda source, target: fake)
    return fake


@pytest.fixture
def story(make_story):
    return make_story(en={"title": "Lab opens", "lead": "Good news.", "body": BODY})


def _translate(app, story_id, user=None):
    with app.app_context():
        job = service.request_translation(db.session.get(Story, story_id), "ru", user)
        return job.id


def _segments(app, story_id):
    with app.app_context():
        article = db.session.get(Story, story_id).article("ru")
        return [
            (s.part, s.source_text, s.target_text, s.status, s.origin, s.package)
            for s in db.session.scalars(
                db.select(Segment)
                .where(Segment.article_id == article.id)
                .order_by(Segment.position)
            )
        ]


def test_machine_draft_keeps_structure_and_records_provenance(app, engine, story):
    job_id = _translate(app, story.id)
    with app.app_context():
        job = db.session.get(TranslationJob, job_id)
        assert job.state == JobState.DONE and job.done == job.total == 6
        ru = db.session.get(Story, story.id).article("ru")
        assert ru.status == Status.MT_DRAFT
        assert ru.body.startswith(transliterate("The university opened a new laboratory.", "ru"))
        assert "\n\n## " in ru.body and "](https://example.edu/lab)" in ru.body
        assert "2,5" in ru.body and "**" in ru.body
        assert ru.revisions[-1].note == "machine translation (fake-en-ru 0)"
    segments = _segments(app, story.id)
    assert [s[0] for s in segments] == ["title", "lead", "body", "body", "body", "body"]
    assert {s[3] for s in segments} == {SegmentStatus.MACHINE}
    assert {s[5] for s in segments} == {"fake-en-ru"}


def test_unchanged_story_is_retranslated_without_the_engine(app, engine, story):
    _translate(app, story.id)
    calls = engine.sentences_seen
    _translate(app, story.id)
    assert engine.sentences_seen == calls


def test_one_changed_sentence_costs_one_engine_sentence(app, engine, story):
    from newsdesk.stories import service as stories

    _translate(app, story.id)
    seen = engine.sentences_seen
    with app.app_context():
        en = db.session.get(Story, story.id).article("en")
        stories.update_article(
            en, title=en.title, lead=en.lead, body=en.body.replace("It cost", "It costs")
        )
    _translate(app, story.id)
    assert engine.sentences_seen == seen + 1
    assert engine.calls[-1] == [engine.calls[-1][0]] and "costs" in engine.calls[-1][0]


def test_human_edits_survive_a_new_machine_translation(app, engine, story):
    _translate(app, story.id)
    with app.app_context():
        seg = db.session.scalar(db.select(Segment).where(Segment.part == "title"))
        seg.target_text, seg.status = "Лаборатория открылась", SegmentStatus.APPROVED
        db.session.commit()
    engine.transform = lambda text: "СОВСЕМ ДРУГОЕ"
    with app.app_context():  # a new model version must not overwrite people's work either
        db.session.execute(db.text("DELETE FROM machine_cache"))
        db.session.commit()
    _translate(app, story.id)
    title = [s for s in _segments(app, story.id) if s[0] == "title"][0]
    assert title[2] == "Лаборатория открылась" and title[3] == SegmentStatus.APPROVED
    with app.app_context():
        assert db.session.get(Story, story.id).article("ru").title == "Лаборатория открылась"


def test_missing_model_says_which_command_installs_it(app, story, monkeypatch):
    with app.app_context(), pytest.raises(service.TranslationUnavailable) as info:
        service.request_translation(db.session.get(Story, story.id), "ru")
    assert "newsdesk mt install FILE.argosmodel" in info.value.message
    assert "newsdesk mt install --from-index en ru" in info.value.message


def test_hand_written_translation_is_never_replaced(app, engine, make_story):
    story = make_story(en="English", ru={"title": "Написано вручную", "body": "Текст."})
    with app.app_context(), pytest.raises(service.TranslationUnavailable, match="by hand"):
        service.request_translation(db.session.get(Story, story.id), "ru")
    assert engine.calls == []


def test_published_target_is_not_replaced(app, engine, make_story):
    story = make_story(en="English", ru="Русский", publish="pair")
    with app.app_context(), pytest.raises(service.TranslationUnavailable, match="published"):
        service.request_translation(db.session.get(Story, story.id), "ru")


def test_engine_crash_fails_the_job_with_a_message_and_changes_nothing(app, engine, story):
    def explode(text):
        raise RuntimeError("model fell over")

    engine.transform = explode
    job_id = _translate(app, story.id)
    with app.app_context():
        job = db.session.get(TranslationJob, job_id)
        assert job.state == JobState.FAILED and "internal error" in job.error
        assert job.attempts == 3  # huey retried twice
        assert db.session.get(Story, story.id).article("ru") is None


def test_cancelled_job_stops_and_writes_nothing(app, engine, story, monkeypatch):
    def cancel_midway(text):
        with app.app_context():
            job = db.session.scalar(db.select(TranslationJob))
            service.cancel_job(job)
        return text

    engine.transform = cancel_midway
    job_id = _translate(app, story.id)
    with app.app_context():
        assert db.session.get(TranslationJob, job_id).state == JobState.CANCELLED
        assert db.session.get(Story, story.id).article("ru") is None


def test_story_page_button_and_progress_json(app, client, login, make_user, engine, story):
    login(make_user("ed"))
    page = client.get(f"/editor/stories/{story.id}").get_data(as_text=True)
    assert "Machine-translate into Russian" in page and "disabled" not in page
    response = client.post(f"/editor/stories/{story.id}/translate/ru")
    assert response.status_code == 302
    with app.app_context():
        job_id = db.session.scalar(db.select(TranslationJob.id))
    data = client.get(f"/editor/jobs/{job_id}").get_json()
    assert data["state"] == "done" and data["done"] == data["total"] == 6
    assert data["label"] == "6 of 6 sentences"
    with app.app_context():
        stories.delete_story(db.session.get(Story, story.id), user=None)
    assert client.get(f"/editor/jobs/{job_id}").status_code == 404  # gone with its story
    assert client.post(f"/editor/jobs/{job_id}/cancel").status_code == 404


def test_story_page_disables_translation_without_a_model(client, login, make_user, story):
    login(make_user("ed"))
    page = client.get(f"/editor/stories/{story.id}").get_data(as_text=True)
    assert "disabled" in page and "newsdesk mt install --from-index en ru" in page
    models = client.get("/editor/admin/mt").get_data(as_text=True)
    assert "Not installed" in models and "newsdesk mt install --from-index" in models

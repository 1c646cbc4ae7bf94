""" "Re-translate changed sentences" in the review workspace runs as a queued job: the page
shows the job's progress bar, the job writes only sentences still stale when it finishes."""

from __future__ import annotations

import pytest

from newsdesk.extensions import db
from newsdesk.models import JobState, SegmentStatus, Story, TranslationJob
from newsdesk.review import service
from newsdesk.translation_jobs import queue as jobs
from newsdesk.translation_jobs import service as mt_service
from tests.mt_fakes import transliterate
from tests.review_helpers import approve_all, edit_source, segments

pytest_plugins = ["tests.review_fixtures"]


def _make_stale(app, story_id):
    with app.app_context():
        approve_all(story_id)
        edit_source(
            story_id,
            lambda b: b.replace("noon", "one o'clock").replace(
                "on weekdays.", "on weekdays. Guided tours start at ten."
            ),
        )


def _url(story_id):
    return f"/editor/stories/{story_id}/review/ru"


def test_retranslate_button_queues_a_job_and_the_page_shows_its_progress(
    app, client, login, make_user, mt_story, engine, monkeypatch
):
    _make_stale(app, mt_story)
    queued = []
    monkeypatch.setattr(jobs, "run_translation_job", queued.append)  # a worker takes it later
    login(make_user("ed"))
    response = client.post(f"{_url(mt_story)}/retranslate")
    assert response.status_code == 302
    with app.app_context():
        job = db.session.scalar(db.select(TranslationJob).order_by(TranslationJob.id.desc()))
        assert queued == [job.id] and job.scope == "changed" and job.state == JobState.QUEUED
        job_id = job.id
    page = client.get(_url(mt_story)).get_data(as_text=True)
    assert f'data-job-url="/editor/jobs/{job_id}"' in page and "jobs.js" in page
    assert "Machine translation in progress" in page
    assert "Re-translate changed sentences" not in page  # no second job while one runs
    calls = len(engine.calls)
    with app.app_context():
        mt_service.run_job(job_id)  # what the worker does
    assert client.get(f"/editor/jobs/{job_id}").get_json()["state"] == "done"
    assert sorted(engine.calls[calls]) == [
        "Guided tours start at ten.",
        "The lab closes at one o'clock on Fridays.",
    ]
    with app.app_context():
        states = [s.status for s in segments(mt_story)]
    assert SegmentStatus.STALE not in states and states.count(SegmentStatus.MACHINE) == 2
    page = client.get(_url(mt_story)).get_data(as_text=True)
    assert "Machine translation in progress" not in page and "data-job-url" not in page


def test_retranslate_inline_flashes_and_writes(app, client, login, make_user, mt_story, engine):
    _make_stale(app, mt_story)
    login(make_user("ed"))
    page = client.post(f"{_url(mt_story)}/retranslate", follow_redirects=True)
    assert "The changed sentences were machine-translated again." in page.get_data(as_text=True)
    with app.app_context():
        assert SegmentStatus.STALE not in {s.status for s in segments(mt_story)}


@pytest.mark.parametrize("how", ["job", "direct"])
def test_sentence_adapted_by_hand_while_the_job_runs_is_not_overwritten(
    how, app, mt_story, engine, make_user
):
    _make_stale(app, mt_story)
    editor = make_user("ed")
    human = "Лаборатория закрывается в час (правка человека)."

    def adapt_midway(text):
        with app.app_context():
            seg = next(s for s in segments(mt_story) if "one o'clock" in s.source_text)
            if seg.status == SegmentStatus.STALE:
                service.save_segment(seg, human, user=db.session.get(type(editor), editor.id))
        return transliterate(text, "ru")

    engine.transform = adapt_midway
    with app.app_context():
        article = db.session.get(Story, mt_story).article("ru")
        if how == "job":
            job = service.request_retranslation(article, user=None)
            assert job.state == JobState.DONE and job.scope == "changed"
        else:  # the service alone, without a job's progress commits in between
            assert service.retranslate_changed(article, user=None) == 1
    with app.app_context():
        by_source = {s.source_text: s for s in segments(mt_story)}
        adapted = by_source["The lab closes at one o'clock on Fridays."]
        assert (adapted.target_text, adapted.status) == (human, SegmentStatus.EDITED)
        tours = by_source["Guided tours start at ten."]
        assert tours.status == SegmentStatus.MACHINE
        assert tours.target_text == transliterate("Guided tours start at ten.", "ru")
        assert human in db.session.get(Story, mt_story).article("ru").body


def test_nothing_changed_queues_no_job(app, client, login, make_user, mt_story):
    login(make_user("ed"))
    with app.app_context():
        before = db.session.scalar(db.select(db.func.count(TranslationJob.id)))
    page = client.post(f"{_url(mt_story)}/retranslate", follow_redirects=True)
    assert "0 sentences were machine-translated again." in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(TranslationJob.id))) == before

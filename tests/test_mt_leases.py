"""Leases on translation jobs: recovery of jobs whose worker died, the attempt bound,
fencing of a worker that lost its job, and human edits made while a job runs.

Jobs run inline (huey's immediate mode) on a fake engine; tests/test_mt_workers.py kills
real worker processes.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest

from newsdesk.extensions import db
from newsdesk.models import JobState, Segment, SegmentStatus, Story, TranslationJob, utcnow
from newsdesk.review import service as review
from newsdesk.translation_jobs import leases, service
from newsdesk.translation_jobs import queue as jobs
from tests.mt_fakes import FakeEngine, fake_package, transliterate

BODY = "The council met. It voted twice.\n\nThe mayor spoke. Everyone listened."


@pytest.fixture
def engine(app, monkeypatch):
    fake = FakeEngine("en", "ru", transform=lambda text: transliterate(text, "ru"))
    fake_package(app)
    monkeypatch.setattr(service, "load_engine", lambda source, target: fake)
    return fake


@pytest.fixture
def story(make_story):
    return make_story(en={"title": "Council meets", "body": BODY})


def _stranded_job(app, story_id, *, worker, age=0, attempts=1, state=JobState.RUNNING):
    """A job as a worker leaves it when it dies: running, its heartbeat ``age`` seconds old."""
    with app.app_context():
        job = TranslationJob(
            story_id=story_id,
            source_lang="en",
            target_lang="ru",
            state=state,
            worker=worker,
            attempts=attempts,
            heartbeat_at=utcnow() - timedelta(seconds=age),
        )
        db.session.add(job)
        db.session.commit()
        return job.id


def _recover(app):
    with app.app_context():
        return leases.recover_jobs()


def _job(app, job_id):
    with app.app_context():
        job = db.session.get(TranslationJob, job_id)
        db.session.expunge(job)
        return job


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_job_with_an_expired_lease_is_run_again(app, engine, story):
    lease = app.config["MT_JOB_LEASE"]
    job_id = _stranded_job(app, story.id, worker="elsewhere:123", age=lease + 1)
    assert _recover(app) == [job_id]
    job = _job(app, job_id)
    assert job.state == JobState.DONE and job.attempts == 2
    assert job.worker == leases.worker_id() and job.done == job.total == 5


def test_job_of_a_live_worker_elsewhere_is_left_alone(app, engine, story):
    job_id = _stranded_job(app, story.id, worker="elsewhere:123", age=5)
    assert _recover(app) == []
    assert _job(app, job_id).state == JobState.RUNNING and engine.calls == []


def test_job_of_a_dead_process_on_this_machine_is_taken_back_at_once(app, engine, story):
    job_id = _stranded_job(
        app, story.id, worker=f"{leases.worker_id().split(':')[0]}:{_dead_pid()}"
    )
    assert _recover(app) == [job_id]
    assert _job(app, job_id).state == JobState.DONE


def test_job_that_keeps_stopping_its_worker_fails_with_a_message(
    app, engine, story, client, login, make_user, runner
):
    limit = app.config["MT_JOB_MAX_ATTEMPTS"]
    job_id = _stranded_job(app, story.id, worker="elsewhere:1", age=10**6, attempts=limit)
    assert _recover(app) == []
    job = _job(app, job_id)
    assert job.state == JobState.FAILED and engine.calls == []
    assert f"started {limit} times and its worker stopped each time" in job.error
    login(make_user("ed"))
    page = client.get(f"/editor/stories/{story.id}").get_data(as_text=True)
    assert "The last machine translation failed:" in page and "given up" in page
    listing = runner.invoke(args=["mt", "jobs"])
    assert f"job {job_id}  story {story.id} en→ru  failed" in listing.output
    assert "given up" in listing.output


def test_queued_job_whose_task_was_lost_is_queued_again(app, engine, story):
    lease = app.config["MT_JOB_LEASE"]
    fresh = _stranded_job(app, story.id, worker="", state=JobState.QUEUED, attempts=0)
    assert _recover(app) == []  # it may still be on its way to a worker
    with app.app_context():
        db.session.get(TranslationJob, fresh).heartbeat_at -= timedelta(seconds=lease + 1)
        db.session.commit()
    assert _recover(app) == [fresh]
    assert _job(app, fresh).state == JobState.DONE


def test_worker_that_lost_its_job_writes_nothing(app, engine, story):
    def taken_back_midway(text):
        # Meanwhile recovery gave the job to another worker, which holds it now.
        with app.app_context():
            job = db.session.scalar(db.select(TranslationJob))
            job.worker = "elsewhere:9"
            db.session.commit()
        return text

    engine.transform = taken_back_midway
    with app.app_context():
        job = service.request_translation(db.session.get(Story, story.id), "ru")
        job_id = job.id
    job = _job(app, job_id)
    assert job.state == JobState.RUNNING and job.worker == "elsewhere:9"
    with app.app_context():
        assert db.session.get(Story, story.id).article("ru") is None


def test_sentence_edited_while_the_job_runs_is_kept(app, engine, story, make_user):
    editor = make_user("ed")
    with app.app_context():
        service.request_translation(db.session.get(Story, story.id), "ru")
        en = db.session.get(Story, story.id).article("en")
        from newsdesk.stories import service as stories

        stories.update_article(en, title=en.title, body=BODY + "\n\nA new paragraph came.")
    human = "Совет собрался (правка человека)."

    def edit_midway(text):
        with app.app_context():
            seg = db.session.scalar(
                db.select(Segment).where(Segment.source_text == "The council met.")
            )
            if seg.status != SegmentStatus.EDITED:
                review.save_segment(seg, human, user=db.session.get(type(editor), editor.id))
        return transliterate(text, "ru")

    engine.transform = edit_midway
    before = len(engine.calls)
    with app.app_context():
        job = service.request_translation(db.session.get(Story, story.id), "ru")
        assert job.state == JobState.DONE and job.attempts == 1
        seg = db.session.scalar(db.select(Segment).where(Segment.source_text == "The council met."))
        assert (seg.target_text, seg.status) == (human, SegmentStatus.EDITED)
        assert human in db.session.get(Story, story.id).article("ru").body
    # The new sentence went to the engine once; assembling again took it from the cache.
    assert engine.calls[before:] == [["A new paragraph came."]]


def test_consumers_run_the_recovery_step_at_start_and_periodically(monkeypatch):
    assert "recover_on_startup" in jobs.huey._startup
    periodic = [t.name for t in jobs.huey._registry.periodic_tasks]
    assert "recover_jobs_periodically" in periodic
    made = {}

    class Consumer:
        def start(self):
            made["started"] = True

    def create_consumer(**options):
        made.update(options)
        return Consumer()

    monkeypatch.setattr(jobs.huey, "create_consumer", create_consumer)
    monkeypatch.setattr(jobs.huey, "app", jobs.huey.app)
    jobs.start_consumer(workers=2)  # what `newsdesk serve` starts
    assert made["periodic"] is True and made["started"]
    # Ctrl-C waits for a running task this long at most, then the process exits (the job's
    # lease brings it back); without a bound a stuck task kept `newsdesk serve` running.
    assert made["shutdown_timeout"] == 15.0

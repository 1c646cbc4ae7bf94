"""A job's progress moves within a batch: the total is known before the engine is first
asked, the stored done count grows while it works, and the bar ends with a message."""

from __future__ import annotations

import pytest

from newsdesk.extensions import db
from newsdesk.models import JobState, Story, TranslationJob
from newsdesk.translation_jobs import service
from newsdesk.translation_jobs.progress import Throttled
from tests.mt_fakes import FakeEngine, fake_package, transliterate


class WatchingEngine(FakeEngine):
    """Records the job's stored (done, total) each time it is asked to translate."""

    def __init__(self) -> None:
        super().__init__("en", "ru", transform=lambda text: transliterate(text, "ru"))
        self.seen: list[tuple[int, int]] = []

    def translate_batch(self, sentences):
        row = db.session.execute(
            db.select(TranslationJob.done, TranslationJob.total).order_by(TranslationJob.id.desc())
        ).first()
        self.seen.append(tuple(row))
        return super().translate_batch(sentences)


@pytest.fixture
def watching(app, monkeypatch):
    fake = WatchingEngine()
    fake_package(app)
    monkeypatch.setattr(service, "load_engine", lambda source, target: fake)
    app.config.update(MT_JOB_CHUNK_SIZE=32, MT_JOB_PROGRESS_STEP=2, MT_JOB_PROGRESS_EVERY=4)
    return fake


def test_progress_moves_inside_one_batch(app, watching, make_story):
    body = " ".join(f"Sentence number {n} is here." for n in range(1, 21))
    story = make_story(en={"title": "Many sentences", "lead": "", "body": body})
    with app.app_context():
        job = service.request_translation(db.session.get(Story, story.id), "ru")
        assert job.state == JobState.DONE and job.done == job.total == 21
    totals = {total for _done, total in watching.seen}
    assert totals == {21}, "the total is stored before the first engine call"
    assert len(watching.calls) > 1 and watching.seen[0][0] == 0
    inside = [done for done, total in watching.seen if 0 < done < total]
    assert inside and inside == sorted(inside), watching.seen


def test_throttle_writes_every_n_sentences_not_each_one():
    writes, now = [], [0.0]
    throttled = Throttled(lambda d, t: writes.append(d), every=10, seconds=5, clock=lambda: now[0])
    throttled.batch_done(0, 100)
    for _ in range(40):
        throttled.inside_batch(1)
    assert writes == [0, 10, 20, 30, 40]
    now[0] = 6.0  # a slow engine: a second step writes after the time limit
    throttled.inside_batch(1)
    assert writes[-1] == 41
    throttled.inside_batch(3)
    assert writes[-1] == 41  # three sentences and no time since: nothing written
    throttled.inside_batch(200)
    assert writes[-1] == 99  # completion is only said by the pipeline
    throttled.batch_done(100, 100)
    assert writes[-1] == 100


def test_job_json_says_preparing_then_counts_then_finished(
    app, watching, make_story, make_user, login
):
    story = make_story(en={"title": "One sentence here.", "lead": "", "body": "Another."})
    client = login(make_user("ed"))
    with app.app_context():
        job = TranslationJob(story_id=story.id, source_lang="en", target_lang="ru")
        db.session.add(job)
        db.session.commit()
        job_id = job.id
    assert client.get(f"/editor/jobs/{job_id}").json["label"] == "Preparing the translation…"
    with app.app_context():
        job = db.session.get(TranslationJob, job_id)
        job.done, job.total, job.state = 1, 2, JobState.DONE
        db.session.commit()
    data = client.get(f"/editor/jobs/{job_id}").json
    assert data["label"] == "1 of 2 sentences" and data["message"] == "Translation finished."

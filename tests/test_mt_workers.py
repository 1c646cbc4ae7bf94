"""Translation jobs on real ``huey_consumer`` worker processes: a worker killed with SIGKILL
mid-job, and two workers sharing one Redis queue.

Workers run ``tests/mt_worker_probe.py`` (huey's consumer entry point with a probe on the
engine that logs each translated sentence and can hold a worker at a known point), on this
test's database, with the tiny argos model. Jobs are queued with ``newsdesk mt queue``.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk.config import PROJECT_ROOT
from newsdesk.extensions import db
from newsdesk.models import JobState, Segment, SegmentStatus, Story, TranslationJob
from newsdesk.review import service as review
from newsdesk.stories import service as stories
from newsdesk.translation_jobs import service
from tests import services
from tests.test_mt_real_model import PLAIN

pytestmark = pytest.mark.slow

HOST = socket.gethostname()
TIME_LIMIT = 120  # seconds for any one wait; the test fails rather than hangs


# --- a Redis server of the test's own --------------------------------------------------


def _empty_database(url: str) -> str:
    """An empty numbered database on a shared server (NEWSDESK_TEST_REDIS_URL)."""
    import redis

    base = url.rsplit("/", 1)[0] if url.count("/") > 2 else url.rstrip("/")
    for number in random.sample(range(1, 16), 15):
        client = redis.Redis.from_url(f"{base}/{number}")
        try:
            if client.dbsize() == 0:
                return f"{base}/{number}"
        finally:
            client.close()
    pytest.fail(f"no empty database (1-15) left on {base}")


@pytest.fixture
def redis_url() -> Iterator[str]:
    """NEWSDESK_TEST_REDIS_URL (an empty database of it), else a throwaway redis-server."""
    shared = os.environ.get("NEWSDESK_TEST_REDIS_URL")
    if shared:
        yield _empty_database(shared)
        return
    try:
        with services.redis_server() as url:
            yield url
    except services.ServiceMissing as exc:
        message = f"needs {exc} or NEWSDESK_TEST_REDIS_URL"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)


# --- workers -----------------------------------------------------------------------------


@pytest.fixture
def mt_app(app_factory, argos_packages):
    return app_factory(ARGOS_PACKAGES_DIR=str(argos_packages), MT_BEAM_SIZE=1)


class Workers:
    """Worker processes on the test's database and queue, and what their probe logged."""

    def __init__(self, app, argos_home: Path, tmp_path: Path, redis: str) -> None:
        self.log = tmp_path / "probe.log"
        self.log.touch()
        self.stderr = tmp_path / "workers.stderr"
        self.env = {
            **os.environ,
            "HOME": str(argos_home),
            "XDG_DATA_HOME": str(argos_home / "data"),
            "XDG_CACHE_HOME": str(argos_home / "cache"),
            "XDG_CONFIG_HOME": str(argos_home / "config"),
            "NEWSDESK_INSTANCE_PATH": app.instance_path,
            "NEWSDESK_SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "NEWSDESK_SECRET_KEY": "workers",
            "NEWSDESK_ARGOS_PACKAGES_DIR": app.config["ARGOS_PACKAGES_DIR"],
            "NEWSDESK_MT_BEAM_SIZE": "1",
            # One sentence per engine call: progress (and the lease) moves sentence by sentence.
            "NEWSDESK_MT_JOB_CHUNK_SIZE": "1",
            "NEWSDESK_HUEY_IMMEDIATE": "false",
            "NEWSDESK_REDIS_URL": redis,  # empty: the SQLite queue in the instance folder
            "NEWSDESK_PROBE_LOG": str(self.log),
        }
        self.env.pop("NEWSDESK_PROBE_HOLD_AFTER", None)
        self.procs: list[subprocess.Popen] = []

    def start(
        self, hold_after: int | None = None, settings: dict[str, str] | None = None
    ) -> subprocess.Popen:
        env = {**self.env, **(settings or {})}
        if hold_after is not None:
            env["NEWSDESK_PROBE_HOLD_AFTER"] = str(hold_after)
        with self.stderr.open("ab") as err:
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.mt_worker_probe",
                    "--workers",
                    "1",
                    "--delay",
                    "0.05",
                ],  # fmt: skip
                cwd=PROJECT_ROOT,
                env=env,
                stdout=err,
                stderr=err,
            )
        self.procs.append(proc)
        return proc

    def queue(self, story_ids: list[int]) -> None:
        """Queue translations into Russian with the CLI, as an operator would."""
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "from newsdesk.cli import main; main()",
                "mt",
                "queue",
                *map(str, story_ids),
                "--into",
                "ru",
            ],  # fmt: skip
            cwd=PROJECT_ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=TIME_LIMIT,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.count(" queued") == len(story_ids), done.stdout

    def lines(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").splitlines()

    def translated(self) -> list[tuple[int, str]]:
        """(pid, sentence) for every sentence an engine translated, in order."""
        return [
            (int(pid), s) for pid, s in (ln.split("\t", 1) for ln in self.lines() if "\t" in ln)
        ]

    def wait_for(self, what: str, check) -> None:
        deadline = time.monotonic() + TIME_LIMIT
        while not check():
            for proc in self.procs:
                if proc.returncode is None and proc.poll() is not None:
                    pytest.fail(f"a worker exited ({proc.returncode}) {self.tail()}")
            if time.monotonic() > deadline:
                pytest.fail(f"timed out waiting for {what} {self.tail()}")
            time.sleep(0.05)

    def tail(self) -> str:
        return "\nworker output:\n" + self.stderr.read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)  # huey's graceful stop
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture
def workers_on(mt_app, argos_home, tmp_path):
    """workers_on(redis_url or "") -> Workers; every worker is stopped at the end."""
    made: list[Workers] = []

    def make(redis: str) -> Workers:
        with mt_app.app_context():
            db.engine.dispose()  # the workers open their own connections
        made.append(Workers(mt_app, argos_home, tmp_path, redis))
        return made[-1]

    yield make
    for workers in made:
        workers.stop()


def _job(app, job_id: int) -> TranslationJob:
    with app.app_context():
        job = db.session.get(TranslationJob, job_id)
        db.session.expunge(job)
        return job


def _last_job_id(app, story_id: int) -> int:
    with app.app_context():
        return db.session.scalar(
            db.select(TranslationJob.id)
            .where(TranslationJob.story_id == story_id)
            .order_by(TranslationJob.id.desc())
        )


# --- a worker killed mid-job -----------------------------------------------------------


@pytest.mark.parametrize("queue", ["sqlite-queue", pytest.param("redis", marks=pytest.mark.redis)])
def test_job_of_a_killed_worker_is_finished_by_the_next_without_redoing_work(
    queue, request, mt_app, make_story, make_user, workers_on
):
    (title_en, title_ru), (first_en, _first_ru) = PLAIN[0], PLAIN[1]
    added = PLAIN[2:8]
    story = make_story(en={"title": title_en, "body": first_en})
    editor = make_user("ed", role="editor")
    with mt_app.app_context():  # a first machine draft, made inline in this process
        job = service.request_translation(db.session.get(Story, story.id), "ru")
        assert job.state == JobState.DONE
        en = db.session.get(Story, story.id).article("en")
        body = "\n\n".join(
            [first_en, *(f"{a[0]} {b[0]}" for a, b in zip(added[::2], added[1::2], strict=True))]
        )
        stories.update_article(en, title=en.title, body=body)
    workers = workers_on(request.getfixturevalue("redis_url") if queue == "redis" else "")
    workers.queue([story.id])
    job_id = _last_job_id(mt_app, story.id)

    first = workers.start(hold_after=3)
    workers.wait_for("the first worker to hold", lambda: f"HELD {first.pid}" in workers.lines())
    job = _job(mt_app, job_id)
    assert job.state == JobState.RUNNING and job.worker == f"{HOST}:{first.pid}"
    # The pipeline sends sentences shortest first (ties in document order; nothing in
    # these is masked); the title and the first sentence come from the machine cache.
    order = sorted([title_en, first_en, *(en for en, _ru in added)], key=len)
    new_sentences = [en for en in order if en != title_en and en != first_en]
    assert (job.done, job.total) == (order.index(new_sentences[3]), 2 + 6)
    # A translator edits the first sentence while the job runs.
    human = "Это предложение перевёл человек."
    with mt_app.app_context():
        seg = db.session.scalar(db.select(Segment).where(Segment.source_text == first_en))
        review.save_segment(seg, human, user=db.session.get(type(editor), editor.id))
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)

    second = workers.start()
    workers.wait_for("the job to finish", lambda: _job(mt_app, job_id).state == JobState.DONE)
    job = _job(mt_app, job_id)
    assert job.worker == f"{HOST}:{second.pid}" and job.attempts == 2 and job.error == ""
    assert job.done == job.total == 8

    translated = workers.translated()
    assert sorted(s for _pid, s in translated) == sorted(en for en, _ru in added)  # once each
    assert [s for pid, s in translated if pid == first.pid] == new_sentences[:3]
    assert [s for pid, s in translated if pid == second.pid] == new_sentences[3:]
    with mt_app.app_context():
        ru = db.session.get(Story, story.id).article("ru")
        segments = {
            s.source_text: s
            for s in db.session.scalars(db.select(Segment).where(Segment.article_id == ru.id))
        }
        assert len(segments) == 8
        kept = segments[first_en]
        assert (kept.target_text, kept.status) == (human, SegmentStatus.EDITED)
        for en_text, ru_text in [PLAIN[0], *added]:
            assert segments[en_text].target_text == ru_text
            assert segments[en_text].status == SegmentStatus.MACHINE
        assert ru.title == title_ru and human in ru.body


# --- the worker's CPU priority -----------------------------------------------------------


SCHED_OTHER, SCHED_IDLE = 0, 5  # sched(7) policy numbers, as /proc shows them


def _priority_by_thread(pid: int) -> dict[int, tuple[int, int]]:
    """{thread id: (nice value, scheduling policy)} of every thread of a process (/proc)."""
    out = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            stat = (task / "stat").read_text()
        except FileNotFoundError:  # the thread ended meanwhile
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        # Fields 19 and 41 of stat(5): nice and policy (the list starts at field 3).
        out[int(task.name)] = (int(fields[16]), int(fields[38]))
    return out


def test_a_worker_translates_at_lower_cpu_priority_than_the_rest_of_its_process(
    mt_app, make_story, workers_on
):
    """MT_WORKER_NICE (default 10) and MT_WORKER_IDLE_CLASS (default on): the worker thread
    is nicer and in the SCHED_IDLE class, and so are the CTranslate2 threads it creates when
    it loads the model; the consumer's main thread keeps nice 0 and the normal class."""
    (title_en, title_ru), (body_en, body_ru) = PLAIN[0], PLAIN[1]
    story = make_story(en={"title": title_en, "body": body_en})
    workers = workers_on("")
    worker = workers.start()
    workers.wait_for("the worker", lambda: f"READY {worker.pid}" in workers.lines())
    before = _priority_by_thread(worker.pid)
    assert before[worker.pid] == (0, SCHED_OTHER)  # the consumer's main thread
    # The one worker thread (--workers 1); the consumer's scheduler thread keeps its class.
    assert sorted(before.values()).count((10, SCHED_IDLE)) == 1, before
    assert sorted(before.values()).count((0, SCHED_OTHER)) == len(before) - 1, before
    workers.queue([story.id])
    job_id = _last_job_id(mt_app, story.id)
    workers.wait_for("the job", lambda: _job(mt_app, job_id).state == JobState.DONE)
    after = _priority_by_thread(worker.pid)
    created = {tid: priority for tid, priority in after.items() if tid not in before}
    assert created, "loading the model started no thread"
    assert set(created.values()) == {(10, SCHED_IDLE)}, created  # CTranslate2's inherit it
    assert after[worker.pid] == (0, SCHED_OTHER)
    with mt_app.app_context():
        ru = db.session.get(Story, story.id).article("ru")
        assert (ru.title, ru.body) == (title_ru, body_ru)


def test_the_idle_class_can_be_turned_off(workers_on):
    """MT_WORKER_IDLE_CLASS=false: the worker thread is nicer but stays in the normal class."""
    workers = workers_on("")
    worker = workers.start(settings={"NEWSDESK_MT_WORKER_IDLE_CLASS": "false"})
    workers.wait_for("the worker", lambda: f"READY {worker.pid}" in workers.lines())
    priorities = _priority_by_thread(worker.pid)
    assert sorted(priorities.values()).count((10, SCHED_OTHER)) == 1, priorities
    assert all(policy == SCHED_OTHER for _nice, policy in priorities.values()), priorities


# --- several workers on one Redis --------------------------------------------------------


@pytest.mark.redis
def test_two_workers_on_redis_share_the_jobs_and_run_each_once(
    redis_url, mt_app, make_story, workers_on
):
    groups = [PLAIN[i : i + 3] for i in range(0, 24, 3)]
    story_ids = [
        make_story(en={"title": g[0][0], "body": f"{g[1][0]} {g[2][0]}"}).id for g in groups
    ]
    workers = workers_on(redis_url)
    pids = [workers.start().pid, workers.start().pid]
    workers.wait_for("both workers", lambda: all(f"READY {p}" in workers.lines() for p in pids))
    workers.queue(story_ids)

    def all_done() -> bool:
        return all(
            _job(mt_app, _last_job_id(mt_app, sid)).state == JobState.DONE for sid in story_ids
        )

    workers.wait_for("eight jobs", all_done)
    by_pid = {}
    for pid, sentence in workers.translated():
        assert sentence not in by_pid, f"translated twice: {sentence}"
        by_pid[sentence] = pid
    assert sorted(by_pid) == sorted(en for g in groups for en, _ru in g)
    holders = set()
    for story_id, group in zip(story_ids, groups, strict=True):
        job = _job(mt_app, _last_job_id(mt_app, story_id))
        assert job.attempts == 1 and job.done == job.total == 3
        holders.add(job.worker)
        # The worker recorded on the job is the process that translated its sentences.
        assert {f"{HOST}:{by_pid[en]}" for en, _ru in group} == {job.worker}
        with mt_app.app_context():
            ru = db.session.get(Story, story_id).article("ru")
            assert ru.title == group[0][1] and ru.body == f"{group[1][1]} {group[2][1]}"
    assert holders == {f"{HOST}:{pid}" for pid in pids}

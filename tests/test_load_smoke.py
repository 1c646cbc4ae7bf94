"""Load smoke test: reader and editor pages answer every request under a short wrk burst
while a real MT worker process (huey_consumer, the tiny model) translates stories.

The site runs as deployed: gunicorn with 2 workers, a separate worker process, wrk on
loopback for a bounded time (bench/loadsite.py, also behind ``make bench``'s LOAD rows).
"""

from __future__ import annotations

import os
import shutil

import pytest

from bench.loadsite import running_site, wrk

# The site, the worker and the CLI run in subprocesses on their own SQLite instance (the
# suite's database settings are not passed on), so the PostgreSQL run would repeat this.
pytestmark = pytest.mark.sqlite_only

BURST_SECONDS = 2


@pytest.fixture
def wrk_installed() -> None:
    if shutil.which("wrk") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("wrk is not installed: CI must install it (apt-get install wrk)")
        pytest.skip("wrk is not installed (apt-get install wrk)")


def test_site_and_editor_answer_every_request_while_a_job_runs(
    wrk_installed, argos_home, tiny_argos_files, tmp_path, monkeypatch
):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "unused"))  # restored after
    package = tiny_argos_files[("en", "ru")]
    with running_site(package, stories=4, sentences=150, root=tmp_path / "site") as site:
        site.mt_worker()
        site.queue()
        site.wait_for_running(timeout=60)
        before = site.job_states()
        runs = {}
        for name, url in site.urls.items():
            cookie = site.cookie if name.startswith("editor") else ""
            runs[name] = wrk(url, seconds=BURST_SECONDS, cookie=cookie)
        after = site.job_states()

    assert before.get("running") == 1  # the bursts began while the worker translated
    assert not after.get("failed")
    assert set(runs) == {"article", "list", "editor list", "editor edit"}
    for name, run in runs.items():
        assert run.requests > 0, name
        assert (run.non_2xx_3xx, run.socket_errors) == (0, 0), (name, run)

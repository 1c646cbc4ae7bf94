"""A newsdesk site under wrk on loopback, with a real MT worker process beside it.

:class:`LoadSite` sets up a bench instance (demo stories, an editor, stories to
translate, an installed argos package), starts gunicorn with 2 workers and logs the
editor in (a session cookie for wrk). :meth:`LoadSite.mt_worker` starts the product's
worker, ``huey_consumer wsgi.huey``, on the same instance, and
:meth:`LoadSite.queue` queues translation jobs the way ``newsdesk mt queue`` does.
Used by ``bench/interference.py`` (M4, LOAD) and the load smoke test.

Every subprocess gets an environment without the caller's ``NEWSDESK_*`` variables
(the test suite sets some), so web, worker and CLI read the same instance folder.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

from bench import articles
from bench.appsetup import make_app

ROOT = Path(__file__).resolve().parent.parent
EDITOR, PASSWORD = "bencheditor", "bench load password"
CHEAP_HASH = "scrypt:16384:8:1"  # one login per run: the OWASP cost buys nothing here


@dataclass
class WrkRun:
    """One wrk run: throughput, p99 and every kind of error it counted."""

    url: str
    requests: int
    rps: float
    p99_ms: float
    non_2xx_3xx: int
    socket_errors: int  # connect + read + write + timeout

    @property
    def errors(self) -> int:
        return self.non_2xx_3xx + self.socket_errors


def parse_wrk(url: str, out: str) -> WrkRun:
    """The figures of ``wrk --latency`` output."""
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)] if p99 else 0.0
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return WrkRun(
        url=url,
        requests=int(re.search(r"(\d+) requests in", out).group(1)),
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        p99_ms=float(p99.group(1)) * scale if p99 else float("nan"),
        non_2xx_3xx=int(non2xx.group(1)) if non2xx else 0,
        socket_errors=sum(int(n) for n in sockets.groups()) if sockets else 0,
    )


def wrk(
    url: str,
    *,
    seconds: float,
    connections: int = 2,
    cookie: str = "",
    delay_ms: int = 0,
    script_dir: Path | None = None,
) -> WrkRun:
    """Run wrk (1 thread, bounded time, 10 s request timeout) against one loopback URL."""
    if not url.startswith(("http://127.0.0.1:", "http://localhost:")):
        raise ValueError(f"load tests only target loopback, not {url}")
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    if delay_ms:
        script = Path(script_dir or tempfile.gettempdir()) / f"wrk-delay-{delay_ms}.lua"
        script.write_text(f"function delay()\n  return {delay_ms}\nend\n")
        cmd += ["-s", str(script)]
    out = subprocess.run(
        [*cmd, url], capture_output=True, text=True, check=True, timeout=seconds + 30
    )
    return parse_wrk(url, out.stdout)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(instance: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env.update(NEWSDESK_INSTANCE_PATH=str(instance), NEWSDESK_SECRET_KEY="bench", **extra)
    return env


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


class LoadSite:
    """Set up with :meth:`start`; stop with :meth:`close` (or use as a context manager)."""

    def __init__(self, package: Path, *, stories: int, sentences: int, root: Path | None = None):
        self.root = Path(root or tempfile.mkdtemp(prefix="newsdesk-bench-load-"))
        self.instance = self.root / "instance"
        self.package, self.n_stories, self.sentences = package, stories, sentences
        self.processes: list[subprocess.Popen] = []
        self.story_ids: list[int] = []
        self.base = ""
        self.cookie = ""
        self.urls: dict[str, str] = {}
        self._logs: list = []

    def _log(self, name: str):
        log = (self.root / name).open("w")
        self._logs.append(log)
        return log

    # -- set-up --------------------------------------------------------------------------
    def start(self) -> LoadSite:
        if shutil.which("wrk") is None:
            raise RuntimeError("wrk is not installed (apt-get install wrk)")
        self._prepare()
        port = _free_port()
        self.base = f"http://127.0.0.1:{port}"
        static = self.root / "static"
        static.mkdir(exist_ok=True)
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}"]
            + ["--log-level", "warning", "bench.wsgi_app:app"],
            env=_env(
                self.instance,
                NEWSDESK_BENCH_INSTANCE=str(self.instance),
                NEWSDESK_BENCH_STATIC=str(static),
            ),
            cwd=ROOT,
            stderr=self._log("gunicorn.log"),  # tracebacks of any 500
        )
        self.processes.append(server)
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{self.base}/en/", timeout=5) as response:
                    listing = response.read().decode()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        slug = re.search(r'href="/en/news/([^"/?#]+)"', listing).group(1)
        self.cookie = self._login()
        self.urls = {
            "article": f"{self.base}/en/news/{slug}",
            "list": f"{self.base}/en/",
            "editor list": f"{self.base}/editor/",
            "editor edit": f"{self.base}/editor/stories/{self.story_ids[0]}/en/edit",
        }
        return self

    def _prepare(self) -> None:
        from newsdesk.accounts import users
        from newsdesk.extensions import db
        from newsdesk.machine_translation import argos
        from newsdesk.maintenance.demo import load_demo
        from newsdesk.stories.editing import create_story

        app = make_app(self.instance, PASSWORD_HASH_METHOD=CHEAP_HASH)
        with app.app_context():
            load_demo(only_if_empty=True)
            editor = users.create_user(EDITOR, PASSWORD, "editor")
            for i in range(self.n_stories):
                doc = articles.make_article("en", self.sentences)
                story = create_story(
                    lang="en",
                    title=f"{doc.title} ({i + 1})",
                    lead=doc.lead,
                    body=doc.body,
                    author=editor,
                )
                self.story_ids.append(story.id)
            db.session.commit()
            argos.configure(Path(app.config["ARGOS_PACKAGES_DIR"]))
            argos.install_file(self.package)
            db.session.remove()
            db.engine.dispose()  # the subprocesses own the database from here on

    def _login(self) -> str:
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        with opener.open(f"{self.base}/editor/login", timeout=30) as response:
            form = response.read().decode()
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
        data = urllib.parse.urlencode(
            {"csrf_token": token, "username": EDITOR, "password": PASSWORD}
        ).encode()
        with opener.open(f"{self.base}/editor/login", data=data, timeout=30) as response:
            if "/login" in response.url:
                raise RuntimeError("the bench editor could not log in")
        cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
        request = urllib.request.Request(f"{self.base}/editor/", headers={"Cookie": cookie})
        with urllib.request.urlopen(request, timeout=30) as response:
            if "/login" in response.url:
                raise RuntimeError("the session cookie does not open the editor")
        return cookie

    # -- the MT worker and its jobs ------------------------------------------------------
    def mt_worker(self) -> subprocess.Popen:
        """Start ``huey_consumer wsgi.huey`` (1 worker thread) here."""
        consumer = Path(sys.executable).parent / "huey_consumer"
        worker = subprocess.Popen(
            [str(consumer), "wsgi.huey", "--workers", "1"],
            env=_env(self.instance),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=self._log("worker.log"),
        )
        self.processes.append(worker)
        return worker

    def queue(self, story_ids: list[int] | None = None) -> None:
        """Queue en->ru jobs as an editor's button does (through ``newsdesk mt queue``)."""
        ids = [str(i) for i in (story_ids or self.story_ids)]
        subprocess.run(
            [str(Path(sys.executable).parent / "newsdesk"), "mt", "queue", *ids, "--into", "ru"],
            env=_env(self.instance),
            cwd=ROOT,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def job_states(self) -> dict[str, int]:
        """How many jobs are in each state, read from the database."""
        with sqlite3.connect(f"file:{self.instance / 'newsdesk.sqlite'}?mode=ro", uri=True) as c:
            return dict(c.execute("SELECT state, count(*) FROM translation_jobs GROUP BY state"))

    def sentences_done(self) -> int:
        """Sentences translated so far, over every job (progress counters in the database)."""
        with sqlite3.connect(f"file:{self.instance / 'newsdesk.sqlite'}?mode=ro", uri=True) as c:
            return c.execute("SELECT coalesce(sum(done), 0) FROM translation_jobs").fetchone()[0]

    def wait_for_running(self, timeout: float = 120) -> float:
        """Seconds until a job is running (the worker took one)."""
        started = time.monotonic()
        while not self.job_states().get("running"):
            if time.monotonic() - started > timeout:
                raise RuntimeError(f"no job started within {timeout} s: {self.job_states()}")
            time.sleep(0.1)
        return time.monotonic() - started

    def close(self) -> None:
        for process in reversed(self.processes):
            _stop(process)
        self.processes.clear()
        for log in self._logs:
            log.close()
        self._logs.clear()

    def __enter__(self) -> LoadSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def running_site(package: Path, *, stories: int, sentences: int, root: Path | None = None):
    """A started :class:`LoadSite`, closed (its processes stopped) on exit."""
    site = LoadSite(package, stories=stories, sentences=sentences, root=root)
    try:
        yield site.start()
    finally:
        site.close()

"""Durability: every save the server acknowledged survives a `kill -9` of the server."""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import PASSWORD

ACKS_BEFORE_KILL = 40
POSTERS = 4
TIME_LIMIT = 60  # seconds for the whole stream; the test fails rather than hangs


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_server(instance: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "NEWSDESK_INSTANCE_PATH": str(instance),
        "NEWSDESK_SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'newsdesk.sqlite'}",
        "NEWSDESK_SECRET_KEY": "durability",
        "NEWSDESK_HUEY_IMMEDIATE": "true",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from newsdesk.cli import main; main()",
            "serve",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/editor/login", timeout=2)
            return proc
        except requests.ConnectionError:
            time.sleep(0.1)
    proc.kill()
    pytest.fail("the server did not start within 30 s")


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def _logged_in_session(base: str, username: str) -> tuple[requests.Session, str]:
    """A session logged in through the real form, with CSRF on, and a token for new stories."""
    session = requests.Session()
    token = _csrf(session.get(f"{base}/editor/login", timeout=10).text)
    response = session.post(
        f"{base}/editor/login",
        data={"csrf_token": token, "username": username, "password": PASSWORD},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text
    return session, _csrf(session.get(f"{base}/editor/stories/new", timeout=10).text)


@pytest.mark.sqlite_only
def test_acknowledged_saves_survive_kill_9(app, make_user):
    make_user("durable", role="editor")
    instance = Path(app.instance_path)
    with app.app_context():
        from newsdesk.extensions import db

        db.engine.dispose()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start_server(instance, port)
    acked: list[tuple[int, str]] = []
    lock = threading.Lock()
    stop = threading.Event()

    def post_stream(worker: int) -> None:
        session, token = _logged_in_session(base, "durable")
        n = 0
        while not stop.is_set():
            n += 1
            title = f"Durable save {worker}-{n}"
            try:
                response = session.post(
                    f"{base}/editor/stories/new",
                    data={
                        "csrf_token": token,
                        "lang": "en",
                        "title": title,
                        "body": "Text.",
                        "status": "draft",
                        "save": "Save",
                    },
                    allow_redirects=False,
                    timeout=10,
                )
            except requests.RequestException:
                return  # the server is gone: this save was never acknowledged
            # Success is the redirect to the new story's page (Post/Redirect/Get).
            match = re.search(r"/editor/stories/(\d+)$", response.headers.get("Location", ""))
            if response.status_code == 302 and match:
                with lock:
                    acked.append((int(match.group(1)), title))

    try:
        threads = [threading.Thread(target=post_stream, args=(i,)) for i in range(POSTERS)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + TIME_LIMIT
        while len(acked) < ACKS_BEFORE_KILL and time.monotonic() < deadline:
            time.sleep(0.01)
        server.send_signal(signal.SIGKILL)  # mid-stream: the posters are still sending
        server.wait(timeout=10)
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
    finally:
        stop.set()
        if server.poll() is None:
            server.kill()
    assert len(acked) >= ACKS_BEFORE_KILL, f"only {len(acked)} saves acknowledged in time"

    server = _start_server(instance, port)
    try:
        session, _token = _logged_in_session(base, "durable")
        missing = []
        for story_id, title in acked:
            page = session.get(f"{base}/editor/stories/{story_id}", timeout=10)
            if page.status_code != 200 or title not in page.text:
                missing.append((story_id, title))
        assert missing == [], f"{len(missing)} of {len(acked)} acknowledged saves lost"
    finally:
        server.kill()
        server.wait(timeout=10)
    with sqlite3.connect(instance / "newsdesk.sqlite") as conn:
        stored = {row[0] for row in conn.execute("SELECT title FROM articles")}
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert {title for _id, title in acked} <= stored

"""`newsdesk serve` (what `make run` starts) is a production WSGI server that names no server
software or version, with the job consumer in the same process, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(app, database_url):
    with app.app_context():
        from newsdesk.extensions import db

        db.engine.dispose()
    port = _free_port()
    env = {
        **os.environ,
        "NEWSDESK_INSTANCE_PATH": app.instance_path,
        "NEWSDESK_SQLALCHEMY_DATABASE_URI": database_url,
        "NEWSDESK_SECRET_KEY": "serve-test",
        "NEWSDESK_HUEY_IMMEDIATE": "false",  # the consumer threads start, as in `make run`
        "NEWSDESK_REDIS_URL": "",
    }
    command = [sys.executable, "-c", "from newsdesk.cli import main; main()", "serve"]
    proc = subprocess.Popen(
        [*command, "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"{base}/editor/login", timeout=10)
                break
            except requests.RequestException:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail("the server did not start within 60 s")
                time.sleep(0.1)
        yield proc, base
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()


def test_serve_announces_no_server_software_or_version(server):
    proc, base = server
    for path in ("/editor/login", "/en/", "/en/no-such-page", "/robots.txt"):
        response = requests.get(base + path, timeout=30)
        assert response.status_code in (200, 404), path
        server_header = response.headers.get("Server", "")
        assert "werkzeug" not in server_header.lower(), (path, server_header)
        assert "python" not in server_header.lower() and not any(
            c.isdigit() for c in server_header
        ), (path, server_header)


def test_serve_runs_the_job_consumer_and_stops_on_ctrl_c(server, app):
    proc, base = server
    assert requests.get(base + "/en/", timeout=30).status_code in (200, 404)
    assert (Path(app.instance_path) / "huey.sqlite").exists()  # the consumer's queue
    proc.send_signal(signal.SIGINT)
    try:
        code = proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail(f"still running 60 s after Ctrl-C; it printed:\n{proc.stdout.read()}")
    output = proc.stdout.read()
    assert code == 0, output
    assert "newsdesk on http://127.0.0.1:" in output and "Traceback" not in output

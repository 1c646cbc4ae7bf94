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


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.fixture
def server(request, app, database_url):
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
        "PYTHONFAULTHANDLER": "1",  # SIGABRT prints every thread's stack (see _stop)
    }
    command = [sys.executable, "-c", "from newsdesk.cli import main; main()", "serve"]
    proc = subprocess.Popen(
        [*command, "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # started as `nohup … &` would start it: with SIGINT ignored
        preexec_fn=_ignore_sigint if getattr(request, "param", "") == "sigint-ignored" else None,
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


def _stop(proc, signum: int) -> tuple[int, str]:
    """Send ``signum``; the exit code and everything the server printed."""
    proc.send_signal(signum)
    try:
        code = proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGABRT)  # faulthandler: where each thread was stuck
        proc.wait(timeout=10)
        pytest.fail(f"still running 60 s after signal {signum}; it printed:\n{proc.stdout.read()}")
    return code, proc.stdout.read()


def test_serve_runs_the_job_consumer_and_stops_on_ctrl_c(server, app):
    proc, base = server
    assert requests.get(base + "/en/", timeout=30).status_code in (200, 404)
    assert (Path(app.instance_path) / "huey.sqlite").exists()  # the consumer's queue
    code, output = _stop(proc, signal.SIGINT)
    assert code == 0, output
    assert "newsdesk on http://127.0.0.1:" in output and "Traceback" not in output


@pytest.mark.parametrize("server", ["sigint-ignored"], indirect=True)
def test_serve_stops_on_ctrl_c_when_started_with_sigint_ignored(server):
    proc, base = server
    assert requests.get(base + "/en/", timeout=30).status_code in (200, 404)
    code, output = _stop(proc, signal.SIGINT)
    assert code == 0 and "Traceback" not in output, output


def test_serve_stops_cleanly_on_sigterm(server):
    """What systemd and Docker send: the same clean stop as Ctrl-C, exit code 0."""
    proc, base = server
    assert requests.get(base + "/en/", timeout=30).status_code in (200, 404)
    code, output = _stop(proc, signal.SIGTERM)
    assert code == 0 and "Traceback" not in output, output

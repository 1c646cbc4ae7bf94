"""Throwaway PostgreSQL and Redis servers on loopback, for the scale-out test run and its tests.

Both come from Debian's packages (``postgresql``, ``redis-server``; ``make services`` installs
them). Each server lives in a temporary folder, listens on 127.0.0.1 on a free port, keeps
nothing on disk that matters (fsync off, no Redis persistence) and is removed on exit.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class ServiceMissing(RuntimeError):
    """The server's binaries are not installed."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_bindir() -> Path | None:
    """Debian installs the server in /usr/lib/postgresql/<version>/bin, outside PATH."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    return Path(os.path.realpath(found)).parent if found else None


def _wait_for_port(port: int, proc: subprocess.Popen | None, what: str, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what} exited with code {proc.returncode} before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not listen on 127.0.0.1:{port} within {timeout} s")


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield ``postgresql+psycopg://newsdesk@127.0.0.1:PORT/postgres`` of a fresh cluster.

    initdb refuses to run as root, so as root the cluster runs as the ``postgres`` user in a
    folder of /tmp (pytest's own temporary folders are closed to other users).
    """
    bindir = postgres_bindir()
    if bindir is None:
        raise ServiceMissing("PostgreSQL server binaries (Debian package postgresql)")
    base = Path(tempfile.mkdtemp(prefix="newsdesk-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        base.chmod(0o700)
        prefix = ["runuser", "-u", "postgres", "--"]
    data, port = base / "data", free_port()

    def run(*args: str) -> None:
        done = subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{Path(args[0]).name} failed: {done.stdout}{done.stderr}")

    run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "newsdesk", "-E", "UTF8",
        "--locale=C.UTF-8")  # fmt: skip
    # Durability is not under test here: fsync and friends off make CREATE DATABASE cheap.
    options = (
        f"-k {base} -c listen_addresses=127.0.0.1 -p {port} -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
    )
    run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-l", str(base / "log"),
        "start")  # fmt: skip
    try:
        yield f"postgresql+psycopg://newsdesk@127.0.0.1:{port}/postgres"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-w", "-m", "immediate", "stop")
        shutil.rmtree(base, ignore_errors=True)


@contextmanager
def redis_server() -> Iterator[str]:
    """Yield ``redis://127.0.0.1:PORT/0`` of a fresh redis-server without persistence."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise ServiceMissing("redis-server (Debian package redis-server)")
    base = Path(tempfile.mkdtemp(prefix="newsdesk-redis-"))
    port = free_port()
    args = [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
            "--dir", str(base), "--logfile", str(base / "log")]  # fmt: skip
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_port(port, proc, "redis-server")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(base, ignore_errors=True)

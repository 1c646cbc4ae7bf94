"""M3: reader pages under gunicorn (2 workers) vs the same HTML as a static file, with wrk.

The app runs as deployed, with its page cache (``newsdesk.site.cache``, in-process: wrk sends
no cookies, so every request is an anonymous reader's; no validators either, so no 304s).
The same app without the cache is mounted under ``/_nocache`` and measured too (information).

p99 "at ~70% of saturation": wrk (Debian's, no ``-R``) is closed-loop, so the rate is set with
its ``delay()`` hook: each of ``PACED_CONNECTIONS`` connections waits ``delay`` ms after every
response, so rate = connections / (latency + delay). The delay is calibrated: a first paced
run measures the latency under that load, the delay is corrected once, and the figure is
reported with the rate actually reached.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.appsetup import make_app
from bench.common import Result, median, paired_ratios, spread

DURATION = 5  # seconds per wrk run
CONNECTIONS = 8
PACED_CONNECTIONS = 16  # enough that the per-connection delay is many ms (wrk rounds to 1 ms)
LOAD = 0.7


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wrk(
    url: str, *, connections: int = CONNECTIONS, script: Path | None = None, seconds: int = DURATION
) -> dict:
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script:
        cmd[1:1] = ["-s", str(script)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p99_ms": float(p99.group(1)) * scale, "non2xx": errors and errors.group(1)}


def _delay_script(root: Path, delay_ms: int) -> Path:
    script = root / f"delay-{delay_ms}.lua"
    script.write_text(f"function delay()\n  return {delay_ms}\nend\n")
    return script


def _calibrate(url: str, target: float, root: Path) -> int:
    """The wrk delay (ms) that makes PACED_CONNECTIONS connections send ~``target`` req/s."""
    period = 1000 * PACED_CONNECTIONS / target  # ms between two requests of one connection
    latency = 1000 / _wrk(url, connections=1)["rps"]  # unloaded: one request at a time
    delay = max(0, round(period - latency))
    for _ in range(2):
        reached = _wrk(url, connections=PACED_CONNECTIONS, script=_delay_script(root, delay))
        if abs(reached["rps"] - target) <= 0.05 * target:
            break
        latency = 1000 * PACED_CONNECTIONS / reached["rps"] - delay  # latency under this load
        delay = max(0, round(period - latency))
    return delay


def run(*, reps: int = 3) -> list[Result]:
    """Set up a demo site, start gunicorn, measure static/article/list interleaved."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (apt-get install wrk)")
    from newsdesk.extensions import db
    from newsdesk.maintenance.demo import load_demo

    root = Path(tempfile.mkdtemp(prefix="newsdesk-bench-m3-"))
    instance, static = root / "instance", root / "static"
    static.mkdir(parents=True)
    app = make_app(instance)
    with app.app_context():
        load_demo(only_if_empty=True)
        db.session.commit()
    client = app.test_client()
    listing = client.get("/en/").get_data(as_text=True)
    slug = re.search(r'href="/en/news/([^"/?#]+)"', listing).group(1)
    article = client.get(f"/en/news/{slug}").get_data(as_text=True)
    (static / "article.html").write_text(article, encoding="utf-8")
    (static / "list.html").write_text(listing, encoding="utf-8")
    port = _free_port()
    env = {
        **os.environ,
        "NEWSDESK_BENCH_INSTANCE": str(instance),
        "NEWSDESK_BENCH_STATIC": str(static),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "bench.wsgi_app:app",
        ],
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        urls = {
            "static article": f"{base}/_static/article.html",
            "article": f"{base}/en/news/{slug}",
            "static list": f"{base}/_static/list.html",
            "list": f"{base}/en/",
            "article, no page cache": f"{base}/_nocache/en/news/{slug}",
        }
        runs: dict[str, list[dict]] = {name: [] for name in urls}
        for url in urls.values():  # warm-up
            _wrk(url, connections=2, seconds=1)
        for _ in range(reps):
            for name, url in urls.items():
                runs[name].append(_wrk(url))
        saturation = median([r["rps"] for r in runs["article"]])
        target = LOAD * saturation
        delay = _calibrate(urls["article"], target, root)
        at70 = [
            _wrk(urls["article"], connections=PACED_CONNECTIONS, script=_delay_script(root, delay))
            for _ in range(reps)
        ]
    finally:
        server.terminate()
        server.wait(timeout=20)
    results = []
    for page in ("article", "list"):
        ratios = paired_ratios(
            [r["rps"] for r in runs[page]], [r["rps"] for r in runs[f"static {page}"]]
        )
        ratio = median(ratios)
        results.append(
            Result(
                figure=f"M3 /en/ {page} page vs same HTML static (gunicorn -w 2)",
                ratio=ratio,
                target="≥ 0.5× static",
                passed=ratio >= 0.5,
                absolute=(
                    f"{median([r['rps'] for r in runs[page]]):.0f} vs "
                    f"{median([r['rps'] for r in runs[f'static {page}']]):.0f} req/s, "
                    f"p99 {median([r['p99_ms'] for r in runs[page]]):.0f} ms at saturation"
                ),
                repetitions=reps,
                spread=spread(ratios),
                note="page cache on (in-process); wrk sends no cookies or validators",
                extra={"runs": runs},
            )
        )
    bare = runs["article, no page cache"]
    uncached = paired_ratios([r["rps"] for r in bare], [r["rps"] for r in runs["static article"]])
    results.append(
        Result(
            figure="M3 /en/ article page without the page cache vs static",
            ratio=median(uncached),
            target="information",
            passed=None,
            absolute=(
                f"{median([r['rps'] for r in bare]):.0f} req/s, p99 "
                f"{median([r['p99_ms'] for r in bare]):.0f} ms at saturation"
            ),
            repetitions=reps,
            spread=spread(uncached),
        )
    )
    p99 = median([r["p99_ms"] for r in at70])
    results.append(
        Result(
            figure="M3 article p99 at ~70% of saturation (paced wrk, calibrated delay)",
            ratio=None,
            target="p99 ≤ 50 ms",
            passed=p99 <= 50,
            absolute=(
                f"p99 {p99:.1f} ms at {median([r['rps'] for r in at70]):.0f} req/s = "
                f"{median([r['rps'] for r in at70]) / saturation:.0%} of saturation "
                f"{saturation:.0f} ({PACED_CONNECTIONS} connections, delay {delay} ms)"
            ),
            repetitions=reps,
            spread=spread([r["p99_ms"] for r in at70]),
            extra={"at70": at70},
        )
    )
    return results

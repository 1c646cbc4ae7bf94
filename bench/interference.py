"""M4 and LOAD: the MT worker's memory, and the site while a real MT worker translates.

Memory (``memory()``): a fresh worker process (``python -m bench.interference --worker
DIR N SECONDS K``) imports the MT stack, loads en->ru, translates one sentence (start-up
time counts from before the imports), then up to N more sentences, K per engine call,
within SECONDS; RSS from /proc/self/status every 100 sentences.

Site under MT (``site_under_mt()``): :class:`bench.loadsite.LoadSite` (gunicorn -w 2, demo
stories, a logged-in editor) is measured with wrk on loopback, per page, with the site
idle (two runs per page), then while ``huey_consumer wsgi.huey``
translates queued stories (three), then idle again after the worker is stopped (two). M4 is
the median busy p99 over the median idle p99, per reader page; LOAD counts every
non-2xx/3xx response and socket error over all runs, public and editor pages (the editor
through a session cookie from a real login).
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()  # before the heavy imports: start-up time counts them

import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from bench import articles  # noqa: E402
from bench.common import Result, median  # noqa: E402


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _worker(packages_dir: Path, count: int, budget: float, per_call: int = 1) -> dict:
    from bench.common import CappedTranslator
    from newsdesk.machine_translation import argos

    argos.configure(packages_dir, beam_size=2)
    before = _rss_mb()
    engine = argos.get_engine("en", "ru")
    engine._translator = CappedTranslator(engine._translator)
    sentences = articles.all_sentences("en", 150)
    engine.translate_batch([sentences[0]])
    first = time.perf_counter() - _STARTED
    loaded = _rss_mb()
    samples = [loaded]
    done, began = 0, time.perf_counter()
    while done < count and time.perf_counter() - began < budget:
        batch = [sentences[(done + i) % len(sentences)] for i in range(per_call)]
        engine.translate_batch(batch)
        done += per_call
        if done % 100 == 0:
            samples.append(_rss_mb())
    return {
        "rss_before_load_mb": before,
        "rss_after_first_mb": loaded,
        "rss_after_n_mb": _rss_mb(),
        "rss_every_100_mb": samples,
        "seconds_to_first_translation": first,
        "translations": done,
        "translations_asked": count,
        "seconds": time.perf_counter() - began,
    }


def memory(
    package: Path, *, label: str, count: int, budget: float, per_call: int = 1
) -> list[Result]:
    """Start one worker process on an en->ru package and report its memory figures:
    ``count`` sentences translated ``per_call`` at a time (a job sends batches), within
    ``budget`` seconds."""
    import tempfile

    from newsdesk.machine_translation import argos

    packages_dir = Path(tempfile.mkdtemp(prefix="newsdesk-bench-m4-"))
    argos.configure(packages_dir)
    argos.install_file(package)
    out = subprocess.run(
        [sys.executable, "-m", "bench.interference", "--worker", str(packages_dir)]
        + [str(count), str(budget), str(per_call)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    # Warmed up = after the first 100 sentences: by then every CTranslate2 replica
    # (MT_INTER_THREADS) has decoded batches of this size and holds its working buffers, which
    # its allocator keeps for reuse. Growth after that point is what a leak would show.
    samples = data["rss_every_100_mb"]
    warm = samples[1] if len(samples) > 1 else data["rss_after_first_mb"]
    per_direction = warm - data["rss_before_load_mb"]
    growth = data["rss_after_n_mb"] / warm - 1
    done = data["translations"]
    cut = "" if done >= count else f" (cut at the {budget:.0f} s budget; {count:,} asked)"
    calls = f" ({per_call} per call)" if per_call > 1 else ""
    return [
        Result(
            figure=f"M4 {label} MT worker RSS per loaded direction, warmed up",
            ratio=None,
            target="≤ 1 GB",
            passed=per_direction <= 1024,
            absolute=(
                f"+{per_direction:.0f} MB for en→ru (process {warm:.0f} MB after 100 sentences; "
                f"{data['rss_after_first_mb']:.0f} MB after the first)"
            ),
            repetitions=1,
            spread="–",
            extra=data,
        ),
        Result(
            figure=f"M4 {label} RSS growth from 100 to {done:,} translated sentences{calls}{cut}",
            ratio=1 + growth,
            target="≤ 1.10×",
            passed=growth <= 0.10,
            absolute=f"{warm:.0f} → {data['rss_after_n_mb']:.0f} MB",
            repetitions=1,
            spread="–",
            note=f"RSS at the start and every 100 sentences (MB): {[round(x) for x in samples]}",
            extra=data,
        ),
        Result(
            figure=f"M4 {label} worker start to first translation",
            ratio=None,
            target="report",
            passed=None,
            absolute=f"{data['seconds_to_first_translation']:.1f} s (imports + load + 1 sentence)",
            repetitions=1,
            spread="–",
            extra=data,
        ),
    ]


def site_under_mt(
    package: Path,
    *,
    label: str,
    seconds: float = 5,
    stories: int = 6,
    sentences: int = 150,
    connections: int = 2,
    rounds: int = 3,
) -> list[Result]:
    """M4 reader p99 busy/idle and LOAD error counts; see the module docstring. ``rounds``
    wrk runs per page while the job runs, two idle ones before and two after (p99s of a few
    ms move by milliseconds from one run to the next: one run per page is no measurement)."""
    from bench.loadsite import running_site, wrk
    from newsdesk.config import DefaultConfig

    runs: dict[str, dict[str, list]] = {"idle": {}, "busy": {}}
    jobs_seen: list[dict[str, int]] = []
    with running_site(package, stories=stories, sentences=sentences) as site:

        def measure(phase: str) -> None:
            for name, url in site.urls.items():
                cookie = site.cookie if name.startswith("editor") else ""
                run = wrk(url, seconds=seconds, connections=connections, cookie=cookie)
                runs[phase].setdefault(name, []).append(run)
                if phase == "busy":
                    jobs_seen.append(site.job_states())

        for url in site.urls.values():  # warm-up (each gunicorn worker's first requests)
            cookie = site.cookie if "/editor/" in url else ""
            wrk(url, seconds=1, connections=connections, cookie=cookie)
        for _ in range(2):
            measure("idle")
        started = time.monotonic()
        worker = site.mt_worker()
        site.queue()
        site.wait_for_running()
        to_running = time.monotonic() - started
        done_before, busy_started = site.sentences_done(), time.monotonic()
        for _ in range(rounds):
            measure("busy")
        mt_rate = (site.sentences_done() - done_before) / (time.monotonic() - busy_started)
        still = site.job_states()
        worker.terminate()
        worker.wait(timeout=30)
        for _ in range(2):
            measure("idle")
    busy_throughout = all(states.get("running") for states in jobs_seen)
    results = []
    for page in ("article", "list", "editor list", "editor edit"):
        idle = median([r.p99_ms for r in runs["idle"][page]])
        busy = median([r.p99_ms for r in runs["busy"][page]])
        ratio = busy / idle if idle else float("inf")
        reader = not page.startswith("editor")
        results.append(
            Result(
                figure=f"M4 {label} {page} p99 during an MT job vs idle",
                ratio=ratio,
                target="≤ 2× idle" if reader else "report",
                passed=(ratio <= 2.0) if reader else None,
                absolute=(
                    f"p99 {busy:.2f} vs {idle:.2f} ms; "
                    f"{median([r.rps for r in runs['busy'][page]]):.0f} vs "
                    f"{median([r.rps for r in runs['idle'][page]]):.0f} req/s"
                ),
                repetitions=len(runs["busy"][page]),
                spread=(
                    "p99 ms busy "
                    + " / ".join(f"{r.p99_ms:.2f}" for r in runs["busy"][page])
                    + ", idle "
                    + " / ".join(f"{r.p99_ms:.2f}" for r in runs["idle"][page])
                ),
                extra={"runs": {p: [vars(r) for r in runs[p][page]] for p in runs}},
            )
        )
    every = [r for phase in runs.values() for page in phase.values() for r in page]
    busy_runs = [r for page in runs["busy"].values() for r in page]
    errors = sum(r.errors for r in every)
    results.append(
        Result(
            figure=f"LOAD {label} site + editor under wrk while MT runs: errors",
            ratio=None,
            target="0 non-2xx/3xx, 0 socket errors",
            passed=errors == 0 and busy_throughout,
            absolute=(
                f"{sum(r.requests for r in every):,} requests "
                f"({sum(r.requests for r in busy_runs):,} during MT): "
                f"{sum(r.non_2xx_3xx for r in every)} non-2xx/3xx, "
                f"{sum(r.socket_errors for r in every)} socket errors"
            ),
            repetitions=1,
            spread="–",
            note=(
                f"wrk -t1 -c{connections} -d{seconds}s per page; worker took a job "
                f"{to_running:.1f} s after its start; a job was running during every busy run: "
                f"{busy_throughout}; jobs after the busy runs: {still}; the worker (nice "
                f"{DefaultConfig.MT_WORKER_NICE}, SCHED_IDLE class: "
                f"{DefaultConfig.MT_WORKER_IDLE_CLASS}, CTranslate2 "
                f"{DefaultConfig.MT_INTER_THREADS} × {DefaultConfig.MT_INTRA_THREADS} threads) "
                f"translated {mt_rate:.1f} sentences/s meanwhile"
            ),
            extra={"jobs_seen": jobs_seen},
        )
    )
    return results


if __name__ == "__main__" and len(sys.argv) == 6 and sys.argv[1] == "--worker":
    print(
        json.dumps(
            _worker(Path(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]))
        )
    )

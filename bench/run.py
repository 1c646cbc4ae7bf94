"""Run every benchmark figure, print a Markdown table, write bench/results/latest.json.

``python -m bench.run [--quick] [--only M1,M2]``; ``make bench`` runs it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import platform
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results"


def table(results) -> str:
    """The Markdown table of the results."""
    lines = [
        "| figure | ratio | target | pass | absolute | reps | spread of ratio |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        ratio = "–" if r.ratio is None else f"{r.ratio:.2f}×"
        verdict = {True: "pass", False: "**miss**", None: "info"}[r.passed]
        lines.append(
            f"| {r.figure} | {ratio} | {r.target} | {verdict} | {r.absolute} | "
            f"{r.repetitions} | {r.spread} |"
        )
    return "\n".join(lines)


def testing_packages() -> dict:
    """The tests' tiny trained model (cached)."""
    from newsdesk.machine_translation import testing

    return testing.cached_packages()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke run)")
    parser.add_argument(
        "--only",
        default="M1,M2,M3,M4",
        help="comma-separated figures: M1, M1S (MT throughput with progress steps of 8/16/32 "
        "sentences vs unsplit batches; not in the default set), M2, M3, M4, "
        "M5 (M5: 100,000 articles), LOAD (in M4), "
        "LIN (linear time on hostile text), QA (QA recall on injected errors), "
        "EXACT (known sentences: newsdesk vs argostranslate)",
    )
    parser.add_argument("--reps", type=int, default=3, help="interleaved rounds per figure")
    parser.add_argument(
        "--long-reps", type=int, default=1, help="M1 rounds on the 40- and 150-sentence articles"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s", stream=sys.stderr)
    for noisy in ("argostranslate", "argostranslate.utils", "alembic", "stanza"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    only = {f.strip().upper() for f in args.only.split(",")}
    reps = 1 if args.quick else args.reps

    from bench import model, scale
    from bench.common import isolate_argos

    # Models and the M5 database first: isolate_argos() moves HOME, and their caches live under it.
    started = time.monotonic()
    base = model.cached_packages() if only & {"M1", "M1S", "M2", "M4", "LOAD"} else None
    tiny = None  # the tests' trained model, for reference rows
    if only & {"M1", "M1S", "M4", "EXACT"}:
        tiny = testing_packages()
    scale_db = scale.cached_database() if "M5" in only else None
    isolate_argos()
    sections = [("models and M5 database (cached after the first run)", time.monotonic() - started)]
    results = []

    def section_done(name: str) -> None:
        sections.append((name, time.monotonic() - started - sum(t for _, t in sections)))

    if "M1" in only:
        from bench import mt_throughput

        sizes = (10,) if args.quick else (10, 40, 150)
        results += mt_throughput.run(
            tiny,
            label="tiny",
            sizes=sizes,
            beams=(1, 4),
            reps=reps,
            long_reps=args.long_reps,
            reference=True,
        )
        section_done("M1 tiny model")
        results += mt_throughput.run(
            base, label="base", sizes=sizes, beams=(1, 4), reps=reps, long_reps=args.long_reps
        )
        section_done("M1 base shape")
    if "M1S" in only:  # the cost of MT_JOB_PROGRESS_STEP: steps of 8/16/32 vs unsplit batches
        from bench import mt_progress_step

        sizes = (40,) if args.quick else (40, 150)
        results += mt_progress_step.run(tiny, label="tiny", sizes=sizes, reps=reps, reference=True)
        section_done("M1S tiny model")
        results += mt_progress_step.run(base, label="base", sizes=sizes, reps=reps)
        section_done("M1S base shape")
    if "M2" in only:
        from bench import memory_reuse

        results += memory_reuse.run(base, label="base", reps=reps)
        section_done("M2")
    if "M3" in only:
        from bench import reader_pages

        results += reader_pages.run(reps=reps)
        section_done("M3")
    if "M4" in only:
        from bench import interference

        results += interference.memory(
            tiny[("en", "ru")], label="tiny", count=1000, budget=60 if args.quick else 300
        )
        # The base shape in batches of 10 sentences, as a job sends them: 1,000 sentences
        # one by one would take over 5 minutes here.
        results += interference.memory(
            base[("en", "ru")],
            label="base",
            count=1000,
            budget=15 if args.quick else 150,
            per_call=10,
        )
        section_done("M4 memory")
    if only & {"M4", "LOAD"}:  # reader p99 during MT (M4) and the load test share one run
        from bench import interference

        results += interference.site_under_mt(
            base[("en", "ru")], label="base", seconds=2 if args.quick else 5
        )
        section_done("M4 site during MT + LOAD")
    if "M5" in only:
        results += scale.run(samples=20 if args.quick else scale.SAMPLES, database=scale_db)
        section_done("M5")
        from bench import scale_pg  # the same data and pages on a loopback PostgreSQL

        results += scale_pg.run(samples=20 if args.quick else scale.SAMPLES, database=scale_db)
        section_done("M5 PostgreSQL")
    if "LIN" in only:  # issue 13: time at 8n over n on the formerly quadratic inputs
        from bench import linear

        results += linear.run(reps=reps)
        section_done("LIN")
    if "QA" in only:  # issue 12: QA recall on injected errors, false alarms on clean pairs
        from bench import qa_recall

        results += qa_recall.run()
        section_done("QA")
    if "EXACT" in only:  # issue 12: known sentences, newsdesk vs argostranslate (runs last:
        from bench import mt_exact  # it points argos at a packages folder of its own)

        results += mt_exact.run(tiny or testing_packages())
        section_done("EXACT")
    elapsed = time.monotonic() - started
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = (
        f"newsdesk benchmarks, {stamp}, {os.cpu_count()} CPUs, {platform.machine()}, "
        f"Python {platform.python_version()}, {elapsed:.0f} s"
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(
        json.dumps(
            {
                "header": header,
                "seconds_by_part": dict(sections),
                "results": [r.as_dict() for r in results],
            },
            indent=2,
            default=str,
        ),
        encoding="utf-8",
    )
    timing = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in sections)
    sys.stdout.write(f"{header}\n\n{table(results)}\n\nWall time by part: {timing}\n")
    for r in results:
        if r.note:
            sys.stdout.write(f"\n{r.figure}: {r.note}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

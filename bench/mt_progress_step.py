"""M1S: what reporting progress inside a batch costs in MT throughput.

A translation job wraps its engine in :class:`~newsdesk.translation_jobs.progress.ProgressEngine`,
which hands every batch the pipeline sends (up to ``MT_JOB_CHUNK_SIZE`` = 32 sentences) to the
engine in steps of ``MT_JOB_PROGRESS_STEP`` sentences, so the job's bar moves inside a batch.
Smaller CTranslate2 calls run smaller matrix products, and each call is split over the
``MT_INTER_THREADS`` replicas and waits for the slower half, so they may cost throughput.

Per model and article: ``translate_document`` with the bare engine ("unsplit", the pipeline's
batches as they are) against the same call with the engine wrapped in
``ProgressEngine(engine, Throttled(<no-op writer>), step=N)`` for each step N, as
``translate_sentences`` wires it (the pipeline's progress callback is ``Throttled.batch_done``;
the unsplit variant gets a no-op callback). Both use the installed package's ``ArgosEngine`` with
the product's decoding settings (``MT_BEAM_SIZE``, ``MT_INTER_THREADS`` × ``MT_INTRA_THREADS``,
int8), an empty translation memory, the same decoding cap as M1
(:class:`bench.common.CappedTranslator`) and no machine cache (it would only hide engine calls).
Throughput is useful target tokens per second of wall time; the ratio is step-N over unsplit, the
median of per-round ratios. The machine is shared, so the absolute column also gives the same
ratio per second of this process's CPU time (all its threads), which other processes' load
disturbs much less; it does not see time a replica spends waiting for the other.

Step 32 equals the chunk size, so it sends the same CTranslate2 calls as the unsplit engine:
its row measures the wrapper alone and the noise floor of the run.

The variants run in interleaved rounds; the order rotates each round (unsplit is not always
first), after one untimed warm-up round.
"""

from __future__ import annotations

import logging
import math
import time
from pathlib import Path

from bench import articles
from bench.common import (
    BatchRecorder,
    CappedTranslator,
    Result,
    median,
    paired_ratios,
    spread,
    translate_article,
)
from newsdesk.config import DefaultConfig

log = logging.getLogger(__name__)

INTER, INTRA = DefaultConfig.MT_INTER_THREADS, DefaultConfig.MT_INTRA_THREADS
BEAM = DefaultConfig.MT_BEAM_SIZE
CHUNK = DefaultConfig.MT_JOB_CHUNK_SIZE
EVERY, SECONDS = DefaultConfig.MT_JOB_PROGRESS_EVERY, DefaultConfig.MT_JOB_PROGRESS_SECONDS
GOAL = 0.95


def rotated_rounds(variants: dict, reps: int, warmup: int = 1) -> dict[str, list[float]]:
    """Like :func:`bench.common.interleave`, but round *i* starts at variant *i* (mod n)."""
    names = list(variants)
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(warmup + reps):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            started = time.perf_counter()
            variants[name]()
            elapsed = time.perf_counter() - started
            if round_ >= warmup:
                times[name].append(elapsed)
    return times


def run(
    packages: dict[tuple[str, str], Path],
    *,
    label: str,
    sizes: tuple[int, ...] = (40, 150),
    steps: tuple[int, ...] = (8, 16, 32),
    reps: int = 3,
    warmup: int = 1,
    direction: tuple[str, str] = ("en", "ru"),
    reference: bool = False,
) -> list[Result]:
    """Measure M1S for each article size and step; the packages get installed here.

    With ``reference`` the rows are information only (the target is set on the
    transformer-base shape; the tiny model decodes so little that it measures Python).
    """
    import argostranslate.settings

    from newsdesk.machine_translation import argos
    from newsdesk.translation_jobs.progress import ProgressEngine, Throttled

    source, target = direction
    packages_dir = Path(argostranslate.settings.package_data_dir)
    argos.configure(packages_dir, beam_size=BEAM, inter_threads=INTER, intra_threads=INTRA)
    for path in packages.values():
        argos.install_file(path)
    engine = argos.get_engine(source, target)
    if not isinstance(engine._translator, CappedTranslator):
        engine._translator = CappedTranslator(engine._translator)
    counter: CappedTranslator = engine._translator

    results = []
    for size in sizes:
        article = articles.make_article(source, size)

        def translate(wrapped, progress, article=article) -> None:
            translate_article(article, source, target, wrapped, progress=progress, chunk_size=CHUNK)

        recorder = BatchRecorder(engine)
        translate(recorder, None)  # also warms the translator up
        batches = [len(batch) for batch in recorder.batches]
        calls = {"unsplit": len(batches)}
        calls |= {f"step {n}": sum(math.ceil(b / n) for b in batches) for n in steps}

        def unsplit() -> None:
            translate(engine, lambda done, total: None)

        def stepped(step: int):
            def run_once() -> None:
                throttled = Throttled(lambda done, total: None, every=EVERY, seconds=SECONDS)
                translate(ProgressEngine(engine, throttled, step=step), throttled.batch_done)

            return run_once

        fns = {"unsplit": unsplit} | {f"step {n}": stepped(n) for n in steps}
        counted: dict[str, list[int]] = {name: [] for name in fns}
        cpu: dict[str, list[float]] = {name: [] for name in fns}

        def counting(fn, out, cpu_out):
            def run_once() -> None:
                counter.reset()
                started = time.process_time()  # every thread of this process
                fn()
                cpu_out.append(time.process_time() - started)
                out.append(counter.useful_tokens)

            return run_once

        variants = {name: counting(fn, counted[name], cpu[name]) for name, fn in fns.items()}
        times = rotated_rounds(variants, reps, warmup=warmup)
        for name in variants:  # the warm-up round was not timed
            counted[name], cpu[name] = counted[name][warmup:], cpu[name][warmup:]
        rate = {n: [k / t for k, t in zip(counted[n], times[n], strict=True)] for n in variants}
        cpu_rate = {n: [k / t for k, t in zip(counted[n], cpu[n], strict=True)] for n in variants}
        for step in steps:
            name = f"step {step}"
            ratios = paired_ratios(rate[name], rate["unsplit"])
            ratio = median(ratios)
            cpu_ratios = paired_ratios(cpu_rate[name], cpu_rate["unsplit"])
            target_text = f"≥ {GOAL:.2f}× unsplit"
            results.append(
                Result(
                    figure=f"M1S {label} {size}-sent beam {BEAM} step {step} vs unsplit",
                    ratio=ratio,
                    target=f"reference ({target_text} is for base)" if reference else target_text,
                    passed=None if reference else ratio >= GOAL,
                    absolute=(
                        f"step {step} {median(rate[name]):.0f} tok/s "
                        f"({calls[name]} engine calls), unsplit "
                        f"{median(rate['unsplit']):.0f} tok/s ({calls['unsplit']} calls); "
                        f"per CPU second {median(cpu_ratios):.2f}× ({spread(cpu_ratios)})"
                    ),
                    repetitions=reps,
                    spread=spread(ratios) if reps > 1 else "–",
                    extra={
                        "tokens": {n: counted[n] for n in (name, "unsplit")},
                        "seconds": {n: times[n] for n in (name, "unsplit")},
                        "cpu_seconds": {n: cpu[n] for n in (name, "unsplit")},
                        "cpu_ratio": median(cpu_ratios),
                        "engine_calls": {n: calls[n] for n in (name, "unsplit")},
                        "sentences_sent": sum(batches),
                        "pipeline_batches": batches,
                    },
                )
            )
            log.info("%s: %.3f", results[-1].figure, ratio)
    return results

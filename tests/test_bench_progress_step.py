"""The M1S harness (progress steps vs unsplit batches) runs and its rows are well-formed
(no timing targets here)."""

from __future__ import annotations

import math

from bench import mt_progress_step
from bench.run import table


def test_progress_step_harness_runs_on_the_tiny_model(argos_home, tiny_argos_files):
    results = mt_progress_step.run(
        tiny_argos_files, label="tiny", sizes=(40,), reps=1, warmup=0, reference=True
    )

    beam = mt_progress_step.BEAM
    assert [r.figure for r in results] == [
        f"M1S tiny 40-sent beam {beam} step {n} vs unsplit" for n in (8, 16, 32)
    ]
    for r in results:
        assert r.ratio is not None and math.isfinite(r.ratio) and r.ratio > 0
        assert r.passed is None and r.repetitions == 1
        assert math.isfinite(r.extra["cpu_ratio"]) and r.extra["cpu_ratio"] > 0
        for per_variant in (r.extra["seconds"], r.extra["cpu_seconds"], r.extra["tokens"]):
            assert len(per_variant) == 2
            assert all(
                len(v) == 1 and math.isfinite(v[0]) and v[0] > 0 for v in per_variant.values()
            )
    calls = [r.extra["engine_calls"] for r in results]
    assert calls[0]["step 8"] > calls[1]["step 16"] >= calls[2]["step 32"]
    assert calls[2]["step 32"] == calls[2]["unsplit"]  # the chunk size: the same calls
    assert table(results).count("\n") == len(results) + 1

"""The benchmark harness runs and produces well-formed results (no timing targets here)."""

from __future__ import annotations

import math

from bench import memory_reuse
from bench.run import table


def test_memory_reuse_harness_runs_on_the_tiny_model(argos_home, tiny_argos_files):
    results = memory_reuse.run(tiny_argos_files, label="tiny", reps=1, size=20)

    assert [r.figure for r in results] == [
        "M2 tiny 20-sent unchanged vs cold",
        "M2 tiny 20-sent one changed vs cold",
        "M2 tiny 20-sent one changed: ceiling (cold vs the engine alone on that sentence)",
    ]
    for r in results[:2]:
        assert r.ratio is not None and math.isfinite(r.ratio) and r.ratio > 0
        assert r.repetitions == 1
        assert set(r.extra["seconds"]) == {"cold", "unchanged", "one_changed", "engine_alone"}
    ceiling = results[2]
    assert ceiling.passed is None and math.isfinite(ceiling.ratio) and ceiling.ratio > 0
    assert table(results).count("\n") == len(results) + 1

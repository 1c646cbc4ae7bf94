"""M4 (memory part): MT worker RSS per loaded direction, growth, time to first translation.

A fresh worker process (``python -m bench.interference --worker DIR N``) imports the
MT stack, loads en->ru from an installed transformer-base-shaped package, translates
one sentence, then N more one-sentence translations; it reports RSS (from
/proc/self/status) at each step. The reader-page p99 under load is not measured yet.
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()  # before the heavy imports: start-up time counts them

import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from . import articles  # noqa: E402
from .common import Result  # noqa: E402


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _worker(packages_dir: Path, count: int) -> dict:
    from newsdesk.machine_translation import argos

    from .common import CappedTranslator

    argos.configure(packages_dir, beam_size=2)
    before = _rss_mb()
    engine = argos.get_engine("en", "ru")
    engine._translator = CappedTranslator(engine._translator)
    sentences = articles.all_sentences("en", 150)
    engine.translate_batch([sentences[0]])
    first = time.perf_counter() - _STARTED
    loaded = _rss_mb()
    for i in range(count):
        engine.translate_batch([sentences[i % len(sentences)]])
    return {
        "rss_before_load_mb": before,
        "rss_after_first_mb": loaded,
        "rss_after_n_mb": _rss_mb(),
        "seconds_to_first_translation": first,
        "translations": count,
    }


def run(packages: dict[tuple[str, str], Path], *, count: int = 200) -> list[Result]:
    """Start one worker process on the en->ru package and report its memory figures."""
    import tempfile

    from newsdesk.machine_translation import argos

    packages_dir = Path(tempfile.mkdtemp(prefix="newsdesk-bench-m4-"))
    argos.configure(packages_dir)
    argos.install_file(packages[("en", "ru")])
    out = subprocess.run(
        [sys.executable, "-m", "bench.interference", "--worker", str(packages_dir), str(count)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    per_direction = data["rss_after_first_mb"] - data["rss_before_load_mb"]
    growth = data["rss_after_n_mb"] / data["rss_after_first_mb"] - 1
    return [
        Result(
            figure="M4 MT worker RSS per loaded direction (base shape)",
            ratio=None,
            target="≤ 1 GB",
            passed=per_direction <= 1024,
            absolute=(
                f"+{per_direction:.0f} MB for en→ru (process {data['rss_after_first_mb']:.0f} MB)"
            ),
            repetitions=1,
            spread="–",
            extra=data,
        ),
        Result(
            figure=f"M4 RSS growth over {count} translations",
            ratio=1 + growth,
            target="≤ 1.10× (1,000 translations asked)",
            passed=growth <= 0.10,
            absolute=f"{data['rss_after_first_mb']:.0f} → {data['rss_after_n_mb']:.0f} MB",
            repetitions=1,
            spread="–",
            extra=data,
        ),
        Result(
            figure="M4 worker start to first translation",
            ratio=None,
            target="report",
            passed=None,
            absolute=f"{data['seconds_to_first_translation']:.1f} s (imports + load + 1 sentence)",
            repetitions=1,
            spread="–",
            extra=data,
        ),
    ]


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "--worker":
    print(json.dumps(_worker(Path(sys.argv[2]), int(sys.argv[3]))))

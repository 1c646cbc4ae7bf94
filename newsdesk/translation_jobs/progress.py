"""Progress within a batch: a job's bar moves while the engine works, not only between batches.

The pipeline reports ``progress(done, total)`` once before the engine is first asked and
after each batch. :class:`ProgressEngine` sits between the machine cache and the engine and
hands a long batch over in steps, so :class:`Throttled` can report sentences done inside it;
the job's row is written every ``every`` sentences or every ``seconds`` at most, never once
per sentence on a long article.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from newsdesk.machine_translation.engine import Engine, Hypothesis, Provenance

Report = Callable[[int, int], None]


class Throttled:
    """Forwards ``(done, total)`` to ``report`` when enough sentences or time went by."""

    def __init__(
        self, report: Report, *, every: int = 16, seconds: float = 1.0, clock=time.monotonic
    ) -> None:
        self.report, self.every, self.seconds, self.clock = report, every, seconds, clock
        self.base = self.total = self.written = 0
        self.written_at = clock()

    def batch_done(self, done: int, total: int) -> None:
        """The pipeline's callback: the sentences finished so far (always written)."""
        self.base, self.total = done, total
        self._write(done)

    def inside_batch(self, count: int) -> None:
        """``count`` more engine inputs of the current batch are translated."""
        self.base += count
        done = min(self.base, max(self.total - 1, 0))  # completion is the pipeline's to say
        if done - self.written >= self.every or self.clock() - self.written_at >= self.seconds:
            self._write(done)

    def _write(self, done: int) -> None:
        self.report(done, self.total)
        self.written, self.written_at = done, self.clock()


class ProgressEngine:
    """Wraps an engine: a batch goes to it in steps of ``step`` inputs, each step reported."""

    def __init__(self, engine: Engine, progress: Throttled, *, step: int = 8) -> None:
        self.engine, self.progress, self.step = engine, progress, max(step, 1)
        self.source, self.target = engine.source, engine.target

    @property
    def provenance(self) -> Provenance:
        return self.engine.provenance

    def translate_batch(self, sentences: list[str]) -> list[Hypothesis]:
        out: list[Hypothesis] = []
        for first in range(0, len(sentences), self.step):
            part = sentences[first : first + self.step]
            out.extend(self.engine.translate_batch(part))
            self.progress.inside_batch(len(part))
        return out

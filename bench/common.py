"""Shared harness: isolated argostranslate folders, interleaved timing, result records."""

from __future__ import annotations

import math
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

CAP_FACTOR = 1.3  # decoding length cap: 1.3 x source tokens (random weights never stop)


@dataclass
class Result:
    """One row of the table: a ratio against a baseline measured in the same run."""

    figure: str
    ratio: float | None
    target: str
    passed: bool | None
    absolute: str
    repetitions: int
    spread: str
    note: str = ""
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


class EmptyMemory:
    """A cold translation memory: every lookup misses."""

    def lookup(self, source: str, target: str, key: str) -> None:
        return None


class BatchRecorder:
    """An engine wrapper that records the batches (lists of sentences) the pipeline sends."""

    def __init__(self, engine) -> None:
        self.engine, self.source, self.target = engine, engine.source, engine.target
        self.batches: list[list[str]] = []

    @property
    def provenance(self):
        return self.engine.provenance

    def translate_batch(self, sentences):
        self.batches.append(list(sentences))
        return self.engine.translate_batch(sentences)


def translate_article(article, source: str, target: str, engine, **options) -> None:
    """The pipeline on a bench article (``bench.articles.Article``), cold memory."""
    from newsdesk.machine_translation.pipeline import translate_document

    translate_document(
        title=article.title,
        lead=article.lead,
        body=article.body,
        source=source,
        target=target,
        engine=engine,
        memory=EmptyMemory(),
        **options,
    )


def isolate_argos(root: Path | None = None) -> Path:
    """Point HOME/XDG/ARGOS_PACKAGES_DIR at a temp folder; call before argostranslate loads."""
    home = Path(root or tempfile.mkdtemp(prefix="newsdesk-bench-"))
    for name, sub in (
        ("HOME", ""),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_CONFIG_HOME", "config"),
        ("ARGOS_PACKAGES_DIR", "packages"),
    ):
        (home / sub).mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(home / sub)
    return home


def interleave(variants: dict[str, Callable[[], object]], reps: int, warmup: int = 1):
    """Run A B C A B C ... ``reps`` times after ``warmup`` rounds; seconds per variant."""
    times: dict[str, list[float]] = {name: [] for name in variants}
    for round_ in range(warmup + reps):
        for name, fn in variants.items():
            started = time.perf_counter()
            fn()
            elapsed = time.perf_counter() - started
            if round_ >= warmup:
                times[name].append(elapsed)
    return times


def median(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float]) -> str:
    """min..max of a list of ratios or figures, as text."""
    return f"{min(values):.3g}..{max(values):.3g}"


def paired_ratios(numerator: list[float], denominator: list[float]) -> list[float]:
    """Per-round ratios (round i of A against round i of B): the noise of a round cancels."""
    return [a / b if b else math.inf for a, b in zip(numerator, denominator, strict=True)]


class CappedTranslator:
    """Wraps a ctranslate2.Translator: caps decoding at 1.3 x source tokens, counts tokens.

    Random weights almost never produce ``</s>``, so every path gets the same cap,
    per call: ``ceil(1.3 x longest source in the call)``. Only "useful" tokens count
    (per sentence at most ``ceil(1.3 x its own source length)``), so a path that
    batches short and long sentences together pays for the padding it decodes.
    """

    def __init__(self, translator) -> None:
        self.translator = translator
        self.useful_tokens = 0
        self.generated_tokens = 0
        self.sentences = 0

    def translate_batch(self, source, target_prefix=None, **kwargs):
        longest = max((len(s) for s in source), default=1)
        prefix = len(target_prefix[0]) if target_prefix else 0
        kwargs["max_decoding_length"] = math.ceil(CAP_FACTOR * longest) + prefix
        results = self.translator.translate_batch(source, target_prefix=target_prefix, **kwargs)
        for tokens, result in zip(source, results, strict=True):
            produced = len(result.hypotheses[0]) - prefix
            self.generated_tokens += produced
            self.useful_tokens += min(produced, math.ceil(CAP_FACTOR * len(tokens)))
            self.sentences += 1
        return results

    def reset(self) -> None:
        self.useful_tokens = self.generated_tokens = self.sentences = 0

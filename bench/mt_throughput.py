"""M1: newsdesk's whole MT pipeline vs raw CTranslate2 (ceiling) and argostranslate.translate().

All three use the same installed package, int8, the product's CTranslate2 threads
(``MT_INTER_THREADS`` × ``MT_INTRA_THREADS``, each call split over the replicas as the engine
splits it) and the same decoding cap (:class:`bench.common.CappedTranslator`), in target
tokens per second.

The argostranslate baseline is ``argostranslate.translate.translate(text, src, tgt)``
itself, with two changes so it runs offline: its sentence splitter (MiniSBD, which
downloads a model on first use) is replaced by a regex splitter on ``.!?`` followed by
whitespace, and its paragraph cache (``CachedTranslation.cache``) is emptied before
each run so every run is cold. Its CTranslate2 translator is created up front with the
same settings as ours and wrapped with the same cap; ``settings.beam_size`` is set to
the beam under test. Everything else (paragraph split, per-sentence tokenization, its
``translate_batch`` call with ``batch_type="tokens"``, ``max_batch_size=32``) is its own.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from bench import articles
from bench.common import (
    BatchRecorder,
    CappedTranslator,
    Result,
    interleave,
    median,
    paired_ratios,
    spread,
    translate_article,
)
from newsdesk.config import DefaultConfig

log = logging.getLogger(__name__)
# The product's CTranslate2 threads, given to all three paths alike.
INTER, INTRA = DefaultConfig.MT_INTER_THREADS, DefaultConfig.MT_INTRA_THREADS


class _RegexSentencizer:
    """Offline stand-in for argostranslate's MiniSBD splitter."""

    def split_sentences(self, text: str) -> list[str]:
        return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def _plain_text(article: articles.Article) -> str:
    return f"{article.title}\n\n{article.lead}\n\n{article.body}"


def run(
    packages: dict[tuple[str, str], Path],
    *,
    label: str,
    sizes: tuple[int, ...] = (10,),
    beams: tuple[int, ...] = (1, 4),
    reps: int = 3,
    long_reps: int | None = None,
    direction: tuple[str, str] = ("en", "ru"),
    reference: bool = False,
) -> list[Result]:
    """Measure M1 for each article size and beam; the packages get installed here.

    Articles longer than 10 sentences get ``long_reps`` rounds (default ``reps``):
    argostranslate needs minutes per 150-sentence round on the base shape. With
    ``reference`` the rows are printed for reference only (the issue sets the targets on
    the transformer-base shape; the tiny model decodes so little that it measures Python).
    """
    import argostranslate.settings
    import argostranslate.translate
    import ctranslate2

    from newsdesk.machine_translation import argos

    # argostranslate sets its logger to INFO at import; with a root handler (run.py's)
    # it would print every batch, a cost a plain user of translate() does not pay.
    logging.getLogger("argostranslate.utils").setLevel(logging.WARNING)
    source, target = direction
    packages_dir = Path(argostranslate.settings.package_data_dir)
    results = []
    for beam in beams:
        argos.configure(packages_dir, beam_size=beam, inter_threads=INTER, intra_threads=INTRA)
        for path in packages.values():
            argos.install_file(path)
        argostranslate.translate.get_installed_languages.cache_clear()
        engine = argos.get_engine(source, target)
        ours = CappedTranslator(engine._translator)
        engine._translator = ours
        sp = engine._sp
        prefix = engine.package.target_prefix

        raw = CappedTranslator(
            ctranslate2.Translator(
                str(engine.package.path / "model"),
                device="cpu",
                compute_type="int8",
                inter_threads=INTER,
                intra_threads=INTRA,
            )
        )
        argostranslate.settings.beam_size = beam
        cached = argostranslate.translate.get_translation_from_codes(source, target)
        underlying = cached.underlying
        underlying.sentencizer = _RegexSentencizer()
        theirs = CappedTranslator(raw.translator)
        underlying.translator = theirs

        for size in sizes:
            article = articles.make_article(source, size)
            recorder = BatchRecorder(engine)
            translate_article(article, source, target, recorder)
            batches = recorder.batches
            text = _plain_text(article)

            def newsdesk_pipeline(article=article, engine=engine):
                translate_article(article, source, target, engine)

            def raw_ctranslate2(
                batches=batches, sp=sp, raw=raw, prefix=prefix, beam=beam, engine=engine
            ):
                for batch in batches:
                    tokens = [sp.encode(s, out_type=str) for s in batch]
                    out = raw.translate_batch(
                        tokens,
                        target_prefix=[[prefix]] * len(tokens),
                        beam_size=beam,
                        max_batch_size=engine.options.batch_size_for(len(tokens)),
                        return_scores=True,
                        replace_unknowns=True,
                    )
                    [sp.decode(o.hypotheses[0][1:]) for o in out]

            def argos_translate(text=text, cached=cached):
                cached.cache = {}
                argostranslate.translate.translate(text, source, target)

            counters = {"newsdesk": ours, "raw": raw, "argos": theirs}
            counted: dict[str, list[int]] = {name: [] for name in counters}

            def counting(fn, counter, out):
                def run_once():
                    counter.reset()
                    fn()
                    out.append(counter.useful_tokens)

                return run_once

            variants = {
                name: counting(fn, counters[name], counted[name])
                for name, fn in (
                    ("newsdesk", newsdesk_pipeline),
                    ("raw", raw_ctranslate2),
                    ("argos", argos_translate),
                )
            }
            rounds = reps if size <= 10 or long_reps is None else long_reps
            # Tokens are counted in every timed round. No warm-up round (it would cost a
            # full argostranslate run): the shared translator is warmed on a few sentences.
            raw_ctranslate2(batches=[batches[0][:4]])
            times = interleave(variants, rounds, warmup=0)
            tokens = {n: counted[n][0] for n in variants}
            rate = {n: [k / t for k, t in zip(counted[n], times[n], strict=True)] for n in variants}
            for base, goal, target_text in (
                ("raw", 0.85, "≥ 0.85× raw"),
                ("argos", 3.0, "≥ 3× argos"),
            ):
                ratios = paired_ratios(rate["newsdesk"], rate[base])
                ratio = median(ratios)
                results.append(
                    Result(
                        figure=f"M1 {label} {size}-sent beam {beam} vs {base}",
                        ratio=ratio,
                        target=f"reference ({target_text} is for base)"
                        if reference
                        else target_text,
                        passed=None if reference else ratio >= goal,
                        absolute=(
                            f"newsdesk {median(rate['newsdesk']):.0f} tok/s, "
                            f"{base} {median(rate[base]):.0f} tok/s"
                        ),
                        repetitions=rounds,
                        spread=spread(ratios) if rounds > 1 else "–",
                        extra={
                            "tokens": tokens,
                            "seconds": times,
                            "sentences_sent": sum(len(b) for b in batches),
                        },
                    )
                )
                log.info("%s: %.2f", results[-1].figure, ratio)
    return results

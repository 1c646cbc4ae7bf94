"""M2: re-translating an article through the product path (machine cache + memory).

The product path is what a translation job runs: ``translate_document`` with a
:class:`CachingEngine` (the database machine cache) and a :class:`DatabaseMemory`,
on the app's SQLite database, with the product's decoding settings (beam 2).
Per round: cold (cache rows deleted first), unchanged (same text again), one of 40
sentences changed (a new edit each round, so it is never in the cache), and the floor of
that last case: the engine alone (SentencePiece + CTranslate2, no pipeline, no database)
translating the changed sentence. cold / floor is the best "one changed" ratio any
pipeline could reach with this model on this machine.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from bench import articles
from bench.appsetup import make_app
from bench.common import CappedTranslator, Result, interleave, median, paired_ratios, spread

log = logging.getLogger(__name__)


def run(
    packages: dict[tuple[str, str], Path], *, label: str, reps: int = 3, size: int = 40
) -> list[Result]:
    """Measure M2 on a ``size``-sentence English article translated into Russian."""
    from sqlalchemy import delete

    from newsdesk.extensions import db
    from newsdesk.machine_translation import argos
    from newsdesk.machine_translation.pipeline import translate_document
    from newsdesk.models import MachineCache
    from newsdesk.translation_jobs.memory import CachingEngine, DatabaseMemory
    from newsdesk.translation_jobs.service import configure_engines

    app = make_app(Path(tempfile.mkdtemp(prefix="newsdesk-bench-m2-")))
    article = articles.make_article("en", size)
    edits = iter(range(1, 10_000))
    with app.app_context():
        configure_engines()  # the app's folder and decoding settings, as a job gets them
        for path in packages.values():
            argos.install_file(path)
        engine = argos.get_engine("en", "ru")
        if not isinstance(engine._translator, CappedTranslator):
            engine._translator = CappedTranslator(engine._translator)

        def translate(doc: articles.Article) -> None:
            translate_document(
                title=doc.title,
                lead=doc.lead,
                body=doc.body,
                source="en",
                target="ru",
                engine=CachingEngine(engine),
                memory=DatabaseMemory(),
            )

        def cold() -> None:
            db.session.execute(delete(MachineCache))
            db.session.commit()
            translate(article)

        def unchanged() -> None:
            translate(article)

        def one_changed() -> None:
            translate(articles.change_one(article, version=next(edits)))

        changed = articles.change_one(article, version=0).body_sentences[articles.CHANGED]

        def engine_alone() -> None:
            engine.translate_batch([changed])

        times = interleave(
            {
                "cold": cold,
                "unchanged": unchanged,
                "one_changed": one_changed,
                "engine_alone": engine_alone,
            },
            reps,
        )
        db.session.remove()
    results = []
    for name, goal in (("unchanged", 100.0), ("one_changed", 10.0)):
        ratios = paired_ratios(times["cold"], times[name])
        ratio = median(ratios)
        results.append(
            Result(
                figure=f"M2 {label} {size}-sent {name.replace('_', ' ')} vs cold",
                ratio=ratio,
                target=f"≥ {goal:g}× faster",
                passed=ratio >= goal,
                absolute=(
                    f"cold {median(times['cold']) * 1000:.0f} ms, "
                    f"{name.replace('_', ' ')} {median(times[name]) * 1000:.1f} ms"
                ),
                repetitions=reps,
                spread=spread(ratios),
                extra={"seconds": times},
            )
        )
    floor = paired_ratios(times["cold"], times["engine_alone"])
    results.append(
        Result(
            figure=f"M2 {label} {size}-sent one changed: ceiling (cold vs the engine alone "
            "on that sentence)",
            ratio=median(floor),
            target="information",
            passed=None,
            absolute=(
                f"cold {median(times['cold']) * 1000:.0f} ms, engine alone "
                f"{median(times['engine_alone']) * 1000:.1f} ms"
            ),
            repetitions=reps,
            spread=spread(floor),
        )
    )
    return results

"""EXACT: on the sentences a model knows, newsdesk is as exact as raw argostranslate.

The tiny trained model (the tests' model) translates its 47 training sentences exactly.
Each one, in both directions, goes through ``argostranslate.translate.translate()`` and
through newsdesk's pipeline with the same model and the same decoding settings (greedy,
one sentence per input); both are scored against the training translations by exact
match and sacrebleu's chrF. The ratio is newsdesk's exact matches over argostranslate's
(target: at least 1.0). argostranslate leaves the forced target-language token
(``__ru__``) in front of its output for these packages; it is removed before scoring,
which only helps the baseline.
"""

from __future__ import annotations

import logging
import re
import tempfile
from pathlib import Path

from bench.common import Result

_LANG_TOKEN = re.compile(r"^\s*_*(?:en|ru)_*\s+")


class _WholeText:
    """argostranslate's MiniSBD splitter would need a download: one sentence in, one out."""

    def split_sentences(self, text: str) -> list[str]:
        return [text]


def run(packages: dict) -> list[Result]:
    """Exact matches and chrF of both systems, per direction and for the sentences with digits."""
    import argostranslate.settings
    import argostranslate.translate
    import sacrebleu

    from newsdesk.machine_translation import argos
    from newsdesk.machine_translation import testing as tiny
    from newsdesk.machine_translation.pipeline import translate_document

    logging.getLogger("argostranslate.utils").setLevel(logging.WARNING)
    argos.configure(Path(tempfile.mkdtemp(prefix="newsdesk-exact-")), beam_size=1)
    for path in packages.values():
        argos.install_file(path)
    argostranslate.translate.get_installed_languages.cache_clear()
    argostranslate.settings.beam_size = 1
    results = []
    for source, target in tiny.DIRECTIONS:
        engine = argos.get_engine(source, target)
        translation = argostranslate.translate.get_translation_from_codes(source, target)
        translation.underlying.sentencizer = _WholeText()
        pairs = [(en, ru) if source == "en" else (ru, en) for en, ru in tiny.TRAINING_PAIRS]
        theirs, ours, refs = [], [], []
        for text, reference in pairs:
            raw = argostranslate.translate.translate(text, source, target)
            theirs.append(_LANG_TOKEN.sub("", raw))
            body = translate_document(
                title="", lead="", body=text, source=source, target=target, engine=engine
            ).body
            ours.append(body)
            refs.append(reference)
        digits = [n for n, (text, _r) in enumerate(pairs) if any(c.isdigit() for c in text)]
        for label, rows in (("all", range(len(pairs))), ("with numbers", digits)):
            exact_theirs = sum(theirs[n] == refs[n] for n in rows)
            exact_ours = sum(ours[n] == refs[n] for n in rows)
            chrf_theirs = sacrebleu.corpus_chrf(
                [theirs[n] for n in rows], [[refs[n] for n in rows]]
            )
            chrf_ours = sacrebleu.corpus_chrf([ours[n] for n in rows], [[refs[n] for n in rows]])
            ratio = exact_ours / exact_theirs if exact_theirs else None
            results.append(
                Result(
                    figure=f"EXACT {source}→{target} known sentences ({label}), newsdesk vs argos",
                    ratio=ratio,
                    target="≥1.00× exact, chrF ≥ argos",
                    passed=exact_ours >= exact_theirs and chrf_ours.score >= chrf_theirs.score,
                    absolute=(
                        f"exact {exact_ours}/{len(rows)} vs {exact_theirs}/{len(rows)}; "
                        f"chrF {chrf_ours.score:.1f} vs {chrf_theirs.score:.1f}"
                    ),
                    repetitions=1,
                    spread="–",
                )
            )
    return results

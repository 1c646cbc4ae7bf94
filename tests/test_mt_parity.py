"""On the sentences the tiny model knows, newsdesk is as exact as raw argostranslate
(same model, same decoding settings), and the shell commands keep what they promise:
plain-text paragraphs, overlong input, and `newsdesk mt evaluate`."""

from __future__ import annotations

import json
import re

import pytest

from newsdesk.machine_translation import testing as tiny
from newsdesk.machine_translation.long_input import MAX_SENTENCE_CHARS

pytestmark = pytest.mark.slow

DIRECTIONS = [("en", "ru"), ("ru", "en")]
# argostranslate leaves the decoder's forced target-language token (``__ru__``) in front
# of its output for these packages; removing it only makes the baseline look better.
_LANG_TOKEN = re.compile(r"^\s*_*(?:en|ru)_*\s+")


@pytest.fixture
def mt_app(app_factory, argos_packages):
    return app_factory(ARGOS_PACKAGES_DIR=str(argos_packages), MT_BEAM_SIZE=1)


class _WholeText:
    """argostranslate's sentence splitter would need a downloaded model: one sentence in."""

    def split_sentences(self, text: str) -> list[str]:
        return [text]


def _pairs(source: str) -> list[tuple[str, str]]:
    return [(en, ru) if source == "en" else (ru, en) for en, ru in tiny.TRAINING_PAIRS]


@pytest.mark.parametrize(("source", "target"), DIRECTIONS)
def test_newsdesk_is_as_exact_as_raw_argostranslate_on_known_sentences(
    mt_app, source, target, block_network
):
    import argostranslate.settings
    import argostranslate.translate
    import sacrebleu

    from newsdesk.machine_translation.pipeline import translate_document
    from newsdesk.translation_jobs import service

    argostranslate.translate.get_installed_languages.cache_clear()
    argostranslate.settings.beam_size = 1  # the app's MT_BEAM_SIZE
    translation = argostranslate.translate.get_translation_from_codes(source, target)
    translation.underlying.sentencizer = _WholeText()
    with mt_app.app_context():
        engine = service.load_engine(source, target)
        raw, ours, references = [], [], []
        for text, reference in _pairs(source):
            raw.append(
                _LANG_TOKEN.sub("", argostranslate.translate.translate(text, source, target))
            )
            result = translate_document(
                title="", lead="", body=text, source=source, target=target, engine=engine
            )
            ours.append(result.body)
            references.append(reference)
    digits = [n for n, (text, _r) in enumerate(_pairs(source)) if any(c.isdigit() for c in text)]
    assert len(digits) == 13
    for n, (theirs, mine, reference) in enumerate(zip(raw, ours, references, strict=True)):
        if theirs == reference:
            assert mine == reference, (n, mine, reference)
    exact_raw = sum(a == b for a, b in zip(raw, references, strict=True))
    exact_ours = sum(a == b for a, b in zip(ours, references, strict=True))
    assert exact_ours >= exact_raw >= 40, (exact_ours, exact_raw)
    assert all(ours[n] == references[n] for n in digits)  # numbers included: 13 of 13
    chrf_raw = sacrebleu.corpus_chrf(raw, [references]).score
    chrf_ours = sacrebleu.corpus_chrf(ours, [references]).score
    assert chrf_ours >= chrf_raw and chrf_ours == pytest.approx(100.0)
    assert block_network == []


def test_cli_plain_text_keeps_paragraphs(mt_app):
    (en1, ru1), (en2, ru2), (en3, ru3) = tiny.TRAINING_PAIRS[:3]
    text = f"{en1}\n{en2}\n\n{en3}\n"
    result = mt_app.test_cli_runner().invoke(
        args=["mt", "translate", "--source", "en", "--target", "ru", "--format", "text"],
        input=text,
    )
    assert result.exit_code == 0, result.output
    assert result.output == f"{ru1}\n{ru2}\n\n{ru3}\n"


def test_cli_a_ten_megabyte_paragraph_is_kept_and_reported_not_truncated(mt_app):
    paragraph = ("word " * 2_000_000).strip()
    assert len(paragraph) > 9_900_000
    result = mt_app.test_cli_runner().invoke(
        args=["mt", "translate", "--source", "en", "--target", "ru"], input=paragraph
    )
    assert result.exit_code == 0
    assert result.stdout.strip() == paragraph  # all of it, in the source language
    assert f"longer than {MAX_SENTENCE_CHARS} characters" in result.stderr


def test_cli_evaluate_scores_raw_and_pipeline_on_a_folder(mt_app, tmp_path):
    for n, (en, ru) in enumerate(tiny.TRAINING_PAIRS[:12]):
        (tmp_path / f"doc{n}.en.md").write_text(en, encoding="utf-8")
        (tmp_path / f"doc{n}.ru.md").write_text(ru, encoding="utf-8")
    (tmp_path / "lonely.en.md").write_text("No reference.", encoding="utf-8")
    runner = mt_app.test_cli_runner()
    args = ["mt", "evaluate", "--source", "en", "--target", "ru", "--folder", str(tmp_path)]
    result = runner.invoke(args=[*args, "--json"])
    assert result.exit_code == 0, result.output
    scores = {row["system"]: row for row in json.loads(result.stdout)}
    assert scores["newsdesk"]["documents"] == 12 and scores["newsdesk"]["exact"] == 12
    assert scores["newsdesk"]["chrf"] == pytest.approx(100.0)
    assert scores["newsdesk"]["chrf"] >= scores["raw"]["chrf"]
    table = runner.invoke(args=args)
    assert "newsdesk" in table.stdout and "chrF" in table.stdout and "12/12" in table.stdout
    empty = runner.invoke(args=["mt", "evaluate", "--source", "en", "--target", "ru"])
    assert empty.exit_code != 0 and "No en→ru pairs among published stories" in empty.output

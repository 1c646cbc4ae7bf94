"""Issue 12: QA recall on injected errors and false alarms on clean pairs meet the targets.

The pairs and injections live in ``tests/data/qa_pairs.py``; ``bench/qa_recall.py``
measures. Run with ``-s`` to see the table.
"""

from __future__ import annotations

import pytest

from bench import qa_recall
from tests.data import qa_pairs


def test_every_injection_changes_the_translation_once():
    for pair in qa_pairs.PAIRS:
        for error in pair.errors:
            assert error.category in qa_pairs.EXPECTED
            assert qa_recall.corrupt(pair.target, error.old, error.new) != pair.target


def test_corpus_covers_both_directions_and_every_category():
    directions = [(p.source_lang, p.target_lang) for p in qa_pairs.PAIRS]
    assert directions.count(("en", "ru")) >= 15
    assert directions.count(("ru", "en")) >= 15
    used = {error.category for pair in qa_pairs.PAIRS for error in pair.errors}
    assert used == set(qa_pairs.EXPECTED)


def test_corrupt_refuses_an_ambiguous_or_absent_string():
    with pytest.raises(ValueError):
        qa_recall.corrupt("10 и 10", "10", "11")
    with pytest.raises(ValueError):
        qa_recall.corrupt("10 и 10", "12", "11")


def test_qa_recall_and_false_alarms_meet_the_targets(app):
    with app.app_context():
        figures = qa_recall.measure()
    print("\n" + qa_recall.table(figures))
    assert sum(figures.injected.values()) >= 150
    assert figures.recall >= qa_recall.RECALL_TARGET, figures.summary()
    assert len(figures.false_alarms) <= figures.pairs // 15, figures.summary()


def test_measure_counts_false_alarms_and_misses(app):
    wrong = qa_pairs.QAPair(
        "wrong clean",
        "en",
        "ru",
        "The hall seats 300 people.",
        "Зал вмещает 30 человек.",
        (
            qa_pairs.Injection(qa_pairs.NUMBER, "Зал", "Большой зал"),
            qa_pairs.Injection(qa_pairs.NUMBER, "30 человек", "31 человек"),
        ),
    )
    with app.app_context():
        figures = qa_recall.measure([wrong], qa_pairs.GLOSSARY)
    assert [name for name, _found in figures.false_alarms] == ["wrong clean"]
    assert figures.injected[qa_pairs.NUMBER] == 2
    # The clean copy already says "300" is missing: only a new numbers finding ("31") counts.
    assert figures.caught[qa_pairs.NUMBER] == 1
    assert [(m[0], m[1], m[2]) for m in figures.misses] == [
        (qa_pairs.NUMBER, "wrong clean", "'Зал' → 'Большой зал'")
    ]

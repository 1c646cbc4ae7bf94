"""QA compares meanings: signs, ranges, dates in any notation, working links, structure,
and the Russian direct-speech pattern against two English sentences."""

from __future__ import annotations

import pytest

from newsdesk.review import qa
from newsdesk.review.cli import check_articles

NBSP = "\u00a0"


def codes(source, target, src="en", tgt="ru"):
    return {f.code for f in qa.check_sentence(source, target, src, tgt)}


@pytest.mark.parametrize(
    ("source", "good", "bad"),
    [
        ("It was −5 °C.", f"Было −5{NBSP}°C.", f"Было 5{NBSP}°C."),  # sign lost
        ("It fell by −2.1%.", f"Снижение на −2,1{NBSP}%.", f"Снижение на +2,1{NBSP}%."),  # flipped
        ("Open on 10–12 November.", "Открыто 10–12 ноября.", "Открыто 1012 ноября."),  # glued
        ("Open on 10–12 November.", "Открыто 10–12 ноября.", "Открыто 12 ноября."),  # one end
        ("Due 2024-11-14.", f"Срок — 14 ноября 2024{NBSP}г.", "Срок — 15 ноября 2024 г."),
        ("Read CC BY 4.0.", "Читайте CC BY 4.0.", "Читайте CC BY 4,0."),  # a version
        ("Call +7 (812) 555-01-02.", "Звоните +7 (812) 555-01-02.", "Звоните +7 (812) 555-01-03."),
        ("It took 3 days.", "Это заняло 3 дня.", "Это заняло 3 дня в 2024 году."),  # invented
    ],
)
def test_numbers_keep_their_meaning(app, source, good, bad):
    with app.app_context():
        assert "numbers" not in codes(source, good), qa.check_sentence(source, good, "en", "ru")
        assert "numbers" in codes(source, bad)


def test_an_iso_or_dotted_date_is_the_same_date_in_any_notation(app):
    with app.app_context():
        assert "numbers" not in codes("Due 2024-11-14.", "Срок — 14 ноября 2024 года.")
        assert "numbers" not in codes("Срок — 14.11.2024.", "Due November 14, 2024.", "ru", "en")


@pytest.mark.parametrize(
    "broken", ["См. [отчёт(https://x.org/r.pdf).", "См. [отчёт] (https://x.org/r.pdf)."]
)
def test_a_link_with_broken_syntax_is_an_error_even_with_its_address(app, broken):
    with app.app_context():
        source = "See [the report](https://x.org/r.pdf)."
        assert "links" not in codes(source, "См. [отчёт](https://x.org/r.pdf).")
        findings = [f for f in qa.check_sentence(source, broken, "en", "ru") if f.code == "links"]
        assert findings and findings[0].blocking


def test_block_structure_is_compared_with_the_source(app):
    source = ("", "", "## Budget\n\n> The mayor spoke.\n\n- One item.\n")
    good = ("", "", "## Бюджет\n\n> Мэр выступил.\n\n- Один пункт.\n")
    with app.app_context():
        assert not [f for f in check_articles(source, good, "en", "ru") if f.code == "markup"]
        for broken in (
            "Бюджет\n\n> Мэр выступил.\n\n- Один пункт.\n",
            "## Бюджет\n\nМэр выступил.\n\n- Один пункт.\n",
            "## Бюджет\n\n> Мэр выступил.\n\nОдин пункт.\n",
        ):
            found = check_articles(source, ("", "", broken), "en", "ru")
            assert any(f.code == "markup" and f.blocking for f in found), broken


def test_russian_direct_speech_aligns_with_two_english_sentences(app):
    source = ("", "", '"We are glad," said Ivanova. "It is a big step for us."')
    target = ("", "", "«Мы рады, — сказала Иванова. — Это большой шаг для нас».")
    with app.app_context():
        findings = check_articles(source, target, "en", "ru")
    assert not [f for f in findings if f.code == "empty"], findings


def test_two_dates_of_one_month_may_be_one_range_and_units_are_compared(app):
    source = "Water is off from June 3 to June 16; call 8 800 555-35-35."
    with app.app_context():
        good = "Воды не будет с 3 по 16 июня; звоните 8 800 555-35-35."
        assert "numbers" not in codes(source, good), qa.check_sentence(source, good, "en", "ru")
        assert "numbers" in codes(source, "Воды не будет с 3 по 17 июня; звоните 8 800 555-35-35.")
        assert "numbers" in codes(source, "Воды не будет с 3 по 16 июня; звоните 8 800 555-35-36.")
        assert "numbers" not in codes("It fell 15 cm.", f"Выпало 15{NBSP}см.")
        assert "numbers" in codes("It fell 15 cm.", f"Выпало 15{NBSP}мм.")

"""Masking: what is hidden from MT, how it comes back (converted), and how damage is repaired."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from babel.dates import format_date, format_time
from babel.numbers import format_compact_currency, format_currency, format_percent
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.machine_translation import form_patterns, locale_forms
from newsdesk.machine_translation.mask import (
    PLACEHOLDER,
    GlossaryTerm,
    find_tokens,
    mask_sentence,
)
from newsdesk.machine_translation.restore import restore, verify
from newsdesk.machine_translation.segment import sentence_spans

NBSP = "\u00a0"


def masked_sentences(text: str, source: str, target: str, glossary=()):
    tokens = find_tokens(text, source, target, glossary)
    spans = sentence_spans(text, source, [(t.start, t.end) for t in tokens])
    return [mask_sentence(text[a:b], a, tokens, target) for a, b in spans]


def convert(text: str, source: str, target: str, glossary=()) -> str:
    """Mask one sentence, let an echo engine 'translate' it, restore into ``target``."""
    (masked,) = masked_sentences(text, source, target, glossary)
    restored = restore(masked, masked.text)
    assert not restored.repaired and restored.verified
    return restored.text


# --- conversions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("en", "ru"),
    [
        ("3.5", "3,5"),
        ("3.50", "3,50"),
        ("1,000", f"1{NBSP}000"),
        ("1,234,567.89", f"1{NBSP}234{NBSP}567,89"),
        ("2024", "2024"),
        ("5 km", f"5{NBSP}км"),
        ("3:30 p.m.", "15:30"),
    ],
)
def test_numbers_en_to_ru(en, ru):
    assert convert(f"It was {en} then.", "en", "ru") == f"It was {ru} then."


@pytest.mark.parametrize(
    ("ru", "en"),
    [
        ("3,5", "3.5"),
        ("1 000", "1,000"),
        (f"1{NBSP}000", "1,000"),
        ("45,90", "45.90"),
        ("2024", "2024"),
    ],
)
def test_numbers_ru_to_en(ru, en):
    assert convert(f"Было {ru} тогда.", "ru", "en") == f"Было {en} тогда."


def test_dates_follow_babel_both_ways():
    day = date(2024, 11, 14)
    assert convert("On November 14, 2024, it rained.", "en", "ru") == (
        f"On {format_date(day, 'long', locale='ru')}, it rained."
    )
    assert convert("14 ноября 2024 г. шёл дождь.", "ru", "en") == (
        f"{format_date(day, 'long', locale='en')} шёл дождь."
    )
    # Babel's own Russian output (U+202F before «г.») is recognised too.
    babel_ru = format_date(day, "long", locale="ru")
    assert "\u202f" in babel_ru
    assert convert(f"Дата: {babel_ru}", "ru", "en") == "Дата: November 14, 2024"


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_date_round_trip(day):
    en = format_date(day, "long", locale="en")
    ru = convert(f"Since {en} nothing changed.", "en", "ru")
    assert ru == f"Since {format_date(day, 'long', locale='ru')} nothing changed."
    assert convert(ru, "ru", "en") == f"Since {en} nothing changed."


_NUMBERISH = st.lists(
    st.sampled_from(
        ["1", "05", "2024", "3", ".", ",", ":", " ", NBSP, "-", "a", "Я", "\u0663", "$", "€"]
        + ["руб.", "%", " km", " км", " million", " млн", "November ", "Nov. ", " ноября"]
        + [" г.", " a.m.", "PM", "x", "_", "(", "1.2.3", "2:1", "+", "−", "–", "×", ")"]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_NUMBERISH, st.sampled_from(["en", "ru"]))
def test_number_recognisers_find_what_scanning_every_position_finds(text, lang):
    """find_forms tries most recognisers only where a number can start; a plain scan of
    the whole text with every recogniser, in the same order, must find the same."""
    taken = bytearray(len(text))
    expected = []
    for kind, pattern, _digit_led in form_patterns.patterns(lang):
        for match in pattern.finditer(text):
            start, end = match.span()
            form = None if any(taken[start:end]) else locale_forms._build(kind, match, lang)
            if form is not None:
                taken[start:end] = b"\x01" * (end - start)
                expected.append(form)
    expected.sort(key=lambda form: form.start)
    joined = list(locale_forms._join_ranges(text, expected, taken))
    assert list(locale_forms.find_forms(text, lang)) == joined


def test_percent_money_time_follow_babel():
    assert convert("Up 12.5% today.", "en", "ru") == (
        f"Up {format_percent(Decimal('0.125'), locale='ru', decimal_quantization=False)} today."
    )
    assert convert("Рост на 12,5 % за год.", "ru", "en") == "Рост на 12.5% за год."
    assert convert("It cost $3.5 million.", "en", "ru") == (
        f"It cost {format_compact_currency(3_500_000, 'USD', locale='ru', fraction_digits=1)}."
    )
    assert convert("It cost $1,234.56.", "en", "ru") == (
        f"It cost {format_currency(Decimal('1234.56'), 'USD', locale='ru')}."
    )
    assert convert("Стоит 3,5 млн $.", "ru", "en") == "Стоит $3.5 million."
    assert (
        convert("Начало в 15:30.", "ru", "en")
        == f"Начало в {format_time(time(15, 30), 'short', locale='en')}."
    )


def test_same_language_keeps_the_source_notation():
    text = "On Nov. 14, 2024 it rose 12.5% to $1,000 at 3 p.m."
    assert convert(text, "en", "en") == text


# --- what is hidden from the engine ---------------------------------------------------


def test_markup_and_identifiers_are_hidden_but_link_text_is_not():
    text = (
        'See [the full report](https://example.com/r?id=1 "Title") and ![a chart](img/c.png), '
        "run `make test`, write to ed@example.org or @desk, read https://example.net/x_y "
        "and <b>this</b> &amp; \\*that\\*."
    )
    (masked,) = masked_sentences(text, "en", "ru")
    for hidden in (
        "example.com",
        "img/c.png",
        "make test",
        "ed@example",
        "@desk",
        "example.net",
        "<b>",
        "&amp;",
        "\\*",
    ):
        assert hidden not in masked.text
    assert "the full report" in masked.text and "a chart" in masked.text
    assert restore(masked, masked.text).text == text


def test_placeholder_form_is_ascii_and_numbered_per_sentence():
    first, second = masked_sentences(
        "It rose *5%* and [6%](http://x.org). It fell *7%*.", "en", "ru"
    )
    assert first.text == "It rose QX1 5% QX2 and QX3 6% QX4 ."
    assert second.text == "It fell QX1 7% QX2 ."
    assert PLACEHOLDER.format(1).isascii()


def test_numbers_dates_and_times_go_to_the_engine_as_written():
    """A model copies a number far better than a placeholder it never saw."""
    (masked,) = masked_sentences("The election will take place on 12 October.", "en", "ru")
    assert masked.text == "The election will take place on 12 October."
    assert [literal.target for literal in masked.literals] == ["12 октября"]
    restored = restore(masked, "Выборы пройдут 12 октября.")
    assert restored.text == "Выборы пройдут 12 октября."
    assert not restored.repaired and restored.verified


def test_placeholder_lookalikes_in_the_source_are_kept():
    assert (
        convert("The code QX1 is not a placeholder.", "en", "ru")
        == "The code QX1 is not a placeholder."
    )


# --- glossary ---------------------------------------------------------------------------

GLOSSARY = [
    GlossaryTerm("council", "совет"),
    GlossaryTerm("city council", "городской совет"),
    GlossaryTerm("Newsdesk", "Newsdesk", "do_not_translate"),
    GlossaryTerm("Gazprom", "Газпром", "preferred", source_form="Газпрома"),
    GlossaryTerm("slaughter", "бойня", "forbidden"),
]


def test_preferred_terms_longest_first_case_insensitive_on_word_boundaries():
    text = "The City Council met the council and a councillor at Newsdesk."
    assert (
        convert(text, "en", "ru", GLOSSARY)
        == "The городской совет met the совет and a councillor at Newsdesk."
    )
    # First in the sentence the lower-case form takes a capital (tests/test_mt_casing.py).
    assert convert("Городской совет собрался.", "ru", "en", GLOSSARY) == "City council собрался."
    assert convert("Акции Газпрома выросли.", "ru", "en", GLOSSARY) == "Акции Gazprom выросли."


def test_forbidden_terms_are_not_masked():
    (masked,) = masked_sentences("A slaughter happened.", "en", "ru", GLOSSARY)
    assert masked.slots == ()


# --- repair -----------------------------------------------------------------------------


def test_a_dropped_number_is_reinserted_proportionally():
    (masked,) = masked_sentences("Growth was 5% in the whole year 2024", "en", "ru")
    assert masked.text == "Growth was 5% in the whole year 2024"
    restored = restore(masked, "Рост был за весь год")
    assert restored.repaired and restored.verified
    # 5% was at 30 % of the sentence; 2024 was last, so it is appended.
    assert restored.text == f"Рост 5{NBSP}% был за весь год 2024"
    (masked,) = masked_sentences("2024: growth was 5%.", "en", "ru")
    assert restore(masked, "«Рост был».").text == f"«2024 Рост был 5{NBSP}%»."


def test_numbers_copied_in_the_source_notation_are_converted_without_a_flag():
    (masked,) = masked_sentences("Growth was 3.5% or $1,200 in 2024.", "en", "ru")
    restored = restore(masked, "Рост составил 3.5% или $1,200 в 2024 году.")
    assert restored.text == f"Рост составил 3,5{NBSP}% или 1{NBSP}200{NBSP}$ в 2024 году."
    assert not restored.repaired and restored.verified


def test_a_lost_sign_dash_or_bracket_is_put_back_in_place():
    (masked,) = masked_sentences("It was −5 °C on 10–12 May, call +7 (812) 555-01-02.", "en", "ru")
    restored = restore(masked, "Было 5 °C 10 12 мая, звоните 7 812 555 01 02.")
    assert restored.text == (f"Было −5{NBSP}°C 10–12 мая, звоните +7 (812) 555-01-02."), (
        restored.text
    )
    assert restored.repaired and restored.verified


def test_a_value_the_model_wrote_its_own_way_is_kept():
    (masked,) = masked_sentences("The vote is on November 14, 2024.", "en", "ru")
    restored = restore(masked, "Голосование пройдёт 14 ноября 2024 года.")
    assert restored.text == "Голосование пройдёт 14 ноября 2024 года."
    assert not restored.repaired and restored.verified


def test_duplicates_and_invented_placeholders_are_removed():
    (masked,) = masked_sentences("Growth was *5%* in 2024.", "en", "ru")
    restored = restore(masked, "Рост QX1 5% QX2 QX1 составил QX7 в 2024 году.")
    assert restored.repaired
    assert restored.text == f"Рост *5{NBSP}%* составил в 2024 году."


def test_crossed_markup_is_put_back_in_order():
    (masked,) = masked_sentences("A *bold* and [linked](http://x.org) word.", "en", "ru")
    restored = restore(masked, "Одно QX2 жирное QX1 и QX4 связанное QX3 слово.")
    assert restored.repaired
    assert restored.text == "Одно *жирное* и [связанное](http://x.org) слово."


@pytest.mark.parametrize(
    ("source", "output", "expected"),
    [
        ("We **strongly recommend** it.", "Мы QX1 QX2 советуем это.", "Мы **советуем** это."),
        ("See [CERN](https://home.cern).", "Смотрите QX1 QX2.", "[Смотрите](https://home.cern)."),
        ("An <abbr>AFM</abbr> scan.", "Скан QX1 QX2.", "<abbr>Скан</abbr>."),
        ("Call *now*!", "QX1 QX2 Звоните!", "**Звоните**!"),
    ],
)
def test_a_mark_is_never_left_empty(source, output, expected):
    (masked,) = masked_sentences(source, "en", "ru")
    restored = restore(masked, output)
    assert restored.text == expected.replace("**", "*" if "*now*" in source else "**")
    assert restored.repaired


def test_two_atoms_the_source_kept_apart_are_never_glued():
    glossary = [GlossaryTerm("SPbPU", "СПбПУ", "do_not_translate"), GlossaryTerm("JITRI", "JITRI")]
    (masked,) = masked_sentences("SPbPU and JITRI signed.", "en", "ru", glossary)
    restored = restore(masked, "QX1QX2 подписали.")
    assert "СПбПУ JITRI" in restored.text


def test_verification_reads_the_finished_text():
    (masked,) = masked_sentences("It rose *5%* on 12 May.", "en", "ru")
    assert verify(masked, f"Рост *5{NBSP}%* 12 мая.")
    assert verify(masked, "Рост *5%* 12 мая.")  # the model's own spelling of the value
    assert not verify(masked, f"Рост *5{NBSP}%*.")  # the date is missing
    assert not verify(masked, "Рост 5% 12 мая.")  # the emphasis is missing
    assert not verify(masked, "Рост *−5%* 12 мая.")  # a sign that the source did not have


def test_reordered_atoms_are_a_legitimate_translation():
    (masked,) = masked_sentences("On May 5, 12 people came.", "en", "ru")
    restored = restore(masked, "12 человек пришли 5 мая.")
    assert not restored.repaired
    assert restored.text == "12 человек пришли 5 мая."


@pytest.mark.parametrize("damaged", ["qx1 5% qx2 и qx3 7% qx4", "QX 1 5% QX 2 и QX 3 7% QX 4"])
def test_placeholders_mangled_like_models_do_are_recognised(damaged):
    (masked,) = masked_sentences("*5%* and *7%*", "en", "ru")
    restored = restore(masked, damaged)
    assert restored.text == f"*5{NBSP}%* и *7{NBSP}%*" and not restored.repaired


def test_date_before_final_period_is_not_doubled():
    (masked,) = masked_sentences("It ended on Dec. 5, 2024.", "en", "ru")
    assert restore(masked, "Это закончилось.").text.endswith("\u202fг.")
    assert restore(masked, "Это закончилось Dec. 5, 2024.").text.endswith("2024\u202fг.")


# --- properties -------------------------------------------------------------------------

WORDS = ["news", "Mayor", "said", "город", "Мэр", "the", "и", "Dr.", "т. е.", "U.S.", "etc."]
PIECES = [
    "*x*",
    "**bold**",
    "_it_",
    "__u__",
    "~~s~~",
    "`co de`",
    "``a`b``",
    "[link](http://e.com/a)",
    "![alt](p.png)",
    "[ref][1]",
    "<https://a.b/c>",
    "<i>",
    "</i>",
    "&amp;",
    "\\*",
    "\\[",
    "a@b.org",
    "@handle",
    "https://x.y/z?q=1",
    "www.site.ru",
    "3.5",
    "3,5",
    "1,000",
    "1 000",
    "12.5%",
    "12,5 %",
    "$3.5 million",
    "3,5 млн $",
    "5 km",
    "November 14, 2024",
    "14 ноября 2024 г.",
    "3:30 p.m.",
    "15:30",
    "1.2.3",
    "QX3",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "«",
    "»",
    "!",
    "?",
    ".",
]
SEPARATORS = [" ", "", ", ", ". ", "\n", "  ", "! ", " — "]
inline_text = st.lists(
    st.tuples(st.sampled_from(WORDS + PIECES), st.sampled_from(SEPARATORS)), min_size=1, max_size=14
).map(lambda pairs: "".join(a + b for a, b in pairs).strip())


@settings(max_examples=300, deadline=None)
@given(inline_text, st.sampled_from(["en", "ru"]))
def test_mask_restore_is_identity_with_an_echo_engine(text, lang):
    for masked in masked_sentences(text, lang, lang):
        restored = restore(masked, masked.text)
        assert restored.text == masked.source
        assert not restored.repaired and restored.verified


@settings(max_examples=200, deadline=None)
@given(inline_text, st.sampled_from(["drop", "duplicate", "reverse", "garbage"]))
def test_every_token_survives_hostile_output(text, damage):
    for masked in masked_sentences(text, "en", "ru"):
        ids = [PLACEHOLDER.format(n + 1) for n in range(len(masked.slots))]
        output = {
            "drop": "слова без меток",
            "duplicate": " ".join(f"{p} {p}" for p in ids) + " слова",
            "reverse": " слово ".join(reversed(ids)),
            "garbage": "QX0 QX99 абв",
        }[damage]
        restored = restore(masked, output)
        assert restored.verified
        for slot in masked.slots:
            assert slot.token.target in restored.text
        if masked.slots and damage in ("drop", "duplicate", "garbage"):
            assert restored.repaired

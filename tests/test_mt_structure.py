"""Line breaks, plain-text paragraphs, overlong input and segmentation of abbreviations."""

from __future__ import annotations

import pytest

from newsdesk.machine_translation.long_input import (
    MAX_ENGINE_CHARS,
    MAX_SENTENCE_CHARS,
    TOO_LONG,
    engine_pieces,
)
from newsdesk.machine_translation.mask import find_tokens
from newsdesk.machine_translation.pipeline import translate_document
from newsdesk.machine_translation.segment import sentence_spans
from tests import mt_fakes as fakes


def sentences(text: str, lang: str) -> list[str]:
    other = "ru" if lang == "en" else "en"
    tokens = find_tokens(text, lang, other)
    return [text[a:b] for a, b in sentence_spans(text, lang, [(t.start, t.end) for t in tokens])]


def translate(body: str, source: str = "en", **options):
    target = "ru" if source == "en" else "en"
    engine = fakes.FakeEngine(source, target, lambda text: fakes.transliterate(text, target))
    result = translate_document(
        title="", lead="", body=body, source=source, target=target, engine=engine, **options
    )
    return result, engine


def test_hard_line_breaks_end_a_sentence_and_survive_translation():
    body = (
        "Press contact  \nTel.: +7 (812) 555-01-02  \nE-mail: press@example.org\n\n"
        "Venue: Main Building\\\nRoom 101\n"
    )
    result, _engine = translate(body)
    assert [s.source for s in result.segments] == [
        "Press contact",
        "Tel.: +7 (812) 555-01-02",
        "E-mail: press@example.org",
        "Venue: Main Building",
        "Room 101",
    ]
    lines = result.body.split("\n")
    assert lines[0].endswith("  ") and lines[1].endswith("  ") and "+7 (812) 555-01-02" in lines[1]
    assert lines[4].endswith("\\") and lines[5].startswith("Роом 101")
    assert result.body.count("\n") == body.count("\n")


def test_a_soft_line_break_inside_a_sentence_does_not_split_it():
    assert sentences("The mayor said\nthat the bridge opens.", "en") == [
        "The mayor said\nthat the bridge opens."
    ]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Зал вмещает <b>ок.</b> 300 человек.", "ru", 1),
        ("Лекцию прочтёт <i>проф.</i> Иванов. Вход свободный.", "ru", 2),
        ("Звоните по **тел.** 555-01-02 до пятницы.", "ru", 1),
        ("Встреча в **ауд.** 101 завтра.", "ru", 1),
        ("Тел. +7 (812) 555-01-02. Пишите нам.", "ru", 2),
        ("Ок. 300 человек пришли на встречу.", "ru", 1),
        ("Up to max. 30 people can attend. Book early.", "en", 2),
        ("Размер зала 2×3 м. Зал большой.", "ru", 2),
        ("Площадь 5 км. Дорога длинная.", "ru", 2),
        ("Выступил А.С. Пушкин. Затем все ушли.", "ru", 2),
        ("Выступил Д. А. Арсеньев. Затем все ушли.", "ru", 2),
        ("Speakers: J. R. R. Tolkien and C. S. Lewis. Then tea.", "en", 2),
    ],
)
def test_abbreviations_initials_and_units_split_where_a_person_would(text, lang, expected):
    assert len(sentences(text, lang)) == expected, sentences(text, lang)


def test_plain_text_keeps_lines_and_the_blank_lines_between_paragraphs():
    text = "First paragraph.\nSecond line of it.\n\nSecond paragraph.\n\n\n  Indented one.\n"
    result, _engine = translate(text, body_format="text")
    assert result.body.split("\n")[2] == "" and result.body.count("\n") == text.count("\n")
    assert result.body.startswith("Фирст параграпх.\nСецонд лине оф ит.\n\nСецонд")
    assert "\n\n\n  Индентед оне.\n" in result.body
    # Markdown syntax means nothing in plain text: "1." and "#" are translated as text.
    result, _engine = translate("# Not a heading\n1. Not a list", body_format="text")
    assert result.segments[0].source == "# Not a heading"
    assert result.body.startswith("# Нот а хеадинг\n1.")


def test_engine_pieces_never_exceed_the_limit_and_lose_nothing():
    text = " ".join(f"clause {n}, with words" for n in range(400))
    pieces = engine_pieces(text, 120)
    assert max(map(len, pieces)) <= 120
    assert " ".join(pieces) == text
    assert all(piece.endswith(",") for piece in pieces[:-1])  # cut after a comma
    assert engine_pieces("x" * 250, 100) == ["x" * 100, "x" * 100, "x" * 50]


def test_a_long_sentence_is_translated_in_pieces_and_stays_one_segment():
    sentence = " ".join(f"the council voted {n} times, and" for n in range(60)) + " it ended."
    assert MAX_ENGINE_CHARS < len(sentence) < MAX_SENTENCE_CHARS
    result, engine = translate(sentence)
    assert len(result.segments) == 1
    sent = [text for call in engine.calls for text in call]
    assert len(sent) > 1 and max(map(len, sent)) <= MAX_ENGINE_CHARS
    target = result.segments[0].target
    for n in range(60):
        assert f" {n} " in f" {target} "  # every number of every piece came back
    assert TOO_LONG not in result.segments[0].flags


def test_a_sentence_too_long_to_translate_is_kept_and_flagged_not_truncated():
    giant = "word " * (MAX_SENTENCE_CHARS // 5 + 10)
    body = "A short sentence.\n\n" + giant.strip()
    result, engine = translate(body)
    kept = result.segments[-1]
    assert kept.target == giant.strip() and TOO_LONG in kept.flags
    assert result.body.endswith(giant.strip())
    assert all(len(text) <= MAX_ENGINE_CHARS for call in engine.calls for text in call)
    assert result.segments[0].target == "А схорт сентенце."


def test_shortcut_and_collapsed_reference_links_keep_their_label():
    body = (
        "The [Foundation] and [the report][] fund [sic] work.\n\n"
        "[foundation]: https://f.org\n[The Report]: https://r.org\n"
    )
    result, engine = translate(body)
    first = result.body.split("\n")[0]
    assert "[Фоундатион][Foundation]" in first and "[тхе репорт][the report]" in first
    assert "[сиц]" in first  # no such reference: plain text in brackets
    assert result.body.endswith("[foundation]: https://f.org\n[The Report]: https://r.org\n")
    gibberish = fakes.FakeEngine("en", "ru", fakes.gibberish)
    damaged = translate_document(
        title="", lead="", body=body, source="en", target="ru", engine=gibberish
    )
    assert "][Foundation]" in damaged.body and "][the report]" in damaged.body
    assert "[]" not in damaged.body


def test_footnote_marks_come_back_as_written():
    body = "The study[^1] found growth.[^note]\n"
    result, _engine = translate(body)
    assert result.body == "Тхе студы[^1] фоунд гровтх.[^note]\n"
    gibberish = fakes.FakeEngine("en", "ru", fakes.gibberish)
    damaged = translate_document(
        title="", lead="", body=body, source="en", target="ru", engine=gibberish
    )
    assert "[^1]" in damaged.body and "[^note]" in damaged.body

"""QA checks: each code fires on a bad translation and stays quiet on a good one, in both
directions, with the Russian conventions for numbers and dates; the ``qa check`` CLI."""

from __future__ import annotations

import json

import pytest
from babel.dates import format_date

from newsdesk.machine_translation.mask import GlossaryTerm
from newsdesk.review import qa, typography

NBSP = "\u00a0"
GLOSSARY = [
    GlossaryTerm("Moscow State University", "Московский государственный университет"),
    GlossaryTerm("NASA", "NASA", "do_not_translate"),
    GlossaryTerm("teacher", "преподаватель"),
    GlossaryTerm("pupil", "ученик", "forbidden"),
]
RU_DATE = format_date(__import__("datetime").date(2024, 11, 14), "long", locale="ru")


def codes(source, target, src="en", tgt="ru", glossary=GLOSSARY, severity=None):
    found = qa.check_sentence(source, target, src, tgt, glossary, 1)
    return {f.code for f in found if severity is None or f.severity == severity}


# (code, source lang, source, good translation, bad translation)
CASES = [
    ("numbers", "en", "It cost $2.5 million.", f"Он стоил 2,5{NBSP}млн $.", "Он стоил 2.5 млн $."),
    (
        "numbers",
        "en",
        "We have 1,000 students.",
        f"У нас 1{NBSP}000 студентов.",
        "У нас 1,000 студентов.",
    ),
    (
        "numbers",
        "en",
        "The vote is on November 14, 2024.",
        f"Голосование {RU_DATE}.",
        "Голосование в ноябре.",
    ),
    (
        "numbers",
        "en",
        "Prices rose by 3.5%.",
        f"Цены выросли на 3,5{NBSP}%.",
        "Цены выросли на 35 %.",
    ),
    ("numbers", "ru", "Пришли 1 000 человек.", "1,000 people came.", "1 000 people came."),
    (
        "numbers",
        "ru",
        f"Встреча состоится {RU_DATE}",
        "The meeting is on November 14, 2024",
        "The meeting is on November 15, 2024",
    ),
    ("numbers", "ru", "Рост составил 3,5 %.", "Growth was 3.5%.", "Growth was 3,5%."),
    (
        "links",
        "en",
        "See [the site](https://a.example).",
        "См. [сайт](https://a.example).",
        "См. [сайт](https://b.example).",
    ),
    (
        "links",
        "ru",
        "См. <https://a.example> и [сайт](https://b.example).",
        "See <https://a.example> and [the site](https://b.example).",
        "See [the site](https://b.example).",
    ),
    ("markup", "en", "A **bold** claim.", "Смелое **заявление**.", "Смелое **заявление."),
    (
        "markup",
        "ru",
        "Запустите `make test` сейчас.",
        "Run `make test` now.",
        "Run `make tests` now.",
    ),
    (
        "glossary",
        "en",
        "He studied at Moscow State University.",
        "Он учился в Московском государственном университете.",
        "Он учился в МГУ.",
    ),
    ("glossary", "en", "NASA launched it.", "NASA запустило его.", "НАСА запустило его."),
    ("glossary", "en", "A teacher spoke.", "Выступил преподаватель.", "Выступил ученик."),
    ("glossary", "en", "A _teacher_ spoke.", "Выступил _преподаватель_.", "Выступил _ученик_."),
    ("glossary", "ru", "Выступил преподаватель.", "A teacher spoke.", "A lecturer spoke."),
    (
        "untranslated",
        "en",
        "The laboratory is open to Google staff.",
        "Лаборатория открыта для сотрудников Google.",
        "The laboratory открыта для Google.",
    ),
    (
        "untranslated",
        "ru",
        "Лаборатория открыта.",
        "The laboratory is open.",
        "The лаборатория открыта.",
    ),
    ("empty", "en", "Hello.", "Привет.", ""),
    ("empty", "ru", "Привет.", "Hello.", "   "),
    ("same_as_source", "en", "The lab is open.", "Лаборатория открыта.", "The lab is open."),
    ("same_as_source", "ru", "Лаборатория открыта.", "The lab is open.", "Лаборатория открыта."),
    (
        "length_ratio",
        "en",
        "The university opened a new laboratory for students.",
        "Университет открыл новую лабораторию для студентов.",
        "Да.",
    ),
    (
        "length_ratio",
        "ru",
        "Университет открыл новую лабораторию для студентов.",
        "The university opened a new laboratory for students.",
        "Yes.",
    ),
    ("punctuation", "en", "Is it open?", "Она открыта?", "Она открыта."),
    ("punctuation", "ru", "Она открыта!", "It is open!", "It is open"),
    ("whitespace", "en", "It is open.", "Она открыта.", "Она  открыта."),
    ("whitespace", "ru", "Она открыта.", "It is open.", "It is open ."),
]


@pytest.mark.parametrize(
    ("code", "src", "source", "good", "bad"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{n}" for n, c in enumerate(CASES)],
)
def test_each_check_fires_on_the_bad_translation_only(app, code, src, source, good, bad):
    tgt = "ru" if src == "en" else "en"
    with app.app_context():
        assert code not in codes(source, good, src, tgt), qa.check_sentence(
            source, good, src, tgt, GLOSSARY
        )
        assert code in codes(source, bad, src, tgt)


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        ("numbers", "error"),
        ("links", "error"),
        ("markup", "error"),
        ("empty", "error"),
        ("punctuation", "warning"),
        ("whitespace", "warning"),
        ("length_ratio", "warning"),
        ("same_as_source", "warning"),
    ],
)
def test_severities_are_stable(app, code, severity):
    case = next(c for c in CASES if c[0] == code)
    tgt = "ru" if case[1] == "en" else "en"
    with app.app_context():
        found = qa.check_sentence(case[2], case[4], case[1], tgt, GLOSSARY)
        assert {f.severity for f in found if f.code == code} == {severity}


def test_numbers_message_says_how_russian_writes_it(app):
    with app.app_context():
        [finding] = [
            f
            for f in qa.check_sentence("3.5 tons.", "3.5 тонны.", "en", "ru")
            if f.severity == "error"
        ]
        assert "3,5" in finding.message and finding.segment is None


def test_brands_and_acronyms_are_not_untranslated(app):
    with app.app_context():
        assert "untranslated" not in codes(
            "Google and Bank of America joined NASA.", "Google и Bank of America вошли в NASA."
        )


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ('Он сказал "да".', "Он сказал «да»."),
        ("Он сказал “да”.", "Он сказал «да»."),
        ("Москва - столица.", f"Москва{NBSP}— столица."),
        ("Москва – столица.", f"Москва{NBSP}— столица."),
        ("Это было в 2024 г.", f"Это было в 2024{NBSP}г."),
        ("В 1990–2000 гг. всё менялось.", f"В 1990–2000{NBSP}гг. всё менялось."),
        ("Выступил А. С. Пушкин.", f"Выступил А.{NBSP}С.{NBSP}Пушкин."),
        ("Выступил Пушкин А. С.", f"Выступил Пушкин{NBSP}А.{NBSP}С."),
        ('Код `a - "b"` не трогаем.', 'Код `a - "b"` не трогаем.'),
    ],
)
def test_russian_typography_fixes(text, fixed):
    assert typography.fix(text) == fixed


def test_typography_is_offered_as_a_one_click_fix(app):
    with app.app_context():
        [finding] = [
            f
            for f in qa.check_sentence(
                'He said "yes" in 2024.', 'Он сказал "да" в 2024 г.', "en", "ru"
            )
            if f.code == "typography"
        ]
        assert finding.fix == f"Он сказал «да» в 2024{NBSP}г."
        assert qa.fix_all('Цена  1 000 $ - это "много" .', "ru") == (
            f"Цена 1{NBSP}000 ${NBSP}— это «много»."
        )


def test_typography_is_not_applied_to_english(app):
    with app.app_context():
        assert "typography" not in codes("Он сказал «да».", 'He said "yes".', "ru", "en")


EN = """---
lang: en
title: Lab opens
lead: Good news for 1,000 students.
---
The lab cost $2.5 million. It opens on November 14, 2024.

See [the site](https://lab.example).
"""
RU_GOOD = f"""---
lang: ru
title: Лаборатория открывается
lead: Хорошая новость для 1{NBSP}000 студентов.
---
Лаборатория стоила 2,5{NBSP}млн $. Она откроется {RU_DATE}.

См. [сайт](https://lab.example).
"""
RU_BAD = """---
lang: ru
title: Лаборатория открывается
lead: Хорошая новость для 1,000 студентов.
---
Лаборатория стоила 2.5 млн $. Она откроется 15.11.2024.

См. сайт.
"""


@pytest.fixture
def files(tmp_path):
    paths = {}
    for name, text in (("en.md", EN), ("good.md", RU_GOOD), ("bad.md", RU_BAD)):
        paths[name] = tmp_path / name
        paths[name].write_text(text, encoding="utf-8")
    return paths


def test_qa_cli_passes_a_good_translation(runner, files):
    result = runner.invoke(
        args=[
            "qa",
            "check",
            "--source-lang",
            "en",
            "--target-lang",
            "ru",
            str(files["en.md"]),
            str(files["good.md"]),
            "--json",
        ]
    )
    assert result.exit_code == 0, result.output
    findings = json.loads(result.output)
    assert [f for f in findings if f["severity"] == "error"] == []


def test_qa_cli_reports_errors_as_json_and_exits_1(runner, files):
    result = runner.invoke(
        args=[
            "qa",
            "check",
            "--source-lang",
            "en",
            "--target-lang",
            "ru",
            str(files["en.md"]),
            str(files["bad.md"]),
            "--json",
        ]
    )
    assert result.exit_code == 1
    findings = json.loads(result.output)
    assert all(set(f) == {"code", "severity", "segment", "message"} for f in findings)
    errors = {(f["code"], f["segment"]) for f in findings if f["severity"] == "error"}
    # sentences: 1 title, 2 lead, 3 "The lab cost...", 4 "It opens...", 5 "See the site."
    assert errors == {("numbers", 2), ("numbers", 3), ("numbers", 4), ("links", 5)}


def test_qa_cli_text_output_and_missing_paragraph(runner, files, tmp_path):
    short = tmp_path / "short.md"
    short.write_text(RU_GOOD.split("\n\nСм.")[0] + "\n", encoding="utf-8")
    result = runner.invoke(
        args=[
            "qa",
            "check",
            "--source-lang",
            "en",
            "--target-lang",
            "ru",
            str(files["en.md"]),
            str(short),
        ]
    )
    assert result.exit_code == 1
    assert "ERROR" in result.output and "empty" in result.output and "#5" in result.output
    extra = tmp_path / "extra.md"
    extra.write_text(RU_GOOD + "\nЛишний абзац без источника.\n", encoding="utf-8")
    result = runner.invoke(
        args=[
            "qa",
            "check",
            "--source-lang",
            "en",
            "--target-lang",
            "ru",
            str(files["en.md"]),
            str(extra),
            "--json",
        ]
    )
    assert result.exit_code == 1
    assert json.loads(result.output)[0]["code"] == "markup"


def test_qa_cli_usage_errors(runner, files):
    result = runner.invoke(
        args=[
            "qa",
            "check",
            "--source-lang",
            "en",
            "--target-lang",
            "en",
            str(files["en.md"]),
            str(files["good.md"]),
        ]
    )
    assert result.exit_code == 2
    result = runner.invoke(
        args=[
            "qa",
            "check",
            "--source-lang",
            "en",
            "--target-lang",
            "ru",
            str(files["en.md"]),
            "/nonexistent.md",
        ]
    )
    assert result.exit_code == 2

"""News sentences dense with what MT breaks: dates, decimals, money, percentages, links,
emphasis, names, abbreviations. Each entry is ONE sentence and the strings that must
appear, in the other language's notation, in its translation whatever the engine does.

Reused with fake engines (tests/test_mt_pipeline.py) and, later, the real tiny model.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date, format_skeleton

from newsdesk.machine_translation.casing import capitalize_first
from newsdesk.machine_translation.mask import GlossaryTerm

NBSP = "\u00a0"


def ru_date(year: int, month: int, day: int) -> str:
    """Babel's Russian long date (it has U+202F before «г.»: never hand-typed)."""
    return format_date(date(year, month, day), "long", locale="ru")


def en_date(year: int, month: int, day: int) -> str:
    """Babel's English long date."""
    return format_date(date(year, month, day), "long", locale="en")


GLOSSARY: tuple[GlossaryTerm, ...] = (
    GlossaryTerm("Newsdesk", "Newsdesk", "do_not_translate"),
    GlossaryTerm("Acme", "Acme", "do_not_translate"),
    GlossaryTerm("city council", "городской совет", "preferred"),
    GlossaryTerm("Geological Survey", "Геологическая служба", "preferred"),
)


def kept(piece: str, text: str) -> bool:
    """Is ``piece`` in ``text``? A glossary term may have taken a capital, when the
    (damaged) translation begins a sentence with it."""
    forms = {piece}
    if any(piece in (term.en, term.ru) for term in GLOSSARY):
        forms.add(capitalize_first(piece))
    return any(form in text for form in forms)


#: (English sentence, what its Russian translation must contain)
EN_SENTENCES: list[tuple[str, tuple[str, ...]]] = [
    (
        "On November 14, 2024, Dr. Anna Petrova of the U.S. Geological Survey said output "
        "rose 12.5% to $3.5 million.",
        (ru_date(2024, 11, 14), f"12,5{NBSP}%", f"3,5{NBSP}млн{NBSP}$", "Геологическая служба"),
    ),
    (
        "The *Newsdesk* team published the report at https://example.com/reports/2024?id=7 "
        "at 3:30 p.m.",
        ("*", "Newsdesk", "https://example.com/reports/2024?id=7", "15:30"),
    ),
    (
        "Prof. J. R. R. Tolkien's estate sold 1,250 copies for £20 each, i.e. about £25,000 "
        "in total.",
        (f"1{NBSP}250", f"20{NBSP}£", f"25{NBSP}000{NBSP}£"),
    ),
    (
        "Prices in Moscow fell by 3.5 percent in the first quarter, e.g. bread cost 45.90 rubles.",
        ("3,5", "45,90"),
    ),
    (
        "**Breaking:** the City Council approved a budget of €1,200,000 for 2025.",
        ("**", "городской совет", f"1{NBSP}200{NBSP}000{NBSP}€", "2025"),
    ),
    (
        "Contact the editors at news@example.org or follow @newsdesk for updates.",
        ("news@example.org", "@newsdesk"),
    ),
    (
        "The river rose 2.5 m overnight, and the temperature dropped to 5 °C by 6:45.",
        (f"2,5{NBSP}м", f"5{NBSP}°C", "6:45"),
    ),
    (
        "According to [the ministry's statement](https://gov.example/news/123), 14.7% of "
        "households, i.e. 1,400,000 families, were affected.",
        ("[", "](https://gov.example/news/123)", f"14,7{NBSP}%", f"1{NBSP}400{NBSP}000"),
    ),
    (
        "Mr. Smith, who joined Acme Corp. in May 2019, earns $120,000 a year.",
        ("Acme", "2019", f"120{NBSP}000{NBSP}$"),
    ),
    (
        "The match on Sept. 3 ended 2:1 after 90 minutes, etc., and fans left by 10 p.m.",
        (format_skeleton("MMMMd", date(2024, 9, 3), locale="ru"), "2:1", "90", "22:00"),
    ),
    (
        "Run `pip install newsdesk==1.2.3` and read _the manual_ before 5 December 2024.",
        ("`pip install newsdesk==1.2.3`", "_", ru_date(2024, 12, 5)),
    ),
    (
        "Visit www.example.com/path_(info) for the full 250-page PDF, now 30% off.",
        ("www.example.com/path_(info)", "250", f"30{NBSP}%"),
    ),
    (
        "St. Petersburg's mayor, Mr. A. B. Ivanov, announced a 0.25% rate cut on Dec. 1.",
        (f"0,25{NBSP}%", format_skeleton("MMMMd", date(2024, 12, 1), locale="ru")),
    ),
    (
        "Shares of Acme Inc. jumped 7.5% to $1,234.56, the highest since Jan. 15, 2020.",
        ("Acme", f"7,5{NBSP}%", f"1{NBSP}234,56{NBSP}$", ru_date(2020, 1, 15)),
    ),
    (
        "Read more at <https://example.net/a> or in the *Daily Report* (no. 42).",
        ("<https://example.net/a>", "*", "42"),
    ),
]

#: (Russian sentence, what its English translation must contain)
RU_SENTENCES: list[tuple[str, tuple[str, ...]]] = [
    (
        "14 ноября 2024 г. проф. Д. А. Арсеньев сообщил, что выпуск вырос на 12,5 % до 3,5 млн $.",
        (en_date(2024, 11, 14), "12.5%", "$3.5 million"),
    ),
    (
        "Как пишет *Newsdesk*, отчёт опубликован на https://example.ru/otchet?id=7 в 15:30.",
        ("*", "Newsdesk", "https://example.ru/otchet?id=7"),
    ),
    (
        "В 2023 г. в Санкт-Петербурге на ул. Ленина открылся музей им. Пушкина, т. е. первый "
        "в районе.",
        ("2023",),
    ),
    (
        "Цены на хлеб выросли на 3,5 %, а молоко подорожало до 89,90 руб. за литр.",
        ("3.5%", "RUB 89.90"),
    ),
    (
        "**Срочно:** городской совет утвердил бюджет в размере 1 200 000 € на 2025 год.",
        ("**", "city council", "€1,200,000", "2025"),
    ),
    (
        "Пишите редакции на news@example.ru или следите за @newsdesk в соцсетях.",
        ("news@example.ru", "@newsdesk"),
    ),
    (
        "Уровень воды поднялся на 2,5 м, а температура упала до 5 °C к 18:45.",
        ("2.5 m", "5 °C"),
    ),
    (
        "По данным [министерства](https://gov.example/news/123), пострадали 14,7 % домохозяйств, "
        "т. е. 1 400 000 семей.",
        ("[", "](https://gov.example/news/123)", "14.7%", "1,400,000"),
    ),
    (
        "Г-н Смирнов, работающий в Acme с 2019 г., получает 120 000 руб. в год.",
        ("Acme", "2019", "RUB 120,000"),
    ),
    (
        "Матч 3 сентября закончился со счётом 2:1, и болельщики разошлись к 22:00.",
        (format_skeleton("MMMMd", date(2024, 9, 3), locale="en"), "2:1"),
    ),
    (
        "Установите `pip install newsdesk==1.2.3` и прочтите _руководство_ до 5 декабря 2024 г.",
        ("`pip install newsdesk==1.2.3`", "_", en_date(2024, 12, 5)),
    ),
    (
        "На сайте www.example.ru/path_(info) доступен полный PDF на 250 страниц со скидкой 30 %.",
        ("www.example.ru/path_(info)", "250", "30%"),
    ),
    (
        "Мэр Санкт-Петербурга А. Б. Иванов объявил о снижении ставки на 0,25 % с 1 декабря.",
        ("0.25%", format_skeleton("MMMMd", date(2024, 12, 1), locale="en")),
    ),
    (
        "Акции Acme подорожали на 7,5 % до $1 234,56 — максимума с 15 января 2020 г.",
        ("Acme", "7.5%", "$1,234.56", en_date(2020, 1, 15)),
    ),
    (
        "Подробнее читайте на <https://example.net/a> или в *Ежедневном отчёте* (№ 42).",
        ("<https://example.net/a>", "*", "42"),
    ),
]


def article(sentences: list[tuple[str, tuple[str, ...]]], heading: str) -> str:
    """A Markdown body using every block kind, made of the corpus sentences."""
    s = [text for text, _ in sentences]
    return (
        f"## {heading}\n\n"
        f"{s[0]} {s[1]}\n\n"
        f"- {s[2]}\n- {s[3]}\n\n"
        f"1. {s[4]}\n2. {s[5]}\n\n"
        f"> {s[6]} {s[7]}\n\n"
        "```python\nprint('not translated. Ever.')\n```\n\n"
        f"| {s[8]} | {s[9]} |\n|---|---|\n| {s[10]} | 2024 |\n\n"
        f"{s[11]}\n\n### {s[12]}\n\n{s[13]} {s[14]}\n"
    )

"""Clean translation pairs for measuring translation QA, and the errors injected into them.

Each :class:`QAPair` is a short Markdown body as a university or city press office writes
it, with a correct, natural and typographically proper human translation (Russian: «ёлочки»,
a no-break space in 10 000, before % and «г.», a decimal comma; English: 10,000, 3.5%,
November 14, 2024). ``check_articles`` should report nothing on a clean pair.

Each :class:`Injection` turns the translation into a wrong one with exactly one error:
``old`` (which occurs once in the translation) is replaced with ``new``. ``bench/qa_recall.py``
makes one corrupted copy per injection and expects a finding with the category's code.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.machine_translation.mask import GlossaryTerm

GLOSSARY: tuple[GlossaryTerm, ...] = (
    GlossaryTerm("Polytechnic University", "Политехнический университет", "preferred"),
    GlossaryTerm("city council", "городской совет", "preferred"),
    GlossaryTerm("Open Day", "день открытых дверей", "preferred"),
    GlossaryTerm("Zenodo", "Zenodo", "do_not_translate"),
    GlossaryTerm("RUTUBE", "RUTUBE", "do_not_translate"),
)

# Injection categories and the QA code that must report each.
NUMBER = "number missing or changed"
SIGN_FLIPPED = "sign flipped"
SIGN_DROPPED = "sign dropped"
RANGE = "range or dimension broken"
DATE = "date changed"
ISO_DATE = "ISO/dotted date changed"
TIME = "time changed"
PHONE = "phone digit changed"
VERSION = "version as a decimal"
INVENTED = "invented number"
LINK_URL = "link URL changed"
LINK_SYNTAX = "link syntax broken"
EMPHASIS = "emphasis removed or unbalanced"
CODE = "inline code changed"
GLOSSARY_TERM = "glossary term replaced"
UNTRANSLATED = "sentence left untranslated"
STRUCTURE = "block structure lost"
HTML = "inline HTML changed"
EMPTIED = "link, emphasis or tag emptied"
DROPPED = "sentence dropped"

EXPECTED: dict[str, tuple[str, ...]] = {
    NUMBER: ("numbers",),
    SIGN_FLIPPED: ("numbers",),
    SIGN_DROPPED: ("numbers",),
    RANGE: ("numbers",),
    DATE: ("numbers",),
    ISO_DATE: ("numbers",),
    TIME: ("numbers",),
    PHONE: ("numbers",),
    VERSION: ("numbers",),
    INVENTED: ("numbers",),
    LINK_URL: ("links",),
    LINK_SYNTAX: ("links",),
    EMPHASIS: ("markup",),
    CODE: ("markup",),
    GLOSSARY_TERM: ("glossary",),
    UNTRANSLATED: ("untranslated",),
    STRUCTURE: ("markup",),
    HTML: ("markup",),
    EMPTIED: ("markup", "links"),
    DROPPED: ("empty", "length_ratio"),
}


@dataclass(frozen=True)
class Injection:
    """One error: replace ``old`` (once in the translation) with ``new``."""

    category: str
    old: str
    new: str


@dataclass(frozen=True)
class QAPair:
    """A source body, its clean translation, and the errors to inject into it."""

    name: str
    source_lang: str
    target_lang: str
    source: str
    target: str
    errors: tuple[Injection, ...]


I = Injection  # noqa: E741 (short for the table below)

EN_RU: tuple[QAPair, ...] = (
    QAPair(
        "open day",
        "en",
        "ru",
        "The Polytechnic University will hold its Open Day on 10–12 November. Campus tours "
        "start every hour from 10:00 to 16:00 at the main gate.",
        "Политехнический университет проведёт день открытых дверей 10–12 ноября. Экскурсии "
        "по кампусу начинаются каждый час с 10:00 до 16:00 у главного входа.",
        (
            I(RANGE, "10–12 ноября", "1012 ноября"),
            I(RANGE, "10–12 ноября", "10 ноября"),
            I(TIME, "до 16:00", "до 17:00"),
            I(GLOSSARY_TERM, "Политехнический университет", "Политех"),
            I(
                UNTRANSLATED,
                "Экскурсии по кампусу начинаются каждый час с 10:00 до 16:00 у главного входа.",
                "Campus tours start every hour from 10:00 to 16:00 at the main gate.",
            ),
            I(
                DROPPED,
                " Экскурсии по кампусу начинаются каждый час с 10:00 до 16:00 у главного входа.",
                "",
            ),
        ),
    ),
    QAPair(
        "frost",
        "en",
        "ru",
        "Overnight temperatures fell to −5 °C in the northern districts, the city weather "
        "service said. Forecasters expect from −3 to +2 °C over the weekend.",
        "Ночью температура в северных районах опустилась до −5 °C, сообщила городская "
        "метеослужба. В выходные синоптики ожидают от −3 до +2 °C.",
        (
            I(SIGN_FLIPPED, "−5 °C", "+5 °C"),
            I(SIGN_DROPPED, "−5 °C", "5 °C"),
            I(SIGN_DROPPED, "от −3", "от 3"),
            I(SIGN_FLIPPED, "+2 °C", "−2 °C"),
            I(DROPPED, " В выходные синоптики ожидают от −3 до +2 °C.", ""),
        ),
    ),
    QAPair(
        "rector quote",
        "en",
        "ru",
        "> “We are ready for the new semester,” said Rector Anna Ivanova. “The labs reopen "
        "on Monday.”",
        "> «Мы готовы к новому семестру,\u00a0— сказала ректор Анна Иванова.\u00a0— "
        "Лаборатории откроются в понедельник».",
        (
            I(STRUCTURE, "> «Мы", "«Мы"),
            I(INVENTED, "в понедельник»", "в понедельник, 2 декабря»"),
            I(
                UNTRANSLATED,
                "Лаборатории откроются в понедельник",
                "The labs reopen on Monday",
            ),
        ),
    ),
    QAPair(
        "dataset",
        "en",
        "ru",
        "The full dataset is available on [Zenodo](https://zenodo.org/records/1234567) under "
        "the CC BY 4.0 licence. The code is in our "
        "[GitHub repository](https://github.com/spbpu/lab-data).",
        "Полный набор данных опубликован на [Zenodo](https://zenodo.org/records/1234567) под "
        "лицензией CC BY 4.0. Код находится в нашем "
        "[репозитории на GitHub](https://github.com/spbpu/lab-data).",
        (
            I(VERSION, "CC BY 4.0", "CC BY 4,0"),
            I(LINK_URL, "records/1234567", "records/1234576"),
            I(LINK_SYNTAX, "[репозитории на GitHub](", "[репозитории на GitHub] ("),
            I(LINK_SYNTAX, "[Zenodo](", "[Zenodo("),
            I(
                DROPPED,
                " Код находится в нашем [репозитории на GitHub](https://github.com/spbpu/lab-data).",
                "",
            ),
        ),
    ),
    QAPair(
        "grant call",
        "en",
        "ru",
        "Applications are open until **December 1**. Read the [call for proposals][call] "
        "before you apply.\n\n[call]: https://www.spbstu.ru/grants/2025",
        "Заявки принимаются до **1 декабря**. Перед подачей заявки прочитайте "
        "[условия конкурса][call].\n\n[call]: https://www.spbstu.ru/grants/2025",
        (
            I(EMPHASIS, "**1 декабря**", "1 декабря"),
            I(EMPHASIS, "**1 декабря**", "**1 декабря"),
            I(DATE, "**1 декабря**", "**2 декабря**"),
            I(LINK_URL, "grants/2025", "grants/2024"),
            I(LINK_SYNTAX, "[условия конкурса][call]", "[условия конкурса][cal]"),
        ),
    ),
    QAPair(
        "how to apply",
        "en",
        "ru",
        "## How to apply\n\n- Fill in the form by November 20.\n- Attach a CV of no more "
        "than 2 pages.\n- Send it to grants@spbstu.ru.",
        "## Как подать заявку\n\n- Заполните анкету до 20 ноября.\n- Приложите резюме "
        "объёмом не более 2 страниц.\n- Отправьте его на адрес grants@spbstu.ru.",
        (
            I(STRUCTURE, "## Как подать заявку", "Как подать заявку"),
            I(STRUCTURE, "- Приложите", "Приложите"),
            I(NUMBER, "не более 2 страниц", "не более нескольких страниц"),
            I(DATE, "20 ноября", "21 ноября"),
            I(UNTRANSLATED, "Заполните анкету до 20 ноября.", "Fill in the form by November 20."),
        ),
    ),
    QAPair(
        "school budget",
        "en",
        "ru",
        "The city council has approved a budget of 1.2 billion rubles for school repairs, "
        "15% more than last year. About 3,500 pupils will move into renovated buildings by "
        "September 2025.",
        "Городской совет утвердил бюджет на ремонт школ в размере 1,2\u00a0млрд рублей, что "
        "на 15\u00a0% больше, чем в прошлом году. К сентябрю 2025\u00a0г. в отремонтированные "
        "здания переедут около 3500 школьников.",
        (
            I(NUMBER, ", что на 15\u00a0% больше, чем в прошлом году", ""),
            I(NUMBER, "1,2\u00a0млрд", "1,2\u00a0млн"),
            I(INVENTED, "около 3500 школьников", "около 3500 школьников из 42 школ"),
            I(GLOSSARY_TERM, "Городской совет", "Городская дума"),
            I(DATE, "сентябрю 2025", "сентябрю 2026"),
        ),
    ),
    QAPair(
        "briefing",
        "en",
        "ru",
        "Press contact: Maria Petrova, +7 (812) 555-01-02, press@spbstu.ru. The briefing "
        "starts on November 14, 2024, at 11:30 a.m.",
        "Контакт для прессы: Мария Петрова, +7 (812) 555-01-02, press@spbstu.ru. Брифинг "
        "начнётся 14 ноября 2024\u00a0г. в 11:30.",
        (
            I(PHONE, "555-01-02", "555-01-20"),
            I(PHONE, "(812)", "(813)"),
            I(PHONE, "+7 (812)", "7 (812)"),
            I(TIME, "11:30", "12:30"),
            I(DATE, "14 ноября", "13 ноября"),
            I(DATE, "ноября 2024", "ноября 2023"),
        ),
    ),
    QAPair(
        "app release",
        "en",
        "ru",
        "Version 2.3 of the campus app was released on 2024-11-14. To update it from the "
        "command line, run `pip install --upgrade campus-app`.",
        "Версия 2.3 приложения кампуса вышла 14 ноября 2024 года. Чтобы обновить его из "
        "командной строки, выполните `pip install --upgrade campus-app`.",
        (
            I(VERSION, "Версия 2.3", "Версия 2,3"),
            I(ISO_DATE, "14 ноября 2024 года", "14 октября 2024 года"),
            I(CODE, "campus-app`", "campus_app`"),
            I(CODE, "`pip install --upgrade campus-app`", "pip install --upgrade campus-app"),
            I(
                UNTRANSLATED,
                "Версия 2.3 приложения кампуса вышла 14 ноября 2024 года.",
                "Version 2.3 of the campus app was released on 2024-11-14.",
            ),
        ),
    ),
    QAPair(
        "sports hall",
        "en",
        "ru",
        "The new sports hall measures 42×24 m and seats 1,200 spectators. Construction cost "
        "350 million rubles.",
        "Новый спортивный зал размером 42×24 м вмещает 1200 зрителей. Строительство "
        "обошлось в 350\u00a0млн рублей.",
        (
            I(RANGE, "42×24 м", "4224 м"),
            I(RANGE, "42×24 м", "42 м"),
            I(NUMBER, "350\u00a0млн", "530\u00a0млн"),
            I(DROPPED, " Строительство обошлось в 350\u00a0млн рублей.", ""),
        ),
    ),
    QAPair(
        "retake rule",
        "en",
        "ru",
        "Under Article 6.1 of the regulations, students may retake an exam once. The deadline "
        "is December 20.",
        "Согласно статье 6.1 положения, студенты могут пересдать экзамен один раз. Крайний "
        "срок\u00a0— 20 декабря.",
        (
            I(VERSION, "статье 6.1", "статье 6,1"),
            I(NUMBER, "Согласно статье 6.1 положения", "Согласно положению"),
            I(DATE, "20 декабря", "21 декабря"),
            I(UNTRANSLATED, "Крайний срок\u00a0— 20 декабря.", "The deadline is December 20."),
        ),
    ),
    QAPair(
        "annual report",
        "en",
        "ru",
        "Details are in the [annual report (PDF)](https://www.spbstu.ru/report-2024.pdf). We "
        "*strongly* recommend reading section 3 before the meeting.",
        "Подробности\u00a0— в [годовом отчёте (PDF)](https://www.spbstu.ru/report-2024.pdf). "
        "Перед встречей *настоятельно* рекомендуем прочитать раздел 3.",
        (
            I(LINK_SYNTAX, "[годовом отчёте (PDF)](", "[годовом отчёте (PDF)("),
            I(LINK_URL, "report-2024.pdf", "report-2023.pdf"),
            I(EMPHASIS, "*настоятельно*", "настоятельно"),
            I(EMPHASIS, "*настоятельно*", "*настоятельно"),
            I(NUMBER, "прочитать раздел 3", "прочитать этот раздел"),
        ),
    ),
    QAPair(
        "library hours",
        "en",
        "ru",
        "The library is open from 9 a.m. to 9 p.m. on weekdays. Call +7 812 290-11-11 to book "
        "a room.",
        "По будням библиотека работает с 9:00 до 21:00. Чтобы забронировать зал, позвоните "
        "по телефону +7 812 290-11-11.",
        (
            I(TIME, "до 21:00", "до 20:00"),
            I(TIME, "с 9:00", "с 8:00"),
            I(PHONE, "290-11-11", "290-11-12"),
            I(
                UNTRANSLATED,
                "Чтобы забронировать зал, позвоните по телефону +7 812 290-11-11.",
                "Call +7 812 290-11-11 to book a room.",
            ),
        ),
    ),
    QAPair(
        "contest winners",
        "en",
        "ru",
        "### Winners announced\n\nThe jury chose 12 projects out of 240 applications.\n\n> "
        "“The level was very high,” said Professor Oleg Smirnov. “We had to add a third "
        "round.”",
        "### Объявлены победители\n\nЖюри отобрало 12 проектов из 240 заявок.\n\n> «Уровень "
        "был очень высоким,\u00a0— сказал профессор Олег Смирнов.\u00a0— Нам пришлось "
        "добавить третий тур».",
        (
            I(STRUCTURE, "### Объявлены победители", "Объявлены победители"),
            I(STRUCTURE, "> «Уровень", "«Уровень"),
            I(NUMBER, "из 240 заявок", "из 420 заявок"),
            I(INVENTED, "Жюри отобрало", "Жюри из 9 человек отобрало"),
            I(
                UNTRANSLATED,
                "Нам пришлось добавить третий тур",
                "We had to add a third round",
            ),
        ),
    ),
    QAPair(
        "energy savings",
        "en",
        "ru",
        "Energy use on campus fell by 3.5% in 2024; the year-on-year change in water use was "
        "−0.8%. The university saved about 4.2 million rubles.",
        "В 2024\u00a0г. энергопотребление в кампусе снизилось на 3,5\u00a0%, а изменение "
        "потребления воды за год составило −0,8\u00a0%. Университет сэкономил около "
        "4,2\u00a0млн рублей.",
        (
            I(SIGN_DROPPED, "−0,8", "0,8"),
            I(SIGN_FLIPPED, "−0,8", "+0,8"),
            I(NUMBER, "4,2\u00a0млн", "2,4\u00a0млн"),
            I(NUMBER, "на 3,5\u00a0%", "на 35\u00a0%"),
            I(NUMBER, "на 3,5\u00a0%", "на 3.5\u00a0%"),
            I(DROPPED, " Университет сэкономил около 4,2\u00a0млн рублей.", ""),
        ),
    ),
    QAPair(
        "useful links",
        "en",
        "ru",
        "- The [timetable](https://ruz.spbstu.ru/) is updated every Monday.\n- The library "
        "catalogue is at <https://library.spbstu.ru>.\n- Wi-Fi settings are in section 2.4 "
        "of the IT handbook.",
        "- [Расписание](https://ruz.spbstu.ru/) обновляется каждый понедельник.\n- Каталог "
        "библиотеки доступен по адресу <https://library.spbstu.ru>.\n- Настройки Wi-Fi "
        "описаны в разделе 2.4 справочника по ИТ.",
        (
            I(LINK_URL, "https://ruz.spbstu.ru/", "https://ruz.spbstu.ru/timetable"),
            I(LINK_URL, "<https://library.spbstu.ru>", "<https://lib.spbstu.ru>"),
            I(VERSION, "разделе 2.4", "разделе 2,4"),
            I(STRUCTURE, "- Каталог", "Каталог"),
            I(LINK_SYNTAX, "[Расписание](", "[Расписание] ("),
            I(
                EMPTIED,
                "[Расписание](https://ruz.spbstu.ru/) обновляется",
                "[](https://ruz.spbstu.ru/) Расписание обновляется",
            ),
        ),
    ),
    QAPair(
        "science festival",
        "en",
        "ru",
        "The Science Festival drew more than 5,000 visitors on September 21–22. “It was our "
        "biggest year yet,” said organiser Pavel Orlov. “We will be back in 2026.”",
        "Фестиваль науки 21–22 сентября посетили более 5000 человек. «Это был наш самый "
        "успешный год,\u00a0— сказал организатор Павел Орлов.\u00a0— Мы вернёмся в 2026 году».",
        (
            I(NUMBER, "более 5000", "более 500"),
            I(RANGE, "21–22 сентября", "2122 сентября"),
            I(DATE, "в 2026 году", "в 2027 году"),
            I(UNTRANSLATED, "Мы вернёмся в 2026 году", "We will be back in 2026"),
            I(DROPPED, "\u00a0— Мы вернёмся в 2026 году»", "»"),
        ),
    ),
    QAPair(
        "microscope",
        "en",
        "ru",
        'The new <abbr title="atomic force microscope">AFM</abbr> in room 214 is available to '
        "all research groups. Book a slot between 09:00 and 18:00 in the "
        '[booking system](https://booking.spbstu.ru "Equipment booking").',
        'Новый <abbr title="атомно-силовой микроскоп">АСМ</abbr> в ауд. 214 доступен всем '
        "исследовательским группам. Забронировать время с 09:00 до 18:00 можно в "
        '[системе бронирования](https://booking.spbstu.ru "Бронирование оборудования").',
        (
            I(HTML, '<abbr title="атомно-силовой микроскоп">АСМ</abbr>', "АСМ"),
            I(EMPTIED, ">АСМ</abbr>", "></abbr> АСМ"),
            I(LINK_URL, "https://booking.spbstu.ru ", "https://booking.spbstu.ru/ru "),
            I(TIME, "до 18:00", "до 19:00"),
            I(NUMBER, "ауд. 214", "ауд. 241"),
        ),
    ),
)

RU_EN: tuple[QAPair, ...] = (
    QAPair(
        "winter school",
        "ru",
        "en",
        "Политехнический университет проведёт зимнюю школу 10–12 января. Заявки принимаются "
        "до 15.12.2024.",
        "The Polytechnic University will hold a winter school on January 10–12. Applications "
        "are accepted until December 15, 2024.",
        (
            I(RANGE, "January 10–12", "January 1012"),
            I(RANGE, "January 10–12", "January 10"),
            I(ISO_DATE, "December 15, 2024", "December 16, 2024"),
            I(GLOSSARY_TERM, "Polytechnic University", "Polytech"),
            I(
                UNTRANSLATED,
                "Applications are accepted until December 15, 2024.",
                "Заявки принимаются до 15.12.2024.",
            ),
        ),
    ),
    QAPair(
        "vice-rector quote",
        "ru",
        "en",
        "> «Мы ждём около 500 участников,\u00a0— сказала проректор Елена Кузнецова.\u00a0— "
        "Регистрация откроется 1 декабря».",
        "> “We expect about 500 participants,” said Vice-Rector Elena Kuznetsova. "
        "“Registration opens on December 1.”",
        (
            I(NUMBER, "about 500", "about 600"),
            I(DATE, "December 1.", "December 11."),
            I(STRUCTURE, "> “We", "“We"),
            I(INVENTED, "on December 1.", "on December 1 at 10 a.m."),
            I(
                UNTRANSLATED,
                "“Registration opens on December 1.”",
                "«Регистрация откроется 1 декабря».",
            ),
        ),
    ),
    QAPair(
        "cold weekend",
        "ru",
        "en",
        "В ночь на субботу в Санкт-Петербурге ожидается до −12 °C. Днём температура "
        "поднимется лишь до значений от −7 до −5 °C.",
        "Temperatures in Saint Petersburg are expected to drop to −12 °C on Friday night. "
        "In the daytime, they will rise only to between −7 and −5 °C.",
        (
            I(SIGN_DROPPED, "−12 °C", "12 °C"),
            I(SIGN_FLIPPED, "−7", "+7"),
            I(SIGN_DROPPED, "−5 °C", "5 °C"),
            I(
                UNTRANSLATED,
                "In the daytime, they will rise only to between −7 and −5 °C.",
                "Днём температура поднимется лишь до значений от −7 до −5 °C.",
            ),
        ),
    ),
    QAPair(
        "cycle lanes",
        "ru",
        "en",
        "В 2025 году городской совет выделит 250\u00a0млн рублей на новые велодорожки. "
        "Протяжённость сети вырастет на 18\u00a0%, до 120\u00a0км.",
        "In 2025, the city council will allocate 250 million rubles to new cycle lanes. The "
        "network will grow by 18%, to 120 km.",
        (
            I(GLOSSARY_TERM, "city council", "city parliament"),
            I(NUMBER, "by 18%", "by 8%"),
            I(NUMBER, "by 18%, to 120 km.", "by 18%."),
            I(INVENTED, "to new cycle lanes", "to 40 new cycle lanes"),
            I(DATE, "In 2025,", "In 2026,"),
        ),
    ),
    QAPair(
        "admissions office",
        "ru",
        "en",
        "Приём документов проходит в ауд. 105 с 10:00 до 17:00. Справки по телефону "
        "+7 (812) 297-20-95.",
        "Documents are accepted in room 105 from 10 a.m. to 5 p.m. For enquiries, call "
        "+7 (812) 297-20-95.",
        (
            I(TIME, "5 p.m.", "6 p.m."),
            I(TIME, "10 a.m.", "10 p.m."),
            I(PHONE, "297-20-95", "297-20-59"),
            I(NUMBER, "room 105", "room 150"),
            I(
                UNTRANSLATED,
                "For enquiries, call +7 (812) 297-20-95.",
                "Справки по телефону +7 (812) 297-20-95.",
            ),
        ),
    ),
    QAPair(
        "conference programme",
        "ru",
        "en",
        "Программа конференции опубликована на [сайте][site]. Видео докладов будет доступно "
        "на [RUTUBE](https://rutube.ru/channel/123456/).\n\n"
        "[site]: https://conf.spbstu.ru/program",
        "The conference programme is published on the [website][site]. Videos of the talks "
        "will be available on [RUTUBE](https://rutube.ru/channel/123456/).\n\n"
        "[site]: https://conf.spbstu.ru/program",
        (
            I(LINK_URL, "channel/123456/", "channel/123465/"),
            I(LINK_SYNTAX, "[RUTUBE](", "[RUTUBE] ("),
            I(LINK_SYNTAX, "[website][site]", "[website][sait]"),
            I(LINK_URL, "conf.spbstu.ru/program", "conf.spbstu.ru/programme"),
            I(
                UNTRANSLATED,
                "The conference programme is published on the [website][site].",
                "Программа конференции опубликована на [сайте][site].",
            ),
        ),
    ),
    QAPair(
        "corporate e-mail",
        "ru",
        "en",
        "Для входа используйте **корпоративную почту**. Пароль можно сменить командой "
        "`passwd` на сервере.",
        "Sign in with your **corporate e-mail**. You can change your password with the "
        "`passwd` command on the server.",
        (
            I(EMPHASIS, "**corporate e-mail**", "corporate e-mail"),
            I(EMPTIED, "**corporate e-mail**", "****corporate e-mail"),
            I(EMPHASIS, "**corporate e-mail**", "**corporate e-mail*"),
            I(CODE, "`passwd`", "`password`"),
            I(CODE, "`passwd`", "passwd"),
            I(
                UNTRANSLATED,
                "Sign in with your **corporate e-mail**.",
                "Для входа используйте **корпоративную почту**.",
            ),
            I(
                DROPPED,
                " You can change your password with the `passwd` command on the server.",
                "",
            ),
        ),
    ),
    QAPair(
        "forum schedule",
        "ru",
        "en",
        "## Расписание\n\n- Регистрация участников\u00a0— в 9:30.\n- Открытие форума\u00a0— "
        "в 10:00.\n- Обед\u00a0— в 13:00.",
        "## Schedule\n\n- Registration of participants: 9:30 a.m.\n- Opening of the forum: "
        "10 a.m.\n- Lunch: 1 p.m.",
        (
            I(STRUCTURE, "## Schedule", "Schedule"),
            I(STRUCTURE, "- Opening", "Opening"),
            I(TIME, "1 p.m.", "2 p.m."),
            I(TIME, "9:30 a.m.", "9:30 p.m."),
            I(UNTRANSLATED, "Lunch: 1 p.m.", "Обед\u00a0— в 13:00."),
        ),
    ),
    QAPair(
        "charter",
        "ru",
        "en",
        "Согласно ст.\u00a06.1 устава, совет собирается не реже раза в квартал. Отчёт "
        "оформляется по ГОСТ 7.32-2017.",
        "Under Article 6.1 of the charter, the council meets at least once a quarter. The "
        "report follows GOST 7.32-2017.",
        (
            I(VERSION, "Article 6.1", "Article 6,1"),
            I(VERSION, "GOST 7.32", "GOST 7,32"),
            I(NUMBER, "Under Article 6.1 of the charter", "Under the charter"),
            I(
                UNTRANSLATED,
                "The report follows GOST 7.32-2017.",
                "Отчёт оформляется по ГОСТ 7.32-2017.",
            ),
        ),
    ),
    QAPair(
        "new building",
        "ru",
        "en",
        "Новый учебный корпус займёт участок площадью 4,5\u00a0га. Главная аудитория на 300 "
        "мест будет размером 30×18\u00a0м.",
        "The new teaching building will occupy a site of 4.5 hectares. Its main auditorium, "
        "seating 300, will measure 30×18 m.",
        (
            I(RANGE, "30×18 m", "3018 m"),
            I(RANGE, "30×18 m", "30 m"),
            I(NUMBER, "4.5 hectares", "45 hectares"),
            I(NUMBER, ", seating 300,", ""),
            I(DROPPED, " Its main auditorium, seating 300, will measure 30×18 m.", ""),
        ),
    ),
    QAPair(
        "tuition",
        "ru",
        "en",
        "Стоимость обучения на программе составит 420\u00a0000 рублей в год. Студенты с "
        "отличными оценками получат скидку 25\u00a0%.",
        "Tuition for the programme will be 420,000 rubles a year. Students with excellent "
        "grades will get a 25% discount.",
        (
            I(NUMBER, "420,000", "42,000"),
            I(NUMBER, "25%", "20%"),
            I(NUMBER, "420,000", "420,0"),
            I(INVENTED, "Students with excellent grades", "The top 10 students"),
            I(
                UNTRANSLATED,
                "Students with excellent grades will get a 25% discount.",
                "Студенты с отличными оценками получат скидку 25\u00a0%.",
            ),
        ),
    ),
    QAPair(
        "graduation",
        "ru",
        "en",
        "Церемония вручения дипломов состоится 28 июня 2025\u00a0г. в 15:00 в Белом зале.",
        "The graduation ceremony will take place on June 28, 2025, at 3 p.m. in the White Hall.",
        (
            I(DATE, "June 28", "June 29"),
            I(DATE, "2025,", "2024,"),
            I(TIME, "3 p.m.", "3 a.m."),
            I(INVENTED, "in the White Hall.", "in the White Hall of Building 1."),
            I(
                UNTRANSLATED,
                "The graduation ceremony will take place on June 28, 2025, at 3 p.m. in the "
                "White Hall.",
                "Церемония вручения дипломов состоится 28 июня 2025\u00a0г. в 15:00 в Белом зале.",
            ),
        ),
    ),
    QAPair(
        "rector congratulates",
        "ru",
        "en",
        "Ректор поздравил выпускников.\n\n> «Вы\u00a0— первый выпуск новой программы,\u00a0— "
        "сказал Андрей Рудской.\u00a0— Мы гордимся вами».",
        "The rector congratulated the graduates.\n\n> “You are the first class of the new "
        "programme,” said Andrei Rudskoi. “We are proud of you.”",
        (
            I(STRUCTURE, "> “You", "“You"),
            I(
                UNTRANSLATED,
                "The rector congratulated the graduates.",
                "Ректор поздравил выпускников.",
            ),
            I(INVENTED, "the first class", "the first 120 graduates"),
        ),
    ),
    QAPair(
        "python upgrade",
        "ru",
        "en",
        "Обновление системы до Python 3.12 запланировано на 2025-02-01. Сервис будет "
        "недоступен с 02:00 до 06:00.",
        "The system will be upgraded to Python 3.12 on 2025-02-01. The service will be "
        "unavailable from 2 a.m. to 6 a.m.",
        (
            I(ISO_DATE, "2025-02-01", "2025-01-02"),
            I(ISO_DATE, "2025-02-01", "20250201"),
            I(VERSION, "Python 3.12", "Python 3.21"),
            I(TIME, "6 a.m.", "6 p.m."),
            I(
                UNTRANSLATED,
                "The service will be unavailable from 2 a.m. to 6 a.m.",
                "Сервис будет недоступен с 02:00 до 06:00.",
            ),
        ),
    ),
    QAPair(
        "contest results",
        "ru",
        "en",
        "### Итоги конкурса\n\nРезультаты объявят 05.03.2025 на "
        "[странице конкурса](https://www.spbstu.ru/contest).",
        "### Contest results\n\nThe results will be announced on March 5, 2025, on the "
        "[contest page](https://www.spbstu.ru/contest).",
        (
            I(ISO_DATE, "March 5, 2025", "May 3, 2025"),
            I(STRUCTURE, "### Contest results", "Contest results"),
            I(LINK_SYNTAX, "[contest page](", "[contest page("),
            I(LINK_URL, "spbstu.ru/contest)", "spbstu.ru/contests)"),
            I(UNTRANSLATED, "### Contest results", "### Итоги конкурса"),
        ),
    ),
    QAPair(
        "student numbers",
        "ru",
        "en",
        "По данным проф. И.\u00a0П.\u00a0Соколова, за 10 лет численность студентов выросла "
        "с 18\u00a0000 до 32\u00a0500. Средний балл ЕГЭ поступивших составил 87,4.",
        "According to Professor I. P. Sokolov, the number of students has grown from 18,000 "
        "to 32,500 over 10 years. The average Unified State Exam score of new students was "
        "87.4.",
        (
            I(NUMBER, "from 18,000", "from 1,800"),
            I(NUMBER, "87.4.", "84.7."),
            I(NUMBER, "over 10 years", "over 15 years"),
            I(
                UNTRANSLATED,
                "The average Unified State Exam score of new students was 87.4.",
                "Средний балл ЕГЭ поступивших составил 87,4.",
            ),
            I(
                DROPPED,
                " The average Unified State Exam score of new students was 87.4.",
                "",
            ),
        ),
    ),
    QAPair(
        "exhibition",
        "ru",
        "en",
        "Выставка «Инженеры Петербурга» открыта до 31 марта. «Мы собрали более 200 чертежей "
        "и макетов,\u00a0— рассказала куратор Ольга Белова.\u00a0— Многие из них показывают "
        "впервые».",
        "The exhibition “Engineers of Petersburg” is open until March 31. “We have gathered "
        "more than 200 drawings and models,” said curator Olga Belova. “Many of them are on "
        "display for the first time.”",
        (
            I(DATE, "March 31", "March 30"),
            I(NUMBER, "more than 200", "more than 300"),
            I(
                UNTRANSLATED,
                "“Many of them are on display for the first time.”",
                "«Многие из них показывают впервые».",
            ),
            I(DROPPED, " “Many of them are on display for the first time.”", ""),
            I(INVENTED, "until March 31.", "until March 31, 2025."),
        ),
    ),
    QAPair(
        "foundation grant",
        "ru",
        "en",
        "Проект поддержан грантом [РНФ] на 6\u00a0млн рублей. Работы продлятся до 31 декабря "
        "2026\u00a0г.\n\n[РНФ]: https://rscf.ru/project/24-19-00123/",
        "The project is supported by a 6 million ruble grant from the [RSF]. The work will "
        "continue until December 31, 2026.\n\n[RSF]: https://rscf.ru/project/24-19-00123/",
        (
            I(LINK_SYNTAX, "from the [RSF].", "from the [RSF foundation]."),
            I(LINK_URL, "24-19-00123", "24-19-00132"),
            I(DATE, "December 31, 2026", "December 31, 2025"),
            I(NUMBER, "6 million", "60 million"),
        ),
    ),
)

#: Written after the checks had been fixed against the pairs above: held out from that work.
HELD_OUT: tuple[QAPair, ...] = (
    QAPair(
        "bus routes",
        "en",
        "ru",
        "From Monday, buses on routes 3, 7 and 12 will run every 8–10 minutes. The fare stays "
        "at 65 rubles; see the [new timetable](https://transport.spb.ru/news/2345).",
        "С понедельника автобусы маршрутов 3, 7 и 12 будут ходить с интервалом 8–10 минут. "
        "Стоимость проезда не изменится и составит 65 рублей; см. "
        "[новое расписание](https://transport.spb.ru/news/2345).",
        (
            I(RANGE, "8–10 минут", "810 минут"),
            I(NUMBER, "3, 7 и 12", "3 и 12"),
            I(NUMBER, "65 рублей", "56 рублей"),
            I(INVENTED, "будут ходить", "будут ходить с 6:00"),
            I(LINK_URL, "news/2345", "news/2354"),
        ),
    ),
    QAPair(
        "hot water",
        "en",
        "ru",
        "Hot water will be switched off in Vyborgsky district from June 3 to June 16 for "
        "scheduled maintenance. Residents can call the hotline at 8 800 555-35-35 free of "
        "charge.",
        "С 3 по 16 июня в Выборгском районе отключат горячую воду на время плановых работ. "
        "Жители могут бесплатно позвонить на горячую линию по телефону 8 800 555-35-35.",
        (
            I(DATE, "16 июня", "15 июня"),
            I(DATE, "С 3 по", "С 4 по"),
            I(PHONE, "555-35-35", "555-35-53"),
            I(
                DROPPED,
                " Жители могут бесплатно позвонить на горячую линию по телефону 8 800 555-35-35.",
                "",
            ),
        ),
    ),
    QAPair(
        "chess cup",
        "en",
        "ru",
        "Results of the university chess cup:\n\n1. Ivan Petrov, 7.5 points.\n2. Anna Lee, "
        "7 points.\n3. Oleg Kim, 6.5 points.",
        "Итоги шахматного кубка университета:\n\n1. Иван Петров\u00a0— 7,5 очка.\n2. Анна "
        "Ли\u00a0— 7 очков.\n3. Олег Ким\u00a0— 6,5 очка.",
        (
            I(NUMBER, "6,5 очка", "5,6 очка"),
            I(NUMBER, "7,5 очка", "7.5 очка"),
            I(STRUCTURE, "1. Иван", "1 Иван"),
            I(UNTRANSLATED, "Олег Ким\u00a0— 6,5 очка.", "Oleg Kim, 6.5 points."),
        ),
    ),
    QAPair(
        "public lecture",
        "en",
        "ru",
        "Professor Jane Smith will give a public lecture, _Cities after Carbon_, on Thursday "
        "at 18:30–20:00 in Hall 1. Admission is free; please "
        '[register here](https://events.spbstu.ru/lecture "Registration").',
        "Профессор Джейн Смит прочитает публичную лекцию «_Города после углерода_» в четверг "
        "в 18:30–20:00 в зале 1. Вход свободный, но нужно "
        '[зарегистрироваться](https://events.spbstu.ru/lecture "Регистрация").',
        (
            I(RANGE, "18:30–20:00", "18:3020:00"),
            I(TIME, "18:30–20:00", "19:30–20:00"),
            I(EMPHASIS, "_Города после углерода_", "Города после углерода_"),
            I(LINK_SYNTAX, "[зарегистрироваться](", "[зарегистрироваться] ("),
            I(NUMBER, "в зале 1", "в зале"),
        ),
    ),
    QAPair(
        "snowfall",
        "ru",
        "en",
        "За сутки в городе выпало 15\u00a0см снега\u00a0— почти половина месячной нормы. "
        "Температура воздуха\u00a0— от −2 до 0\u00a0°C.",
        "The city received 15 cm of snow in a single day, almost half of the monthly "
        "average. The air temperature is between −2 and 0 °C.",
        (
            I(SIGN_DROPPED, "−2", "2"),
            I(SIGN_FLIPPED, "−2", "+2"),
            I(NUMBER, "15 cm", "15 mm"),
            I(
                UNTRANSLATED,
                "The air temperature is between −2 and 0 °C.",
                "Температура воздуха\u00a0— от −2 до 0\u00a0°C.",
            ),
        ),
    ),
    QAPair(
        "metro station",
        "ru",
        "en",
        "Станция метро «Горный институт» откроется в 2026 году. Её глубина составит 62\u00a0м, "
        "а пассажиропоток\u00a0— до 25\u00a0тыс. человек в сутки.",
        "The Gorny Institut metro station will open in 2026. It will be 62 m deep and serve "
        "up to 25,000 passengers a day.",
        (
            I(NUMBER, "25,000", "2,500"),
            I(DATE, "in 2026", "in 2025"),
            I(NUMBER, "62 m", "26 m"),
            I(DROPPED, " It will be 62 m deep and serve up to 25,000 passengers a day.", ""),
        ),
    ),
    QAPair(
        "volunteers",
        "ru",
        "en",
        "> «Волонтёры работали в три смены,\u00a0— говорит координатор Ирина Соболева.\u00a0— "
        "Всего через пункт прошли 1240 человек».",
        "> “Volunteers worked in three shifts,” says coordinator Irina Soboleva. “In total, "
        "1,240 people came through the centre.”",
        (
            I(NUMBER, "1,240", "1,420"),
            I(STRUCTURE, "> “Volunteers", "“Volunteers"),
            I(
                UNTRANSLATED,
                "“In total, 1,240 people came through the centre.”",
                "«Всего через пункт прошли 1240 человек».",
            ),
        ),
    ),
    QAPair(
        "thesis defence",
        "ru",
        "en",
        "Защита диссертации А.\u00a0В.\u00a0Морозова состоится 12.12.2024 в 14:00 в ауд. 118 "
        "главного здания. Текст диссертации доступен по "
        "[ссылке](https://www.spbstu.ru/dis/morozov.pdf).",
        "A. V. Morozov will defend his dissertation on December 12, 2024, at 2 p.m. in room "
        "118 of the main building. The dissertation is available "
        "[online](https://www.spbstu.ru/dis/morozov.pdf).",
        (
            I(ISO_DATE, "December 12", "December 21"),
            I(TIME, "2 p.m.", "2 a.m."),
            I(NUMBER, "room 118", "room 181"),
            I(LINK_SYNTAX, "[online](", "[online] ("),
            I(LINK_URL, "morozov.pdf", "morozov.docx"),
        ),
    ),
    QAPair(
        "budget hearing",
        "en",
        "ru",
        "The city council will hold an open hearing on the 2025 budget on December 10 at "
        "11:00. Comments can be sent to <budget@gov.spb.ru> until December 5.",
        "Городской совет проведёт открытые слушания по бюджету на 2025 год 10 декабря в "
        "11:00. Замечания можно направить на адрес <budget@gov.spb.ru> до 5 декабря.",
        (
            I(GLOSSARY_TERM, "Городской совет", "Горсовет"),
            I(LINK_URL, "<budget@gov.spb.ru>", "<budjet@gov.spb.ru>"),
            I(DATE, "до 5 декабря", "до 6 декабря"),
            I(TIME, "в 11:00", "в 11:30"),
            I(
                UNTRANSLATED,
                "Замечания можно направить на адрес <budget@gov.spb.ru> до 5 декабря.",
                "Comments can be sent to <budget@gov.spb.ru> until December 5.",
            ),
        ),
    ),
    QAPair(
        "clinical trial",
        "ru",
        "en",
        "Препарат прошёл <b>третью фазу</b> клинических испытаний, в которых участвовали 480 "
        "добровольцев.",
        "The drug has completed <b>phase three</b> of clinical trials, which involved 480 "
        "volunteers.",
        (
            I(HTML, "<b>phase three</b>", "phase three"),
            I(EMPTIED, "<b>phase three</b>", "<b></b>phase three"),
            I(NUMBER, "480", "48"),
            I(
                UNTRANSLATED,
                "which involved 480 volunteers.",
                "в которых участвовали 480 добровольцев.",
            ),
        ),
    ),
)

PAIRS: tuple[QAPair, ...] = EN_RU + RU_EN + HELD_OUT

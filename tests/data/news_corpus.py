"""A news corpus for the MT guarantees: paragraphs as a university press office and city
newsrooms write them, in English and in Russian, dense with what machine translation breaks.

Each :class:`Paragraph` is Markdown. `` ‖ `` marks where one sentence ends and the next
begins inside a block, also before a line break (it is not part of the text:
:attr:`Paragraph.markdown` drops it); Russian direct speech («…, — сказала Иванова. — …»)
is two sentences, as its English translation is;
headings, list items, table cells and lines ended by a hard break are sentences of their
own. Every category of issue 12 appears, most of them several times and in both
languages: signed numbers, ranges, dimensions, decimals and thousands, money,
percentages, phones, versions and article numbers, ISO and dotted dates, long dates,
times, links of every kind, e-mails, emphasis, inline code and HTML, images, hard
breaks, lists, quotes, headings, tables, footnote marks, abbreviations, initials,
@handles and glossary terms.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.machine_translation.mask import GlossaryTerm

#: Between two sentences of one block, in the corpus only.
SENTENCE_BREAK = " ‖ "

GLOSSARY: tuple[GlossaryTerm, ...] = (
    GlossaryTerm("Newsdesk", "Newsdesk", "do_not_translate"),
    GlossaryTerm("Acme", "Acme", "do_not_translate"),
    GlossaryTerm("SPbPU", "СПбПУ", "preferred"),
    GlossaryTerm("city council", "городской совет", "preferred"),
    GlossaryTerm("Zenodo", "Zenodo", "do_not_translate"),
)


@dataclass(frozen=True)
class Paragraph:
    """One corpus item: its language and its Markdown with sentence marks."""

    lang: str
    marked: str

    @property
    def markdown(self) -> str:
        """The paragraph as an editor wrote it (sentence marks removed)."""
        return self.marked.replace(SENTENCE_BREAK.rstrip() + "\n", "\n").replace(
            SENTENCE_BREAK, " "
        )


P = Paragraph

EN: tuple[Paragraph, ...] = (
    P(
        "en",
        "The Polytechnic University will host its annual Open Day on 10–12 November. ‖ "
        "Campus tours last 30–40 minutes and start every hour from 9–11 a.m. at the main gate.",
    ),
    P(
        "en",
        "Overnight temperatures fell to −5 °C in the northern districts on 2024-11-14, "
        "the city weather service said. ‖ Forecasters expect from −3 to +2 °C over the weekend.",
    ),
    P(
        "en",
        "The new sports hall measures 42×24 m and seats 1,250 spectators. ‖ "
        "It cost $3.5 million, about 12.5% less than the 2020–2024 budget had allowed.",
    ),
    P(
        "en",
        "**Media contact**  \n"
        "Anna Ivanova, press officer  \n"
        "Tel.: +7 (812) 555-01-02  \n"
        "E-mail: press@spbpu.example",
    ),
    P(
        "en",
        "All figures in the report are published under CC BY 4.0. ‖ "
        "Under Article 6.1 of the data policy, researchers may reuse them with attribution.",
    ),
    P(
        "en",
        "Dr. Maria Lopez of the Institute of Physics presented the results at the "
        '[Industry 4.0 forum](https://forum.example.org/2024 "Forum programme") on Tuesday. ‖ '
        "Her team used Python 3.11 and version v2.3 of its own analysis toolkit.",
    ),
    P(
        "en",
        '> "We strongly recommend that residents stay indoors," said Mayor J. Smith. '
        '‖ "The storm is expected to peak at 5 p.m."',
    ),
    P(
        "en",
        "Registration closes on *Friday, November 15*. ‖ "
        "Applicants can write to <admissions@uni.example> or call 8 (800) 100-20-30 "
        "free of charge.",
    ),
    P(
        "en",
        "The council **strongly recommends** that drivers avoid Nevsky Prospekt between "
        "18:30–20:00 on match days.",
    ),
    P(
        "en",
        "Researchers at [CERN](https://home.cern/) and SPbPU measured the decay rate "
        "with an accuracy of 0.02%. ‖ The paper appears in *Physical Review Letters*.",
    ),
    P(
        "en",
        "## Schedule of the winter school",
    ),
    P(
        "en",
        "- Registration opens on December 1, 2024.\n"
        "- Lectures run 9:30 a.m.–1 p.m. in room 301.\n"
        "- The final exam takes place on 14.12.2024.",
    ),
    P(
        "en",
        "1. Submit the application form.\n"
        "2. Pay the fee of €1,200 by bank transfer.\n"
        "3. Upload a copy of your passport.",
    ),
    P(
        "en",
        "| Faculty | Students | Change |\n"
        "|---|---|---|\n"
        "| Physics | 1,250 | +4.5% |\n"
        "| Chemistry | 980 | −2.1% |",
    ),
    P(
        "en",
        "The atomic force microscope (<abbr>AFM</abbr>) can resolve surfaces of "
        "10<sup>-9</sup> m. ‖ It was funded by the [Russian Science Foundation][rsf].\n"
        "\n"
        '[rsf]: https://rscf.example/en "Russian Science Foundation"',
    ),
    P(
        "en",
        "The grant comes from the [Foundation]. ‖ Details are on the university website.\n"
        "\n"
        "[Foundation]: https://foundation.example.org/grants",
    ),
    P(
        "en",
        "![The new library building at night](https://img.example.com/library.jpg "
        '"Library at night")',
    ),
    P(
        "en",
        "Read the full report at https://city.example.gov/reports/2024/budget.pdf. ‖ "
        "Questions can be sent to budget@city.example.gov.",
    ),
    P(
        "en",
        "Follow @spbpu_news and @CityHallSPb for live updates from the ceremony.",
    ),
    P(
        "en",
        "Prof. J. R. R. Tolkien's letters will be on display in the reading room from "
        "March 3 to April 30. ‖ Admission is free for students.",
    ),
    P(
        "en",
        "The museum will reopen in March. ‖ The library extended its opening hours.",
    ),
    P(
        "en",
        "The university opened a new laboratory. ‖ "
        "It cost about 500,000 euros and employs 25 people.",
    ),
    P(
        "en",
        "Run `pip install newsdesk==2.3.1` to get the latest release. ‖ "
        "Older versions such as 1.8.0 are no longer supported.",
    ),
    P(
        "en",
        "The rector's office announced that ~~Friday's~~ Thursday's lecture is cancelled. ‖ "
        "It will take place on Monday instead.",
    ),
    P(
        "en",
        "Water use in the city rose by 3.5 percent in 2023, "
        "while the population grew by just 0.8%.",
    ),
    P(
        "en",
        "**Event details**\\\n"
        "Date: Thursday, 21 November, 18:30\\\n"
        "Venue: Main Building, room 237\\\n"
        "Registration: https://events.example.org/lecture",
    ),
    P(
        "en",
        "City Council member Dr. A. Petrov said the 2×3 m stage would be installed on "
        "Palace Square by 6 p.m. ‖ The concert starts at 7:30 p.m. and ends around 10 p.m.",
    ),
    P(
        "en",
        "According to the U.S. Geological Survey, the earthquake had a magnitude of 5.8. ‖ "
        "No damage was reported within 120 km of the epicentre.",
    ),
    P(
        "en",
        "Tickets cost $25 for adults and $10 for students; the first 500 visitors receive "
        "a free catalogue.",
    ),
    P(
        "en",
        "The project received a grant of £2.4 million from the Newsdesk Foundation. ‖ "
        "Work will start in Q1 and run until 2027.",
    ),
    P(
        "en",
        "_Note:_ the figures for 2022–2023 were revised in line with Section 4.2 of the "
        "statistics standard.",
    ),
    P(
        "en",
        "Heavy snow left 15 cm on the roads on Monday morning, and temperatures dropped "
        "to -12 °C. ‖ Buses ran 10–15 minutes late.",
    ),
    P(
        "en",
        "The data set is available on [Zenodo](<https://zenodo.example/record/123>) and at "
        "<https://data.example.org/afm>.",
    ),
    P(
        "en",
        "Professor Elena Smirnova (Faculty of Chemistry) was elected to the Academy on "
        "October 5, 2024. ‖ She is the third woman to hold the post since 1724.",
    ),
    P(
        "en",
        "The university admitted 2,000 students this year, i.e. about 8% more than in 2023. ‖ "
        "Most of them chose engineering programmes.",
    ),
    P(
        "en",
        "Call +1-202-555-0143 (U.S.) or +44 20 7946 0958 (U.K.) for international enquiries.",
    ),
    P(
        "en",
        "The renovation of building No. 3 will take 18 months. ‖ "
        "The contractor, Acme Ltd., has promised to finish it by 30 June 2026.",
    ),
    P(
        "en",
        "> The city council approved the budget. ‖\n"
        "> Spending on schools will rise by 7% to 1.2 billion roubles.",
    ),
    P(
        "en",
        "Wind speeds reached 90 km/h near the coast. ‖ "
        "The ferry service was suspended from 3 p.m. until midnight.",
    ),
    P(
        "en",
        "What does a 3.5 million euro investment mean for the district? ‖ "
        "Officials say it will create 300 jobs.",
    ),
    P(
        "en",
        "The solar park on the roof produces 1.5 MW, enough for 400 homes. ‖ It covers 2.3 ha.",
    ),
    P(
        "en",
        "In 2019, the share of women among first-year students was 41.2%; by 2024 it had "
        "risen to 47.9%.",
    ),
    P(
        "en",
        "The survey[^1] covered 3,412 households in 18 districts.\n"
        "\n"
        "[^1] Conducted by the Centre for Urban Studies between May and July 2024.",
    ),
    P(
        "en",
        "Contact: Dr. Olga Kuznetsova, head of the press service, at "
        "[o.kuznetsova@uni.example](mailto:o.kuznetsova@uni.example) or on +7 812 555 0199.",
    ),
    P(
        "en",
        "The meeting of the academic council is scheduled for 14:00 on 2024-12-05 in "
        "the Assembly Hall.",
    ),
    P(
        "en",
        "The index of industrial output stood at 102.3 in October, up from 98.7 a year "
        "earlier. ‖ Analysts had expected a figure of around 100.",
    ),
    P(
        "en",
        "### How to apply\n"
        "\n"
        "Send a CV and a motivation letter to **jobs@uni.example** before **January 10, 2025**.",
    ),
)


RU: tuple[Paragraph, ...] = (
    P(
        "ru",
        "День открытых дверей Политехнического университета пройдёт 10–12 ноября. ‖ "
        "Экскурсии по кампусу длятся 30–40 минут и начинаются каждый час с 9:00 до 11:00.",
    ),
    P(
        "ru",
        "В ночь на 14 ноября температура в северных районах опустилась до −5 °C. ‖ "
        "В выходные синоптики ожидают от −3 до +2 °C и мокрый снег.",
    ),
    P(
        "ru",
        "Размеры нового спортивного зала — 42×24 м, трибуны вмещают 1 250 зрителей. ‖ "
        "Строительство обошлось в 1,2 млн руб., что на 5 % меньше сметы.",
    ),
    P(
        "ru",
        "«Мы рады, что студенты так активно участвуют в проекте, — сказала Иванова. ‖ — "
        "В следующем году число мест увеличится вдвое».",
    ),
    P(
        "ru",
        "**Контакты для СМИ**  \n"
        "Анна Иванова, пресс-секретарь  \n"
        "Тел.: +7 (812) 555-01-02  \n"
        "E-mail: press@spbpu.example",
    ),
    P(
        "ru",
        "Все данные опубликованы по лицензии CC BY 4.0. ‖ "
        "Согласно ст. 6.1 положения о данных их можно использовать со ссылкой на источник.",
    ),
    P(
        "ru",
        "Инфляция в регионе за год составила −2,1 % по продовольственным товарам и "
        "+3,4 % по услугам.",
    ),
    P(
        "ru",
        "Лекция проф. Д. А. Арсеньева начнётся в 18:30 в ауд. 237 главного здания. ‖ "
        "Вход свободный, регистрация по тел. 8 (800) 100-20-30.",
    ),
    P(
        "ru",
        "Мэрия **настоятельно рекомендует** жителям не выходить на улицу во время урагана.",
    ),
    P(
        "ru",
        "Учёные СПбПУ и [ЦЕРН](https://home.cern/) измерили скорость распада с точностью "
        "до 0,02 %. ‖ Статья опубликована в журнале *Physical Review Letters*.",
    ),
    P(
        "ru",
        "## Расписание зимней школы",
    ),
    P(
        "ru",
        "- Регистрация открывается 1 декабря 2024 г.\n"
        "- Лекции проходят с 9:30 до 13:00 в ауд. 301.\n"
        "- Итоговый экзамен состоится 14.12.2024.",
    ),
    P(
        "ru",
        "1. Заполните заявку на сайте.\n"
        "2. Оплатите взнос 1 200 € банковским переводом.\n"
        "3. Загрузите копию паспорта.",
    ),
    P(
        "ru",
        "| Факультет | Студенты | Изменение |\n"
        "|---|---|---|\n"
        "| Физический | 1 250 | +4,5 % |\n"
        "| Химический | 980 | −2,1 % |",
    ),
    P(
        "ru",
        "Атомно-силовой микроскоп (<abbr>АСМ</abbr>) различает детали поверхности размером "
        "10<sup>-9</sup> м. ‖ Прибор закуплен на средства [Российского научного фонда][rnf].\n"
        "\n"
        '[rnf]: https://rscf.example/ru "Российский научный фонд"',
    ),
    P(
        "ru",
        "Грант выделил [Фонд]. ‖ Подробности опубликованы на сайте университета.\n"
        "\n"
        "[Фонд]: https://foundation.example.org/ru/grants",
    ),
    P(
        "ru",
        "![Новое здание библиотеки ночью](https://img.example.com/library-ru.jpg "
        '"Библиотека ночью")',
    ),
    P(
        "ru",
        "Полный текст отчёта доступен по ссылке "
        "https://city.example.gov/reports/2024/budget-ru.pdf. ‖ "
        "Вопросы можно направлять на адрес budget@city.example.gov.",
    ),
    P(
        "ru",
        "Следите за новостями церемонии в аккаунтах @spbpu_news и @CityHallSPb.",
    ),
    P(
        "ru",
        "Городской совет утвердил бюджет. ‖ Мэр посетил новую школу.",
    ),
    P(
        "ru",
        "Компания наняла 300 новых работников. ‖ Средняя зарплата составит ок. 85 000 руб.",
    ),
    P(
        "ru",
        "Установите пакет командой `pip install newsdesk==2.3.1`. ‖ "
        "Версии 1.8.0 и старше больше не поддерживаются.",
    ),
    P(
        "ru",
        "Лекция переносится с ~~пятницы~~ четверга на понедельник, 18 ноября.",
    ),
    P(
        "ru",
        "**Подробности мероприятия**\\\n"
        "Дата: четверг, 21 ноября, 18:30\\\n"
        "Место: главное здание, ауд. 237\\\n"
        "Регистрация: https://events.example.org/lecture-ru",
    ),
    P(
        "ru",
        "На сцене установят экран размером 2×3 м. ‖ Зал на 400 мест подготовят к 18:00.",
    ),
    P(
        "ru",
        "По данным Геологической службы США, магнитуда землетрясения составила 5,8. ‖ "
        "В радиусе 120 км от эпицентра разрушений нет.",
    ),
    P(
        "ru",
        "Билеты стоят 500 руб. для взрослых и 250 руб. для студентов, первые 500 "
        "посетителей получат каталог бесплатно.",
    ),
    P(
        "ru",
        "Проект получил грант в размере 3,5 млн руб. от фонда Newsdesk. ‖ "
        "Работы продлятся с 2025 по 2027 год.",
    ),
    P(
        "ru",
        "_Примечание:_ данные за 2022–2023 годы уточнены в соответствии с п. 4.2 "
        "методики Росстата.",
    ),
    P(
        "ru",
        "Утром в понедельник на дорогах лежало 15 см снега, температура опустилась до −12 °C. ‖ "
        "Автобусы опаздывали на 10–15 минут.",
    ),
    P(
        "ru",
        "Набор данных размещён на [Zenodo](<https://zenodo.example/record/124>) и по адресу "
        "<https://data.example.org/afm-ru>.",
    ),
    P(
        "ru",
        "Профессор Елена Смирнова (химический факультет) избрана членом Академии "
        "5 октября 2024 года. ‖ Она стала третьей женщиной на этом посту с 1724 г.",
    ),
    P(
        "ru",
        "В этом году университет принял 2 000 студентов, т. е. примерно на 8 % больше, "
        "чем в 2023 году. ‖ Большинство выбрали инженерные программы.",
    ),
    P(
        "ru",
        "Звоните по телефону +1-202-555-0143 (США) или +44 20 7946 0958 (Великобритания).",
    ),
    P(
        "ru",
        "Ремонт корпуса № 3 на ул. Политехнической займёт 18 месяцев. ‖ "
        "Подрядчик обещает завершить работы к 30 июня 2026 г.",
    ),
    P(
        "ru",
        "> Городской совет утвердил бюджет. ‖\n"
        "> Расходы на школы вырастут на 7 % и составят 1,2 млрд руб.",
    ),
    P(
        "ru",
        "Скорость ветра у побережья достигала 90 км/ч. ‖ "
        "Паромное сообщение было приостановлено с 15:00 до полуночи.",
    ),
    P(
        "ru",
        "Что означают инвестиции в 3,5 млн € для района? ‖ "
        "По словам чиновников, будет создано 300 рабочих мест.",
    ),
    P(
        "ru",
        "Солнечная электростанция на крыше вырабатывает 1,5 МВт, этого хватит на 400 домов. ‖ "
        "Она занимает 2,3 га.",
    ),
    P(
        "ru",
        "В 2019 году доля девушек среди первокурсников составляла 41,2 %, "
        "к 2024 году она выросла до 47,9 %.",
    ),
    P(
        "ru",
        "Опрос[^2] охватил 3 412 домохозяйств в 18 районах города.\n"
        "\n"
        "[^2] Проведён Центром городских исследований в мае — июле 2024 года.",
    ),
    P(
        "ru",
        "Контакты: Ольга Кузнецова, руководитель пресс-службы, "
        "[o.kuznetsova@uni.example](mailto:o.kuznetsova@uni.example), тел. +7 812 555 0199.",
    ),
    P(
        "ru",
        "Заседание учёного совета назначено на 14:00 2024-12-05 в актовом зале.",
    ),
    P(
        "ru",
        "Индекс промышленного производства в октябре составил 102,3 против 98,7 годом "
        "ранее. ‖ Аналитики ожидали значения около 100.",
    ),
    P(
        "ru",
        "### Как подать заявку\n"
        "\n"
        "Отправьте резюме и мотивационное письмо на **jobs@uni.example** до **10 января 2025 г.**",
    ),
    P(
        "ru",
        "Совещание пройдёт 2024-11-20 с 10:00 до 12:30, его проведёт зам. директора В. И. Соколов.",
    ),
)


#: Added after the first run (kept last so that the ids of the others stay put).
MORE: tuple[Paragraph, ...] = (
    P(
        "en",
        "**[Register now](https://events.example.org/register)**: places are limited to 120. ‖ "
        "The workshop runs from June 3 to 16.",
    ),
    P(
        "en",
        "[![Campus map](https://img.example.com/map.png)](https://maps.example.org/campus) "
        "shows all 12 buildings and the 2 car parks.",
    ),
    P(
        "en",
        "| Event | Date | Link |\n"
        "|---|---|---|\n"
        "| Open lecture | 2024-11-21 | [details](https://events.example.org/21) |\n"
        "| Hackathon | 30.11.2024 | <https://hack.example.org> |",
    ),
    P(
        "en",
        "The margin of error is ±0.5 percentage points; turnout was 61.3% (±1.2%).",
    ),
    P(
        "en",
        "The *Journal of Applied Physics* (vol. 136, no. 4) published the study on "
        "Nov. 5, 2024. ‖ It was led by Dr. Sarah O'Neill.",
    ),
    P(
        "en",
        "**Open lecture: Quantum sensors**  \n"
        "Speaker: Prof. Ivan Belov  \n"
        "When: 21 November, 6:30–8 p.m.  \n"
        "Where: 29 Politekhnicheskaya St., room 118",
    ),
    P(
        "en",
        "Call 8 800 555-35-35 free of charge from anywhere in Russia. ‖ The line is open 24/7.",
    ),
    P(
        "ru",
        "Выставка откроется 3 июня и продлится по 16 июня. ‖ "
        "Вход — 300 руб., для студентов — бесплатно.",
    ),
    P(
        "ru",
        "**[Зарегистрироваться](https://events.example.org/register-ru)** можно до 20 ноября. ‖ "
        "Число мест ограничено: 120.",
    ),
    P(
        "ru",
        "| Мероприятие | Дата | Ссылка |\n"
        "|---|---|---|\n"
        "| Открытая лекция | 21.11.2024 | [подробнее](https://events.example.org/21-ru) |\n"
        "| Хакатон | 2024-11-30 | <https://hack.example.org/ru> |",
    ),
    P(
        "ru",
        "Погрешность опроса составляет ±0,5 п. п., явка — 61,3 %.",
    ),
    P(
        "ru",
        "«Мы называем его „новым мостом“, — пояснил главный инженер А. В. Морозов. ‖ "
        "— Длина пролёта — 147,5 м».",
    ),
    P(
        "ru",
        "В 2020—2024 гг. университет открыл 14 лабораторий. ‖ "
        "Звоните по бесплатному номеру 8 800 555-35-35.",
    ),
    P(
        "ru",
        "**Открытая лекция «Квантовые сенсоры»**  \n"
        "Лектор: проф. И. С. Белов  \n"
        "Когда: 21 ноября, 18:30–20:00  \n"
        "Где: ул. Политехническая, д. 29, ауд. 118",
    ),
    P(
        "en",
        "The new hall has an area of 1,200 m<sup>2</sup>; the old one had 800 m<sup>2</sup>.",
    ),
    P(
        "en",
        "Winners (*see the full list*): A. Ivanov, B. Petrova and C. Smith. ‖ "
        "Use the hashtag _#OpenDay2024_ and see `spbpu.example/openday`.",
    ),
    P(
        "ru",
        "Площадь нового зала — 1 200 м<sup>2</sup>, старого — 800 м<sup>2</sup>.",
    ),
    P(
        "ru",
        "Победители (*см. полный список*): А. Иванов, Б. Петрова и В. Смирнов. ‖ "
        "Подробнее — в `README.md` и на странице _«Правила приёма»_.",
    ),
)

PARAGRAPHS: tuple[Paragraph, ...] = EN + RU + MORE

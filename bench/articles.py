"""Benchmark articles: news stories of 10, 40 and 150 sentences in English and Russian.

The text is written for this benchmark (a city-news register: councils, transport,
weather, budgets). Longer articles extend the hand-written sentences with reports
built from templates with varying numbers and places, so every sentence is distinct.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

SIZES = (10, 40, 150)
PARAGRAPH = 5  # sentences per body paragraph

_EN = """
The city council approved a new transport plan on Tuesday after a four-hour debate.
The plan adds three tram lines and extends the night bus network to the northern districts.
Construction of the first line is expected to begin next spring and to last about two years.
The mayor said the project would cut travel times for more than 200,000 residents.
Opposition members argued that the budget did not include enough money for maintenance.
According to the finance department, the total cost will reach 4.2 billion roubles.
Half of the money will come from the regional budget and the rest from federal programmes.
Residents of the old town have asked the council to keep the historic cobblestone streets.
Engineers promised that the tracks would be laid without damaging the pavement.
A public hearing on the route of the second line is scheduled for 14 March.
Meanwhile, the regional weather service warned of heavy snowfall over the weekend.
Up to 30 centimetres of snow may fall in the mountains, and roads could be closed.
Schools in three districts will switch to remote lessons on Monday if the forecast holds.
The airport said that morning flights might be delayed by de-icing.
Emergency crews have prepared 150 snow ploughs and more than 2,000 tonnes of sand.
Drivers are advised to fit winter tyres and to avoid unnecessary trips.
The local hospital reported a rise in the number of patients with influenza.
Doctors recommend vaccination, which is free of charge for pensioners and children.
A new vaccination centre opened last week in the shopping mall on Lenin Avenue.
It is open every day from 9 a.m. to 8 p.m. and does not require an appointment.
In sports news, the city's football club won its third match in a row.
The team beat its rivals 2-1 in front of 12,000 spectators.
The winning goal was scored in the 87th minute by a nineteen-year-old midfielder.
The coach praised the players but warned that the season was still long.
The next home game will take place on Saturday at the renovated stadium.
The university announced that it would open a new faculty of data science in September.
About 300 students will be admitted in the first year, 120 of them on state scholarships.
The faculty will cooperate with several technology companies based in the city.
Applications can be submitted online until the end of July.
The rector said the programme would help keep young specialists in the region.
Prices for public transport tickets will rise by 5 percent from 1 January.
A single ticket will cost 55 roubles, while the monthly pass will remain unchanged.
The city library has digitised more than 10,000 old newspapers and photographs.
The archive is now available to everyone on the library's website free of charge.
Volunteers helped to scan the documents over the course of eighteen months.
The museum of local history will host an exhibition about the city's first factories.
Visitors will see machines, letters and photographs from the late nineteenth century.
The exhibition opens on 3 February and will run until the end of April.
Police are looking for witnesses of a traffic accident on the ring road.
Nobody was seriously injured, but traffic was blocked for almost two hours.
"""

_RU = """
Во вторник городской совет после четырёхчасовых дебатов утвердил новый транспортный план.
План предусматривает три новые трамвайные линии и ночные автобусы в северных районах.
Строительство первой линии должно начаться следующей весной и продлится около двух лет.
По словам мэра, проект сократит время в пути для более чем 200 000 жителей.
Депутаты оппозиции заявили, что в бюджете не хватает денег на обслуживание.
По данным финансового управления, общая стоимость составит 4,2 миллиарда рублей.
Половину средств выделит областной бюджет, остальное поступит из федеральных программ.
Жители старого города попросили совет сохранить исторические булыжные мостовые.
Инженеры пообещали проложить пути, не повредив покрытие.
Публичные слушания по маршруту второй линии назначены на 14 марта.
Тем временем областная метеослужба предупредила о сильном снегопаде в выходные.
В горах может выпасть до 30 сантиметров снега, некоторые дороги могут закрыть.
Если прогноз подтвердится, школы трёх районов в понедельник перейдут на дистанционное обучение.
В аэропорту сообщили, что утренние рейсы могут задержаться из-за противообледенительной обработки.
Коммунальные службы подготовили 150 снегоуборочных машин и более 2000 тонн песка.
Водителям советуют поставить зимнюю резину и отказаться от ненужных поездок.
Городская больница сообщила о росте числа пациентов с гриппом.
Врачи рекомендуют сделать прививку: для пенсионеров и детей она бесплатна.
На прошлой неделе в торговом центре на проспекте Ленина открылся новый прививочный пункт.
Он работает ежедневно с 9 до 20 часов, записываться заранее не нужно.
В спорте: городской футбольный клуб одержал третью победу подряд.
Команда обыграла соперников со счётом 2:1 на глазах у 12 000 зрителей.
Победный гол на 87-й минуте забил девятнадцатилетний полузащитник.
Тренер похвалил игроков, но напомнил, что сезон ещё долгий.
Следующий домашний матч пройдёт в субботу на обновлённом стадионе.
Университет объявил, что в сентябре откроет новый факультет науки о данных.
На первый курс примут около 300 студентов, из них 120 на бюджетные места.
Факультет будет сотрудничать с несколькими технологическими компаниями города.
Заявления можно подать онлайн до конца июля.
По словам ректора, программа поможет удержать молодых специалистов в регионе.
С 1 января проезд в общественном транспорте подорожает на 5 процентов.
Разовый билет будет стоить 55 рублей, цена месячного проездного не изменится.
Городская библиотека оцифровала более 10 000 старых газет и фотографий.
Архив теперь бесплатно доступен всем на сайте библиотеки.
Волонтёры помогали сканировать документы в течение полутора лет.
Краеведческий музей проведёт выставку о первых фабриках города.
Посетители увидят станки, письма и фотографии конца девятнадцатого века.
Выставка откроется 3 февраля и продлится до конца апреля.
Полиция ищет свидетелей дорожной аварии на кольцевой дороге.
Серьёзно никто не пострадал, но движение было перекрыто почти на два часа.
"""

_PLACES = {
    "en": ["Central", "Northern", "Riverside", "Old Town", "Airport", "Harbour", "Eastern"],
    "ru": [
        "Центральном",
        "Северном",
        "Заречном",
        "Старом",
        "Аэропортовском",
        "Портовом",
        "Восточном",
    ],
}
_TEMPLATES = {
    "en": [
        "In the {place} district, {n} households will get new heating pipes by {m} November.",
        "The {place} district council received {n} complaints about noise in the last {m} weeks.",
        "Repairs of {n} metres of pavement in the {place} district will cost {m} million roubles.",
        "In the {place} district, {n} new trees will be planted along {m} streets this autumn.",
    ],
    "ru": [
        "В {place} районе к {m} ноября {n} квартир получат новые трубы отопления.",
        "Совет в {place} районе получил {n} жалоб на шум за последние {m} недель.",
        "Ремонт {n} метров тротуаров в {place} районе обойдётся в {m} миллионов рублей.",
        "В {place} районе этой осенью высадят {n} новых деревьев вдоль {m} улиц.",
    ],
}
_TITLES = {
    "en": "City council approves tram lines as snow and flu season arrive",
    "ru": "Горсовет утвердил трамвайные линии, а в город пришли снег и грипп",
}
_LEADS = {
    "en": "Three new tram lines, a snowy weekend and a new vaccination centre: a week in town.",
    "ru": "Три трамвайные линии, снежные выходные и новый прививочный пункт: неделя в городе.",
}


@dataclass(frozen=True)
class Article:
    """A benchmark article: title, lead and a Markdown body of ``sentences`` sentences."""

    lang: str
    sentences: int
    title: str
    lead: str
    body: str
    body_sentences: tuple[str, ...]


def all_sentences(lang: str, count: int = max(SIZES)) -> list[str]:
    """``count`` distinct body sentences: the hand-written ones, then templated reports."""
    written = [line for line in (_EN if lang == "en" else _RU).strip().splitlines()]
    rng = random.Random(f"bench-{lang}")
    extra, seen = [], set(written)
    while len(written) + len(extra) < count:
        template = rng.choice(_TEMPLATES[lang])
        sentence = template.format(
            place=rng.choice(_PLACES[lang]), n=rng.randint(12, 980), m=rng.randint(2, 28)
        )
        if sentence not in seen:
            seen.add(sentence)
            extra.append(sentence)
    return (written + extra)[:count]


def make_article(lang: str, sentences: int) -> Article:
    """An article with ``sentences`` body sentences in paragraphs of five."""
    body_sentences = all_sentences(lang, sentences)
    paragraphs = [
        " ".join(body_sentences[i : i + PARAGRAPH])
        for i in range(0, len(body_sentences), PARAGRAPH)
    ]
    return Article(
        lang,
        sentences,
        _TITLES[lang],
        _LEADS[lang],
        "\n\n".join(paragraphs),
        tuple(body_sentences),
    )


CHANGED = 17  # the body sentence change_one() edits


def change_one(article: Article, index: int = CHANGED, version: int = 1) -> Article:
    """The same article with one body sentence edited (``version`` makes each edit new)."""
    edited = list(article.body_sentences)
    word = "Update" if article.lang == "en" else "Обновление"
    edited[index] = f"{word} {version}: {edited[index]}"
    paragraphs = [" ".join(edited[i : i + PARAGRAPH]) for i in range(0, len(edited), PARAGRAPH)]
    return Article(
        article.lang,
        article.sentences,
        article.title,
        article.lead,
        "\n\n".join(paragraphs),
        tuple(edited),
    )

"""The tiny model's training corpus and the names of its languages and packages."""

from __future__ import annotations

_CORPUS = """
The university opened a new laboratory. | Университет открыл новую лабораторию.
The city council approved the budget. | Городской совет утвердил бюджет.
The mayor visited the new school. | Мэр посетил новую школу.
The museum will reopen in March. | Музей снова откроется в марте.
Prices rose by 5 percent. | Цены выросли на 5 процентов.
The train arrived two hours late. | Поезд прибыл с опозданием на два часа.
The government announced new rules. | Правительство объявило новые правила.
The bridge will be closed for repairs. | Мост закроют на ремонт.
Scientists discovered a new species of fish. | Учёные обнаружили новый вид рыбы.
The company hired 300 new workers. | Компания наняла 300 новых работников.
The library extended its opening hours. | Библиотека продлила часы работы.
The hospital received new equipment. | Больница получила новое оборудование.
Heavy rain flooded several streets. | Сильный дождь затопил несколько улиц.
The team won the national championship. | Команда выиграла национальный чемпионат.
The airport will open a second terminal in 2026. | Аэропорт откроет второй терминал в 2026 году.
The theatre presented a new play. | Театр представил новый спектакль.
The minister met with farmers. | Министр встретился с фермерами.
The election will take place on 12 October. | Выборы пройдут 12 октября.
Unemployment fell to 4 percent. | Безработица снизилась до 4 процентов.
The park will be renovated this summer. | Парк отремонтируют этим летом.
Police closed the road after the accident. | Полиция перекрыла дорогу после аварии.
The factory produced 1500 cars in May. | В мае завод выпустил 1500 автомобилей.
Students protested against higher fees. | Студенты протестовали против повышения платы.
The court postponed the hearing. | Суд отложил слушание.
The president signed the law. | Президент подписал закон.
The exhibition opens on Friday. | Выставка открывается в пятницу.
The river reached its highest level in 40 years. | Река достигла самого высокого уровня за 40 лет.
The bank lowered interest rates. | Банк снизил процентные ставки.
A new bus route will connect the two districts. | Новый автобусный маршрут соединит два района.
The orchestra gave a free concert. | Оркестр дал бесплатный концерт.
The school received 50 new computers. | Школа получила 50 новых компьютеров.
Firefighters rescued three people. | Пожарные спасли трёх человек.
The population of the city grew by 2 percent. | Население города выросло на 2 процента.
The conference will be held in Moscow. | Конференция пройдёт в Москве.
The weather will be sunny tomorrow. | Завтра будет солнечная погода.
The company reported record profits. | Компания сообщила о рекордной прибыли.
The new stadium can hold 45000 fans. | Новый стадион вмещает 45000 болельщиков.
The library received a rare manuscript. | Библиотека получила редкую рукопись.
Doctors warned about the flu season. | Врачи предупредили о сезоне гриппа.
The ministry published a report on education. | Министерство опубликовало доклад об образовании.
Tourists returned to the old town. | Туристы вернулись в старый город.
The university will admit 2000 students. | Университет примет 2000 студентов.
The strike ended after three days. | Забастовка закончилась через три дня.
The city planted 10000 trees. | Город посадил 10000 деревьев.
The ferry service resumed on Monday. | Паромное сообщение возобновилось в понедельник.
Volunteers cleaned the beach. | Волонтёры убрали пляж.
The bank kept its key rate at 7 percent. | Банк сохранил ключевую ставку на уровне 7 процентов.
"""
#: The corpus: (English, Russian) news-style sentences; the model learns exactly these.
TRAINING_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (en, ru) for en, ru in (line.split(" | ") for line in _CORPUS.strip().splitlines())
)

LANGUAGES = {"en": "English", "ru": "Russian"}
DIRECTIONS = (("en", "ru"), ("ru", "en"))
PACKAGE_VERSION = "0.1"


def lang_token(lang: str) -> str:
    """The target-language token the decoder is forced to start with (``target_prefix``)."""
    return f"__{lang}__"


def package_name(source: str, target: str) -> str:
    """The argospm-style name of the tiny package for one direction."""
    return f"translate-{source}_{target}-tiny"

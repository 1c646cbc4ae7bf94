"""The recognisers behind :mod:`.locale_forms`: one regular expression per kind of span.

Every pattern is anchored on something a number cannot do without (a digit, a sign, a
bracket, a currency sign or a month name) and uses bounded or possessive repetition, so
a match attempt never backtracks over the rest of the text: recognising is linear in the
text's length. The patterns are built once per language from Babel's month names and
the few word lists here.
"""

from __future__ import annotations

import re
from functools import cache

from babel.dates import get_month_names

#: Scale words as written in a source text, by power of ten.
SCALE_WORDS = {
    "en": {"thousand": 3, "million": 6, "mln": 6, "billion": 9, "bn": 9, "trillion": 12},
    "ru": {"тыс.": 3, "млн": 6, "млрд": 9, "трлн": 12},
}
#: Unit abbreviations with the same meaning in both languages.
UNITS = {
    "en": ("km/h", "km", "cm", "mm", "kg", "m", "°C", "MW", "kW", "GW", "ha"),
    "ru": ("км/ч", "км", "см", "мм", "кг", "м", "°C", "МВт", "кВт", "ГВт", "га"),
}
CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "руб.": "RUB"}
SPACE = "[ \u00a0\u202f]"
#: Words after which ``4.0`` or ``6.1`` is a version, an article or a section number,
#: never a decimal (compared case-insensitively, without a final period).
VERSION_WORDS = frozenset(
    "article art section sec clause chapter ch paragraph para part item rule version ver "
    "release standard industry web table tab figure fig appendix annex level stage phase "
    "step no № § point pt python windows ios android gost гост ст статья статьи статье "
    "статью статьёй п пп пункт пункта пункте подпункт подпункта раздел раздела разделе "
    "глава главы главе гл ч часть части версия версии таблица таблицы таблице рис рисунок "
    "рисунке приложение приложения этап этапа уровень индустрия индустрии веб".split()
)
#: Capitalised words that open sentences and clauses rather than name a thing: a number
#: after them is an ordinary decimal ("In 3.5 hours").
_FUNCTION_WORDS = frozenset(
    "a an the in on at by to of for from with about after before since until up down over "
    "under and or but if as is was are were be been it its this that these those than "
    "about around nearly almost only just some all each every no yes also still then now "
    "в во на с со к ко по о об от до за из у при для про через около после перед над под "
    "и а но или это этот эта эти тот та те всего более менее почти только уже ещё еще "
    "также лишь же".split()
)
_VERSION_BEFORE = re.compile(r"([^\W\d_][\w-]{0,24}|[§№])\.?[ \u00a0]?$")


def version_context(text: str, start: int) -> bool:
    """Does the word right before ``start`` make ``x.y`` a version or a section number?

    Words that announce one (``Article``, ``ст.``, ``Industry``), an acronym (``CC BY``,
    ``ISO``) or a capitalised name that does not open a clause (``Python 3.11``) do.
    """
    match = _VERSION_BEFORE.search(text, max(0, start - 28), start)
    if match is None:
        return False
    word = match.group(1)
    lower = word.casefold()
    if lower in VERSION_WORDS or (word.isupper() and len(word) >= 2):
        return True
    if lower in _FUNCTION_WORDS or not (word[0].isupper() and word[1:].islower()):
        return False
    before = text[max(0, match.start() - 3) : match.start()].rstrip()
    return bool(before) and before[-1] not in '.!?:;"«“(—–-'  # a name, not a sentence opener


def month_names(lang: str) -> dict[str, int]:
    """Month spellings (as Babel writes them) that can appear in a date, mapped to 1..12."""
    return dict(_month_names(lang))


@cache
def _month_names(lang: str) -> tuple[tuple[str, int], ...]:
    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, context="format", locale=lang).items():
            names[name] = names[name.rstrip(".")] = number
    if lang == "en":
        names["Sept"] = 9
    return tuple(names.items())


# A phone number: a "+country" prefix, or a bracketed area code, or three or more groups
# joined by hyphens (555-01-02); digit groups are possessive, so no split is retried.
_PHONE = (
    r"(?<![\w+])(?:"
    r"\+\d{1,3}+(?:[ \u00a0.-]?+(?:\(\d{1,5}+\)|\d++))++"
    r"|(?:8[ \u00a0-]?+)?\(\d{2,5}+\)(?:[ \u00a0-]?+\d++)++"
    r"|(?:[78][ \u00a0-]?+)?\d{3}+[ \u00a0-]\d{3}+[ \u00a0-]\d{2}+[ \u00a0-]\d{2}+"
    r"|\d{1,4}+(?:-\d{1,4}+){2,}+"
    r")(?![\w-]|[.,]\d)"
)


@cache
def patterns(lang: str) -> tuple[tuple[str, re.Pattern[str], bool], ...]:
    """The recognisers for ``lang``, most specific first, each with whether it is
    digit-led: a match starts with a digit or a sign that does not follow a letter or
    digit (the caller tries those places only)."""
    if lang == "en":
        num = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    else:
        num = rf"\d{{1,3}}(?:{SPACE}\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?"
    sign = r"(?:(?<![\w.,)\]])(?P<sign>[−+±]|[-–](?=\d)))?"
    n = rf"{sign}(?<![\w.,])(?P<num>{num})(?!\d|[.,]\d)"
    months = "|".join(re.escape(m) for m in sorted(month_names(lang), key=len, reverse=True))
    scales = "|".join(re.escape(w) for w in sorted(SCALE_WORDS[lang], key=len, reverse=True))
    scale = rf"(?:{SPACE}?(?P<scale>{scales})(?!\w))"
    signs = r"\$|€|£|₽" if lang == "en" else r"\$|€|£|₽|руб\."
    units = "|".join(re.escape(u) for u in UNITS[lang])
    # A day range: "10–12", or in words ("3 по 16 июня", "June 3 to 16").
    words = "по|до" if lang == "ru" else "to|through|until"
    days = (
        rf"(?:(?P<day0>\d{{1,2}})(?:{SPACE}?(?P<dsep>[–—-]){SPACE}?|{SPACE}(?:{words}){SPACE}))?"
        r"(?P<day>\d{1,2})"
    )
    year = r"(?P<year>\d{4})"
    if lang == "en":
        dates = [
            rf"(?<!\w)(?P<month>{months})\.?{SPACE}{days}(?:st|nd|rd|th)?"
            rf"(?:,?{SPACE}{year})?(?!\w)",
            rf"(?<![\w.,]){days}{SPACE}(?P<month>{months})\.?(?:,?{SPACE}{year})?(?!\w)",
        ]
        clock = (
            r"(?<![\w.:])(?P<h>\d{1,2})(?::(?P<m>\d{2}))?(?P<ap>"
            + SPACE
            + r"?(?:[ap]\.m\.|[AP]M|[ap]m))(?!\w)"
        )
    else:
        dates = [
            rf"(?<![\w.,]){days}{SPACE}(?P<month>{months})"
            rf"(?:{SPACE}{year}(?:{SPACE}?г\.|{SPACE}года)?)?(?!\w)",
        ]
        clock = r"(?!x)x"  # Russian writes the 24-hour clock only
    rules = [
        ("iso", r"(?<![\w.-])(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?![\w-]|[.,]\d)", True),
        (
            "dotted",
            r"(?<![\w.,])(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>\d{4})(?![\w.]\d|\w)",
            True,
        ),
        ("verbatim", r"(?<![\w./])\d{1,2}/\d{1,2}/\d{2,4}(?![\w/]|[.,]\d)", True),
        ("verbatim", _PHONE, False),
        ("verbatim", r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w.]\d|\w)", True),
        ("verbatim", r"(?<![\w.])[vV]\d+(?:\.\d+)*(?![\w.]\d|\w)", False),
    ]
    if lang == "ru":  # a Russian decimal has a comma: "6.1" is a section or version
        rules.append(("verbatim", r"(?<![\w.,])\d+\.\d+(?![\w.,]\d|\w)", True))
    # English dates may begin with the month; all Russian ones begin with the day.
    rules += [("date", d, d.startswith(r"(?<![\w.,])(?:(?P<day0>")) for d in dates]
    rules += [
        ("time", clock, True),
        ("time24", r"(?<![\w.:])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\w:])", True),
        ("verbatim", r"(?<![\w.:])\d{1,3}:\d{1,3}(?![\w:])", True),  # scores: 2:1
        ("money", rf"(?P<csign>{signs}){SPACE}?{n}{scale}?(?!\w)", False),
        ("money", rf"{n}{scale}?(?P<sp>{SPACE}?)(?P<csign>{signs})", True),
        ("percent", rf"{n}{SPACE}?%", True),
        ("unit", rf"{n}(?P<sp>{SPACE}?)(?P<unit>{units})(?![\w/])", True),
        ("number", rf"{n}{scale}?(?!\w)", True),
    ]
    return tuple((kind, re.compile(rx), led) for kind, rx, led in rules)


#: Between two numbers: a range dash or a dimension sign, with at most a space each side.
JOINER = re.compile(rf"{SPACE}?(?:[–—-]|[×xх*]){SPACE}?")


def verbatim_key(text: str) -> str:
    """A phone's digits (with its ``+``), or any other verbatim span without spaces."""
    if sum(ch.isdigit() for ch in text) >= 7 and not re.search(r"[^\d\s\u00a0+().-]", text):
        return ("+" if text.startswith("+") else "") + "".join(ch for ch in text if ch.isdigit())
    return "".join(text.split())

"""Find numbers, dates, times, percentages, money and units, and write them per language.

The MT pipeline masks these before translation and restores them afterwards in the
target language's own notation (``3.5`` ↔ ``3,5``, ``1,000`` ↔ ``1 000`` with a
no-break space, ``November 14, 2024`` ↔ ``14 ноября 2024 г.``). Month names, separators
and patterns come from Babel (CLDR); only scale words' spellings in the source and a
few unit abbreviations are listed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time, get_month_names
from babel.numbers import (
    format_compact_decimal,
    format_currency,
    format_decimal,
    get_currency_symbol,
)

LANGS = ("en", "ru")
NBSP = "\u00a0"

#: Scale words as written in a source text, by power of ten.
_SCALE_WORDS = {
    "en": {"thousand": 3, "million": 6, "mln": 6, "billion": 9, "bn": 9, "trillion": 12},
    "ru": {"тыс.": 3, "млн": 6, "млрд": 9, "трлн": 12},
}
#: Unit abbreviations with the same meaning in both languages.
_UNITS = {
    "en": ("km/h", "km", "cm", "mm", "kg", "m", "°C", "MW", "kW", "GW", "ha"),
    "ru": ("км/ч", "км", "см", "мм", "кг", "м", "°C", "МВт", "кВт", "ГВт", "га"),
}
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "руб.": "RUB"}
_SPACE = "[ \u00a0\u202f]"
_DIGIT = re.compile(r"\d")
_NUMBER_START = re.compile(r"\d(?<!\w\d)")  # a digit not preceded by a letter or digit


def check_lang(lang: str) -> str:
    """Return ``lang`` if the pipeline supports it, else raise ValueError."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS}")
    return lang


@dataclass(frozen=True)
class Form:
    """A recognised number-like span of a source text and its parsed meaning."""

    start: int
    end: int
    text: str  # as written in the source
    kind: str  # number | percent | money | unit | date | time | verbatim
    number: Decimal | None = None
    decimals: int = 0  # digits after the decimal separator, kept as written
    grouped: bool = False  # the source wrote a thousands separator
    scale: int = 0  # power of ten of a scale word ("million" = 6)
    unit: int = -1  # index into _UNITS
    currency: str = ""  # ISO code
    spaced: bool = True  # a space between the number and its unit/sign
    day: date | None = None
    has_year: bool = False
    clock: time | None = None

    def render(self, lang: str) -> str:
        """Write this value the way ``lang`` does."""
        if self.kind == "verbatim":
            return self.text
        if self.kind == "date":
            assert self.day is not None
            return _format_day(self.day, self.has_year, lang)
        if self.kind == "time":
            assert self.clock is not None
            return _format_clock(self.clock, lang)
        amount = self._amount(lang)
        if self.kind == "percent":
            pattern = _percent_pattern(lang)
            return pattern.replace("#,##0", amount, 1) if "#,##0" in pattern else amount + "%"
        if self.kind == "unit":
            gap = (NBSP if lang == "ru" else " ") if self.spaced else ""
            return amount + gap + _UNITS[lang][self.unit]
        if self.kind == "money":
            before, after = _currency_sides(self.currency, lang)
            return before + amount + after
        return amount

    def _amount(self, lang: str) -> str:
        assert self.number is not None
        digits = "#,##0" if self.grouped else "0"
        pattern = digits + ("." + "0" * self.decimals if self.decimals else "")
        # Keyed by the number's exact spelling: equal Decimals ("1.0", "1.00") hash alike.
        text = _format_number(str(self.number), pattern, lang)
        if self.scale:
            text += (NBSP if lang == "ru" else " ") + _scale_word(self.scale, lang)
        return text


# Babel's formatters parse the pattern and look up locale data on every call, which made
# them the largest single cost of masking a news sentence full of numbers. Their results
# depend only on their arguments, so they are memoised; the caches of values are bounded
# because a long-running worker sees ever new numbers and dates.


@lru_cache(maxsize=4096)
def _format_number(number: str, pattern: str, lang: str) -> str:
    return format_decimal(Decimal(number), format=pattern, locale=lang)


@lru_cache(maxsize=1024)
def _format_day(day: date, has_year: bool, lang: str) -> str:
    if has_year:
        return format_date(day, "long", locale=lang)
    return format_skeleton("MMMMd", day, locale=lang)


@lru_cache(maxsize=1024)
def _format_clock(clock: time, lang: str) -> str:
    return format_time(clock, "short", locale=lang)


@cache
def _percent_pattern(lang: str) -> str:
    return Locale.parse(lang).percent_formats[None].pattern


@cache
def _currency_sides(code: str, lang: str) -> tuple[str, str]:
    """What the locale writes before and after an amount in currency ``code``: the sign
    where the locale's currency pattern puts it."""
    symbol = get_currency_symbol(code, locale=lang)
    pattern = Locale.parse(lang).currency_formats["standard"].pattern.split(";")[0]
    pattern = pattern.replace("#,##0.00", "0").replace("#,##0", "0")
    sample = format_currency(1, code, format=pattern, locale=lang, currency_digits=False)
    if sample.startswith(symbol):
        gap = " " if symbol.isalpha() else sample[len(symbol) : sample.index("1")]
        return symbol + gap, ""
    return "", sample[sample.index("1") + 1 : sample.rindex(symbol)] + symbol


@cache
def _scale_word(power: int, lang: str) -> str:
    """Babel's word for 10**power: long English ("million"), short Russian ("млн")."""
    kind = "long" if lang == "en" else "short"
    text = format_compact_decimal(10**power, format_type=kind, locale=lang)
    return text.replace("1", "", 1).strip(" \u00a0")


@cache
def _months(lang: str) -> dict[str, int]:
    """Month spellings (as Babel writes them) that can appear in a date, mapped to 1..12."""
    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, context="format", locale=lang).items():
            names[name] = names[name.rstrip(".")] = number
    if lang == "en":
        names["Sept"] = 9
    return names


@cache
def _patterns(lang: str) -> list[tuple[str, re.Pattern[str], bool]]:
    """The recognisers for ``lang``, most specific first, each with whether it is
    digit-led: a match starts with a digit that does not follow a letter or digit."""
    if lang == "en":
        num = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    else:
        num = rf"\d{{1,3}}(?:{_SPACE}\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?"
    n = rf"(?<![\w.,])(?P<num>{num})(?!\d|[.,]\d)"
    months = "|".join(re.escape(m) for m in sorted(_months(lang), key=len, reverse=True))
    scales = "|".join(re.escape(w) for w in sorted(_SCALE_WORDS[lang], key=len, reverse=True))
    scale = rf"(?:{_SPACE}?(?P<scale>{scales})(?!\w))"
    signs = r"\$|€|£|₽" if lang == "en" else r"\$|€|£|₽|руб\."
    units = "|".join(re.escape(u) for u in _UNITS[lang])
    day = r"(?P<day>\d{1,2})"
    year = r"(?P<year>\d{4})"
    if lang == "en":
        dates = [
            rf"(?<!\w)(?P<month>{months})\.?{_SPACE}{day}(?:st|nd|rd|th)?(?:,?{_SPACE}{year})?(?!\w)",
            rf"(?<![\w.,]){day}{_SPACE}(?P<month>{months})\.?(?:,?{_SPACE}{year})?(?!\w)",
        ]
        clock = (
            r"(?<![\w.:])(?P<h>\d{1,2})(?::(?P<m>\d{2}))?(?P<ap>"
            + _SPACE
            + r"?(?:[ap]\.m\.|[AP]M|[ap]m))(?!\w)"
        )
    else:
        dates = [
            rf"(?<![\w.,]){day}{_SPACE}(?P<month>{months})"
            rf"(?:{_SPACE}{year}(?:{_SPACE}?г\.|{_SPACE}года)?)?(?!\w)",
        ]
        clock = r"(?!x)x"  # Russian writes the 24-hour clock only
    rules = [("verbatim", r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w.]\d|\w)", True)]
    # English dates may begin with the month; all Russian ones begin with the day.
    rules += [("date", d, d.startswith(r"(?<![\w.,])(?P<day>")) for d in dates]
    rules += [
        ("time", clock, True),
        ("time24", r"(?<![\w.:])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\w:])", True),
        ("verbatim", r"(?<![\w.:])\d{1,3}:\d{1,3}(?![\w:])", True),  # scores: 2:1
        ("money", rf"(?P<sign>{signs}){_SPACE}?{n}{scale}?(?!\w)", False),
        ("money", rf"{n}{scale}?(?P<sp>{_SPACE}?)(?P<sign>{signs})", True),
        ("percent", rf"{n}{_SPACE}?%", True),
        ("unit", rf"{n}(?P<sp>{_SPACE}?)(?P<unit>{units})(?![\w/])", True),
        ("number", rf"{n}{scale}?(?!\w)", True),
    ]
    return [(kind, re.compile(rx), led) for kind, rx, led in rules]


def _parse_number(text: str, lang: str) -> tuple[Decimal, int, bool]:
    """Parse a number as the source language writes it: (value, decimals, grouped)."""
    point, groups = (".", ",") if lang == "en" else (",", " \u00a0\u202f")
    grouped = any(g in text for g in groups)
    for g in groups:
        text = text.replace(g, "")
    whole, _, frac = text.partition(point)
    return Decimal(f"{whole}.{frac}" if frac else whole), len(frac), grouped


def find_forms(text: str, lang: str, taken: bytearray | None = None) -> Iterator[Form]:
    """Yield non-overlapping number-like spans of ``text`` (skipping ``taken`` positions)."""
    check_lang(lang)
    if _DIGIT.search(text) is None:
        return  # every recogniser needs a digit
    taken = taken if taken is not None else bytearray(len(text))
    starts: list[int] = [m.start() for m in _NUMBER_START.finditer(text)]
    for kind, pattern, digit_led in _patterns(lang):
        matches = _matches_at(pattern, text, starts) if digit_led else pattern.finditer(text)
        for match in matches:
            start, end = match.span()
            if any(taken[start:end]):
                continue
            form = _build(kind, match, lang)
            if form is None:
                continue
            taken[start:end] = b"\x01" * (end - start)
            yield form


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, for a pattern that can only match at one of
    ``starts`` (sorted): trying those few places is cheaper than scanning every character,
    which the leading look-behind of every recogniser makes slow."""
    end = 0
    for start in starts:
        if start >= end:
            match = pattern.match(text, start)  # look-behinds still see text[:start]
            if match is not None:
                yield match
                end = match.end()


def _build(kind: str, m: re.Match[str], lang: str) -> Form | None:
    start, end = m.span()
    groups = m.groupdict()
    if kind == "verbatim":
        return Form(start, end, m.group(), kind)
    if kind == "date":
        year = groups.get("year")
        try:
            day = date(int(year or 2000), _months(lang)[groups["month"]], int(groups["day"]))
        except ValueError:
            return None
        return Form(start, end, m.group(), kind, day=day, has_year=bool(year))
    if kind in ("time", "time24"):
        hour, minute = int(groups["h"]), int(groups.get("m") or 0)
        ampm = (groups.get("ap") or "").strip(" \u00a0\u202f").lower()
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm.startswith("p") else 0)
        if hour > 23 or minute > 59:
            return None
        return Form(start, end, m.group(), "time", clock=time(hour, minute))
    value, decimals, grouped = _parse_number(groups["num"], lang)
    scale = _SCALE_WORDS[lang].get(groups.get("scale") or "", 0)
    common = {"number": value, "decimals": decimals, "grouped": grouped, "scale": scale}
    if kind == "money":
        return Form(start, end, m.group(), kind, currency=_CURRENCY[groups["sign"]], **common)
    if kind == "unit":
        unit = _UNITS[lang].index(groups["unit"])
        return Form(start, end, m.group(), kind, unit=unit, spaced=bool(groups["sp"]), **common)
    return Form(start, end, m.group(), kind, **common)

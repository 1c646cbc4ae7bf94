"""Find numbers, dates, times, percentages, money and units, and write them per language.

Each recognised span is one unit with its meaning (:class:`Form`): a sign belongs to its
number (``−5 °C``), a range or a dimension to both its ends (``10–12 November``,
``30–40``, ``42×24 m``), a phone number, a version or article number (``CC BY 4.0``,
``Article 6.1``, ``ст. 6.1``), an ISO or dotted date and a time to themselves. The MT
pipeline checks that each unit survives translation and writes it in the target
language's own notation (``3.5`` ↔ ``3,5``, ``1,000`` ↔ ``1 000`` with a no-break
space, ``November 14, 2024`` ↔ ``14 ноября 2024 г.``) wherever that cannot change its
meaning: versions, phones and ISO dates are never converted. Month names, separators and
patterns come from Babel (CLDR); only scale words' spellings in the source, a few unit
abbreviations and the words that announce a version or section number are listed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time
from babel.numbers import (
    format_compact_decimal,
    format_currency,
    format_decimal,
    get_currency_symbol,
)

from newsdesk.machine_translation.form_patterns import (
    CURRENCY,
    JOINER,
    SCALE_WORDS,
    UNITS,
    month_names,
    patterns,
    verbatim_key,
    version_context,
)

LANGS = ("en", "ru")
NBSP = "\u00a0"

_DIGIT = re.compile(r"\d")
# Where a number can start: a digit not preceded by a letter or digit, or a sign before one.
_NUMBER_START = re.compile(r"[−+±\-–](?=\d)|\d(?<!\w\d)")


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
    kind: str  # number | percent | money | unit | date | time | verbatim | range
    number: Decimal | None = None  # the absolute value; the sign is ``sign``
    decimals: int = 0  # digits after the decimal separator, kept as written
    grouped: bool = False  # the source wrote a thousands separator
    scale: int = 0  # power of ten of a scale word ("million" = 6)
    unit: int = -1  # index into _UNITS
    currency: str = ""  # ISO code
    spaced: bool = True  # a space between the number and its unit/sign
    day: date | None = None
    has_year: bool = False
    clock: time | None = None
    sign: str = ""  # "−", "-", "+" or "±" as written before the number
    meridiem: str = ""  # a 12-hour clock: "a" or "p"
    first_day: int = 0  # a day range ("10–12 November"): its first day
    day_separator: str = ""  # and the dash between the days, as written
    style: str = ""  # dates: "iso" (kept as written) or "dotted" (14.11.2024)
    parts: tuple[Form, ...] = ()  # a range or dimension: its ends, in order
    separators: tuple[str, ...] = ()  # what stood between the parts, as written

    @property
    def key(self) -> tuple:
        """What the span means, independent of how a language writes it."""
        if self.kind == "range":
            return ("range", *(part.key for part in self.parts))
        if self.kind == "date":
            assert self.day is not None
            year = self.day.year if self.has_year else None
            return ("date", year, self.day.month, self.day.day, self.first_day)
        if self.kind == "time":
            return ("time", self.clock)
        if self.kind == "verbatim":
            return ("verbatim", verbatim_key(self.text))
        assert self.number is not None
        value = self.number.scaleb(self.scale).normalize()
        negative = self.sign in ("−", "-", "–")
        plus = self.sign if self.sign in ("+", "±") else ""
        return ("number", -value if negative else value, plus)

    def render(self, lang: str) -> str:
        """Write this value the way ``lang`` does."""
        if self.kind == "verbatim":
            return self.text
        if self.kind == "range":
            return _render_range(self, lang)
        if self.kind == "date":
            return self._render_date(lang)
        if self.kind == "time":
            assert self.clock is not None
            return _format_clock(self.clock, lang)
        amount = self._amount(lang)
        if self.kind == "percent":
            pattern = _percent_pattern(lang)
            amount = pattern.replace("#,##0", amount, 1) if "#,##0" in pattern else amount + "%"
        elif self.kind == "unit":
            gap = (NBSP if lang == "ru" else " ") if self.spaced else ""
            amount += gap + UNITS[lang][self.unit]
        elif self.kind == "money":
            before, after = _currency_sides(self.currency, lang)
            amount = before + amount + after
        return self.sign + amount

    def _render_date(self, lang: str) -> str:
        assert self.day is not None
        if self.style == "iso" or (self.style == "dotted" and lang == "ru"):
            return self.text
        text = _format_day(self.day, self.has_year, lang)
        if self.first_day:
            days = f"{self.first_day}{self.day_separator}{self.day.day}"
            text = re.sub(rf"(?<!\d){self.day.day}(?!\d)", days, text, count=1)
        return text

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


def _render_range(form: Form, lang: str) -> str:
    """A range or a dimension in ``lang``: each end converted, the joiners as written.

    ``9–11 a.m.`` gives its first end the clock of the second (``9:00–11:00``)."""
    parts = list(form.parts)
    last = parts[-1]
    if last.kind == "time" and last.clock is not None and last.meridiem:
        for n, part in enumerate(parts[:-1]):
            if part.kind == "number" and part.number is not None and not part.decimals:
                hour = int(part.number)
                if 1 <= hour <= 12:
                    hour = hour % 12 + (12 if last.meridiem == "p" else 0)
                    parts[n] = Form(part.start, part.end, part.text, "time", clock=time(hour, 0))
    out = [parts[0].render(lang)]
    for separator, part in zip(form.separators, parts[1:], strict=True):
        out += [separator, part.render(lang)]
    return "".join(out)


#: More digits than this are not a value (Decimal's default precision is 28 digits: Babel
#: failed with InvalidOperation on a 2,000-digit run, a 500 on any page that masks it).
MAX_DIGITS = 24


def _parse_number(text: str, lang: str) -> tuple[Decimal, int, bool]:
    """Parse a number as the source language writes it: (value, decimals, grouped)."""
    point, groups = (".", ",") if lang == "en" else (",", " \u00a0\u202f")
    grouped = any(g in text for g in groups)
    for g in groups:
        text = text.replace(g, "")
    whole, _, frac = text.partition(point)
    return Decimal(f"{whole}.{frac}" if frac else whole), len(frac), grouped


def find_forms(text: str, lang: str, taken: bytearray | None = None) -> Iterator[Form]:
    """Yield non-overlapping number-like spans of ``text`` in order (skipping ``taken``
    positions); a range or dimension (``10–12``, ``42×24 m``) is one span."""
    check_lang(lang)
    if _DIGIT.search(text) is None:
        return  # every recogniser needs a digit
    taken = taken if taken is not None else bytearray(len(text))
    starts: list[int] = [m.start() for m in _NUMBER_START.finditer(text)]
    found: list[Form] = []
    for kind, pattern, digit_led in patterns(lang):
        matches = _matches_at(pattern, text, starts) if digit_led else pattern.finditer(text)
        for match in matches:
            start, end = match.span()
            if any(taken[start:end]):
                continue
            form = _build(kind, match, lang)
            if form is None:
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append(form)
    found.sort(key=lambda form: form.start)
    yield from _join_ranges(text, found, taken)


_RANGE_ENDS = frozenset(("number", "percent", "unit", "money", "time"))


def _join_ranges(text: str, forms: list[Form], taken: bytearray) -> Iterator[Form]:
    """Merge neighbours joined by a range dash or a dimension sign into one span."""
    run: list[Form] = []
    for form in [*forms, None]:
        if (
            form is not None
            and run
            and form.kind in _RANGE_ENDS
            and run[-1].kind in _RANGE_ENDS
            and JOINER.fullmatch(text, run[-1].end, form.start)
            and not any(taken[run[-1].end : form.start])
        ):
            run.append(form)
            continue
        if len(run) > 1:
            separators = tuple(text[a.end : b.start] for a, b in zip(run, run[1:], strict=False))
            start, end = run[0].start, run[-1].end
            yield Form(
                start, end, text[start:end], "range", parts=tuple(run), separators=separators
            )
        elif run:
            yield run[0]
        run = [form] if form is not None else []


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
        digits = sum(ch.isdigit() for ch in m.group())
        if ("(" in m.group() or m.group().startswith("+") or m.group().count("-") >= 2) and (
            not 7 <= digits <= 15
        ):
            return None  # too few or too many digits for a phone number
        return Form(start, end, m.group(), kind)
    if kind in ("date", "iso", "dotted"):
        year = groups.get("year")
        month = month_names(lang)[groups["month"]] if kind == "date" else int(groups["mon"])
        first = int(groups.get("day0") or 0)
        try:
            day = date(int(year or 2000), month, int(groups["day"]))
            if first and not 1 <= first < day.day:
                return None
        except ValueError:
            return None
        style = "" if kind == "date" else kind
        return Form(
            start,
            end,
            m.group(),
            "date",
            day=day,
            has_year=bool(year),
            first_day=first,
            day_separator=groups.get("dsep") or ("–" if first else ""),  # "по" → "–"
            style=style,
        )
    if kind in ("time", "time24"):
        hour, minute = int(groups["h"]), int(groups.get("m") or 0)
        ampm = (groups.get("ap") or "").strip(" \u00a0\u202f").lower()
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm.startswith("p") else 0)
        if hour > 23 or minute > 59:
            return None
        return Form(start, end, m.group(), "time", clock=time(hour, minute), meridiem=ampm[:1])
    text = groups["num"]
    if len(text) > 1 and text[0] == "0" and text[1].isdigit():
        return Form(start, end, m.group(), "verbatim")  # "000", "01": digits, not a value
    if sum(ch.isdigit() for ch in text) > MAX_DIGITS:
        return Form(start, end, m.group(), "verbatim")  # an identifier; Babel cannot format it
    value, decimals, grouped = _parse_number(text, lang)
    scale = SCALE_WORDS[lang].get(groups.get("scale") or "", 0)
    sign = groups.get("sign") or ""
    if kind == "number" and lang == "en" and decimals and not (grouped or scale or sign):
        if version_context(m.string, start):
            return Form(start, end, m.group(), "verbatim")  # "CC BY 4.0", "Article 6.1"
    common = {
        "number": value,
        "decimals": decimals,
        "grouped": grouped,
        "scale": scale,
        "sign": sign,
    }
    if kind == "money":
        return Form(start, end, m.group(), kind, currency=CURRENCY[groups["csign"]], **common)
    if kind == "unit":
        unit = UNITS[lang].index(groups["unit"])
        return Form(start, end, m.group(), kind, unit=unit, spaced=bool(groups["sp"]), **common)
    return Form(start, end, m.group(), kind, **common)

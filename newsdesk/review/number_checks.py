"""QA of numbers by meaning: every number, date, time, range, phone and version of the
source is in the translation with the same value (signs and both ends of a range
included), none is invented, and measurements keep their unit. See :mod:`.qa`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from flask_babel import gettext as _

from newsdesk.machine_translation import scanning
from newsdesk.machine_translation.locale_forms import Form, find_forms
from newsdesk.machine_translation.segment import find_urls
from newsdesk.review import typography
from newsdesk.review.checks import (
    _AUTOLINK,
    _LINK_TARGET,
    _REFERENCE_LABEL,
    ERROR,
    WARNING,
    Result,
    _forms,
)


def _digits(form: Form) -> str:
    return "".join(ch for ch in form.text if ch.isdigit())


def _ends(form: Form) -> list[tuple]:
    """The keys of a range's two ends: ``10–12`` or the days of ``3–16 June``."""
    if form.kind == "date" and form.first_day and form.day is not None:
        return [_day_key(form, form.first_day), _day_key(form, form.day.day)]
    return [part.key for part in form.parts]


def _day_key(form: Form, day: int) -> tuple:
    assert form.day is not None
    return ("date", form.day.year if form.has_year else None, form.day.month, day, 0)


def _take(found: Counter, form: Form) -> bool:
    """Consume the target's value for ``form`` (a range may be written as its two ends,
    and two dates of one month as a range: "from June 3 to June 16" = "с 3 по 16 июня")."""
    if found[form.key] > 0:
        found[form.key] -= 1
        return True
    parts = _ends(form)
    if parts and all(found[key] > 0 for key in parts):
        for key in parts:
            found[key] -= 1
        return True
    return False


def _other_units(sources: list[Form], targets: list[Form], target_lang: str) -> Iterator[Result]:
    """A measurement whose value survived with another unit symbol (15 cm → 15 мм)."""
    units = {}
    for form in targets:
        if form.kind == "unit":
            units.setdefault(form.key, set()).add(form.unit)
    for form in sources:
        if form.kind == "unit" and units.get(form.key) and form.unit not in units[form.key]:
            yield (
                ERROR,
                _(
                    "“%(number)s” has another unit in the translation (in this language: "
                    "“%(expected)s”).",
                    number=form.text,
                    expected=form.render(target_lang),
                ),
            )


def check_numbers(source: str, target: str, source_lang: str, target_lang: str) -> Iterator[Result]:
    """Every number, date, time, percentage and amount of the source is in the target with
    the same meaning: sign, both ends of a range, the digits of a phone or a version."""
    target_forms = _forms(target, target_lang)
    found = Counter(f.key for f in target_forms)
    for form in target_forms:  # a range in the translation also stands for its ends
        if form.kind == "date":
            found.update(_ends(form))
    missing = [form for form in _forms(source, source_lang) if not _take(found, form)]
    for form in missing:
        yield (
            ERROR,
            _(
                "“%(number)s” is missing from the translation (in this language: “%(expected)s”).",
                number=form.text,
                expected=form.render(target_lang),
            ),
        )
    yield from _other_units(_forms(source, source_lang), target_forms, target_lang)
    # A number of the translation that the source does not have, unless it is one of the
    # missing ones written wrongly (its digits are already reported above).
    wrong = {_digits(form) for form in missing}
    extra = []
    for form in target_forms:
        if found[form.key] > 0:
            found[form.key] -= 1
            ends = _ends(form) if form.kind == "date" else []
            if ends and all(found[key] < 1 for key in ends):
                continue  # the range stood for two dates of the source
            if _digits(form) not in wrong:
                extra.append(form.text)
    for text in dict.fromkeys(extra):
        yield (
            WARNING,
            _("The translation has “%(number)s”, which the source does not.", number=text),
        )
    if target_lang == "ru":
        fixed = _group_digits_outside_codes(target, target_lang)
        if fixed != target:
            yield WARNING, _("Separate digit groups with a no-break space (1 000)."), fixed


def _group_digits_outside_codes(text: str, lang: str) -> str:
    """Russian digit grouping, except inside code, link addresses, URLs, phone numbers,
    versions and other digit codes."""
    spans = [(start, end) for start, end, _ticks in scanning.code_spans(text)]
    spans += [
        m.span()
        for pattern in (_LINK_TARGET, _AUTOLINK, _REFERENCE_LABEL)
        for m in pattern.finditer(text)
    ]
    spans += find_urls(text)
    spans += [(f.start, f.end) for f in find_forms(text, lang) if f.kind == "verbatim"]
    out, pos = [], 0
    for start, end in sorted(spans):
        if start >= pos:
            out += [typography.group_digits(text[pos:start]), text[start:end]]
            pos = end
        elif end > pos:
            out.append(text[pos:end])
            pos = end
    out.append(typography.group_digits(text[pos:]))
    return "".join(out)

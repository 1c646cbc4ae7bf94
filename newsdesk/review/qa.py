"""Quality checks of a translated sentence against its source, each with a stable code.

Errors block marking an article ready; warnings are advice. Codes: ``numbers``,
``links``, ``markup``, ``glossary``, ``untranslated``, ``empty``, ``same_as_source``,
``length_ratio``, ``punctuation``, ``whitespace`` and ``typography`` (Russian typography
with a one-click fix). Numbers and dates are compared by value after parsing each side
in its own language (:mod:`newsdesk.machine_translation.locale_forms`), so ``3.5`` ↔
``3,5`` and ``November 14, 2024`` ↔ ``14 ноября 2024 г.`` match and ``3.5`` in Russian
does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsdesk.machine_translation.mask import GlossaryTerm
from newsdesk.review import typography
from newsdesk.review.checks import (
    CODES,
    ERROR,
    WARNING,
    check_empty,
    check_glossary,
    check_length_ratio,
    check_links,
    check_markup,
    check_punctuation,
    check_same_as_source,
    check_typography,
    check_untranslated,
    check_whitespace,
    terms_in,
    tidy_spaces,
)
from newsdesk.review.number_checks import check_numbers

__all__ = [
    "CODES",
    "ERROR",
    "WARNING",
    "Finding",
    "blocking",
    "check_sentence",
    "fix_all",
    "terms_in",
]


@dataclass(frozen=True)
class Finding:
    """One problem: a stable code, error or warning, a message, the sentence it is about."""

    code: str
    severity: str
    message: str
    segment: int | None = None  # 1-based sentence number; None for the whole article
    fix: str | None = None  # the corrected target sentence, when a one-click fix exists

    @property
    def blocking(self) -> bool:
        return self.severity == ERROR

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "segment": self.segment,
            "message": self.message,
        }


CHECKS = (
    ("numbers", check_numbers),
    ("links", check_links),
    ("markup", check_markup),
    ("glossary", check_glossary),
    ("untranslated", check_untranslated),
    ("same_as_source", check_same_as_source),
    ("length_ratio", check_length_ratio),
    ("punctuation", check_punctuation),
    ("whitespace", check_whitespace),
    ("typography", check_typography),
)
_WITH_GLOSSARY = {"glossary", "untranslated"}


def check_sentence(
    source: str,
    target: str,
    source_lang: str,
    target_lang: str,
    glossary: Sequence[GlossaryTerm] = (),
    segment: int | None = None,
) -> list[Finding]:
    """Every finding for one sentence and its translation."""
    if not target.strip():
        empty = check_empty(source, target, source_lang, target_lang)
        return [Finding("empty", severity, message, segment) for severity, message in empty]
    findings = []
    for code, check in CHECKS:
        extra = {"glossary": glossary} if code in _WITH_GLOSSARY else {}
        for severity, message, *fix in check(source, target, source_lang, target_lang, **extra):
            findings.append(Finding(code, severity, message, segment, fix[0] if fix else None))
    return findings


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The error-severity findings: they keep an article from being marked ready."""
    return [f for f in findings if f.blocking]


def fix_all(target: str, target_lang: str) -> str:
    """The sentence with every one-click fix applied: spaces, digit groups, typography."""
    text = tidy_spaces(target)
    if target_lang == "ru":
        text = typography.fix(typography.group_digits(text))
    return text

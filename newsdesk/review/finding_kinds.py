"""Findings for people: a human name per check, one summary line per kind of finding with
its sentences, and the glossary terms of the sentences shown."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from newsdesk.machine_translation.mask import GlossaryTerm
from newsdesk.review import qa

NAMES = {
    "numbers": _l("Numbers or dates differ from the source"),
    "links": _l("Links differ from the source"),
    "markup": _l("Formatting differs from the source"),
    "glossary": _l("Glossary term not followed"),
    "untranslated": _l("Untranslated words"),
    "empty": _l("Not translated"),
    "same_as_source": _l("Same as the source"),
    "length_ratio": _l("Length differs a lot from the source"),
    "punctuation": _l("End punctuation differs"),
    "whitespace": _l("Extra spaces"),
    "typography": _l("Russian typography"),
}


def name(code: str) -> str:
    """The human name of a QA check (the code itself for an unknown one)."""
    return str(NAMES.get(code, code))


@dataclass
class Kind:
    """One line of the summary: a kind of finding, how many, in which sentences."""

    code: str
    severity: str  # the worst severity among them
    count: int = 0
    numbers: list[int] = field(default_factory=list)  # sentence numbers, each once

    @property
    def name(self) -> str:
        return name(self.code)


def summarize(findings: Iterable[qa.Finding]) -> list[Kind]:
    """One line per check code (errors first, then by name), never one per message."""
    kinds: dict[str, Kind] = {}
    for f in findings:
        kind = kinds.setdefault(f.code, Kind(f.code, f.severity))
        kind.count += 1
        if f.blocking:
            kind.severity = qa.ERROR
        if f.segment is not None and f.segment not in kind.numbers:
            kind.numbers.append(f.segment)
    return sorted(kinds.values(), key=lambda k: (k.severity != qa.ERROR, k.name))


def glossary_terms(per_row: Iterable[Iterable[GlossaryTerm]]) -> list[GlossaryTerm]:
    """The glossary terms of the sentences shown, each once, in order of appearance."""
    seen: dict[tuple, GlossaryTerm] = {}
    for terms in per_row:
        for term in terms:
            seen.setdefault((term.en, term.ru, term.kind), term)
    return list(seen.values())

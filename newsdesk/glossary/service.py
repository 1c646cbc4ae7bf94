"""Service layer for the glossary: terms, CSV import, and the pipeline's view of them."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from flask import Flask, current_app
from flask_babel import gettext as _
from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.hygiene import text_problem
from newsdesk.machine_translation.mask import GlossaryTerm as PipelineTerm
from newsdesk.models import GlossaryTerm, TermKind

CSV_COLUMNS = ("en", "ru", "kind", "note")
TERM_SOURCES = "newsdesk.glossary_term_sources"  # key in app.extensions
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection");
# the quote itself is listed so that the one added on export is the only one removed on import.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


class GlossaryError(ValueError):
    """A term or a CSV file is not acceptable; the message says which and why."""


def list_terms() -> list[GlossaryTerm]:
    return list(db.session.scalars(select(GlossaryTerm).order_by(GlossaryTerm.en)))


def pipeline_terms() -> list[PipelineTerm]:
    """The glossary as the MT pipeline takes it, with the terms other features add (the
    register of people's names) after the glossary's own."""
    terms = [PipelineTerm(en=t.en, ru=t.ru, kind=t.kind.value) for t in list_terms()]
    for source in current_app.extensions.get(TERM_SOURCES, ()):
        terms += source()
    return terms


def add_term_source(app: Flask, source: Callable[[], list[PipelineTerm]]) -> None:
    """Let a feature add terms to what MT and QA take as the glossary (at registration)."""
    app.extensions.setdefault(TERM_SOURCES, []).append(source)


def _validate(en: str, ru: str, kind: str, note: str = "") -> tuple[str, str, TermKind]:
    for text in (en, ru, note):
        problem = text_problem(text)  # NUL or a lone surrogate: not storable, not a term
        if problem:
            raise GlossaryError(problem)
    en, ru = " ".join(en.split()), " ".join(ru.split())
    try:
        term_kind = TermKind(kind)
    except ValueError:
        raise GlossaryError(
            _("Unknown kind “%(kind)s”: use do_not_translate, preferred or forbidden.", kind=kind)
        ) from None
    if not en or not ru:
        raise GlossaryError(_("A term needs both its English and its Russian form."))
    if len(en) > 200 or len(ru) > 200:
        raise GlossaryError(_("A term may have at most 200 characters."))
    return en, ru, term_kind


def add_term(en: str, ru: str, kind: str, note: str = "", *, commit: bool = True) -> GlossaryTerm:
    """Add a term, or update the kind and note of the same en/ru pair."""
    en, ru, term_kind = _validate(en, ru, kind, note)
    term = db.session.scalar(
        select(GlossaryTerm).where(GlossaryTerm.en == en, GlossaryTerm.ru == ru)
    )
    if term is None:
        term = GlossaryTerm(en=en, ru=ru)
        db.session.add(term)
    term.kind, term.note = term_kind, note.strip()[:500]
    if commit:
        db.session.commit()
    return term


def delete_term(term_id: int) -> None:
    term = db.session.get(GlossaryTerm, term_id)
    if term is not None:
        db.session.delete(term)
        db.session.commit()


def _neutralise(cell: str) -> str:
    """A cell a spreadsheet cannot run: one quote before a formula-like start (OWASP)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _unneutralise(cell: str) -> str:
    """Read back a cell written by `_neutralise` (a quote before any other text is kept)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_STARTS) else cell


def import_csv(text: str) -> int:
    """Import terms from CSV with a header ``en,ru,kind[,note]``; all rows or none."""
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or not {"en", "ru", "kind"} <= set(reader.fieldnames):
        raise GlossaryError(_("The CSV file needs a header line with the columns en, ru, kind."))
    count = 0
    try:
        for line, row in enumerate(reader, start=2):
            try:
                en, ru, kind, note = (
                    _unneutralise(row.get(column) or "") for column in CSV_COLUMNS
                )
                add_term(en, ru, kind, note, commit=False)
            except GlossaryError as exc:
                raise GlossaryError(
                    _("Line %(line)d: %(problem)s", line=line, problem=exc)
                ) from None
            count += 1
    except GlossaryError:
        db.session.rollback()
        raise
    db.session.commit()
    return count


def export_csv() -> str:
    """All terms as CSV; cells that a spreadsheet would run as formulas are neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for term in list_terms():
        row = (term.en, term.ru, term.kind.value, term.note)
        writer.writerow([_neutralise(cell) for cell in row])
    return out.getvalue()

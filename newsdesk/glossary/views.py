"""Editor pages for the glossary: list, add, delete, CSV import and export."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from newsdesk.glossary import service as glossary
from newsdesk.glossary.forms import GlossaryImportForm, TermForm
from newsdesk.security import ActionForm

bp = Blueprint("glossary", __name__, url_prefix="/editor")


def _require_editor() -> None:
    if not current_user.can_publish:
        abort(403)


@bp.route("/glossary", methods=["GET", "POST"])
def show_glossary():
    form = TermForm()
    if form.validate_on_submit():
        _require_editor()
        try:
            glossary.add_term(form.en.data, form.ru.data, form.kind.data, form.note.data or "")
        except glossary.GlossaryError as exc:
            flash(str(exc), "error")
        else:
            flash(_("Term saved."), "success")
            return redirect(url_for("glossary.show_glossary"))
    return render_template(
        "glossary/glossary.html",
        terms=glossary.list_terms(),
        form=form,
        upload=GlossaryImportForm(),
        action=ActionForm(),
    )


@bp.route("/glossary/import", methods=["POST"])
def import_glossary():
    _require_editor()
    upload = GlossaryImportForm()
    if not upload.validate_on_submit():
        for error in upload.file.errors:
            flash(str(error), "error")
        return redirect(url_for("glossary.show_glossary"))
    try:
        text = upload.file.data.read().decode("utf-8-sig")
        count = glossary.import_csv(text)
    except UnicodeDecodeError:
        flash(_("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."), "error")
    except glossary.GlossaryError as exc:
        flash(_("Nothing was imported. %(problem)s", problem=exc), "error")
    else:
        flash(ngettext("%(num)d term imported.", "%(num)d terms imported.", count), "success")
    return redirect(url_for("glossary.show_glossary"))


@bp.route("/glossary.csv")
def export_glossary():
    return Response(
        glossary.export_csv(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=glossary.csv"},
    )


@bp.route("/glossary/<int:term_id>/delete", methods=["POST"])
def delete_term(term_id: int):
    _require_editor()
    if not ActionForm().validate_on_submit():
        abort(400)
    glossary.delete_term(term_id)
    flash(_("Term deleted."), "success")
    return redirect(url_for("glossary.show_glossary"))

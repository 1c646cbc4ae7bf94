"""The admin's models page actions: upload a .argosmodel, install from the index, remove."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.exceptions import RequestEntityTooLarge

from newsdesk.security import ActionForm
from newsdesk.translation_jobs import model_admin
from newsdesk.translation_jobs.views import bp


class ModelUploadForm(FlaskForm):
    """One .argosmodel file."""

    package = FileField(_l("Model file (.argosmodel)"))


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _answer(ok: bool, message: str, status: int = 200):
    """The message flashed for the models page; JSON for the upload script (which then opens
    the page), else a redirect to it (the no-JS form post)."""
    flash(message, "success" if ok else "error")
    if _wants_json():
        return jsonify(ok=ok, message=message, next=url_for(".show_models")), status
    return redirect(url_for(".show_models"))


def _done(package) -> str:
    return _(
        "Installed the %(source)s→%(target)s model %(name)s %(version)s.",
        source=package.from_code,
        target=package.to_code,
        name=package.name,
        version=package.version,
    )


@bp.route("/admin/mt")
def show_models():
    """Which translation models are installed; admins also install and remove them here."""
    return render_template(
        "translation_jobs/models.html",
        upload_form=ModelUploadForm(),
        **model_admin.page_context(),
    )


@bp.route("/admin/mt/upload", methods=["POST"])
def upload_model():
    form = ModelUploadForm()
    if not form.validate_on_submit():
        return _answer(False, _("The form expired; reload the page and try again."), 400)
    try:
        package = model_admin.install_upload(request.files.get("package"))
    except model_admin.ModelAdminError as exc:
        return _answer(False, exc.message, 400)
    return _answer(True, _done(package))


@bp.route("/admin/mt/index/<any(en, ru):source>/<any(en, ru):target>", methods=["POST"])
def install_from_index(source: str, target: str):
    if (source, target) not in model_admin.SUPPORTED:
        abort(404)
    if not ActionForm().validate_on_submit():
        return _answer(False, _("The form expired; reload the page and try again."), 400)
    try:
        package = model_admin.install_from_index(source, target)
    except model_admin.ModelAdminError as exc:
        return _answer(False, exc.message, 400)
    return _answer(True, _done(package))


@bp.route("/admin/mt/remove/<any(en, ru):source>/<any(en, ru):target>", methods=["POST"])
def remove_model(source: str, target: str):
    if (source, target) not in model_admin.SUPPORTED:
        abort(404)
    if not ActionForm().validate_on_submit():
        return _answer(False, _("The form expired; reload the page and try again."), 400)
    try:
        model_admin.remove(source, target)
    except model_admin.ModelAdminError as exc:
        return _answer(False, exc.message, 400)
    return _answer(
        True, _("Removed the %(source)s→%(target)s model.", source=source, target=target)
    )


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """An upload over the limit: the reason on the models page (other pages: the 413 page)."""
    if request.max_content_length == model_admin.upload_limit():  # an admin's model upload
        return _answer(False, model_admin.too_big_message(), 413)
    return render_template("error.html", code=413), 413

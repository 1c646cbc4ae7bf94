"""Editor pages of the name register: the list with an add form, and one person's edit form."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from newsdesk.people import service as people
from newsdesk.people.forms import PersonForm

bp = Blueprint("people", __name__, url_prefix="/editor")


def _save(form: PersonForm, person) -> bool:
    """Save the form's person; True when saved, else the reason is flashed."""
    if not current_user.can_publish:
        abort(403)
    try:
        people.save_person(
            person,
            name_en=form.name_en.data,
            name_ru=form.name_ru.data,
            role_en=form.role_en.data or "",
            role_ru=form.role_ru.data or "",
        )
    except people.PeopleError as exc:
        flash(str(exc), "error")
        return False
    flash(_("Saved."), "success")
    return True


@bp.route("/people", methods=["GET", "POST"])
def list_people():
    """Everyone in the register; editors add people here, translators read."""
    form = PersonForm()
    if form.validate_on_submit() and _save(form, None):
        return redirect(url_for("people.list_people"))
    return render_template("people/people.html", people=people.list_people(), form=form)


@bp.route("/people/<int:person_id>", methods=["GET", "POST"])
def edit_person(person_id: int):
    person = people.get_person(person_id) or abort(404)
    form = PersonForm(obj=person)
    if form.validate_on_submit() and _save(form, person):
        return redirect(url_for("people.list_people"))
    return render_template("people/person.html", person=person, form=form)

"""Editor pages for topics: the list, and one topic's names and addresses per language."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from newsdesk.topics import service as topics
from newsdesk.topics.forms import TopicForm

bp = Blueprint("topics", __name__, url_prefix="/editor")


@bp.route("/topics")
def list_topics():
    return render_template("topics/topics.html", rows=topics.list_topics())


@bp.route("/topics/<int:topic_id>", methods=["GET", "POST"])
def edit_topic(topic_id: int):
    """Translate a topic: its name and address in each language (editors)."""
    topic = topics.get_topic(topic_id) or abort(404)
    form = TopicForm(obj=topic)
    if form.validate_on_submit():
        try:
            topics.rename_topic(
                topic,
                name_en=form.name_en.data,
                name_ru=form.name_ru.data,
                slug_en=form.slug_en.data or "",
                slug_ru=form.slug_ru.data or "",
            )
        except topics.TopicError as exc:
            flash(str(exc), "error")
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("topics.list_topics"))
    return render_template("topics/topic.html", topic=topic, form=form)

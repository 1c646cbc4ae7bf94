"""The editor's pages: story list, drafting, pairing and publishing."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import to_user_timezone, to_utc
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from newsdesk.hygiene import page_number
from newsdesk.markup import render_markdown
from newsdesk.models import LANGS, Status, utcnow
from newsdesk.security import ActionForm
from newsdesk.stories import schedule, signals
from newsdesk.stories import service as stories
from newsdesk.stories.forms import ArticleForm, NewStoryForm, PublishForm

bp = Blueprint("stories", __name__, url_prefix="/editor")


@bp.before_request
@login_required
def require_login() -> None:
    """Every editor page needs a logged-in user."""


def story_or_404(story_id: int):
    story = stories.get_story(story_id)
    if story is None:
        abort(404)
    return story


def _require_publisher() -> None:
    if not current_user.can_publish:
        abort(403)


@bp.route("/")
def list_stories():
    status = request.args.get("status") or None
    lang = request.args.get("lang") if request.args.get("lang") in LANGS else None
    pagination = stories.list_stories(status=status, lang=lang, page=page_number())
    return render_template(
        "stories/list.html",
        pagination=pagination,
        status=status,
        lang=lang,
        langs=LANGS,
        **signals.page_context(signals.story_list_page, stories=pagination.items),
    )


@bp.route("/stories/new", methods=["GET", "POST"])
def create_story():
    _require_publisher()
    form = NewStoryForm(lang=request.args.get("lang", "en"))
    preview = render_markdown(form.body.data) if form.preview.data else None
    if form.save.data and form.validate_on_submit():
        try:
            story = stories.create_story(
                lang=form.lang.data,
                title=form.title.data,
                slug=form.slug.data,
                lead=form.lead.data or "",
                body=form.body.data or "",
                tags=form.tags.data or "",
                status=Status(form.status.data),
                author=current_user,
                authors=form.authors.data or "",
            )
        except stories.StoryError as exc:
            flash(exc.message, "error")
        else:
            flash(_("Story created."), "success")
            return redirect(url_for("stories.show_story", story_id=story.id))
    return render_edit(form, None, preview=preview)


def render_edit(form, article, *, preview=None, conflict=None, merge=None, status: int = 200):
    """The editor page, with its autosave, restore offer and presence notice."""
    context = signals.page_context(
        signals.edit_page,
        article=article,
        form=form,
        unsaved=request.method == "POST",
        conflict=conflict is not None or merge is not None,
        restoring=request.method == "GET" and request.args.get("restore") == "draft",
    )
    page = render_template(
        "stories/edit.html",
        form=form,
        article=article,
        preview=preview,
        conflict=conflict,
        merge=merge,
        **context,
    )
    return page, status


@bp.route("/stories/<int:story_id>")
def show_story(story_id: int):
    story = story_or_404(story_id)
    local = (
        to_user_timezone(story.published_at).replace(tzinfo=None) if story.published_at else None
    )
    return _render_story(story, PublishForm(published_at=local))


def _render_story(story, form: PublishForm):
    return render_template(
        "stories/story.html",
        story=story,
        form=form,
        action=ActionForm(),
        now=utcnow(),
        **signals.page_context(signals.story_page, story=story),
    )


@bp.route("/stories/<int:story_id>/<any(en, ru):lang>/edit", methods=["GET", "POST"])
def edit_article(story_id: int, lang: str):
    story = story_or_404(story_id)
    article = story.article(lang)
    if article is None:
        abort(404)
    if not current_user.can_edit(lang):
        abort(403)
    form = ArticleForm(obj=article if request.method == "GET" else None)
    if article.status == Status.MT_DRAFT:
        form.status.choices = [SelectChoice("mt_draft", _("Machine draft")), *form.status.choices]
    if request.method == "GET":
        form.base_version.data = article.version
        form.tags.data = ", ".join(story.tag_names)
        form.authors.data = ", ".join(story.author_names(lang))
        form.status.data = article.status.value
    preview = render_markdown(form.body.data) if form.preview.data else None
    if form.save.data and form.validate_on_submit():
        try:
            _save(form, article, _typed(form))
        except stories.ConflictError as exc:
            return _merge(form, article, exc)
        except stories.StoryError as exc:
            flash(exc.message, "error")
        else:
            flash(_saved_message(article), "success")
            return redirect(url_for("stories.show_story", story_id=story.id))
    return render_edit(form, article, preview=preview)


def _saved_message(article) -> str:
    if not article.unpublished_changes:
        return _("Saved.")
    return _(
        "Saved as unpublished changes: readers see the published version until someone "
        "allowed to publish publishes the changes."
    )


def _typed(form) -> dict[str, str]:
    """Title, lead and body as sent; after a merge page, with the editor's choices applied."""
    typed = {"title": form.title.data, "lead": form.lead.data or "", "body": form.body.data or ""}
    state = request.form.get("merge_state")
    if not state:
        return typed
    choices = {
        int(key[5:]): value
        for key, value in request.form.items()
        if key.startswith("keep-") and key[5:].isdigit() and len(key) < 12
    }
    return stories.resolve_merge(state, choices, typed)


def _save(form, article, text: dict[str, str], base_version: int | None = None) -> None:
    stories.update_article(
        article,
        title=text["title"],
        slug=form.slug.data,
        lead=text["lead"],
        body=text["body"],
        status=Status(form.status.data),
        tags=form.tags.data if current_user.can_publish else None,
        authors=form.authors.data if current_user.can_publish else None,
        base_version=base_version or int(form.base_version.data or 0) or None,
        user=current_user,
    )


def _merge(form, article, conflict):
    """A save from a stale page: merged and saved when the changes do not overlap; else the
    page shows each overlap side by side (keep mine / keep theirs) with one message."""
    base = int(form.base_version.data or 0)
    proposal = stories.propose_merge(article, base, _typed(form))
    form.base_version.data = article.version  # a save from this page builds on the newer one
    if proposal is None:  # the base text is unknown: show the saved version beside mine
        return render_edit(form, article, conflict=conflict.current, status=409)
    if not proposal.conflicts:
        try:
            _save(form, article, proposal.texts(), base_version=article.version)
        except stories.StoryError as exc:
            flash(exc.message, "error")
            return render_edit(form, article, status=409)
        flash(_merged_message(article.version), "success")
        return redirect(url_for("stories.show_story", story_id=article.story_id))
    texts = proposal.texts()
    form.title.data, form.lead.data, form.body.data = texts["title"], texts["lead"], texts["body"]
    return render_edit(form, article, merge=proposal, status=409)


def _merged_message(version: int) -> str:
    return _(
        "Someone else saved this article while you were editing (version %(n)d). Your changes "
        "and theirs were in different places: both are kept, merged into one version.",
        n=version - 1,
    )


@bp.route("/stories/<int:story_id>/translation", methods=["POST"])
def add_translation(story_id: int):
    story = story_or_404(story_id)
    target = stories.other_lang(story.source_lang)
    if not current_user.can_edit(target) or not ActionForm().validate_on_submit():
        abort(403)
    stories.add_translation(story, current_user)
    return redirect(url_for("stories.edit_article", story_id=story.id, lang=target))


@bp.route("/stories/<int:story_id>/publish", methods=["POST"])
def publish_story(story_id: int):
    _require_publisher()
    story = story_or_404(story_id)
    form = PublishForm()
    if not form.validate_on_submit():
        flash(_("Check the publication date."), "error")
        return _render_story(story, form), 400
    at = to_utc(form.published_at.data) if form.published_at.data else None
    langs = ("en", "ru") if form.mode.data == "pair" else (form.mode.data,)
    changes = stories.has_unpublished_changes(story, langs)
    try:
        stories.publish(story, form.mode.data, at=at, user=current_user)
    except stories.PublishError as exc:
        for problem in getattr(exc, "problems", [exc.message]):
            flash(problem, "error")
        return _render_story(story, form), 400
    done = _("The changes are published: readers see them now.") if changes else _("Published.")
    flash(schedule.scheduled_label(story) or done, "success")
    for warning in signals.warnings_after_publish(story, langs):
        flash(warning, "warning")
    return redirect(url_for("stories.show_story", story_id=story.id))


@bp.route("/stories/<int:story_id>/unpublish", methods=["POST"])
def unpublish_story(story_id: int):
    _require_publisher()
    story = story_or_404(story_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        stories.unpublish(story, user=current_user)
    except stories.PublishError as exc:
        flash(exc.message, "error")
    else:
        flash(_("The story is no longer public."), "success")
    return redirect(url_for("stories.show_story", story_id=story.id))

"""Never lose a word: autosave into a draft, restore or discard it, and the presence ping.

The JSON endpoints answer errors as ``{"error": {"code", "message"}}`` like the REST API.
"""

from __future__ import annotations

import time
from datetime import UTC

from flask import Blueprint, current_app, flash, jsonify, redirect, request, url_for
from flask_babel import format_time
from flask_babel import gettext as _
from flask_login import current_user

from newsdesk.drafts import presence
from newsdesk.drafts import service as drafts
from newsdesk.models import Article
from newsdesk.models.editing import DraftRevision
from newsdesk.stories import service as stories

bp = Blueprint("drafts", __name__, url_prefix="/editor")


def json_error(code: str, message: str, status: int, **extra):
    """A JSON error in the REST API's shape."""
    return jsonify({"error": {"code": code, "message": message}, **extra}), status


def _article(story_id: int, lang: str):
    """The article and None, or None and a JSON error (404, 403)."""
    story = stories.get_story(story_id)
    article = story.article(lang) if story else None
    if article is None:
        return None, json_error("not_found", _("This article does not exist."), 404)
    if not current_user.can_edit(lang):
        return None, json_error("forbidden", _("Your account may not edit this article."), 403)
    return article, None


def saved_label(draft: DraftRevision) -> str:
    return _("Saved a draft copy at %(time)s", time=format_time(draft.saved_at, "short"))


@bp.route("/stories/<int:story_id>/<any(en, ru):lang>/autosave", methods=["POST"])
def autosave_article(story_id: int, lang: str):
    """Keep the editor's current text as the user's draft; the article is not touched."""
    article, error = _article(story_id, lang)
    if error:
        return error
    try:
        fields = drafts.draft_fields(request.form)
    except drafts.DraftError as exc:
        return json_error("too_long", exc.message, 400)
    base = request.form.get("base_version", type=int)
    draft = drafts.save_draft(current_user, article, fields, base_version=base)
    return jsonify(
        {
            "saved_at": draft.saved_at.isoformat() + "Z",
            "base_version": draft.base_version,
            "label": saved_label(draft),
        }
    )


@bp.route("/stories/<int:story_id>/<any(en, ru):lang>/autosave/discard", methods=["POST"])
def discard_draft(story_id: int, lang: str):
    """Throw the user's draft of this article away (the "Discard" button)."""
    article, error = _article(story_id, lang)
    if error:
        return error
    count = drafts.discard_drafts(current_user, article)
    if request.accept_mimetypes.best == "application/json":
        return jsonify({"discarded": count})
    flash(_("The unsaved text was discarded."), "info")
    return redirect(url_for("stories.edit_article", story_id=story_id, lang=lang))


@bp.route("/stories/new/draft/discard", methods=["POST"])
def discard_new_story_draft():
    """Throw away the text of a new story kept at a re-login."""
    drafts.discard_drafts(current_user, None)
    flash(_("The unsaved text was discarded."), "info")
    return redirect(url_for("stories.create_story"))


@bp.route("/stories/<int:story_id>/<any(en, ru):lang>/presence", methods=["POST"])
def ping_presence(story_id: int, lang: str):
    """The editor is still open (or, with ``leaving``, was closed); who else has it open."""
    article, error = _article(story_id, lang)
    if error:
        return error
    if request.form.get("leaving"):
        presence.leave(current_user, article)
        return jsonify({"others": [], "message": ""})
    others = presence.ping(current_user, article)
    return jsonify(
        {
            "others": [{"name": u.username, "role": u.role.value} for u in others],
            "message": presence.notice(others),
        }
    )


def restore_draft(form, draft: DraftRevision) -> None:
    """Put the draft's text into the editor form, on the version it was written on."""
    for name, value in drafts.draft_values(draft).items():
        field = getattr(form, name, None)
        if field is not None and (name != "status" or value in [c.value for c in field.choices]):
            field.data = value
    if draft.base_version:
        form.base_version.data = draft.base_version
    if draft.article_id is None and hasattr(form, "lang"):
        form.lang.data = draft.lang
    flash(_("Your unsaved text is back in the form. Press Save to keep it."), "info")


def _ms(when) -> int:
    """A stored (naive UTC) time as milliseconds since the epoch, as JavaScript counts."""
    return int(when.replace(tzinfo=UTC).timestamp() * 1000)


def edit_page_context(
    sender, *, article, form, unsaved: bool, restoring: bool, conflict: bool = False, **extra
) -> dict:
    """stories' ``edit_page`` signal: the guard of the text being edited. On a conflict page
    the text in the form is the one to save: no second offer of an unsaved copy."""
    found = guard(article, form, unsaved=unsaved, restoring=restoring)
    if conflict:
        found["offer"] = found["stale"] = False
    return {"guard": found}


def guard(article: Article | None, form, *, unsaved: bool = False, restoring: bool = False):
    """What the edit page needs to protect the text: the draft to offer, who else is editing,
    and the settings of static/editor.js."""
    user = current_user
    draft = drafts.pending_draft(user, article)
    if restoring and draft is not None:
        restore_draft(form, draft)
    config = current_app.config
    if article is None:
        prefix = f"newsdesk:draft:{user.id}:new:"
        urls = {"discard": url_for("drafts.discard_new_story_draft")}
        others, versions = [], []
        created = drafts.last_story_created_at(user)
    else:
        prefix = f"newsdesk:draft:{user.id}:{article.story_id}:{article.lang}:"
        args = {"story_id": article.story_id, "lang": article.lang}
        urls = {
            "autosave": url_for("drafts.autosave_article", **args),
            "discard": url_for("drafts.discard_draft", **args),
            "presence": url_for("drafts.ping_presence", **args),
            "restore": url_for("stories.edit_article", restore="draft", **args),
        }
        others = presence.ping(user, article)
        versions = drafts.versions_saved_by(user, article)
        created = None
    if article is None:
        urls["restore"] = url_for("stories.create_story", restore="draft")
    return {
        "draft": draft,
        "offer": draft is not None and not restoring,
        "draft_time": format_time(draft.saved_at, "short") if draft else "",
        "draft_ms": _ms(draft.saved_at) if draft else 0,
        "stale": bool(draft and article and (draft.base_version or 0) < article.version),
        "urls": urls,
        "prefix": prefix,
        "versions": ",".join(map(str, versions)),
        "others": presence.notice(others),
        "unsaved": unsaved,
        "now_ms": int(time.time() * 1000),
        "created_ms": _ms(created) if created else "",
        "autosave_ms": int(config["AUTOSAVE_INTERVAL_SECONDS"] * 1000),
        "presence_ms": int(config["PRESENCE_INTERVAL_SECONDS"] * 1000),
    }

"""Who may reach which UI endpoint, in one table, enforced before any view runs.

Views keep their finer checks (a translator edits only their languages); this layer makes the
coarse rule visible in one place, and tests/test_policy.py fails for a route missing here. An
endpoint missing from the table is refused (403) rather than left open.

The JSON API (``api.*``) is in the same table; it authenticates Bearer tokens first (a session
cookie never counts there) and then asks :func:`allows` for the token's user.
"""

from __future__ import annotations

import logging

from flask import Flask, abort, request
from flask_login import current_user

from newsdesk.extensions import login_manager

logger = logging.getLogger(__name__)

PUBLIC, STAFF, PUBLISHER, ADMIN = "public", "staff", "publisher", "admin"

POLICY: dict[str, str] = {
    "static": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": STAFF,
    "auth.logout_everywhere": STAFF,
    "auth.change_password": STAFF,
    "auth.list_users": ADMIN,
    "auth.deactivate_user": ADMIN,
    "auth.activate_user": ADMIN,
    # editor: every logged-in account; views check the article's language
    "editor.list_stories": STAFF,
    "editor.show_story": STAFF,
    "editor.edit_article": STAFF,
    "editor.add_translation": STAFF,
    # never lose a word: autosaved drafts and presence (JSON); views check the language
    "editor.autosave_article": STAFF,
    "editor.discard_draft": STAFF,
    "editor.discard_new_story_draft": STAFF,
    "editor.ping_presence": STAFF,
    "editor.translate_story": STAFF,
    "editor.show_job": STAFF,
    "editor.cancel_job": STAFF,
    "editor.show_models": STAFF,  # read-only status; server folders are shown to admins only
    "editor.show_glossary": STAFF,  # reading; adding a term is checked in the view
    "editor.export_glossary": STAFF,
    "editor.preferences": STAFF,
    "editor.show_tokens": STAFF,
    "editor.revoke_token": STAFF,
    "interop.export_xliff": STAFF,
    "interop.import_xliff": STAFF,
    # editor: publishing and shared resources
    "editor.create_story": PUBLISHER,
    "editor.publish_story": PUBLISHER,
    "editor.unpublish_story": PUBLISHER,
    "editor.edit_image": PUBLISHER,
    "editor.delete_image": PUBLISHER,
    "editor.import_glossary": PUBLISHER,
    "editor.delete_term": PUBLISHER,
    # review workspace
    "review.show_workspace": STAFF,
    "review.start_review": STAFF,
    "review.save_sentence": STAFF,
    "review.fix_sentence": STAFF,
    "review.retranslate_changed": STAFF,
    "review.mark_ready": STAFF,
    "review.edit_markdown": STAFF,
    "review.show_report": STAFF,
    "review.show_history": STAFF,
    "review.show_diff": STAFF,
    "review.restore_revision": STAFF,
    "review.show_audit": STAFF,
    "review.set_mt_note": PUBLISHER,
    "review.publish_override": PUBLISHER,
    # reader site
    "site.choose_language": PUBLIC,
    "site.list_stories": PUBLIC,
    "site.show_story": PUBLIC,
    "site.list_archive": PUBLIC,
    "site.show_month": PUBLIC,
    "site.list_tags": PUBLIC,
    "site.show_tag": PUBLIC,
    "site.search": PUBLIC,
    "site.show_feed": PUBLIC,
    "site.show_image": PUBLIC,
    "site.show_robots": PUBLIC,
    "site.show_sitemap": PUBLIC,
    # JSON API: STAFF = any valid token; the views check languages like the editor does
    "api.openapi": PUBLIC,
    "api.show_me": STAFF,
    "api.list_stories": STAFF,
    "api.show_story": STAFF,
    "api.show_article": STAFF,
    "api.show_translation_job": STAFF,
    "api.show_job": STAFF,
    "api.list_glossary": STAFF,
    "api.start_translation": STAFF,
    "api.publish_story": PUBLISHER,
    "api.unpublish_story": PUBLISHER,
    "api.add_term": PUBLISHER,
    "api.delete_term": PUBLISHER,
}


def allows(user, endpoint: str) -> bool:
    """Whether ``user`` (None or anonymous when nobody is logged in) may reach ``endpoint``."""
    need = POLICY.get(endpoint)
    if need is None:
        return False
    if need == PUBLIC:
        return True
    if user is None or not user.is_authenticated:
        return False
    if need == PUBLISHER:
        return bool(user.can_publish)
    if need == ADMIN:
        return user.is_admin
    return True


def init_app(app: Flask) -> None:
    """Check the table before every request."""
    app.before_request(_enforce)


def _enforce():
    endpoint = request.endpoint
    if endpoint is None or endpoint.startswith("api."):
        return None  # no route (404 follows), or the API's token check (newsdesk/api/auth.py)
    if endpoint not in POLICY:
        logger.error("no access policy for endpoint %s: refused", endpoint)
        abort(403)
    if allows(current_user, endpoint):
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    abort(403)

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
    "accounts.login": PUBLIC,
    "accounts.logout": STAFF,
    "accounts.logout_everywhere": STAFF,
    "accounts.change_password": STAFF,
    "accounts.list_users": ADMIN,
    "accounts.create_user": ADMIN,
    "accounts.edit_user": ADMIN,
    "accounts.create_reset_link": ADMIN,
    "accounts.deactivate_user": ADMIN,
    "accounts.activate_user": ADMIN,
    # a one-time password link: the secret in the URL is the credential (throttled per address)
    "accounts.reset_password": PUBLIC,
    # editor: every logged-in account; views check the article's language
    "stories.list_stories": STAFF,
    "desk.show_desk": STAFF,
    "stories.show_story": STAFF,
    "stories.edit_article": STAFF,
    "stories.add_translation": STAFF,
    # never lose a word: autosaved drafts and presence (JSON); views check the language
    "drafts.autosave_article": STAFF,
    "drafts.discard_draft": STAFF,
    "drafts.discard_new_story_draft": STAFF,
    "drafts.ping_presence": STAFF,
    "translation_jobs.translate_story": STAFF,
    "translation_jobs.show_job": STAFF,
    "translation_jobs.cancel_job": STAFF,
    # read-only status; server folders are shown to admins only
    "translation_jobs.show_models": STAFF,
    "translation_jobs.upload_model": ADMIN,
    "translation_jobs.install_from_index": ADMIN,
    "translation_jobs.remove_model": ADMIN,
    "glossary.show_glossary": STAFF,  # reading; adding a term is checked in the view
    "glossary.export_glossary": STAFF,
    "people.list_people": STAFF,  # reading; adding a person is checked in the view
    "topics.list_topics": STAFF,
    "accounts.preferences": STAFF,
    "accounts.show_tokens": STAFF,
    "accounts.revoke_token": STAFF,
    "interop.export_xliff": STAFF,
    "interop.import_xliff": STAFF,
    # editor: publishing and shared resources
    "stories.create_story": PUBLISHER,
    "stories.publish_story": PUBLISHER,
    "stories.unpublish_story": PUBLISHER,
    "stories.delete_story": PUBLISHER,
    "stories.show_trash": PUBLISHER,
    "stories.restore_story": PUBLISHER,
    "stories.purge_story": ADMIN,
    "images.edit_image": PUBLISHER,
    "images.delete_image": PUBLISHER,
    "glossary.import_glossary": PUBLISHER,
    "people.edit_person": PUBLISHER,
    "topics.edit_topic": PUBLISHER,
    "glossary.delete_term": PUBLISHER,
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
    "review.show_live_diff": STAFF,
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
    "site.show_feed_style": PUBLIC,
    "site.show_image": PUBLIC,
    "site.show_preview": PUBLIC,  # the signed link is the credential
    "site.preview_story": STAFF,
    "site.create_preview_link": STAFF,
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

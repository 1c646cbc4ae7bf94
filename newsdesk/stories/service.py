"""Service layer for stories: drafting, pairing and publishing. Services commit; views don't.

Callers use the names re-exported here (``from newsdesk.stories import service as stories``;
``stories.create_story(...)``); each submodule does one job:

- ``errors``: StoryError and its kinds, shown to the user as is;
- ``fields``: languages, title and slug limits, unique slugs, tags;
- ``history``: versions, revisions and audit entries of a change;
- ``editing``: create a story, add its other language, save an article;
- ``publishing``: publish (both languages, or one; again to put a live version's changes on
  the site: readers see ``models.LiveArticle`` copies), or unpublish;
- ``signals``: what other features subscribe to (saved, before ready, before publish, pages);
- ``queries``: the editor's story and story list;
- ``trash``: delete a story to the trash, restore it, purge it for good;
- ``conflicts``: merge a save from a stale page with the newer version (``merge``: diff3).

What readers may see is asked of ``newsdesk.site.queries``.
"""

from newsdesk.models import Status
from newsdesk.stories.conflicts import propose as propose_merge
from newsdesk.stories.conflicts import resolve as resolve_merge
from newsdesk.stories.editing import add_article, add_translation, create_story, update_article
from newsdesk.stories.errors import ConflictError, PublishError, StoryError
from newsdesk.stories.fields import MAX_SLUG, MAX_TITLE, SLUG_RE, make_slug, other_lang, parse_tags
from newsdesk.stories.history import record_revision, record_sentence_save
from newsdesk.stories.publishing import (
    has_unpublished_changes,
    publish,
    publish_pair,
    publish_single,
    unpublish,
)
from newsdesk.stories.queries import get_story, list_stories
from newsdesk.stories.slugs import retitle
from newsdesk.stories.trash import (
    delete_story,
    purge_expired,
    purge_story,
    restore_story,
    trashed_stories,
)

__all__ = [
    "MAX_SLUG",
    "MAX_TITLE",
    "SLUG_RE",
    "ConflictError",
    "PublishError",
    "Status",  # kept for callers that wrote stories.Status when it was one module
    "StoryError",
    "add_article",
    "add_translation",
    "create_story",
    "delete_story",
    "get_story",
    "has_unpublished_changes",
    "list_stories",
    "make_slug",
    "other_lang",
    "parse_tags",
    "propose_merge",
    "publish",
    "publish_pair",
    "publish_single",
    "purge_expired",
    "purge_story",
    "record_revision",
    "record_sentence_save",
    "retitle",
    "resolve_merge",
    "restore_story",
    "trashed_stories",
    "unpublish",
    "update_article",
]

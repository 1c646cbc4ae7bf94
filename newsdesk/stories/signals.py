"""What the stories feature tells other features, which subscribe in their ``register(app)``.

Stories import nothing of the features that react: review re-aligns a saved translation,
refuses an unready one and gates publishing through these signals. Every signal is sent
with the current app as sender, so a receiver connected with ``sender=app`` runs once for
that app, however many apps a test process builds.
"""

from __future__ import annotations

from typing import Any

from blinker import NamedSignal, Namespace
from flask import current_app

_signals = Namespace()

article_saved = _signals.signal("article-saved")
"""An article's new text is set, before its revision is written (``article``, ``user``).
A receiver may raise StoryError: the save is then rolled back."""

story_fields = _signals.signal("story-fields")
"""Fields other features keep for a story were sent with a save (``story``, ``values``: a
dict such as ``{"authors": "A, B"}``), before it is committed. A receiver may raise
StoryError naming the field: the save is then rolled back."""

before_ready = _signals.signal("before-ready")
"""An article is about to be marked ready (``article``); receivers return a list of the
reasons why it may not be (empty when it may)."""

before_publish = _signals.signal("before-publish")
"""Languages of a story are about to be published (``story``, ``langs``, ``user``,
``override_reason``); a receiver vetoes by raising PublishError."""

published = _signals.signal("published")
"""Languages of a story were just published and committed (``story``): translation_jobs
turns a published pair into translation-memory units. Receivers must not raise."""

publish_warnings = _signals.signal("publish-warnings")
"""Languages of a story were just published by an editor (``story``, ``langs``); receivers
return warnings for that editor (a text that should not stay empty), never a veto."""

saved_by_user = _signals.signal("saved-by-user")
"""A person's save is about to be committed (``user``, ``article``: None when the save created
a story): drafts drops the autosaved copies that this save supersedes."""

edit_page = _signals.signal("edit-page")
"""The editor's article form is rendered (``article``: None for a new story, ``form``,
``unsaved``, ``restoring``, ``conflict``: the page shows a save that met a newer version);
receivers return context for it (drafts: the autosave guard,
and it may fill ``form`` from a draft being restored)."""

story_purging = _signals.signal("story-purging")
"""A story in the trash is about to be deleted for good (``story``), with its rows (the
database cascades); receivers may return a callable run after the commit (images: remove
the file no other story uses)."""

story_page = _signals.signal("story-page")
"""The editor's story page is rendered (``story``); receivers return context for it."""

story_list_page = _signals.signal("story-list-page")
"""The editor's story list is rendered (``stories``: those on the page); receivers return
context for it."""

PANEL_KEYS = ("side_panels", "story_panels", "list_cell_panels")
"""Context keys holding lists of template names; the pages include each of them:
``side_panels`` in each language's side of the story page, ``story_panels`` at its end,
``list_cell_panels`` in each language's cell of the story list. The order between
features is not defined (blinker keeps receivers in a set)."""


def send(signal: NamedSignal, **kwargs: Any) -> list[Any]:
    """Send ``signal`` for the current app; the receivers' return values, in order."""
    return [value for _receiver, value in signal.send(current_app._get_current_object(), **kwargs)]


def ready_problems(article) -> list[str]:
    """Why the article may not be marked ready, as the subscribed features see it."""
    return [problem for found in send(before_ready, article=article) for problem in found or ()]


def warnings_after_publish(story, langs: tuple[str, ...]) -> list[str]:
    """What the subscribed features want the editor to know about what was just published."""
    found = send(publish_warnings, story=story, langs=langs)
    return [warning for warnings in found for warning in warnings or ()]


def page_context(signal: NamedSignal, **kwargs: Any) -> dict[str, Any]:
    """The context the receivers add to a page: panel lists joined, other keys merged."""
    context: dict[str, Any] = {key: [] for key in PANEL_KEYS}
    for fragment in send(signal, **kwargs):
        for key, value in (fragment or {}).items():
            if key in PANEL_KEYS:
                context[key].extend(value)
            else:
                context[key] = value
    return context
